/**
 * The Kafka adapter's own logic, against an in-process fake cluster (test/unit/adapters/_fake-kafka.ts):
 * the shared contract (the fake has no broker semantics of its own to lean on: retries, ack timeouts,
 * working() and dead letters are the adapter's), then offset tracking, send timeouts and options.
 *
 * This is NOT the verification against a real broker: that is test/integration/kafka.int.test.ts,
 * which runs when KAFKA_BROKERS is set.
 */
import { createKafkaTransport, ID_HEADER, type KafkaLibrary, kafkaFlags } from 'deltran/adapters/kafka';
import { createEnvelope, type Envelope } from 'deltran/pipeline';
import { describe, expect, it } from 'vitest';
import { runTransportContract } from '../../contract/transport.contract';
import { createFakeKafka, type FakeCluster } from './_fake-kafka';

// One fake cluster per test prefix: a second client of the same test (harness.reopen) meets the same broker.
const clusters = new Map<string, FakeCluster>();

runTransportContract({
  name: 'kafka adapter on a fake cluster',
  create: ({ prefix }) => {
    const cluster = clusters.get(prefix) ?? createFakeKafka();
    clusters.set(prefix, cluster);
    return createKafkaTransport({
      brokers: 'fake:9092',
      lib: cluster.lib,
      deadLetterTopic: `${prefix}dead-letter`,
    });
  },
  flags: kafkaFlags(true),
  destroy: async ({ prefix }) => void clusters.delete(prefix),
});

const event = (n: number, subject = `key-${n}`): Envelope =>
  createEnvelope({ id: `id-${n}`, type: 'deltran.test', subject, data: { n } }, { now: () => 0 });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(5);
  }
}

describe('kafka adapter', () => {
  it('should type-check the real client as its lib', async () => {
    // Arrange / Act: a compile-time check that @platformatic/kafka fits KafkaLibrary
    const real: KafkaLibrary = await import('@platformatic/kafka');
    // Assert
    expect(typeof real.Producer).toBe('function');
    expect(typeof real.Consumer).toBe('function');
  });

  it('should send the key, the id header and the envelope as the value', async () => {
    // Arrange
    const fake = createFakeKafka();
    const transport = createKafkaTransport({ brokers: ['a:9092'], lib: fake.lib });
    // Act
    const receipt = await transport.publish('deltran.token.mint', event(1, 'uetr-1'));
    // Assert
    const partitions = fake.topics.get('deltran.token.mint')!;
    const record = partitions.flat()[0]!;
    expect(record.key?.toString()).toBe('uetr-1');
    expect(record.headers[ID_HEADER]?.toString()).toBe('id-1');
    expect(JSON.parse(record.value.toString())).toEqual(event(1, 'uetr-1'));
    expect(receipt).toMatchObject({ topic: 'deltran.token.mint', id: 'id-1', duplicate: false });
    expect(receipt.position).toMatch(/^deltran\.token\.mint\/\d\/0$/);
    await transport.close();
  });

  it('should bound a send that never completes with its own timeout', async () => {
    // Arrange: the producer hangs, as the idempotent producer does without a broker
    const fake = createFakeKafka();
    fake.hangSends = true;
    const transport = createKafkaTransport({ brokers: 'a:9092', lib: fake.lib, publishTimeoutMs: 100 });
    const started = Date.now();
    // Act / Assert
    await expect(transport.publish('deltran.x', event(1))).rejects.toMatchObject({
      code: 'TRANSPORT_PUBLISH_TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await transport.close();
  });

  it('should commit only the consecutively completed messages of a partition', async () => {
    // Arrange: one key (one partition); message 0 is slow, 1..4 finish first
    const fake = createFakeKafka();
    const transport = createKafkaTransport({ brokers: 'a:9092', lib: fake.lib });
    let releaseSlow: () => void = () => {};
    const slow = new Promise<void>((r) => {
      releaseSlow = r;
    });
    let done = 0;
    await transport.subscribe({ topics: ['deltran.t'], group: 'g', concurrency: 8 }, async (e) => {
      if ((e.data as { n: number }).n === 0) await slow;
      done++;
    });
    for (let n = 0; n < 5; n++) await transport.publish('deltran.t', event(n, 'same'));
    await until(() => done === 4, 'messages 1..4');
    await pause(20);
    // Act / Assert: nothing may be committed while offset 0 is still running
    expect(fake.commits).toEqual([]);
    releaseSlow();
    await until(() => fake.commits.length > 0, 'the commit');
    // Assert: one commit, past the whole run
    expect(fake.commits.map((c) => c.offset)).toEqual([5n]);
    await transport.close();
  });

  it('should hold one partition back without holding the other', async () => {
    // Arrange: two keys that land on different partitions; one of them keeps failing with backoff
    const fake = createFakeKafka();
    const transport = createKafkaTransport({ brokers: 'a:9092', lib: fake.lib });
    const keys = ['k0', 'k1', 'k2', 'k3'];
    const partitionOfKey = new Map<string, number>();
    for (const key of keys) {
      await transport.publish('deltran.probe', event(0, key));
    }
    fake.topics.get('deltran.probe')!.forEach((records, p) => {
      for (const r of records) partitionOfKey.set(r.key!.toString(), p);
    });
    const stuckKey = keys.find((k) => partitionOfKey.get(k) === 0)!;
    const freeKey = keys.find((k) => partitionOfKey.get(k) === 1)!;
    await transport.subscribe(
      { topics: ['deltran.t2'], group: 'g', maxAttempts: 100, backoff: { initialMs: 20, factor: 1 } },
      (e) => {
        if (e.subject === stuckKey) throw new Error('not yet');
      },
    );
    // Act
    await transport.publish('deltran.t2', event(1, stuckKey));
    await transport.publish('deltran.t2', event(2, freeKey));
    await until(() => fake.commits.some((c) => c.partition === 'deltran.t2/1'), 'the free partition commit');
    await pause(100);
    // Assert
    expect(fake.commits.filter((c) => c.partition === 'deltran.t2/0')).toEqual([]);
    await transport.close();
  });

  it('should dead-letter a record that is not an envelope and commit past it', async () => {
    // Arrange
    const fake = createFakeKafka();
    const transport = createKafkaTransport({ brokers: 'a:9092', lib: fake.lib });
    const letters: Envelope[] = [];
    await transport.subscribe({ topics: [transport.deadLetterTopic], group: 'dlq' }, (e) => {
      letters.push(e);
    });
    await transport.subscribe({ topics: ['deltran.raw'], group: 'g' }, () => {});
    // Act
    fake.append('deltran.raw', Buffer.from('garbage'), 'k');
    await until(() => letters.length === 1, 'the dead letter');
    await until(() => fake.committed.get('g')?.size === 1, 'the commit');
    // Assert
    expect(letters[0]!.data).toMatchObject({
      reason: 'invalid-envelope',
      raw: Buffer.from('garbage').toString('base64'),
    });
    expect([...fake.committed.get('g')!.values()]).toEqual([1n]);
    await transport.close();
  });

  it('should refuse options it cannot work with', () => {
    // Act / Assert
    expect(() => createKafkaTransport({ brokers: [] })).toThrow(
      expect.objectContaining({ code: 'TRANSPORT_INVALID_OPTIONS' }),
    );
    expect(() => createKafkaTransport({ brokers: 'a:1', publishTimeoutMs: 0 })).toThrow(
      expect.objectContaining({ code: 'TRANSPORT_INVALID_OPTIONS' }),
    );
  });

  it('should say it is not durable-deduping: flags are what Kafka does', () => {
    // Assert
    expect(kafkaFlags()).toMatchObject({
      durable: true,
      publishDedupe: false,
      deliveryCount: false,
      replaysHistory: true,
    });
    expect(kafkaFlags(false).replaysHistory).toBe(false);
  });
});

describe('kafka adapter: createTopics', () => {
  it('should create missing topics once, with the partitions asked for', async () => {
    // Arrange: a fake admin over the fake cluster
    const fake = createFakeKafka();
    const created: { topics: string[]; partitions?: number }[] = [];
    class Admin {
      async listTopics() {
        return [...fake.topics.keys()];
      }
      async createTopics(options: { topics: string[]; partitions?: number }) {
        created.push(options);
        return [];
      }
      async close() {}
    }
    const lib = { ...fake.lib, Admin } as unknown as KafkaLibrary;
    fake.append('deltran.exists', Buffer.from('{}'));
    const transport = createKafkaTransport({ brokers: 'a:9092', lib, createTopics: { partitions: 6 } });
    // Act
    await transport.publish('deltran.new', event(1));
    await transport.publish('deltran.new', event(2));
    await transport.subscribe({ topics: ['deltran.exists', 'deltran.other'], group: 'g' }, () => {});
    // Assert
    expect(created).toEqual([
      { topics: ['deltran.new'], partitions: 6 },
      { topics: ['deltran.other'], partitions: 6 },
    ]);
    await transport.close();
  });
});
