/**
 * Name normalisation, as the screener sees names.
 * @packageDocumentation
 */
import { foldTokens } from './_internal/fold';

/**
 * Normalises a name for comparison: Unicode NFKC, transliteration of every script to Latin
 * (Cyrillic, Greek, Arabic, Hebrew, CJK, Hangul, Devanagari, Thai …), upper case, apostrophes
 * joined (`O'Brien` → `OBRIEN`), dots of acronyms dropped (`S.A.` → `SA`), other punctuation a
 * single space, `&` → `AND`, number words and ordinals as digits (`Forty-Four` → `44`,
 * `3rd` → `3`), digits inside words read as letters (`Ig0r` → `IGOR`).
 *
 * Legal forms, stop words and titles are kept here (they are removed when names are compared),
 * so the function is idempotent: `normalizeName(normalizeName(x)) === normalizeName(x)`. It never
 * throws, whatever the string (lone surrogates and control characters become separators).
 *
 * @param name - a name in any script
 * @returns the normalised tokens joined by single spaces (empty for a name with no letters or digits)
 * @example
 * ```ts
 * normalizeName('Владимир  Путин'); // 'VLADIMIR PUTIN'
 * normalizeName('A.B.C. Company, Ltd.'); // 'ABC COMPANY LTD'
 * ```
 * @public
 */
export function normalizeName(name: string): string {
  return foldTokens(name).join(' ');
}
