/**
 * Routing (issue 7 targets): route selection over 200 banks and 40 currencies (≥ 20,000 selections/s),
 * multi-hop path search over 40 currencies (≤ 1 ms). The registry is generated once from a seeded
 * source (STYLE.md §7.2) and every task's result is checked before timing (§7.3).
 * Run: npm run bench routing
 */
import { Bench } from 'tinybench';
import { type CurrencyCode, createSeededRandom, currencyExponent, fromMinor, type Money } from '../src/index';
import {
  type BankProfile,
  createRegistry,
  type FxQuote,
  findBestPath,
  type RouteRequest,
  selectRoute,
} from '../src/routing/index';
import { BENCH_SEED, report } from './_lib';

const BANKS = 200;
const CURRENCY_COUNT = 40;
const CURRENCIES_PER_BANK = 8;
const REQUESTS = 1000;
const NOW = Date.parse('2026-04-13T09:00:00Z');
const CURRENCIES: readonly CurrencyCode[] = [
  'USD',
  'EUR',
  'JPY',
  'GBP',
  'CHF',
  'AUD',
  'CAD',
  'CNY',
  'HKD',
  'SGD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'ILS',
  'AED',
  'SAR',
  'QAR',
  'KWD',
  'BHD',
  'OMR',
  'JOD',
  'INR',
  'KRW',
  'THB',
  'MYR',
  'IDR',
  'PHP',
  'MXN',
  'BRL',
  'CLP',
  'COP',
  'ZAR',
  'TRY',
  'NZD',
  'RON',
  'ISK',
  'EGP',
];
const ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Dubai',
  'Asia/Singapore',
  'Australia/Sydney',
  'Asia/Jerusalem',
];

const random = createSeededRandom(BENCH_SEED);
const uniform = (): number => {
  const b = random(4);
  return (
    (((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)) >>>
      0) /
    4294967296
  );
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(uniform() * items.length)] as T;
if (CURRENCIES.length !== CURRENCY_COUNT) throw new Error('expected 40 currencies');

// USD value of one unit of each currency, so the quotes are consistent (no arbitrage to speak of).
const usdValue = new Map<string, number>(CURRENCIES.map((c, i) => [c, i === 0 ? 1 : 0.001 + uniform() * 2]));
const rates: FxQuote[] = [];
for (let i = 0; i < CURRENCIES.length; i++) {
  for (let j = i + 1; j < CURRENCIES.length; j++) {
    const base = CURRENCIES[i] as CurrencyCode;
    const quote = CURRENCIES[j] as CurrencyCode;
    const mid = (usdValue.get(base) as number) / (usdValue.get(quote) as number);
    rates.push({
      base,
      quote,
      bid: (mid * 0.9998).toPrecision(8),
      ask: (mid * 1.0002).toPrecision(8),
      timestamp: NOW - 30_000,
    });
  }
}
/** `usd` US dollars' worth of `currency`, in its minor units. */
function units(usd: number, currency: CurrencyCode): Money {
  const major = usd / (usdValue.get(currency) as number);
  return fromMinor(BigInt(Math.max(1, Math.floor(major * 10 ** currencyExponent(currency)))), currency);
}
const banks: BankProfile[] = Array.from({ length: BANKS }, (_, b) => {
  const held = new Set<CurrencyCode>(['USD']);
  while (held.size < CURRENCIES_PER_BANK) held.add(pick(CURRENCIES));
  const currencies = [...held];
  const liquidity: Record<string, Money> = {};
  // Between 1 million and 1 billion USD-equivalent per currency.
  for (const c of currencies) liquidity[c] = units(1e6 + uniform() * 1e9, c);
  return {
    bic: `B${String(b).padStart(3, '0')}GB2LXXX`,
    currencies,
    liquidity,
    sla: { medianMinutes: 2 + Math.floor(uniform() * 60), successRate: 0.97 + uniform() * 0.03 },
    fees: { basisPoints: (uniform() * 5).toFixed(2) },
    fxSpreadBasisPoints: (uniform() * 30).toFixed(1),
    timeZone: pick(ZONES),
    cutOffs: [{ time: '23:59' }],
    operatingDays: [1, 2, 3, 4, 5, 6, 7],
  };
});
const corridors = CURRENCIES.flatMap((from) =>
  CURRENCIES.filter((to) => to !== from).map((to) => ({ from, to })),
);
const registry = createRegistry({ banks, corridors, rates });
const requests: RouteRequest[] = Array.from({ length: REQUESTS }, (_, i) => {
  const from = pick(CURRENCIES);
  let to = pick(CURRENCIES);
  while (to === from) to = pick(CURRENCIES);
  // Between 1,000 and 5 million USD-equivalent.
  return { reference: `r${i}`, amount: units(1_000 + uniform() * 5e6, from), targetCurrency: to };
});
const options = { now: NOW };

// Check once before timing: every request has a ranked direct route; the path search finds a chain.
let direct = 0;
let fallback = 0;
for (const request of requests) {
  const selection = selectRoute(request, registry, options);
  if (selection.best === undefined) throw new Error(`request ${request.reference} has no route`);
  if (selection.multiHopSearched) fallback++;
  else direct++;
}
const path = findBestPath(requests[0] as RouteRequest, registry, options);
if (path.best === undefined || path.truncated)
  throw new Error('the path search must find a chain without truncation');

let next = 0;
const bench = new Bench({ time: 2000, warmup: true });
bench
  .add('selectRoute ×1000 (200 banks, 40 currencies)', () => {
    for (const request of requests) selectRoute(request, registry, options);
  })
  .add('findBestPath (40 currencies, ≤ 3 hops)', () => {
    findBestPath(requests[next++ % REQUESTS] as RouteRequest, registry, options);
  })
  .add('selectRoute multiHop: compare', () => {
    selectRoute(requests[next++ % REQUESTS] as RouteRequest, registry, { now: NOW, multiHop: 'compare' });
  })
  .add('createRegistry (200 banks, 1,560 corridors, 780 quotes)', () => {
    createRegistry({ banks, corridors, rates });
  });

await bench.run();
report('routing', bench, {
  'selectRoute ×1000 (200 banks, 40 currencies)': {
    itemsPerRun: REQUESTS,
    note: `target ≥ 20,000/s; ${direct} direct, ${fallback} fell back to the chain search`,
  },
  'findBestPath (40 currencies, ≤ 3 hops)': { itemsPerRun: 1, note: 'target ≤ 1 ms' },
  'selectRoute multiHop: compare': { itemsPerRun: 1, note: 'direct + chains' },
});
