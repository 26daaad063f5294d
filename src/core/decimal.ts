/**
 * Decimal arithmetic for what is not a count of minor units: FX rates, conversions, fees in basis
 * points (STYLE.md §3.1, §3.9), and the explicit rounding that brings a result back to {@link Money}
 * (STYLE.md §3.5).
 *
 * @packageDocumentation
 */
// The named export, not the default: under node16 resolution decimal.js's single CJS-typed .d.ts makes
// a default import the module namespace, which broke the emitted .d.ts for ESM consumers.
import { Decimal as DecimalJs } from 'decimal.js';
import { type CurrencyCode, describeValue, messagePrefix, requireCurrency } from './currency';
import { CoreErrorCodes, InvalidAmountError, ValidationError } from './errors';
import { createMoney, formatMoney, type Money, type MoneyOptions, TOTAL_DIGITS_MAX } from './money';

/**
 * An arbitrary-precision decimal number (a decimal.js 10 instance).
 * @public
 */
export type Decimal = DecimalJs;

/**
 * DelTran's own decimal.js constructor: 50 significant digits, ties to even, the library defaults for
 * everything else whatever the host application has set globally.
 *
 * It is a `Decimal.clone`, never `Decimal.set` (STYLE.md §3.8): the host's global decimal.js keeps its
 * own settings. It is frozen, so `Decimal.set(...)` on it throws instead of changing the precision for
 * every DelTran caller in the process; call `Decimal.clone({...})` for other settings.
 *
 * 50 digits keep the product of an amount of up to 18 digits and a rate of up to 32 significant digits
 * exact, so converting with `times` and then {@link fromDecimal} rounds only once.
 *
 * @example
 * ```ts
 * const rate = new Decimal('1.0842');
 * fromDecimal(toDecimal(money('100.00', 'EUR')).times(rate), 'USD', 'halfEven'); // 108.42 USD
 * ```
 * @public
 */
export const Decimal: DecimalJs.Constructor = Object.freeze(
  // `defaults: true` matters: without it, clone() copies every setting not given here from the global
  // constructor, i.e. whatever the host passed to Decimal.set before importing DelTran.
  DecimalJs.clone({ defaults: true, precision: 50, rounding: DecimalJs.ROUND_HALF_EVEN }),
);

/**
 * How to round a value that has more fraction digits than the currency allows. There is no default:
 * every caller names one (STYLE.md §3.5).
 *
 * - `halfEven`: to nearest, ties to the even digit (banker's rounding; `2.345` → `2.34`, `2.355` → `2.36`)
 * - `halfUp`: to nearest, ties away from zero (`2.345` → `2.35`, `-2.345` → `-2.35`)
 * - `halfDown`: to nearest, ties towards zero (`2.345` → `2.34`)
 * - `up`: away from zero (`2.341` → `2.35`, `-2.341` → `-2.35`)
 * - `down`: towards zero, i.e. truncation (`2.349` → `2.34`)
 * - `ceil`: towards +∞ (`-2.349` → `-2.34`)
 * - `floor`: towards −∞ (`-2.341` → `-2.35`)
 * - `unnecessary`: the value must already fit; anything that would need rounding throws
 *
 * `halfUp`, `halfDown`, `up` and `down` are symmetric around zero (as in `java.math.RoundingMode`), so
 * rounding `-x` gives the negation of rounding `x`.
 * @public
 */
export type RoundingMode =
  | 'halfEven'
  | 'halfUp'
  | 'halfDown'
  | 'up'
  | 'down'
  | 'ceil'
  | 'floor'
  | 'unnecessary';

// Only the shapes a rate feed or a computed value produce; no hex/binary/octal prefixes, "Infinity" or
// "NaN", which decimal.js would otherwise accept. Unambiguous, so it cannot backtrack.
const DECIMAL_TEXT = /^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * Converts an amount to a {@link Decimal} in major units (`1050n` EUR becomes `10.5`), exactly.
 *
 * @param amount - the amount
 * @returns the same value as a Decimal of DelTran's {@link Decimal} constructor
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `amount.currency` is not an active
 *   ISO 4217 code (only possible for a hand-built object)
 * @public
 */
export function toDecimal(amount: Money): Decimal {
  // Through the canonical text: the constructor keeps every digit, where a division by 10^exponent
  // would be cut to the 50-digit precision.
  return new Decimal(formatMoney(amount));
}

/**
 * Converts a decimal value in major units to an amount, rounding it to the currency's exponent with
 * the given mode.
 *
 * @param value - a {@link Decimal} (from any decimal.js 10 constructor) or a decimal string; strings
 *   may use exponent notation (`"1.5e-7"`), which rate feeds and computed values produce
 * @param currency - ISO 4217 alphabetic code of the result
 * @param rounding - how to round extra fraction digits; `'unnecessary'` throws instead
 * @param options - `path` to report in errors
 * @returns the rounded amount
 * @throws {@link InvalidAmountError} with code `CORE_INVALID_AMOUNT` when `value` is neither a Decimal nor
 *   a decimal string, is not finite, or needs rounding under `'unnecessary'`; with code
 *   `CORE_AMOUNT_TOO_LARGE` when the rounded value has more than 18 significant digits
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `currency` is not an active ISO 4217 code
 * @throws {@link ValidationError} (`CORE_INVALID_INPUT`) when `rounding` is not a {@link RoundingMode}
 * @example
 * ```ts
 * fromDecimal('10.125', 'EUR', 'halfEven'); // 10.12 EUR
 * fromDecimal('10.125', 'EUR', 'halfUp');   // 10.13 EUR
 * fromDecimal('10.125', 'EUR', 'unnecessary'); // throws InvalidAmountError
 * ```
 * @public
 */
export function fromDecimal<C extends CurrencyCode>(
  value: Decimal | string,
  currency: C,
  rounding: RoundingMode,
  options?: MoneyOptions,
): Money<C> {
  const path = options?.path ?? [];
  const prefix = messagePrefix('fromDecimal', path);
  const mode = decimalJsRounding(rounding, prefix, path);
  const exponent = requireCurrency(currency, 'fromDecimal', path).exponent;

  let exact: Decimal;
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) {
    exact = new Decimal(value);
  } else if (DecimalJs.isDecimal(value)) {
    exact = new Decimal(value);
  } else {
    throw new InvalidAmountError(
      CoreErrorCodes.INVALID_AMOUNT,
      `${prefix}expected a Decimal or a decimal string such as "10.125" or "1.5e-7", got ${describeValue(value)}`,
      { path },
    );
  }
  if (!exact.isFinite()) {
    throw new InvalidAmountError(
      CoreErrorCodes.INVALID_AMOUNT,
      `${prefix}expected a finite value, got ${exact.toString()}`,
      { path },
    );
  }

  let rounded: Decimal;
  if (mode === undefined) {
    if (exact.decimalPlaces() > exponent) {
      throw new InvalidAmountError(
        CoreErrorCodes.INVALID_AMOUNT,
        `${prefix}expected at most ${exponent} fraction digits for ${currency} with rounding "unnecessary", got ${describeValue(exact.toString())}`,
        { path },
      );
    }
    rounded = exact;
  } else {
    // toDecimalPlaces is not bound by `precision`, so this is the only rounding step.
    rounded = exact.toDecimalPlaces(exponent, mode);
  }
  // Checked before toFixed(), which would otherwise write out every digit of a value like 1e9000000.
  // sd(true) counts integer trailing zeros, which is how XML Schema counts totalDigits.
  if (!rounded.isZero() && rounded.sd(true) > TOTAL_DIGITS_MAX) {
    throw new InvalidAmountError(
      CoreErrorCodes.AMOUNT_TOO_LARGE,
      `${prefix}expected at most ${TOTAL_DIGITS_MAX} significant digits (ISO 20022 ActiveCurrencyAndAmount), got ${describeValue(rounded.toString())}`,
      { path },
    );
  }
  const text = rounded.toFixed(exponent);
  return createMoney(BigInt(exponent === 0 ? text : text.replace('.', '')), currency);
}

// `undefined` stands for 'unnecessary', which never rounds.
function decimalJsRounding(
  rounding: RoundingMode,
  prefix: string,
  path: readonly (string | number)[],
): DecimalJs.Rounding | undefined {
  switch (rounding) {
    case 'halfEven':
      return DecimalJs.ROUND_HALF_EVEN;
    case 'halfUp':
      return DecimalJs.ROUND_HALF_UP;
    case 'halfDown':
      return DecimalJs.ROUND_HALF_DOWN;
    case 'up':
      return DecimalJs.ROUND_UP;
    case 'down':
      return DecimalJs.ROUND_DOWN;
    case 'ceil':
      return DecimalJs.ROUND_CEIL;
    case 'floor':
      return DecimalJs.ROUND_FLOOR;
    case 'unnecessary':
      return undefined;
    default:
      throw new ValidationError(
        CoreErrorCodes.INVALID_INPUT,
        `${prefix}expected a rounding mode ("halfEven", "halfUp", "halfDown", "up", "down", "ceil", "floor" or "unnecessary"), got ${describeValue(rounding)}`,
        { path },
      );
  }
}
