/**
 * The stage contract: what a stage consumes, how it handles one event, and what it may do while
 * handling it (publish to the next topics, read the clock, record metrics). `createPipeline` subscribes
 * each stage in its own consumer group, so a host can run any stage in its own process.
 *
 * @packageDocumentation
 */
import type { Envelope } from './envelope';
import type { MetricsSink } from './metrics';
import type { TopicPayloads } from './payloads';
import type { TopicKey, TopicNames } from './topics';
import type { Backoff, DeliveryContext, ErrorClass } from './transport';

/** Options of one publish from a stage. @public */
export interface StagePublishOptions {
  /**
   * The event id. Stages derive it from the business key (`token.mint:<UETR>`), so a redelivered
   * input republishes the same id and the broker (or the next stage) drops the repeat.
   */
  readonly id: string;
  /** The CloudEvents subject: the UETR or the window id. */
  readonly subject?: string;
  /** Ordering / partition key; the subject by default. */
  readonly key?: string;
}

/** What a stage can do while it handles an event or a tick. @public */
export interface StageContext {
  /** The stage's name. */
  readonly stage: string;
  /** The deployment's topic names. */
  readonly topics: TopicNames;
  /** The clock passed to the pipeline (epoch ms). */
  now(): number;
  /** Publishes to one of the 14 topics; resolves once the transport accepted it. */
  publish<K extends TopicKey>(key: K, data: TopicPayloads[K], options: StagePublishOptions): Promise<void>;
  /** The metrics sink passed to the pipeline. */
  readonly metrics: MetricsSink;
}

/** The context of one delivery. @public */
export interface StageEventContext extends StageContext {
  /** The topic key the event came from. */
  readonly topic: TopicKey;
  /** The transport's delivery context (attempt, key, signal). */
  readonly delivery: DeliveryContext;
}

/** How a stage's consumer group is subscribed. @public */
export interface StageSubscription {
  /** The consumer group. @defaultValue `deltran-<stage name>` */
  readonly group?: string;
  /** Handlers in flight at once. */
  readonly concurrency?: number;
  /** Deliveries before dead-lettering. */
  readonly maxAttempts?: number;
  /** Redelivery delay after a retryable error. */
  readonly backoff?: Backoff;
  /** Ack deadline. */
  readonly ackTimeoutMs?: number;
  /** Which errors are retried. */
  readonly classifyError?: (error: unknown) => ErrorClass;
}

/** What a stage says about itself in `pipeline.health()`. @public */
export interface StageHealthDetail {
  /** `up`, or `degraded` with a reason in `detail`. */
  readonly status: 'up' | 'degraded';
  /** Figures and state worth showing (open windows, pending mints, submissions in flight …). */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Why one event of a {@link PipelineStage.handleBatch} call failed: the error, treated as if `handle`
 * had thrown it for that event alone (retried, or dead-lettered when fatal or out of attempts).
 * @public
 */
export interface StageEventFailure {
  readonly error: unknown;
}

/**
 * One stage of the pipeline. Built-in stages come from the `create…Stage` factories; a host can write
 * its own (see `examples/custom-stage.ts`). A stage must be idempotent on its business key: the
 * pipeline already drops a second delivery of an event id it has handled, but a crash between effect and
 * ack redelivers the event, and only the business key makes that safe.
 * @public
 */
export interface PipelineStage {
  /** Unique name (`compliance`, `token`, …), used for the group, metrics and health. */
  readonly name: string;
  /** The topics it consumes (keys of the 14 topics); none for a stage that only ticks. */
  readonly consumes: readonly TopicKey[];
  /** Subscription options. */
  readonly subscription?: StageSubscription;
  /** Handles one event; resolve to ack, throw to retry (or a `FatalHandlerError` to dead-letter). */
  handle(event: Envelope, context: StageEventContext): void | Promise<void>;
  /**
   * Optional: handles the events of one delivered batch together (one ledger batch for fifty mints
   * instead of fifty). The pipeline calls it with the events of a batch message that this stage has
   * not handled yet, in order, all from the topic of `context.topic`, and publishes what it publishes
   * once the call returns. It resolves to one outcome per event, in order: `undefined` when the event
   * is handled, a {@link StageEventFailure} when it failed; a throw fails every event of the call.
   * Effects must be idempotent on the business key exactly as `handle`'s: a failed event makes the
   * message come back, and the events that succeeded are then dropped by their ids. Without it, the
   * pipeline calls `handle` once per event.
   */
  handleBatch?(
    events: readonly Envelope[],
    context: StageEventContext,
  ): Promise<readonly (StageEventFailure | undefined)[]>;
  /** Called once by `pipeline.start()` with a context for work outside deliveries (confirmations, ticks). */
  start?(context: StageContext): void | Promise<void>;
  /** Time-driven work (netting windows closing by time, settlement timeouts), called by `pipeline.tick(now)`. */
  tick?(nowMs: number, context: StageContext): void | Promise<void>;
  /** End of day / end of run: close what is open (netting windows) so nothing waits for a later tick. */
  flush?(nowMs: number, context: StageContext): void | Promise<void>;
  /** The stage's state for `pipeline.health()`. */
  health?(): StageHealthDetail;
}
