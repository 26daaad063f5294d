/**
 * The NATS adapter's own logic with a fake client (no network): publish retries and its timeout,
 * stream creation and verification, options. The broker behaviour itself is verified against real
 * servers in test/integration/nats*.int.test.ts.
 */
import { createNatsTransport, KEY_HEADER, type NatsLibrary, natsFlags } from 'deltran/adapters/nats';
import { createEnvelope } from 'deltran/pipeline';
import { describe, expect, it } from 'vitest';

const event = createEnvelope(
  { id: 'evt-1', type: 'deltran.x', subject: 'uetr-1', data: { n: 1 } },
  { now: () => 0 },
);

/** What the fake stream answers to one publish: a PubAck, an API error, no responders, or nothing. */
type FakeAnswer =
  | { stream: string; seq: number; duplicate?: boolean }
  | { error: { code: number; err_code: number; description: string } }
  | 'no-responders'
  | 'hang';

interface FakeOptions {
  /** Throwing is the client refusing the publish synchronously (a closed connection, a too large payload). */
  publish?: (subject: string, data: Uint8Array, headers: Map<string, string>) => FakeAnswer;
  streamSubjects?: string[];
}

type Callback = (error: Error | null, message: unknown) => void;

function fakeLib(options: FakeOptions = {}) {
  const calls = {
    publish: [] as { subject: string; msgID: string | undefined; key: string | undefined }[],
    streamsAdded: [] as unknown[],
  };
  let streamConfig: { subjects: string[] } | undefined =
    options.streamSubjects === undefined ? undefined : { subjects: options.streamSubjects };
  const subscriptions: { pattern: string; callback: Callback }[] = [];
  const replies: string[] = [];
  const deliver = (subject: string, data: Uint8Array, headers?: { code: number }) => {
    for (const sub of subscriptions) {
      if (subject.startsWith(sub.pattern.slice(0, -1))) sub.callback(null, { subject, data, headers });
    }
  };
  const nc = {
    closed: false,
    isClosed() {
      return this.closed;
    },
    async close() {
      this.closed = true;
    },
    async drain() {
      this.closed = true;
    },
    async flush() {},
    status() {
      return { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
    },
    subscribe(pattern: string, o: { callback: Callback }) {
      const sub = { pattern, callback: o.callback };
      subscriptions.push(sub);
      return { unsubscribe: () => subscriptions.splice(subscriptions.indexOf(sub), 1) };
    },
    publish(subject: string, data: Uint8Array, o: { reply: string; headers: Map<string, string> }) {
      calls.publish.push({ subject, msgID: o.headers.get('Nats-Msg-Id'), key: o.headers.get(KEY_HEADER) });
      replies.push(o.reply);
      const answer = options.publish
        ? options.publish(subject, data, o.headers)
        : { stream: 'DELTRAN', seq: calls.publish.length, duplicate: false };
      if (answer === 'hang') return;
      // The server answers later, on the reply subject.
      setTimeout(() => {
        if (answer === 'no-responders') deliver(o.reply, new Uint8Array(0), { code: 503 });
        else deliver(o.reply, new TextEncoder().encode(JSON.stringify(answer)));
      }, 1);
    },
  };
  const lib = {
    connect: async () => nc,
    headers: () => new Map<string, string>(),
    jetstreamManager: async () => ({
      streams: {
        info: async () => {
          if (streamConfig === undefined)
            throw Object.assign(new Error('stream not found'), { name: 'StreamNotFoundError' });
          return { config: streamConfig };
        },
        add: async (config: { subjects: string[] }) => {
          calls.streamsAdded.push(config);
          streamConfig = config;
          return { config };
        },
      },
    }),
    jetstream: () => ({}),
  } as unknown as NatsLibrary;
  return { lib, calls, nc, deliver, replies };
}

describe('nats adapter (fake client)', () => {
  it('should create its stream over the prefix and publish with the id as Nats-Msg-Id', async () => {
    // Arrange
    const { lib, calls } = fakeLib();
    const transport = createNatsTransport({ lib });
    // Act
    const receipt = await transport.publish('deltran.token.mint', event);
    // Assert
    expect(calls.streamsAdded).toEqual([
      expect.objectContaining({
        name: 'DELTRAN',
        subjects: ['deltran.>'],
        storage: 'file',
        duplicate_window: 120e9,
      }),
    ]);
    expect(calls.publish).toEqual([{ subject: 'deltran.token.mint', msgID: 'evt-1', key: 'uetr-1' }]);
    expect(receipt).toEqual({
      topic: 'deltran.token.mint',
      id: 'evt-1',
      duplicate: false,
      position: 'DELTRAN#1',
    });
    expect(transport.deadLetterTopic).toBe('deltran.dead-letter');
    expect(transport.flags).toEqual(natsFlags('all'));
    await transport.close();
  });

  it('should retry a transient failure with the same id until the broker confirms', async () => {
    // Arrange: two "no responders" (JetStream restarting), then a PubAck
    let n = 0;
    const { lib, calls } = fakeLib({
      publish: () => (++n <= 2 ? 'no-responders' : { stream: 'DELTRAN', seq: 9, duplicate: true }),
    });
    const transport = createNatsTransport({ lib });
    // Act
    const receipt = await transport.publish('deltran.a', event);
    // Assert
    expect(calls.publish.map((c) => c.msgID)).toEqual(['evt-1', 'evt-1', 'evt-1']);
    expect(receipt.duplicate).toBe(true);
    await transport.close();
  });

  it('should bound a publish that never completes with its own timeout', async () => {
    // Arrange: a client that hangs
    const { lib } = fakeLib({ publish: () => 'hang' });
    const transport = createNatsTransport({ lib, publishTimeoutMs: 150 });
    const started = Date.now();
    // Act / Assert
    await expect(transport.publish('deltran.a', event)).rejects.toMatchObject({
      code: 'TRANSPORT_PUBLISH_TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await transport.close();
  });

  it('should not retry what retrying cannot fix', async () => {
    // Arrange
    const { lib, calls } = fakeLib({
      publish: () => {
        throw Object.assign(new Error('maximum payload exceeded'), { name: 'InvalidArgumentError' });
      },
    });
    const transport = createNatsTransport({ lib });
    // Act / Assert
    await expect(transport.publish('deltran.a', event)).rejects.toMatchObject({
      code: 'TRANSPORT_PUBLISH_FAILED',
    });
    expect(calls.publish).toHaveLength(1);
    await transport.close();
  });

  it('should refuse what the stream answers with an error, and retry what it answers with 503', async () => {
    // Arrange: one refusal (wrong expected stream), and a 503 then a PubAck
    const refused = fakeLib({
      publish: () => ({
        error: { code: 400, err_code: 10060, description: 'expected stream does not match' },
      }),
    });
    let n = 0;
    const busy = fakeLib({
      publish: () =>
        ++n === 1
          ? { error: { code: 503, err_code: 10077, description: 'JetStream system temporarily unavailable' } }
          : { stream: 'DELTRAN', seq: 3 },
    });
    const a = createNatsTransport({ lib: refused.lib });
    const b = createNatsTransport({ lib: busy.lib });
    // Act / Assert
    await expect(a.publish('deltran.a', event)).rejects.toMatchObject({
      code: 'TRANSPORT_PUBLISH_FAILED',
      message: expect.stringContaining('JetStreamApiError: expected stream does not match'),
    });
    expect(refused.calls.publish).toHaveLength(1);
    await expect(b.publish('deltran.a', event)).resolves.toEqual({
      topic: 'deltran.a',
      id: 'evt-1',
      duplicate: false,
      position: 'DELTRAN#3',
    });
    expect(busy.calls.publish.map((c) => c.msgID)).toEqual(['evt-1', 'evt-1']);
    await Promise.all([a.close(), b.close()]);
  });

  it('should answer each publish of a burst with its own PubAck, in order', async () => {
    // Arrange
    const { lib, calls } = fakeLib();
    const transport = createNatsTransport({ lib });
    await transport.publish('deltran.a', event);
    const events = Array.from({ length: 100 }, (_, i) => ({
      ...event,
      id: `evt-b${i}`,
      subject: `k${i % 7}`,
    }));
    // Act: all asked for in one turn
    const receipts = await Promise.all(events.map((e) => transport.publish('deltran.b', e)));
    // Assert
    expect(receipts.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(receipts.map((r) => r.position)).toEqual(events.map((_, i) => `DELTRAN#${i + 2}`));
    expect(calls.publish.slice(1)).toEqual(
      events.map((e) => ({ subject: 'deltran.b', msgID: e.id, key: e.subject })),
    );
    await transport.close();
  });

  it('should publish many events at once, each with its own id and key, receipts in order', async () => {
    // Arrange
    const { lib, calls } = fakeLib();
    const transport = createNatsTransport({ lib });
    const events = Array.from({ length: 10 }, (_, i) => ({ ...event, id: `evt-m${i}`, subject: `u${i}` }));
    // Act
    const receipts = await transport.publishMany('deltran.m', events, { timeoutMs: 1_000 });
    // Assert
    expect(receipts).toEqual(
      events.map((e, i) => ({
        topic: 'deltran.m',
        id: e.id,
        duplicate: false,
        position: `DELTRAN#${i + 1}`,
      })),
    );
    expect(calls.publish).toEqual(events.map((e) => ({ subject: 'deltran.m', msgID: e.id, key: e.subject })));
    await expect(transport.publishMany('elsewhere.m', events)).rejects.toMatchObject({
      code: 'TRANSPORT_INVALID_TOPIC',
    });
    await transport.close();
  });

  it('should fail a publish still waiting when the transport closes, and ignore a late PubAck', async () => {
    // Arrange: the first answer never comes until released by hand
    const { lib, deliver, replies } = fakeLib({ publish: () => 'hang' });
    const transport = createNatsTransport({ lib, publishTimeoutMs: 100 });
    const timedOut = transport.publish('deltran.a', event);
    await expect(timedOut).rejects.toMatchObject({ code: 'TRANSPORT_PUBLISH_TIMEOUT' });
    // Act: a late answer to every token, then a publish cut short by close()
    expect(replies).toHaveLength(1);
    deliver(replies[0]!, new TextEncoder().encode('{"stream":"DELTRAN","seq":1}'));
    // (the expectation is attached before close() so the rejection is never unhandled for a moment)
    const cut = expect(transport.publish('deltran.a', { ...event, id: 'evt-2' })).rejects.toMatchObject({
      code: 'TRANSPORT_CLOSED',
    });
    await transport.close();
    // Assert
    await cut;
  });

  it('should refuse an existing stream that does not cover its subjects, and accept a wider one', async () => {
    // Arrange
    const narrow = fakeLib({ streamSubjects: ['deltran.token.>'] });
    const wide = fakeLib({ streamSubjects: ['>'] });
    const a = createNatsTransport({ lib: narrow.lib });
    const b = createNatsTransport({ lib: wide.lib });
    // Act / Assert
    await expect(a.publish('deltran.token.mint', event)).rejects.toMatchObject({
      code: 'TRANSPORT_STREAM_MISMATCH',
    });
    await expect(b.publish('deltran.token.mint', event)).resolves.toMatchObject({ id: 'evt-1' });
    expect(wide.calls.streamsAdded).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('should not create a missing stream when told not to', async () => {
    const { lib } = fakeLib();
    const transport = createNatsTransport({ lib, stream: { create: false } });
    await expect(transport.publish('deltran.a', event)).rejects.toMatchObject({
      code: 'TRANSPORT_STREAM_MISMATCH',
    });
    await transport.close();
  });

  it('should name the stream after the prefix and close the connection it opened, once', async () => {
    // Arrange
    const { lib, calls, nc } = fakeLib();
    const transport = createNatsTransport({ lib, prefix: 'eu.bank1.' });
    // Act
    await transport.publish('eu.bank1.token.mint', event);
    await transport.close();
    await transport.close();
    // Assert
    expect(calls.streamsAdded).toEqual([
      expect.objectContaining({ name: 'EU_BANK1', subjects: ['eu.bank1.>'] }),
    ]);
    expect(nc.closed).toBe(true);
    expect(transport.health().status).toBe('closed');
  });

  it('should refuse options out of range', () => {
    for (const options of [
      { publishTimeoutMs: 0 },
      { maxAckPending: -1 },
      { deliverPolicy: 'last' as 'all' },
      { prefix: '' },
      { stream: { name: 'has.dot' } },
    ]) {
      expect(() => createNatsTransport(options)).toThrow(
        expect.objectContaining({ code: 'TRANSPORT_INVALID_OPTIONS' }),
      );
    }
    expect(() => createNatsTransport({ prefix: 'nope' })).toThrow(
      expect.objectContaining({ code: 'PIPELINE_INVALID_TOPIC_PREFIX' }),
    );
  });
});
