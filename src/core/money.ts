/**
 * Exact money (STYLE.md §3): an amount is a `bigint` count of minor units of its ISO 4217 currency,
 * created from a strict decimal string or from a `bigint`, formatted back to one canonical string, and
 * combined only with amounts of the same currency.
 *
 * @packageDocumentation
 */
import { type CurrencyCode, describeValue, messagePrefix, requireCurrency } from './currency';
import { CoreErrorCodes, CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError } from './errors';

/**
 * An exact amount of money: a whole number of minor units (cents for USD, units for JPY, fils for BHD).
 * Values are frozen plain objects; every operation returns a new one.
 *
 * @typeParam C - the currency, a literal such as `'EUR'` when known at compile time, so that mixing
 *   currencies fails to compile where TypeScript can tell (STYLE.md §3.4)
 * @public
 */
export interface Money<C extends CurrencyCode = CurrencyCode> {
  /** The amount in minor units of `currency`: `1050n` EUR is 10.50 EUR. */
  readonly minor: bigint;
  /** ISO 4217 alphabetic code (ISO 20022 `Ccy` attribute of an `ActiveCurrencyAndAmount`). */
  readonly currency: C;
}

/**
 * Options of {@link money}, {@link fromMinor} and `fromDecimal`.
 * @public
 */
export interface MoneyOptions {
  /** Where the amount came from, copied into any error's `path` (for example `['GrpHdr', 'TtlIntrBkSttlmAmt']`). */
  readonly path?: readonly (string | number)[];
}

/**
 * ISO 20022 `ActiveCurrencyAndAmount` allows 18 digits in total (XSD `totalDigits`).
 * @internal
 */
export const TOTAL_DIGITS_MAX = 18;

const NO_PATH: readonly (string | number)[] = Object.freeze([]);

const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_MINUS = 45;
const CHAR_DOT = 46;

/**
 * Builds a frozen Money without checks, for callers that have already validated both fields.
 * @internal
 */
export function createMoney<C extends CurrencyCode>(minor: bigint, currency: C): Money<C> {
  return Object.freeze({ minor, currency });
}

/**
 * Parses a decimal string straight into minor units, never through a float (STYLE.md §3.7).
 *
 * The grammar is `-?[0-9]+(\.[0-9]+)?`: an optional minus, digits, and an optional point followed by
 * digits. Leading zeros (`"007.50"`) are accepted because XML Schema `xs:decimal` allows them, and
 * `"-0"` is zero. Everything else is rejected: `"+1"`, `"1e3"`, `"1."`, `".5"`, `"-"`, `""`, spaces,
 * grouping separators and decimal commas (convert an MT103 `:32A:` comma to a point first).
 *
 * The text may carry at most as many fraction digits as the currency's exponent. `"10.120"` EUR is
 * rejected just like `"10.125"`: the producer wrote a precision EUR cannot hold, which usually means it
 * computed at a finer scale and never rounded, and the strict rule keeps one reading of every text.
 * Relaxing it later would be a compatible change; tightening it would not.
 *
 * At most 18 significant digits are allowed (ISO 20022 `ActiveCurrencyAndAmount`, XSD `totalDigits`),
 * counted as XML Schema counts them: leading zeros and trailing fraction zeros are not significant, so
 * the canonical text {@link formatMoney} writes for an accepted amount is always accepted again.
 *
 * @param value - the amount as text, for example `"10.50"`
 * @param currency - ISO 4217 alphabetic code
 * @param options - `path` to report in errors
 * @returns the amount in minor units of `currency`
 * @throws {@link InvalidAmountError} with code `CORE_INVALID_AMOUNT` when `value` is not a string, does not
 *   match the grammar, or has more fraction digits than the currency allows; with code
 *   `CORE_AMOUNT_TOO_LARGE` when it has more than 18 significant digits
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `currency` is not an active ISO 4217 code
 * @example
 * ```ts
 * money('10.50', 'EUR'); // { minor: 1050n, currency: 'EUR' }
 * money('1000', 'JPY');  // { minor: 1000n, currency: 'JPY' }
 * money('10.125', 'EUR', { path: ['IntrBkSttlmAmt'] }); // throws InvalidAmountError
 * ```
 * @public
 */
export function money<C extends CurrencyCode>(value: string, currency: C, options?: MoneyOptions): Money<C> {
  const path = options?.path ?? NO_PATH;
  if (typeof value !== 'string') {
    throw new InvalidAmountError(
      CoreErrorCodes.INVALID_AMOUNT,
      `${messagePrefix('money', path)}expected the amount as a decimal string such as "10.50" (a number cannot hold every amount exactly), got ${describeValue(value)}`,
      { path },
    );
  }
  const exponent = requireCurrency(currency, 'money', path).exponent;
  return createMoney(parseMinor(value, currency, exponent, path), currency);
}

// A single pass over the characters: no regex, no intermediate arrays, and every check runs before
// BigInt() so an oversized input is rejected without converting it.
function parseMinor(
  value: string,
  currency: string,
  exponent: number,
  path: readonly (string | number)[],
): bigint {
  const length = value.length;
  let i = 0;
  const negative = length > 0 && value.charCodeAt(0) === CHAR_MINUS;
  if (negative) i = 1;
  const integerStart = i;
  while (i < length && isDigitAt(value, i)) i++;
  const integerEnd = i;
  let fractionEnd = integerEnd;
  let malformed = integerEnd === integerStart;
  if (!malformed && i < length && value.charCodeAt(i) === CHAR_DOT) {
    i++;
    while (i < length && isDigitAt(value, i)) i++;
    fractionEnd = i;
    malformed = fractionEnd === integerEnd + 1;
  }
  if (malformed || i !== length) {
    throw new InvalidAmountError(
      CoreErrorCodes.INVALID_AMOUNT,
      `${messagePrefix('money', path)}expected a plain decimal such as "-1234.50" (no exponent, "+", spaces or separators), got ${describeValue(value)}`,
      { path },
    );
  }

  const fractionStart = fractionEnd === integerEnd ? integerEnd : integerEnd + 1;
  const fractionDigits = fractionEnd - fractionStart;
  if (fractionDigits > exponent) {
    throw new InvalidAmountError(
      CoreErrorCodes.INVALID_AMOUNT,
      `${messagePrefix('money', path)}expected at most ${exponent} fraction digits for ${currency}, got ${describeValue(value)}`,
      { path },
    );
  }

  let significantStart = integerStart;
  while (significantStart < integerEnd && value.charCodeAt(significantStart) === CHAR_0) significantStart++;
  let significantEnd = fractionEnd;
  while (significantEnd > fractionStart && value.charCodeAt(significantEnd - 1) === CHAR_0) significantEnd--;
  let totalDigits = integerEnd - significantStart;
  if (totalDigits === 0) {
    // No integer digits: as in "0.05", the zeros right after the point are not significant either.
    let first = fractionStart;
    while (first < significantEnd && value.charCodeAt(first) === CHAR_0) first++;
    totalDigits = significantEnd - first;
  } else {
    totalDigits += significantEnd - fractionStart;
  }
  if (totalDigits > TOTAL_DIGITS_MAX) {
    throw new InvalidAmountError(
      CoreErrorCodes.AMOUNT_TOO_LARGE,
      `${messagePrefix('money', path)}expected at most ${TOTAL_DIGITS_MAX} significant digits (ISO 20022 ActiveCurrencyAndAmount), got ${totalDigits} digits in ${describeValue(value)}`,
      { path },
    );
  }

  const digits =
    value.slice(significantStart, integerEnd) +
    value.slice(fractionStart, fractionEnd) +
    '0'.repeat(exponent - fractionDigits);
  const magnitude = BigInt(digits === '' ? '0' : digits);
  return negative ? -magnitude : magnitude;
}

function isDigitAt(value: string, index: number): boolean {
  const code = value.charCodeAt(index);
  return code >= CHAR_0 && code <= CHAR_9;
}

/**
 * Creates an amount from a count of minor units.
 *
 * @param minor - the amount in minor units, for example `1050n` for 10.50 EUR
 * @param currency - ISO 4217 alphabetic code
 * @param options - `path` to report in errors
 * @returns the amount
 * @throws {@link InvalidAmountError} (`CORE_INVALID_AMOUNT`) when `minor` is not a `bigint`
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `currency` is not an active ISO 4217 code
 * @example
 * ```ts
 * fromMinor(1050n, 'EUR'); // 10.50 EUR
 * ```
 * @public
 */
export function fromMinor<C extends CurrencyCode>(
  minor: bigint,
  currency: C,
  options?: MoneyOptions,
): Money<C> {
  const path = options?.path ?? NO_PATH;
  if (typeof minor !== 'bigint') {
    throw new InvalidAmountError(
      CoreErrorCodes.INVALID_AMOUNT,
      `${messagePrefix('fromMinor', path)}expected a bigint count of minor units such as 1050n, got ${describeValue(minor)}`,
      { path },
    );
  }
  requireCurrency(currency, 'fromMinor', path);
  return createMoney(minor, currency);
}

/**
 * Writes an amount as its canonical decimal string: an optional `-`, the integer part without leading
 * zeros, and exactly as many fraction digits as the currency's exponent. Zero is never negative.
 * `money(formatMoney(m), m.currency)` equals `m` whenever `m` has at most 18 significant digits.
 *
 * @param amount - the amount to write
 * @returns for example `"10.50"` (USD), `"1000"` (JPY), `"1.250"` (BHD), `"0.00"` (zero EUR)
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `amount.currency` is not an active
 *   ISO 4217 code (only possible for a hand-built object)
 * @public
 */
export function formatMoney(amount: Money): string {
  const exponent = requireCurrency(amount.currency, 'formatMoney', NO_PATH).exponent;
  const negative = amount.minor < 0n;
  const digits = (negative ? -amount.minor : amount.minor).toString();
  const sign = negative ? '-' : '';
  if (exponent === 0) return sign + digits;
  const padded = digits.length > exponent ? digits : digits.padStart(exponent + 1, '0');
  const split = padded.length - exponent;
  return `${sign}${padded.slice(0, split)}.${padded.slice(split)}`;
}

/**
 * Adds two amounts of the same currency.
 *
 * @param a - first amount
 * @param b - second amount, in the same currency (a different literal currency does not compile)
 * @returns `a + b`
 * @throws {@link CurrencyMismatchError} (`CORE_CURRENCY_MISMATCH`) when the currencies differ
 * @example
 * ```ts
 * add(money('10.50', 'EUR'), money('0.75', 'EUR')); // 11.25 EUR
 * ```
 * @public
 */
export function add<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  assertSameCurrency('add', a, b);
  return createMoney(a.minor + b.minor, a.currency);
}

/**
 * Subtracts an amount from another of the same currency.
 *
 * @param a - the amount to subtract from
 * @param b - the amount to subtract, in the same currency
 * @returns `a - b`, possibly negative
 * @throws {@link CurrencyMismatchError} (`CORE_CURRENCY_MISMATCH`) when the currencies differ
 * @public
 */
export function subtract<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): Money<C> {
  assertSameCurrency('subtract', a, b);
  return createMoney(a.minor - b.minor, a.currency);
}

/**
 * Changes the sign of an amount.
 *
 * @param amount - the amount
 * @returns `-amount`; the negation of zero is zero
 * @public
 */
export function negate<C extends CurrencyCode>(amount: Money<C>): Money<C> {
  return createMoney(-amount.minor, amount.currency);
}

/**
 * The absolute value of an amount.
 *
 * @param amount - the amount
 * @returns `amount` without its sign
 * @public
 */
export function abs<C extends CurrencyCode>(amount: Money<C>): Money<C> {
  return amount.minor < 0n ? createMoney(-amount.minor, amount.currency) : amount;
}

/**
 * Orders two amounts of the same currency, for `Array.prototype.sort` and the like.
 *
 * @param a - first amount
 * @param b - second amount, in the same currency
 * @returns `-1` when `a < b`, `0` when they are equal, `1` when `a > b`
 * @throws {@link CurrencyMismatchError} (`CORE_CURRENCY_MISMATCH`) when the currencies differ: amounts in
 *   different currencies have no order without an exchange rate
 * @public
 */
export function compare<C extends CurrencyCode>(a: Money<C>, b: Money<NoInfer<C>>): -1 | 0 | 1 {
  assertSameCurrency('compare', a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

/**
 * Tells whether two amounts are the same amount in the same currency. Unlike {@link compare} it never
 * throws: 1 EUR is simply not equal to 1 USD.
 *
 * @param a - first amount
 * @param b - second amount, in any currency
 * @returns `true` when both the currency and the minor units are equal
 * @public
 */
export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.minor === b.minor;
}

/**
 * Tells whether an amount is zero.
 * @param amount - the amount
 * @returns `true` for zero
 * @public
 */
export function isZero(amount: Money): boolean {
  return amount.minor === 0n;
}

/**
 * Tells whether an amount is below zero.
 * @param amount - the amount
 * @returns `true` when `amount < 0`; zero is neither negative nor positive
 * @public
 */
export function isNegative(amount: Money): boolean {
  return amount.minor < 0n;
}

/**
 * Tells whether an amount is above zero.
 * @param amount - the amount
 * @returns `true` when `amount > 0`; zero is neither negative nor positive
 * @public
 */
export function isPositive(amount: Money): boolean {
  return amount.minor > 0n;
}

/**
 * The smallest of one or more amounts of the same currency.
 *
 * @param first - an amount
 * @param others - more amounts, in the same currency
 * @returns the first of the smallest amounts
 * @throws {@link CurrencyMismatchError} (`CORE_CURRENCY_MISMATCH`) when the currencies differ
 * @public
 */
export function min<C extends CurrencyCode>(
  first: Money<C>,
  ...others: readonly Money<NoInfer<C>>[]
): Money<C> {
  let smallest = first;
  for (const other of others) {
    assertSameCurrency('min', first, other);
    if (other.minor < smallest.minor) smallest = other;
  }
  return smallest;
}

/**
 * The largest of one or more amounts of the same currency.
 *
 * @param first - an amount
 * @param others - more amounts, in the same currency
 * @returns the first of the largest amounts
 * @throws {@link CurrencyMismatchError} (`CORE_CURRENCY_MISMATCH`) when the currencies differ
 * @public
 */
export function max<C extends CurrencyCode>(
  first: Money<C>,
  ...others: readonly Money<NoInfer<C>>[]
): Money<C> {
  let largest = first;
  for (const other of others) {
    assertSameCurrency('max', first, other);
    if (other.minor > largest.minor) largest = other;
  }
  return largest;
}

/**
 * Adds up a list of amounts of one currency.
 *
 * @param amounts - the amounts; may be empty only when `currency` is given
 * @param currency - the currency of the total; required for an empty list, whose currency cannot be
 *   inferred, and checked against every amount when given
 * @returns the total, zero for an empty list
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when the list is empty and no currency
 *   is given, or `currency` is not an active ISO 4217 code
 * @throws {@link CurrencyMismatchError} (`CORE_CURRENCY_MISMATCH`) when the amounts are not all in one currency
 * @example
 * ```ts
 * sum([money('1.10', 'EUR'), money('2.20', 'EUR')]); // 3.30 EUR
 * sum([], 'EUR');                                     // 0.00 EUR
 * ```
 * @public
 */
export function sum<C extends CurrencyCode>(amounts: readonly Money<C>[]): Money<C>;
/**
 * Adds up a list of amounts in the given currency; the list may be empty.
 * @param amounts - the amounts, all in `currency`
 * @param currency - the currency of the total
 * @returns the total, zero in `currency` for an empty list
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `currency` is not an active ISO 4217 code
 * @throws {@link CurrencyMismatchError} (`CORE_CURRENCY_MISMATCH`) when an amount is in another currency
 * @public
 */
export function sum<C extends CurrencyCode>(amounts: readonly Money<NoInfer<C>>[], currency: C): Money<C>;
export function sum<C extends CurrencyCode>(amounts: readonly Money<C>[], currency?: C): Money<C> {
  let code: C;
  if (currency !== undefined) {
    requireCurrency(currency, 'sum', NO_PATH);
    code = currency;
  } else if (amounts.length > 0) {
    code = (amounts[0] as Money<C>).currency;
  } else {
    throw new UnknownCurrencyError(
      CoreErrorCodes.UNKNOWN_CURRENCY,
      '[deltran] sum: expected a currency for an empty list of amounts, as in sum([], "EUR"), got none',
    );
  }
  let total = 0n;
  for (let index = 0; index < amounts.length; index++) {
    const amount = amounts[index] as Money<C>;
    if (amount.currency !== code) throw mismatch('sum', code, amount.currency, [index]);
    total += amount.minor;
  }
  return createMoney(total, code);
}

function assertSameCurrency(where: string, a: Money, b: Money): void {
  if (a.currency !== b.currency) throw mismatch(where, a.currency, b.currency, NO_PATH);
}

function mismatch(
  where: string,
  expected: string,
  got: string,
  path: readonly (string | number)[],
): CurrencyMismatchError {
  return new CurrencyMismatchError(
    CoreErrorCodes.CURRENCY_MISMATCH,
    `${messagePrefix(where, path)}expected amounts in one currency, got ${expected} and ${got}; convert one of them first`,
    { path },
  );
}
