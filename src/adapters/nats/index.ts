/**
 * `deltran/adapters/nats`: the NATS JetStream transport, on the official client v3
 * (`@nats-io/transport-node`, `@nats-io/jetstream`; optional peer dependencies, loaded on first use or
 * passed in as `lib`).
 *
 * - One stream over `<prefix>>` (`deltran.>` by default), created when absent and verified when present
 *   (never altered: a stream that does not cover the subjects is an error).
 * - `publish` resolves on the stream's PubAck, with the event id as `Nats-Msg-Id`, so a re-publish within
 *   the stream's duplicate window is dropped (JetStream dedupes across the whole stream: the id is the
 *   event id, never a bare UETR). Transient failures (no responders while JetStream recovers, a
 *   reconnect) are retried with the same id until the adapter's own timeout.
 * - One durable pull consumer per group and topic (servers before 2.10, like Debian's 2.9, have no
 *   multi-filter consumers), explicit acks, `max_deliver` unlimited because attempts are counted
 *   against `maxAttempts` by the adapter, `nak(delay)` for retries, `working()` for long handlers.
 *   Messages are fetched only when a handler slot is free, so no message waits in a client buffer while
 *   its ack deadline runs.
 * - Survives reconnects: the connection retries forever, fetch loops restart, consumers are re-created
 *   if they vanished.
 *
 * Default export: {@link createNatsTransport}.
 * @packageDocumentation
 */
import type {
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
  StreamConfig,
} from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection, NodeConnectionOptions } from '@nats-io/transport-node';
import { cryptoRandom, type RandomSource } from '../../index';
import {
  type AdapterFactory,
  checkTopicName,
  createTopicNames,
  DEFAULT_TOPIC_PREFIX,
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
import { type DeadLetterSink, DeliveryHandle, processDelivery } from '../_internal/deliver';
import { loadOptional } from '../_internal/load-optional';
import { Slots } from '../_internal/slots';
import { sleep, withTimeout } from '../_internal/timers';
import { type PubAck, PubAcks, type PublishRequest } from './_pub-acks';

/** The adapter's name, as in `transport.name`. @public */
export const ADAPTER_NAME = 'nats';

/** Header carrying the ordering key (NATS has no key of its own). @public */
export const KEY_HEADER = 'Deltran-Key';

/** The parts of the NATS client the adapter uses; pass them as `lib` to skip the dynamic import. @public */
export interface NatsLibrary {
  /** `connect` from `@nats-io/transport-node`. */
  readonly connect: (options: NodeConnectionOptions) => Promise<NatsConnection>;
  /** `headers` from `@nats-io/transport-node`. */
  readonly headers: () => MsgHdrs;
  /** `jetstream` from `@nats-io/jetstream`. */
  readonly jetstream: (nc: NatsConnection) => JetStreamClient;
  /** `jetstreamManager` from `@nats-io/jetstream`. */
  readonly jetstreamManager: (nc: NatsConnection) => Promise<JetStreamManager>;
}

/** The JetStream stream the adapter publishes to. @public */
export interface NatsStreamOptions {
  /** Stream name. @defaultValue the prefix in upper case, dots as `_` (`DELTRAN`) */
  readonly name?: string;
  /** Subjects it covers. @defaultValue `['<prefix>>']` */
  readonly subjects?: readonly string[];
  /** Create the stream when it does not exist. @defaultValue true */
  readonly create?: boolean;
  /** Storage of a created stream. @defaultValue `'file'` */
  readonly storage?: 'file' | 'memory';
  /** Replicas of a created stream. @defaultValue 1 */
  readonly replicas?: number;
  /** Maximum age of a message in a created stream; 0 keeps them until other limits apply. @defaultValue 0 */
  readonly maxAgeMs?: number;
  /** Dedupe window of a created stream (JetStream `duplicate_window`). @defaultValue 120 000 */
  readonly duplicateWindowMs?: number;
}

/** Options of {@link createNatsTransport}. @public */
export interface NatsTransportOptions {
  /** Servers to connect to. @defaultValue `'nats://127.0.0.1:4222'` */
  readonly servers?: string | readonly string[];
  /** A connection the host owns; the adapter uses it and never closes it. */
  readonly connection?: NatsConnection;
  /** Extra connection options (auth, TLS, name …), over the adapter's: reconnect forever every 250 ms. */
  readonly connectOptions?: Partial<NodeConnectionOptions>;
  /** Topic prefix: names the default stream, its subjects and the dead-letter topic. @defaultValue `'deltran.'` */
  readonly prefix?: string;
  /** The stream. */
  readonly stream?: NatsStreamOptions;
  /** Dead-letter topic of subscriptions that name none. @defaultValue `'<prefix>dead-letter'` */
  readonly deadLetterTopic?: string;
  /** The adapter's own bound on one publish, retries included. @defaultValue 5 000 */
  readonly publishTimeoutMs?: number;
  /** Where a new group starts: every message still in the stream, or only new ones. @defaultValue `'all'` */
  readonly deliverPolicy?: 'all' | 'new';
  /** JetStream `max_ack_pending` of each consumer (shared by every instance of a group). @defaultValue 1 000 */
  readonly maxAckPending?: number;
  /** How long one pull waits for messages before the next (at least 1 000). @defaultValue 2 000 */
  readonly pullExpiresMs?: number;
  /** The client library, instead of the dynamic import. */
  readonly lib?: NatsLibrary;
  /** Epoch milliseconds, for dead-letter times and deadlines. @defaultValue `Date.now` */
  readonly now?: () => number;
  /** Bytes for backoff jitter. @defaultValue the platform CSPRNG */
  readonly random?: RandomSource;
}

/**
 * The NATS JetStream transport: a {@link Transport} that can also publish several events at once.
 * @public
 */
export interface NatsTransport extends Transport {
  /**
   * Publishes `events` to `topic` as {@link Transport.publish} would, each under its own id and key
   * (its `subject`), written to the connection together; resolves with the receipts in order once
   * every PubAck is in, or rejects with the first failure (the other publishes still complete or fail
   * on their own: re-publishing all of them with the same ids is safe within the dedupe window).
   * @param topic - the topic of every event
   * @param events - the envelopes
   * @param options - `timeoutMs` for each publish
   * @returns the receipts, in the order of `events`
   */
  publishMany(
    topic: string,
    events: readonly Envelope[],
    options?: Pick<PublishOptions, 'timeoutMs'>,
  ): Promise<PublishReceipt[]>;
}

/**
 * What the NATS JetStream transport does (see {@link TransportFlags}); `replaysHistory` follows
 * `deliverPolicy`.
 * @param deliverPolicy - the transport's `deliverPolicy`
 * @returns the flags
 * @public
 */
export function natsFlags(deliverPolicy: 'all' | 'new' = 'all'): TransportFlags {
  return Object.freeze({
    durable: true,
    publishDedupe: true,
    deliveryCount: true,
    delayedRedelivery: true,
    ackTimeout: true,
    extendAckDeadline: true,
    sharedGroups: true,
    orderedPerKey: true,
    replaysHistory: deliverPolicy === 'all',
    encodesEvents: true,
  });
}

/**
 * Creates a NATS JetStream transport. Nothing connects until the first publish or subscribe.
 *
 * @param options - servers or a connection, prefix, stream, timeouts
 * @returns a {@link NatsTransport} named `nats`
 * @throws {@link TransportError} `TRANSPORT_INVALID_OPTIONS` for out-of-range options; later, on use,
 * `TRANSPORT_MISSING_DEPENDENCY` when the client is not installed and `TRANSPORT_CONNECT_FAILED`,
 * `TRANSPORT_STREAM_MISMATCH`
 * @example
 * ```ts
 * const transport = createNatsTransport({ servers: 'nats://127.0.0.1:4222' });
 * await transport.publish(DEFAULT_TOPICS.complianceCheck, event);
 * ```
 * @public
 */
export const createNatsTransport: AdapterFactory<NatsTransportOptions | undefined, NatsTransport> = (
  options = {},
) => new NatsJetStreamTransport(options);

export default createNatsTransport;

interface Context {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly lib: NatsLibrary;
  readonly acks: PubAcks;
}

interface Settings {
  readonly prefix: string;
  readonly streamName: string;
  readonly subjects: readonly string[];
  readonly defaultSubjects: boolean;
  readonly publishTimeoutMs: number;
  readonly deliverPolicy: 'all' | 'new';
  readonly maxAckPending: number;
  readonly pullExpiresMs: number;
}

async function loadLibrary(): Promise<NatsLibrary> {
  const core = await loadOptional(
    '@nats-io/transport-node',
    ADAPTER_NAME,
    () => import('@nats-io/transport-node'),
  );
  const js = await loadOptional('@nats-io/jetstream', ADAPTER_NAME, () => import('@nats-io/jetstream'));
  return {
    connect: core.connect,
    headers: core.headers,
    jetstream: js.jetstream,
    jetstreamManager: js.jetstreamManager,
  };
}

class NatsJetStreamTransport implements NatsTransport {
  readonly name: string = ADAPTER_NAME;
  readonly flags: TransportFlags;
  readonly deadLetterTopic: string;
  readonly sink: DeadLetterSink;
  readonly settings: Settings;
  readonly #options: NatsTransportOptions;
  readonly #now: () => number;
  readonly #random: RandomSource;
  readonly #subscriptions = new Set<NatsSubscription>();
  #context: Promise<Context> | undefined;
  /** The context once open, so a publish skips an await. */
  #live: Context | undefined;
  #connected = false;
  #closed = false;
  #lastError: string | undefined;

  constructor(options: NatsTransportOptions) {
    this.#options = options;
    const prefix = createTopicNames({ prefix: options.prefix ?? DEFAULT_TOPIC_PREFIX }).prefix;
    if (prefix === '' && options.stream?.subjects === undefined) {
      throw invalidOption('prefix', 'an empty prefix needs explicit stream.subjects');
    }
    const deliverPolicy = options.deliverPolicy ?? 'all';
    if (deliverPolicy !== 'all' && deliverPolicy !== 'new')
      throw invalidOption('deliverPolicy', `expected "all" or "new", got ${JSON.stringify(deliverPolicy)}`);
    this.settings = {
      prefix,
      streamName:
        options.stream?.name ??
        (prefix
          .replace(/\.$/, '')
          .replace(/[^A-Za-z0-9_-]/g, '_')
          .toUpperCase() ||
          'DELTRAN'),
      subjects: options.stream?.subjects ?? [`${prefix}>`],
      defaultSubjects: options.stream?.subjects === undefined,
      publishTimeoutMs: positive('publishTimeoutMs', options.publishTimeoutMs ?? 5_000),
      deliverPolicy,
      maxAckPending: positive('maxAckPending', options.maxAckPending ?? 1_000),
      pullExpiresMs: Math.max(1_000, positive('pullExpiresMs', options.pullExpiresMs ?? 2_000)),
    };
    if (!/^[A-Za-z0-9_-]+$/.test(this.settings.streamName))
      throw invalidOption(
        'stream.name',
        `expected [A-Za-z0-9_-], got ${JSON.stringify(this.settings.streamName)}`,
      );
    this.flags = natsFlags(deliverPolicy);
    this.deadLetterTopic = this.#checkTopic(options.deadLetterTopic ?? `${prefix}dead-letter`);
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? cryptoRandom;
    this.sink = {
      adapter: ADAPTER_NAME,
      now: this.#now,
      publish: (topic, event) => this.publish(topic, event),
    };
  }

  publish(topic: string, event: Envelope, options: PublishOptions = {}): Promise<PublishReceipt> {
    try {
      this.#assertOpen('publish');
      this.#checkTopic(topic);
      const data = encodeEnvelope(event);
      const key = options.key ?? event.subject;
      const timeoutMs = options.timeoutMs ?? this.settings.publishTimeoutMs;
      return new Promise<PublishReceipt>((resolvePromise, rejectPromise) => {
        const pending = new PendingPublish(
          this,
          topic,
          event.id,
          data,
          key,
          timeoutMs,
          resolvePromise,
          rejectPromise,
        );
        const live = this.#live;
        if (live !== undefined) pending.start(live);
        else
          this.#ready().then(
            (context) => pending.start(context),
            (error: unknown) => pending.fail(error),
          );
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  publishMany(
    topic: string,
    events: readonly Envelope[],
    options: Pick<PublishOptions, 'timeoutMs'> = {},
  ): Promise<PublishReceipt[]> {
    const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
    return Promise.all(events.map((event) => this.publish(topic, event, timeout)));
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    this.#assertOpen('subscribe');
    const resolved = resolveSubscribeOptions(options, {
      deadLetterTopic: this.deadLetterTopic,
      random: this.#random,
    });
    for (const topic of resolved.topics) this.#checkTopic(topic);
    const context = await this.#ready();
    const consumers: { topic: string; durable: string }[] = [];
    try {
      for (const topic of resolved.topics) {
        const durable = consumerName(resolved.group, topic);
        await this.ensureConsumer(context, durable, topic, resolved);
        consumers.push({ topic, durable });
      }
    } catch (error) {
      if (error instanceof TransportError) throw error;
      throw new TransportError(
        TransportErrorCodes.SUBSCRIBE_FAILED,
        `[deltran] nats: could not create the consumers of group ${resolved.group}: ${errorText(error)}`,
        { cause: error },
      );
    }
    this.#assertOpen('subscribe');
    const subscription = new NatsSubscription(this, context, resolved, handler, consumers);
    this.#subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  health(): TransportHealth {
    const status = this.#closed ? 'closed' : this.#connected ? 'up' : 'connecting';
    const detail = this.#lastError === undefined ? undefined : `last error: ${this.#lastError}`;
    return { status, subscriptions: this.#subscriptions.size, ...(detail === undefined ? {} : { detail }) };
  }

  async drain(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.drain()));
    await this.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    const pending = this.#context;
    this.#context = undefined;
    this.#live = undefined;
    if (pending === undefined) return;
    let context: Context;
    try {
      context = await pending;
    } catch {
      return; // Connecting had failed: nothing to close.
    }
    const { nc, acks } = context;
    // Acks and naks still queued go out first; publishes not written yet fail now, those on their
    // way may still get their PubAck meanwhile.
    acks.runLater();
    acks.dropQueued(closed('publish'));
    if (this.#options.connection !== undefined) {
      await withTimeout(nc.flush(), 2_000, () => new Error('flush timeout')).catch(() => {});
      acks.close(closed('publish'), true);
      return;
    }
    // Flush the acks and naks just sent, but never wait on a dead server for long.
    await withTimeout(nc.drain(), 2_000, () => new Error('drain timeout')).catch(() => nc.close());
    acks.close(closed('publish'), false);
  }

  /** Epoch milliseconds (the `now` option). */
  now(): number {
    return this.#now();
  }

  noteError(error: unknown): void {
    this.#lastError = errorText(error);
  }

  forget(subscription: NatsSubscription): void {
    this.#subscriptions.delete(subscription);
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Creates the group's consumer on a topic, or brings its ack deadline and limits up to date. */
  async ensureConsumer(
    context: Context,
    durable: string,
    topic: string,
    options: ResolvedSubscribeOptions,
  ): Promise<void> {
    const ackWait = options.ackTimeoutMs * 1_000_000;
    const { streamName } = this.settings;
    let info: Awaited<ReturnType<JetStreamManager['consumers']['info']>> | undefined;
    try {
      info = await context.jsm.consumers.info(streamName, durable);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (info === undefined) {
      try {
        await context.jsm.consumers.add(streamName, {
          durable_name: durable,
          filter_subject: topic,
          ack_policy: 'explicit',
          ack_wait: ackWait,
          max_deliver: -1,
          deliver_policy: this.settings.deliverPolicy,
          replay_policy: 'instant',
          max_ack_pending: this.settings.maxAckPending,
        });
        return;
      } catch (error) {
        // Another instance of the group may have created it first.
        info = await context.jsm.consumers.info(streamName, durable).catch(() => {
          throw error;
        });
      }
    }
    if (info.config.filter_subject !== topic) {
      throw new TransportError(
        TransportErrorCodes.STREAM_MISMATCH,
        `[deltran] nats: consumer ${durable} filters ${info.config.filter_subject}, expected ${topic}`,
      );
    }
    if (info.config.ack_wait !== ackWait || info.config.max_ack_pending !== this.settings.maxAckPending) {
      await context.jsm.consumers.update(streamName, durable, {
        ack_wait: ackWait,
        max_ack_pending: this.settings.maxAckPending,
      });
    }
  }

  #ready(): Promise<Context> {
    if (this.#context === undefined) {
      const opening = this.#open();
      this.#context = opening;
      // A failed connect is retried by the next call instead of being remembered forever.
      opening.catch(() => {
        if (this.#context === opening) this.#context = undefined;
      });
      opening.then(
        (context) => {
          if (this.#context === opening) this.#live = context;
        },
        () => {},
      );
    }
    return this.#context;
  }

  async #open(): Promise<Context> {
    const lib = this.#options.lib ?? (await loadLibrary());
    let nc: NatsConnection;
    if (this.#options.connection !== undefined) {
      nc = this.#options.connection;
    } else {
      const servers = this.#options.servers ?? 'nats://127.0.0.1:4222';
      try {
        nc = await lib.connect({
          servers: typeof servers === 'string' ? servers : [...servers],
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
          name: 'deltran',
          ...this.#options.connectOptions,
        });
      } catch (error) {
        this.noteError(error);
        throw new TransportError(
          TransportErrorCodes.CONNECT_FAILED,
          `[deltran] nats: could not connect to ${String(servers)}: ${errorText(error)}`,
          { cause: error },
        );
      }
    }
    if (this.#closed) {
      if (this.#options.connection === undefined) await nc.close();
      throw closed('connect');
    }
    this.#connected = !nc.isClosed();
    void this.#watch(nc);
    try {
      const jsm = await lib.jetstreamManager(nc);
      await this.#ensureStream(jsm);
      return { nc, js: lib.jetstream(nc), jsm, lib, acks: new PubAcks(nc) };
    } catch (error) {
      if (this.#options.connection === undefined) await nc.close().catch(() => {});
      if (error instanceof TransportError) throw error;
      throw new TransportError(
        TransportErrorCodes.CONNECT_FAILED,
        `[deltran] nats: JetStream is not available: ${errorText(error)}`,
        { cause: error },
      );
    }
  }

  async #watch(nc: NatsConnection): Promise<void> {
    try {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnecting') this.#connected = false;
        else if (status.type === 'reconnect') this.#connected = true;
        else if (status.type === 'error') this.noteError((status as { error?: unknown }).error);
      }
    } catch {
      // The status iterator ends with the connection.
    }
    this.#connected = false;
  }

  async #ensureStream(jsm: JetStreamManager): Promise<void> {
    const { streamName, subjects } = this.settings;
    const stream = this.#options.stream ?? {};
    let config: StreamConfig | undefined;
    try {
      config = (await jsm.streams.info(streamName)).config;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (config === undefined) {
      if (stream.create === false) {
        throw new TransportError(
          TransportErrorCodes.STREAM_MISMATCH,
          `[deltran] nats: stream ${streamName} does not exist and stream.create is false`,
        );
      }
      try {
        await jsm.streams.add({
          name: streamName,
          subjects: [...subjects],
          storage: stream.storage ?? 'file',
          num_replicas: stream.replicas ?? 1,
          max_age: (stream.maxAgeMs ?? 0) * 1_000_000,
          duplicate_window: (stream.duplicateWindowMs ?? 120_000) * 1_000_000,
        });
        return;
      } catch (error) {
        config = (
          await jsm.streams.info(streamName).catch(() => {
            throw error;
          })
        ).config;
      }
    }
    const missing = subjects.filter(
      (subject) => !config.subjects.some((pattern) => covers(pattern, subject)),
    );
    if (missing.length > 0) {
      throw new TransportError(
        TransportErrorCodes.STREAM_MISMATCH,
        `[deltran] nats: stream ${streamName} covers ${config.subjects.join(', ')}, not ${missing.join(', ')}; the adapter never alters an existing stream`,
      );
    }
  }

  #checkTopic(topic: string): string {
    checkTopicName(topic);
    if (this.settings.defaultSubjects && !topic.startsWith(this.settings.prefix)) {
      throw new TransportError(
        TransportErrorCodes.INVALID_TOPIC,
        `[deltran] nats: topic ${topic} is outside stream ${this.settings.streamName} (${this.settings.prefix}>)`,
        { path: ['topic'] },
      );
    }
    return topic;
  }

  #assertOpen(what: string): void {
    if (this.#closed) throw closed(what);
  }
}

/**
 * One publish until its PubAck, its own deadline, or an error retrying cannot fix. Transient failures
 * (no responders while JetStream recovers) are sent again with the same `Nats-Msg-Id` after a
 * backoff, until the deadline; one timer bounds the whole publish, connecting included.
 */
class PendingPublish implements PublishRequest {
  token: string | undefined;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly #transport: NatsJetStreamTransport;
  readonly #id: string;
  readonly #key: string | undefined;
  readonly #timeoutMs: number;
  readonly #deadline: number;
  readonly #resolve: (receipt: PublishReceipt) => void;
  readonly #reject: (error: unknown) => void;
  readonly #timer: ReturnType<typeof setTimeout>;
  #headers: MsgHdrs | undefined;
  #acks: PubAcks | undefined;
  #retry = 0;
  #lastError: unknown;
  #done = false;

  constructor(
    transport: NatsJetStreamTransport,
    subject: string,
    id: string,
    data: Uint8Array,
    key: string | undefined,
    timeoutMs: number,
    resolvePromise: (receipt: PublishReceipt) => void,
    rejectPromise: (error: unknown) => void,
  ) {
    this.#transport = transport;
    this.subject = subject;
    this.#id = id;
    this.data = data;
    this.#key = key;
    this.#timeoutMs = timeoutMs;
    this.#deadline = transport.now() + timeoutMs;
    this.#resolve = resolvePromise;
    this.#reject = rejectPromise;
    this.#timer = setTimeout(this.#onTimeout, timeoutMs);
    this.#timer.unref?.();
  }

  get headers(): MsgHdrs {
    // Built on first send (the library's `headers()` needs the loaded client).
    return this.#headers!;
  }

  /** Sends it once the connection is ready. */
  start(context: Context): void {
    if (this.#done) return;
    if (this.#transport.isClosed) {
      this.fail(closed('publish'));
      return;
    }
    const headers = context.lib.headers();
    if (this.#key !== undefined) headers.set(KEY_HEADER, this.#key);
    headers.set('Nats-Msg-Id', this.#id);
    this.#headers = headers;
    this.#acks = context.acks;
    this.#send();
  }

  settle(error: unknown, ack: PubAck | undefined): void {
    if (this.#done) return;
    if (ack !== undefined) {
      this.#finish();
      this.#resolve({
        topic: this.subject,
        id: this.#id,
        duplicate: ack.duplicate,
        position: `${ack.stream}#${ack.seq}`,
      });
      return;
    }
    this.#lastError = error;
    if (this.#transport.isClosed) {
      this.fail(closed('publish'));
      return;
    }
    if (!isRetryable(error)) {
      this.fail(
        new TransportError(
          TransportErrorCodes.PUBLISH_FAILED,
          `[deltran] nats: publish of ${this.#id} to ${this.subject} refused: ${errorText(error)}`,
          { cause: error },
        ),
      );
      return;
    }
    const delayMs = Math.min(
      50 * 2 ** Math.min(this.#retry++, 5),
      Math.max(0, this.#deadline - this.#transport.now()),
    );
    sleep(delayMs).then(() => this.#send());
  }

  fail(error: unknown): void {
    if (this.#done) return;
    this.#finish();
    this.#reject(error);
  }

  #send(): void {
    if (this.#done) return;
    if (this.#transport.isClosed) {
      this.fail(closed('publish'));
      return;
    }
    if (this.#deadline - this.#transport.now() <= 0) {
      this.#onTimeout();
      return;
    }
    this.#acks!.send(this);
  }

  #finish(): void {
    this.#done = true;
    clearTimeout(this.#timer);
  }

  readonly #onTimeout = (): void => {
    if (this.#done) return;
    this.#acks?.forget(this);
    this.fail(publishTimeout(this.subject, this.#id, this.#timeoutMs, this.#lastError));
  };
}

interface ActiveDelivery {
  readonly handle: DeliveryHandle;
  readonly message: JsMsg;
  readonly slots: Slots;
}

class NatsSubscription implements Subscription {
  readonly #transport: NatsJetStreamTransport;
  readonly #context: Context;
  readonly #options: ResolvedSubscribeOptions;
  readonly #handler: MessageHandler;
  readonly #consumers: readonly { topic: string; durable: string }[];
  readonly #active = new Set<ActiveDelivery>();
  readonly #batches = new Set<ConsumerMessages>();
  readonly #slots: Slots[] = [];
  readonly #stop = new AbortController();
  #loops: Promise<void>[] = [];
  #state: 'open' | 'draining' | 'closed' = 'open';
  #drained: Promise<void> | undefined;
  #onIdle: (() => void) | undefined;

  constructor(
    transport: NatsJetStreamTransport,
    context: Context,
    options: ResolvedSubscribeOptions,
    handler: MessageHandler,
    consumers: readonly { topic: string; durable: string }[],
  ) {
    this.#transport = transport;
    this.#context = context;
    this.#options = options;
    this.#handler = handler;
    this.#consumers = consumers;
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

  start(): void {
    // Two pull loops per topic share the topic's handler slots, each asking for at most half of
    // them: one pull is always on its way while the other's batch is being handled.
    const pullers = this.#options.concurrency > 1 ? 2 : 1;
    const batch = Math.ceil(this.#options.concurrency / pullers);
    this.#loops = this.#consumers.flatMap(({ topic, durable }) => {
      const slots = new Slots(this.#options.concurrency);
      this.#slots.push(slots);
      return Array.from({ length: pullers }, () => this.#pull(topic, durable, slots, batch));
    });
  }

  /** Fetches exactly as many messages as there are free handler slots, again and again. */
  async #pull(topic: string, durable: string, slots: Slots, batch: number): Promise<void> {
    const { streamName, pullExpiresMs } = this.#transport.settings;
    let consumer: Awaited<ReturnType<JetStreamClient['consumers']['get']>> | undefined;
    let failures = 0;
    while (this.#state === 'open') {
      const reserved = await slots.acquireMany(batch);
      if (reserved === 0 || this.#state !== 'open') {
        slots.release(reserved);
        break;
      }
      let dispatched = 0;
      try {
        consumer ??= await this.#context.js.consumers.get(streamName, durable);
        const batch = await consumer.fetch({ max_messages: reserved, expires: pullExpiresMs });
        this.#batches.add(batch);
        try {
          for await (const message of batch) {
            if (this.#state !== 'open' || dispatched === reserved) {
              quietly(() => message.nak(this.#handBackDelayMs()));
              continue;
            }
            dispatched++;
            this.#dispatch(topic, message, slots);
          }
        } finally {
          this.#batches.delete(batch);
        }
        failures = 0;
      } catch (error) {
        if (this.#state !== 'open') break;
        this.#transport.noteError(error);
        consumer = undefined;
        failures++;
        if (isNotFound(error)) {
          await this.#transport
            .ensureConsumer(this.#context, durable, topic, this.#options)
            .catch((e: unknown) => this.#transport.noteError(e));
        }
        await sleep(Math.min(100 * 2 ** Math.min(failures, 4), 2_000), this.#stop.signal);
      } finally {
        slots.release(reserved - dispatched);
      }
    }
  }

  #dispatch(topic: string, message: JsMsg, slots: Slots): void {
    const attempt = message.info.deliveryCount;
    const key = message.headers?.get(KEY_HEADER) || undefined;
    const handle = new DeliveryHandle(topic, this.#options.group, attempt, key, () =>
      quietly(() => message.working()),
    );
    const active: ActiveDelivery = { handle, message, slots };
    this.#active.add(active);
    void processDelivery(
      {
        topic,
        data: message.data,
        attempt,
        key,
        position: `${this.#transport.settings.streamName}#${message.seq}`,
      },
      handle,
      this.#options,
      this.#handler,
      this.#transport.sink,
    ).then((decision) => {
      if (!this.#active.delete(active)) return; // closed meanwhile: already handed back
      // Written with the connection's next batch of writes (one socket write for many acks).
      if (decision.kind === 'ack') this.#context.acks.later(() => message.ack());
      else if (decision.kind === 'retry') this.#context.acks.later(() => message.nak(decision.delayMs));
      slots.release();
      if (this.#active.size === 0) this.#onIdle?.();
    });
  }

  drain(): Promise<void> {
    if (this.#drained) return this.#drained;
    if (this.#state === 'open') this.#state = 'draining';
    this.#stopPulling();
    this.#drained = (
      this.#active.size === 0
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
    this.#stopPulling();
    // Hand what is in flight back to the group, after the pulls just stopped have expired on the
    // server: nats-server 2.9 mis-reports the delivery count of a message nak'ed while a stopped pull
    // request of the same consumer is still pending (seen against 2.9.10), so the nak waits it out.
    const delayMs = this.#handBackDelayMs();
    for (const active of this.#active) {
      active.handle.abandon();
      quietly(() => active.message.nak(delayMs));
    }
    this.#active.clear();
    this.#onIdle?.();
    this.#transport.forget(this);
    await Promise.allSettled(this.#loops);
  }

  #handBackDelayMs(): number {
    return this.#transport.settings.pullExpiresMs + 250;
  }

  #stopPulling(): void {
    this.#stop.abort();
    for (const slots of this.#slots) slots.cancel();
    for (const batch of this.#batches) quietly(() => batch.stop());
  }
}

/** Whether a subject pattern of the stream covers a subject (or pattern) the adapter needs. */
function covers(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const token = p[i]!;
    if (token === '>') return s.length > i;
    const other = s[i];
    if (other === undefined) return false;
    if (token === '*') {
      if (other === '>') return false;
      continue;
    }
    if (token !== other) return false;
  }
  return p.length === s.length;
}

/** A durable name from group and topic: `[A-Za-z0-9_-]` only, plus a hash so distinct pairs never collide. */
function consumerName(group: string, topic: string): string {
  const readable = `${group}-${topic}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 200);
  let hash = 0x811c9dc5;
  const text = `${group}\n${topic}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${readable}-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; code?: number } | undefined;
  return (
    e?.name === 'StreamNotFoundError' ||
    e?.name === 'ConsumerNotFoundError' ||
    e?.code === 10059 ||
    e?.code === 10014
  );
}

/** Errors a retry with the same id may fix: timeouts, no responders, a connection being re-established. */
function isRetryable(error: unknown): boolean {
  const e = error as { name?: string; status?: number } | undefined;
  switch (e?.name) {
    case 'ClosedConnectionError':
    case 'DrainingConnectionError':
    case 'InvalidArgumentError':
    case 'InvalidSubjectError':
    case 'PermissionViolationError':
    case 'AuthorizationError':
      return false;
    case 'JetStreamApiError':
      return e.status === 503;
    default:
      return true;
  }
}

function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // An ack or nak on a closed connection: the broker redelivers after the ack deadline.
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function publishTimeout(topic: string, id: string, timeoutMs: number, lastError: unknown): TransportError {
  const last = lastError === undefined ? '' : ` (last error: ${errorText(lastError)})`;
  return new TransportError(
    TransportErrorCodes.PUBLISH_TIMEOUT,
    `[deltran] nats: no PubAck for ${id} on ${topic} within ${timeoutMs} ms${last}; publish it again with the same id`,
    { cause: lastError },
  );
}

function closed(what: string): TransportError {
  return new TransportError(TransportErrorCodes.CLOSED, `[deltran] nats transport: ${what} after close()`);
}

function invalidOption(path: string, message: string): TransportError {
  return new TransportError(
    TransportErrorCodes.INVALID_OPTIONS,
    `[deltran] createNatsTransport: ${message}`,
    {
      path: path.split('.'),
    },
  );
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw invalidOption(name, `expected a positive integer ${name}, got ${value}`);
  return value;
}
