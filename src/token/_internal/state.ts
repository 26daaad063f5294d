/**
 * The ledger's in-memory state and the batch machinery over it.
 *
 * Balances are double-buffered: a batch changes the working fields of the accounts it touches and
 * readers see the committed ones, copied over when the store transaction commits (or copied back when
 * it fails). Objects and indexes live in {@link OverlayMap}s with the same two layers. So a batch is
 * invisible until it is durable, and undoing one costs only what it touched.
 * @internal
 */
import type { CurrencyCode } from '../../index';
import type { JsonValue, StoredAccount, StoredCommands, StoredObjectType } from '../store';
import type { AccountKind, CommandKind } from '../types';
import { jsonString } from './json';
import { type Layered, OverlayMap, RefIndex } from './overlay-map';
import type { BreakRec, EntryRec, HoldRec, MintRec, PayoutRec, RecOf } from './records';

/** Posting operations, as written in the journal. @internal */
export const OP_POST = 0;
/** @internal */
export const OP_HOLD = 1;
/** @internal */
export const OP_RELEASE = 2;

/** @internal */
export class Account {
  readonly key: string;
  readonly currency: CurrencyCode;
  readonly kind: AccountKind;
  readonly participant: string | null;
  // Working values (the running batch).
  debitsPosted = 0n;
  creditsPosted = 0n;
  debitsPending = 0n;
  creditsPending = 0n;
  limit = 0n;
  bankAccountId: string | null = null;
  // Committed values (what readers see).
  cDebitsPosted = 0n;
  cCreditsPosted = 0n;
  cDebitsPending = 0n;
  cCreditsPending = 0n;
  cLimit = 0n;
  cBankAccountId: string | null = null;
  /** The journal record that last changed it (committed). */
  seq = 0;
  /** Batch bookkeeping: the batch that touched it last, its index in that batch's `refs`. */
  mark = 0;
  ref = 0;
  metaDirty = false;
  /** Scratch space for settleBatch: what the account pays and receives in it. */
  scratch = 0n;
  scratchIn = 0n;
  scratchMark = 0;
  /** `JSON.stringify(key)`, once it was needed (the body names the account in every batch touching it). */
  private keyJson: string | undefined = undefined;

  constructor(key: string, currency: CurrencyCode, kind: AccountKind, participant: string | null) {
    this.key = key;
    this.currency = currency;
    this.kind = kind;
    this.participant = participant;
  }

  /** The key as JSON text. */
  keyText(): string {
    let text = this.keyJson;
    if (text === undefined) {
      text = jsonString(this.key);
      this.keyJson = text;
    }
    return text;
  }

  /** Working balance in the account's normal direction. */
  balance(): bigint {
    return this.kind === 'reserve'
      ? this.debitsPosted - this.creditsPosted
      : this.creditsPosted - this.debitsPosted;
  }

  /** What a debit may still take: balance − held + overdraft limit. */
  spendable(): bigint {
    return this.creditsPosted - this.debitsPosted - this.debitsPending + this.limit;
  }

  toStored(committed: boolean, seq: number = this.seq): StoredAccount {
    return committed
      ? {
          key: this.key,
          currency: this.currency,
          kind: this.kind,
          participant: this.participant,
          overdraftLimit: this.cLimit,
          bankAccountId: this.cBankAccountId,
          debitsPosted: this.cDebitsPosted,
          creditsPosted: this.cCreditsPosted,
          debitsPending: this.cDebitsPending,
          creditsPending: this.cCreditsPending,
          seq,
        }
      : {
          key: this.key,
          currency: this.currency,
          kind: this.kind,
          participant: this.participant,
          overdraftLimit: this.limit,
          bankAccountId: this.bankAccountId,
          debitsPosted: this.debitsPosted,
          creditsPosted: this.creditsPosted,
          debitsPending: this.debitsPending,
          creditsPending: this.creditsPending,
          seq,
        };
  }
}

/** Account keys: `USD/reserve`, `USD/unallocated`, `USD/payout`, `xUSD/<participant>`. @internal */
export function systemKey(currency: string, kind: 'reserve' | 'unallocated' | 'payout'): string {
  return `${currency}/${kind}`;
}

/** @internal */
export function tokenKey(currency: string, participant: string): string {
  return `x${currency}/${participant}`;
}

/**
 * A stored result kept as its JSON text, a slice of the journal body that holds it (which the memory
 * store keeps anyway): one small string instead of the result's JSON form, parsed when a replay or a
 * verification reads it.
 * @internal
 */
export class ResultText {
  readonly kind: CommandKind;
  readonly text: string;

  constructor(kind: CommandKind, text: string) {
    this.kind = kind;
    this.text = text;
  }
}

/** `seq` of a command whose batch is running. @internal */
export const RUNNING = -1;

/**
 * Every command ever executed: id → slot, and per slot its fingerprint, stored result and journal
 * seq, in plain arrays. A million commands are a million array slots, not a million objects for the
 * garbage collector to trace.
 *
 * The id → slot index is an open-addressing (linear probing) table in one `Int32Array` of
 * `[slot, hash]` pairs, at most half full: a look-up of a new id usually reads one pair and stops at
 * an empty one, without touching the id strings of other commands (a `Map` of a million strings
 * costs a few cache misses per look-up). Ids are compared exactly; the hash only picks the bucket.
 * @internal
 */
export class CommandIndex {
  /** `[slot, hash]` pairs; slot -1 is empty. */
  private table: Int32Array = new Int32Array(2 * 1024).fill(-1);
  private mask = 1024 - 1;
  /** Entries in {@link CommandIndex.table}. */
  private used = 0;
  readonly ids: string[] = [];
  readonly fingerprints: number[] = [];
  /** Stored results; those of batches committed to a journal-keeping store as {@link ResultText}. */
  readonly results: (JsonValue | ResultText)[] = [];
  readonly seqs: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** The stored result `[kind, result]` of a slot. */
  result(slot: number): JsonValue {
    const value = this.results[slot];
    if (!(value instanceof ResultText)) return value as JsonValue;
    const parsed: JsonValue = [value.kind, JSON.parse(value.text) as JsonValue];
    this.results[slot] = parsed;
    return parsed;
  }

  /** Every command as store columns (results parsed). */
  columns(): StoredCommands {
    const results: JsonValue[] = new Array(this.results.length);
    for (let slot = 0; slot < results.length; slot++) results[slot] = this.result(slot);
    return { ids: this.ids, fingerprints: this.fingerprints, results, seqs: this.seqs };
  }

  slot(id: string): number | undefined {
    const at = this.find(id, idHash(id));
    return at < 0 ? undefined : (this.table[at] as number);
  }

  add(id: string, fingerprint: number, result: JsonValue, seq: number): number {
    const slot = this.ids.length;
    if ((this.used + 1) * 2 > this.mask + 1) this.grow();
    const hash = idHash(id);
    const at = this.find(id, hash);
    if (at >= 0) {
      // The same id again takes the new slot (as `Map.set` would).
      this.table[at] = slot;
    } else {
      this.insert(-1 - at, slot, hash);
    }
    this.push(id, fingerprint, result, seq);
    return slot;
  }

  /**
   * One probe for the batch's look-up: the slot of `id` when it is known; else `id` is added (as
   * {@link CommandIndex.add} would) and the result is `-1 - slot` of the new slot.
   */
  claim(id: string, fingerprint: number, result: JsonValue, seq: number): number {
    if ((this.used + 1) * 2 > this.mask + 1) this.grow();
    const hash = idHash(id);
    const at = this.find(id, hash);
    if (at >= 0) return this.table[at] as number;
    const slot = this.ids.length;
    this.insert(-1 - at, slot, hash);
    this.push(id, fingerprint, result, seq);
    return -1 - slot;
  }

  private insert(at: number, slot: number, hash: number): void {
    this.table[at] = slot;
    this.table[at + 1] = hash;
    this.used++;
  }

  private push(id: string, fingerprint: number, result: JsonValue, seq: number): void {
    this.ids.push(id);
    this.fingerprints.push(fingerprint);
    this.results.push(result);
    this.seqs.push(seq);
  }

  /** Drops every slot from `start` on (the commands of a batch that did not commit). */
  truncate(start: number): void {
    for (let slot = this.ids.length - 1; slot >= start; slot--) this.remove(this.ids[slot] as string, slot);
    this.ids.length = start;
    this.fingerprints.length = start;
    this.results.length = start;
    this.seqs.length = start;
  }

  /** The table offset of `id`'s pair, or `-1 - offset` of the empty pair where it would go. */
  private find(id: string, hash: number): number {
    const table = this.table;
    const mask = this.mask;
    let bucket = hash & mask;
    for (;;) {
      const at = bucket << 1;
      const slot = table[at] as number;
      if (slot < 0) return -1 - at;
      if (table[at + 1] === hash && this.ids[slot] === id) return at;
      bucket = (bucket + 1) & mask;
    }
  }

  /** Removes `id`'s pair if it points at `slot` (backward-shift deletion: no tombstones). */
  private remove(id: string, slot: number): void {
    const at = this.find(id, idHash(id));
    if (at < 0 || this.table[at] !== slot) return;
    const table = this.table;
    const mask = this.mask;
    let hole = at >> 1;
    let next = hole;
    for (;;) {
      next = (next + 1) & mask;
      const entry = table[next << 1] as number;
      if (entry < 0) break;
      const home = (table[(next << 1) + 1] as number) & mask;
      // The entry may fill the hole unless its home bucket lies cyclically in (hole, next].
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      table[hole << 1] = entry;
      table[(hole << 1) + 1] = table[(next << 1) + 1] as number;
      hole = next;
    }
    table[hole << 1] = -1;
    table[(hole << 1) + 1] = 0;
    this.used--;
  }

  private grow(): void {
    const old = this.table;
    const buckets = (this.mask + 1) * 2;
    const table = new Int32Array(buckets * 2).fill(-1);
    const mask = buckets - 1;
    for (let at = 0; at < old.length; at += 2) {
      const slot = old[at] as number;
      if (slot < 0) continue;
      const hash = old[at + 1] as number;
      let bucket = hash & mask;
      while ((table[bucket << 1] as number) >= 0) bucket = (bucket + 1) & mask;
      table[bucket << 1] = slot;
      table[(bucket << 1) + 1] = hash;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** A 32-bit hash of a command id (FNV-1a with a final avalanche, so the low bits pick buckets well). */
function idHash(id: string): number {
  let h = 0x811c9dc5 | 0;
  const length = id.length;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** @internal */
export class LedgerState {
  readonly accounts: OverlayMap<string, Account> = new OverlayMap();
  /**
   * Committed token accounts by currency, then participant: the hot-path look-up, with no key to
   * build (a fresh concatenated key would be hashed again on every transfer).
   */
  readonly tokens: Map<CurrencyCode, Map<string, Account>> = new Map();
  readonly mints: OverlayMap<string, MintRec> = new OverlayMap();
  readonly holds: OverlayMap<string, HoldRec> = new OverlayMap();
  readonly payouts: OverlayMap<string, PayoutRec> = new OverlayMap();
  readonly entries: OverlayMap<string, EntryRec> = new OverlayMap();
  readonly breaks: OverlayMap<string, BreakRec> = new OverlayMap();
  /** `(ccy, UETR | EndToEndId)` → id of the active (pending or minted) mint. */
  readonly mintByRef: RefIndex<string> = new RefIndex();
  /** `(ccy, UETR | EndToEndId)` → keys of booked credits no mint has claimed. */
  readonly fundingByRef: RefIndex<readonly string[]> = new RefIndex();
  /** `(ccy, UETR | EndToEndId)` → id of the in-flight payout. */
  readonly payoutByRef: RefIndex<string> = new RefIndex();
  /** `(ccy, UETR | EndToEndId)` → keys of held booked debits. */
  readonly heldByRef: RefIndex<readonly string[]> = new RefIndex();
  /** Open breaks per currency (absent = none). */
  readonly openBreaks: OverlayMap<CurrencyCode, number> = new OverlayMap();
  /**
   * The committed system accounts of each currency, as `Batch.books` returns them (they are created
   * together and never replaced, so one object per currency serves every batch).
   */
  readonly books: Map<
    CurrencyCode,
    { readonly reserve: Account; readonly unallocated: Account; readonly payout: Account }
  > = new Map();
  /** Command id → stored result. */
  readonly commands: CommandIndex = new CommandIndex();
  head: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  /** Entries recorded so far (orders new ones). */
  entryCount = 0;
  /** Marks the accounts one settleBatch nets (see `Account.scratchMark`). */
  scratchStamp = 0;

  /**
   * Committed payouts by every prefix of their id that ends with `#` (the separator of retried command
   * ids, `<id>#<n>`), in the order they were committed: `payoutsByPrefix` answers with a look-up where
   * it would scan every payout. One entry per `#` of a payout id, so it grows with the payouts.
   */
  readonly payoutsByTry: Map<string, string[]> = new Map();

  /** Adds a newly committed payout to {@link LedgerState.payoutsByTry}. */
  indexPayout(id: string): void {
    for (let at = id.indexOf('#'); at >= 0; at = id.indexOf('#', at + 1)) {
      const prefix = id.slice(0, at + 1);
      const list = this.payoutsByTry.get(prefix);
      if (list === undefined) this.payoutsByTry.set(prefix, [id]);
      else list.push(id);
    }
  }

  /** Adds a committed token account to {@link LedgerState.tokens}. */
  indexToken(account: Account): void {
    if (account.kind !== 'token' || account.participant === null) return;
    let byParticipant = this.tokens.get(account.currency);
    if (byParticipant === undefined) {
      byParticipant = new Map();
      this.tokens.set(account.currency, byParticipant);
    }
    byParticipant.set(account.participant, account);
  }

  objectMap<T extends StoredObjectType>(type: T): OverlayMap<string, RecOf[T]> {
    switch (type) {
      case 'mint':
        return this.mints as unknown as OverlayMap<string, RecOf[T]>;
      case 'hold':
        return this.holds as unknown as OverlayMap<string, RecOf[T]>;
      case 'payout':
        return this.payouts as unknown as OverlayMap<string, RecOf[T]>;
      case 'entry':
        return this.entries as unknown as OverlayMap<string, RecOf[T]>;
      default:
        return this.breaks as unknown as OverlayMap<string, RecOf[T]>;
    }
  }

  /** Every overlay, for commit and discard (one list for the state's life, not one per batch). */
  private readonly overlayList: readonly Layered[] = [
    this.accounts,
    this.mints,
    this.holds,
    this.payouts,
    this.entries,
    this.breaks,
    this.mintByRef,
    this.fundingByRef,
    this.payoutByRef,
    this.heldByRef,
    this.openBreaks,
  ];

  /** Every overlay, for commit and discard. */
  overlays(): readonly Layered[] {
    return this.overlayList;
  }
}

/** The `prevHash` of the first journal record. @internal */
export const GENESIS_HASH: string = '0'.repeat(64);

/**
 * The key of a bank entry, `<servicer reference>/<entry reference>`: each pair counts once, ever. A
 * `/` or `\\` inside a reference is escaped with `\\`, so two different pairs never share a key.
 * @internal
 */
export function entryKey(servicerReference: string, entryReference: string): string {
  return `${escapeRef(servicerReference)}/${escapeRef(entryReference)}`;
}

function escapeRef(text: string): string {
  return text.includes('/') || text.includes('\\') ? text.replace(/[\\/]/g, (c) => `\\${c}`) : text;
}
