/**
 * The in-memory ledger store, the default. It behaves like a database: writes are staged in a
 * transaction and applied together by `commit`, a stale writer is refused, and what `load` returns
 * is what was committed. A ledger on it commits each batch as its journal record alone (the tables
 * are what the journal adds up to, derived when they are next read), so the store holds little more
 * than the journal.
 *
 * @packageDocumentation
 */
import { JournalReplay } from './_internal/journal';
import { COMMIT_RECORD, type RecordStore } from './_internal/record-store';
import { TokenClosedError, TokenErrorCodes, TokenStoreError } from './errors';
import type {
  JournalRecord,
  LedgerSnapshot,
  LedgerStore,
  LedgerStoreState,
  LedgerStoreTransaction,
  StoredAccount,
  StoredCommands,
  StoredObject,
} from './store';

/** The driver name of {@link createMemoryLedgerStore}. @public */
export const MEMORY_STORE_NAME = 'memory';

/** Options of {@link createMemoryLedgerStore}. @public */
export interface MemoryLedgerStoreOptions {
  /**
   * Start from an exported journal (see `parseLedgerSnapshot`). The tables are rebuilt from it; the
   * hash chain is checked when a ledger opens the store.
   */
  readonly snapshot?: LedgerSnapshot;
}

/**
 * Creates an in-memory ledger store. Nothing is shared between two stores.
 *
 * @param options - an optional snapshot to start from
 * @returns the store
 * @public
 */
export function createMemoryLedgerStore(options: MemoryLedgerStoreOptions = {}): LedgerStore {
  const journal: JournalRecord[] = [];
  // The tables, materialized lazily: the rows of transactions that wrote them, plus what the records
  // committed alone (the ledger's own batches, see COMMIT_RECORD) add up to, replayed when the tables
  // are next needed. Until then such a batch costs the store one array slot.
  const tables = new JournalReplay();
  const unapplied: JournalRecord[] = [];
  let closed = false;

  if (options.snapshot !== undefined) {
    for (const record of options.snapshot.journal) {
      journal.push(record);
      unapplied.push(record);
    }
  }

  const materialize = (): void => {
    if (unapplied.length === 0) return;
    for (const record of unapplied) tables.applyRecord(record);
    unapplied.length = 0;
  };
  const ensureOpen = (): void => {
    if (closed)
      throw new TokenClosedError(TokenErrorCodes.CLOSED, '[deltran] token: the memory store is closed');
  };
  const staleWriter = (seq: number): TokenStoreError =>
    new TokenStoreError(
      TokenErrorCodes.STORE_CONFLICT,
      `[deltran] token: memory store: expected journal record ${journal.length + 1}, got ${seq}: another writer appended first`,
    );

  const store: LedgerStore & RecordStore = {
    name: MEMORY_STORE_NAME,
    async load(): Promise<LedgerStoreState> {
      ensureOpen();
      materialize();
      const last = journal[journal.length - 1];
      return tables.copyTables(last === undefined ? undefined : { seq: last.seq, hash: last.hash });
    },
    async *readJournal(afterSeq = 0): AsyncIterable<JournalRecord> {
      ensureOpen();
      // Records are numbered from 1 without gaps, so record n sits at index n - 1.
      const end = journal.length;
      for (let index = Math.max(0, afterSeq); index < end; index++) yield journal[index] as JournalRecord;
    },
    [COMMIT_RECORD](record: JournalRecord): void {
      ensureOpen();
      if (record.seq !== journal.length + 1) throw staleWriter(record.seq);
      journal.push(record);
      unapplied.push(record);
    },
    async begin(): Promise<LedgerStoreTransaction> {
      ensureOpen();
      let record: JournalRecord | undefined;
      let stagedAccounts: (readonly StoredAccount[])[] = [];
      let stagedObjects: (readonly StoredObject[])[] = [];
      let stagedCommands: StoredCommands[] = [];
      let done = false;
      const active = (): void => {
        ensureOpen();
        if (done)
          throw new TokenStoreError(
            TokenErrorCodes.STORE_FAILED,
            '[deltran] token: memory store: the transaction has ended',
          );
      };
      return {
        async appendJournal(next) {
          active();
          if (next.seq !== journal.length + 1) throw staleWriter(next.seq);
          record = next;
        },
        async writeAccounts(rows) {
          active();
          stagedAccounts.push(rows);
        },
        async writeObjects(rows) {
          active();
          stagedObjects.push(rows);
        },
        async writeCommands(rows) {
          active();
          stagedCommands.push(rows);
        },
        async commit() {
          active();
          done = true;
          if (record === undefined) return;
          if (record.seq !== journal.length + 1) throw staleWriter(record.seq);
          // The tables so far first: these rows replace what earlier records added up to.
          materialize();
          journal.push(record);
          for (const rows of stagedAccounts) for (const row of rows) tables.putAccount(row);
          for (const rows of stagedObjects) for (const row of rows) tables.putObject(row);
          for (const rows of stagedCommands) tables.putCommands(rows);
        },
        async rollback() {
          done = true;
          record = undefined;
          stagedAccounts = [];
          stagedObjects = [];
          stagedCommands = [];
        },
      };
    },
    async close() {
      closed = true;
    },
  };
  return store;
}
