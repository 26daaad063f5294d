/**
 * International Bank Account Numbers (IBAN), ISO 13616-1:2020, checked against the SWIFT IBAN Registry.
 *
 * An IBAN is a 2-letter country code, 2 check digits and a country-specific Basic Bank Account Number (BBAN).
 * Validation checks, in this order: the characters, the country (it must have an entry in the registry),
 * the length for that country, the BBAN structure for that country, and the check digits (ISO 7064
 * MOD 97-10, as ISO 13616-1 specifies).
 *
 * @packageDocumentation
 */
import { assert } from './assert';
import { isCountryCodeAt, letterPairIndex } from './country';
import { CoreErrorCodes, formatPath, InvalidIdentifierError } from './errors';

/** Options for {@link parseIban} and {@link normalizeIban}. @public */
export interface IbanOptions {
  /** Where the IBAN sits in the caller's input, reported in the error (for example `['CdtrAcct', 'Id', 'IBAN']`). */
  readonly path?: readonly (string | number)[];
}

/** An IBAN split into its ISO 13616 parts, as returned by {@link parseIban}. @public */
export interface IbanParts {
  /** The IBAN in electronic form: no spaces, as ISO 20022 `IBAN` elements carry it. */
  readonly iban: string;
  /** Characters 1–2: the ISO 3166-1 country code of the registry entry (or `XK`). */
  readonly country: string;
  /** Characters 3–4: the check digits, `"02"` to `"98"`. */
  readonly checkDigits: string;
  /** Characters 5 onwards: the Basic Bank Account Number, in the country's registered structure. */
  readonly bban: string;
}

/** The registry entry of one IBAN country, as returned by {@link ibanSpec}. @public */
export interface IbanSpec {
  /** The IBAN prefix, an ISO 3166-1 alpha-2 code (or `XK`). */
  readonly country: string;
  /** The IBAN length for this country, check digits and country code included. */
  readonly length: number;
  /**
   * The BBAN structure in the registry's notation: `8!n10!n` is 8 digits then 10 digits; `n` digits,
   * `a` upper-case letters, `c` letters or digits (upper case only here, see {@link isValidIban}).
   */
  readonly bbanStructure: string;
}

/**
 * The SWIFT IBAN Registry release the country table was taken from.
 *
 * @remarks
 * Release 102, June 2026 (the registry's "IBAN_Registry.txt", 89 countries). The table below is a copy of
 * its "IBAN prefix country code", "IBAN structure" and "IBAN length" rows. Territories that use another
 * country's prefix (for example GF, PF and RE use FR; IM, JE and GG use GB; AX uses FI) have no entry of
 * their own, because their IBANs start with that prefix.
 * @public
 */
export const IBAN_REGISTRY_RELEASE: string = 'SWIFT IBAN Registry, Release 102 (June 2026)';

// [IBAN length, BBAN structure] per prefix, from the release above. The structure is the "IBAN structure"
// row without its leading `<CC>2!n` (for CZ it is finer than the "BBAN structure" row, same characters).
const REGISTRY: Readonly<Record<string, readonly [number, string]>> = {
  AD: [24, '4!n4!n12!c'], // Andorra
  AE: [23, '3!n16!n'], // United Arab Emirates (The)
  AL: [28, '8!n16!c'], // Albania
  AT: [20, '5!n11!n'], // Austria
  AZ: [28, '4!a20!c'], // Azerbaijan
  BA: [20, '3!n3!n8!n2!n'], // Bosnia and Herzegovina
  BE: [16, '3!n7!n2!n'], // Belgium
  BG: [22, '4!a4!n2!n8!c'], // Bulgaria
  BH: [22, '4!a14!c'], // Bahrain
  BI: [27, '5!n5!n11!n2!n'], // Burundi
  BR: [29, '8!n5!n10!n1!a1!c'], // Brazil
  BY: [28, '4!c4!n16!c'], // Belarus
  CH: [21, '5!n12!c'], // Switzerland
  CR: [22, '4!n14!n'], // Costa Rica
  CY: [28, '3!n5!n16!c'], // Cyprus
  CZ: [24, '4!n6!n10!n'], // Czechia
  DE: [22, '8!n10!n'], // Germany
  DJ: [27, '5!n5!n11!n2!n'], // Djibouti
  DK: [18, '4!n9!n1!n'], // Denmark
  DO: [28, '4!c20!n'], // Dominican Republic
  EE: [20, '2!n14!n'], // Estonia
  EG: [29, '4!n4!n17!n'], // Egypt
  ES: [24, '4!n4!n1!n1!n10!n'], // Spain
  FI: [18, '3!n11!n'], // Finland
  FK: [18, '2!a12!n'], // Falkland Islands (Malvinas)
  FO: [18, '4!n9!n1!n'], // Faroe Islands
  FR: [27, '5!n5!n11!c2!n'], // France
  GB: [22, '4!a6!n8!n'], // United Kingdom
  GE: [22, '2!a16!n'], // Georgia
  GI: [23, '4!a15!c'], // Gibraltar
  GL: [18, '4!n9!n1!n'], // Greenland
  GR: [27, '3!n4!n16!c'], // Greece
  GT: [28, '4!c20!c'], // Guatemala
  HN: [28, '4!a20!n'], // Honduras
  HR: [21, '7!n10!n'], // Croatia
  HU: [28, '3!n4!n1!n15!n1!n'], // Hungary
  IE: [22, '4!a6!n8!n'], // Ireland
  IL: [23, '3!n3!n13!n'], // Israel
  IQ: [23, '4!a3!n12!n'], // Iraq
  IS: [26, '4!n2!n6!n10!n'], // Iceland
  IT: [27, '1!a5!n5!n12!c'], // Italy
  JO: [30, '4!a4!n18!c'], // Jordan
  KW: [30, '4!a22!c'], // Kuwait
  KZ: [20, '3!n13!c'], // Kazakhstan
  LB: [28, '4!n20!c'], // Lebanon
  LC: [32, '4!a24!c'], // Saint Lucia
  LI: [21, '5!n12!c'], // Liechtenstein
  LT: [20, '5!n11!n'], // Lithuania
  LU: [20, '3!n13!c'], // Luxembourg
  LV: [21, '4!a13!c'], // Latvia
  LY: [25, '3!n3!n15!n'], // Libya
  MC: [27, '5!n5!n11!c2!n'], // Monaco
  MD: [24, '2!c18!c'], // Moldova, Republic of
  ME: [22, '3!n13!n2!n'], // Montenegro
  MK: [19, '3!n10!c2!n'], // North Macedonia
  MN: [20, '4!n12!n'], // Mongolia
  MR: [27, '5!n5!n11!n2!n'], // Mauritania
  MT: [31, '4!a5!n18!c'], // Malta
  MU: [30, '4!a2!n2!n12!n3!n3!a'], // Mauritius
  NI: [28, '4!a20!n'], // Nicaragua
  NL: [18, '4!a10!n'], // Netherlands (The)
  NO: [15, '4!n6!n1!n'], // Norway
  OM: [23, '3!n16!c'], // Oman
  PK: [24, '4!a16!c'], // Pakistan
  PL: [28, '8!n16!n'], // Poland
  PS: [29, '4!a21!c'], // Palestine, State of
  PT: [25, '4!n4!n11!n2!n'], // Portugal
  QA: [29, '4!a21!c'], // Qatar
  RO: [24, '4!a16!c'], // Romania
  RS: [22, '3!n13!n2!n'], // Serbia
  RU: [33, '9!n5!n15!c'], // Russian Federation
  SA: [24, '2!n18!c'], // Saudi Arabia
  SC: [31, '4!a2!n2!n16!n3!a'], // Seychelles
  SD: [18, '2!n12!n'], // Sudan
  SE: [24, '3!n16!n1!n'], // Sweden
  SI: [19, '5!n8!n2!n'], // Slovenia
  SK: [24, '4!n6!n10!n'], // Slovakia
  SM: [27, '1!a5!n5!n12!c'], // San Marino
  SO: [23, '4!n3!n12!n'], // Somalia
  ST: [25, '4!n4!n11!n2!n'], // Sao Tome and Principe
  SV: [28, '4!a20!n'], // El Salvador
  TL: [23, '3!n14!n2!n'], // Timor-Leste
  TN: [24, '2!n3!n13!n2!n'], // Tunisia
  TR: [26, '5!n1!n16!c'], // Turkiye
  UA: [29, '6!n19!c'], // Ukraine
  VA: [22, '3!n15!n'], // Holy See
  VG: [24, '4!a16!n'], // Virgin Islands (British)
  XK: [20, '4!n10!n2!n'], // Kosovo
  YE: [30, '4!a4!n18!c'], // Yemen
};

/**
 * The prefixes with an entry in the SWIFT IBAN Registry (see {@link IBAN_REGISTRY_RELEASE}), sorted. Frozen.
 * @public
 */
export const IBAN_COUNTRY_CODES: readonly string[] = Object.freeze(Object.keys(REGISTRY).sort());

interface Compiled {
  readonly spec: IbanSpec;
  /** One kind per BBAN character (`n`, `a` or `c`), expanded from the structure. */
  readonly kinds: string;
}

// Indexed by letterPairIndex(country) so the hot path looks a country up without slicing a string.
const COMPILED: readonly (Compiled | undefined)[] = compileRegistry();

/**
 * Returns the SWIFT IBAN Registry entry of a country: its IBAN length and BBAN structure.
 *
 * @param country - an upper-case ISO 3166-1 alpha-2 code
 * @returns the entry, or `undefined` when the country has no IBAN in the registry (for example `"US"`)
 * @example
 * ```ts
 * ibanSpec('DE'); // { country: 'DE', length: 22, bbanStructure: '8!n10!n' }
 * ```
 * @public
 */
export function ibanSpec(country: string): IbanSpec | undefined {
  return country.length === 2 ? COMPILED[letterPairIndex(country, 0)]?.spec : undefined;
}

/**
 * Tells whether `value` is a valid IBAN: registered country, length and BBAN structure for that country,
 * and check digits (ISO 7064 MOD 97-10).
 *
 * Accepts the electronic form (`"DE89370400440532013000"`) and the ISO 13616 print form, with one space
 * after every 4 characters (`"DE89 3704 0044 0532 0130 00"`).
 *
 * Strict: lower case is invalid. Every example in the registry is upper case, and accepting lower case in
 * the registry's `c` (letter or digit) fields would make two different strings the same account. Clean
 * user input with {@link normalizeIban} first; so should a parser of ISO 20022 messages, whose
 * `IBAN2007Identifier` pattern (`[A-Z]{2,2}[0-9]{2,2}[a-zA-Z0-9]{1,30}`) lets lower case through.
 *
 * @param value - the candidate IBAN
 * @returns `true` when every check passes
 * @example
 * ```ts
 * isValidIban('GB29NWBK60161331926819'); // true
 * isValidIban('GB29 NWBK 6016 1331 9268 19'); // true
 * isValidIban('gb29nwbk60161331926819'); // false: normalizeIban accepts it
 * isValidIban('GB28NWBK60161331926819'); // false: check digits
 * ```
 * @public
 */
export function isValidIban(value: string): boolean {
  return ibanFailure(value) === OK;
}

/**
 * Tells whether `value` is a valid IBAN in electronic form: {@link isValidIban} without the print form.
 *
 * Use it where the IBAN is stored or sent as ISO 20022 `IBAN` (`IBAN2007Identifier` has no spaces), for
 * example in a schema, so that a print form never reaches a message builder.
 *
 * @param value - the candidate IBAN
 * @returns `true` for `"DE89370400440532013000"`, `false` for `"DE89 3704 0044 0532 0130 00"`
 * @example
 * ```ts
 * isElectronicIban('NL91ABNA0417164300'); // true
 * isElectronicIban('NL91 ABNA 0417 1643 00'); // false: formatIban's output, not for the wire
 * ```
 * @public
 */
export function isElectronicIban(value: string): boolean {
  return !isPrintForm(value) && ibanFailure(value) === OK;
}

/**
 * Checks an IBAN and splits it into its parts.
 *
 * @param value - the IBAN, in electronic or print form, upper case (see {@link isValidIban})
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns the parts; `iban` is always the electronic form
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) whose message says why: a character
 * that is not an upper-case letter or digit, a country with no IBAN, the wrong length for the country
 * (with the expected length), a BBAN that does not follow the country's structure, or wrong check digits.
 * The message never repeats the account number itself, which is personal data.
 * @example
 * ```ts
 * parseIban('DE89 3704 0044 0532 0130 00');
 * // { iban: 'DE89370400440532013000', country: 'DE', checkDigits: '89', bban: '370400440532013000' }
 * parseIban('DE8937040044053201300', { path: ['CdtrAcct', 'Id', 'IBAN'] });
 * // throws: "[deltran] parseIban: CdtrAcct/Id/IBAN: expected 22 characters for DE, got 21"
 * ```
 * @public
 */
export function parseIban(value: string, options: IbanOptions = {}): IbanParts {
  check('parseIban', value, options);
  const iban = isPrintForm(value) ? removeSpaces(value) : value;
  return { iban, country: iban.slice(0, 2), checkDigits: iban.slice(2, 4), bban: iban.slice(4) };
}

/**
 * Cleans an IBAN typed or pasted by a person: removes all whitespace, upper-cases ASCII letters, then
 * checks the result.
 *
 * Unlike {@link isValidIban}, any grouping is accepted, such as the registry's own print examples for
 * Burundi (`"BI42 10000 10001 00003320451 81"`) or El Salvador.
 *
 * @param value - the raw IBAN, for example `" de89 3704 0044 0532 0130 00"`
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns the IBAN in electronic form, for example `"DE89370400440532013000"`
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when the cleaned value is not a
 * valid IBAN, saying why (see {@link parseIban})
 * @example
 * ```ts
 * normalizeIban('fr14 2004 1010 0505 0001 3m02 606'); // 'FR1420041010050500013M02606'
 * ```
 * @public
 */
export function normalizeIban(value: string, options: IbanOptions = {}): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isWhitespace(c)) continue;
    // ASCII only: String#toUpperCase maps some non-ASCII letters to ASCII ("ı" to "I", "ﬀ" to "FF").
    out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 32) : value[i];
  }
  check('normalizeIban', out, options);
  return out;
}

/**
 * Writes a valid IBAN in the ISO 13616 print form: groups of 4 characters separated by one space.
 *
 * @param iban - a valid IBAN, electronic or print form
 * @returns the print form, for example `"DE89 3704 0044 0532 0130 00"`
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when `iban` fails {@link isValidIban}
 * @example
 * ```ts
 * formatIban('NL91ABNA0417164300'); // 'NL91 ABNA 0417 1643 00'
 * ```
 * @public
 */
export function formatIban(iban: string): string {
  check('formatIban', iban, {});
  if (isPrintForm(iban)) return iban;
  let out = iban.slice(0, 4);
  for (let i = 4; i < iban.length; i += 4) out += ` ${iban.slice(i, i + 4)}`;
  return out;
}

/**
 * Returns the country code of a valid IBAN (characters 1–2).
 *
 * @param iban - a valid IBAN, electronic or print form
 * @returns the country code, for example `"CH"`
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when `iban` fails {@link isValidIban}
 * @example
 * ```ts
 * ibanCountry('CH9300762011623852957'); // 'CH'
 * ```
 * @public
 */
export function ibanCountry(iban: string): string {
  check('ibanCountry', iban, {});
  return iban.slice(0, 2);
}

/**
 * ISO 7064 MOD 97-10 remainder of a string of digits and upper-case letters (`A` = 10 … `Z` = 35), as
 * used by IBAN (after moving the first 4 characters to the end) and LEI (as is). The caller checks the
 * characters first. A valid check gives `1`.
 * @internal
 */
export function mod97(value: string): number {
  return remainder(value, 0, value.length, false, 0) % 97;
}

const OK = 0;
const BAD_CHARACTER = 1;
const BAD_SPACING = 2;
const UNKNOWN_COUNTRY = 3;
const BAD_LENGTH = 4;
const BAD_BBAN = 5;
const BAD_CHECK_DIGITS = 6;
// Failure reasons are small integers so that the boolean path allocates nothing; the message is built
// by describe() only when an error is thrown.
type Failure =
  | typeof OK
  | typeof BAD_CHARACTER
  | typeof BAD_SPACING
  | typeof UNKNOWN_COUNTRY
  | typeof BAD_LENGTH
  | typeof BAD_BBAN
  | typeof BAD_CHECK_DIGITS;

const SPACE = 0x20;
const KIND_DIGIT = 0x6e; // 'n'
const KIND_LETTER = 0x61; // 'a'

// In the print form, character i of the electronic form is at i + floor(i / 4): one space every 4.
function physical(i: number, print: boolean): number {
  return print ? i + (i >> 2) : i;
}

function isPrintForm(value: string): boolean {
  return value.length > 4 && value.charCodeAt(4) === SPACE;
}

function electronicLength(value: string, print: boolean): number {
  return print ? value.length - Math.floor(value.length / 5) : value.length;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isWhitespace(c: number): boolean {
  // Space, tab, line breaks and the no-break space that PDFs and spreadsheets put in printed IBANs.
  return c === SPACE || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2007 || c === 0x202f;
}

function ibanFailure(value: string): Failure {
  const print = isPrintForm(value);
  // A print form cannot end on a separator (length 5k), and every fifth character must be the separator.
  if (print && value.length % 5 === 0) return BAD_SPACING;
  const length = electronicLength(value, print);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (print && i % 5 === 4) {
      if (c !== SPACE) return BAD_SPACING;
    } else if (!isDigit(c) && !isUpper(c)) {
      return c === SPACE ? BAD_SPACING : BAD_CHARACTER;
    }
  }
  if (length < 4) return BAD_LENGTH;
  const entry = COMPILED[letterPairIndex(value, 0)];
  if (entry === undefined) return UNKNOWN_COUNTRY;
  if (length !== entry.spec.length) return BAD_LENGTH;
  if (!isDigit(value.charCodeAt(2)) || !isDigit(value.charCodeAt(3))) return BAD_CHECK_DIGITS;
  if (bbanMismatch(value, print, entry.kinds) >= 0) return BAD_BBAN;
  const checkDigits = (value.charCodeAt(2) - 0x30) * 10 + (value.charCodeAt(3) - 0x30);
  // ISO 13616 generates 02..98 only. 00 and 01 would still pass MOD 97-10 (they alias 97 and 98), and 99
  // never can: reject all three explicitly so that one account has exactly one IBAN.
  if (checkDigits < 2 || checkDigits > 98) return BAD_CHECK_DIGITS;
  const rest = remainder(value, 4, length, print, 0);
  return remainder(value, 0, 4, print, rest) % 97 === 1 ? OK : BAD_CHECK_DIGITS;
}

// Index in the BBAN (0-based) of the first character that does not match its kind, or -1.
function bbanMismatch(value: string, print: boolean, kinds: string): number {
  for (let j = 0; j < kinds.length; j++) {
    const c = value.charCodeAt(physical(j + 4, print));
    const kind = kinds.charCodeAt(j);
    if (kind === KIND_DIGIT ? !isDigit(c) : kind === KIND_LETTER ? !isUpper(c) : false) return j;
  }
  return -1;
}

// MOD 97-10 over characters from..to-1 of the electronic form, continuing from `acc`. Digits shift the
// accumulator by one decimal place and letters (10..35) by two. It is reduced only once it reaches 1e7:
// below that, acc * 100 + 35 stays under 2^31, so V8 keeps it a small integer and no BigInt is needed.
function remainder(value: string, from: number, to: number, print: boolean, acc: number): number {
  let r = acc;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(physical(i, print));
    r = c <= 0x39 ? r * 10 + (c - 0x30) : r * 100 + (c - 55);
    if (r >= 10_000_000) r %= 97;
  }
  return r;
}

function removeSpaces(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) if (i % 5 !== 4) out += value[i];
  return out;
}

function check(fn: string, value: string, options: IbanOptions): void {
  const failure = ibanFailure(value);
  if (failure === OK) return;
  const path = options.path ?? [];
  const where = path.length === 0 ? '' : `${formatPath(path)}: `;
  throw new InvalidIdentifierError(
    CoreErrorCodes.INVALID_IDENTIFIER,
    `[deltran] ${fn}: ${where}${describe(failure, value)}`,
    { path },
  );
}

// Builds the reason of a failure. Positions are 1-based and count characters as given (spaces included);
// no part of the account number is repeated beyond the one offending character.
function describe(failure: Failure, value: string): string {
  const print = isPrintForm(value);
  const length = electronicLength(value, print);
  switch (failure) {
    case BAD_CHARACTER: {
      let i = 0;
      while (
        i < value.length &&
        (isDigit(value.charCodeAt(i)) || isUpper(value.charCodeAt(i)) || value.charCodeAt(i) === SPACE)
      )
        i++;
      const c = value.charCodeAt(i);
      const hint = c >= 0x61 && c <= 0x7a ? ' (lower case: use normalizeIban to clean user input)' : '';
      return `expected an IBAN of upper-case letters and digits, got ${JSON.stringify(value.charAt(i))} at position ${i + 1}${hint}`;
    }
    case BAD_SPACING: {
      let i = 0;
      while (i < value.length && (value.charCodeAt(i) === SPACE) === (print && i % 5 === 4)) i++;
      const at = i < value.length ? `position ${i + 1}` : 'the end';
      return `expected the electronic form (no spaces) or the print form (one space after every 4 characters), got a misplaced space or gap at ${at}; use normalizeIban to clean user input`;
    }
    case UNKNOWN_COUNTRY: {
      const prefix = value.slice(0, 2);
      const known = isCountryCodeAt(value, 0) ? 'a country with no IBAN' : 'not an ISO 3166-1 country code';
      return `expected a country code from the ${IBAN_REGISTRY_RELEASE}, got "${prefix}" (${known})`;
    }
    case BAD_LENGTH: {
      const spec = ibanSpec(value.slice(0, 2));
      return spec === undefined
        ? `expected an IBAN of at least 5 characters, got ${length}`
        : `expected ${spec.length} characters for ${spec.country}, got ${length}`;
    }
    case BAD_BBAN: {
      const entry = COMPILED[letterPairIndex(value, 0)]!;
      const j = bbanMismatch(value, print, entry.kinds);
      const kind = entry.kinds.charAt(j) === 'n' ? 'a digit' : 'an upper-case letter';
      return `expected ${kind} at position ${physical(j + 4, print) + 1} (BBAN structure ${entry.spec.bbanStructure} for ${entry.spec.country}), got ${JSON.stringify(value.charAt(physical(j + 4, print)))}`;
    }
    default: {
      const digits = value.slice(2, 4);
      if (!isDigit(digits.charCodeAt(0)) || !isDigit(digits.charCodeAt(1))) {
        return `expected 2 check digits in positions 3-4, got "${digits}"`;
      }
      const number = Number(digits);
      return number < 2 || number > 98
        ? `expected check digits from 02 to 98 (ISO 13616), got "${digits}"`
        : `check digits "${digits}" do not match the account (ISO 7064 MOD 97-10)`;
    }
  }
}

function compileRegistry(): readonly (Compiled | undefined)[] {
  const table: (Compiled | undefined)[] = new Array<Compiled | undefined>(26 * 26).fill(undefined);
  for (const country of IBAN_COUNTRY_CODES) {
    const [length, bbanStructure] = REGISTRY[country]!;
    let kinds = '';
    // The structure is a run of "<count>!<kind>" fields; this grammar has no nesting, so a linear scan
    // (not a regular expression) reads it.
    let count = 0;
    for (const ch of bbanStructure) {
      if (ch >= '0' && ch <= '9') count = count * 10 + (ch.charCodeAt(0) - 0x30);
      else if (ch === 'n' || ch === 'a' || ch === 'c') {
        kinds += ch.repeat(count);
        count = 0;
      }
    }
    // A broken table row would silently accept or reject real IBANs; fail at load instead.
    assert(
      kinds.length + 4 === length,
      `IBAN registry entry ${country}: BBAN structure ${bbanStructure} has ${kinds.length} characters, length says ${length - 4}`,
    );
    const spec: IbanSpec = Object.freeze({ country, length, bbanStructure });
    table[letterPairIndex(country, 0)] = Object.freeze({ spec, kinds });
  }
  return Object.freeze(table);
}
