/**
 * `deltran/adapters/memory`: the in-memory transport, with a broker's semantics in one process.
 *
 * At-least-once with explicit acks decided by the handler's result; an un-acked delivery (handler
 * slower than `ackTimeoutMs`, subscription closed mid-handler) is redelivered; retries after backoff;
 * dead-letter topic after `maxAttempts` or a fatal error; publish dedupe on the event id within a
 * window, as JetStream does. Every event is encoded to JSON bytes and decoded again on delivery, so
 * what works here works over a broker (a `bigint` in `data` fails here too).
 *
 * Not durable: everything lives in the process. A group's position survives its subscriptions
 * (close, then subscribe again with the same group, and messages published meanwhile arrive), but a
 * group only receives messages published after its first subscription (`flags.replaysHistory` false).
 *
 * Loads no broker client. Default export: {@link createMemoryTransport}.
 * @packageDocumentation
 */
import { EventEmitter } from 'eventemitter3';
import { cryptoRandom, type RandomSource } from '../../index';
import {
  type AdapterFactory,
  checkTopicName,
  DEFAULT_TOPICS,
  type Envelope,
  encodeEnvelope,
  type MessageHandler,
  type PublishOptions,
  type PublishReceipt,
  parseEnvelope,
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

/** The adapter's name, as in `transport.name`. @public */
export const ADAPTER_NAME = 'memory';

/** Options of {@link createMemoryTransport}. @public */
export interface MemoryTransportOptions {
  /** Dead-letter topic of subscriptions that name none. @defaultValue `'deltran.dead-letter'` */
  readonly deadLetterTopic?: string;
  /** How long a published id is remembered to drop re-publishes (JetStream's default). 0 disables dedupe. @defaultValue 120 000 */
  readonly dedupeWindowMs?: number;
  /** At most this many ids are remembered; the oldest are forgotten first. @defaultValue 100 000 */
  readonly dedupeMaxEntries?: number;
  /** Epoch milliseconds, for the dedupe window and dead-letter times. @defaultValue `Date.now` */
  readonly now?: () => number;
  /** Bytes for backoff jitter. @defaultValue the platform CSPRNG */
  readonly random?: RandomSource;
  /**
   * How events travel: `'json'` encodes each to bytes and decodes it for each delivery, exactly as a
   * broker does (a `bigint` in data fails here too, and handlers get their own copy); `'none'` checks
   * the envelope and hands the same frozen object to every handler, several times faster, for
   * benchmarks and in-process pipelines that never mutate events.
   * @defaultValue `'json'`
   */
  readonly encoding?: 'json' | 'none';
}

/**
 * What the memory transport does (see {@link TransportFlags}); `encodesEvents` follows `encoding`.
 * @param encoding - the transport's `encoding`
 * @returns the flags
 * @public
 */
export function memoryFlags(encoding: 'json' | 'none' = 'json'): TransportFlags {
  return Object.freeze({
    durable: false,
    publishDedupe: true,
    deliveryCount: true,
    delayedRedelivery: true,
    ackTimeout: true,
    extendAckDeadline: true,
    sharedGroups: true,
    orderedPerKey: true,
    replaysHistory: false,
    encodesEvents: encoding === 'json',
  });
}

/**
 * Creates an in-memory transport. Two transports never share state.
 *
 * @param options - dead-letter topic, dedupe window, clock, random source
 * @returns a {@link Transport} named `memory`
 * @throws {@link TransportError} (`TRANSPORT_INVALID_OPTIONS`) for a negative dedupe window or size
 * @example
 * ```ts
 * const transport = createMemoryTransport();
 * await transport.subscribe({ topics: [DEFAULT_TOPICS.tokenMint], group: 'token' }, async (event) => {
 *   await ledger.mintOnce(event.id, event.data);
 * });
 * await transport.publish(DEFAULT_TOPICS.tokenMint, event);
 * ```
 * @public
 */
export const createMemoryTransport: AdapterFactory<MemoryTransportOptions | undefined> = (options = {}) =>
  new MemoryTransport(options);

export default createMemoryTransport;

interface Stored {
  readonly seq: number;
  readonly topic: string;
  readonly data: Uint8Array;
  readonly decoded: Envelope | undefined;
  readonly key: string | undefined;
  deliveries: number;
}

/** The messages of one group on one topic: what a broker calls a durable consumer. */
class GroupQueue {
  readonly group: string;
  readonly topic: string;
  readonly consumers: Consumer[] = [];
  #items: Stored[] = [];
  #head = 0;
  #next = 0;
  #scheduled = false;

  constructor(group: string, topic: string) {
    this.group = group;
    this.topic = topic;
  }

  onPublish(seq: number, data: Uint8Array, decoded: Envelope | undefined, key: string | undefined): void {
    this.#items.push({ seq, topic: this.topic, data, decoded, key, deliveries: 0 });
    this.schedule();
  }

  /** Puts a message back at the front: a redelivery goes before new messages. */
  requeue(message: Stored): void {
    if (this.#head > 0) this.#items[--this.#head] = message;
    else this.#items.unshift(message);
    this.schedule();
  }

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Dispatches on a microtask: publish never runs a handler inside the caller's call stack. */
  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (this.length > 0) {
      const consumer = this.#nextConsumer();
      if (consumer === undefined) return;
      const message = this.#items[this.#head]!;
      this.#items[this.#head++] = undefined as unknown as Stored;
      if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
      consumer.subscription.start(consumer, message);
    }
  }

  #nextConsumer(): Consumer | undefined {
    const n = this.consumers.length;
    for (let i = 0; i < n; i++) {
      const consumer = this.consumers[(this.#next + i) % n]!;
      if (consumer.hasCapacity()) {
        this.#next = (this.#next + i + 1) % n;
        return consumer;
      }
    }
    return undefined;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}

/** One subscription's seat on one group queue, with its own concurrency. */
class Consumer {
  readonly subscription: MemorySubscription;
  readonly queue: GroupQueue;
  inFlight = 0;

  constructor(subscription: MemorySubscription, queue: GroupQueue) {
    this.subscription = subscription;
    this.queue = queue;
  }

  hasCapacity(): boolean {
    return this.subscription.open && this.inFlight < this.subscription.options.concurrency;
  }
}

interface Active {
  readonly consumer: Consumer;
  readonly message: Stored;
  readonly handle: DeliveryHandle;
  timer: ReturnType<typeof setTimeout> | undefined;
  settled: boolean;
}

class MemorySubscription implements Subscription {
  readonly options: ResolvedSubscribeOptions;
  readonly #transport: MemoryTransport;
  readonly #handler: MessageHandler;
  readonly #consumers: Consumer[];
  readonly #active = new Set<Active>();
  #state: 'open' | 'draining' | 'closed' = 'open';
  #drained: Promise<void> | undefined;
  #onIdle: (() => void) | undefined;

  constructor(
    transport: MemoryTransport,
    options: ResolvedSubscribeOptions,
    handler: MessageHandler,
    queues: GroupQueue[],
  ) {
    this.#transport = transport;
    this.options = options;
    this.#handler = handler;
    this.#consumers = queues.map((queue) => new Consumer(this, queue));
    for (const consumer of this.#consumers) {
      consumer.queue.consumers.push(consumer);
      consumer.queue.schedule();
    }
  }

  get group(): string {
    return this.options.group;
  }

  get topics(): readonly string[] {
    return this.options.topics;
  }

  get open(): boolean {
    return this.#state === 'open';
  }

  get closed(): boolean {
    return this.#state !== 'open';
  }

  start(consumer: Consumer, message: Stored): void {
    consumer.inFlight++;
    message.deliveries++;
    const active: Active = {
      consumer,
      message,
      handle: new DeliveryHandle(message.topic, this.options.group, message.deliveries, message.key, () =>
        this.#arm(active),
      ),
      timer: undefined,
      settled: false,
    };
    this.#active.add(active);
    this.#arm(active);
    void processDelivery(
      {
        topic: message.topic,
        data: message.data,
        ...(message.decoded === undefined ? {} : { decoded: message.decoded }),
        attempt: message.deliveries,
        key: message.key,
        position: `${message.topic}#${message.seq}`,
      },
      active.handle,
      this.options,
      this.#handler,
      this.#transport.sink,
    ).then((decision) => this.#settle(active, decision));
  }

  #arm(active: Active): void {
    if (active.settled) return;
    if (active.timer !== undefined) clearTimeout(active.timer);
    active.timer = setTimeout(() => this.#expire(active), this.options.ackTimeoutMs);
    active.timer.unref?.();
  }

  /** The ack deadline passed: a broker would redeliver, so the message goes back; a late outcome is ignored. */
  #expire(active: Active): void {
    if (active.settled) return;
    active.settled = true;
    active.timer = undefined;
    active.handle.abandon();
    this.#release(active);
    active.consumer.queue.requeue(active.message);
  }

  #settle(active: Active, decision: Decision): void {
    if (active.settled) return;
    active.settled = true;
    if (active.timer !== undefined) clearTimeout(active.timer);
    this.#release(active);
    if (decision.kind === 'retry')
      this.#transport.redeliverLater(active.consumer.queue, active.message, decision.delayMs);
    // 'ack': the message is done for this group. 'abandon' only follows an expiry or a close, which
    // already handed the message back.
  }

  #release(active: Active): void {
    active.consumer.inFlight--;
    this.#active.delete(active);
    active.consumer.queue.schedule();
    if (this.#active.size === 0) this.#onIdle?.();
  }

  drain(): Promise<void> {
    if (this.#drained) return this.#drained;
    if (this.#state === 'open') this.#state = 'draining';
    this.#drained = (
      this.#active.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolvePromise) => {
            this.#onIdle = resolvePromise;
          })
    ).then(() => this.close());
    return this.#drained;
  }

  close(): Promise<void> {
    if (this.#state === 'closed') return Promise.resolve();
    this.#state = 'closed';
    for (const active of this.#active) {
      active.settled = true;
      if (active.timer !== undefined) clearTimeout(active.timer);
      active.handle.abandon();
      active.consumer.inFlight--;
      active.consumer.queue.requeue(active.message);
    }
    this.#active.clear();
    for (const consumer of this.#consumers) {
      const seats = consumer.queue.consumers;
      const at = seats.indexOf(consumer);
      if (at >= 0) seats.splice(at, 1);
      consumer.queue.schedule();
    }
    this.#transport.forget(this);
    this.#onIdle?.();
    return Promise.resolve();
  }
}

class MemoryTransport implements Transport {
  readonly name: string = ADAPTER_NAME;
  readonly flags: TransportFlags;
  readonly deadLetterTopic: string;
  readonly sink: DeadLetterSink;
  readonly #emitter = new EventEmitter();
  readonly #queues = new Map<string, GroupQueue>();
  readonly #subscriptions = new Set<MemorySubscription>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;
  readonly #random: RandomSource;
  readonly #dedupeWindowMs: number;
  readonly #dedupeMaxEntries: number;
  readonly #encode: boolean;
  #seq = 0;
  #closed = false;

  constructor(options: MemoryTransportOptions) {
    this.deadLetterTopic = checkTopicName(options.deadLetterTopic ?? DEFAULT_TOPICS.deadLetter);
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? cryptoRandom;
    this.#dedupeWindowMs = nonNegative('dedupeWindowMs', options.dedupeWindowMs ?? 120_000);
    this.#dedupeMaxEntries = nonNegative('dedupeMaxEntries', options.dedupeMaxEntries ?? 100_000);
    const encoding = options.encoding ?? 'json';
    if (encoding !== 'json' && encoding !== 'none') {
      throw new TransportError(
        TransportErrorCodes.INVALID_OPTIONS,
        `[deltran] createMemoryTransport: expected encoding "json" or "none", got ${JSON.stringify(encoding)}`,
        { path: ['encoding'] },
      );
    }
    this.#encode = encoding === 'json';
    this.flags = memoryFlags(encoding);
    this.sink = {
      adapter: ADAPTER_NAME,
      now: this.#now,
      publish: (topic, event) => this.publish(topic, event),
    };
  }

  async publish(topic: string, event: Envelope, options: PublishOptions = {}): Promise<PublishReceipt> {
    this.#assertOpen('publish');
    checkTopicName(topic);
    const data = this.#encode ? encodeEnvelope(event) : EMPTY;
    const decoded = this.#encode
      ? undefined
      : Object.isFrozen(event)
        ? parseEnvelope(event)
        : Object.freeze({ ...parseEnvelope(event) });
    if (this.#isDuplicate(event.id)) return { topic, id: event.id, duplicate: true };
    const seq = ++this.#seq;
    this.#emitter.emit(topic, seq, data, decoded, options.key ?? event.subject);
    return { topic, id: event.id, duplicate: false, position: `${topic}#${seq}` };
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    this.#assertOpen('subscribe');
    const resolved = resolveSubscribeOptions(options, {
      deadLetterTopic: this.deadLetterTopic,
      random: this.#random,
    });
    const queues = resolved.topics.map((topic) => this.#queue(resolved.group, topic));
    const subscription = new MemorySubscription(this, resolved, handler, queues);
    this.#subscriptions.add(subscription);
    return subscription;
  }

  health(): TransportHealth {
    return { status: this.#closed ? 'closed' : 'up', subscriptions: this.#subscriptions.size };
  }

  async drain(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.drain()));
    await this.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#emitter.removeAllListeners();
    for (const queue of this.#queues.values()) queue.clear();
    this.#queues.clear();
    this.#seen.clear();
  }

  redeliverLater(queue: GroupQueue, message: Stored, delayMs: number): void {
    if (this.#closed) return;
    if (delayMs <= 0) {
      queue.requeue(message);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closed) queue.requeue(message);
    }, delayMs);
    timer.unref?.();
    this.#timers.add(timer);
  }

  forget(subscription: MemorySubscription): void {
    this.#subscriptions.delete(subscription);
  }

  #queue(group: string, topic: string): GroupQueue {
    const id = `${group}\u0000${topic}`;
    let queue = this.#queues.get(id);
    if (queue === undefined) {
      queue = new GroupQueue(group, topic);
      this.#emitter.on(topic, queue.onPublish, queue);
      this.#queues.set(id, queue);
    }
    return queue;
  }

  #isDuplicate(id: string): boolean {
    if (this.#dedupeWindowMs === 0 || this.#dedupeMaxEntries === 0) return false;
    const now = this.#now();
    // Insertion order is time order: forget expired ids from the oldest until one is still live.
    for (const [seenId, expiresAt] of this.#seen) {
      if (expiresAt > now && this.#seen.size <= this.#dedupeMaxEntries) break;
      this.#seen.delete(seenId);
    }
    const expiresAt = this.#seen.get(id);
    if (expiresAt !== undefined && expiresAt > now) return true;
    this.#seen.set(id, now + this.#dedupeWindowMs);
    return false;
  }

  #assertOpen(what: string): void {
    if (this.#closed)
      throw new TransportError(
        TransportErrorCodes.CLOSED,
        `[deltran] memory transport: ${what} after close()`,
      );
  }
}

const EMPTY = new Uint8Array(0);

function nonNegative(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TransportError(
      TransportErrorCodes.INVALID_OPTIONS,
      `[deltran] createMemoryTransport: expected a non-negative integer ${name}, got ${value}`,
      { path: [name] },
    );
  }
  return value;
}
