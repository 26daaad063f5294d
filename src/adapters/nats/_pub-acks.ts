/**
 * JetStream publishes without the client's per-request machinery. `js.publish` goes through
 * `nc.request`, which per message builds a request object with a random token, a timer, an Error for
 * its async stack (even with `noAsyncTraces`, a second one when the request ends), a deferred and
 * copies of the options: about a third of the client CPU of a publish. Here every publish of a
 * connection shares one reply subscription (`<inboxPrefix>.<random>.*`, the same shape as the
 * client's own request mux), a counter token, and the adapter's single deadline timer per publish.
 *
 * Publishes asked for in the same turn of the event loop are written together on the next
 * `setImmediate`, so a burst costs one socket write instead of one per message (the client flushes
 * on a microtask, which a chain of awaits reaches several times per burst). Consumer acks and naks
 * ride along the same way ({@link PubAcks.later}): the handlers of one fetched batch finish in many
 * microtask turns, and each turn used to cost a write of its own.
 *
 * The answers are the PubAck JSON of the stream (`{stream, seq, duplicate?}` or `{error}`), or an empty
 * 503 status message when nothing serves the subject (JetStream restarting, no stream): mapped onto
 * errors named as the client names them, so the adapter's retry rules see what `js.publish` threw.
 * @internal
 */
import type {
  MsgHdrs,
  NatsConnection,
  Msg as NatsMsg,
  Subscription as NatsSub,
} from '@nats-io/transport-node';
import { cryptoRandom } from '../../index';

/** One message on its way to the stream. @internal */
export interface PublishRequest {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs;
  /** Set by {@link PubAcks} while the request waits for its answer. */
  token: string | undefined;
  /** Called once with the PubAck, or with what stopped it (thrown by the client or answered). */
  settle(error: unknown, ack: PubAck | undefined): void;
}

/** The stream's answer. @internal */
export interface PubAck {
  readonly stream: string;
  readonly seq: number;
  readonly duplicate: boolean;
}

/** The JetStream API error of a PubAck, as `@nats-io/jetstream` names it. @internal */
export class PubAckError extends Error {
  /** JetStream `err_code`. */
  readonly code: number | undefined;
  /** HTTP-like `code`, 503 when JetStream is temporarily unavailable. */
  readonly status: number | undefined;

  constructor(error: { code?: number | undefined; err_code?: number; description?: string }) {
    super(error.description ?? 'JetStream error');
    this.name = 'JetStreamApiError';
    this.code = error.err_code;
    this.status = error.code;
  }
}

const decoder = new TextDecoder();

/** One connection's publishes awaiting their PubAck. @internal */
export class PubAcks {
  readonly #nc: NatsConnection;
  readonly #prefix: string;
  readonly #pending = new Map<string, PublishRequest>();
  readonly #sub: NatsSub;
  #queue: PublishRequest[] = [];
  #actions: (() => void)[] = [];
  #scheduled = false;
  #next = 0;

  constructor(nc: NatsConnection) {
    this.#nc = nc;
    const inboxPrefix = (nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix || '_INBOX';
    let token = '';
    for (const byte of cryptoRandom(12)) token += byte.toString(16).padStart(2, '0');
    this.#prefix = `${inboxPrefix}.${token}.`;
    this.#sub = nc.subscribe(`${this.#prefix}*`, {
      callback: (error, message) => this.#answer(error, message),
    });
  }

  /** In flight or queued. */
  get size(): number {
    return this.#pending.size + this.#queue.length;
  }

  /** Queues a publish for the next write. */
  send(request: PublishRequest): void {
    this.#queue.push(request);
    this.#schedule();
  }

  /** Runs `action` (an ack, a nak: a client call that only writes) with the next write; never throws. */
  later(action: () => void): void {
    this.#actions.push(action);
    this.#schedule();
  }

  /** Runs what {@link later} queued now, before the connection drains or closes. */
  runLater(): void {
    const actions = this.#actions;
    this.#actions = [];
    for (const action of actions) {
      try {
        action();
      } catch {
        // An ack or nak on a closed connection: the broker redelivers after the ack deadline.
      }
    }
  }

  #schedule(): void {
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flush);
    }
  }

  /** Stops waiting for a request's PubAck (its deadline passed); a late answer is ignored. */
  forget(request: PublishRequest): void {
    if (request.token !== undefined) {
      this.#pending.delete(request.token);
      request.token = undefined;
      return;
    }
    const at = this.#queue.indexOf(request);
    if (at >= 0) this.#queue.splice(at, 1);
  }

  /** Fails the requests not written yet with `error`. */
  dropQueued(error: unknown): void {
    const queue = this.#queue;
    this.#queue = [];
    for (const request of queue) request.settle(error, undefined);
  }

  /** Fails every request with `error` and ends the reply subscription (when `unsubscribe`). */
  close(error: unknown, unsubscribe: boolean): void {
    const all = [...this.#queue, ...this.#pending.values()];
    this.#queue = [];
    this.#pending.clear();
    if (unsubscribe) {
      try {
        this.#sub.unsubscribe();
      } catch {
        // The connection is closed already.
      }
    }
    for (const request of all) request.settle(error, undefined);
  }

  readonly #flush = (): void => {
    this.#scheduled = false;
    if (this.#actions.length > 0) this.runLater();
    const queue = this.#queue;
    this.#queue = [];
    for (const request of queue) {
      const token = (this.#next++).toString(36);
      request.token = token;
      this.#pending.set(token, request);
      try {
        this.#nc.publish(request.subject, request.data, {
          reply: this.#prefix + token,
          headers: request.headers,
        });
      } catch (error) {
        this.#pending.delete(token);
        request.token = undefined;
        request.settle(error, undefined);
      }
    }
  };

  #answer(error: Error | null, message: NatsMsg): void {
    if (error !== null) {
      // The reply subscription itself failed (a permission violation): nothing can be answered.
      const all = [...this.#pending.values()];
      this.#pending.clear();
      for (const request of all) request.settle(error, undefined);
      return;
    }
    const token = message.subject.slice(this.#prefix.length);
    const request = this.#pending.get(token);
    if (request === undefined) return; // answered after its deadline
    this.#pending.delete(token);
    request.token = undefined;
    const data = message.data;
    if (data.length === 0) {
      const status = message.headers?.code;
      request.settle(
        status === 503
          ? noResponders()
          : new PubAckError({ code: status, description: message.headers?.description || 'empty PubAck' }),
        undefined,
      );
      return;
    }
    let answer: {
      stream?: string;
      seq?: number;
      duplicate?: boolean;
      error?: { code?: number; err_code?: number; description?: string };
    };
    try {
      answer = JSON.parse(decoder.decode(data));
    } catch (parseError) {
      request.settle(parseError, undefined);
      return;
    }
    if (answer.error !== undefined) request.settle(new PubAckError(answer.error), undefined);
    else if (!answer.stream) request.settle(new Error('invalid ack response'), undefined);
    else
      request.settle(undefined, {
        stream: answer.stream,
        seq: answer.seq ?? 0,
        duplicate: answer.duplicate === true,
      });
  }
}

/** What `js.publish` throws when no stream listens on the subject (or JetStream is restarting). */
function noResponders(): Error {
  const error = new Error('jetstream is not enabled');
  error.name = 'JetStreamNotEnabled';
  return error;
}
