/**
 * Obligations for netting, shared by tests and benchmarks (STYLE.md §6, §7.2).
 *
 * - {@link obligationsArbitrary}: small random networks for property tests: few participants (so cycles
 *   and reciprocal pairs are frequent), several currencies including JPY, amounts as strings or Money,
 *   and now and then amounts above 2^53 minor units to drive the exact bigint path.
 * - {@link generateNetwork}: realistic, seeded networks of any size for benchmarks: power-law
 *   (scale-free) participant activity, reciprocity, 5 currencies including JPY, lognormal amounts.
 *   {@link networkArbitrary} wraps it for property tests.
 */
import { type CurrencyCode, currencyExponent, fromMinor } from 'deltran';
import type { Obligation } from 'deltran/netting';
import fc from 'fast-check';

/** Currencies of the generated networks, with JPY (exponent 0) and BHD (exponent 3) for coverage. */
export const NETTING_CURRENCIES: readonly CurrencyCode[] = ['EUR', 'USD', 'JPY', 'GBP', 'BHD'];

/** Writes minor units as the canonical decimal string of the currency. */
export function decimalOf(minor: bigint, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return minor.toString();
  const digits = minor.toString().padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Options of {@link obligationsArbitrary}. */
export interface ObligationsArbitraryOptions {
  readonly participantsMax?: number;
  readonly obligationsMin?: number;
  readonly obligationsMax?: number;
  readonly currencies?: readonly CurrencyCode[];
  /** Largest amount in minor units (default 10^6; set above 2^53 to exercise the bigint path). */
  readonly amountMax?: bigint;
  /** Let some amounts be above 2^53 minor units (default false). */
  readonly huge?: boolean;
}

const NAMES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Participant `i` as a BIC-like name: `BANKA…`, then `DEFF`. */
export function participantName(i: number): string {
  let code = '';
  let x = i;
  for (let k = 0; k < 4; k++) {
    code = NAMES[x % 26]! + code;
    x = Math.floor(x / 26);
  }
  return `${code}DEFF`;
}

/** A list of valid obligations with unique ids. */
export function obligationsArbitrary(options: ObligationsArbitraryOptions = {}): fc.Arbitrary<Obligation[]> {
  const participantsMax = options.participantsMax ?? 7;
  const currencies = options.currencies ?? ['EUR', 'JPY', 'USD'];
  const small = fc.bigInt({ min: 1n, max: options.amountMax ?? 1_000_000n });
  const amount = options.huge
    ? fc.oneof(
        { arbitrary: small, weight: 4 },
        { arbitrary: fc.bigInt({ min: 2n ** 53n, max: 10n ** 18n - 1n }), weight: 1 },
      )
    : small;
  const pair = fc
    .tuple(fc.nat({ max: participantsMax - 1 }), fc.nat({ max: participantsMax - 2 }))
    .map(([d, c]) => [d, c >= d ? c + 1 : c] as const);
  const one = fc.record({
    pair,
    currency: fc.constantFrom(...currencies),
    minor: amount,
    asString: fc.boolean(),
  });
  return fc
    .array(one, { minLength: options.obligationsMin ?? 0, maxLength: options.obligationsMax ?? 30 })
    .map((items) =>
      items.map(({ pair: [d, c], currency, minor, asString }, i) => ({
        id: `OBL-${String(i).padStart(4, '0')}`,
        debtor: participantName(d),
        creditor: participantName(c),
        currency,
        amount: asString ? decimalOf(minor, currency) : fromMinor(minor, currency),
      })),
    );
}

/** Options of {@link generateNetwork}. */
export interface NetworkOptions {
  readonly obligations: number;
  readonly participants: number;
  readonly seed: number;
  /** Zipf exponent of participant activity (default 1.1). */
  readonly powerLaw?: number;
  /** Probability that an obligation goes back along a pair already seen (default 0.3). */
  readonly reciprocity?: number;
  /** `money` (default: obligations as a host holds them after parsing) or `string`. */
  readonly amounts?: 'money' | 'string';
  readonly currencies?: readonly CurrencyCode[];
}

/** Mulberry32: a small seeded PRNG, enough for benchmark inputs. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Shares of the currencies and a typical amount (in major units) for each.
const CURRENCY_MIX: Record<string, { share: number; scale: number }> = {
  USD: { share: 0.4, scale: 1 },
  EUR: { share: 0.3, scale: 0.9 },
  GBP: { share: 0.12, scale: 0.8 },
  JPY: { share: 0.1, scale: 150 },
  CHF: { share: 0.08, scale: 0.9 },
};

/**
 * A realistic clearing day: participant activity follows a power law (a few large banks, a long tail),
 * a share of obligations go back along an existing pair (correspondent relationships are two-way),
 * 5 currencies including JPY, lognormal amounts (median about 5,000 major units). Deterministic for a
 * given seed.
 */
export function generateNetwork(options: NetworkOptions): Obligation[] {
  const random = mulberry32(options.seed);
  const n = options.participants;
  const alpha = options.powerLaw ?? 1.1;
  const reciprocity = options.reciprocity ?? 0.3;
  const currencies = options.currencies ?? (Object.keys(CURRENCY_MIX) as CurrencyCode[]);
  // Zipf weights over a shuffled identity, so that big banks are not simply the first names.
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1) ** alpha;
    cumulative[i] = total;
  }
  const pick = (): number => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo]!;
  };
  const currencyCumulative: number[] = [];
  let shareTotal = 0;
  for (const c of currencies) {
    shareTotal += CURRENCY_MIX[c]?.share ?? 0.1;
    currencyCumulative.push(shareTotal);
  }
  const names = Array.from({ length: n }, (_, i) => participantName(i));
  const exponents = currencies.map((c) => currencyExponent(c));
  const out: Obligation[] = new Array(options.obligations);
  let previousDebtor = 0;
  let previousCreditor = 1;
  for (let i = 0; i < options.obligations; i++) {
    let d: number;
    let c: number;
    if (i > 0 && random() < reciprocity) {
      d = previousCreditor;
      c = previousDebtor;
    } else {
      d = pick();
      do c = pick();
      while (c === d);
    }
    previousDebtor = d;
    previousCreditor = c;
    const u = random() * shareTotal;
    let k = 0;
    while (k < currencies.length - 1 && currencyCumulative[k]! < u) k++;
    const currency = currencies[k]!;
    // Lognormal (Box–Muller), median 5,000 major units, σ = 1.6.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const major = 5000 * (CURRENCY_MIX[currency]?.scale ?? 1) * Math.exp(1.6 * z);
    const minor = BigInt(Math.max(1, Math.round(major * 10 ** exponents[k]!)));
    out[i] = {
      id: `OBL-${options.seed}-${i}`,
      debtor: names[d]!,
      creditor: names[c]!,
      currency,
      amount: options.amounts === 'string' ? decimalOf(minor, currency) : fromMinor(minor, currency),
    };
  }
  return out;
}

/** {@link generateNetwork} as an arbitrary over seeds and sizes, for property tests. */
export function networkArbitrary(
  options: { obligationsMax?: number; participantsMax?: number } = {},
): fc.Arbitrary<Obligation[]> {
  return fc
    .record({
      seed: fc.integer(),
      obligations: fc.integer({ min: 1, max: options.obligationsMax ?? 300 }),
      participants: fc.integer({ min: 2, max: options.participantsMax ?? 30 }),
    })
    .map((o) => generateNetwork(o));
}

/** Fisher–Yates shuffle driven by a fast-check random seed, for permutation-invariance tests. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
