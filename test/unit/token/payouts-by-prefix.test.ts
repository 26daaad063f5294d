/**
 * `payoutsByPrefix` (the index of retried redeems) and the pipeline's `findPayout` on it: both answer
 * exactly as the scans they replace — every payout's id tested with `startsWith`, and findPayout's
 * former look-up of `#1` … `#64` then scan of the payouts in flight — including across a restart.
 */
import { type CurrencyCode, fromMinor } from 'deltran';
import { findPayout } from 'deltran/pipeline';
import {
  createMemoryLedgerStore,
  createTokenLedger,
  type LedgerCommand,
  type PayoutInstruction,
  type TokenLedger,
} from 'deltran/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const CURRENCIES = ['USD', 'AED'] as const satisfies readonly CurrencyCode[];
const uetr = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** findPayout as it was: the id, `#1` … `#64`, then the first payout in flight with the prefix. */
function findPayoutByScan(ledger: TokenLedger, base: string, currency?: CurrencyCode) {
  const direct = ledger.getPayout(base);
  if (direct !== undefined) return direct;
  for (let n = 1; n <= 64; n += 1) {
    const payout = ledger.getPayout(`${base}#${n}`);
    if (payout !== undefined) return payout;
  }
  return ledger.payoutsInFlight(currency).find((p) => p.id.startsWith(`${base}#`));
}

/** Every payout, from the ids the test redeemed (getPayout of each), filtered with startsWith. */
function byScan(ledger: TokenLedger, ids: readonly string[], prefix: string): PayoutInstruction[] {
  return ids
    .map((id) => ledger.getPayout(id))
    .filter((p): p is PayoutInstruction => p?.id.startsWith(prefix) === true);
}

async function funded(store = createMemoryLedgerStore()): Promise<TokenLedger> {
  const ledger = await createTokenLedger({ store });
  const setup: LedgerCommand[] = [];
  for (const [i, currency] of CURRENCIES.entries()) {
    const amount = fromMinor(1_000_000n, currency);
    setup.push({ kind: 'openAccount', id: `open-${currency}`, participant: 'A', currency });
    setup.push({ kind: 'mint', id: `mint-${currency}`, participant: 'A', amount, uetr: uetr(i) });
    setup.push({
      kind: 'recordBankEntries',
      id: `credit-${currency}`,
      entries: [
        {
          accountId: `RES-${currency}`,
          servicerReference: `S-${currency}`,
          entryReference: 'E',
          creditDebit: 'CRDT',
          status: 'BOOK',
          amount,
          bookingDate: '2026-12-01',
          uetr: uetr(i),
        },
      ],
    });
  }
  await ledger.execute(setup);
  return ledger;
}

describe('payoutsByPrefix', () => {
  it('should find retried redeems by their base id, in creation order, whatever their status', async () => {
    const ledger = await funded();
    expect(ledger.balance('A', 'USD')?.balance.minor).toBe(1_000_000n);
    const ids = ['redeem:x', 'redeem:x#2', 'redeem:y#1', 'redeem:x#1', 'redeem:x#1#1'];
    for (const [i, id] of ids.entries()) {
      const result = await ledger.redeem({
        id,
        participant: 'A',
        amount: fromMinor(10n, 'USD'),
        uetr: uetr(100 + i),
      });
      expect(result.status).toBe('applied');
    }
    await ledger.cancelPayout({ id: 'cancel', payoutId: 'redeem:x#2' });
    expect(ledger.payoutsByPrefix('redeem:x#').map((p) => [p.id, p.status])).toEqual([
      ['redeem:x#2', 'cancelled'],
      ['redeem:x#1', 'in-flight'],
      ['redeem:x#1#1', 'in-flight'],
    ]);
    expect(ledger.payoutsByPrefix('redeem:x#1#').map((p) => p.id)).toEqual(['redeem:x#1#1']);
    expect(ledger.payoutsByPrefix('redeem:').map((p) => p.id)).toEqual([
      'redeem:x',
      'redeem:x#2',
      'redeem:y#1',
      'redeem:x#1',
      'redeem:x#1#1',
    ]);
    expect(ledger.payoutsByPrefix('redeem:z#')).toEqual([]);
    expect(findPayout(ledger, 'redeem:y')?.id).toBe('redeem:y#1');
  });

  it('should answer as the scans it replaces, before and after a restart (seeded)', async () => {
    const op = fc.record({
      base: fc.constantFrom('redeem:a', 'redeem:b', 'redeem:a#1'),
      suffix: fc.oneof(
        fc.constant(''),
        fc.integer({ min: 0, max: 70 }).map((n) => `#${n}`),
        fc.constantFrom('#01', '#1#2', '#x', '#'),
      ),
      currency: fc.constantFrom(...CURRENCIES),
      cancel: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const store = createMemoryLedgerStore();
        let ledger = await funded(store);
        const ids: string[] = [];
        let n = 0;
        for (const { base, suffix, currency, cancel } of ops) {
          const id = `${base}${suffix}`;
          const amount = fromMinor(1n, currency);
          // The same id with another currency is a conflicting reuse: it throws and changes nothing.
          const result = await ledger
            .redeem({ id, participant: 'A', amount, uetr: uetr(1000 + n++) })
            .catch(() => undefined);
          if (result?.status === 'applied' && !ids.includes(id)) ids.push(id);
          if (cancel) await ledger.cancelPayout({ id: `cancel-${n}`, payoutId: id });
        }
        const check = (l: TokenLedger) => {
          for (const prefix of ['redeem:a#', 'redeem:b#', 'redeem:a#1#', 'redeem:', 'redeem:a#1', '#', '']) {
            expect(l.payoutsByPrefix(prefix)).toEqual(byScan(l, ids, prefix));
          }
          for (const base of ['redeem:a', 'redeem:b', 'redeem:a#1', 'redeem:c']) {
            for (const currency of [undefined, ...CURRENCIES]) {
              expect(findPayout(l, base, currency)).toEqual(findPayoutByScan(l, base, currency));
            }
          }
        };
        check(ledger);
        const snapshot = await ledger.exportSnapshot();
        await ledger.close();
        ledger = await createTokenLedger({ store: createMemoryLedgerStore({ snapshot }) });
        check(ledger);
        await ledger.close();
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
