/**
 * The delivery contract, once for every adapter: decode the envelope, run the handler, and turn its
 * result into an ack, a retry after backoff, or a dead letter followed by an ack. Adapters only map
 * the decision onto their broker (JetStream ack/nak, a Kafka offset, the memory queue).
 * @internal
 */
import {
  DEAD_LETTER_EVENT_TYPE,
  type DeadLetter,
  type DeliveryContext,
  decodeEnvelope,
  describeError,
  type Envelope,
  type MessageHandler,
  type ResolvedSubscribeOptions,
  TransportError,
  TransportErrorCodes,
} from '../../pipeline/index';

/** One delivery as the broker handed it over. @internal */
export interface RawDelivery {
  readonly topic: string;
  readonly data: Uint8Array;
  /** Set when the transport carries envelopes as objects (memory with `encoding: 'none'`). */
  readonly decoded?: Envelope;
  /** 1-based. */
  readonly attempt: number;
  readonly key: string | undefined;
  /** The broker's position of the message, for logs and for the id of an undecodable dead letter. */
  readonly position: string;
}

/** What the adapter must do with the message. @internal */
export type Decision =
  | { readonly kind: 'ack' }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'abandon' };

/** Publishes dead letters (the adapter's own publish). @internal */
export interface DeadLetterSink {
  readonly adapter: string;
  readonly now: () => number;
  publish(topic: string, event: Envelope): Promise<unknown>;
}

const ACK: Decision = Object.freeze({ kind: 'ack' });
const ABANDON: Decision = Object.freeze({ kind: 'abandon' });

/**
 * The handler's view of a delivery. Once abandoned (subscription closed, ack deadline passed in
 * memory) its outcome is ignored and its signal is aborted. The AbortController is created only when
 * a handler reads `signal`, to keep the hot path cheap.
 * @internal
 */
export class DeliveryHandle implements DeliveryContext {
  readonly topic: string;
  readonly group: string;
  readonly attempt: number;
  readonly key: string | undefined;
  #abandoned = false;
  #controller: AbortController | undefined;
  #onWorking: () => void;

  constructor(topic: string, group: string, attempt: number, key: string | undefined, onWorking: () => void) {
    this.topic = topic;
    this.group = group;
    this.attempt = attempt;
    this.key = key;
    this.#onWorking = onWorking;
  }

  get abandoned(): boolean {
    return this.#abandoned;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#abandoned) this.#controller.abort(closedReason());
    }
    return this.#controller.signal;
  }

  working(): void {
    if (!this.#abandoned) this.#onWorking();
  }

  abandon(): void {
    if (this.#abandoned) return;
    this.#abandoned = true;
    this.#controller?.abort(closedReason());
  }
}

function closedReason(): TransportError {
  return new TransportError(
    TransportErrorCodes.CLOSED,
    '[deltran] delivery abandoned: the subscription closed or the ack deadline passed; the message will be redelivered',
  );
}

/**
 * Runs one delivery through the contract and returns what to do with the message. Never throws.
 *
 * - bytes that are not an envelope → dead letter (`invalid-envelope`), ack;
 * - delivered more than `maxAttempts` times without an outcome → dead letter, ack;
 * - handler resolves → ack;
 * - fatal error, or retryable error on the last attempt → dead letter, ack;
 * - retryable error → retry after `backoff(attempt)`;
 * - the dead-letter publish fails → retry (nothing is dropped);
 * - abandoned meanwhile → abandon (the adapter has already handed the message back).
 *
 * On the dead-letter topic itself nothing is dead-lettered again: failures are retried.
 * @internal
 */
export async function processDelivery(
  delivery: RawDelivery,
  handle: DeliveryHandle,
  options: ResolvedSubscribeOptions,
  handler: MessageHandler,
  sink: DeadLetterSink,
): Promise<Decision> {
  const onDeadLetterTopic = delivery.topic === options.deadLetterTopic;
  let event: Envelope;
  try {
    event = delivery.decoded ?? decodeEnvelope(delivery.data);
  } catch (error) {
    if (onDeadLetterTopic) return ACK; // an unreadable dead letter cannot be handled, ever
    return deadLetter(delivery, handle, options, sink, {
      reason: 'invalid-envelope',
      error,
      raw: base64(delivery.data),
    });
  }
  if (!onDeadLetterTopic && delivery.attempt > options.maxAttempts) {
    const error = new TransportError(
      TransportErrorCodes.ATTEMPTS_EXHAUSTED,
      `[deltran] delivered ${delivery.attempt - 1} times without an outcome (ack timeout, or a consumer that died)`,
    );
    return deadLetter(delivery, handle, options, sink, { reason: 'attempts-exhausted', error, event });
  }
  try {
    await handler(event, handle);
  } catch (error) {
    if (handle.abandoned) return ABANDON;
    if (onDeadLetterTopic) return retry(options, delivery.attempt);
    let verdict: 'retry' | 'fatal';
    try {
      verdict = options.classifyError(error);
    } catch {
      verdict = 'retry';
    }
    if (verdict === 'fatal')
      return deadLetter(delivery, handle, options, sink, { reason: 'fatal', error, event });
    if (delivery.attempt >= options.maxAttempts)
      return deadLetter(delivery, handle, options, sink, { reason: 'attempts-exhausted', error, event });
    return retry(options, delivery.attempt);
  }
  return handle.abandoned ? ABANDON : ACK;
}

function retry(options: ResolvedSubscribeOptions, attempt: number): Decision {
  return { kind: 'retry', delayMs: options.backoff(attempt) };
}

async function deadLetter(
  delivery: RawDelivery,
  handle: DeliveryHandle,
  options: ResolvedSubscribeOptions,
  sink: DeadLetterSink,
  what: { reason: DeadLetter['reason']; error: unknown; event?: Envelope; raw?: string },
): Promise<Decision> {
  const data: DeadLetter = {
    reason: what.reason,
    topic: delivery.topic,
    group: options.group,
    attempts: delivery.attempt,
    error: describeError(what.error),
    ...(what.event === undefined ? {} : { event: what.event }),
    ...(what.raw === undefined ? {} : { raw: what.raw }),
    position: delivery.position,
  };
  const envelope: Envelope<DeadLetter> = {
    specversion: '1.0',
    // Deterministic, so dead-lettering the same message twice (a crash before the ack) is deduped.
    id: `${what.event?.id ?? delivery.position}:dead-letter:${options.group}`,
    source: `/deltran/transports/${sink.adapter}`,
    type: DEAD_LETTER_EVENT_TYPE,
    time: new Date(sink.now()).toISOString(),
    ...(what.event?.subject === undefined ? {} : { subject: what.event.subject }),
    datacontenttype: 'application/json',
    data,
  };
  try {
    await sink.publish(options.deadLetterTopic, envelope);
  } catch {
    return handle.abandoned ? ABANDON : retry(options, delivery.attempt);
  }
  return handle.abandoned ? ABANDON : ACK;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
