/**
 * Past one machine with real stages (issue 9), on one private nats-server, a demo day of 1 200
 * payments each time, the rest of the pipeline (gateway, obligations, token, routing, risk,
 * settlement …) in the test process, and the final ledger balances, netting results and settlements
 * compared with the same day in memory:
 *
 * 1. Several instances of a stage sharing one group: the compliance stage in two OS processes of the
 *    group `deltran-compliance`. Both must have decided part of the payments, every payment must have
 *    been decided. Two instances are safe because each decides once per UETR it sees and publishes
 *    `deltran.obligation.create` under an id derived from the UETR (`<topic>:<uetr>`): a resubmitted
 *    payment (or the UETR conflict) that reaches the instance that did not see the first copy is
 *    decided there again, and its publish is dropped by the stream's dedupe on that id; behind it, the
 *    obligations engine is idempotent on the UETR. (Reporting the conflict needs the first copy, so
 *    that report is per instance.)
 * 2. The clearing stage partitioned by currency: process A nets USD and EUR, process B the other four,
 *    each in its own group (each reads every obligation and acknowledges the currencies it does not
 *    own), so one netting window per currency has exactly one owner. The driver's end-of-day flush
 *    reaches them on a control topic.
 *
 * Waiting for the day's phases uses the broker (every consumer empty, see `_workers/broker-idle.ts`):
 * `pipeline.idle()` of the test process cannot see the work of the other processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createMemoryTransport } from 'deltran/adapters/memory';
import { createNatsTransport } from 'deltran/adapters/nats';
import {
  type ClearingCompletedJson,
  type ClosedWindow,
  createEnvelope,
  type Pipeline,
  type PipelineOptions,
  type PipelineStage,
  type Transport,
} from 'deltran/pipeline';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { type DemoRunResult, runDemoDay } from '../../src/cli/_internal/demo-run';
import { createDemoWorld, type DemoWorld } from '../../src/cli/_internal/demo-world';
import { describeWithNatsServer, type NatsServerHandle, startNatsServer } from '../_helpers/nats-server';
import { canConnect, servicesRequired } from '../_helpers/services';
import { brokerIdle } from './_workers/broker-idle';

const PAYMENTS = 1_200;
const SEED = 23;
const START_MS = Date.UTC(2026, 11, 1);
const WINDOW = 1_000_000; // one window per currency, closed by the end-of-day flush
const STREAM = 'DELTRAN';
const FLUSH_TOPIC = 'deltran.control.flush'; // as in _workers/stage-worker.ts
const workerScript = fileURLToPath(new URL('./_workers/stage-worker.ts', import.meta.url));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Report {
  readonly pid: number;
  readonly handled: number;
  readonly decided: readonly string[];
  readonly windows: readonly string[];
  readonly detail: Readonly<Record<string, number>>;
}

interface Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly done: Promise<Report>;
  stderr: string;
  /** Events handled so far, as the worker reports them every 25. */
  progress: number;
}

function startWorker(url: string, stage: string, name: string): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', workerScript, url, String(SEED), String(PAYMENTS), String(START_MS), stage, name],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let markReady: () => void = () => {};
  let markDone: (report: Report) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const worker: Worker = {
    child,
    ready: new Promise<void>((r) => {
      markReady = r;
    }),
    done: new Promise<Report>((resolvePromise, rejectPromise) => {
      markDone = resolvePromise;
      fail = rejectPromise;
    }),
    stderr: '',
    progress: 0,
  };
  worker.done.catch(() => {}); // observed by the test when it matters
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'READY') markReady();
      else if (line.startsWith('P ')) worker.progress = Number(line.slice(2));
      else if (line.startsWith('DONE ')) markDone(JSON.parse(line.slice(5)) as Report);
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    worker.stderr = (worker.stderr + chunk).slice(-5_000);
  });
  child.once('exit', (code, signal) =>
    fail(new Error(`${stage} worker exited (${code ?? signal}) without a report:\n${worker.stderr}`)),
  );
  return worker;
}

function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  return Promise.race([
    promise,
    pause(ms).then(() => {
      throw new Error(`timed out after ${ms} ms: ${what()}`);
    }),
  ]);
}

let server: NatsServerHandle | undefined;
let workers: Worker[] = [];
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
  cleanup = [];
  for (const { child } of workers)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  workers = [];
  await server?.stop();
  server = undefined;
});

/** The day in memory, a private server with the given worker processes, and the day over NATS. */
async function dayAcrossProcesses(
  stages: readonly { readonly stage: string; readonly name: string }[],
  configure: (options: PipelineOptions, transport: Transport) => PipelineOptions,
  beforeSubmit?: (pipeline: Pipeline) => Promise<void>,
): Promise<{ world: DemoWorld; memory: DemoRunResult; run: DemoRunResult; reports: Report[] }> {
  const world = createDemoWorld({ seed: SEED, payments: PAYMENTS, startMs: START_MS });
  const memory = await runDemoDay({ world, transport: createMemoryTransport(), windowSize: WINDOW });
  await memory.pipeline.close();
  server = await startNatsServer();
  const url = server.url;
  workers = stages.map(({ stage, name }) => startWorker(url, stage, name));
  await within(
    Promise.all(workers.map((w) => w.ready)),
    60_000,
    () => `the workers to start:\n${workers.map((w) => w.stderr).join('\n')}`,
  );
  const transport: Transport = createNatsTransport({ servers: url });
  cleanup.push(() => transport.close());
  const nc: NatsConnection = await connect({ servers: url });
  cleanup.push(() => nc.close());
  const jsm: Promise<JetStreamManager> = jetstreamManager(nc);
  const run = await runDemoDay({
    world,
    transport,
    windowSize: WINDOW,
    configure: (options) => configure(options, transport),
    idle: (pipeline) => brokerIdle(pipeline, () => jsm, STREAM),
    ...(beforeSubmit === undefined ? {} : { beforeSubmit }),
  });
  cleanup.push(() => run.pipeline.close());
  for (const worker of workers) worker.child.kill('SIGTERM');
  const reports = await within(
    Promise.all(workers.map((w) => w.done)),
    30_000,
    () => 'the workers to report',
  );
  return { world, memory, run, reports };
}

function expectSameDay(run: DemoRunResult, memory: DemoRunResult): void {
  expect(run.fingerprint.balances).toEqual(memory.fingerprint.balances);
  expect(run.fingerprint.positions).toEqual(memory.fingerprint.positions);
  expect(run.fingerprint.netting).toEqual(memory.fingerprint.netting);
  expect(run.settlements).toHaveLength(memory.settlements.length);
  expect(run.fingerprint.settlements).toEqual(memory.fingerprint.settlements);
  expect(run.pipeline.health().stages.obligations!.detail!.obligations).toBe(memory.decisions.ALLOW);
}

/**
 * The clearing stage of the test's process when clearing runs elsewhere: it forwards the end-of-day
 * flush on the control topic, and a host subscription collects the windows the other processes publish.
 */
function clearingStandIn() {
  const windows: ClosedWindow[] = [];
  const owners = new Map<string, number>();
  let flushes = 0;
  const remote = (transport: Transport): PipelineStage & { closedWindows(): readonly ClosedWindow[] } => ({
    name: 'clearing',
    consumes: [],
    handle: async () => {},
    async flush(nowMs) {
      flushes++;
      await transport.publish(
        FLUSH_TOPIC,
        createEnvelope(
          { id: `flush:${nowMs}`, type: 'deltran.control.flush', data: { nowMs } },
          { now: () => nowMs },
        ),
      );
    },
    closedWindows: () => windows,
  });
  const collect = async (pipeline: Pipeline) => {
    await pipeline.subscribe('clearingCompleted', (event) => {
      const data = event.data as unknown as ClearingCompletedJson;
      if (owners.has(data.windowId)) return;
      owners.set(data.windowId, owners.size);
      windows.push({
        id: data.windowId,
        currency: data.currency,
        reason: 'manual',
        closedAtMs: Date.parse(data.closedAt),
        obligations: data.obligations as unknown as ClosedWindow['obligations'],
        result: data.result as unknown as ClosedWindow['result'],
      });
    });
  };
  return { remote, collect, windows, flushes: () => flushes };
}

await describeWithNatsServer('pipeline over nats: stages in other processes', () => {
  it(`should share the compliance work of ${PAYMENTS} payments between two processes of one group, with the same final state as in memory`, async ({
    annotate,
  }) => {
    // Arrange: compliance runs in two processes of one group; here, a stand-in that consumes nothing
    const remote: PipelineStage & { decisions(): ReadonlyMap<string, never> } = {
      name: 'compliance',
      consumes: [],
      handle: async () => {},
      decisions: () => new Map<string, never>(),
    };

    // Act
    const { world, memory, run, reports } = await dayAcrossProcesses(
      [
        { stage: 'compliance', name: 'a' },
        { stage: 'compliance', name: 'b' },
      ],
      (options) => ({ ...options, compliance: remote }),
    );

    // Assert: both processes worked, every payment was decided, and the day ended as in memory
    const [a, b] = reports as [Report, Report];
    expect(a.pid).not.toBe(b.pid);
    expect(a.decided.length).toBeGreaterThan(0);
    expect(b.decided.length).toBeGreaterThan(0);
    const decided = new Set([...a.decided, ...b.decided]);
    expect(decided.size).toBe(world.payments.length);
    for (const payment of world.payments) expect(decided.has(payment.uetr), payment.uetr).toBe(true);
    expectSameDay(run, memory);
    expect((await run.ledger.verify()).ok).toBe(true);
    await annotate(
      `compliance decisions: process ${a.pid} ${a.decided.length}, process ${b.pid} ${b.decided.length} ` +
        `(${a.decided.length + b.decided.length - decided.size} UETRs decided in both: resubmissions ` +
        `that reached the other process, deduped downstream); ${run.settlements.length} settlements`,
    );
  }, 150_000);

  it(`should clear ${PAYMENTS} payments in two processes partitioned by currency, one owner per netting window, with the same final state as in memory`, async ({
    annotate,
  }) => {
    // Arrange: clearing runs in two processes (A: USD, EUR; B: the rest); here, a stand-in that
    // forwards the end-of-day flush on the control topic and collects the windows they publish
    const { remote, collect, flushes } = clearingStandIn();

    // Act
    const { memory, run, reports } = await dayAcrossProcesses(
      [
        { stage: 'clearing:USD,EUR', name: 'a' },
        { stage: 'clearing:GBP,AED,ILS,JPY', name: 'b' },
      ],
      (options, transport) => ({ ...options, clearing: remote(transport) }),
      collect,
    );

    // Assert: each process netted only its own currencies, every window has one owner, same day
    const [a, b] = reports as [Report, Report];
    expect(flushes()).toBe(1);
    expect(a.windows.length).toBeGreaterThan(0);
    expect(b.windows.length).toBeGreaterThan(0);
    expect(a.windows.every((id) => /^window:(USD|EUR):/.test(id))).toBe(true);
    expect(b.windows.every((id) => /^window:(GBP|AED|ILS|JPY):/.test(id))).toBe(true);
    expect([...a.windows, ...b.windows].sort()).toEqual(memory.windows.map((w) => w.id).sort());
    // Both read every obligation: what one nets, the other skips.
    expect(Number(a.detail.skipped)).toBeGreaterThanOrEqual(Number(b.detail.obligations));
    expect(Number(b.detail.skipped)).toBeGreaterThanOrEqual(Number(a.detail.obligations));
    expect(Number(a.detail.obligations) + Number(b.detail.obligations)).toBe(
      memory.windows.reduce((n, w) => n + w.obligations.length, 0),
    );
    expectSameDay(run, memory);
    expect((await run.ledger.verify()).ok).toBe(true);
    await annotate(
      `clearing: process ${a.pid} netted ${a.detail.obligations} obligations in ${a.windows.join(', ')}; ` +
        `process ${b.pid} netted ${b.detail.obligations} in ${b.windows.join(', ')}; ` +
        `${run.settlements.length} settlements`,
    );
  }, 150_000);
  it(`should resume a clearing process SIGKILLed mid-day from its PostgreSQL journal, with the same final state as in memory`, async ({
    annotate,
  }) => {
    // Arrange: clearing (every currency, one window each until the end-of-day flush) runs in one
    // process with its windows journaled in PostgreSQL; it is killed once it has taken 300
    // obligations (acked to the broker: they never come again) and started anew on the same journal.
    if (!(await canConnect('127.0.0.1', 5432))) {
      if (servicesRequired) throw new Error('PostgreSQL not reachable at 127.0.0.1:5432');
      await annotate('skipped: PostgreSQL not reachable at 127.0.0.1:5432');
      return;
    }
    const pgUrl = process.env.DELTRAN_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `clrk_${process.pid}_${Date.now() % 1_000_000}`;
    cleanup.push(async () => {
      const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
    const world = createDemoWorld({ seed: SEED, payments: PAYMENTS, startMs: START_MS });
    const memory = await runDemoDay({ world, transport: createMemoryTransport(), windowSize: WINDOW });
    await memory.pipeline.close();
    server = await startNatsServer();
    const url = server.url;
    const stage = `clearing-journal:${schema}`;
    let current = startWorker(url, stage, 'j');
    workers.push(current);
    await within(current.ready, 60_000, () => current.stderr);
    const transport: Transport = createNatsTransport({ servers: url });
    cleanup.push(() => transport.close());
    const nc: NatsConnection = await connect({ servers: url });
    cleanup.push(() => nc.close());
    const jsm: Promise<JetStreamManager> = jetstreamManager(nc);
    const { remote, collect, flushes } = clearingStandIn();
    let killedAt = -1;
    const killer = (async () => {
      const deadline = Date.now() + 100_000;
      while (current.progress < 300 && Date.now() < deadline) await pause(10);
      killedAt = current.progress;
      const exited = new Promise((resolvePromise) => current.child.once('exit', resolvePromise));
      current.child.kill('SIGKILL');
      await exited;
      current = startWorker(url, stage, 'j');
      workers.push(current);
      await within(current.ready, 60_000, () => current.stderr);
    })();

    // Act
    const run = await runDemoDay({
      world,
      transport,
      windowSize: WINDOW,
      configure: (options) => ({ ...options, clearing: remote(transport) }),
      idle: (pipeline) => brokerIdle(pipeline, () => jsm, STREAM),
      beforeSubmit: collect,
    });
    cleanup.push(() => run.pipeline.close());
    await killer;
    current.child.kill('SIGTERM');
    const report = await within(current.done, 30_000, () => 'the restarted clearing process to report');

    // Assert: killed mid-day, before any window closed; the restarted process netted every window
    const obligations = memory.windows.reduce((n, w) => n + w.obligations.length, 0);
    expect(killedAt).toBeGreaterThanOrEqual(300);
    expect(killedAt).toBeLessThan(obligations);
    expect(flushes()).toBe(1);
    expect([...report.windows].sort()).toEqual(memory.windows.map((w) => w.id).sort());
    expect(Number(report.detail.obligations)).toBe(obligations);
    expectSameDay(run, memory);
    expect((await run.ledger.verify()).ok).toBe(true);
    await annotate(
      `clearing killed after ${killedAt} of ${obligations} obligations; the restarted process (pid ${report.pid}) ` +
        `handled ${report.handled} more and netted ${report.windows.length} windows; ${run.settlements.length} settlements`,
    );
  }, 200_000);
});
