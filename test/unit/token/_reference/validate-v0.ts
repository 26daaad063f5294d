/**
 * REFERENCE COPY of src/token/_internal/validate.ts as of commit 4d4595a (before the bank-feed fast
 * path), imports adjusted: test/unit/token/validate.test.ts checks the current validation against it.
 * Do not edit.
 *
 * Validation at the public edge (STYLE.md §1.6): every command of a batch is checked before anything
 * runs, every problem is collected (§4.4), and the handlers behind it trust their input. Validation
 * also computes each command's fingerprint and parses settlement instructions.
 * @internal
 */

import type { Issue } from '../../../../src/index';
import { type CurrencyCode, isCurrencyCode, isValidUetr, type Money, money } from '../../../../src/index';
import { Fingerprint } from '../../../../src/token/_internal/fingerprint';
import { TokenErrorCodes } from '../../../../src/token/errors';
import type { BankEntry, BankStatement, LedgerCommand } from '../../../../src/token/types';

/** Settlement instructions in minor units, column by column (100K of them are no 100K objects). @internal */
export interface ParsedInstructions {
  readonly from: string[];
  readonly to: string[];
  readonly currency: CurrencyCode[];
  readonly minor: bigint[];
}

/**
 * A validated batch, column by column (no object per command): the commands as given, their
 * fingerprints, and the parsed instructions of each settleBatch by position.
 * @internal
 */
export interface Prepared {
  readonly commands: readonly LedgerCommand[];
  readonly fingerprints: Float64Array;
  readonly instructions: ReadonlyMap<number, ParsedInstructions>;
}

type Path = readonly (string | number)[];

/** The path of a settlement instruction (or of one of its fields), built only when it is reported. */
function instructionPath(index: number, i: number, field?: string): Path {
  return field === undefined ? [index, 'instructions', i] : [index, 'instructions', i, field];
}

const CODE = TokenErrorCodes.INVALID_INPUT;
const DATE = /^\d{4}-\d{2}-\d{2}/;

class Checker {
  readonly issues: Issue[] = [];

  fail(path: Path, message: string): void {
    if (this.issues.length < 100) this.issues.push({ code: CODE, path, message });
  }

  text(value: unknown, path: Path, what: string): value is string {
    if (typeof value === 'string' && value.length > 0) return true;
    this.fail(path, `expected ${what} as a non-empty string, got ${describe(value)}`);
    return false;
  }

  optionalText(value: unknown, path: Path, what: string): boolean {
    return value === undefined || this.text(value, path, what);
  }

  uetr(value: unknown, path: Path): boolean {
    if (value === undefined) return true;
    if (typeof value === 'string' && isValidUetr(value)) return true;
    this.fail(path, `expected a UETR (lower-case UUID v4), got ${describe(value)}`);
    return false;
  }

  currency(value: unknown, path: Path): value is CurrencyCode {
    if (isCurrencyCode(value)) return true;
    this.fail(path, `expected an active ISO 4217 currency code such as "USD", got ${describe(value)}`);
    return false;
  }

  /** A Money; `sign` says what is allowed; `currency`, when given, must match. */
  money(
    value: unknown,
    path: Path,
    sign: 'positive' | 'nonNegative' | 'any',
    currency?: string,
  ): value is Money {
    if (
      value === null ||
      typeof value !== 'object' ||
      typeof (value as Money).minor !== 'bigint' ||
      !isCurrencyCode((value as Money).currency)
    ) {
      this.fail(path, `expected a Money such as money("10.50", "USD"), got ${describe(value)}`);
      return false;
    }
    const amount = value as Money;
    if (currency !== undefined && amount.currency !== currency) {
      this.fail(path, `expected an amount in ${currency}, got ${amount.currency}`);
      return false;
    }
    if (sign === 'positive' && amount.minor <= 0n) {
      this.fail(path, `expected a positive amount, got ${amount.minor} minor units`);
      return false;
    }
    if (sign === 'nonNegative' && amount.minor < 0n) {
      this.fail(path, `expected zero or more, got ${amount.minor} minor units`);
      return false;
    }
    return true;
  }
}

function isMoney(value: unknown): value is Money {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Money).minor === 'bigint' &&
    isCurrencyCode((value as Money).currency)
  );
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

/** Validates a batch; returns it prepared, or the issues. @internal */
export function prepareBatch(commands: readonly LedgerCommand[]): { prepared: Prepared; issues: Issue[] } {
  const check = new Checker();
  const instructions = new Map<number, ParsedInstructions>();
  if (!Array.isArray(commands)) {
    check.fail([], `expected an array of commands, got ${describe(commands)}`);
    return {
      prepared: { commands: [], fingerprints: new Float64Array(0), instructions },
      issues: check.issues,
    };
  }
  const fingerprints = new Float64Array(commands.length);
  const fp = new Fingerprint();
  for (let index = 0; index < commands.length; index++) {
    fingerprints[index] = prepareOne(check, commands[index], index, fp, instructions) ?? -1;
  }
  return { prepared: { commands, fingerprints, instructions }, issues: check.issues };
}

function prepareOne(
  check: Checker,
  value: unknown,
  index: number,
  fp: Fingerprint,
  parsed: Map<number, ParsedInstructions>,
): number | undefined {
  if (value === null || typeof value !== 'object') {
    check.fail([index], `expected a command object, got ${describe(value)}`);
    return undefined;
  }
  const command = value as LedgerCommand;
  const id: unknown = command.id;
  if (typeof id !== 'string' || id === '') {
    check.text(id, [index, 'id'], 'the command id');
    return undefined;
  }
  fp.reset(String(command.kind));
  switch (command.kind) {
    case 'transfer': {
      // The hot path: every check inline, and an error path only built when a check fails.
      const { from, to, amount } = command;
      if (
        typeof from === 'string' &&
        from !== '' &&
        typeof to === 'string' &&
        to !== '' &&
        from !== to &&
        isMoney(amount) &&
        amount.minor > 0n
      ) {
        return fp.str(from).str(to).str(amount.currency).big(amount.minor).digest();
      }
      if (
        check.text(from, [index, 'from'], 'the payer') &&
        check.text(to, [index, 'to'], 'the payee') &&
        check.money(amount, [index, 'amount'], 'positive')
      ) {
        check.fail([index, 'to'], `expected a payee other than the payer "${from}"`);
      }
      return undefined;
    }
    case 'openAccount': {
      check.text(command.participant, [index, 'participant'], 'the participant');
      if (check.currency(command.currency, [index, 'currency']) && command.overdraftLimit !== undefined) {
        check.money(command.overdraftLimit, [index, 'overdraftLimit'], 'nonNegative', command.currency);
      }
      fp.str(String(command.participant))
        .str(String(command.currency))
        .big(command.overdraftLimit?.minor ?? 0n);
      return fp.digest();
    }
    case 'setOverdraftLimit': {
      check.text(command.participant, [index, 'participant'], 'the participant');
      if (check.currency(command.currency, [index, 'currency'])) {
        check.money(command.limit, [index, 'limit'], 'nonNegative', command.currency);
      }
      fp.str(String(command.participant))
        .str(String(command.currency))
        .big(command.limit?.minor ?? 0n);
      return fp.digest();
    }
    case 'mint':
    case 'redeem': {
      // The pipeline's path (one per payment): every check inline, the error path only when one fails.
      const { participant, amount, uetr, endToEndId } = command;
      const beneficiary = command.kind === 'redeem' ? command.beneficiary : undefined;
      if (
        typeof participant === 'string' &&
        participant !== '' &&
        isMoney(amount) &&
        amount.minor > 0n &&
        (uetr === undefined || (typeof uetr === 'string' && isValidUetr(uetr))) &&
        (endToEndId === undefined || (typeof endToEndId === 'string' && endToEndId !== '')) &&
        (uetr !== undefined || endToEndId !== undefined) &&
        (beneficiary === undefined || (typeof beneficiary === 'string' && beneficiary !== ''))
      ) {
        fp.str(participant).str(amount.currency).big(amount.minor).opt(uetr).opt(endToEndId);
        if (command.kind === 'redeem') fp.opt(beneficiary);
        return fp.digest();
      }
      check.text(command.participant, [index, 'participant'], 'the participant');
      check.money(command.amount, [index, 'amount'], 'positive');
      check.uetr(command.uetr, [index, 'uetr']);
      check.optionalText(command.endToEndId, [index, 'endToEndId'], 'the EndToEndId');
      if (command.uetr === undefined && command.endToEndId === undefined) {
        check.fail([index], `expected a uetr or an endToEndId to match the bank entry by`);
      }
      if (command.kind === 'redeem')
        check.optionalText(command.beneficiary, [index, 'beneficiary'], 'the beneficiary');
      fp.str(String(command.participant))
        .str(String(command.amount?.currency))
        .big(typeof command.amount?.minor === 'bigint' ? command.amount.minor : 0n)
        .opt(command.uetr)
        .opt(command.endToEndId);
      if (command.kind === 'redeem') fp.opt(command.beneficiary);
      return fp.digest();
    }
    case 'settleBatch': {
      const list = command.instructions;
      if (!Array.isArray(list)) {
        check.fail([index, 'instructions'], `expected an array of instructions, got ${describe(list)}`);
        return undefined;
      }
      const instructions = parseInstructions(check, list, index, fp);
      if (instructions === undefined) return undefined;
      parsed.set(index, instructions);
      return fp.digest();
    }
    case 'hold': {
      check.text(command.from, [index, 'from'], 'the payer');
      check.text(command.to, [index, 'to'], 'the payee');
      check.money(command.amount, [index, 'amount'], 'positive');
      if (command.from === command.to) check.fail([index, 'to'], `expected a payee other than the payer`);
      fp.str(String(command.from))
        .str(String(command.to))
        .str(String(command.amount?.currency))
        .big(typeof command.amount?.minor === 'bigint' ? command.amount.minor : 0n);
      return fp.digest();
    }
    case 'postHold': {
      check.text(command.holdId, [index, 'holdId'], 'the hold id');
      if (command.amount !== undefined) check.money(command.amount, [index, 'amount'], 'nonNegative');
      fp.str(String(command.holdId));
      if (command.amount === undefined) fp.num(-1);
      else fp.str(String(command.amount?.currency)).big(command.amount?.minor ?? 0n);
      return fp.digest();
    }
    case 'voidHold': {
      check.text(command.holdId, [index, 'holdId'], 'the hold id');
      fp.str(String(command.holdId));
      return fp.digest();
    }
    case 'cancelPayout': {
      check.text(command.payoutId, [index, 'payoutId'], 'the payout id');
      fp.str(String(command.payoutId));
      return fp.digest();
    }
    case 'recordBankEntries': {
      if (!Array.isArray(command.entries)) {
        check.fail([index, 'entries'], `expected an array of bank entries, got ${describe(command.entries)}`);
        return undefined;
      }
      fp.num(command.entries.length);
      for (let i = 0; i < command.entries.length; i++) {
        checkEntry(check, command.entries[i], [index, 'entries', i], undefined, fp);
      }
      return fp.digest();
    }
    case 'reconcile': {
      checkStatement(check, command.statement, [index, 'statement'], fp);
      return fp.digest();
    }
    case 'resolveBreak': {
      check.text(command.breakId, [index, 'breakId'], 'the break id');
      if (command.action !== 'accept' && command.action !== 'absorb') {
        check.fail([index, 'action'], `expected "accept" or "absorb", got ${describe(command.action)}`);
      }
      if (typeof command.note !== 'string')
        check.fail([index, 'note'], `expected a note, got ${describe(command.note)}`);
      fp.str(String(command.breakId)).str(String(command.action)).str(String(command.note));
      return fp.digest();
    }
    default:
      check.fail(
        [index, 'kind'],
        `expected a command kind such as "transfer", got ${describe((command as { kind?: unknown }).kind)}`,
      );
      return undefined;
  }
}

function parseInstructions(
  check: Checker,
  list: readonly unknown[],
  index: number,
  fp: Fingerprint,
): ParsedInstructions | undefined {
  const count = list.length;
  const out: ParsedInstructions = {
    from: new Array(count),
    to: new Array(count),
    currency: new Array(count),
    minor: new Array(count),
  };
  const before = check.issues.length;
  fp.num(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as { from?: unknown; to?: unknown; currency?: unknown; amount?: unknown } | null;
    if (item === null || typeof item !== 'object') {
      check.fail(
        instructionPath(index, i),
        `expected an instruction { from, to, currency, amount }, got ${describe(item)}`,
      );
      continue;
    }
    const { from, to, currency, amount } = item;
    if (typeof from !== 'string' || from === '' || typeof to !== 'string' || to === '') {
      check.fail(instructionPath(index, i), `expected "from" and "to" as non-empty strings`);
      continue;
    }
    if (from === to) {
      check.fail(instructionPath(index, i, 'to'), `expected a payee other than the payer "${from}"`);
      continue;
    }
    if (!isCurrencyCode(currency)) {
      check.fail(
        instructionPath(index, i, 'currency'),
        `expected an active ISO 4217 currency code, got ${describe(currency)}`,
      );
      continue;
    }
    let minor: bigint;
    if (typeof amount === 'string') {
      try {
        minor = money(amount, currency).minor;
      } catch (error) {
        check.fail(instructionPath(index, i, 'amount'), (error as Error).message);
        continue;
      }
    } else if (
      amount !== null &&
      typeof amount === 'object' &&
      typeof (amount as Money).minor === 'bigint' &&
      (amount as Money).currency === currency
    ) {
      minor = (amount as Money).minor;
    } else {
      check.fail(
        instructionPath(index, i, 'amount'),
        `expected a decimal string or a Money in ${currency}, got ${describe(amount)}`,
      );
      continue;
    }
    if (minor <= 0n) {
      check.fail(instructionPath(index, i, 'amount'), `expected a positive amount, got ${minor} minor units`);
      continue;
    }
    fp.str(from).str(to).str(currency).big(minor);
    out.from[i] = from;
    out.to[i] = to;
    out.currency[i] = currency;
    out.minor[i] = minor;
  }
  return check.issues.length === before ? out : undefined;
}

/**
 * Checks one bank entry. When `currency` is given (a statement's), the entry must be in it.
 * @internal
 */
function checkEntry(
  check: Checker,
  value: unknown,
  path: Path,
  currency: string | undefined,
  fp: Fingerprint,
): void {
  if (value === null || typeof value !== 'object') {
    check.fail(path, `expected a bank entry object, got ${describe(value)}`);
    return;
  }
  const entry = value as BankEntry;
  check.text(entry.accountId, [...path, 'accountId'], 'the bank account id');
  if (typeof entry.servicerReference !== 'string' || typeof entry.entryReference !== 'string') {
    check.fail(path, `expected servicerReference (AcctSvcrRef) and entryReference (NtryRef) as strings`);
  } else if (entry.servicerReference === '' && entry.entryReference === '') {
    check.fail(
      path,
      `expected a servicerReference (AcctSvcrRef) or an entryReference (NtryRef) to identify the entry`,
    );
  }
  if (entry.creditDebit !== 'CRDT' && entry.creditDebit !== 'DBIT') {
    check.fail(
      [...path, 'creditDebit'],
      `expected "CRDT" or "DBIT" (CdtDbtInd), got ${describe(entry.creditDebit)}`,
    );
  }
  if (entry.status !== 'BOOK' && entry.status !== 'PDNG' && entry.status !== 'INFO') {
    check.fail(
      [...path, 'status'],
      `expected "BOOK", "PDNG" or "INFO" (Sts/Cd), got ${describe(entry.status)}`,
    );
  }
  check.money(entry.amount, [...path, 'amount'], 'positive', currency);
  if (entry.status === 'BOOK' || entry.bookingDate !== undefined) {
    if (typeof entry.bookingDate !== 'string' || !DATE.test(entry.bookingDate)) {
      check.fail(
        [...path, 'bookingDate'],
        `expected a booking date (BookgDt) such as "2026-12-01", got ${describe(entry.bookingDate)}`,
      );
    }
  }
  if (entry.valueDate !== undefined && typeof entry.valueDate !== 'string') {
    check.fail([...path, 'valueDate'], `expected a value date string, got ${describe(entry.valueDate)}`);
  }
  check.uetr(entry.uetr, [...path, 'uetr']);
  check.optionalText(entry.endToEndId, [...path, 'endToEndId'], 'the EndToEndId');
  fp.str(String(entry.accountId))
    .str(String(entry.servicerReference))
    .str(String(entry.entryReference))
    .str(String(entry.creditDebit))
    .str(String(entry.status))
    .str(String(entry.amount?.currency))
    .big(typeof entry.amount?.minor === 'bigint' ? entry.amount.minor : 0n)
    .opt(entry.bookingDate)
    .opt(entry.valueDate)
    .opt(entry.uetr)
    .opt(entry.endToEndId);
}

function checkBalance(check: Checker, value: unknown, path: Path, currency: string, fp: Fingerprint): void {
  if (value === undefined) {
    fp.num(-1);
    return;
  }
  const balance = value as { amount?: unknown; date?: unknown } | null;
  if (balance === null || typeof balance !== 'object') {
    check.fail(path, `expected a balance { amount, date }, got ${describe(value)}`);
    return;
  }
  check.money(balance.amount, [...path, 'amount'], 'any', currency);
  if (typeof balance.date !== 'string' || !DATE.test(balance.date)) {
    check.fail([...path, 'date'], `expected a date such as "2026-12-01", got ${describe(balance.date)}`);
  }
  const amount = balance.amount as Money | undefined;
  fp.big(typeof amount?.minor === 'bigint' ? amount.minor : 0n).str(String(balance.date));
}

/** Checks a statement (also used outside commands, by `checkStatement`). */
function checkStatement(check: Checker, value: unknown, path: Path, fp: Fingerprint): void {
  if (value === null || typeof value !== 'object') {
    check.fail(path, `expected a statement object, got ${describe(value)}`);
    return;
  }
  const statement = value as BankStatement;
  if (statement.kind !== 'camt.052' && statement.kind !== 'camt.053') {
    check.fail([...path, 'kind'], `expected "camt.052" or "camt.053", got ${describe(statement.kind)}`);
  }
  check.text(statement.accountId, [...path, 'accountId'], 'the bank account id');
  check.optionalText(statement.statementId, [...path, 'statementId'], 'the statement id');
  if (!check.currency(statement.currency, [...path, 'currency'])) return;
  if (statement.period !== undefined) {
    const period = statement.period as { from?: unknown; to?: unknown } | null;
    if (
      period === null ||
      typeof period !== 'object' ||
      typeof period.from !== 'string' ||
      typeof period.to !== 'string' ||
      !DATE.test(period.from) ||
      !DATE.test(period.to)
    ) {
      check.fail([...path, 'period'], `expected a period { from, to } of dates (FrToDt)`);
    }
  }
  if (
    statement.kind === 'camt.053' &&
    (statement.openingBooked === undefined || statement.closingBooked === undefined)
  ) {
    check.fail(
      path,
      `expected an opening (OPBD) and a closing (CLBD) booked balance in a camt.053 statement`,
    );
  }
  fp.str(String(statement.kind))
    .str(String(statement.accountId))
    .opt(statement.statementId)
    .str(statement.currency)
    .opt(statement.period?.from)
    .opt(statement.period?.to);
  checkBalance(check, statement.openingBooked, [...path, 'openingBooked'], statement.currency, fp);
  checkBalance(check, statement.closingBooked, [...path, 'closingBooked'], statement.currency, fp);
  if (!Array.isArray(statement.entries)) {
    check.fail([...path, 'entries'], `expected an array of entries, got ${describe(statement.entries)}`);
    return;
  }
  fp.num(statement.entries.length);
  for (let i = 0; i < statement.entries.length; i++) {
    checkEntry(check, statement.entries[i], [...path, 'entries', i], statement.currency, fp);
  }
}

/** Validates a standalone statement (for the read-only `checkStatement`). @internal */
export function validateStatement(statement: BankStatement): Issue[] {
  const check = new Checker();
  checkStatement(check, statement, ['statement'], new Fingerprint().reset('reconcile'));
  return check.issues;
}
