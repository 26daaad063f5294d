/**
 * The clearing stage's journal in PostgreSQL against a real server at 127.0.0.1:5432 (database
 * `test`, trust auth; override with DELTRAN_PG_URL): records come back in order and JSON-equal, and a
 * clearing stage restarted on the journal (a new stage, a new pool, as after a crash) publishes the
 * same windows as one that never restarted. Each test works in its own schema, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { createPostgresClearingJournal, PostgresStoreErrorCodes } from 'deltran/adapters/postgres';
import { type ClearingJournalRecord, createClearingStage } from 'deltran/pipeline';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { describeService } from '../_helpers/services';
import { fakeContext, NOW_MS, obligation, submitEvent as submit } from '../unit/pipeline/_stage-fixtures';

const URL = process.env.DELTRAN_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `c${process.pid}_${randomBytes(3).toString('hex')}`;
const schemas: string[] = [];
const closers: (() => Promise<void>)[] = [];

function journalIn(schema: string) {
  const journal = createPostgresClearingJournal({
    connectionString: URL,
    schema,
    applicationName: `deltran-${RUN}`,
  });
  closers.push(() => journal.close());
  return journal;
}

function freshSchema(): string {
  const schema = `clr_${RUN}_${schemas.length}`;
  schemas.push(schema);
  return schema;
}

await describeService(
  'clearing journal in PostgreSQL',
  { label: 'PostgreSQL', host: '127.0.0.1', port: 5432 },
  () => {
    afterAll(async () => {
      for (const close of closers.splice(0)) await close();
      const admin = new pg.Pool({ connectionString: URL, max: 1 });
      for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });

    it('should give back every record in the order appended, JSON-equal', async () => {
      // Arrange
      const journal = journalIn(freshSchema());
      const records: ClearingJournalRecord[] = [
        { kind: 'add', atMs: NOW_MS, obligation: obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '1.50') },
        { kind: 'tick', atMs: NOW_MS + 1 },
        { kind: 'published', windowId: 'window:EUR:1' },
        { kind: 'flush', atMs: NOW_MS + 2 },
      ];
      // Act
      for (const r of records) await journal.append(r);
      const loaded = await journal.load();
      // Assert
      expect(loaded).toEqual(records);
    });

    it('should let a clearing stage restarted on a new connection publish what one that never restarted does', async () => {
      // Arrange
      const all = [
        obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00'),
        obligation('o2', 'BBBBDEFFXXX', 'CCCCFRPPXXX', '70.00'),
        obligation('o3', 'CCCCFRPPXXX', 'AAAAGB2LXXX', '30.00'),
        obligation('o4', 'AAAAGB2LXXX', 'CCCCFRPPXXX', '12.00'),
        obligation('o5', 'BBBBDEFFXXX', 'AAAAGB2LXXX', '9.00'),
      ];
      const steady = createClearingStage({ obligationsMax: 3 });
      const steadyContext = fakeContext('clearingSubmit');
      for (const o of all) await steady.handle(submit(o), steadyContext);
      await steady.flush!(NOW_MS + 1, steadyContext);
      const schema = freshSchema();
      const context = fakeContext('clearingSubmit');
      const before = createClearingStage({ obligationsMax: 3, journal: journalIn(schema) });
      await before.start!(context);
      for (const o of all.slice(0, 4)) await before.handle(submit(o), context);
      // Act: the process "dies"; a new one opens the same schema
      const after = createClearingStage({ obligationsMax: 3, journal: journalIn(schema) });
      await after.start!(context);
      await after.handle(submit(all[4]!), context);
      await after.flush!(NOW_MS + 1, context);
      // Assert
      expect(context.of('clearingCompleted').map((p) => p.data)).toEqual(
        steadyContext.of('clearingCompleted').map((p) => p.data),
      );
      expect(after.closedWindows().map((w) => [w.id, w.obligations.length])).toEqual([
        ['window:EUR:1', 3],
        ['window:EUR:2', 2],
      ]);
    });

    it('should refuse a schema name that is not a plain identifier', () => {
      expect(() => createPostgresClearingJournal({ connectionString: URL, schema: 'Bad-Name' })).toThrow(
        expect.objectContaining({ code: PostgresStoreErrorCodes.INVALID_OPTIONS, path: ['schema'] }),
      );
    });
  },
);
