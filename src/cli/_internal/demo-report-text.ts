/**
 * The demo report as text for a terminal: sections with aligned tables. Amounts are the report's
 * exact decimal strings, shown with `,` digit grouping; nothing is recomputed in floats (timings are
 * the only floats).
 * @internal
 */
import type { DemoReport } from './demo-report';

/** `1234567` → `1,234,567`, `-1234.50` → `-1,234.50`, the same on every locale. */
export function group(value: number | string): string {
  const s = String(value);
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const whole = dot === -1 ? body : body.slice(0, dot);
  const fraction = dot === -1 ? '' : body.slice(dot);
  let out = '';
  for (let i = 0; i < whole.length; i += 1) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return `${negative ? '-' : ''}${out}${fraction}`;
}

/**
 * A table, two spaces between columns: the first column left-aligned, the others right-aligned, except
 * a last column of notes when `notes` is set.
 */
function table(header: readonly string[], rows: readonly (readonly string[])[], notes = false): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const left = (i: number): boolean => i === 0 || (notes && i === header.length - 1);
  const line = (cells: readonly string[]): string =>
    `  ${cells
      .map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd()}`;
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

function lat(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

function clip(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/**
 * Renders the report.
 * @param report - the demo report
 * @returns the text, ending with a newline
 */
export function renderDemoText(report: DemoReport): string {
  const p = report.payments;
  const out: string[] = [];
  out.push(
    `DelTran demo — a day of interbank payments in memory (seed ${report.seed}, ${report.day})`,
    `${report.banks} banks, ${report.currencies.length} currencies (${report.currencies.join(', ')}); every amount below is exact (bigint minor units).`,
    '',
    'Payments per stage',
    ...table(
      ['stage', 'count', ''],
      [
        [
          'received (gateway)',
          group(p.received),
          `${group(p.distinct)} distinct (in ${group(p.messages)} pacs.008 messages) + ${p.duplicates} resubmitted + ${p.conflicts} re-used UETR`,
        ],
        ['allowed (compliance)', group(p.allowed), ''],
        ['rejected (compliance)', group(p.rejected), 'sanctions, AML, KYC: see below'],
        ['held for review', group(p.held), ''],
        ['duplicates ignored', group(p.duplicates), 'same pacs.008 again: processed once'],
        ['UETR conflicts refused', group(p.conflicts), 'same UETR, other amount'],
        [
          'obligations',
          group(p.obligations.total),
          `${group(p.obligations.international)} international (netted), ${group(p.obligations.local)} local (settled one by one)`,
        ],
        [
          'tokens minted',
          group(p.minted),
          p.pendingMints > 0 ? `${p.pendingMints} still pending` : '1:1 against camt.054 credits',
        ],
        [
          'netting windows',
          group(p.windows),
          `${group(p.obligations.international)} obligations netted per currency`,
        ],
        [
          'settlement instructions',
          group(p.settlementInstructions.total),
          `${group(p.settlementInstructions.netPositions)} net positions (pacs.009), ${group(p.settlementInstructions.localPayments)} local payments (pacs.008)`,
        ],
      ],
      true,
    ),
    `  allowed ${group(p.allowed)} + rejected ${group(p.rejected)} + held ${group(p.held)} = ${group(p.allowed + p.rejected + p.held)} distinct payments`,
  );

  out.push('', `Rejections (${report.rejections.total}), by first reason code`);
  if (report.rejections.byReason.length === 0) out.push('  none');
  for (const g of report.rejections.byReason) {
    out.push(`  ${g.code}  ×${g.count}`);
    for (const e of g.examples) {
      out.push(`    ${e.uetr}  ${clip(e.reasons[0]?.slice(g.code.length + 2) ?? '', 120)}`);
      for (const more of e.reasons.slice(1)) out.push(`    ${' '.repeat(36)}  + ${clip(more, 118)}`);
    }
  }
  for (const c of report.rejections.conflicts)
    out.push(`  ${c.code}  ×1`, `    ${c.uetr}  re-used with another amount; the first payment stands`);

  out.push(
    '',
    'Tokens minted and burned per currency',
    ...table(
      ['currency', 'minted', 'amount', 'burned', 'amount', 'restored', 'amount'],
      report.tokens.map((t) => [
        t.currency,
        group(t.minted.count),
        group(t.minted.amount),
        group(t.burned.count),
        group(t.burned.amount),
        group(t.restored.count),
        group(t.restored.amount),
      ]),
    ),
    '  burned: paid out on a confirmed settlement; restored: burned, then returned when the bank rejected the payout',
    '',
    'Reconciliation (reserve = token supply + unallocated + payout in flight)',
    ...table(
      [
        'currency',
        'reserve',
        'token supply',
        'unallocated',
        'payout in flight',
        'supply = minted − burned',
        'balanced',
      ],
      report.tokens.map((t) => [
        t.currency,
        group(t.reserve),
        group(t.tokenSupply),
        group(t.unallocated),
        group(t.payoutInFlight),
        t.supplyMatches ? 'yes' : 'NO',
        t.balanced && t.openBreaks === 0 ? 'yes' : `NO${t.openBreaks > 0 ? ` (${t.openBreaks} breaks)` : ''}`,
      ]),
    ),
    `  ledger.verify(): ${report.verify.ok ? 'ok' : `FAILED (${report.verify.problems} problems)`}, ${group(report.verify.records)} journal records, head ${report.verify.head.slice(0, 16)}…`,
  );

  out.push(
    '',
    'Netting per currency (multilateral, summed over the windows)',
    ...table(
      [
        'currency',
        'windows',
        'obligations',
        'gross',
        'bilateral',
        'settled',
        'savings',
        'savings %',
        'instructions',
      ],
      report.netting.map((n) => [
        n.currency,
        group(n.windows),
        group(n.obligations),
        group(n.gross),
        group(n.bilateral),
        group(n.settled),
        group(n.savings),
        `${n.savingsPercent}%`,
        group(n.instructions),
      ]),
    ),
  );

  const s = report.settlement;
  out.push(
    '',
    `Settlement: ${group(s.counts.SETTLED ?? 0)} SETTLED, ${group(s.counts.REJECTED ?? 0)} REJECTED, ${group(s.counts.TIMED_OUT ?? 0)} TIMED_OUT, ${group(s.open)} open`,
    ...table(
      ['currency', 'settled', 'amount', 'rejected', 'amount'],
      s.byCurrency.map((c) => [
        c.currency,
        group(c.settled.count),
        group(c.settled.amount),
        group(c.rejected.count),
        group(c.rejected.amount),
      ]),
    ),
  );
  for (const r of s.rejected)
    out.push(
      `  REJECTED ${r.instructionId}: ${r.from} → ${r.to} ${r.currency} ${group(r.amount)}, ${r.reason}; tokens restored`,
    );

  const types = Object.entries(report.messages.byType)
    .map(([type, n]) => `${type} ×${group(n)}`)
    .join(', ');
  out.push(
    '',
    `Settlement messages: ${group(report.messages.count)} written to ${report.messages.dir}${types === '' ? '' : ` (${types})`}`,
  );
  if (report.html !== undefined) out.push(`HTML report: ${report.html}`);

  const t = report.timings;
  const phases = Object.entries(t.phasesMs)
    .map(([name, value]) => `${name} ${ms(value)}`)
    .join(', ');
  out.push(
    '',
    `Timings (wall clock, this machine): ${phases}`,
    `  ${group(p.distinct)} payments through the pipeline in ${ms(t.runMs)}: ${group(Math.round(t.paymentsPerSecond))} payments/s`,
    ...table(
      ['stage latency (ms, wall clock)', 'messages', 'p50', 'p95', 'p99', 'max'],
      t.stages.map((x) => [x.stage, group(x.messages), lat(x.p50), lat(x.p95), lat(x.p99), lat(x.max)]),
    ),
  );

  out.push('', report.ok ? 'Checks: all passed' : 'Checks: FAILED');
  for (const c of report.checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
  return `${out.join('\n')}\n`;
}
