/**
 * The hand-written fixtures in test/fixtures/iso20022/<msg>/{valid,invalid}: every valid one parses,
 * every invalid one fails with the code and path its first-line comment states
 * (`<!-- expect: ISO20022_INVALID_AMOUNT CdtTrfTxInf[0]/IntrBkSttlmAmt -->`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeededRandom, formatPath } from 'deltran';
import { safeParseMessage } from 'deltran/iso20022';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../fixtures/iso20022/', import.meta.url));

/** Fixtures that cannot carry a comment state their expectation here. */
const EXPECTED_WITHOUT_COMMENT: Record<string, { code: string; path: string }> = {
  'pacs008/invalid/empty.xml': { code: 'ISO20022_MALFORMED_XML', path: '' },
};

function fixtures(kind: 'valid' | 'invalid'): string[] {
  return readdirSync(root)
    .sort()
    .flatMap((message) => {
      const dir = join(root, message, kind);
      return existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.xml'))
            .sort()
            .map((f) => `${message}/${kind}/${f}`)
        : [];
    });
}

function expectation(file: string, bytes: Buffer): { code: string; path: string } {
  const stated = EXPECTED_WITHOUT_COMMENT[file];
  if (stated !== undefined) return stated;
  // latin1: every byte maps to one character, so even the deliberately broken encodings read.
  const match = /<!-- expect: (ISO20022_[A-Z0-9_]+)(?: (\S+))? -->/.exec(bytes.toString('latin1'));
  if (match === null) throw new Error(`${file}: no "<!-- expect: CODE PATH -->" comment`);
  return { code: match[1]!, path: match[2] ?? '' };
}

describe('fixtures', () => {
  const valid = fixtures('valid');
  const invalid = fixtures('invalid');

  it('should cover every message type', () => {
    const types = new Set([...valid, ...invalid].map((f) => f.split('/')[0]));
    expect([...types].sort()).toEqual([
      'camt052',
      'camt053',
      'camt054',
      'pacs002',
      'pacs008',
      'pacs009',
      'pain001',
    ]);
  });

  it.each(valid)('should parse %s', (file) => {
    // Arrange
    const bytes = readFileSync(join(root, file));
    // Act
    const result = safeParseMessage(bytes, { random: createSeededRandom(7) });
    // Assert
    expect(
      result.ok ? 'ok' : `${result.error.code} ${formatPath(result.error.path)}: ${result.error.message}`,
    ).toBe('ok');
  });

  it.each(invalid)('should refuse %s with the stated code and path', (file) => {
    // Arrange
    const bytes = readFileSync(join(root, file));
    const expected = expectation(file, bytes);
    // Act
    const result = safeParseMessage(bytes, { random: createSeededRandom(7) });
    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ code: result.error.code, path: formatPath(result.error.path) }).toEqual(expected);
    expect(result.error.issues[0]).toMatchObject({ code: expected.code });
  });
});
