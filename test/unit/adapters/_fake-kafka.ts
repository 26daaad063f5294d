/**
 * An in-process stand-in for a Kafka cluster, shaped like the parts of `@platformatic/kafka` the
 * adapter uses (Producer.send, Consumer.consume → stream of messages with commit()). Topics have
 * PARTITIONS partitions chosen by key hash; a group's members split the partitions (a partition that
 * moves starts from the group's committed offset, as after a real rebalance); commit() stores
 * offset + 1 for the partition if the member still owns it.
 *
 * It exists to test the adapter's own logic (offset tracking, retries, dead letters, timeouts): it is
 * NOT a substitute for the contract run against a real broker (KAFKA_BROKERS).
 * @internal
 */
import type { KafkaLibrary, KafkaMessageLike } from 'deltran/adapters/kafka';

const PARTITIONS = 2;

interface Record {
  readonly key: Buffer | undefined;
  readonly value: Buffer;
  readonly headers: { [name: string]: Buffer };
}

export interface FakeCluster {
  readonly lib: KafkaLibrary;
  /** topic → partitions → records. */
  readonly topics: Map<string, Record[][]>;
  /** group → "topic/partition" → committed offset (next to read). */
  readonly committed: Map<string, Map<string, bigint>>;
  /** Every commit call, in order: group, "topic/partition", offset. */
  readonly commits: { group: string; partition: string; offset: bigint }[];
  /** When set, send() never settles (a producer waiting for a broker that is not there). */
  hangSends: boolean;
  /** Appends a raw record (for poison-message tests). */
  append(topic: string, value: Buffer, key?: string): void;
}

function partitionOf(key: Buffer | undefined, roundRobin: number): number {
  if (key === undefined) return roundRobin % PARTITIONS;
  let h = 0;
  for (const byte of key) h = (h * 31 + byte) >>> 0;
  return h % PARTITIONS;
}

export function createFakeKafka(): FakeCluster {
  const topics = new Map<string, Record[][]>();
  const committed = new Map<string, Map<string, bigint>>();
  const commits: FakeCluster['commits'] = [];
  const groups = new Map<string, Member[]>();
  let rr = 0;

  const topic = (name: string): Record[][] => {
    let partitions = topics.get(name);
    if (partitions === undefined) {
      partitions = Array.from({ length: PARTITIONS }, () => []);
      topics.set(name, partitions);
    }
    return partitions;
  };
  const wakeAll = () => {
    for (const members of groups.values()) for (const m of members) m.wake();
  };

  class Member {
    readonly group: string;
    readonly topics: string[];
    readonly fallback: 'earliest' | 'latest';
    readonly positions = new Map<string, bigint>(); // owned partitions → next offset
    readonly listeners: { data: ((m: KafkaMessageLike) => void)[]; error: ((e: Error) => void)[] } = {
      data: [],
      error: [],
    };
    paused = false;
    closed = false;
    scheduled = false;

    constructor(group: string, topicNames: string[], fallback: 'earliest' | 'latest') {
      this.group = group;
      this.topics = topicNames;
      this.fallback = fallback;
    }

    owns(partitionKey: string): boolean {
      return this.positions.has(partitionKey);
    }

    wake(): void {
      if (this.scheduled || this.closed) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    }

    pump(): void {
      let delivered = 0;
      for (const [partitionKey, position] of this.positions) {
        const [name, p] = splitKey(partitionKey);
        const records = topic(name)[p]!;
        let at = position;
        while (!this.paused && !this.closed && at < BigInt(records.length) && delivered < 64) {
          const record = records[Number(at)]!;
          const offset = at;
          const message: KafkaMessageLike = {
            topic: name,
            partition: p,
            offset,
            key: record.key,
            value: record.value,
            commit: () => {
              if (!this.owns(partitionKey) || this.closed) return Promise.reject(new Error('not the owner'));
              commits.push({ group: this.group, partition: partitionKey, offset: offset + 1n });
              groupCommits(this.group).set(partitionKey, offset + 1n);
              return Promise.resolve();
            },
          };
          at++;
          delivered++;
          this.positions.set(partitionKey, at);
          for (const listener of this.listeners.data) listener(message);
        }
      }
      if (delivered > 0) this.wake();
    }
  }

  const groupCommits = (group: string): Map<string, bigint> => {
    let map = committed.get(group);
    if (map === undefined) {
      map = new Map();
      committed.set(group, map);
    }
    return map;
  };

  const rebalance = (group: string): void => {
    const members = (groups.get(group) ?? []).filter((m) => !m.closed);
    const all = new Set<string>();
    for (const m of members)
      for (const t of m.topics) for (let p = 0; p < PARTITIONS; p++) all.add(`${t}/${p}`);
    const sorted = [...all].sort();
    sorted.forEach((partitionKey, i) => {
      const candidates = members.filter((m) => m.topics.includes(splitKey(partitionKey)[0]));
      const owner = candidates[i % candidates.length];
      for (const m of members) if (m !== owner) m.positions.delete(partitionKey);
      if (owner && !owner.positions.has(partitionKey)) {
        const [name, p] = splitKey(partitionKey);
        const start =
          groupCommits(group).get(partitionKey) ??
          (owner.fallback === 'earliest' ? 0n : BigInt(topic(name)[p]!.length));
        owner.positions.set(partitionKey, start);
      }
    });
    for (const m of members) m.wake();
  };

  class Producer {
    async send(options: {
      messages: { topic: string; key?: Buffer; value: Buffer; headers: { [n: string]: Buffer } }[];
    }) {
      if (cluster.hangSends) return new Promise<never>(() => {});
      const offsets = options.messages.map((m) => {
        const partitions = topic(m.topic);
        const p = partitionOf(m.key, rr++);
        partitions[p]!.push({ key: m.key, value: Buffer.from(m.value), headers: m.headers });
        return { topic: m.topic, partition: p, offset: BigInt(partitions[p]!.length - 1) };
      });
      setImmediate(wakeAll);
      return { offsets };
    }
    async close() {}
  }

  class Consumer {
    readonly group: string;
    member: Member | undefined;
    constructor(options: { groupId: string }) {
      this.group = options.groupId;
    }
    async consume(options: { topics: string[]; fallbackMode: 'earliest' | 'latest' }) {
      for (const t of options.topics) topic(t);
      const member = new Member(this.group, options.topics, options.fallbackMode);
      this.member = member;
      const members = groups.get(this.group) ?? [];
      members.push(member);
      groups.set(this.group, members);
      rebalance(this.group);
      return {
        on(event: 'data' | 'error', listener: never) {
          (member.listeners[event] as unknown[]).push(listener);
          return this;
        },
        pause() {
          member.paused = true;
        },
        resume() {
          member.paused = false;
          member.wake();
        },
        close: async () => {
          this.leave();
        },
      };
    }
    leave() {
      const member = this.member;
      if (member === undefined || member.closed) return;
      member.closed = true;
      member.positions.clear();
      groups.set(
        this.group,
        (groups.get(this.group) ?? []).filter((m) => m !== member),
      );
      rebalance(this.group);
    }
    async close() {
      this.leave();
    }
  }

  const cluster: FakeCluster = {
    lib: { Producer, Consumer } as unknown as KafkaLibrary,
    topics,
    committed,
    commits,
    hangSends: false,
    append(name, value, key) {
      const partitions = topic(name);
      const k = key === undefined ? undefined : Buffer.from(key);
      partitions[partitionOf(k, rr++)]!.push({ key: k, value, headers: {} });
      setImmediate(wakeAll);
    },
  };
  return cluster;
}

function splitKey(partitionKey: string): [string, number] {
  const at = partitionKey.lastIndexOf('/');
  return [partitionKey.slice(0, at), Number(partitionKey.slice(at + 1))];
}
