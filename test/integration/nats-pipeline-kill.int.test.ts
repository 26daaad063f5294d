/**
 * Faults against a real nats-server (issue 9), through the whole pipeline: a demo day of 2 000
 * payments (funding credits, payments, duplicates, a UETR conflict, netting, routing, risk, settlement
 * on a simulated bank with one rejected payout) runs over NATS JetStream, and the server is SIGKILLed
 * in the middle of the payments and restarted on the same store. The run must complete, and its final
 * ledger balances, reserve positions, netting results and settlements must equal those of the same day
 * run in memory: nothing lost, nothing applied twice.
 *
 * What the driver does about the outage, and why it is safe:
 * - a `submit` the dead broker refused (`TRANSPORT_PUBLISH_TIMEOUT`) is submitted again. The gateway
 *   gives each submit new event ids, so the stream keeps both copies; the compliance stage decides once
 *   per UETR, and everything downstream is published under ids derived from the business key, which
 *   the stream dedupes;
 * - a stage whose own publish fails mid-handler throws, so its input is redelivered and handled again;
 * - `pipeline.idle()` counts what this process published, and a fault makes it undercount (a lost ack
 *   redelivers an event already handled; a PubAck lost after the store). The driver therefore waits
 *   for the broker itself to be quiet: every consumer of the stream with nothing pending and nothing
 *   un-acked, twice in a row (`_workers/broker-idle.ts`).
 *
 * One netting window per currency (closed at the end of the day), so the netting results do not
 * depend on the order obligations arrive in, which differs between transports.
 *
 * The server is private (random loopback port, temporary store); the shared 127.0.0.1:4222 is never
 * touched here.
 */
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createMemoryTransport } from 'deltran/adapters/memory';
import { createNatsTransport } from 'deltran/adapters/nats';
import {
  type PipelineOptions,
  type StageSubscription,
  type Transport,
  TransportError,
} from 'deltran/pipeline';
import { afterEach, expect, it } from 'vitest';
import { type DemoRunResult, runDemoDay } from '../../src/cli/_internal/demo-run';
import { createDemoWorld } from '../../src/cli/_internal/demo-world';
import { describeWithNatsServer, type NatsServerHandle, startNatsServer } from '../_helpers/nats-server';
import { brokerIdle } from './_workers/broker-idle';

const PAYMENTS = 2_000;
const WINDOW = 100_000; // one window per currency, closed by the end-of-day flush
const STREAM = 'DELTRAN'; // the default prefix `deltran.` on a private server
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retryable while the broker is away. */
function brokerAway(error: unknown): boolean {
  return (
    error instanceof TransportError &&
    (error.code === 'TRANSPORT_PUBLISH_TIMEOUT' || error.code === 'TRANSPORT_CONNECT_FAILED')
  );
}

const STAGES = ['compliance', 'obligations', 'token', 'clearing', 'routing', 'risk', 'settlement'] as const;

/**
 * Every stage's subscription with a short ack deadline, so an ack lost in the kill comes back
 * quickly, and room for the retries of an outage (each failed publish takes `publishTimeoutMs`), so
 * no event is dead-lettered because the broker was away.
 */
function shortAck(options: PipelineOptions): PipelineOptions {
  const patched: Record<string, unknown> = { ...options };
  for (const name of STAGES) {
    const stage = (options[name] ?? {}) as { subscription?: StageSubscription } | false;
    if (stage === false) continue;
    patched[name] = {
      ...stage,
      subscription: { maxAttempts: 50, ...stage.subscription, ackTimeoutMs: 4_000 },
    };
  }
  return patched as unknown as PipelineOptions;
}

let server: NatsServerHandle | undefined;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
  cleanup = [];
  await server?.stop();
  server = undefined;
});

await describeWithNatsServer('pipeline over nats: broker killed mid-run', () => {
  it(`should complete a day of ${PAYMENTS} payments across a SIGKILL of the server and end as the same day in memory`, async ({
    annotate,
  }) => {
    // Arrange: the day, its in-memory result, a private server
    const world = createDemoWorld({ seed: 17, payments: PAYMENTS, startMs: Date.UTC(2026, 11, 1) });
    const memory = await runDemoDay({ world, transport: createMemoryTransport(), windowSize: WINDOW });
    await memory.pipeline.close();
    server = await startNatsServer();
    const url = server.url;
    const transport: Transport = createNatsTransport({ servers: url, publishTimeoutMs: 2_000 });
    cleanup.push(() => transport.close());
    let nc: NatsConnection | undefined;
    let manager: Promise<JetStreamManager> | undefined;
    const jsm = () => {
      manager ??= connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 250 }).then((c) => {
        nc = c;
        return jetstreamManager(c);
      });
      return manager;
    };
    cleanup.push(async () => nc?.close());

    // Act: SIGKILL the server a third of the way through the payments, restart it 500 ms later
    const stats = { submitRetries: 0, killedAt: -1, total: 0 };
    let restarted: Promise<void> | undefined;
    const run: DemoRunResult = await runDemoDay({
      world,
      transport,
      windowSize: WINDOW,
      configure: shortAck,
      idle: (pipeline) => brokerIdle(pipeline, jsm, STREAM),
      submit: async (pipeline, input) => {
        for (;;) {
          try {
            return await pipeline.submit(input);
          } catch (error) {
            if (!brokerAway(error)) throw error;
            stats.submitRetries++;
            await pause(200);
          }
        }
      },
      onProgress: (phase, done, total) => {
        if (phase !== 'payments' || restarted !== undefined || done < Math.floor(total / 3)) return;
        stats.killedAt = done;
        stats.total = total;
        const handle = server!;
        restarted = handle
          .kill('SIGKILL')
          .then(() => pause(500))
          .then(() => handle.restart());
      },
    });
    cleanup.push(() => run.pipeline.close());
    await restarted;

    // Assert: the kill happened mid-payments, and the day ended exactly as in memory
    expect(stats.killedAt).toBeGreaterThan(0);
    expect(stats.killedAt).toBeLessThan(stats.total);
    expect(run.fingerprint.balances).toEqual(memory.fingerprint.balances);
    expect(run.fingerprint.positions).toEqual(memory.fingerprint.positions);
    expect(run.fingerprint.positions.every((p) => p.endsWith('balanced=true'))).toBe(true);
    expect(run.fingerprint.netting).toEqual(memory.fingerprint.netting);
    expect(run.settlements).toHaveLength(memory.settlements.length);
    expect(run.fingerprint.settlements).toEqual(memory.fingerprint.settlements);
    expect(run.decisions).toEqual(memory.decisions);
    expect((await run.ledger.verify()).ok).toBe(true);
    const deadLetters = (day: DemoRunResult) =>
      day.metrics.counterTotal('deltran.stage.messages', { outcome: 'dead-letter' });
    expect(deadLetters(run)).toBe(deadLetters(memory));
    const duplicates = run.metrics.counterTotal('deltran.stage.messages', { outcome: 'duplicate' });
    const retries = run.metrics.counterTotal('deltran.stage.messages', { outcome: 'retry' });
    await annotate(
      `killed after message ${stats.killedAt}/${stats.total} of the payments (50 payments each); ` +
        `${stats.submitRetries} gateway submits retried, ${retries} handler retries, ` +
        `${duplicates} redelivered events skipped as already handled; ` +
        `${run.settlements.length} settlements, ${run.windows.length} netting windows`,
    );
  }, 150_000);
});
