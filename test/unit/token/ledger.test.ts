/**
 * `deltran/token`: the ledger's commands, examples first (STYLE.md §6.2). The invariants under random
 * sequences are in model.test.ts, bank-feed properties in properties.test.ts.
 */
import { type CurrencyCode, money } from 'deltran';
import {
  type BankEntry,
  type BankStatement,
  createMemoryLedgerStore,
  createTokenLedger,
  parseLedgerSnapshot,
  TokenRejectionCodes as R,
  TokenErrorCodes,
  type TokenLedger,
  TokenValidationError,
  tokenCode,
} from 'deltran/token';
import { describe, expect, it } from 'vitest';

const USD = (text: string) => money(text, 'USD');
const AED = (text: string) => money(text, 'AED');
const U1 = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';
const U2 = '7a3f8f62-0d45-4d6f-9d3a-5b2f0c6d8e41';
const U3 = 'c2d4e6f8-1a3b-4c5d-8e9f-0a1b2c3d4e5f';
const RESERVE = 'US12RESERVE0001';

let refs = 0;
function entry(fields: Partial<BankEntry> & Pick<BankEntry, 'amount'>): BankEntry {
  refs++;
  return {
    accountId: RESERVE,
    servicerReference: `SVC-${refs}`,
    entryReference: `NTRY-${refs}`,
    creditDebit: 'CRDT',
    status: 'BOOK',
    bookingDate: '2026-12-01',
    ...fields,
  };
}

async function ledgerWith(...participants: string[]): Promise<TokenLedger> {
  const ledger = await createTokenLedger();
  await ledger.execute(
    participants.map((p) => ({
      kind: 'openAccount' as const,
      id: `open-${p}`,
      participant: p,
      currency: 'USD' as CurrencyCode,
    })),
  );
  return ledger;
}

/** Funds `participant` with `amount` USD: a mint and its booked credit. */
async function fund(
  ledger: TokenLedger,
  participant: string,
  amount: string,
  uetr: string,
): Promise<BankEntry> {
  const credit = entry({ amount: USD(amount), uetr });
  await ledger.mint({ id: `mint-${uetr}`, participant, amount: USD(amount), uetr });
  await ledger.recordBankEntries({ id: `feed-${credit.servicerReference}`, entries: [credit] });
  return credit;
}

describe('token ledger', () => {
  describe('accounts', () => {
    it('should name tokens x + ISO 4217 code and keep four kinds of account per currency', async () => {
      // Arrange
      const ledger = await createTokenLedger();
      // Act
      await ledger.openAccount({ id: 'o1', participant: 'BANKAEAA', currency: 'AED' });
      // Assert
      expect(tokenCode('ILS')).toBe('xILS');
      expect(ledger.accounts('AED').map((a) => [a.key, a.kind, a.token])).toEqual([
        ['AED/reserve', 'reserve', 'xAED'],
        ['AED/unallocated', 'unallocated', 'xAED'],
        ['AED/payout', 'payout', 'xAED'],
        ['xAED/BANKAEAA', 'token', 'xAED'],
      ]);
      expect(ledger.currencies()).toEqual(['AED']);
    });

    it('should reject opening an account twice', async () => {
      const ledger = await ledgerWith('A');
      const result = await ledger.openAccount({ id: 'again', participant: 'A', currency: 'USD' });
      expect(result).toMatchObject({ status: 'rejected', code: R.ACCOUNT_EXISTS });
    });
  });

  describe('mint', () => {
    it('should wait as pending, then mint when the booked camt.054 credit arrives', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      // Act
      const pending = await ledger.mint({ id: 'm1', participant: 'A', amount: USD('100.00'), uetr: U1 });
      const funded = await ledger.recordBankEntries({
        id: 'f1',
        entries: [entry({ amount: USD('100.00'), uetr: U1 })],
      });
      // Assert
      expect(pending).toMatchObject({
        status: 'pending',
        code: R.AWAITING_FUNDING,
        mint: { status: 'pending' },
      });
      expect(funded.minted).toEqual(['m1']);
      expect(funded.entries?.[0]).toMatchObject({ status: 'posted', matched: { kind: 'mint', id: 'm1' } });
      expect(ledger.balance('A', 'USD')?.balance).toEqual(USD('100.00'));
      expect(ledger.getMint('m1')).toMatchObject({ status: 'minted', fundedBy: funded.entries?.[0]?.key });
      expect(ledger.position('USD')).toMatchObject({
        reserve: USD('100.00'),
        tokenSupply: USD('100.00'),
        unallocated: USD('0.00'),
        balanced: true,
      });
    });

    it('should hold an early credit as unallocated and mint when the request arrives, matched by EndToEndId', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await ledger.recordBankEntries({
        id: 'f1',
        entries: [entry({ amount: USD('40.00'), endToEndId: 'E2E-7' })],
      });
      const early = ledger.position('USD');
      // Act
      const minted = await ledger.mint({
        id: 'm1',
        participant: 'A',
        amount: USD('40.00'),
        endToEndId: 'E2E-7',
      });
      // Assert
      expect(early).toMatchObject({
        reserve: USD('40.00'),
        unallocated: USD('40.00'),
        tokenSupply: USD('0.00'),
      });
      expect(minted).toMatchObject({ status: 'applied', mint: { status: 'minted' } });
      expect(ledger.position('USD')).toMatchObject({ unallocated: USD('0.00'), tokenSupply: USD('40.00') });
    });

    it('should never mint without a booked credit: pending and information entries move nothing', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await ledger.mint({ id: 'm1', participant: 'A', amount: USD('10.00'), uetr: U1 });
      // Act
      const result = await ledger.recordBankEntries({
        id: 'f1',
        entries: [
          entry({ amount: USD('10.00'), uetr: U1, status: 'PDNG' }),
          entry({ amount: USD('10.00'), uetr: U1, status: 'INFO' }),
        ],
      });
      // Assert
      expect(result.entries?.map((e) => e.status)).toEqual(['ignored', 'ignored']);
      expect(ledger.getMint('m1')?.status).toBe('pending');
      expect(ledger.position('USD').reserve).toEqual(USD('0.00'));
    });

    it('should count each bank entry once, ever, whatever the command id', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      const credit = await fund(ledger, 'A', '25.00', U1);
      // Act
      const again = await ledger.recordBankEntries({ id: 'another-id', entries: [credit] });
      // Assert
      expect(again.entries?.[0]?.status).toBe('duplicate');
      expect(ledger.position('USD').reserve).toEqual(USD('25.00'));
      expect(ledger.balance('A', 'USD')?.balance).toEqual(USD('25.00'));
    });

    it('should refuse a credit of another amount than the mint, minting nothing', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await ledger.recordBankEntries({ id: 'f1', entries: [entry({ amount: USD('99.50'), uetr: U1 })] });
      // Act
      const result = await ledger.mint({ id: 'm1', participant: 'A', amount: USD('100.00'), uetr: U1 });
      const corrected = await ledger.mint({ id: 'm2', participant: 'A', amount: USD('99.50'), uetr: U1 });
      // Assert
      expect(result).toMatchObject({ status: 'rejected', code: R.FUNDING_MISMATCH });
      expect(corrected).toMatchObject({ status: 'applied' });
      expect(ledger.position('USD').tokenSupply).toEqual(USD('99.50'));
    });

    it('should reject a pending mint whose credit arrives with another amount, leaving the credit unallocated', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await ledger.mint({ id: 'm1', participant: 'A', amount: USD('100.00'), uetr: U1 });
      // Act
      const result = await ledger.recordBankEntries({
        id: 'f1',
        entries: [entry({ amount: USD('90.00'), uetr: U1 })],
      });
      // Assert
      expect(result.entries?.[0]).toMatchObject({ status: 'posted', code: R.FUNDING_MISMATCH });
      expect(ledger.getMint('m1')).toMatchObject({ status: 'rejected', code: R.FUNDING_MISMATCH });
      expect(ledger.position('USD')).toMatchObject({ unallocated: USD('90.00'), tokenSupply: USD('0.00') });
    });

    it('should refuse a second mint for the same payment reference', async () => {
      const ledger = await ledgerWith('A');
      await fund(ledger, 'A', '5.00', U1);
      const second = await ledger.mint({ id: 'm-again', participant: 'A', amount: USD('5.00'), uetr: U1 });
      expect(second).toMatchObject({ status: 'rejected', code: R.DUPLICATE_REFERENCE });
    });
  });

  describe('transfers and overdrafts', () => {
    it('should move tokens, refuse overdrawing, and allow an explicit overdraft limit', async () => {
      // Arrange
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '50.00', U1);
      // Act
      const ok = await ledger.transfer({ id: 't1', from: 'A', to: 'B', amount: USD('30.00') });
      const refused = await ledger.transfer({ id: 't2', from: 'B', to: 'A', amount: USD('30.01') });
      await ledger.setOverdraftLimit({ id: 'lim', participant: 'B', currency: 'USD', limit: USD('10.00') });
      const overdraft = await ledger.transfer({ id: 't3', from: 'B', to: 'A', amount: USD('40.00') });
      const beyond = await ledger.transfer({ id: 't4', from: 'B', to: 'A', amount: USD('0.01') });
      const lower = await ledger.setOverdraftLimit({
        id: 'lim2',
        participant: 'B',
        currency: 'USD',
        limit: USD('5.00'),
      });
      // Assert
      expect(ok.status).toBe('applied');
      expect(refused).toMatchObject({ status: 'rejected', code: R.INSUFFICIENT_FUNDS });
      expect(overdraft.status).toBe('applied');
      expect(beyond).toMatchObject({ status: 'rejected', code: R.INSUFFICIENT_FUNDS });
      expect(lower).toMatchObject({ status: 'rejected', code: R.LIMIT_BELOW_BALANCE });
      expect(ledger.balance('B', 'USD')?.balance).toEqual(USD('-10.00'));
      expect(ledger.position('USD')).toMatchObject({ tokenSupply: USD('50.00'), balanced: true });
    });

    it('should apply an atomic batch all or nothing, and a non-atomic one command by command', async () => {
      // Arrange
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      const batch = [
        { kind: 'transfer' as const, id: 'b1', from: 'A', to: 'B', amount: USD('6.00') },
        { kind: 'transfer' as const, id: 'b2', from: 'A', to: 'B', amount: USD('6.00') },
      ];
      // Act
      const atomic = await ledger.execute(batch);
      const loose = await ledger.execute(
        batch.map((c) => ({ ...c, id: `${c.id}-loose` })),
        { atomic: false },
      );
      // Assert
      expect(atomic.status).toBe('aborted');
      expect(atomic.results.map((r) => r.code)).toEqual([R.BATCH_ABORTED, R.INSUFFICIENT_FUNDS]);
      expect(loose.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
      expect(ledger.balance('B', 'USD')?.balance).toEqual(USD('6.00'));
    });

    it('should settle a netting result atomically on net positions, with amounts as Money or strings', async () => {
      // Arrange: B has nothing, but receives before it pays in the netting result
      const ledger = await ledgerWith('A', 'B', 'C');
      await fund(ledger, 'A', '100.00', U1);
      const instructions = [
        { from: 'B', to: 'C', currency: 'USD', amount: '30.00' },
        { from: 'A', to: 'B', currency: 'USD', amount: USD('30.00') },
      ];
      // Act
      const settled = await ledger.settleBatch({ id: 'window-1', instructions });
      const short = await ledger.settleBatch({
        id: 'window-2',
        instructions: [{ from: 'C', to: 'A', currency: 'USD', amount: '30.01' }],
      });
      // Assert
      expect(settled.status).toBe('applied');
      expect(ledger.balance('C', 'USD')?.balance).toEqual(USD('30.00'));
      expect(short).toMatchObject({ status: 'rejected', code: R.INSUFFICIENT_FUNDS });
      expect(ledger.balance('C', 'USD')?.balance).toEqual(USD('30.00'));
    });

    it('should reject a settlement naming an unknown participant, applying no instruction', async () => {
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      const result = await ledger.settleBatch({
        id: 'w',
        instructions: [
          { from: 'A', to: 'B', currency: 'USD', amount: '1.00' },
          { from: 'A', to: 'NOBODY', currency: 'USD', amount: '1.00' },
        ],
      });
      expect(result).toMatchObject({ status: 'rejected', code: R.ACCOUNT_NOT_FOUND });
      expect(ledger.balance('B', 'USD')?.balance).toEqual(USD('0.00'));
    });
  });

  describe('holds', () => {
    it('should reserve, post partly releasing the rest, and resolve at most once', async () => {
      // Arrange
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      // Act
      const held = await ledger.hold({ id: 'h1', from: 'A', to: 'B', amount: USD('8.00') });
      const whileHeld = ledger.balance('A', 'USD');
      const spend = await ledger.transfer({ id: 't', from: 'A', to: 'B', amount: USD('2.01') });
      const posted = await ledger.postHold({ id: 'p1', holdId: 'h1', amount: USD('5.00') });
      const twice = await ledger.voidHold({ id: 'v1', holdId: 'h1' });
      // Assert
      expect(held).toMatchObject({ status: 'applied', hold: { status: 'reserved' } });
      expect(whileHeld).toMatchObject({ balance: USD('10.00'), held: USD('8.00'), available: USD('2.00') });
      expect(spend.code).toBe(R.INSUFFICIENT_FUNDS);
      expect(posted.hold).toMatchObject({ status: 'posted', postedAmount: USD('5.00') });
      expect(twice).toMatchObject({ status: 'rejected', code: R.HOLD_ALREADY_RESOLVED });
      expect(ledger.balance('A', 'USD')).toMatchObject({ balance: USD('5.00'), held: USD('0.00') });
      expect(ledger.balance('B', 'USD')).toMatchObject({ balance: USD('5.00'), incoming: USD('0.00') });
    });

    it('should void a hold, refuse posting more than held, and refuse unknown holds', async () => {
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      await ledger.hold({ id: 'h1', from: 'A', to: 'B', amount: USD('3.00') });
      expect(await ledger.postHold({ id: 'p', holdId: 'h1', amount: USD('3.01') })).toMatchObject({
        code: R.HOLD_AMOUNT_EXCEEDED,
      });
      expect(await ledger.voidHold({ id: 'v', holdId: 'h1' })).toMatchObject({
        status: 'applied',
        hold: { status: 'voided' },
      });
      expect(await ledger.postHold({ id: 'p2', holdId: 'nope' })).toMatchObject({ code: R.HOLD_NOT_FOUND });
      expect(ledger.balance('A', 'USD')).toMatchObject({ balance: USD('10.00'), held: USD('0.00') });
    });
  });

  describe('redeem and payouts', () => {
    it('should burn into payout in flight with an instruction, and confirm on the camt.054 debit', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await fund(ledger, 'A', '70.00', U1);
      // Act
      const redeemed = await ledger.redeem({
        id: 'r1',
        participant: 'A',
        amount: USD('20.00'),
        uetr: U2,
        beneficiary: 'US99 BENEFICIARY',
      });
      const inFlight = ledger.position('USD');
      const confirmed = await ledger.recordBankEntries({
        id: 'f2',
        entries: [entry({ creditDebit: 'DBIT', amount: USD('20.00'), uetr: U2 })],
      });
      // Assert
      expect(redeemed.payout).toEqual({
        id: 'r1',
        participant: 'A',
        amount: USD('20.00'),
        reserveAccountId: RESERVE,
        uetr: U2,
        beneficiary: 'US99 BENEFICIARY',
        status: 'in-flight',
      });
      expect(inFlight).toMatchObject({
        reserve: USD('70.00'),
        tokenSupply: USD('50.00'),
        payoutInFlight: USD('20.00'),
        balanced: true,
      });
      expect(confirmed.entries?.[0]).toMatchObject({
        status: 'posted',
        matched: { kind: 'payout', id: 'r1' },
      });
      expect(ledger.position('USD')).toMatchObject({
        reserve: USD('50.00'),
        payoutInFlight: USD('0.00'),
        balanced: true,
      });
      expect(ledger.getPayout('r1')?.status).toBe('confirmed');
    });

    it('should hold an early payout debit, freeze minting, and complete the payout when the redeem arrives', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await fund(ledger, 'A', '70.00', U1);
      // Act
      const early = await ledger.recordBankEntries({
        id: 'f2',
        entries: [entry({ creditDebit: 'DBIT', amount: USD('20.00'), uetr: U2 })],
      });
      const frozen = ledger.isMintingFrozen('USD');
      const redeemed = await ledger.redeem({ id: 'r1', participant: 'A', amount: USD('20.00'), uetr: U2 });
      // Assert
      expect(early.entries?.[0]).toMatchObject({
        status: 'held',
        breakId: expect.stringContaining('missing-in-ledger'),
      });
      expect(frozen).toBe(true);
      expect(redeemed.payout?.status).toBe('confirmed');
      expect(ledger.isMintingFrozen('USD')).toBe(false);
      expect(ledger.breaks({ status: 'resolved' })[0]?.resolution?.action).toBe('matched');
      expect(ledger.position('USD')).toMatchObject({
        reserve: USD('50.00'),
        tokenSupply: USD('50.00'),
        balanced: true,
      });
    });

    it('should give a cancelled payout back to the participant', async () => {
      const ledger = await ledgerWith('A');
      await fund(ledger, 'A', '70.00', U1);
      await ledger.redeem({ id: 'r1', participant: 'A', amount: USD('20.00'), endToEndId: 'PAYOUT-1' });
      const cancelled = await ledger.cancelPayout({ id: 'c1', payoutId: 'r1' });
      expect(cancelled.payout?.status).toBe('cancelled');
      expect(ledger.balance('A', 'USD')?.balance).toEqual(USD('70.00'));
      expect(await ledger.cancelPayout({ id: 'c2', payoutId: 'r1' })).toMatchObject({
        code: R.PAYOUT_ALREADY_RESOLVED,
      });
    });
  });

  describe('breaks and the minting freeze', () => {
    it('should freeze minting on an unexplained debit, keep mints pending, and resume when resolved', async () => {
      // Arrange: 5.00 arrived without a payment reference (free unallocated), then a stray debit
      const ledger = await ledgerWith('A');
      await fund(ledger, 'A', '70.00', U1);
      await ledger.recordBankEntries({ id: 'f-free', entries: [entry({ amount: USD('5.00') })] });
      const stray = await ledger.recordBankEntries({
        id: 'f2',
        entries: [entry({ creditDebit: 'DBIT', amount: USD('5.00'), endToEndId: 'FEE' })],
      });
      const breakId = stray.entries?.[0]?.breakId as string;
      // Act
      const waiting = await ledger.mint({ id: 'm2', participant: 'A', amount: USD('10.00'), uetr: U3 });
      await ledger.recordBankEntries({ id: 'f3', entries: [entry({ amount: USD('10.00'), uetr: U3 })] });
      const stillPending = ledger.getMint('m2')?.status;
      const resolved = await ledger.resolveBreak({
        id: 'fix',
        breakId,
        action: 'absorb',
        note: 'bank fee, checked by ops',
      });
      // Assert
      expect(waiting).toMatchObject({ status: 'pending', code: R.MINTING_FROZEN });
      expect(stillPending).toBe('pending');
      expect(resolved).toMatchObject({ status: 'applied', minted: ['m2'] });
      expect(ledger.getBankEntry(stray.entries?.[0]?.key as string)?.state).toBe('absorbed');
      expect(ledger.position('USD')).toMatchObject({
        reserve: USD('80.00'),
        unallocated: USD('0.00'),
        tokenSupply: USD('80.00'),
        balanced: true,
      });
    });

    it('should not absorb a debit with funds earmarked for a pending mint; accept leaves the reserve as booked', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await fund(ledger, 'A', '70.00', U1);
      const stray = await ledger.recordBankEntries({
        id: 'f2',
        entries: [entry({ creditDebit: 'DBIT', amount: USD('5.00'), endToEndId: 'FEE' })],
      });
      const breakId = stray.entries?.[0]?.breakId as string;
      await ledger.mint({ id: 'm2', participant: 'A', amount: USD('10.00'), uetr: U3 });
      await ledger.recordBankEntries({ id: 'f3', entries: [entry({ amount: USD('10.00'), uetr: U3 })] });
      // Act
      const absorb = await ledger.resolveBreak({ id: 'fix-1', breakId, action: 'absorb', note: 'fee' });
      const accept = await ledger.resolveBreak({
        id: 'fix-2',
        breakId,
        action: 'accept',
        note: 'reversed by the bank tomorrow',
      });
      // Assert
      expect(absorb).toMatchObject({ status: 'rejected', code: R.INSUFFICIENT_FUNDS });
      expect(accept).toMatchObject({ status: 'applied', minted: ['m2'] });
      expect(ledger.position('USD')).toMatchObject({
        reserve: USD('80.00'),
        tokenSupply: USD('80.00'),
        balanced: true,
      });
      expect(ledger.breaks({ status: 'resolved' })[0]?.resolution).toEqual({
        action: 'accept',
        note: 'reversed by the bank tomorrow',
        commandId: 'fix-2',
      });
    });

    it('should open an amount-mismatch break when an entry comes again with other content', async () => {
      const ledger = await ledgerWith('A');
      const credit = await fund(ledger, 'A', '70.00', U1);
      const changed = await ledger.recordBankEntries({
        id: 'f9',
        entries: [{ ...credit, amount: USD('7.00') }],
      });
      expect(changed.entries?.[0]).toMatchObject({ status: 'conflict' });
      expect(ledger.breaks()[0]).toMatchObject({
        kind: 'amount-mismatch',
        ledgerAmount: USD('70.00'),
        bankAmount: USD('7.00'),
      });
      expect(ledger.position('USD').reserve).toEqual(USD('70.00'));
    });

    it('should reject entries on another bank account than the reserve', async () => {
      const ledger = await createTokenLedger({ reserveAccounts: { USD: RESERVE } });
      const result = await ledger.recordBankEntries({
        id: 'f',
        entries: [entry({ amount: USD('1.00'), accountId: 'OTHER' })],
      });
      expect(result.entries?.[0]).toMatchObject({ status: 'rejected', code: R.RESERVE_ACCOUNT_MISMATCH });
    });
  });

  describe('reconciliation', () => {
    async function dayOne(): Promise<{ ledger: TokenLedger; credit: BankEntry; debit: BankEntry }> {
      const ledger = await ledgerWith('A');
      const credit = await fund(ledger, 'A', '70.00', U1);
      await ledger.redeem({ id: 'r1', participant: 'A', amount: USD('20.00'), uetr: U2 });
      const debit = entry({ creditDebit: 'DBIT', amount: USD('20.00'), uetr: U2 });
      await ledger.recordBankEntries({ id: 'f2', entries: [debit] });
      return { ledger, credit, debit };
    }
    const statement = (entries: BankEntry[], opening: string, closing: string): BankStatement => ({
      kind: 'camt.053',
      statementId: 'STMT-2026-12-01',
      accountId: RESERVE,
      currency: 'USD',
      openingBooked: { amount: USD(opening), date: '2026-12-01' },
      closingBooked: { amount: USD(closing), date: '2026-12-01' },
      entries,
    });

    it('should find no break when the end-of-day statement adds up and matches', async () => {
      // Arrange
      const { ledger, credit, debit } = await dayOne();
      // Act
      const result = await ledger.reconcile({
        id: 'eod',
        statement: statement([credit, debit], '0.00', '50.00'),
      });
      // Assert
      expect(result.report).toMatchObject({
        status: 'clean',
        matchedEntries: 2,
        statementEntries: 2,
        ledgerReserve: USD('50.00'),
        breaks: [],
      });
      expect(ledger.isMintingFrozen('USD')).toBe(false);
    });

    it('should list every kind of break, freeze minting, and never change a balance', async () => {
      // Arrange
      const { ledger, credit } = await dayOne();
      const before = ledger.accounts();
      const unknown = entry({ amount: USD('3.00') });
      // Act: the debit is missing, the credit has another amount, an unknown entry is listed
      const result = await ledger.reconcile({
        id: 'eod',
        statement: statement([{ ...credit, amount: USD('71.00') }, unknown], '0.00', '74.00'),
      });
      // Assert
      expect(result.report?.breaks.map((b) => b.kind).sort()).toEqual([
        'amount-mismatch',
        'balance-mismatch',
        'missing-in-ledger',
        'missing-in-statement',
      ]);
      expect(result.report?.status).toBe('breaks');
      expect(ledger.isMintingFrozen('USD')).toBe(true);
      expect(ledger.accounts()).toEqual(before);
    });

    it('should report a statement that does not add up', async () => {
      const { ledger, credit, debit } = await dayOne();
      const result = await ledger.reconcile({
        id: 'eod',
        statement: statement([credit, debit], '0.00', '49.99'),
      });
      expect(result.report?.breaks.map((b) => b.kind)).toEqual(['statement-unbalanced']);
    });

    it('should keep one break per discrepancy across runs, and check statements without recording', async () => {
      // Arrange
      const { ledger, credit } = await dayOne();
      const partial = statement([credit], '0.00', '70.00');
      // Act
      const preview = ledger.checkStatement(partial);
      const frozenAfterPreview = ledger.isMintingFrozen('USD');
      await ledger.reconcile({ id: 'eod-1', statement: partial });
      await ledger.reconcile({ id: 'eod-2', statement: partial });
      // Assert
      expect(preview.breaks.map((b) => b.kind).sort()).toEqual(['balance-mismatch', 'missing-in-statement']);
      expect(frozenAfterPreview).toBe(false);
      expect(ledger.breaks()).toHaveLength(2);
      expect(ledger.position('USD').openBreaks).toBe(2);
    });

    it('should reconcile an intraday camt.052 without calling later entries missing', async () => {
      // Arrange: the report was taken after the credit, before the debit
      const { ledger, credit } = await dayOne();
      const report: BankStatement = {
        kind: 'camt.052',
        accountId: RESERVE,
        currency: 'USD',
        closingBooked: { amount: USD('70.00'), date: '2026-12-01' },
        entries: [credit],
      };
      // Act
      const result = ledger.checkStatement(report);
      // Assert
      expect(result).toMatchObject({ status: 'clean', ledgerReserve: USD('70.00'), matchedEntries: 1 });
    });

    it('should reject a statement of another account', async () => {
      const { ledger, credit } = await dayOne();
      const result = await ledger.reconcile({
        id: 'x',
        statement: { ...statement([credit], '0.00', '70.00'), accountId: 'ELSEWHERE' },
      });
      expect(result).toMatchObject({ status: 'rejected', code: R.RESERVE_ACCOUNT_MISMATCH });
    });
  });

  describe('idempotency', () => {
    it('should return the first result on replay and refuse the same id with another payload', async () => {
      // Arrange
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      const first = await ledger.transfer({ id: 't1', from: 'A', to: 'B', amount: USD('1.00') });
      const rejected = await ledger.transfer({ id: 't2', from: 'A', to: 'B', amount: USD('100.00') });
      await fund(ledger, 'A', '100.00', U2);
      // Act
      const replay = await ledger.transfer({ id: 't1', from: 'A', to: 'B', amount: USD('1.00') });
      const replayRejected = await ledger.transfer({ id: 't2', from: 'A', to: 'B', amount: USD('100.00') });
      const conflict = ledger.transfer({ id: 't1', from: 'A', to: 'B', amount: USD('2.00') });
      // Assert
      expect(replay).toEqual({ ...first, replayed: true });
      expect(replayRejected).toEqual({ ...rejected, replayed: true });
      await expect(conflict).rejects.toMatchObject({
        code: TokenErrorCodes.IDEMPOTENCY_CONFLICT,
        commandId: 't1',
      });
      expect(ledger.balance('B', 'USD')?.balance).toEqual(USD('1.00'));
    });

    it('should run a command repeated inside one batch once', async () => {
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      const command = { kind: 'transfer' as const, id: 'dup', from: 'A', to: 'B', amount: USD('1.00') };
      const result = await ledger.execute([command, command]);
      expect(result.results.map((r) => r.replayed)).toEqual([false, true]);
      expect(ledger.balance('B', 'USD')?.balance).toEqual(USD('1.00'));
    });

    it('should change nothing when a batch holds a conflicting id', async () => {
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      const before = ledger.head();
      const attempt = ledger.execute([
        { kind: 'transfer', id: 'x1', from: 'A', to: 'B', amount: USD('1.00') },
        { kind: 'transfer', id: 'x1', from: 'A', to: 'B', amount: USD('2.00') },
      ]);
      await expect(attempt).rejects.toMatchObject({
        code: TokenErrorCodes.IDEMPOTENCY_CONFLICT,
        path: [1, 'id'],
      });
      expect(ledger.head()).toEqual(before);
      expect((await ledger.transfer({ id: 'x1', from: 'A', to: 'B', amount: USD('3.00') })).status).toBe(
        'applied',
      );
    });
  });

  describe('validation', () => {
    it('should list every malformed field of a batch and change nothing', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      // Act
      const attempt = ledger.execute([
        { kind: 'transfer', id: '', from: 'A', to: 'B', amount: USD('1.00') },
        { kind: 'transfer', id: 'a', from: 'A', to: 'A', amount: USD('1.00') },
        { kind: 'mint', id: 'b', participant: 'A', amount: USD('-1.00') },
        {
          kind: 'settleBatch',
          id: 'c',
          instructions: [{ from: 'A', to: 'B', currency: 'USD', amount: '1.005' }],
        },
        {
          kind: 'recordBankEntries',
          id: 'd',
          entries: [
            {
              ...entry({ amount: AED('1.00') }),
              uetr: 'NOT-A-UETR',
              servicerReference: '',
              entryReference: '',
            },
          ],
        },
      ]);
      // Assert
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenValidationError);
      expect((error as TokenValidationError).issues.map((i) => i.path.join('.'))).toEqual([
        '0.id',
        '1.to',
        '2.amount',
        '2',
        '3.instructions.0.amount',
        '4.entries.0',
        '4.entries.0.uetr',
      ]);
      expect(ledger.head().seq).toBe(1);
    });

    it('should pin the wording of the most common rejection', async () => {
      const ledger = await ledgerWith('A', 'B');
      const result = await ledger.transfer({ id: 't', from: 'A', to: 'B', amount: USD('1.00') });
      expect(result.message).toMatchInlineSnapshot(`""A" cannot pay 100 minor units of xUSD"`);
    });
  });

  describe('journal', () => {
    it('should chain every batch by hash and rebuild the same ledger from an exported snapshot', async () => {
      // Arrange
      const ledger = await ledgerWith('A', 'B');
      await fund(ledger, 'A', '10.00', U1);
      await ledger.transfer({ id: 't', from: 'A', to: 'B', amount: USD('4.00') });
      // Act
      const snapshot = parseLedgerSnapshot(JSON.parse(JSON.stringify(await ledger.exportSnapshot())));
      const copy = await createTokenLedger({ store: createMemoryLedgerStore({ snapshot }) });
      // Assert
      expect(snapshot.journal.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(snapshot.journal[1]?.prevHash).toBe(snapshot.journal[0]?.hash);
      expect(copy.accounts()).toEqual(ledger.accounts());
      expect(copy.head()).toEqual(ledger.head());
      expect(await copy.verify()).toMatchObject({ ok: true, records: 4 });
    });

    it('should refuse to open a snapshot whose journal was altered', async () => {
      // Arrange
      const ledger = await ledgerWith('A');
      await fund(ledger, 'A', '10.00', U1);
      const snapshot = await ledger.exportSnapshot();
      const altered = {
        ...snapshot,
        journal: snapshot.journal.map((r) =>
          r.seq === 3 ? { ...r, body: r.body.replace('1000', '9000') } : r,
        ),
      };
      // Act
      const opening = createTokenLedger({ store: createMemoryLedgerStore({ snapshot: altered }) });
      // Assert
      await expect(opening).rejects.toMatchObject({ code: TokenErrorCodes.JOURNAL_CORRUPT });
      expect(() => parseLedgerSnapshot({ format: 'x' })).toThrow(
        expect.objectContaining({ code: TokenErrorCodes.INVALID_SNAPSHOT }),
      );
    });

    it('should refuse commands after close', async () => {
      const ledger = await ledgerWith('A');
      await ledger.close();
      await ledger.close();
      await expect(
        ledger.openAccount({ id: 'late', participant: 'B', currency: 'USD' }),
      ).rejects.toMatchObject({ code: TokenErrorCodes.CLOSED });
    });
  });
});

describe('commandResult', () => {
  it('should return what a replay returns, for applied and refused commands, and undefined for an unknown id', async () => {
    const store = createMemoryLedgerStore();
    const ledger = await createTokenLedger({ store });
    await ledger.openAccount({ id: 'open-A', participant: 'A', currency: 'USD' });
    await ledger.openAccount({ id: 'open-B', participant: 'B', currency: 'USD' });
    await fund(ledger, 'A', '10.00', U1);
    const refused = await ledger.transfer({ id: 't-big', from: 'A', to: 'B', amount: USD('99.00') });
    const applied = await ledger.transfer({ id: 't-ok', from: 'A', to: 'B', amount: USD('4.00') });
    expect(refused.status).toBe('rejected');
    expect(applied.status).toBe('applied');
    for (const id of ['t-big', 't-ok', `mint-${U1}`]) {
      const replay = await ledger.execute([
        id === 't-big'
          ? { kind: 'transfer', id, from: 'A', to: 'B', amount: USD('99.00') }
          : id === 't-ok'
            ? { kind: 'transfer', id, from: 'A', to: 'B', amount: USD('4.00') }
            : { kind: 'mint', id, participant: 'A', amount: USD('10.00'), uetr: U1 },
      ]);
      expect(ledger.commandResult(id)).toEqual(replay.results[0]);
    }
    expect(ledger.commandResult('t-big')).toMatchObject({ status: 'rejected', replayed: true });
    expect(ledger.commandResult('t-ok')).toMatchObject({ status: 'applied', replayed: true });
    expect(ledger.commandResult('never')).toBeUndefined();
    // A new process on the same store knows them too.
    const reopened = await createTokenLedger({ store });
    expect(reopened.commandResult('t-ok')).toEqual(ledger.commandResult('t-ok'));
    expect(reopened.commandResult('t-big')).toEqual(ledger.commandResult('t-big'));
    expect(reopened.commandResult('never')).toBeUndefined();
  });
});
