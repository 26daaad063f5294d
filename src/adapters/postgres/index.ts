/**
 * `deltran/adapters/postgres`: the PostgreSQL store of the token ledger (`deltran/token`), and the
 * clearing stage's journal (`createPostgresClearingJournal`).
 *
 * Tables live in one schema per ledger (`deltran_token` by default), created on first use: the
 * append-only `journal` (hash-chained records, one per batch; a trigger refuses UPDATE, DELETE and
 * TRUNCATE), `accounts` (balances as `numeric(40,0)` minor units), `objects` (mints, holds, payouts,
 * bank entries, breaks as `jsonb`), `commands` (results for idempotent replays) and `meta` (schema
 * version). Each batch is one database transaction. `pg` is an optional peer dependency, loaded on
 * first use unless `lib` or `pool` is given.
 *
 * @example
 * ```ts
 * import { createTokenLedger } from 'deltran/token';
 * import { createPostgresLedgerStore } from 'deltran/adapters/postgres';
 *
 * const store = createPostgresLedgerStore({ connectionString: 'postgres://app@db/bank', schema: 'ledger_usd' });
 * const ledger = await createTokenLedger({ store });
 * ```
 * @packageDocumentation
 */
import type { ClearingJournal } from '../../pipeline/index';
import type { LedgerStore } from '../../token/index';
import {
  createPostgresClearingJournal as createJournal,
  type PostgresClearingJournalOptions,
} from './clearing-journal';
import { createPostgresLedgerStore as create } from './store';
import type { PostgresLedgerStoreOptions } from './types';

export type { PostgresClearingJournalOptions } from './clearing-journal';
export { PostgresStoreError, type PostgresStoreErrorCode, PostgresStoreErrorCodes } from './errors';
export { SCHEMA_VERSION } from './schema';
export type {
  PgClientLike,
  PgLibLike,
  PgPoolLike,
  PgQueryResult,
  PostgresConnectionOptions,
  PostgresLedgerStoreOptions,
} from './types';

/** The driver name (`store.name`). @public */
export const ADAPTER_NAME = 'postgres';

/**
 * Creates a PostgreSQL ledger store. It connects (and migrates) on first use; `close` is idempotent
 * and ends the pool the store created (never one passed in).
 *
 * Safety: every batch is one transaction that first appends its journal record with `seq` = head + 1,
 * guarded by the head check and the primary key, so a writer working from a stale head fails with
 * `TOKEN_STORE_CONFLICT` instead of committing; the ledger then reloads. Balances and objects are
 * written as whole values computed by that single successful writer.
 *
 * @param options - connection string or pool, schema, migration, `pg` module
 * @returns the store, to pass to `createTokenLedger({ store })`
 * @throws {@link PostgresStoreError} (`ADAPTER_POSTGRES_INVALID_OPTIONS`) for a bad schema name or no
 *   connection; on first use, `ADAPTER_POSTGRES_MISSING_DEPENDENCY` when `pg` is not installed
 * @public
 */
export function createPostgresLedgerStore(options: PostgresLedgerStoreOptions): LedgerStore {
  return create(options);
}

/**
 * Creates the clearing stage's journal in PostgreSQL (`createClearingStage({ journal })`, or
 * `createPipeline({ clearing: { journal } })`): one append-only table `clearing_journal` in its schema,
 * a record per row (`jsonb`), read back in insertion order. It connects (and creates the table) on
 * first use; `close` ends the pool it created (never one passed in).
 *
 * @param options - connection string or pool, schema, `pg` module
 * @returns the journal
 * @throws {@link PostgresStoreError} (`ADAPTER_POSTGRES_INVALID_OPTIONS`) for a bad schema name or no
 *   connection; on first use, `ADAPTER_POSTGRES_MISSING_DEPENDENCY` when `pg` is not installed
 * @public
 */
export function createPostgresClearingJournal(
  options: PostgresClearingJournalOptions,
): ClearingJournal & { close(): Promise<void> } {
  return createJournal(options);
}

/** The factory as the default export (STYLE.md §5.2). @public */
export default createPostgresLedgerStore;
