import type { Meter } from '@opentelemetry/api';
import {
  DataPointType,
  type HistogramMetricData,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import createDefault, {
  ADAPTER_NAME,
  createOpenTelemetryMetrics,
  LATENCY_BOUNDARIES_MS,
} from 'deltran/adapters/opentelemetry';
import { PIPELINE_METRICS } from 'deltran/pipeline';
import { afterEach, describe, expect, it } from 'vitest';

/** A pull reader: the test collects when it wants (the SDK's own MetricReader, nothing faked). */
class TestReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

const providers: MeterProvider[] = [];

function setup() {
  const reader = new TestReader();
  const provider = new MeterProvider({ readers: [reader] });
  providers.push(provider);
  const meter = provider.getMeter('deltran');
  const collect = async (): Promise<Map<string, MetricData>> => {
    const { resourceMetrics, errors } = await reader.collect();
    expect(errors).toEqual([]);
    const out = new Map<string, MetricData>();
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) out.set(metric.descriptor.name, metric);
    }
    return out;
  };
  return { meter, collect };
}

afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.shutdown();
});

describe('createOpenTelemetryMetrics', () => {
  it('should be the default export and name the adapter', () => {
    // Assert
    expect(createDefault).toBe(createOpenTelemetryMetrics);
    expect(ADAPTER_NAME).toBe('opentelemetry');
  });

  it('should record counters per attribute set, with the description and unit of PIPELINE_METRICS', async () => {
    // Arrange
    const { meter, collect } = setup();
    const sink = createOpenTelemetryMetrics({ meter });
    const name = PIPELINE_METRICS.stageMessages.name;
    // Act
    sink.counter(name, 1, { stage: 'compliance', topic: 'compliance.check', outcome: 'ok' });
    sink.counter(name, 2, { stage: 'compliance', topic: 'compliance.check', outcome: 'ok' });
    sink.counter(name, undefined, { stage: 'compliance', topic: 'compliance.check', outcome: 'rejected' });
    const metrics = await collect();
    // Assert
    const metric = metrics.get(name)!;
    expect(metric.descriptor).toMatchObject({
      name,
      description: PIPELINE_METRICS.stageMessages.description,
      unit: '{message}',
    });
    expect(metric.dataPointType).toBe(DataPointType.SUM);
    const points = metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value }));
    expect(points).toEqual(
      expect.arrayContaining([
        { attributes: { stage: 'compliance', topic: 'compliance.check', outcome: 'ok' }, value: 3 },
        { attributes: { stage: 'compliance', topic: 'compliance.check', outcome: 'rejected' }, value: 1 },
      ]),
    );
    expect(points).toHaveLength(2);
  });

  it('should record histograms in ms with the latency bucket advice', async () => {
    // Arrange
    const { meter, collect } = setup();
    const sink = createOpenTelemetryMetrics({ meter });
    const name = PIPELINE_METRICS.stageLatency.name;
    // Act
    for (const value of [0.2, 0.7, 3, 40]) sink.histogram(name, value, { stage: 'token' });
    sink.histogram(name, 12, { stage: 'risk' });
    const metrics = await collect();
    // Assert
    const metric = metrics.get(name) as HistogramMetricData;
    expect(metric.descriptor.unit).toBe('ms');
    expect(metric.dataPointType).toBe(DataPointType.HISTOGRAM);
    const token = metric.dataPoints.find((p) => p.attributes.stage === 'token')!;
    expect(token.value).toMatchObject({ count: 4, sum: 43.9, min: 0.2, max: 40 });
    expect(token.value.buckets.boundaries).toEqual([...LATENCY_BOUNDARIES_MS]);
    // 0.2 ≤ 0.25, 0.7 ≤ 1, 3 ≤ 5, 40 ≤ 50
    const counts = token.value.buckets.counts;
    const bucketOf = (v: number) => LATENCY_BOUNDARIES_MS.findIndex((b) => v <= b);
    for (const v of [0.2, 0.7, 3, 40]) expect(counts[bucketOf(v)]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
    const risk = metric.dataPoints.find((p) => p.attributes.stage === 'risk')!;
    expect(risk.value).toMatchObject({ count: 1, sum: 12 });
  });

  it("should take the host's boundaries and definitions for its own metrics", async () => {
    // Arrange
    const { meter, collect } = setup();
    const sink = createOpenTelemetryMetrics({
      meter,
      definitions: [
        {
          name: 'bank.batch.size',
          kind: 'histogram',
          unit: '{payment}',
          description: 'Batch size.',
          attributes: [],
        },
      ],
      histogramBoundaries: { 'bank.batch.size': [10, 100, 1000] },
    });
    // Act
    sink.histogram('bank.batch.size', 250);
    sink.histogram('host.untyped', 3);
    const metrics = await collect();
    // Assert
    const batch = metrics.get('bank.batch.size') as HistogramMetricData;
    expect(batch.descriptor).toMatchObject({ description: 'Batch size.', unit: '{payment}' });
    expect(batch.dataPoints[0]!.value.buckets).toEqual({ boundaries: [10, 100, 1000], counts: [0, 0, 1, 0] });
    const untyped = metrics.get('host.untyped') as HistogramMetricData;
    expect(untyped.descriptor.unit).toBe('');
    expect(untyped.dataPoints[0]!.value.buckets.boundaries).not.toEqual([...LATENCY_BOUNDARIES_MS]);
  });

  it('should record gauges as their last value', async () => {
    // Arrange
    const { meter, collect } = setup();
    const sink = createOpenTelemetryMetrics({ meter });
    const name = PIPELINE_METRICS.stageInFlight.name;
    // Act
    sink.gauge?.(name, 5, { stage: 'clearing' });
    sink.gauge?.(name, 2, { stage: 'clearing' });
    const metrics = await collect();
    // Assert
    const metric = metrics.get(name)!;
    expect(metric.dataPointType).toBe(DataPointType.GAUGE);
    expect(metric.dataPoints.map((p) => [p.attributes, p.value])).toEqual([[{ stage: 'clearing' }, 2]]);
  });

  it('should create each instrument once, on first use', () => {
    // Arrange
    const { meter } = setup();
    const created: string[] = [];
    const counting: Meter = Object.assign(Object.create(meter) as Meter, {
      createCounter: (name, options) => {
        created.push(`counter:${name}`);
        return meter.createCounter(name, options);
      },
      createHistogram: (name, options) => {
        created.push(`histogram:${name}`);
        return meter.createHistogram(name, options);
      },
      createGauge: (name, options) => {
        created.push(`gauge:${name}`);
        return meter.createGauge(name, options);
      },
    } satisfies Partial<Meter>);
    const sink = createOpenTelemetryMetrics({ meter: counting });
    // Assert: nothing before use
    expect(created).toEqual([]);
    // Act
    for (let i = 0; i < 3; i++) {
      sink.counter('a');
      sink.histogram('b', i);
      sink.gauge?.('c', i);
    }
    // Assert
    expect(created).toEqual(['counter:a', 'histogram:b', 'gauge:c']);
  });

  it('should make gauges a no-op with a meter that has no createGauge', () => {
    // Arrange
    const { meter } = setup();
    const older = Object.assign(Object.create(meter) as Meter, { createGauge: undefined });
    const sink = createOpenTelemetryMetrics({ meter: older as unknown as Meter });
    // Act & Assert
    expect(() => sink.gauge?.('g', 1)).not.toThrow();
    expect(() => sink.counter('c')).not.toThrow();
  });
});
