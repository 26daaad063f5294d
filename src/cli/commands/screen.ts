/**
 * `deltran screen FILE... --list PATH...`: screens every party and agent of the payments in FILE
 * against sanctions lists and prints the decisions and their reasons.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createScreener,
  loadJsonList,
  loadOfacSdn,
  loadUnList,
  type SanctionsList,
  type ScreeningResult,
} from '../../compliance/index';
import {
  type CanonicalPayment,
  DeltranError,
  formatMoney,
  formatPath,
  safeParseCanonicalPayment,
} from '../../index';
import { messageFromJson, safeParseMessage } from '../../iso20022/index';
import type { CliCommand, CliIo } from '../io';

const HELP = `Usage: deltran screen [options] FILE... --list PATH [--list PATH...]

Screens every party (debtor, creditor, ultimate parties) and agent of each payment against the
sanctions lists, and prints one decision per payment (ALLOW, REVIEW or REJECT) with its reasons.

FILE is an ISO 20022 message (pain.001, pacs.008, pacs.009: XML), a canonical payment in JSON
(amounts as { "currency": "EUR", "amount": "12.50" }), a JSON array of them, or the JSON written
by "deltran parse".

--list PATH (repeatable) is one list, its format taken from the path:
  DIR         an OFAC release: sdn.csv (or cons_prim.csv) with alt, add and comments files if present
  *.csv       an OFAC sdn.csv alone
  *.xml       the UN Security Council Consolidated List
  *.json      a DelTran JSON list (a bank's internal list)

  --review T     review threshold in (0, 1] (default 0.79)
  --reject T     reject threshold in (0, 1] (default 0.95)
  --agent-names  screen agents' names too, not only their BICs
  --json         print the results as JSON (one object per payment)
  -h, --help     show this help

Exit codes: 0 every payment ALLOW, 3 at least one REVIEW and no REJECT, 4 at least one REJECT,
1 a file or list could not be read, 2 usage error.
`;

const OFAC_SETS = [
  {
    sdn: 'sdn.csv',
    alt: 'alt.csv',
    add: 'add.csv',
    comments: 'sdn_comments.csv',
    prefix: 'OFAC-SDN',
    name: 'OFAC SDN',
  },
  {
    sdn: 'cons_prim.csv',
    alt: 'cons_alt.csv',
    add: 'cons_add.csv',
    comments: 'cons_comments.csv',
    prefix: 'OFAC-CONS',
    name: 'OFAC Consolidated (non-SDN)',
  },
] as const;

function loadList(path: string, prefixes: Set<string>): SanctionsList {
  const unique = (prefix: string) => {
    let candidate = prefix;
    for (let n = 2; prefixes.has(candidate); n++) candidate = `${prefix}#${n}`;
    prefixes.add(candidate);
    return candidate;
  };
  if (statSync(path).isDirectory()) {
    const set = OFAC_SETS.find((s) => existsSync(join(path, s.sdn)));
    if (set === undefined) throw new Error(`${path}: no sdn.csv or cons_prim.csv in this directory`);
    const optional = (file: string) =>
      existsSync(join(path, file)) ? readFileSync(join(path, file)) : undefined;
    const alt = optional(set.alt);
    const add = optional(set.add);
    const comments = optional(set.comments);
    return loadOfacSdn(
      {
        sdn: readFileSync(join(path, set.sdn)),
        ...(alt === undefined ? {} : { alt }),
        ...(add === undefined ? {} : { add }),
        ...(comments === undefined ? {} : { comments }),
      },
      { name: set.name, idPrefix: unique(set.prefix) },
    );
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.xml')) return loadUnList(readFileSync(path), { idPrefix: unique('UN') });
  if (lower.endsWith('.json')) return loadJsonList(readFileSync(path), { idPrefix: unique('internal') });
  if (lower.endsWith('.csv'))
    return loadOfacSdn({ sdn: readFileSync(path) }, { idPrefix: unique('OFAC-SDN') });
  throw new Error(`${path}: unknown list format (expected a directory, .csv, .xml or .json)`);
}

/** Payments of one input file, or the problems that kept them from being read. */
function readPayments(path: string): { payments: CanonicalPayment[]; problems: string[] } {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('<')) {
    const result = safeParseMessage(bytes);
    if (!result.ok) return { payments: [], problems: issues(result.error) };
    const message = result.value;
    if (!('payments' in message))
      return { payments: [], problems: [`${message.type} carries no payments to screen`] };
    return { payments: [...message.payments], problems: [] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { payments: [], problems: ['not valid JSON and not XML'] };
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    'format' in json &&
    'payments' in json
  ) {
    try {
      const message = messageFromJson(json);
      return 'payments' in message
        ? { payments: [...message.payments], problems: [] }
        : { payments: [], problems: [] };
    } catch (error) {
      return { payments: [], problems: error instanceof DeltranError ? issues(error) : [String(error)] };
    }
  }
  const items = Array.isArray(json) ? json : [json];
  const payments: CanonicalPayment[] = [];
  const problems: string[] = [];
  items.forEach((item, index) => {
    const result = safeParseCanonicalPayment(item);
    if (result.ok) payments.push(result.value);
    else problems.push(...issues(result.error).map((p) => (Array.isArray(json) ? `[${index}] ${p}` : p)));
  });
  return { payments, problems };
}

function issues(error: DeltranError): string[] {
  return error.issues.map((i) => {
    const where = formatPath(i.path);
    return `${i.code}${where === '' ? '' : ` ${where}`}: ${i.message}`;
  });
}

function threshold(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || !(n > 0 && n <= 1))
    throw new RangeError(`--${name} expects a number in (0, 1], got "${value}"`);
  return n;
}

function printText(io: CliIo, file: string, payment: CanonicalPayment, result: ScreeningResult): void {
  const amount = `${payment.amount.currency} ${formatMoney(payment.amount)}`;
  io.stdout(
    `${file}  ${payment.uetr}  ${payment.endToEndId}  ${amount}  ${result.decision}  score ${result.score}\n`,
  );
  for (const reason of result.reasons) {
    io.stdout(
      `  ${reason.decision.padEnd(6)} ${reason.code} ${formatPath(reason.path)}: ${reason.message}\n`,
    );
  }
}

/** `deltran screen`. @internal */
const screen: CliCommand = async (args, io) => {
  let values: {
    list?: string[];
    review?: string;
    reject?: string;
    'agent-names'?: boolean;
    json?: boolean;
    help?: boolean;
  };
  let files: string[];
  let review: number | undefined;
  let reject: number | undefined;
  try {
    const parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        list: { type: 'string', multiple: true },
        review: { type: 'string' },
        reject: { type: 'string' },
        'agent-names': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    files = parsed.positionals;
    review = threshold('review', values.review);
    reject = threshold('reject', values.reject);
  } catch (error) {
    io.stderr(`deltran screen: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  if (files.length === 0 || (values.list ?? []).length === 0) {
    io.stderr(`deltran screen: ${files.length === 0 ? 'no FILE given' : 'no --list given'}\n\n${HELP}`);
    return 2;
  }
  const lists: SanctionsList[] = [];
  const prefixes = new Set<string>();
  for (const listPath of values.list ?? []) {
    try {
      const list = loadList(resolve(io.cwd, listPath), prefixes);
      for (const issue of list.issues.slice(0, 5))
        io.stderr(`${listPath}: warning ${issue.code} ${formatPath(issue.path)}: ${issue.message}\n`);
      if (list.issues.length > 5)
        io.stderr(`${listPath}: warning … ${list.issues.length - 5} more rows skipped\n`);
      lists.push(list);
    } catch (error) {
      io.stderr(`deltran screen: ${listPath}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  let screener: ReturnType<typeof createScreener>;
  try {
    screener = createScreener(lists, {
      thresholds: {
        ...(review === undefined ? {} : { review }),
        ...(reject === undefined ? {} : { reject }),
      },
      screenAgentNames: values['agent-names'] === true,
    });
  } catch (error) {
    io.stderr(`deltran screen: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof DeltranError && error.code === 'COMPLIANCE_INVALID_CONFIG' ? 2 : 1;
  }
  let failed = false;
  let worst = 0;
  const out: unknown[] = [];
  for (const file of files) {
    let read: { payments: CanonicalPayment[]; problems: string[] };
    try {
      read = readPayments(resolve(io.cwd, file));
    } catch (error) {
      read = { payments: [], problems: [error instanceof Error ? error.message : String(error)] };
    }
    for (const problem of read.problems) io.stderr(`${file}: ${problem}\n`);
    if (read.problems.length > 0) failed = true;
    for (const payment of read.payments) {
      const result = screener.screen(payment);
      worst = Math.max(worst, result.decision === 'REJECT' ? 2 : result.decision === 'REVIEW' ? 1 : 0);
      if (values.json === true) {
        out.push({ file: basename(file), uetr: payment.uetr, endToEndId: payment.endToEndId, ...result });
      } else printText(io, file, payment, result);
    }
  }
  if (values.json === true) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  if (failed) return 1;
  return worst === 2 ? 4 : worst === 1 ? 3 : 0;
};

export default screen;
