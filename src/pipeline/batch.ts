/**
 * Event batches: several events of one topic carried in one transport message.
 *
 * With `createPipeline({ batch: n })` a stage's outputs while it handles one message, and the payments
 * of one `submit`, travel as batch envelopes of up to `n` events: one broker round trip, one ack and
 * one delivery for `n` events instead of `n`. A batch is itself a CloudEvents envelope of type
 * {@link BATCH_EVENT_TYPE} whose `data.events` are the events, each a complete envelope with its own
 * id; stages stay idempotent on those ids, so a batch redelivered, or re-formed differently after a
 * crash, still has exactly-once effects.
 *
 * @packageDocumentation
 */
import { sha256Hex } from '../index';
import { type Envelope, parseEnvelope } from './envelope';
import { PipelineError, PipelineErrorCodes } from './errors';

/** The CloudEvents `type` of a batch envelope. @public */
export const BATCH_EVENT_TYPE = 'deltran.batch';

/** Most events one batch may carry (`createPipeline({ batch })`). @public */
export const MAX_BATCH_EVENTS = 1_000;

/** The `data` of a batch envelope. @public */
export interface EventBatch {
  /** The events, in the order they were published. */
  readonly events: readonly Envelope[];
}

/**
 * Whether an envelope is a batch (see {@link unbatch}).
 * @param event - any envelope
 * @returns true for a batch envelope
 * @public
 */
export function isBatch(event: Envelope): event is Envelope<EventBatch> {
  return event.type === BATCH_EVENT_TYPE;
}

/**
 * The events of a message: the events of a batch, or the event itself. For hosts that read DelTran's
 * topics straight from the broker (`pipeline.subscribe` already unpacks batches).
 *
 * @param event - an envelope read from a topic
 * @returns the events it carries, in order
 * @throws {@link PipelineError} (`PIPELINE_INVALID_ENVELOPE`) when a batch's `data.events` is not an
 * array of envelopes, with the index of the first bad one in the path
 * @public
 */
export function unbatch(event: Envelope): readonly Envelope[] {
  if (!isBatch(event)) return [event];
  const events = (event.data as { readonly events?: unknown } | null)?.events;
  if (!Array.isArray(events) || events.length === 0)
    throw new PipelineError(
      PipelineErrorCodes.INVALID_ENVELOPE,
      `[deltran] unbatch: batch ${event.id}: expected a non-empty array in data.events`,
      { path: ['data', 'events'] },
    );
  for (let i = 0; i < events.length; i += 1) {
    const inner = events[i] as Envelope;
    // Decoded from bytes (or published by this process, frozen): check each is an envelope, once.
    if (Object.isFrozen(inner) && typeof inner?.id === 'string') continue;
    try {
      parseEnvelope(inner);
    } catch (error) {
      throw new PipelineError(
        PipelineErrorCodes.INVALID_ENVELOPE,
        `[deltran] unbatch: batch ${event.id}: event ${i} is not an envelope: ${(error as Error).message}`,
        { path: ['data', 'events', i], cause: error },
      );
    }
    if (isBatch(inner))
      throw new PipelineError(
        PipelineErrorCodes.INVALID_ENVELOPE,
        `[deltran] unbatch: batch ${event.id}: event ${i} is itself a batch (batches do not nest)`,
        { path: ['data', 'events', i, 'type'] },
      );
  }
  return events as readonly Envelope[];
}

/**
 * The id of a batch: a digest of its events' ids, so the same events re-published as one batch (a
 * redelivered input handled again) are deduplicated by the broker, and a batch formed differently
 * after a crash is a new message whose events the stages recognise one by one.
 * @internal
 */
export function batchId(
  topicType: string,
  events: readonly Envelope[],
  digest: (text: string) => string = (text) => sha256Hex(text),
): string {
  const ids = new Array<string>(events.length);
  for (let i = 0; i < events.length; i += 1) ids[i] = events[i]!.id;
  return `batch:${topicType}:${events.length}:${digest(ids.join('\n')).slice(0, 32)}`;
}
