/**
 * Issue collection for one parse, and the value readers every extractor shares: text with its ISO
 * length limit, amounts, dates, codes and identifiers. Each reader records a problem with its ISO
 * path and returns `undefined`, so one pass reports every problem in the message (STYLE.md §4.4).
 * @internal
 * @packageDocumentation
 */
import {
  type CurrencyCode,
  DeltranError,
  type Issue,
  isCountryCode,
  isCurrencyCode,
  isValidBic,
  isValidIban,
  isValidLei,
  isValidUetr,
  type Money,
  money,
  type RandomSource,
} from '../../index';
import { Iso20022ErrorCodes as Codes } from '../errors';
import type { XmlElement, XmlTree } from './xml';

/** An ISO element path: names and 0-based indexes. @internal */
export type Path = readonly (string | number)[];

/** Everything an extractor needs: the document, where issues go, and the injected random source. @internal */
export class ParseContext {
  /** The parsed document the extractors read. */
  readonly doc: XmlTree;
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  readonly random: RandomSource;
  /**
   * Reports (pacs.002, camt.05x) record what happened: a counterparty's bad IBAN check digits or an
   * over-long remittance line there are worth a warning, not a refusal, and the value is kept as
   * written. Instructions (pain.001, pacs.008, pacs.009) are refused: their values must fit the
   * canonical model.
   */
  isReport = false;

  constructor(doc: XmlTree, random: RandomSource) {
    this.doc = doc;
    this.random = random;
  }

  error(code: string, path: Path, message: string): void {
    this.errors.push({ code, path, message });
  }

  warn(code: string, path: Path, message: string): void {
    this.warnings.push({ code, path, message });
  }

  /**
   * An identifier or length problem: an error in an instruction, a warning in a report.
   * @returns whether the value should still be kept (in a report)
   */
  lenient(code: string, path: Path, message: string): boolean {
    (this.isReport ? this.warnings : this.errors).push({ code, path, message });
    return this.isReport;
  }
}

/**
 * `[...base, ...names]` (`names` itself when `base` is empty). Extractors build a path per element they
 * descend into, so it is copied with a loop: the spread's iteration was a fifth of an extraction.
 * @internal
 */
export function at(base: Path, ...names: (string | number)[]): Path {
  const n = base.length;
  if (n === 0) return names;
  const m = names.length;
  const out = new Array<string | number>(n + m);
  for (let i = 0; i < n; i++) out[i] = base[i]!;
  for (let i = 0; i < m; i++) out[n + i] = names[i]!;
  return out;
}

/** Quotes a value for a message, shortened so a huge text never ends up in an error. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/**
 * Text of the child `name`, checked against its ISO maximum length (`Max35Text` → 35).
 * Absent or empty → `undefined`.
 * @internal
 */
export function text(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
  max: number,
): string | undefined {
  const doc = ctx.doc;
  const el = doc.child(parent, name);
  if (el === undefined || !doc.hasText(el)) return undefined;
  return checkedLength(ctx, doc.text(el), name, base, max);
}

/** `value` when it fits `max` characters (or when a report keeps it anyway), else `undefined`. */
function checkedLength(
  ctx: ParseContext,
  value: string,
  name: string,
  base: Path,
  max: number,
): string | undefined {
  if (
    value.length > max &&
    !ctx.lenient(
      Codes.TEXT_TOO_LONG,
      at(base, name),
      `expected at most ${max} characters, got ${value.length}`,
    )
  ) {
    return undefined;
  }
  return value;
}

/** Like {@link text}, recording `ISO20022_MISSING_ELEMENT` when absent. @internal */
export function requiredText(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
  max: number,
): string | undefined {
  const doc = ctx.doc;
  const el = doc.child(parent, name);
  if (el === undefined || !doc.hasText(el)) {
    ctx.error(Codes.MISSING_ELEMENT, at(base, name), `expected ${name} with a value`);
    return undefined;
  }
  return checkedLength(ctx, doc.text(el), name, base, max);
}

/** Text as written, no length check (reports keep what the bank wrote). @internal */
export function rawText(ctx: ParseContext, parent: XmlElement | undefined, name: string): string | undefined {
  return ctx.doc.childText(parent, name);
}

/**
 * Reads an `ActiveOrHistoricCurrencyAndAmount` element (`<IntrBkSttlmAmt Ccy="EUR">10.50</…>`) into
 * {@link Money}.
 *
 * `xs:decimal` text may carry trailing fraction zeros beyond the currency's exponent (the XSD allows five
 * fraction digits, so `18.150` EUR is valid ISO 20022): they are dropped, since the value is the same.
 * Any other excess precision (`10.125` EUR) is an `ISO20022_INVALID_AMOUNT`: it cannot be settled.
 * @internal
 */
export function amountOf(ctx: ParseContext, el: XmlElement, path: Path): Money | undefined {
  const ccy = ctx.doc.attribute(el, 'Ccy');
  const raw = ctx.doc.text(el);
  if (ccy === undefined || ccy === '') {
    ctx.error(
      Codes.MISSING_ELEMENT,
      at(path, '@Ccy'),
      'expected a Ccy attribute with an ISO 4217 currency code',
    );
    return undefined;
  }
  if (!isCurrencyCode(ccy)) {
    ctx.error(
      Codes.UNKNOWN_CURRENCY,
      at(path, '@Ccy'),
      `expected an active ISO 4217 currency code, got ${quote(ccy)}`,
    );
    return undefined;
  }
  if (raw === '') {
    ctx.error(Codes.MISSING_ELEMENT, path, 'expected an amount');
    return undefined;
  }
  if (raw.charCodeAt(0) === 0x2d) {
    ctx.error(
      Codes.INVALID_AMOUNT,
      path,
      `expected a non-negative amount (the direction is CdtDbtInd), got ${quote(raw)}`,
    );
    return undefined;
  }
  return parseMoney(ctx, stripFractionZeros(raw), ccy, path, raw);
}

function parseMoney(
  ctx: ParseContext,
  value: string,
  ccy: CurrencyCode,
  path: Path,
  raw: string,
): Money | undefined {
  try {
    return money(value, ccy);
  } catch (error) {
    if (!(error instanceof DeltranError)) throw error;
    const code = error.code === 'CORE_AMOUNT_TOO_LARGE' ? Codes.AMOUNT_TOO_LARGE : Codes.INVALID_AMOUNT;
    // Core's message names the rule (fraction digits for the currency, grammar, total digits); drop
    // its "[deltran] money: " prefix since the issue already says where.
    const reason = error.message.replace(/^\[deltran\] [^:]+: /, '').replace(/, got .*$/, '');
    ctx.error(code, path, `${reason}, got ${quote(raw)} ${ccy}`);
    return undefined;
  }
}

/** `"18.150"` → `"18.15"`, `"100.00"` → `"100"`; anything that is not `digits.digits` is left alone. */
export function stripFractionZeros(value: string): string {
  const dot = value.indexOf('.');
  if (dot === -1) return value;
  let end = value.length;
  while (end > dot + 1 && value.charCodeAt(end - 1) === 0x30) end--;
  if (end === dot + 1) end = dot;
  return end === value.length ? value : value.slice(0, end);
}

/** Child amount element `name` of `parent`, or `undefined` when absent. @internal */
export function amount(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): Money | undefined {
  const el = ctx.doc.child(parent, name);
  return el === undefined ? undefined : amountOf(ctx, el, at(base, name));
}

/** Like {@link amount}, recording `ISO20022_MISSING_ELEMENT` when absent. @internal */
export function requiredAmount(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): Money | undefined {
  const el = ctx.doc.child(parent, name);
  if (el === undefined) {
    ctx.error(Codes.MISSING_ELEMENT, at(base, name), `expected ${name} (an amount with its Ccy)`);
    return undefined;
  }
  return amountOf(ctx, el, at(base, name));
}

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

function realDay(year: string, month: string, day: string): boolean {
  const d = Number(day);
  const m = Number(month);
  if (d <= 28) return true;
  const y = Number(year);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** The pattern-based date checks (the definition), for the tests that prove the in-place ones equal. @internal */
export const DATE_PATTERNS: {
  readonly isIsoDate: (value: string) => boolean;
  readonly isIsoDateTime: (value: string) => boolean;
} = Object.freeze({
  isIsoDate: (value: string): boolean => {
    const m = DATE.exec(value);
    return m !== null && realDay(m[1]!, m[2]!, m[3]!);
  },
  isIsoDateTime: (value: string): boolean => {
    const m = DATE_TIME.exec(value);
    return m !== null && realDay(m[1]!, m[2]!, m[3]!);
  },
});

// The checks below read char codes in place and accept exactly what the patterns above accept (a
// seeded property test compares them): no regex match array, no Number() of its groups per date read.

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

/** True when `value` starts with `YYYY-MM-DD`, month 01–12, day 01–31, and the day exists. */
function isDatePrefix(value: string): boolean {
  const y0 = digitAt(value, 0);
  const y1 = digitAt(value, 1);
  const y2 = digitAt(value, 2);
  const y3 = digitAt(value, 3);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0) return false;
  if (value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d) return false;
  const m = twoDigits(value, 5);
  const d = twoDigits(value, 8);
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  if (d <= 28) return true;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** True for an `xs:date` without time zone, `YYYY-MM-DD`, that exists in the calendar. @internal */
export function isIsoDate(value: string): boolean {
  return value.length === 10 && isDatePrefix(value);
}

/** True for an `xs:dateTime` `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]` that exists in the calendar. @internal */
export function isIsoDateTime(value: string): boolean {
  const n = value.length;
  if (n < 19 || !isDatePrefix(value) || value.charCodeAt(10) !== 0x54) return false;
  if (value.charCodeAt(13) !== 0x3a || value.charCodeAt(16) !== 0x3a) return false;
  const hours = twoDigits(value, 11);
  const minutes = twoDigits(value, 14);
  const seconds = twoDigits(value, 17);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return false;
  let i = 19;
  if (value.charCodeAt(i) === 0x2e) {
    const first = i + 1;
    i = first;
    while (digitAt(value, i) >= 0) i++;
    if (i === first || i - first > 9) return false;
  }
  if (i === n) return true;
  const c = value.charCodeAt(i);
  if (c === 0x5a) return i + 1 === n;
  if (c !== 0x2b && c !== 0x2d) return false;
  if (i + 6 !== n || value.charCodeAt(i + 3) !== 0x3a) return false;
  const zoneHours = twoDigits(value, i + 1);
  const zoneMinutes = twoDigits(value, i + 4);
  return zoneHours >= 0 && zoneHours <= 23 && zoneMinutes >= 0 && zoneMinutes <= 59;
}

/** An `ISODate` child. @internal */
export function date(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) {
    ctx.error(Codes.INVALID_DATE, at(base, name), `expected an ISO date YYYY-MM-DD, got ${quote(value)}`);
    return undefined;
  }
  return value;
}

/** An `ISODateTime` child. @internal */
export function dateTime(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!isIsoDateTime(value)) {
    ctx.error(
      Codes.INVALID_DATE,
      at(base, name),
      `expected an ISO date-time YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm], got ${quote(value)}`,
    );
    return undefined;
  }
  return value;
}

/** A `DateAndDateTime2Choice` child (`<BookgDt><Dt>…</Dt></BookgDt>` or `<DtTm>`). @internal */
export function dateChoice(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const el = ctx.doc.child(parent, name);
  if (el === undefined) return undefined;
  const path = at(base, name);
  const doc = ctx.doc;
  if (doc.child(el, 'Dt') !== undefined) return date(ctx, el, 'Dt', path);
  if (doc.child(el, 'DtTm') !== undefined) return dateTime(ctx, el, 'DtTm', path);
  // Some versions (pain.001.001.03 ReqdExctnDt) carry the date directly.
  if (doc.hasText(el)) return date(ctx, parent, name, base);
  ctx.error(Codes.MISSING_ELEMENT, path, 'expected Dt or DtTm');
  return undefined;
}

/** A BIC (`BICFI`, `AnyBIC` …) child. @internal */
export function bic(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  return bicOf(ctx, ctx.doc.child(parent, name), base);
}

/**
 * The BIC in `el`, a child of the element at `base` (whichever name it has: `BICFI`, `BIC`,
 * `AnyBIC`, `BICOrBEI`). @internal
 */
export function bicOf(ctx: ParseContext, el: XmlElement | undefined, base: Path): string | undefined {
  if (el === undefined || !ctx.doc.hasText(el)) return undefined;
  const value = ctx.doc.text(el);
  if (!isValidBic(value)) {
    const name = ctx.doc.name(el);
    return ctx.lenient(
      Codes.INVALID_BIC,
      at(base, name),
      `expected a BIC (ISO 9362: 8 or 11 upper-case characters, a real country), got ${quote(value)}`,
    )
      ? value
      : undefined;
  }
  return value;
}

/** An `IBAN` child, electronic form. @internal */
export function iban(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  // The XSD pattern has no spaces; the print form is for people, not messages. The message never
  // repeats the number itself: it is personal data.
  if (value.indexOf(' ') !== -1 || !isValidIban(value)) {
    return ctx.lenient(
      Codes.INVALID_IBAN,
      at(base, name),
      "expected an IBAN (ISO 13616): country, check digits and the country's BBAN structure, no spaces",
    )
      ? value
      : undefined;
  }
  return value;
}

/** An `LEI` child. @internal */
export function lei(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!isValidLei(value)) {
    return ctx.lenient(
      Codes.INVALID_LEI,
      at(base, name),
      `expected an LEI (ISO 17442: 20 characters with valid check digits), got ${quote(value)}`,
    )
      ? value
      : undefined;
  }
  return value;
}

/** A `Ctry` / `CtryOfRes` child. @internal */
export function country(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!isCountryCode(value)) {
    return ctx.lenient(
      Codes.INVALID_COUNTRY,
      at(base, name),
      `expected an ISO 3166-1 alpha-2 country code, got ${quote(value)}`,
    )
      ? value
      : undefined;
  }
  return value;
}

/** A `UETR` / `OrgnlUETR` child. @internal */
export function uetr(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!isValidUetr(value)) {
    return ctx.lenient(
      Codes.INVALID_UETR,
      at(base, name),
      `expected a UETR: a lower-case UUID v4 such as "eb6305c9-1f7f-49de-aed0-16487c27b42d", got ${quote(value)}`,
    )
      ? value
      : undefined;
  }
  return value;
}

/** A code child restricted to `allowed` values (`ChrgBr`, `CdtDbtInd` …). @internal */
export function code<T extends string>(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
  allowed: readonly T[],
): T | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    ctx.error(
      Codes.INVALID_VALUE,
      at(base, name),
      `expected one of ${allowed.join(', ')}, got ${quote(value)}`,
    );
    return undefined;
  }
  return value as T;
}

/** A `Max15NumericText` count (`NbOfTxs`), as written. @internal */
export function count(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(value)) {
    ctx.error(Codes.INVALID_VALUE, at(base, name), `expected 1 to 15 digits, got ${quote(value)}`);
    return undefined;
  }
  return value;
}

/** A `DecimalNumber` (`CtrlSum`, `XchgRate`): plain non-negative decimal, as written. @internal */
export function decimal(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,18}(\.\d{1,18})?$/.test(value)) {
    ctx.error(
      Codes.INVALID_VALUE,
      at(base, name),
      `expected a plain non-negative decimal such as "1234.50", got ${quote(value)}`,
    );
    return undefined;
  }
  return value;
}

/** An `xs:boolean` child. @internal */
export function bool(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): boolean | undefined {
  const value = rawText(ctx, parent, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  ctx.error(Codes.INVALID_VALUE, at(base, name), `expected true or false, got ${quote(value)}`);
  return undefined;
}

/** `Cd` or `Prtry` of a code-or-proprietary choice element (`Purp`, `CtgyPurp`, `ClrSys`, `Tp/CdOrPrtry`). @internal */
export function codeOrProprietary(
  ctx: ParseContext,
  el: XmlElement | undefined,
  base: Path,
  max: number,
): string | undefined {
  if (el === undefined) return undefined;
  return text(ctx, el, 'Cd', base, max) ?? text(ctx, el, 'Prtry', base, max);
}

/** `Cd` or `Prtry` of the child choice element `name` (`Purp`), its path built only when present. @internal */
export function codeOrProprietaryChild(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): string | undefined {
  const el = ctx.doc.child(parent, name);
  return el === undefined ? undefined : codeOrProprietary(ctx, el, at(base, name), 35);
}
