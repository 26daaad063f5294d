/**
 * `deltran reconcile STATEMENT.xml --ledger postgres://…` against a real PostgreSQL ledger store.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { money } from 'deltran';
import createPostgresLedgerStore from 'deltran/adapters/postgres';
import { buildCamt053 } from 'deltran/iso20022';
import { createTokenLedger } from 'deltran/token';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import reconcile from '../../src/cli/commands/reconcile';
import { captureIo } from '../_helpers/cli';
import { describeService } from '../_helpers/services';

const URL = process.env.DELTRAN_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `tok_cli_${process.pid}_${randomBytes(3).toString('hex')}`;
const IBAN = 'DE89370400440532013000';
const EUR = (text: string) => money(text, 'EUR');

await describeService(
  'deltran reconcile --ledger postgres://',
  { label: 'PostgreSQL', host: '127.0.0.1', port: 5432 },
  () => {
    afterAll(async () => {
      const client = new pg.Client({ connectionString: URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await client.end();
    });

    it('should reconcile against a PostgreSQL ledger, read-only, and refuse a schema that does not exist', async () => {
      // Arrange
      const ledger = await createTokenLedger({
        store: createPostgresLedgerStore({ connectionString: URL, schema: SCHEMA }),
      });
      await ledger.recordBankEntries({
        id: 'feed-1',
        entries: [
          {
            accountId: IBAN,
            servicerReference: 'SVC-1',
            entryReference: 'NTRY-1',
            creditDebit: 'CRDT',
            status: 'BOOK',
            amount: EUR('10.00'),
            bookingDate: '2026-03-02',
          },
        ],
      });
      await ledger.close();
      const dir = mkdtempSync(join(tmpdir(), 'deltran-reconcile-pg-'));
      writeFileSync(
        join(dir, 'eod.xml'),
        buildCamt053({
          messageId: 'EOD',
          creationDateTime: '2026-03-02T18:00:00Z',
          reports: [
            {
              id: 'STMT-1',
              account: { iban: IBAN, currency: 'EUR' },
              balances: [
                { type: 'OPBD', amount: EUR('0.00'), creditDebit: 'CRDT', date: '2026-03-02' },
                { type: 'CLBD', amount: EUR('10.00'), creditDebit: 'CRDT', date: '2026-03-02' },
              ],
              entries: [
                {
                  entryReference: 'NTRY-1',
                  accountServicerReference: 'SVC-1',
                  amount: EUR('10.00'),
                  creditDebit: 'CRDT',
                  status: 'BOOK',
                  bookingDate: '2026-03-02',
                },
              ],
            },
          ],
        }),
      );
      const clean = captureIo({ cwd: dir });
      const missing = captureIo({ cwd: dir });
      // Act
      const code = await reconcile(['eod.xml', '--ledger', URL, '--schema', SCHEMA], clean);
      const absent = await reconcile(['eod.xml', '--ledger', URL, '--schema', `${SCHEMA}_absent`], missing);
      // Assert
      expect(clean.err()).toBe('');
      expect(code).toBe(0);
      expect(clean.out()).toContain('no open break (matched 1 of 1 booked entries');
      expect(absent).toBe(2);
      expect(missing.err()).toContain('TOKEN_STORE_FAILED');
    });
  },
);
