/**
 * The `Transport` interface every adapter implements (memory, NATS JetStream, Kafka), and the delivery
 * contract they share: at-least-once, explicit ack decided by the handler's result, redelivery of
 * un-acked messages, retries with backoff, and a dead-letter topic.
 *
 * Transports move envelopes and know nothing of ISO 20022 (STYLE.md §5.1). Each one says what it really
 * does in {@link TransportFlags}; the contract suite branches on them instead of pretending.
 *
 * Pure: no I/O, no clock, no randomness here (backoff jitter takes an injected source).
 *
 * @packageDocumentation
 */
import { cryptoRandom, DeltranError, type RandomSource, ValidationError } from '../index';
import type { Envelope } from './envelope';
import {
  FatalHandlerError,
  PipelineError,
  PipelineErrorCodes,
  TransportError,
  TransportErrorCodes,
} from './errors';
import { DEFAULT_TOPICS } from './topics';

/**
 * What a transport really does. Declared per instance (some depend on options).
 * @public
 */
export interface TransportFlags {
  /** Published messages survive a restart of the process and of the broker. */
  readonly durable: boolean;
  /** The broker drops a second publish of the same event id within its dedupe window (`PublishReceipt.duplicate`). */
  readonly publishDedupe: boolean;
  /** The attempt number is counted by the broker, so it survives a consumer crash (otherwise it restarts at 1). */
  readonly deliveryCount: boolean;
  /** A retry is redelivered after the backoff delay, not at once. */
  readonly delayedRedelivery: boolean;
  /** A message whose handler gives no outcome within `ackTimeoutMs` is delivered again. */
  readonly ackTimeout: boolean;
  /** `DeliveryContext.working()` pushes the ack deadline back. */
  readonly extendAckDeadline: boolean;
  /** Several subscriptions of one group (in one process or many) share the messages. */
  readonly sharedGroups: boolean;
  /** With `concurrency: 1` and no retries, messages of one topic and key are handled in publish order. */
  readonly orderedPerKey: boolean;
  /** A group subscribing for the first time also receives messages published before it existed. */
  readonly replaysHistory: boolean;
  /**
   * Every event crosses the transport as JSON bytes: `data` must be JSON-serialisable (publish refuses
   * a `bigint`) and each handler gets its own copy.
   */
  readonly encodesEvents: boolean;
}

/** Options of one publish. @public */
export interface PublishOptions {
  /** Ordering and partition key (Kafka message key); the envelope's `subject` by default. */
  readonly key?: string;
  /** Overrides the adapter's publish timeout for this call. */
  readonly timeoutMs?: number;
}

/** The broker's confirmation of a publish. @public */
export interface PublishReceipt {
  /** The topic the event went to. */
  readonly topic: string;
  /** The event id (the broker's dedupe key). */
  readonly id: string;
  /** True when the broker recognised a re-publish of an id it already stored (only with `flags.publishDedupe`). */
  readonly duplicate: boolean;
  /** Where the broker stored it, for logs: `STREAM#seq` on NATS, `topic/partition/offset` on Kafka, a sequence in memory. */
  readonly position?: string;
}

/** Exponential backoff: `min(maxMs, initialMs × factor^(attempt-1))`, then ± `jitter` × that. @public */
export interface BackoffOptions {
  /** Delay before the second attempt. @defaultValue 200 */
  readonly initialMs?: number;
  /** Growth per attempt. @defaultValue 2 */
  readonly factor?: number;
  /** Ceiling. @defaultValue 30 000 */
  readonly maxMs?: number;
  /** Fraction of random spread, 0 to 1. @defaultValue 0 */
  readonly jitter?: number;
}

/** A backoff policy: options, or a function from the failed attempt (1-based) to a delay in ms. @public */
export type Backoff = BackoffOptions | ((attempt: number) => number);

/** What a handler's error means: try again later, or never. @public */
export type ErrorClass = 'retry' | 'fatal';

/** Options of {@link Transport.subscribe}. @public */
export interface SubscribeOptions {
  /** Topics to consume; one broker consumer per group and topic. */
  readonly topics: readonly string[];
  /**
   * The consumer group: every group receives every message; the subscriptions of one group (in one
   * process or many) share them. Its position is durable where the transport is.
   */
  readonly group: string;
  /** Handlers in flight at once in this subscription, across its topics. @defaultValue 16 */
  readonly concurrency?: number;
  /** Deliveries of one message before it is dead-lettered. @defaultValue 5 */
  readonly maxAttempts?: number;
  /** A delivery with no outcome after this long is delivered again. @defaultValue 30 000 */
  readonly ackTimeoutMs?: number;
  /** Delay before redelivering a message whose handler threw a retryable error. */
  readonly backoff?: Backoff;
  /** Where exhausted and fatal messages go. @defaultValue the transport's (`deltran.dead-letter`) */
  readonly deadLetterTopic?: string;
  /** Decides whether an error is retried; {@link defaultClassifyError} by default. */
  readonly classifyError?: (error: unknown) => ErrorClass;
}

/** What a handler learns about the delivery it is handling. @public */
export interface DeliveryContext {
  /** The topic it came from. */
  readonly topic: string;
  /** The group it was delivered to. */
  readonly group: string;
  /** 1 on first delivery; counted by the broker when `flags.deliveryCount`. */
  readonly attempt: number;
  /** The ordering key it was published with, when the transport carries one. */
  readonly key: string | undefined;
  /** Aborted when the subscription closes (and, in memory, when the ack deadline passes): the outcome will be ignored. */
  readonly signal: AbortSignal;
  /** Pushes the ack deadline back by `ackTimeoutMs`, for a long handler. */
  working(): void;
}

/**
 * Handles one event. Resolving acks it; throwing a retryable error redelivers it after the backoff;
 * throwing a {@link FatalHandlerError}, or a retryable one on the last attempt, dead-letters it.
 * Must be idempotent on `event.id`: delivery is at-least-once.
 * @public
 */
export type MessageHandler = (event: Envelope, context: DeliveryContext) => void | Promise<void>;

/** A running subscription. @public */
export interface Subscription {
  /** The group. */
  readonly group: string;
  /** The topics. */
  readonly topics: readonly string[];
  /** True once `drain()` or `close()` was called. */
  readonly closed: boolean;
  /** Stops taking messages, waits for the handlers in flight and their acks, then closes. Idempotent. */
  drain(): Promise<void>;
  /** Stops at once; deliveries in flight are left un-acked and will be redelivered. Idempotent. */
  close(): Promise<void>;
}

/** A transport's state, for `pipeline.health()`. @public */
export interface TransportHealth {
  /** `connecting` before the first connection and while reconnecting; `closed` after close. */
  readonly status: 'up' | 'connecting' | 'closed';
  /** Subscriptions open now. */
  readonly subscriptions: number;
  /** Human-readable detail (the server, the last connection error …). */
  readonly detail?: string;
}

/**
 * Moves DelTran events between stages. At-least-once on every transport; effects are exactly-once
 * because every handler is idempotent on the event id and its business key.
 * @public
 */
export interface Transport {
  /** The adapter's name (`memory`, `nats`, `kafka`). */
  readonly name: string;
  /** What this transport really does. */
  readonly flags: TransportFlags;
  /** The dead-letter topic used when a subscription names none. */
  readonly deadLetterTopic: string;
  /**
   * Publishes one event; resolves only once the broker has durably accepted it (in memory: once it is
   * queued for every group). A retry must pass the same envelope, hence the same id.
   * @throws {@link TransportError} `TRANSPORT_PUBLISH_TIMEOUT` when the adapter's timeout passes,
   * `TRANSPORT_CLOSED`, `TRANSPORT_INVALID_TOPIC`; {@link PipelineError} when the envelope is invalid
   */
  publish(topic: string, event: Envelope, options?: PublishOptions): Promise<PublishReceipt>;
  /**
   * Starts consuming; resolves once the group's consumers exist, so later publishes reach it.
   * @throws {@link TransportError} `TRANSPORT_INVALID_OPTIONS`, `TRANSPORT_INVALID_TOPIC`,
   * `TRANSPORT_SUBSCRIBE_FAILED`, `TRANSPORT_CLOSED`
   */
  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  /** The transport's state now. */
  health(): TransportHealth;
  /** Drains every subscription, then closes. Idempotent. */
  drain(): Promise<void>;
  /** Closes every subscription and the connection (if the adapter opened it). Idempotent. */
  close(): Promise<void>;
}

/**
 * The type of an adapter's factory (STYLE.md §5.2): options in, a {@link Transport} out, nothing
 * connected until first use. Options may be omitted when every field is optional.
 * @public
 */
export type AdapterFactory<Options, Adapter = Transport> = (
  ...args: undefined extends Options ? [options?: Options] : [options: Options]
) => Adapter;

/**
 * The data of a dead letter (CloudEvents type `deltran.dead-letter`), published to the dead-letter
 * topic with id `<original id>:dead-letter:<group>`, so a repeated dead-lettering is deduped.
 * @public
 */
export interface DeadLetter {
  /** Why: a fatal error, every attempt used, or bytes that are not an envelope. */
  readonly reason: 'fatal' | 'attempts-exhausted' | 'invalid-envelope';
  /** The topic the message came from. */
  readonly topic: string;
  /** The group that gave up on it. */
  readonly group: string;
  /** Deliveries made. */
  readonly attempts: number;
  /** The last error. */
  readonly error: { readonly name: string; readonly message: string; readonly code?: string };
  /** The original event, when it could be read. */
  readonly event?: Envelope;
  /** The original bytes, base64, when they were not an envelope. */
  readonly raw?: string;
  /** Where the broker had it (see {@link PublishReceipt.position}). */
  readonly position: string;
}

/** Subscription options with every default applied, as adapters use them. @public */
export interface ResolvedSubscribeOptions {
  /** See {@link SubscribeOptions.topics}; deduplicated. */
  readonly topics: readonly string[];
  /** See {@link SubscribeOptions.group}. */
  readonly group: string;
  /** See {@link SubscribeOptions.concurrency}. */
  readonly concurrency: number;
  /** See {@link SubscribeOptions.maxAttempts}. */
  readonly maxAttempts: number;
  /** See {@link SubscribeOptions.ackTimeoutMs}. */
  readonly ackTimeoutMs: number;
  /** Delay in ms after the given failed attempt. */
  readonly backoff: (attempt: number) => number;
  /** See {@link SubscribeOptions.deadLetterTopic}. */
  readonly deadLetterTopic: string;
  /** See {@link SubscribeOptions.classifyError}. */
  readonly classifyError: (error: unknown) => ErrorClass;
}

/** Default subscription values (see {@link SubscribeOptions}). @public */
export const SUBSCRIBE_DEFAULTS: {
  readonly concurrency: 16;
  readonly maxAttempts: 5;
  readonly ackTimeoutMs: 30000;
  readonly backoff: {
    readonly initialMs: 200;
    readonly factor: 2;
    readonly maxMs: 30000;
    readonly jitter: 0;
  };
} = Object.freeze({
  concurrency: 16,
  maxAttempts: 5,
  ackTimeoutMs: 30_000,
  backoff: Object.freeze({ initialMs: 200, factor: 2, maxMs: 30_000, jitter: 0 }),
} as const);

/**
 * The default error classifier: {@link FatalHandlerError}, a core `ValidationError` (input that can
 * never pass its schema) and an invalid envelope are fatal; everything else is retried.
 * @param error - what the handler threw
 * @returns `'fatal'` or `'retry'`
 * @public
 */
export function defaultClassifyError(error: unknown): ErrorClass {
  if (error instanceof FatalHandlerError || error instanceof ValidationError) return 'fatal';
  if (error instanceof PipelineError && error.code === PipelineErrorCodes.INVALID_ENVELOPE) return 'fatal';
  return 'retry';
}

/**
 * The delay before redelivering after a failed attempt.
 *
 * @param backoff - the policy (options or a function)
 * @param attempt - the attempt that failed, 1-based
 * @param random - bytes for the jitter; the platform CSPRNG by default
 * @returns a whole, non-negative number of milliseconds
 * @example
 * ```ts
 * computeBackoffMs({ initialMs: 100, factor: 2, maxMs: 1000 }, 3); // 400
 * ```
 * @public
 */
export function computeBackoffMs(
  backoff: Backoff,
  attempt: number,
  random: RandomSource = cryptoRandom,
): number {
  if (typeof backoff === 'function') return clampDelay(backoff(attempt));
  const d = SUBSCRIBE_DEFAULTS.backoff;
  const base = Math.min(
    backoff.maxMs ?? d.maxMs,
    (backoff.initialMs ?? d.initialMs) * (backoff.factor ?? d.factor) ** Math.max(0, attempt - 1),
  );
  const jitter = backoff.jitter ?? d.jitter;
  if (jitter <= 0) return clampDelay(base);
  const bytes = random(4);
  const unit = ((bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0) / 2 ** 32;
  return clampDelay(base * (1 + jitter * (2 * unit - 1)));
}

function clampDelay(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0;
}

// Words of [A-Za-z0-9_-] joined by dots: legal as a NATS subject (no wildcards, no spaces) and as a
// Kafka topic (at most 249 characters of [A-Za-z0-9._-]).
const TOPIC = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const GROUP = /^[A-Za-z0-9_.-]+$/;

/**
 * Checks a topic name: dot-separated words of `[A-Za-z0-9_-]`, at most 249 characters, so every broker
 * accepts it.
 * @param topic - the candidate
 * @returns the topic
 * @throws {@link TransportError} (`TRANSPORT_INVALID_TOPIC`)
 * @public
 */
export function checkTopicName(topic: string): string {
  if (typeof topic !== 'string' || topic.length > 249 || !TOPIC.test(topic)) {
    throw new TransportError(
      TransportErrorCodes.INVALID_TOPIC,
      `[deltran] expected a topic of dot-separated words of [A-Za-z0-9_-], at most 249 characters, got ${JSON.stringify(topic)}`,
      { path: ['topic'] },
    );
  }
  return topic;
}

/**
 * Applies the defaults to subscription options and checks them; adapters call it first.
 *
 * @param options - what the caller passed
 * @param defaults - the transport's dead-letter topic, and the random source for backoff jitter
 * @returns the resolved options
 * @throws {@link TransportError} `TRANSPORT_INVALID_OPTIONS` (no topic, bad numbers, bad group) or
 * `TRANSPORT_INVALID_TOPIC`
 * @public
 */
export function resolveSubscribeOptions(
  options: SubscribeOptions,
  defaults: { readonly deadLetterTopic?: string; readonly random?: RandomSource } = {},
): ResolvedSubscribeOptions {
  const bad = (path: string, message: string): TransportError =>
    new TransportError(TransportErrorCodes.INVALID_OPTIONS, `[deltran] subscribe: ${message}`, {
      path: [path],
    });
  if (!Array.isArray(options.topics) || options.topics.length === 0)
    throw bad('topics', 'expected at least one topic');
  const topics = [...new Set(options.topics.map(checkTopicName))];
  if (typeof options.group !== 'string' || options.group.length > 200 || !GROUP.test(options.group))
    throw bad('group', `expected a group name of [A-Za-z0-9_.-], got ${JSON.stringify(options.group)}`);
  const positiveInt = (name: 'concurrency' | 'maxAttempts' | 'ackTimeoutMs', fallback: number): number => {
    const value = options[name] ?? fallback;
    if (!Number.isSafeInteger(value) || value < 1)
      throw bad(name, `expected a positive integer ${name}, got ${value}`);
    return value;
  };
  const backoff = options.backoff ?? SUBSCRIBE_DEFAULTS.backoff;
  if (typeof backoff !== 'function') {
    for (const key of ['initialMs', 'factor', 'maxMs', 'jitter'] as const) {
      const value = backoff[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0))
        throw bad('backoff', `expected a non-negative backoff.${key}, got ${value}`);
    }
    if ((backoff.jitter ?? 0) > 1) throw bad('backoff', 'expected backoff.jitter between 0 and 1');
  }
  const random = defaults.random ?? cryptoRandom;
  return {
    topics,
    group: options.group,
    concurrency: positiveInt('concurrency', SUBSCRIBE_DEFAULTS.concurrency),
    maxAttempts: positiveInt('maxAttempts', SUBSCRIBE_DEFAULTS.maxAttempts),
    ackTimeoutMs: positiveInt('ackTimeoutMs', SUBSCRIBE_DEFAULTS.ackTimeoutMs),
    backoff: (attempt) => computeBackoffMs(backoff, attempt, random),
    deadLetterTopic: checkTopicName(
      options.deadLetterTopic ?? defaults.deadLetterTopic ?? DEFAULT_TOPICS.deadLetter,
    ),
    classifyError: options.classifyError ?? defaultClassifyError,
  };
}

/**
 * Describes any thrown value for a dead letter: name, message and, for a {@link DeltranError}, its code.
 * @param error - what was thrown
 * @returns a plain JSON-serialisable record
 * @public
 */
export function describeError(error: unknown): DeadLetter['error'] {
  if (error instanceof DeltranError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string'
      ? { name: error.name, message: error.message, code }
      : { name: error.name, message: error.message };
  }
  return { name: 'NonError', message: String(error) };
}
