/**
 * White-box test of the XML writer (`_internal/xml-writer.ts`): its output, written in flat pieces,
 * is the very text of plain concatenation (the writer as it was, kept here as the reference), for
 * documents far smaller and far larger than one piece.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, XmlWriter } from '../../../src/iso20022/_internal/xml-writer';

class ReferenceWriter {
  private out: string;
  private depth = 0;
  private readonly stack: string[] = [];
  constructor(declaration = true) {
    this.out = declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
  }
  open(name: string, xmlns?: string): void {
    const pad = '  '.repeat(this.depth);
    this.out +=
      xmlns === undefined ? `${pad}<${name}>\n` : `${pad}<${name} xmlns="${escapeAttribute(xmlns)}">\n`;
    this.stack.push(name);
    this.depth++;
  }
  close(): void {
    const name = this.stack.pop();
    this.depth--;
    this.out += `${'  '.repeat(this.depth)}</${name}>\n`;
  }
  leaf(name: string, text: string): void {
    this.out += `${'  '.repeat(this.depth)}<${name}>${escapeText(text)}</${name}>\n`;
  }
  leafWithAttribute(name: string, attribute: string, value: string, text: string): void {
    this.out += `${'  '.repeat(this.depth)}<${name} ${attribute}="${escapeAttribute(value)}">${escapeText(text)}</${name}>\n`;
  }
  empty(name: string): void {
    this.out += `${'  '.repeat(this.depth)}<${name}/>\n`;
  }
  toString(): string {
    return this.out;
  }
}

type Op =
  | { readonly op: 'open'; readonly name: string; readonly xmlns?: string }
  | { readonly op: 'close' }
  | { readonly op: 'leaf'; readonly name: string; readonly text: string }
  | { readonly op: 'attr'; readonly name: string; readonly value: string; readonly text: string }
  | { readonly op: 'empty'; readonly name: string };

const name = fc.constantFrom('Document', 'GrpHdr', 'MsgId', 'Ntry', 'Amt', 'a', 'pacs:Document');
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 500, maxLength: 3000, size: 'max' }) },
  { weight: 1, arbitrary: fc.constantFrom('a&b<c>d\r', '"quoted"\t\n', 'é€𝄞') },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('open' as const), name }),
  fc.record({ op: fc.constant('open' as const), name, xmlns: text }),
  fc.constant({ op: 'close' as const }),
  fc.record({ op: fc.constant('leaf' as const), name, text }),
  fc.record({ op: fc.constant('attr' as const), name, value: text, text }),
  fc.record({ op: fc.constant('empty' as const), name }),
);

function run(ops: readonly Op[], declaration: boolean): [string, string] {
  const w = new XmlWriter(declaration);
  const r = new ReferenceWriter(declaration);
  let depth = 0;
  for (const o of ops) {
    if (o.op === 'open') {
      w.open(o.name, o.xmlns);
      r.open(o.name, o.xmlns);
      depth++;
    } else if (o.op === 'close') {
      if (depth === 0) continue;
      w.close();
      r.close();
      depth--;
    } else if (o.op === 'leaf') {
      w.leaf(o.name, o.text);
      r.leaf(o.name, o.text);
    } else if (o.op === 'attr') {
      w.leafWithAttribute(o.name, 'Ccy', o.value, o.text);
      r.leafWithAttribute(o.name, 'Ccy', o.value, o.text);
    } else {
      w.empty(o.name);
      r.empty(o.name);
    }
  }
  for (; depth > 0; depth--) {
    w.close();
    r.close();
  }
  return [w.toString(), r.toString()];
}

describe('XmlWriter (internal)', () => {
  it('should write the same text as plain concatenation, small documents and many pieces alike', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120, size: 'max' }), fc.boolean(), (ops, declaration) => {
        const [written, reference] = run(ops, declaration);
        expect(written).toBe(reference);
      }),
      { seed: 1319, numRuns: 200, endOnFailure: true },
    );
  });

  it('should write a document of many pieces (200 000 leaves) exactly', () => {
    const ops: Op[] = [{ op: 'open', name: 'Document', xmlns: 'urn:x' }];
    for (let i = 0; i < 200_000; i++) ops.push({ op: 'leaf', name: 'Id', text: `E2E-${i}` });
    const [written, reference] = run(ops, true);
    expect(written.length).toBeGreaterThan(8192 * 100);
    expect(written).toBe(reference);
  });

  it('should still refuse to finish with an open element', () => {
    const w = new XmlWriter();
    w.open('Document');
    for (let i = 0; i < 2000; i++) w.leaf('Id', 'x'.repeat(20));
    expect(() => w.toString()).toThrow(/unclosed <Document>/);
  });
});
