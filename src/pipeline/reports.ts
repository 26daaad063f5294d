/**
 * Reports of a DelTran run: a clearing report per netting window, a settlement report over the
 * settlement instructions, both as plain JSON-safe data (every amount a decimal string, STYLE.md §3.1),
 * and one self-contained HTML page that shows them.
 *
 * Pure and deterministic: no clock (times are passed in), no randomness, no I/O. The same input always
 * gives the same report and the same HTML, byte for byte.
 *
 * @packageDocumentation
 */
import {
  CoreErrorCodes,
  type CurrencyCode,
  DeltranError,
  formatMoney,
  fromMinor,
  type Issue,
  isCurrencyCode,
  type Money,
  money,
  ValidationError,
} from '../index';
import type { NettingMode, NettingResult, Obligation } from '../netting/index';
import { SETTLEMENT_STATUSES, type SettlementStatus } from '../settlement/index';
import { renderHtmlPage } from './_internal/report-html';
import { percentOf } from './_internal/report-text';

// ─── Clearing report ────────────────────────────────────────────────────────────────────────────────

/** What {@link createClearingReport} needs: one closed netting window and its result. @public */
export interface ClearingReportInput {
  /** The netting window's id (the `subject` of its events). */
  readonly windowId: string;
  /** When the window closed: an RFC 3339 timestamp such as `2026-01-02T03:04:05.678Z`. */
  readonly closedAt: string;
  /** Why it closed (`count`, `time`, `manual`, or the host's own words). */
  readonly reason?: string;
  /** The obligations the window netted, with `Money` or decimal-string amounts (`ObligationJson` fits). */
  readonly obligations: readonly Obligation[];
  /** The result of `net(obligations, …)`. */
  readonly result: NettingResult;
}

/** A participant's net position in a {@link ClearingCurrencyReport}. @public */
export interface ClearingReportPosition {
  /** The participant. */
  readonly participant: string;
  /** Received minus paid, a decimal string (negative for a net debtor). */
  readonly amount: string;
}

/** One debtor→creditor link of the obligation graph before netting. @public */
export interface ClearingReportLink {
  /** The debtor. */
  readonly from: string;
  /** The creditor. */
  readonly to: string;
  /** Σ of the obligations from `from` to `to`, a positive decimal string. */
  readonly amount: string;
  /** How many obligations the link adds up. */
  readonly obligationCount: number;
}

/** One payment of the obligation graph after netting: a settlement instruction. @public */
export interface ClearingReportPayment {
  /** The payer. */
  readonly from: string;
  /** The payee. */
  readonly to: string;
  /** Positive amount, a decimal string. */
  readonly amount: string;
}

/** The figures and graphs of one currency of a clearing window; every amount is in `currency`. @public */
export interface ClearingCurrencyReport {
  /** ISO 4217 code. */
  readonly currency: string;
  /** Obligations in this currency. */
  readonly obligationCount: number;
  /** Participants with at least one obligation in this currency. */
  readonly participantCount: number;
  /** Those participants, in code-unit order. */
  readonly participants: readonly string[];
  /** Σ of all obligations: what gross settlement pays. */
  readonly gross: string;
  /** What bilateral netting pays. */
  readonly bilateral: string;
  /** Σ of the net debit positions: no netting can pay less. */
  readonly lowerBound: string;
  /** What this window's instructions pay. */
  readonly settled: string;
  /** `gross − settled`. */
  readonly savings: string;
  /**
   * `savings / gross × 100` with two fraction digits, rounded half to even (`"66.67"`); `"0.00"` when
   * nothing is owed. A decimal string computed in integers, like the amounts.
   */
  readonly savingsPercent: string;
  /** Number of instructions. */
  readonly instructionCount: number;
  /** Number of strongly connected components of the obligation graph. */
  readonly componentCount: number;
  /** The strongly connected components with two or more participants (where cycles can be netted). */
  readonly cyclicComponents: readonly (readonly string[])[];
  /** Every participant's net position, in code-unit order (zero positions included). */
  readonly netPositions: readonly ClearingReportPosition[];
  /**
   * The obligation graph before netting: one link per debtor→creditor pair, sorted by debtor, then
   * creditor (code-unit order).
   */
  readonly edgesBefore: readonly ClearingReportLink[];
  /** The settlement instructions, which are also the graph after netting; sorted by payer, then payee. */
  readonly instructions: readonly ClearingReportPayment[];
}

/**
 * The report of one netting window: JSON-safe (`JSON.parse(JSON.stringify(report))` deep-equals it),
 * with every amount a canonical decimal string in the currency's minor unit.
 * @public
 */
export interface ClearingReport {
  /** Always `'deltran.clearing-report'`. */
  readonly format: 'deltran.clearing-report';
  /** Version of this shape: `1`. Fields are added, never renamed. */
  readonly version: 1;
  /** The window's id. */
  readonly windowId: string;
  /** When it closed (RFC 3339). */
  readonly closedAt: string;
  /** Why it closed, when given. */
  readonly reason?: string;
  /** The netting mode. */
  readonly mode: NettingMode;
  /** The hub account, in `hub` mode only. */
  readonly hub?: string;
  /** The netting result's `sha256:` digest, so the report can be matched to the result. */
  readonly digest: string;
  /** Obligations in all currencies. */
  readonly obligationCount: number;
  /** Distinct participants in all currencies. */
  readonly participantCount: number;
  /** Instructions in all currencies. */
  readonly instructionCount: number;
  /** One entry per currency, sorted by code. */
  readonly currencies: readonly ClearingCurrencyReport[];
}

/**
 * Builds the report of one closed netting window from its obligations and its netting result.
 *
 * The figures come from the result; the graph before netting is rebuilt from the obligations, and
 * checked against the result: per currency the obligation count and the gross total must agree.
 *
 * @param input - the window id, when and why it closed, its obligations and `net`'s result
 * @returns a new report; nothing in it is shared with the input
 * @throws {@link ValidationError} (`CORE_INVALID_INPUT`) with every problem in `issues` when the window id
 *   is empty, `closedAt` is not RFC 3339, an obligation amount is invalid, or the obligations do not
 *   match the result
 * @example
 * ```ts
 * const result = net(obligations, { mode: 'multilateral' });
 * const report = createClearingReport({ windowId: 'W-1', closedAt: '2026-01-02T10:00:00Z', obligations, result });
 * report.currencies[0].savingsPercent; // "66.67"
 * ```
 * @public
 */
export function createClearingReport(input: ClearingReportInput): ClearingReport {
  const where = 'createClearingReport';
  const issues: Issue[] = [];
  if (typeof input.windowId !== 'string' || input.windowId.length === 0)
    issues.push(issue(['windowId'], 'expected a non-empty window id'));
  if (!isRfc3339(input.closedAt))
    issues.push(issue(['closedAt'], 'expected an RFC 3339 timestamp such as "2026-01-02T03:04:05Z"'));
  if (input.reason !== undefined && typeof input.reason !== 'string')
    issues.push(issue(['reason'], 'expected a string'));

  const { result } = input;
  const links = aggregateLinks(input.obligations, issues);
  throwIfAny(where, issues);

  const positionsByCurrency = groupBy(result.netPositions, (p) => p.currency);
  const instructionsByCurrency = groupBy(result.instructions, (i) => i.currency);
  const allParticipants = new Set<string>();
  const currencies: ClearingCurrencyReport[] = [];
  for (const stats of result.stats) {
    const currency = stats.currency;
    const own = links.get(currency);
    const count = own?.obligationCount ?? 0;
    const gross = own?.grossMinor ?? 0n;
    if (count !== stats.obligationCount || gross !== stats.gross.minor) {
      issues.push(
        issue(
          ['obligations'],
          `the obligations do not match the netting result: ${currency} has ${count} obligations totalling ${formatMinor(gross, currency)} here, ${stats.obligationCount} totalling ${formatMoney(stats.gross)} in the result`,
        ),
      );
      continue;
    }
    const positions = positionsByCurrency.get(currency) ?? [];
    const participants = positions.map((p) => p.participant);
    for (const p of participants) allParticipants.add(p);
    currencies.push({
      currency,
      obligationCount: stats.obligationCount,
      participantCount: stats.participantCount,
      participants,
      gross: formatMoney(stats.gross),
      bilateral: formatMoney(stats.bilateral),
      lowerBound: formatMoney(stats.lowerBound),
      settled: formatMoney(stats.settled),
      savings: formatMoney(stats.savings),
      savingsPercent: percentOf(stats.savings.minor, stats.gross.minor),
      instructionCount: stats.instructionCount,
      componentCount: stats.componentCount,
      cyclicComponents: stats.cyclicComponents.map((c) => [...c]),
      netPositions: positions.map((p) => ({ participant: p.participant, amount: formatMoney(p.amount) })),
      edgesBefore: own === undefined ? [] : sortedLinks(own, currency),
      instructions: (instructionsByCurrency.get(currency) ?? []).map((i) => ({
        from: i.from,
        to: i.to,
        amount: formatMoney(i.amount),
      })),
    });
  }
  for (const currency of links.keys()) {
    if (!result.stats.some((s) => s.currency === currency))
      issues.push(
        issue(['obligations'], `the obligations do not match the netting result: it has no ${currency}`),
      );
  }
  throwIfAny(where, issues);

  return {
    format: 'deltran.clearing-report',
    version: 1,
    windowId: input.windowId,
    closedAt: input.closedAt,
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    mode: result.mode,
    ...(result.hub === undefined ? {} : { hub: result.hub }),
    digest: result.digest,
    obligationCount: currencies.reduce((n, c) => n + c.obligationCount, 0),
    participantCount: allParticipants.size,
    instructionCount: currencies.reduce((n, c) => n + c.instructionCount, 0),
    currencies,
  };
}

interface CurrencyLinks {
  obligationCount: number;
  grossMinor: bigint;
  /** debtor → creditor → total and count of the obligations */
  readonly pairs: Map<string, Map<string, { minor: bigint; count: number }>>;
}

function aggregateLinks(obligations: readonly Obligation[], issues: Issue[]): Map<string, CurrencyLinks> {
  const byCurrency = new Map<string, CurrencyLinks>();
  if (!Array.isArray(obligations)) {
    issues.push(issue(['obligations'], 'expected an array of obligations'));
    return byCurrency;
  }
  for (let index = 0; index < obligations.length; index++) {
    const o = obligations[index]!;
    const minor = obligationMinor(o, index, issues);
    if (minor === undefined) continue;
    let links = byCurrency.get(o.currency);
    if (links === undefined) {
      links = { obligationCount: 0, grossMinor: 0n, pairs: new Map() };
      byCurrency.set(o.currency, links);
    }
    links.obligationCount++;
    links.grossMinor += minor;
    let row = links.pairs.get(o.debtor);
    if (row === undefined) {
      row = new Map();
      links.pairs.set(o.debtor, row);
    }
    const cell = row.get(o.creditor);
    if (cell === undefined) row.set(o.creditor, { minor, count: 1 });
    else {
      cell.minor += minor;
      cell.count++;
    }
  }
  return byCurrency;
}

function obligationMinor(o: Obligation, index: number, issues: Issue[]): bigint | undefined {
  const path = ['obligations', index];
  if (typeof o !== 'object' || o === null) {
    issues.push(issue(path, 'expected an obligation object'));
    return undefined;
  }
  if (typeof o.debtor !== 'string' || typeof o.creditor !== 'string' || !isCurrencyCode(o.currency)) {
    issues.push(issue(path, 'expected string debtor and creditor and an ISO 4217 currency'));
    return undefined;
  }
  const amount = o.amount;
  if (typeof amount === 'string') {
    const parsed = tryMoney(amount, o.currency, [...path, 'amount'], issues);
    return parsed?.minor;
  }
  if (typeof amount === 'object' && amount !== null && typeof amount.minor === 'bigint') {
    if (amount.currency !== o.currency) {
      issues.push(issue([...path, 'amount'], `expected an amount in ${o.currency}, got ${amount.currency}`));
      return undefined;
    }
    return amount.minor;
  }
  issues.push(issue([...path, 'amount'], 'expected a decimal string or a Money'));
  return undefined;
}

function sortedLinks(links: CurrencyLinks, currency: CurrencyCode): ClearingReportLink[] {
  const out: ClearingReportLink[] = [];
  for (const from of [...links.pairs.keys()].sort(byCodeUnit)) {
    const row = links.pairs.get(from)!;
    for (const to of [...row.keys()].sort(byCodeUnit)) {
      const cell = row.get(to)!;
      out.push({ from, to, amount: formatMinor(cell.minor, currency), obligationCount: cell.count });
    }
  }
  return out;
}

// ─── Settlement report ──────────────────────────────────────────────────────────────────────────────

/**
 * Where a settlement instruction stands: PENDING → SUBMITTED → ACCEPTED → SETTLED, or REJECTED or
 * TIMED_OUT.
 * @public
 */
export type SettlementReportStatus = SettlementStatus;

/** Every {@link SettlementReportStatus}, in lifecycle order (the order of every count and total). @public */
export const SETTLEMENT_REPORT_STATUSES: readonly SettlementReportStatus[] = SETTLEMENT_STATUSES;

/**
 * One settlement instruction as the settlement module (or a host) tracks it. Structural: any object with
 * these fields fits, and other fields are ignored.
 * @public
 */
export interface SettlementReportRow {
  /** Unique id of the instruction. */
  readonly instructionId: string;
  /** UETR of the settlement message, when one was sent. */
  readonly uetr?: string;
  /** Where it stands. */
  readonly status: SettlementReportStatus;
  /** The payer. */
  readonly from: string;
  /** The payee. */
  readonly to: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Positive amount, a decimal string in the currency's minor unit (`"10.50"`). */
  readonly amount: string;
  /** The rail it went over (`iso20022`, `swift-mt`, `api`, …). */
  readonly rail?: string;
  /** Why it was rejected or timed out: a code (an ISO 20022 `StsRsnInf/Rsn/Cd` such as `AM04`) and text. */
  readonly reason?: { readonly code: string; readonly text?: string };
  /** When it was submitted (RFC 3339). */
  readonly submittedAt?: string;
  /** When it reached SETTLED, REJECTED or TIMED_OUT (RFC 3339). */
  readonly completedAt?: string;
  /** How many submissions were made. */
  readonly attempts?: number;
}

/** A count and an exact total. @public */
export interface SettlementReportTotal {
  /** Number of instructions. */
  readonly count: number;
  /** Σ of their amounts, a decimal string. */
  readonly amount: string;
}

/** The totals of one currency in a {@link SettlementReport}. @public */
export interface SettlementCurrencyTotals {
  /** ISO 4217 code. */
  readonly currency: string;
  /** All instructions in this currency. */
  readonly total: SettlementReportTotal;
  /** Per status, every status present (with zero when none). */
  readonly byStatus: Readonly<Record<SettlementReportStatus, SettlementReportTotal>>;
}

/** The report of a set of settlement instructions: JSON-safe, amounts as decimal strings. @public */
export interface SettlementReport {
  /** Always `'deltran.settlement-report'`. */
  readonly format: 'deltran.settlement-report';
  /** Version of this shape: `1`. */
  readonly version: 1;
  /** Number of rows. */
  readonly rowCount: number;
  /** Rows per status, every status present. */
  readonly counts: Readonly<Record<SettlementReportStatus, number>>;
  /** Totals per currency, sorted by code. */
  readonly totals: readonly SettlementCurrencyTotals[];
  /**
   * The rows sorted by `instructionId` (code-unit order), amounts in canonical form (`"10.5"` becomes
   * `"10.50"`), unknown fields dropped.
   */
  readonly rows: readonly SettlementReportRow[];
}

/**
 * Builds the settlement report: counts per status, exact totals per currency and status, sorted rows.
 *
 * @param rows - one row per settlement instruction, in any order
 * @returns the report
 * @throws {@link ValidationError} (`CORE_INVALID_INPUT`) with every problem in `issues` when a row has an
 *   unknown status or currency, an amount that is not a positive decimal of its currency, a time that is
 *   not RFC 3339, a negative or fractional `attempts`, or an `instructionId` used twice
 * @example
 * ```ts
 * const report = createSettlementReport([
 *   { instructionId: 'I-1', status: 'SETTLED', from: 'BANKAAAA', to: 'BANKBBBB', currency: 'EUR', amount: '10.50' },
 * ]);
 * report.totals[0].byStatus.SETTLED; // { count: 1, amount: "10.50" }
 * ```
 * @public
 */
export function createSettlementReport(rows: readonly SettlementReportRow[]): SettlementReport {
  const where = 'createSettlementReport';
  const issues: Issue[] = [];
  if (!Array.isArray(rows)) {
    throwIfAny(where, [issue([], 'expected an array of rows')]);
  }
  const seen = new Set<string>();
  const normalised: SettlementReportRow[] = [];
  const minors: bigint[] = [];
  for (let index = 0; index < rows.length; index++) {
    const checked = checkRow(rows[index]!, ['rows', index], issues);
    if (checked === undefined) continue;
    if (seen.has(checked.row.instructionId)) {
      issues.push(
        issue(['rows', index, 'instructionId'], `instructionId "${checked.row.instructionId}" is used twice`),
      );
      continue;
    }
    seen.add(checked.row.instructionId);
    normalised.push(checked.row);
    minors.push(checked.minor);
  }
  throwIfAny(where, issues);

  const order = normalised
    .map((_, i) => i)
    .sort((a, b) => byCodeUnit(normalised[a]!.instructionId, normalised[b]!.instructionId));
  const counts = zeroCounts();
  const totals = new Map<string, { total: bigint; count: number; minor: bigint[]; counts: number[] }>();
  for (let i = 0; i < normalised.length; i++) {
    const row = normalised[i]!;
    const status = SETTLEMENT_REPORT_STATUSES.indexOf(row.status);
    counts[row.status]++;
    let t = totals.get(row.currency);
    if (t === undefined) {
      t = {
        total: 0n,
        count: 0,
        minor: SETTLEMENT_REPORT_STATUSES.map(() => 0n),
        counts: SETTLEMENT_REPORT_STATUSES.map(() => 0),
      };
      totals.set(row.currency, t);
    }
    t.total += minors[i]!;
    t.count++;
    t.minor[status]! += minors[i]!;
    t.counts[status]!++;
  }
  return {
    format: 'deltran.settlement-report',
    version: 1,
    rowCount: normalised.length,
    counts,
    totals: [...totals.keys()].sort(byCodeUnit).map((currency) => {
      const t = totals.get(currency)!;
      const code = currency as CurrencyCode;
      const byStatus = {} as Record<SettlementReportStatus, SettlementReportTotal>;
      SETTLEMENT_REPORT_STATUSES.forEach((status, s) => {
        byStatus[status] = { count: t.counts[s]!, amount: formatMinor(t.minor[s]!, code) };
      });
      return { currency, total: { count: t.count, amount: formatMinor(t.total, code) }, byStatus };
    }),
    rows: order.map((i) => normalised[i]!),
  };
}

function zeroCounts(): Record<SettlementReportStatus, number> {
  const counts = {} as Record<SettlementReportStatus, number>;
  for (const status of SETTLEMENT_REPORT_STATUSES) counts[status] = 0;
  return counts;
}

function checkRow(
  row: SettlementReportRow,
  path: (string | number)[],
  issues: Issue[],
): { row: SettlementReportRow; minor: bigint } | undefined {
  if (typeof row !== 'object' || row === null) {
    issues.push(issue(path, 'expected a settlement row object'));
    return undefined;
  }
  const before = issues.length;
  const text = (name: string | readonly string[], value: unknown, optional: boolean): void => {
    if (optional && value === undefined) return;
    const at = typeof name === 'string' ? [name] : name;
    if (typeof value !== 'string' || value.length === 0)
      issues.push(issue([...path, ...at], `expected a non-empty string in "${at.join('/')}"`));
  };
  text('instructionId', row.instructionId, false);
  text('from', row.from, false);
  text('to', row.to, false);
  text('uetr', row.uetr, true);
  text('rail', row.rail, true);
  if (!SETTLEMENT_REPORT_STATUSES.includes(row.status))
    issues.push(issue([...path, 'status'], `expected one of ${SETTLEMENT_REPORT_STATUSES.join(', ')}`));
  for (const name of ['submittedAt', 'completedAt'] as const) {
    const value = row[name];
    if (value !== undefined && !isRfc3339(value))
      issues.push(issue([...path, name], `expected an RFC 3339 timestamp in "${name}"`));
  }
  if (row.attempts !== undefined && !(Number.isSafeInteger(row.attempts) && row.attempts >= 0))
    issues.push(issue([...path, 'attempts'], 'expected a whole number ≥ 0 in "attempts"'));
  const reason = row.reason;
  if (reason !== undefined) {
    if (typeof reason !== 'object' || reason === null)
      issues.push(issue([...path, 'reason'], 'expected { code, text? }'));
    else {
      text(['reason', 'code'], reason.code, false);
      if (reason.text !== undefined && typeof reason.text !== 'string')
        issues.push(issue([...path, 'reason', 'text'], 'expected a string'));
    }
  }
  let minor: bigint | undefined;
  if (!isCurrencyCode(row.currency)) {
    issues.push(issue([...path, 'currency'], 'expected an active ISO 4217 currency code'));
  } else {
    minor = tryMoney(row.amount, row.currency, [...path, 'amount'], issues)?.minor;
    if (minor !== undefined && minor <= 0n) {
      issues.push(issue([...path, 'amount'], `expected a positive amount, got "${row.amount}"`));
      minor = undefined;
    }
  }
  if (issues.length > before || minor === undefined) return undefined;
  const currency = row.currency as CurrencyCode;
  return {
    minor,
    row: {
      instructionId: row.instructionId,
      ...(row.uetr === undefined ? {} : { uetr: row.uetr }),
      status: row.status,
      from: row.from,
      to: row.to,
      currency,
      amount: formatMinor(minor, currency),
      ...(row.rail === undefined ? {} : { rail: row.rail }),
      ...(reason === undefined
        ? {}
        : {
            reason:
              reason.text === undefined ? { code: reason.code } : { code: reason.code, text: reason.text },
          }),
      ...(row.submittedAt === undefined ? {} : { submittedAt: row.submittedAt }),
      ...(row.completedAt === undefined ? {} : { completedAt: row.completedAt }),
      ...(row.attempts === undefined ? {} : { attempts: row.attempts }),
    },
  };
}

// ─── HTML ───────────────────────────────────────────────────────────────────────────────────────────

/** What {@link renderReportHtml} shows. @public */
export interface ReportHtmlInput {
  /** The page title. */
  readonly title: string;
  /** When the report was made (RFC 3339), passed in so the page is deterministic. */
  readonly generatedAt: string;
  /** One report per netting window, shown in this order. */
  readonly clearing: readonly ClearingReport[];
  /** The settlement report, when there is one. */
  readonly settlement?: SettlementReport;
  /** The host's own figures (payments per stage, timings, …), shown first in insertion order. */
  readonly summary?: Readonly<Record<string, string | number>>;
}

/** Limits of {@link renderReportHtml}, so a huge run still gives a page a browser opens. @public */
export interface ReportHtmlOptions {
  /**
   * Links drawn per graph: the largest by amount (ties by payer, then payee); a note says how many
   * were left out. Every figure in the tables stays exact and complete.
   * @defaultValue 200
   */
  readonly edgesMax?: number;
  /**
   * Settlement rows listed: problems first (REJECTED, TIMED_OUT, PENDING, SUBMITTED, ACCEPTED, SETTLED),
   * then by instruction id; a note says how many were left out. Counts and totals cover every row.
   * @defaultValue 1000
   */
  readonly settlementRowsMax?: number;
}

/** Default {@link ReportHtmlOptions}. @public */
export const REPORT_HTML_DEFAULTS: { readonly edgesMax: 200; readonly settlementRowsMax: 1000 } =
  Object.freeze({
    edgesMax: 200,
    settlementRowsMax: 1000,
  } as const);

/**
 * Renders clearing and settlement reports as one self-contained HTML page: inline CSS and inline SVG,
 * no script, no external URL, every text from the input HTML-escaped.
 *
 * The page holds a summary; per window a table per currency (gross, bilateral, settled, savings); per
 * window and currency the obligation graph before netting and after netting side by side (participants
 * on a circle in code-unit order, stroke width proportional to the amount, exact amounts in labels and
 * tooltips); and the settlement counts, totals and rows, coloured by status. The same input gives the
 * same string.
 *
 * @param input - title, generation time, clearing reports, and optionally a settlement report and
 *   the host's summary figures
 * @param options - how many links and settlement rows to draw at most
 * @returns the HTML document
 * @throws {@link ValidationError} (`CORE_INVALID_INPUT`) when `generatedAt` is not RFC 3339 or an option is
 *   not a positive whole number; a report's invalid amount throws `InvalidAmountError`
 * @example
 * ```ts
 * writeFileSync('report.html', renderReportHtml({ title: 'Day 1', generatedAt: now, clearing: [report] }));
 * ```
 * @public
 */
export function renderReportHtml(input: ReportHtmlInput, options: ReportHtmlOptions = {}): string {
  const issues: Issue[] = [];
  if (typeof input.title !== 'string') issues.push(issue(['title'], 'expected a string'));
  if (!isRfc3339(input.generatedAt))
    issues.push(issue(['generatedAt'], 'expected an RFC 3339 timestamp such as "2026-01-02T03:04:05Z"'));
  if (!Array.isArray(input.clearing))
    issues.push(issue(['clearing'], 'expected an array of clearing reports'));
  const edgesMax = options.edgesMax ?? REPORT_HTML_DEFAULTS.edgesMax;
  const settlementRowsMax = options.settlementRowsMax ?? REPORT_HTML_DEFAULTS.settlementRowsMax;
  for (const [name, value] of [
    ['edgesMax', edgesMax],
    ['settlementRowsMax', settlementRowsMax],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      issues.push(issue(['options', name], `expected a whole number ≥ 1 in "${name}"`));
  }
  throwIfAny('renderReportHtml', issues);
  return renderHtmlPage(input, { edgesMax, settlementRowsMax });
}

// ─── Shared helpers ─────────────────────────────────────────────────────────────────────────────────

// RFC 3339 date-time: date, `T`, time, optional fraction, `Z` or an offset (as in envelope.ts).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function isRfc3339(value: unknown): value is string {
  return typeof value === 'string' && RFC3339.test(value);
}

function issue(path: readonly (string | number)[], message: string): Issue {
  return { code: CoreErrorCodes.INVALID_INPUT, path, message };
}

function throwIfAny(where: string, issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const at = first.path.length === 0 ? '' : `${first.path.join('/')}: `;
  throw new ValidationError(
    CoreErrorCodes.INVALID_INPUT,
    `[deltran] ${where}: ${at}${first.message}${more}`,
    {
      path: first.path,
      issues,
    },
  );
}

function tryMoney(
  value: unknown,
  currency: CurrencyCode,
  path: readonly (string | number)[],
  issues: Issue[],
): Money | undefined {
  try {
    return money(value as string, currency, { path });
  } catch (error) {
    if (!(error instanceof DeltranError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

function formatMinor(minor: bigint, currency: string): string {
  return formatMoney(fromMinor(minor, currency as CurrencyCode));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}
