/**
 * From parsed camt.054 / camt.053 / camt.052 to the ledger's bank feed. The XML is written by
 * `deltran/iso20022`'s builders and read back by its parser, so these tests go through real messages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { money } from 'deltran';
import {
  type AccountReport,
  type BankToCustomerReport,
  buildCamt053,
  buildCamt054,
  type Camt052Message,
  type Camt053Message,
  type Camt054Message,
  parseMessage,
  type ReportEntry,
} from 'deltran/iso20022';
import { createTokenLedger, fromCamt052, fromCamt053, fromCamt054, TokenErrorCodes } from 'deltran/token';
import { describe, expect, it } from 'vitest';

const IBAN = 'DE89370400440532013000';
const U1 = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';
const EUR = (text: string) => money(text, 'EUR');

const credit: ReportEntry = {
  entryReference: 'NTRY-1',
  amount: EUR('1250.50'),
  creditDebit: 'CRDT',
  status: 'BOOK',
  bookingDate: '2026-03-02',
  valueDate: '2026-03-02',
  accountServicerReference: 'SVC-1',
  transactions: [{ endToEndId: 'E2E-1', uetr: U1, amount: EUR('1250.50'), creditDebit: 'CRDT' }],
};
const pending: ReportEntry = {
  entryReference: 'NTRY-2',
  amount: EUR('10.00'),
  creditDebit: 'CRDT',
  status: 'PDNG',
  accountServicerReference: 'SVC-2',
};
const batchDebit: ReportEntry = {
  entryReference: 'NTRY-3',
  amount: EUR('300.00'),
  creditDebit: 'DBIT',
  status: 'BOOK',
  bookingDate: '2026-03-02',
  accountServicerReference: 'SVC-3',
  transactions: [
    { endToEndId: 'E2E-A', amount: EUR('100.00'), creditDebit: 'DBIT' },
    { endToEndId: 'E2E-B', amount: EUR('200.00'), creditDebit: 'DBIT' },
  ],
};

function report(entries: readonly ReportEntry[], balances?: AccountReport['balances']): BankToCustomerReport {
  const account: AccountReport = {
    id: 'STMT-1',
    creationDateTime: '2026-03-02T18:00:00+01:00',
    fromDateTime: '2026-03-02T00:00:00+01:00',
    toDateTime: '2026-03-02T23:59:59+01:00',
    account: { iban: IBAN, currency: 'EUR' },
    ...(balances === undefined ? {} : { balances }),
    entries,
  };
  return { messageId: 'MSG-1', creationDateTime: '2026-03-02T18:00:00+01:00', reports: [account] };
}

const balances = (opening: string, closing: string, closingDebit = false): AccountReport['balances'] => [
  { type: 'OPBD', amount: EUR(opening), creditDebit: 'CRDT', date: '2026-03-02' },
  { type: 'CLBD', amount: EUR(closing), creditDebit: closingDebit ? 'DBIT' : 'CRDT', date: '2026-03-02' },
];

describe('camt mapping', () => {
  it('should map camt.054 entries with their references, status and single-transaction UETR', () => {
    // Arrange
    const message = parseMessage(buildCamt054(report([credit, pending, batchDebit]))) as Camt054Message;
    // Act
    const entries = fromCamt054(message);
    // Assert
    expect(entries).toEqual([
      {
        accountId: IBAN,
        servicerReference: 'SVC-1',
        entryReference: 'NTRY-1',
        creditDebit: 'CRDT',
        status: 'BOOK',
        amount: EUR('1250.50'),
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        uetr: U1,
        endToEndId: 'E2E-1',
      },
      {
        accountId: IBAN,
        servicerReference: 'SVC-2',
        entryReference: 'NTRY-2',
        creditDebit: 'CRDT',
        status: 'PDNG',
        amount: EUR('10.00'),
      },
      // A batch-booked entry has no single payment reference: it can fund no mint.
      {
        accountId: IBAN,
        servicerReference: 'SVC-3',
        entryReference: 'NTRY-3',
        creditDebit: 'DBIT',
        status: 'BOOK',
        amount: EUR('300.00'),
        bookingDate: '2026-03-02',
      },
    ]);
  });

  it('should map a camt.053 statement with signed balances and its period', () => {
    // Arrange
    const message = parseMessage(
      buildCamt053(report([credit], balances('100.00', '50.00', true))),
    ) as Camt053Message;
    // Act
    const [statement] = fromCamt053(message);
    // Assert
    expect(statement).toMatchObject({
      kind: 'camt.053',
      statementId: 'STMT-1',
      accountId: IBAN,
      currency: 'EUR',
      period: { from: '2026-03-02T00:00:00+01:00', to: '2026-03-02T23:59:59+01:00' },
      openingBooked: { amount: EUR('100.00'), date: '2026-03-02' },
      closingBooked: { amount: EUR('-50.00'), date: '2026-03-02' },
    });
    expect(statement?.entries).toHaveLength(1);
  });

  it('should take the interim booked balance of a camt.052 report as its closing', () => {
    // Arrange: the camt.052 shape is the camt.053 one with another type
    const message = parseMessage(
      buildCamt053(
        report([credit], [{ type: 'ITBD', amount: EUR('1250.50'), creditDebit: 'CRDT', date: '2026-03-02' }]),
      ),
    );
    const intraday = { ...(message as Camt053Message), type: 'camt.052' } as unknown as Camt052Message;
    // Act
    const [statement] = fromCamt052(intraday);
    // Assert
    expect(statement).toMatchObject({ kind: 'camt.052', closingBooked: { amount: EUR('1250.50') } });
    expect(statement?.openingBooked).toBeUndefined();
  });

  it('should map a real camt.052 report: interim balance, pending entry', () => {
    // Arrange: the gateway's own intraday fixture
    const xml = readFileSync(
      fileURLToPath(new URL('../../fixtures/iso20022/camt052/valid/intraday-report.xml', import.meta.url)),
    );
    // Act
    const [statement] = fromCamt052(parseMessage(xml) as Camt052Message);
    // Assert
    expect(statement).toMatchObject({
      kind: 'camt.052',
      accountId: IBAN,
      currency: 'EUR',
      closingBooked: { amount: EUR('10000.00') },
    });
    expect(statement?.entries.map((e) => [e.status, e.uetr])).toEqual([['PDNG', U1]]);
  });

  it('should refuse an entry without any reference', () => {
    const message = parseMessage(
      buildCamt054(
        report([
          {
            amount: credit.amount,
            creditDebit: 'CRDT',
            status: 'BOOK',
            bookingDate: '2026-03-02',
            transactions: [{ uetr: U1 }],
          },
        ]),
      ),
    ) as Camt054Message;
    expect(() => fromCamt054(message)).toThrow(
      expect.objectContaining({ code: TokenErrorCodes.INVALID_INPUT, path: ['Ntfctn', 0, 'Ntry', 0] }),
    );
  });

  it('should mint from a parsed camt.054 and reconcile a parsed camt.053 clean', async () => {
    // Arrange
    const ledger = await createTokenLedger();
    await ledger.openAccount({ id: 'open', participant: 'BANKDEFF', currency: 'EUR' });
    await ledger.mint({ id: 'mint-1', participant: 'BANKDEFF', amount: EUR('1250.50'), uetr: U1 });
    const notification = parseMessage(buildCamt054(report([credit, pending]))) as Camt054Message;
    const statement = parseMessage(
      buildCamt053(report([credit], balances('0.00', '1250.50'))),
    ) as Camt053Message;
    // Act
    const fed = await ledger.recordBankEntries({ id: 'camt054:MSG-1', entries: fromCamt054(notification) });
    const eod = await ledger.reconcile({ id: 'camt053:MSG-1', statement: fromCamt053(statement)[0]! });
    // Assert
    expect(fed.minted).toEqual(['mint-1']);
    expect(eod.report).toMatchObject({ status: 'clean', matchedEntries: 1 });
    expect(ledger.balance('BANKDEFF', 'EUR')?.balance).toEqual(EUR('1250.50'));
  });
});
