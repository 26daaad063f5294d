/**
 * Properties of routing (issue 7): conversions never create or lose a minor unit beyond the stated
 * rounding and always reconcile; scores stay in range; more liquidity never lowers the liquidity score;
 * adding a cheaper corridor never makes the best chain deliver less, whatever the liquidity (the path
 * search's exactness itself is checked against brute force in path-oracle.test.ts).
 */

import {
  type CurrencyCode,
  currencyExponent,
  Decimal,
  fromDecimal,
  fromMinor,
  type Money,
  toDecimal,
} from 'deltran';
import {
  type BankProfile,
  createRegistry,
  type FxQuote,
  findBestPath,
  type RouteCandidate,
  selectRoute,
} from 'deltran/routing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOW } from './_registry';

// Exponents 0, 2 and 3 so that conversions cross minor-unit scales both ways.
const CURRENCIES = ['EUR', 'USD', 'JPY', 'KWD', 'GBP', 'CHF'] as const satisfies readonly CurrencyCode[];

const decimalText = (units: bigint, scale: number): string => {
  const text = units.toString().padStart(scale + 1, '0');
  return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
};

const rateArbitrary = fc
  .record({
    units: fc.bigInt({ min: 1n, max: 99_999_999n }),
    scale: fc.integer({ min: 0, max: 6 }),
    spread: fc.bigInt({ min: 0n, max: 5_000n }),
  })
  .map(({ units, scale, spread }) => ({
    bid: decimalText(units, scale),
    ask: decimalText(units + spread, scale),
  }));

const bankArbitrary = fc.record({
  fixed: fc.bigInt({ min: 0n, max: 2_000n }),
  basisPoints: fc.integer({ min: 0, max: 500 }).map((tenths) => (tenths / 10).toFixed(1)),
  spread: fc.integer({ min: 0, max: 1_000 }).map((tenths) => (tenths / 10).toFixed(1)),
});

/** A bank's liquidity in minor units: m · 10^d from 0 up to about 10^15 (tight to ample), or undefined (10^18 − 1). */
const liquidityArbitrary = fc.option(
  fc
    .tuple(fc.bigInt({ min: 0n, max: 9n }), fc.integer({ min: 0, max: 15 }))
    .map(([m, d]) => m * 10n ** BigInt(d)),
  { freq: 4 },
);

function bank(
  bic: string,
  currencies: readonly CurrencyCode[],
  fees: { fixed: bigint; basisPoints: string; spread: string },
  liquidity?: Money | readonly Money[],
): BankProfile {
  const pool: Record<string, string | Money> = {};
  // 18 digits, the most an ISO 20022 amount can carry.
  for (const code of currencies) pool[code] = fromMinor(10n ** 18n - 1n, code);
  for (const given of liquidity === undefined ? [] : Array.isArray(liquidity) ? liquidity : [liquidity])
    pool[given.currency] = given;
  return {
    bic,
    currencies,
    liquidity: pool,
    sla: { medianMinutes: 10, successRate: 0.99 },
    fees: {
      fixed: { [currencies[0] as string]: fromMinor(fees.fixed, currencies[0] as CurrencyCode) },
      basisPoints: fees.basisPoints,
    },
    fxSpreadBasisPoints: fees.spread,
    timeZone: 'UTC',
    operatingDays: [1, 2, 3, 4, 5, 6, 7],
  };
}

/** The value in source minor units of one minor unit of `currency`, rounded up, through the hops' mids. */
function oneUnitInSource(candidate: RouteCandidate, hopIndex: number): bigint {
  let value = new Decimal(1).div(10 ** currencyExponent(candidate.hops[hopIndex]!.to));
  for (let k = hopIndex; k >= 0; k--) value = value.div(candidate.hops[k]!.midRate);
  return BigInt(
    value
      .times(10 ** currencyExponent(candidate.corridor.from))
      .ceil()
      .toFixed(),
  );
}

/** The smallest of some bigints (Math.min does not take them). */
function smallest(values: readonly bigint[]): bigint {
  let low = values[0] as bigint;
  for (const v of values) if (v < low) low = v;
  return low;
}

function checkReconciles(candidate: RouteCandidate): void {
  const c = candidate.expectedCost;
  expect(c.debited.minor).toBe(c.receivedValue.minor + c.fees.minor + c.spread.minor + c.rounding.minor);
  expect(c.total.minor).toBe(c.fees.minor + c.spread.minor + c.rounding.minor);
  // Each conversion loses less than one minor unit of its target; valuing three lines half-even adds ≤ 1.5.
  let bound = 2n;
  candidate.hops.forEach((_, k) => {
    bound += oneUnitInSource(candidate, k) + 1n;
  });
  expect(c.rounding.minor <= bound && -c.rounding.minor <= bound).toBe(true);
  for (let k = 1; k < candidate.hops.length; k++)
    expect(candidate.hops[k]!.amountIn).toEqual(candidate.hops[k - 1]!.amountOut);
}

describe('properties', () => {
  it('should convert exactly as Decimal with the stated rounding, and reconcile to the minor unit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...CURRENCIES),
        rateArbitrary,
        bankArbitrary,
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        fc.constantFrom('down' as const, 'halfEven' as const, 'up' as const),
        fc.constantFrom('deduct' as const, 'billed' as const),
        (source, target, rate, fees, minor, conversionRounding, charges) => {
          fc.pre(source !== target);
          // Arrange
          const registry = createRegistry({
            banks: [bank('DEUTDEFFXXX', [source, target], fees)],
            corridors: [{ from: source, to: target }],
            rates: [{ base: source, quote: target, ...rate, timestamp: NOW }],
          });
          const amount = fromMinor(minor, source);

          // Act
          const selection = selectRoute(
            { reference: 'p', amount, targetCurrency: target, charges },
            registry,
            { now: NOW, conversionRounding },
          );

          // Assert
          const best = selection.best;
          if (best === undefined) {
            // Only two honest reasons: the fees take the amount, or the conversion exceeds the bank's pool
            const [reason] = selection.excluded.map((e) => e.reason);
            expect(['FEES_EXCEED_AMOUNT', 'INSUFFICIENT_LIQUIDITY']).toContain(reason);
            return;
          }
          const hop = best.hops[0]!;
          const factor = new Decimal(1).minus(new Decimal(fees.spread).div(10_000));
          const exact = toDecimal(hop.principal).times(rate.bid).times(factor);
          expect(hop.amountOut).toEqual(fromDecimal(exact, target, conversionRounding));
          const feeExact = toDecimal(amount).times(fees.basisPoints).div(10_000);
          expect(hop.percentageFee).toEqual(fromDecimal(feeExact, source, 'halfUp'));
          const delivered = toDecimal(hop.amountOut);
          const lost = exact
            .minus(delivered)
            .abs()
            .times(10 ** currencyExponent(target));
          expect(lost.lt(1)).toBe(true);
          checkReconciles(best);
        },
      ),
    );
  });

  it('should reconcile multi-hop routes hop by hop', () => {
    fc.assert(
      fc.property(
        fc.array(rateArbitrary, { minLength: 3, maxLength: 3 }),
        fc.array(bankArbitrary, { minLength: 3, maxLength: 3 }),
        fc.bigInt({ min: 1_000n, max: 10n ** 12n }),
        (rates, fees, minor) => {
          // Arrange: EUR → JPY → KWD → USD, one bank per hop, no shortcut
          const chain = ['EUR', 'JPY', 'KWD', 'USD'] as const;
          const quotes: FxQuote[] = rates.map((rate, k) => ({
            base: chain[k]!,
            quote: chain[k + 1]!,
            ...rate,
            timestamp: NOW,
          }));
          const registry = createRegistry({
            banks: fees.map((f, k) => bank(`BNK${'ABC'[k]}DEFFXXX`, [chain[k]!, chain[k + 1]!], f)),
            corridors: quotes.map((q) => ({ from: q.base, to: q.quote })),
            rates: quotes,
          });

          // Act
          const result = findBestPath(
            { reference: 'm', amount: fromMinor(minor, 'EUR'), targetCurrency: 'USD' },
            registry,
            { now: NOW },
          );

          // Assert
          if (result.best === undefined) return;
          expect(result.best.hops).toHaveLength(3);
          checkReconciles(result.best);
        },
      ),
    );
  });

  it('should keep every score in [0, 100]', () => {
    fc.assert(
      fc.property(
        fc.array(bankArbitrary, { minLength: 1, maxLength: 5 }),
        rateArbitrary,
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        fc.bigInt({ min: 0n, max: 10n ** 11n }),
        (banks, rate, minor, liquidity) => {
          // Arrange
          const registry = createRegistry({
            banks: banks.map((f, i) =>
              bank(`BNK${'ABCDE'[i]}DEFFXXX`, ['EUR', 'USD'], f, fromMinor(liquidity + BigInt(i), 'USD')),
            ),
            corridors: [{ from: 'EUR', to: 'USD' }],
            rates: [{ base: 'EUR', quote: 'USD', ...rate, timestamp: NOW }],
          });

          // Act
          const selection = selectRoute(
            { reference: 's', amount: fromMinor(minor, 'EUR'), targetCurrency: 'USD' },
            registry,
            { now: NOW },
          );

          // Assert
          for (const candidate of selection.candidates) {
            for (const value of [
              candidate.score.liquidityScore,
              candidate.score.slaScore,
              candidate.score.costScore,
              candidate.score.totalScore,
            ]) {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(100);
            }
          }
          expect(selection.candidates.length + selection.excluded.length).toBe(banks.length);
        },
      ),
    );
  });

  it('should never lower the liquidity score when liquidity grows', () => {
    fc.assert(
      fc.property(
        bankArbitrary,
        rateArbitrary,
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (fees, rate, minor, liquidity, more) => {
          // Arrange
          const build = (usd: bigint) =>
            createRegistry({
              banks: [bank('DEUTDEFFXXX', ['EUR', 'USD'], fees, fromMinor(usd, 'USD'))],
              corridors: [{ from: 'EUR', to: 'USD' }],
              rates: [{ base: 'EUR', quote: 'USD', ...rate, timestamp: NOW }],
            });
          const request = { reference: 'l', amount: fromMinor(minor, 'EUR'), targetCurrency: 'USD' };

          // Act
          const less = selectRoute(request, build(liquidity), { now: NOW }).best;
          const richer = selectRoute(request, build(liquidity + more), { now: NOW }).best;

          // Assert: feasible stays feasible, and the score does not fall
          if (less === undefined) return;
          expect(richer).toBeDefined();
          expect(richer!.score.liquidityScore).toBeGreaterThanOrEqual(less.score.liquidityScore);
        },
      ),
    );
  });

  it('should never make the best chain deliver less when a cheaper corridor is added, whatever the liquidity', () => {
    // The search is exact, so this holds for any liquidity: the new bank and corridor only add choices
    // (no existing bank, liquidity or rate changes), so every chain feasible before is feasible after and
    // the most received cannot fall. Asserted: findBestPath's best amount received after ≥ before, and a
    // request with a chain before has one after; neither search is truncated.
    const pair = fc
      .tuple(fc.constantFrom(...CURRENCIES), fc.constantFrom(...CURRENCIES))
      .filter(([a, b]) => a !== b);
    const pools = fc.tuple(liquidityArbitrary, liquidityArbitrary);
    fc.assert(
      fc.property(
        fc.uniqueArray(pair, { minLength: 1, maxLength: 10, selector: ([a, b]) => [a, b].sort().join() }),
        fc.array(rateArbitrary, { minLength: 11, maxLength: 11 }),
        bankArbitrary,
        fc.array(pools, { minLength: 11, maxLength: 11 }),
        pair,
        fc.bigInt({ min: 10_000n, max: 10n ** 11n }),
        (pairs, rates, fees, liquidity, [from, to], minor) => {
          // Arrange: each bank's pool in each of its currencies from none through tight to ample
          const pool = (k: number, codes: readonly CurrencyCode[]): Money[] =>
            codes.flatMap((code, side) => {
              const units = liquidity[k]![side];
              return units === null || units === undefined ? [] : [fromMinor(units, code)];
            });
          const quotes: FxQuote[] = pairs.map(([base, quote], k) => ({
            base,
            quote,
            ...rates[k]!,
            timestamp: NOW,
          }));
          const banks = pairs.map(([a, b], k) =>
            bank(`BK${String.fromCharCode(65 + k)}ADEFFXXX`, [a, b], fees, pool(k, [a, b])),
          );
          const corridors = pairs.flatMap(([a, b]) => [
            { from: a, to: b },
            { from: b, to: a },
          ]);
          const before = createRegistry({ banks, corridors, rates: quotes });
          // The new corridor: a bank without fees or spread on from → to, at the market rate the table
          // already has for the pair (a quote is added only for a pair that has none, so no rate changes),
          // with its own random pools.
          const cheaper = bank(
            'ZZZZDEFFXXX',
            [from, to],
            { fixed: 0n, basisPoints: '0.0', spread: '0.0' },
            pool(10, [from, to]),
          );
          const quoted = quotes.some(
            (q) => (q.base === from && q.quote === to) || (q.base === to && q.quote === from),
          );
          const after = createRegistry({
            banks: [...banks, cheaper],
            corridors: [...corridors.filter((c) => !(c.from === from && c.to === to)), { from, to }],
            rates: quoted ? quotes : [...quotes, { base: from, quote: to, ...rates[10]!, timestamp: NOW }],
          });
          const request = { reference: 'c', amount: fromMinor(minor, CURRENCIES[0]), targetCurrency: 'USD' };

          // Act
          const resultBefore = findBestPath(request, before, { now: NOW });
          const resultAfter = findBestPath(request, after, { now: NOW });

          // Assert
          expect(resultBefore.truncated || resultAfter.truncated).toBe(false);
          const bestBefore = resultBefore.best;
          if (bestBefore === undefined) return;
          expect(resultAfter.best).toBeDefined();
          expect(resultAfter.best!.amountReceived.minor).toBeGreaterThanOrEqual(
            bestBefore.amountReceived.minor,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('should never lower the best score or raise the lowest cost when a cheaper bank joins the corridor', () => {
    fc.assert(
      fc.property(
        fc.array(bankArbitrary, { minLength: 1, maxLength: 5 }),
        bankArbitrary,
        rateArbitrary,
        fc.bigInt({ min: 10_000n, max: 10n ** 11n }),
        (banks, extra, rate, minor) => {
          // Arrange: the newcomer charges no more than the cheapest incumbent on every fee
          const input = {
            banks: banks.map((f, i) => bank(`BNK${'ABCDE'[i]}DEFFXXX`, ['EUR', 'USD'], f)),
            corridors: [{ from: 'EUR', to: 'USD' }],
            rates: [{ base: 'EUR', quote: 'USD', ...rate, timestamp: NOW }],
          };
          const cheapest = (key: 'basisPoints' | 'spread') =>
            Math.min(...banks.map((b) => Number(b[key]))).toFixed(1);
          const newcomer = bank('ZZZZDEFFXXX', ['EUR', 'USD'], {
            fixed: smallest([extra.fixed, ...banks.map((b) => b.fixed)]),
            basisPoints: cheapest('basisPoints'),
            spread: cheapest('spread'),
          });
          const request = { reference: 'd', amount: fromMinor(minor, 'EUR'), targetCurrency: 'USD' };
          const lowestCost = (candidates: readonly RouteCandidate[]) =>
            smallest(candidates.map((c) => c.expectedCost.total.minor));

          // Act
          const before = selectRoute(request, createRegistry(input), { now: NOW });
          const after = selectRoute(
            request,
            createRegistry({ ...input, banks: [...input.banks, newcomer] }),
            { now: NOW },
          );

          // Assert
          if (before.best === undefined) return;
          expect(after.best!.score.totalScore).toBeGreaterThanOrEqual(before.best.score.totalScore);
          expect(lowestCost(after.candidates)).toBeLessThanOrEqual(lowestCost(before.candidates));
        },
      ),
    );
  });
});
