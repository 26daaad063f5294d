import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ValidationError } from 'deltran';
import {
  createCallbackNotifier,
  createMemoryMetrics,
  createWebhookNotifier,
  NOTIFICATION_TYPES,
  type Notification,
  PIPELINE_METRICS,
  signWebhookPayload,
  verifyWebhookSignature,
  WEBHOOK_HEADERS,
  type WebhookNotifierOptions,
  type WebhookVerification,
} from 'deltran/pipeline';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';

const SEED = Number(process.env.DELTRAN_SEED ?? 1);
const SECRET = 'whsec_test_secret';
const NOW_MS = 1_764_622_800_123; // 2025-12-01T21:00:00.123Z
const now = (): number => NOW_MS;

const notification: Notification = {
  id: 'evt-0001:notify',
  type: NOTIFICATION_TYPES.complianceReject,
  subject: '6f1d7c2e-9b1a-4f7e-8c39-2a4b5d6e7f80',
  time: '2025-12-01T21:00:00.000Z',
  data: { reasons: [{ code: 'SANCTIONS_HIT', message: 'listed party' }], amount: '1250.00', currency: 'EUR' },
};

/** What the local receiver saw of one request. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verification: WebhookVerification;
}

/** One planned answer: a status (with headers), or `hang` (never answer). */
type Plan = number | { readonly status: number; readonly headers: Record<string, string> } | 'hang';

interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Answers, in order; the last one repeats. */
  plan: Plan[];
}

const servers: Server[] = [];

/** A real HTTP receiver on 127.0.0.1 (port 0) that checks every signature with verifyWebhookSignature. */
async function startReceiver(plan: Plan[]): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = { url: '', received, plan };
  const server = createServer((request, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void verifyWebhookSignature({
        secret: SECRET,
        header: request.headers[WEBHOOK_HEADERS.signature] as string | undefined,
        body,
        now,
      }).then((verification) => {
        received.push({ headers: request.headers, body, verification });
        const step = receiver.plan[Math.min(received.length - 1, receiver.plan.length - 1)]!;
        if (step === 'hang') return;
        const { status, headers } = typeof step === 'number' ? { status: step, headers: {} } : step;
        response.writeHead(status, headers).end(status < 300 ? 'ok' : 'no');
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}/hooks/deltran?token=secret-token` });
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A webhook notifier on the receiver, with a sleep that records and returns at once. */
function notifierFor(receiver: Receiver, overrides: Partial<WebhookNotifierOptions> = {}) {
  const sleeps: number[] = [];
  const notifier = createWebhookNotifier({
    url: receiver.url,
    secret: SECRET,
    now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { notifier, sleeps };
}

describe('createWebhookNotifier', () => {
  it('should POST the notification as signed JSON with the dedupe headers', async () => {
    // Arrange
    const receiver = await startReceiver([200]);
    const { notifier, sleeps } = notifierFor(receiver, { headers: { authorization: 'Bearer abc' } });
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toEqual({ status: 'delivered', id: notification.id, attempts: 1, statusCode: 200 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.verification).toEqual({ valid: true, timestampSeconds: Math.floor(NOW_MS / 1000) });
    expect(JSON.parse(request!.body)).toEqual(notification);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'deltran-event-id': notification.id,
      'deltran-event-type': 'compliance.reject',
      'deltran-delivery-attempt': '1',
      authorization: 'Bearer abc',
    });
    expect(request!.headers['deltran-signature']).toMatch(/^t=1764622800,v1=[0-9a-f]{64}$/);
    expect(sleeps).toEqual([]);
    expect(notifier.deadLetters()).toEqual([]);
  });

  it('should retry a 500 twice with backoff, then deliver', async () => {
    // Arrange
    const receiver = await startReceiver([500, 500, 200]);
    const { notifier, sleeps } = notifierFor(receiver);
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(sleeps).toEqual([1000, 2000]);
    expect(receiver.received.map((r) => r.headers['deltran-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(receiver.received.every((r) => r.verification.valid)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['deltran-event-id']))).toEqual(
      new Set([notification.id]),
    );
  });

  it('should not retry a 400, and keep it as a dead letter', async () => {
    // Arrange
    const receiver = await startReceiver([400]);
    const { notifier, sleeps } = notifierFor(receiver);
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'rejected',
      attempts: 1,
      error: { name: 'HttpStatusError', statusCode: 400 },
    });
    expect(receiver.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(notifier.deadLetters()).toEqual([
      {
        notification,
        reason: 'rejected',
        attempts: 1,
        error: expect.objectContaining({ statusCode: 400 }),
        time: new Date(NOW_MS).toISOString(),
      },
    ]);
  });

  it('should never put the query string (a token) in an error message', async () => {
    // Arrange
    const receiver = await startReceiver([403]);
    const { notifier } = notifierFor(receiver);
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result.status).toBe('failed');
    if (result.status === 'failed') {
      expect(result.error.message).toContain('/hooks/deltran');
      expect(result.error.message).not.toContain('secret-token');
    }
  });

  it('should dead-letter after the last attempt, then deliver on replay', async () => {
    // Arrange
    const receiver = await startReceiver([503]);
    const seen: string[] = [];
    const { notifier, sleeps } = notifierFor(receiver, {
      maxAttempts: 3,
      backoff: { initialMs: 10, factor: 3 },
      onDeadLetter: (letter) => seen.push(letter.notification.id),
    });
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'attempts-exhausted',
      attempts: 3,
      error: { statusCode: 503 },
    });
    expect(sleeps).toEqual([10, 30]);
    expect(notifier.deadLetters()).toMatchObject([{ reason: 'attempts-exhausted', attempts: 3 }]);
    expect(seen).toEqual([notification.id]);

    // Act: the receiver is back
    receiver.plan = [204];
    const replayed = await notifier.replayDeadLetters();
    // Assert
    expect(replayed).toMatchObject([{ status: 'delivered', attempts: 1, statusCode: 204 }]);
    expect(notifier.deadLetters()).toEqual([]);
  });

  it('should time out on a receiver that never answers, and retry', async () => {
    // Arrange
    const receiver = await startReceiver(['hang']);
    const { notifier, sleeps } = notifierFor(receiver, { timeoutMs: 150, maxAttempts: 2 });
    // Act
    const started = Date.now();
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'attempts-exhausted',
      attempts: 2,
      error: { name: 'TimeoutError' },
    });
    expect(receiver.received).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('should retry a network error (connection refused)', async () => {
    // Arrange: a port that was just closed
    const receiver = await startReceiver([200]);
    const closed = servers.pop()!;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { notifier, sleeps } = notifierFor(receiver, { maxAttempts: 2 });
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toMatchObject({ status: 'failed', reason: 'attempts-exhausted', attempts: 2 });
    if (result.status === 'failed') expect(result.error.code).toBe('ECONNREFUSED');
    expect(sleeps).toHaveLength(1);
  });

  it('should honour Retry-After on a 429, up to maxRetryAfterMs', async () => {
    // Arrange
    const receiver = await startReceiver([
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 503, headers: { 'retry-after': '3600' } },
      200,
    ]);
    const { notifier, sleeps } = notifierFor(receiver, { maxRetryAfterMs: 20_000 });
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(sleeps).toEqual([7_000, 20_000]);
  });

  it('should not follow a redirect', async () => {
    // Arrange
    const receiver = await startReceiver([
      { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } },
    ]);
    const { notifier } = notifierFor(receiver);
    // Act
    const result = await notifier.notify(notification);
    // Assert
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'rejected',
      attempts: 1,
      error: { statusCode: 302 },
    });
  });

  it('should record every outcome in the metrics sink', async () => {
    // Arrange
    const receiver = await startReceiver([500, 200]);
    const metrics = createMemoryMetrics();
    const { notifier } = notifierFor(receiver, { metrics });
    // Act
    await notifier.notify(notification);
    receiver.plan = [400];
    await notifier.notify({ ...notification, id: 'evt-0002', type: NOTIFICATION_TYPES.settlementCompleted });
    // Assert
    const name = PIPELINE_METRICS.notifications.name;
    expect(metrics.counterTotal(name, { type: 'compliance.reject', outcome: 'retry' })).toBe(1);
    expect(metrics.counterTotal(name, { type: 'compliance.reject', outcome: 'delivered' })).toBe(1);
    expect(metrics.counterTotal(name, { type: 'settlement.completed', outcome: 'rejected' })).toBe(1);
  });

  it('should deliver even when the metrics sink throws', async () => {
    // Arrange
    const receiver = await startReceiver([200]);
    const broken = {
      counter: () => {
        throw new Error('metrics backend down');
      },
      histogram: () => undefined,
    };
    const { notifier } = notifierFor(receiver, { metrics: broken });
    // Act & Assert
    await expect(notifier.notify(notification)).resolves.toMatchObject({ status: 'delivered' });
  });

  it('should keep at most maxDeadLetters, dropping the oldest', async () => {
    // Arrange
    const receiver = await startReceiver([400]);
    const { notifier } = notifierFor(receiver, { maxDeadLetters: 2 });
    // Act
    for (const id of ['a', 'b', 'c']) await notifier.notify({ ...notification, id });
    // Assert
    expect(notifier.deadLetters().map((d) => d.notification.id)).toEqual(['b', 'c']);
    notifier.clearDeadLetters();
    expect(notifier.deadLetters()).toEqual([]);
  });

  it('should reject a notification that is not JSON-serialisable', async () => {
    // Arrange
    const receiver = await startReceiver([200]);
    const { notifier } = notifierFor(receiver);
    // Act & Assert
    await expect(notifier.notify({ ...notification, data: { amount: 10n } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(receiver.received).toHaveLength(0);
  });

  it('should refuse bad options', () => {
    // Arrange
    const base = { url: 'https://hooks.example.com/x', secret: SECRET, now };
    // Assert
    expect(() => createWebhookNotifier({ ...base, url: 'not a url' })).toThrow(ValidationError);
    expect(() => createWebhookNotifier({ ...base, url: 'ftp://hooks.example.com/' })).toThrow(
      ValidationError,
    );
    expect(() => createWebhookNotifier({ ...base, url: 'https://u:p@hooks.example.com/' })).toThrow(
      ValidationError,
    );
    expect(() => createWebhookNotifier({ ...base, secret: '' })).toThrow(ValidationError);
    expect(() => createWebhookNotifier({ ...base, secret: [] })).toThrow(ValidationError);
    expect(() => createWebhookNotifier({ ...base, maxAttempts: 0 })).toThrow(ValidationError);
    expect(() => createWebhookNotifier({ ...base, timeoutMs: 1.5 })).toThrow(ValidationError);
    expect(() => createWebhookNotifier({ ...base, maxDeadLetters: -1 })).toThrow(ValidationError);
  });
});

describe('signWebhookPayload and verifyWebhookSignature', () => {
  const body = '{"id":"evt-1","type":"settlement.completed"}';
  const t = 1_764_622_800;

  it('should match HMAC-SHA256 over "<t>.<body>" computed by node:crypto', async () => {
    // Arrange
    const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
    // Act
    const header = await signWebhookPayload({ secret: SECRET, body, timestampSeconds: t });
    // Assert
    expect(header).toBe(`t=${t},v1=${expected}`);
  });

  it('should match a fixed test vector', async () => {
    // Act
    const header = await signWebhookPayload({ secret: 'key', body: 'hello', timestampSeconds: 0 });
    // Assert: HMAC-SHA256(key, "0.hello"), also from node:crypto
    expect(header).toBe(`t=0,v1=${createHmac('sha256', 'key').update('0.hello').digest('hex')}`);
    expect(header).toBe('t=0,v1=552b25b10c33de2db9fe7fa273d44ab105d596c023fa954d01444d4642487149');
  });

  it('should accept a valid signature within the tolerance, either way', async () => {
    // Arrange
    const header = await signWebhookPayload({ secret: SECRET, body, timestampSeconds: t });
    // Act
    const late = await verifyWebhookSignature({
      secret: SECRET,
      header,
      body,
      now: () => t * 1000 + 299_000,
    });
    const early = await verifyWebhookSignature({
      secret: SECRET,
      header,
      body,
      now: () => t * 1000 - 299_000,
    });
    const bytes = await verifyWebhookSignature({
      secret: new TextEncoder().encode(SECRET),
      header,
      body: new TextEncoder().encode(body),
      now: () => t * 1000,
    });
    // Assert
    expect(late).toEqual({ valid: true, timestampSeconds: t });
    expect(early.valid).toBe(true);
    expect(bytes.valid).toBe(true);
  });

  it('should reject a tampered body, a wrong secret and an old or future timestamp', async () => {
    // Arrange
    const header = await signWebhookPayload({ secret: SECRET, body, timestampSeconds: t });
    const at = (ms: number) => () => t * 1000 + ms;
    // Act & Assert
    expect(
      await verifyWebhookSignature({
        secret: SECRET,
        header,
        body: body.replace('evt-1', 'evt-2'),
        now: at(0),
      }),
    ).toEqual({ valid: false, reason: 'signature-mismatch' });
    expect(await verifyWebhookSignature({ secret: 'other', header, body, now: at(0) })).toEqual({
      valid: false,
      reason: 'signature-mismatch',
    });
    expect(await verifyWebhookSignature({ secret: SECRET, header, body, now: at(301_000) })).toEqual({
      valid: false,
      reason: 'timestamp-out-of-tolerance',
    });
    expect(await verifyWebhookSignature({ secret: SECRET, header, body, now: at(-301_000) })).toEqual({
      valid: false,
      reason: 'timestamp-out-of-tolerance',
    });
    expect(
      (await verifyWebhookSignature({ secret: SECRET, header, body, now: at(30_000), toleranceMs: 10_000 }))
        .valid,
    ).toBe(false);
  });

  it('should reject a header whose timestamp was changed (the timestamp is signed)', async () => {
    // Arrange
    const header = await signWebhookPayload({ secret: SECRET, body, timestampSeconds: t - 3600 });
    const replayed = header.replace(`t=${t - 3600}`, `t=${t}`);
    // Act
    const result = await verifyWebhookSignature({
      secret: SECRET,
      header: replayed,
      body,
      now: () => t * 1000,
    });
    // Assert
    expect(result).toEqual({ valid: false, reason: 'signature-mismatch' });
  });

  it('should call a missing or malformed header malformed', async () => {
    // Arrange
    const check = (header: string | undefined | null) =>
      verifyWebhookSignature({ secret: SECRET, header, body, now: () => t * 1000 });
    // Assert
    for (const header of [undefined, null, '', 'garbage', `t=${t}`, 'v1=00', `t=abc,v1=${'0'.repeat(64)}`]) {
      expect(await check(header)).toEqual({ valid: false, reason: 'malformed' });
    }
    expect(await check(`t=${t},v1=zz${'0'.repeat(62)}`)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('should support rotating secrets: one v1 per secret, any known secret verifies', async () => {
    // Arrange
    const header = await signWebhookPayload({
      secret: ['new-secret', 'old-secret'],
      body,
      timestampSeconds: t,
    });
    // Act
    const withOld = await verifyWebhookSignature({ secret: 'old-secret', header, body, now: () => t * 1000 });
    const withBoth = await verifyWebhookSignature({
      secret: ['unknown', 'new-secret'],
      header,
      body,
      now: () => t * 1000,
    });
    // Assert
    expect(header.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
    expect(withOld.valid).toBe(true);
    expect(withBoth.valid).toBe(true);
  });

  it('should refuse a fractional timestamp or an empty secret when signing', async () => {
    // Assert
    await expect(signWebhookPayload({ secret: SECRET, body, timestampSeconds: 1.5 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(signWebhookPayload({ secret: '', body, timestampSeconds: t })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('createCallbackNotifier', () => {
  it('should deliver when the function resolves, and fail as rejected when it throws', async () => {
    // Arrange
    const sent: Notification[] = [];
    const ok = createCallbackNotifier(async (n) => {
      sent.push(n);
    });
    const broken = createCallbackNotifier(() => {
      throw Object.assign(new Error('smtp down'), { code: 'ECONNRESET' });
    });
    // Act
    const delivered = await ok.notify(notification);
    const failed = await broken.notify(notification);
    // Assert
    expect(sent).toEqual([notification]);
    expect(delivered).toEqual({ status: 'delivered', id: notification.id, attempts: 1 });
    expect(failed).toEqual({
      status: 'failed',
      id: notification.id,
      reason: 'rejected',
      attempts: 1,
      error: { name: 'Error', message: 'smtp down', code: 'ECONNRESET' },
    });
  });

  it("should pass on the function's own result", async () => {
    // Arrange
    const notifier = createCallbackNotifier(() => ({ status: 'delivered', id: 'x', attempts: 4 }));
    // Act & Assert
    expect(await notifier.notify(notification)).toEqual({ status: 'delivered', id: 'x', attempts: 4 });
  });
});

describe('platform neutrality', () => {
  it('should import no Node built-in in the notifier or the metrics (Web Crypto and fetch only)', () => {
    // Arrange
    const sources = ['notifier.ts', 'metrics.ts'].map((file) =>
      readFileSync(new URL(`../../../src/pipeline/${file}`, import.meta.url), 'utf8'),
    );
    // Assert
    for (const source of sources) expect(source).not.toMatch(/from\s+['"]node:|require\(/);
  });
});

describe(`properties (seed ${SEED})`, () => {
  it('should retry exactly 408, 429 and 5xx, deliver 2xx and refuse the rest at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200, max: 599 }), async (status) => {
        // Arrange: an injected fetch answering `status`, then 200
        let calls = 0;
        const fetch = async (): Promise<Response> => {
          calls += 1;
          return new Response(null, { status: calls === 1 ? status : 200 });
        };
        const notifier = createWebhookNotifier({
          url: 'https://hooks.example.com/x',
          secret: SECRET,
          now,
          fetch,
          sleep: async () => undefined,
          maxAttempts: 2,
        });
        // Act
        const result = await notifier.notify(notification);
        // Assert
        const retryable = status === 408 || status === 429 || status >= 500;
        if (status < 300)
          expect(result).toMatchObject({ status: 'delivered', attempts: 1, statusCode: status });
        else if (retryable) expect(result).toMatchObject({ status: 'delivered', attempts: 2 });
        else expect(result).toMatchObject({ status: 'failed', reason: 'rejected', attempts: 1 });
        expect(notifier.deadLetters()).toHaveLength(result.status === 'failed' ? 1 : 0);
      }),
    );
  });

  it('should verify what it signs, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.string({ unit: 'binary' }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        async (secret, body, t) => {
          // Arrange
          const header = await signWebhookPayload({ secret, body, timestampSeconds: t });
          const expected = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
          const at = () => t * 1000;
          // Act
          const ok = await verifyWebhookSignature({ secret, header, body, now: at });
          const tampered = await verifyWebhookSignature({ secret, header, body: `${body} `, now: at });
          const otherSecret = await verifyWebhookSignature({ secret: `${secret}!`, header, body, now: at });
          // Assert
          expect(header).toBe(`t=${t},v1=${expected}`);
          expect(ok).toEqual({ valid: true, timestampSeconds: t });
          expect(tampered).toEqual({ valid: false, reason: 'signature-mismatch' });
          expect(otherSecret).toEqual({ valid: false, reason: 'signature-mismatch' });
        },
      ),
      { numRuns: 100 },
    );
  });
});
