/**
 * Text folding shared by names, identifiers and countries: Unicode → Latin ASCII, upper case,
 * punctuation folded. The transliteration table is the `transliteration` package's (Cyrillic,
 * Greek, Arabic, Hebrew, CJK, Hangul, Devanagari, Thai, Georgian …).
 * @internal
 */
import { transliterate } from 'transliteration';
import { NUMBER_WORDS } from './name-tables';

// Separators that transliteration would drop without a space (Katakana middle dot, interpuncts).
const SEPARATORS = /[\u00b7\u2027\u30fb\u30a0\uff65\u0640]/g;
// Apostrophes and ʻayn/hamza marks join the letters around them: O'BRIEN = OBRIEN, QA'IDA = QAIDA.
const APOSTROPHES = /['`\u00b4\u2018\u2019\u02bb\u02bc\u02be\u02bf]/g;
// Dotted acronyms (S.A., U.S.A, A.B.C.) lose their dots so they fold to one token.
const DOTTED_ACRONYM = /(?<![A-Z0-9])(?:[A-Z]\.)+[A-Z]?(?![A-Z0-9])/g;
const NON_ALNUM = /[^A-Z0-9]+/;
const ORDINAL = /^(\d+)(?:ST|ND|RD|TH)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
const NON_ASCII = /[^\x00-\x7f]/;
const AMPERSAND = /&/g;
const DOT = /\./g;
const TENS = /^[2-9]0$/;
const UNIT = /^[1-9]$/;
const LEET: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '3': 'E', '4': 'A', '5': 'S', '7': 'T' };

/** Transliterates to ASCII and upper-cases; never throws. */
export function toUpperAscii(text: string): string {
  let ascii = text;
  if (NON_ASCII.test(text)) {
    ascii = transliterate(text.normalize('NFKC').replace(SEPARATORS, ' '), { trim: false });
  }
  return ascii.toUpperCase();
}

/**
 * Folds a name to its tokens: transliterated, upper-case, apostrophes joined, acronym dots
 * dropped, other punctuation a separator, number words and ordinals as digits, digits inside
 * words read as letters ("IG0R" → "IGOR").
 */
export function foldTokens(text: string): string[] {
  const upper = toUpperAscii(text)
    .replace(APOSTROPHES, '')
    .replace(AMPERSAND, ' AND ')
    .replace(DOTTED_ACRONYM, dropDots);
  const raw = upper.split(NON_ALNUM);
  const tokens: string[] = [];
  for (const part of raw) {
    if (part.length === 0) continue;
    tokens.push(foldToken(part));
  }
  return combineNumbers(tokens);
}

function dropDots(acronym: string): string {
  return acronym.replace(DOT, '');
}

function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

function foldToken(token: string): string {
  // Most tokens are plain words: only the number words apply to them (ordinals, leetspeak and
  // leading zeros all need a digit), so they skip the regular expressions.
  if (!hasDigit(token)) {
    const word = NUMBER_WORDS[token];
    return word === undefined ? token : String(word);
  }
  const ordinal = ORDINAL.exec(token);
  if (ordinal) return String(Number(ordinal[1]));
  const word = NUMBER_WORDS[token];
  if (word !== undefined) return String(word);
  if (/[A-Z]/.test(token) && /[A-Z][0-9]+[A-Z]/.test(token)) {
    return token.replace(/(?<=[A-Z])[0-9]+(?=[A-Z])/g, (digits) =>
      [...digits].map((d) => LEET[d] ?? d).join(''),
    );
  }
  if (/^0\d/.test(token) && /^\d+$/.test(token)) return String(Number(token));
  return token;
}

/** "40 4" (from FORTY FOUR) → "44". */
function combineNumbers(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (next !== undefined && t.length === 2 && TENS.test(t) && UNIT.test(next)) {
      out.push(String(Number(t) + Number(next)));
      i++;
    } else out.push(t);
  }
  return out;
}
