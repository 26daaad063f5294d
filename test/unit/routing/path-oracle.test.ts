/**
 * The multi-hop search against a brute-force oracle: on small random registries (3–5 currencies, 1–4
 * banks, quotes in either or both directions, some stale, some banks past their cut-off, liquidity from
 * none through tight to ample), `findBestPath` must equal the exhaustive enumeration of every simple
 * chain of currencies × every choice of bank at every hop, evaluated independently here with decimal.js
 * and core's `fromDecimal` from the documented rules (STYLE.md §6: a differential test).
 */

import { type CurrencyCode, Decimal, fromDecimal, fromMinor, type RoundingMode, toDecimal } from 'deltran';
import {
  type BankProfile,
  type Corridor,
  createRegistry,
  type FxQuote,
  findBestPath,
  selectRoute,
} from 'deltran/routing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOW, NOW_MS } from './_registry';

// Exponents 2, 2, 0, 3, 2: conversions cross minor-unit scales both ways.
const POOL = ['EUR', 'USD', 'JPY', 'KWD', 'GBP'] as const satisfies readonly CurrencyCode[];
const STALE = NOW_MS - 10 * 60_000;
/** Truncating decimal.js for 1 / ask: truncation at 80 digits, then at 12, is truncation at 12. */
const Down = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_DOWN });

interface OracleBank {
  readonly bic: string;
  readonly currencies: ReadonlySet<string>;
  readonly liquidity: ReadonlyMap<string, bigint>;
  readonly fixed: ReadonlyMap<string, bigint>;
  readonly basisPoints: string;
  readonly spread: string;
  readonly open: boolean;
}

interface Options {
  readonly deduct: boolean;
  readonly fee: RoundingMode;
  readonly conversion: RoundingMode;
}

/** The rate from → to as the registry documents it: the direct quote's bid, else 1 / ask rounded down to 12 digits. */
function rateOf(
  quotes: readonly FxQuote[],
  from: string,
  to: string,
): { rate: string; fresh: boolean } | undefined {
  const direct = quotes.find((q) => q.base === from && q.quote === to);
  if (direct !== undefined) return { rate: direct.bid, fresh: direct.timestamp !== STALE };
  const opposite = quotes.find((q) => q.base === to && q.quote === from);
  if (opposite === undefined) return undefined;
  const inverse = new Down(1).div(opposite.ask).toSignificantDigits(12, Decimal.ROUND_DOWN).toFixed();
  return { rate: inverse, fresh: opposite.timestamp !== STALE };
}

/** One hop at `bank`, or undefined when the fees take the amount, nothing is passed on, or liquidity is short. */
function hop(
  bank: OracleBank,
  from: CurrencyCode,
  to: CurrencyCode,
  rate: string,
  input: bigint,
  o: Options,
) {
  const percentage = fromDecimal(
    toDecimal(fromMinor(input, from)).times(bank.basisPoints).div(10_000),
    from,
    o.fee,
  ).minor;
  const principal = o.deduct ? input - (bank.fixed.get(from) ?? 0n) - percentage : input;
  if (principal <= 0n) return undefined;
  const factor = new Decimal(1).minus(new Decimal(bank.spread).div(10_000));
  const out = fromDecimal(
    toDecimal(fromMinor(principal, from)).times(rate).times(factor),
    to,
    o.conversion,
  ).minor;
  if (out <= 0n || out > (bank.liquidity.get(to) ?? 0n)) return undefined;
  return out;
}

interface Assignment {
  readonly banks: readonly string[];
  /** Amount after each hop. */
  readonly amounts: readonly bigint[];
}

/** The documented order within one chain of currencies: more received, then more at the hops before (last first), then BICs. */
function better(a: Assignment, b: Assignment): boolean {
  for (let k = a.amounts.length - 1; k >= 0; k--)
    if (a.amounts[k] !== b.amounts[k]) return (a.amounts[k] as bigint) > (b.amounts[k] as bigint);
  for (let k = 0; k < a.banks.length; k++)
    if (a.banks[k] !== b.banks[k]) return (a.banks[k] as string) < (b.banks[k] as string);
  return false;
}

/**
 * Every simple chain source → target of 1 … maxHops conversions, with its best bank assignment; every
 * amount a feasible hop passes on is added to `carried` (per currency) when given.
 */
function enumerate(
  banks: readonly OracleBank[],
  corridors: readonly Corridor[],
  quotes: readonly FxQuote[],
  source: CurrencyCode,
  target: CurrencyCode,
  amount: bigint,
  maxHops: number,
  o: Options,
  carried?: Map<string, Set<bigint>>,
): Map<string, Assignment> {
  const best = new Map<string, Assignment>();
  const walk = (path: CurrencyCode[]): void => {
    const at = path[path.length - 1] as CurrencyCode;
    if (at === target) {
      // Every bank choice on this chain.
      const choose = (k: number, input: bigint, chosen: string[], amounts: bigint[]): void => {
        if (k === path.length - 1) {
          const candidate = { banks: [...chosen], amounts: [...amounts] };
          const key = path.join('>');
          const known = best.get(key);
          if (known === undefined || better(candidate, known)) best.set(key, candidate);
          return;
        }
        const from = path[k] as CurrencyCode;
        const to = path[k + 1] as CurrencyCode;
        const rate = rateOf(quotes, from, to);
        if (rate === undefined || !rate.fresh) return;
        for (const bank of banks) {
          if (!bank.open || !bank.currencies.has(from) || !bank.currencies.has(to)) continue;
          const out = hop(bank, from, to, rate.rate, input, o);
          if (out === undefined) continue;
          carried?.get(to)?.add(out);
          choose(k + 1, out, [...chosen, bank.bic], [...amounts, out]);
        }
      };
      choose(0, amount, [], []);
      return;
    }
    if (path.length > maxHops) return;
    for (const c of corridors) {
      if (c.from !== at || path.includes(c.to as CurrencyCode)) continue;
      walk([...path, c.to as CurrencyCode]);
    }
  };
  walk([source]);
  return best;
}

/**
 * Liquidity of one bank in one currency: mostly one of the amounts that chains actually carry into that
 * currency (`pick` in [0, 1) over them, sorted), offset by −1, 0 or +1 minor unit, so that liquidity
 * falls between the amounts that competing banks pass on; else none, or ample.
 */
const liquidityChoice = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('carried' as const),
      pick: fc.integer({ min: 0, max: 999 }),
      offset: fc.constantFrom(-1n, 0n, 1n),
    }),
    weight: 7,
  },
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'ample' as const }), weight: 2 },
);

const registryArbitrary = fc.constantFrom(3, 3, 4, 4, 5).chain((n) => {
  const currencies = POOL.slice(0, n);
  const pairs = currencies.flatMap((a) => currencies.filter((b) => b !== a).map((b) => [a, b] as const));
  // Bid and ask in ten-thousandths, 0.8000 to 1.2500.
  const rate = fc
    .integer({ min: 8_000, max: 12_500 })
    .chain((bid) => fc.record({ bid: fc.constant(bid), ask: fc.integer({ min: bid, max: bid + 300 }) }));
  const bank = fc.record({
    held: fc.subarray([...currencies], { minLength: n - 1 }),
    liquidity: fc.array(liquidityChoice, { minLength: n, maxLength: n }),
    fixed: fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 3_000n })), {
      minLength: n,
      maxLength: n,
    }),
    basisPoints: fc.integer({ min: 0, max: 500 }).map((tenths) => (tenths / 10).toFixed(1)),
    spread: fc.integer({ min: 0, max: 1_500 }).map((tenths) => (tenths / 10).toFixed(1)),
    open: fc.integer({ min: 0, max: 7 }).map((k) => k > 0),
  });
  return fc.record({
    currencies: fc.constant(currencies),
    pairs: fc.constant(pairs),
    corridors: fc.subarray(pairs, { minLength: Math.ceil(pairs.length / 2) }),
    // Per ordered pair: a quote (3 in 4) or none; 1 quote in 10 stale.
    quotes: fc.array(
      fc.record({
        present: fc.integer({ min: 0, max: 3 }),
        rate,
        stale: fc.integer({ min: 0, max: 9 }),
      }),
      { minLength: pairs.length, maxLength: pairs.length },
    ),
    banks: fc.array(bank, { minLength: 3, maxLength: n === 5 ? 4 : 5 }),
    // A bank that joins the registry in the monotonicity property.
    newcomer: bank,
    target: fc.integer({ min: 1, max: n - 1 }),
    amount: fc.bigInt({ min: 100_000n, max: 10_000_000n }),
    maxHops: fc.integer({ min: 1, max: n === 5 ? 4 : 3 }),
    deduct: fc.boolean(),
    fee: fc.constantFrom<RoundingMode>('halfUp', 'down', 'up'),
    conversion: fc.constantFrom<RoundingMode>('down', 'halfEven', 'up'),
  });
});

type Generated = typeof registryArbitrary extends fc.Arbitrary<infer T> ? T : never;
type GeneratedBank = Generated['banks'][number];

const AMPLE = 10n ** 15n;

/** The registry of a generated case (with `extra` banks appended), its oracle view, and the request. */
function arrange(g: Generated, extra: readonly GeneratedBank[] = []) {
  const source = g.currencies[0] as CurrencyCode;
  const target = g.currencies[g.target] as CurrencyCode;
  const quotes: FxQuote[] = [];
  g.pairs.forEach(([base, quote], k) => {
    const q = g.quotes[k]!;
    if (q.present === 0) return;
    quotes.push({
      base,
      quote,
      bid: (q.rate.bid / 10_000).toFixed(4),
      ask: (q.rate.ask / 10_000).toFixed(4),
      timestamp: q.stale === 0 ? STALE : NOW_MS,
    });
  });
  const corridors: Corridor[] = g.corridors.map(([from, to]) => ({ from, to }));
  const options: Options = { deduct: g.deduct, fee: g.fee, conversion: g.conversion };
  const generated = [...g.banks, ...extra];
  const oracleBank = (i: number, liquidity: ReadonlyMap<string, bigint>): OracleBank => {
    const b = generated[i]!;
    const fixed = new Map<string, bigint>();
    g.currencies.forEach((c, k) => {
      if (b.held.includes(c)) fixed.set(c, b.fixed[k]!);
    });
    return {
      bic: `BK${'ABCDEF'[i]}XDEFFXXX`,
      currencies: new Set(b.held),
      liquidity,
      fixed,
      basisPoints: b.basisPoints,
      spread: b.spread,
      open: b.open,
    };
  };
  // Every amount carried into each currency by the generated banks (not the extra ones) when
  // liquidity is ample …
  const carried = new Map<string, Set<bigint>>(g.currencies.map((c) => [c, new Set<bigint>()]));
  const ample = g.banks.map((b, i) => oracleBank(i, new Map(b.held.map((c) => [c, AMPLE]))));
  enumerate(ample, corridors, quotes, source, target, g.amount, g.maxHops, options, carried);
  // … and each bank's liquidity drawn among them.
  const oracleBanks = generated.map((b, i) => {
    const liquidity = new Map<string, bigint>();
    g.currencies.forEach((c, k) => {
      if (!b.held.includes(c)) return;
      const choice = b.liquidity[k]!;
      const amounts = [...carried.get(c)!].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      if (choice.kind === 'ample' || (choice.kind === 'carried' && amounts.length === 0))
        liquidity.set(c, AMPLE);
      else if (choice.kind === 'carried') {
        const at = amounts[Math.floor((choice.pick * amounts.length) / 1000)]! + choice.offset;
        liquidity.set(c, at < 0n ? 0n : at);
      }
    });
    return oracleBank(i, liquidity);
  });
  const profiles: BankProfile[] = oracleBanks.map((bank, i) => ({
    bic: bank.bic,
    currencies: [...bank.currencies],
    liquidity: Object.fromEntries([...bank.liquidity].map(([c, v]) => [c, fromMinor(v, c as CurrencyCode)])),
    sla: { medianMinutes: 10 + i, successRate: 0.99 },
    fees: {
      fixed: Object.fromEntries([...bank.fixed].map(([c, v]) => [c, fromMinor(v, c as CurrencyCode)])),
      basisPoints: bank.basisPoints,
    },
    fxSpreadBasisPoints: bank.spread,
    timeZone: 'UTC',
    operatingDays: [1, 2, 3, 4, 5, 6, 7],
    ...(bank.open ? {} : { cutOffs: [{ time: '00:00' }] }),
  }));
  return {
    source,
    target,
    quotes,
    corridors,
    options,
    oracleBanks,
    registry: createRegistry({ banks: profiles, corridors, rates: quotes }),
    request: {
      reference: 'o',
      amount: fromMinor(g.amount, source),
      targetCurrency: target,
      charges: g.deduct ? ('deduct' as const) : ('billed' as const),
    },
    routeOptions: { now: NOW, maxHops: g.maxHops, feeRounding: g.fee, conversionRounding: g.conversion },
  };
}

const descending = (a: bigint, b: bigint): number => (a > b ? -1 : a < b ? 1 : 0);

describe('findBestPath against exhaustive enumeration', () => {
  it('should deliver exactly what the best of all simple chains × all bank choices delivers', () => {
    fc.assert(
      fc.property(registryArbitrary, (g) => {
        // Arrange
        const { source, target, quotes, corridors, options, oracleBanks, registry, request, routeOptions } =
          arrange(g);

        // Act
        const result = findBestPath(request, registry, routeOptions);
        const compare = selectRoute(request, registry, { ...routeOptions, multiHop: 'compare' });
        const oracle = enumerate(
          oracleBanks,
          corridors,
          quotes,
          source,
          target,
          g.amount,
          g.maxHops,
          options,
        );

        // Assert: the best amount, the five best chains of currencies, and each one's bank choice
        const finals = (min: number) =>
          [...oracle]
            .filter(([key]) => key.split('>').length - 1 >= min)
            .map(([, a]) => a.amounts[a.amounts.length - 1] as bigint)
            .sort(descending)
            .slice(0, 5);
        expect(result.truncated).toBe(false);
        expect(result.best?.amountReceived.minor).toBe(finals(1)[0]);
        expect(result.candidates.map((c) => c.amountReceived.minor)).toEqual(finals(1));
        for (const candidate of result.candidates) {
          const key = [candidate.corridor.from, ...candidate.hops.map((h) => h.to)].join('>');
          expect(candidate.banks).toEqual(oracle.get(key)?.banks);
        }
        // selectRoute ranks by score: the same chains, compared by amount
        const chains = compare.candidates
          .filter((c) => c.kind === 'multiHop')
          .map((c) => c.amountReceived.minor);
        expect(chains.sort(descending)).toEqual(g.maxHops >= 2 ? finals(2) : []);
      }),
      { numRuns: 500 },
    );
  });

  it('should never deliver less when a bank joins, whatever the liquidity', () => {
    // The "adding a cheaper corridor never makes the best route worse", on registries where
    // liquidity sits between the amounts competing banks pass on: a bank that joins (any fees, any
    // currencies, liquidity drawn the same way) only adds choices, so the best amount received cannot
    // fall and a request with a chain keeps one. A search that takes the bank passing on the most at
    // each hop breaks this when the newcomer passes on more than a later bank can take.
    fc.assert(
      fc.property(registryArbitrary, (g) => {
        // Arrange
        const before = arrange(g);
        const after = arrange(g, [g.newcomer]);

        // Act
        const resultBefore = findBestPath(before.request, before.registry, before.routeOptions);
        const resultAfter = findBestPath(after.request, after.registry, after.routeOptions);

        // Assert
        expect(resultBefore.truncated || resultAfter.truncated).toBe(false);
        if (resultBefore.best === undefined) return;
        expect(resultAfter.best).toBeDefined();
        expect(resultAfter.best!.amountReceived.minor >= resultBefore.best.amountReceived.minor).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
