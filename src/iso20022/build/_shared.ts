/**
 * Pieces every builder shares: the issue collector, text/date/amount/identifier checks, and writers for
 * the ISO 20022 components that recur across messages (`PartyIdentification135/272`,
 * `BranchAndFinancialInstitutionIdentification6/8`, `CashAccount38/39/40`, `PostalAddress24/27`,
 * `RemittanceInformation16/22`). The components used here have the same child order in every version we
 * build, so one writer per component serves all of them.
 *
 * Checking and writing happen in one pass: a writer appends the element and records an issue when a
 * value does not fit; the builder throws once at the end with every issue found (STYLE.md §4.4).
 * @packageDocumentation
 * @internal
 */
import type {
  Account,
  Agent,
  CurrencyCode,
  Issue,
  Money,
  Party,
  PostalAddress,
  RemittanceInformation,
} from '../../index';
import {
  currencyExponent,
  formatMoney,
  isCountryCode,
  isCurrencyCode,
  isValidBic,
  isValidIban,
  isValidLei,
  isValidUetr,
} from '../../index';
import { findInvalidXmlChar, type XmlWriter } from '../_internal/xml-writer';
import { buildError, Iso20022BuildErrorCodes as Codes } from '../errors';

/** An ISO element path, as in {@link Issue.path}. @internal */
export type Path = readonly (string | number)[];

/** Collects issues while a builder writes. @internal */
export class Issues {
  readonly list: Issue[] = [];

  /**
   * @param lenientIdentifiers - check BICs, IBANs, LEIs and country codes against the XSD pattern only.
   *   Bank-to-customer reports record what happened, so (as the parser does) a counterparty's bad check
   *   digits do not make a camt.053/054 unbuildable.
   */
  constructor(readonly lenientIdentifiers = false) {}

  add(code: string, path: Path, message: string): void {
    this.list.push({ code, path, message });
  }

  /** Throws every collected issue as one error. */
  throwIfAny(fn: string): void {
    if (this.list.length > 0) throw buildError(fn, this.list);
  }
}

/** Number of Unicode code points: XSD `maxLength` counts characters, not UTF-16 units. */
function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) i++;
    n++;
  }
  return n;
}

/**
 * Checks a `MaxNText` value: not empty (`minLength 1`), at most `max` characters, XML-safe.
 * @internal
 */
export function checkText(issues: Issues, path: Path, value: string, max: number): boolean {
  if (typeof value === 'string' && value.length > 0 && value.length <= max && findInvalidXmlChar(value) < 0)
    return true;
  return reportText(issues, path, value, max);
}

/** The slow path of {@link checkText}: says what is wrong. */
function reportText(issues: Issues, path: Path, value: string, max: number): boolean {
  if (typeof value !== 'string' || value.length === 0) {
    issues.add(Codes.EMPTY_TEXT, path, `expected a non-empty text (Max${max}Text), got ${describe(value)}`);
    return false;
  }
  if (value.length > max) {
    const length = codePointLength(value);
    if (length > max) {
      issues.add(
        Codes.TEXT_TOO_LONG,
        path,
        `expected at most ${max} characters (Max${max}Text), got ${length}`,
      );
      return false;
    }
  }
  const bad = findInvalidXmlChar(value);
  if (bad >= 0) {
    const code = value.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    issues.add(
      Codes.INVALID_CHARACTER,
      path,
      `character U+${code} at index ${bad} cannot be carried by XML 1.0`,
    );
    return false;
  }
  return true;
}

/** Writes `<name>value</name>` after {@link checkText}. @internal */
export function text(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  name: string,
  value: string,
  max: number,
): void {
  // Fast path first: the element path is only allocated when there is something to report.
  if (typeof value === 'string' && value.length > 0 && value.length <= max && findInvalidXmlChar(value) < 0)
    w.leaf(name, value);
  else if (reportText(issues, [...path, name], value, max)) w.leaf(name, value);
}

/** Writes `<name>value</name>` when `value` is present. @internal */
export function optionalText(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  name: string,
  value: string | undefined,
  max: number,
): void {
  if (value !== undefined) text(w, issues, path, name, value, max);
}

/**
 * Writes a `Cd | Prtry` choice (`Purpose2Choice`, `CategoryPurpose1Choice`, `ClearingSystemIdentification2Choice`
 * …): codes fit `Cd` (an external code list, `Max4Text`/`Max5Text`), anything longer goes to `Prtry`.
 * @internal
 */
export function codeOrProprietary(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  value: string,
  codeMax: number,
  proprietaryMax = 35,
): void {
  if (value.length > 0 && value.length <= codeMax) text(w, issues, path, 'Cd', value, codeMax);
  else text(w, issues, path, 'Prtry', value, proprietaryMax);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/** The value of the ASCII digit at `i`, or -1 (also past the end). */
function digitAt(value: string, i: number): number {
  const c = value.charCodeAt(i) - 0x30;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The two-digit number at `i`, or -1 when either is not a digit. */
function twoDigits(value: string, i: number): number {
  const a = digitAt(value, i);
  const b = digitAt(value, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** True when `value` starts with a real calendar date `YYYY-MM-DD` (exactly 10 characters checked). */
function isDatePrefix(value: string): boolean {
  const y0 = digitAt(value, 0);
  const y1 = digitAt(value, 1);
  const y2 = digitAt(value, 2);
  const y3 = digitAt(value, 3);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0) return false;
  if (value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d) return false;
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 0 || day < 0) return false;
  return validDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, day);
}

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))?$/;

/** {@link isIsoDate} by its pattern: the definition, and the path of a value that is not a string. */
function isIsoDateByPattern(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** {@link isIsoDateTime} by its pattern: the definition, and the path of a value that is not a string. */
function isIsoDateTimeByPattern(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (m === null || !validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  if (m[7] !== undefined) {
    const hours = Number(m[8]);
    const minutes = Number(m[9]);
    if (minutes > 59 || hours > 14 || (hours === 14 && minutes > 0)) return false;
  }
  return true;
}

// The checks below read a string's char codes in place and accept exactly what the patterns above
// accept (a seeded property test compares them); anything else (a JS caller's non-string) takes the
// pattern, which converts it as before.

/** True for a real calendar date `YYYY-MM-DD` (`xs:date` without time zone). @internal */
export function isIsoDate(value: string): boolean {
  if (typeof value !== 'string') return isIsoDateByPattern(value);
  return value.length === 10 && isDatePrefix(value);
}

/** True for a real `xs:dateTime` `YYYY-MM-DDThh:mm:ss[.s+][Z|±hh:mm]`. @internal */
export function isIsoDateTime(value: string): boolean {
  if (typeof value !== 'string') return isIsoDateTimeByPattern(value);
  const n = value.length;
  if (n < 19 || !isDatePrefix(value) || value.charCodeAt(10) !== 0x54) return false;
  if (value.charCodeAt(13) !== 0x3a || value.charCodeAt(16) !== 0x3a) return false;
  const hours = twoDigits(value, 11);
  const minutes = twoDigits(value, 14);
  const seconds = twoDigits(value, 17);
  if (hours < 0 || minutes < 0 || seconds < 0 || hours > 23 || minutes > 59 || seconds > 59) return false;
  let i = 19;
  if (value.charCodeAt(i) === 0x2e) {
    i++;
    if (digitAt(value, i) < 0) return false;
    while (digitAt(value, i) >= 0) i++;
  }
  if (i === n) return true;
  const c = value.charCodeAt(i);
  if (c === 0x5a) return i + 1 === n;
  if (c !== 0x2b && c !== 0x2d) return false;
  if (i + 6 !== n || value.charCodeAt(i + 3) !== 0x3a) return false;
  const zoneHours = twoDigits(value, i + 1);
  const zoneMinutes = twoDigits(value, i + 4);
  if (zoneHours < 0 || zoneMinutes < 0) return false;
  return !(zoneMinutes > 59 || zoneHours > 14 || (zoneHours === 14 && zoneMinutes > 0));
}

/** Writes an `ISODate` element. @internal */
export function date(w: XmlWriter, issues: Issues, path: Path, name: string, value: string): void {
  if (typeof value === 'string' && isIsoDate(value)) w.leaf(name, value);
  else
    issues.add(
      Codes.INVALID_DATE,
      [...path, name],
      `expected an ISO date YYYY-MM-DD, got ${describe(value)}`,
    );
}

/** Writes an `ISODateTime` element. @internal */
export function dateTime(w: XmlWriter, issues: Issues, path: Path, name: string, value: string): void {
  if (typeof value === 'string' && isIsoDateTime(value)) w.leaf(name, value);
  else
    issues.add(
      Codes.INVALID_DATE,
      [...path, name],
      `expected an ISO date-time YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm], got ${describe(value)}`,
    );
}

/** Writes a `DateAndDateTime2Choice`: `Dt` for a date, `DtTm` for a date-time. @internal */
export function dateOrDateTime(w: XmlWriter, issues: Issues, path: Path, name: string, value: string): void {
  if (typeof value === 'string' && value.length > 10) {
    w.open(name);
    dateTime(w, issues, [...path, name], 'DtTm', value);
    w.close();
  } else {
    w.open(name);
    date(w, issues, [...path, name], 'Dt', value);
    w.close();
  }
}

const MAX_AMOUNT = 10n ** 18n;

/**
 * Formats an amount for an `ActiveCurrencyAndAmount` / `ActiveOrHistoricCurrencyAndAmount` element:
 * non-negative, at most 18 digits, exactly the currency's exponent as fraction digits (the exponent is
 * at most 4 in ISO 4217, within the XSD's `fractionDigits 5`).
 * @internal
 */
export function amountText(issues: Issues, path: Path, amount: Money): string | undefined {
  if (typeof amount !== 'object' || amount === null || typeof amount.minor !== 'bigint') {
    issues.add(Codes.INVALID_AMOUNT, path, 'expected Money: { minor: bigint, currency }');
    return undefined;
  }
  if (!isCurrencyCode(amount.currency)) {
    issues.add(
      Codes.UNKNOWN_CURRENCY,
      path,
      `expected an active ISO 4217 currency code, got ${describe(amount.currency)}`,
    );
    return undefined;
  }
  if (amount.minor < 0n) {
    issues.add(
      Codes.INVALID_AMOUNT,
      path,
      `expected a non-negative amount, got ${formatMoney(amount)} ${amount.currency}`,
    );
    return undefined;
  }
  if (amount.minor >= MAX_AMOUNT) {
    issues.add(
      Codes.AMOUNT_TOO_LARGE,
      path,
      `expected at most 18 digits (totalDigits 18), got ${formatMoney(amount)}`,
    );
    return undefined;
  }
  return formatMoney(amount);
}

/** Writes `<name Ccy="EUR">12.50</name>`. @internal */
export function amount(w: XmlWriter, issues: Issues, path: Path, name: string, value: Money): void {
  const formatted = amountText(issues, [...path, name], value);
  if (formatted !== undefined) w.leafWithAttribute(name, 'Ccy', value.currency, formatted);
}

/**
 * The `CtrlSum` of a set of amounts (`DecimalNumber`: fractionDigits 17, totalDigits 18), summed exactly
 * at the largest exponent present; `undefined` when it would not fit, since `CtrlSum` is optional.
 * @internal
 */
export function controlSum(amounts: readonly Money[]): string | undefined {
  let exponent = 0;
  for (const a of amounts) {
    if (!isCurrencyCode(a.currency)) return undefined;
    const e = currencyExponentOf(a.currency);
    if (e > exponent) exponent = e;
  }
  let total = 0n;
  for (const a of amounts) {
    if (a.minor < 0n) return undefined;
    total += a.minor * 10n ** BigInt(exponent - currencyExponentOf(a.currency as CurrencyCode));
  }
  if (total >= MAX_AMOUNT) return undefined;
  const digits = total.toString();
  if (exponent === 0) return digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${padded.slice(0, padded.length - exponent)}.${padded.slice(padded.length - exponent)}`;
}

function currencyExponentOf(code: CurrencyCode): number {
  return currencyExponent(code);
}

const UPPER_ALNUM_1_30 = /^[A-Za-z0-9]{1,30}$/;

/** The XSD patterns (`BICFIDec2014Identifier`, `IBAN2007Identifier`, `LEIIdentifier`, `CountryCode`). */
const XSD_PATTERNS: Readonly<Record<string, RegExp>> = Object.freeze({
  bic: /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/,
  iban: /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/,
  lei: /^[A-Z0-9]{18}[0-9]{2}$/,
  country: /^[A-Z]{2}$/,
});

/** Writes a checked identifier element (`BICFI`, `AnyBIC`, `LEI`, `Ctry`, `Ccy`, `UETR`, `IBAN`). @internal */
export function identifier(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  name: string,
  value: string,
  kind: 'bic' | 'lei' | 'country' | 'currency' | 'uetr' | 'iban',
): void {
  let valid: boolean;
  let expected: string;
  let code: string;
  const pattern = issues.lenientIdentifiers ? XSD_PATTERNS[kind] : undefined;
  switch (kind) {
    case 'bic':
      code = Codes.INVALID_BIC;
      valid = typeof value === 'string' && isValidBic(value);
      expected = 'a BIC (ISO 9362, 8 or 11 characters, upper case)';
      break;
    case 'lei':
      code = Codes.INVALID_LEI;
      valid = typeof value === 'string' && isValidLei(value);
      expected = 'a valid LEI (ISO 17442)';
      break;
    case 'country':
      code = Codes.INVALID_COUNTRY;
      valid = typeof value === 'string' && isCountryCode(value);
      expected = 'an ISO 3166-1 alpha-2 country code';
      break;
    case 'currency':
      code = Codes.UNKNOWN_CURRENCY;
      valid = isCurrencyCode(value);
      expected = 'an active ISO 4217 currency code';
      break;
    case 'uetr':
      code = Codes.INVALID_UETR;
      valid = typeof value === 'string' && isValidUetr(value);
      expected = 'a UETR: a lowercase UUID v4';
      break;
    case 'iban':
      code = Codes.INVALID_IBAN;
      valid = typeof value === 'string' && UPPER_ALNUM_1_30.test(value.slice(4)) && isValidIban(value);
      expected = 'a valid IBAN (ISO 13616) in electronic form';
      break;
  }
  if (pattern !== undefined && typeof value === 'string') valid = pattern.test(value);
  if (valid) w.leaf(name, value);
  // Never echo an IBAN: it is personal data (same rule as core's parseIban).
  else
    issues.add(
      code,
      [...path, name],
      `expected ${expected}${kind === 'iban' ? '' : `, got ${describe(value)}`}`,
    );
}

/** `PostalAddress24` / `PostalAddress27` (same relative order for the fields the canonical model has). */
function hasAddress(a: PostalAddress): boolean {
  return (
    a.streetName !== undefined ||
    a.buildingNumber !== undefined ||
    a.postCode !== undefined ||
    a.townName !== undefined ||
    a.country !== undefined ||
    (a.addressLines !== undefined && a.addressLines.length > 0)
  );
}

/** Writes `PstlAdr` (`PostalAddress24` / `PostalAddress27`) when it carries anything. @internal */
export function postalAddress(w: XmlWriter, issues: Issues, path: Path, a: PostalAddress): void {
  if (!hasAddress(a)) return;
  const p = [...path, 'PstlAdr'];
  w.open('PstlAdr');
  optionalText(w, issues, p, 'StrtNm', a.streetName, 70);
  optionalText(w, issues, p, 'BldgNb', a.buildingNumber, 16);
  optionalText(w, issues, p, 'PstCd', a.postCode, 16);
  optionalText(w, issues, p, 'TwnNm', a.townName, 35);
  if (a.country !== undefined) identifier(w, issues, p, 'Ctry', a.country, 'country');
  const lines = a.addressLines;
  if (lines !== undefined) {
    if (lines.length > 7)
      issues.add(
        Codes.TOO_MANY_OCCURRENCES,
        [...p, 'AdrLine'],
        `expected at most 7 AdrLine, got ${lines.length}`,
      );
    for (let i = 0; i < lines.length && i < 7; i++) {
      if (checkText(issues, [...p, 'AdrLine', i], lines[i]!, 70)) w.leaf('AdrLine', lines[i]!);
    }
  }
  w.close();
}

/** True when the party has an `Id` to write (`OrgId`: `AnyBIC`, `LEI`, `Othr`). */
function hasPartyId(p: Party): boolean {
  return (
    p.bic !== undefined ||
    p.lei !== undefined ||
    (p.otherIds !== undefined && p.otherIds.length > 0) ||
    (p.otherIdentifications !== undefined && p.otherIdentifications.length > 0)
  );
}

/** One `Othr` entry of a party (`GenericOrganisationIdentification1`). @internal */
export type OtherIdentification = NonNullable<Party['otherIdentifications']>[number];

/**
 * The other identifiers of a party, with their scheme and issuer: `otherIdentifications` when given
 * (then `otherIds`, when also given, must list the same ids in the same order, as the parser derives
 * one from the other), else one scheme-less entry per `otherIds` id.
 * @internal
 */
export function otherIdentificationsOf(issues: Issues, path: Path, p: Party): readonly OtherIdentification[] {
  const full = p.otherIdentifications;
  const ids = p.otherIds;
  if (full === undefined) return (ids ?? []).map((id) => ({ id }));
  if (ids !== undefined && (ids.length !== full.length || ids.some((id, i) => id !== full[i]?.id)))
    issues.add(
      Codes.INCONSISTENT_INPUT,
      path,
      'otherIds must list the ids of otherIdentifications, in the same order',
    );
  return full;
}

/**
 * Writes a party (`PartyIdentification135` / `PartyIdentification272`): `Nm`, `PstlAdr`,
 * `Id/OrgId` (`AnyBIC`, `LEI`, `Othr/Id|SchmeNm|Issr`), `CtryOfRes`. The party's `account` is not part of this
 * component: callers write it as the sibling `DbtrAcct` / `CdtrAcct`.
 * @internal
 */
export function party(w: XmlWriter, issues: Issues, path: Path, name: string, p: Party): void {
  const here = [...path, name];
  w.open(name);
  optionalText(w, issues, here, 'Nm', p.name, 140);
  if (p.postalAddress !== undefined) postalAddress(w, issues, here, p.postalAddress);
  if (hasPartyId(p)) {
    const id = [...here, 'Id', 'OrgId'];
    w.open('Id').open('OrgId');
    if (p.bic !== undefined) identifier(w, issues, id, 'AnyBIC', p.bic, 'bic');
    if (p.lei !== undefined) identifier(w, issues, id, 'LEI', p.lei, 'lei');
    const others = otherIdentificationsOf(issues, [...here, 'Id'], p);
    for (let i = 0; i < others.length; i++) {
      const o = others[i]!;
      const op = [...id, 'Othr', i];
      w.open('Othr');
      if (checkText(issues, [...op, 'Id'], o.id, 35)) w.leaf('Id', o.id);
      if (o.scheme !== undefined) {
        w.open('SchmeNm');
        codeOrProprietary(w, issues, [...op, 'SchmeNm'], o.scheme, 4);
        w.close();
      }
      optionalText(w, issues, op, 'Issr', o.issuer, 35);
      w.close();
    }
    w.close().close();
  }
  if (p.countryOfResidence !== undefined)
    identifier(w, issues, here, 'CtryOfRes', p.countryOfResidence, 'country');
  w.close();
}

/** True when an agent carries nothing at all. @internal */
export function isEmptyAgent(a: Agent): boolean {
  return (
    a.bic === undefined &&
    a.clearingMemberId === undefined &&
    a.clearingSystem === undefined &&
    a.lei === undefined &&
    a.name === undefined &&
    a.country === undefined
  );
}

/**
 * Writes the content of a `FinInstnId` (`FinancialInstitutionIdentification18` / `23`): `BICFI`,
 * `ClrSysMmbId` (`ClrSysId/Cd|Prtry`, `MmbId`), `LEI`, `Nm`, `PstlAdr/Ctry` (+ a party-like address).
 * @internal
 */
export function financialInstitutionId(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  a: Agent,
  address?: PostalAddress,
): void {
  const here = [...path, 'FinInstnId'];
  w.open('FinInstnId');
  if (a.bic !== undefined) identifier(w, issues, here, 'BICFI', a.bic, 'bic');
  if (a.clearingMemberId !== undefined) {
    const c = [...here, 'ClrSysMmbId'];
    w.open('ClrSysMmbId');
    if (a.clearingSystem !== undefined) {
      w.open('ClrSysId');
      codeOrProprietary(w, issues, [...c, 'ClrSysId'], a.clearingSystem, 5);
      w.close();
    }
    text(w, issues, c, 'MmbId', a.clearingMemberId, 35);
    w.close();
  } else if (a.clearingSystem !== undefined) {
    issues.add(
      Codes.MISSING_ELEMENT,
      [...here, 'ClrSysMmbId', 'MmbId'],
      'clearingSystem needs clearingMemberId: ClrSysMmbId/MmbId is mandatory',
    );
  }
  if (a.lei !== undefined) identifier(w, issues, here, 'LEI', a.lei, 'lei');
  optionalText(w, issues, here, 'Nm', a.name, 140);
  if (address !== undefined) postalAddress(w, issues, here, address);
  else if (a.country !== undefined) {
    w.open('PstlAdr');
    identifier(w, issues, [...here, 'PstlAdr'], 'Ctry', a.country, 'country');
    w.close();
  }
  w.close();
}

/** Writes an agent (`BranchAndFinancialInstitutionIdentification6` / `8`). @internal */
export function agent(w: XmlWriter, issues: Issues, path: Path, name: string, a: Agent): void {
  w.open(name);
  financialInstitutionId(w, issues, [...path, name], a);
  w.close();
}

/** True when an account has nothing to write. @internal */
export function isEmptyAccount(a: Account): boolean {
  return (
    a.iban === undefined &&
    a.otherId === undefined &&
    a.otherScheme === undefined &&
    a.currency === undefined &&
    a.name === undefined
  );
}

/**
 * Writes an account (`CashAccount38` / `39` / `40`): `Id` (`IBAN` | `Othr/Id` + `SchmeNm/Cd|Prtry`),
 * `Ccy`, `Nm`. `Id` is mandatory in CashAccount38/39 and optional in CashAccount40 (`idOptional`).
 * @internal
 */
export function account(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  name: string,
  a: Account,
  idOptional = false,
): void {
  w.open(name);
  accountContent(w, issues, [...path, name], a, idOptional);
  w.close();
}

/** Writes the children of an account element (see {@link account}) into the open element. @internal */
export function accountContent(
  w: XmlWriter,
  issues: Issues,
  here: Path,
  a: Account,
  idOptional = false,
): void {
  if (a.iban !== undefined && a.otherId !== undefined) {
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...here, 'Id'],
      'an account has either an IBAN or another identifier (AccountIdentification4Choice), not both',
    );
  } else if (a.iban !== undefined) {
    w.open('Id');
    identifier(w, issues, [...here, 'Id'], 'IBAN', a.iban, 'iban');
    w.close();
    if (a.otherScheme !== undefined)
      issues.add(
        Codes.NOT_REPRESENTABLE,
        [...here, 'Id', 'Othr', 'SchmeNm'],
        'otherScheme needs otherId, not an IBAN',
      );
  } else if (a.otherId !== undefined) {
    const o = [...here, 'Id', 'Othr'];
    w.open('Id').open('Othr');
    text(w, issues, o, 'Id', a.otherId, 34);
    if (a.otherScheme !== undefined) {
      w.open('SchmeNm');
      codeOrProprietary(w, issues, [...o, 'SchmeNm'], a.otherScheme, 4);
      w.close();
    }
    w.close().close();
  } else if (!idOptional) {
    issues.add(
      Codes.MISSING_ELEMENT,
      [...here, 'Id'],
      'an account needs an IBAN or otherId (Id is mandatory)',
    );
  } else if (a.otherScheme !== undefined) {
    issues.add(Codes.NOT_REPRESENTABLE, [...here, 'Id', 'Othr', 'SchmeNm'], 'otherScheme needs otherId');
  }
  if (a.currency !== undefined) identifier(w, issues, here, 'Ccy', a.currency, 'currency');
  optionalText(w, issues, here, 'Nm', a.name, 70);
}

/**
 * Writes `RmtInf` (`RemittanceInformation16` / `22`): `Ustrd` lines, then one `Strd/CdtrRefInf/Ref` per
 * creditor reference. With `unstructuredOnly` (pacs.009's `RemittanceInformation2`), structured references
 * are refused.
 * @internal
 */
export function remittance(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  r: RemittanceInformation,
  unstructuredOnly = false,
): void {
  const lines = r.unstructured ?? [];
  const refs = r.creditorReferences ?? [];
  if (lines.length === 0 && refs.length === 0) return;
  const here = [...path, 'RmtInf'];
  w.open('RmtInf');
  for (let i = 0; i < lines.length; i++) {
    if (checkText(issues, [...here, 'Ustrd', i], lines[i]!, 140)) w.leaf('Ustrd', lines[i]!);
  }
  if (unstructuredOnly && refs.length > 0) {
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...here, 'Strd'],
      'this message carries unstructured remittance only (RemittanceInformation2)',
    );
  } else {
    for (let i = 0; i < refs.length; i++) {
      const p = [...here, 'Strd', i, 'CdtrRefInf', 'Ref'];
      if (checkText(issues, p, refs[i]!, 35)) {
        w.open('Strd').open('CdtrRefInf').leaf('Ref', refs[i]!).close().close();
      }
    }
  }
  w.close();
}

/**
 * Records that a field has no element in the message being built.
 * @internal
 */
export function notRepresentable(issues: Issues, path: Path, field: string, message: string): void {
  issues.add(Codes.NOT_REPRESENTABLE, path, `${field} cannot be represented in ${message}`);
}

/**
 * Records payments of one message that share a UETR or an `EndToEndId` (`NOTPROVIDED` excepted): the
 * parser refuses such a message, so the builder does too.
 * @internal
 */
export function checkDuplicates(
  issues: Issues,
  payments: readonly { readonly uetr: string; readonly endToEndId: string }[],
  pathOf: (index: number) => Path,
): void {
  if (payments.length < 2) return;
  const uetrs = new Map<string, number>();
  const ids = new Map<string, number>();
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i]!;
    const u = uetrs.get(p.uetr);
    if (u !== undefined)
      issues.add(
        Codes.DUPLICATE_UETR,
        [...pathOf(i), 'PmtId', 'UETR'],
        `payment ${i} repeats the UETR of payment ${u}`,
      );
    else uetrs.set(p.uetr, i);
    if (p.endToEndId === 'NOTPROVIDED') continue;
    const e = ids.get(p.endToEndId);
    if (e !== undefined)
      issues.add(
        Codes.DUPLICATE_END_TO_END_ID,
        [...pathOf(i), 'PmtId', 'EndToEndId'],
        `payment ${i} repeats the EndToEndId of payment ${e}`,
      );
    else ids.set(p.endToEndId, i);
  }
}

/** The pattern-based date checks, for the tests that prove the in-place ones equal. @internal */
export const DATE_CHECKS_BY_PATTERN: {
  readonly isIsoDate: (value: string) => boolean;
  readonly isIsoDateTime: (value: string) => boolean;
} = Object.freeze({ isIsoDate: isIsoDateByPattern, isIsoDateTime: isIsoDateTimeByPattern });
