/**
 * The whole pipeline end to end over NATS JetStream on loopback (issue 9's speed target: ≥ 5,000
 * payments/s with zero loss), beside the same day in memory and the adapter's own rates.
 *
 * Each run is a demo day (`runDemoDay`: funding credits, BENCH_PAYMENTS payments in pacs.008 messages of
 * 50, duplicates, a UETR conflict, one netting window per currency, routing, risk, settlement on the
 * simulated bank). Throughput is counted over the payments phase: from the first pacs.008 submitted to
 * the moment the broker holds no more work (every consumer empty — `pipeline.idle()` alone cannot see
 * lost acks), so it covers gateway → compliance → obligations → token mint → clearing (held in the open
 * window) or the local route (risk and settlement of local payments). Zero loss is checked on every run:
 * the final balances, netting results and settlements equal the in-memory run's, and every allowed
 * payment became an obligation.
 *
 * Variants: the gateway fed one message at a time (each submit awaits its 50 PubAcks), and
 * SUBMIT_WIDTH messages in flight. Per-hop cost = payments-phase time / stage deliveries handled.
 *
 * The server is private (random loopback port, temporary store) unless NATS_URL names one (e.g. the
 * shared nats://127.0.0.1:4222): every run then uses its own prefix and stream, deleted afterwards.
 * Run: npm run bench -- nats-pipeline (BENCH_PAYMENTS, BENCH_RUNS to change the size).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createMemoryTransport } from '../src/adapters/memory/index';
import { createNatsTransport } from '../src/adapters/nats/index';
import { runDemoDay } from '../src/cli/_internal/demo-run';
import { createDemoWorld } from '../src/cli/_internal/demo-world';
import { createSeededRandom } from '../src/index';
import {
  createEnvelope,
  createTopicNames,
  type Envelope,
  type Pipeline,
  type PipelineOptions,
  type Transport,
} from '../src/pipeline/index';
import { natsServerBinary, startNatsServer } from '../test/_helpers/nats-server';
import { brokerIdle } from '../test/integration/_workers/broker-idle';
import { BENCH_SEED } from './_lib';

const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SUBMIT_WIDTH = 8;
/** Events per transport message in the batched variants (`createPipeline({ batch })`). */
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const WINDOW = 1_000_000; // one window per currency: results independent of arrival order
const ADAPTER_N = 5_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  readonly paymentsPerSecond: number;
  readonly dayPaymentsPerSecond: number;
  /** Per payment, over the payments phase. */
  readonly deliveries: number;
  readonly publishes: number;
  readonly nodeCpuMs: number;
  readonly serverCpuMs: number;
  /** Mean wall time of one publish (to its PubAck) and of one handler run per group, ms. */
  readonly publishMs: number;
  readonly handlerMs: Readonly<Record<string, number>>;
}

interface Counter {
  n: number;
  ms: number;
}
interface HopStats {
  readonly publish: Counter;
  readonly groups: Record<string, Counter>;
}
interface Mark {
  readonly at: number;
  readonly cpu: NodeJS.CpuUsage;
  readonly serverTicks: number;
  readonly stats: HopStats;
}

/** The transport, timing every publish and every handler run (per consumer group). */
function timed(inner: Transport, stats: HopStats): Transport {
  return {
    name: inner.name,
    flags: inner.flags,
    deadLetterTopic: inner.deadLetterTopic,
    async publish(topic, event, options) {
      const t = performance.now();
      try {
        return await inner.publish(topic, event, options);
      } finally {
        stats.publish.n++;
        stats.publish.ms += performance.now() - t;
      }
    },
    subscribe: (options, handler) =>
      inner.subscribe(options, async (event, context) => {
        const t = performance.now();
        try {
          await handler(event, context);
        } finally {
          const g = stats.groups[options.group] ?? { n: 0, ms: 0 };
          stats.groups[options.group] = g;
          g.n++;
          g.ms += performance.now() - t;
        }
      }),
    health: () => inner.health(),
    drain: () => inner.drain(),
    close: () => inner.close(),
  };
}

/** CPU time of a process in clock ticks (Linux /proc), 0 when unknown. */
function cpuTicks(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function mark(stats: HopStats): Mark {
  return {
    at: performance.now(),
    cpu: process.cpuUsage(),
    serverTicks: cpuTicks(server?.pid),
    stats: structuredClone(stats),
  };
}

function sampleOf(day: Day, from: Mark, to: Mark): Sample {
  const ms = to.at - from.at;
  const handlerMs: Record<string, number> = {};
  let deliveries = 0;
  for (const [group, g] of Object.entries(to.stats.groups)) {
    const before = from.stats.groups[group] ?? { n: 0, ms: 0 };
    const n = g.n - before.n;
    deliveries += n;
    if (n > 0) handlerMs[group.replace(/^deltran-/, '')] = round((g.ms - before.ms) / n);
  }
  const publishes = to.stats.publish.n - from.stats.publish.n;
  const cpuUs = to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system;
  return {
    paymentsPerSecond: Math.round((PAYMENTS * 1000) / ms),
    dayPaymentsPerSecond: Math.round((PAYMENTS * 1000) / (day.timings.settlement ?? Number.NaN)),
    deliveries: round(deliveries / PAYMENTS),
    publishes: round(publishes / PAYMENTS),
    nodeCpuMs: round(cpuUs / 1000 / PAYMENTS),
    serverCpuMs:
      server === undefined ? Number.NaN : round(((to.serverTicks - from.serverTicks) * 10) / PAYMENTS),
    publishMs: round((to.stats.publish.ms - from.stats.publish.ms) / Math.max(1, publishes)),
    handlerMs,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const world = createDemoWorld({
  seed: BENCH_SEED % 100_000,
  payments: PAYMENTS,
  startMs: Date.UTC(2026, 11, 1),
});

/** The gateway fed `width` messages at a time: payment messages overlap, everything else waits for them. */
function submitter(width: number) {
  const inFlight = new Set<Promise<unknown>>();
  const drain = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
  return {
    drain,
    submit: async (pipeline: Pipeline, input: Parameters<Pipeline['submit']>[0]): Promise<unknown> => {
      if (width <= 1 || typeof input !== 'string' || !input.includes('FIToFICstmrCdtTrf')) {
        await drain();
        return pipeline.submit(input);
      }
      while (inFlight.size >= width) await Promise.race(inFlight);
      const p = pipeline.submit(input);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p)).catch(() => {});
      return undefined;
    },
  };
}

type Day = Awaited<ReturnType<typeof runDemoDay>>;
let reference: Day | undefined;

function check(label: string, day: Day): void {
  if (reference === undefined) return;
  const same = JSON.stringify(day.fingerprint) === JSON.stringify(reference.fingerprint);
  const obligations = Number(day.pipeline.health().stages.obligations?.detail?.obligations ?? -1);
  if (
    !same ||
    obligations !== reference.decisions.ALLOW ||
    day.settlements.length !== reference.settlements.length
  )
    throw new Error(
      `bench ${label}: lost or doubled work (settlements ${day.settlements.length} vs ${reference.settlements.length}, obligations ${obligations} vs ${reference.decisions.ALLOW})`,
    );
}

/**
 * One day over `transport`; marks are taken when the first payment message is submitted (funding
 * done and idle) and when the payments phase is idle again.
 */
async function day(
  label: string,
  transport: Transport,
  width: number,
  waitIdle: (pipeline: Pipeline) => Promise<void>,
  configure?: (options: PipelineOptions) => PipelineOptions,
  batch = 1,
): Promise<Sample> {
  const stats: HopStats = { publish: { n: 0, ms: 0 }, groups: {} };
  const s = submitter(width);
  const marks: Mark[] = [];
  let idles = 0;
  const result = await runDemoDay({
    world,
    transport: timed(transport, stats),
    windowSize: WINDOW,
    batch,
    ...(configure === undefined ? {} : { configure }),
    submit: (pipeline, input) => {
      if (marks.length === 0 && idles === 1) marks.push(mark(stats));
      return s.submit(pipeline, input);
    },
    idle: async (pipeline) => {
      await s.drain();
      await waitIdle(pipeline);
      if (++idles === 2) marks.push(mark(stats));
    },
  });
  await result.pipeline.close();
  reference ??= result;
  check(label, result);
  return sampleOf(result, marks[0]!, marks[1]!);
}

const memoryDay = (width: number, batch = 1): Promise<Sample> =>
  day(
    `memory ×${width} batch ${batch}`,
    createMemoryTransport(),
    width,
    (pipeline) => pipeline.idle(),
    undefined,
    batch,
  );

let runCounter = 0;
async function natsDay(url: string, width: number, batch = 1): Promise<Sample> {
  const prefix = `bp${process.pid}r${runCounter++}.`;
  const stream = prefix.replace(/\.$/, '').toUpperCase();
  const transport = createNatsTransport({ servers: url, prefix });
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  try {
    return await day(
      `nats ×${width} batch ${batch}`,
      transport,
      width,
      (pipeline) => brokerIdle(pipeline, async () => jsm, stream),
      (options) => ({ ...options, topics: createTopicNames({ prefix }) }),
      batch,
    );
  } finally {
    await transport.close();
    await jsm.streams.delete(stream).catch(() => {});
    await nc.close();
  }
}

// --- the adapter alone (as bench/transport.bench.ts, payment-sized envelopes) -----------------------
const random = createSeededRandom(BENCH_SEED);
let eventCounter = 0;
function makeEvents(n: number): Envelope[] {
  return Array.from({ length: n }, (_, i) =>
    createEnvelope(
      {
        id: `ev-${process.pid}-${eventCounter++}`,
        type: 'deltran.compliance.check',
        subject: `eb6305c9-1f7f-49de-aed0-${String(i).padStart(12, '0')}`,
        data: {
          amount: `${(i % 100_000) + 1}.00`,
          currency: 'EUR',
          debtorAgent: 'DEUTDEFFXXX',
          creditorAgent: 'BNPAFRPPXXX',
        },
      },
      { now: () => 1_767_225_600_000 + i, random },
    ),
  );
}
async function publishAll(transport: Transport, topic: string, events: readonly Envelope[], width: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < events.length) await transport.publish(topic, events[next++]!);
    }),
  );
}
async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('bench: timed out waiting for consumers');
    await pause(2);
  }
}
async function adapterRates(url: string): Promise<Record<string, number>> {
  const prefix = `ba${process.pid}.`;
  const transport = createNatsTransport({ servers: url, prefix });
  const out: Record<string, number> = {};
  try {
    let events = makeEvents(ADAPTER_N);
    let t = performance.now();
    await publishAll(transport, `${prefix}stored`, events, 256);
    out['publish, 256 in flight'] = Math.round((ADAPTER_N * 1000) / (performance.now() - t));
    let handled = 0;
    t = performance.now();
    const reader = await transport.subscribe(
      { topics: [`${prefix}stored`], group: 'reader', concurrency: 64 },
      () => {
        handled++;
      },
    );
    await until(() => handled >= ADAPTER_N);
    out['consume stored, 64 handlers'] = Math.round((ADAPTER_N * 1000) / (performance.now() - t));
    await reader.close();
    events = makeEvents(ADAPTER_N);
    const wanted = new Set(events.map((e) => e.id));
    const seen = new Set<string>();
    const both = await transport.subscribe(
      { topics: [`${prefix}e2e`], group: 'e2e', concurrency: 64 },
      (event) => {
        if (wanted.has(event.id)) seen.add(event.id);
      },
    );
    t = performance.now();
    await publishAll(transport, `${prefix}e2e`, events, 256);
    await until(() => seen.size === ADAPTER_N);
    out['publish + consume'] = Math.round((ADAPTER_N * 1000) / (performance.now() - t));
    await both.close();
  } finally {
    await transport.close();
    const nc = await connect({ servers: url });
    await (await jetstreamManager(nc)).streams
      .delete(prefix.replace(/\.$/, '').toUpperCase())
      .catch(() => {});
    await nc.close();
  }
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

interface Row {
  readonly task: string;
  readonly itemsPerSecond: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
  readonly note: string;
}
const rows: Row[] = [];
const hops: Record<string, string | number>[] = [];
function addRows(label: string, samples: readonly Sample[]): void {
  const pps = samples.map((s) => s.paymentsPerSecond);
  const dayRates = samples.map((s) => s.dayPaymentsPerSecond);
  const mid = [...samples].sort((a, b) => a.paymentsPerSecond - b.paymentsPerSecond)[samples.length >> 1]!;
  rows.push({
    task: `${label}: payments phase`,
    itemsPerSecond: median(pps),
    min: Math.min(...pps),
    max: Math.max(...pps),
    samples: samples.length,
    note: `per payment: ${mid.deliveries} deliveries, ${mid.publishes} publishes, ${mid.nodeCpuMs} ms node CPU, ${Number.isNaN(mid.serverCpuMs) ? 'n/a' : mid.serverCpuMs} ms nats-server CPU`,
  });
  rows.push({
    task: `${label}: whole day`,
    itemsPerSecond: median(dayRates),
    min: Math.min(...dayRates),
    max: Math.max(...dayRates),
    samples: samples.length,
    note: 'funding + payments + netting + settlement, per payment',
  });
  hops.push({ run: label, 'publish ms': mid.publishMs, ...mid.handlerMs });
}

const load = loadavg().map((l) => Math.round(l * 100) / 100);
const found = natsServerBinary();
const external = process.env.NATS_URL;
const server = external === undefined && 'bin' in found ? await startNatsServer() : undefined;
const url = external ?? server?.url;
try {
  const memory1: Sample[] = [];
  const memoryW: Sample[] = [];
  const nats1: Sample[] = [];
  const natsW: Sample[] = [];
  const memoryB: Sample[] = [];
  const nats1B: Sample[] = [];
  const natsWB: Sample[] = [];
  await memoryDay(1); // the reference, and a warm-up
  for (let r = 0; r < RUNS; r++) {
    memory1.push(await memoryDay(1));
    memoryW.push(await memoryDay(SUBMIT_WIDTH));
    memoryB.push(await memoryDay(SUBMIT_WIDTH, BATCH));
    if (url !== undefined) {
      nats1.push(await natsDay(url, 1));
      natsW.push(await natsDay(url, SUBMIT_WIDTH));
      nats1B.push(await natsDay(url, 1, BATCH));
      natsWB.push(await natsDay(url, SUBMIT_WIDTH, BATCH));
    }
  }
  addRows('memory, one message at a time', memory1);
  addRows(`memory, ${SUBMIT_WIDTH} messages in flight`, memoryW);
  addRows(`memory, ${SUBMIT_WIDTH} messages in flight, batches of ${BATCH}`, memoryB);
  if (url === undefined) {
    console.log(`\n[bench] NATS skipped: ${'reason' in found ? found.reason : ''}`);
  } else {
    addRows('nats, one message at a time', nats1);
    addRows(`nats, ${SUBMIT_WIDTH} messages in flight`, natsW);
    addRows(`nats, one message at a time, batches of ${BATCH}`, nats1B);
    addRows(`nats, ${SUBMIT_WIDTH} messages in flight, batches of ${BATCH}`, natsWB);
    const adapter: Record<string, number>[] = [];
    for (let r = 0; r < RUNS; r++) adapter.push(await adapterRates(url));
    for (const task of Object.keys(adapter[0]!)) {
      const v = adapter.map((a) => a[task]!);
      rows.push({
        task: `nats adapter alone: ${task} ×${ADAPTER_N}`,
        itemsPerSecond: median(v),
        min: Math.min(...v),
        max: Math.max(...v),
        samples: v.length,
        note: 'one process, both sides',
      });
    }
  }
  console.log(
    `\n## nats-pipeline (${PAYMENTS} payments per day, load average ${load.join(' ')}, target ≥ 5,000 payments/s)`,
  );
  console.table(
    rows.map((r) => ({
      task: r.task,
      'items/s': r.itemsPerSecond,
      min: r.min,
      max: r.max,
      runs: r.samples,
      note: r.note,
    })),
  );
  console.log(
    '\nMean wall time per publish (to its PubAck) and per handler run, by stage, payments phase, ms:',
  );
  console.table(hops);
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    `${dir}nats-pipeline.json`,
    `${JSON.stringify(
      {
        name: 'nats-pipeline',
        date: new Date().toISOString(),
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        loadAverage: load,
        seed: BENCH_SEED,
        payments: PAYMENTS,
        server: external ?? 'private nats-server on loopback',
        rows,
        perHopMs: hops,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await server?.stop();
}
