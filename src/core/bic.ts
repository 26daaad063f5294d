/**
 * Business Identifier Codes (BIC), ISO 9362:2022.
 *
 * A BIC is 8 or 11 characters: a 4-character institution (party prefix) code, a 2-letter ISO 3166-1 country
 * code, a 2-character location (party suffix) code and an optional 3-character branch code. The check is
 * the ISO 20022 `BICFIDec2014Identifier` pattern `[A-Z0-9]{4,4}[A-Z]{2,2}[A-Z0-9]{2,2}([A-Z0-9]{3,3}){0,1}`
 * plus a lookup of the country in `COUNTRY_CODES` (country.ts).
 *
 * @packageDocumentation
 */
import { isCountryCodeAt } from './country';
import { CoreErrorCodes, formatPath, InvalidIdentifierError } from './errors';

/** Options for {@link parseBic} and {@link normalizeBic}. @public */
export interface BicOptions {
  /** Where the BIC sits in the caller's input, reported in the error (for example `['InstgAgt', 'FinInstnId', 'BICFI']`). */
  readonly path?: readonly (string | number)[];
}

/** A BIC split into its ISO 9362 parts, as returned by {@link parseBic}. @public */
export interface BicParts {
  /** The whole BIC, 8 or 11 characters, exactly as given. */
  readonly bic: string;
  /** Characters 1–4: the institution (ISO 9362:2022 "party prefix"), letters or digits. */
  readonly institution: string;
  /** Characters 5–6: the ISO 3166-1 alpha-2 country code (or `XK`). */
  readonly country: string;
  /** Characters 7–8: the location ("party suffix"). A `0` as second character marks a test BIC. */
  readonly location: string;
  /**
   * Characters 9–11, or `undefined` for an 8-character BIC. `'XXX'` (primary office) is kept as given,
   * never invented: use {@link toBic11} to compare an 8-character BIC with an 11-character one.
   */
  readonly branch: string | undefined;
}

/**
 * Tells whether `value` is a well-formed BIC: 8 or 11 upper-case letters and digits, with an assigned
 * ISO 3166-1 country code in positions 5–6.
 *
 * Strict: lower case and spaces are invalid, so that a value that passes can be written to ISO 20022
 * `BICFI` as it is. Clean user input with {@link normalizeBic} first. Whether the BIC is actually
 * published in the SWIFT BIC directory is not checked (that needs the directory).
 *
 * @param value - the candidate BIC
 * @returns `true` for `"DEUTDEFF"` or `"DEUTDEFF500"`, `false` for `"deutdeff"` or `"DEUTZZFF"`
 * @example
 * ```ts
 * isValidBic('BOFAUS3N'); // true
 * isValidBic('BOFA US 3N'); // false: normalizeBic('BOFA US 3N') gives 'BOFAUS3N'
 * ```
 * @public
 */
export function isValidBic(value: string): boolean {
  return bicFailure(value) === OK;
}

/**
 * Checks a BIC and splits it into its parts.
 *
 * @param value - the BIC, 8 or 11 characters, upper case (see {@link isValidBic})
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns the parts of the BIC; `branch` is `undefined` for an 8-character BIC
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) saying what is wrong: the length,
 * a character, or the country code
 * @example
 * ```ts
 * parseBic('DEUTDEFF500');
 * // { bic: 'DEUTDEFF500', institution: 'DEUT', country: 'DE', location: 'FF', branch: '500' }
 * ```
 * @public
 */
export function parseBic(value: string, options: BicOptions = {}): BicParts {
  check('parseBic', value, options);
  return {
    bic: value,
    institution: value.slice(0, 4),
    country: value.slice(4, 6),
    location: value.slice(6, 8),
    branch: value.length === 11 ? value.slice(8, 11) : undefined,
  };
}

/**
 * Cleans a BIC typed or pasted by a person: trims it, removes the spaces inside it, upper-cases ASCII
 * letters, then checks the result.
 *
 * @param value - the raw BIC, for example `" deut de ff 500 "`
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns the BIC in its canonical form, for example `"DEUTDEFF500"`
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when the cleaned value is still not a BIC
 * @example
 * ```ts
 * normalizeBic('chas us 33'); // 'CHASUS33'
 * ```
 * @public
 */
export function normalizeBic(value: string, options: BicOptions = {}): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === SPACE) continue;
    // ASCII only: String#toUpperCase would turn "ß" into "SS" or "ı" into "I" and make a BIC out of text
    // that never was one.
    out += c >= LOWER_A && c <= LOWER_Z ? String.fromCharCode(c - 32) : value[i];
  }
  check('normalizeBic', out, options);
  return out;
}

/**
 * Returns the 11-character form of a BIC: an 8-character BIC gets the primary-office branch code `XXX`.
 *
 * ISO 9362 treats `DEUTDEFF` and `DEUTDEFFXXX` as the same party; compare BICs in this form.
 *
 * @param bic - a valid BIC, 8 or 11 characters
 * @returns the BIC with 11 characters
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when `bic` fails {@link isValidBic}
 * @example
 * ```ts
 * toBic11('DEUTDEFF'); // 'DEUTDEFFXXX'
 * toBic11('DEUTDEFF500'); // 'DEUTDEFF500'
 * ```
 * @public
 */
export function toBic11(bic: string): string {
  check('toBic11', bic, {});
  return bic.length === 8 ? `${bic}XXX` : bic;
}

/**
 * Returns the 8-character form of a BIC (institution, country and location), dropping any branch code.
 *
 * For `DEUTDEFF500` this is `DEUTDEFF`, the institution's primary office, which is a different party
 * from the branch: use it to group by institution, not to route.
 *
 * @param bic - a valid BIC, 8 or 11 characters
 * @returns the first 8 characters
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when `bic` fails {@link isValidBic}
 * @example
 * ```ts
 * toBic8('DEUTDEFFXXX'); // 'DEUTDEFF'
 * ```
 * @public
 */
export function toBic8(bic: string): string {
  check('toBic8', bic, {});
  return bic.slice(0, 8);
}

/**
 * Returns the ISO 3166-1 country code of a BIC (characters 5–6).
 *
 * @param bic - a valid BIC, 8 or 11 characters
 * @returns the country code, for example `"AE"` for `"NBADAEAA"`
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when `bic` fails {@link isValidBic}
 * @example
 * ```ts
 * bicCountry('LUMIILIT'); // 'IL'
 * ```
 * @public
 */
export function bicCountry(bic: string): string {
  check('bicCountry', bic, {});
  return bic.slice(4, 6);
}

const SPACE = 0x20;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;

// Failure reasons, as small integers so the boolean path allocates nothing; messages are built only
// when an error is thrown.
const OK = 0;
const BAD_LENGTH = 1;
const BAD_CHARACTER = 2;
const UNKNOWN_COUNTRY = 3;
type Failure = typeof OK | typeof BAD_LENGTH | typeof BAD_CHARACTER | typeof UNKNOWN_COUNTRY;

function bicFailure(value: string): Failure {
  const length = value.length;
  if (length !== 8 && length !== 11) return BAD_LENGTH;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    const isLetter = c >= 0x41 && c <= 0x5a;
    // Positions 5–6 are the country and must be letters. The institution code (1–4) is alphanumeric:
    // ISO 9362:2014 widened it from letters only, and ISO 20022 moved from `BICFIIdentifier` to
    // `BICFIDec2014Identifier` for that reason.
    if (i === 4 || i === 5 ? !isLetter : !isLetter && !(c >= 0x30 && c <= 0x39)) return BAD_CHARACTER;
  }
  return isCountryCodeAt(value, 4) ? OK : UNKNOWN_COUNTRY;
}

function check(fn: string, value: string, options: BicOptions): void {
  const failure = bicFailure(value);
  if (failure === OK) return;
  const path = options.path ?? [];
  const where = path.length === 0 ? '' : `${formatPath(path)}: `;
  throw new InvalidIdentifierError(
    CoreErrorCodes.INVALID_IDENTIFIER,
    `[deltran] ${fn}: ${where}${describe(failure, value)}`,
    { path },
  );
}

function describe(failure: Failure, value: string): string {
  switch (failure) {
    case BAD_LENGTH:
      return `expected a BIC of 8 or 11 characters (ISO 9362), got ${value.length}`;
    case BAD_CHARACTER:
      return `expected a BIC of upper-case letters and digits with letters in positions 5-6 (ISO 9362), got ${quote(value)}`;
    default:
      return `expected an ISO 3166-1 country code in positions 5-6 of the BIC, got "${value.slice(4, 6)}" in ${quote(value)}`;
  }
}

// A BIC is public reference data, so it may appear in the message; the cap keeps a pasted document out of it.
function quote(value: string): string {
  return value.length <= 40 ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, 40))}…`;
}
