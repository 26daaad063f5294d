/**
 * Statistics (floats) turned into the decimal strings and Money of the public results (STYLE.md §3.9).
 * @internal
 */
import { Decimal, fromDecimal, type Money, toDecimal } from '../../index';

/** A non-negative statistic as a plain decimal string with `digits` significant digits. */
export function decimalText(value: number, digits: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  return new Decimal(value.toPrecision(digits)).toFixed();
}

/**
 * |position| × fraction, rounded up to the position currency's minor unit: a risk figure is never
 * understated by rounding.
 */
export function scaleAmount(position: Money, fraction: string): Money {
  const exact = toDecimal(position).abs().times(fraction);
  return fromDecimal(exact, position.currency, 'up');
}
