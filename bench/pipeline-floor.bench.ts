/**
 * Where the time of the whole pipeline goes (issue 8's target: ≥ 20,000 payments/s end to end in
 * memory). The pipeline bench measures the day; this one takes it apart, so the target can be weighed
 * against what each layer costs on this machine:
 *
 * - **the day** (`runDemoDay`, canonical payments, API rail, batches of 50) over the memory transport
 *   (`encoding: 'none'`), as the pipeline bench's best row;
 * - **the day over a direct transport**: no broker semantics at all (no ack deadlines, no dedupe, no
 *   encoding; one handler at a time, a failed delivery queued again) — what the stages and the
 *   pipeline's wrapper cost without any transport, with each consumer group's handler time per
 *   payment;
 * - **no-op stages**: the same gateway and the same four hops of an international payment
 *   (compliance → obligations → token → clearing), each stage publishing the payment on, with no domain
 *   work — what the pipeline's envelopes, idempotency, metrics and the transport cost alone;
 * - **the domain calls alone**, one payment at a time with no pipeline: screening, the obligation
 *   engine, mints in ledger batches of 50, each warmed on other payments first (JIT, caches), then
 *   timed on payments it has not seen.
 *
 * Each day configuration runs WARMUP untimed days (the JIT settles over the first two), then RUNS timed
 * ones; medians. Result: bench/results/pipeline-floor.json. Run: npm run bench -- pipeline-floor.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { createMemoryTransport, memoryFlags } from '../src/adapters/memory/index';
import { runDemoDay } from '../src/cli/_internal/demo-run';
import { createDemoWorld } from '../src/cli/_internal/demo-world';
import type { CanonicalPayment } from '../src/index';
import { createObligationEngine } from '../src/obligations/index';
import {
  createPipeline,
  type DeliveryContext,
  type Envelope,
  type MessageHandler,
  type PipelineOptions,
  type PipelineStage,
  type SettlementStageOptions,
  type StageEventContext,
  type Transport,
} from '../src/pipeline/index';
import { createApiRail, createSettlementEngine } from '../src/settlement/index';
import { createTokenLedger } from '../src/token/index';
import { BENCH_SEED, type Extra, report } from './_lib';

const N = Number(process.env.PIPELINE_N ?? 10_000);
const RUNS = Number(process.env.PIPELINE_RUNS ?? 3);
const WARMUP = Number(process.env.PIPELINE_WARMUP ?? 2);
const BATCH = 50;
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// Twice the payments: the second half feeds the domain calls' timed loops, unseen by their warm-up.
const world = createDemoWorld({ seed: BENCH_SEED, payments: N, startMs: Date.UTC(2026, 11, 1) });

/**
 * A transport that only calls handlers: one at a time, first in first out, a failed delivery queued
 * again (attempt + 1), no encoding, no ack deadline, no dedupe, no timers. Not a transport to run
 * (it loses everything on a crash); the floor under every real one. Times each handler call per group.
 */
function createDirectTransport(): Transport & { readonly handlerMs: Map<string, number> } {
  const byTopic = new Map<string, { group: string; handler: MessageHandler }[]>();
  const queue: { topic: string; event: Envelope; group: string; handler: MessageHandler; attempt: number }[] =
    [];
  let head = 0;
  let pumping = false;
  const handlerMs = new Map<string, number>();
  const signal = new AbortController().signal;
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (head < queue.length) {
        const item = queue[head]!;
        head += 1;
        if (head > 4096 && head * 2 > queue.length) {
          queue.splice(0, head);
          head = 0;
        }
        const delivery: DeliveryContext = {
          topic: item.topic,
          group: item.group,
          attempt: item.attempt,
          key: undefined,
          signal,
          working() {},
        };
        const t0 = performance.now();
        try {
          await item.handler(item.event, delivery);
        } catch {
          if (item.attempt < 1_000) queue.push({ ...item, attempt: item.attempt + 1 });
        }
        handlerMs.set(item.group, (handlerMs.get(item.group) ?? 0) + performance.now() - t0);
      }
    } finally {
      pumping = false;
    }
  };
  return {
    name: 'direct',
    flags: { ...memoryFlags('none'), publishDedupe: false, ackTimeout: false, delayedRedelivery: false },
    deadLetterTopic: 'deltran.dead-letter',
    handlerMs,
    async publish(topic, event) {
      for (const s of byTopic.get(topic) ?? []) queue.push({ topic, event, ...s, attempt: 1 });
      queueMicrotask(() => void pump());
      return { topic, id: event.id, duplicate: false };
    },
    async subscribe(options, handler) {
      for (const topic of options.topics) {
        const list = byTopic.get(topic) ?? [];
        list.push({ group: options.group, handler });
        byTopic.set(topic, list);
      }
      return {
        group: options.group,
        topics: options.topics,
        closed: false,
        drain: async () => {},
        close: async () => {},
      };
    },
    health: () => ({ status: 'up' as const, subscriptions: byTopic.size }),
    drain: async () => {},
    close: async () => {},
  };
}

// An API rail that accepts every instruction at once, as in the pipeline bench's best row.
function configure(options: PipelineOptions): PipelineOptions {
  const engine = createSettlementEngine({
    rails: [createApiRail({ call: () => undefined })],
    now: options.now ?? Date.now,
    timeoutMs: 30 * 60_000,
  });
  return { ...options, settlement: { ...(options.settlement as SettlementStageOptions), engine } };
}

interface DaySample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly handlerMs?: ReadonlyMap<string, number>;
}

async function day(transport: 'memory' | 'direct'): Promise<DaySample> {
  const t = transport === 'memory' ? createMemoryTransport({ encoding: 'none' }) : createDirectTransport();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await runDemoDay({
    world,
    transport: t,
    windowSize: 500,
    batch: BATCH,
    paymentsAs: 'canonical',
    configure,
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const minted = Number(run.pipeline.health().stages.token?.detail?.mintRequests ?? 0);
  if (minted !== run.decisions.ALLOW || minted === 0)
    throw new Error(`bench pipeline-floor (${transport}): ${run.decisions.ALLOW} allowed, ${minted} minted`);
  await run.pipeline.close();
  await t.close();
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...('handlerMs' in t ? { handlerMs: t.handlerMs as Map<string, number> } : {}),
  };
}

/** Stages that pass each payment on, with no domain work: the gateway and four hops. */
function noopStages(): Pick<PipelineOptions, 'compliance' | 'obligations' | 'token' | 'clearing'> {
  const hop = (
    name: string,
    from: 'complianceCheck' | 'obligationCreate' | 'tokenMint' | 'clearingSubmit',
  ) => {
    const to = (
      {
        complianceCheck: 'obligationCreate',
        obligationCreate: 'tokenMint',
        tokenMint: 'clearingSubmit',
      } as const
    )[from as 'complianceCheck'];
    const stage: PipelineStage = {
      name,
      consumes: [from],
      async handle(event: Envelope, context: StageEventContext) {
        if (to === undefined) return;
        // biome-ignore lint/suspicious/noExplicitAny: a pass-through stage forwards any payload
        await context.publish(to, event.data as any, {
          id: `${context.topics[to]}:${event.subject}`,
          ...(event.subject === undefined ? {} : { subject: event.subject }),
        });
      },
    };
    return stage;
  };
  return {
    compliance: hop('compliance', 'complianceCheck'),
    obligations: hop('obligations', 'obligationCreate'),
    token: hop('token', 'tokenMint'),
    clearing: hop('clearing', 'clearingSubmit'),
  };
}

async function noopDay(transport: 'memory' | 'direct'): Promise<DaySample> {
  const t = transport === 'memory' ? createMemoryTransport({ encoding: 'none' }) : createDirectTransport();
  const pipeline = createPipeline({
    transport: t,
    ...noopStages(),
    routing: false,
    risk: false,
    settlement: false,
    batch: BATCH,
    now: () => world.startMs,
  });
  await pipeline.start();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < world.payments.length; i += BATCH)
    await pipeline.submit(world.payments.slice(i, i + BATCH));
  await pipeline.idle();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const handled = Number(pipeline.health().stages.clearing?.inFlight ?? 0);
  if (handled !== 0) throw new Error('bench pipeline-floor: no-op day did not finish');
  await pipeline.close();
  await t.close();
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const CONFIGS = [
  { name: 'the day, memory transport', run: () => day('memory') },
  { name: 'the day, direct transport (no transport work)', run: () => day('direct') },
  { name: 'no-op stages, memory transport (gateway + 4 hops)', run: () => noopDay('memory') },
  { name: 'no-op stages, direct transport (gateway + 4 hops)', run: () => noopDay('direct') },
] as const;

const startLoad = loadavg();
console.log(
  `[bench] pipeline-floor: ${N} payments, batches of ${BATCH}, ${WARMUP} warm-up + ${RUNS} timed days per configuration; load ${startLoad.map((l) => l.toFixed(2)).join(' ')}`,
);
const samples = new Map<string, DaySample[]>();
const bench = new Bench({ iterations: RUNS, time: 0, warmup: false });
const extras: Record<string, Extra> = {};
for (const config of CONFIGS) {
  for (let i = 0; i < WARMUP; i += 1) await config.run();
  samples.set(config.name, []);
  bench.add(config.name, async () => {
    samples.get(config.name)!.push(await config.run());
  });
  extras[config.name] = { itemsPerRun: N, note: 'payments; target ≥ 20,000/s' };
}
await bench.run();
const rows = report('pipeline-floor', bench, extras);

const layers = CONFIGS.map((config) => {
  const s = samples.get(config.name) ?? [];
  const wall = median(s.map((x) => x.wallMs));
  const cpu = median(s.map((x) => x.cpuMs));
  return {
    configuration: config.name,
    'payments/s (wall)': Math.round((N * 1000) / wall),
    'µs a payment (wall)': round((wall * 1000) / N),
    'µs a payment (CPU)': round((cpu * 1000) / N),
  };
});
console.log('\n## pipeline-floor: the layers (medians; CPU = user + system time of this process)');
console.table(layers);

// Handler time per consumer group over the direct transport (the stage and the pipeline's wrapper).
const direct = samples.get(CONFIGS[1].name) ?? [];
const groups = [...(direct[0]?.handlerMs?.keys() ?? [])];
const perGroup: Record<string, unknown> = {};
let total = 0;
for (const group of groups) {
  const us = median(direct.map((s) => ((s.handlerMs?.get(group) ?? 0) * 1000) / N));
  total += us;
  perGroup[group] = { 'µs a payment': round(us) };
}
perGroup['all handlers'] = { 'µs a payment': round(total) };
console.log('\n## pipeline-floor: handler time per consumer group, direct transport (medians)');
console.table(perGroup);

// --- the domain calls alone ----------------------------------------------------------------------
const half = Math.floor(world.payments.length / 2);
const warm = world.payments.slice(0, half);
const fresh = world.payments.slice(half);
async function perPayment(
  step: string,
  make: () => Promise<(payments: readonly CanonicalPayment[]) => unknown>,
): Promise<Record<string, unknown>> {
  const fn = await make();
  await fn(warm);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn(fresh);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    step,
    'µs (wall)': round((wall * 1000) / fresh.length),
    'µs (CPU)': round((cpu.user + cpu.system) / fresh.length),
  };
}
const nodeSha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const domain = [
  await perPayment('compliance checker.check', async () => {
    const checker = world.createChecker();
    return async (payments) => {
      for (const p of payments) await checker.check(p, { atMs: world.startMs });
    };
  }),
  await perPayment('obligation engine.process', async () => {
    const engine = createObligationEngine();
    return (payments) => {
      for (const p of payments) engine.process(p, { valueDate: '2026-12-01' });
    };
  }),
  await perPayment('token ledger.execute, mints in batches of 50 (per mint)', async () => {
    const ledger = await createTokenLedger({ reserveAccounts: world.reserveAccounts, sha256: nodeSha256 });
    for (const bank of world.banks)
      for (const currency of new Set(world.payments.map((p) => p.amount.currency)))
        await ledger.openAccount({ id: `open:${bank.bic}:${currency}`, participant: bank.bic, currency });
    return async (payments) => {
      for (let i = 0; i < payments.length; i += 50)
        await ledger.execute(
          payments.slice(i, i + 50).map((p) => ({
            kind: 'mint' as const,
            id: `mint:${p.uetr}`,
            participant: p.debtorAgent?.bic ?? 'X',
            amount: p.amount,
            uetr: p.uetr,
            endToEndId: p.endToEndId,
          })),
          { atomic: false },
        );
    };
  }),
];
console.log(
  `\n## pipeline-floor: domain calls alone, per payment (warmed on ${half}, timed on ${fresh.length} others)`,
);
console.table(domain);

const dir = fileURLToPath(new URL('./results/', import.meta.url));
writeFileSync(
  `${dir}pipeline-floor-extras.json`,
  `${JSON.stringify({ seed: BENCH_SEED, payments: N, runs: RUNS, warmup: WARMUP, loadAverage: { start: startLoad, end: loadavg() }, layers, perGroup, domain, rows }, null, 2)}\n`,
);
