/**
 * The HTML page of `renderReportHtml`: one document with inline CSS and inline SVG, no script and no
 * external URL; every text that comes from the input goes through {@link escapeHtml}.
 *
 * @internal
 * @packageDocumentation
 */
import { type CurrencyCode, formatMoney, fromMinor, money } from '../../index';
import { SETTLEMENT_STATUSES } from '../../settlement/index';
import type {
  ClearingCurrencyReport,
  ClearingReport,
  ReportHtmlInput,
  SettlementReport,
  SettlementReportRow,
  SettlementReportStatus,
} from '../reports';
import { type GraphEdge, renderGraphPair } from './report-svg';
import { escapeHtml, groupDigits, percentOf } from './report-text';

/** Limits already checked by `renderReportHtml`. @internal */
export interface HtmlLimits {
  readonly edgesMax: number;
  readonly settlementRowsMax: number;
}

/** Lifecycle order, as everywhere in the reports (`deltran/settlement`'s `SETTLEMENT_STATUSES`). */
const STATUSES: readonly SettlementReportStatus[] = SETTLEMENT_STATUSES;
/** Order of the listed settlement rows: what needs attention first. */
const ATTENTION_ORDER: readonly SettlementReportStatus[] = [
  'REJECTED',
  'TIMED_OUT',
  'PENDING',
  'SUBMITTED',
  'ACCEPTED',
  'SETTLED',
];

const CSS = [
  ':root{color-scheme:light;--ink:#0f172a;--muted:#475569;--line:#cbd5e1;--soft:#f1f5f9}',
  '*{box-sizing:border-box}',
  'body{margin:0 auto;max-width:1200px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}',
  'h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:20px 0 6px}',
  '.meta,.note{color:var(--muted);margin:4px 0}.note{font-size:12px}code{font-size:12px;word-break:break-all}',
  'table{border-collapse:collapse;margin:8px 0 12px;font-variant-numeric:tabular-nums}',
  'th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--soft);font-weight:600}',
  'td.num,th.num{text-align:right;white-space:nowrap}',
  '.bar{display:inline-block;height:8px;background:#16a34a;border-radius:2px;vertical-align:middle;margin-left:6px}',
  '.graphs{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}',
  'figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px;background:#fff}',
  'figcaption{text-align:center;color:var(--muted);font-size:13px}',
  'svg{display:block;width:100%;height:auto;max-width:560px;margin:0 auto}',
  '.edge{fill:none;stroke:#334155;stroke-opacity:.55}',
  '.node{fill:#64748b;stroke:#fff;stroke-width:1}.node.credit{fill:#15803d}.node.debit{fill:#b91c1c}',
  '.name{font-size:11px;fill:var(--ink)}.amount{font-size:10px;fill:#1e3a8a;paint-order:stroke;stroke:#fff;stroke-width:3px}',
  '.empty{font-size:14px;fill:var(--muted)}',
  '.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}',
  '.st-pending{background:#64748b}.st-submitted{background:#2563eb}.st-accepted{background:#0891b2}',
  '.st-settled{background:#15803d}.st-rejected{background:#b91c1c}.st-timed-out{background:#c2410c}.st-unknown{background:#7c3aed}',
  'tr.row-rejected td{background:#fef2f2}tr.row-timed-out td{background:#fff7ed}',
  '.legend span{margin-right:12px}.dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px;vertical-align:middle}',
].join('\n');

/**
 * Renders the whole page.
 * @internal
 */
export function renderHtmlPage(input: ReportHtmlInput, limits: HtmlLimits): string {
  const body: string[] = [];
  body.push(
    `<header><h1>${escapeHtml(input.title)}</h1><p class="meta">Generated ${escapeHtml(input.generatedAt)}</p></header>`,
  );
  body.push(summarySection(input));
  input.clearing.forEach((report, index) => {
    body.push(windowSection(report, index, limits));
  });
  if (input.settlement !== undefined) body.push(settlementSection(input.settlement, limits));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ─── Summary ────────────────────────────────────────────────────────────────────────────────────────

interface CurrencyTotals {
  windows: number;
  obligations: number;
  instructions: number;
  gross: bigint;
  bilateral: bigint;
  settled: bigint;
  savings: bigint;
}

function summarySection(input: ReportHtmlInput): string {
  const out: string[] = ['<section id="summary"><h2>Summary</h2>'];
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(input.summary ?? {})) {
    rows.push([
      key,
      typeof value === 'number' && Number.isSafeInteger(value) ? groupDigits(value) : String(value),
    ]);
  }
  let obligations = 0;
  let instructions = 0;
  const totals = new Map<string, CurrencyTotals>();
  for (const report of input.clearing) {
    obligations += report.obligationCount;
    instructions += report.instructionCount;
    for (const c of report.currencies) {
      let t = totals.get(c.currency);
      if (t === undefined) {
        t = {
          windows: 0,
          obligations: 0,
          instructions: 0,
          gross: 0n,
          bilateral: 0n,
          settled: 0n,
          savings: 0n,
        };
        totals.set(c.currency, t);
      }
      t.windows++;
      t.obligations += c.obligationCount;
      t.instructions += c.instructionCount;
      t.gross += minorOf(c.gross, c.currency);
      t.bilateral += minorOf(c.bilateral, c.currency);
      t.settled += minorOf(c.settled, c.currency);
      t.savings += minorOf(c.savings, c.currency);
    }
  }
  const own: [string, string][] = [
    ['Netting windows', groupDigits(input.clearing.length)],
    ['Obligations netted', groupDigits(obligations)],
    ['Settlement instructions from netting', groupDigits(instructions)],
  ];
  if (input.settlement !== undefined) {
    own.push(['Settlement instructions tracked', groupDigits(input.settlement.rowCount)]);
    for (const status of STATUSES) {
      const n = input.settlement.counts[status] ?? 0;
      if (n > 0) own.push([`Settlement ${status}`, groupDigits(n)]);
    }
  }
  out.push('<table class="kv"><tbody>');
  for (const [key, value] of [...rows, ...own]) {
    out.push(`<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`);
  }
  out.push('</tbody></table>');
  if (totals.size > 0) {
    out.push(
      '<h3>Netting per currency, all windows</h3><table><thead><tr><th>Currency</th><th class="num">Windows</th><th class="num">Obligations</th><th class="num">Gross</th><th class="num">Bilateral</th><th class="num">Settled</th><th class="num">Savings</th><th>Savings %</th><th class="num">Instructions</th></tr></thead><tbody>',
    );
    for (const currency of [...totals.keys()].sort(byCodeUnit)) {
      const t = totals.get(currency)!;
      out.push(
        `<tr><td>${escapeHtml(currency)}</td><td class="num">${groupDigits(t.windows)}</td><td class="num">${groupDigits(t.obligations)}</td>` +
          `<td class="num">${fmt(t.gross, currency)}</td><td class="num">${fmt(t.bilateral, currency)}</td>` +
          `<td class="num">${fmt(t.settled, currency)}</td><td class="num">${fmt(t.savings, currency)}</td>` +
          `<td>${percentCell(percentOf(t.savings, t.gross))}</td><td class="num">${groupDigits(t.instructions)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

// ─── Clearing windows ───────────────────────────────────────────────────────────────────────────────

function windowSection(report: ClearingReport, index: number, limits: HtmlLimits): string {
  const out: string[] = [`<section class="window" id="window-${index + 1}">`];
  out.push(`<h2>Netting window ${escapeHtml(report.windowId)}</h2>`);
  const meta = [
    `Closed ${escapeHtml(report.closedAt)}`,
    ...(report.reason === undefined ? [] : [`reason: ${escapeHtml(report.reason)}`]),
    `mode: ${escapeHtml(report.mode)}`,
    ...(report.hub === undefined ? [] : [`hub: ${escapeHtml(report.hub)}`]),
    `${groupDigits(report.obligationCount)} obligations`,
    `${groupDigits(report.participantCount)} participants`,
    `${groupDigits(report.instructionCount)} instructions`,
  ];
  out.push(`<p class="meta">${meta.join(' · ')}</p>`);
  out.push(`<p class="meta">Digest <code>${escapeHtml(report.digest)}</code></p>`);
  out.push(
    '<table><thead><tr><th>Currency</th><th class="num">Obligations</th><th class="num">Participants</th><th class="num">Gross</th><th class="num">Bilateral</th><th class="num">Lower bound</th><th class="num">Settled</th><th class="num">Savings</th><th>Savings %</th><th class="num">Instructions</th><th class="num">SCCs</th><th class="num">Cyclic SCCs</th></tr></thead><tbody>',
  );
  for (const c of report.currencies) {
    out.push(
      `<tr><td>${escapeHtml(c.currency)}</td><td class="num">${groupDigits(c.obligationCount)}</td><td class="num">${groupDigits(c.participantCount)}</td>` +
        `<td class="num">${escapeHtml(c.gross)}</td><td class="num">${escapeHtml(c.bilateral)}</td><td class="num">${escapeHtml(c.lowerBound)}</td>` +
        `<td class="num">${escapeHtml(c.settled)}</td><td class="num">${escapeHtml(c.savings)}</td><td>${percentCell(c.savingsPercent)}</td>` +
        `<td class="num">${groupDigits(c.instructionCount)}</td><td class="num">${groupDigits(c.componentCount)}</td><td class="num">${groupDigits(c.cyclicComponents.length)}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  out.push(
    '<p class="note legend"><span><span class="dot" style="background:#15803d"></span>net creditor</span><span><span class="dot" style="background:#b91c1c"></span>net debtor</span><span><span class="dot" style="background:#64748b"></span>flat</span>Stroke width is proportional to the amount; hover a link or a participant for exact figures.</p>',
  );
  report.currencies.forEach((c, currencyIndex) => {
    out.push(`<h3>${escapeHtml(c.currency)}: obligation graph before and after netting</h3>`);
    out.push(graphs(c, `w${index + 1}-c${currencyIndex + 1}`, limits));
  });
  out.push('</section>');
  return out.join('\n');
}

function graphs(c: ClearingCurrencyReport, idPrefix: string, limits: HtmlLimits): string {
  const netSign = new Map<string, -1 | 0 | 1>();
  const netAmount = new Map<string, string>();
  for (const p of c.netPositions) {
    const minor = minorOf(p.amount, c.currency);
    netSign.set(p.participant, minor > 0n ? 1 : minor < 0n ? -1 : 0);
    netAmount.set(p.participant, p.amount);
  }
  const before: GraphEdge[] = c.edgesBefore.map((e) => ({
    from: e.from,
    to: e.to,
    minor: minorOf(e.amount, c.currency),
    amount: e.amount,
    obligationCount: e.obligationCount,
  }));
  const after: GraphEdge[] = c.instructions.map((e) => ({
    from: e.from,
    to: e.to,
    minor: minorOf(e.amount, c.currency),
    amount: e.amount,
  }));
  return renderGraphPair({
    idPrefix,
    currency: c.currency,
    participants: c.participants,
    netSign,
    netAmount,
    before,
    after,
    beforeTotal: c.gross,
    afterTotal: c.settled,
    edgesMax: limits.edgesMax,
  });
}

// ─── Settlement ─────────────────────────────────────────────────────────────────────────────────────

function settlementSection(report: SettlementReport, limits: HtmlLimits): string {
  const out: string[] = ['<section id="settlement"><h2>Settlement</h2>'];
  out.push('<table><thead><tr><th>Status</th><th class="num">Instructions</th></tr></thead><tbody>');
  for (const status of STATUSES) {
    out.push(
      `<tr><td>${badge(status)}</td><td class="num">${groupDigits(report.counts[status] ?? 0)}</td></tr>`,
    );
  }
  out.push(`<tr><th>Total</th><th class="num">${groupDigits(report.rowCount)}</th></tr></tbody></table>`);

  if (report.totals.length > 0) {
    out.push('<h3>Amounts per currency and status</h3><table><thead><tr><th>Currency</th>');
    for (const status of STATUSES) out.push(`<th class="num">${badge(status)}</th>`);
    out.push('<th class="num">Total</th></tr></thead><tbody>');
    for (const t of report.totals) {
      out.push(`<tr><td>${escapeHtml(t.currency)}</td>`);
      for (const status of STATUSES) {
        const cell = t.byStatus[status];
        out.push(
          cell === undefined || cell.count === 0
            ? '<td class="num">–</td>'
            : `<td class="num">${escapeHtml(cell.amount)}<br><span class="note">${groupDigits(cell.count)}</span></td>`,
        );
      }
      out.push(
        `<td class="num"><strong>${escapeHtml(t.total.amount)}</strong><br><span class="note">${groupDigits(t.total.count)}</span></td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }

  const rank = (status: string): number => {
    const i = ATTENTION_ORDER.indexOf(status as SettlementReportStatus);
    return i === -1 ? ATTENTION_ORDER.length : i;
  };
  const listed = report.rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => rank(a.row.status) - rank(b.row.status) || a.i - b.i)
    .slice(0, limits.settlementRowsMax);
  if (listed.length > 0) {
    out.push(
      '<h3>Instructions</h3><table><thead><tr><th>Instruction</th><th>UETR</th><th>Status</th><th>From</th><th>To</th><th class="num">Amount</th><th>Currency</th><th>Rail</th><th>Reason</th><th>Submitted</th><th>Completed</th><th class="num">Attempts</th></tr></thead><tbody>',
    );
    for (const { row } of listed) out.push(settlementRow(row));
    out.push('</tbody></table>');
  }
  if (report.rows.length > listed.length) {
    out.push(
      `<p class="note truncated">Listed: ${groupDigits(listed.length)} of ${groupDigits(report.rows.length)} instructions, those needing attention first. Counts and totals cover every instruction.</p>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function settlementRow(row: SettlementReportRow): string {
  const reason =
    row.reason === undefined
      ? ''
      : `<code>${escapeHtml(row.reason.code)}</code>${row.reason.text === undefined ? '' : ` ${escapeHtml(row.reason.text)}`}`;
  const cells = [
    escapeHtml(row.instructionId),
    row.uetr === undefined ? '' : `<code>${escapeHtml(row.uetr)}</code>`,
    badge(row.status),
    escapeHtml(row.from),
    escapeHtml(row.to),
    escapeHtml(row.amount),
    escapeHtml(row.currency),
    escapeHtml(row.rail ?? ''),
    reason,
    escapeHtml(row.submittedAt ?? ''),
    escapeHtml(row.completedAt ?? ''),
    row.attempts === undefined ? '' : groupDigits(row.attempts),
  ];
  const numeric = new Set([5, 11]);
  return (
    `<tr class="row-${statusClass(row.status)}">` +
    cells.map((c, i) => (numeric.has(i) ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('') +
    '</tr>'
  );
}

function badge(status: string): string {
  return `<span class="badge st-${statusClass(status)}">${escapeHtml(status)}</span>`;
}

function statusClass(status: string): string {
  return STATUSES.includes(status as SettlementReportStatus)
    ? status.toLowerCase().replace('_', '-')
    : 'unknown';
}

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────────

function percentCell(value: string): string {
  // The bar is drawing only: its width may be a float, the text is the exact figure.
  const parsed = Number(value);
  const width = Number.isFinite(parsed) ? Math.min(100, Math.max(0, parsed)) : 0;
  return `${escapeHtml(value)}<span class="bar" style="width:${(width * 0.8).toFixed(1)}px"></span>`;
}

function minorOf(amount: string, currency: string): bigint {
  return money(amount, currency as CurrencyCode).minor;
}

function fmt(minor: bigint, currency: string): string {
  return escapeHtml(formatMoney(fromMinor(minor, currency as CurrencyCode)));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
