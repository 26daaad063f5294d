/**
 * MT103 builder: {@link Mt103Message} into FIN text (blocks 1–5, CRLF inside block 4).
 * @packageDocumentation
 */
import { formatMoney, type Issue, isCurrencyCode } from '../../index';
import { Mt103ErrorCodes as Codes, mt103Error } from '../errors';
import {
  BIC_PATTERN,
  INSTITUTION_OPTIONS,
  type Mt103Amount,
  type Mt103Customer,
  type Mt103Institution,
  type Mt103Message,
  type MtTagValue,
  X_CHARSET,
} from './schema';

/** Options of {@link buildMt103}. @public */
export interface BuildMt103Options {
  /**
   * Replace characters outside the SWIFT X set (`é` → `e`, `ß` → `ss`, `&` → `+`, others → `.`) and
   * report each field changed in `warnings`; default `true`. With `false` they are errors.
   */
  readonly transliterate?: boolean;
}

/** What {@link buildMt103} returns: the FIN text and what had to be changed to write it. @public */
export interface Mt103BuildResult {
  /** The message, blocks 1–5, with CRLF line ends inside block 4. */
  readonly text: string;
  /** `ISO20022_MT103_TRANSLITERATED` issues, one per field line changed. */
  readonly warnings: readonly Issue[];
}

type Path = readonly (string | number)[];

class Out {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  readonly lines: string[] = [];
  constructor(readonly transliterate: boolean) {}
  error(code: string, path: Path, message: string): void {
    this.errors.push({ code, path, message });
  }
}

const SPECIAL: Readonly<Record<string, string>> = Object.freeze({
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'TH',
  ð: 'd',
  '&': '+',
  '"': "'",
  '`': "'",
  '´': "'",
  '‘': "'",
  '’': "'",
  '“': "'",
  '”': "'",
  _: '-',
  '–': '-',
  '—': '-',
  ';': ',',
  '!': '.',
  '[': '(',
  ']': ')',
  '<': '(',
  '>': ')',
  '\t': ' ',
});

/**
 * Replaces what the SWIFT X character set lacks: accents are dropped (NFD, combining marks removed),
 * a few letters and signs have a fixed replacement, anything else becomes `.`.
 * @param value - one line of field content
 * @returns the line in the X set, and whether it changed
 * @public
 */
export function toSwiftX(value: string): { readonly text: string; readonly changed: boolean } {
  if (X_CHARSET.test(value)) return { text: value, changed: false };
  let out = '';
  for (const ch of value) {
    if (X_CHARSET.test(ch)) {
      out += ch;
      continue;
    }
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += X_CHARSET.test(stripped) && stripped !== '' ? stripped : '.';
  }
  return { text: out, changed: true };
}

/** Checks and (if allowed) transliterates the lines of a field, then enforces line width and count. */
function lines(o: Out, path: Path, raw: readonly string[], maxLines: number, width = 35): string[] {
  const result: string[] = [];
  if (raw.length > maxLines)
    o.error(Codes.TOO_MANY_LINES, path, `expected at most ${maxLines} lines, got ${raw.length}`);
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i]!;
    const here = raw.length === 1 ? path : [...path, i];
    if (typeof line !== 'string' || line.length === 0) {
      o.error(Codes.INVALID_FIELD, here, 'expected a non-empty line');
      continue;
    }
    const x = toSwiftX(line);
    let changed = x.changed;
    line = x.text;
    // A line starting with ":" or "-" would read as a new field or the end of block 4.
    if (line.startsWith(':') || line.startsWith('-')) {
      line = `.${line.slice(1)}`;
      changed = true;
    }
    if (changed) {
      if (!o.transliterate) {
        o.error(
          Codes.INVALID_CHARACTER,
          here,
          'characters outside the SWIFT X set (or a leading ":" or "-")',
        );
        continue;
      }
      o.warnings.push({
        code: Codes.TRANSLITERATED,
        path: here,
        message: `written as ${JSON.stringify(line)}`,
      });
    }
    if (line.length > width) {
      o.error(Codes.LINE_TOO_LONG, here, `expected at most ${width} characters, got ${line.length}`);
      continue;
    }
    result.push(line);
  }
  return result;
}

function field(o: Out, tag: string, content: readonly string[]): void {
  if (content.length === 0) return;
  o.lines.push(`:${tag}:${content[0]}`);
  for (let i = 1; i < content.length; i++) o.lines.push(content[i]!);
}

/** Money → SWIFT `15d`: decimal comma, always present. */
function swiftAmount(o: Out, path: Path, amount: Mt103Amount): string | undefined {
  if (
    typeof amount !== 'object' ||
    amount === null ||
    typeof amount.minor !== 'bigint' ||
    !isCurrencyCode(amount.currency)
  ) {
    o.error(Codes.INVALID_FIELD, path, 'expected Money: { minor: bigint, currency }');
    return undefined;
  }
  if (amount.minor < 0n) {
    o.error(Codes.NOT_REPRESENTABLE, path, 'MT amounts cannot be negative');
    return undefined;
  }
  const text = formatMoney(amount);
  const swift = text.includes('.') ? text.replace('.', ',') : `${text},`;
  if (swift.length > 15) {
    o.error(
      Codes.NOT_REPRESENTABLE,
      path,
      `expected at most 15 characters with the comma (15d), got ${swift.length}`,
    );
    return undefined;
  }
  return amount.currency + swift;
}

/** `YYYY-MM-DD` → `YYMMDD` inside the window 1980–2079 that the parser reads back. */
function yymmdd(o: Out, path: Path, date: string): string | undefined {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const year = m === null ? Number.NaN : Number(m[1]);
  if (m === null || !(year >= 1980 && year <= 2079)) {
    o.error(
      Codes.NOT_REPRESENTABLE,
      path,
      `expected a date YYYY-MM-DD between 1980 and 2079 (YYMMDD), got ${JSON.stringify(date)}`,
    );
    return undefined;
  }
  return `${m[1]!.slice(2)}${m[2]}${m[3]}`;
}

function bic(o: Out, path: Path, value: string | undefined): string | undefined {
  if (value === undefined || !BIC_PATTERN.test(value)) {
    o.error(Codes.INVALID_FIELD, path, `expected a BIC (8 or 11 characters), got ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

function customer(o: Out, tag: '50' | '59', c: Mt103Customer): void {
  const option = c.option ?? '';
  const path = ['4', `${tag}${option}`];
  const allowed = tag === '50' ? ['A', 'F', 'K'] : ['', 'A', 'F'];
  if (!allowed.includes(option)) {
    o.error(
      Codes.INVALID_FIELD,
      path,
      `field ${tag} takes option ${allowed.map((x) => x || '(none)').join(', ')}, got "${option}"`,
    );
    return;
  }
  const content: string[] = [];
  if (c.account !== undefined) content.push(...lines(o, [...path, 'account'], [`/${c.account}`], 1, 35));
  if (option === 'A') {
    const b = bic(o, [...path, 'bic'], c.bic);
    if (b !== undefined) content.push(b);
  } else {
    if (tag === '50' && option === 'F') {
      if ((c.partyIdentifier === undefined) === (c.account === undefined))
        o.error(
          Codes.INVALID_FIELD,
          path,
          'option F has either an account or a party identifier, exactly one',
        );
      if (c.partyIdentifier !== undefined) {
        if (c.partyIdentifier.startsWith('/'))
          o.error(
            Codes.INVALID_FIELD,
            [...path, 'partyIdentifier'],
            'a party identifier does not start with "/" (that is an account)',
          );
        content.push(...lines(o, [...path, 'partyIdentifier'], [c.partyIdentifier], 1));
      }
    }
    const body = c.lines ?? [];
    if (body.length === 0)
      o.error(Codes.MISSING_FIELD, [...path, 'lines'], 'expected name and address lines');
    const checked = lines(o, [...path, 'lines'], body, 4);
    if (tag === '59' || option === 'K') {
      // Without an account line, a first line starting with "/" would read back as the account.
      if (c.account === undefined && checked[0]?.startsWith('/'))
        o.error(
          Codes.INVALID_FIELD,
          [...path, 'lines', 0],
          'the first name line cannot start with "/" when there is no account',
        );
    }
    content.push(...checked);
  }
  field(o, `${tag}${option}`, content);
}

function institution(o: Out, tag: string, i: Mt103Institution | undefined): void {
  if (i === undefined) return;
  const path = ['4', `${tag}${i.option}`];
  const allowed = INSTITUTION_OPTIONS[tag] ?? '';
  if (typeof i.option !== 'string' || i.option.length !== 1 || !allowed.includes(i.option)) {
    o.error(
      Codes.INVALID_FIELD,
      path,
      `field ${tag} takes option ${allowed.split('').join(', ')}, got "${String(i.option)}"`,
    );
    return;
  }
  const content: string[] = [];
  if (i.partyIdentifier !== undefined) {
    if (!i.partyIdentifier.startsWith('/'))
      o.error(Codes.INVALID_FIELD, [...path, 'partyIdentifier'], 'a party identifier line starts with "/"');
    content.push(...lines(o, [...path, 'partyIdentifier'], [i.partyIdentifier], 1));
  }
  switch (i.option) {
    case 'A': {
      const b = bic(o, [...path, 'bic'], i.bic);
      if (b !== undefined) content.push(b);
      break;
    }
    case 'B':
      if (i.location !== undefined) {
        if (i.location.startsWith('/') && i.partyIdentifier === undefined)
          o.error(
            Codes.INVALID_FIELD,
            [...path, 'location'],
            'a location cannot start with "/" without a party identifier',
          );
        content.push(...lines(o, [...path, 'location'], [i.location], 1));
      }
      if (content.length === 0)
        o.error(Codes.MISSING_FIELD, path, 'option B needs a party identifier or a location');
      break;
    case 'C':
      if (i.partyIdentifier === undefined)
        o.error(Codes.MISSING_FIELD, path, 'option C is a party identifier line');
      break;
    default: {
      const body = i.nameAndAddress ?? [];
      if (body.length === 0)
        o.error(Codes.MISSING_FIELD, [...path, 'nameAndAddress'], 'option D needs name and address lines');
      if (i.partyIdentifier === undefined && body[0]?.startsWith('/'))
        o.error(
          Codes.INVALID_FIELD,
          [...path, 'nameAndAddress', 0],
          'the first line cannot start with "/" without a party identifier',
        );
      content.push(...lines(o, [...path, 'nameAndAddress'], body, 4));
    }
  }
  field(o, `${tag}${i.option}`, content);
}

function tagValues(o: Out, block: string, list: readonly MtTagValue[] | undefined): string {
  if (list === undefined) return '';
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const { tag, value } = list[i]!;
    if (!/^[A-Za-z0-9]{1,3}$/.test(tag) || /[{}\r\n]/.test(value))
      o.error(
        Codes.INVALID_FIELD,
        [block, i],
        `expected {tag:value} with a 1–3 character tag and no braces or line breaks`,
      );
    out += `{${tag}:${value}}`;
  }
  return `{${block}:${out}}`;
}

function headers(o: Out, m: Mt103Message): string {
  const b = m.basicHeader;
  let out = '';
  if (
    !/^[A-Z]$/.test(b.applicationId) ||
    !/^\d{2}$/.test(b.serviceId) ||
    !/^[A-Z0-9]{12}$/.test(b.logicalTerminal) ||
    !/^\d{4}$/.test(b.sessionNumber) ||
    !/^\d{6}$/.test(b.sequenceNumber)
  )
    o.error(
      Codes.SYNTAX,
      ['1'],
      'expected F, 01, a 12-character logical terminal, 4-digit session and 6-digit sequence',
    );
  out += `{1:${b.applicationId}${b.serviceId}${b.logicalTerminal}${b.sessionNumber}${b.sequenceNumber}}`;
  const a = m.applicationHeader;
  if (a.direction === 'I') {
    if (
      a.messageType !== '103' ||
      !/^[A-Z0-9]{12}$/.test(a.receiverAddress) ||
      (a.priority !== undefined && !/^[NUS]$/.test(a.priority)) ||
      (a.deliveryMonitoring !== undefined && !/^[123]$/.test(a.deliveryMonitoring)) ||
      (a.obsolescencePeriod !== undefined && !/^\d{3}$/.test(a.obsolescencePeriod)) ||
      (a.obsolescencePeriod !== undefined &&
        (a.deliveryMonitoring === undefined || a.priority === undefined)) ||
      (a.deliveryMonitoring !== undefined && a.priority === undefined)
    )
      o.error(
        Codes.SYNTAX,
        ['2'],
        'expected I103, a 12-character receiver address and optional priority, monitoring, obsolescence',
      );
    out += `{2:I${a.messageType}${a.receiverAddress}${a.priority ?? ''}${a.deliveryMonitoring ?? ''}${a.obsolescencePeriod ?? ''}}`;
  } else {
    if (
      a.messageType !== '103' ||
      !/^\d{4}$/.test(a.inputTime) ||
      !/^\d{6}[A-Z0-9]{12}\d{10}$/.test(a.messageInputReference) ||
      !/^\d{6}$/.test(a.outputDate) ||
      !/^\d{4}$/.test(a.outputTime) ||
      (a.priority !== undefined && !/^[NUS]$/.test(a.priority))
    )
      o.error(
        Codes.SYNTAX,
        ['2'],
        'expected O103, input time, 28-character MIR, output date and time, optional priority',
      );
    out += `{2:O${a.messageType}${a.inputTime}${a.messageInputReference}${a.outputDate}${a.outputTime}${a.priority ?? ''}}`;
  }
  return out + tagValues(o, '3', m.userHeader);
}

function single(o: Out, tag: string, value: string | undefined, pattern: RegExp, what: string): void {
  if (value === undefined) return;
  if (!pattern.test(value)) {
    o.error(Codes.INVALID_FIELD, ['4', tag], `expected ${what}, got ${JSON.stringify(value)}`);
    return;
  }
  field(o, tag, [value]);
}

/**
 * Builds the FIN text of an MT103. Fields are written in the order of the standard (20, 13C, 23B,
 * 23E, 26T, 32A, 33B, 36, 50a, 52a–57a, 59a, 70, 71A, 71F, 71G, 72, 77B, then `otherFields`); amounts
 * with a decimal comma; dates as YYMMDD; block 4 lines end in CRLF.
 *
 * Line limits are enforced (35 characters; 4 lines for 50a/52a–57a D/59a/70, 6 for 72, 3 for 77B).
 * Characters outside the SWIFT X set are transliterated (see {@link toSwiftX}) and reported in
 * `warnings`, unless `transliterate: false`, which makes them errors.
 *
 * @param message - the message (for example from {@link parseMt103} or {@link paymentToMt103})
 * @returns the text and the warnings
 * @throws {@link Mt103Error} listing every field that cannot be written (codes `ISO20022_MT103_*`)
 * @public
 */
export function buildMt103(message: Mt103Message, options: BuildMt103Options = {}): Mt103BuildResult {
  const o = new Out(options.transliterate ?? true);
  const t = message.text;
  const head = headers(o, message);
  single(
    o,
    '20',
    t.senderReference,
    /^(?!\/)(?!.*\/\/)(?!.*\/$)[A-Za-z0-9/\-?:().,'+ ]{1,16}$/,
    'a reference of 1 to 16 X characters, not starting or ending with "/" nor containing "//"',
  );
  for (const v of t.timeIndications ?? [])
    single(o, '13C', v, /^\/[A-Z]{1,8}\/\d{4}[+-]\d{4}$/, '/CODE/HHMM±HHMM');
  single(o, '23B', t.bankOperationCode, /^[A-Z]{4}$/, 'a 4-letter bank operation code');
  for (const v of t.instructionCodes ?? [])
    single(o, '23E', v, /^[A-Z]{4}(\/[A-Za-z0-9/\-?:().,'+ ]{1,30})?$/, 'CODE[/additional information]');
  single(o, '26T', t.transactionTypeCode, /^[A-Za-z0-9]{3}$/, 'a 3-character code');
  if (t.valueDate === undefined || t.settledAmount === undefined)
    o.error(Codes.MISSING_FIELD, ['4', '32A'], 'valueDate and settledAmount are mandatory (:32A:)');
  else {
    const d = yymmdd(o, ['4', '32A', 'valueDate'], t.valueDate);
    const a = swiftAmount(o, ['4', '32A', 'settledAmount'], t.settledAmount);
    if (d !== undefined && a !== undefined) field(o, '32A', [d + a]);
  }
  if (t.instructedAmount !== undefined) {
    const a = swiftAmount(o, ['4', '33B'], t.instructedAmount);
    if (a !== undefined) field(o, '33B', [a]);
  }
  if (t.exchangeRate !== undefined) {
    const rate = /^\d+(\.\d+)?$/.test(t.exchangeRate) ? t.exchangeRate.replace('.', ',') : undefined;
    const swift = rate === undefined ? undefined : rate.includes(',') ? rate : `${rate},`;
    if (swift === undefined || swift.length > 12)
      o.error(
        Codes.NOT_REPRESENTABLE,
        ['4', '36'],
        `expected a decimal rate of at most 12 characters with the comma, got ${JSON.stringify(t.exchangeRate)}`,
      );
    else field(o, '36', [swift]);
  }
  if (t.orderingCustomer === undefined)
    o.error(Codes.MISSING_FIELD, ['4', '50a'], 'orderingCustomer is mandatory (:50a:)');
  else customer(o, '50', t.orderingCustomer);
  institution(o, '52', t.orderingInstitution);
  institution(o, '53', t.sendersCorrespondent);
  institution(o, '54', t.receiversCorrespondent);
  institution(o, '55', t.thirdReimbursementInstitution);
  institution(o, '56', t.intermediaryInstitution);
  institution(o, '57', t.accountWithInstitution);
  if (t.beneficiaryCustomer === undefined)
    o.error(Codes.MISSING_FIELD, ['4', '59a'], 'beneficiaryCustomer is mandatory (:59a:)');
  else customer(o, '59', t.beneficiaryCustomer);
  if (t.remittanceInformation !== undefined)
    field(o, '70', lines(o, ['4', '70'], t.remittanceInformation, 4));
  if (t.detailsOfCharges === undefined)
    o.error(Codes.MISSING_FIELD, ['4', '71A'], 'detailsOfCharges is mandatory (:71A:)');
  else single(o, '71A', t.detailsOfCharges, /^(OUR|SHA|BEN)$/, 'OUR, SHA or BEN');
  const charges = t.sendersCharges ?? [];
  for (let i = 0; i < charges.length; i++) {
    const a = swiftAmount(o, ['4', '71F', i], charges[i]!);
    if (a !== undefined) field(o, '71F', [a]);
  }
  if (t.receiversCharges !== undefined) {
    const a = swiftAmount(o, ['4', '71G'], t.receiversCharges);
    if (a !== undefined) field(o, '71G', [a]);
  }
  if (t.senderToReceiverInformation !== undefined)
    field(o, '72', lines(o, ['4', '72'], t.senderToReceiverInformation, 6));
  if (t.regulatoryReporting !== undefined) field(o, '77B', lines(o, ['4', '77B'], t.regulatoryReporting, 3));
  for (const f of t.otherFields ?? []) {
    if (!/^\d{2}[A-Z]?$/.test(f.tag))
      o.error(Codes.INVALID_FIELD, ['4', f.tag], 'expected a field tag such as 21 or 77T');
    else field(o, f.tag, lines(o, ['4', f.tag], f.value.split(/\r?\n/), 100, 65));
  }
  const trailer = tagValues(o, '5', message.trailer);
  if (o.errors.length > 0) throw mt103Error('buildMt103', o.errors);
  return { text: `${head}{4:\r\n${o.lines.join('\r\n')}\r\n-}${trailer}`, warnings: o.warnings };
}
