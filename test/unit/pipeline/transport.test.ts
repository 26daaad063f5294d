import { DeltranError, ValidationError } from 'deltran';
import {
  checkTopicName,
  computeBackoffMs,
  defaultClassifyError,
  describeError,
  FatalHandlerError,
  PipelineError,
  resolveSubscribeOptions,
  SUBSCRIBE_DEFAULTS,
} from 'deltran/pipeline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('resolveSubscribeOptions', () => {
  it('should apply the defaults', () => {
    // Act
    const resolved = resolveSubscribeOptions({ topics: ['deltran.a', 'deltran.a'], group: 'g' });
    // Assert
    expect(resolved).toMatchObject({
      topics: ['deltran.a'],
      group: 'g',
      concurrency: SUBSCRIBE_DEFAULTS.concurrency,
      maxAttempts: 5,
      ackTimeoutMs: 30_000,
      deadLetterTopic: 'deltran.dead-letter',
    });
    expect(resolved.backoff(1)).toBe(200);
    expect(resolved.backoff(3)).toBe(800);
    expect(resolved.classifyError).toBe(defaultClassifyError);
  });

  it('should take the transport default dead-letter topic, and the subscription’s over it', () => {
    // Act / Assert
    expect(
      resolveSubscribeOptions({ topics: ['a'], group: 'g' }, { deadLetterTopic: 'x.dl' }).deadLetterTopic,
    ).toBe('x.dl');
    expect(
      resolveSubscribeOptions(
        { topics: ['a'], group: 'g', deadLetterTopic: 'y.dl' },
        { deadLetterTopic: 'x.dl' },
      ).deadLetterTopic,
    ).toBe('y.dl');
  });

  it('should refuse out-of-range options with a path', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ topics: [] }, 'topics'],
      [{ group: '' }, 'group'],
      [{ concurrency: 1.5 }, 'concurrency'],
      [{ maxAttempts: 0 }, 'maxAttempts'],
      [{ ackTimeoutMs: -1 }, 'ackTimeoutMs'],
      [{ backoff: { initialMs: -5 } }, 'backoff'],
      [{ backoff: { jitter: 2 } }, 'backoff'],
    ];
    for (const [patch, path] of cases) {
      expect(() => resolveSubscribeOptions({ topics: ['a'], group: 'g', ...patch } as never)).toThrow(
        expect.objectContaining({ code: 'TRANSPORT_INVALID_OPTIONS', path: [path] }),
      );
    }
  });
});

describe('checkTopicName', () => {
  it('should accept what NATS and Kafka both accept, and nothing else', () => {
    expect(checkTopicName('deltran.liquidity.select.local')).toBe('deltran.liquidity.select.local');
    for (const bad of ['', 'a..b', '.a', 'a.', 'a b', 'a.*', 'a.>', 'ü', 'x'.repeat(250)]) {
      expect(() => checkTopicName(bad)).toThrow(expect.objectContaining({ code: 'TRANSPORT_INVALID_TOPIC' }));
    }
  });
});

describe('defaultClassifyError / describeError', () => {
  it('should treat refusals for good as fatal and the rest as retryable', () => {
    expect(defaultClassifyError(new FatalHandlerError('no'))).toBe('fatal');
    expect(defaultClassifyError(new ValidationError('CORE_INVALID_INPUT', 'bad'))).toBe('fatal');
    expect(defaultClassifyError(new PipelineError('PIPELINE_INVALID_ENVELOPE', 'bad'))).toBe('fatal');
    expect(defaultClassifyError(new Error('db down'))).toBe('retry');
    expect(defaultClassifyError('string thrown')).toBe('retry');
  });

  it('should describe anything thrown as plain JSON', () => {
    expect(describeError(new DeltranError('X_CODE', 'm'))).toEqual({
      name: 'DeltranError',
      message: 'm',
      code: 'X_CODE',
    });
    expect(describeError(Object.assign(new Error('e'), { code: 'ECONNRESET' }))).toEqual({
      name: 'Error',
      message: 'e',
      code: 'ECONNRESET',
    });
    expect(describeError(42)).toEqual({ name: 'NonError', message: '42' });
  });
});

describe('properties', () => {
  it('should grow the backoff without ever passing its ceiling, and spread it by at most the jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        (initialMs, factor, maxMs, jitter, attempt, seed) => {
          // Arrange
          const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (seed >>> (i * 8)) & 0xff);
          const plain = { initialMs, factor, maxMs };
          // Act
          const a = computeBackoffMs(plain, attempt);
          const b = computeBackoffMs(plain, attempt + 1);
          const spread = computeBackoffMs({ ...plain, jitter }, attempt, bytes);
          // Assert
          expect(a).toBeLessThanOrEqual(Math.max(b, maxMs));
          expect(b).toBeLessThanOrEqual(maxMs);
          expect(Number.isInteger(spread) && spread >= 0).toBe(true);
          expect(Math.abs(spread - a)).toBeLessThanOrEqual(Math.ceil(a * jitter) + 1);
        },
      ),
    );
  });
});
