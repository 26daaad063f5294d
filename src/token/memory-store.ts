/**
 * The in-memory ledger store, the default. It behaves like a database: writes are staged in a
 * transaction and applied together by `commit`, a stale writer is refused, and what `load` returns
 * is what was committed.
 *
 * @packageDocumentation
 */
import { JournalReplay } from './_internal/journal';
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
  const accounts = new Map<string, StoredAccount>();
  // Objects in the order they were first written (a replaced object keeps its place, as in a Map),
  // found by type and key without building a joined key per write.
  const objects: StoredObject[] = [];
  const objectAt = new Map<string, Map<string, number>>();
  const putObject = (row: StoredObject): void => {
    let byKey = objectAt.get(row.type);
    if (byKey === undefined) {
      byKey = new Map();
      objectAt.set(row.type, byKey);
    }
    const at = byKey.get(row.key);
    if (at === undefined) {
      byKey.set(row.key, objects.length);
      objects.push(row);
    } else {
      objects[at] = row;
    }
  };
  // Command ids are unique (the ledger checks), so results are kept as the batches wrote them.
  const commands: StoredCommands[] = [];
  let closed = false;

  if (options.snapshot !== undefined) {
    const replay = new JournalReplay();
    for (const record of options.snapshot.journal) {
      replay.apply(record);
      journal.push(record);
    }
    const tables = replay.tables();
    for (const row of tables.accounts) accounts.set(row.key, row);
    for (const object of tables.objects) putObject(object);
    commands.push(tables.commands);
  }

  const ensureOpen = (): void => {
    if (closed)
      throw new TokenClosedError(TokenErrorCodes.CLOSED, '[deltran] token: the memory store is closed');
  };
  const staleWriter = (seq: number): TokenStoreError =>
    new TokenStoreError(
      TokenErrorCodes.STORE_CONFLICT,
      `[deltran] token: memory store: expected journal record ${journal.length + 1}, got ${seq}: another writer appended first`,
    );

  return {
    name: MEMORY_STORE_NAME,
    async load(): Promise<LedgerStoreState> {
      ensureOpen();
      const last = journal[journal.length - 1];
      return {
        ...(last === undefined ? {} : { head: { seq: last.seq, hash: last.hash } }),
        accounts: [...accounts.values()],
        objects: objects.slice(),
        commands: concatCommands(commands),
      };
    },
    async *readJournal(afterSeq = 0): AsyncIterable<JournalRecord> {
      ensureOpen();
      // Records are numbered from 1 without gaps, so record n sits at index n - 1.
      const end = journal.length;
      for (let index = Math.max(0, afterSeq); index < end; index++) yield journal[index] as JournalRecord;
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
          journal.push(record);
          for (const rows of stagedAccounts) for (const row of rows) accounts.set(row.key, row);
          for (const rows of stagedObjects) for (const row of rows) putObject(row);
          for (const rows of stagedCommands) commands.push(rows);
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
}

function concatCommands(chunks: readonly StoredCommands[]): StoredCommands {
  const ids: string[] = [];
  const fingerprints: number[] = [];
  const results: StoredCommands['results'][number][] = [];
  const seqs: number[] = [];
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.ids.length; i++) {
      ids.push(chunk.ids[i] as string);
      fingerprints.push(chunk.fingerprints[i] as number);
      results.push(chunk.results[i] as StoredCommands['results'][number]);
      seqs.push(chunk.seqs[i] as number);
    }
  }
  return { ids, fingerprints, results, seqs };
}
