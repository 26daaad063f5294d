/**
 * Statement reconciliation (camt.053 end of day, camt.052 intraday): a pure comparison of a statement
 * with the ledger's view, producing the breaks it finds. It reads, never writes: the `reconcile`
 * command records the breaks, `checkStatement` only reports them.
 * @internal
 */
import type { CurrencyCode } from '../../index';
import { TokenRejectionCodes as R, type TokenRejectionCode } from '../errors';
import type { BankEntry, BankStatement } from '../types';
import type { BreakRec, EntryRec } from './records';
import { entryKey } from './state';

/** What reconciliation reads from the ledger. @internal */
export interface ReconcileView {
  entry(key: string): EntryRec | undefined;
  entries(): Iterable<EntryRec>;
  /** The reserve's balance and bound bank account; undefined when the currency has no books. */
  reserve(
    currency: CurrencyCode,
  ): { readonly balance: bigint; readonly bankAccountId: string | null } | undefined;
}

/** What a statement check found. @internal */
export interface StatementCheck {
  readonly code?: TokenRejectionCode;
  /** New break candidates, plus the ids of existing breaks the statement touches (held entries). */
  readonly breaks: readonly BreakRec[];
  readonly existing: readonly string[];
  readonly matchedEntries: number;
  readonly statementEntries: number;
  readonly computedClosing?: bigint;
  readonly statementClosing?: bigint;
  readonly ledgerReserve?: bigint;
}

const day = (date: string): string => date.slice(0, 10);
const signedOf = (entry: { creditDebit: 'CRDT' | 'DBIT' }, minor: bigint): bigint =>
  entry.creditDebit === 'CRDT' ? minor : -minor;

/** Compares `statement` with the ledger. `detectedBy` is the command id stamped on new breaks. @internal */
export function checkStatementAgainst(
  view: ReconcileView,
  statement: BankStatement,
  detectedBy: string,
): StatementCheck {
  const currency = statement.currency;
  const source = statement.kind;
  const accountId = statement.accountId;
  const reserve = view.reserve(currency);
  const booked = statement.entries.filter((entry) => entry.status === 'BOOK');
  if (reserve !== undefined && reserve.bankAccountId !== null && reserve.bankAccountId !== accountId) {
    return {
      code: R.RESERVE_ACCOUNT_MISMATCH,
      breaks: [],
      existing: [],
      matchedEntries: 0,
      statementEntries: booked.length,
    };
  }
  const breaks: BreakRec[] = [];
  const existing: string[] = [];
  const base = { currency, source, accountId, status: 'open' as const, detectedBy };

  // 1. The statement must add up: opening + credits − debits = closing.
  let movement = 0n;
  for (const entry of booked) movement += signedOf(entry, entry.amount.minor);
  const opening = statement.openingBooked?.amount.minor;
  const closing = statement.closingBooked?.amount.minor;
  const computedClosing = opening === undefined ? undefined : opening + movement;
  const cutoff = day(
    statement.period?.to ?? statement.closingBooked?.date ?? maxDate(booked) ?? '9999-12-31',
  );
  const start = day(statement.period?.from ?? statement.openingBooked?.date ?? minDate(booked) ?? cutoff);
  const unbalanced = computedClosing !== undefined && closing !== undefined && computedClosing !== closing;
  if (unbalanced) {
    breaks.push({
      ...base,
      id: `statement-unbalanced:${currency}:${accountId}:${statement.statementId ?? cutoff}`,
      kind: 'statement-unbalanced',
      ledgerMinor: computedClosing,
      bankMinor: closing,
      message: `${statement.statementId === undefined ? source : `${source} ${statement.statementId}`} does not add up: opening ${opening} + entries ${movement} = ${computedClosing}, closing says ${closing}`,
    });
  }

  // 2. Entries, matched on bank references.
  const seen = new Set<string>();
  let matched = 0;
  for (const entry of booked) {
    const key = entryKey(entry.servicerReference, entry.entryReference);
    if (seen.has(key)) continue;
    seen.add(key);
    const rec = view.entry(key);
    if (rec === undefined) {
      breaks.push({
        ...base,
        id: `missing-in-ledger:${currency}:${key}`,
        kind: 'missing-in-ledger',
        entryKey: key,
        bankMinor: signedOf(entry, entry.amount.minor),
        message: `the bank booked ${describeEntry(entry)} that the ledger has not recorded`,
      });
    } else if (
      rec.accountId !== accountId ||
      rec.creditDebit !== entry.creditDebit ||
      rec.amountMinor !== entry.amount.minor ||
      rec.currency !== currency
    ) {
      breaks.push({
        ...base,
        id: `amount-mismatch:${currency}:${key}`,
        kind: 'amount-mismatch',
        entryKey: key,
        ledgerMinor: signedOf(rec, rec.amountMinor),
        bankMinor: signedOf(entry, entry.amount.minor),
        message: `the statement reports ${describeEntry(entry)}, the ledger recorded ${rec.creditDebit} ${rec.amountMinor}`,
      });
    } else if (rec.state === 'held' && rec.breakId !== undefined) {
      existing.push(rec.breakId);
    } else {
      matched++;
    }
  }

  // 3. End of day: every ledger entry of the period must be in the statement.
  const ours: EntryRec[] = [];
  for (const rec of view.entries())
    if (rec.accountId === accountId && rec.currency === currency) ours.push(rec);
  if (source === 'camt.053') {
    for (const rec of ours) {
      const date = day(rec.bookingDate);
      if (seen.has(rec.key) || date < start || date > cutoff) continue;
      breaks.push({
        ...base,
        id: `missing-in-statement:${currency}:${rec.key}`,
        kind: 'missing-in-statement',
        entryKey: rec.key,
        ledgerMinor: signedOf(rec, rec.amountMinor),
        message: `the ledger recorded ${rec.creditDebit} ${rec.amountMinor} (${rec.key}, booked ${rec.bookingDate}) that the statement does not list`,
      });
    }
  }

  // 4. The reserve at the statement's cut-off must equal its closing booked balance. Entries booked
  // after the cut-off are taken out; for an intraday report, so are the day's entries it does not
  // list yet (it is a partial view).
  let ledgerReserve: bigint | undefined;
  if (closing !== undefined && !unbalanced) {
    let atCutoff = reserve?.balance ?? 0n;
    for (const rec of ours) {
      if (rec.state === 'held') continue;
      const date = day(rec.bookingDate);
      const later = date > cutoff || (source === 'camt.052' && !seen.has(rec.key) && date >= start);
      if (later) atCutoff -= signedOf(rec, rec.amountMinor);
    }
    ledgerReserve = atCutoff;
    if (atCutoff !== closing) {
      breaks.push({
        ...base,
        id: `balance-mismatch:${currency}:${accountId}:${statement.statementId ?? cutoff}`,
        kind: 'balance-mismatch',
        ledgerMinor: atCutoff,
        bankMinor: closing,
        message: `closing booked balance ${closing} differs from the ledger's reserve ${atCutoff} at ${cutoff}`,
      });
    }
  }
  return {
    breaks,
    existing,
    matchedEntries: matched,
    statementEntries: seen.size,
    ...(computedClosing === undefined ? {} : { computedClosing }),
    ...(closing === undefined ? {} : { statementClosing: closing }),
    ...(ledgerReserve === undefined ? {} : { ledgerReserve }),
  };
}

function describeEntry(entry: BankEntry): string {
  return `${entry.creditDebit} ${entry.amount.minor} minor units of ${entry.amount.currency} (${entryKey(entry.servicerReference, entry.entryReference)})`;
}

function maxDate(entries: readonly BankEntry[]): string | undefined {
  let out: string | undefined;
  for (const entry of entries)
    if (entry.bookingDate !== undefined && (out === undefined || day(entry.bookingDate) > out))
      out = day(entry.bookingDate);
  return out;
}

function minDate(entries: readonly BankEntry[]): string | undefined {
  let out: string | undefined;
  for (const entry of entries)
    if (entry.bookingDate !== undefined && (out === undefined || day(entry.bookingDate) < out))
      out = day(entry.bookingDate);
  return out;
}
