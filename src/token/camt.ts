/**
 * From ISO 20022 bank-to-customer messages, as `deltran/iso20022` parses them, to the ledger's bank
 * feed: camt.054 notifications to {@link BankEntry} lists, camt.053 statements and camt.052 reports to
 * {@link BankStatement}s. The ledger itself never sees XML.
 *
 * @packageDocumentation
 */
import { isValidUetr, normalizeUetr } from '../index';
import type {
  AccountReport,
  Balance,
  Camt052Message,
  Camt053Message,
  Camt054Message,
  ReportEntry,
} from '../iso20022/index';
import { TokenErrorCodes, TokenValidationError } from './errors';
import type { BankBalance, BankEntry, BankEntryStatus, BankStatement } from './types';

type Path = readonly (string | number)[];

function fail(path: Path, message: string): never {
  throw new TokenValidationError(
    TokenErrorCodes.INVALID_INPUT,
    `[deltran] token: ${path.join('/')}: ${message}`,
    { path },
  );
}

function accountIdOf(report: AccountReport, path: Path): string {
  const id = report.account.iban ?? report.account.otherId;
  if (id === undefined || id === '')
    fail([...path, 'Acct', 'Id'], 'expected the account id (IBAN or Othr/Id)');
  return id;
}

function statusOf(code: string): BankEntryStatus {
  // FUTR (future) and proprietary codes are not booked: they never move the ledger.
  return code === 'BOOK' || code === 'PDNG' ? code : 'INFO';
}

function entryOf(entry: ReportEntry, accountId: string, path: Path): BankEntry {
  const only = entry.transactions?.length === 1 ? entry.transactions[0] : undefined;
  const servicerReference = entry.accountServicerReference ?? only?.accountServicerReference ?? '';
  const entryReference = entry.entryReference ?? '';
  if (servicerReference === '' && entryReference === '') {
    fail(path, 'expected AcctSvcrRef or NtryRef: without a reference an entry cannot be counted once');
  }
  let uetr: string | undefined;
  if (only?.uetr !== undefined) {
    const lower = only.uetr.toLowerCase();
    uetr = isValidUetr(lower) ? normalizeUetr(lower) : undefined;
  }
  const endToEndId =
    only?.endToEndId === undefined || only.endToEndId === 'NOTPROVIDED' ? undefined : only.endToEndId;
  return {
    accountId,
    servicerReference,
    entryReference,
    creditDebit: entry.creditDebit,
    status: statusOf(entry.status),
    amount: entry.amount,
    ...(entry.bookingDate === undefined ? {} : { bookingDate: entry.bookingDate }),
    ...(entry.valueDate === undefined ? {} : { valueDate: entry.valueDate }),
    ...(uetr === undefined ? {} : { uetr }),
    ...(endToEndId === undefined ? {} : { endToEndId }),
  };
}

/**
 * The entries of a camt.054 BankToCustomerDebitCreditNotification, one per `Ntfctn/Ntry`, in order.
 * The UETR and EndToEndId come from the entry's transaction details when it has exactly one
 * (`NtryDtls/TxDtls/Refs`); a batch-booked entry has neither and can fund no mint. An entry's
 * reference is its `AcctSvcrRef` (or that of its single transaction) and `NtryRef`.
 *
 * @param message - what `parseMessage` (or `parseCamt054`) returned
 * @returns the bank entries, booked or not
 * @throws {@link TokenValidationError} (`TOKEN_INVALID_INPUT`) when an account has no id or an entry no reference
 * @example
 * ```ts
 * const entries = fromCamt054(parseCamt054(xml));
 * await ledger.recordBankEntries({ id: `camt054:${msgId}`, entries });
 * ```
 * @public
 */
export function fromCamt054(message: Camt054Message): BankEntry[] {
  const out: BankEntry[] = [];
  message.reports.forEach((report, r) => {
    const path = ['Ntfctn', r];
    const accountId = accountIdOf(report, path);
    (report.entries ?? []).forEach((entry, e) => {
      out.push(entryOf(entry, accountId, [...path, 'Ntry', e]));
    });
  });
  return out;
}

function balanceOf(balances: readonly Balance[], types: readonly string[]): BankBalance | undefined {
  for (const type of types) {
    const balance = balances.find((b) => b.type === type);
    if (balance !== undefined) {
      const amount =
        balance.creditDebit === 'DBIT'
          ? { minor: -balance.amount.minor, currency: balance.amount.currency }
          : balance.amount;
      return { amount: Object.freeze(amount), date: balance.date };
    }
  }
  return undefined;
}

function statementsOf(
  message: Camt052Message | Camt053Message,
  kind: 'camt.052' | 'camt.053',
  opening: readonly string[],
  closing: readonly string[],
): BankStatement[] {
  const element = kind === 'camt.053' ? 'Stmt' : 'Rpt';
  return message.reports.map((report, r) => {
    const path = [element, r];
    const accountId = accountIdOf(report, path);
    const balances = report.balances ?? [];
    const entries = (report.entries ?? []).map((entry, e) => entryOf(entry, accountId, [...path, 'Ntry', e]));
    const currency = report.account.currency ?? balances[0]?.amount.currency ?? entries[0]?.amount.currency;
    if (currency === undefined)
      fail([...path, 'Acct', 'Ccy'], 'expected the account currency (Acct/Ccy, or a balance)');
    const openingBooked = balanceOf(balances, opening);
    const closingBooked = balanceOf(balances, closing);
    return {
      kind,
      statementId: report.id,
      accountId,
      currency: currency as BankStatement['currency'],
      ...(report.fromDateTime !== undefined && report.toDateTime !== undefined
        ? { period: { from: report.fromDateTime, to: report.toDateTime } }
        : {}),
      ...(openingBooked === undefined ? {} : { openingBooked }),
      ...(closingBooked === undefined ? {} : { closingBooked }),
      entries,
    };
  });
}

/**
 * The statements of a camt.053 BankToCustomerStatement, one per `Stmt`: account, period (`FrToDt`),
 * opening (`OPBD`, else `PRCD`) and closing (`CLBD`) booked balances, signed, and the entries.
 *
 * @param message - what `parseMessage` (or `parseCamt053`) returned
 * @returns one statement per `Stmt`
 * @throws {@link TokenValidationError} (`TOKEN_INVALID_INPUT`) when an account has no id or currency, or an entry no reference
 * @public
 */
export function fromCamt053(message: Camt053Message): BankStatement[] {
  return statementsOf(message, 'camt.053', ['OPBD', 'PRCD'], ['CLBD']);
}

/**
 * The intraday reports of a camt.052 BankToCustomerAccountReport, one per `Rpt`: as
 * {@link fromCamt053}, the closing balance being `CLBD` or, intraday, `ITBD` (interim booked).
 *
 * @param message - what `parseMessage` (or `parseCamt052`) returned
 * @returns one statement per `Rpt`
 * @throws {@link TokenValidationError} (`TOKEN_INVALID_INPUT`) when an account has no id or currency, or an entry no reference
 * @public
 */
export function fromCamt052(message: Camt052Message): BankStatement[] {
  return statementsOf(message, 'camt.052', ['OPBD', 'PRCD'], ['CLBD', 'ITBD']);
}
