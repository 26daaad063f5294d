import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { net as netObligations, type Obligation, toNettingJson } from 'deltran/netting';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import net from '../../../src/cli/commands/net';
import { captureIo } from '../../_helpers/cli';
import { obligationsArbitrary } from '../../arbitraries/obligations';

const dir = mkdtempSync(join(tmpdir(), 'deltran-net-'));
let files = 0;
function file(name: string, text: string): string {
  const path = join(dir, `${files++}-${name}`);
  writeFileSync(path, text);
  return path;
}

const obligations: Obligation[] = [
  { id: '1', debtor: 'BANKAAAA', creditor: 'BANKBBBB', currency: 'EUR', amount: '100.00' },
  { id: '2', debtor: 'BANKBBBB', creditor: 'BANKCCCC', currency: 'EUR', amount: '80.00' },
  { id: '3', debtor: 'BANKCCCC', creditor: 'BANKAAAA', currency: 'EUR', amount: '60.00' },
  { id: '4', debtor: 'BANKAAAA', creditor: 'BANKCCCC', currency: 'JPY', amount: '5000' },
];
const jsonl = `${obligations.map((o) => JSON.stringify(o)).join('\n')}\n`;
const csv = `id,debtor,creditor,currency,amount\n${obligations.map((o) => [o.id, o.debtor, o.creditor, o.currency, o.amount].join(',')).join('\r\n')}\n`;

async function run(args: string[], options: { isTty?: boolean } = {}) {
  const io = captureIo({ cwd: dir, ...options });
  const code = await net(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('deltran net', () => {
  it('should net a JSON Lines file and print one JSON document with decimal strings', async () => {
    // Arrange
    const path = file('obligations.jsonl', jsonl);
    // Act
    const { code, out, err } = await run([path, '--mode', 'multilateral']);
    // Assert
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.mode).toBe('multilateral');
    expect(doc.netPositions).toContainEqual({ participant: 'BANKAAAA', currency: 'EUR', amount: '-40.00' });
    expect(doc.instructions).toContainEqual({
      from: 'BANKAAAA',
      to: 'BANKCCCC',
      currency: 'JPY',
      amount: '5000',
    });
    expect(doc.stats.map((s: { currency: string }) => s.currency)).toEqual(['EUR', 'JPY']);
    expect(out).toBe(
      `${JSON.stringify(toNettingJson(netObligations(obligations, { mode: 'multilateral' })))}\n`,
    );
  });

  it('should read the same obligations from a JSON array and from CSV', async () => {
    // Arrange
    const array = file('obligations.json', JSON.stringify(obligations, null, 2));
    const table = file('obligations.csv', csv);
    const lines = file('obligations.jsonl', jsonl);
    // Act
    const outputs = await Promise.all([array, table, lines].map((p) => run([p, '--mode', 'conservative'])));
    // Assert
    for (const o of outputs) expect(o.code).toBe(0);
    expect(outputs[0]!.out).toBe(outputs[2]!.out);
    expect(outputs[1]!.out).toBe(outputs[2]!.out);
  });

  it('should detect the format from the content when the extension says nothing', async () => {
    // Arrange
    const asArray = file('data', JSON.stringify(obligations));
    const asLines = file('data', jsonl);
    const asCsv = file('data', csv);
    // Act
    const outputs = await Promise.all([asArray, asLines, asCsv].map((p) => run([p, '--mode', 'gross'])));
    // Assert
    expect(new Set(outputs.map((o) => o.out)).size).toBe(1);
  });

  it('should print a summary table with --summary', async () => {
    // Arrange
    const path = file('obligations.jsonl', jsonl);
    // Act
    const { code, out } = await run([path, '--mode', 'hub', '--hub', 'CCPXXXXX', '--summary']);
    // Assert
    expect(code).toBe(0);
    expect(out).toContain('mode hub (hub CCPXXXXX)');
    expect(out).toMatch(
      /currency\s+obligations\s+participants\s+gross\s+bilateral\s+lower bound\s+settled\s+savings\s+instructions/,
    );
    expect(out).toMatch(/EUR\s+3\s+3\s+240\.00\s+240\.00\s+40\.00\s+80\.00\s+66\.7%\s+3/);
    expect(out).toMatch(/digest sha256:[0-9a-f]{64}/);
  });

  it('should report the line of a bad obligation with its code', async () => {
    // Arrange
    const path = file(
      'bad.jsonl',
      `${JSON.stringify(obligations[0])}\n\n${JSON.stringify({ ...obligations[1], amount: '-1.00' })}\n`,
    );
    // Act
    const { code, err } = await run([path, '--mode', 'bilateral']);
    // Assert
    expect(code).toBe(1);
    expect(err).toContain(`${path}:3: amount: NETTING_NON_POSITIVE_AMOUNT`);
    expect(err).toContain('"2"');
  });

  it('should name the right lines past the first chunks of a large file, duplicates included', async () => {
    // Arrange: 30,000 lines (about 3 MiB, three 1 MiB chunks), a repeated id and a bad amount at the end
    const rows: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      rows.push(
        JSON.stringify({
          id: `OBL-${i}`,
          debtor: `BANK${i % 97}`,
          creditor: `BANK${(i % 89) + 100}`,
          currency: i % 3 === 0 ? 'JPY' : 'EUR',
          amount: i % 3 === 0 ? String(1000 + i) : `${i}.25`,
        }).padEnd(100, ' '),
      );
    }
    rows.push(JSON.stringify({ id: 'OBL-7', debtor: 'X', creditor: 'Y', currency: 'EUR', amount: '1.00' }));
    rows.push(JSON.stringify({ id: 'LAST', debtor: 'X', creditor: 'Y', currency: 'EUR', amount: '1.001' }));
    const path = file('large.jsonl', `${rows.join('\r\n')}\r\n`);
    // Act
    const { code, err } = await run([path, '--mode', 'multilateral']);
    // Assert
    expect(code).toBe(1);
    expect(err).toContain(`${path}:30001: id: NETTING_DUPLICATE_ID`);
    expect(err).toContain(`${path}:30002: amount: NETTING_INVALID_AMOUNT`);
  });

  it('should not let two objects on one line pass as two lines', async () => {
    // Arrange: line 2 holds two obligations; a parse of the joined lines would count three values
    const [a, b, c] = obligations.map((o) => JSON.stringify(o));
    const path = file('glued.jsonl', `${a}\n${b},${c}\n\u00a0\n`);
    // Act
    const { code, err } = await run([path, '--mode', 'gross']);
    // Assert
    expect(code).toBe(1);
    expect(err).toContain(':2: not valid JSON');
  });

  it('should report a line that is not JSON, and a CSV without the right header', async () => {
    // Arrange
    const broken = file('broken.jsonl', `${JSON.stringify(obligations[0])}\n{"id": \n`);
    const headless = file('headless.csv', 'a,b,c\n1,2,3\n');
    // Act
    const a = await run([broken, '--mode', 'gross']);
    const b = await run([headless, '--mode', 'gross']);
    // Assert
    expect(a.code).toBe(1);
    expect(a.err).toContain(':2: not valid JSON');
    expect(b.code).toBe(1);
    expect(b.err).toContain('the CSV header lacks id, debtor, creditor, currency, amount');
  });

  it('should parse quoted CSV fields with commas, quotes and line breaks', async () => {
    // Arrange
    const path = file(
      'quoted.csv',
      'amount,currency,creditor,debtor,id\n"1.50",EUR,"B, ""the bank""",A,"multi\nline"\n',
    );
    // Act
    const { code, out } = await run([path, '--mode', 'gross']);
    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(out).instructions).toEqual([
      { from: 'A', to: 'B, "the bank"', currency: 'EUR', amount: '1.50' },
    ]);
  });

  it('should split a JSON array correctly around brackets, commas and escapes inside strings', async () => {
    // Arrange
    const tricky: Obligation[] = [
      { id: 'a,]', debtor: 'X "[1,2]"', creditor: 'Y\\}', currency: 'EUR', amount: '1.00' },
      { id: '{b}', debtor: 'Y\\}', creditor: 'X "[1,2]"', currency: 'EUR', amount: '0.25' },
    ];
    const path = file('tricky.json', `\n[\n  ${tricky.map((o) => JSON.stringify(o)).join(' ,\n  ')}\n]\n`);
    // Act
    const { code, out, err } = await run([path, '--mode', 'multilateral']);
    // Assert
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(`${JSON.stringify(toNettingJson(netObligations(tricky, { mode: 'multilateral' })))}\n`);
  });

  it('should reject a JSON array that is not closed, with its line', async () => {
    // Arrange
    const path = file(
      'open.json',
      `[\n${JSON.stringify(obligations[0])},\n${JSON.stringify(obligations[1])}\n`,
    );
    // Act
    const { code, err } = await run([path, '--mode', 'gross']);
    // Assert
    expect(code).toBe(1);
    expect(err).toContain('not closed');
  });

  it('should show a progress bar on a terminal only, on stderr', async () => {
    // Arrange
    const path = file('obligations.jsonl', jsonl);
    // Act
    const tty = await run([path, '--mode', 'multilateral'], { isTty: true });
    const pipe = await run([path, '--mode', 'multilateral']);
    // Assert
    expect(tty.err).toContain('reading [');
    expect(pipe.err).toBe('');
    expect(tty.out).toBe(pipe.out);
  });

  it('should explain usage errors with exit code 2', async () => {
    // Arrange
    const path = file('obligations.jsonl', jsonl);
    // Act
    const results = await Promise.all([
      run([path]),
      run([path, '--mode', 'trilateral']),
      run([path, '--mode', 'gross', '--hub', 'X']),
      run(['--mode', 'gross']),
      run([path, '--mode', 'gross', '--bogus']),
    ]);
    const help = await run(['--help']);
    // Assert
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.err).toContain('Usage: deltran net FILE');
    }
    expect(help.code).toBe(0);
    expect(help.out).toContain('--summary');
  });
});

describe('properties', () => {
  it('should read any JSON Lines spelling of obligations exactly as JSON.parse does', async () => {
    // Key order, spaces, tabs, escapes and extra keys: whatever JSON.parse reads, the command reads.
    const spelling = fc.record({
      order: fc.shuffledSubarray(['id', 'debtor', 'creditor', 'currency', 'amount'], {
        minLength: 5,
        maxLength: 5,
      }),
      space: fc.constantFrom('', ' ', '  ', '\t'),
      escaped: fc.boolean(),
      extra: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        obligationsArbitrary({ obligationsMax: 12 }),
        fc.array(spelling, { minLength: 12, maxLength: 12 }),
        async (input, spellings) => {
          // Arrange
          const rows = input.map((o) => ({
            ...o,
            amount:
              typeof o.amount === 'string'
                ? o.amount
                : toNettingJson(netObligations([o], { mode: 'gross' })).instructions[0]!.amount,
          }));
          const text = rows
            .map((o, k) => {
              const { order, space, escaped, extra } = spellings[k]!;
              const fields = order.map((key) => {
                const value = JSON.stringify(String(o[key as keyof typeof o]));
                return `${space}"${key}"${space}:${space}${escaped && key === 'id' ? value.replace('O', '\\u004f') : value}`;
              });
              if (extra) fields.push('"note":"x"');
              return `${space}{${fields.join(',')}${space}}${space}`;
            })
            .join('\n');
          const path = file('spelled.jsonl', text);
          // Act
          const { code, out } = await run([path, '--mode', 'bilateral']);
          // Assert
          expect(code).toBe(0);
          const parsed = text
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as Obligation);
          expect(out).toBe(
            `${JSON.stringify(toNettingJson(netObligations(parsed, { mode: 'bilateral' })))}\n`,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('should print exactly toNettingJson(net(…)) for any obligations, in any of the three formats', async () => {
    await fc.assert(
      fc.asyncProperty(
        obligationsArbitrary({ obligationsMax: 15 }),
        fc.constantFrom('jsonl', 'json', 'csv'),
        async (input, format) => {
          // Arrange
          const rows = input.map((o) => ({
            ...o,
            amount:
              typeof o.amount === 'string'
                ? o.amount
                : toNettingJson(netObligations([o], { mode: 'gross' })).instructions[0]!.amount,
          }));
          const text =
            format === 'jsonl'
              ? rows.map((o) => JSON.stringify(o)).join('\n')
              : format === 'json'
                ? JSON.stringify(rows)
                : `id,debtor,creditor,currency,amount\n${rows.map((o) => [o.id, o.debtor, o.creditor, o.currency, o.amount].join(',')).join('\n')}`;
          const path = file(`p.${format}`, text);
          // Act
          const { code, out } = await run([path, '--mode', 'conservative']);
          // Assert
          expect(code).toBe(0);
          expect(out).toBe(
            `${JSON.stringify(toNettingJson(netObligations(rows, { mode: 'conservative' })))}\n`,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
