/**
 * Analytics: the {@link MetricsSink} a host passes in, the metric names and attributes the pipeline's
 * stages record ({@link PIPELINE_METRICS}), an in-memory sink with percentiles for tests, the demo and
 * the bench ({@link createMemoryMetrics}), and a no-op sink ({@link noopMetrics}).
 *
 * The sink is deliberately tiny (counter, histogram, optional gauge) so any backend fits behind it:
 * OpenTelemetry (`deltran/adapters/opentelemetry`), Prometheus, StatsD, a test double. No global
 * state, no logging, no clock: the caller measures durations and records them.
 *
 * @packageDocumentation
 */
import { CoreErrorCodes, ValidationError } from '../index';

/** An attribute value (an OpenTelemetry attribute, a Prometheus label). @public */
export type MetricAttributeValue = string | number | boolean;

/**
 * Attributes of one measurement. Keep their values few (stage names, topics, outcomes): every distinct
 * combination is its own series in most backends. Never put ids, UETRs or amounts here.
 * @public
 */
export type MetricAttributes = Readonly<Record<string, MetricAttributeValue>>;

/**
 * Where the pipeline records its measurements; passed in by the host. Implementations must be cheap
 * and should never throw (wrap a sink you do not trust with {@link isolateMetrics}).
 * @public
 */
export interface MetricsSink {
  /**
   * Adds to a monotonic counter.
   * @param name - the metric name (see {@link PIPELINE_METRICS})
   * @param value - a non-negative increment @defaultValue 1
   * @param attributes - the series' attributes
   */
  counter(name: string, value?: number, attributes?: MetricAttributes): void;
  /**
   * Records one value of a distribution (a latency in ms, a size).
   * @param name - the metric name
   * @param value - the measurement
   * @param attributes - the series' attributes
   */
  histogram(name: string, value: number, attributes?: MetricAttributes): void;
  /**
   * Sets the current value of a gauge (in-flight handlers, an open window's size). Optional: callers
   * write `sink.gauge?.(…)`.
   * @param name - the metric name
   * @param value - the value now
   * @param attributes - the series' attributes
   */
  gauge?(name: string, value: number, attributes?: MetricAttributes): void;
}

/** The kinds of instrument a {@link MetricsSink} offers. @public */
export type MetricKind = 'counter' | 'histogram' | 'gauge';

/** One metric the SDK records: its name, kind, unit and attributes. @public */
export interface MetricDefinition<Name extends string = string, Kind extends MetricKind = MetricKind> {
  /** The name, dot-separated, unit suffix last (`_ms`). */
  readonly name: Name;
  /** The instrument. */
  readonly kind: Kind;
  /** UCUM unit as OpenTelemetry expects it (`ms`, `{message}`). */
  readonly unit: string;
  /** One sentence for dashboards. */
  readonly description: string;
  /** The attribute keys recorded with it. */
  readonly attributes: readonly string[];
}

/**
 * What happened to a message in a stage (attribute `outcome` of `deltran.stage.messages`):
 * - `ok`: handled, effects applied, acked;
 * - `duplicate`: already seen (same event id or business key): acked, no effect;
 * - `retry`: the handler failed with a retryable error; the transport will redeliver it;
 * - `dead-letter`: given up on (fatal error or attempts exhausted);
 * - `rejected`: a business refusal the stage emitted as a value (a compliance REJECT, a failed check).
 * @public
 */
export type StageOutcome = 'ok' | 'duplicate' | 'retry' | 'dead-letter' | 'rejected';

/** Every {@link StageOutcome}, in the order dashboards list them. @public */
export const STAGE_OUTCOMES: readonly StageOutcome[] = Object.freeze([
  'ok',
  'duplicate',
  'retry',
  'dead-letter',
  'rejected',
] as const);

/** Attributes of `deltran.stage.messages`. @public */
export interface StageMessageAttributes extends MetricAttributes {
  /** The stage (`gateway`, `compliance`, `obligations`, `token`, `clearing`, `routing`, `risk`, `settlement`, or a host's own). */
  readonly stage: string;
  /** The topic the message came from, without prefix (`compliance.check`). */
  readonly topic: string;
  /** What happened to it. */
  readonly outcome: StageOutcome;
}

/**
 * The metrics the pipeline records. Names are public API: added, never renamed or reused.
 *
 * | key | name | kind | attributes |
 * |---|---|---|---|
 * | `stageMessages` | `deltran.stage.messages` | counter | stage, topic, outcome |
 * | `stageLatency` | `deltran.stage.latency_ms` | histogram | stage |
 * | `paymentEndToEnd` | `deltran.payment.end_to_end_ms` | histogram | flow |
 * | `slaBreaches` | `deltran.sla.breaches` | counter | stage |
 * | `complianceDecisions` | `deltran.compliance.decisions` | counter | decision |
 * | `settlementResults` | `deltran.settlement.results` | counter | status |
 * | `notifications` | `deltran.notifications` | counter | type, outcome |
 * | `stageInFlight` | `deltran.stage.in_flight` | gauge | stage |
 * @public
 */
export const PIPELINE_METRICS: {
  readonly stageMessages: MetricDefinition<'deltran.stage.messages', 'counter'>;
  readonly stageLatency: MetricDefinition<'deltran.stage.latency_ms', 'histogram'>;
  readonly paymentEndToEnd: MetricDefinition<'deltran.payment.end_to_end_ms', 'histogram'>;
  readonly slaBreaches: MetricDefinition<'deltran.sla.breaches', 'counter'>;
  readonly complianceDecisions: MetricDefinition<'deltran.compliance.decisions', 'counter'>;
  readonly settlementResults: MetricDefinition<'deltran.settlement.results', 'counter'>;
  readonly notifications: MetricDefinition<'deltran.notifications', 'counter'>;
  readonly stageInFlight: MetricDefinition<'deltran.stage.in_flight', 'gauge'>;
} = deepFreeze({
  /** One per message a stage finished with, by outcome: throughput, duplicates, retries, rejections. */
  stageMessages: {
    name: 'deltran.stage.messages',
    kind: 'counter',
    unit: '{message}',
    description: 'Messages a pipeline stage finished with, by topic and outcome.',
    attributes: ['stage', 'topic', 'outcome'],
  },
  /** Handler time of one message in a stage, from delivery to outcome. */
  stageLatency: {
    name: 'deltran.stage.latency_ms',
    kind: 'histogram',
    unit: 'ms',
    description: 'Time a pipeline stage spent on one message, from delivery to outcome.',
    attributes: ['stage'],
  },
  /** From the gateway's acceptance of a payment to its settlement confirmation. `flow`: `international` or `local`. */
  paymentEndToEnd: {
    name: 'deltran.payment.end_to_end_ms',
    kind: 'histogram',
    unit: 'ms',
    description: 'Time from the gateway accepting a payment to its settlement being confirmed.',
    attributes: ['flow'],
  },
  /** One per message whose stage latency exceeded the stage's SLA. */
  slaBreaches: {
    name: 'deltran.sla.breaches',
    kind: 'counter',
    unit: '{message}',
    description: 'Messages a stage took longer than its SLA to handle.',
    attributes: ['stage'],
  },
  /** One per screened payment. `decision`: `ALLOW`, `REVIEW` or `REJECT`. */
  complianceDecisions: {
    name: 'deltran.compliance.decisions',
    kind: 'counter',
    unit: '{payment}',
    description: 'Compliance decisions, by decision.',
    attributes: ['decision'],
  },
  /** One per settlement instruction that reached a final state. `status`: `SETTLED`, `REJECTED`, `TIMED_OUT`. */
  settlementResults: {
    name: 'deltran.settlement.results',
    kind: 'counter',
    unit: '{instruction}',
    description: 'Settlement instructions that reached a final status, by status.',
    attributes: ['status'],
  },
  /**
   * One per notification attempt outcome. `outcome`: `delivered`, `retry`, `rejected` (the receiver
   * refused it for good) or `exhausted` (every attempt failed).
   */
  notifications: {
    name: 'deltran.notifications',
    kind: 'counter',
    unit: '{notification}',
    description: 'Notification deliveries, by type and outcome.',
    attributes: ['type', 'outcome'],
  },
  /** Handlers running now in a stage (recorded only when the sink has a gauge). */
  stageInFlight: {
    name: 'deltran.stage.in_flight',
    kind: 'gauge',
    unit: '{message}',
    description: 'Messages a pipeline stage is handling now.',
    attributes: ['stage'],
  },
});

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  }
  return Object.freeze(value);
}

/**
 * A sink that records nothing. Frozen, so it holds no state and can be shared by every instance.
 * @public
 */
export const noopMetrics: MetricsSink = Object.freeze({
  counter(): void {},
  histogram(): void {},
  gauge(): void {},
});

/**
 * Wraps a host's sink so that a throwing backend never fails a stage (and so never causes a
 * redelivery): errors go to `onError`, or are dropped.
 * @param sink - the sink to protect
 * @param onError - told about every error the sink threw
 * @returns a sink with the same methods that never throws
 * @public
 */
export function isolateMetrics(sink: MetricsSink, onError?: (error: unknown) => void): MetricsSink {
  const guard = (call: () => void): void => {
    try {
      call();
    } catch (error) {
      try {
        onError?.(error);
      } catch {
        // A failing error handler must not fail the stage either.
      }
    }
  };
  const isolated: MetricsSink = {
    counter: (name, value, attributes) => guard(() => sink.counter(name, value, attributes)),
    histogram: (name, value, attributes) => guard(() => sink.histogram(name, value, attributes)),
  };
  if (sink.gauge !== undefined) {
    const gauge = sink.gauge.bind(sink);
    isolated.gauge = (name, value, attributes) => guard(() => gauge(name, value, attributes));
  }
  return Object.freeze(isolated);
}

// ---------------------------------------------------------------------------------------------------
// In-memory sink
// ---------------------------------------------------------------------------------------------------

/** Options of {@link createMemoryMetrics}. @public */
export interface MemoryMetricsOptions {
  /**
   * Binary digits of precision of the histograms, 1 to 16: every power of two is split into
   * 2^precisionBits buckets, so a reported percentile is within a relative 2^-(precisionBits+1) of the
   * exact one. @defaultValue 7 (±0.39%)
   */
  readonly precisionBits?: number;
}

/** A counter series in a {@link MetricsSnapshot}. @public */
export interface CounterSnapshot {
  /** The metric name. */
  readonly name: string;
  /** The series' attributes. */
  readonly attributes: MetricAttributes;
  /** The sum of every increment. */
  readonly value: number;
}

/** A gauge series in a {@link MetricsSnapshot}. @public */
export interface GaugeSnapshot {
  /** The metric name. */
  readonly name: string;
  /** The series' attributes. */
  readonly attributes: MetricAttributes;
  /** The last value set. */
  readonly value: number;
}

/**
 * A distribution's summary. `count`, `sum`, `min` and `max` are exact; percentiles are nearest-rank
 * (the value at rank ⌈p·count/100⌉ of the sorted values), exact when that value is the minimum, the
 * maximum or alone in its bucket, and otherwise within a relative 2^-(precisionBits+1) of it.
 * @public
 */
export interface HistogramSummary {
  /** Values recorded. */
  readonly count: number;
  /** Their sum. */
  readonly sum: number;
  /** The smallest. */
  readonly min: number;
  /** The largest. */
  readonly max: number;
  /** Median. */
  readonly p50: number;
  /** 90th percentile. */
  readonly p90: number;
  /** 95th percentile. */
  readonly p95: number;
  /** 99th percentile. */
  readonly p99: number;
}

/** A histogram series in a {@link MetricsSnapshot}. @public */
export interface HistogramSnapshot extends HistogramSummary {
  /** The metric name. */
  readonly name: string;
  /** The series' attributes. */
  readonly attributes: MetricAttributes;
}

/** Everything a {@link MemoryMetrics} holds, as plain JSON-serialisable data. @public */
export interface MetricsSnapshot {
  /** Counter series, by name then attributes. */
  readonly counters: readonly CounterSnapshot[];
  /** Histogram series, by name then attributes. */
  readonly histograms: readonly HistogramSnapshot[];
  /** Gauge series, by name then attributes. */
  readonly gauges: readonly GaugeSnapshot[];
  /** Measurements ignored: non-finite values, and negative counter increments. */
  readonly dropped: number;
}

/** The in-memory sink of {@link createMemoryMetrics}. @public */
export interface MemoryMetrics extends MetricsSink {
  /** Sets a gauge (always present here). */
  gauge(name: string, value: number, attributes?: MetricAttributes): void;
  /** Every series now, sorted by name then attributes. */
  snapshot(): MetricsSnapshot;
  /**
   * The sum of a counter over every series whose attributes include `match`.
   * @param name - the counter
   * @param match - attributes the series must have (all of them, equal values); every series when omitted
   * @returns the total; 0 when nothing matches
   */
  counterTotal(name: string, match?: MetricAttributes): number;
  /**
   * The summary of a histogram merged over every series whose attributes include `match`.
   * @param name - the histogram
   * @param match - attributes the series must have; every series when omitted
   * @returns the summary, or `undefined` when no value was recorded
   */
  histogramSummary(name: string, match?: MetricAttributes): HistogramSummary | undefined;
  /** Forgets every series. */
  reset(): void;
}

interface Bucket {
  count: number;
  min: number;
  max: number;
}

/**
 * A log-linear histogram (the HdrHistogram layout, over doubles): each power of two [2^e, 2^(e+1)) is
 * split into 2^bits equal buckets; each bucket keeps its count and the smallest and largest value it
 * saw. Memory grows with the range of values, never with their count.
 */
class LogLinearHistogram {
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private readonly positive = new Map<number, Bucket>();
  private readonly negative = new Map<number, Bucket>();
  private zero: Bucket | undefined;
  private readonly subBuckets: number;

  constructor(bits: number) {
    this.subBuckets = 2 ** bits;
  }

  record(measured: number): void {
    const value = measured === 0 ? 0 : measured; // one zero: -0 counts as 0
    this.count += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value === 0) {
      this.zero = addTo(this.zero, 0);
      return;
    }
    const map = value > 0 ? this.positive : this.negative;
    const key = this.keyOf(Math.abs(value));
    map.set(key, addTo(map.get(key), value));
  }

  merge(other: LogLinearHistogram): void {
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    if (other.zero !== undefined) this.zero = mergeBucket(this.zero, other.zero);
    for (const [key, bucket] of other.positive)
      this.positive.set(key, mergeBucket(this.positive.get(key), bucket));
    for (const [key, bucket] of other.negative)
      this.negative.set(key, mergeBucket(this.negative.get(key), bucket));
  }

  private keyOf(magnitude: number): number {
    let exponent = Math.floor(Math.log2(magnitude));
    if (2 ** exponent > magnitude) exponent -= 1;
    else if (2 ** (exponent + 1) <= magnitude) exponent += 1;
    const mantissa = magnitude / 2 ** exponent; // in [1, 2), exact (scaling by a power of two)
    const sub = Math.min(this.subBuckets - 1, Math.floor((mantissa - 1) * this.subBuckets));
    return exponent * this.subBuckets + sub;
  }

  /** Nearest-rank percentiles, for integer percents in (0, 100]. */
  percentiles(percents: readonly number[]): number[] {
    const ranks = percents.map((p) => Math.max(1, Math.ceil((p * this.count) / 100)));
    const ordered: Bucket[] = [
      ...[...this.negative.entries()].sort((a, b) => b[0] - a[0]).map((entry) => entry[1]),
      ...(this.zero === undefined ? [] : [this.zero]),
      ...[...this.positive.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]),
    ];
    return ranks.map((rank) => {
      if (rank <= 1) return this.min;
      if (rank >= this.count) return this.max;
      let seen = 0;
      for (const bucket of ordered) {
        seen += bucket.count;
        if (seen >= rank) return bucket.min + (bucket.max - bucket.min) / 2;
      }
      return this.max;
    });
  }

  summary(): HistogramSummary {
    const [p50, p90, p95, p99] = this.percentiles([50, 90, 95, 99]) as [number, number, number, number];
    return { count: this.count, sum: this.sum, min: this.min, max: this.max, p50, p90, p95, p99 };
  }
}

function addTo(bucket: Bucket | undefined, value: number): Bucket {
  if (bucket === undefined) return { count: 1, min: value, max: value };
  bucket.count += 1;
  if (value < bucket.min) bucket.min = value;
  if (value > bucket.max) bucket.max = value;
  return bucket;
}

function mergeBucket(into: Bucket | undefined, from: Bucket): Bucket {
  if (into === undefined) return { ...from };
  into.count += from.count;
  into.min = Math.min(into.min, from.min);
  into.max = Math.max(into.max, from.max);
  return into;
}

interface Series<T> {
  readonly name: string;
  readonly attributes: MetricAttributes;
  value: T;
}

function canonicalAttributes(attributes: MetricAttributes | undefined): MetricAttributes {
  if (attributes === undefined) return Object.freeze({});
  const out: Record<string, MetricAttributeValue> = {};
  for (const key of Object.keys(attributes).sort()) {
    const value = attributes[key];
    if (value !== undefined) out[key] = value;
  }
  return Object.freeze(out);
}

function matches(attributes: MetricAttributes, match: MetricAttributes | undefined): boolean {
  if (match === undefined) return true;
  for (const [key, value] of Object.entries(match)) {
    if (value !== undefined && attributes[key] !== value) return false;
  }
  return true;
}

function sorted<T>(map: ReadonlyMap<string, Series<T>>): Series<T>[] {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((entry) => entry[1]);
}

/**
 * Creates an in-memory sink, for tests, the demo and the bench. Counters and gauges are exact;
 * histograms keep `count`, `sum`, `min` and `max` exactly and percentiles in a log-linear bucket
 * structure (HdrHistogram-like) bounded in memory by the range of the values, not their number: with
 * the default 7 bits, at most 128 buckets per power of two, so latencies from 1 µs to a day fit in under
 * 5,000 buckets per series, and a percentile is within ±0.39% of the exact nearest-rank value.
 *
 * Non-finite values and negative counter increments are dropped (and counted in `snapshot().dropped`),
 * as OpenTelemetry does, so a bad measurement never throws inside a stage.
 *
 * @param options - histogram precision
 * @returns a {@link MemoryMetrics}
 * @throws `ValidationError` (`CORE_INVALID_INPUT`) when `precisionBits` is out of range
 * @example
 * ```ts
 * const metrics = createMemoryMetrics();
 * metrics.histogram(PIPELINE_METRICS.stageLatency.name, 3.2, { stage: 'compliance' });
 * metrics.histogramSummary('deltran.stage.latency_ms', { stage: 'compliance' })?.p99; // 3.2
 * ```
 * @public
 */
export function createMemoryMetrics(options: MemoryMetricsOptions = {}): MemoryMetrics {
  const bits = options.precisionBits ?? 7;
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) {
    throw new ValidationError(
      CoreErrorCodes.INVALID_INPUT,
      `[deltran] createMemoryMetrics: expected an integer precisionBits from 1 to 16, got ${bits}`,
      { path: ['precisionBits'] },
    );
  }
  const counters = new Map<string, Series<number>>();
  const gauges = new Map<string, Series<number>>();
  const histograms = new Map<string, Series<LogLinearHistogram>>();
  let dropped = 0;
  // Frozen attribute objects (the pipeline makes them once per stage, topic and outcome) cannot
  // change, so their canonical form and key are computed once, not on every record, and each keeps
  // the series it was recorded in by metric name: a record is then two look-ups of strings whose hash
  // is already known, instead of building and hashing `name + key` every time. `generation` drops
  // those shortcuts at `reset()`.
  interface AttributeKey {
    readonly canonical: MetricAttributes;
    readonly json: string;
    /** True for the entry of a frozen object (or of no attributes): it may keep its series. */
    readonly cached: boolean;
    /** Per series map (counters, gauges, histograms): series by metric name, for `generation`. */
    series: Map<Map<string, Series<unknown>>, Map<string, Series<unknown>>>;
    generation: number;
  }
  let generation = 0;
  const frozenKeys = new WeakMap<MetricAttributes, AttributeKey>();
  const keyOf = (canonical: MetricAttributes, cached: boolean): AttributeKey => ({
    canonical,
    json: JSON.stringify(canonical),
    cached,
    series: new Map(),
    generation,
  });
  const NONE = keyOf(canonicalAttributes(undefined), true);
  const attributeKey = (attributes: MetricAttributes | undefined): AttributeKey => {
    if (attributes === undefined) return NONE;
    const known = frozenKeys.get(attributes);
    if (known !== undefined) return known;
    const frozen = Object.isFrozen(attributes);
    const entry = keyOf(canonicalAttributes(attributes), frozen);
    if (frozen) frozenKeys.set(attributes, entry);
    return entry;
  };

  const seriesOf = <T>(
    map: Map<string, Series<T>>,
    name: string,
    attributes: MetricAttributes | undefined,
    initial: () => T,
  ): Series<T> => {
    const entry = attributeKey(attributes);
    let byName: Map<string, Series<unknown>> | undefined;
    if (entry.cached) {
      if (entry.generation !== generation) {
        entry.series = new Map();
        entry.generation = generation;
      }
      const seriesMap = map as Map<string, Series<unknown>>;
      byName = entry.series.get(seriesMap);
      if (byName === undefined) {
        byName = new Map();
        entry.series.set(seriesMap, byName);
      }
      const cached = byName.get(name);
      if (cached !== undefined) return cached as Series<T>;
    }
    const key = `${name}\u0000${entry.json}`;
    let series = map.get(key);
    if (series === undefined) {
      series = { name, attributes: entry.canonical, value: initial() };
      map.set(key, series);
    }
    byName?.set(name, series as Series<unknown>);
    return series;
  };

  const sink: MemoryMetrics = {
    counter(name, value = 1, attributes) {
      if (!Number.isFinite(value) || value < 0) {
        dropped += 1;
        return;
      }
      seriesOf(counters, name, attributes, () => 0).value += value;
    },
    histogram(name, value, attributes) {
      if (!Number.isFinite(value)) {
        dropped += 1;
        return;
      }
      seriesOf(histograms, name, attributes, () => new LogLinearHistogram(bits)).value.record(value);
    },
    gauge(name, value, attributes) {
      if (!Number.isFinite(value)) {
        dropped += 1;
        return;
      }
      seriesOf(gauges, name, attributes, () => 0).value = value;
    },
    snapshot() {
      return {
        counters: sorted(counters).map((s) => ({ name: s.name, attributes: s.attributes, value: s.value })),
        histograms: sorted(histograms).map((s) => ({
          name: s.name,
          attributes: s.attributes,
          ...s.value.summary(),
        })),
        gauges: sorted(gauges).map((s) => ({ name: s.name, attributes: s.attributes, value: s.value })),
        dropped,
      };
    },
    counterTotal(name, match) {
      let total = 0;
      for (const series of counters.values()) {
        if (series.name === name && matches(series.attributes, match)) total += series.value;
      }
      return total;
    },
    histogramSummary(name, match) {
      let merged: LogLinearHistogram | undefined;
      for (const series of histograms.values()) {
        if (series.name !== name || !matches(series.attributes, match)) continue;
        merged ??= new LogLinearHistogram(bits);
        merged.merge(series.value);
      }
      return merged?.summary();
    },
    reset() {
      counters.clear();
      gauges.clear();
      histograms.clear();
      generation += 1;
      dropped = 0;
    },
  };
  return sink;
}
