/**
 * `deltran/adapters/kafka`: the Kafka transport, on `@platformatic/kafka` (pure JavaScript; its 1.x
 * line supports Node 20; an optional peer dependency, loaded on first use or passed in as `lib`).
 *
 * - Topics are named after the event types (the same names as every transport: `deltran.token.mint`);
 *   the message key is the business key (the envelope's `subject` unless the publish names another), so
 *   one key stays on one partition, in order.
 * - `publish` resolves on the broker's acknowledgement from every in-sync replica (idempotent producer,
 *   `acks: all`), with the event id in header `ce_id`. Kafka has no dedupe across publishes
 *   (`flags.publishDedupe` false): consumers dedupe on the id. Every send is bounded by the adapter's
 *   own timeout, because the client's idempotent producer can wait forever without a broker.
 * - One consumer per subscription, in the subscription's group. Offsets are committed only for
 *   consecutively completed messages per partition (see `_offsets.ts`); retries, ack timeouts and
 *   `working()` happen in the process (Kafka has no per-message nak or redelivery timer), so the attempt
 *   count restarts at 1 after a crash (`flags.deliveryCount` false). Un-committed messages are
 *   redelivered to the group after a crash or a rebalance.
 *
 * Default export: {@link createKafkaTransport}.
 * @packageDocumentation
 */
import { cryptoRandom, type RandomSource } from '../../index';
import {
  type AdapterFactory,
  checkTopicName,
  DEFAULT_TOPICS,
  ENVELOPE_CONTENT_TYPE,
  type Envelope,
  encodeEnvelope,
  type MessageHandler,
  type PublishOptions,
  type PublishReceipt,
  type ResolvedSubscribeOptions,
  resolveSubscribeOptions,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  TransportError,
  TransportErrorCodes,
  type TransportFlags,
  type TransportHealth,
} from '../../pipeline/index';
import { type DeadLetterSink, type Decision, DeliveryHandle, processDelivery } from '../_internal/deliver';
import { loadOptional } from '../_internal/load-optional';
import { withTimeout } from '../_internal/timers';
import { OffsetTracker, type Tracked } from './_offsets';

/** The adapter's name, as in `transport.name`. @public */
export const ADAPTER_NAME = 'kafka';

/** Header carrying the event id (CloudEvents Kafka binding attribute name). @public */
export const ID_HEADER = 'ce_id';

/** A produced record, as the adapter sends it. @public */
export interface KafkaRecordToSend {
  /** Topic. */
  readonly topic: string;
  /** The business key. */
  readonly key?: Buffer;
  /** The encoded envelope. */
  readonly value: Buffer;
  /** `ce_id` and `content-type`. */
  readonly headers: Record<string, Buffer>;
}

/** The producer methods the adapter uses (`Producer` of `@platformatic/kafka`). @public */
export interface KafkaProducerLike {
  /** Sends records; resolves with their offsets once acknowledged. */
  send(options: { messages: KafkaRecordToSend[] }): Promise<{
    offsets?: readonly { readonly topic: string; readonly partition: number; readonly offset: bigint }[];
  }>;
  /** Closes the producer. */
  close(force?: boolean): Promise<void>;
}

/** A consumed record (`Message` of `@platformatic/kafka`, with Buffer keys and values). @public */
export interface KafkaMessageLike {
  /** Topic. */
  readonly topic: string;
  /** Partition. */
  readonly partition: number;
  /** Offset in the partition. */
  readonly offset: bigint;
  /** Key, if any. */
  readonly key?: Buffer | null | undefined;
  /** Value (the encoded envelope). */
  readonly value?: Buffer | null | undefined;
  /** Commits this message's offset + 1 for its partition in the group. */
  commit(): void | Promise<void>;
}

/** The message stream the adapter reads (`MessagesStream` of `@platformatic/kafka`). @public */
export interface KafkaStreamLike {
  /** Registers a listener. */
  on(event: 'data', listener: (message: KafkaMessageLike) => void): unknown;
  /** Registers a listener. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops reading (backpressure). */
  pause(): unknown;
  /** Reads again. */
  resume(): unknown;
  /** Closes the stream. */
  close(): Promise<void>;
}

/** The consumer methods the adapter uses (`Consumer` of `@platformatic/kafka`). @public */
export interface KafkaConsumerLike {
  /** Joins the group and streams the topics' messages. */
  consume(options: {
    topics: string[];
    mode: 'committed';
    fallbackMode: 'earliest' | 'latest';
    autocommit: false;
  }): Promise<KafkaStreamLike>;
  /** Leaves the group. */
  close(force?: boolean): Promise<void>;
}

/** The admin methods the adapter uses when `createTopics` is set (`Admin` of `@platformatic/kafka`). @public */
export interface KafkaAdminLike {
  /** Names of the cluster's topics. */
  listTopics(): Promise<string[]>;
  /** Creates topics. */
  createTopics(options: { topics: string[]; partitions?: number; replicas?: number }): Promise<unknown>;
  /** Closes the admin client. */
  close(force?: boolean): Promise<void>;
}

/**
 * The parts of `@platformatic/kafka` the adapter uses; pass them as `lib` to skip the dynamic import
 * (or to test with a fake). Constructor options are the client's own (`clientId`, `bootstrapBrokers`,
 * `groupId` …).
 * @public
 */
export interface KafkaLibrary {
  /** `Producer` class. */
  readonly Producer: new (
    options: never,
  ) => KafkaProducerLike;
  /** `Consumer` class. */
  readonly Consumer: new (
    options: never,
  ) => KafkaConsumerLike;
  /** `Admin` class; needed only with `createTopics`. */
  readonly Admin?: new (
    options: never,
  ) => KafkaAdminLike;
}

/** Options of {@link createKafkaTransport}. @public */
export interface KafkaTransportOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: string | readonly string[];
  /** Client id. @defaultValue `'deltran'` */
  readonly clientId?: string;
  /** Dead-letter topic of subscriptions that name none. @defaultValue `'deltran.dead-letter'` */
  readonly deadLetterTopic?: string;
  /** The adapter's own bound on one send. @defaultValue 10 000 */
  readonly publishTimeoutMs?: number;
  /** The adapter's own bound on joining the group (and creating topics) in `subscribe`. @defaultValue 30 000 */
  readonly subscribeTimeoutMs?: number;
  /** Where a new group starts on a partition without a committed offset. @defaultValue true (earliest) */
  readonly fromBeginning?: boolean;
  /** Let the broker create missing topics on first use, with its default partition count. @defaultValue true */
  readonly autocreateTopics?: boolean;
  /**
   * Create each topic the adapter publishes to or subscribes to, when missing, with this many
   * partitions and replicas (before its first use, through the admin API). Partitions bound how many
   * instances of a group share the work.
   */
  readonly createTopics?: { readonly partitions: number; readonly replicas?: number };
  /** More producer options, passed to the client as they are. */
  readonly producerOptions?: Readonly<Record<string, unknown>>;
  /** More consumer options, passed to the client as they are. */
  readonly consumerOptions?: Readonly<Record<string, unknown>>;
  /** The client library, instead of the dynamic import. */
  readonly lib?: KafkaLibrary;
  /** Epoch milliseconds, for dead-letter times. @defaultValue `Date.now` */
  readonly now?: () => number;
  /** Bytes for backoff jitter. @defaultValue the platform CSPRNG */
  readonly random?: RandomSource;
}

/**
 * What the Kafka transport does (see {@link TransportFlags}); `replaysHistory` follows `fromBeginning`.
 * @param fromBeginning - the transport's `fromBeginning`
 * @returns the flags
 * @public
 */
export function kafkaFlags(fromBeginning = true): TransportFlags {
  return Object.freeze({
    durable: true,
    publishDedupe: false,
    deliveryCount: false,
    delayedRedelivery: true,
    ackTimeout: true,
    extendAckDeadline: true,
    sharedGroups: true,
    orderedPerKey: true,
    replaysHistory: fromBeginning,
    encodesEvents: true,
  });
}

/**
 * Creates a Kafka transport. Nothing connects until the first publish or subscribe.
 *
 * @param options - brokers, client id, timeouts, client options
 * @returns a {@link Transport} named `kafka`
 * @throws {@link TransportError} `TRANSPORT_INVALID_OPTIONS` without brokers or with a bad timeout;
 * later, on use, `TRANSPORT_MISSING_DEPENDENCY` when `@platformatic/kafka` is not installed
 * @example
 * ```ts
 * const transport = createKafkaTransport({ brokers: ['127.0.0.1:9092'] });
 * ```
 * @public
 */
export const createKafkaTransport: AdapterFactory<KafkaTransportOptions> = (options) =>
  new KafkaTransport(options);

export default createKafkaTransport;

async function loadLibrary(): Promise<KafkaLibrary> {
  const lib = await loadOptional('@platformatic/kafka', ADAPTER_NAME, () => import('@platformatic/kafka'));
  return lib as unknown as KafkaLibrary;
}

class KafkaTransport implements Transport {
  readonly name: string = ADAPTER_NAME;
  readonly flags: TransportFlags;
  readonly deadLetterTopic: string;
  readonly sink: DeadLetterSink;
  readonly options: KafkaTransportOptions;
  readonly brokers: string[];
  readonly #publishTimeoutMs: number;
  readonly #random: RandomSource;
  readonly #subscriptions = new Set<KafkaSubscription>();
  #lib: Promise<KafkaLibrary> | undefined;
  #producer: Promise<KafkaProducerLike> | undefined;
  #closed = false;
  #lastError: string | undefined;
  #everSent = false;
  readonly #knownTopics = new Set<string>();

  constructor(options: KafkaTransportOptions) {
    this.options = options;
    this.brokers = typeof options.brokers === 'string' ? [options.brokers] : [...(options.brokers ?? [])];
    if (this.brokers.length === 0 || this.brokers.some((b) => typeof b !== 'string' || b.length === 0))
      throw invalidOption('brokers', 'expected at least one broker as "host:port"');
    const timeout = options.publishTimeoutMs ?? 10_000;
    if (!Number.isSafeInteger(timeout) || timeout < 1)
      throw invalidOption('publishTimeoutMs', `expected a positive integer, got ${timeout}`);
    this.#publishTimeoutMs = timeout;
    this.flags = kafkaFlags(options.fromBeginning ?? true);
    this.deadLetterTopic = checkTopicName(options.deadLetterTopic ?? DEFAULT_TOPICS.deadLetter);
    this.#random = options.random ?? cryptoRandom;
    const now = options.now ?? Date.now;
    this.sink = { adapter: ADAPTER_NAME, now, publish: (topic, event) => this.publish(topic, event) };
  }

  library(): Promise<KafkaLibrary> {
    this.#lib ??= this.options.lib ? Promise.resolve(this.options.lib) : loadLibrary();
    this.#lib.catch(() => {
      this.#lib = undefined;
    });
    return this.#lib;
  }

  async publish(topic: string, event: Envelope, options: PublishOptions = {}): Promise<PublishReceipt> {
    this.#assertOpen('publish');
    checkTopicName(topic);
    const data = encodeEnvelope(event);
    const key = options.key ?? event.subject;
    const timeoutMs = options.timeoutMs ?? this.#publishTimeoutMs;
    const send = async (): Promise<PublishReceipt> => {
      await this.ensureTopics([topic]);
      const producer = await this.#getProducer();
      const result = await producer.send({
        messages: [
          {
            topic,
            ...(key === undefined ? {} : { key: Buffer.from(key) }),
            value: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
            headers: {
              [ID_HEADER]: Buffer.from(event.id),
              'content-type': Buffer.from(ENVELOPE_CONTENT_TYPE),
            },
          },
        ],
      });
      this.#everSent = true;
      const at = result.offsets?.find((o) => o.topic === topic) ?? result.offsets?.[0];
      return {
        topic,
        id: event.id,
        duplicate: false,
        ...(at === undefined ? {} : { position: `${at.topic}/${at.partition}/${at.offset}` }),
      };
    };
    try {
      return await withTimeout(
        send(),
        timeoutMs,
        () =>
          new TransportError(
            TransportErrorCodes.PUBLISH_TIMEOUT,
            `[deltran] kafka: no acknowledgement for ${event.id} on ${topic} within ${timeoutMs} ms; publish it again with the same id`,
          ),
      );
    } catch (error) {
      if (error instanceof TransportError || this.#closed) throw this.#closed ? closed('publish') : error;
      this.noteError(error);
      throw new TransportError(
        TransportErrorCodes.PUBLISH_FAILED,
        `[deltran] kafka: send of ${event.id} to ${topic} failed: ${errorText(error)}`,
        { cause: error },
      );
    }
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    this.#assertOpen('subscribe');
    const resolved = resolveSubscribeOptions(options, {
      deadLetterTopic: this.deadLetterTopic,
      random: this.#random,
    });
    const lib = await this.library();
    const subscription = new KafkaSubscription(this, resolved, handler);
    try {
      const timeoutMs = this.options.subscribeTimeoutMs ?? 30_000;
      await withTimeout(
        this.ensureTopics(resolved.topics).then(() => subscription.start(lib)),
        timeoutMs,
        () => new Error(`no group assignment within ${timeoutMs} ms`),
      );
    } catch (error) {
      await subscription.close();
      this.noteError(error);
      throw new TransportError(
        TransportErrorCodes.SUBSCRIBE_FAILED,
        `[deltran] kafka: group ${resolved.group} could not join: ${errorText(error)}`,
        { cause: error },
      );
    }
    if (this.#closed) {
      await subscription.close();
      throw closed('subscribe');
    }
    this.#subscriptions.add(subscription);
    return subscription;
  }

  health(): TransportHealth {
    const status = this.#closed
      ? 'closed'
      : this.#everSent || this.#subscriptions.size > 0
        ? 'up'
        : 'connecting';
    const detail = this.#lastError === undefined ? undefined : `last error: ${this.#lastError}`;
    return { status, subscriptions: this.#subscriptions.size, ...(detail === undefined ? {} : { detail }) };
  }

  async drain(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.drain()));
    await this.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    const producer = this.#producer;
    this.#producer = undefined;
    if (producer !== undefined) {
      await producer
        .then((p) => withTimeout(p.close(), 5_000, () => new Error('close timeout')))
        .catch((error: unknown) => this.noteError(error));
    }
  }

  noteError(error: unknown): void {
    this.#lastError = errorText(error);
  }

  forget(subscription: KafkaSubscription): void {
    this.#subscriptions.delete(subscription);
  }

  /** Creates missing topics when `createTopics` is set; each topic is checked once per transport. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const wanted = this.options.createTopics;
    if (wanted === undefined) return;
    const missing = topics.filter((topic) => !this.#knownTopics.has(topic));
    if (missing.length === 0) return;
    const lib = await this.library();
    if (lib.Admin === undefined) throw invalidOption('createTopics', 'the kafka library has no Admin class');
    const Admin = lib.Admin as unknown as new (options: Record<string, unknown>) => KafkaAdminLike;
    const admin = new Admin({ clientId: this.options.clientId ?? 'deltran', bootstrapBrokers: this.brokers });
    try {
      const existing = new Set(await admin.listTopics());
      const toCreate = missing.filter((topic) => !existing.has(topic));
      if (toCreate.length > 0) {
        try {
          await admin.createTopics({
            topics: toCreate,
            partitions: wanted.partitions,
            ...(wanted.replicas === undefined ? {} : { replicas: wanted.replicas }),
          });
        } catch (error) {
          // Another instance may have created them between the list and the create.
          if (!/TOPIC_ALREADY_EXISTS|already exists/i.test(deepText(error))) throw error;
        }
      }
      for (const topic of missing) this.#knownTopics.add(topic);
    } finally {
      await admin.close().catch(() => {});
    }
  }

  #getProducer(): Promise<KafkaProducerLike> {
    if (this.#producer === undefined) {
      const creating = this.library().then((lib) => {
        const Producer = lib.Producer as unknown as new (
          options: Record<string, unknown>,
        ) => KafkaProducerLike;
        return new Producer({
          clientId: this.options.clientId ?? 'deltran',
          bootstrapBrokers: this.brokers,
          idempotent: true,
          autocreateTopics: this.options.autocreateTopics ?? true,
          ...this.options.producerOptions,
        });
      });
      this.#producer = creating;
      creating.catch(() => {
        if (this.#producer === creating) this.#producer = undefined;
      });
    }
    return this.#producer;
  }

  #assertOpen(what: string): void {
    if (this.#closed) throw closed(what);
  }
}

interface Entry {
  readonly tracked: Tracked<KafkaMessageLike>;
  attempt: number;
  handle: DeliveryHandle | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

class KafkaSubscription implements Subscription {
  readonly #transport: KafkaTransport;
  readonly #options: ResolvedSubscribeOptions;
  readonly #handler: MessageHandler;
  readonly #tracker = new OffsetTracker<KafkaMessageLike>();
  readonly #running = new Map<string, number>();
  readonly #waiting = new Map<string, Entry[]>();
  readonly #entries = new Set<Entry>();
  readonly #retryTimers = new Set<ReturnType<typeof setTimeout>>();
  #consumer: KafkaConsumerLike | undefined;
  #stream: KafkaStreamLike | undefined;
  #state: 'open' | 'draining' | 'closed' = 'open';
  #paused = false;
  #backlog = 0;
  #drained: Promise<void> | undefined;
  #onIdle: (() => void) | undefined;

  constructor(transport: KafkaTransport, options: ResolvedSubscribeOptions, handler: MessageHandler) {
    this.#transport = transport;
    this.#options = options;
    this.#handler = handler;
  }

  get group(): string {
    return this.#options.group;
  }

  get topics(): readonly string[] {
    return this.#options.topics;
  }

  get closed(): boolean {
    return this.#state !== 'open';
  }

  /** Messages received and not covered by a commit, per partition. */
  get uncommitted(): Map<string, number> {
    return this.#tracker.pending();
  }

  async start(lib: KafkaLibrary): Promise<void> {
    const options = this.#transport.options;
    const Consumer = lib.Consumer as unknown as new (options: Record<string, unknown>) => KafkaConsumerLike;
    this.#consumer = new Consumer({
      clientId: options.clientId ?? 'deltran',
      bootstrapBrokers: this.#transport.brokers,
      groupId: this.#options.group,
      autocommit: false,
      autocreateTopics: options.autocreateTopics ?? true,
      ...options.consumerOptions,
    });
    this.#stream = await this.#consumer.consume({
      topics: [...this.#options.topics],
      mode: 'committed',
      fallbackMode: (options.fromBeginning ?? true) ? 'earliest' : 'latest',
      autocommit: false,
    });
    this.#stream.on('data', (message) => this.#receive(message));
    this.#stream.on('error', (error) => this.#transport.noteError(error));
  }

  #receive(message: KafkaMessageLike): void {
    if (this.#state !== 'open') return; // left un-committed: the group gets it again
    const entry: Entry = {
      tracked: this.#tracker.track(message.topic, message.partition, message.offset, message),
      attempt: 0,
      handle: undefined,
      timer: undefined,
    };
    this.#entries.add(entry);
    this.#backlog++;
    // Kafka messages wait here, not at the broker: there is no ack deadline ticking on them.
    if (this.#backlog >= this.#options.concurrency * this.#options.topics.length * 2 && !this.#paused) {
      this.#paused = true;
      this.#stream?.pause();
    }
    this.#offer(entry);
  }

  #offer(entry: Entry): void {
    const topic = entry.tracked.message.topic;
    if ((this.#running.get(topic) ?? 0) < this.#options.concurrency) this.#run(entry);
    else {
      let queue = this.#waiting.get(topic);
      if (queue === undefined) {
        queue = [];
        this.#waiting.set(topic, queue);
      }
      queue.push(entry);
    }
  }

  #run(entry: Entry): void {
    const message = entry.tracked.message;
    this.#running.set(message.topic, (this.#running.get(message.topic) ?? 0) + 1);
    entry.attempt++;
    const handle = new DeliveryHandle(
      message.topic,
      this.#options.group,
      entry.attempt,
      message.key ? message.key.toString() : undefined,
      () => this.#arm(entry, handle),
    );
    entry.handle = handle;
    this.#arm(entry, handle);
    const value = message.value ?? Buffer.alloc(0);
    void processDelivery(
      {
        topic: message.topic,
        data: value,
        attempt: entry.attempt,
        key: handle.key,
        position: `${message.topic}/${message.partition}/${message.offset}`,
      },
      handle,
      this.#options,
      this.#handler,
      this.#transport.sink,
    ).then((decision) => this.#settle(entry, handle, decision));
  }

  #arm(entry: Entry, handle: DeliveryHandle): void {
    if (entry.handle !== handle || handle.abandoned) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      // No outcome in time: as a broker would, deliver again; the late outcome is ignored.
      if (entry.handle !== handle) return;
      handle.abandon();
      this.#free(entry);
      if (this.#state === 'open') this.#offer(entry);
      else this.#leave(entry);
    }, this.#options.ackTimeoutMs);
    entry.timer.unref?.();
  }

  #settle(entry: Entry, handle: DeliveryHandle, decision: Decision): void {
    if (entry.handle !== handle || decision.kind === 'abandon') return;
    this.#free(entry);
    if (decision.kind === 'retry' && this.#state === 'open') {
      const timer = setTimeout(() => {
        this.#retryTimers.delete(timer);
        if (this.#state === 'closed') return;
        this.#offer(entry);
      }, decision.delayMs);
      timer.unref?.();
      this.#retryTimers.add(timer);
      return;
    }
    if (decision.kind === 'retry') {
      this.#leave(entry);
      return;
    }
    const commit = this.#tracker.complete(entry.tracked);
    this.#leave(entry);
    if (commit !== undefined) {
      try {
        const pending = commit.message.commit();
        if (pending) pending.catch((error: unknown) => this.#transport.noteError(error));
      } catch (error) {
        this.#transport.noteError(error);
      }
    }
  }

  /** The handler slot of an entry is free again; start a waiting message of the same topic. */
  #free(entry: Entry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.handle = undefined;
    const topic = entry.tracked.message.topic;
    this.#running.set(topic, (this.#running.get(topic) ?? 1) - 1);
    if (this.#state !== 'open') return;
    const next = this.#waiting.get(topic)?.shift();
    if (next !== undefined) this.#run(next);
  }

  /** The entry is finished here (done, or given up on close). */
  #leave(entry: Entry): void {
    if (!this.#entries.delete(entry)) return;
    this.#backlog--;
    if (
      this.#paused &&
      this.#state === 'open' &&
      this.#backlog < this.#options.concurrency * this.#options.topics.length
    ) {
      this.#paused = false;
      this.#stream?.resume();
    }
    if (this.#state === 'draining' && this.#inFlight() === 0) this.#onIdle?.();
  }

  #inFlight(): number {
    let n = 0;
    for (const count of this.#running.values()) n += count;
    return n;
  }

  drain(): Promise<void> {
    if (this.#drained) return this.#drained;
    if (this.#state === 'open') this.#state = 'draining';
    this.#stream?.pause();
    // Waiting and retrying messages are left un-committed: the group gets them again.
    for (const timer of this.#retryTimers) clearTimeout(timer);
    this.#retryTimers.clear();
    this.#waiting.clear();
    this.#drained = (
      this.#inFlight() === 0
        ? Promise.resolve()
        : new Promise<void>((resolvePromise) => {
            this.#onIdle = resolvePromise;
          })
    ).then(() => this.close());
    return this.#drained;
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    for (const entry of this.#entries) {
      entry.handle?.abandon();
      if (entry.timer !== undefined) clearTimeout(entry.timer);
    }
    for (const timer of this.#retryTimers) clearTimeout(timer);
    this.#retryTimers.clear();
    this.#entries.clear();
    this.#waiting.clear();
    this.#onIdle?.();
    this.#transport.forget(this);
    const stream = this.#stream;
    const consumer = this.#consumer;
    this.#stream = undefined;
    this.#consumer = undefined;
    try {
      if (stream) await withTimeout(stream.close(), 5_000, () => new Error('stream close timeout'));
      if (consumer) await withTimeout(consumer.close(true), 5_000, () => new Error('consumer close timeout'));
    } catch (error) {
      this.#transport.noteError(error);
    }
    this.#tracker.clear();
  }
}

function deepText(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const walk = (e: unknown): void => {
    if (e === null || e === undefined || seen.has(e) || parts.length > 50) return;
    seen.add(e);
    parts.push(String((e as { message?: unknown }).message ?? e));
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') parts.push(code);
    walk(cause);
    if (Array.isArray(errors)) for (const inner of errors) walk(inner);
  };
  walk(error);
  return parts.join(' ');
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function closed(what: string): TransportError {
  return new TransportError(TransportErrorCodes.CLOSED, `[deltran] kafka transport: ${what} after close()`);
}

function invalidOption(path: string, message: string): TransportError {
  return new TransportError(
    TransportErrorCodes.INVALID_OPTIONS,
    `[deltran] createKafkaTransport: ${message}`,
    {
      path: [path],
    },
  );
}
