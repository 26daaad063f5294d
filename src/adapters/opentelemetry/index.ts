/**
 * `deltran/adapters/opentelemetry`: a {@link MetricsSink} over an OpenTelemetry `Meter`
 * (`@opentelemetry/api`, an optional peer dependency).
 *
 * The host owns OpenTelemetry: it sets up its MeterProvider and exporters and passes a meter in, e.g.
 * `metrics.getMeter('deltran')`. This module imports only the API's types, so nothing of OpenTelemetry
 * is loaded at run time by DelTran itself: the meter brings its own implementation.
 *
 * One instrument per metric name, created on first use, with the description and unit of
 * {@link PIPELINE_METRICS}; histograms in milliseconds get {@link LATENCY_BOUNDARIES_MS} as their
 * bucket advice (a View of the host's overrides it).
 *
 * Default export: {@link createOpenTelemetryMetrics}.
 * @packageDocumentation
 */
import type { Attributes, Counter, Gauge, Histogram, Meter, MetricOptions } from '@opentelemetry/api';
import {
  type MetricAttributes,
  type MetricDefinition,
  type MetricsSink,
  PIPELINE_METRICS,
} from '../../pipeline/index';

/** The adapter's name. @public */
export const ADAPTER_NAME = 'opentelemetry';

/**
 * Bucket boundaries, in ms, advised for latency histograms: from 0.1 ms (an in-memory stage) to a
 * minute (a settlement round trip). OpenTelemetry's default (0 to 10 s, coarse below 5 ms) would put
 * every in-memory stage in its first bucket.
 * @public
 */
export const LATENCY_BOUNDARIES_MS: readonly number[] = Object.freeze([
  0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000,
]);

/** Options of {@link createOpenTelemetryMetrics}. @public */
export interface OpenTelemetryMetricsOptions {
  /** The meter to create instruments on (`metrics.getMeter('deltran')` from `@opentelemetry/api`). */
  readonly meter: Meter;
  /**
   * Descriptions and units of the host's own metrics, besides {@link PIPELINE_METRICS} (a definition
   * with the same name replaces the SDK's).
   */
  readonly definitions?: readonly MetricDefinition[];
  /**
   * Bucket boundaries advised per histogram name. @defaultValue {@link LATENCY_BOUNDARIES_MS} for
   * histograms in `ms`, the SDK's default otherwise
   */
  readonly histogramBoundaries?: Readonly<Record<string, readonly number[]>>;
}

/**
 * Creates a {@link MetricsSink} that records into OpenTelemetry instruments: `counter` → Counter,
 * `histogram` → Histogram, `gauge` → the synchronous Gauge (a no-op with a meter that has none).
 * Instruments are created lazily, one per name and kind, and reused.
 *
 * @param options - the meter, and descriptions of the host's own metrics
 * @returns a sink with `counter`, `histogram` and `gauge`
 * @example
 * ```ts
 * import { metrics } from '@opentelemetry/api';
 * import { createOpenTelemetryMetrics } from 'deltran/adapters/opentelemetry';
 *
 * const sink = createOpenTelemetryMetrics({ meter: metrics.getMeter('deltran') });
 * ```
 * @public
 */
export function createOpenTelemetryMetrics(options: OpenTelemetryMetricsOptions): MetricsSink {
  const meter = options.meter;
  const definitions = new Map<string, MetricDefinition>();
  for (const definition of Object.values(PIPELINE_METRICS)) definitions.set(definition.name, definition);
  for (const definition of options.definitions ?? []) definitions.set(definition.name, definition);
  const boundaries = options.histogramBoundaries ?? {};

  const counters = new Map<string, Counter>();
  const histograms = new Map<string, Histogram>();
  const gauges = new Map<string, Gauge | undefined>();

  const optionsOf = (name: string, kind: 'counter' | 'histogram' | 'gauge'): MetricOptions => {
    const definition = definitions.get(name);
    const out: MetricOptions = {};
    if (definition !== undefined) {
      out.description = definition.description;
      out.unit = definition.unit;
    }
    if (kind === 'histogram') {
      const advised = boundaries[name] ?? (definition?.unit === 'ms' ? LATENCY_BOUNDARIES_MS : undefined);
      if (advised !== undefined) out.advice = { explicitBucketBoundaries: [...advised] };
    }
    return out;
  };

  const attributesOf = (attributes: MetricAttributes | undefined): Attributes | undefined =>
    attributes as Attributes | undefined;

  return Object.freeze({
    counter(name: string, value = 1, attributes?: MetricAttributes): void {
      let counter = counters.get(name);
      if (counter === undefined) {
        counter = meter.createCounter(name, optionsOf(name, 'counter'));
        counters.set(name, counter);
      }
      counter.add(value, attributesOf(attributes));
    },
    histogram(name: string, value: number, attributes?: MetricAttributes): void {
      let histogram = histograms.get(name);
      if (histogram === undefined) {
        histogram = meter.createHistogram(name, optionsOf(name, 'histogram'));
        histograms.set(name, histogram);
      }
      histogram.record(value, attributesOf(attributes));
    },
    gauge(name: string, value: number, attributes?: MetricAttributes): void {
      if (!gauges.has(name)) {
        // createGauge arrived in @opentelemetry/api 1.9; a host's own Meter may lack it.
        const create = (meter as Partial<Meter>).createGauge;
        gauges.set(
          name,
          typeof create === 'function' ? create.call(meter, name, optionsOf(name, 'gauge')) : undefined,
        );
      }
      gauges.get(name)?.record(value, attributesOf(attributes));
    },
  });
}

export default createOpenTelemetryMetrics;
