/**
 * ISO 4217 currencies as data (STYLE.md §3.3): the {@link Currency} shape, the {@link CurrencyCode}
 * union derived from the table in `iso4217.ts`, and the look-ups that check a code at the boundary.
 *
 * @packageDocumentation
 */
import { CoreErrorCodes, formatPath, UnknownCurrencyError } from './errors';
import { ISO4217 } from './iso4217';

/**
 * One ISO 4217 entry.
 * @public
 */
export interface Currency {
  /** Alphabetic code, three upper-case letters (ISO 4217 `Ccy`, for example `EUR`). */
  readonly code: string;
  /** Numeric code, three digits kept as text so leading zeros survive (ISO 4217 `CcyNbr`, `008` for ALL). */
  readonly numeric: string;
  /**
   * Minor unit: how many fraction digits an amount may carry (ISO 4217 `CcyMnrUnts`; JPY 0, EUR 2,
   * BHD 3). Codes ISO marks "N.A." (XAU, XDR, XXX …) have 0.
   */
  readonly exponent: number;
  /** English name as ISO 4217 List One spells it (ISO 4217 `CcyNm`). */
  readonly name: string;
}

/**
 * An active ISO 4217 alphabetic code, as a union of literals (`'AED' | 'AFN' | … | 'ZWG'`).
 * @public
 */
export type CurrencyCode = keyof typeof ISO4217;

// Built once: the table is frozen, so the list can be shared by every caller.
const ALL_CURRENCIES: readonly Currency[] = Object.freeze(Object.values(ISO4217));

const NO_PATH: readonly (string | number)[] = Object.freeze([]);

/**
 * Tells whether a value is an active ISO 4217 alphabetic code. Codes are case-sensitive (`'eur'` is
 * not one), and names inherited by every object such as `'__proto__'` or `'constructor'` are not codes.
 *
 * @param code - the value to check, typically a `Ccy` attribute read from a message
 * @returns `true` when `code` is a key of the ISO 4217 table, narrowing it to {@link CurrencyCode}
 * @example
 * ```ts
 * if (isCurrencyCode(ccy)) total = money(text, ccy);
 * ```
 * @public
 */
export function isCurrencyCode(code: unknown): code is CurrencyCode {
  // Object.hasOwn, not `in`: `'constructor' in ISO4217` is true through the prototype chain.
  return typeof code === 'string' && Object.hasOwn(ISO4217, code);
}

/**
 * Looks up an ISO 4217 currency.
 *
 * @param code - alphabetic code, for example `'EUR'`
 * @param path - where the code came from, copied into the error's `path` (for example
 *   `['CdtTrfTxInf', 0, 'IntrBkSttlmAmt', 'Ccy']`)
 * @returns the frozen table entry
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `code` is not an active ISO 4217 code
 * @example
 * ```ts
 * getCurrency('BHD').exponent; // 3
 * ```
 * @public
 */
export function getCurrency(code: string, path?: readonly (string | number)[]): Currency {
  return requireCurrency(code, 'getCurrency', path ?? NO_PATH);
}

/**
 * The number of fraction digits of a currency (its ISO 4217 minor unit).
 *
 * @param code - alphabetic code, for example `'JPY'`
 * @returns the exponent: 0 for JPY, 2 for EUR, 3 for KWD, 4 for CLF
 * @throws {@link UnknownCurrencyError} (`CORE_UNKNOWN_CURRENCY`) when `code` is not an active ISO 4217 code
 * @public
 */
export function currencyExponent(code: string): number {
  return requireCurrency(code, 'currencyExponent', NO_PATH).exponent;
}

/**
 * Every active ISO 4217 currency, sorted by alphabetic code.
 *
 * @returns a frozen array of frozen entries, the same array on every call
 * @public
 */
export function listCurrencies(): readonly Currency[] {
  return ALL_CURRENCIES;
}

/**
 * Looks up a currency for the public function `where`, naming it in the error message.
 * Shared by `money.ts`, `allocate.ts` and `decimal.ts`; never re-export it from an index.
 * @internal
 */
export function requireCurrency(code: unknown, where: string, path: readonly (string | number)[]): Currency {
  if (typeof code === 'string' && Object.hasOwn(ISO4217, code)) return ISO4217[code as CurrencyCode];
  throw new UnknownCurrencyError(
    CoreErrorCodes.UNKNOWN_CURRENCY,
    `${messagePrefix(where, path)}expected an active ISO 4217 currency code such as "EUR", got ${describeValue(code)}`,
    { path },
  );
}

/**
 * The start of every core error message: `[deltran] money: CdtTrfTxInf[0]/IntrBkSttlmAmt: ` (STYLE.md §4.3).
 * @internal
 */
export function messagePrefix(where: string, path: readonly (string | number)[]): string {
  return path.length === 0 ? `[deltran] ${where}: ` : `[deltran] ${where}: ${formatPath(path)}: `;
}

// Long enough to recognise an amount or a code, short enough that a megabyte of junk input does not end
// up in a log line.
const DESCRIBED_LENGTH_MAX = 40;

/**
 * Renders a bad input for an error message: strings quoted (so whitespace shows) and cut to 40
 * characters, other values with their type (`number 10.5`).
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= DESCRIBED_LENGTH_MAX) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, DESCRIBED_LENGTH_MAX))}… (${value.length} characters)`;
  }
  if (typeof value === 'bigint') return `bigint ${value}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return Array.isArray(value) ? 'an array' : typeof value;
}
