/**
 * The report of `deltran demo`: what a demo day did, built from the world and the run as plain
 * JSON-safe data (every amount an exact decimal string summed in bigint minor units), the checks that
 * say whether the day ended as expected, and the HTML page. Pure: no clock, no I/O, no logging; the
 * command measures the timings and writes the files.
 * @internal
 */
import { type CurrencyCode, formatMoney, fromMinor } from '../../index';
import {
  type ClearingReport,
  createClearingReport,
  createSettlementReport,
  DUPLICATE_UETR_CONFLICT,
  findPayout,
  payoutIdOf,
  renderReportHtml,
  type SettlementReport,
} from '../../pipeline/index';
import type { VerifyReport } from '../../token/index';
import type { DemoRunResult } from './demo-run';
import type { DemoWorld } from './demo-world';

/** A count and an exact total (a decimal string). */
export interface DemoAmount {
  readonly count: number;
  readonly amount: string;
}

/** Per-stage latency of one pipeline stage, ms. */
export interface DemoStageTiming {
  readonly stage: string;
  readonly messages: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Timings measured by the command (wall clock; everything else in the report is reproducible). */
export interface DemoTimings {
  /** Milliseconds per phase, in order: world, start, funding, payments, clearing, settlement, … */
  readonly phasesMs: Readonly<Record<string, number>>;
  /** From the start of the pipeline to the last settlement, ms. */
  readonly runMs: number;
  /** Distinct payments per second over `runMs`. */
  readonly paymentsPerSecond: number;
  /** `deltran.stage.latency_ms` per stage. */
  readonly stages: readonly DemoStageTiming[];
}

/** One check of {@link DemoReport.checks}. */
export interface DemoCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The demo's report. */
export interface DemoReport {
  readonly format: 'deltran.demo-report';
  readonly version: 1;
  readonly seed: number;
  readonly day: string;
  readonly banks: number;
  readonly currencies: readonly string[];
  readonly payments: {
    /** Everything submitted to the gateway: distinct payments, resubmissions and the conflict. */
    readonly received: number;
    readonly distinct: number;
    readonly messages: number;
    readonly allowed: number;
    readonly rejected: number;
    readonly held: number;
    readonly duplicates: number;
    readonly conflicts: number;
    readonly obligations: { readonly total: number; readonly international: number; readonly local: number };
    readonly minted: number;
    readonly pendingMints: number;
    readonly windows: number;
    readonly settlementInstructions: {
      readonly total: number;
      readonly netPositions: number;
      readonly localPayments: number;
    };
  };
  readonly rejections: {
    readonly total: number;
    /** Grouped by the first reason code of each refused payment, largest group first. */
    readonly byReason: readonly {
      readonly code: string;
      readonly count: number;
      readonly examples: readonly { readonly uetr: string; readonly reasons: readonly string[] }[];
    }[];
    /** The UETR re-used with other content, refused at compliance. */
    readonly conflicts: readonly { readonly uetr: string; readonly code: string }[];
  };
  readonly tokens: readonly {
    readonly currency: string;
    readonly minted: DemoAmount;
    /** Burned into payouts the bank confirmed. */
    readonly burned: DemoAmount;
    /** Burned, then restored when the bank rejected the payout. */
    readonly restored: DemoAmount;
    readonly reserve: string;
    readonly tokenSupply: string;
    readonly unallocated: string;
    readonly payoutInFlight: string;
    /** `tokenSupply = minted − burned`. */
    readonly supplyMatches: boolean;
    readonly balanced: boolean;
    readonly openBreaks: number;
  }[];
  readonly verify: {
    readonly ok: boolean;
    readonly records: number;
    readonly head: string;
    readonly problems: number;
  };
  readonly netting: readonly {
    readonly currency: string;
    readonly windows: number;
    readonly obligations: number;
    readonly gross: string;
    readonly bilateral: string;
    readonly settled: string;
    readonly savings: string;
    readonly savingsPercent: string;
    readonly instructions: number;
  }[];
  readonly settlement: {
    readonly counts: Readonly<Record<string, number>>;
    readonly open: number;
    readonly byCurrency: readonly {
      readonly currency: string;
      readonly settled: DemoAmount;
      readonly rejected: DemoAmount;
    }[];
    readonly rejected: readonly {
      readonly instructionId: string;
      readonly from: string;
      readonly to: string;
      readonly currency: string;
      readonly amount: string;
      readonly reason: string;
    }[];
  };
  readonly messages: {
    readonly dir: string;
    readonly count: number;
    readonly byType: Readonly<Record<string, number>>;
  };
  readonly html?: string;
  readonly checks: readonly DemoCheck[];
  readonly ok: boolean;
  readonly timings: DemoTimings;
}

/** What {@link buildDemoReport} needs besides the world and the run. */
export interface DemoReportContext {
  readonly verify: VerifyReport;
  readonly messages: {
    readonly dir: string;
    readonly count: number;
    readonly byType: Readonly<Record<string, number>>;
  };
  readonly html?: string;
  readonly timings: Omit<DemoTimings, 'stages'>;
}

const STAGE_ORDER = ['compliance', 'obligations', 'token', 'clearing', 'routing', 'risk', 'settlement'];

interface Sum {
  count: number;
  minor: bigint;
}

function add(map: Map<string, Sum>, currency: string, minor: bigint): void {
  const s = map.get(currency);
  if (s === undefined) map.set(currency, { count: 1, minor });
  else {
    s.count += 1;
    s.minor += minor;
  }
}

function amountOf(map: Map<string, Sum>, currency: string): DemoAmount {
  const s = map.get(currency);
  return { count: s?.count ?? 0, amount: text(s?.minor ?? 0n, currency) };
}

function text(minor: bigint, currency: string): string {
  return formatMoney(fromMinor(minor, currency as CurrencyCode));
}

/**
 * `part / whole × 100` with two fraction digits, rounded half to even, in integers; `"0.00"` when
 * `whole` is zero (the same rule as the clearing report's `savingsPercent`).
 */
export function percent(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '0.00';
  const n = (part < 0n ? -part : part) * 10_000n;
  let q = n / whole;
  const r2 = (n % whole) * 2n;
  if (r2 > whole || (r2 === whole && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(3, '0');
  return `${part < 0n && q !== 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the report of a finished demo day.
 * @param world - the world the day ran in
 * @param run - what `runDemoDay` returned
 * @param context - ledger verification, the messages written, the HTML path and the timings
 * @returns the report, with its checks
 */
export function buildDemoReport(
  world: DemoWorld,
  run: DemoRunResult,
  context: DemoReportContext,
): DemoReport {
  const health = run.pipeline.health().stages;
  const detail = (stage: string, key: string): number => Number(health[stage]?.detail?.[key] ?? 0);

  // Payments per stage.
  const refused = new Set(run.rejections.map((r) => r.uetr));
  const allowedPayments = world.payments.filter((p) => !refused.has(p.uetr));
  const mintedByCurrency = new Map<string, Sum>();
  const notMinted: string[] = [];
  for (const p of allowedPayments) {
    const mint = run.ledger.getMint(`mint:${p.uetr}`);
    if (mint?.status === 'minted' && mint.amount.minor === p.amount.minor)
      add(mintedByCurrency, p.amount.currency, mint.amount.minor);
    else notMinted.push(p.uetr);
  }
  const minted = [...mintedByCurrency.values()].reduce((n, s) => n + s.count, 0);
  const netPositions = run.settlements.filter((s) => s.source.kind === 'netPosition').length;
  const payments: DemoReport['payments'] = {
    received: run.submitted.payments + run.submitted.duplicates + run.submitted.conflicts,
    distinct: run.submitted.payments,
    messages: run.submitted.messages,
    allowed: run.decisions.ALLOW,
    rejected: run.decisions.REJECT,
    held: run.decisions.REVIEW,
    duplicates: detail('compliance', 'duplicates'),
    conflicts: detail('compliance', 'conflicts'),
    obligations: {
      total: detail('obligations', 'obligations'),
      international: detail('obligations', 'clearing'),
      local: detail('obligations', 'local'),
    },
    minted,
    pendingMints: detail('token', 'pendingMints'),
    windows: run.windows.length,
    settlementInstructions: {
      total: run.settlements.length,
      netPositions,
      localPayments: run.settlements.length - netPositions,
    },
  };

  // Rejections, grouped by the first reason code.
  const groups = new Map<string, { uetr: string; reasons: readonly string[] }[]>();
  for (const r of run.rejections) {
    const code = r.reasons[0]?.split(':')[0] ?? r.decision;
    const list = groups.get(code) ?? [];
    list.push({ uetr: r.uetr, reasons: r.reasons });
    groups.set(code, list);
  }
  const rejections: DemoReport['rejections'] = {
    total: run.rejections.length,
    byReason: [...groups]
      .sort(([a, x], [b, y]) => y.length - x.length || byCode(a, b))
      .map(([code, list]) => ({ code, count: list.length, examples: list.slice(0, 3) })),
    conflicts: payments.conflicts > 0 ? [{ uetr: world.conflict.uetr, code: DUPLICATE_UETR_CONFLICT }] : [],
  };

  // Tokens minted and burned, and the reconciliation of each currency's books.
  const burned = new Map<string, Sum>();
  const restored = new Map<string, Sum>();
  for (const s of run.settlements) {
    const payout = findPayout(run.ledger, payoutIdOf(s.instructionId));
    if (payout?.status === 'confirmed') add(burned, payout.amount.currency, payout.amount.minor);
    else if (payout?.status === 'cancelled') add(restored, payout.amount.currency, payout.amount.minor);
  }
  const tokens = run.ledger.currencies().map((currency) => {
    const p = run.ledger.position(currency);
    const mintedMinor = mintedByCurrency.get(currency)?.minor ?? 0n;
    const burnedMinor = burned.get(currency)?.minor ?? 0n;
    return {
      currency,
      minted: amountOf(mintedByCurrency, currency),
      burned: amountOf(burned, currency),
      restored: amountOf(restored, currency),
      reserve: formatMoney(p.reserve),
      tokenSupply: formatMoney(p.tokenSupply),
      unallocated: formatMoney(p.unallocated),
      payoutInFlight: formatMoney(p.payoutInFlight),
      supplyMatches: p.tokenSupply.minor === mintedMinor - burnedMinor,
      balanced: p.balanced,
      openBreaks: p.openBreaks,
    };
  });
  const verify = {
    ok: context.verify.ok,
    records: context.verify.records,
    head: context.verify.head.hash,
    problems: context.verify.problems.length,
  };

  // Netting per currency, summed over the windows in bigint minor units.
  const nettingSums = new Map<
    string,
    {
      windows: number;
      obligations: number;
      gross: bigint;
      bilateral: bigint;
      settled: bigint;
      savings: bigint;
      instructions: number;
    }
  >();
  for (const w of run.windows) {
    for (const s of w.result.stats) {
      let t = nettingSums.get(s.currency);
      if (t === undefined) {
        t = {
          windows: 0,
          obligations: 0,
          gross: 0n,
          bilateral: 0n,
          settled: 0n,
          savings: 0n,
          instructions: 0,
        };
        nettingSums.set(s.currency, t);
      }
      t.windows += 1;
      t.obligations += s.obligationCount;
      t.gross += s.gross.minor;
      t.bilateral += s.bilateral.minor;
      t.settled += s.settled.minor;
      t.savings += s.savings.minor;
      t.instructions += s.instructionCount;
    }
  }
  const netting = [...nettingSums.keys()].sort(byCode).map((currency) => {
    const t = nettingSums.get(currency)!;
    return {
      currency,
      windows: t.windows,
      obligations: t.obligations,
      gross: text(t.gross, currency),
      bilateral: text(t.bilateral, currency),
      settled: text(t.settled, currency),
      savings: text(t.savings, currency),
      savingsPercent: percent(t.savings, t.gross),
      instructions: t.instructions,
    };
  });

  // Settlement results.
  const counts: Record<string, number> = { SETTLED: 0, REJECTED: 0, TIMED_OUT: 0 };
  const settledBy = new Map<string, Sum>();
  const rejectedBy = new Map<string, Sum>();
  for (const s of run.settlements) {
    counts[s.status] = (counts[s.status] ?? 0) + 1;
    if (s.status === 'SETTLED') add(settledBy, s.currency, s.amount.minor);
    if (s.status === 'REJECTED') add(rejectedBy, s.currency, s.amount.minor);
  }
  const settlementCurrencies = [...new Set(run.settlements.map((s) => s.currency))].sort(byCode);
  const settlement: DemoReport['settlement'] = {
    counts,
    open: detail('settlement', 'open'),
    byCurrency: settlementCurrencies.map((currency) => ({
      currency,
      settled: amountOf(settledBy, currency),
      rejected: amountOf(rejectedBy, currency),
    })),
    rejected: run.settlements
      .filter((s) => s.status !== 'SETTLED')
      .map((s) => ({
        instructionId: s.instructionId,
        from: s.from,
        to: s.to,
        currency: s.currency,
        amount: formatMoney(s.amount),
        reason:
          s.reason === undefined ? s.status : `${s.reason.code}${s.reason.text ? ` ${s.reason.text}` : ''}`,
      })),
  };

  // Per-stage latency.
  const stageNames = new Set<string>();
  const latency = run.metrics;
  for (const h of latency.snapshot().histograms)
    if (h.name === 'deltran.stage.latency_ms' && typeof h.attributes.stage === 'string')
      stageNames.add(h.attributes.stage);
  const rank = (s: string): number => (STAGE_ORDER.includes(s) ? STAGE_ORDER.indexOf(s) : STAGE_ORDER.length);
  const stages = [...stageNames]
    .sort((a, b) => rank(a) - rank(b) || byCode(a, b))
    .flatMap((stage) => {
      const h = latency.histogramSummary('deltran.stage.latency_ms', { stage });
      return h === undefined
        ? []
        : [{ stage, messages: h.count, p50: h.p50, p95: h.p95, p99: h.p99, max: h.max }];
    });

  const checks = demoChecks(world, run, { notMinted, tokens, verify, settlement, payments });
  return {
    format: 'deltran.demo-report',
    version: 1,
    seed: world.seed,
    day: new Date(world.startMs).toISOString().slice(0, 10),
    banks: world.banks.length,
    currencies: [...new Set(world.banks.map((b) => b.currency))].sort(byCode),
    payments,
    rejections,
    tokens,
    verify,
    netting,
    settlement,
    messages: context.messages,
    ...(context.html === undefined ? {} : { html: context.html }),
    checks,
    ok: checks.every((c) => c.ok),
    timings: { ...context.timings, stages },
  };
}

function demoChecks(
  world: DemoWorld,
  run: DemoRunResult,
  r: {
    readonly notMinted: readonly string[];
    readonly tokens: DemoReport['tokens'];
    readonly verify: DemoReport['verify'];
    readonly settlement: DemoReport['settlement'];
    readonly payments: DemoReport['payments'];
  },
): DemoCheck[] {
  const refused = new Map(run.rejections.map((x) => [x.uetr, x]));
  const mustRefuse = new Set([...world.sanctionedUetrs, ...world.suspendedUetrs]);
  const sanctionedPassed = [...mustRefuse].filter(
    (u) => refused.get(u)?.decision !== 'REJECT' || run.ledger.getMint(`mint:${u}`) !== undefined,
  );
  const unbalanced = r.tokens.filter((t) => !t.balanced || t.openBreaks > 0).map((t) => t.currency);
  const supplyOff = r.tokens.filter((t) => !t.supplyMatches).map((t) => t.currency);
  const notFinal = run.settlements.filter((s) => s.status === 'TIMED_OUT').length + r.settlement.open;
  // The simulated bank rejects the first net credit paid to the world's rejected bank in its currency:
  // expected exactly when such a net credit exists (a very small day may have none).
  const target = world.rejectedPayout;
  const candidate = run.windows.some((w) =>
    w.result.netPositions.some(
      (p) => p.participant === target.bic && p.currency === target.currency && p.amount.minor > 0n,
    ),
  );
  const rejected = run.settlements.filter((s) => s.status === 'REJECTED');
  const rejectedOk = candidate
    ? rejected.length === 1 &&
      rejected[0]!.to === target.bic &&
      rejected[0]!.currency === target.currency &&
      findPayout(run.ledger, payoutIdOf(rejected[0]!.instructionId))?.status === 'cancelled'
    : rejected.length === 0;
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  return [
    {
      name: 'every allowed payment minted 1:1',
      ok:
        r.notMinted.length === 0 && r.payments.minted === r.payments.allowed && r.payments.pendingMints === 0,
      detail:
        r.notMinted.length === 0
          ? `${r.payments.minted.toLocaleString('en-US')} of ${r.payments.allowed.toLocaleString('en-US')}`
          : `${plural(r.notMinted.length, 'allowed payment')} not minted, first ${r.notMinted[0]}`,
    },
    {
      name: 'sanctioned and suspended-bank payments refused, never minted',
      ok: sanctionedPassed.length === 0,
      detail:
        sanctionedPassed.length === 0
          ? `${world.sanctionedUetrs.size} sanctioned, ${world.suspendedUetrs.size} from the suspended bank, ${mustRefuse.size} refused`
          : `${plural(sanctionedPassed.length, 'payment')} passed, first ${sanctionedPassed[0]}`,
    },
    {
      name: 'resubmitted payments processed once, the re-used UETR refused',
      ok: r.payments.duplicates === world.duplicates.length && r.payments.conflicts === 1,
      detail: `${r.payments.duplicates} of ${world.duplicates.length} duplicates ignored, ${r.payments.conflicts} of 1 conflict refused`,
    },
    {
      name: 'every ledger currency balanced, token supply = minted − burned',
      ok: unbalanced.length === 0 && supplyOff.length === 0,
      detail:
        unbalanced.length === 0 && supplyOff.length === 0
          ? `${r.tokens.length} currencies`
          : [
              unbalanced.length > 0 ? `unbalanced or with open breaks: ${unbalanced.join(', ')}` : '',
              supplyOff.length > 0 ? `supply ≠ minted − burned: ${supplyOff.join(', ')}` : '',
            ]
              .filter((x) => x !== '')
              .join('; '),
    },
    {
      name: 'ledger journal verified (ledger.verify())',
      ok: r.verify.ok,
      detail: r.verify.ok
        ? `${r.verify.records.toLocaleString('en-US')} journal records replayed, hash chain intact`
        : `${plural(r.verify.problems, 'problem')}`,
    },
    {
      name: 'no settlement left open or timed out',
      ok: notFinal === 0,
      detail: notFinal === 0 ? `${r.settlement.counts.SETTLED ?? 0} settled` : `${notFinal} not final`,
    },
    {
      name: 'exactly the expected settlement rejected',
      ok: rejectedOk,
      detail: candidate
        ? `expected 1 rejected payout to ${target.bic} in ${target.currency}, got ${rejected.length}${rejected.length > 0 ? ` (${rejected.map((s) => `${s.to} ${s.currency}`).join(', ')})` : ''}`
        : `no net ${target.currency} credit to ${target.bic} today, so none expected; got ${rejected.length}`,
    },
  ];
}

/**
 * The HTML page of the day: one clearing report per closed window, the settlement report, and the
 * demo's figures as its summary. Deterministic: the page's time is the day's last settlement (virtual
 * clock), not the wall clock.
 */
export function renderDemoHtml(world: DemoWorld, run: DemoRunResult, report: DemoReport): string {
  const clearing: ClearingReport[] = run.windows.map((w) =>
    createClearingReport({
      windowId: w.id,
      closedAt: new Date(w.closedAtMs).toISOString(),
      reason: w.reason,
      obligations: w.obligations,
      result: w.result,
    }),
  );
  const settlement: SettlementReport = createSettlementReport(
    run.settlements.map((s) => ({
      instructionId: s.instructionId,
      uetr: s.uetr,
      status: s.status,
      from: s.from,
      to: s.to,
      currency: s.currency,
      amount: formatMoney(s.amount),
      rail: s.rail,
      ...(s.reason === undefined ? {} : { reason: s.reason }),
      submittedAt: s.submittedAt,
      completedAt: s.completedAt,
      attempts: s.attempts,
    })),
  );
  let last = '';
  for (const s of run.settlements) if (s.completedAt > last) last = s.completedAt;
  const p = report.payments;
  return renderReportHtml({
    title: `DelTran demo day ${report.day} (seed ${world.seed})`,
    generatedAt: last === '' ? new Date(world.startMs).toISOString() : last,
    clearing,
    settlement,
    summary: {
      'payments received': p.received,
      'distinct payments': p.distinct,
      allowed: p.allowed,
      'rejected at compliance': p.rejected,
      'held for review': p.held,
      'duplicates ignored': p.duplicates,
      'UETR conflicts refused': p.conflicts,
      'obligations (international / local)': `${p.obligations.international} / ${p.obligations.local}`,
      'tokens minted': p.minted,
      'ledger verified': report.verify.ok ? `ok, ${report.verify.records} journal records` : 'FAILED',
      'settlement messages': report.messages.count,
      'day ended as expected': report.ok ? 'yes' : 'no',
    },
  });
}
