/**
 * `createPipeline`: the eight services of the payment flow as stages over one transport, wired to the
 * 14 topics. A host passes each stage's configuration (or its own stage, or `false` to run it elsewhere),
 * starts the pipeline, submits ISO 20022 messages at the gateway and reads results from the topics.
 *
 * @packageDocumentation
 */
import { type CanonicalPayment, createUetr, type RandomSource } from '../index';
import { type ParsedMessage, type ParseOptions, parseMessage } from '../iso20022/index';
import { pooledCryptoRandom, textSha256 } from './_internal/platform';
import { BATCH_EVENT_TYPE, batchId, isBatch, MAX_BATCH_EVENTS, unbatch } from './batch';
import { createEnvelope, type Envelope, envelopeAt } from './envelope';
import { FatalHandlerError, PipelineError, PipelineErrorCodes } from './errors';
import { createMemoryIdempotencyStore, type IdempotencyStore } from './idempotency';
import { type MetricAttributes, type MetricsSink, noopMetrics } from './metrics';
import type { Notifier } from './notifier';
import { type ClearingCompletedJson, paymentToWire, type TopicPayloads } from './payloads';
import type {
  PipelineStage,
  StageContext,
  StageEventContext,
  StageEventFailure,
  StageHealthDetail,
  StagePublishOptions,
} from './stage';
import { createLock } from './stages/_shared';
import { type ClearingStageOptions, createClearingStage } from './stages/clearing';
import { type ComplianceStageOptions, createComplianceStage } from './stages/compliance';
import { createObligationsStage, type ObligationsStageOptions } from './stages/obligations';
import { createRiskStage, type RiskStageOptions } from './stages/risk';
import { createRoutingStage, type RoutingStageOptions } from './stages/routing';
import {
  createSettlementStage,
  type SettlementStage,
  type SettlementStageOptions,
} from './stages/settlement';
import { createTokenStage, type TokenStageOptions } from './stages/token';
import {
  DEAD_LETTER_EVENT_TYPE,
  DEFAULT_TOPICS,
  eventTypeOf,
  TOPIC_KEYS,
  type TopicKey,
  type TopicNames,
} from './topics';
import {
  type DeadLetter,
  type DeliveryContext,
  defaultClassifyError,
  describeError,
  type MessageHandler,
  resolveSubscribeOptions,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  type TransportHealth,
} from './transport';

/** A stage given to {@link createPipeline}: its options (the built-in stage), a stage of your own, or `false` (not in this process). @public */
export type StageOption<Options> = Options | PipelineStage | false;

/** Options of {@link createPipeline}. @public */
export interface PipelineOptions {
  /** The transport: `createMemoryTransport()`, `createNatsTransport(…)`, `createKafkaTransport(…)`. */
  readonly transport: Transport;
  /** Topic names; `DEFAULT_TOPICS` (`deltran.…`) by default, or `createTopicNames({ prefix })`. */
  readonly topics?: TopicNames;
  /** The clock, epoch ms. @defaultValue `Date.now` */
  readonly now?: () => number;
  /**
   * The clock stage latencies (`deltran.stage.latency_ms`) are measured with, ms: `performance.now` for
   * real durations under a virtual `now` (the demo, the bench). @defaultValue `now`
   */
  readonly latencyClock?: () => number;
  /**
   * Service levels, ms per stage name (`{ compliance: 5, settlement: 50 }`): a delivery whose handler
   * takes longer counts in `deltran.sla.breaches` {stage}.
   */
  readonly sla?: Readonly<Partial<Record<string, number>>>;
  /** Bytes for event ids and UETRs the gateway assigns. @defaultValue the platform CSPRNG, drawn 4 KiB at a time */
  readonly random?: RandomSource;
  /** Where counters and histograms go. @defaultValue a no-op sink */
  readonly metrics?: MetricsSink;
  /** Told of every `deltran.compliance.reject` and `deltran.settlement.completed` (for example a webhook notifier). */
  readonly notifier?: Notifier;
  /** Where each stage remembers the event ids it handled. @defaultValue a bounded in-memory store per stage */
  readonly idempotency?: (stage: string) => IdempotencyStore;
  /** CloudEvents `source` prefix; a stage publishes as `<source>/<stage>`. @defaultValue `'/deltran'` */
  readonly source?: string;
  /** Options of the gateway's parser (size limit, UETR randomness …). */
  readonly parse?: ParseOptions;
  /** Sanctions / AML / KYC. Required unless `false` or a stage of your own. */
  readonly compliance?: StageOption<ComplianceStageOptions>;
  /** Obligations: an in-memory engine by default. */
  readonly obligations?: StageOption<ObligationsStageOptions>;
  /** The token ledger. Required unless `false` or a stage of your own. */
  readonly token?: StageOption<TokenStageOptions>;
  /** Netting windows: multilateral, 1 000 obligations per window by default. */
  readonly clearing?: StageOption<ClearingStageOptions>;
  /** Corridor and bank selection. Required unless `false` or a stage of your own. */
  readonly routing?: StageOption<RoutingStageOptions>;
  /** FX risk. Required unless `false` or a stage of your own. */
  readonly risk?: StageOption<RiskStageOptions>;
  /** Rails and confirmation tracking. Required unless `false` or a stage of your own. */
  readonly settlement?: StageOption<SettlementStageOptions>;
  /** More stages (a host's own: fraud scoring, a data warehouse feed …). */
  readonly stages?: readonly PipelineStage[];
  /**
   * Events per transport message. `1` sends every event alone. `n > 1` packs the payments of one
   * `submit`, and what a stage publishes while it handles one message, into batch envelopes of up to
   * `n` events per topic (and per partition key): one publish, one delivery and one ack per batch. Each
   * event keeps its id and stays idempotent; a host reading the topics from the broker unpacks batches
   * with `unbatch` (`pipeline.subscribe` does it already). Every process of a deployment must run a
   * DelTran version that reads batches. See docs/pipeline.md §Batches.
   * @defaultValue 1
   */
  readonly batch?: number;
}

/** What the gateway accepted. @public */
export interface SubmitReceipt {
  /** The message type (`pacs.008`, `pain.001`, `camt.054` …, or `canonical` for payments passed as objects). */
  readonly messageType: string;
  /** UETRs of the payments published to `deltran.compliance.check`. */
  readonly payments: readonly string[];
  /** For confirmations (pacs.002, camt.054): settlement results and funding events it produced. */
  readonly confirmations?: { readonly results: number; readonly funding: number; readonly unmatched: number };
}

/** `pipeline.health()`. @public */
export interface PipelineHealth {
  /** `up` when the transport is up and no stage is degraded. */
  readonly status: 'up' | 'degraded' | 'down';
  /** Whether `start()` ran and `close()` did not. */
  readonly started: boolean;
  /** The transport. */
  readonly transport: TransportHealth & { readonly name: string };
  /** Each stage in this process. */
  readonly stages: Readonly<
    Record<string, StageHealthDetail & { readonly subscribed: boolean; readonly inFlight: number }>
  >;
  /** Events published by this process that a stage of this process has not finished. */
  readonly outstanding: number;
}

/** A running pipeline. @public */
export interface Pipeline {
  /** The topic names. */
  readonly topics: TopicNames;
  /** The transport. */
  readonly transport: Transport;
  /** The stages of this process, by name. */
  readonly stages: ReadonlyMap<string, PipelineStage>;
  /** Subscribes every stage (and the notifier); resolves once all consumer groups exist. Idempotent. */
  start(): Promise<void>;
  /**
   * The gateway: parses an ISO 20022 message (or takes canonical payments) and publishes each payment to
   * `deltran.compliance.check`. A pacs.002 or camt.054 is a confirmation: it goes to the settlement stage
   * of this process, which publishes settlement results and funding events.
   * @throws an `Iso20022Error` for a malformed or unsupported message (nothing is published);
   *   {@link PipelineError} `PIPELINE_INVALID_INPUT` for a message type the gateway does not route
   */
  submit(input: string | Uint8Array | CanonicalPayment | readonly CanonicalPayment[]): Promise<SubmitReceipt>;
  /** Subscribes the host to a topic (its own consumer group). */
  subscribe<K extends TopicKey | 'deadLetter'>(
    key: K,
    handler: (
      event: Envelope<K extends TopicKey ? TopicPayloads[K] : DeadLetter>,
      context: DeliveryContext,
    ) => void | Promise<void>,
    options?: Omit<SubscribeOptions, 'topics' | 'group'> & { readonly group?: string },
  ): Promise<Subscription>;
  /** Time-driven work at `nowMs` (netting windows closing by time, settlement timeouts and retries). */
  tick(nowMs?: number): Promise<void>;
  /** Closes every open netting window now (end of day / end of run). */
  flush(nowMs?: number): Promise<void>;
  /**
   * Resolves when every event this process published has been handled by the stages of this process that
   * consume it (acked, or dead-lettered). Meaningful when every consuming stage runs here, as in memory.
   */
  idle(): Promise<void>;
  /** The transport and every stage. */
  health(): PipelineHealth;
  /** Stops taking events, waits for handlers in flight, then closes the subscriptions. Idempotent. */
  drain(): Promise<void>;
  /** Closes the subscriptions at once (deliveries in flight are redelivered elsewhere). Idempotent. */
  close(): Promise<void>;
}

function isStage(value: unknown): value is PipelineStage {
  return typeof value === 'object' && value !== null && typeof (value as PipelineStage).handle === 'function';
}

function missing(name: string, what: string): PipelineError {
  return new PipelineError(
    PipelineErrorCodes.INVALID_OPTIONS,
    `[deltran] createPipeline: ${name}: expected ${what}, a stage of your own, or false to run it in another process`,
    { path: [name] },
  );
}

/**
 * Builds the pipeline. Nothing is subscribed until `start()`.
 *
 * @param options - the transport, the stages' configuration, clock, metrics, notifier
 * @returns the pipeline
 * @throws {@link PipelineError} `PIPELINE_INVALID_OPTIONS` when a required stage has no configuration
 * @example
 * ```ts
 * const pipeline = createPipeline({
 *   transport: createMemoryTransport(),
 *   compliance: { checker }, token: { ledger }, routing: { registry, settlementBic: 'DTRNGB2LXXX' },
 *   risk: { assess }, settlement: { engine, ledger },
 * });
 * await pipeline.start();
 * await pipeline.submit(pacs008Xml);
 * ```
 * @public
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  const transport = options.transport;
  if (transport === undefined || typeof transport.publish !== 'function')
    throw missing(
      'transport',
      'a Transport (createMemoryTransport, createNatsTransport, createKafkaTransport)',
    );
  const topics = options.topics ?? DEFAULT_TOPICS;
  const now = options.now ?? Date.now;
  const latencyClock = options.latencyClock ?? now;
  const sla = options.sla ?? {};
  const acceptedAt = new Map<string, number>();
  const random = options.random ?? pooledCryptoRandom();
  const digest = textSha256();
  const metrics = options.metrics ?? noopMetrics;
  const source = options.source ?? '/deltran';
  const idempotency = options.idempotency ?? (() => createMemoryIdempotencyStore());

  const stages = new Map<string, PipelineStage>();
  // One lock for the ledger writes of the token and settlement stages of this process.
  const ledgerLock = createLock();
  const appliedWindows = new Set<string>();
  let settlementStage: SettlementStage | undefined;
  const add = (stage: PipelineStage): void => {
    if (stages.has(stage.name))
      throw new PipelineError(
        PipelineErrorCodes.INVALID_OPTIONS,
        `[deltran] createPipeline: two stages are named "${stage.name}"`,
        {
          path: ['stages'],
        },
      );
    stages.set(stage.name, stage);
  };
  const build = <O>(
    name: string,
    option: StageOption<O> | undefined,
    factory: (o: O) => PipelineStage,
    required?: string,
  ): void => {
    if (option === false) return;
    if (option === undefined) {
      if (required !== undefined) throw missing(name, required);
      add(factory({} as O));
      return;
    }
    add(isStage(option) ? option : factory(option));
  };
  build('compliance', options.compliance, createComplianceStage, 'compliance options ({ checker })');
  build('obligations', options.obligations, createObligationsStage);
  build(
    'token',
    options.token,
    (o: TokenStageOptions) => createTokenStage({ lock: ledgerLock, appliedWindows, ...o }),
    'token options ({ ledger })',
  );
  build('clearing', options.clearing, createClearingStage);
  build('routing', options.routing, createRoutingStage, 'routing options ({ registry, settlementBic })');
  build('risk', options.risk, createRiskStage, 'risk options ({ assess })');
  build(
    'settlement',
    options.settlement,
    (o: SettlementStageOptions) => {
      settlementStage = createSettlementStage({
        lock: ledgerLock,
        ...(isStage(options.token) || options.token === false ? {} : { appliedWindows }),
        ...o,
      });
      return settlementStage;
    },
    'settlement options ({ engine })',
  );
  if (settlementStage === undefined && isStage(options.settlement) && 'receive' in options.settlement)
    settlementStage = options.settlement as SettlementStage;
  for (const stage of options.stages ?? []) add(stage);

  const keyByTopic = new Map<string, TopicKey>();
  for (const key of Object.keys(TOPIC_KEYS) as TopicKey[]) keyByTopic.set(topics[key], key);
  const consumers = new Map<TopicKey, number>();
  for (const stage of stages.values())
    for (const key of new Set(stage.consumes)) consumers.set(key, (consumers.get(key) ?? 0) + 1);
  if (options.notifier !== undefined) {
    for (const key of ['complianceReject', 'settlementCompleted'] as const)
      consumers.set(key, (consumers.get(key) ?? 0) + 1);
  }

  const subscriptions: Subscription[] = [];
  const hostSubscriptions: Subscription[] = [];
  const subscribed = new Set<string>();
  const inFlight = new Map<string, number>();
  let outstanding = 0;
  let idleWaiters: (() => void)[] = [];
  let started: Promise<void> | undefined;
  let closed = false;

  const settle = (count: number): void => {
    outstanding -= count;
    if (outstanding <= 0) {
      outstanding = 0;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  const batchSize = options.batch ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_EVENTS)
    throw new PipelineError(
      PipelineErrorCodes.INVALID_OPTIONS,
      `[deltran] createPipeline: batch: expected an integer from 1 to ${MAX_BATCH_EVENTS}, got ${String(options.batch)}`,
      { path: ['batch'] },
    );

  // What every event of a stage shares, made once: its CloudEvents source and each topic's type; the
  // time string is formatted once per distinct clock reading (a batch is published at one instant).
  const sources = new Map<string, string>();
  const types = new Map<TopicKey, string>();
  let lastMs = Number.NaN;
  let lastTime = '';

  function sourceOf(stage: string): string {
    let eventSource = sources.get(stage);
    if (eventSource === undefined) {
      eventSource = `${source}/${stage}`;
      sources.set(stage, eventSource);
    }
    return eventSource;
  }

  /** The envelope of one outgoing event (see {@link envelope}). */
  function eventOf(stage: string, item: Outgoing): Envelope {
    let type = types.get(item.key);
    if (type === undefined) {
      type = eventTypeOf(item.key);
      types.set(item.key, type);
    }
    return envelope(type, sourceOf(stage), item.options.id, item.options.subject, item.data);
  }

  /** `createEnvelope` of these parts at `now()`, the time string formatted once per clock reading. */
  function envelope(
    type: string,
    eventSource: string,
    id: string | undefined,
    subject: string | undefined,
    data: unknown,
  ): Envelope {
    const ms = now();
    if (ms !== lastMs) {
      if (!Number.isFinite(ms)) return createEnvelope({ type, data, timeMs: ms }, { now });
      lastTime = new Date(ms).toISOString();
      lastMs = ms;
    }
    return envelopeAt(type, eventSource, id ?? createUetr(random), subject, data, lastTime);
  }

  /** Publishes one transport message (an event or a batch) and keeps `outstanding` for idle(). */
  async function send(key: TopicKey, message: Envelope, partition: string | undefined): Promise<void> {
    const expected = consumers.get(key) ?? 0;
    outstanding += expected;
    let receipt: Awaited<ReturnType<Transport['publish']>>;
    try {
      receipt = await transport.publish(
        topics[key],
        message,
        partition === undefined ? {} : { key: partition },
      );
    } catch (error) {
      settle(expected);
      throw error;
    }
    if (receipt.duplicate) settle(expected);
  }

  // Attribute objects made once per stage and topic (the sink only reads them).
  const publishedAttributes = new Map<string, MetricAttributes>();
  function published(stage: string, item: Outgoing): void {
    const id = `${stage}\u0000${item.key}`;
    let attributes = publishedAttributes.get(id);
    if (attributes === undefined) {
      attributes = Object.freeze({ stage, topic: item.key });
      publishedAttributes.set(id, attributes);
    }
    metrics.counter('deltran.stage.published', 1, attributes);
    if (acceptedAt.size > 0) endToEnd(item.key, item.data, item.options.subject);
  }

  async function publish<K extends TopicKey>(
    stage: string,
    key: K,
    data: TopicPayloads[K],
    publishOptions: StagePublishOptions,
  ): Promise<void> {
    await sendChunk(stage, [{ key, data, options: publishOptions }]);
  }

  /**
   * Publishes what a handler (or a submit) produced: grouped by topic and partition key, in batches of
   * up to `batchSize` events (an event alone when its group has one), all batches at once.
   */
  async function publishAll(stage: string, outbox: readonly Outgoing[]): Promise<void> {
    if (outbox.length === 0) return;
    const groups = new Map<string, Outgoing[]>();
    for (const item of outbox) {
      const group = `${item.key}\u0000${item.options.key ?? ''}`;
      const list = groups.get(group);
      if (list === undefined) groups.set(group, [item]);
      else list.push(item);
    }
    const sends: Promise<void>[] = [];
    for (const items of groups.values()) {
      for (let from = 0; from < items.length; from += batchSize) {
        const chunk = items.slice(from, from + batchSize);
        sends.push(sendChunk(stage, chunk));
      }
    }
    const results = await Promise.allSettled(sends);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }

  async function sendChunk(stage: string, chunk: readonly Outgoing[]): Promise<void> {
    const first = chunk[0]!;
    if (chunk.length === 1) {
      await send(first.key, eventOf(stage, first), first.options.key);
      published(stage, first);
      return;
    }
    const events = chunk.map((item) => eventOf(stage, item));
    const message = envelope(
      BATCH_EVENT_TYPE,
      sourceOf(stage),
      batchId(events[0]!.type, events, digest),
      undefined,
      Object.freeze({ events: Object.freeze(events) }),
    );
    await send(first.key, message, first.options.key);
    for (const item of chunk) published(stage, item);
  }

  // End-to-end latency of the payments this gateway accepted: to settlement confirmed (local), to
  // their window netted (international), or to their refusal. In-process only, like idle().
  const flows = {
    local: Object.freeze({ flow: 'local' }),
    rejected: Object.freeze({ flow: 'rejected' }),
    international: Object.freeze({ flow: 'international' }),
  } as const;
  function endToEnd(key: TopicKey, data: unknown, subject: string | undefined): void {
    const record = (uetr: string, flow: keyof typeof flows): void => {
      const at = acceptedAt.get(uetr);
      if (at === undefined) return;
      acceptedAt.delete(uetr);
      metrics.histogram('deltran.payment.end_to_end_ms', latencyClock() - at, flows[flow]);
    };
    if (key === 'settlementCompleted' && subject !== undefined) record(subject, 'local');
    else if (key === 'complianceReject' && subject !== undefined) record(subject, 'rejected');
    else if (key === 'clearingCompleted') {
      for (const o of (data as ClearingCompletedJson).obligations)
        if (o.id.startsWith('obl:')) record(o.id.slice(4), 'international');
    }
  }

  const contextFor = (stage: string): StageContext => ({
    stage,
    topics,
    now,
    metrics,
    publish: (key, data, o) => publish(stage, key, data, o),
  });

  async function subscribeStage(stage: PipelineStage): Promise<void> {
    if (stage.consumes.length === 0) return;
    const sub = stage.subscription ?? {};
    const group = sub.group ?? `deltran-${stage.name}`;
    const subscribeOptions: SubscribeOptions = {
      topics: stage.consumes.map((key) => topics[key]),
      group,
      ...(sub.concurrency === undefined ? {} : { concurrency: sub.concurrency }),
      ...(sub.maxAttempts === undefined ? {} : { maxAttempts: sub.maxAttempts }),
      ...(sub.backoff === undefined ? {} : { backoff: sub.backoff }),
      ...(sub.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: sub.ackTimeoutMs }),
      ...(sub.classifyError === undefined ? {} : { classifyError: sub.classifyError }),
    };
    const resolved = resolveSubscribeOptions(subscribeOptions, {
      deadLetterTopic: transport.deadLetterTopic,
    });
    const classify = sub.classifyError ?? defaultClassifyError;
    const store = idempotency(stage.name);
    const base = contextFor(stage.name);
    // Attribute objects made once per topic and outcome, not per message (the sink only reads them).
    const outcomes = new Map<TopicKey, Readonly<Record<StageOutcomeKey, MetricAttributes>>>();
    for (const key of stage.consumes) {
      const of = (outcome: string): MetricAttributes =>
        Object.freeze({ stage: stage.name, topic: key, outcome });
      outcomes.set(key, {
        ok: of('ok'),
        duplicate: of('duplicate'),
        retry: of('retry'),
        deadLetter: of('dead-letter'),
      });
    }
    const latencyAttributes: MetricAttributes = Object.freeze({ stage: stage.name });
    // One event handled: counted, its handler time recorded, checked against the stage's SLA.
    const handled = (
      attributes: Readonly<Record<StageOutcomeKey, MetricAttributes>>,
      started: number,
    ): void => {
      metrics.counter('deltran.stage.messages', 1, attributes.ok);
      const latency = latencyClock() - started;
      metrics.histogram('deltran.stage.latency_ms', latency, latencyAttributes);
      const limit = sla[stage.name];
      if (limit !== undefined && latency > limit)
        metrics.counter('deltran.sla.breaches', 1, latencyAttributes);
    };
    // As the transport decides (deliver.ts): a classifier that throws means "retry".
    const verdictOf = (error: unknown): 'fatal' | 'retry' => {
      try {
        return classify(error);
      } catch {
        return 'retry';
      }
    };
    // Outputs of batch messages whose publish failed, by topic and message id, until the message
    // comes back (bounded: the oldest are dropped first; a message redelivered to another instance is
    // handled there from scratch).
    const unsent = new Map<string, readonly Outgoing[]>();
    const keepUnsent = (key: string, outbox: readonly Outgoing[]): void => {
      unsent.delete(key);
      unsent.set(key, outbox);
      if (unsent.size > MAX_UNSENT_MESSAGES) {
        const oldest = unsent.keys().next();
        if (oldest.done !== true) unsent.delete(oldest.value);
      }
    };
    const abandoned = (delivery: DeliveryContext): boolean =>
      (delivery as { readonly abandoned?: boolean }).abandoned === true;
    const single: MessageHandler = async (event, delivery) => {
      const topic = keyByTopic.get(delivery.topic);
      if (topic === undefined) return;
      const attributes = outcomes.get(topic);
      if (attributes === undefined) return;
      const seen = store.has(event.id);
      if (seen === true || (seen !== false && (await seen))) {
        metrics.counter('deltran.stage.messages', 1, attributes.duplicate);
        settle(1);
        return;
      }
      const started = latencyClock();
      inFlight.set(stage.name, (inFlight.get(stage.name) ?? 0) + 1);
      const context: StageEventContext = {
        stage: base.stage,
        topics: base.topics,
        now: base.now,
        metrics: base.metrics,
        publish: base.publish,
        topic,
        delivery,
      };
      try {
        await stage.handle(event, context);
      } catch (error) {
        const final = classify(error) === 'fatal' || delivery.attempt >= resolved.maxAttempts;
        metrics.counter('deltran.stage.messages', 1, final ? attributes.deadLetter : attributes.retry);
        // An abandoned delivery (past its ack deadline) is delivered again: that delivery settles it.
        if (final && !abandoned(delivery)) settle(1);
        throw error;
      } finally {
        inFlight.set(stage.name, (inFlight.get(stage.name) ?? 1) - 1);
      }
      const added = store.add(event.id);
      if (added !== undefined) await added;
      handled(attributes, started);
      if (!abandoned(delivery)) settle(1);
    };
    // A batch (or, with `batch > 1`, any message): each event handled in order with the same
    // idempotency, metrics and verdicts as alone; what the handlers publish goes out together at the
    // end. A fatal event (or any failing event on the last attempt) is dead-lettered alone; a retryable
    // one makes the whole message come back after the backoff, and the events already handled are then
    // recognised by their ids.
    const batched: MessageHandler = async (message, delivery) => {
      const topic = keyByTopic.get(delivery.topic);
      if (topic === undefined) return;
      const attributes = outcomes.get(topic);
      if (attributes === undefined) return;
      let events: readonly Envelope[];
      try {
        events = unbatch(message);
      } catch (error) {
        if (!abandoned(delivery)) settle(1);
        throw new FatalHandlerError((error as Error).message, { cause: error });
      }
      const outbox: Outgoing[] = [];
      const context: StageEventContext = {
        stage: base.stage,
        topics: base.topics,
        now: base.now,
        metrics: base.metrics,
        publish: (key, data, o) => {
          outbox.push({ key, data, options: o });
          return Promise.resolve();
        },
        topic,
        delivery,
      };
      const done: string[] = [];
      const dead: {
        readonly event: Envelope;
        readonly error: unknown;
        readonly index: number;
        readonly reason: DeadLetter['reason'];
      }[] = [];
      let retry: { readonly error: unknown } | undefined;
      // One event failed: dead-lettered alone when fatal or out of attempts, else the message comes back.
      const failed = (event: Envelope, index: number, error: unknown): void => {
        const verdict = verdictOf(error);
        if (verdict === 'fatal' || delivery.attempt >= resolved.maxAttempts) {
          dead.push({ event, error, index, reason: verdict === 'fatal' ? 'fatal' : 'attempts-exhausted' });
          metrics.counter('deltran.stage.messages', 1, attributes.deadLetter);
        } else {
          retry ??= { error };
          metrics.counter('deltran.stage.messages', 1, attributes.retry);
        }
      };
      const fresh: number[] = [];
      for (let index = 0; index < events.length; index += 1) {
        const event = events[index]!;
        const seen = store.has(event.id);
        if (seen === true || (seen !== false && (await seen))) {
          metrics.counter('deltran.stage.messages', 1, attributes.duplicate);
          continue;
        }
        fresh.push(index);
      }
      const handleBatch = stage.handleBatch;
      if (handleBatch !== undefined && fresh.length > 1) {
        const started = latencyClock();
        const count = fresh.length;
        inFlight.set(stage.name, (inFlight.get(stage.name) ?? 0) + count);
        let outcomes: readonly (StageEventFailure | undefined)[];
        try {
          outcomes = await handleBatch.call(
            stage,
            fresh.map((index) => events[index]!),
            context,
          );
          if (!Array.isArray(outcomes) || outcomes.length !== count) {
            const error = new FatalHandlerError(
              `[deltran] ${stage.name}: handleBatch returned ${Array.isArray(outcomes) ? outcomes.length : typeof outcomes} outcome(s) for ${count} events`,
            );
            outcomes = fresh.map(() => ({ error }));
          }
        } catch (error) {
          if (abandoned(delivery)) throw error;
          outcomes = fresh.map(() => ({ error }));
        } finally {
          inFlight.set(stage.name, (inFlight.get(stage.name) ?? count) - count);
        }
        if (abandoned(delivery)) {
          const failure = outcomes.find((o) => o !== undefined);
          if (failure !== undefined) throw failure.error;
        }
        for (let i = 0; i < count; i += 1) {
          const index = fresh[i]!;
          const event = events[index]!;
          const outcome = outcomes[i];
          if (outcome === undefined) {
            done.push(event.id);
            handled(attributes, started);
          } else failed(event, index, outcome.error);
        }
      } else {
        for (const index of fresh) {
          const event = events[index]!;
          const started = latencyClock();
          inFlight.set(stage.name, (inFlight.get(stage.name) ?? 0) + 1);
          try {
            await stage.handle(event, context);
          } catch (error) {
            if (abandoned(delivery)) throw error;
            failed(event, index, error);
            continue;
          } finally {
            inFlight.set(stage.name, (inFlight.get(stage.name) ?? 1) - 1);
          }
          done.push(event.id);
          handled(attributes, started);
        }
      }
      // Outputs first, then the dead letters, then the ids: a crash in between redelivers the message
      // and the events are handled again, idempotently, as a single event would be. Outputs of an
      // earlier attempt whose publish failed go out too: the handlers recorded their effects then (a
      // decision, a window closed) and did not publish them again now.
      const unsentKey = unsent.size === 0 ? undefined : `${delivery.topic}\u0000${message.id}`;
      const pending = unsentKey === undefined ? undefined : unsent.get(unsentKey);
      try {
        try {
          if (pending !== undefined) await publishAll(stage.name, pending);
          await publishAll(stage.name, outbox);
        } catch (error) {
          const kept = pending === undefined ? outbox : [...pending, ...outbox];
          if (kept.length > 0) keepUnsent(`${delivery.topic}\u0000${message.id}`, kept);
          throw error;
        }
        if (pending !== undefined) unsent.delete(unsentKey!);
        for (const d of dead) {
          const letter: DeadLetter = {
            reason: d.reason,
            topic: delivery.topic,
            group,
            attempts: delivery.attempt,
            error: describeError(d.error),
            event: d.event,
            position: `${message.id}#${d.index}`,
          };
          await transport.publish(
            transport.deadLetterTopic,
            createEnvelope(
              {
                type: DEAD_LETTER_EVENT_TYPE,
                source: `${source}/${stage.name}`,
                id: `${d.event.id}:dead-letter:${group}`,
                data: letter,
                ...(d.event.subject === undefined ? {} : { subject: d.event.subject }),
              },
              { now, random },
            ),
          );
        }
        for (const id of done) {
          const added = store.add(id);
          if (added !== undefined) await added;
        }
        for (const d of dead) {
          const added = store.add(d.event.id);
          if (added !== undefined) await added;
        }
      } catch (error) {
        const verdict = verdictOf(error);
        if ((verdict === 'fatal' || delivery.attempt >= resolved.maxAttempts) && !abandoned(delivery))
          settle(1);
        throw error;
      }
      if (retry !== undefined) throw retry.error;
      if (!abandoned(delivery)) settle(1);
    };
    const handler: MessageHandler = (event, delivery) =>
      batchSize > 1 || isBatch(event) ? batched(event, delivery) : single(event, delivery);
    subscriptions.push(await transport.subscribe(subscribeOptions, handler));
    subscribed.add(stage.name);
  }

  async function subscribeNotifier(notifier: Notifier): Promise<void> {
    const keys = ['complianceReject', 'settlementCompleted'] as const;
    const handler: MessageHandler = async (message: Envelope, delivery) => {
      const key = keyByTopic.get(delivery.topic);
      try {
        for (const event of unbatch(message))
          await notifier.notify({
            id: event.id,
            // NOTIFICATION_TYPES: the topic key's name without the `deltran.` of the event type.
            type: key === undefined ? event.type : TOPIC_KEYS[key],
            subject: event.subject ?? '',
            time: event.time,
            data: event.data,
          });
      } finally {
        settle(1);
      }
    };
    subscriptions.push(
      await transport.subscribe(
        { topics: keys.map((k) => topics[k]), group: 'deltran-notifications', maxAttempts: 1 },
        handler,
      ),
    );
  }

  const pipeline: Pipeline = {
    topics,
    transport,
    stages,
    start() {
      if (closed) return Promise.reject(closedError('start'));
      started ??= (async () => {
        for (const stage of stages.values()) await stage.start?.(contextFor(stage.name));
        for (const stage of stages.values()) await subscribeStage(stage);
        if (options.notifier !== undefined) await subscribeNotifier(options.notifier);
      })();
      return started;
    },
    async submit(input) {
      if (closed) throw closedError('submit');
      if (started === undefined) throw notStarted('submit');
      await started;
      if (typeof input === 'object' && !(input instanceof Uint8Array)) {
        const payments = Array.isArray(input)
          ? (input as readonly CanonicalPayment[])
          : [input as CanonicalPayment];
        return { messageType: 'canonical', payments: await publishPayments(payments) };
      }
      const message: ParsedMessage = parseMessage(input, { random, ...options.parse });
      if (message.type === 'pacs.008' || message.type === 'pain.001' || message.type === 'pacs.009')
        return { messageType: message.type, payments: await publishPayments(message.payments) };
      if (message.type === 'pacs.002' || message.type === 'camt.054') {
        if (settlementStage === undefined)
          throw new PipelineError(
            PipelineErrorCodes.INVALID_INPUT,
            `[deltran] submit: a ${message.type} is a settlement confirmation, and no settlement stage runs in this process`,
            { path: ['type'] },
          );
        const outcome = await settlementStage.receive(message);
        return { messageType: message.type, payments: [], confirmations: outcome };
      }
      throw new PipelineError(
        PipelineErrorCodes.INVALID_INPUT,
        `[deltran] submit: expected pain.001, pacs.008, pacs.009, pacs.002 or camt.054, got ${message.type} (a camt.053 / camt.052 statement goes to the token ledger's reconcile)`,
        { path: ['type'] },
      );
    },
    async subscribe(key, handler, subscribeOptions = {}) {
      const topic = key === 'deadLetter' ? topics.deadLetter : topics[key];
      const { group, ...rest } = subscribeOptions;
      const each = handler as MessageHandler;
      const subscription = await transport.subscribe(
        { ...rest, topics: [topic], group: group ?? `host-${key}` },
        async (event, delivery) => {
          if (!isBatch(event)) return each(event, delivery);
          for (const inner of unbatch(event)) await each(inner, delivery);
        },
      );
      hostSubscriptions.push(subscription);
      return subscription;
    },
    async tick(nowMs = now()) {
      for (const stage of stages.values()) await stage.tick?.(nowMs, contextFor(stage.name));
    },
    async flush(nowMs = now()) {
      for (const stage of stages.values()) await stage.flush?.(nowMs, contextFor(stage.name));
    },
    idle() {
      if (outstanding <= 0) return Promise.resolve();
      // Transports keep their redelivery timers unref'd so they never hold a host's process open; a
      // caller waiting here does want the process to live until the work is done.
      const keepAlive = setInterval(() => {}, 60_000);
      return new Promise<void>((resolve) =>
        idleWaiters.push(() => {
          clearInterval(keepAlive);
          resolve();
        }),
      );
    },
    health() {
      const transportHealth = { ...transport.health(), name: transport.name };
      const detail: Record<string, StageHealthDetail & { subscribed: boolean; inFlight: number }> = {};
      let degraded = false;
      for (const stage of stages.values()) {
        const h = stage.health?.() ?? { status: 'up' as const };
        if (h.status !== 'up') degraded = true;
        detail[stage.name] = {
          ...h,
          subscribed: subscribed.has(stage.name) || stage.consumes.length === 0,
          inFlight: inFlight.get(stage.name) ?? 0,
        };
      }
      const status =
        transportHealth.status === 'closed'
          ? 'down'
          : transportHealth.status !== 'up' || degraded
            ? 'degraded'
            : 'up';
      return {
        status,
        started: started !== undefined && !closed,
        transport: transportHealth,
        stages: detail,
        outstanding,
      };
    },
    async drain() {
      closed = true;
      await Promise.all([...subscriptions, ...hostSubscriptions].map((s) => s.drain()));
    },
    async close() {
      closed = true;
      await Promise.all([...subscriptions, ...hostSubscriptions].map((s) => s.close()));
    },
  };

  async function publishPayments(payments: readonly CanonicalPayment[]): Promise<string[]> {
    const uetrs: string[] = [];
    const outbox: Outgoing[] = [];
    for (const payment of payments) {
      const id = `${topics.complianceCheck}:${payment.uetr}:${createUetr(random)}`;
      if (!acceptedAt.has(payment.uetr) && acceptedAt.size < 1_000_000)
        acceptedAt.set(payment.uetr, latencyClock());
      const item: Outgoing = {
        key: 'complianceCheck',
        data: paymentToWire(payment),
        options: { id, subject: payment.uetr },
      };
      if (batchSize === 1) await sendChunk('gateway', [item]);
      else outbox.push(item);
      uetrs.push(payment.uetr);
    }
    await publishAll('gateway', outbox);
    return uetrs;
  }

  return pipeline;
}

type StageOutcomeKey = 'ok' | 'duplicate' | 'retry' | 'deadLetter';

/** Batch messages per stage whose unpublished outputs are kept for their redelivery. */
const MAX_UNSENT_MESSAGES = 10_000;

/** One event waiting to be published. */
interface Outgoing {
  readonly key: TopicKey;
  readonly data: unknown;
  readonly options: StagePublishOptions;
}

function closedError(call: string): PipelineError {
  return new PipelineError(PipelineErrorCodes.CLOSED, `[deltran] ${call}: the pipeline is closed`);
}

function notStarted(call: string): PipelineError {
  return new PipelineError(PipelineErrorCodes.NOT_STARTED, `[deltran] ${call}: call pipeline.start() first`);
}
