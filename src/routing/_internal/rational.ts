/**
 * Exact rational arithmetic on bigint for FX conversions: every rate in a registry is a terminating
 * decimal, every amount a count of minor units, so a conversion is one exact fraction rounded once, with
 * a named mode (STYLE.md §3.5). Same answer as decimal.js followed by `fromDecimal` (checked by a
 * differential property test), without allocating a Decimal per bank in the hot path.
 * @internal
 */
import { Decimal, type RoundingMode } from '../../index';

/** n / d with d > 0. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const DECIMAL_TEXT = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;
// Built once at load and frozen: no state changes after that.
const POWERS: readonly bigint[] = Object.freeze(Array.from({ length: 64 }, (_, i) => 10n ** BigInt(i)));

/** 10ⁱ as a bigint, i ≥ 0. */
export function pow10(i: number): bigint {
  return POWERS[i] ?? 10n ** BigInt(i);
}

/** Parses a strict decimal string (`-?digits(.digits)?`), or undefined. */
export function parseRational(text: string): Rational | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? '';
  const n = BigInt((match[2] as string) + fraction);
  return { n: match[1] === '-' ? -n : n, d: pow10(fraction.length) };
}

export const ONE: Rational = { n: 1n, d: 1n };
export const ZERO: Rational = { n: 0n, d: 1n };

export function multiply(a: Rational, b: Rational): Rational {
  return { n: a.n * b.n, d: a.d * b.d };
}

export function divide(a: Rational, b: Rational): Rational {
  // b ≠ 0 is the caller's invariant (rates are positive).
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
}

export function addRational(a: Rational, b: Rational): Rational {
  return a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function subtractRational(a: Rational, b: Rational): Rational {
  return a.d === b.d ? { n: a.n - b.n, d: a.d } : { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}

export function compareRational(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Rounds n / d (d > 0) to an integer; `unnecessary` returns undefined when rounding is needed. */
export function roundToInteger(n: bigint, d: bigint, mode: RoundingMode): bigint | undefined {
  if (d === 1n || n === 0n) return n;
  const q = n / d;
  // One division: the remainder by multiplication is cheaper than a second bigint division.
  const r = n - q * d;
  if (r === 0n) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'ceil':
      return n > 0n ? away : q;
    case 'floor':
      return n > 0n ? q : away;
    case 'unnecessary':
      return undefined;
    default: {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > d) return away;
      if (twice < d) return q;
      if (mode === 'halfUp') return away;
      if (mode === 'halfDown') return q;
      return q % 2n === 0n ? q : away;
    }
  }
}

/** A rational as a decimal string: exact when the denominator is a power of ten, else `digits` significant digits. */
export function rationalText(r: Rational, digits = 20): string {
  const text = r.d.toString();
  if (/^10*$/.test(text)) {
    const scale = text.length - 1;
    const negative = r.n < 0n;
    const body = (negative ? -r.n : r.n).toString().padStart(scale + 1, '0');
    const whole =
      scale === 0 ? body : `${body.slice(0, body.length - scale)}.${body.slice(body.length - scale)}`;
    const trimmed = scale === 0 ? whole : whole.replace(/0+$/, '').replace(/\.$/, '');
    return negative && trimmed !== '0' ? `-${trimmed}` : trimmed;
  }
  return new Decimal(r.n.toString()).div(r.d.toString()).toSignificantDigits(digits).toFixed();
}

/**
 * 1 / r rounded down to `digits` significant digits, as a terminating decimal: a dealer quotes the
 * inverse of a rate, and rounding it down never gives the customer more than the quote.
 */
export function quantisedInverse(r: Rational, digits: number): Rational {
  // value = r.d / r.n; choose s so that floor(value · 10^s) has `digits` digits.
  const a = r.d;
  const b = r.n;
  let s = digits - (a.toString().length - b.toString().length);
  for (let attempt = 0; attempt < 4; attempt++) {
    const q = s >= 0 ? (a * pow10(s)) / b : a / (b * pow10(-s));
    const length = q.toString().length;
    if (length > digits) s--;
    else if (length < digits && q !== 0n) s++;
    else return s >= 0 ? { n: q, d: pow10(s) } : { n: q * pow10(-s), d: 1n };
  }
  const q = s >= 0 ? (a * pow10(s)) / b : a / (b * pow10(-s));
  return s >= 0 ? { n: q, d: pow10(s) } : { n: q * pow10(-s), d: 1n };
}

/** A float approximation, for ranking and scores only. */
export function toFloat(r: Rational): number {
  return Number(r.n) / Number(r.d);
}
