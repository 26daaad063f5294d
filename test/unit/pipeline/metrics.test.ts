import { ValidationError } from 'deltran';
import {
  createMemoryMetrics,
  isolateMetrics,
  type MetricsSink,
  noopMetrics,
  PIPELINE_METRICS,
  STAGE_OUTCOMES,
} from 'deltran/pipeline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// fast-check runs with the global seed of test/setup.ts; it is shown here so a failure can be replayed.
const SEED = Number(process.env.DELTRAN_SEED ?? 1);

/** The nearest-rank percentile of a sorted array: the value at rank ⌈p·n/100⌉ (1-based). */
function nearestRank(sorted: readonly number[], percent: number): number {
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[rank - 1]!;
}

describe('PIPELINE_METRICS', () => {
  it('should name every metric the pipeline records, with its kind, unit and attributes', () => {
    // Assert
    expect(PIPELINE_METRICS.stageMessages).toEqual({
      name: 'deltran.stage.messages',
      kind: 'counter',
      unit: '{message}',
      description: expect.any(String),
      attributes: ['stage', 'topic', 'outcome'],
    });
    expect(PIPELINE_METRICS.stageLatency.name).toBe('deltran.stage.latency_ms');
    expect(PIPELINE_METRICS.stageLatency.unit).toBe('ms');
    expect(PIPELINE_METRICS.paymentEndToEnd.name).toBe('deltran.payment.end_to_end_ms');
    expect(PIPELINE_METRICS.slaBreaches.name).toBe('deltran.sla.breaches');
    expect(PIPELINE_METRICS.complianceDecisions.attributes).toEqual(['decision']);
    expect(PIPELINE_METRICS.settlementResults.attributes).toEqual(['status']);
    expect(STAGE_OUTCOMES).toEqual(['ok', 'duplicate', 'retry', 'dead-letter', 'rejected']);
  });

  it('should be frozen all the way down', () => {
    // Assert
    expect(Object.isFrozen(PIPELINE_METRICS)).toBe(true);
    expect(Object.isFrozen(PIPELINE_METRICS.stageMessages)).toBe(true);
    expect(Object.isFrozen(PIPELINE_METRICS.stageMessages.attributes)).toBe(true);
    const names = Object.values(PIPELINE_METRICS).map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('createMemoryMetrics', () => {
  it('should count by name and attributes, whatever the attribute order', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    const name = PIPELINE_METRICS.stageMessages.name;
    // Act
    metrics.counter(name, 1, { stage: 'compliance', topic: 'compliance.check', outcome: 'ok' });
    metrics.counter(name, 2, { outcome: 'ok', topic: 'compliance.check', stage: 'compliance' });
    metrics.counter(name, undefined, { stage: 'compliance', topic: 'compliance.check', outcome: 'rejected' });
    metrics.counter(name, 1, { stage: 'token', topic: 'token.mint', outcome: 'ok' });
    metrics.counter('host.custom');
    // Assert
    expect(metrics.snapshot().counters).toEqual([
      {
        name: 'deltran.stage.messages',
        attributes: { outcome: 'ok', stage: 'compliance', topic: 'compliance.check' },
        value: 3,
      },
      {
        name: 'deltran.stage.messages',
        attributes: { outcome: 'ok', stage: 'token', topic: 'token.mint' },
        value: 1,
      },
      {
        name: 'deltran.stage.messages',
        attributes: { outcome: 'rejected', stage: 'compliance', topic: 'compliance.check' },
        value: 1,
      },
      { name: 'host.custom', attributes: {}, value: 1 },
    ]);
    expect(metrics.counterTotal(name)).toBe(5);
    expect(metrics.counterTotal(name, { stage: 'compliance' })).toBe(4);
    expect(metrics.counterTotal(name, { outcome: 'ok' })).toBe(4);
    expect(metrics.counterTotal(name, { stage: 'risk' })).toBe(0);
    expect(metrics.counterTotal('nothing')).toBe(0);
  });

  it('should summarise a histogram with exact count, sum, min and max', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    const name = PIPELINE_METRICS.stageLatency.name;
    // Act: 1..100 ms in a shuffled order
    for (let i = 0; i < 100; i++) metrics.histogram(name, ((i * 37) % 100) + 1, { stage: 'clearing' });
    // Assert: small integers sit alone in their buckets, so the percentiles are exact
    expect(metrics.snapshot().histograms).toEqual([
      {
        name,
        attributes: { stage: 'clearing' },
        count: 100,
        sum: 5050,
        min: 1,
        max: 100,
        p50: 50,
        p90: 90,
        p95: 95,
        p99: 99,
      },
    ]);
  });

  it('should merge series that match, and answer undefined when none does', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    const name = PIPELINE_METRICS.stageLatency.name;
    metrics.histogram(name, 2, { stage: 'a' });
    metrics.histogram(name, 4, { stage: 'b' });
    metrics.histogram(name, 6, { stage: 'b' });
    // Act
    const all = metrics.histogramSummary(name);
    const b = metrics.histogramSummary(name, { stage: 'b' });
    // Assert
    expect(all).toMatchObject({ count: 3, sum: 12, min: 2, max: 6, p50: 4 });
    expect(b).toMatchObject({ count: 2, sum: 10, min: 4, max: 6, p50: 4, p99: 6 });
    expect(metrics.histogramSummary(name, { stage: 'c' })).toBeUndefined();
  });

  it('should keep the last value of a gauge', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    // Act
    metrics.gauge(PIPELINE_METRICS.stageInFlight.name, 3, { stage: 'token' });
    metrics.gauge(PIPELINE_METRICS.stageInFlight.name, 1, { stage: 'token' });
    // Assert
    expect(metrics.snapshot().gauges).toEqual([
      { name: 'deltran.stage.in_flight', attributes: { stage: 'token' }, value: 1 },
    ]);
  });

  it('should drop non-finite values and negative counter increments instead of throwing', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    // Act
    metrics.counter('c', -1);
    metrics.counter('c', Number.NaN);
    metrics.histogram('h', Number.POSITIVE_INFINITY);
    metrics.gauge('g', Number.NaN);
    metrics.histogram('h', -5);
    // Assert
    const snapshot = metrics.snapshot();
    expect(snapshot.dropped).toBe(4);
    expect(snapshot.counters).toEqual([]);
    expect(snapshot.histograms).toMatchObject([{ name: 'h', count: 1, min: -5, max: -5, p50: -5 }]);
  });

  it('should forget everything on reset', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    metrics.counter('c');
    metrics.histogram('h', 1);
    metrics.gauge('g', 1);
    metrics.counter('c', -1);
    // Act
    metrics.reset();
    // Assert
    expect(metrics.snapshot()).toEqual({ counters: [], histograms: [], gauges: [], dropped: 0 });
  });

  it('should record into the same series through a frozen attribute object, before and after a reset', () => {
    // Arrange: the pipeline passes one frozen object per stage and outcome (the sink caches its series)
    const metrics = createMemoryMetrics();
    const frozen = Object.freeze({ stage: 'compliance', outcome: 'ok' });
    const equal = { outcome: 'ok', stage: 'compliance' };
    // Act
    metrics.counter('c', 2, frozen);
    metrics.counter('c', 3, equal);
    metrics.counter('d', 1, frozen);
    metrics.histogram('c', 7, frozen);
    metrics.gauge('c', 9, frozen);
    metrics.counter('c');
    metrics.counter('c', 1);
    // Assert: one series per name, kind and attributes, whichever object carried them
    expect(metrics.snapshot()).toMatchObject({
      counters: [
        { name: 'c', attributes: { outcome: 'ok', stage: 'compliance' }, value: 5 },
        { name: 'c', attributes: {}, value: 2 },
        { name: 'd', attributes: { outcome: 'ok', stage: 'compliance' }, value: 1 },
      ],
      histograms: [{ name: 'c', count: 1, sum: 7 }],
      gauges: [{ name: 'c', value: 9 }],
    });
    // Act: after a reset the same objects start new series
    metrics.reset();
    metrics.counter('c', 4, frozen);
    metrics.counter('c');
    // Assert
    expect(metrics.snapshot().counters).toEqual([
      { name: 'c', attributes: { outcome: 'ok', stage: 'compliance' }, value: 4 },
      { name: 'c', attributes: {}, value: 1 },
    ]);
  });

  it('should follow a mutable attribute object as it changes (only frozen ones are cached)', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    const attributes: Record<string, string> = { stage: 'a' };
    // Act
    metrics.counter('c', 1, attributes);
    attributes.stage = 'b';
    metrics.counter('c', 1, attributes);
    // Assert
    expect(metrics.snapshot().counters).toEqual([
      { name: 'c', attributes: { stage: 'a' }, value: 1 },
      { name: 'c', attributes: { stage: 'b' }, value: 1 },
    ]);
  });

  it('should keep two instances apart (no global state)', () => {
    // Arrange
    const a = createMemoryMetrics();
    const b = createMemoryMetrics();
    // Act
    a.counter('c');
    // Assert
    expect(b.counterTotal('c')).toBe(0);
  });

  it('should give a snapshot that is plain JSON', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    metrics.counter('c', 2, { stage: 's', retried: true, shard: 3 });
    metrics.histogram('h', 0.5);
    // Act
    const snapshot = metrics.snapshot();
    // Assert
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('should refuse an out-of-range precision', () => {
    // Assert
    expect(() => createMemoryMetrics({ precisionBits: 0 })).toThrow(ValidationError);
    expect(() => createMemoryMetrics({ precisionBits: 17 })).toThrow(ValidationError);
    expect(() => createMemoryMetrics({ precisionBits: 2.5 })).toThrow(ValidationError);
  });
});

describe('noopMetrics', () => {
  it('should accept every call and hold no state', () => {
    // Act
    noopMetrics.counter('c', 1, { a: 'b' });
    noopMetrics.histogram('h', 1);
    noopMetrics.gauge?.('g', 1);
    // Assert
    expect(Object.isFrozen(noopMetrics)).toBe(true);
    expect(Object.keys(noopMetrics).sort()).toEqual(['counter', 'gauge', 'histogram']);
  });
});

describe('isolateMetrics', () => {
  it('should pass calls through and swallow what the sink throws', () => {
    // Arrange
    const memory = createMemoryMetrics();
    const errors: unknown[] = [];
    const throwing: MetricsSink = {
      counter: (name, value, attributes) => {
        memory.counter(name, value, attributes);
        throw new Error('backend down');
      },
      histogram: () => {
        throw new Error('backend down');
      },
    };
    const sink = isolateMetrics(throwing, (error) => errors.push(error));
    // Act
    sink.counter('c', 2, { stage: 's' });
    sink.histogram('h', 1);
    // Assert
    expect(memory.counterTotal('c', { stage: 's' })).toBe(2);
    expect(errors).toHaveLength(2);
    expect(sink.gauge).toBeUndefined();
  });

  it('should survive an error handler that throws too', () => {
    // Arrange
    const sink = isolateMetrics(
      {
        counter: () => {
          throw new Error('a');
        },
        histogram: () => undefined,
        gauge: () => {
          throw new Error('b');
        },
      },
      () => {
        throw new Error('handler');
      },
    );
    // Act & Assert
    expect(() => sink.counter('c')).not.toThrow();
    expect(() => sink.gauge?.('g', 1)).not.toThrow();
  });
});

describe(`properties (seed ${SEED})`, () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  const latency = fc.double({ min: 0, max: 600_000, noNaN: true });

  it('should report percentiles within the stated relative error of the exact nearest-rank ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(finite, latency), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 16 }),
        (values, precisionBits) => {
          // Arrange
          const metrics = createMemoryMetrics({ precisionBits });
          const reference = [...values].sort((a, b) => a - b);
          // Act
          for (const value of values) metrics.histogram('h', value);
          const summary = metrics.histogramSummary('h')!;
          // Assert
          expect(summary.count).toBe(values.length);
          // (+ 0 turns a -0 into 0: the sink records zero as one value)
          expect(summary.min).toBe(reference[0]! + 0);
          expect(summary.max).toBe(reference[reference.length - 1]! + 0);
          const bound = 2 ** -(precisionBits + 1);
          for (const [key, percent] of [
            ['p50', 50],
            ['p90', 90],
            ['p95', 95],
            ['p99', 99],
          ] as const) {
            const exact = nearestRank(reference, percent);
            const reported = summary[key];
            expect(reported).toBeGreaterThanOrEqual(summary.min);
            expect(reported).toBeLessThanOrEqual(summary.max);
            expect(Math.abs(reported - exact)).toBeLessThanOrEqual(
              Math.abs(exact) * bound * (1 + 1e-9) + Number.MIN_VALUE,
            );
          }
        },
      ),
    );
  });

  it('should report exact percentiles for integers below 2^(precisionBits+1)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 300 }), (values) => {
        // Arrange: with 7 bits every integer below 256 has a bucket to itself
        const metrics = createMemoryMetrics();
        const reference = [...values].sort((a, b) => a - b);
        // Act
        for (const value of values) metrics.histogram('h', value);
        const summary = metrics.histogramSummary('h')!;
        // Assert
        expect(summary).toEqual({
          count: values.length,
          sum: values.reduce((a, b) => a + b, 0),
          min: reference[0],
          max: reference[reference.length - 1],
          p50: nearestRank(reference, 50),
          p90: nearestRank(reference, 90),
          p95: nearestRank(reference, 95),
          p99: nearestRank(reference, 99),
        });
      }),
    );
  });

  it('should give the same summary whether series are merged or recorded as one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(latency, fc.constantFrom('a', 'b', 'c'))), (entries) => {
        // Arrange
        const split = createMemoryMetrics();
        const single = createMemoryMetrics();
        // Act
        for (const [value, stage] of entries) {
          split.histogram('h', value, { stage });
          single.histogram('h', value);
        }
        // Assert: sums may differ in the last bits (another addition order), the rest may not
        const merged = split.histogramSummary('h');
        const one = single.histogramSummary('h');
        if (one === undefined) {
          expect(merged).toBeUndefined();
          return;
        }
        expect({ ...merged, sum: 0 }).toEqual({ ...one, sum: 0 });
        expect(merged!.sum).toBeCloseTo(one.sum, 3);
      }),
    );
  });

  it('should stay within its bound over 200,000 latencies from 1 µs to a day', () => {
    // Arrange
    const metrics = createMemoryMetrics();
    const values = fc.sample(fc.double({ min: 0.001, max: 86_400_000, noNaN: true }), 200_000);
    // Act
    for (const value of values) metrics.histogram('h', value);
    const summary = metrics.histogramSummary('h')!;
    // Assert: the structure still answers within its bound
    const reference = values.sort((a, b) => a - b);
    const exact = nearestRank(reference, 99);
    expect(Math.abs(summary.p99 - exact)).toBeLessThanOrEqual(exact * 2 ** -8);
    expect(summary.count).toBe(200_000);
  });
});
