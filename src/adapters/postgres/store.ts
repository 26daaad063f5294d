/**
 * The PostgreSQL ledger store. One database transaction per batch; the journal's primary key orders
 * writers (see {@link createPostgresLedgerStore}).
 * @internal
 */
import { createHash } from 'node:crypto';
import {
  type JournalRecord,
  type JsonValue,
  type LedgerStore,
  type LedgerStoreState,
  type LedgerStoreTransaction,
  type StoredAccount,
  type StoredObject,
  type StoredObjectType,
  TokenClosedError,
  TokenErrorCodes,
  TokenStoreError,
} from '../../token/index';
import { PostgresStoreError, PostgresStoreErrorCodes } from './errors';
import { migrationStatements, quoted, SCHEMA_VERSION } from './schema';
import type { PgClientLike, PgLibLike, PgPoolLike, PostgresLedgerStoreOptions } from './types';

/** The driver name. @internal */
export const ADAPTER_NAME = 'postgres';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const JOURNAL_PAGE = 500;

/** @internal */
export function createPostgresLedgerStore(options: PostgresLedgerStoreOptions): LedgerStore {
  const schema = checkConnectionOptions(options, 'deltran_token', 'postgres');
  const s = quoted(schema);
  let pool: PgPoolLike | undefined = options.pool;
  const ownsPool = options.pool === undefined;
  let ready: Promise<PgPoolLike> | undefined;
  let closed = false;

  const connect = (): Promise<PgPoolLike> => {
    if (closed) return Promise.reject(closedError());
    ready ??= (async () => {
      if (pool === undefined) {
        pool = await newPool(options, { max: 4, applicationName: 'deltran-token' });
      }
      if (options.migrate !== false) await migrate(pool);
      return pool;
    })();
    ready.catch(() => {
      ready = undefined;
    });
    return ready;
  };

  async function migrate(target: PgPoolLike): Promise<void> {
    await withClient(target, async (client) => {
      await client.query('BEGIN');
      try {
        // One migrator at a time per schema, across processes.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`deltran_token:${schema}`]);
        for (const statement of migrationStatements(schema)) await client.query(statement);
        const version = await client.query(`SELECT value FROM ${s}.meta WHERE key = 'schema_version'`);
        const found = Number((version.rows[0] as { value?: string } | undefined)?.value ?? SCHEMA_VERSION);
        if (found > SCHEMA_VERSION) {
          throw new PostgresStoreError(
            PostgresStoreErrorCodes.SCHEMA_VERSION,
            `[deltran] postgres: schema "${schema}" has version ${found}; this driver knows version ${SCHEMA_VERSION}: upgrade deltran`,
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  const store: LedgerStore = {
    name: ADAPTER_NAME,
    sha256: (text: string) => createHash('sha256').update(text, 'utf8').digest('hex'),

    async load(): Promise<LedgerStoreState> {
      const target = await connect();
      return withClient(target, async (client) => {
        // One consistent snapshot of every table.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          const head = await client.query(
            `SELECT j.seq::text AS seq, j.hash FROM ${s}.journal AS j ORDER BY j.seq DESC LIMIT 1`,
          );
          const accounts = await client.query(
            `SELECT key, currency, kind, participant, overdraft_limit::text AS overdraft_limit, bank_account_id,
                    debits_posted::text AS debits_posted, credits_posted::text AS credits_posted,
                    debits_pending::text AS debits_pending, credits_pending::text AS credits_pending, seq::text AS seq
               FROM ${s}.accounts AS a ORDER BY a.key`,
          );
          const objects = await client.query(
            `SELECT o.type, o.key, o.value, o.seq::text AS seq FROM ${s}.objects AS o ORDER BY o.seq, o.type, o.key`,
          );
          const commands = await client.query(
            `SELECT id, fingerprint::text AS fingerprint, result, seq::text AS seq FROM ${s}.commands`,
          );
          await client.query('COMMIT');
          const top = head.rows[0] as { seq: string; hash: string } | undefined;
          return {
            ...(top === undefined ? {} : { head: { seq: Number(top.seq), hash: top.hash } }),
            accounts: accounts.rows.map((row) => accountFromRow(row)),
            objects: objects.rows.map((row) => ({
              type: row.type as StoredObjectType,
              key: row.key as string,
              value: row.value as JsonValue,
              seq: Number(row.seq),
            })),
            commands: {
              ids: commands.rows.map((row) => row.id as string),
              fingerprints: commands.rows.map((row) => Number(row.fingerprint)),
              results: commands.rows.map((row) => row.result as JsonValue),
              seqs: commands.rows.map((row) => Number(row.seq)),
            },
          };
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },

    async *readJournal(afterSeq = 0): AsyncIterable<JournalRecord> {
      const target = await connect();
      let after = afterSeq;
      for (;;) {
        const page = await target.query(
          `SELECT j.seq::text AS seq, j.prev_hash, j.hash, j.body FROM ${s}.journal AS j WHERE j.seq > $1 ORDER BY j.seq LIMIT ${JOURNAL_PAGE}`,
          [after],
        );
        for (const row of page.rows) {
          const record = {
            seq: Number(row.seq),
            prevHash: row.prev_hash as string,
            hash: row.hash as string,
            body: row.body as string,
          };
          after = record.seq;
          yield record;
        }
        if (page.rows.length < JOURNAL_PAGE) return;
      }
    },

    async begin(): Promise<LedgerStoreTransaction> {
      const target = await connect();
      const client = await target.connect();
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on?.('error', onError);
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        client.removeListener?.('error', onError);
        // A connection that failed is destroyed, never handed back to the pool.
        client.release(broken ?? true);
      };
      const run = async (text: string, values?: readonly unknown[]) => {
        if (done) {
          throw new TokenStoreError(
            TokenErrorCodes.STORE_FAILED,
            '[deltran] postgres: the transaction has ended',
          );
        }
        try {
          return await client.query(text, values as unknown[] | undefined);
        } catch (error) {
          broken ??= error as Error;
          throw mapError(error);
        }
      };
      try {
        await run('BEGIN ISOLATION LEVEL READ COMMITTED');
      } catch (error) {
        release();
        throw error;
      }
      let healthy = true;
      const guard = async <T>(work: () => Promise<T>): Promise<T> => {
        try {
          return await work();
        } catch (error) {
          healthy = false;
          throw error;
        }
      };
      return {
        appendJournal: (record) =>
          guard(async () => {
            // The head check and the primary key together refuse a writer whose head is stale: two
            // batches computed from one head can never both commit (equivalent to serializable for
            // this single-row-ordered write pattern).
            const inserted = await run(
              `INSERT INTO ${s}.journal (seq, prev_hash, hash, body)
                 SELECT $1, $2, $3, $4
                  WHERE (SELECT coalesce(max(seq), 0) FROM ${s}.journal) = $1::bigint - 1`,
              [record.seq, record.prevHash, record.hash, record.body],
            );
            if (inserted.rowCount !== 1) throw conflictError(record.seq);
          }),
        writeAccounts: (rows) =>
          guard(async () => {
            await run(
              `INSERT INTO ${s}.accounts AS a (key, currency, kind, participant, overdraft_limit, bank_account_id,
                                              debits_posted, credits_posted, debits_pending, credits_pending, seq)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[],
                                      $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::bigint[])
               ON CONFLICT (key) DO UPDATE SET
                 overdraft_limit = excluded.overdraft_limit, bank_account_id = excluded.bank_account_id,
                 debits_posted = excluded.debits_posted, credits_posted = excluded.credits_posted,
                 debits_pending = excluded.debits_pending, credits_pending = excluded.credits_pending,
                 seq = excluded.seq`,
              columns(rows, [
                (r) => r.key,
                (r) => r.currency,
                (r) => r.kind,
                (r) => r.participant,
                (r) => r.overdraftLimit.toString(),
                (r) => r.bankAccountId,
                (r) => r.debitsPosted.toString(),
                (r) => r.creditsPosted.toString(),
                (r) => r.debitsPending.toString(),
                (r) => r.creditsPending.toString(),
                (r) => r.seq,
              ]),
            );
          }),
        writeObjects: (rows) =>
          guard(async () => {
            await run(
              `INSERT INTO ${s}.objects (type, key, value, seq)
                 SELECT t, k, v::jsonb, q FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS x(t, k, v, q)
               ON CONFLICT (type, key) DO UPDATE SET value = excluded.value, seq = excluded.seq`,
              columns(rows, [
                (r: StoredObject) => r.type,
                (r) => r.key,
                (r) => JSON.stringify(r.value),
                (r) => r.seq,
              ]),
            );
          }),
        writeCommands: (rows) =>
          guard(async () => {
            await run(
              `INSERT INTO ${s}.commands (id, fingerprint, result, seq)
                 SELECT i, f, r::jsonb, q FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) AS x(i, f, r, q)`,
              [rows.ids, rows.fingerprints, rows.results.map((result) => JSON.stringify(result)), rows.seqs],
            );
          }),
        commit: () =>
          guard(async () => {
            if (!healthy)
              throw new TokenStoreError(
                TokenErrorCodes.STORE_FAILED,
                '[deltran] postgres: a write of this transaction failed',
              );
            try {
              await run('COMMIT');
            } finally {
              release();
            }
          }),
        async rollback() {
          if (done) return;
          try {
            if (broken === undefined) await client.query('ROLLBACK');
          } catch (error) {
            broken ??= error as Error;
          } finally {
            release();
          }
        },
      };
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const target = pool;
      if (ownsPool && target !== undefined) await target.end();
    },
  };
  return store;
}

function columns<T>(rows: readonly T[], pick: readonly ((row: T) => unknown)[]): unknown[][] {
  const out = pick.map(() => new Array(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as T;
    for (let c = 0; c < pick.length; c++) (out[c] as unknown[])[i] = (pick[c] as (row: T) => unknown)(row);
  }
  return out;
}

function accountFromRow(row: Record<string, unknown>): StoredAccount {
  return {
    key: row.key as string,
    currency: (row.currency as string).trim(),
    kind: row.kind as StoredAccount['kind'],
    participant: (row.participant as string | null) ?? null,
    overdraftLimit: BigInt(row.overdraft_limit as string),
    bankAccountId: (row.bank_account_id as string | null) ?? null,
    debitsPosted: BigInt(row.debits_posted as string),
    creditsPosted: BigInt(row.credits_posted as string),
    debitsPending: BigInt(row.debits_pending as string),
    creditsPending: BigInt(row.credits_pending as string),
    seq: Number(row.seq),
  };
}

/** @internal */
export async function withClient<T>(
  pool: PgPoolLike,
  work: (client: PgClientLike) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
  };
  client.on?.('error', onError);
  try {
    return await work(client);
  } catch (error) {
    failure ??= error as Error;
    throw error;
  } finally {
    client.removeListener?.('error', onError);
    client.release(failure ?? true);
  }
}

function conflictError(seq: number): TokenStoreError {
  return new TokenStoreError(
    TokenErrorCodes.STORE_CONFLICT,
    `[deltran] postgres: journal record ${seq} is not the next one: another writer appended first`,
  );
}

function mapError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  // unique_violation on the journal, serialization_failure, deadlock_detected: another writer won.
  if (code === '23505' || code === '40001' || code === '40P01') {
    return new TokenStoreError(
      TokenErrorCodes.STORE_CONFLICT,
      `[deltran] postgres: another writer appended first (${String(code)})`,
      {
        cause: error,
      },
    );
  }
  return error;
}

function closedError(): TokenClosedError {
  return new TokenClosedError(TokenErrorCodes.CLOSED, '[deltran] postgres: the ledger store is closed');
}

/**
 * The schema to use (`options.schema` or `fallback`), after checking it is a plain identifier and that
 * there is a connection string or a pool. `label` starts the error messages.
 * @internal
 */
export function checkConnectionOptions(
  options: { readonly schema?: string; readonly pool?: PgPoolLike; readonly connectionString?: string },
  fallback: string,
  label: string,
): string {
  const schema = options.schema ?? fallback;
  if (!SCHEMA_NAME.test(schema)) {
    throw new PostgresStoreError(
      PostgresStoreErrorCodes.INVALID_OPTIONS,
      `[deltran] ${label}: schema: expected a lower-case identifier such as "${fallback}", got ${JSON.stringify(schema)}`,
      { path: ['schema'] },
    );
  }
  if (options.pool === undefined && options.connectionString === undefined) {
    throw new PostgresStoreError(
      PostgresStoreErrorCodes.INVALID_OPTIONS,
      `[deltran] ${label}: expected a connectionString (postgres://…) or a pool`,
    );
  }
  return schema;
}

/**
 * A pool of the adapter's own (`pg` loaded unless `lib` is given), with the options' size and
 * application name or the defaults.
 * @internal
 */
export async function newPool(
  options: {
    readonly lib?: PgLibLike;
    readonly connectionString?: string;
    readonly max?: number;
    readonly applicationName?: string;
  },
  defaults: { readonly max: number; readonly applicationName: string },
): Promise<PgPoolLike> {
  const lib = options.lib ?? (await loadPg());
  const created = new lib.Pool({
    connectionString: options.connectionString,
    max: options.max ?? defaults.max,
    application_name: options.applicationName ?? defaults.applicationName,
  });
  // A pooled idle connection that the server drops emits 'error' on the pool; without a
  // listener Node would crash the host. The next checkout simply gets a fresh connection.
  created.on?.('error', () => undefined);
  return created;
}

/** @internal */
export async function loadPg(): Promise<PgLibLike> {
  try {
    const module = (await import('pg')) as unknown as { default?: PgLibLike } & PgLibLike;
    return module.default ?? module;
  } catch (cause) {
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new PostgresStoreError(
        PostgresStoreErrorCodes.MISSING_DEPENDENCY,
        '[deltran] postgres: deltran/adapters/postgres needs the optional peer dependency "pg": npm install pg (or pass `lib` or `pool`)',
        { cause },
      );
    }
    throw cause;
  }
}
