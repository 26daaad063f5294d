/**
 * Statistics (floats) turned into the decimal strings and Money of the public results (STYLE.md §3.9).
 * @internal
 */
import { Decimal, fromDecimal, fromMinor, isCurrencyCode, type Money, toDecimal } from '../../index';

/** A non-negative statistic as a plain decimal string with `digits` significant digits. */
export function decimalText(value: number, digits: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  return new Decimal(value.toPrecision(digits)).toFixed();
}

/**
 * |position| × fraction, rounded up to the position currency's minor unit: a risk figure is never
 * understated by rounding. The reference for {@link scaleAmountExact}.
 */
export function scaleAmount(position: Money, fraction: string): Money {
  const exact = toDecimal(position).abs().times(fraction);
  return fromDecimal(exact, position.currency, 'up');
}

/** A plain non-negative fraction `n / 10^scale`, parsed once by {@link parseFraction}. */
export interface ParsedFraction {
  readonly text: string;
  readonly n: bigint;
  readonly pow: bigint;
}

const PLAIN_FRACTION = /^([0-9]+)(?:\.([0-9]+))?$/;
// n below 10³⁰ and |minor| below 10¹⁸: the product has at most 48 digits, inside the 50 that
// Decimal keeps, so scaleAmount's `times` is exact and the only rounding is the final 'up'.
const FRACTION_N_MAX = 10n ** 30n;
const MINOR_MAX = 10n ** 18n;

/** The fraction as an exact rational, or undefined when it is not a plain non-negative decimal. */
export function parseFraction(text: string): ParsedFraction | undefined {
  const match = PLAIN_FRACTION.exec(text);
  if (match === null) return undefined;
  const decimals = match[2] ?? '';
  const n = BigInt((match[1] as string) + decimals);
  if (n >= FRACTION_N_MAX) return undefined;
  return { text, n, pow: 10n ** BigInt(decimals.length) };
}

/**
 * {@link scaleAmount} in bigint: ⌈|minor| · n / 10^scale⌉ minor units. The same Money whenever the
 * product stays within 18 digits (the only limit `fromDecimal` enforces); otherwise, and for a fraction
 * that did not parse, it is `scaleAmount` itself, so errors and edge cases are the reference's.
 */
export function scaleAmountExact(position: Money, fraction: ParsedFraction | undefined, text: string): Money {
  if (fraction === undefined || typeof position.minor !== 'bigint' || !isCurrencyCode(position.currency))
    return scaleAmount(position, text);
  const minor = position.minor < 0n ? -position.minor : position.minor;
  if (minor >= MINOR_MAX) return scaleAmount(position, text);
  const scaled = (minor * fraction.n + fraction.pow - 1n) / fraction.pow;
  if (scaled >= MINOR_MAX) return scaleAmount(position, text);
  return fromMinor(scaled, position.currency);
}
