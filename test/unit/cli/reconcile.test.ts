/**
 * `deltran reconcile STATEMENT.xml --ledger SNAPSHOT.json` in-process (the postgres:// form runs in
 * test/integration/postgres-cli.int.test.ts, against a real server).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { money } from 'deltran';
import { type AccountReport, buildCamt053, buildCamt054, type ReportEntry } from 'deltran/iso20022';
import { createTokenLedger } from 'deltran/token';
import { describe, expect, it } from 'vitest';
import reconcile from '../../../src/cli/commands/reconcile';
import { captureIo } from '../../_helpers/cli';

const IBAN = 'DE89370400440532013000';
const EUR = (text: string) => money(text, 'EUR');
const U1 = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';

const credit: ReportEntry = {
  entryReference: 'NTRY-1',
  amount: EUR('1250.50'),
  creditDebit: 'CRDT',
  status: 'BOOK',
  bookingDate: '2026-03-02',
  accountServicerReference: 'SVC-1',
  transactions: [{ uetr: U1 }],
};

function statementXml(entries: ReportEntry[], closing: string): string {
  const report: AccountReport = {
    id: 'STMT-1',
    account: { iban: IBAN, currency: 'EUR' },
    balances: [
      { type: 'OPBD', amount: EUR('0.00'), creditDebit: 'CRDT', date: '2026-03-02' },
      { type: 'CLBD', amount: EUR(closing), creditDebit: 'CRDT', date: '2026-03-02' },
    ],
    entries,
  };
  return buildCamt053({ messageId: 'EOD-1', creationDateTime: '2026-03-02T18:00:00Z', reports: [report] });
}

/** A directory with a ledger snapshot (one funded mint) and the given statement. */
async function workspace(xml: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'deltran-reconcile-'));
  const ledger = await createTokenLedger();
  await ledger.openAccount({ id: 'open', participant: 'BANKDEFF', currency: 'EUR' });
  await ledger.mint({ id: 'mint-1', participant: 'BANKDEFF', amount: EUR('1250.50'), uetr: U1 });
  await ledger.recordBankEntries({
    id: 'feed-1',
    entries: [
      {
        accountId: IBAN,
        servicerReference: 'SVC-1',
        entryReference: 'NTRY-1',
        creditDebit: 'CRDT',
        status: 'BOOK',
        amount: EUR('1250.50'),
        bookingDate: '2026-03-02',
        uetr: U1,
      },
    ],
  });
  writeFileSync(join(dir, 'ledger.json'), JSON.stringify(await ledger.exportSnapshot()));
  writeFileSync(join(dir, 'statement.xml'), xml);
  return dir;
}

describe('deltran reconcile', () => {
  it('should print a clean summary and exit 0 when the statement matches the ledger', async () => {
    // Arrange
    const dir = await workspace(statementXml([credit], '1250.50'));
    const io = captureIo({ cwd: dir });
    // Act
    const code = await reconcile(['statement.xml', '--ledger', 'ledger.json'], io);
    // Assert
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toBe(
      `camt.053 STMT-1 ${IBAN} EUR: no open break (matched 1 of 1 booked entries; closing 1250.50 EUR, ledger 1250.50 EUR)\n`,
    );
  });

  it('should print every break and exit 1', async () => {
    // Arrange: the statement also lists a debit the ledger never saw
    const debit: ReportEntry = {
      ...credit,
      entryReference: 'NTRY-2',
      accountServicerReference: 'SVC-2',
      creditDebit: 'DBIT',
      amount: EUR('50.00'),
    };
    const dir = await workspace(statementXml([credit, debit], '1200.50'));
    const io = captureIo({ cwd: dir });
    // Act
    const code = await reconcile(['statement.xml', '--ledger', 'ledger.json'], io);
    // Assert
    expect(code).toBe(1);
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toContain('2 open breaks');
    expect(lines.slice(1).map((l) => l.trim().split(' ').slice(0, 3).join(' '))).toEqual([
      'BREAK missing-in-ledger missing-in-ledger:EUR:SVC-2/NTRY-2',
      `BREAK balance-mismatch balance-mismatch:EUR:${IBAN}:STMT-1`,
    ]);
    expect(lines[2]).toContain('[bank 1200.50 EUR, ledger 1250.50 EUR]');
  });

  it('should print JSON reports with decimal-string amounts', async () => {
    const dir = await workspace(statementXml([credit], '1250.50'));
    const io = captureIo({ cwd: dir });
    const code = await reconcile(['--json', 'statement.xml', '--ledger', 'ledger.json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out())[0]).toMatchObject({
      status: 'clean',
      ledgerReserve: { currency: 'EUR', amount: '1250.50' },
    });
  });

  it('should exit 2 on usage errors, unreadable input, a non-statement and a corrupt snapshot', async () => {
    // Arrange
    const dir = await workspace(statementXml([credit], '1250.50'));
    writeFileSync(
      join(dir, 'notification.xml'),
      buildCamt054({
        messageId: 'N',
        creationDateTime: '2026-03-02T18:00:00Z',
        reports: [{ id: 'N1', account: { iban: IBAN }, entries: [credit] }],
      }),
    );
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({
        format: 'deltran.token.snapshot',
        version: 1,
        head: { seq: 1, hash: 'f'.repeat(64) },
        journal: [{ seq: 1, prevHash: '0'.repeat(64), hash: 'f'.repeat(64), body: '{}' }],
      }),
    );
    const run = async (args: string[]) => {
      const io = captureIo({ cwd: dir });
      return { code: await reconcile(args, io), err: io.err() };
    };
    // Act
    const noLedger = await run(['statement.xml']);
    const missing = await run(['nope.xml', '--ledger', 'ledger.json']);
    const wrongType = await run(['notification.xml', '--ledger', 'ledger.json']);
    const corrupt = await run(['statement.xml', '--ledger', 'broken.json']);
    const help = await run(['--help']);
    // Assert
    expect(noLedger).toMatchObject({ code: 2, err: expect.stringContaining('expected --ledger') });
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('nope.xml: cannot read') });
    expect(wrongType).toMatchObject({
      code: 2,
      err: expect.stringContaining('expected a camt.053 or camt.052 statement, got camt.054'),
    });
    expect(corrupt).toMatchObject({ code: 2, err: expect.stringContaining('TOKEN_JOURNAL_CORRUPT') });
    expect(help.code).toBe(0);
  });
});
