/**
 * createObligationLinesReader: the bytes of a JSON Lines file must give exactly what `JSON.parse` on
 * each line and `net()` give, results and errors alike, whichever path (the scanner for flat lines or
 * `JSON.parse`) each line takes and however the bytes are split into chunks.
 */

import { Buffer } from 'node:buffer';
import {
  createObligationLinesReader,
  InvalidObligationLineError,
  type NettingMode,
  net,
  type Obligation,
  toNettingJson,
} from 'deltran/netting';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../src/netting/_internal/ingest';
import { LinesBuilder } from '../../../src/netting/_internal/json-lines';

const encoder = new TextEncoder();

/** Splits bytes at the given cut points (each taken modulo the length). */
function chunks(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort(
    (a, b) => a - b,
  );
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

type Outcome =
  | { readonly ok: true; readonly json: string }
  | {
      readonly ok: false;
      readonly name: string;
      readonly code: unknown;
      readonly message: string;
      readonly issues: unknown;
      readonly path: unknown;
    };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, json: JSON.stringify(toNettingJson(run() as ReturnType<typeof net>)) };
  } catch (error) {
    const e = error as { name: string; code?: unknown; message: string; issues?: unknown; path?: unknown };
    return { ok: false, name: e.name, code: e.code, message: e.message, issues: e.issues, path: e.path };
  }
}

/** What the command did before the reader: `JSON.parse` per non-blank line, then `net()`. */
function reference(text: string, mode: NettingMode): Outcome | { syntax: number; reason: string } {
  const parsed: unknown[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.endsWith('\r') ? lines[k]!.slice(0, -1) : lines[k]!;
    if (/^[ \t\r]*$/.test(line)) continue;
    try {
      parsed.push(JSON.parse(line));
    } catch (cause) {
      return { syntax: k + 1, reason: (cause as Error).message };
    }
  }
  return outcome(() => net(parsed as Obligation[], { mode }));
}

function read(
  bytes: Uint8Array,
  cuts: readonly number[],
  mode: NettingMode,
): Outcome | { syntax: number; reason: string } {
  const reader = createObligationLinesReader();
  try {
    for (const chunk of chunks(bytes, cuts)) reader.push(chunk);
    const lines = reader.end();
    return outcome(() => lines.net({ mode }));
  } catch (error) {
    if (error instanceof InvalidObligationLineError) return { syntax: error.line, reason: error.reason };
    throw error;
  }
}

// ---- generators of lines: clean flat lines, other spellings, odd text, invalid values, broken JSON

const plainName = fc.constantFrom('BANKAAAA', 'BANKBBBB', 'BANKCCCC', 'BANKDDDD', 'B', 'bank e');
const oddName = fc.oneof(
  fc.string({ minLength: 0, maxLength: 6 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
  fc.constantFrom('BANK"A', 'BANK\\A', 'BANK\tA', 'BÄNK', '😀', '\u007f', 'x'.repeat(257), 'BANKAAAA '),
);
const name = fc.oneof({ arbitrary: plainName, weight: 6 }, { arbitrary: oddName, weight: 1 });
const id = fc.oneof(
  { arbitrary: fc.nat({ max: 60 }).map((n) => `OBL-${n}`), weight: 6 },
  { arbitrary: fc.string({ maxLength: 5 }), weight: 1 },
  { arbitrary: fc.constantFrom('OBL-"1"', 'ÖBL-1', '', 'x'.repeat(300), 'a\\b'), weight: 1 },
);
const currency = fc.oneof(
  { arbitrary: fc.constantFrom('EUR', 'JPY', 'BHD', 'USD'), weight: 8 },
  { arbitrary: fc.constantFrom('eur', 'EU', 'ZZZ', '', 'EURO'), weight: 1 },
);
const amount = fc.oneof(
  {
    arbitrary: fc
      .nat({ max: 10_000_000 })
      .map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`),
    weight: 6,
  },
  { arbitrary: fc.nat({ max: 100_000 }).map(String), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '0',
      '0.00',
      '-1.00',
      '1.234',
      '1.5',
      '12345678901234567890',
      '9007199254740993',
      '1e3',
      ' 1',
      '.5',
      '01.00',
    ),
    weight: 1,
  },
  { arbitrary: fc.constantFrom<unknown>(100, null, true, { minor: 1 }), weight: 1 },
);
const obligation = fc.record({ id, debtor: name, creditor: name, currency, amount });

const KEYS = ['id', 'debtor', 'creditor', 'currency', 'amount'] as const;
const spelling = fc.record({
  order: fc.oneof(
    { arbitrary: fc.constant([...KEYS]), weight: 4 },
    { arbitrary: fc.shuffledSubarray([...KEYS], { minLength: 4, maxLength: 5 }), weight: 1 },
  ),
  space: fc.oneof(
    { arbitrary: fc.constant(''), weight: 4 },
    { arbitrary: fc.constantFrom(' ', '\t', ' \t ', '\r'), weight: 1 },
  ),
  escape: fc.constantFrom('none', 'none', 'none', 'unicode', 'slash'),
  extra: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
  end: fc.constantFrom('\n', '\n', '\n', '\r\n'),
  blank: fc.constantFrom('', '', '', '', '\n', '  \n', '\t\r\n'),
  broken: fc.oneof({ arbitrary: fc.constant(0), weight: 40 }, { arbitrary: fc.nat({ max: 30 }), weight: 1 }),
  other: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 40 },
    { arbitrary: fc.constantFrom('[]', '5', '"x"', 'null', '{}', '{"id":"A","id":"B"}'), weight: 1 },
  ),
});

type Spelling = typeof spelling extends fc.Arbitrary<infer T> ? T : never;

function spell(o: Record<string, unknown>, s: Spelling): string {
  if (s.other !== undefined) return `${s.blank}${s.other}${s.end}`;
  const sp = s.space;
  const fields = (s.order as readonly string[]).map((key) => {
    let value = JSON.stringify(o[key]);
    if (typeof o[key] === 'string' && s.escape === 'unicode')
      value = value.replace(/[A-Z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
    if (typeof o[key] === 'string' && s.escape === 'slash') value = value.replace('/', '\\/');
    return `${sp}"${key}"${sp}:${sp}${value}`;
  });
  if (s.extra) fields.splice(2, 0, '"note":"x"');
  let text = `${sp}{${fields.join(',')}${sp}}${sp}`;
  if (s.broken > 0) text = text.slice(0, Math.max(0, text.length - s.broken));
  return `${s.blank}${text}${s.end}`;
}

const file = fc
  .array(fc.tuple(obligation, spelling), { maxLength: 25 })
  .chain((rows) =>
    fc.record({
      rows: fc.constant(rows),
      lastNewline: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      mode: fc.constantFrom<NettingMode>('multilateral', 'conservative', 'gross'),
    }),
  )
  .map(({ rows, lastNewline, cuts, mode }) => {
    let text = rows.map(([o, s]) => spell(o, s)).join('');
    if (!lastNewline && text.endsWith('\n')) text = text.replace(/\r?\n$/, '');
    return { text, cuts, mode };
  });

/** Valid obligations only (unique ids), spelled in any way: the results, not the errors, are compared. */
const validFile = fc
  .uniqueArray(
    fc.record({
      id: fc.oneof(
        fc.nat({ max: 1000 }).map((n) => `OBL-${n}`),
        fc.string({ minLength: 1, maxLength: 4 }),
      ),
      debtor: fc.oneof(plainName, fc.constantFrom('BÄNK', '😀', 'a"b', 'a\\b', 'tab\tbank')),
      creditor: fc.oneof(plainName, fc.constantFrom('BÄNK', '😀')),
      currency: fc.constantFrom('EUR', 'JPY', 'BHD'),
      amount: fc.oneof(
        fc.nat({ max: 1_000_000 }).map((n) => String(n + 1)),
        fc.constantFrom('0070', '9007199254740993', '123456789012345678', '999999999999999999'),
      ),
    }),
    { selector: (o) => o.id, maxLength: 30 },
  )
  .map((rows) => rows.filter((o) => o.debtor !== o.creditor))
  .chain((rows) =>
    fc.record({
      rows: fc.constant(rows),
      spellings: fc.array(
        spelling.map((s) => ({
          ...s,
          order: s.order.length === 5 ? s.order : [...KEYS],
          broken: 0,
          other: undefined,
        })),
        {
          minLength: rows.length,
          maxLength: rows.length,
        },
      ),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      mode: fc.constantFrom<NettingMode>('multilateral', 'conservative', 'gross', 'bilateral', 'hub'),
    }),
  )
  .map(({ rows, spellings, cuts, mode }) => ({
    text: rows.map((o, k) => spell(o, spellings[k]!)).join(''),
    cuts,
    mode,
  }));

describe('createObligationLinesReader', () => {
  it('should net flat lines exactly as net() on the parsed objects', () => {
    // Arrange
    const obligations: Obligation[] = [
      { id: '1', debtor: 'BANKAAAA', creditor: 'BANKBBBB', currency: 'EUR', amount: '100.00' },
      { id: '2', debtor: 'BANKBBBB', creditor: 'BANKCCCC', currency: 'EUR', amount: '80.5' },
      { id: '3', debtor: 'BANKCCCC', creditor: 'BANKAAAA', currency: 'JPY', amount: '6000' },
    ];
    const text = `${obligations.map((o) => JSON.stringify(o)).join('\n')}\n`;
    // Act
    const reader = createObligationLinesReader();
    reader.push(encoder.encode(text));
    const lines = reader.end();
    // Assert
    expect(lines.count).toBe(3);
    expect([...lines.lines]).toEqual([1, 2, 3]);
    expect(toNettingJson(lines.net({ mode: 'multilateral' }))).toEqual(
      toNettingJson(net(obligations, { mode: 'multilateral' })),
    );
    expect(net(lines.toObligations(), { mode: 'conservative' }).digest).toBe(
      net(obligations, { mode: 'conservative' }).digest,
    );
  });

  it('should name the line that is not JSON, with JSON.parse’s reason', () => {
    // Arrange
    const text = '{"id":"1","debtor":"A","creditor":"B","currency":"EUR","amount":"1.00"}\n\n{"id": \n';
    const reader = createObligationLinesReader();
    // Act
    const thrown = (() => {
      try {
        reader.push(encoder.encode(text));
      } catch (error) {
        return error as InvalidObligationLineError;
      }
      return undefined;
    })();
    // Assert
    expect(thrown).toBeInstanceOf(InvalidObligationLineError);
    expect(thrown?.code).toBe('NETTING_INVALID_JSON_LINE');
    expect(thrown?.line).toBe(3);
    expect(thrown?.reason).toBe(
      (() => {
        try {
          JSON.parse('{"id": ');
          return '';
        } catch (e) {
          return (e as Error).message;
        }
      })(),
    );
  });

  it('should decode bytes that are not UTF-8 as the command did before (replacement characters)', () => {
    // Arrange: a lone continuation byte, a cut two-byte sequence and 0xFF inside strings, and a BOM
    const line = (idBytes: number[]) => [
      ...encoder.encode('{"id":"'),
      ...idBytes,
      ...encoder.encode('","debtor":"A","creditor":"B","currency":"EUR","amount":"1.00"}\n'),
    ];
    const bytes = Uint8Array.from([
      ...line([0x80]),
      ...line([0xc3]),
      ...line([0xff, 0x41]),
      ...line([0xe2, 0x82]),
    ]);
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...line([0x41])]);
    // Act
    const got = read(bytes, [7, 130], 'multilateral');
    const bom = read(withBom, [], 'multilateral');
    // Assert: Buffer#toString is what the stream decoder of the command used
    expect(got).toEqual(reference(Buffer.from(bytes).toString('utf8'), 'multilateral'));
    expect(bom).toEqual(reference(Buffer.from(withBom).toString('utf8'), 'multilateral'));
    expect('syntax' in bom).toBe(true);
  });

  it('should keep the unfinished line when the caller reuses its buffer for the next chunk', () => {
    // Arrange
    const text = `${JSON.stringify({ id: '1', debtor: 'A', creditor: 'B', currency: 'EUR', amount: '1.00' })}\n${JSON.stringify({ id: '2', debtor: 'B', creditor: 'C', currency: 'EUR', amount: '2.00' })}\n`;
    const bytes = encoder.encode(text);
    const reader = createObligationLinesReader();
    const buffer = Buffer.alloc(16);
    // Act: one Buffer, refilled for every chunk
    for (let at = 0; at < bytes.length; at += buffer.length) {
      const n = Math.min(buffer.length, bytes.length - at);
      buffer.set(bytes.subarray(at, at + n));
      reader.push(buffer.subarray(0, n));
      buffer.fill(0x7b);
    }
    const lines = reader.end();
    // Assert
    expect(outcome(() => lines.net({ mode: 'gross' }))).toEqual(reference(text, 'gross'));
  });

  it('should report invalid obligations with net()’s error, indexes counting obligations only', () => {
    // Arrange
    const text = [
      '{"id":"1","debtor":"A","creditor":"B","currency":"EUR","amount":"1.00"}',
      '',
      '{"id":"1","debtor":"A","creditor":"A","currency":"EUR","amount":"-1"}',
    ].join('\n');
    const reader = createObligationLinesReader();
    reader.push(encoder.encode(text));
    const lines = reader.end();
    // Act
    const got = outcome(() => lines.net({ mode: 'multilateral' }));
    // Assert
    expect(got.ok).toBe(false);
    expect(got).toEqual(reference(text, 'multilateral'));
    expect([...lines.lines]).toEqual([1, 3]);
  });
});

describe('properties', () => {
  it('should agree with JSON.parse per line and net(), results and errors, for any text and chunking', () => {
    fc.assert(
      fc.property(file, ({ text, cuts, mode }) => {
        // Arrange
        const bytes = encoder.encode(text);
        // Act
        const got = read(bytes, cuts, mode);
        // Assert
        expect(got).toEqual(reference(text, mode));
      }),
      { numRuns: 400 },
    );
  });

  it('should give net()’s result on valid obligations however they are spelled', () => {
    fc.assert(
      fc.property(validFile, ({ text, cuts, mode }) => {
        // Arrange
        const bytes = encoder.encode(text);
        // Act
        const got = read(bytes, cuts, mode);
        // Assert
        expect(got).toEqual(reference(text, mode));
        expect('ok' in got && got.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('should build the same columns on the fast path as through JSON.parse alone (white-box)', () => {
    fc.assert(
      fc.property(file, ({ text, cuts }) => {
        // Arrange
        const bytes = encoder.encode(text);
        const fast = new LinesBuilder(true);
        const slow = new LinesBuilder(false);
        // Act
        const feed = (builder: LinesBuilder) => {
          try {
            for (const chunk of chunks(bytes, cuts)) builder.push(chunk);
            builder.end();
            return 'read';
          } catch (error) {
            return String(error);
          }
        };
        // Assert
        const status = feed(fast);
        expect(status).toBe(feed(slow));
        if (status !== 'read') return; // a reader is not used after a syntax error
        expect(fast.lineNumbers()).toEqual(slow.lineNumbers());
        expect(fast.obligations()).toEqual(slow.obligations());
        const columns = fast.columns();
        expect(columns).toEqual(slow.columns());
        if (columns !== undefined) {
          // and the same columns as ingest() of the objects
          expect(columns).toEqual(ingest(fast.obligations() as Obligation[], 'net'));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('should take the scanner for flat lines of printable ASCII', () => {
    // Arrange: JSON.stringify of valid obligations, as every producer in this repo writes them
    const line = fc
      .record({
        id: fc.string({ unit: fc.constantFrom(...'AB-_/09 .:~'), minLength: 1, maxLength: 20 }),
        debtor: plainName,
        creditor: plainName,
        currency: fc.constantFrom('EUR', 'JPY'),
        amount: fc.nat({ max: 1_000_000 }).map((n) => String(n + 1)),
      })
      .filter((o) => o.debtor !== o.creditor);
    fc.assert(
      fc.property(fc.uniqueArray(line, { selector: (o) => o.id, maxLength: 20 }), (rows) => {
        const builder = new LinesBuilder(true);
        // Act
        builder.push(encoder.encode(rows.map((o) => JSON.stringify(o)).join('\n')));
        builder.end();
        // Assert
        expect(builder.fallbacks).toBe(0);
        expect(builder.columns()?.count).toBe(rows.length);
      }),
    );
  });
});
