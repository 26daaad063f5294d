/**
 * The JSON Lines reader behind `createObligationLinesReader`: bytes in, {@link Columns} out, with no
 * object, and no string for amounts, currencies or repeated participant names, per line.
 *
 * Each line is first tried by a scanner for the flat shape every producer writes,
 * `{"id":"…","debtor":"…","creditor":"…","currency":"…","amount":"…"}` (keys in this order, optional
 * JSON whitespace between tokens, printable ASCII without escapes inside the strings, the amount a
 * plain decimal string that {@link parseAmountBytes} takes). Participant and currency names are
 * interned straight from the bytes: a name becomes a string, and is checked, once, the first time it
 * is seen. Ids are kept as bytes in one arena for the duplicate check. Whatever the scanner does not
 * take, down to the last byte, goes to `JSON.parse` and then to the same per-obligation checks as
 * `net()` (a short inline version first, the full `ingest` when that is not conclusive), so the
 * scanner decides speed only, never meaning.
 *
 * When any obligation is invalid, or two share an id, the reader does not try to reproduce the
 * validation's messages: it hands back the obligations as objects and `net()`'s own validation reports
 * them (see `ObligationLines.net`).
 * @internal
 */
import { type CurrencyCode, currencyExponent, fromMinor, isCurrencyCode } from '../../index';
import type { Obligation } from '../types';
import { findDuplicateHashes, finishHash, HASH_START, hashId, hashStep } from './id-table';
import type { Columns } from './ingest';
import { checkObligation } from './ingest';
import { NAME_LENGTH_MAX } from './messages';
import { NameTable } from './name-table';
import { parseAmountBytes, parseAmountFast } from './parse-amount';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

const KEYS = ['id', 'debtor', 'creditor', 'currency', 'amount'].map((key) =>
  Uint8Array.from(`"${key}"`, (c) => c.charCodeAt(0)),
);

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** A JSON Lines line that is not valid JSON. @internal */
export class LineSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function asciiString(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  // Names are short (at most NAME_LENGTH_MAX), so a few fromCharCode calls are enough.
  for (let i = start; i < end; i += 64) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 64)));
  }
  return out;
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * Accumulates lines into columns. Byte lines come from {@link LinesBuilder.push}; the caller never
 * sees a line.
 * @internal
 */
export class LinesBuilder {
  count = 0;
  private capacity = 1024;
  private debtor: Int32Array = new Int32Array(this.capacity);
  private creditor: Int32Array = new Int32Array(this.capacity);
  private currency: Uint8Array = new Uint8Array(this.capacity);
  private amount: Float64Array = new Float64Array(this.capacity);
  private lines: Int32Array = new Int32Array(this.capacity);
  private readonly large: Map<number, bigint> = new Map();
  private readonly participants = new NameTable();
  private readonly currencyNames = new NameTable();
  private readonly currencies: CurrencyCode[] = [];
  private readonly exponents: number[] = [];
  private readonly grossApprox: number[] = [];
  private readonly hasLarge: boolean[] = [];
  private readonly currencyCounts: number[] = [];
  /** Currency strings seen that are not active codes, so that they are checked once. */
  private readonly badCurrencies = new NameTable();
  /** Ids: ASCII bytes in one arena, `idStart[i] … idStart[i + 1]`; other ids by index in `idText`. */
  private idBytes = new Uint8Array(1 << 16);
  private idLength = 0;
  private idStart: Int32Array = new Int32Array(this.capacity + 1);
  private idHash: Int32Array = new Int32Array(this.capacity);
  private readonly idText = new Map<number, string>();
  /** Obligations that failed validation, as parsed: their presence sends `net` to the general path. */
  private readonly invalid: Map<number, unknown> = new Map();
  /** Obligations that went through `JSON.parse` (for tests and measurements). */
  fallbacks = 0;
  /** Lines read so far (the number of the last complete line). */
  private line = 0;
  private carry: Uint8Array = new Uint8Array(0);
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // Scanner cursor: the end of the last string scanned and its hash.
  private at = 0;
  private hash = 0;

  /** @param fast - false sends every line to `JSON.parse` (white-box tests compare both paths) */
  constructor(private readonly fast = true) {}

  /** Feeds bytes; lines may be split anywhere across calls. @throws LineSyntaxError */
  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry.length > 0) {
      const end = chunk.indexOf(NEWLINE);
      if (end < 0) {
        const joined = new Uint8Array(this.carry.length + chunk.length);
        joined.set(this.carry);
        joined.set(chunk, this.carry.length);
        this.carry = joined;
        return;
      }
      const joined = new Uint8Array(this.carry.length + end);
      joined.set(this.carry);
      joined.set(chunk.subarray(0, end), this.carry.length);
      this.carry = new Uint8Array(0);
      this.onLine(joined, 0, joined.length, ++this.line);
      start = end + 1;
    }
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end < 0) break;
      this.onLine(chunk, start, end, ++this.line);
      start = end + 1;
    }
    // A copy: the caller may reuse its buffer, and a Node Buffer's own slice() would be a view.
    if (start < chunk.length) this.carry = Uint8Array.prototype.slice.call(chunk, start);
  }

  /** Reads the last line if the input does not end with a newline. @throws LineSyntaxError */
  end(): void {
    if (this.carry.length > 0) {
      const last = this.carry;
      this.carry = new Uint8Array(0);
      this.onLine(last, 0, last.length, ++this.line);
    }
  }

  private onLine(bytes: Uint8Array, start: number, end: number, line: number): void {
    const stop = end > start && bytes[end - 1] === CR ? end - 1 : end;
    if (this.fast && this.scan(bytes, start, stop, line)) return;
    let blank = true;
    for (let i = start; i < stop; i++) {
      const c = bytes[i]!;
      if (c !== SPACE && c !== TAB && c !== CR) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    const text = this.decoder.decode(bytes.subarray(start, stop));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new LineSyntaxError(line, (cause as Error).message);
    }
    this.addValue(value, line);
  }

  private reserve(): void {
    if (this.count < this.capacity) return;
    const size = this.capacity * 2;
    this.debtor = grown(this.debtor, size);
    this.creditor = grown(this.creditor, size);
    this.currency = grown(this.currency, size);
    this.amount = grown(this.amount, size);
    this.lines = grown(this.lines, size);
    this.idHash = grown(this.idHash, size);
    this.idStart = grown(this.idStart, size + 1);
    this.capacity = size;
  }

  private ws(bytes: Uint8Array, i: number, end: number): number {
    while (i < end) {
      const c = bytes[i]!;
      if (c !== SPACE && c !== TAB && c !== CR) break;
      i++;
    }
    return i;
  }

  /**
   * At `bytes[i]`, after whitespace: the key `k`, a colon and the opening quote of a string value.
   * Returns the index of the value's first byte, or -1.
   */
  private key(bytes: Uint8Array, i: number, end: number, k: number): number {
    const expected = KEYS[k]!;
    let p = this.ws(bytes, i, end);
    if (p + expected.length > end) return -1;
    for (let j = 0; j < expected.length; j++) if (bytes[p + j] !== expected[j]) return -1;
    p = this.ws(bytes, p + expected.length, end);
    if (bytes[p] !== COLON) return -1;
    p = this.ws(bytes, p + 1, end);
    if (bytes[p] !== QUOTE || p >= end) return -1;
    return p + 1;
  }

  /**
   * A string value from `bytes[i]` (after its opening quote) to its closing quote: printable ASCII
   * without escapes. Sets `at` to the closing quote and `hash` to the text's hash; false otherwise.
   */
  private text(bytes: Uint8Array, i: number, end: number): boolean {
    let hash = HASH_START;
    for (; i < end; i++) {
      const c = bytes[i]!;
      if (c === QUOTE) {
        this.at = i;
        this.hash = finishHash(hash);
        return true;
      }
      if (c < SPACE || c === BACKSLASH || c >= 0x7f) return false;
      hash = hashStep(hash, c);
    }
    return false;
  }

  /** After a value's closing quote at `at`: whitespace and `expected`. Returns the next index or -1. */
  private after(bytes: Uint8Array, end: number, expected: number): number {
    const p = this.ws(bytes, this.at + 1, end);
    return p < end && bytes[p] === expected ? p + 1 : -1;
  }

  private participant(bytes: Uint8Array, start: number, end: number): number {
    const hash = this.hash;
    const found = this.participants.findBytes(bytes, start, end, hash);
    return found >= 0 ? found : this.participants.add(asciiString(bytes, start, end), hash);
  }

  /** The fast path for one line; false when the line is anything else (nothing is recorded then). */
  private scan(bytes: Uint8Array, start: number, end: number, line: number): boolean {
    let p = this.ws(bytes, start, end);
    if (bytes[p] !== OPEN || p >= end) return false;
    // id
    p = this.key(bytes, p + 1, end, 0);
    if (p < 0 || !this.text(bytes, p, end)) return false;
    const idFrom = p;
    const idTo = this.at;
    const idHash = this.hash;
    if (idTo === idFrom || idTo - idFrom > NAME_LENGTH_MAX) return false;
    // debtor
    p = this.after(bytes, end, COMMA);
    if (p < 0) return false;
    p = this.key(bytes, p, end, 1);
    if (p < 0 || !this.text(bytes, p, end)) return false;
    const debtorFrom = p;
    const debtorTo = this.at;
    const debtorHash = this.hash;
    if (debtorTo === debtorFrom || debtorTo - debtorFrom > NAME_LENGTH_MAX) return false;
    // creditor
    p = this.after(bytes, end, COMMA);
    if (p < 0) return false;
    p = this.key(bytes, p, end, 2);
    if (p < 0 || !this.text(bytes, p, end)) return false;
    const creditorFrom = p;
    const creditorTo = this.at;
    const creditorHash = this.hash;
    if (creditorTo === creditorFrom || creditorTo - creditorFrom > NAME_LENGTH_MAX) return false;
    // currency: known, or checked once and remembered
    p = this.after(bytes, end, COMMA);
    if (p < 0) return false;
    p = this.key(bytes, p, end, 3);
    if (p < 0 || !this.text(bytes, p, end)) return false;
    let k = this.currencyNames.findBytes(bytes, p, this.at, this.hash);
    let newCode: CurrencyCode | undefined;
    const currencyHash = this.hash;
    if (k < 0) {
      if (this.badCurrencies.findBytes(bytes, p, this.at, this.hash) >= 0) return false;
      const code = asciiString(bytes, p, this.at);
      if (!isCurrencyCode(code)) {
        this.badCurrencies.add(code, this.hash);
        return false;
      }
      newCode = code; // added once the line is accepted
    }
    const exponent = newCode === undefined ? this.exponents[k]! : currencyExponent(newCode);
    // amount
    p = this.after(bytes, end, COMMA);
    if (p < 0) return false;
    p = this.key(bytes, p, end, 4);
    if (p < 0 || !this.text(bytes, p, end)) return false;
    const value = parseAmountBytes(bytes, p, this.at, exponent);
    if (value <= 0) return false;
    p = this.after(bytes, end, CLOSE);
    if (p < 0 || this.ws(bytes, p, end) !== end) return false;
    // The line is a valid obligation unless debtor = creditor. Names are interned only now; a line
    // that falls back after this point is invalid, and invalid input never uses the columns.
    this.hash = debtorHash;
    const d = this.participant(bytes, debtorFrom, debtorTo);
    this.hash = creditorHash;
    const c = this.participant(bytes, creditorFrom, creditorTo);
    if (c === d) return false;
    if (newCode !== undefined) k = this.addCurrency(newCode, currencyHash);
    this.reserve();
    const i = this.count++;
    this.debtor[i] = d;
    this.creditor[i] = c;
    this.currency[i] = k;
    this.amount[i] = value;
    this.grossApprox[k]! += value;
    this.currencyCounts[k]!++;
    this.lines[i] = line;
    this.idHash[i] = idHash;
    this.storeIdBytes(i, bytes, idFrom, idTo);
    return true;
  }

  private addCurrency(code: CurrencyCode, hash: number): number {
    const k = this.currencyNames.add(code, hash);
    this.currencies.push(code);
    this.exponents.push(currencyExponent(code));
    this.grossApprox.push(0);
    this.hasLarge.push(false);
    this.currencyCounts.push(0);
    return k;
  }

  private storeIdBytes(i: number, bytes: Uint8Array, from: number, to: number): void {
    const length = to - from;
    if (this.idLength + length > this.idBytes.length) {
      let size = this.idBytes.length * 2;
      while (size < this.idLength + length) size *= 2;
      this.idBytes = grown(this.idBytes, size);
    }
    // A loop, not set(subarray): ids are short, and a subarray of a Node Buffer is a new Buffer.
    const arena = this.idBytes;
    let at = this.idLength;
    this.idStart[i] = at;
    for (let k = from; k < to; k++) arena[at++] = bytes[k]!;
    this.idLength = at;
    this.idStart[i + 1] = at;
  }

  /** A parsed line that the scanner did not take: the checks of `ingest`, then the columns. */
  private addValue(value: unknown, line: number): void {
    this.fallbacks++;
    this.reserve();
    const i = this.count++;
    this.lines[i] = line;
    this.idStart[i + 1] = this.idLength; // an empty range: the id is in idText, or the line is invalid
    const o = value as Partial<Record<keyof Obligation, unknown>> | null;
    let id: string;
    let debtor: string;
    let creditor: string;
    let code: CurrencyCode;
    let minor: number | bigint = -1;
    if (
      typeof o === 'object' &&
      o !== null &&
      !Array.isArray(o) &&
      typeof o.id === 'string' &&
      typeof o.debtor === 'string' &&
      typeof o.creditor === 'string' &&
      typeof o.amount === 'string' &&
      isCurrencyCode(o.currency) &&
      o.id.length > 0 &&
      o.id.length <= NAME_LENGTH_MAX &&
      o.debtor.length > 0 &&
      o.debtor.length <= NAME_LENGTH_MAX &&
      o.creditor.length > 0 &&
      o.creditor.length <= NAME_LENGTH_MAX &&
      o.debtor !== o.creditor
    ) {
      id = o.id;
      debtor = o.debtor;
      creditor = o.creditor;
      code = o.currency;
      minor = parseAmountFast(o.amount, currencyExponent(code));
    }
    if (!(typeof minor === 'number' && minor > 0)) {
      // Not conclusive: the full checks of net(), one obligation on its own.
      try {
        const checked = checkObligation(value as Obligation, 'net');
        ({ id, debtor, creditor, currency: code } = checked);
        minor = checked.minor;
      } catch {
        this.invalid.set(i, value);
        return;
      }
    }
    let k = this.currencyNames.find(code!, hashId(code!));
    if (k < 0) k = this.addCurrency(code!, hashId(code!));
    const dh = hashId(debtor!);
    let d = this.participants.find(debtor!, dh);
    if (d < 0) d = this.participants.add(debtor!, dh);
    const ch = hashId(creditor!);
    let c = this.participants.find(creditor!, ch);
    if (c < 0) c = this.participants.add(creditor!, ch);
    let exactValue: number;
    if (typeof minor === 'number') {
      exactValue = minor;
    } else {
      exactValue = Number(minor);
      if (minor > MAX_SAFE_BIG) {
        this.large.set(i, minor);
        this.hasLarge[k] = true;
      }
    }
    this.debtor[i] = d;
    this.creditor[i] = c;
    this.currency[i] = k;
    this.amount[i] = exactValue;
    this.grossApprox[k]! += exactValue;
    this.currencyCounts[k]!++;
    this.idHash[i] = hashId(id!);
    this.idText.set(i, id!);
  }

  private idEquals(a: number, b: number): boolean {
    const ta = this.idText.get(a);
    const tb = this.idText.get(b);
    if (ta !== undefined || tb !== undefined) return this.idOf(a) === this.idOf(b);
    const from = this.idStart[a]!;
    const length = this.idStart[a + 1]! - from;
    const other = this.idStart[b]!;
    if (this.idStart[b + 1]! - other !== length) return false;
    for (let k = 0; k < length; k++) if (this.idBytes[from + k] !== this.idBytes[other + k]) return false;
    return true;
  }

  private idOf(i: number): string {
    return this.idText.get(i) ?? asciiString(this.idBytes, this.idStart[i]!, this.idStart[i + 1]!);
  }

  /**
   * The columns, or undefined when some obligation is invalid or an id repeats: then
   * {@link LinesBuilder.obligations} gives the input for `net()`'s own validation.
   */
  columns(): Columns | undefined {
    if (this.invalid.size > 0) return undefined;
    const n = this.count;
    const duplicates = findDuplicateHashes(n, this.idHash, undefined, (a, b) => this.idEquals(a, b));
    if (duplicates.size > 0) return undefined;
    // As in ingest: a float sum of positive integers is exact while the true sum stays ≤ 2^53 − 1.
    const exact = this.grossApprox.map((g, k) => g <= Number.MAX_SAFE_INTEGER && !this.hasLarge[k]);
    return {
      count: n,
      debtor: this.debtor.subarray(0, n),
      creditor: this.creditor.subarray(0, n),
      currency: this.currency.subarray(0, n),
      amount: this.amount.subarray(0, n),
      large: this.large,
      participants: this.participants.names,
      currencies: this.currencies,
      exact,
      currencyCounts: this.currencyCounts,
    };
  }

  /**
   * Every obligation as an object, in input order: the parsed value of an invalid line as it was,
   * the others rebuilt from the columns (amounts as `Money` of the same value).
   */
  obligations(): unknown[] {
    const out = new Array<unknown>(this.count);
    for (let i = 0; i < this.count; i++) {
      if (this.invalid.has(i)) {
        out[i] = this.invalid.get(i);
        continue;
      }
      const currency = this.currencies[this.currency[i]!]!;
      const minor = this.large.get(i) ?? BigInt(this.amount[i]!);
      out[i] = {
        id: this.idOf(i),
        debtor: this.participants.names[this.debtor[i]!]!,
        creditor: this.participants.names[this.creditor[i]!]!,
        currency,
        amount: fromMinor(minor, currency),
      };
    }
    return out;
  }

  /** Line number of each obligation. */
  lineNumbers(): Int32Array {
    return this.lines.subarray(0, this.count);
  }
}
