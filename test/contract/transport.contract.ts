/**
 * The transport contract (STYLE.md §5.6): one suite every adapter runs, branching on the flags the
 * adapter declares instead of pretending. Call it from the adapter's test file:
 *
 *   runTransportContract({ name: 'memory', create: ({ prefix }) => createMemoryTransport({ … }), flags });
 *
 * Each test gets a fresh transport and a fresh topic prefix (so tests can share a broker), and
 * `destroy` removes what the test left on the broker.
 * @internal
 */
import { createSeededRandom, DeltranError } from 'deltran';
import {
  createEnvelope,
  DEAD_LETTER_EVENT_TYPE,
  type DeadLetter,
  type DeliveryContext,
  type Envelope,
  FatalHandlerError,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  type TransportFlags,
} from 'deltran/pipeline';
import { afterEach, describe, expect, it } from 'vitest';

/** What a test gets from the harness. */
export interface ContractContext {
  /** A topic prefix unique to this test, for example `ct1a2b3c4d.`. */
  readonly prefix: string;
}

export interface TransportContractOptions {
  /** Shown in the describe title. */
  readonly name: string;
  /** A new transport for one test, using `prefix` for its topics (and its dead-letter topic). */
  readonly create: (context: ContractContext) => Transport | Promise<Transport>;
  /** Removes what the test left on the broker (streams, topics), after the transport is closed. */
  readonly destroy?: (context: ContractContext) => Promise<void>;
  /** The flags the adapter must declare; the suite branches on them. */
  readonly flags: TransportFlags;
  /** More tests, registered inside the suite's describe, with the same harness. */
  readonly extra?: (harness: ContractHarness) => void;
}

/** The harness, for `extra` tests. */
export interface ContractHarness {
  /** A fresh transport and prefix, closed and destroyed after the test. */
  open(): Promise<{ readonly transport: Transport; readonly prefix: string }>;
  /** Another transport on the same broker and prefix as one `open` returned (a second client or process). */
  reopen(prefix: string): Promise<Transport>;
  /** An envelope with a fresh id (or the given one) and `{ n }` as data. */
  event(n: number, options?: { readonly id?: string; readonly subject?: string }): Envelope;
  /** Polls `predicate` every 10 ms until it holds, or fails after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
}

const BASE_SEED = Number(process.env.DELTRAN_SEED ?? 1);
let instance = 0;

/** Registers the contract suite for one adapter. */
export function runTransportContract(options: TransportContractOptions): void {
  const { flags } = options;
  const random = createSeededRandom(BASE_SEED ^ (++instance * 0x9e3779b1));
  const cleanups: (() => Promise<void>)[] = [];
  let counter = 0;

  const hex = (bytes: number): string =>
    Array.from(random(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

  const harness: ContractHarness = {
    async open() {
      const context: ContractContext = { prefix: `ct${hex(4)}.` };
      const transport = await options.create(context);
      cleanups.push(async () => {
        await transport.close();
        await options.destroy?.(context);
      });
      return { transport, prefix: context.prefix };
    },
    async reopen(prefix) {
      const transport = await options.create({ prefix });
      cleanups.push(() => transport.close());
      return transport;
    },
    event(n, eventOptions = {}) {
      counter++;
      return createEnvelope(
        {
          type: 'deltran.contract.test',
          source: '/deltran/contract',
          subject: eventOptions.subject ?? `subject-${n}`,
          data: { n, amount: `${n}.00` },
          ...(eventOptions.id === undefined ? {} : { id: eventOptions.id }),
        },
        { now: () => 1_767_225_600_000 + counter, random },
      );
    },
    async until(predicate, timeoutMs = 10_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
  const { open, reopen, event, until } = harness;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const fast: Partial<SubscribeOptions> = {
    ackTimeoutMs: 800,
    backoff: { initialMs: 50, factor: 2, maxMs: 400 },
  };

  describe(`transport contract: ${options.name}`, () => {
    afterEach(async () => {
      const pending = cleanups.splice(0);
      for (const cleanup of pending.reverse()) await cleanup();
    });

    it('should declare the expected flags', async () => {
      // Arrange
      const { transport } = await open();
      // Act / Assert
      expect(transport.flags).toEqual(flags);
      expect(transport.health().status).not.toBe('closed');
    });

    it('should deliver a published event, as sent, with its delivery context', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}payments`;
      const received: { event: Envelope; context: DeliveryContext }[] = [];
      await transport.subscribe({ topics: [topic], group: 'g1', ...fast }, (e, context) => {
        received.push({ event: e, context });
      });
      const sent = event(1, { subject: 'eb6305c9-1f7f-49de-aed0-16487c27b42d' });
      // Act
      const receipt = await transport.publish(topic, sent);
      await until(() => received.length === 1, 10_000, 'the delivery');
      // Assert
      expect(receipt).toMatchObject({ topic, id: sent.id, duplicate: false });
      expect(received[0]!.event).toEqual(sent);
      expect(received[0]!.context).toMatchObject({ topic, group: 'g1', attempt: 1 });
      expect(received[0]!.context.key).toBe(sent.subject);
      expect(received[0]!.context.signal.aborted).toBe(false);
    });

    it('should deliver every message to every group', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}fanout`;
      const a = new Set<number>();
      const b = new Set<number>();
      await transport.subscribe({ topics: [topic], group: 'a', ...fast }, (e) => {
        a.add((e.data as { n: number }).n);
      });
      await transport.subscribe({ topics: [topic], group: 'b', ...fast }, (e) => {
        b.add((e.data as { n: number }).n);
      });
      // Act
      for (let n = 0; n < 40; n++) await transport.publish(topic, event(n));
      await until(() => a.size === 40 && b.size === 40, 10_000, 'both groups');
      // Assert
      expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(b.size).toBe(40);
    });

    it.skipIf(!flags.sharedGroups)('should share one group between its subscriptions', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}shared`;
      const handled = new Map<string, number>();
      const byInstance = [0, 0];
      const handler = (i: number) => async (e: Envelope) => {
        byInstance[i]!++;
        handled.set(e.id, (handled.get(e.id) ?? 0) + 1);
        await pause(5);
      };
      await transport.subscribe({ topics: [topic], group: 'shared', concurrency: 2, ...fast }, handler(0));
      await transport.subscribe({ topics: [topic], group: 'shared', concurrency: 2, ...fast }, handler(1));
      // Act
      await Promise.all(Array.from({ length: 80 }, (_, n) => transport.publish(topic, event(n))));
      await until(() => handled.size === 80, 15_000, 'every message');
      await pause(100);
      // Assert: each message once (no retries happened), and both instances did some of the work
      expect([...handled.values()].every((count) => count === 1)).toBe(true);
      expect(byInstance[0]).toBeGreaterThan(0);
      expect(byInstance[1]).toBeGreaterThan(0);
    });

    it('should redeliver after a retryable error, with the next attempt, after the backoff', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}retry`;
      const seen: { attempt: number; at: number }[] = [];
      await transport.subscribe(
        { topics: [topic], group: 'g', ...fast, backoff: { initialMs: 300, factor: 1, maxMs: 300 } },
        (_e, context) => {
          seen.push({ attempt: context.attempt, at: Date.now() });
          if (context.attempt === 1) throw new Error('transient'); // synchronous throw on purpose
        },
      );
      // Act
      await transport.publish(topic, event(1));
      await until(() => seen.length === 2, 10_000, 'the redelivery');
      await pause(400);
      // Assert
      expect(seen.map((s) => s.attempt)).toEqual([1, 2]);
      if (flags.delayedRedelivery) expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(250);
    });

    it('should dead-letter after maxAttempts with the error recorded, and keep flowing', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}poison`;
      const poison = event(666, { subject: 'poison-subject' });
      const good: number[] = [];
      const attempts: number[] = [];
      const deadLetters: Envelope[] = [];
      await transport.subscribe({ topics: [transport.deadLetterTopic], group: 'dlq', ...fast }, (e) => {
        deadLetters.push(e);
      });
      await transport.subscribe(
        { topics: [topic], group: 'worker', maxAttempts: 3, ...fast },
        (e, context) => {
          if (e.id === poison.id) {
            attempts.push(context.attempt);
            throw new DeltranError('TEST_BOOM', 'boom');
          }
          good.push((e.data as { n: number }).n);
        },
      );
      // Act
      await transport.publish(topic, poison);
      await transport.publish(topic, event(1));
      await until(() => deadLetters.length === 1 && good.length === 1, 10_000, 'the dead letter');
      await transport.publish(topic, event(2));
      await until(() => good.length === 2, 10_000, 'the stream to keep flowing');
      // Assert
      expect(attempts).toEqual([1, 2, 3]);
      const letter = deadLetters[0]!;
      expect(letter.type).toBe(DEAD_LETTER_EVENT_TYPE);
      expect(letter.subject).toBe('poison-subject');
      const data = letter.data as DeadLetter;
      expect(data).toMatchObject({ reason: 'attempts-exhausted', topic, group: 'worker', attempts: 3 });
      expect(data.error).toMatchObject({ code: 'TEST_BOOM', message: 'boom' });
      expect(data.event).toEqual(poison);
    });

    it('should dead-letter a fatal error at once', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}fatal`;
      const attempts: number[] = [];
      const deadLetters: Envelope[] = [];
      await transport.subscribe({ topics: [transport.deadLetterTopic], group: 'dlq', ...fast }, (e) => {
        deadLetters.push(e);
      });
      await transport.subscribe({ topics: [topic], group: 'worker', ...fast }, (_e, context) => {
        attempts.push(context.attempt);
        throw new FatalHandlerError('never valid');
      });
      // Act
      await transport.publish(topic, event(1));
      await until(() => deadLetters.length === 1, 10_000, 'the dead letter');
      // Past the ack deadline: a dead-lettered delivery that was not acked would come back by now.
      await pause(flags.ackTimeout ? fast.ackTimeoutMs! + 700 : 300);
      // Assert
      expect(attempts).toEqual([1]);
      expect(deadLetters[0]!.data).toMatchObject({
        reason: 'fatal',
        attempts: 1,
        error: { code: 'PIPELINE_HANDLER_FATAL', name: 'FatalHandlerError' },
      });
    });

    it.skipIf(!flags.durable)(
      "should keep a group's messages while no client of it runs, for the next one (durable)",
      async () => {
        // Arrange: a consumer group exists, then its only client goes away
        const { transport: first, prefix } = await open();
        const topic = `${prefix}durable`;
        await first.subscribe({ topics: [topic], group: 'keep', ...fast }, () => {});
        await first.close();
        // Act: another client publishes while the group has none, then a third joins the group
        const publisher = await reopen(prefix);
        for (const n of [1, 2, 3]) await publisher.publish(topic, event(n));
        await publisher.close();
        const later = await reopen(prefix);
        const got: number[] = [];
        await later.subscribe({ topics: [topic], group: 'keep', ...fast }, (e) => {
          got.push((e.data as { n: number }).n);
        });
        await until(() => got.length === 3, 10_000, 'the kept messages');
        // Assert
        expect([...got].sort()).toEqual([1, 2, 3]);
      },
    );

    it("should dead-letter to the subscription's own deadLetterTopic when it names one", async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}own-dlq`;
      const own = `${prefix}poison-letters`;
      const mine: Envelope[] = [];
      const shared: Envelope[] = [];
      await transport.subscribe({ topics: [own], group: 'own-dlq', ...fast }, (e) => {
        mine.push(e);
      });
      await transport.subscribe({ topics: [transport.deadLetterTopic], group: 'dlq', ...fast }, (e) => {
        shared.push(e);
      });
      await transport.subscribe({ topics: [topic], group: 'worker', deadLetterTopic: own, ...fast }, () => {
        throw new FatalHandlerError('never valid');
      });
      const poison = event(7);
      // Act
      await transport.publish(topic, poison);
      await until(() => mine.length === 1, 10_000, 'the dead letter on the own topic');
      await pause(300);
      // Assert
      expect(shared).toEqual([]);
      expect(mine[0]!.data).toMatchObject({ reason: 'fatal', topic, group: 'worker', event: poison });
    });

    it.skipIf(!flags.ackTimeout)(
      'should redeliver a delivery with no outcome within ackTimeoutMs',
      async () => {
        // Arrange
        const { transport, prefix } = await open();
        const topic = `${prefix}stuck`;
        const seen: { attempt: number; at: number }[] = [];
        let release: () => void = () => {};
        const stuck = new Promise<void>((r) => {
          release = r;
        });
        await transport.subscribe(
          { topics: [topic], group: 'g', ...fast, ackTimeoutMs: 500 },
          async (_e, context) => {
            seen.push({ attempt: context.attempt, at: Date.now() });
            if (context.attempt === 1) await stuck;
          },
        );
        // Act
        await transport.publish(topic, event(1));
        await until(() => seen.length === 2, 10_000, 'the redelivery');
        release();
        await pause(200);
        // Assert
        expect(seen.map((s) => s.attempt)).toEqual([1, 2]);
        expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(400);
      },
    );

    it.skipIf(!flags.extendAckDeadline)(
      'should not redeliver while the handler calls working()',
      async () => {
        // Arrange
        const { transport, prefix } = await open();
        const topic = `${prefix}long`;
        let deliveries = 0;
        let done = 0;
        await transport.subscribe(
          { topics: [topic], group: 'g', ...fast, ackTimeoutMs: 500 },
          async (_e, context) => {
            deliveries++;
            for (let i = 0; i < 8; i++) {
              await pause(150);
              context.working();
            }
            done++;
          },
        );
        // Act: the handler runs 1.2 s against a 0.5 s deadline
        await transport.publish(topic, event(1));
        await until(() => done === 1, 10_000, 'the long handler');
        await pause(700);
        // Assert
        expect(deliveries).toBe(1);
      },
    );

    it('should redeliver what a closed subscription left un-acked', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}crash`;
      let first: DeliveryContext | undefined;
      const sub1 = await transport.subscribe(
        { topics: [topic], group: 'g', ...fast },
        async (_e, context) => {
          first = context;
          await new Promise(() => {}); // never settles: the consumer "dies" mid-handler
        },
      );
      await transport.publish(topic, event(1));
      await until(() => first !== undefined, 10_000, 'the first delivery');
      // Act
      await sub1.close();
      const second: DeliveryContext[] = [];
      await transport.subscribe({ topics: [topic], group: 'g', ...fast }, (_e, context) => {
        second.push(context);
      });
      await until(() => second.length === 1, 10_000, 'the redelivery');
      // Assert
      expect(first!.signal.aborted).toBe(true);
      expect(sub1.closed).toBe(true);
      if (flags.deliveryCount) expect(second[0]!.attempt).toBe(2);
    });

    it('should let in-flight handlers finish and ack on drain', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}drain`;
      let started = 0;
      let finished = 0;
      const sub1 = await transport.subscribe({ topics: [topic], group: 'g', ...fast }, async () => {
        started++;
        await pause(300);
        finished++;
      });
      await transport.publish(topic, event(1));
      await until(() => started === 1, 10_000, 'the delivery');
      // Act
      await sub1.drain();
      const finishedAtDrain = finished;
      const later: number[] = [];
      await transport.subscribe({ topics: [topic], group: 'g', ...fast }, (_e, context) => {
        later.push(context.attempt);
      });
      await pause(1_200); // past the ack timeout: an un-acked message would be back by now
      // Assert
      expect(finishedAtDrain).toBe(1);
      expect(later).toEqual([]);
    });

    it("should keep a group's position across its subscriptions", async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}durable`;
      const seen: number[] = [];
      const handler = (e: Envelope) => {
        seen.push((e.data as { n: number }).n);
      };
      const sub1 = await transport.subscribe({ topics: [topic], group: 'g', ...fast }, handler);
      await transport.publish(topic, event(1));
      await until(() => seen.length === 1, 10_000, 'the first message');
      await sub1.drain();
      // Act: published while the group has no subscription
      for (let n = 2; n <= 5; n++) await transport.publish(topic, event(n));
      await transport.subscribe({ topics: [topic], group: 'g', ...fast }, handler);
      await until(() => seen.length === 5, 10_000, 'the messages published meanwhile');
      // Assert
      expect(seen.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    });

    it.skipIf(!flags.publishDedupe)('should drop a re-published event id', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}dedupe`;
      let deliveries = 0;
      await transport.subscribe({ topics: [topic], group: 'g', ...fast }, () => {
        deliveries++;
      });
      const once = event(1);
      // Act
      const first = await transport.publish(topic, once);
      const again = await transport.publish(topic, once);
      await until(() => deliveries === 1, 10_000, 'the delivery');
      await pause(300);
      // Assert
      expect(first.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      expect(deliveries).toBe(1);
    });

    it.skipIf(!flags.orderedPerKey)(
      'should hand over one key in publish order with concurrency 1',
      async () => {
        // Arrange
        const { transport, prefix } = await open();
        const topic = `${prefix}ordered`;
        const seen: number[] = [];
        await transport.subscribe({ topics: [topic], group: 'g', concurrency: 1, ...fast }, (e) => {
          seen.push((e.data as { n: number }).n);
        });
        // Act
        for (let n = 0; n < 50; n++) await transport.publish(topic, event(n, { subject: 'same-key' }));
        await until(() => seen.length === 50, 10_000, 'every message');
        // Assert
        expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
      },
    );

    it('should never run more than `concurrency` handlers of a topic at once', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}limit`;
      let running = 0;
      let peak = 0;
      let done = 0;
      await transport.subscribe({ topics: [topic], group: 'g', concurrency: 3, ...fast }, async () => {
        running++;
        peak = Math.max(peak, running);
        await pause(20);
        running--;
        done++;
      });
      // Act
      await Promise.all(Array.from({ length: 30 }, (_, n) => transport.publish(topic, event(n))));
      await until(() => done === 30, 10_000, 'every message');
      // Assert
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThanOrEqual(2);
    });

    it('should refuse data that JSON cannot carry, and names no broker accepts', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const bad = { ...event(1), data: { amount: 10n } } as Envelope;
      // Act / Assert
      if (flags.encodesEvents) {
        await expect(transport.publish(`${prefix}x`, bad)).rejects.toMatchObject({
          code: 'PIPELINE_ENVELOPE_NOT_SERIALIZABLE',
        });
      }
      await expect(
        transport.publish(`${prefix}x`, { ...event(9), specversion: '0.3' } as never),
      ).rejects.toMatchObject({
        code: 'PIPELINE_INVALID_ENVELOPE',
      });
      await expect(transport.publish(`${prefix}bad topic`, event(2))).rejects.toMatchObject({
        code: 'TRANSPORT_INVALID_TOPIC',
      });
      await expect(transport.publish(`${prefix}wild.*`, event(3))).rejects.toMatchObject({
        code: 'TRANSPORT_INVALID_TOPIC',
      });
      await expect(transport.subscribe({ topics: [], group: 'g' }, () => {})).rejects.toMatchObject({
        code: 'TRANSPORT_INVALID_OPTIONS',
      });
      await expect(
        transport.subscribe({ topics: [`${prefix}x`], group: 'has space' }, () => {}),
      ).rejects.toMatchObject({ code: 'TRANSPORT_INVALID_OPTIONS' });
      await expect(
        transport.subscribe({ topics: [`${prefix}x`], group: 'g', concurrency: 0 }, () => {}),
      ).rejects.toMatchObject({ code: 'TRANSPORT_INVALID_OPTIONS' });
    });

    it('should make close() and drain() idempotent and refuse use after close', async () => {
      // Arrange
      const { transport, prefix } = await open();
      const topic = `${prefix}closing`;
      const sub: Subscription = await transport.subscribe({ topics: [topic], group: 'g', ...fast }, () => {});
      // Act
      await sub.close();
      await sub.close();
      await sub.drain();
      await transport.drain();
      await transport.close();
      await transport.close();
      // Assert
      expect(sub.closed).toBe(true);
      expect(transport.health().status).toBe('closed');
      await expect(transport.publish(topic, event(1))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
      await expect(transport.subscribe({ topics: [topic], group: 'g' }, () => {})).rejects.toMatchObject({
        code: 'TRANSPORT_CLOSED',
      });
    });

    it('should apply a burst exactly once in effect through an idempotent handler', async () => {
      // Arrange: a ledger-like handler, deduping on the event id, failing some first attempts
      const { transport, prefix } = await open();
      const topic = `${prefix}burst`;
      const N = 400;
      const applied = new Map<string, number>();
      let total = 0;
      let deliveries = 0;
      await transport.subscribe(
        { topics: [topic], group: 'ledger', concurrency: 8, ...fast, backoff: { initialMs: 20, maxMs: 100 } },
        async (e, context) => {
          deliveries++;
          const { n } = e.data as { n: number };
          if (context.attempt === 1 && n % 10 === 3) throw new Error('transient');
          if (applied.has(e.id)) return;
          applied.set(e.id, n);
          total += n;
        },
      );
      // Act
      const events = Array.from({ length: N }, (_, n) => event(n));
      await Promise.all(events.map((e) => transport.publish(topic, e)));
      await until(() => applied.size === N, 20_000, 'every message applied');
      // Assert
      expect(total).toBe((N * (N - 1)) / 2);
      expect(deliveries).toBeGreaterThanOrEqual(N + N / 10);
    });

    options.extra?.(harness);
  });
}
