/**
 * White-box tests of the safe XML reader (src/iso20022/_internal/xml.ts): its tree agrees with
 * fast-xml-parser, used as an oracle, on every corpus sample and fixture (a differential test, as in
 * STYLE.md §6.3), and its limits hold without recursion.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  parseXml,
  readXml,
  type XmlElement,
  XmlReadError,
  type XmlTree,
} from '../../../src/iso20022/_internal/xml';
import { describeCorpus } from '../../_helpers/corpus';

const fixtures = fileURLToPath(new URL('../../fixtures/iso20022/', import.meta.url));
const LIMITS = { maxBytes: 1 << 25, maxDepth: 64 };

/** Every leaf as `path=text`, in document order, local names only. */
function leavesOfTree(tree: XmlTree): string[] {
  const out: string[] = [];
  const stack: { el: XmlElement; path: string }[] = [{ el: tree.root, path: tree.name(tree.root) }];
  while (stack.length > 0) {
    const { el, path } = stack.pop()!;
    const children = tree.children(el);
    if (children.length === 0) {
      const text = tree.text(el);
      if (text !== '') out.push(`${path}=${text}`);
      const attrs = tree.attributes(el);
      for (let i = 0; i < attrs.length; i += 2) {
        const name = attrs[i]!;
        if (!name.includes(':')) out.push(`${path}@${name}=${attrs[i + 1]}`);
      }
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ el: children[i]!, path: `${path}/${tree.name(children[i]!)}` });
  }
  return out.sort();
}

const oracle = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Without it fast-xml-parser leaves character references (&#246;) undecoded.
  htmlEntities: true,
  attributeNamePrefix: '@',
  textNodeName: '#text',
});

function leavesOfOracle(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) leavesOfOracle(v, path, out);
    return;
  }
  if (typeof value !== 'object' || value === null) {
    if (value !== '') out.push(`${path}=${String(value)}`);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const hasChildren = entries.some(([k]) => !k.startsWith('@') && k !== '#text');
  for (const [key, v] of entries) {
    if (key === '#text') {
      if (!hasChildren && v !== '') out.push(`${path}=${String(v)}`);
    } else if (key.startsWith('@')) {
      if (!hasChildren && !key.startsWith('@xmlns') && !key.includes(':'))
        out.push(`${path}${key}=${String(v)}`);
    } else {
      leavesOfOracle(v, path === '' ? key : `${path}/${key}`, out);
    }
  }
}

function compare(bytes: Buffer): void {
  const mine = leavesOfTree(readXml(bytes, LIMITS));
  const theirs: string[] = [];
  const parsed = oracle.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(parsed))
    if (!key.startsWith('?')) leavesOfOracle(value, key, theirs);
  expect(mine).toEqual(theirs.sort());
}

describe('safe XML reader', () => {
  it('should agree with fast-xml-parser on every valid fixture', () => {
    for (const message of readdirSync(fixtures)) {
      const dir = join(fixtures, message, 'valid');
      for (const f of readdirSync(dir)) {
        // The proto fixture is there to show that such names are harmless here; fast-xml-parser refuses them.
        if (f.startsWith('proto')) continue;
        compare(readFileSync(join(dir, f)));
      }
    }
  });

  it('should resolve namespaces by declaration, whatever the prefix', () => {
    // Arrange
    const xml = `<e:Envelope xmlns:e="urn:swift:xsd:envelope" xmlns:p="urn:x"><p:Document><x xmlns="urn:y"/></p:Document></e:Envelope>`;
    // Act
    const tree = parseXml(xml, 10);
    // Assert
    const document = tree.firstChild(tree.root)!;
    expect([tree.name(tree.root), tree.ns(tree.root)]).toEqual(['Envelope', 'urn:swift:xsd:envelope']);
    expect([tree.name(document), tree.ns(document)]).toEqual(['Document', 'urn:x']);
    expect(tree.ns(tree.firstChild(document)!)).toBe('urn:y');
  });

  it('should read a million nested elements without recursion when the limit allows it', () => {
    // Arrange
    const depth = 1_000_000;
    const xml = `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
    // Act
    const tree = parseXml(xml, depth);
    // Assert
    let d = 1;
    for (let el = tree.firstChild(tree.root); el !== undefined; el = tree.firstChild(el)) d++;
    expect(d).toBe(depth);
    expect(tree.size).toBe(depth);
  });

  it('should report line and column of a malformed construct', () => {
    try {
      parseXml('<a>\n  <b>\n  </c>\n</a>', 10);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(XmlReadError);
      expect((error as XmlReadError).line).toBe(3);
      expect((error as XmlReadError).column).toBe(3);
    }
  });

  it('should read names outside the known list, prefixed names and thousands of distinct names alike', () => {
    // Arrange: past the per-document name table (512 slots, half of them used), names go to a map.
    const names = Array.from({ length: 3000 }, (_, i) => `Custom${i}`);
    const xml = `<p:Root xmlns:p="urn:p"><PmtId>1</PmtId>${names.map((n) => `<${n}>${n}</${n}>`).join('')}<p:Nm>x</p:Nm></p:Root>`;
    // Act
    const tree = parseXml(xml, 5);
    // Assert
    expect([tree.name(tree.root), tree.ns(tree.root)]).toEqual(['Root', 'urn:p']);
    for (const n of ['PmtId', ...names.slice(0, 20), ...names.slice(-20), 'Nm']) {
      const c = tree.child(tree.root, n);
      expect(c === undefined ? undefined : tree.name(c)).toBe(n);
    }
    expect(tree.text(tree.child(tree.root, names[2999]!)!)).toBe(names[2999]);
    expect(tree.child(tree.root, 'Absent')).toBeUndefined();
    expect(tree.child(tree.root, 'IBAN')).toBeUndefined();
  });

  it('should stay correct, and linear, on names crafted to share one hash', () => {
    // Arrange: "Aa" and "BB" hash alike (h * 31 + c), so every mix of 12 of them collides: 4096 names.
    const names = Array.from({ length: 4096 }, (_, i) =>
      Array.from({ length: 12 }, (_, bit) => ((i >> bit) & 1 ? 'Aa' : 'BB')).join(''),
    );
    const xml = `<r>${names.map((n, i) => `<${n}>${i}</${n}>`).join('')}</r>`;
    // Act
    const started = performance.now();
    const tree = parseXml(xml, 3);
    const elapsed = performance.now() - started;
    // Assert
    expect(tree.children(tree.root).length).toBe(4096);
    for (const i of [0, 1, 7, 511, 4095])
      expect(tree.text(tree.child(tree.root, names[i]!)!)).toBe(String(i));
    // Quadratic probing over 4096 colliding names would take seconds; bounded probes keep it well under.
    expect(elapsed).toBeLessThan(2000);
  });

  it('should keep a literal U+FFFD and read attributes of many elements apart', () => {
    // Arrange
    const bytes = new TextEncoder().encode('<r><a Ccy="EUR" x="1">\uFFFD</a><b/><c Ccy="USD">2</c></r>');
    // Act
    const tree = readXml(bytes, LIMITS);
    // Assert
    const [a, b, c] = tree.children(tree.root);
    expect(tree.text(a!)).toBe('\uFFFD');
    expect(tree.attributes(a!)).toEqual(['Ccy', 'EUR', 'x', '1']);
    expect(tree.attribute(b!, 'Ccy')).toBeUndefined();
    expect(tree.attribute(c!, 'Ccy')).toBe('USD');
    expect(tree.offset(c!)).toBe('<r><a Ccy="EUR" x="1">\uFFFD</a><b/>'.length);
  });

  describe('properties', () => {
    it('should read back any text content exactly, whatever must be escaped', () => {
      const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const xmlChar = fc.constantFrom(...'aZ09 &<>"\'é中\u00A0-'.split(''));
      fc.assert(
        fc.property(fc.string({ unit: xmlChar, minLength: 1, maxLength: 40 }), (s) => {
          fc.pre(s.trim() === s && !/^[ ]|[ ]$/.test(s));
          const tree = parseXml(
            `<r><v>${escapeXml(s)}</v><w a="${escapeXml(s).replace(/"/g, '&quot;')}"/></r>`,
            5,
          );
          const [v, w] = tree.children(tree.root);
          expect(tree.text(v!)).toBe(s);
          expect(tree.attribute(w!, 'a')).toBe(s);
        }),
      );
    });

    it('should agree with fast-xml-parser on generated documents: any names, prefixes, escapes, CRLF, CDATA', () => {
      // Known ISO names, names outside the list, and the same local names under a prefix.
      const name = fc.constantFrom('Nm', 'Id', 'PmtId', 'Ustrd', 'Cstm', 'Cstm2', 'zz', 'p:Nm', 'p:Cstm');
      const xmlChar = fc.constantFrom(
        ...'aZ09 é中-'.split(''),
        '&amp;',
        '&lt;',
        '&#233;',
        '&#x4E2D;',
        '\r\n',
        ' ',
      );
      // fast-xml-parser trims the text before and after a CDATA section apart: CDATA is a whole leaf here.
      const leafText = fc.oneof(
        {
          weight: 5,
          arbitrary: fc
            .array(xmlChar, { minLength: 1, maxLength: 12 })
            .map((parts) => parts.join(''))
            .filter((t) => /[A-Za-z0-9é中-]/.test(t.replace(/&[^;]*;/g, 'e'))),
        },
        { weight: 1, arbitrary: fc.constant('<![CDATA[x&y<z>]]>') },
      );
      const { tree } = fc.letrec((tie) => ({
        tree: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          fc.tuple(name, leafText).map(([n, t]) => `<${n}>${t}</${n}>`),
          fc
            .tuple(name, fc.array(tie('tree'), { minLength: 1, maxLength: 4 }))
            .map(([n, kids]) => `<${n}>\r\n  ${kids.join('\r\n  <!-- c -->')}</${n}>`),
        ),
      }));
      fc.assert(
        fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), (kids) => {
          const xml = `<?xml version="1.0"?><Doc xmlns="urn:d" xmlns:p="urn:p">${kids.join('')}</Doc>`;
          compare(Buffer.from(xml));
        }),
      );
    });

    it('should never throw anything but XmlReadError, whatever the input', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.string({
              unit: fc.constantFrom('<', '>', '/', 'a', '=', '"', '&', ';', '!', '?', ' ', ':', '-', '['),
            }),
          ),
          (s) => {
            try {
              readXml(s, LIMITS);
            } catch (error) {
              expect(error).toBeInstanceOf(XmlReadError);
            }
          },
        ),
      );
    });
  });
});

describeCorpus('safe XML reader on the corpus', (dir) => {
  it('should agree with fast-xml-parser on every XSD-valid sample', () => {
    const root = join(dir, 'iso20022', 'samples');
    let n = 0;
    for (const d of readdirSync(root)) {
      for (const f of readdirSync(join(root, d))) {
        compare(readFileSync(join(root, d, f)));
        n++;
      }
    }
    expect(n).toBe(203);
  });
});
