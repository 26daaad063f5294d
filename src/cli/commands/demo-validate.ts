/**
 * `deltran demo --validate`: validates the example payments bundled in examples/payments/ (the ones in
 * examples/payments/rejected/ must be refused) and prints a report. This was `npm start` before the
 * pipeline existed; `deltran demo` now runs a whole day through it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  bicCountry,
  type CanonicalPayment,
  DeltranError,
  formatMoney,
  formatPath,
  type Money,
  safeParseCanonicalPayment,
  sum,
} from '../../index';
import { packageRoot } from '../_internal/package-root';
import type { CliIo } from '../io';

interface Loaded {
  readonly file: string;
  readonly payment?: CanonicalPayment;
  readonly error?: DeltranError;
}

function load(dir: string): Loaded[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      return { file, error: new DeltranError('CLI_INVALID_JSON', `${name}: not valid JSON`, { cause }) };
    }
    const result = safeParseCanonicalPayment(json);
    return result.ok ? { file, payment: result.value } : { file, error: result.error };
  });
}

function agentLabel(agent: CanonicalPayment['debtorAgent']): string {
  return agent.bic ?? agent.clearingMemberId ?? '?';
}

function countryOf(agent: CanonicalPayment['debtorAgent']): string | undefined {
  return agent.bic === undefined ? agent.country : bicCountry(agent.bic);
}

/**
 * Runs the validation.
 * @param options - the folder (relative to the working directory; the bundled examples when omitted) and
 *   whether to print JSON
 * @param io - where to write
 * @returns the exit code
 */
export function validateExamples(options: { dir?: string; json?: boolean }, io: CliIo): number {
  const values = options;
  const dir =
    values.dir === undefined ? join(packageRoot(), 'examples', 'payments') : resolve(io.cwd, values.dir);
  const accepted = load(dir);
  const rejected = load(join(dir, 'rejected'));
  if (accepted.length === 0 && rejected.length === 0) {
    io.stderr(`deltran demo: no *.json payments in ${dir}\n`);
    return 1;
  }

  const payments = accepted.flatMap((l) => (l.payment ? [l.payment] : []));
  const byCurrency = new Map<string, Money[]>();
  for (const p of payments) {
    const list = byCurrency.get(p.amount.currency) ?? [];
    list.push(p.amount);
    byCurrency.set(p.amount.currency, list);
  }
  const totals = [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amounts]) => ({ currency, count: amounts.length, total: formatMoney(sum(amounts)) }));
  const failures = [...accepted, ...rejected].flatMap((l) =>
    l.error ? [{ file: l.file, error: l.error }] : [],
  );
  // The bundled examples must all pass and the ones in rejected/ must all fail: anything else means
  // the validation changed, so the demo itself fails.
  const unexpected = [
    ...accepted.filter((l) => l.error).map((l) => `${basename(l.file)} was rejected`),
    ...rejected.filter((l) => l.payment).map((l) => `rejected/${basename(l.file)} was accepted`),
  ];

  if (values.json) {
    io.stdout(
      `${JSON.stringify(
        {
          payments: payments.map((p) => ({
            uetr: p.uetr,
            endToEndId: p.endToEndId,
            amount: { currency: p.amount.currency, amount: formatMoney(p.amount) },
            debtorAgent: agentLabel(p.debtorAgent),
            creditorAgent: agentLabel(p.creditorAgent),
            crossBorder: countryOf(p.debtorAgent) !== countryOf(p.creditorAgent),
          })),
          totals,
          rejected: failures.map((f) => ({
            file: basename(f.file),
            issues: f.error.issues.map((i) => ({
              code: i.code,
              path: formatPath(i.path),
              message: i.message,
            })),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return unexpected.length === 0 ? 0 : 1;
  }

  const out: string[] = [];
  out.push(`DelTran demo: ${payments.length} payments validated from ${dir}`, '');
  out.push(
    `  ${'#'.padEnd(3)}${'UETR'.padEnd(38)}${'amount'.padStart(18)}  ${'debtor agent → creditor agent'.padEnd(38)}route`,
  );
  payments.forEach((p, i) => {
    const from = countryOf(p.debtorAgent) ?? '??';
    const to = countryOf(p.creditorAgent) ?? '??';
    const amount = `${p.amount.currency} ${formatMoney(p.amount)}`;
    const agents = `${agentLabel(p.debtorAgent)} (${from}) → ${agentLabel(p.creditorAgent)} (${to})`;
    out.push(
      `  ${String(i + 1).padEnd(3)}${p.uetr.padEnd(38)}${amount.padStart(18)}  ${agents.padEnd(38)}${from === to ? 'local' : 'cross-border'}`,
    );
  });
  out.push('', 'Totals per currency (exact, from bigint minor units):');
  for (const t of totals)
    out.push(`  ${t.currency}  ${t.total.padStart(16)}  (${t.count} payment${t.count === 1 ? '' : 's'})`);
  if (failures.length > 0) {
    out.push('', `Rejected (${failures.length}), every problem listed with its code and path:`);
    for (const f of failures) {
      out.push(`  ${basename(f.file)}`);
      for (const issue of f.error.issues) {
        out.push(`    ${issue.code.padEnd(24)} ${formatPath(issue.path).padEnd(22)} ${issue.message}`);
      }
    }
  }
  out.push(
    '',
    'The modules are in place (deltran parse, screen, net, reconcile); the pipeline that chains them here comes next.',
  );
  io.stdout(`${out.join('\n')}\n`);
  if (unexpected.length > 0) {
    io.stderr(`deltran demo: unexpected validation results: ${unexpected.join('; ')}\n`);
    return 1;
  }
  return 0;
}
