/**
 * The PostgreSQL ledger store against a real server at 127.0.0.1:5432 (database `test`, trust auth;
 * override with DELTRAN_PG_URL): the store contract, then crashes — connections killed mid-batch with
 * `pg_terminate_backend`, the ledger restarted from the store, nothing lost or half-applied — and two
 * writers on one schema. Every test works in its own schema, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { fromMinor, money } from 'deltran';
import createPostgresLedgerStore, {
  type PgLibLike,
  PostgresStoreErrorCodes,
} from 'deltran/adapters/postgres';
import {
  createTokenLedger,
  type LedgerCommand,
  type LedgerStore,
  TokenErrorCodes,
  type TokenLedger,
} from 'deltran/token';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeService } from '../_helpers/services';
import {
  BATCH,
  faultyStore,
  runLedgerStoreContract,
  SETUP,
  snapshotOf,
  TRANSACTION_STEPS,
} from '../contract/ledger-store.contract';

const URL = process.env.DELTRAN_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `t${process.pid}_${randomBytes(3).toString('hex')}`;
const schemas: string[] = [];
let admin: pg.Pool | undefined;

function adminPool(): pg.Pool {
  if (admin === undefined) {
    admin = new pg.Pool({ connectionString: URL, max: 2, application_name: `deltran-admin-${RUN}` });
    admin.on('error', () => undefined);
  }
  return admin;
}

interface Opened {
  readonly store: LedgerStore;
  readonly schema: string;
  readonly applicationName: string;
}

const bySchema = new WeakMap<LedgerStore, string>();

function open(schema: string, applicationName = `deltran-${RUN}-${schema}`): Opened {
  const store = createPostgresLedgerStore({ connectionString: URL, schema, applicationName, max: 2 });
  bySchema.set(store, schema);
  return { store, schema, applicationName };
}

function fresh(): Opened {
  const schema = `tok_${RUN}_${schemas.length}`;
  schemas.push(schema);
  return open(schema);
}

/** Kills every connection a store opened (by its application_name), as a network cut would. */
async function kill(applicationName: string): Promise<number> {
  const result = await adminPool().query(
    'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
    [applicationName],
  );
  return (result.rows[0] as { n: number }).n;
}

async function dropAll(): Promise<void> {
  const pool = adminPool();
  for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
  admin = undefined;
}

const USD = (text: string) => money(text, 'USD');

function transfers(prefix: string, count: number): LedgerCommand[] {
  const out: LedgerCommand[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      kind: 'transfer',
      id: `${prefix}-${i}`,
      from: i % 2 ? 'BANKAAAA' : 'BANKBBBB',
      to: i % 2 ? 'BANKBBBB' : 'BANKAAAA',
      amount: fromMinor(BigInt(1 + (i % 7)), 'USD'),
    });
  }
  return out;
}

await describeService(
  'PostgreSQL ledger store',
  { label: 'PostgreSQL', host: '127.0.0.1', port: 5432 },
  () => {
    const opened: LedgerStore[] = [];
    const track = (store: LedgerStore) => {
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      for (const store of opened) await store.close().catch(() => undefined);
      await dropAll();
    });

    runLedgerStoreContract({
      name: 'postgres',
      create: async () => track(fresh().store),
      reopen: async (store) => track(open(bySchema.get(store) as string).store),
      tamper: {
        async journal(store, seq) {
          const schema = bySchema.get(store) as string;
          const client = await adminPool().connect();
          try {
            await client.query(`ALTER TABLE "${schema}".journal DISABLE TRIGGER journal_append_only`);
            await client.query(
              `UPDATE "${schema}".journal SET body = replace(body, '100000', '900000') WHERE seq = $1`,
              [seq],
            );
            await client.query(`ALTER TABLE "${schema}".journal ENABLE TRIGGER journal_append_only`);
          } finally {
            client.release();
          }
        },
        async balance(store, key) {
          const schema = bySchema.get(store) as string;
          await adminPool().query(
            `UPDATE "${schema}".accounts SET credits_posted = credits_posted + 1 WHERE key = $1`,
            [key],
          );
        },
      },
    });

    describe('schema', () => {
      it('should refuse to rewrite or delete journal records', async () => {
        // Arrange
        const { store, schema } = fresh();
        track(store);
        const ledger = await createTokenLedger({ store });
        await ledger.execute(SETUP);
        // Act (each query awaited before the next starts: a second pending rejection would be unhandled
        // while the first is awaited, and vitest reports it as an error of the run)
        const update = await adminPool()
          .query(`UPDATE "${schema}".journal SET body = '{}'`)
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        const remove = await adminPool()
          .query(`DELETE FROM "${schema}".journal`)
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        // Assert
        expect(update).toBeInstanceOf(Error);
        expect(String(update)).toMatch(/append-only/);
        expect(remove).toBeInstanceOf(Error);
        expect(String(remove)).toMatch(/append-only/);
      });

      it('should keep balances queryable in SQL as exact numerics', async () => {
        // Arrange
        const { store, schema } = fresh();
        track(store);
        const ledger = await createTokenLedger({ store });
        await ledger.execute(SETUP);
        // Act
        const rows = await adminPool().query(
          `SELECT key, (credits_posted - debits_posted)::text AS balance FROM "${schema}".accounts WHERE kind = 'token' ORDER BY key`,
        );
        // Assert
        expect(rows.rows).toEqual([
          { key: 'xUSD/BANKAAAA', balance: '75000' },
          { key: 'xUSD/BANKBBBB', balance: '15000' },
        ]);
      });
    });

    describe('crashes', () => {
      for (const at of [1, 2, 3, 4, 5]) {
        it(`should lose nothing and apply nothing half when the connection dies before ${TRANSACTION_STEPS[at]}`, async () => {
          // Arrange
          const { store: inner, schema, applicationName } = fresh();
          track(inner);
          const store = faultyStore(inner);
          const ledger = await createTokenLedger({ store });
          await ledger.execute(SETUP);
          const before = snapshotOf(ledger);
          store.arm({ at, action: async () => void (await kill(applicationName)) });
          // Act
          const failure = ledger.execute(BATCH);
          // Assert
          await expect(failure).rejects.toMatchObject({ code: TokenErrorCodes.STORE_FAILED });
          const restarted = await createTokenLedger({ store: track(open(schema).store) });
          expect(snapshotOf(restarted)).toEqual(before);
          expect((await restarted.verify()).ok).toBe(true);
          // The same ledger recovers on a new connection and applies the retried batch exactly once.
          const retry = await ledger.execute(BATCH);
          expect(retry.status).toBe('applied');
          const again = await createTokenLedger({ store: track(open(schema).store) });
          expect(snapshotOf(again)).toEqual(snapshotOf(ledger));
          expect(again.balance('BANKAAAA', 'USD')?.held).toEqual(USD('20.00'));
        });
      }

      it('should be all-or-nothing when the connection is killed while a large batch is in flight', async () => {
        for (const delayMs of [0, 5, 15, 40, 80]) {
          // Arrange
          const { store, schema, applicationName } = fresh();
          track(store);
          const ledger = await createTokenLedger({ store });
          await ledger.execute(SETUP);
          const before = snapshotOf(ledger);
          const batch = transfers(`big${delayMs}`, 20_000);
          const twin = await createTokenLedger();
          await twin.execute(SETUP);
          await twin.execute(batch);
          const after = snapshotOf(twin);
          // Act
          const outcome = ledger.execute(batch).then(
            () => 'committed',
            (error: { code?: string }) => error.code,
          );
          await new Promise((resolveDelay) => setTimeout(resolveDelay, delayMs));
          await kill(applicationName);
          const result = await outcome;
          // Assert
          const restarted = await createTokenLedger({ store: track(open(schema).store) });
          const seen = snapshotOf(restarted);
          if (result === 'committed') expect(seen).toEqual(after);
          else {
            expect(result).toBe(TokenErrorCodes.STORE_FAILED);
            expect([before, after]).toContainEqual(seen);
          }
          expect((await restarted.verify()).ok).toBe(true);
          // Retrying gives the after-state exactly once, whichever way it went.
          await restarted.execute(batch);
          expect(snapshotOf(restarted)).toEqual(after);
        }
      });

      it('should refuse a second writer working from a stale head, then let it reload and go on', async () => {
        // Arrange
        const { store, schema } = fresh();
        track(store);
        const first = await createTokenLedger({ store });
        await first.execute(SETUP);
        const second: TokenLedger = await createTokenLedger({ store: track(open(schema).store) });
        await first.transfer({ id: 'from-first', from: 'BANKAAAA', to: 'BANKBBBB', amount: USD('1.00') });
        // Act
        const stale = second.transfer({
          id: 'from-second',
          from: 'BANKBBBB',
          to: 'BANKAAAA',
          amount: USD('2.00'),
        });
        // Assert
        await expect(stale).rejects.toMatchObject({ code: TokenErrorCodes.STORE_CONFLICT });
        const retried = await second.transfer({
          id: 'from-second',
          from: 'BANKBBBB',
          to: 'BANKAAAA',
          amount: USD('2.00'),
        });
        expect(retried.status).toBe('applied');
        const reader = await createTokenLedger({ store: track(open(schema).store) });
        expect(reader.balance('BANKAAAA', 'USD')?.balance).toEqual(USD('751.00'));
        expect((await reader.verify()).ok).toBe(true);
      });

      it('should take the pg module through lib and a host pool through pool, never ending the host pool', async () => {
        // Arrange
        const schema = `tok_${RUN}_${schemas.length}`;
        schemas.push(schema);
        const pool = new pg.Pool({ connectionString: URL, max: 2 });
        const viaLib = createPostgresLedgerStore({
          connectionString: URL,
          schema,
          lib: pg as unknown as PgLibLike,
        });
        const viaPool = createPostgresLedgerStore({ pool, schema });
        // Act
        const a = await createTokenLedger({ store: viaLib });
        await a.execute(SETUP);
        await a.close();
        const b = await createTokenLedger({ store: viaPool });
        await b.close();
        // Assert
        expect(snapshotOf(b)).toEqual(snapshotOf(a));
        expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        await pool.end();
      });
    });
  },
);

describe('PostgreSQL ledger store options', () => {
  it('should refuse a schema name that is not a plain identifier', () => {
    // Act
    const attempt = () =>
      createPostgresLedgerStore({ connectionString: URL, schema: 'x"; DROP TABLE y; --' });
    // Assert
    expect(attempt).toThrow(expect.objectContaining({ code: PostgresStoreErrorCodes.INVALID_OPTIONS }));
  });

  it('should ask for a connection string or a pool', () => {
    expect(() => createPostgresLedgerStore({})).toThrow(
      expect.objectContaining({ code: PostgresStoreErrorCodes.INVALID_OPTIONS }),
    );
  });
});
