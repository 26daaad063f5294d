/**
 * The clearing stage's journal in PostgreSQL: one append-only table per schema, a record per row in
 * `jsonb`, in insertion order (see {@link createPostgresClearingJournal}).
 * @internal
 */
import type { ClearingJournal, ClearingJournalRecord } from '../../pipeline/index';
import { PostgresStoreError, PostgresStoreErrorCodes } from './errors';
import { quoted } from './schema';
import { checkConnectionOptions, newPool } from './store';
import type { PgPoolLike, PostgresConnectionOptions } from './types';

/** Options of `createPostgresClearingJournal`. @public */
export interface PostgresClearingJournalOptions extends PostgresConnectionOptions {
  /**
   * The PostgreSQL schema holding the `clearing_journal` table; one clearing stage (one currency
   * partition) per schema.
   * @defaultValue `'deltran_clearing'`
   */
  readonly schema?: string;
  /** Create the schema and table on first use. @defaultValue true */
  readonly migrate?: boolean;
  /** `application_name` of the connections it opens. @defaultValue `'deltran-clearing'` */
  readonly applicationName?: string;
  /** Size of the pool it creates. @defaultValue 2 */
  readonly max?: number;
}

/** @internal */
export function createPostgresClearingJournal(
  options: PostgresClearingJournalOptions,
): ClearingJournal & { close(): Promise<void> } {
  const schema = checkConnectionOptions(options, 'deltran_clearing', 'postgres clearing journal');
  const table = `${quoted(schema)}.clearing_journal`;
  let pool: PgPoolLike | undefined = options.pool;
  const ownsPool = options.pool === undefined;
  let ready: Promise<PgPoolLike> | undefined;
  let closed = false;

  const connect = (): Promise<PgPoolLike> => {
    if (closed)
      return Promise.reject(
        new PostgresStoreError(
          PostgresStoreErrorCodes.INVALID_OPTIONS,
          '[deltran] postgres clearing journal: closed',
        ),
      );
    ready ??= (async () => {
      if (pool === undefined) {
        pool = await newPool(options, { max: 2, applicationName: 'deltran-clearing' });
      }
      if (options.migrate !== false) {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoted(schema)}`);
        await pool.query(
          `CREATE TABLE IF NOT EXISTS ${table} (
             seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
             record jsonb NOT NULL,
             recorded_at timestamptz NOT NULL DEFAULT now()
           )`,
        );
      }
      return pool;
    })();
    ready.catch(() => {
      ready = undefined;
    });
    return ready;
  };

  return {
    async load() {
      const target = await connect();
      const result = await target.query(`SELECT record FROM ${table} ORDER BY seq`);
      return result.rows.map((row) => row.record as ClearingJournalRecord);
    },
    async append(record) {
      const target = await connect();
      await target.query(`INSERT INTO ${table} (record) VALUES ($1::jsonb)`, [JSON.stringify(record)]);
    },
    async close() {
      if (closed) return;
      closed = true;
      const opened = ready;
      ready = undefined;
      if (ownsPool && opened !== undefined) await (await opened.catch(() => undefined))?.end();
    },
  };
}
