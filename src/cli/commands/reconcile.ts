/**
 * `deltran reconcile STATEMENT.xml --ledger SNAPSHOT.json|postgres://…`: reconciles a camt.053 or
 * camt.052 against a token ledger and prints the breaks. Read-only: the ledger records nothing (run
 * the `reconcile` command of `deltran/token` to record breaks and freeze minting).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMoney, formatPath, type Money } from '../../index';
import { safeParseMessage } from '../../iso20022/index';
import {
  type BankStatement,
  createMemoryLedgerStore,
  createTokenLedger,
  fromCamt052,
  fromCamt053,
  type LedgerStore,
  parseLedgerSnapshot,
  type ReconciliationReport,
  type TokenLedger,
} from '../../token/index';
import type { CliCommand, CliIo } from '../io';

const HELP = `Usage: deltran reconcile [options] STATEMENT.xml --ledger SNAPSHOT.json|postgres://…

Reconciles a camt.053 (end of day) or camt.052 (intraday) statement of the reserve account against a
token ledger, and prints the breaks: missing in ledger, missing in statement, amount mismatch,
balance mismatch, statement that does not add up. Read-only: nothing is recorded in the ledger.

  --ledger LEDGER    a snapshot file (JSON, from exportSnapshot) or a postgres:// URL
  --schema NAME      PostgreSQL schema of the ledger (default deltran_token)
  --no-verify        skip replaying and checking the journal before reconciling
  --json             print the reports as JSON (amounts as decimal strings)
  -h, --help         show this help

Exit codes: 0 no open break, 1 at least one open break, 2 usage or input error.
`;

function fail(io: CliIo, message: string, withHelp = false): number {
  io.stderr(`deltran reconcile: ${message}\n${withHelp ? `\n${HELP}` : ''}`);
  return 2;
}

const isPostgres = (target: string): boolean => /^postgres(ql)?:\/\//.test(target);

async function openStore(target: string, schema: string | undefined, cwd: string): Promise<LedgerStore> {
  if (isPostgres(target)) {
    const { createPostgresLedgerStore } = await import('../../adapters/postgres/index');
    // Read-only: never create tables in a database that has none.
    return createPostgresLedgerStore({
      connectionString: target,
      migrate: false,
      applicationName: 'deltran-reconcile',
      max: 1,
      ...(schema === undefined ? {} : { schema }),
    });
  }
  const snapshot = parseLedgerSnapshot(JSON.parse(readFileSync(resolve(cwd, target), 'utf8')));
  return createMemoryLedgerStore({ snapshot });
}

function amount(value: Money | undefined): string {
  return value === undefined ? '-' : `${formatMoney(value)} ${value.currency}`;
}

function printReport(io: CliIo, report: ReconciliationReport, statement: BankStatement): void {
  const open = report.breaks.filter((b) => b.status === 'open').length;
  const head =
    report.status === 'rejected'
      ? `rejected (${report.code}): ${statement.accountId} is not the ${report.currency} reserve account`
      : `${open === 0 ? 'no open break' : `${open} open break${open === 1 ? '' : 's'}`}`;
  io.stdout(
    `${report.kind} ${statement.statementId ?? ''} ${report.accountId} ${report.currency}: ${head}` +
      ` (matched ${report.matchedEntries} of ${report.statementEntries} booked entries; closing ${amount(report.statementClosing)}, ledger ${amount(report.ledgerReserve)})\n`,
  );
  for (const item of report.breaks) {
    const figures = [
      item.bankAmount === undefined ? undefined : `bank ${amount(item.bankAmount)}`,
      item.ledgerAmount === undefined ? undefined : `ledger ${amount(item.ledgerAmount)}`,
    ].filter((x) => x !== undefined);
    io.stdout(
      `  ${item.status === 'open' ? 'BREAK' : 'resolved'} ${item.kind} ${item.id}${figures.length > 0 ? ` [${figures.join(', ')}]` : ''}: ${item.message}\n`,
    );
  }
}

function toJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, field: unknown) => {
      if (field !== null && typeof field === 'object' && typeof (field as Money).minor === 'bigint') {
        const m = field as Money;
        return { currency: m.currency, amount: formatMoney(m) };
      }
      return field;
    }),
  );
}

/** `deltran reconcile`. @internal */
const reconcile: CliCommand = async (args, io) => {
  let values: { ledger?: string; schema?: string; 'no-verify'?: boolean; json?: boolean; help?: boolean };
  let files: string[];
  try {
    const parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        ledger: { type: 'string' },
        schema: { type: 'string' },
        'no-verify': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    files = parsed.positionals;
  } catch (error) {
    return fail(io, error instanceof Error ? error.message : String(error), true);
  }
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  if (files.length !== 1) return fail(io, 'expected exactly one STATEMENT.xml', true);
  if (values.ledger === undefined)
    return fail(io, 'expected --ledger SNAPSHOT.json or --ledger postgres://…', true);
  const file = files[0] as string;

  let input: Buffer;
  try {
    input = readFileSync(resolve(io.cwd, file));
  } catch (error) {
    return fail(io, `${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = safeParseMessage(input);
  if (!parsed.ok) {
    for (const issue of parsed.error.issues) {
      const where = formatPath(issue.path);
      io.stderr(`${file}: ${issue.code}${where === '' ? '' : ` ${where}`}: ${issue.message}\n`);
    }
    return 2;
  }
  const message = parsed.value;
  if (message.type !== 'camt.053' && message.type !== 'camt.052') {
    return fail(io, `${file}: expected a camt.053 or camt.052 statement, got ${message.type}`);
  }

  let statements: BankStatement[];
  let store: LedgerStore | undefined;
  let ledger: TokenLedger | undefined;
  try {
    statements = message.type === 'camt.053' ? fromCamt053(message) : fromCamt052(message);
    store = await openStore(values.ledger, values.schema, io.cwd);
    ledger = await createTokenLedger({ store, verifyOnOpen: values['no-verify'] !== true });
    const reports = statements.map((statement) => (ledger as TokenLedger).checkStatement(statement));
    if (values.json === true) io.stdout(`${JSON.stringify(toJson(reports), null, 2)}\n`);
    else {
      for (let i = 0; i < reports.length; i++)
        printReport(io, reports[i] as ReconciliationReport, statements[i] as BankStatement);
    }
    const open = reports.some((r) => r.status === 'rejected' || r.breaks.some((b) => b.status === 'open'));
    return open ? 1 : 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return fail(
      io,
      `${typeof code === 'string' ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    // The ledger closes its store; a ledger that failed to open leaves the store to close here.
    await (ledger ?? store)?.close().catch(() => undefined);
  }
};

export default reconcile;
