/**
 * ISO 3166-1 alpha-2 country codes, as used in BICs (ISO 9362), IBANs (ISO 13616) and ISO 20022
 * `CountryCode` elements.
 *
 * Source: the 249 officially assigned alpha-2 codes of the ISO 3166 Maintenance Agency's Online Browsing
 * Platform (https://www.iso.org/obp/ui/#search/code/), checked on 2026-12-01 against Debian `iso-codes`
 * 4.15.0 (`iso_3166-1.json`) and IANA tzdata `iso3166.tab` (current as of ISO/TC 46 N1108, 2023-04-05);
 * all three list the same 249 codes. The set of assigned codes last changed in 2011 (SS, 2011-08-09; BQ,
 * CW and SX, 2010-12-15); later changes to ISO 3166-1 were renamings that kept the code (CZ, MK, SZ, TR).
 *
 * @packageDocumentation
 */
import { CoreErrorCodes, formatPath, InvalidIdentifierError } from './errors';

/** Options for {@link parseCountryCode}. @public */
export interface CountryCodeOptions {
  /** Where the code sits in the caller's input, reported in the error (for example `['Dbtr', 'PstlAdr', 'Ctry']`). */
  readonly path?: readonly (string | number)[];
}

// Kept as one string so the table stays reviewable against the ISO list, two letters at a time.
const ASSIGNED =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
  'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
  'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
  'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
  'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
  'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/**
 * Every code {@link isCountryCode} accepts, sorted: the 249 officially assigned ISO 3166-1 alpha-2 codes
 * plus `XK`. Frozen.
 *
 * @remarks
 * `XK` (Kosovo) is a user-assigned code in ISO 3166-1, not an official one. It is included because SWIFT
 * issues BICs with `XK` in positions 5–6 and the SWIFT IBAN Registry lists `XK` as an IBAN prefix, so a
 * clearing SDK that rejected it would reject real Kosovar payments. No other user-assigned code is accepted.
 * @public
 */
export const COUNTRY_CODES: readonly string[] = Object.freeze([...ASSIGNED.split(' '), 'XK'].sort());

// One flag per pair of letters AA..ZZ, so that validators on the payment hot path (BIC, IBAN) can test the
// two characters in place without slicing a string. Module-private: no caller can mutate it.
const ASSIGNED_FLAGS: Uint8Array = new Uint8Array(26 * 26);
for (const code of COUNTRY_CODES) ASSIGNED_FLAGS[letterPairIndex(code, 0)] = 1;

/**
 * Tells whether `code` is an ISO 3166-1 alpha-2 country code (or `XK`, see {@link COUNTRY_CODES}).
 *
 * Strict: only upper case is accepted, as in ISO 20022 `CountryCode` (`[A-Z]{2,2}`).
 *
 * @param code - the candidate code
 * @returns `true` for an assigned code such as `"DE"`, `false` for `"de"`, `"ZZ"` or `"DEU"`
 * @example
 * ```ts
 * isCountryCode('CH'); // true
 * isCountryCode('ch'); // false
 * ```
 * @public
 */
export function isCountryCode(code: string): boolean {
  return code.length === 2 && isCountryCodeAt(code, 0);
}

/**
 * Checks a country code and returns it, or throws.
 *
 * @param value - the candidate code, upper case
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns `value`, unchanged
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when `value` fails {@link isCountryCode}
 * @example
 * ```ts
 * parseCountryCode('FR'); // 'FR'
 * parseCountryCode('FX', { path: ['Ctry'] }); // throws: "[deltran] parseCountryCode: Ctry: expected an ISO 3166-1 alpha-2 country code, got "FX""
 * ```
 * @public
 */
export function parseCountryCode(value: string, options: CountryCodeOptions = {}): string {
  if (isCountryCode(value)) return value;
  const path = options.path ?? [];
  const where = path.length === 0 ? '' : `${formatPath(path)}: `;
  throw new InvalidIdentifierError(
    CoreErrorCodes.INVALID_IDENTIFIER,
    `[deltran] parseCountryCode: ${where}expected an ISO 3166-1 alpha-2 country code, got ${JSON.stringify(value)}`,
    { path },
  );
}

/**
 * Tells whether the two characters of `value` at `offset` form a code {@link isCountryCode} accepts, without
 * allocating. For the BIC and IBAN validators.
 * @internal
 */
export function isCountryCodeAt(value: string, offset: number): boolean {
  const index = letterPairIndex(value, offset);
  return index >= 0 && ASSIGNED_FLAGS[index] === 1;
}

/**
 * Maps two upper-case ASCII letters at `offset` to `0..675` (`AA` = 0, `ZZ` = 675), or `-1` for anything
 * else (including a string too short). Lets a table keyed by country be a flat array.
 * @internal
 */
export function letterPairIndex(value: string, offset: number): number {
  // charCodeAt past the end is NaN, which fails both range tests.
  const first = value.charCodeAt(offset) - 0x41;
  const second = value.charCodeAt(offset + 1) - 0x41;
  if (!(first >= 0 && first < 26 && second >= 0 && second < 26)) return -1;
  return first * 26 + second;
}
