/**
 * The `reconcile` command and the read-only statement check: both run {@link checkStatementAgainst};
 * the command records the new breaks (which freezes minting), the check only reports them.
 * @internal
 */
import type { CurrencyCode } from '../../index';
import type {
  BankStatement,
  CommandResult,
  ReconcileCommand,
  ReconciliationBreak,
  ReconciliationReport,
} from '../types';
import type { Batch } from './batch';
import { openBreak } from './handlers';
import { checkStatementAgainst, type ReconcileView, type StatementCheck } from './reconcile';
import type { BreakRec } from './records';
import { applied, breakRecord, moneyOf, rejected } from './results';
import { type LedgerState, systemKey } from './state';

function batchView(batch: Batch): ReconcileView {
  const state = batch.state;
  return {
    entry: (key) => state.entries.get(key),
    entries: () => state.entries.values(),
    reserve: (currency) => {
      const account = state.accounts.get(systemKey(currency, 'reserve'));
      return account === undefined
        ? undefined
        : { balance: account.balance(), bankAccountId: account.bankAccountId };
    },
  };
}

/** The view of committed state only (what readers see). @internal */
export function committedView(state: LedgerState): ReconcileView {
  return {
    entry: (key) => state.entries.committed.get(key),
    entries: () => state.entries.committed.values(),
    reserve: (currency) => {
      const account = state.accounts.committed.get(systemKey(currency, 'reserve'));
      return account === undefined
        ? undefined
        : { balance: account.cDebitsPosted - account.cCreditsPosted, bankAccountId: account.cBankAccountId };
    },
  };
}

/** @internal */
export function buildReport(
  statement: BankStatement,
  check: StatementCheck,
  breaks: readonly ReconciliationBreak[],
): ReconciliationReport {
  const currency: CurrencyCode = statement.currency;
  return {
    kind: statement.kind,
    currency,
    accountId: statement.accountId,
    status:
      check.code !== undefined ? 'rejected' : breaks.some((b) => b.status === 'open') ? 'breaks' : 'clean',
    ...(check.code === undefined ? {} : { code: check.code }),
    breaks,
    matchedEntries: check.matchedEntries,
    statementEntries: check.statementEntries,
    ...(check.computedClosing === undefined
      ? {}
      : { computedClosing: moneyOf(check.computedClosing, currency) }),
    ...(check.statementClosing === undefined
      ? {}
      : { statementClosing: moneyOf(check.statementClosing, currency) }),
    ...(check.ledgerReserve === undefined ? {} : { ledgerReserve: moneyOf(check.ledgerReserve, currency) }),
  };
}

/** @internal */
export function reconcile(batch: Batch, command: ReconcileCommand): CommandResult {
  const check = checkStatementAgainst(batchView(batch), command.statement, command.id);
  if (check.code !== undefined) {
    const result = rejected(
      command.id,
      command.kind,
      check.code,
      `statement account ${command.statement.accountId} is not the ${command.statement.currency} reserve account`,
    );
    return { ...result, report: buildReport(command.statement, check, []) };
  }
  const standing: BreakRec[] = [];
  for (const candidate of check.breaks) standing.push(openBreak(batch, candidate));
  for (const id of check.existing) {
    const rec = batch.state.breaks.get(id);
    if (rec !== undefined) standing.push(rec);
  }
  return {
    ...applied(command.id, command.kind),
    report: buildReport(command.statement, check, standing.map(breakRecord)),
  };
}

/** The read-only check: breaks found now, with their stored status when they were found before. @internal */
export function previewStatement(state: LedgerState, statement: BankStatement): ReconciliationReport {
  const check = checkStatementAgainst(committedView(state), statement, '');
  const standing: ReconciliationBreak[] = [];
  for (const candidate of check.breaks)
    standing.push(breakRecord(state.breaks.committed.get(candidate.id) ?? candidate));
  for (const id of check.existing) {
    const rec = state.breaks.committed.get(id);
    if (rec !== undefined) standing.push(breakRecord(rec));
  }
  return buildReport(statement, check, standing);
}
