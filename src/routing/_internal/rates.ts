/**
 * The FX rate table turned into directed conversion rates, and the arbitrage search over them.
 * @internal
 */
import { type CurrencyCode, isCurrencyCode } from '../../index';
import { INVERSE_RATE_DIGITS } from '../defaults';
import type { ArbitrageCycle, FxQuote } from '../types';
import type { IndexedCycle, IndexedRate } from './index-types';
import { pairKey } from './index-types';
import {
  addRational,
  compareRational,
  divide,
  multiply,
  ONE,
  parseRational,
  quantisedInverse,
  type Rational,
  rationalText,
  toFloat,
} from './rational';
import { toEpochMs } from './time';

const CYCLES_MAX = 20;
const RELAX_EPSILON = 1e-12;

/** One problem with a quote. */
export interface QuoteIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Directed rates from quotes: base → quote at the bid, quote → base at 1 / ask. A direct quote wins over
 * the inverse of the opposite one; among several quotes of one pair the latest wins.
 */
export function buildRates(quotes: readonly FxQuote[], issues: QuoteIssue[]): Map<string, IndexedRate> {
  const direct = new Map<string, IndexedRate>();
  const inverse = new Map<string, IndexedRate>();
  quotes.forEach((quote, i) => {
    const base = quote?.base;
    const counter = quote?.quote;
    if (!isCurrencyCode(base) || !isCurrencyCode(counter) || base === counter) {
      issues.push({
        path: ['rates', i],
        message: 'expected two different ISO 4217 currencies, base and quote',
      });
      return;
    }
    const bid = typeof quote.bid === 'string' ? parseRational(quote.bid) : undefined;
    const ask = typeof quote.ask === 'string' ? parseRational(quote.ask) : undefined;
    if (bid === undefined || ask === undefined || bid.n <= 0n || ask.n <= 0n) {
      issues.push({
        path: ['rates', i],
        message: `expected bid and ask as positive decimal strings, got ${JSON.stringify(quote.bid)} and ${JSON.stringify(quote.ask)}`,
      });
      return;
    }
    if (compareRational(bid, ask) > 0) {
      issues.push({ path: ['rates', i], message: `expected bid ≤ ask, got ${quote.bid} > ${quote.ask}` });
      return;
    }
    let timestampMs: number;
    try {
      timestampMs = toEpochMs(quote.timestamp, 'createRegistry', ['rates', i, 'timestamp']);
    } catch {
      issues.push({
        path: ['rates', i, 'timestamp'],
        message: 'expected epoch milliseconds or an ISO 8601 instant',
      });
      return;
    }
    const mid = divide(addRational(bid, ask), { n: 2n, d: 1n });
    const forward: IndexedRate = {
      from: base,
      to: counter,
      market: bid,
      mid,
      marketFloat: toFloat(bid),
      marketText: rationalText(bid),
      midText: rationalText(mid),
      timestampMs,
      quote,
    };
    const back = quantisedInverse(ask, INVERSE_RATE_DIGITS);
    const backward: IndexedRate = {
      from: counter,
      to: base,
      market: back,
      mid: divide(ONE, mid),
      marketFloat: toFloat(back),
      marketText: rationalText(back),
      midText: rationalText(divide(ONE, mid)),
      timestampMs,
      quote,
    };
    keepLatest(direct, pairKey(base, counter), forward);
    keepLatest(inverse, pairKey(counter, base), backward);
  });
  for (const [key, rate] of inverse) if (!direct.has(key)) direct.set(key, rate);
  return direct;
}

function keepLatest(map: Map<string, IndexedRate>, key: string, rate: IndexedRate): void {
  const known = map.get(key);
  if (known === undefined || rate.timestampMs > known.timestampMs) map.set(key, rate);
}

/**
 * Cycles whose product of market rates exceeds 1: Bellman–Ford on −ln(rate) from a virtual source, one
 * more pass to find edges that still relax, and a walk back along the predecessors into each cycle. A
 * cycle found with floats is kept only when its exact product exceeds 1. At most 20.
 */
export function arbitrageCycles(rates: ReadonlyMap<string, IndexedRate>): IndexedCycle[] {
  const ids = new Map<string, number>();
  const names: CurrencyCode[] = [];
  const edges = [...rates.values()];
  for (const rate of edges) {
    for (const code of [rate.from, rate.to]) {
      if (!ids.has(code)) {
        ids.set(code, names.length);
        names.push(code);
      }
    }
  }
  const v = names.length;
  if (v < 3) return [];
  const from = Int32Array.from(edges, (e) => ids.get(e.from) as number);
  const to = Int32Array.from(edges, (e) => ids.get(e.to) as number);
  const weight = Float64Array.from(edges, (e) => -Math.log(e.marketFloat));
  const distance = new Float64Array(v);
  const predecessor = new Int32Array(v).fill(-1);
  for (let pass = 0; pass < v - 1; pass++) {
    let changed = false;
    for (let e = 0; e < edges.length; e++) {
      const candidate = (distance[from[e] as number] as number) + (weight[e] as number);
      if (candidate < (distance[to[e] as number] as number) - RELAX_EPSILON) {
        distance[to[e] as number] = candidate;
        predecessor[to[e] as number] = e;
        changed = true;
      }
    }
    if (!changed) return [];
  }
  const seen = new Set<string>();
  const found: IndexedCycle[] = [];
  for (let e = 0; e < edges.length && found.length < CYCLES_MAX; e++) {
    const candidate = (distance[from[e] as number] as number) + (weight[e] as number);
    if (!(candidate < (distance[to[e] as number] as number) - RELAX_EPSILON)) continue;
    predecessor[to[e] as number] = e;
    let node = to[e] as number;
    for (let i = 0; i < v; i++) node = from[predecessor[node] as number] as number;
    const legs: number[] = [];
    let cursor = node;
    for (let guard = 0; guard <= v; guard++) {
      const leg = predecessor[cursor] as number;
      legs.push(leg);
      cursor = from[leg] as number;
      if (cursor === node) break;
    }
    if (cursor !== node) continue;
    legs.reverse();
    const nodes = legs.map((leg) => from[leg] as number);
    const smallest = nodes.indexOf(Math.min(...nodes));
    const rotated = [...legs.slice(smallest), ...legs.slice(0, smallest)];
    const key = rotated.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    let product: Rational = ONE;
    let oldestMs = Number.POSITIVE_INFINITY;
    for (const leg of rotated) {
      const rate = edges[leg] as IndexedRate;
      product = multiply(product, rate.market);
      oldestMs = Math.min(oldestMs, rate.timestampMs);
    }
    if (compareRational(product, ONE) <= 0) continue;
    const currencies = rotated.map((leg) => names[from[leg] as number] as CurrencyCode);
    currencies.push(currencies[0] as CurrencyCode);
    const cycle: ArbitrageCycle = Object.freeze({
      currencies: Object.freeze(currencies),
      product: rationalText(product),
      rates: Object.freeze(rotated.map((leg) => rationalText((edges[leg] as IndexedRate).market))),
    });
    found.push({ cycle, oldestMs });
  }
  return found;
}

/** The registry's arbitrage cycles whose every quote is fresh at `now`. */
export function freshCycles(
  cycles: readonly { readonly cycle: ArbitrageCycle; readonly oldestMs: number }[],
  now: number,
  maxRateAgeMs: number,
): readonly ArbitrageCycle[] {
  if (cycles.length === 0) return [];
  return Object.freeze(cycles.filter((c) => now - c.oldestMs <= maxRateAgeMs).map((c) => c.cycle));
}
