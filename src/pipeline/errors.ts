/**
 * Errors of the pipeline layer: the event envelope, topics and transports (STYLE.md §4, §8.4).
 *
 * Codes are public API: added, never renamed or reused. `PIPELINE_*` codes concern events and topics,
 * `TRANSPORT_*` codes concern moving them (any adapter: memory, NATS JetStream, Kafka).
 *
 * @packageDocumentation
 */
import { DeltranError, type DeltranErrorOptions } from '../index';

/** Codes of the pipeline's events and topics. Public API: add, never rename or reuse. @public */
export const PipelineErrorCodes: {
  readonly INVALID_ENVELOPE: 'PIPELINE_INVALID_ENVELOPE';
  readonly ENVELOPE_NOT_SERIALIZABLE: 'PIPELINE_ENVELOPE_NOT_SERIALIZABLE';
  readonly INVALID_TOPIC_PREFIX: 'PIPELINE_INVALID_TOPIC_PREFIX';
  readonly HANDLER_FATAL: 'PIPELINE_HANDLER_FATAL';
  readonly INVALID_PAYLOAD: 'PIPELINE_INVALID_PAYLOAD';
  readonly INVALID_OPTIONS: 'PIPELINE_INVALID_OPTIONS';
  readonly INVALID_INPUT: 'PIPELINE_INVALID_INPUT';
  readonly NOT_STARTED: 'PIPELINE_NOT_STARTED';
  readonly CLOSED: 'PIPELINE_CLOSED';
  readonly STAGE_FAILED: 'PIPELINE_STAGE_FAILED';
  readonly NOT_READY: 'PIPELINE_NOT_READY';
} = {
  /** Bytes or a value that is not a DelTran event envelope (CloudEvents 1.0, JSON). */
  INVALID_ENVELOPE: 'PIPELINE_INVALID_ENVELOPE',
  /** An envelope whose `data` cannot be written as JSON (a `bigint`, a cycle, …). */
  ENVELOPE_NOT_SERIALIZABLE: 'PIPELINE_ENVELOPE_NOT_SERIALIZABLE',
  /** A topic prefix that is not a dot-terminated sequence of `[A-Za-z0-9_-]` words. */
  INVALID_TOPIC_PREFIX: 'PIPELINE_INVALID_TOPIC_PREFIX',
  /** A handler refused a message for good: it goes to the dead-letter topic without retries. */
  HANDLER_FATAL: 'PIPELINE_HANDLER_FATAL',
  /** Event data that is not the payload its topic carries. */
  INVALID_PAYLOAD: 'PIPELINE_INVALID_PAYLOAD',
  /** `createPipeline` or a stage factory got options it cannot use. */
  INVALID_OPTIONS: 'PIPELINE_INVALID_OPTIONS',
  /** The gateway got a message it cannot turn into payments or confirmations. */
  INVALID_INPUT: 'PIPELINE_INVALID_INPUT',
  /** A call that needs `start()` first. */
  NOT_STARTED: 'PIPELINE_NOT_STARTED',
  /** A call after `close()`. */
  CLOSED: 'PIPELINE_CLOSED',
  /** A stage could not do its work (a retryable failure, for example tokens not funded yet). */
  STAGE_FAILED: 'PIPELINE_STAGE_FAILED',
  /** A prerequisite is not there yet (for example a mint still waiting for its credit): retried. */
  NOT_READY: 'PIPELINE_NOT_READY',
} as const;

/** Union of the pipeline error codes. @public */
export type PipelineErrorCode = (typeof PipelineErrorCodes)[keyof typeof PipelineErrorCodes];

/** Codes of the transports. Public API: add, never rename or reuse. @public */
export const TransportErrorCodes: {
  readonly CLOSED: 'TRANSPORT_CLOSED';
  readonly PUBLISH_TIMEOUT: 'TRANSPORT_PUBLISH_TIMEOUT';
  readonly PUBLISH_FAILED: 'TRANSPORT_PUBLISH_FAILED';
  readonly CONNECT_FAILED: 'TRANSPORT_CONNECT_FAILED';
  readonly SUBSCRIBE_FAILED: 'TRANSPORT_SUBSCRIBE_FAILED';
  readonly MISSING_DEPENDENCY: 'TRANSPORT_MISSING_DEPENDENCY';
  readonly INVALID_OPTIONS: 'TRANSPORT_INVALID_OPTIONS';
  readonly INVALID_TOPIC: 'TRANSPORT_INVALID_TOPIC';
  readonly STREAM_MISMATCH: 'TRANSPORT_STREAM_MISMATCH';
  readonly ACK_TIMEOUT: 'TRANSPORT_ACK_TIMEOUT';
  readonly ATTEMPTS_EXHAUSTED: 'TRANSPORT_ATTEMPTS_EXHAUSTED';
} = {
  /** The transport or subscription was closed; nothing more is sent or received through it. */
  CLOSED: 'TRANSPORT_CLOSED',
  /** The broker did not confirm a publish within the adapter's timeout (the message may or may not be stored; publish it again with the same id). */
  PUBLISH_TIMEOUT: 'TRANSPORT_PUBLISH_TIMEOUT',
  /** The broker refused a publish for a reason that retrying will not fix. */
  PUBLISH_FAILED: 'TRANSPORT_PUBLISH_FAILED',
  /** The adapter could not reach the broker. */
  CONNECT_FAILED: 'TRANSPORT_CONNECT_FAILED',
  /** The adapter could not create or bind the consumers of a subscription. */
  SUBSCRIBE_FAILED: 'TRANSPORT_SUBSCRIBE_FAILED',
  /** An optional peer dependency (the broker's client library) is not installed; the message names it. */
  MISSING_DEPENDENCY: 'TRANSPORT_MISSING_DEPENDENCY',
  /** Adapter or subscription options out of range. */
  INVALID_OPTIONS: 'TRANSPORT_INVALID_OPTIONS',
  /** A topic or group name that not every broker accepts, or one outside the adapter's stream. */
  INVALID_TOPIC: 'TRANSPORT_INVALID_TOPIC',
  /** An existing NATS stream does not cover the subjects the adapter needs; it is never altered. */
  STREAM_MISMATCH: 'TRANSPORT_STREAM_MISMATCH',
  /** Recorded in a dead letter: the message was delivered but no outcome came back in time. */
  ACK_TIMEOUT: 'TRANSPORT_ACK_TIMEOUT',
  /** Recorded in a dead letter: every allowed attempt ended without an outcome or with a retryable error. */
  ATTEMPTS_EXHAUSTED: 'TRANSPORT_ATTEMPTS_EXHAUSTED',
} as const;

/** Union of the transport error codes. @public */
export type TransportErrorCode = (typeof TransportErrorCodes)[keyof typeof TransportErrorCodes];

/** An envelope or topic problem (`PIPELINE_*` codes). @public */
export class PipelineError extends DeltranError {}

/** A transport failure (`TRANSPORT_*` codes): match on `code`, never on the message. @public */
export class TransportError extends DeltranError {}

/**
 * Thrown by a handler to refuse a message for good: it is dead-lettered at once, without retries
 * (code `PIPELINE_HANDLER_FATAL`). Any other error is retried until `maxAttempts`, unless the
 * subscription's `classifyError` says otherwise.
 *
 * @example
 * ```ts
 * await transport.subscribe({ topics: [topics.tokenMint], group: 'token' }, async (event) => {
 *   if (!isMintRequest(event.data)) throw new FatalHandlerError('not a mint request');
 * });
 * ```
 * @public
 */
export class FatalHandlerError extends PipelineError {
  /**
   * @param message - why the message can never be handled
   * @param options - `cause`, `path` and `issues`, as for every {@link DeltranError}
   */
  constructor(message: string, options: DeltranErrorOptions = {}) {
    super(PipelineErrorCodes.HANDLER_FATAL, message, options);
  }
}
