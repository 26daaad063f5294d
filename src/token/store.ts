/**
 * The store interface of the token ledger. Drivers: `createMemoryLedgerStore` (the default) and
 * `deltran/adapters/postgres`. Both pass `test/contract/ledger-store.contract.ts`.
 *
 * The journal is the source of truth: an append-only list of hash-chained records, one per batch.
 * The other tables (accounts with their balances, objects, command results) are what the journal
 * adds up to, written in the same transaction so that a ledger opens without replaying history, a
 * host can query balances in its own database, and `verify` can recompute them and compare.
 *
 * @packageDocumentation
 */
import type { AccountKind } from './types';

/** A JSON value (what the store keeps for objects and command results). @public */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * One journal record: one batch. `hash` is SHA-256 of `prevHash`, a line feed and `body`, in hex;
 * the first record's `prevHash` is 64 zeros. `body` is canonical JSON written by the ledger (its
 * format is versioned inside it); a store keeps it byte for byte.
 * @public
 */
export interface JournalRecord {
  /** 1, 2, 3 … without gaps. */
  readonly seq: number;
  /** The previous record's hash. */
  readonly prevHash: string;
  /** This record's hash. */
  readonly hash: string;
  /** The batch: commands, results, postings, state changes. */
  readonly body: string;
}

/** An account row: what an account is, and its balances as the journal adds them up. @public */
export interface StoredAccount {
  /** `USD/reserve`, `USD/unallocated`, `USD/payout`, `xUSD/<participant>`. */
  readonly key: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** The account kind. */
  readonly kind: AccountKind;
  /** The participant of a token account, else `null`. */
  readonly participant: string | null;
  /** Overdraft limit in minor units (zero or more). */
  readonly overdraftLimit: bigint;
  /** The bank account a reserve mirrors, else `null`. */
  readonly bankAccountId: string | null;
  /** Σ posted debits, minor units. */
  readonly debitsPosted: bigint;
  /** Σ posted credits, minor units. */
  readonly creditsPosted: bigint;
  /** Σ pending (held) debits, minor units. */
  readonly debitsPending: bigint;
  /** Σ pending (held) credits, minor units. */
  readonly creditsPending: bigint;
  /** The journal record that last changed the row. */
  readonly seq: number;
}

/** The types of ledger object a store keeps. @public */
export type StoredObjectType = 'mint' | 'hold' | 'payout' | 'entry' | 'break';

/** A ledger object (mint, hold, payout, bank entry, break) in its latest version. @public */
export interface StoredObject {
  /** The object type. */
  readonly type: StoredObjectType;
  /** Its key within the type. */
  readonly key: string;
  /** Its JSON form (amounts as decimal strings of minor units). */
  readonly value: JsonValue;
  /** The journal record that last changed it. */
  readonly seq: number;
}

/**
 * Command results for idempotent replays, column by column (entry `i` of each column is one
 * command): a transfer batch writes thousands at once, and columns cost no object per command.
 * @public
 */
export interface StoredCommands {
  /** The command ids. */
  readonly ids: readonly string[];
  /**
   * A 52-bit digest of each command's payload (a safe integer), to tell a replay from a conflicting
   * reuse of the id.
   */
  readonly fingerprints: readonly number[];
  /** The JSON form of each result: `[kind, result]`, the result `0` for a bare "applied". */
  readonly results: readonly JsonValue[];
  /** The journal record each command was executed in. */
  readonly seqs: readonly number[];
}

/** Everything a store holds besides the journal, as of its last committed batch. @public */
export interface LedgerStoreState {
  /** The last journal record's sequence number and hash; absent for an empty store. */
  readonly head?: { readonly seq: number; readonly hash: string };
  /** Every account row. */
  readonly accounts: readonly StoredAccount[];
  /** Every object, latest version. */
  readonly objects: readonly StoredObject[];
  /** Every command result. */
  readonly commands: StoredCommands;
}

/**
 * One store transaction: the writes of one batch, all applied by `commit` or none. The ledger calls
 * `appendJournal` first; a driver must fail it (or `commit`) with `TOKEN_STORE_CONFLICT` when the
 * record's `seq` is not the store's head + 1, so two writers can never both extend the same head.
 * @public
 */
export interface LedgerStoreTransaction {
  /** Appends the batch's journal record. */
  appendJournal(record: JournalRecord): Promise<void>;
  /** Inserts or replaces account rows. */
  writeAccounts(accounts: readonly StoredAccount[]): Promise<void>;
  /** Inserts or replaces objects. */
  writeObjects(objects: readonly StoredObject[]): Promise<void>;
  /** Inserts command results (ids are new). */
  writeCommands(commands: StoredCommands): Promise<void>;
  /** Makes every write of the transaction durable and visible, atomically. */
  commit(): Promise<void>;
  /** Discards every write of the transaction; safe to call after a failure, and more than once. */
  rollback(): Promise<void>;
}

/**
 * A ledger store. A driver connects on first use, and `close` is idempotent (STYLE.md §5.4).
 * @public
 */
export interface LedgerStore {
  /** The driver name, such as `memory` or `postgres`. */
  readonly name: string;
  /**
   * A native SHA-256 the ledger may use instead of its portable one (same digests, faster): the
   * PostgreSQL driver offers `node:crypto`'s. Hex digest of the UTF-8 text.
   */
  readonly sha256?: (text: string) => string;
  /** Reads the committed state (a consistent snapshot). */
  load(): Promise<LedgerStoreState>;
  /** Reads journal records with `seq > afterSeq` (all by default), in order. */
  readJournal(afterSeq?: number): AsyncIterable<JournalRecord>;
  /** Starts a transaction. */
  begin(): Promise<LedgerStoreTransaction>;
  /** Releases the store's resources. */
  close(): Promise<void>;
}

/**
 * A ledger's journal exported as JSON (`exportSnapshot`), enough to rebuild the whole ledger
 * (`createMemoryLedgerStore({ snapshot })`) and check it: `deltran reconcile --ledger snapshot.json`.
 * @public
 */
export interface LedgerSnapshot {
  /** Always `deltran.token.snapshot`. */
  readonly format: 'deltran.token.snapshot';
  /** Snapshot format version: 1. */
  readonly version: 1;
  /** The head of the journal when it was exported. */
  readonly head: { readonly seq: number; readonly hash: string };
  /** Every journal record, in order. */
  readonly journal: readonly JournalRecord[];
}
