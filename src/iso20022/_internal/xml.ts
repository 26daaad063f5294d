/**
 * The safe XML reader under every ISO 20022 parser: bytes or text in, a compact namespace-aware
 * element tree out ({@link XmlTree}), or a {@link XmlReadError} with a stable code and the line and
 * column of the problem.
 *
 * Why not a general XML library: ISO 20022 needs very little of XML (elements, attributes, text, the
 * five predefined entities and character references, namespaces) and must refuse a lot of it (DTDs,
 * entity declarations, other encodings). A reader that only knows that subset has no entity expansion
 * to limit, no prototype to pollute (names are never used as object keys) and no recursion to overflow
 * (an explicit stack, bounded by `maxDepth`). It also takes about a tenth of the CPU time
 * fast-xml-parser takes on the same bytes, which is what lets the gateway meet its throughput
 * targets; fast-xml-parser serves as a reference in the tests and the benchmark.
 *
 * The tree is built for large batches: a 1,000-transaction pain.001 has about 21,000 elements, and
 * 21,000 objects with child arrays were most of what the garbage collector had to copy. Here an
 * element is a row of one `Int32Array`, names are integers, and a text is a range of the input
 * until someone reads it.
 *
 * What it checks: well-formedness (matching end tags, one root, quoted and unique attributes, legal
 * names, characters and references), declared namespace prefixes, the size and depth limits, and that
 * the declared encoding agrees with the bytes. What it deliberately does not do: validate against an
 * XSD, keep comments or processing instructions, or keep whitespace-only text between elements.
 * @internal
 * @packageDocumentation
 */
import { KNOWN_ELEMENT_NAMES } from './known-names';

/**
 * One element of an {@link XmlTree}: the offset of its row in the tree's flat array, read through
 * the tree's methods (`tree.name(e)`, `tree.text(e)`, `tree.child(e, 'PmtId')` …). A number, not an
 * object, so a 1,000-transaction pain.001 (about 21,000 elements) costs the garbage collector one
 * array instead of 21,000 objects and their child lists.
 * @internal
 */
export type XmlElement = number & { readonly __xmlElement: never };

/** Limits and options of {@link readXml}. @internal */
export interface XmlReadOptions {
  /** Largest input accepted, in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest element nesting accepted (the root is depth 1). */
  readonly maxDepth: number;
}

/** Codes {@link XmlReadError} carries (a subset of `Iso20022ErrorCodes`, same strings). @internal */
export const XmlErrorCodes = {
  INPUT_TOO_LARGE: 'ISO20022_INPUT_TOO_LARGE',
  TOO_DEEP: 'ISO20022_TOO_DEEP',
  DOCTYPE_FORBIDDEN: 'ISO20022_DOCTYPE_FORBIDDEN',
  INVALID_ENCODING: 'ISO20022_INVALID_ENCODING',
  ENCODING_MISMATCH: 'ISO20022_ENCODING_MISMATCH',
  UNSUPPORTED_ENCODING: 'ISO20022_UNSUPPORTED_ENCODING',
  MALFORMED_XML: 'ISO20022_MALFORMED_XML',
} as const;

/** A failure of the reader; the message starts with `line L, column C:` when a position is known. @internal */
export class XmlReadError extends Error {
  readonly code: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(code: string, message: string, line?: number, column?: number) {
    super(line === undefined ? message : `line ${line}, column ${column}: ${message}`);
    this.name = 'XmlReadError';
    this.code = code;
    this.line = line;
    this.column = column;
  }
}

// Fatal: invalid UTF-8 must be an error, never U+FFFD silently replacing a name or an amount.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const REPLACING_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
// Labels of single-byte encodings that agree with UTF-8 on ASCII: harmless when every byte is ASCII.
const ASCII_COMPATIBLE =
  /^(us-ascii|ascii|iso[-_]?646.*|iso[-_]?8859[-_]\d+|latin-?\d|l\d|windows-125\d|cp125\d|cp819|ibm819)$/;
const WIDE = /^(utf-?16(le|be)?|utf-?32(le|be)?|ucs-?2|ucs-?4|iso-10646-ucs-2|unicode)$/;

/**
 * Reads an XML document from bytes (UTF-8, optionally with a BOM) or from text already decoded.
 * @throws {@link XmlReadError}
 * @internal
 */
export function readXml(input: string | Uint8Array, options: XmlReadOptions): XmlTree {
  const text = typeof input === 'string' ? fromString(input, options) : decode(input, options);
  return parseXml(text, options.maxDepth);
}

function fromString(input: string, options: XmlReadOptions): string {
  if (
    input.length > options.maxBytes ||
    (input.length * 3 > options.maxBytes && utf8Length(input) > options.maxBytes)
  ) {
    throw tooLarge(options.maxBytes);
  }
  refuseDoctypeInProlog(input);
  // A string has no bytes left to compare with the declaration: the caller decoded it already.
  return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
}

function tooLarge(maxBytes: number): XmlReadError {
  return new XmlReadError(
    XmlErrorCodes.INPUT_TOO_LARGE,
    `the input is larger than the limit of ${maxBytes} bytes (option maxBytes)`,
  );
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Looks through the prolog (XML declaration, whitespace, comments, processing instructions) for a
 * markup declaration, and throws if there is one. Runs before the input is decoded or scanned in full,
 * so a DTD — an entity bomb, an external entity — costs nothing, however large the rest.
 * Reads character codes of a string, or bytes (-1 past the end), alike.
 */
function refuseDoctypeInProlog(input: string | Uint8Array): void {
  const length = input.length;
  let i = 0;
  if (
    codeAt(input, 0) === 0xfeff ||
    (codeAt(input, 0) === 0xef && codeAt(input, 1) === 0xbb && codeAt(input, 2) === 0xbf)
  )
    i = codeAt(input, 0) === 0xfeff ? 1 : 3;
  while (i < length) {
    const c = codeAt(input, i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    if (c !== 0x3c) return;
    const c1 = codeAt(input, i + 1);
    if (c1 === 0x3f) {
      const end = findIn(input, '?>', i + 2);
      if (end === -1) return;
      i = end + 2;
    } else if (c1 === 0x21 && codeAt(input, i + 2) === 0x2d && codeAt(input, i + 3) === 0x2d) {
      const end = findIn(input, '-->', i + 4);
      if (end === -1) return;
      i = end + 3;
    } else if (c1 === 0x21) {
      throw new XmlReadError(
        XmlErrorCodes.DOCTYPE_FORBIDDEN,
        'a <!DOCTYPE> (or other markup declaration) is not allowed: ISO 20022 messages carry no DTD, and DTDs (external entities, entity expansion) are refused',
      );
    } else return;
  }
}

/** The character code (string) or byte (bytes, -1 past the end) at `i`. */
function codeAt(input: string | Uint8Array, i: number): number {
  return typeof input === 'string' ? input.charCodeAt(i) : (input[i] ?? -1);
}

/** Offset of the ASCII string `p` at or after `from`, or -1. */
function findIn(input: string | Uint8Array, p: string, from: number): number {
  return typeof input === 'string' ? input.indexOf(p, from) : findBytes(input, p, from);
}

function findBytes(bytes: Uint8Array, pattern: string, from: number): number {
  const first = pattern.charCodeAt(0);
  for (let i = bytes.indexOf(first, from); i !== -1; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < pattern.length && bytes[i + k] === pattern.charCodeAt(k)) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

function decode(bytes: Uint8Array, options: XmlReadOptions): string {
  if (bytes.byteLength > options.maxBytes) throw tooLarge(options.maxBytes);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || (b0 === 0 && b1 === 0)) {
    throw new XmlReadError(
      XmlErrorCodes.UNSUPPORTED_ENCODING,
      'the input is UTF-16 or UTF-32 (byte order mark); ISO 20022 messages are UTF-8: transcode it first',
    );
  }
  if ((b0 === 0x3c && b1 === 0) || (b0 === 0 && b1 === 0x3c)) {
    throw new XmlReadError(
      XmlErrorCodes.UNSUPPORTED_ENCODING,
      'the input looks like UTF-16 without a byte order mark; ISO 20022 messages are UTF-8: transcode it first',
    );
  }
  refuseDoctypeInProlog(bytes);
  const start = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const declared = declaredEncoding(bytes, start);
  const label = declared?.toLowerCase();
  if (label !== undefined && !UTF8_LABELS.has(label)) {
    if (WIDE.test(label)) {
      throw new XmlReadError(
        XmlErrorCodes.ENCODING_MISMATCH,
        `the declaration says encoding="${declared}" but the bytes are 8-bit (the declaration itself reads as ASCII)`,
      );
    }
    if (!ASCII_COMPATIBLE.test(label)) {
      throw new XmlReadError(
        XmlErrorCodes.UNSUPPORTED_ENCODING,
        `encoding="${declared}" is not supported; ISO 20022 messages are UTF-8`,
      );
    }
    const nonAscii = firstNonAscii(bytes, start);
    if (nonAscii !== -1) {
      // Every byte ASCII: the label is harmless. Otherwise the bytes are either UTF-8 mislabelled
      // (a mismatch: names would change depending on who reads them) or really another charset.
      const isUtf8 = invalidUtf8At(bytes, start) === -1;
      throw new XmlReadError(
        isUtf8 ? XmlErrorCodes.ENCODING_MISMATCH : XmlErrorCodes.UNSUPPORTED_ENCODING,
        isUtf8
          ? `the declaration says encoding="${declared}" but the non-ASCII bytes (first at byte ${nonAscii}) are UTF-8`
          : `encoding="${declared}" with non-ASCII bytes (first at byte ${nonAscii}) is not supported; ISO 20022 messages are UTF-8: transcode it first`,
      );
    }
  }
  const body = start === 0 ? bytes : bytes.subarray(start);
  // The replacing decoder is about a fifth faster on non-ASCII text. A U+FFFD in its output is either
  // in the message or stands for an invalid sequence: only then is the strict decoder asked.
  const text = REPLACING_UTF8.decode(body);
  if (text.indexOf('\uFFFD') === -1) return text;
  try {
    return UTF8.decode(body);
  } catch {
    const at = invalidUtf8At(bytes, start);
    throw new XmlReadError(
      XmlErrorCodes.INVALID_ENCODING,
      `the input is not valid UTF-8 (first invalid byte sequence at byte ${at})`,
    );
  }
}

/** The `encoding` pseudo-attribute of an XML declaration at `start`, read as ASCII. */
function declaredEncoding(bytes: Uint8Array, start: number): string | undefined {
  // "<?xml" followed by whitespace
  if (
    bytes[start] !== 0x3c ||
    bytes[start + 1] !== 0x3f ||
    bytes[start + 2] !== 0x78 ||
    bytes[start + 3] !== 0x6d ||
    bytes[start + 4] !== 0x6c
  ) {
    return undefined;
  }
  const end = Math.min(bytes.length, start + 512);
  let head = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x3e) break; // '>'
    head += String.fromCharCode(b);
  }
  const match = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(head);
  return match === null ? undefined : (match[1] ?? match[2]);
}

function firstNonAscii(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
function invalidUtf8At(bytes: Uint8Array, start: number): number {
  let i = start;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------
// The tree

// An element is a row of STRIDE int32 slots in `data`; its handle is the offset of the row.
const STRIDE = 9;
/** Local-name id: see {@link NameTable}. */
const NAME = 0;
/** Namespace id: index into `namespaces`. */
const NS = 1;
/** First child (a handle), or -1. */
const FIRST = 2;
/** Next sibling (a handle), or -1. */
const NEXT = 3;
/**
 * Text: `[TSTART, TEND)` of the source when it can be sliced as it is (no reference, no CR, no
 * CDATA or comment inside, already trimmed); otherwise `TSTART` is `-1 - i` and the decoded text is
 * `texts[i]`. `TSTART === TEND` is the empty text (every element with children).
 */
const TSTART = 4;
const TEND = 5;
/** First attribute: index of its qualified name in `attrs` (its value follows). */
const ATTR = 6;
/** Number of attributes (namespace declarations excluded). */
const ATTRN = 7;
/** Offset of the `<` of the start tag in the source. */
const OFFSET = 8;

// Known names get the ids 0 … KNOWN_COUNT - 1; a document's other names come after them.
const KNOWN_COUNT = KNOWN_ELEMENT_NAMES.length;
/** Int32 words at the start of `data`: one bit per known name, set when the document uses it. */
const PRESENCE_WORDS = Math.ceil(KNOWN_COUNT / 32);
/** Handle of the root: the first row, after the presence bits (rounded to a whole row). */
const ROOT = Math.ceil(PRESENCE_WORDS / STRIDE) * STRIDE;

/** The hash the tokenizer computes while it scans a name: `h = c0; h = h * 31 + c` over the rest. */
function nameHash(name: string): number {
  let h = name.charCodeAt(0);
  for (let i = 1; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 16)) & mask;
}

/** Open-addressing table of the known names by {@link nameHash}: built once, never written after. */
const KNOWN_SLOTS: Int32Array = (() => {
  let size = 64;
  while (size < KNOWN_COUNT * 4) size *= 2;
  const slots = new Int32Array(size);
  for (let id = 0; id < KNOWN_COUNT; id++) {
    let slot = slotOf(nameHash(KNOWN_ELEMENT_NAMES[id]!), size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = id + 1;
  }
  return slots;
})();
const KNOWN_HASHES: Int32Array = Int32Array.from(KNOWN_ELEMENT_NAMES, nameHash);
const KNOWN_IDS: ReadonlyMap<string, number> = new Map(KNOWN_ELEMENT_NAMES.map((name, id) => [name, id]));

/** Id of the known name `text[from, to)` (hash `hash`), or -1. */
function knownName(text: string, from: number, to: number, hash: number): number {
  const mask = KNOWN_SLOTS.length - 1;
  const length = to - from;
  for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
    const entry = KNOWN_SLOTS[slot]!;
    if (entry === 0) return -1;
    const id = entry - 1;
    const name = KNOWN_ELEMENT_NAMES[id]!;
    if (KNOWN_HASHES[id] === hash && name.length === length && matchesAt(text, from, name)) return id;
  }
}

/** What {@link XmlTree.childrenNamed} returns when there is none: most optional lists are absent. */
const NO_ELEMENTS: readonly XmlElement[] = Object.freeze([]);

/**
 * A parsed document: every element is a row of a flat `Int32Array` (name id, namespace id, first
 * child, next sibling, text range, attributes, offset); names are known in advance or interned once
 * per document; a leaf's text is sliced from the source only when it is read.
 *
 * Names are compared as integers and never become object keys (name tables are `Map`s), so
 * `__proto__` or `constructor` are data like any other name.
 * @internal
 */
export class XmlTree {
  /** The decoded text the tree was read from. */
  readonly source: string;
  /** The root element. */
  readonly root: XmlElement = ROOT as XmlElement;
  /** Number of elements. */
  readonly size: number;
  readonly #data: Int32Array;
  readonly #names: NameTable;
  readonly #namespaces: readonly string[];
  readonly #attrs: readonly string[];
  readonly #texts: readonly string[];

  constructor(
    source: string,
    data: Int32Array,
    size: number,
    names: NameTable,
    namespaces: readonly string[],
    attrs: readonly string[],
    texts: readonly string[],
  ) {
    this.source = source;
    this.size = size;
    this.#data = data;
    this.#names = names;
    this.#namespaces = namespaces;
    this.#attrs = attrs;
    this.#texts = texts;
  }

  /** Local name, without prefix (`Document` for `<pacs:Document>`). */
  name(e: XmlElement): string {
    return this.#names.localName(this.#data[e + NAME]!);
  }

  /** Namespace URI the element's prefix resolves to; `''` when none. */
  ns(e: XmlElement): string {
    return this.#namespaces[this.#data[e + NS]!]!;
  }

  /** Offset of the `<` of the start tag in {@link XmlTree.source} (for line numbers in messages). */
  offset(e: XmlElement): number {
    return this.#data[e + OFFSET]!;
  }

  /** True when the element has child elements. */
  hasChildren(e: XmlElement): boolean {
    return this.#data[e + FIRST] !== -1;
  }

  /** First child element, if any. */
  firstChild(e: XmlElement): XmlElement | undefined {
    const c = this.#data[e + FIRST]!;
    return c === -1 ? undefined : (c as XmlElement);
  }

  /** Next sibling element, if any. */
  nextSibling(e: XmlElement): XmlElement | undefined {
    const c = this.#data[e + NEXT]!;
    return c === -1 ? undefined : (c as XmlElement);
  }

  /** Child elements in document order. */
  children(e: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    const d = this.#data;
    for (let c = d[e + FIRST]!; c !== -1; c = d[c + NEXT]!) out.push(c as XmlElement);
    return out;
  }

  /**
   * Decoded text of a leaf element, trimmed of XML whitespace; `''` for an element with children.
   * Sliced from the source when read (extractors read each text once).
   */
  text(e: XmlElement): string {
    const d = this.#data;
    const start = d[e + TSTART]!;
    if (start < 0) return this.#texts[-1 - start]!;
    const end = d[e + TEND]!;
    return start === end ? '' : this.source.slice(start, end);
  }

  /** True when the element's text is not empty, without slicing it. */
  hasText(e: XmlElement): boolean {
    const d = this.#data;
    const start = d[e + TSTART]!;
    // Decoded texts are only stored when not empty.
    return start < 0 || start !== d[e + TEND];
  }

  /** Attributes other than namespace declarations, flat: `[qname, value, qname, value, …]`. */
  attributes(e: XmlElement): string[] {
    const from = this.#data[e + ATTR]!;
    return this.#attrs.slice(from, from + 2 * this.#data[e + ATTRN]!);
  }

  /** Value of the unprefixed attribute `name`. */
  attribute(e: XmlElement, name: string): string | undefined {
    const n = this.#data[e + ATTRN]!;
    if (n === 0) return undefined;
    const attrs = this.#attrs;
    const from = this.#data[e + ATTR]!;
    for (let a = from; a < from + 2 * n; a += 2) if (attrs[a] === name) return attrs[a + 1];
    return undefined;
  }

  /** Id of a local name in this document, or -1 when no element has it. */
  #nameId(name: string): number {
    const known = KNOWN_IDS.get(name);
    if (known !== undefined) return (this.#data[known >> 5]! >>> (known & 31)) & 1 ? known : -1;
    return this.#names.localId(name);
  }

  /** First child named `name` (local name), if any. */
  child(parent: XmlElement | undefined, name: string): XmlElement | undefined {
    if (parent === undefined) return undefined;
    // A name the document never uses is answered without looking at the children.
    const id = this.#nameId(name);
    if (id === -1) return undefined;
    const d = this.#data;
    for (let c = d[parent + FIRST]!; c !== -1; c = d[c + NEXT]!) {
      if (d[c + NAME] === id) return c as XmlElement;
    }
    return undefined;
  }

  /** Every child named `name`, in document order. */
  childrenNamed(parent: XmlElement | undefined, name: string): readonly XmlElement[] {
    if (parent === undefined) return NO_ELEMENTS;
    const id = this.#nameId(name);
    if (id === -1) return NO_ELEMENTS;
    const d = this.#data;
    let out: XmlElement[] | undefined;
    for (let c = d[parent + FIRST]!; c !== -1; c = d[c + NEXT]!) {
      if (d[c + NAME] !== id) continue;
      if (out === undefined) out = [c as XmlElement];
      else out.push(c as XmlElement);
    }
    return out ?? NO_ELEMENTS;
  }

  /** Text of the first child named `name`; `undefined` when absent or empty. */
  childText(parent: XmlElement | undefined, name: string): string | undefined {
    const c = this.child(parent, name);
    if (c === undefined || !this.hasText(c)) return undefined;
    return this.text(c);
  }
}

// ---------------------------------------------------------------------------------------------------
// The tokenizer

/** One namespace binding; scopes chain to their parent's bindings. */
interface Scope {
  readonly prefix: string;
  /** Index of the URI in the tree's namespace table. */
  readonly uri: number;
  readonly parent: Scope | null;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// Characters XML 1.0 forbids anywhere (§2.2): C0 controls other than TAB, LF and CR, and U+FFFE/U+FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding these control characters is the point.
const ILLEGAL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `String.prototype.isWellFormed` (Node 20+, ES2024), with a regex fallback. */
function isWellFormedText(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(text) : !LONE_SURROGATE.test(text);
}

function fail(
  text: string,
  offset: number,
  message: string,
  code: string = XmlErrorCodes.MALFORMED_XML,
): never {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  throw new XmlReadError(code, message, line, offset - lineStart + 1);
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0xc0;
}

/** ASCII name characters (letters, digits, `_ - . :`), by char code; read-only after it is built. */
const ASCII_NAME_CHAR: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    table[c] =
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x5f ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x3a
        ? 1
        : 0;
  }
  return table;
})();

function isNameChar(c: number): boolean {
  // NaN (past the end of the text) is no name character.
  return c < 128 ? ASCII_NAME_CHAR[c] === 1 : c === 0xb7 || c >= 0xc0;
}

/** Reads a (qualified) name at `i`; returns its end offset. */
function readName(text: string, i: number): number {
  const len = text.length;
  if (i >= len || !isNameStart(text.charCodeAt(i))) fail(text, i, 'expected a name');
  let j = i + 1;
  while (j < len && isNameChar(text.charCodeAt(j))) j++;
  return j;
}

/** Checks the shape `prefix:local` of a qualified name (Namespaces in XML §3): at most one colon. */
function colonIndex(text: string, qname: string, offset: number): number {
  const colon = qname.indexOf(':');
  if (colon === -1) return -1;
  if (
    colon === qname.length - 1 ||
    qname.indexOf(':', colon + 1) !== -1 ||
    !isNameStart(qname.charCodeAt(colon + 1))
  ) {
    fail(text, offset, `"${qname}" is not a valid qualified name`);
  }
  return colon;
}

function lookup(scope: Scope | null, prefix: string): number | undefined {
  for (let s = scope; s !== null; s = s.parent) if (s.prefix === prefix) return s.uri;
  return undefined;
}

/** Trims XML whitespace only (not NBSP or other Unicode spaces, which are content). */
function trimXml(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWhitespace(s.charCodeAt(a))) a++;
  while (b > a && isWhitespace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Decodes the predefined entities and character references in `raw` (found at `offset`). */
function decodeReferences(text: string, raw: string, offset: number): string {
  let out = '';
  let last = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', last)) {
    out += raw.slice(last, amp);
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12)
      fail(text, offset + amp, 'expected a reference such as &amp; (an unescaped "&")');
    const ref = raw.slice(amp + 1, semi);
    switch (ref) {
      case 'amp':
        out += '&';
        break;
      case 'lt':
        out += '<';
        break;
      case 'gt':
        out += '>';
        break;
      case 'quot':
        out += '"';
        break;
      case 'apos':
        out += "'";
        break;
      default: {
        let cp = Number.NaN;
        if (/^#[0-9]{1,7}$/.test(ref)) cp = Number.parseInt(ref.slice(1), 10);
        else if (/^#x[0-9a-fA-F]{1,6}$/.test(ref)) cp = Number.parseInt(ref.slice(2), 16);
        else {
          // Without a DTD (refused) no other entity can be declared: an undeclared entity is an error.
          fail(
            text,
            offset + amp,
            `undeclared entity "&${ref};" (only &amp; &lt; &gt; &quot; &apos; and &#…; exist without a DTD)`,
          );
        }
        if (
          !(
            cp === 0x9 ||
            cp === 0xa ||
            cp === 0xd ||
            (cp >= 0x20 && cp <= 0xd7ff) ||
            (cp >= 0xe000 && cp <= 0xfffd) ||
            (cp >= 0x10000 && cp <= 0x10ffff)
          )
        ) {
          fail(text, offset + amp, `character reference "&${ref};" is not a character XML allows`);
        }
        out += String.fromCodePoint(cp);
      }
    }
    last = semi + 1;
  }
  return out + raw.slice(last);
}

function normalizeNewlines(s: string): string {
  return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
}

/** Checks and decodes character data found at `offset` (text or CDATA-free content). */
function characterData(text: string, raw: string, offset: number): string {
  const bad = raw.indexOf(']]>');
  if (bad !== -1) fail(text, offset + bad, '"]]>" is not allowed in text');
  return raw.indexOf('&') === -1 ? raw : decodeReferences(text, raw, offset);
}

/** Index of the first non-whitespace character in `[from, to)`, or -1. */
function firstNonWhitespace(text: string, from: number, to: number): number {
  for (let k = from; k < to; k++) if (!isWhitespace(text.charCodeAt(k))) return k;
  return -1;
}

/** True when `text` holds `s` at `at`. A loop over char codes: for names this short it beats `startsWith`. */
function matchesAt(text: string, at: number, s: string): boolean {
  const n = s.length;
  for (let j = 0; j < n; j++) if (text.charCodeAt(at + j) !== s.charCodeAt(j)) return false;
  return true;
}

/** Bytes of a slab the small tables of a document are carved from. */
const SLAB_BYTES = 1 << 18;
/** Tables larger than this get an array of their own. */
const SLAB_MAX = SLAB_BYTES >> 3;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/**
 * A zero-filled `Int32Array` of `length` words. Small ones are views of a shared slab, handed out once
 * each (never reused, so they are zero): a typed array of its own allocates a backing store outside the
 * heap, which cost as much as reading the names of a small message. A slab is dropped when full; the
 * trees still using it keep it alive until they go.
 */
function zeroedInt32(length: number): Int32Array {
  const bytes = length * 4;
  if (bytes > SLAB_MAX) return new Int32Array(length);
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const view = new Int32Array(slab, slabUsed, length);
  slabUsed += bytes;
  return view;
}

/** Slots of a document's table of other qualified names (a power of two); it takes at most half as many. */
const QNAME_SLOTS = 512;
/** Probes before a name is looked up in the overflow map instead: bounds the cost of crafted collisions. */
const MAX_PROBES = 8;

/**
 * The names of one document. A known name ({@link KNOWN_ELEMENT_NAMES}, unprefixed) is its own
 * qualified and local name, with one id for both, and costs nothing to intern. Any other qualified
 * name (`pacs:Document`, a name outside the list) is interned as it is scanned: seen again, it costs
 * a hash of its characters and one comparison in place, no string. A hand-made open-addressing table
 * (not a `Map`) because looking a name up in a `Map` needs it as a string first. The hash is simple,
 * so crafted names could collide: probes are bounded, and names past the bound (or past half the
 * table) go to a `Map` keyed by the sliced name, whose hash V8 seeds per process.
 */
class NameTable {
  #slots: Int32Array | undefined;
  #used = 0;
  #overflow: Map<string, number> | undefined;
  // Qualified names with ids KNOWN_COUNT + i, by i:
  readonly #qnames: string[] = [];
  readonly #hashes: number[] = [];
  /** Local-name id of each. */
  readonly #locals: number[] = [];
  /** Prefix of each; `''` when none, `null` when the name is not a well-formed qualified name. */
  readonly #prefixes: (string | null)[] = [];
  // Local names that are not known, with ids KNOWN_COUNT + i, by i:
  readonly #localNames: string[] = [];
  #localIds: Map<string, number> | undefined;

  /** Id of the qualified name `text[from, to)`, whose hash is `hash`. */
  intern(text: string, from: number, to: number, hash: number): number {
    const known = knownName(text, from, to, hash);
    if (known !== -1) return known;
    const length = to - from;
    this.#slots ??= zeroedInt32(QNAME_SLOTS);
    const slots = this.#slots;
    let slot = slotOf(hash, QNAME_SLOTS - 1);
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const entry = slots[slot]!;
      if (entry === 0) {
        if (this.#used * 2 >= QNAME_SLOTS) break;
        const id = this.#add(text.slice(from, to), hash);
        slots[slot] = id + 1;
        this.#used++;
        return id;
      }
      const i = entry - 1 - KNOWN_COUNT;
      const qname = this.#qnames[i]!;
      if (this.#hashes[i] === hash && qname.length === length && matchesAt(text, from, qname))
        return entry - 1;
      slot = (slot + 1) & (QNAME_SLOTS - 1);
    }
    const qname = text.slice(from, to);
    this.#overflow ??= new Map();
    const seen = this.#overflow.get(qname);
    if (seen !== undefined) return seen;
    const id = this.#add(qname, hash);
    this.#overflow.set(qname, id);
    return id;
  }

  #add(qname: string, hash: number): number {
    const colon = qname.indexOf(':');
    const valid =
      colon === -1 ||
      (colon !== qname.length - 1 &&
        qname.indexOf(':', colon + 1) === -1 &&
        isNameStart(qname.charCodeAt(colon + 1)));
    const local = colon === -1 || !valid ? qname : qname.slice(colon + 1);
    let localId = KNOWN_IDS.get(local) ?? this.#localIds?.get(local);
    if (localId === undefined) {
      localId = KNOWN_COUNT + this.#localNames.length;
      this.#localNames.push(local);
      this.#localIds ??= new Map();
      this.#localIds.set(local, localId);
    }
    this.#qnames.push(qname);
    this.#hashes.push(hash);
    this.#locals.push(localId);
    this.#prefixes.push(!valid ? null : colon === -1 ? '' : qname.slice(0, colon));
    return KNOWN_COUNT + this.#qnames.length - 1;
  }

  /** The qualified name `id`. */
  qname(id: number): string {
    return id < KNOWN_COUNT ? KNOWN_ELEMENT_NAMES[id]! : this.#qnames[id - KNOWN_COUNT]!;
  }

  /** Local-name id of the qualified name `id`. */
  local(id: number): number {
    return id < KNOWN_COUNT ? id : this.#locals[id - KNOWN_COUNT]!;
  }

  /** Prefix of the qualified name `id` (`''` when none), `null` when it is not well formed. */
  prefix(id: number): string | null {
    return id < KNOWN_COUNT ? '' : this.#prefixes[id - KNOWN_COUNT]!;
  }

  /** The local name with id `id`. */
  localName(id: number): string {
    return id < KNOWN_COUNT ? KNOWN_ELEMENT_NAMES[id]! : this.#localNames[id - KNOWN_COUNT]!;
  }

  /** Id of a local name that is not known, or -1 when the document has none by that name. */
  localId(name: string): number {
    return this.#localIds?.get(name) ?? -1;
  }
}

/**
 * The next occurrence of a character or string at or after a position, found lazily and reused:
 * asking about consecutive ranges in document order costs one scan of the document in all. Most
 * messages have no `&`, `]]>` or CR at all, and then every text is known to be plain after one
 * `indexOf`.
 */
class NextOccurrence {
  #at = -1;
  readonly #text: string;
  readonly #needle: string;
  constructor(text: string, needle: string) {
    this.#text = text;
    this.#needle = needle;
  }
  /** Position of the first occurrence in `[from, to)`, or -1. `from` must not decrease between calls. */
  within(from: number, to: number): number {
    if (this.#at < from) {
      const found = this.#text.indexOf(this.#needle, from);
      this.#at = found === -1 ? this.#text.length : found;
    }
    return this.#at < to ? this.#at : -1;
  }
}

/**
 * Parses decoded XML text into an {@link XmlTree}. Iterative: nesting is bounded by `maxDepth`, never
 * by the call stack.
 *
 * Text is not copied as it is scanned: a leaf's content is recorded as a range of the source and
 * sliced only when read; the whitespace between elements is only looked at, never kept. Only text
 * with references, CRs, comments, processing instructions or CDATA is decoded at once (and checked).
 * @throws {@link XmlReadError}
 * @internal
 */
export function parseXml(text: string, maxDepth: number): XmlTree {
  if (ILLEGAL_CHAR.test(text)) {
    const at = text.search(ILLEGAL_CHAR);
    fail(
      text,
      at,
      `character U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
    );
  }
  if (!isWellFormedText(text)) {
    fail(text, text.search(LONE_SURROGATE), 'the text contains a lone surrogate (not a Unicode character)');
  }
  const len = text.length;
  const qn = new NameTable();
  const nsTable = new NamespaceTable();
  const namespaces = nsTable.uris;
  const attrs: string[] = [];
  const texts: string[] = [];
  // About one element per 32 characters of a typical indented message; grown by doubling.
  let capacity = (len >> 5) + 16;
  let data = zeroedInt32(ROOT + capacity * STRIDE);
  let size = 0;
  // Open elements by depth: the element, its last child so far, its qualified name, its scope.
  const stack: number[] = [];
  const lastChild: number[] = [];
  const qnames: string[] = [];
  const scopes: (Scope | null)[] = [];
  let depth = 0;
  let currentScope: Scope | null = null;
  const amp = new NextOccurrence(text, '&');
  const cr = new NextOccurrence(text, '\r');
  const cdataEnd = new NextOccurrence(text, ']]>');
  // Text collected piece by piece, once the current element has had a comment, PI or CDATA inside;
  // null while its content is one plain run of text.
  let collected: string | null = null;
  let i = 0;

  if (
    text.startsWith('<?xml') &&
    (len === 5 || isWhitespace(text.charCodeAt(5)) || text.charCodeAt(5) === 0x3f)
  ) {
    const end = text.indexOf('?>', 5);
    if (end === -1) fail(text, 0, 'the XML declaration is not closed with "?>"');
    const decl = text.slice(5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl))
      fail(text, 0, 'the XML declaration must start with version="1.x"');
    i = end + 2;
  }

  while (i < len) {
    const lt = text.indexOf('<', i);
    if (depth === 0) {
      const k = firstNonWhitespace(text, i, lt === -1 ? len : lt);
      if (k !== -1)
        fail(text, k, size === 0 ? 'text before the root element' : 'text after the root element');
    }
    if (lt === -1) break;
    const c1 = text.charCodeAt(lt + 1);
    if (c1 === 0x2f) {
      // End tag. The common case (it closes the current element) is compared in place, unsliced.
      const currentQname = depth === 0 ? '' : qnames[depth - 1]!;
      const expectedEnd = lt + 2 + currentQname.length;
      let k2: number;
      if (depth > 0 && matchesAt(text, lt + 2, currentQname) && !isNameChar(text.charCodeAt(expectedEnd))) {
        k2 = expectedEnd;
        while (k2 < len && isWhitespace(text.charCodeAt(k2))) k2++;
        if (text.charCodeAt(k2) !== 0x3e)
          fail(text, k2, `expected ">" to close the end tag </${currentQname}>`);
      } else {
        const nameEnd = readName(text, lt + 2);
        const qname = text.slice(lt + 2, nameEnd);
        if (depth === 0) fail(text, lt, `end tag </${qname}> without a start tag`);
        fail(text, lt, `end tag </${qname}> does not match the start tag <${currentQname}>`);
      }
      const current = stack[depth - 1]!;
      if (lastChild[depth - 1] === -1) {
        // A leaf: keep its text as a range of the source when it is plain, else decode it now.
        const o = current;
        const firstText = firstNonWhitespace(text, i, lt);
        if (collected === null && firstText !== -1 && cr.within(firstText, lt) === -1) {
          if (amp.within(firstText, lt) === -1) {
            const bad = cdataEnd.within(firstText, lt);
            if (bad !== -1) fail(text, bad, '"]]>" is not allowed in text');
            let end = lt;
            while (isWhitespace(text.charCodeAt(end - 1))) end--;
            data[o + TSTART] = firstText;
            data[o + TEND] = end;
          } else {
            // A character reference may stand for a CR (&#13;), normalised like a literal one.
            storeText(data, texts, o, trimXml(normalizeNewlines(decodedText(text, firstText, lt))));
          }
        } else if (collected !== null || firstText !== -1) {
          const tail = decodedText(text, i, lt);
          storeText(data, texts, o, trimXml(normalizeNewlines(collected === null ? tail : collected + tail)));
        }
      } else {
        checkMixed(text, amp, cdataEnd, i, lt);
      }
      collected = null;
      depth--;
      currentScope = depth === 0 ? null : scopes[depth - 1]!;
      i = k2 + 1;
    } else if (c1 === 0x21) {
      const isComment = text.startsWith('<!--', lt);
      const isCdata = !isComment && text.startsWith('<![CDATA[', lt);
      if (!isComment && !isCdata) {
        // <!DOCTYPE, <!ENTITY, <!ELEMENT …: DTDs are how XXE and entity bombs get in. Refuse them.
        const name = /^<!([A-Za-z]*)/.exec(text.slice(lt, lt + 12))?.[1] ?? '';
        fail(
          text,
          lt,
          `<!${name}> is not allowed: ISO 20022 messages carry no DTD, and DTDs (external entities, entity expansion) are refused`,
          XmlErrorCodes.DOCTYPE_FORBIDDEN,
        );
      }
      if (isCdata && depth === 0) fail(text, lt, 'CDATA outside the root element');
      const end = isComment ? text.indexOf('-->', lt + 4) : text.indexOf(']]>', lt + 9);
      if (end === -1)
        fail(
          text,
          lt,
          isComment ? 'the comment is not closed with "-->"' : 'the CDATA section is not closed with "]]>"',
        );
      if (depth > 0 && lastChild[depth - 1] === -1) {
        // Switch this leaf to collecting: its text so far, then the CDATA as it is.
        collected = (collected ?? '') + decodedText(text, i, lt) + (isCdata ? text.slice(lt + 9, end) : '');
      } else if (depth > 0) {
        checkMixed(text, amp, cdataEnd, i, lt);
      }
      i = end + 3;
    } else if (c1 === 0x3f) {
      // Processing instruction: skipped. A second XML declaration is an error.
      const nameEnd = readName(text, lt + 2);
      const target = text.slice(lt + 2, nameEnd);
      if (target.toLowerCase() === 'xml')
        fail(text, lt, 'an XML declaration is allowed only at the very start of the document');
      const end = text.indexOf('?>', nameEnd);
      if (end === -1) fail(text, lt, 'the processing instruction is not closed with "?>"');
      if (depth > 0 && lastChild[depth - 1] === -1) {
        collected = (collected ?? '') + decodedText(text, i, lt);
      } else if (depth > 0) {
        checkMixed(text, amp, cdataEnd, i, lt);
      }
      i = end + 2;
    } else {
      // Start tag.
      if (depth === 0 && size > 0) fail(text, lt, 'a second root element (a document has exactly one)');
      if (depth > 0) checkMixed(text, amp, cdataEnd, i, lt);
      // The name, hashed as it is scanned, so a name seen before is found without slicing it.
      let nameEnd = lt + 1;
      let c = text.charCodeAt(nameEnd);
      if (!isNameStart(c)) fail(text, nameEnd, 'expected a name');
      let hash = c;
      for (c = text.charCodeAt(++nameEnd); isNameChar(c); c = text.charCodeAt(++nameEnd))
        hash = (Math.imul(hash, 31) + c) | 0;
      const qid = qn.intern(text, lt + 1, nameEnd, hash);
      const parentScope: Scope | null = currentScope;
      let scope: Scope | null = parentScope;
      const attrStart = attrs.length;
      let k = nameEnd;
      let selfClosing = false;
      for (;;) {
        const before = k;
        while (k < len && isWhitespace(text.charCodeAt(k))) k++;
        const c = text.charCodeAt(k);
        if (c === 0x3e) {
          k++;
          break;
        }
        if (c === 0x2f) {
          if (text.charCodeAt(k + 1) !== 0x3e) fail(text, k, 'expected "/>"');
          selfClosing = true;
          k += 2;
          break;
        }
        if (k >= len) fail(text, lt, `the start tag <${qn.qname(qid)}> is not closed`);
        if (k === before) fail(text, k, 'expected whitespace before an attribute');
        const attrEnd = readName(text, k);
        const attrName = text.slice(k, attrEnd);
        k = attrEnd;
        while (k < len && isWhitespace(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) !== 0x3d) fail(text, k, `expected "=" after the attribute ${attrName}`);
        k++;
        while (k < len && isWhitespace(text.charCodeAt(k))) k++;
        const quote = text.charCodeAt(k);
        if (quote !== 0x22 && quote !== 0x27)
          fail(text, k, `expected a quoted value for the attribute ${attrName}`);
        const valueEnd = text.indexOf(quote === 0x22 ? '"' : "'", k + 1);
        if (valueEnd === -1) fail(text, k, `the value of the attribute ${attrName} is not closed`);
        let value = text.slice(k + 1, valueEnd);
        if (value.indexOf('<') !== -1)
          fail(text, k + 1 + value.indexOf('<'), '"<" is not allowed in an attribute value');
        if (value.indexOf('&') !== -1) value = decodeReferences(text, value, k + 1);
        // Attribute-value normalisation (XML §3.3.3): each whitespace character becomes a space.
        if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
        k = valueEnd + 1;
        if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
          const prefix = attrName === 'xmlns' ? '' : attrName.slice(6);
          if (prefix !== '' && value === '')
            fail(text, k, `the namespace prefix "${prefix}" cannot be undeclared`);
          if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS) || value === XMLNS_NS) {
            fail(text, k, `the namespace declaration ${attrName}="${value}" is reserved`);
          }
          for (let s = scope; s !== null && s !== parentScope; s = s.parent) {
            if (s.prefix === prefix) fail(text, k, `duplicate attribute ${attrName}`);
          }
          scope = { prefix, uri: nsTable.id(value), parent: scope };
        } else {
          for (let a = attrStart; a < attrs.length; a += 2) {
            if (attrs[a] === attrName) fail(text, k, `duplicate attribute ${attrName}`);
          }
          attrs.push(attrName, value);
        }
      }
      const qname = qn.qname(qid);
      const prefix = qn.prefix(qid);
      if (prefix === null) fail(text, lt + 1, `"${qname}" is not a valid qualified name`);
      let ns: number;
      if (prefix === '') {
        ns = lookup(scope, '') ?? 0;
      } else {
        const uri = prefix === 'xml' ? nsTable.id(XML_NS) : lookup(scope, prefix);
        if (uri === undefined || uri === 0)
          fail(text, lt, `the namespace prefix "${prefix}" of <${qname}> is not declared`);
        ns = uri;
      }
      for (let a = attrStart; a < attrs.length; a += 2) {
        const an = attrs[a]!;
        const ac = colonIndex(text, an, lt);
        if (ac !== -1) {
          const p = an.slice(0, ac);
          if (p !== 'xml' && !lookup(scope, p))
            fail(text, lt, `the namespace prefix "${p}" of the attribute ${an} is not declared`);
        }
      }
      if (depth + 1 > maxDepth) {
        fail(
          text,
          lt,
          `elements are nested deeper than the limit of ${maxDepth} (option maxDepth)`,
          XmlErrorCodes.TOO_DEEP,
        );
      }
      if (size === capacity) {
        capacity *= 2;
        const grown = zeroedInt32(ROOT + capacity * STRIDE);
        grown.set(data);
        data = grown;
      }
      const e = ROOT + size++ * STRIDE;
      const local = qn.local(qid);
      if (local < KNOWN_COUNT) data[local >> 5] = data[local >> 5]! | (1 << (local & 31));
      data[e + NAME] = local;
      data[e + NS] = ns;
      data[e + FIRST] = -1;
      data[e + NEXT] = -1;
      data[e + ATTR] = attrStart;
      data[e + ATTRN] = (attrs.length - attrStart) >> 1;
      data[e + OFFSET] = lt;
      if (depth > 0) {
        const last = lastChild[depth - 1]!;
        if (last === -1) data[stack[depth - 1]! + FIRST] = e;
        else data[last + NEXT] = e;
        lastChild[depth - 1] = e;
      }
      collected = null;
      if (!selfClosing) {
        stack[depth] = e;
        lastChild[depth] = -1;
        qnames[depth] = qname;
        scopes[depth] = scope;
        depth++;
        currentScope = scope;
      }
      i = k;
    }
  }
  if (depth > 0) {
    fail(text, data[stack[depth - 1]! + OFFSET]!, `the element <${qnames[depth - 1]}> is not closed`);
  }
  if (size === 0) fail(text, 0, 'the document is empty (no root element)');
  return new XmlTree(text, data, size, qn, namespaces, attrs, texts);
}

// Helpers of parseXml, at module level rather than closures made on every call.

/** Stores the decoded text of the element at `o` (only when not empty). */
function storeText(data: Int32Array, texts: string[], o: number, value: string): void {
  if (value === '') return;
  data[o + TSTART] = -1 - texts.length;
  texts.push(value);
}

/** Checks character data in `[from, to)` (text that is not kept, or a range kept as it is). */
function checkText(
  text: string,
  amp: NextOccurrence,
  cdataEnd: NextOccurrence,
  from: number,
  to: number,
): void {
  const bad = cdataEnd.within(from, to);
  if (bad !== -1) fail(text, bad, '"]]>" is not allowed in text');
  if (amp.within(from, to) !== -1) decodeReferences(text, text.slice(from, to), from);
}

/**
 * Checks the character data in `[from, to)` of an element with children (text there is dropped):
 * without `&` or `]]>` in the range there is nothing to check, whatever it holds, so the whitespace
 * between elements is not even looked at.
 */
function checkMixed(
  text: string,
  amp: NextOccurrence,
  cdataEnd: NextOccurrence,
  from: number,
  to: number,
): void {
  if (from >= to || (cdataEnd.within(from, to) === -1 && amp.within(from, to) === -1)) return;
  const k = firstNonWhitespace(text, from, to);
  if (k !== -1) checkText(text, amp, cdataEnd, k, to);
}

/** Decoded text of `[from, to)` when it cannot be kept as a range of the source. */
function decodedText(text: string, from: number, to: number): string {
  return from < to ? characterData(text, text.slice(from, to), from) : '';
}

/** The namespace URIs of one document, by id (0 is no namespace). */
class NamespaceTable {
  readonly uris: string[] = [''];
  // Messages declare one to three namespaces: a linear search, with a map past the first few.
  #ids: Map<string, number> | undefined;

  id(uri: string): number {
    const uris = this.uris;
    const few = Math.min(uris.length, 8);
    for (let n = 0; n < few; n++) if (uris[n] === uri) return n;
    const id = this.#ids?.get(uri);
    if (id !== undefined) return id;
    if (uris.length >= 8) {
      this.#ids ??= new Map();
      this.#ids.set(uri, uris.length);
    }
    uris.push(uri);
    return uris.length - 1;
  }
}

/** 1-based line of an element's start tag, for messages. @internal */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
