/**
 * Faults against a real nats-server (issue 9), at the transport level: the pipeline's stages do not
 * exist yet, so an idempotent ledger-like handler stands in for them. It applies each payment once,
 * keyed on the event id, in a map that outlives every consumer (durable-ish, as a stage's store is).
 *
 * The server is private (random loopback port, temporary store) so it can be SIGKILLed mid-run and
 * restarted on the same store; the shared 127.0.0.1:4222 is never touched here.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createNatsTransport } from 'deltran/adapters/nats';
import { createEnvelope, type Envelope, type Transport, TransportError } from 'deltran/pipeline';
import { afterEach, expect, it } from 'vitest';
import { describeWithNatsServer, type NatsServerHandle, startNatsServer } from '../_helpers/nats-server';

const N = 3_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(20);
  }
}

/** Runs `task` over `items` with at most `width` in flight. */
async function pool<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** Publishes until the broker confirms, with the same envelope (so the same id) every time. */
async function publishSurely(
  transport: Transport,
  topic: string,
  event: Envelope,
  stats: { retries: number },
) {
  for (;;) {
    try {
      await transport.publish(topic, event);
      return;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      if (error.code !== 'TRANSPORT_PUBLISH_TIMEOUT' && error.code !== 'TRANSPORT_CONNECT_FAILED')
        throw error;
      stats.retries++;
      await pause(100);
    }
  }
}

const payments = (prefix: string): Envelope[] =>
  Array.from({ length: N }, (_, i) =>
    createEnvelope(
      {
        id: `${prefix}payment-${i}`,
        type: 'deltran.test.payment',
        subject: `uetr-${i}`,
        data: { amountMinor: String(100 + i) },
      },
      { now: () => 1_767_225_600_000 + i },
    ),
  );
const expectedBalance = Array.from({ length: N }, (_, i) => BigInt(100 + i)).reduce((a, b) => a + b, 0n);

let server: NatsServerHandle | undefined;
let transports: Transport[] = [];
afterEach(async () => {
  for (const transport of transports) await transport.close();
  transports = [];
  await server?.stop();
  server = undefined;
});

await describeWithNatsServer('nats transport: broker killed mid-run', () => {
  it(`should apply ${N} payments exactly once in effect across a SIGKILL and a restart on the same store`, async ({
    annotate,
  }) => {
    // Arrange
    server = await startNatsServer();
    const prefix = 'kill.';
    const topic = `${prefix}payments`;
    const transport = createNatsTransport({ servers: server.url, prefix, publishTimeoutMs: 2_000 });
    transports.push(transport);
    const ledger = new Map<string, bigint>();
    let balance = 0n;
    let duplicates = 0;
    await transport.subscribe(
      { topics: [topic], group: 'ledger', concurrency: 32, ackTimeoutMs: 2_000 },
      (event) => {
        if (ledger.has(event.id)) {
          duplicates++;
          return;
        }
        const amount = BigInt((event.data as { amountMinor: string }).amountMinor);
        ledger.set(event.id, amount);
        balance += amount;
      },
    );
    const events = payments(prefix);
    const stats = { retries: 0 };
    let published = 0;

    // Act: publish with 64 in flight; SIGKILL the server a third of the way, restart it on the same store
    const publishing = pool(events, 64, async (event) => {
      await publishSurely(transport, topic, event, stats);
      published++;
    });
    await until(() => published >= N / 3, 30_000, 'a third of the payments to be published');
    const atKill = { published, applied: ledger.size };
    await server.kill('SIGKILL');
    await pause(300);
    await server.restart();
    await publishing;
    await until(() => ledger.size === N, 40_000, `every payment applied (have ${ledger.size})`);
    await pause(2_500); // past the ack deadline: a lost ack would show up as a duplicate, not as a gap

    // Assert: nothing lost, nothing applied twice
    expect(atKill.published).toBeLessThan(N);
    expect(ledger.size).toBe(N);
    expect(balance).toBe(expectedBalance);
    expect(transport.health().status).toBe('up');
    // The stream holds each payment once: re-publishes after the kill were deduped on Nats-Msg-Id.
    const nc = await connect({ servers: server.url });
    const info = await (await jetstreamManager(nc)).streams.info('KILL');
    await nc.close();
    expect(info.state.messages).toBe(N);
    // What the run went through (an annotation, since tests may not log).
    await annotate(
      `killed at ${atKill.published} published / ${atKill.applied} applied; ` +
        `${stats.retries} publish retries, ${duplicates} duplicate deliveries absorbed`,
    );
  });

  it('should redeliver what a consumer left un-acked when its connection died mid-handler', async () => {
    // Arrange: two connections in one group; the first one's handlers apply the effect, then hang
    server = await startNatsServer();
    const prefix = 'dies.';
    const topic = `${prefix}payments`;
    const doomed = await connect({ servers: server.url, maxReconnectAttempts: 0 });
    const dying = createNatsTransport({ connection: doomed, prefix });
    const survivor = createNatsTransport({ servers: server.url, prefix });
    transports.push(dying, survivor);
    const applied = new Map<string, number>();
    let hung = 0;
    await dying.subscribe(
      { topics: [topic], group: 'ledger', concurrency: 4, ackTimeoutMs: 1_000 },
      async (e) => {
        applied.set(e.id, (applied.get(e.id) ?? 0) + 1);
        hung++;
        await new Promise(() => {}); // the ack never comes
      },
    );
    for (const event of payments(prefix).slice(0, 4)) await survivor.publish(topic, event);
    await until(() => hung === 4, 10_000, 'the dying consumer to take every message');
    const attempts: number[] = [];
    await survivor.subscribe({ topics: [topic], group: 'ledger', ackTimeoutMs: 1_000 }, (e, context) => {
      attempts.push(context.attempt);
      if (!applied.has(e.id)) applied.set(e.id, 1); // idempotent: a present effect is not applied again
    });
    // Act: the connection goes away under the handlers, without a nak, as in a crash
    await doomed.close();
    await until(() => attempts.length >= 4, 15_000, 'the redeliveries');
    // Assert: redelivered (attempt ≥ 2, counted by the broker), effects once
    expect([...applied.values()]).toEqual([1, 1, 1, 1]);
    expect(attempts.every((a) => a >= 2)).toBe(true);
  });
});
