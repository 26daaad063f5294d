/**
 * Runs one demo day through the whole pipeline over any transport: funding credits, payments (with
 * duplicates and a UETR conflict), netting windows, routing, risk, settlement on a simulated bank that
 * answers with pacs.002 and camt.054 on a virtual clock, and one rejected payout. Returns everything a
 * report or a test compares: decisions, ledger positions, netting results, settlement results.
 * Used by `deltran demo`, the end-to-end tests, the pipeline benchmark and the NATS fault test.
 */
import { createHash } from 'node:crypto';
import { type CanonicalPayment, createSeededRandom, formatMoney } from '../../index';
import {
  type ClosedWindow,
  createMemoryMetrics,
  createPipeline,
  createRiskAssessor,
  type MemoryMetrics,
  type Notifier,
  type Pipeline,
  type PipelineOptions,
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
  /** Events per transport message (`createPipeline({ batch })`). @defaultValue 1 */
  readonly batch?: number;
  /** Submits one input at the gateway (the NATS fault test retries a submit the dead broker refused). @defaultValue `pipeline.submit` */
  readonly submit?: (pipeline: Pipeline, input: Parameters<Pipeline['submit']>[0]) => Promise<unknown>;
  /** Waits until the pipeline is idle (across processes, when stages run elsewhere). @defaultValue `pipeline.idle` */
  readonly idle?: (pipeline: Pipeline) => Promise<void>;
  /**
   * How the day's payments enter the gateway: as pacs.008 XML batches of 50 (the demo), or as the same
   * payments already canonical (`pipeline.submit(payment[])`, batches of 50: the bench measures the
   * pipeline without the gateway's XML parse). @defaultValue `'pacs.008'`
   */
  readonly paymentsAs?: 'pacs.008' | 'canonical';
  /** Adjusts the pipeline's options before it is created (stages in other processes, subscription options). */
  readonly configure?: (options: PipelineOptions) => PipelineOptions;
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

/** SHA-256 of the UTF-8 text, 64 lower-case hex digits, by `node:crypto`. */
function nodeSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
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

  // The journal's hash chain on Node's native SHA-256 (the same digests as the portable default, which
  // a pure module must use; a Node host passes this, as the demo does).
  const ledger = await createTokenLedger({ reserveAccounts: world.reserveAccounts, sha256: nodeSha256 });
  const rail = createSimulatedBankRail({
    delayMs: options.bankDelayMs ?? 90_000,
    schedule: (ms, fn) => pushTimer(timers, { at: clock + ms, seq: seq++, fn }),
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
  const pipelineOptions: PipelineOptions = {
    transport,
    now,
    random: createSeededRandom(world.seed + 1),
    metrics,
    ...(options.batch === undefined ? {} : { batch: options.batch }),
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
  };
  const pipeline = createPipeline(options.configure?.(pipelineOptions) ?? pipelineOptions);
  const submit = (input: Parameters<Pipeline['submit']>[0]): Promise<unknown> =>
    options.submit === undefined ? pipeline.submit(input) : options.submit(pipeline, input);
  const idle = (): Promise<void> => (options.idle === undefined ? pipeline.idle() : options.idle(pipeline));
  await pipeline.start();
  await options.beforeSubmit?.(pipeline);
  times.start = performance.now() - t0;

  const eligible = world.payments.filter(
    (p) => !world.sanctionedUetrs.has(p.uetr) && !world.suspendedUetrs.has(p.uetr),
  );
  const funding = world.fundingMessages(eligible);
  const canonical = options.paymentsAs === 'canonical';
  const messages: (string | readonly CanonicalPayment[])[] = canonical
    ? batches(world.payments, 50)
    : world.paymentMessages(world.payments);
  const progress = options.onProgress ?? (() => {});
  let done = 0;
  for (const xml of funding) {
    await submit(xml);
    progress('funding', ++done, funding.length);
  }
  await idle();
  times.funding = performance.now() - t0;
  done = 0;
  for (const xml of messages) {
    await submit(xml);
    progress('payments', ++done, messages.length);
  }
  const duplicateMessages = canonical
    ? batches(world.duplicates, 10)
    : world.paymentMessages(world.duplicates, 10);
  for (const xml of duplicateMessages) await submit(xml);
  // The conflicting resubmission comes once the day's payments are through compliance: "first seen
  // wins" then means the original, whatever redeliveries reordered meanwhile.
  await idle();
  await submit(world.conflict);
  await idle();
  times.payments = performance.now() - t0;

  clock += 15 * 60_000;
  await pipeline.flush(clock);
  await idle();
  times.clearing = performance.now() - t0;

  // Let the simulated bank answer: advance the virtual clock to each answer, feed it to the gateway.
  // Timers run in (time, creation) order from a binary heap; the pipeline ticks once the last answer
  // of an instant was fed in (a second tick at an instant that did not move finds nothing new to time
  // out), so the loop stays linear in the number of answers instead of quadratic.
  for (let guard = 0; guard < 10_000 + 4 * timers.length; guard += 1) {
    if (timers.length === 0 && deliveries.length === 0) {
      await idle();
      if (timers.length === 0 && deliveries.length === 0) break;
    }
    const due = popTimer(timers);
    if (due !== undefined) {
      clock = Math.max(clock, due.at);
      due.fn();
    }
    for (let d = 0; d < deliveries.length; d += 1) await submit(deliveries[d]!);
    deliveries.length = 0;
    const next = timers[0];
    if (next === undefined || next.at > clock) {
      await pipeline.tick(clock);
      if (options.onProgress !== undefined)
        progress(
          'settlement',
          engine.list({ status: ['SETTLED', 'REJECTED', 'TIMED_OUT'] }).length,
          engine.list().length,
        );
    }
  }
  await idle();
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

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Adds a timer to the binary min-heap ordered by (at, seq). */
function pushTimer(heap: Timer[], timer: Timer): void {
  let i = heap.push(timer) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

/** Removes and returns the earliest timer (smallest at, then seq). */
function popTimer(heap: Timer[]): Timer | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
    if (m === i) break;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
  return top;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
