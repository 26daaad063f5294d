/**
 * The NATS JetStream transport against real servers: the shared contract on a private nats-server
 * (started here on a random loopback port with a temporary store), then again on the shared server at
 * 127.0.0.1:4222 when it is up, then what only NATS shows. Every test uses its own prefix and stream,
 * deleted afterwards.
 */

import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createNatsTransport, natsFlags } from 'deltran/adapters/nats';
import { createEnvelope, type DeadLetter, type Envelope } from 'deltran/pipeline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithNatsServer, type NatsServerHandle, startNatsServer } from '../_helpers/nats-server';
import { describeService } from '../_helpers/services';
import { type ContractHarness, runTransportContract } from '../contract/transport.contract';

const streamOf = (prefix: string) => prefix.replace(/\.$/, '').toUpperCase();

async function deleteStream(url: string, prefix: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(streamOf(prefix)).catch(() => false);
  } finally {
    await nc.close();
  }
}

function natsExtras(url: () => string) {
  return (harness: ContractHarness) => {
    let admin: NatsConnection;
    beforeAll(async () => {
      admin = await connect({ servers: url() });
    });
    afterAll(async () => {
      await admin?.close();
    });

    it('should dead-letter bytes that are not an envelope, with the bytes recorded', async () => {
      // Arrange
      const { transport, prefix } = await harness.open();
      const topic = `${prefix}raw`;
      const letters: Envelope[] = [];
      const handled: Envelope[] = [];
      await transport.subscribe({ topics: [transport.deadLetterTopic], group: 'dlq' }, (e) => {
        letters.push(e);
      });
      await transport.subscribe({ topics: [topic], group: 'worker' }, (e) => {
        handled.push(e);
      });
      const { jetstream } = await import('@nats-io/jetstream');
      // Act: a foreign publisher writes garbage into the stream, then a good event follows
      await jetstream(admin).publish(topic, new TextEncoder().encode('not json {'));
      await transport.publish(topic, harness.event(1));
      await harness.until(() => letters.length === 1 && handled.length === 1, 10_000, 'the dead letter');
      // Assert
      const data = letters[0]!.data as DeadLetter;
      expect(data).toMatchObject({ reason: 'invalid-envelope', topic, group: 'worker', attempts: 1 });
      expect(data.error.code).toBe('PIPELINE_INVALID_ENVELOPE');
      expect(Buffer.from(data.raw!, 'base64').toString()).toBe('not json {');
      expect(data.position).toMatch(new RegExp(`^${streamOf(prefix)}#\\d+$`));
    });

    it('should publish many at once, deduped by id like single publishes, and deliver each once', async () => {
      // Arrange
      const prefix = `many${Date.now().toString(36)}.`;
      const transport = createNatsTransport({ servers: url(), prefix });
      const topic = `${prefix}many`;
      const events = Array.from({ length: 300 }, (_, i) => harness.event(i));
      const seen: string[] = [];
      try {
        await transport.subscribe({ topics: [topic], group: 'many', concurrency: 16 }, (e) => {
          seen.push(e.id);
        });
        // Act: all, then all again with the same ids
        const first = await transport.publishMany(topic, events);
        const again = await transport.publishMany(topic, events);
        await harness.until(() => seen.length >= events.length, 10_000, 'every delivery');
        await new Promise((r) => setTimeout(r, 200));
        // Assert
        expect(first.map((r) => r.id)).toEqual(events.map((e) => e.id));
        expect(first.every((r) => !r.duplicate)).toBe(true);
        expect(again.every((r) => r.duplicate)).toBe(true);
        expect(new Set(first.map((r) => r.position)).size).toBe(events.length);
        expect([...seen].sort()).toEqual(events.map((e) => e.id).sort());
      } finally {
        await transport.close();
        await jetstreamManager(admin).then((jsm) => jsm.streams.delete(streamOf(prefix)).catch(() => false));
      }
    });

    it('should refuse a topic outside its stream', async () => {
      // Arrange
      const { transport } = await harness.open();
      // Act / Assert
      await expect(transport.publish('elsewhere.topic', harness.event(1))).rejects.toMatchObject({
        code: 'TRANSPORT_INVALID_TOPIC',
      });
    });

    it('should verify an existing stream and never alter it', async () => {
      // Arrange: a stream of that name that covers other subjects
      const prefix = `mismatch${Date.now().toString(36)}.`;
      const jsm = await jetstreamManager(admin);
      await jsm.streams.add({ name: streamOf(prefix), subjects: ['other.subjects.>'] });
      const transport = createNatsTransport({ servers: url(), prefix });
      try {
        // Act / Assert
        await expect(transport.publish(`${prefix}x`, harness.event(1))).rejects.toMatchObject({
          code: 'TRANSPORT_STREAM_MISMATCH',
        });
        expect((await jsm.streams.info(streamOf(prefix))).config.subjects).toEqual(['other.subjects.>']);
      } finally {
        await transport.close();
        await jsm.streams.delete(streamOf(prefix));
      }
    });

    it('should leave a connection the host owns open', async () => {
      // Arrange
      const prefix = `owned${Date.now().toString(36)}.`;
      const nc = await connect({ servers: url() });
      const transport = createNatsTransport({ connection: nc, prefix });
      // Act
      await transport.publish(`${prefix}x`, harness.event(1));
      await transport.close();
      // Assert
      expect(nc.isClosed()).toBe(false);
      await jetstreamManager(nc).then((jsm) => jsm.streams.delete(streamOf(prefix)));
      await nc.close();
    });

    it('should tell the caller when no server answers', async () => {
      // Arrange: a port nothing listens on
      const transport = createNatsTransport({ servers: 'nats://127.0.0.1:1', prefix: 'nobody.' });
      const event = createEnvelope({ type: 'deltran.test', data: null }, { now: () => 0 });
      // Act / Assert
      await expect(transport.publish('nobody.x', event)).rejects.toMatchObject({
        code: 'TRANSPORT_CONNECT_FAILED',
      });
      expect(transport.health().status).toBe('connecting');
      await transport.close();
    });
  };
}

let server: NatsServerHandle | undefined;

await describeWithNatsServer('nats transport on a private nats-server', () => {
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  runTransportContract({
    name: 'nats (private server)',
    create: ({ prefix }) => createNatsTransport({ servers: server!.url, prefix }),
    destroy: ({ prefix }) => deleteStream(server!.url, prefix),
    flags: natsFlags('all'),
    extra: natsExtras(() => server!.url),
  });
});

await describeService(
  'nats transport on the shared server',
  { label: 'NATS', host: '127.0.0.1', port: 4222 },
  () => {
    runTransportContract({
      name: 'nats (127.0.0.1:4222)',
      create: ({ prefix }) => createNatsTransport({ servers: 'nats://127.0.0.1:4222', prefix }),
      destroy: ({ prefix }) => deleteStream('nats://127.0.0.1:4222', prefix),
      flags: natsFlags('all'),
    });
  },
);
