import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeededRandom } from 'deltran';
import { messageFromJson, parseMessage, parsePacs008, parsePain001 } from 'deltran/iso20022';
import { describe, expect, it } from 'vitest';
import build from '../../../src/cli/commands/build';
import parse from '../../../src/cli/commands/parse';
import { captureIo } from '../../_helpers/cli';

const fixtures = fileURLToPath(new URL('../../fixtures/iso20022/', import.meta.url));
const valid = join(fixtures, 'pacs008/valid/minimal.xml');

describe('deltran parse', () => {
  it('should print the JSON form of a message, amounts as decimal strings', async () => {
    // Arrange
    const io = captureIo();
    // Act
    const code = await parse([valid], io);
    // Assert
    expect(code).toBe(0);
    expect(io.err()).toBe('');
    const json = JSON.parse(io.out());
    expect(json).toMatchObject({
      format: 'deltran.iso20022.message/v1',
      type: 'pacs.008',
      version: 'pacs.008.001.08',
    });
    expect(json.payments[0].amount).toEqual({ currency: 'EUR', amount: '1250.50' });
    expect(messageFromJson(json)).toEqual(parseMessage(readFileSync(valid)));
  });

  it('should print one document per file, one line each with --compact, paths relative to cwd', async () => {
    const io = captureIo({ cwd: fixtures });
    const code = await parse(
      ['--compact', 'pacs008/valid/minimal.xml', 'camt053/valid/statement-v08.xml'],
      io,
    );
    expect(code).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(['pacs.008', 'camt.053']);
  });

  it('should print each problem as FILE: CODE PATH: message and exit 1, still printing the good files', async () => {
    // Arrange
    const io = captureIo({ cwd: fixtures });
    // Act
    const code = await parse(
      ['pacs008/invalid/ctrl-sum-mismatch.xml', 'pacs008/valid/minimal.xml', 'missing.xml'],
      io,
    );
    // Assert
    expect(code).toBe(1);
    expect(io.err().split('\n')[0]).toBe(
      'pacs008/invalid/ctrl-sum-mismatch.xml: ISO20022_CTRL_SUM_MISMATCH GrpHdr/CtrlSum: CtrlSum says 300.01 but the amounts add up to 300.00',
    );
    expect(io.err()).toContain('missing.xml: cannot read:');
    expect(JSON.parse(io.out()).type).toBe('pacs.008');
  });

  it('should print every issue of a file, and errors without a path', async () => {
    const io = captureIo({ cwd: fixtures });
    const code = await parse(['pacs008/invalid/doctype-external-entity.xml'], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^pacs008\/invalid\/doctype-external-entity\.xml: ISO20022_DOCTYPE_FORBIDDEN: /);
  });

  it('should print warnings to stderr and keep them in the JSON', async () => {
    const io = captureIo({ cwd: fixtures });
    const code = await parse(['pacs008/valid/swift-envelope-header-mismatch.xml'], io);
    expect(code).toBe(0);
    expect(io.err()).toMatch(/: warning ISO20022_HEADER_MISMATCH AppHdr\/MsgDefIdr: /);
    expect(JSON.parse(io.out()).warnings[0].code).toBe('ISO20022_HEADER_MISMATCH');
  });

  it('should assign UETRs reproducibly with --seed, and honour the limits', async () => {
    const file = join(fixtures, 'pain001/valid/two-payment-blocks.xml');
    const a = captureIo();
    const b = captureIo();
    await parse(['--seed', '9', file], a);
    await parse(['--seed', '9', file], b);
    expect(a.out()).toBe(b.out());
    const expected = parsePain001(readFileSync(file), { random: createSeededRandom(9) });
    expect(JSON.parse(a.out()).payments[0].uetr).toBe(expected.payments[0]?.uetr);
    const small = captureIo();
    expect(await parse(['--max-bytes', '100', file], small)).toBe(1);
    expect(small.err()).toContain('ISO20022_INPUT_TOO_LARGE');
  });

  it('should exit 2 on usage errors and print help on --help', async () => {
    const none = captureIo();
    expect(await parse([], none)).toBe(2);
    expect(none.err()).toContain('Usage: deltran parse');
    const bad = captureIo();
    expect(await parse(['--max-depth', 'deep', valid], bad)).toBe(2);
    const unknown = captureIo();
    expect(await parse(['--frobnicate', valid], unknown)).toBe(2);
    const help = captureIo();
    expect(await parse(['--help'], help)).toBe(0);
    expect(help.out()).toContain('Exit codes');
  });

  it('should print what deltran build reads back (parse → build → parse)', async () => {
    // Arrange
    const parsed = captureIo();
    await parse([valid], parsed);
    const dir = mkdtempSync(join(tmpdir(), 'deltran-parse-'));
    const input = join(dir, 'parsed.json');
    writeFileSync(input, parsed.out());
    const built = captureIo();
    // Act
    const code = await build(['pacs.008', input], built);
    // Assert
    expect(built.err()).toBe('');
    expect(code).toBe(0);
    expect(parsePacs008(built.out()).payments).toEqual(parsePacs008(readFileSync(valid)).payments);
  });
});
