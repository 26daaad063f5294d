/** Every synthetic MT103 fixture (test/fixtures/mt103/) yields the code and path written here (STYLE.md §6.8). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildMt103, Mt103ErrorCodes as Codes, parseMt103, safeParseMt103 } from 'deltran/iso20022';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../fixtures/mt103/', import.meta.url));
const read = (path: string) => readFileSync(`${dir}${path}`, 'utf8');

/** Expected first issue of each invalid fixture. */
const INVALID: Record<string, { code: string; path: readonly (string | number)[] }> = {
  'missing-71a.txt': { code: Codes.MISSING_FIELD, path: ['4', '71A'] },
  'bad-value-date.txt': { code: Codes.INVALID_FIELD, path: ['4', '32A'] },
  'too-many-decimals-jpy.txt': { code: Codes.INVALID_FIELD, path: ['4', '32A'] },
  'unterminated-block-4.txt': { code: Codes.SYNTAX, path: ['4'] },
  'option-not-allowed-52b.txt': { code: Codes.INVALID_FIELD, path: ['4', '52B'] },
  'not-mt103.txt': { code: Codes.SYNTAX, path: ['2'] },
  'charges-code-unknown.txt': { code: Codes.INVALID_FIELD, path: ['4', '71A'] },
};

describe('MT103 fixtures', () => {
  it('should have an expectation for every invalid fixture', () => {
    expect(readdirSync(`${dir}invalid`).sort()).toEqual(Object.keys(INVALID).sort());
  });

  for (const [file, expected] of Object.entries(INVALID)) {
    it(`should refuse invalid/${file} with ${expected.code}`, () => {
      // Act
      const result = safeParseMt103(read(`invalid/${file}`));
      // Assert
      expect(result.ok).toBe(false);
      if (!result.ok) expect({ code: result.error.code, path: result.error.path }).toEqual(expected);
    });
  }

  it('should parse valid/minimal-input.txt and rebuild it byte for byte (amount digits aside)', () => {
    const text = read('valid/minimal-input.txt');
    expect(buildMt103(parseMt103(text)).text).toBe(text.replace('EUR1234,5', 'EUR1234,50'));
  });
});
