/**
 * Properties of the bank feed and of settlement: replaying any prefix of a feed changes nothing, any
 * order of the same entries ends in the same state, and a settled netting result moves each account
 * by exactly its net (or moves nothing).
 */
import { type CurrencyCode, fromMinor } from 'deltran';
import { type BankEntry, createTokenLedger, type LedgerCommand, type TokenLedger } from 'deltran/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const PARTICIPANTS = ['A', 'B', 'C', 'D'] as const;
const uetr = (n: number) => `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Scenario {
  /** Mints and redeems the ledger knows before the feed arrives. */
  readonly setup: LedgerCommand[];
  /** The bank's booked entries: credits for mints, debits for payouts, and unexplained ones. */
  readonly feed: BankEntry[];
}

/** Mints (funded by the feed), a first credit that gives everyone tokens, payouts, stray entries. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    mints: fc.array(
      fc.record({
        to: fc.constantFrom(...PARTICIPANTS),
        minor: fc.bigInt({ min: 1n, max: 10_000n }),
        currency: fc.constantFrom<CurrencyCode>('USD', 'ILS'),
      }),
      { maxLength: 8 },
    ),
    payouts: fc.array(
      fc.record({ from: fc.constantFrom(...PARTICIPANTS), minor: fc.bigInt({ min: 1n, max: 1_000n }) }),
      { maxLength: 4 },
    ),
    strays: fc.array(fc.record({ credit: fc.boolean(), minor: fc.bigInt({ min: 1n, max: 500n }) }), {
      maxLength: 3,
    }),
  })
  .map(({ mints, payouts, strays }) => {
    const setup: LedgerCommand[] = [];
    const feed: BankEntry[] = [];
    let n = 0;
    const entry = (fields: Pick<BankEntry, 'creditDebit' | 'amount'> & Partial<BankEntry>): BankEntry => {
      n++;
      return {
        accountId: `RES-${fields.amount.currency}`,
        servicerReference: `S${n}`,
        entryReference: `E${n}`,
        status: 'BOOK',
        bookingDate: '2026-12-01',
        ...fields,
      };
    };
    for (const c of ['USD', 'ILS'] as const) {
      for (const p of PARTICIPANTS)
        setup.push({ kind: 'openAccount', id: `open-${c}-${p}`, participant: p, currency: c });
    }
    // Everyone starts with 1,000.00 xUSD so that payouts can be redeemed before their debit arrives.
    const seed = entry({ creditDebit: 'CRDT', amount: fromMinor(400_000n, 'USD'), uetr: uetr(0) });
    setup.push({ kind: 'recordBankEntries', id: 'seed-feed', entries: [seed] });
    setup.push({
      kind: 'mint',
      id: 'seed-mint',
      participant: 'A',
      amount: fromMinor(400_000n, 'USD'),
      uetr: uetr(0),
    });
    PARTICIPANTS.slice(1).forEach((p, i) => {
      setup.push({ kind: 'transfer', id: `seed-${i}`, from: 'A', to: p, amount: fromMinor(100_000n, 'USD') });
    });
    mints.forEach((mint, i) => {
      const amount = fromMinor(mint.minor, mint.currency);
      setup.push({ kind: 'mint', id: `mint-${i}`, participant: mint.to, amount, uetr: uetr(100 + i) });
      feed.push(entry({ creditDebit: 'CRDT', amount, uetr: uetr(100 + i) }));
    });
    payouts.forEach((payout, i) => {
      const amount = fromMinor(payout.minor, 'USD');
      setup.push({
        kind: 'redeem',
        id: `redeem-${i}`,
        participant: payout.from,
        amount,
        endToEndId: `PAYOUT-${i}`,
      });
      feed.push(entry({ creditDebit: 'DBIT', amount, endToEndId: `PAYOUT-${i}` }));
    });
    for (const stray of strays)
      feed.push(
        entry({ creditDebit: stray.credit ? 'CRDT' : 'DBIT', amount: fromMinor(stray.minor, 'USD') }),
      );
    return { setup, feed };
  });

async function ledgerFor(setup: readonly LedgerCommand[]): Promise<TokenLedger> {
  const ledger = await createTokenLedger();
  const result = await ledger.execute(setup);
  expect(result.status).toBe('applied');
  return ledger;
}

/** Feeds entries one per command, ids by entry, then resolves every open break (sorted). */
async function deliver(ledger: TokenLedger, entries: readonly BankEntry[]): Promise<void> {
  for (const entry of entries) {
    await ledger.recordBankEntries({ id: `feed-${entry.servicerReference}`, entries: [entry] });
  }
  for (const open of ledger.breaks().sort((a, b) => (a.id < b.id ? -1 : 1))) {
    await ledger.resolveBreak({
      id: `fix-${open.id}`,
      breakId: open.id,
      action: 'accept',
      note: 'explained',
    });
  }
}

/** Everything but the journal's hashes (which record the order). */
function stateOf(ledger: TokenLedger, scenarioValue: Scenario): unknown {
  return {
    accounts: ledger.accounts(),
    mints: scenarioValue.setup.filter((c) => c.kind === 'mint').map((c) => ledger.getMint(c.id)),
    payouts: scenarioValue.setup.filter((c) => c.kind === 'redeem').map((c) => ledger.getPayout(c.id)),
    entries: scenarioValue.feed.map((e) => ledger.getBankEntry(`${e.servicerReference}/${e.entryReference}`)),
    breaks: ledger.breaks({ status: 'all' }).sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

describe('token ledger bank feed', () => {
  describe('properties', () => {
    it('should mint every funded mint and confirm every payout once the feed is in', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (value) => {
          // Arrange
          const ledger = await ledgerFor(value.setup);
          // Act
          await deliver(ledger, value.feed);
          // Assert
          for (const command of value.setup) {
            if (command.kind === 'mint') expect(ledger.getMint(command.id)?.status).toBe('minted');
            if (command.kind === 'redeem') expect(ledger.getPayout(command.id)?.status).toBe('confirmed');
          }
        }),
        { numRuns: 30 },
      );
    });

    it('should change nothing when any prefix of the feed is replayed, whole or in pieces', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, fc.nat(), fc.nat({ max: 3 }), async (value, cut, pieces) => {
          // Arrange
          const ledger = await ledgerFor(value.setup);
          await deliver(ledger, value.feed);
          const before = stateOf(ledger, value);
          const prefix = value.feed.slice(0, value.feed.length === 0 ? 0 : cut % (value.feed.length + 1));
          // Act: the prefix again, under new command ids, in 1 to 4 commands
          const size = Math.max(1, Math.ceil(prefix.length / (pieces + 1)));
          for (let i = 0; i < prefix.length; i += size) {
            const result = await ledger.recordBankEntries({
              id: `replay-${i}`,
              entries: prefix.slice(i, i + size),
            });
            expect(result.entries?.every((e) => e.status === 'duplicate')).toBe(true);
          }
          // Assert
          expect(stateOf(ledger, value)).toEqual(before);
        }),
        { numRuns: 50 },
      );
    });

    it('should end in the same state whatever the order of the same bank entries', async () => {
      await fc.assert(
        fc.asyncProperty(
          scenario.chain((value) =>
            fc.tuple(fc.constant(value), fc.shuffledSubarray(value.feed, { minLength: value.feed.length })),
          ),
          async ([value, shuffled]) => {
            // Arrange
            const inOrder = await ledgerFor(value.setup);
            const reordered = await ledgerFor(value.setup);
            // Act
            await deliver(inOrder, value.feed);
            await deliver(reordered, shuffled);
            // Assert
            expect(stateOf(reordered, value)).toEqual(stateOf(inOrder, value));
            expect(reordered.position('USD').balanced).toBe(true);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('should move each account by exactly its net when settling, or move nothing', async () => {
      const legs = fc.array(
        fc
          .record({
            from: fc.constantFrom(...PARTICIPANTS),
            to: fc.constantFrom(...PARTICIPANTS),
            minor: fc.bigInt({ min: 1n, max: 150_000n }),
          })
          .filter((l) => l.from !== l.to),
        { maxLength: 40 },
      );
      await fc.assert(
        fc.asyncProperty(scenario, legs, async (value, instructions) => {
          // Arrange
          const ledger = await ledgerFor(value.setup);
          const before = new Map(PARTICIPANTS.map((p) => [p, ledger.balance(p, 'USD')?.balance.minor ?? 0n]));
          const expected = new Map(before);
          for (const leg of instructions) {
            expected.set(leg.from, (expected.get(leg.from) ?? 0n) - leg.minor);
            expected.set(leg.to, (expected.get(leg.to) ?? 0n) + leg.minor);
          }
          const feasible = [...expected.values()].every((minor) => minor >= 0n);
          // Act
          const result = await ledger.settleBatch({
            id: 'window',
            instructions: instructions.map((leg) => ({
              from: leg.from,
              to: leg.to,
              currency: 'USD',
              amount: fromMinor(leg.minor, 'USD'),
            })),
          });
          // Assert
          expect(result.status).toBe(feasible ? 'applied' : 'rejected');
          for (const p of PARTICIPANTS) {
            expect(ledger.balance(p, 'USD')?.balance.minor).toBe(feasible ? expected.get(p) : before.get(p));
          }
          expect(ledger.position('USD').balanced).toBe(true);
        }),
        { numRuns: 80 },
      );
    });
  });
});
