/**
 * A minimal, allocation-light XML writer for the ISO 20022 builders: string concatenation into one
 * buffer, no DOM (the builders are a hot path, ≥ 20,000 pacs.008/s). Output is deterministic: two-space
 * indentation, `\n` line ends, attributes in the order given.
 *
 * The writer escapes but does not validate: callers check text against the XML 1.0 `Char` production
 * ({@link findInvalidXmlChar}) before writing, so an error can carry the ISO element path.
 * @packageDocumentation
 * @internal
 */

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;

/**
 * Escapes character data. `>` is escaped so `]]>` can never appear; `\r` becomes `&#13;` because an
 * XML parser turns a literal CR (or CRLF) into LF (XML 1.0 §2.11), which would break parse(build(x)).
 * @internal
 */
export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  let out = '';
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 13) rep = '&#13;';
    if (rep !== undefined) {
      out += value.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out + value.slice(last);
}

/**
 * Escapes an attribute value for double quotes. Tab, LF and CR are written as character references
 * because attribute-value normalisation (XML 1.0 §3.3.3) would otherwise turn them into spaces.
 * @internal
 */
export function escapeAttribute(value: string): string {
  if (!ATTR_SPECIAL.test(value)) return value;
  let out = '';
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let rep: string | undefined;
    if (c === 38) rep = '&amp;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 34) rep = '&quot;';
    else if (c === 9) rep = '&#9;';
    else if (c === 10) rep = '&#10;';
    else if (c === 13) rep = '&#13;';
    if (rep !== undefined) {
      out += value.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out + value.slice(last);
}

// Cheap pre-check: any C0 control other than TAB/LF/CR, any surrogate, U+FFFE/U+FFFF. Most texts have
// none, so the precise pattern (which pairs surrogates with a lookbehind) rarely runs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters XML 1.0 forbids is the point
const SUSPECT_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// Anything outside XML 1.0 `Char`: C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const INVALID_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters XML 1.0 forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Returns the index of the first character that XML 1.0 cannot carry at all (not even as a character
 * reference), or -1 when every character is allowed.
 * @internal
 */
export function findInvalidXmlChar(value: string): number {
  if (!SUSPECT_CHAR.test(value)) return -1;
  const match = INVALID_XML_CHAR.exec(value);
  return match === null ? -1 : match.index;
}

/**
 * Characters the writer lets its text grow to before it moves it, made flat, to a list of pieces joined
 * at the end. `+=` builds a rope (a tree of string pieces, ~6 per line); a large message's rope, kept
 * alive across collections, cost the garbage collector more than writing it, and whoever read it
 * first (the parser) paid again to make it flat. Small pieces keep the rope short-lived and the
 * document comes out flat.
 */
const CHUNK = 8192;

/**
 * `s` made flat: reading a character of a rope makes V8 replace it by one flat string (the result is
 * the same string either way; only its representation changes).
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

// Precomputed and frozen: ISO 20022 documents nest about 12 levels deep; deeper falls back to repeat().
const INDENTS: readonly string[] = Object.freeze(Array.from({ length: 24 }, (_, d) => '  '.repeat(d)));
function indent(depth: number): string {
  return INDENTS[depth] ?? '  '.repeat(depth);
}

/**
 * Streaming writer: `open`/`close` for complex elements, `leaf` for simple ones. The caller is
 * responsible for the element order (each builder follows its XSD's `xs:sequence`).
 * @internal
 */
export class XmlWriter {
  private out: string;
  private depth = 0;
  private readonly stack: string[] = [];
  /** Flat pieces of the document so far, once it is longer than {@link CHUNK}. */
  private parts: string[] | undefined;

  constructor(declaration = true) {
    this.out = declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
  }

  /** Opens `<name>` (with an optional `xmlns`) on its own line. */
  open(name: string, xmlns?: string): this {
    this.out +=
      xmlns === undefined
        ? `${indent(this.depth)}<${name}>\n`
        : `${indent(this.depth)}<${name} xmlns="${escapeAttribute(xmlns)}">\n`;
    this.stack.push(name);
    this.depth++;
    if (this.out.length > CHUNK) this.spill();
    return this;
  }

  /** Closes the innermost open element. */
  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new RangeError('XmlWriter.close: no open element');
    this.depth--;
    this.out += `${indent(this.depth)}</${name}>\n`;
    if (this.out.length > CHUNK) this.spill();
    return this;
  }

  /** Writes `<name>text</name>`; the text is escaped. */
  leaf(name: string, text: string): this {
    this.out += `${indent(this.depth)}<${name}>${escapeText(text)}</${name}>\n`;
    if (this.out.length > CHUNK) this.spill();
    return this;
  }

  /** Writes `<name attr="value">text</name>`, as for amounts with their `Ccy`. */
  leafWithAttribute(name: string, attribute: string, value: string, text: string): this {
    this.out += `${indent(this.depth)}<${name} ${attribute}="${escapeAttribute(value)}">${escapeText(text)}</${name}>\n`;
    if (this.out.length > CHUNK) this.spill();
    return this;
  }

  /** Writes `<name/>`: an element whose content model is all-optional and that has nothing to carry. */
  empty(name: string): this {
    this.out += `${indent(this.depth)}<${name}/>\n`;
    if (this.out.length > CHUNK) this.spill();
    return this;
  }

  /** Returns the document; every opened element must have been closed. */
  toString(): string {
    if (this.stack.length > 0) throw new RangeError(`XmlWriter: unclosed <${this.stack.join('>, <')}>`);
    if (this.parts === undefined) return flat(this.out);
    this.parts.push(this.out);
    this.out = '';
    return this.parts.join('');
  }

  /** Moves the text so far, made flat, to {@link XmlWriter.parts}. */
  private spill(): void {
    this.parts ??= [];
    this.parts.push(flat(this.out));
    this.out = '';
  }
}
