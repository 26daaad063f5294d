/**
 * MT103 parser: FIN blocks 1–5 into {@link Mt103Message}, and RJE batches (`$`-separated, with
 * service-21 acknowledgements in between) into {@link Mt103BatchEntry} lists.
 * @packageDocumentation
 */
import { DeltranError, err, type Issue, isCurrencyCode, money, ok, type Result } from '../../index';
import { Mt103ErrorCodes as Codes, Mt103Error, mt103Error } from '../errors';
import {
  BIC_PATTERN,
  INSTITUTION_OPTIONS,
  type Mt103Amount,
  type Mt103BasicHeader,
  type Mt103BatchEntry,
  type Mt103Customer,
  type Mt103InputHeader,
  type Mt103Institution,
  type Mt103Message,
  type Mt103OutputHeader,
  type Mt103Text,
  type MtAcknowledgement,
  type MtTagValue,
  X_CHARSET,
} from './schema';

/** Options of {@link parseMt103} and {@link parseMt103Batch}. @public */
export interface ParseMt103Options {
  /** Largest input accepted, in characters; default 1,000,000 (an MT103 is at most 10,000). */
  readonly maxLength?: number;
}

type Path = readonly (string | number)[];

class Collector {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  error(code: string, path: Path, message: string): void {
    this.errors.push({ code, path, message });
  }
  warn(code: string, path: Path, message: string): void {
    this.warnings.push({ code, path, message });
  }
}

interface Block {
  readonly id: string;
  readonly content: string;
}

/** Splits `{1:…}{2:…}…` into blocks; braces nest (blocks 3 and 5, acknowledgement block 4). */
function splitBlocks(text: string, c: Collector): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13) {
      i++;
      continue;
    }
    if (ch !== 123 /* { */) {
      c.error(
        Codes.SYNTAX,
        [],
        `expected "{" to open a block at offset ${i}, got ${JSON.stringify(text[i])}`,
      );
      return blocks;
    }
    const colon = text.indexOf(':', i + 1);
    if (colon < 0 || colon - i - 1 < 1 || colon - i - 1 > 3) {
      if (text.slice(i + 1).trim() === '') {
        c.warn(Codes.IGNORED_INPUT, [], `ignored an unterminated "{" at offset ${i}`);
        return blocks;
      }
      c.error(Codes.SYNTAX, [], `expected a block identifier such as "{1:" at offset ${i}`);
      return blocks;
    }
    const id = text.slice(i + 1, colon);
    let depth = 1;
    let j = colon + 1;
    for (; j < n && depth > 0; j++) {
      const cj = text.charCodeAt(j);
      if (cj === 123) depth++;
      else if (cj === 125) depth--;
    }
    if (depth > 0) {
      c.error(Codes.SYNTAX, [id], `block {${id}: is not closed`);
      return blocks;
    }
    blocks.push({ id, content: text.slice(colon + 1, j - 1) });
    i = j;
  }
  return blocks;
}

/** `{tag:value}{tag:value}` of block 3, block 5 and an acknowledgement's block 4. */
function tagValues(content: string, block: string, c: Collector): MtTagValue[] {
  const out: MtTagValue[] = [];
  const re = /\{([A-Za-z0-9]{1,3}):([^{}]*)\}/y;
  let i = 0;
  while (i < content.length) {
    re.lastIndex = i;
    const m = re.exec(content);
    if (m === null) {
      if (content.slice(i).trim() !== '')
        c.error(Codes.SYNTAX, [block], `expected {tag:value} at ${JSON.stringify(content.slice(i, i + 20))}`);
      break;
    }
    out.push({ tag: m[1]!, value: m[2]! });
    i = re.lastIndex;
  }
  return out;
}

function basicHeader(content: string, c: Collector): Mt103BasicHeader {
  const m = /^([A-Z])(\d{2})([A-Z0-9]{12})(\d{4})(\d{6})$/.exec(content);
  if (m === null) {
    c.error(
      Codes.SYNTAX,
      ['1'],
      `expected block 1 as F01 + 12-character LT + 4-digit session + 6-digit sequence, got ${JSON.stringify(content)}`,
    );
    return {
      applicationId: 'F',
      serviceId: '01',
      logicalTerminal: '',
      sessionNumber: '',
      sequenceNumber: '',
    };
  }
  return {
    applicationId: m[1]!,
    serviceId: m[2]!,
    logicalTerminal: m[3]!,
    sessionNumber: m[4]!,
    sequenceNumber: m[5]!,
  };
}

function applicationHeader(content: string, c: Collector): Mt103InputHeader | Mt103OutputHeader {
  const input = /^I(\d{3})([A-Z0-9]{12})([NUS])?([123])?(\d{3})?$/.exec(content);
  if (input !== null) {
    return {
      direction: 'I',
      messageType: input[1]!,
      receiverAddress: input[2]!,
      ...(input[3] !== undefined ? { priority: input[3] } : {}),
      ...(input[4] !== undefined ? { deliveryMonitoring: input[4] } : {}),
      ...(input[5] !== undefined ? { obsolescencePeriod: input[5] } : {}),
    };
  }
  const output = /^O(\d{3})(\d{4})(\d{6}[A-Z0-9]{12}\d{4}\d{6})(\d{6})(\d{4})([NUS])?$/.exec(content);
  if (output !== null) {
    return {
      direction: 'O',
      messageType: output[1]!,
      inputTime: output[2]!,
      messageInputReference: output[3]!,
      outputDate: output[4]!,
      outputTime: output[5]!,
      ...(output[6] !== undefined ? { priority: output[6] } : {}),
    };
  }
  c.error(
    Codes.SYNTAX,
    ['2'],
    `expected block 2 as I103<receiver 12><priority> or O103<time><MIR 28><date><time><priority>, got ${JSON.stringify(content)}`,
  );
  return { direction: 'I', messageType: '', receiverAddress: '' };
}

interface RawField {
  readonly tag: string;
  readonly lines: string[];
}

/** Splits block 4 text into fields: a line starting `:TAG:` opens one, other lines continue it. */
function rawFields(content: string, c: Collector): RawField[] {
  let body = content;
  // Block 4 of a user message is CRLF (or LF) + fields + CRLF + "-".
  if (body.startsWith('\r\n')) body = body.slice(2);
  else if (body.startsWith('\n')) body = body.slice(1);
  else c.error(Codes.SYNTAX, ['4'], 'expected a line break after "{4:"');
  const end = /\r?\n-$/.exec(body);
  if (end === null) c.error(Codes.SYNTAX, ['4'], 'expected block 4 to end with a line "-}"');
  else body = body.slice(0, end.index);
  const fields: RawField[] = [];
  for (const line of body.split(/\r?\n/)) {
    const m = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (m !== null) fields.push({ tag: m[1]!, lines: [m[2]!] });
    else if (fields.length > 0) fields[fields.length - 1]!.lines.push(line);
    else if (line !== '')
      c.error(
        Codes.SYNTAX,
        ['4'],
        `expected a field tag such as ":20:", got ${JSON.stringify(line.slice(0, 20))}`,
      );
  }
  return fields;
}

function checkLines(c: Collector, path: Path, lines: readonly string[], maxLines: number, width = 35): void {
  if (lines.length > maxLines)
    c.warn(Codes.TOO_MANY_LINES, path, `expected at most ${maxLines} lines, got ${lines.length}`);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.length > width)
      c.warn(
        Codes.LINE_TOO_LONG,
        [...path, i],
        `expected at most ${width} characters, got ${lines[i]!.length}`,
      );
  }
}

/** `YYMMDD` → `YYYY-MM-DD` with the window 00–79 → 20YY, 80–99 → 19YY. @internal */
export function parseYymmdd(text: string): string | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m === null) return undefined;
  const yy = Number(m[1]);
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > days) return undefined;
  return `${year}-${m[2]}-${m[3]}`;
}

/** SWIFT amount `digits,[digits]` (decimal comma, at most 15 characters) into Money, exactly. */
function swiftAmount(c: Collector, path: Path, currency: string, text: string): Mt103Amount | undefined {
  if (!/^\d{1,15},\d*$/.test(text) || text.length > 15) {
    c.error(
      Codes.INVALID_FIELD,
      path,
      `expected an amount with a decimal comma such as "1234,56" (15d), got ${JSON.stringify(text)}`,
    );
    return undefined;
  }
  if (!isCurrencyCode(currency)) {
    c.error(Codes.INVALID_FIELD, path, `expected an ISO 4217 currency code, got ${JSON.stringify(currency)}`);
    return undefined;
  }
  const [integer, fraction] = text.split(',') as [string, string];
  try {
    return money(fraction === '' ? integer : `${integer}.${fraction}`, currency, { path: [...path] });
  } catch (error) {
    c.error(
      Codes.INVALID_FIELD,
      path,
      error instanceof DeltranError
        ? error.message
        : `amount ${JSON.stringify(text)} does not fit ${currency}`,
    );
    return undefined;
  }
}

function currencyAmount(c: Collector, path: Path, value: string): Mt103Amount | undefined {
  const m = /^([A-Z]{3})(.*)$/.exec(value);
  if (m === null) {
    c.error(
      Codes.INVALID_FIELD,
      path,
      `expected a currency code then an amount, got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  return swiftAmount(c, path, m[1]!, m[2]!);
}

function institution(
  c: Collector,
  tag: string,
  option: string,
  lines: readonly string[],
): Mt103Institution | undefined {
  const path = ['4', `${tag}${option}`];
  const allowed = INSTITUTION_OPTIONS[tag] ?? '';
  if (option === '' || !allowed.includes(option)) {
    c.error(
      Codes.INVALID_FIELD,
      path,
      `field ${tag} takes option ${allowed.split('').join(', ')}, got "${option || '(none)'}"`,
    );
    return undefined;
  }
  let rest = lines;
  let partyIdentifier: string | undefined;
  if (rest[0]?.startsWith('/')) {
    partyIdentifier = rest[0];
    rest = rest.slice(1);
  }
  const base = {
    option: option as Mt103Institution['option'],
    ...(partyIdentifier !== undefined ? { partyIdentifier } : {}),
  };
  switch (option) {
    case 'A': {
      const bic = rest[0];
      if (bic === undefined || rest.length !== 1 || !BIC_PATTERN.test(bic)) {
        c.error(
          Codes.INVALID_FIELD,
          path,
          `expected [party identifier line] and a BIC, got ${JSON.stringify(lines.join('\\n'))}`,
        );
        return undefined;
      }
      return { ...base, bic };
    }
    case 'B':
      if (rest.length > 1)
        c.error(Codes.TOO_MANY_LINES, path, 'option B has a party identifier and at most one location line');
      checkLines(c, path, rest, 1);
      return rest[0] !== undefined ? { ...base, location: rest[0] } : base;
    case 'C':
      if (partyIdentifier === undefined || rest.length > 0)
        c.error(Codes.INVALID_FIELD, path, 'option C is one party identifier line "/34x"');
      return base;
    default:
      checkLines(c, path, rest, 4);
      if (rest.length === 0) c.error(Codes.INVALID_FIELD, path, 'option D needs name and address lines');
      return { ...base, nameAndAddress: rest };
  }
}

function customer(
  c: Collector,
  tag: '50' | '59',
  option: string,
  lines: readonly string[],
): Mt103Customer | undefined {
  const path = ['4', `${tag}${option}`];
  const allowed = tag === '50' ? ['A', 'F', 'K'] : ['', 'A', 'F'];
  if (!allowed.includes(option)) {
    c.error(
      Codes.INVALID_FIELD,
      path,
      `field ${tag} takes option ${allowed.map((o) => o || '(none)').join(', ')}, got "${option}"`,
    );
    return undefined;
  }
  const opt = option as Mt103Customer['option'];
  let rest = lines;
  let account: string | undefined;
  if (!(tag === '50' && opt === 'F') && rest[0]?.startsWith('/')) {
    account = rest[0].slice(1);
    rest = rest.slice(1);
  }
  const base = { option: opt, ...(account !== undefined ? { account } : {}) };
  if (opt === 'A') {
    const bic = rest[0];
    if (bic === undefined || rest.length !== 1 || !BIC_PATTERN.test(bic)) {
      c.error(Codes.INVALID_FIELD, path, 'option A is [/account] and a BIC');
      return undefined;
    }
    return { ...base, bic };
  }
  if (tag === '50' && opt === 'F') {
    const [partyIdentifier, ...numbered] = rest;
    if (partyIdentifier === undefined) {
      c.error(Codes.INVALID_FIELD, path, 'option F needs a party identifier line');
      return undefined;
    }
    if (partyIdentifier.startsWith('/')) {
      checkLines(c, path, numbered, 4);
      return { option: opt, account: partyIdentifier.slice(1), lines: numbered };
    }
    checkLines(c, path, numbered, 4);
    return { option: opt, partyIdentifier, lines: numbered };
  }
  checkLines(c, path, rest, 4);
  if (rest.length === 0) c.error(Codes.INVALID_FIELD, path, 'expected name and address lines');
  return { ...base, lines: rest };
}

function text4(fields: readonly RawField[], c: Collector): Mt103Text {
  const out: Record<string, unknown> = {};
  const list = (key: string, value: unknown) => {
    const existing = out[key] as unknown[] | undefined;
    if (existing === undefined) out[key] = [value];
    else existing.push(value);
  };
  const once = (key: string, tag: string, value: unknown) => {
    if (out[key] !== undefined)
      c.error(Codes.INVALID_FIELD, ['4', tag], `field ${tag} appears more than once`);
    out[key] = value;
  };
  const other: MtTagValue[] = [];
  for (const f of fields) {
    const value = f.lines.join('\n');
    const number = f.tag.slice(0, 2);
    const option = f.tag.slice(2);
    const path = ['4', f.tag];
    for (let i = 0; i < f.lines.length; i++) {
      if (!X_CHARSET.test(f.lines[i]!))
        c.warn(
          Codes.INVALID_CHARACTER,
          [...path, i],
          'line has characters outside the SWIFT X character set',
        );
    }
    switch (f.tag) {
      case '20':
        if (value.length > 16 || value.length === 0 || f.lines.length > 1)
          c.error(
            Codes.INVALID_FIELD,
            path,
            `expected a reference of 1 to 16 characters (16x), got ${JSON.stringify(value)}`,
          );
        once('senderReference', f.tag, value);
        continue;
      case '13C':
        list('timeIndications', value);
        continue;
      case '23B':
        if (!/^[A-Z]{4}$/.test(value))
          c.error(Codes.INVALID_FIELD, path, `expected a 4-letter code, got ${JSON.stringify(value)}`);
        once('bankOperationCode', f.tag, value);
        continue;
      case '23E':
        list('instructionCodes', value);
        continue;
      case '26T':
        once('transactionTypeCode', f.tag, value);
        continue;
      case '32A': {
        const m = /^(\d{6})([A-Z]{3})(.*)$/.exec(value);
        const date = m === null ? undefined : parseYymmdd(m[1]!);
        if (m === null || date === undefined) {
          c.error(
            Codes.INVALID_FIELD,
            path,
            `expected YYMMDD + currency + amount, got ${JSON.stringify(value)}`,
          );
          continue;
        }
        once('valueDate', f.tag, date);
        const amount = swiftAmount(c, path, m[2]!, m[3]!);
        if (amount !== undefined) out.settledAmount = amount;
        continue;
      }
      case '33B': {
        const amount = currencyAmount(c, path, value);
        if (amount !== undefined) once('instructedAmount', f.tag, amount);
        continue;
      }
      case '36':
        if (!/^\d{1,12},\d*$/.test(value) || value.length > 12)
          c.error(
            Codes.INVALID_FIELD,
            path,
            `expected a rate with a decimal comma (12d), got ${JSON.stringify(value)}`,
          );
        else once('exchangeRate', f.tag, value.endsWith(',') ? value.slice(0, -1) : value.replace(',', '.'));
        continue;
      case '70':
        checkLines(c, path, f.lines, 4);
        once('remittanceInformation', f.tag, f.lines);
        continue;
      case '71A':
        if (!/^(OUR|SHA|BEN)$/.test(value))
          c.error(Codes.INVALID_FIELD, path, `expected OUR, SHA or BEN, got ${JSON.stringify(value)}`);
        once('detailsOfCharges', f.tag, value);
        continue;
      case '71F': {
        const amount = currencyAmount(c, path, value);
        if (amount !== undefined) list('sendersCharges', amount);
        continue;
      }
      case '71G': {
        const amount = currencyAmount(c, path, value);
        if (amount !== undefined) once('receiversCharges', f.tag, amount);
        continue;
      }
      case '72':
        checkLines(c, path, f.lines, 6);
        once('senderToReceiverInformation', f.tag, f.lines);
        continue;
      case '77B':
        checkLines(c, path, f.lines, 3);
        once('regulatoryReporting', f.tag, f.lines);
        continue;
    }
    if (number === '50' || number === '59') {
      const key = number === '50' ? 'orderingCustomer' : 'beneficiaryCustomer';
      const parsed = customer(c, number, option, f.lines);
      if (parsed !== undefined) once(key, f.tag, parsed);
      continue;
    }
    const institutionKey = INSTITUTION_KEYS[number];
    if (institutionKey !== undefined) {
      const parsed = institution(c, number, option, f.lines);
      if (parsed !== undefined) once(institutionKey, f.tag, parsed);
      continue;
    }
    other.push({ tag: f.tag, value });
  }
  if (other.length > 0) out.otherFields = other;
  for (const [key, tag] of [
    ['senderReference', '20'],
    ['bankOperationCode', '23B'],
    ['valueDate', '32A'],
    ['orderingCustomer', '50a'],
    ['beneficiaryCustomer', '59a'],
    ['detailsOfCharges', '71A'],
  ] as const) {
    const reported = c.errors.some((e) => String(e.path[1]).startsWith(tag.slice(0, 2)));
    if (out[key] === undefined && !reported)
      c.error(Codes.MISSING_FIELD, ['4', tag], `mandatory field :${tag}: is missing`);
  }
  return out as unknown as Mt103Text;
}

const INSTITUTION_KEYS: Readonly<Record<string, string>> = Object.freeze({
  '52': 'orderingInstitution',
  '53': 'sendersCorrespondent',
  '54': 'receiversCorrespondent',
  '55': 'thirdReimbursementInstitution',
  '56': 'intermediaryInstitution',
  '57': 'accountWithInstitution',
});

function decode(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
}

function fromBlocks(blocks: readonly Block[], c: Collector): Mt103Message | undefined {
  const byId = new Map<string, Block>();
  for (const b of blocks) {
    if (byId.has(b.id)) c.error(Codes.SYNTAX, [b.id], `block ${b.id} appears twice`);
    else if (!['1', '2', '3', '4', '5', 'S'].includes(b.id))
      c.warn(Codes.IGNORED_INPUT, [b.id], `ignored unknown block ${b.id}`);
    byId.set(b.id, b);
  }
  const b1 = byId.get('1');
  const b2 = byId.get('2');
  const b4 = byId.get('4');
  if (b1 === undefined || b2 === undefined || b4 === undefined) {
    c.error(
      Codes.SYNTAX,
      [],
      `expected blocks 1, 2 and 4, found ${blocks.map((b) => b.id).join(', ') || 'none'}`,
    );
    return undefined;
  }
  const header = basicHeader(b1.content, c);
  const application = applicationHeader(b2.content, c);
  if (application.messageType !== '' && application.messageType !== '103')
    c.error(Codes.SYNTAX, ['2'], `expected message type 103, got ${application.messageType}`);
  const b3 = byId.get('3');
  const b5 = byId.get('5');
  const text = text4(rawFields(b4.content, c), c);
  return {
    basicHeader: header,
    applicationHeader: application,
    ...(b3 !== undefined ? { userHeader: tagValues(b3.content, '3', c) } : {}),
    text,
    ...(b5 !== undefined ? { trailer: tagValues(b5.content, '5', c) } : {}),
  };
}

function finish(message: Mt103Message, c: Collector): Mt103Message {
  return c.warnings.length > 0 ? { ...message, warnings: c.warnings } : message;
}

/**
 * Parses one MT103: blocks 1 (basic header), 2 (input or output application header), 3 (user header:
 * `{121:}` UETR, `{119:}`, `{108:}` …), 4 (text: 20, 13C, 23B, 23E, 26T, 32A, 33B, 36, 50A/F/K,
 * 52A/D, 53A/B/D, 54A/B/D, 55A/B/D, 56A/C/D, 57A/B/C/D, 59/59A/59F, 70, 71A, 71F, 71G, 72, 77B; other
 * fields are kept in `otherFields`) and 5 (trailer). Lines may end in CRLF or LF; whitespace between
 * blocks is allowed.
 *
 * Structure, mandatory fields and field formats are errors. Lines over 35 characters, too many lines and
 * characters outside the SWIFT X set are accepted and reported in `warnings`.
 *
 * @param input - the message text (or its UTF-8 bytes)
 * @returns the message; `warnings` is present only when there is something to report
 * @throws {@link Mt103Error} with every problem found (codes `ISO20022_MT103_*`)
 * @example
 * ```ts
 * const m = parseMt103(text);
 * m.text.settledAmount; // { minor: 12345678n, currency: 'EUR' }
 * ```
 * @public
 */
export function parseMt103(input: string | Uint8Array, options: ParseMt103Options = {}): Mt103Message {
  const result = safeParseMt103(input, options);
  if (!result.ok) throw result.error;
  return result.value;
}

/** Like {@link parseMt103}, returning a {@link Result} instead of throwing. @public */
export function safeParseMt103(
  input: string | Uint8Array,
  options: ParseMt103Options = {},
): Result<Mt103Message, Mt103Error> {
  const text = decode(input);
  const c = new Collector();
  if (text.length > (options.maxLength ?? 1_000_000)) {
    c.error(Codes.SYNTAX, [], `input is longer than ${options.maxLength ?? 1_000_000} characters`);
    return err(mt103Error('parseMt103', c.errors));
  }
  const blocks = splitBlocks(text, c);
  if (blocks.some((b) => b.id === '1' && /^F21/.test(b.content)))
    c.error(
      Codes.SYNTAX,
      ['1'],
      'input holds a service-21 acknowledgement: use parseMt103Batch for RJE batches',
    );
  const message = c.errors.length === 0 ? fromBlocks(blocks, c) : undefined;
  if (c.errors.length > 0 || message === undefined) return err(mt103Error('parseMt103', c.errors));
  return ok(finish(message, c));
}

/**
 * Parses an RJE batch: messages separated by `$` (on its own line or not), each optionally preceded by
 * the service-21 acknowledgement (`{1:F21…}{4:{177:…}{451:0}}`) that SWIFT returned for it. Empty
 * chunks are skipped.
 *
 * @param input - the batch text (or its UTF-8 bytes)
 * @returns one entry per message, in order
 * @throws {@link Mt103Error} when any message fails; each issue's path starts with the message index
 * @public
 */
export function parseMt103Batch(
  input: string | Uint8Array,
  options: ParseMt103Options = {},
): Mt103BatchEntry[] {
  const text = decode(input);
  const max = options.maxLength ?? 10_000_000;
  if (text.length > max)
    throw mt103Error('parseMt103Batch', [
      { code: Codes.SYNTAX, path: [], message: `input is longer than ${max} characters` },
    ]);
  const entries: Mt103BatchEntry[] = [];
  const errors: Issue[] = [];
  // `$` is outside the SWIFT X and Y character sets, so it can only be a separator.
  const chunks = text.split('$');
  let index = -1;
  for (const chunk of chunks) {
    if (chunk.trim() === '') continue;
    index++;
    const c = new Collector();
    let blocks = splitBlocks(chunk, c);
    let acknowledgement: MtAcknowledgement | undefined;
    const first = blocks[0];
    if (first?.id === '1' && /^F21/.test(first.content)) {
      const ackText = blocks[1]?.id === '4' ? blocks[1] : undefined;
      const fields = ackText === undefined ? [] : tagValues(ackText.content, '4', c);
      acknowledgement = {
        basicHeader: basicHeader(first.content, c),
        accepted: fields.find((f) => f.tag === '451')?.value === '0',
        fields,
      };
      blocks = blocks.slice(ackText === undefined ? 1 : 2);
    }
    const message = c.errors.length === 0 ? fromBlocks(blocks, c) : undefined;
    if (c.errors.length > 0 || message === undefined) {
      for (const e of c.errors) errors.push({ ...e, path: [index, ...e.path] });
      continue;
    }
    entries.push({
      message: finish(message, c),
      ...(acknowledgement !== undefined ? { acknowledgement } : {}),
    });
  }
  if (errors.length > 0) throw mt103Error('parseMt103Batch', errors);
  return entries;
}

/** Like {@link parseMt103Batch}, returning a {@link Result}. @public */
export function safeParseMt103Batch(
  input: string | Uint8Array,
  options: ParseMt103Options = {},
): Result<Mt103BatchEntry[], Mt103Error> {
  try {
    return ok(parseMt103Batch(input, options));
  } catch (error) {
    if (error instanceof Mt103Error) return err(error);
    throw error;
  }
}
