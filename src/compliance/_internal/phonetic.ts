/**
 * A consonant-skeleton phonetic key for names that were transliterated into Latin letters.
 *
 * Why not Double Metaphone or Soundex (both tried against the benchmark, see docs/compliance.md):
 * they encode English spelling, while list names are romanised from Arabic, Cyrillic, Korean,
 * Persian and Pashto by different conventions: MOHAMMED / MUHAMMAD / MOHAMAD, KHAMENEI / HAMENEI,
 * ZELENSKYY / SELENSKYJ, OSAMA / USAMA. Those differ mostly in vowels, doubled letters and a few
 * consonant classes; dropping vowels and merging the classes that romanisation systems swap gives
 * one key for each family. The key also makes unvowelled Arabic-script transliterations ("MHMD")
 * meet their vowelled Latin forms. It is computed for every query token on the screening hot path,
 * so it is a single pass with no allocation beyond the result.
 * @internal
 */

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U', 'Y']);

/**
 * Phonetic key of an upper-case ASCII token ([A-Z0-9]+). Digits-only tokens are their own key.
 * @example `phoneticKey('MUHAMMAD') === phoneticKey('MOHAMMED')` (both `MHMD`)
 */
export function phoneticKey(token: string): string {
  if (token.length === 0) return '';
  const first = token.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return token;
  let out = VOWELS.has(token[0]!) ? 'A' : '';
  let last = out;
  const n = token.length;
  for (let i = 0; i < n; i++) {
    const c = token[i]!;
    const next = i + 1 < n ? token[i + 1]! : '';
    let code: string;
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        last = ''; // a vowel separates two equal consonants: "MAMA" keeps both M
        continue;
      case 'P':
        if (next === 'H') {
          code = 'F';
          i++;
        } else code = 'P';
        break;
      case 'C':
        if (next === 'H') {
          code = 'C';
          i++;
        } else if (next === 'K') {
          code = 'K';
          i++;
        } else code = next === 'E' || next === 'I' || next === 'Y' ? 'S' : 'K';
        break;
      case 'S':
        if (next === 'C' && token[i + 2] === 'H') {
          code = 'S';
          i += 2;
        } else if (next === 'H') {
          code = 'S';
          i++;
        } else code = 'S';
        break;
      case 'T':
        if (next === 'H') {
          code = 'T';
          i++;
        } else if (next === 'S' && token[i + 2] === 'C' && token[i + 3] === 'H') {
          code = 'C';
          i += 3;
        } else if (next === 'C' && token[i + 2] === 'H') {
          code = 'C';
          i += 2;
        } else code = 'T';
        break;
      case 'K':
        if (next === 'H') {
          code = 'H';
          i++;
        } else code = 'K';
        break;
      case 'G':
        if (next === 'H') {
          code = 'G';
          i++;
        } else code = 'G';
        break;
      case 'D':
        if (next === 'H') {
          code = 'D';
          i++;
        } else if (next === 'J' || next === 'Z') {
          code = 'J';
          i++;
        } else code = 'D';
        break;
      case 'Z':
        if (next === 'H') {
          code = 'J';
          i++;
        } else code = 'S';
        break;
      case 'Q':
        code = 'K';
        break;
      case 'X':
        code = 'KS';
        break;
      case 'W':
        code = 'V';
        break;
      case 'H':
        // A final H after a vowel is silent in most romanisations (ABDULLAH / ABDULLA).
        if (i === n - 1 && i > 0) continue;
        code = 'H';
        break;
      default:
        code = c;
    }
    if (code !== last) out += code;
    last = code;
  }
  return out;
}
