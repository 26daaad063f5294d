/**
 * Legal Entity Identifiers (LEI), ISO 17442-1:2020.
 *
 * An LEI is 20 characters: 18 upper-case letters or digits (a 4-character prefix of the issuing
 * organisation, the LOU, then a 14-character entity part) and 2 check digits, such that the whole string
 * passes ISO 7064 MOD 97-10 (remainder 1, letters counted `A` = 10 … `Z` = 35). The pattern is ISO 20022
 * `LEIIdentifier`, `[A-Z0-9]{18,18}[0-9]{2,2}`.
 *
 * @packageDocumentation
 */
import { CoreErrorCodes, formatPath, InvalidIdentifierError } from './errors';
import { mod97 } from './iban';

/** Options for {@link parseLei} and {@link normalizeLei}. @public */
export interface LeiOptions {
  /** Where the LEI sits in the caller's input, reported in the error (for example `['Dbtr', 'Id', 'OrgId', 'LEI']`). */
  readonly path?: readonly (string | number)[];
}

/** An LEI split into its ISO 17442-1 parts, as returned by {@link parseLei}. @public */
export interface LeiParts {
  /** The whole LEI, 20 characters. */
  readonly lei: string;
  /** Characters 1–4: the prefix of the Local Operating Unit (LOU) that issued the LEI. */
  readonly louPrefix: string;
  /** Characters 5–18: the entity-specific part chosen by the LOU (ISO 17442-1:2020 merged the former reserved characters 5–6 into it). */
  readonly entityCode: string;
  /** Characters 19–20: the check digits, `"02"` to `"98"`. */
  readonly checkDigits: string;
}

/**
 * Tells whether `value` is a well-formed LEI with correct check digits.
 *
 * Strict: lower case and spaces are invalid; clean user input with {@link normalizeLei}. Whether the LEI
 * is issued and its registration current is not checked (that needs the GLEIF database).
 *
 * @param value - the candidate LEI
 * @returns `true` when the pattern and the ISO 7064 MOD 97-10 check pass
 * @example
 * ```ts
 * isValidLei('506700GE1G29325QX363'); // true: GLEIF's own LEI
 * isValidLei('506700GE1G29325QX364'); // false: check digits
 * ```
 * @public
 */
export function isValidLei(value: string): boolean {
  return leiFailure(value) === OK;
}

/**
 * Checks an LEI and splits it into its parts.
 *
 * @param value - the LEI, 20 characters, upper case
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns the parts of the LEI
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) saying what is wrong: the length,
 * a character, or the check digits
 * @example
 * ```ts
 * parseLei('506700GE1G29325QX363');
 * // { lei: '506700GE1G29325QX363', louPrefix: '5067', entityCode: '00GE1G29325QX3', checkDigits: '63' }
 * ```
 * @public
 */
export function parseLei(value: string, options: LeiOptions = {}): LeiParts {
  check('parseLei', value, options);
  return {
    lei: value,
    louPrefix: value.slice(0, 4),
    entityCode: value.slice(4, 18),
    checkDigits: value.slice(18, 20),
  };
}

/**
 * Cleans an LEI typed or pasted by a person: removes spaces, upper-cases ASCII letters, then checks it.
 *
 * @param value - the raw LEI, for example `" 506700ge1g29325qx363 "`
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns the LEI in its canonical form
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when the cleaned value is not a valid LEI
 * @example
 * ```ts
 * normalizeLei('5067 00GE 1G29 325Q X363'); // '506700GE1G29325QX363'
 * ```
 * @public
 */
export function normalizeLei(value: string, options: LeiOptions = {}): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0) continue;
    // ASCII only: String#toUpperCase maps some non-ASCII letters to ASCII ("ı" to "I").
    out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 32) : value[i];
  }
  check('normalizeLei', out, options);
  return out;
}

const OK = 0;
const BAD_LENGTH = 1;
const BAD_CHARACTER = 2;
const BAD_CHECK_DIGITS = 3;
type Failure = typeof OK | typeof BAD_LENGTH | typeof BAD_CHARACTER | typeof BAD_CHECK_DIGITS;

function leiFailure(value: string): Failure {
  if (value.length !== 20) return BAD_LENGTH;
  for (let i = 0; i < 20; i++) {
    const c = value.charCodeAt(i);
    const isDigit = c >= 0x30 && c <= 0x39;
    if (i >= 18 ? !isDigit : !isDigit && !(c >= 0x41 && c <= 0x5a)) return BAD_CHARACTER;
  }
  // As for IBANs, MOD 97-10 would also accept 00 and 01 (aliases of 97 and 98), which ISO 17442 never
  // generates: reject them so that one entity has one LEI string.
  const checkDigits = (value.charCodeAt(18) - 0x30) * 10 + (value.charCodeAt(19) - 0x30);
  if (checkDigits < 2 || checkDigits > 98) return BAD_CHECK_DIGITS;
  return mod97(value) === 1 ? OK : BAD_CHECK_DIGITS;
}

function check(fn: string, value: string, options: LeiOptions): void {
  const failure = leiFailure(value);
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
      return `expected an LEI of 20 characters (ISO 17442), got ${value.length}`;
    case BAD_CHARACTER:
      return `expected an LEI of 18 upper-case letters or digits and 2 check digits (ISO 17442), got ${quote(value)}`;
    default: {
      const digits = value.slice(18);
      const number = Number(digits);
      return number < 2 || number > 98
        ? `expected LEI check digits from 02 to 98 (ISO 17442), got "${digits}" in ${quote(value)}`
        : `check digits "${digits}" of LEI ${quote(value)} do not match (ISO 7064 MOD 97-10)`;
    }
  }
}

// An LEI is public reference data, so it may appear in the message; the cap keeps a pasted document out of it.
function quote(value: string): string {
  return value.length <= 40 ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, 40))}…`;
}
