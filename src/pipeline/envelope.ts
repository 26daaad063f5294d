/**
 * The event envelope every DelTran event travels in, on every transport: a CloudEvents 1.0 event in
 * structured JSON mode (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md and its
 * JSON format), with `subject` carrying the UETR or the netting window id.
 *
 * Pure: time comes from an injected clock and ids from an injected {@link RandomSource}.
 *
 * @packageDocumentation
 */
import { createUetr, cryptoRandom, err, type Issue, ok, type RandomSource, type Result } from '../index';
import { PipelineError, PipelineErrorCodes } from './errors';

/**
 * One event: CloudEvents 1.0 attributes, JSON data.
 * @typeParam T - the payload type (`data`); `unknown` until a stage has checked it
 * @public
 */
export interface Envelope<T = unknown> {
  /** CloudEvents `specversion`: always `'1.0'`. */
  readonly specversion: '1.0';
  /**
   * CloudEvents `id`: unique per event, and the broker's dedupe key (NATS `Nats-Msg-Id`, Kafka header
   * `ce_id`). A re-publish of the same event (a retry, a redelivered input) must reuse it. JetStream
   * dedupes across the whole stream, so it is never the bare UETR, which many events share.
   */
  readonly id: string;
  /** CloudEvents `source`: a URI-reference naming the producer, for example `/deltran/compliance`. */
  readonly source: string;
  /** CloudEvents `type`: `deltran.<topic>`, for example `deltran.compliance.check`. */
  readonly type: string;
  /** CloudEvents `time`: RFC 3339 timestamp of the occurrence, in UTC (`2026-01-02T03:04:05.678Z`). */
  readonly time: string;
  /** CloudEvents `subject`: the UETR of the payment, or the id of the netting window. */
  readonly subject?: string;
  /** CloudEvents `datacontenttype`: always `'application/json'`. */
  readonly datacontenttype: 'application/json';
  /** CloudEvents `data`: the payload, JSON-serialisable (amounts as decimal strings, never `bigint`). */
  readonly data: T;
}

/** What {@link createEnvelope} needs; `id` and `time` are generated when absent. @public */
export interface EnvelopeInput<T> {
  /** CloudEvents `type` (see `eventTypeOf`). */
  readonly type: string;
  /** CloudEvents `source`; defaults to the factory's `source`. */
  readonly source?: string;
  /** The UETR or netting window id. */
  readonly subject?: string;
  /** The payload. */
  readonly data: T;
  /** A deterministic id, for an event re-created on redelivery; a random UUID otherwise. */
  readonly id?: string;
  /** Epoch milliseconds of the occurrence; the clock's `now()` otherwise. */
  readonly timeMs?: number;
}

/** The injected clock and randomness of {@link createEnvelope}. @public */
export interface EnvelopeOptions {
  /** Epoch milliseconds (pass `Date.now` in production, a fixed function in tests). */
  readonly now: () => number;
  /** Bytes for event ids; the platform CSPRNG by default. */
  readonly random?: RandomSource;
  /** Default CloudEvents `source` when the input has none. @defaultValue `'/deltran'` */
  readonly source?: string;
}

/** MIME type of an encoded envelope (CloudEvents structured JSON mode). @public */
export const ENVELOPE_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * Creates an envelope.
 *
 * @param input - type, data, and optionally subject, source, id and time
 * @param options - the clock, the random source and the default source
 * @returns a frozen envelope with `specversion: '1.0'` and `datacontenttype: 'application/json'`
 * @throws {@link PipelineError} (`PIPELINE_INVALID_ENVELOPE`) when type, source, id or subject is empty
 * or the time is not a finite number
 * @example
 * ```ts
 * const event = createEnvelope(
 *   { type: eventTypeOf('complianceCheck'), subject: payment.uetr, data: canonicalPaymentToJson(payment) },
 *   { now: Date.now, source: '/deltran/gateway' },
 * );
 * ```
 * @public
 */
export function createEnvelope<T>(input: EnvelopeInput<T>, options: EnvelopeOptions): Envelope<T> {
  const timeMs = input.timeMs ?? options.now();
  if (!Number.isFinite(timeMs)) {
    throw new PipelineError(
      PipelineErrorCodes.INVALID_ENVELOPE,
      `[deltran] createEnvelope: expected a finite time in epoch milliseconds, got ${timeMs}`,
      { path: ['time'] },
    );
  }
  return envelopeAt(
    input.type,
    input.source ?? options.source ?? '/deltran',
    input.id ?? createUetr(options.random ?? cryptoRandom),
    input.subject,
    input.data,
    new Date(timeMs).toISOString(),
  );
}

/**
 * The envelope of these parts at an RFC 3339 `time` already formatted: what `createEnvelope` builds
 * (same attributes in the same order, frozen), for a caller that formats one time for many events.
 * @throws {@link PipelineError} (`PIPELINE_INVALID_ENVELOPE`) when a part is empty or the time malformed
 * @internal
 */
export function envelopeAt<T>(
  type: string,
  source: string,
  id: string,
  subject: string | undefined,
  data: T,
  time: string,
): Envelope<T> {
  const event: Envelope<T> =
    subject === undefined
      ? { specversion: '1.0', id, source, type, time, datacontenttype: 'application/json', data }
      : { specversion: '1.0', id, source, type, time, subject, datacontenttype: 'application/json', data };
  const issues = envelopeIssues(event);
  if (issues.length > 0) throw invalid('createEnvelope', issues);
  return Object.freeze(event);
}

/**
 * Checks that a value is an envelope (for example the result of `JSON.parse`) and returns it typed.
 *
 * @param value - the candidate
 * @returns the same value, typed as an {@link Envelope} with `unknown` data
 * @throws {@link PipelineError} (`PIPELINE_INVALID_ENVELOPE`) with every problem in `issues`
 * @public
 */
export function parseEnvelope(value: unknown): Envelope {
  const issues = envelopeIssues(value);
  if (issues.length > 0) throw invalid('parseEnvelope', issues);
  return value as Envelope;
}

/**
 * {@link parseEnvelope} as a {@link Result} (STYLE.md §2.6).
 * @param value - the candidate
 * @returns `ok(envelope)` or `err(PipelineError)` with every problem in `issues`
 * @public
 */
export function safeParseEnvelope(value: unknown): Result<Envelope, PipelineError> {
  const issues = envelopeIssues(value);
  return issues.length === 0 ? ok(value as Envelope) : err(invalid('safeParseEnvelope', issues));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Writes an envelope as UTF-8 JSON: the bytes every transport carries.
 *
 * @param event - the envelope
 * @returns its JSON, UTF-8
 * @throws {@link PipelineError} `PIPELINE_INVALID_ENVELOPE` when it is not an envelope, or
 * `PIPELINE_ENVELOPE_NOT_SERIALIZABLE` when `data` holds a `bigint`, a cycle or anything else JSON
 * cannot write
 * @public
 */
export function encodeEnvelope(event: Envelope): Uint8Array {
  const issues = envelopeIssues(event);
  if (issues.length > 0) throw invalid('encodeEnvelope', issues);
  let text: string;
  try {
    text = JSON.stringify(event);
  } catch (cause) {
    throw new PipelineError(
      PipelineErrorCodes.ENVELOPE_NOT_SERIALIZABLE,
      `[deltran] encodeEnvelope: the data of event ${event.id} cannot be written as JSON (amounts travel as decimal strings, never bigint)`,
      { path: ['data'], cause },
    );
  }
  return encoder.encode(text);
}

/**
 * Reads an envelope from the bytes a transport carried.
 *
 * @param bytes - UTF-8 JSON
 * @returns the envelope, with `unknown` data
 * @throws {@link PipelineError} (`PIPELINE_INVALID_ENVELOPE`) when the bytes are not UTF-8 JSON or not
 * an envelope
 * @public
 */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new PipelineError(
      PipelineErrorCodes.INVALID_ENVELOPE,
      '[deltran] decodeEnvelope: expected UTF-8 JSON',
      { cause },
    );
  }
  const issues = envelopeIssues(value);
  if (issues.length > 0) throw invalid('decodeEnvelope', issues);
  return value as Envelope;
}

// RFC 3339 date-time (CloudEvents `Timestamp`): date, `T`, time, optional fraction, `Z` or an offset.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

const NO_ISSUES = Object.freeze([]) as unknown as Issue[];
const filled = (field: unknown): boolean => typeof field === 'string' && field.length > 0;

function envelopeIssues(value: unknown): Issue[] {
  // The common case, checked without allocating: every attribute right.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const e = value as Record<string, unknown>;
    if (
      e.specversion === '1.0' &&
      filled(e.id) &&
      filled(e.source) &&
      filled(e.type) &&
      typeof e.time === 'string' &&
      RFC3339.test(e.time) &&
      (e.subject === undefined || filled(e.subject)) &&
      e.datacontenttype === 'application/json' &&
      e.data !== undefined &&
      'data' in e
    )
      return NO_ISSUES;
  }
  const code = PipelineErrorCodes.INVALID_ENVELOPE;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ code, path: [], message: 'expected a JSON object' }];
  }
  const v = value as Record<string, unknown>;
  const issues: Issue[] = [];
  const nonEmpty = (name: string): void => {
    const field = v[name];
    if (typeof field !== 'string' || field.length === 0)
      issues.push({ code, path: [name], message: `expected a non-empty string in "${name}"` });
  };
  if (v.specversion !== '1.0')
    issues.push({ code, path: ['specversion'], message: 'expected specversion "1.0"' });
  nonEmpty('id');
  nonEmpty('source');
  nonEmpty('type');
  if (typeof v.time !== 'string' || !RFC3339.test(v.time))
    issues.push({ code, path: ['time'], message: 'expected an RFC 3339 timestamp in "time"' });
  if (v.subject !== undefined) nonEmpty('subject');
  if (v.datacontenttype !== 'application/json')
    issues.push({ code, path: ['datacontenttype'], message: 'expected datacontenttype "application/json"' });
  if (!('data' in v) || v.data === undefined)
    issues.push({ code, path: ['data'], message: 'expected "data" (null when empty)' });
  return issues;
}

function invalid(where: string, issues: Issue[]): PipelineError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new PipelineError(
    PipelineErrorCodes.INVALID_ENVELOPE,
    `[deltran] ${where}: not a DelTran event envelope: ${first.message}${more}`,
    { path: first.path, issues },
  );
}
