/**
 * The running batch: the context every command handler writes through. It records which accounts a
 * batch touched (its `refs`, in first-touch order, which the journal's postings point into), the
 * postings of the current command, and the mints completed as side effects.
 * @internal
 */
import type { CurrencyCode } from '../../index';
import type { RefKind } from './overlay-map';
import { Account, type LedgerState, OP_HOLD, OP_POST, OP_RELEASE, systemKey, tokenKey } from './state';

/** Where a currency's reserve account is bound before its first entry (`reserveAccounts`). @internal */
export type ReserveBindings = Readonly<Partial<Record<CurrencyCode, string>>>;

/** The three system accounts of a currency. @internal */
export interface Books {
  readonly reserve: Account;
  readonly unallocated: Account;
  readonly payout: Account;
}

/** A journal amount: a JSON number while it is a safe integer, else its decimal digits. @internal */
export function encodeAmount(minor: bigint): number | string {
  const value = Number(minor);
  // Number() rounds beyond 2^53, and a rounded value is never a safe integer.
  return Number.isSafeInteger(value) ? value : minor.toString();
}

/** @internal */
export class Batch {
  readonly no: number;
  readonly state: LedgerState;
  readonly bindings: ReserveBindings;
  readonly refs: Account[] = [];
  /**
   * The postings of the batch as they are made (`op, debit ref, credit ref, amount` each), pushed by
   * {@link Batch.post} and its siblings; the journal writes each command's share after its header.
   */
  readonly flat: (number | string)[];
  /** How much of {@link Batch.flat} is written (it is allocated ahead, at its expected size). */
  size = 0;
  /** The current command's id. */
  commandId = '';
  /** Mints the current command completed as a side effect. */
  minted: string[] = [];
  /** Bank entries this batch recorded. */
  newEntries = 0;
  /**
   * The journal text of the current command's result, when its handler wrote it (it knows the key
   * order); taken by the batch after the command ran.
   */
  resultText: string | undefined = undefined;
  /** The journal texts of records handlers built this batch, by record (records are never changed). */
  private recordTexts: Map<object, string> | undefined = undefined;

  constructor(no: number, state: LedgerState, bindings: ReserveBindings, commands: number) {
    this.no = no;
    this.state = state;
    this.bindings = bindings;
    // A transfer takes 4 slots (one posting): one allocation instead of a growing array.
    this.flat = new Array(commands * 4);
  }

  /** Remembers the journal text of a record a handler built (`recordText(rec)`, written knowing its order). */
  setRecordText(rec: object, text: string): void {
    if (this.recordTexts === undefined) this.recordTexts = new Map();
    this.recordTexts.set(rec, text);
  }

  /** The journal text remembered for a record, if any. */
  recordText(rec: object): string | undefined {
    return this.recordTexts?.get(rec);
  }

  /** Every remembered record text (for tests). */
  rememberedTexts(): Iterable<[object, string]> {
    return this.recordTexts ?? [];
  }

  private posting(op: number, debit: Account, credit: Account, amount: bigint): void {
    const flat = this.flat;
    const at = this.size;
    flat[at] = op;
    flat[at + 1] = debit.ref;
    flat[at + 2] = credit.ref;
    flat[at + 3] = encodeAmount(amount);
    this.size = at + 4;
  }

  touch(account: Account): void {
    if (account.mark !== this.no) {
      account.mark = this.no;
      account.ref = this.refs.length;
      this.refs.push(account);
    }
  }

  /** Records a posting whose balances the caller has already updated (settleBatch sums them per account). */
  postRecorded(debit: Account, credit: Account, amount: bigint): void {
    this.posting(OP_POST, debit, credit, amount);
  }

  /** Debits `debit` and credits `credit` by `amount` (posted). */
  post(debit: Account, credit: Account, amount: bigint): void {
    this.touch(debit);
    this.touch(credit);
    debit.debitsPosted += amount;
    credit.creditsPosted += amount;
    this.posting(OP_POST, debit, credit, amount);
  }

  /** Reserves `amount`: pending debit on `debit`, pending credit on `credit`. */
  hold(debit: Account, credit: Account, amount: bigint): void {
    this.touch(debit);
    this.touch(credit);
    debit.debitsPending += amount;
    credit.creditsPending += amount;
    this.posting(OP_HOLD, debit, credit, amount);
  }

  /** Releases a reservation made by {@link Batch.hold}. */
  release(debit: Account, credit: Account, amount: bigint): void {
    this.touch(debit);
    this.touch(credit);
    debit.debitsPending -= amount;
    credit.creditsPending -= amount;
    this.posting(OP_RELEASE, debit, credit, amount);
  }

  /** Marks an account's description (limit, bank account) as changed by this batch. */
  changedMeta(account: Account): void {
    this.touch(account);
    account.metaDirty = true;
  }

  token(currency: CurrencyCode, participant: string): Account | undefined {
    const committed = this.state.tokens.get(currency)?.get(participant);
    // Not committed: opened by this batch, or not open at all.
    return committed ?? this.state.accounts.get(tokenKey(currency, participant));
  }

  openToken(currency: CurrencyCode, participant: string, limit: bigint): Account {
    this.books(currency);
    const account = new Account(tokenKey(currency, participant), currency, 'token', participant);
    account.limit = limit;
    this.state.accounts.set(account.key, account);
    this.changedMeta(account);
    return account;
  }

  /** The system accounts of a currency, created on first use. */
  books(currency: CurrencyCode): Books {
    const known = this.state.books.get(currency);
    if (known !== undefined) return known;
    const accounts = this.state.accounts;
    const reserveKey = systemKey(currency, 'reserve');
    const reserve = accounts.get(reserveKey);
    if (reserve !== undefined) {
      const books = {
        reserve,
        unallocated: accounts.get(systemKey(currency, 'unallocated')) as Account,
        payout: accounts.get(systemKey(currency, 'payout')) as Account,
      };
      // Committed books never change: keep them (books opened by this batch may still be undone).
      if (accounts.committed.get(reserveKey) === reserve) this.state.books.set(currency, books);
      return books;
    }
    const created = {
      reserve: new Account(systemKey(currency, 'reserve'), currency, 'reserve', null),
      unallocated: new Account(systemKey(currency, 'unallocated'), currency, 'unallocated', null),
      payout: new Account(systemKey(currency, 'payout'), currency, 'payout', null),
    };
    created.reserve.bankAccountId = this.bindings[currency] ?? null;
    for (const account of [created.reserve, created.unallocated, created.payout]) {
      accounts.set(account.key, account);
      this.changedMeta(account);
    }
    return created;
  }

  /** Adds `delta` to the open-break count of a currency. */
  countBreak(currency: CurrencyCode, delta: number): void {
    const count = (this.state.openBreaks.get(currency) ?? 0) + delta;
    if (count === 0) this.state.openBreaks.delete(currency);
    else this.state.openBreaks.set(currency, count);
  }

  /** The arrival order of the next bank entry. */
  nextEntryOrder(): number {
    return this.state.entryCount + this.newEntries++;
  }

  frozen(currency: CurrencyCode): boolean {
    return (this.state.openBreaks.get(currency) ?? 0) > 0;
  }
}

/** Appends `key` to the list at `ref` (lists are replaced, never mutated: the overlay keeps the old). @internal */
export function pushRef(
  index: LedgerState['fundingByRef'],
  currency: string,
  kind: RefKind,
  ref: string,
  key: string,
): void {
  const list = index.get(currency, kind, ref);
  index.set(currency, kind, ref, list === undefined ? [key] : [...list, key]);
}

/** Removes `key` from the list at `ref`. @internal */
export function dropRef(
  index: LedgerState['fundingByRef'],
  currency: string,
  kind: RefKind,
  ref: string,
  key: string,
): void {
  const list = index.get(currency, kind, ref);
  if (list === undefined) return;
  const rest = list.filter((k) => k !== key);
  if (rest.length === 0) index.delete(currency, kind, ref);
  else index.set(currency, kind, ref, rest);
}
