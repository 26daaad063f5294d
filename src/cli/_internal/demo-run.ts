/**
 * Runs one demo day through the whole pipeline over any transport: funding credits, payments (with
 * duplicates and a UETR conflict), netting windows, routing, risk, settlement on a simulated bank that
 * answers with pacs.002 and camt.054 on a virtual clock, and one rejected payout. Returns everything a
 * report or a test compares: decisions, ledger positions, netting results, settlement results.
 * Used by `deltran demo`, the end-to-end tests, the pipeline benchmark and the NATS fault test.
 */
import { createSeededRandom, formatMoney } from '../../index';
import {
  type ClosedWindow,
  createMemoryMetrics,
  createPipeline,
  createRiskAssessor,
  type MemoryMetrics,
  type Notifier,
  type Pipeline,
  type SettlementStage,
  type Transport,
} from '../../pipeline/index';
import {
  createSettlementEngine,
  createSimulatedBankRail,
  type RailRequest,
  type SettlementResult,
} from '../../settlement/index';
import { createTokenLedger, type TokenLedger } from '../../token/index';
import type { DemoWorld } from './demo-world';

/** Options of {@link runDemoDay}. */
export interface DemoRunOptions {
  /** The world. */
  readonly world: DemoWorld;
  /** The transport (memory by default in the demo; NATS in the fault test). */
  readonly transport: Transport;
  /** Obligations per netting window. @defaultValue 500 */
  readonly windowSize?: number;
  /** Virtual delay of the simulated bank's answers, ms. @defaultValue 90 000 */
  readonly bankDelayMs?: number;
  /** Sees every settlement message sent (to write it to a folder). */
  readonly onMessage?: (request: RailRequest) => void;
  /** Progress: a phase name and a count. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** A notifier (webhooks). */
  readonly notifier?: Notifier;
  /** Runs after the pipeline started and before anything is submitted (the fault test kills the broker here). */
  readonly beforeSubmit?: (pipeline: Pipeline) => Promise<void> | void;
  /** Handler concurrency per stage. */
  readonly concurrency?: number;
}

/** What a run produced. */
export interface DemoRunResult {
  readonly pipeline: Pipeline;
  readonly ledger: TokenLedger;
  readonly metrics: MemoryMetrics;
  readonly submitted: {
    readonly payments: number;
    readonly duplicates: number;
    readonly conflicts: number;
    readonly messages: number;
  };
  readonly decisions: { readonly ALLOW: number; readonly REVIEW: number; readonly REJECT: number };
  readonly rejections: readonly {
    readonly uetr: string;
    readonly decision: string;
    readonly reasons: readonly string[];
  }[];
  readonly windows: readonly ClosedWindow[];
  readonly settlements: readonly SettlementResult[];
  readonly messagesSent: number;
  readonly timings: Readonly<Record<string, number>>;
  /** Final state in a comparable form (the fault test compares it between transports). */
  readonly fingerprint: {
    readonly balances: readonly string[];
    readonly positions: readonly string[];
    readonly netting: readonly string[];
    readonly settlements: readonly string[];
  };
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * Runs the day.
 * @param options - world, transport, window size
 * @returns the result
 */
export async function runDemoDay(options: DemoRunOptions): Promise<DemoRunResult> {
  const { world, transport } = options;
  const times: Record<string, number> = {};
  const t0 = performance.now();
  let clock = world.startMs + 8 * 3_600_000; // 08:00 UTC
  const now = (): number => clock;
  const timers: Timer[] = [];
  let seq = 0;
  const deliveries: string[] = [];
  let messagesSent = 0;
  let rejectedId: string | undefined;

  const ledger = await createTokenLedger({ reserveAccounts: world.reserveAccounts });
  const rail = createSimulatedBankRail({
    delayMs: options.bankDelayMs ?? 90_000,
    schedule: (ms, fn) => timers.push({ at: clock + ms, seq: seq++, fn }),
    deliver: (xml) => deliveries.push(xml),
    now,
    // The bank rejects one payout: the first net credit paid to the world's rejected bank in its currency.
    decide: (request) => {
      const i = request.instruction;
      const target =
        i.source.kind === 'netPosition' &&
        i.toBic === world.rejectedPayout.bic &&
        i.currency === world.rejectedPayout.currency &&
        (rejectedId === undefined || rejectedId === i.id);
      if (!target) return { status: 'ACSC' };
      rejectedId = i.id;
      return { status: 'RJCT', reason: 'AC04', text: 'Account closed at the receiving bank' };
    },
    accountId: (request) =>
      world.reserveAccounts[request.instruction.currency] ?? `${request.instruction.currency}-RESERVE`,
    servicerBic: world.settlementBic,
    send: (request) => {
      messagesSent += 1;
      options.onMessage?.(request);
    },
  });
  const engine = createSettlementEngine({ rails: [rail], now, timeoutMs: 30 * 60_000 });
  const metrics = createMemoryMetrics();
  const concurrency = options.concurrency;
  const sub = concurrency === undefined ? undefined : { concurrency };
  const pipeline = createPipeline({
    transport,
    now,
    random: createSeededRandom(world.seed + 1),
    metrics,
    ...(options.notifier === undefined ? {} : { notifier: options.notifier }),
    compliance: { checker: world.createChecker(), ...(sub ? { subscription: sub } : {}) },
    obligations: sub ? { subscription: sub } : {},
    token: {
      ledger,
      subscription: { maxAttempts: 50, backoff: { initialMs: 20, factor: 2, maxMs: 2_000 }, ...sub },
    },
    clearing: { obligationsMax: options.windowSize ?? 500, ...(sub ? { subscription: sub } : {}) },
    routing: {
      registry: world.registry,
      settlementBic: world.settlementBic,
      riskQuote: 'USD',
      ...(sub ? { subscription: sub } : {}),
    },
    risk: {
      assess: createRiskAssessor((request) => world.riskContext(request)),
      ...(sub ? { subscription: sub } : {}),
    },
    settlement: {
      engine,
      ledger,
      subscription: { maxAttempts: 50, backoff: { initialMs: 20, factor: 2, maxMs: 2_000 }, ...sub },
    },
  });
  await pipeline.start();
  await options.beforeSubmit?.(pipeline);
  times.start = performance.now() - t0;

  const eligible = world.payments.filter(
    (p) => !world.sanctionedUetrs.has(p.uetr) && !world.suspendedUetrs.has(p.uetr),
  );
  const funding = world.fundingMessages(eligible);
  const messages = world.paymentMessages(world.payments);
  const progress = options.onProgress ?? (() => {});
  let done = 0;
  for (const xml of funding) {
    await pipeline.submit(xml);
    progress('funding', ++done, funding.length);
  }
  await pipeline.idle();
  times.funding = performance.now() - t0;
  done = 0;
  for (const xml of messages) {
    await pipeline.submit(xml);
    progress('payments', ++done, messages.length);
  }
  const duplicateMessages = world.paymentMessages(world.duplicates, 10);
  for (const xml of duplicateMessages) await pipeline.submit(xml);
  await pipeline.submit(world.conflict);
  await pipeline.idle();
  times.payments = performance.now() - t0;

  clock += 15 * 60_000;
  await pipeline.flush(clock);
  await pipeline.idle();
  times.clearing = performance.now() - t0;

  // Let the simulated bank answer: advance the virtual clock to each answer, feed it to the gateway.
  for (let guard = 0; guard < 10_000; guard += 1) {
    if (timers.length === 0 && deliveries.length === 0) {
      await pipeline.idle();
      if (timers.length === 0 && deliveries.length === 0) break;
    }
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const due = timers.shift();
    if (due !== undefined) {
      clock = Math.max(clock, due.at);
      due.fn();
    }
    while (deliveries.length > 0) await pipeline.submit(deliveries.shift()!);
    await pipeline.tick(clock);
    progress(
      'settlement',
      engine.list({ status: ['SETTLED', 'REJECTED', 'TIMED_OUT'] }).length,
      engine.list().length,
    );
  }
  await pipeline.idle();
  times.settlement = performance.now() - t0;

  const stages = pipeline.stages;
  const compliance = stages.get('compliance') as unknown as {
    decisions(): ReadonlyMap<
      string,
      { decision: 'ALLOW' | 'REVIEW' | 'REJECT'; reasons: readonly { code: string; message: string }[] }
    >;
  };
  const clearing = stages.get('clearing') as unknown as { closedWindows(): readonly ClosedWindow[] };
  const settlementStage = stages.get('settlement') as SettlementStage;
  const decisions = { ALLOW: 0, REVIEW: 0, REJECT: 0 };
  const rejections: { uetr: string; decision: string; reasons: string[] }[] = [];
  for (const [uetr, d] of compliance.decisions()) {
    decisions[d.decision] += 1;
    if (d.decision !== 'ALLOW')
      rejections.push({
        uetr,
        decision: d.decision,
        reasons: d.reasons.map((r) => `${r.code}: ${r.message}`),
      });
  }
  const windows = clearing.closedWindows();
  const settlements = [...settlementStage.results()].sort((a, b) =>
    a.instructionId.localeCompare(b.instructionId),
  );
  const balances = ledger
    .accounts()
    .map((a) => `${a.currency}/${a.participant ?? a.kind}:${formatMoney(a.balance)}`)
    .sort();
  const positions = ledger.currencies().map((c) => {
    const p = ledger.position(c);
    return `${c}:balanced=${p.balanced}`;
  });
  const netting = windows.map((w) => `${w.currency}:${w.obligations.length}:${w.result.digest}`).sort();
  const settled = settlements.map((s) => `${s.instructionId}:${s.status}:${formatMoney(s.amount)}`);
  return {
    pipeline,
    ledger,
    metrics,
    submitted: {
      payments: world.payments.length,
      duplicates: world.duplicates.length,
      conflicts: 1,
      messages: messages.length,
    },
    decisions,
    rejections,
    windows,
    settlements,
    messagesSent,
    timings: times,
    fingerprint: { balances, positions, netting, settlements: settled },
  };
}
