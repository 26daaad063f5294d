/**
 * Jaro-Winkler similarity on upper-case ASCII tokens.
 *
 * Hand-written rather than taken from `jaro-winkler` / `talisman`: it is the innermost loop of
 * screening (called for every candidate token pair, tens of thousands of times per second), and the
 * packages allocate two arrays of booleans per call and accept no upper bound. This version works on
 * `charCodeAt` and keeps the matched flags of tokens up to 32 letters in two integer bit masks, so the
 * common case allocates nothing (the callers also skip pairs whose length bound is below the credit
 * floor). Measured in bench/compliance.bench.ts (compareNames and screening rows).
 * @internal
 */

/** Winkler's prefix scale (0.1 in the original paper) and the longest prefix that counts (4). */
const PREFIX_SCALE = 0.1;
const PREFIX_MAX = 4;
/** Winkler's boost only applies above this Jaro score (0.7 in the original paper). */
const BOOST_THRESHOLD = 0.7;

/**
 * Jaro-Winkler similarity of two strings, in [0, 1]; 1 only for equal strings.
 * @param a - first string
 * @param b - second string
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  // Tokens are short: the matched flags fit in two 32-bit masks, so the common case allocates
  // nothing. Longer strings (joined tokens, whole names) take the array path.
  if (la > 32 || lb > 32) return jaroWinklerLong(a, b);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matchedA = 0;
  let matchedB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(i - window, 0);
    const to = Math.min(i + window + 1, lb);
    const c = a.charCodeAt(i);
    for (let j = from; j < to; j++) {
      if ((matchedB & (1 << j)) === 0 && b.charCodeAt(j) === c) {
        matchedA |= 1 << i;
        matchedB |= 1 << j;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if ((matchedA & (1 << i)) === 0) continue;
    while ((matchedB & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return winkler(a, b, (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3);
}

function winkler(a: string, b: string, jaro: number): number {
  if (jaro <= BOOST_THRESHOLD) return jaro;
  let prefix = 0;
  const prefixMax = Math.min(PREFIX_MAX, a.length, b.length);
  while (prefix < prefixMax && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

function jaroWinklerLong(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(i - window, 0);
    const to = Math.min(i + window + 1, lb);
    const c = a.charCodeAt(i);
    for (let j = from; j < to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return winkler(a, b, (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3);
}

/**
 * Levenshtein distance with an early exit: returns `max + 1` as soon as the distance must exceed
 * `max`. Used to grade short tokens, where Jaro-Winkler is too generous ("JIN" / "JUN" = 0.8).
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let previous = new Uint16Array(lb + 1);
  let current = new Uint16Array(lb + 1);
  for (let j = 0; j <= lb; j++) previous[j] = j;
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    let rowMin = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cost = c === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[lb]!;
}
