import { createSeededRandom, isValidUetr } from 'deltran';
import {
  createEnvelope,
  decodeEnvelope,
  type Envelope,
  encodeEnvelope,
  eventTypeOf,
  parseEnvelope,
  safeParseEnvelope,
} from 'deltran/pipeline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const now = () => Date.UTC(2026, 0, 2, 3, 4, 5, 678);

describe('createEnvelope', () => {
  it('should fill the CloudEvents attributes from the clock and the random source', () => {
    // Arrange
    const random = createSeededRandom(7);
    // Act
    const event = createEnvelope(
      {
        type: eventTypeOf('complianceCheck'),
        subject: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
        data: { a: 1 },
      },
      { now, random, source: '/deltran/gateway' },
    );
    // Assert
    expect(event).toEqual({
      specversion: '1.0',
      id: event.id,
      source: '/deltran/gateway',
      type: 'deltran.compliance.check',
      time: '2026-01-02T03:04:05.678Z',
      subject: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
      datacontenttype: 'application/json',
      data: { a: 1 },
    });
    expect(isValidUetr(event.id)).toBe(true);
    expect(event.id).toBe(
      createEnvelope({ type: 't', data: null }, { now, random: createSeededRandom(7) }).id,
    );
    expect(Object.isFrozen(event)).toBe(true);
  });

  it('should keep a given id and time, and omit an absent subject', () => {
    // Act
    const event = createEnvelope({ id: 'evt-1', type: 't', data: null, timeMs: 0 }, { now });
    // Assert
    expect(event.id).toBe('evt-1');
    expect(event.time).toBe('1970-01-01T00:00:00.000Z');
    expect('subject' in event).toBe(false);
    expect(event.source).toBe('/deltran');
  });

  it('should refuse an empty type or a non-finite time', () => {
    // Act / Assert
    expect(() => createEnvelope({ type: '', data: 1 }, { now })).toThrow(
      expect.objectContaining({ code: 'PIPELINE_INVALID_ENVELOPE', path: ['type'] }),
    );
    expect(() => createEnvelope({ type: 't', data: 1 }, { now: () => Number.NaN })).toThrow(
      expect.objectContaining({ code: 'PIPELINE_INVALID_ENVELOPE', path: ['time'] }),
    );
  });
});

describe('parseEnvelope / decodeEnvelope', () => {
  it('should list every problem of a bad envelope', () => {
    // Act
    const result = safeParseEnvelope({ specversion: '0.3', id: '', time: 'yesterday', data: undefined });
    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PIPELINE_INVALID_ENVELOPE');
    expect(result.error.issues.map((i) => i.path.join('.'))).toEqual([
      'specversion',
      'id',
      'source',
      'type',
      'time',
      'datacontenttype',
      'data',
    ]);
  });

  it('should refuse bytes that are not UTF-8 JSON, and JSON that is not an object', () => {
    // Act / Assert
    expect(() => decodeEnvelope(new Uint8Array([0xff, 0xfe]))).toThrow(
      expect.objectContaining({ code: 'PIPELINE_INVALID_ENVELOPE' }),
    );
    expect(() => decodeEnvelope(new TextEncoder().encode('[1,2]'))).toThrow(
      expect.objectContaining({ code: 'PIPELINE_INVALID_ENVELOPE' }),
    );
    expect(() => parseEnvelope(null)).toThrow(expect.objectContaining({ code: 'PIPELINE_INVALID_ENVELOPE' }));
  });

  it('should refuse a bigint in data when encoding, naming the event', () => {
    // Arrange
    const event = { ...createEnvelope({ id: 'e-9', type: 't', data: null }, { now }), data: { minor: 1n } };
    // Act / Assert
    expect(() => encodeEnvelope(event as Envelope)).toThrow(
      expect.objectContaining({ code: 'PIPELINE_ENVELOPE_NOT_SERIALIZABLE', path: ['data'] }),
    );
  });

  it('should pin the wording of the most common error', () => {
    // Act / Assert
    expect(() => parseEnvelope({})).toThrowErrorMatchingInlineSnapshot(
      `[PipelineError: [deltran] parseEnvelope: not a DelTran event envelope: expected specversion "1.0" (and 6 more)]`,
    );
  });
});

describe('properties', () => {
  const json: fc.Arbitrary<unknown> = fc.jsonValue();
  it('should decode what it encodes, for any JSON data', () => {
    fc.assert(
      fc.property(
        json,
        fc.string({ minLength: 1 }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (data, id, subject) => {
          // Arrange
          const event = createEnvelope(
            { id, type: 'deltran.x', data: data ?? null, ...(subject === undefined ? {} : { subject }) },
            { now },
          );
          // Act
          const back = decodeEnvelope(encodeEnvelope(event));
          // Assert: JSON normalises -0 to 0, as every transport would
          expect(back).toEqual(JSON.parse(JSON.stringify(event)));
        },
      ),
    );
  });
});
