/**
 * Notifications: the {@link Notifier} interface a host implements to plug e-mail, SMS or a ticket
 * system, and the built-in webhook notifier ({@link createWebhookNotifier}) for `compliance.reject` and
 * `settlement.completed`: JSON POSTs signed with HMAC-SHA256 over a timestamp and the body (the header
 * format of {@link signWebhookPayload}), retried with backoff, then kept in a dead-letter list.
 *
 * Platform-neutral: `fetch` and Web Crypto (`globalThis.crypto.subtle`), no `node:` import, so the
 * same code runs in Node ≥ 20, Deno, Bun and workers. The clock is passed in.
 *
 * @packageDocumentation
 */
import { CoreErrorCodes, cryptoRandom, type RandomSource, ValidationError } from '../index';
import { isolateMetrics, type MetricsSink, PIPELINE_METRICS } from './metrics';
import { type Backoff, computeBackoffMs, describeError } from './transport';

/** The notification types the pipeline sends; hosts may send their own. @public */
export const NOTIFICATION_TYPES: {
  readonly complianceReject: 'compliance.reject';
  readonly settlementCompleted: 'settlement.completed';
} = Object.freeze({
  /** A payment was rejected by compliance (data: the ComplianceRejection). */
  complianceReject: 'compliance.reject',
  /** A settlement instruction reached a final status (data: the SettlementResult). */
  settlementCompleted: 'settlement.completed',
} as const);

/** A notification type: one of {@link NOTIFICATION_TYPES} or a host's own. @public */
export type NotificationType = 'compliance.reject' | 'settlement.completed' | (string & {});

/**
 * One notification, with CloudEvents attribute names. Its `id` is stable across retries and
 * redeliveries (the pipeline uses the id of the event that caused it), so receivers dedupe on it.
 * @public
 */
export interface Notification<Data = unknown> {
  /** Unique and stable: receivers dedupe on it (header `deltran-event-id`). */
  readonly id: string;
  /** What happened. */
  readonly type: NotificationType;
  /** What it is about: a UETR, a settlement instruction id, a window id. */
  readonly subject: string;
  /** When it happened, RFC 3339 (`2026-12-01T21:00:00.000Z`). */
  readonly time: string;
  /** The payload; must be JSON-serialisable (amounts as decimal strings, never `bigint`). */
  readonly data: Data;
}

/** The last error of a failed delivery. @public */
export interface NotifyError {
  /** `HttpStatusError`, `TimeoutError`, or the name of what `fetch` threw (`TypeError` for a network error). */
  readonly name: string;
  /** Human-readable; names the endpoint without its query string. */
  readonly message: string;
  /** The error's code, when it had one (`ECONNREFUSED` …). */
  readonly code?: string;
  /** The HTTP status, when the receiver answered. */
  readonly statusCode?: number;
}

/**
 * The outcome of {@link Notifier.notify}: a value, never an exception (STYLE.md §4.5).
 * - `delivered`: the receiver acknowledged it (webhook: a 2xx);
 * - `failed` with reason `rejected`: the receiver refused it for good (webhook: a 3xx or a 4xx other
 *   than 408 and 429), so it was not retried;
 * - `failed` with reason `attempts-exhausted`: every attempt failed with a retryable error.
 * A failed notification is also kept in the notifier's dead letters, where it has some.
 * @public
 */
export type NotifyResult =
  | {
      readonly status: 'delivered';
      /** The notification's id. */
      readonly id: string;
      /** Attempts made, 1 when the first succeeded. */
      readonly attempts: number;
      /** The HTTP status, for a webhook. */
      readonly statusCode?: number;
    }
  | {
      readonly status: 'failed';
      /** The notification's id. */
      readonly id: string;
      /** Why it was given up on. */
      readonly reason: 'rejected' | 'attempts-exhausted';
      /** Attempts made. */
      readonly attempts: number;
      /** The last error. */
      readonly error: NotifyError;
    };

/**
 * Sends notifications somewhere: a webhook, e-mail, SMS. `notify` resolves with the outcome once it is
 * final (after any retries) and rejects only on a programmer error (a notification that is not
 * JSON-serialisable), so a caller can also fire and forget it.
 * @public
 */
export interface Notifier {
  /**
   * Delivers one notification.
   * @param notification - what to send
   * @returns the final outcome
   */
  notify(notification: Notification): Promise<NotifyResult>;
}

/** A notification the webhook notifier gave up on. @public */
export interface NotificationDeadLetter {
  /** The notification, as it was passed in. */
  readonly notification: Notification;
  /** Why: refused for good, or every attempt failed. */
  readonly reason: 'rejected' | 'attempts-exhausted';
  /** Attempts made. */
  readonly attempts: number;
  /** The last error. */
  readonly error: NotifyError;
  /** When it was given up on, RFC 3339, from the notifier's `now`. */
  readonly time: string;
}

/** The header names the webhook notifier sends (lower case, as `fetch` normalises them). @public */
export const WEBHOOK_HEADERS: {
  readonly signature: 'deltran-signature';
  readonly eventId: 'deltran-event-id';
  readonly eventType: 'deltran-event-type';
  readonly attempt: 'deltran-delivery-attempt';
} = Object.freeze({
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (one `v1` per secret while rotating). */
  signature: 'deltran-signature',
  /** The notification id, for receiver-side dedupe. */
  eventId: 'deltran-event-id',
  /** The notification type. */
  eventType: 'deltran-event-type',
  /** 1 on the first attempt, then 2, 3 … (the signature's timestamp is fresh on each). */
  attempt: 'deltran-delivery-attempt',
} as const);

/** Default values of {@link WebhookNotifierOptions}. @public */
export const WEBHOOK_DEFAULTS: {
  readonly maxAttempts: 5;
  readonly timeoutMs: 10000;
  readonly backoff: {
    readonly initialMs: 1000;
    readonly factor: 2;
    readonly maxMs: 30000;
    readonly jitter: 0;
  };
  readonly maxRetryAfterMs: 60000;
  readonly maxDeadLetters: 1000;
  readonly toleranceMs: 300000;
} = Object.freeze({
  maxAttempts: 5,
  timeoutMs: 10_000,
  backoff: Object.freeze({ initialMs: 1_000, factor: 2, maxMs: 30_000, jitter: 0 }),
  maxRetryAfterMs: 60_000,
  maxDeadLetters: 1_000,
  toleranceMs: 300_000,
} as const);

/** Options of {@link createWebhookNotifier}. @public */
export interface WebhookNotifierOptions {
  /** The receiver's endpoint, `https:` (or `http:` for a local receiver). */
  readonly url: string | URL;
  /**
   * The shared secret (a string is used as its UTF-8 bytes). Several while rotating: the header then
   * carries one `v1` per secret, and the receiver accepts any it knows.
   */
  readonly secret: string | Uint8Array | readonly (string | Uint8Array)[];
  /** Epoch milliseconds: the signature's timestamp and the dead letters' time. */
  readonly now: () => number;
  /** The `fetch` to use. @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof fetch;
  /** Waits between attempts. @defaultValue a `setTimeout` promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts in all, the first included. @defaultValue 5 */
  readonly maxAttempts?: number;
  /** Delay after a failed attempt (see `computeBackoffMs`). @defaultValue 1 s doubling to 30 s, no jitter */
  readonly backoff?: Backoff;
  /** Bytes for backoff jitter. @defaultValue the platform CSPRNG */
  readonly random?: RandomSource;
  /** One attempt's bound, from sending the request to receiving the response status. @defaultValue 10 000 */
  readonly timeoutMs?: number;
  /**
   * A `Retry-After` header on a 429 or 5xx lengthens the next delay, up to this; 0 ignores it.
   * @defaultValue 60 000
   */
  readonly maxRetryAfterMs?: number;
  /** Extra request headers (an authorization token …); the signature headers cannot be overridden. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Dead letters kept; past it the oldest is dropped (see `onDeadLetter` to persist them). @defaultValue 1 000 */
  readonly maxDeadLetters?: number;
  /** Told about every dead letter as it is added, so a host can persist or alert. Must not throw. */
  readonly onDeadLetter?: (deadLetter: NotificationDeadLetter) => void;
  /** Records `deltran.notifications` {type, outcome}; a sink that throws is ignored. */
  readonly metrics?: MetricsSink;
}

/** The webhook notifier: a {@link Notifier} with its dead letters. @public */
export interface WebhookNotifier extends Notifier {
  /** The notifications given up on, oldest first (at most `maxDeadLetters`). */
  deadLetters(): readonly NotificationDeadLetter[];
  /**
   * Takes every dead letter off the list and notifies it again (each with a fresh set of attempts);
   * those that fail again are dead-lettered again.
   * @returns the new outcomes, in the list's order
   */
  replayDeadLetters(): Promise<readonly NotifyResult[]>;
  /** Empties the dead-letter list. */
  clearDeadLetters(): void;
}

const encoder = new TextEncoder();

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(CoreErrorCodes.INVALID_INPUT, `[deltran] createWebhookNotifier: ${message}`, {
    path: [path],
  });
}

function secretBytes(secret: string | Uint8Array): Uint8Array {
  return typeof secret === 'string' ? encoder.encode(secret) : secret;
}

function secretList(secret: WebhookNotifierOptions['secret']): Uint8Array[] {
  const list = typeof secret === 'string' || secret instanceof Uint8Array ? [secret] : [...secret];
  return list.map(secretBytes);
}

function subtle(): typeof globalThis.crypto.subtle {
  const api = globalThis.crypto?.subtle;
  if (api === undefined) {
    throw new ValidationError(
      CoreErrorCodes.INVALID_INPUT,
      '[deltran] webhook signatures need Web Crypto (globalThis.crypto.subtle): Node ≥ 20, Deno, Bun or a browser',
    );
  }
  return api;
}

async function hmacSha256(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const api = subtle();
  const cryptoKey = await api.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await api.sign('HMAC', cryptoKey, message));
}

function signedBytes(timestampSeconds: number, body: string | Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${timestampSeconds}.`);
  const payload = typeof body === 'string' ? encoder.encode(body) : body;
  const out = new Uint8Array(prefix.length + payload.length);
  out.set(prefix, 0);
  out.set(payload, prefix.length);
  return out;
}

const HEX = '0123456789abcdef';

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX[byte >>> 4]! + HEX[byte & 15]!;
  return out;
}

function fromHex(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F]*$/.test(text) || text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Compares two byte arrays in time that depends only on their length. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Options of {@link signWebhookPayload}. @public */
export interface SignWebhookPayloadOptions {
  /** The shared secret, or several while rotating (one `v1` each). */
  readonly secret: string | Uint8Array | readonly (string | Uint8Array)[];
  /** The exact request body. */
  readonly body: string | Uint8Array;
  /** Unix time in whole seconds. */
  readonly timestampSeconds: number;
}

/**
 * Computes a `deltran-signature` header value: `t=<unix seconds>,v1=<hex>` where the hex is
 * HMAC-SHA256(secret, `"<t>.<body>"`) (the scheme Stripe uses), one `v1` per secret.
 *
 * @param options - secret, body and timestamp
 * @returns the header value
 * @throws `ValidationError` (`CORE_INVALID_INPUT`) for a timestamp that is not a whole number of
 * seconds, an empty secret, or no Web Crypto
 * @example
 * ```ts
 * await signWebhookPayload({ secret: 'whsec', body: '{"id":"1"}', timestampSeconds: 1764622800 });
 * // 't=1764622800,v1=…64 hex digits…'
 * ```
 * @public
 */
export async function signWebhookPayload(options: SignWebhookPayloadOptions): Promise<string> {
  const t = options.timestampSeconds;
  if (!Number.isSafeInteger(t) || t < 0) {
    throw new ValidationError(
      CoreErrorCodes.INVALID_INPUT,
      `[deltran] signWebhookPayload: expected timestampSeconds as a non-negative whole number, got ${t}`,
      { path: ['timestampSeconds'] },
    );
  }
  const secrets = secretList(options.secret);
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    throw new ValidationError(
      CoreErrorCodes.INVALID_INPUT,
      '[deltran] signWebhookPayload: expected a non-empty secret',
      {
        path: ['secret'],
      },
    );
  }
  const message = signedBytes(t, options.body);
  const parts = [`t=${t}`];
  for (const secret of secrets) parts.push(`v1=${toHex(await hmacSha256(secret, message))}`);
  return parts.join(',');
}

/** Options of {@link verifyWebhookSignature}. @public */
export interface VerifyWebhookSignatureOptions {
  /** The shared secret, or several while rotating: any one matching is enough. */
  readonly secret: string | Uint8Array | readonly (string | Uint8Array)[];
  /** The `deltran-signature` header as received (`undefined` or `null` when it was missing). */
  readonly header: string | null | undefined;
  /** The raw request body, exactly as received: not re-serialised JSON. */
  readonly body: string | Uint8Array;
  /** Epoch milliseconds now. */
  readonly now: () => number;
  /** How far the signed timestamp may be from now, either way. @defaultValue 300 000 (5 minutes) */
  readonly toleranceMs?: number;
}

/** The outcome of {@link verifyWebhookSignature}. @public */
export type WebhookVerification =
  | {
      readonly valid: true;
      /** The signed timestamp, unix seconds. */
      readonly timestampSeconds: number;
    }
  | {
      readonly valid: false;
      /**
       * `malformed`: no header, or no `t` or `v1`; `timestamp-out-of-tolerance`: signed too long ago (a
       * replay) or in the future; `signature-mismatch`: no `v1` matches (tampered body, wrong secret).
       */
      readonly reason: 'malformed' | 'timestamp-out-of-tolerance' | 'signature-mismatch';
    };

/**
 * Checks a `deltran-signature` header on the receiving side: parses `t` and every `v1`, refuses a
 * timestamp further than `toleranceMs` from now (replays), recomputes HMAC-SHA256 over `"<t>.<body>"`
 * with each secret and compares in constant time.
 *
 * @param options - secret, header, raw body, clock, tolerance
 * @returns `{ valid: true, timestampSeconds }` or `{ valid: false, reason }`
 * @example
 * ```ts
 * const check = await verifyWebhookSignature({
 *   secret: process.env.DELTRAN_WEBHOOK_SECRET!,
 *   header: request.headers['deltran-signature'],
 *   body: rawBody,
 *   now: Date.now,
 * });
 * if (!check.valid) return response.status(400).end();
 * ```
 * @public
 */
export async function verifyWebhookSignature(
  options: VerifyWebhookSignatureOptions,
): Promise<WebhookVerification> {
  const header = options.header;
  if (typeof header !== 'string') return { valid: false, reason: 'malformed' };
  let timestamp: number | undefined;
  const candidates: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,15}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1') {
      const bytes = fromHex(value);
      if (bytes !== undefined && bytes.length === 32) candidates.push(bytes);
    }
  }
  if (timestamp === undefined || candidates.length === 0) return { valid: false, reason: 'malformed' };
  const toleranceMs = options.toleranceMs ?? WEBHOOK_DEFAULTS.toleranceMs;
  if (!(Math.abs(options.now() - timestamp * 1000) <= toleranceMs)) {
    return { valid: false, reason: 'timestamp-out-of-tolerance' };
  }
  const message = signedBytes(timestamp, options.body);
  let valid = false;
  for (const secret of secretList(options.secret)) {
    if (secret.length === 0) continue;
    const expected = await hmacSha256(secret, message);
    // Every candidate is compared, match or not, so the time does not tell which one matched.
    for (const candidate of candidates) if (constantTimeEqual(expected, candidate)) valid = true;
  }
  return valid
    ? { valid: true, timestampSeconds: timestamp }
    : { valid: false, reason: 'signature-mismatch' };
}

class HttpStatusError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

type Attempt =
  | { readonly kind: 'delivered'; readonly statusCode: number }
  | { readonly kind: 'retry' | 'rejected'; readonly error: NotifyError; readonly retryAfterMs?: number };

function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function notifyError(error: unknown): NotifyError {
  if (error instanceof HttpStatusError) {
    return { name: error.name, message: error.message, statusCode: error.statusCode };
  }
  // fetch reports a network failure as a TypeError whose cause has the system code.
  const described = describeError(error);
  const causeCode = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (described.code === undefined && typeof causeCode === 'string') return { ...described, code: causeCode };
  return described;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the built-in webhook notifier. Each notification is POSTed as JSON (`{id, type, subject,
 * time, data}`) with the headers of {@link WEBHOOK_HEADERS}, signed afresh on every attempt.
 *
 * Retry policy: a 2xx is delivered; a network error, a timeout, a 408, a 429 or a 5xx is retried after
 * the backoff (lengthened by a `Retry-After`, up to `maxRetryAfterMs`) until `maxAttempts`; any other
 * status (3xx, redirects are not followed; other 4xx) is refused for good and not retried. A notification
 * given up on goes to the dead-letter list. Receivers must dedupe on `deltran-event-id`: delivery is
 * at-least-once (a timed-out attempt may have arrived).
 *
 * @param options - endpoint, secret, clock, retry policy
 * @returns a {@link WebhookNotifier}
 * @throws `ValidationError` (`CORE_INVALID_INPUT`) for a bad URL, an empty secret, out-of-range numbers
 * or no `fetch`
 * @example
 * ```ts
 * const notifier = createWebhookNotifier({
 *   url: 'https://ops.example.com/hooks/deltran',
 *   secret: process.env.DELTRAN_WEBHOOK_SECRET!,
 *   now: Date.now,
 * });
 * const result = await notifier.notify({ id, type: 'compliance.reject', subject: uetr, time, data });
 * ```
 * @public
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): WebhookNotifier {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (cause) {
    throw new ValidationError(
      CoreErrorCodes.INVALID_INPUT,
      '[deltran] createWebhookNotifier: expected an absolute URL',
      {
        path: ['url'],
        cause,
      },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('url', `expected an https: or http: URL, got ${JSON.stringify(url.protocol)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('url', 'expected a URL without credentials (fetch refuses them): pass them in "headers"');
  }
  const secrets = secretList(options.secret);
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    throw invalid('secret', 'expected a non-empty secret');
  }
  if (typeof options.now !== 'function') throw invalid('now', 'expected a clock function (epoch ms)');
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw invalid('fetch', 'no global fetch here: pass one as the "fetch" option');
  }
  // Called through globalThis, never detached: a browser's fetch throws when called without its `this`.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const positiveInt = (name: string, value: number): number => {
    if (!Number.isSafeInteger(value) || value < 1)
      throw invalid(name, `expected a positive integer, got ${value}`);
    return value;
  };
  const nonNegativeInt = (name: string, value: number): number => {
    if (!Number.isSafeInteger(value) || value < 0)
      throw invalid(name, `expected a non-negative integer, got ${value}`);
    return value;
  };
  const maxAttempts = positiveInt('maxAttempts', options.maxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts);
  const timeoutMs = positiveInt('timeoutMs', options.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs);
  const maxRetryAfterMs = nonNegativeInt(
    'maxRetryAfterMs',
    options.maxRetryAfterMs ?? WEBHOOK_DEFAULTS.maxRetryAfterMs,
  );
  const maxDeadLetters = nonNegativeInt(
    'maxDeadLetters',
    options.maxDeadLetters ?? WEBHOOK_DEFAULTS.maxDeadLetters,
  );
  const backoff = options.backoff ?? WEBHOOK_DEFAULTS.backoff;
  const random = options.random ?? cryptoRandom;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now;
  const metrics = options.metrics === undefined ? undefined : isolateMetrics(options.metrics);
  const endpoint = `${url.origin}${url.pathname}`; // for error messages: never the query (it may hold a token)
  const extraHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!name.toLowerCase().startsWith('deltran-')) extraHeaders[name] = value;
  }
  let deadLetters: NotificationDeadLetter[] = [];

  const attempt = async (body: string, notification: Notification, number: number): Promise<Attempt> => {
    const timestampSeconds = Math.floor(now() / 1000);
    const signature = await signWebhookPayload({ secret: secrets, body, timestampSeconds });
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new TimeoutError(`POST ${endpoint}: no response within ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      const response = await Promise.race([
        fetchImpl(url, {
          method: 'POST',
          redirect: 'manual',
          signal: controller.signal,
          headers: {
            'user-agent': 'deltran-webhook/1',
            ...extraHeaders,
            'content-type': 'application/json',
            [WEBHOOK_HEADERS.signature]: signature,
            [WEBHOOK_HEADERS.eventId]: notification.id,
            [WEBHOOK_HEADERS.eventType]: notification.type,
            [WEBHOOK_HEADERS.attempt]: String(number),
          },
          body,
        }),
        timeout,
      ]);
      // The body is not needed: release the connection.
      response.body?.cancel().catch(() => undefined);
      const status = response.status;
      if (status >= 200 && status < 300) return { kind: 'delivered', statusCode: status };
      const error = notifyError(
        new HttpStatusError(
          `POST ${endpoint}: the receiver answered ${status} ${response.statusText}`.trim(),
          status,
        ),
      );
      if (status === 408 || status === 429 || status >= 500) {
        const after =
          maxRetryAfterMs > 0 ? retryAfterMs(response.headers.get('retry-after'), now()) : undefined;
        return after === undefined
          ? { kind: 'retry', error }
          : { kind: 'retry', error, retryAfterMs: Math.min(after, maxRetryAfterMs) };
      }
      return { kind: 'rejected', error };
    } catch (cause) {
      return { kind: 'retry', error: notifyError(cause) };
    } finally {
      clearTimeout(timer);
    }
  };

  const record = (type: string, outcome: 'delivered' | 'retry' | 'rejected' | 'exhausted'): void => {
    metrics?.counter(PIPELINE_METRICS.notifications.name, 1, { type, outcome });
  };

  const deadLetter = (letter: NotificationDeadLetter): void => {
    deadLetters.push(letter);
    if (deadLetters.length > maxDeadLetters) deadLetters.splice(0, deadLetters.length - maxDeadLetters);
    try {
      options.onDeadLetter?.(letter);
    } catch {
      // The host's hook must not turn a final outcome into an exception.
    }
  };

  const notify = async (notification: Notification): Promise<NotifyResult> => {
    let body: string;
    try {
      body = JSON.stringify({
        id: notification.id,
        type: notification.type,
        subject: notification.subject,
        time: notification.time,
        data: notification.data,
      });
    } catch (cause) {
      throw new ValidationError(
        CoreErrorCodes.INVALID_INPUT,
        `[deltran] webhook notifier: notification ${JSON.stringify(notification.id)} is not JSON-serialisable (amounts must be decimal strings, not bigint)`,
        { path: ['data'], cause },
      );
    }
    for (let number = 1; ; number++) {
      const outcome = await attempt(body, notification, number);
      if (outcome.kind === 'delivered') {
        record(notification.type, 'delivered');
        return { status: 'delivered', id: notification.id, attempts: number, statusCode: outcome.statusCode };
      }
      if (outcome.kind === 'retry' && number < maxAttempts) {
        record(notification.type, 'retry');
        const delay = computeBackoffMs(backoff, number, random);
        await sleep(Math.max(delay, outcome.retryAfterMs ?? 0));
        continue;
      }
      const reason = outcome.kind === 'rejected' ? 'rejected' : 'attempts-exhausted';
      record(notification.type, outcome.kind === 'rejected' ? 'rejected' : 'exhausted');
      deadLetter(
        Object.freeze({
          notification,
          reason,
          attempts: number,
          error: outcome.error,
          time: new Date(now()).toISOString(),
        }),
      );
      return { status: 'failed', id: notification.id, reason, attempts: number, error: outcome.error };
    }
  };

  return Object.freeze({
    notify,
    deadLetters: () => Object.freeze([...deadLetters]),
    replayDeadLetters: async () => {
      const letters = deadLetters;
      deadLetters = [];
      const results: NotifyResult[] = [];
      for (const letter of letters) results.push(await notify(letter.notification));
      return Object.freeze(results);
    },
    clearDeadLetters: () => {
      deadLetters = [];
    },
  });
}

function isNotifyResult(value: unknown): value is NotifyResult {
  if (typeof value !== 'object' || value === null) return false;
  const { status, id, attempts } = value as Partial<Record<string, unknown>>;
  return (
    (status === 'delivered' || status === 'failed') && typeof id === 'string' && typeof attempts === 'number'
  );
}

/**
 * Adapts a function to a {@link Notifier}, for e-mail, SMS, a queue or a test. The function's result
 * (or what its promise resolves to), when it is a {@link NotifyResult}, is passed on; otherwise resolving means delivered and
 * throwing means `failed` with reason `rejected` (retries are the function's business).
 *
 * @param send - called once per notification
 * @returns a {@link Notifier}
 * @example
 * ```ts
 * const notifier = createCallbackNotifier(async (n) => mailer.send({ to: 'ops@bank.example', subject: n.type }));
 * ```
 * @public
 */
export function createCallbackNotifier(send: (notification: Notification) => unknown): Notifier {
  return Object.freeze({
    async notify(notification: Notification): Promise<NotifyResult> {
      try {
        const result = await send(notification);
        return isNotifyResult(result) ? result : { status: 'delivered', id: notification.id, attempts: 1 };
      } catch (error) {
        return {
          status: 'failed',
          id: notification.id,
          reason: 'rejected',
          attempts: 1,
          error: notifyError(error),
        };
      }
    },
  });
}
