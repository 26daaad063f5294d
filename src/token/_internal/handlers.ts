/**
 * Command handlers. Each one checks everything before it changes anything, so a rejected command
 * leaves the batch as it found it (which is what lets a non-atomic batch keep its other commands).
 * @internal
 */
import type { CurrencyCode } from '../../index';
import { TokenRejectionCodes as R } from '../errors';
import type {
  BankEntry,
  BankEntryOutcome,
  CancelPayoutCommand,
  CommandResult,
  HoldCommand,
  MintCommand,
  OpenAccountCommand,
  PostHoldCommand,
  RecordBankEntriesCommand,
  RedeemCommand,
  ResolveBreakCommand,
  SetOverdraftLimitCommand,
  TransferCommand,
  VoidHoldCommand,
} from '../types';
import { type Batch, dropRef, pushRef } from './batch';
import { jsonNumber, jsonString, plainString } from './json';
import { E2E_REF, type RefKind, UETR_REF } from './overlay-map';
import {
  type BreakRec,
  copyOf,
  copyWithout,
  type Draft,
  type EntryRec,
  type HoldRec,
  type MintRec,
  type PayoutRec,
} from './records';
import { applied, holdRecord, mintRecord, payoutInstruction, rejected } from './results';
import { type Account, entryKey, type LedgerState, systemKey } from './state';
import type { ParsedInstructions } from './validate';

const noAccount = (currency: string, participant: string): string =>
  `no x${currency} account is open for "${participant}"; open one with openAccount`;

// ── accounts ────────────────────────────────────────────────────────────────────────────────

/** @internal */
export function openAccount(batch: Batch, command: OpenAccountCommand): CommandResult {
  if (batch.token(command.currency, command.participant) !== undefined) {
    return rejected(
      command.id,
      command.kind,
      R.ACCOUNT_EXISTS,
      `x${command.currency} account of "${command.participant}" is already open`,
    );
  }
  batch.openToken(command.currency, command.participant, command.overdraftLimit?.minor ?? 0n);
  return applied(command.id, command.kind);
}

/** @internal */
export function setOverdraftLimit(batch: Batch, command: SetOverdraftLimitCommand): CommandResult {
  const account = batch.token(command.currency, command.participant);
  if (account === undefined)
    return rejected(
      command.id,
      command.kind,
      R.ACCOUNT_NOT_FOUND,
      noAccount(command.currency, command.participant),
    );
  const limit = command.limit.minor;
  if (account.creditsPosted - account.debitsPosted - account.debitsPending < -limit) {
    return rejected(
      command.id,
      command.kind,
      R.LIMIT_BELOW_BALANCE,
      `"${command.participant}" already owes more than the new limit`,
    );
  }
  account.limit = limit;
  batch.changedMeta(account);
  return applied(command.id, command.kind);
}

// ── transfers, settlement, holds ────────────────────────────────────────────────────────────

/** @internal */
export function transfer(batch: Batch, command: TransferCommand): CommandResult {
  const currency = command.amount.currency;
  const from = batch.token(currency, command.from);
  if (from === undefined)
    return rejected(command.id, command.kind, R.ACCOUNT_NOT_FOUND, noAccount(currency, command.from));
  const to = batch.token(currency, command.to);
  if (to === undefined)
    return rejected(command.id, command.kind, R.ACCOUNT_NOT_FOUND, noAccount(currency, command.to));
  const amount = command.amount.minor;
  if (from.spendable() < amount) {
    return rejected(
      command.id,
      command.kind,
      R.INSUFFICIENT_FUNDS,
      `"${command.from}" cannot pay ${amount} minor units of x${currency}`,
    );
  }
  batch.post(from, to, amount);
  return applied(command.id, command.kind);
}

/**
 * Applies every instruction or none. Funds are checked on each account's net effect (a netting
 * result is settled as a whole: its intermediate orders mean nothing), each account's balances move
 * once by its totals, and every instruction is journaled as its own debit/credit pair.
 * @internal
 */
export function settleBatch(batch: Batch, id: string, instructions: ParsedInstructions): CommandResult {
  const { from: payers, to: payees, currency: currencies, minor: amounts } = instructions;
  const count = amounts.length;
  const froms: Account[] = new Array(count);
  const tos: Account[] = new Array(count);
  const touched: Account[] = [];
  // A fresh stamp instead of a reset loop: an account's scratch fields count only when it carries it.
  const stamp = ++batch.state.scratchStamp;
  // The committed token accounts of the last currency seen (a netting result is mostly one currency);
  // an account this batch opened is found by batch.token.
  let lastCurrency: CurrencyCode | undefined;
  let committed: ReadonlyMap<string, Account> | undefined;
  for (let i = 0; i < count; i++) {
    const currency = currencies[i] as CurrencyCode;
    if (currency !== lastCurrency) {
      lastCurrency = currency;
      committed = batch.state.tokens.get(currency);
    }
    const from = committed?.get(payers[i] as string) ?? batch.token(currency, payers[i] as string);
    if (from === undefined)
      return rejectedAt(id, i, R.ACCOUNT_NOT_FOUND, noAccount(currency, payers[i] as string));
    const to = committed?.get(payees[i] as string) ?? batch.token(currency, payees[i] as string);
    if (to === undefined)
      return rejectedAt(id, i, R.ACCOUNT_NOT_FOUND, noAccount(currency, payees[i] as string));
    if (from.scratchMark !== stamp) {
      from.scratchMark = stamp;
      from.scratch = 0n;
      from.scratchIn = 0n;
      touched.push(from);
    }
    if (to.scratchMark !== stamp) {
      to.scratchMark = stamp;
      to.scratch = 0n;
      to.scratchIn = 0n;
      touched.push(to);
    }
    const minor = amounts[i] as bigint;
    from.scratch += minor;
    to.scratchIn += minor;
    froms[i] = from;
    tos[i] = to;
  }
  for (const account of touched) {
    const net = account.scratchIn - account.scratch;
    if (net < 0n && account.spendable() + net < 0n) {
      return rejected(
        id,
        'settleBatch',
        R.INSUFFICIENT_FUNDS,
        `"${account.participant}" cannot pay its net ${-net} minor units of x${account.currency}`,
      );
    }
  }
  for (const account of touched) {
    batch.touch(account);
    account.debitsPosted += account.scratch;
    account.creditsPosted += account.scratchIn;
  }
  for (let i = 0; i < count; i++)
    batch.postRecorded(froms[i] as Account, tos[i] as Account, amounts[i] as bigint);
  return applied(id, 'settleBatch');
}

function rejectedAt(
  id: string,
  index: number,
  code: typeof R.ACCOUNT_NOT_FOUND,
  message: string,
): CommandResult {
  return rejected(id, 'settleBatch', code, `instructions[${index}]: ${message}`);
}

/** @internal */
export function hold(batch: Batch, command: HoldCommand): CommandResult {
  const currency = command.amount.currency;
  const from = batch.token(currency, command.from);
  if (from === undefined)
    return rejected(command.id, command.kind, R.ACCOUNT_NOT_FOUND, noAccount(currency, command.from));
  const to = batch.token(currency, command.to);
  if (to === undefined)
    return rejected(command.id, command.kind, R.ACCOUNT_NOT_FOUND, noAccount(currency, command.to));
  const amount = command.amount.minor;
  if (from.spendable() < amount) {
    return rejected(
      command.id,
      command.kind,
      R.INSUFFICIENT_FUNDS,
      `"${command.from}" cannot hold ${amount} minor units of x${currency}`,
    );
  }
  batch.hold(from, to, amount);
  const rec = {
    id: command.id,
    currency,
    from: command.from,
    to: command.to,
    amountMinor: amount,
    status: 'reserved' as const,
  };
  batch.state.holds.set(rec.id, rec);
  return { id: command.id, kind: command.kind, status: 'applied', replayed: false, hold: holdRecord(rec) };
}

/** @internal */
export function postHold(batch: Batch, command: PostHoldCommand): CommandResult {
  const rec = batch.state.holds.get(command.holdId);
  if (rec === undefined)
    return rejected(command.id, command.kind, R.HOLD_NOT_FOUND, `no hold "${command.holdId}"`);
  if (rec.status !== 'reserved') {
    return rejected(
      command.id,
      command.kind,
      R.HOLD_ALREADY_RESOLVED,
      `hold "${command.holdId}" is already ${rec.status}`,
    );
  }
  if (command.amount !== undefined && command.amount.currency !== rec.currency) {
    return rejected(
      command.id,
      command.kind,
      R.CURRENCY_MISMATCH,
      `hold "${command.holdId}" is in ${rec.currency}, got ${command.amount.currency}`,
    );
  }
  const posted = command.amount?.minor ?? rec.amountMinor;
  if (posted > rec.amountMinor) {
    return rejected(
      command.id,
      command.kind,
      R.HOLD_AMOUNT_EXCEEDED,
      `hold "${command.holdId}" reserved ${rec.amountMinor} minor units, got ${posted}`,
    );
  }
  const from = batch.token(rec.currency, rec.from) as Account;
  const to = batch.token(rec.currency, rec.to) as Account;
  batch.release(from, to, rec.amountMinor);
  if (posted > 0n) batch.post(from, to, posted);
  const next: Draft<HoldRec> = copyOf(rec);
  next.status = 'posted';
  next.postedMinor = posted;
  batch.state.holds.set(rec.id, next);
  return { id: command.id, kind: command.kind, status: 'applied', replayed: false, hold: holdRecord(next) };
}

/** @internal */
export function voidHold(batch: Batch, command: VoidHoldCommand): CommandResult {
  const rec = batch.state.holds.get(command.holdId);
  if (rec === undefined)
    return rejected(command.id, command.kind, R.HOLD_NOT_FOUND, `no hold "${command.holdId}"`);
  if (rec.status !== 'reserved') {
    return rejected(
      command.id,
      command.kind,
      R.HOLD_ALREADY_RESOLVED,
      `hold "${command.holdId}" is already ${rec.status}`,
    );
  }
  batch.release(
    batch.token(rec.currency, rec.from) as Account,
    batch.token(rec.currency, rec.to) as Account,
    rec.amountMinor,
  );
  const next: Draft<HoldRec> = copyOf(rec);
  next.status = 'voided';
  batch.state.holds.set(rec.id, next);
  return { id: command.id, kind: command.kind, status: 'applied', replayed: false, hold: holdRecord(next) };
}

// ── mint and funding ────────────────────────────────────────────────────────────────────────

/** Both reference kinds, in the order they are looked up. */
const REF_KINDS: readonly RefKind[] = [UETR_REF, E2E_REF];

/** The reference of `kind` an object carries (its UETR, its EndToEndId). */
function refOf(
  of: { readonly uetr?: string; readonly endToEndId?: string },
  kind: RefKind,
): string | undefined {
  return kind === UETR_REF ? of.uetr : of.endToEndId;
}

/** Adds a bank entry's key to the lists of its references. */
function pushRefs(index: LedgerState['fundingByRef'], entry: EntryRec): void {
  if (entry.uetr !== undefined) pushRef(index, entry.currency, UETR_REF, entry.uetr, entry.key);
  if (entry.endToEndId !== undefined) pushRef(index, entry.currency, E2E_REF, entry.endToEndId, entry.key);
}

/** Removes a bank entry's key from the lists of its references. */
function dropRefs(index: LedgerState['fundingByRef'], entry: EntryRec): void {
  if (entry.uetr !== undefined) dropRef(index, entry.currency, UETR_REF, entry.uetr, entry.key);
  if (entry.endToEndId !== undefined) dropRef(index, entry.currency, E2E_REF, entry.endToEndId, entry.key);
}

/** Frees the references a payout held (it is no longer in flight). */
function unlinkPayout(state: LedgerState, payout: PayoutRec): void {
  for (const kind of REF_KINDS) {
    const ref = refOf(payout, kind);
    if (ref !== undefined && state.payoutByRef.get(payout.currency, kind, ref) === payout.id)
      state.payoutByRef.delete(payout.currency, kind, ref);
  }
}

/** Two references name the same payment unless both carry a UETR and the UETRs differ. */
function compatible(a: { uetr?: string }, b: { uetr?: string }): boolean {
  return a.uetr === undefined || b.uetr === undefined || a.uetr === b.uetr;
}

/** The oldest booked credit no mint has claimed that matches the references. */
function findFunding(batch: Batch, mint: MintRec): EntryRec | undefined {
  const state = batch.state;
  if (mint.uetr !== undefined) {
    const keys = state.fundingByRef.get(mint.currency, UETR_REF, mint.uetr);
    if (keys !== undefined && keys.length > 0) return state.entries.get(keys[0] as string);
  }
  if (mint.endToEndId !== undefined) {
    const keys = state.fundingByRef.get(mint.currency, E2E_REF, mint.endToEndId) ?? [];
    for (const key of keys) {
      const entry = state.entries.get(key) as EntryRec;
      if (compatible(entry, mint)) return entry;
    }
  }
  return undefined;
}

/** The pending mint a new credit funds. */
function findPendingMint(batch: Batch, entry: EntryRec): MintRec | undefined {
  const state = batch.state;
  for (const kind of REF_KINDS) {
    const ref = refOf(entry, kind);
    if (ref === undefined) continue;
    const id = state.mintByRef.get(entry.currency, kind, ref);
    if (id === undefined) continue;
    const mint = state.mints.get(id) as MintRec;
    if (mint.status === 'pending' && compatible(entry, mint)) return mint;
  }
  return undefined;
}

/**
 * Mints `mint` against `entry` when the amounts agree; else the mint is rejected (nothing minted, the
 * credit stays unclaimed for a corrected mint). Returns the mint's new state. `listed`: whether the
 * credit is in `fundingByRef` (taken out when claimed).
 */
function completeMint(batch: Batch, mint: MintRec, entry: EntryRec, listed = true): MintRec {
  const state = batch.state;
  if (entry.amountMinor !== mint.amountMinor) {
    for (const kind of REF_KINDS) {
      const ref = refOf(mint, kind);
      if (ref !== undefined && state.mintByRef.get(mint.currency, kind, ref) === mint.id)
        state.mintByRef.delete(mint.currency, kind, ref);
    }
    const rejectedMint: Draft<MintRec> = copyWithout(mint, 'code');
    rejectedMint.status = 'rejected';
    rejectedMint.code = R.FUNDING_MISMATCH;
    return rejectedMint;
  }
  const books = batch.books(mint.currency);
  // Pair check with `absorb`: never mint beyond the confirmed funds still unallocated.
  if (books.unallocated.balance() < mint.amountMinor) return mint;
  const token = batch.token(mint.currency, mint.participant) as Account;
  batch.post(books.unallocated, token, mint.amountMinor);
  if (listed) dropRefs(state.fundingByRef, entry);
  const claimed: Draft<EntryRec> = copyOf(entry);
  claimed.claimedBy = mint.id;
  state.entries.set(entry.key, claimed);
  const minted: Draft<MintRec> = copyWithout(mint, 'code');
  minted.status = 'minted';
  minted.fundedBy = entry.key;
  return minted;
}

/** @internal */
export function mint(batch: Batch, command: MintCommand): CommandResult {
  const currency = command.amount.currency;
  const state = batch.state;
  if (batch.token(currency, command.participant) === undefined) {
    return rejected(command.id, command.kind, R.ACCOUNT_NOT_FOUND, noAccount(currency, command.participant));
  }
  for (const kind of REF_KINDS) {
    const ref = refOf(command, kind);
    const other = ref === undefined ? undefined : state.mintByRef.get(currency, kind, ref);
    if (other !== undefined) {
      return rejected(
        command.id,
        command.kind,
        R.DUPLICATE_REFERENCE,
        `mint "${other}" already uses this payment reference`,
      );
    }
  }
  // In the order of its JSON form (the key order is part of the journal), one literal per shape.
  const { id, participant, uetr, endToEndId } = command;
  const minor = command.amount.minor;
  const fresh: MintRec =
    uetr === undefined
      ? // Validated: a mint without a UETR has an EndToEndId.
        {
          id,
          participant,
          currency,
          amountMinor: minor,
          endToEndId: endToEndId as string,
          status: 'pending',
          code: R.AWAITING_FUNDING,
        }
      : endToEndId === undefined
        ? { id, participant, currency, amountMinor: minor, uetr, status: 'pending', code: R.AWAITING_FUNDING }
        : {
            id,
            participant,
            currency,
            amountMinor: minor,
            uetr,
            endToEndId,
            status: 'pending',
            code: R.AWAITING_FUNDING,
          };
  let rec: MintRec = fresh;
  const funding = findFunding(batch, rec);
  if (funding !== undefined && funding.amountMinor !== rec.amountMinor) {
    return rejected(
      command.id,
      command.kind,
      R.FUNDING_MISMATCH,
      `the booked credit ${funding.key} is ${funding.amountMinor} minor units, the mint asks for ${rec.amountMinor}`,
    );
  }
  batch.books(currency);
  if (batch.frozen(currency)) {
    const frozen: Draft<MintRec> = copyOf(rec);
    frozen.code = R.MINTING_FROZEN;
    rec = frozen;
  } else if (funding !== undefined) {
    rec = completeMint(batch, rec, funding);
  }
  if (rec.status !== 'rejected') {
    if (command.uetr !== undefined) state.mintByRef.set(currency, UETR_REF, command.uetr, rec.id);
    if (command.endToEndId !== undefined) state.mintByRef.set(currency, E2E_REF, command.endToEndId, rec.id);
  }
  state.mints.set(rec.id, rec);
  const minted = rec.status === 'minted';
  const result: CommandResult =
    rec.code === undefined
      ? { id, kind: 'mint', status: minted ? 'applied' : 'pending', replayed: false, mint: mintRecord(rec) }
      : {
          id,
          kind: 'mint',
          status: minted ? 'applied' : 'pending',
          code: rec.code,
          replayed: false,
          mint: mintRecord(rec),
        };
  writeMintTexts(batch, rec, result);
  return result;
}

/**
 * The journal texts of a mint's record and result as {@link mint} builds them (`fresh`, its frozen
 * copy, or completed: key orders known here), so the body does not walk them field by field:
 * `recordText(rec)` and `encodeResultText(result)`, proven equal by a seeded property.
 */
function writeMintTexts(batch: Batch, rec: MintRec, result: CommandResult): void {
  const head = `{"id":${jsonString(rec.id)},"participant":${jsonString(rec.participant)}`;
  const refs =
    rec.uetr === undefined
      ? `,"endToEndId":${jsonString(rec.endToEndId as string)}`
      : rec.endToEndId === undefined
        ? `,"uetr":${plainString(rec.uetr)}`
        : `,"uetr":${plainString(rec.uetr)},"endToEndId":${jsonString(rec.endToEndId)}`;
  // Validated: an ISO 4217 code, a UETR; the status and codes are the ledger's constants.
  const currency = plainString(rec.currency);
  const digits = `"${rec.amountMinor}"`;
  const tail =
    rec.status === 'minted'
      ? `,"status":"minted","fundedBy":${jsonString(rec.fundedBy as string)}}`
      : `,"status":${plainString(rec.status)},"code":${plainString(rec.code as string)}}`;
  batch.setRecordText(rec, `${head},"currency":${currency},"amountMinor":${digits}${refs}${tail}`);
  batch.resultText = `{"status":${plainString(result.status)}${result.code === undefined ? '' : `,"code":${plainString(result.code)}`},"mint":${head},"amount":{"currency":${currency},"minor":${digits}}${refs}${tail}}`;
}

/** Completes every pending mint of a currency its funding allows (after a freeze is lifted). */
function rematch(batch: Batch, currency: CurrencyCode): void {
  const pending: MintRec[] = [];
  for (const mint of batch.state.mints.values())
    if (mint.status === 'pending' && mint.currency === currency) pending.push(mint);
  pending.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const waiting of pending) {
    const funding = findFunding(batch, waiting);
    if (funding === undefined) {
      if (waiting.code !== R.AWAITING_FUNDING) {
        const awaiting: Draft<MintRec> = copyOf(waiting);
        awaiting.code = R.AWAITING_FUNDING;
        batch.state.mints.set(waiting.id, awaiting);
      }
      continue;
    }
    const done = completeMint(batch, waiting, funding);
    batch.state.mints.set(done.id, done);
    if (done.status === 'minted') batch.minted.push(done.id);
  }
}

// ── breaks ──────────────────────────────────────────────────────────────────────────────────

/** Opens a break unless one with its id exists; returns the one that stands. @internal */
export function openBreak(batch: Batch, rec: BreakRec): BreakRec {
  const existing = batch.state.breaks.get(rec.id);
  if (existing !== undefined) return existing;
  batch.state.breaks.set(rec.id, rec);
  batch.countBreak(rec.currency, 1);
  return rec;
}

function closeBreak(
  batch: Batch,
  rec: BreakRec,
  action: 'accept' | 'absorb' | 'matched',
  note: string,
): void {
  const resolved: Draft<BreakRec> = copyOf(rec);
  resolved.status = 'resolved';
  resolved.action = action;
  resolved.note = note;
  resolved.resolvedBy = batch.commandId;
  batch.state.breaks.set(rec.id, resolved);
  batch.countBreak(rec.currency, -1);
  if (!batch.frozen(rec.currency)) rematch(batch, rec.currency);
}

/**
 * Unallocated funds no mint can still claim: the balance minus every unclaimed booked credit that
 * carries a payment reference (those wait for their mint and must stay).
 */
function freeUnallocated(batch: Batch, currency: CurrencyCode, balance: bigint): bigint {
  let free = balance;
  for (const entry of batch.state.entries.values()) {
    if (
      entry.currency === currency &&
      entry.creditDebit === 'CRDT' &&
      entry.claimedBy === undefined &&
      (entry.uetr !== undefined || entry.endToEndId !== undefined)
    ) {
      free -= entry.amountMinor;
    }
  }
  return free;
}

/** @internal */
export function resolveBreak(batch: Batch, command: ResolveBreakCommand): CommandResult {
  const state = batch.state;
  const rec = state.breaks.get(command.breakId);
  if (rec === undefined)
    return rejected(command.id, command.kind, R.BREAK_NOT_FOUND, `no break "${command.breakId}"`);
  if (rec.status !== 'open')
    return rejected(
      command.id,
      command.kind,
      R.BREAK_ALREADY_RESOLVED,
      `break "${rec.id}" is already resolved`,
    );
  if (command.action === 'absorb') {
    const entry = rec.entryKey === undefined ? undefined : state.entries.get(rec.entryKey);
    if (entry === undefined || entry.state !== 'held' || entry.creditDebit !== 'DBIT') {
      return rejected(
        command.id,
        command.kind,
        R.INVALID_RESOLUTION,
        `break "${rec.id}" has no held bank debit to absorb`,
      );
    }
    const books = batch.books(entry.currency);
    if (
      freeUnallocated(batch, entry.currency, books.unallocated.balance()) < entry.amountMinor ||
      books.reserve.balance() - books.payout.balance() < entry.amountMinor
    ) {
      return rejected(
        command.id,
        command.kind,
        R.INSUFFICIENT_FUNDS,
        `unallocated ${entry.currency} not earmarked for a mint does not cover the debit ${entry.key}`,
      );
    }
    batch.post(books.unallocated, books.reserve, entry.amountMinor);
    dropRefs(state.heldByRef, entry);
    const absorbed: Draft<EntryRec> = copyOf(entry);
    absorbed.state = 'absorbed';
    state.entries.set(entry.key, absorbed);
  }
  closeBreak(batch, rec, command.action, command.note);
  return applied(command.id, command.kind);
}

// ── redeem and payouts ──────────────────────────────────────────────────────────────────────

/** Confirms an in-flight payout with a booked debit of its amount. */
function confirmPayout(batch: Batch, payout: PayoutRec, entry: EntryRec): PayoutRec {
  const state = batch.state;
  const books = batch.books(payout.currency);
  batch.post(books.payout, books.reserve, payout.amountMinor);
  unlinkPayout(state, payout);
  const confirmed: Draft<PayoutRec> = copyOf(payout);
  confirmed.status = 'confirmed';
  confirmed.confirmedBy = entry.key;
  return confirmed;
}

/** @internal */
export function redeem(batch: Batch, command: RedeemCommand): CommandResult {
  const state = batch.state;
  const currency = command.amount.currency;
  const token = batch.token(currency, command.participant);
  if (token === undefined)
    return rejected(command.id, command.kind, R.ACCOUNT_NOT_FOUND, noAccount(currency, command.participant));
  for (const kind of REF_KINDS) {
    const ref = refOf(command, kind);
    const other = ref === undefined ? undefined : state.payoutByRef.get(currency, kind, ref);
    if (other !== undefined) {
      return rejected(
        command.id,
        command.kind,
        R.DUPLICATE_REFERENCE,
        `payout "${other}" already uses this payment reference`,
      );
    }
  }
  const amount = command.amount.minor;
  // Only tokens that exist are burned: a redeem never draws on the overdraft.
  if (token.creditsPosted - token.debitsPosted - token.debitsPending < amount) {
    return rejected(
      command.id,
      command.kind,
      R.INSUFFICIENT_FUNDS,
      `"${command.participant}" cannot redeem ${amount} minor units of x${currency}`,
    );
  }
  const books = batch.books(currency);
  if (books.reserve.balance() - books.payout.balance() < amount) {
    return rejected(
      command.id,
      command.kind,
      R.RESERVE_INSUFFICIENT,
      `the ${currency} reserve not already promised to payouts does not cover ${amount} minor units`,
    );
  }
  batch.post(token, books.payout, amount);
  // Field by field in the order of its JSON form (the key order is part of the journal).
  const fresh = {
    id: command.id,
    participant: command.participant,
    currency,
    amountMinor: amount,
  } as Draft<PayoutRec>;
  if (books.reserve.bankAccountId !== null) fresh.reserveAccountId = books.reserve.bankAccountId;
  if (command.uetr !== undefined) fresh.uetr = command.uetr;
  if (command.endToEndId !== undefined) fresh.endToEndId = command.endToEndId;
  if (command.beneficiary !== undefined) fresh.beneficiary = command.beneficiary;
  fresh.status = 'in-flight';
  let rec: PayoutRec = fresh;
  // The bank may report the debit before the redeem reaches the ledger: an early confirmation is
  // held, and completes the payout now.
  const early = findHeldDebit(batch, rec);
  if (early !== undefined) {
    rec = confirmPayout(batch, rec, early);
    dropRefs(state.heldByRef, early);
    const posted: Draft<EntryRec> = copyOf(early);
    posted.state = 'posted';
    posted.confirms = rec.id;
    state.entries.set(early.key, posted);
    const open = early.breakId === undefined ? undefined : state.breaks.get(early.breakId);
    state.payouts.set(rec.id, rec);
    if (open !== undefined && open.status === 'open')
      closeBreak(batch, open, 'matched', `confirms payout ${rec.id}`);
  } else {
    if (command.uetr !== undefined) state.payoutByRef.set(currency, UETR_REF, command.uetr, rec.id);
    if (command.endToEndId !== undefined)
      state.payoutByRef.set(currency, E2E_REF, command.endToEndId, rec.id);
    state.payouts.set(rec.id, rec);
    writePayoutTexts(batch, rec);
  }
  return {
    id: command.id,
    kind: command.kind,
    status: 'applied',
    replayed: false,
    payout: payoutInstruction(rec),
  };
}

/**
 * The journal texts of a new payout in flight and of its redeem's result, as {@link redeem} builds
 * them (`fresh`: key orders known here): `recordText(rec)` and `encodeResultText(result)`.
 */
function writePayoutTexts(batch: Batch, rec: PayoutRec): void {
  const head = `{"id":${jsonString(rec.id)},"participant":${jsonString(rec.participant)}`;
  let rest = '';
  if (rec.reserveAccountId !== undefined) rest += `,"reserveAccountId":${jsonString(rec.reserveAccountId)}`;
  if (rec.uetr !== undefined) rest += `,"uetr":${plainString(rec.uetr)}`;
  if (rec.endToEndId !== undefined) rest += `,"endToEndId":${jsonString(rec.endToEndId)}`;
  if (rec.beneficiary !== undefined) rest += `,"beneficiary":${jsonString(rec.beneficiary)}`;
  rest += `,"status":${plainString(rec.status)}}`;
  // Validated: an ISO 4217 code (and the UETR above); the status is the ledger's constant.
  const currency = plainString(rec.currency);
  const digits = `"${rec.amountMinor}"`;
  batch.setRecordText(rec, `${head},"currency":${currency},"amountMinor":${digits}${rest}`);
  batch.resultText = `{"status":"applied","payout":${head},"amount":{"currency":${currency},"minor":${digits}}${rest}}`;
}

function findHeldDebit(batch: Batch, payout: PayoutRec): EntryRec | undefined {
  const state = batch.state;
  for (const kind of REF_KINDS) {
    const ref = refOf(payout, kind);
    if (ref === undefined) continue;
    for (const key of state.heldByRef.get(payout.currency, kind, ref) ?? []) {
      const entry = state.entries.get(key) as EntryRec;
      if (entry.amountMinor === payout.amountMinor && compatible(entry, payout)) return entry;
    }
  }
  return undefined;
}

/** @internal */
export function cancelPayout(batch: Batch, command: CancelPayoutCommand): CommandResult {
  const state = batch.state;
  const rec = state.payouts.get(command.payoutId);
  if (rec === undefined)
    return rejected(command.id, command.kind, R.PAYOUT_NOT_FOUND, `no payout "${command.payoutId}"`);
  if (rec.status !== 'in-flight') {
    return rejected(
      command.id,
      command.kind,
      R.PAYOUT_ALREADY_RESOLVED,
      `payout "${rec.id}" is already ${rec.status}`,
    );
  }
  const books = batch.books(rec.currency);
  batch.post(books.payout, batch.token(rec.currency, rec.participant) as Account, rec.amountMinor);
  unlinkPayout(state, rec);
  const next: Draft<PayoutRec> = copyOf(rec);
  next.status = 'cancelled';
  state.payouts.set(rec.id, next);
  return {
    id: command.id,
    kind: command.kind,
    status: 'applied',
    replayed: false,
    payout: payoutInstruction(next),
  };
}

function findPayout(batch: Batch, entry: EntryRec): PayoutRec | undefined {
  const state = batch.state;
  for (const kind of REF_KINDS) {
    const ref = refOf(entry, kind);
    if (ref === undefined) continue;
    const id = state.payoutByRef.get(entry.currency, kind, ref);
    if (id === undefined) continue;
    const payout = state.payouts.get(id) as PayoutRec;
    if (payout.status === 'in-flight' && compatible(entry, payout)) return payout;
  }
  return undefined;
}

// ── the bank feed (real-time reconciliation) ────────────────────────────────────────────────

function sameEntry(rec: EntryRec, entry: BankEntry): boolean {
  return (
    rec.accountId === entry.accountId &&
    rec.creditDebit === entry.creditDebit &&
    rec.currency === entry.amount.currency &&
    rec.amountMinor === entry.amount.minor
  );
}

const signed = (direction: 'CRDT' | 'DBIT', minor: bigint): bigint => (direction === 'CRDT' ? minor : -minor);

/** @internal */
export function recordBankEntries(batch: Batch, command: RecordBankEntriesCommand): CommandResult {
  const outcomes: BankEntryOutcome[] = [];
  let texts = '';
  for (const entry of command.entries) {
    const outcome = recordEntry(batch, entry);
    outcomes.push(outcome);
    texts += texts === '' ? outcomeText(outcome) : `,${outcomeText(outcome)}`;
  }
  batch.resultText = `{"status":"applied","entries":[${texts}]}`;
  return { id: command.id, kind: command.kind, status: 'applied', replayed: false, entries: outcomes };
}

/**
 * `valueText(outcome)` for the outcomes {@link recordEntry} builds: `key`, `status`, then at most one
 * of `code`, `matched` (`kind`, `id`) and `breakId`, in that order.
 */
function outcomeText(outcome: BankEntryOutcome): string {
  // The status, code and kind are the ledger's constants.
  const head = `{"key":${jsonString(outcome.key)},"status":${plainString(outcome.status)}`;
  if (outcome.code !== undefined) return `${head},"code":${plainString(outcome.code)}}`;
  if (outcome.matched !== undefined)
    return `${head},"matched":{"kind":${plainString(outcome.matched.kind)},"id":${jsonString(outcome.matched.id)}}}`;
  if (outcome.breakId !== undefined) return `${head},"breakId":${jsonString(outcome.breakId)}}`;
  return `${head}}`;
}

/** The journal text of a bank entry record as {@link recordEntry} builds it, without its closing brace. */
function entryTextHead(rec: EntryRec): string {
  let text = `{"key":${jsonString(rec.key)},"accountId":${jsonString(rec.accountId)},"servicerReference":${jsonString(rec.servicerReference)},"entryReference":${jsonString(rec.entryReference)},"currency":${plainString(rec.currency)},"creditDebit":${plainString(rec.creditDebit)},"amountMinor":"${rec.amountMinor}","bookingDate":${jsonString(rec.bookingDate)}`;
  if (rec.valueDate !== undefined) text += `,"valueDate":${jsonString(rec.valueDate)}`;
  if (rec.uetr !== undefined) text += `,"uetr":${plainString(rec.uetr)}`;
  if (rec.endToEndId !== undefined) text += `,"endToEndId":${jsonString(rec.endToEndId)}`;
  return `${text},"state":${plainString(rec.state)},"order":${jsonNumber(rec.order)}`;
}

function recordEntry(batch: Batch, entry: BankEntry): BankEntryOutcome {
  const state = batch.state;
  const key = entryKey(entry.servicerReference, entry.entryReference);
  if (entry.status !== 'BOOK') return { key, status: 'ignored' };
  const currency = entry.amount.currency;
  const existing = state.entries.get(key);
  // The committed books of the currency when there are (the same reserve account), else a look-up.
  const reserve = state.books.get(currency)?.reserve ?? state.accounts.get(systemKey(currency, 'reserve'));
  const bound = reserve?.bankAccountId ?? batch.bindings[currency] ?? null;
  if (bound !== null && bound !== entry.accountId) {
    return { key, status: 'rejected', code: R.RESERVE_ACCOUNT_MISMATCH };
  }
  if (existing !== undefined) {
    if (sameEntry(existing, entry)) return { key, status: 'duplicate' };
    const conflict = openBreak(batch, {
      id: `amount-mismatch:${currency}:${key}`,
      kind: 'amount-mismatch',
      currency,
      source: 'realtime',
      entryKey: key,
      accountId: entry.accountId,
      ledgerMinor: signed(existing.creditDebit, existing.amountMinor),
      bankMinor: signed(entry.creditDebit, entry.amount.minor),
      message: `bank entry ${key} was reported again with other content (${entry.creditDebit} ${entry.amount.minor} minor units of ${currency} on ${entry.accountId})`,
      status: 'open',
      detectedBy: batch.commandId,
    });
    return { key, status: 'conflict', breakId: conflict.id };
  }
  const books = batch.books(currency);
  if (books.reserve.bankAccountId === null) {
    books.reserve.bankAccountId = entry.accountId;
    batch.changedMeta(books.reserve);
  }
  // Field by field in the order of its JSON form (the key order is part of the journal).
  const fresh = {
    key,
    accountId: entry.accountId,
    servicerReference: entry.servicerReference,
    entryReference: entry.entryReference,
    currency,
    creditDebit: entry.creditDebit,
    amountMinor: entry.amount.minor,
    bookingDate: entry.bookingDate as string,
  } as Draft<EntryRec>;
  if (entry.valueDate !== undefined) fresh.valueDate = entry.valueDate;
  if (entry.uetr !== undefined) fresh.uetr = entry.uetr;
  if (entry.endToEndId !== undefined) fresh.endToEndId = entry.endToEndId;
  fresh.state = 'posted';
  fresh.order = batch.nextEntryOrder();
  let rec: EntryRec = fresh;
  if (entry.creditDebit === 'CRDT') {
    // Money arrived: the reserve mirrors it at once, whatever it is for.
    batch.post(books.reserve, books.unallocated, rec.amountMinor);
    const pending = batch.frozen(currency) ? undefined : findPendingMint(batch, rec);
    state.entries.set(key, rec);
    if (pending === undefined) {
      pushRefs(state.fundingByRef, rec);
      batch.setRecordText(rec, `${entryTextHead(rec)}}`);
      return { key, status: 'posted' };
    }
    // A credit the mint claims is never listed as unclaimed funding (listing it only to drop it again
    // leaves the same lists); one it does not claim is.
    const done = completeMint(batch, pending, rec, false);
    state.mints.set(done.id, done);
    if (done.status !== 'minted') {
      pushRefs(state.fundingByRef, rec);
      batch.setRecordText(rec, `${entryTextHead(rec)}}`);
      return done.status === 'rejected'
        ? { key, status: 'posted', code: R.FUNDING_MISMATCH }
        : { key, status: 'posted' };
    }
    const claimed = state.entries.get(key) as EntryRec;
    batch.setRecordText(claimed, `${entryTextHead(rec)},"claimedBy":${jsonString(done.id)}}`);
    batch.minted.push(done.id);
    return { key, status: 'posted', matched: { kind: 'mint', id: done.id } };
  }
  const payout = findPayout(batch, rec);
  if (payout !== undefined && payout.amountMinor === rec.amountMinor) {
    state.payouts.set(payout.id, confirmPayout(batch, payout, rec));
    const confirming: Draft<EntryRec> = copyOf(rec);
    confirming.confirms = payout.id;
    state.entries.set(key, confirming);
    batch.setRecordText(confirming, `${entryTextHead(rec)},"confirms":${jsonString(payout.id)}}`);
    return { key, status: 'posted', matched: { kind: 'payout', id: payout.id } };
  }
  // A debit nothing explains (yet): the reserve does not move, and minting freezes until it is
  // matched by a redeem, absorbed or accepted.
  const candidate = {
    id: `${payout === undefined ? 'missing-in-ledger' : 'amount-mismatch'}:${currency}:${key}`,
    kind: payout === undefined ? 'missing-in-ledger' : 'amount-mismatch',
    currency,
    source: 'realtime',
    entryKey: key,
    accountId: entry.accountId,
  } as Draft<BreakRec>;
  if (payout !== undefined) candidate.ledgerMinor = -payout.amountMinor;
  candidate.bankMinor = -rec.amountMinor;
  candidate.message =
    payout === undefined
      ? `the bank booked a debit ${key} of ${rec.amountMinor} minor units of ${currency} that no payout explains`
      : `the bank booked a debit ${key} of ${rec.amountMinor} minor units of ${currency} for payout ${payout.id} of ${payout.amountMinor}`;
  candidate.status = 'open';
  candidate.detectedBy = batch.commandId;
  const opened = openBreak(batch, candidate);
  const held: Draft<EntryRec> = copyOf(rec);
  held.state = 'held';
  held.breakId = opened.id;
  rec = held;
  state.entries.set(key, rec);
  pushRefs(state.heldByRef, rec);
  return { key, status: 'held', breakId: opened.id };
}
