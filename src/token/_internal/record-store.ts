/**
 * The memory store's fast lane: a store that keeps its journal and derives its tables from it lets the
 * ledger commit a batch as its journal record alone, in one synchronous call, instead of a transaction
 * of five awaited writes carrying account rows, objects and results it would only have to replay.
 * Found by capability (a symbol-keyed method), so a store wrapping the memory store takes the
 * ordinary transaction.
 * @internal
 */
import type { JournalRecord, LedgerStore } from '../store';

/** @internal */
export const COMMIT_RECORD: unique symbol = Symbol('deltran.token.commitRecord');

/** A store that can commit a batch by its record alone. @internal */
export interface RecordStore {
  /**
   * Appends `record` as a committed batch whose tables are what the record adds up to; throws a
   * `TokenStoreError` (`TOKEN_STORE_CONFLICT`) when it does not extend the journal's head, or a
   * `TokenClosedError` once the store is closed. Nothing is written when it throws.
   */
  [COMMIT_RECORD](record: JournalRecord): void;
}

/** The store's record commit, when it has one. @internal */
export function recordCommit(store: LedgerStore): RecordStore[typeof COMMIT_RECORD] | undefined {
  const commit = (store as Partial<RecordStore>)[COMMIT_RECORD];
  return typeof commit === 'function' ? commit.bind(store) : undefined;
}
