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

interface FakeOptions {
  publish?: (
    subject: string,
    data: Uint8Array,
    options: { msgID: string; headers?: Map<string, string> },
  ) => Promise<unknown>;
  streamSubjects?: string[];
}

function fakeLib(options: FakeOptions = {}) {
  const calls = {
    publish: [] as { subject: string; msgID: string; key: string | undefined }[],
    streamsAdded: [] as unknown[],
  };
  let streamConfig: { subjects: string[] } | undefined =
    options.streamSubjects === undefined ? undefined : { subjects: options.streamSubjects };
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
    status() {
      return { [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) };
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
    jetstream: () => ({
      publish: async (
        subject: string,
        data: Uint8Array,
        o: { msgID: string; headers?: Map<string, string> },
      ) => {
        calls.publish.push({ subject, msgID: o.msgID, key: o.headers?.get(KEY_HEADER) });
        if (options.publish) return options.publish(subject, data, o);
        return { stream: 'DELTRAN', seq: calls.publish.length, duplicate: false };
      },
    }),
  } as unknown as NatsLibrary;
  return { lib, calls, nc };
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
      publish: async () => {
        if (++n <= 2) throw Object.assign(new Error('no responders'), { name: 'NoResponders' });
        return { stream: 'DELTRAN', seq: 9, duplicate: true };
      },
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
    const { lib } = fakeLib({ publish: () => new Promise(() => {}) });
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
      publish: async () => {
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
