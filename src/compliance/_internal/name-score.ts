/**
 * Name similarity on analyzed tokens: a greedy one-to-one alignment of tokens (order-free), with
 * merged tokens for joined/split words, scored by weighted coverage of both names.
 *
 * Why coverage of both sides and not an edit distance on the whole string: list names and payment
 * names differ by token order ("LAST, First"), dropped middle names and patronymics, and added
 * titles; a whole-string distance punishes all of those, while a substituted given name (the
 * typical false positive: "Daniel Tusk" for "Donald Tusk") leaves an unmatched token on *both*
 * sides, which coverage of the less-covered side sees at once.
 * @internal
 */
import type { SubjectKind } from '../types';
import { boundedLevenshtein, jaroWinkler } from './jaro-winkler';
import { PARTICLES, ROMAN_NUMERAL, romanValue } from './name-tables';
import { phoneticKey } from './phonetic';

/** A token with what the scorer needs precomputed. */
export interface TokenInfo {
  readonly text: string;
  readonly key: string;
  readonly weight: number;
  /** Numeric value of a digits or roman-numeral token. */
  readonly numeric: number | undefined;
  /**
   * Characters present, one bit per `charCode & 31` (lossy: a clear bit proves the character is
   * absent). Bounds the Jaro matches of a pair without comparing the strings.
   */
  readonly mask: number;
}

/** Scoring parameters. Defaults chosen on the development half of the name-pair benchmark. */
export interface ScoreParams {
  /** Jaro-Winkler at or below this gives no credit. */
  readonly jwFloor: number;
  /** Jaro-Winkler at or above this gives full credit. */
  readonly jwFull: number;
  /** Credit of an initial against a word with that first letter. */
  readonly initialCredit: number;
  /** Jaro-Winkler granted to two tokens with the same phonetic key. */
  readonly phoneticJw: number;
  /** Weight of the better-covered side in the final score (person names). */
  readonly personHighWeight: number;
  /** Same, for organizations, vessels and unknown kinds. */
  readonly otherHighWeight: number;
  /** Weight of a particle (AL, BIN, VAN …). */
  readonly particleWeight: number;
  /** Weight of a number. */
  readonly numberWeight: number;
  /** Weight of an initial. */
  readonly initialWeight: number;
  /**
   * Penalty per unit of weight left unmatched on *both* sides (a substituted token), on top of the
   * lost coverage: "Daniel Tusk" / "Donald Tusk" is a different person, "Vladimir Putin" /
   * "Vladimir Vladimirovich Putin" is not.
   */
  readonly substitutionPenalty: number;
  /** Jaro-Winkler floor for short tokens (4 letters or fewer); they reach full credit only when equal. */
  readonly shortJwFloor: number;
  /** Jaro-Winkler at which a short token gets full credit. */
  readonly shortJwFull: number;
}

/** The defaults in force. */
export const DEFAULT_SCORE_PARAMS: ScoreParams = {
  jwFloor: 0.72,
  jwFull: 0.95,
  initialCredit: 0.85,
  phoneticJw: 0.9,
  personHighWeight: 0.65,
  otherHighWeight: 0.7,
  particleWeight: 0.25,
  numberWeight: 0.3,
  initialWeight: 0.35,
  substitutionPenalty: 0.05,
  shortJwFloor: 0.72,
  shortJwFull: 0.97,
};

/** Builds the scorer's view of a token list. */
export function tokenInfos(
  tokens: readonly string[],
  params: ScoreParams = DEFAULT_SCORE_PARAMS,
): TokenInfo[] {
  return tokens.map((text) => tokenInfo(text, params));
}

/** Builds the scorer's view of one token. */
export function tokenInfo(text: string, params: ScoreParams = DEFAULT_SCORE_PARAMS): TokenInfo {
  const digits = isDigits(text);
  const first = text.charCodeAt(0);
  const romanCandidate = first === 0x49 || first === 0x56 || first === 0x58; // I, V, X
  const numeric = digits
    ? Number(text)
    : romanCandidate && ROMAN_NUMERAL.test(text)
      ? romanValue(text)
      : undefined;
  let weight: number;
  if (digits) weight = params.numberWeight;
  else if (text.length === 1) weight = params.initialWeight;
  else if (PARTICLES.has(text)) weight = params.particleWeight;
  else weight = 1;
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return { text, key: phoneticKey(text), weight, numeric, mask };
}

/**
 * Credit in [0, 1] for aligning two tokens: 1 for equal tokens or equal numbers, partial for
 * typos and spelling variants, 0 for unrelated tokens.
 */
export function tokenCredit(a: TokenInfo, b: TokenInfo, params: ScoreParams = DEFAULT_SCORE_PARAMS): number {
  if (a.text === b.text) return 1;
  if (a.numeric !== undefined && b.numeric !== undefined) return a.numeric === b.numeric ? 1 : 0;
  const la = a.text.length;
  const lb = b.text.length;
  if (la === 1 || lb === 1) {
    if (la === lb) return 0;
    return a.text[0] === b.text[0] ? params.initialCredit : 0;
  }
  if (a.numeric !== undefined || b.numeric !== undefined) {
    // A roman numeral against a word: only as letters (XI the name against XI the number).
    if (isDigits(a.text) || isDigits(b.text)) return 0;
  }
  const samePhonetic = a.key.length >= 2 && a.key === b.key;
  if (!samePhonetic && creditBoundRejects(la, lb, a.mask, b.mask, commonPrefix(a.text, b.text), params)) {
    return 0;
  }
  let jw = jaroWinkler(a.text, b.text);
  if (Math.min(la, lb) <= 3) {
    // Jaro-Winkler is generous on short tokens (JIN/JUN 0.8): demand one edit at most.
    if (!samePhonetic && boundedLevenshtein(a.text, b.text, 1) > 1) return 0;
  }
  if (samePhonetic && jw < params.phoneticJw) jw = params.phoneticJw;
  // Short tokens (Chinese and Korean syllables, short given names) are different names after a
  // single letter more often than typos of each other: CHEN / CHENG, YUN / YIN. They only get
  // full credit when equal, and a steeper ramp below.
  const short = la <= SHORT_TOKEN || lb <= SHORT_TOKEN;
  const floor = short ? params.shortJwFloor : params.jwFloor;
  const full = short ? params.shortJwFull : params.jwFull;
  if (jw <= floor) return 0;
  if (jw >= full) return 1;
  return (jw - floor) / (full - floor);
}

/**
 * Whether {@link tokenCredit} of two different tokens of `la` and `lb` (≥ 2) letters, neither a
 * number, with different phonetic keys, is 0 by its bounds alone: lengths and character masks.
 * Exported so the screener can run the same test on typed arrays without reading token objects.
 */
export function creditBoundRejects(
  la: number,
  lb: number,
  maskA: number,
  maskB: number,
  prefix: number,
  params: ScoreParams,
): boolean {
  // Upper bound of Jaro-Winkler from the lengths alone (every letter of the shorter token
  // matched, no transposition, full prefix): skips most unrelated pairs without the O(n²) work.
  const short = Math.min(la, lb);
  const jaroMax = (short / la + short / lb + 1) / 3;
  if (jaroMax + PREFIX_BOOST_MAX * (1 - jaroMax) <= params.jwFloor) return true;
  // Tighter: a character of one token absent from the other cannot be matched, so each absent
  // character (one per clear bit at least) takes one off the matches of its side.
  const matchesMax = Math.min(la - popCount(maskA & ~maskB), lb - popCount(maskB & ~maskA));
  if (matchesMax <= 0) return true;
  const jaroBound = (matchesMax / la + matchesMax / lb + 1) / 3;
  const floor = Math.min(params.jwFloor, params.shortJwFloor);
  if (jaroBound + PREFIX_BOOST_MAX * (1 - jaroBound) + BOUND_MARGIN < floor) return true;
  // Tighter still with the real common prefix (`prefix`, at most 4) instead of the longest one:
  // Winkler's boost grows with the Jaro score, so the bound stays above the real score. Most
  // unrelated names differ in their first letter and get no boost at all.
  return jaroBound + prefix * PREFIX_STEP * (1 - jaroBound) + BOUND_MARGIN < floor;
}

/** Winkler's boost per common prefix letter. */
const PREFIX_STEP = 0.1;

/** Length of the common prefix of two tokens, at most 4 (the letters Winkler's boost counts). */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(4, a.length, b.length);
  let k = 0;
  while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return k;
}

/**
 * The first four character codes of a token packed into one integer (one byte each), so two
 * tokens' common prefix is found from their packed prefixes: {@link packedCommonPrefix}.
 */
export function packPrefix(text: string): number {
  let packed = 0;
  const n = Math.min(4, text.length);
  for (let k = 0; k < n; k++) packed |= (text.charCodeAt(k) & 0xff) << (8 * k);
  return packed;
}

/**
 * {@link commonPrefix} from packed prefixes and the lengths. Tokens are ASCII after folding, so
 * a byte equals its character; a longer non-ASCII token only makes the prefix look longer, which
 * keeps the bound that uses it conservative.
 */
export function packedCommonPrefix(pa: number, pb: number, la: number, lb: number): number {
  const n = Math.min(4, la, lb);
  const x = pa ^ pb;
  let k = 0;
  while (k < n && ((x >>> (8 * k)) & 0xff) === 0) k++;
  return k;
}

function popCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Tokens this long or shorter are "short" for {@link tokenCredit}. */
const SHORT_TOKEN = 4;

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Largest Winkler prefix boost: 4 letters × 0.1. */
const PREFIX_BOOST_MAX = 0.4;

/** Credit between query token `i` and candidate token `j`. */
export type CreditFunction = (i: number, j: number) => number;

interface Unit {
  /** Token indexes covered (one, or two for a merged pair). */
  readonly covers: readonly number[];
  readonly info: TokenInfo;
}

/**
 * Score of two analyzed names in [0, 1]. Symmetric, independent of token order, 1 for equal
 * token multisets.
 *
 * With a `cutoff`, a pair whose score provably stays below it may return early with an upper
 * bound of its score that is itself below `cutoff` (the screener only needs to know it misses);
 * a pair that can reach `cutoff` always gets its exact score.
 */
export function scoreTokens(
  q: readonly TokenInfo[],
  c: readonly TokenInfo[],
  kind: SubjectKind,
  params: ScoreParams = DEFAULT_SCORE_PARAMS,
  credit?: CreditFunction,
  cutoff?: number,
): number {
  if (q.length === 0 || c.length === 0) return 0;
  const totalQ = sumWeights(q);
  const totalC = sumWeights(c);
  const high = highWeight(kind === 'person', significant(q), significant(c), params);

  // Pass 1: single tokens only.
  const nc = c.length;
  const credits: number[] = [];
  let count = 0;
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < nc; j++) {
      const cr = credit === undefined ? tokenCredit(q[i]!, c[j]!, params) : credit(i, j);
      credits.push(cr);
      if (cr > 0) count++;
    }
  }
  if (cutoff !== undefined && cutoff > 0 && !mergePossible(q, c)) {
    // Upper bound: every token gets its best credit. The score grows with the matched weight of
    // either side, so no alignment (and, without plausible merges, no second pass) does better.
    const bound = upperBound(q, c, credits, totalQ, totalC, high, params);
    if (bound + BOUND_MARGIN < cutoff) return bound;
  }
  const pairs: { i: number; j: number; credit: number }[] = new Array(count);
  count = 0;
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < nc; j++) {
      const cr = credits[i * nc + j]!;
      if (cr > 0) pairs[count++] = { i, j, credit: cr };
    }
  }
  sortPairs(pairs, q, c);
  const usedQ = new Uint8Array(q.length);
  const usedC = new Uint8Array(c.length);
  // Credit each token got, to find the ones a join could do better for.
  const gotQ = new Float64Array(q.length);
  const gotC = new Float64Array(c.length);
  let matchedQ = 0;
  let matchedC = 0;
  for (const p of pairs) {
    if (usedQ[p.i] || usedC[p.j]) continue;
    usedQ[p.i] = 1;
    usedC[p.j] = 1;
    gotQ[p.i] = p.credit;
    gotC[p.j] = p.credit;
    matchedQ += p.credit * q[p.i]!.weight;
    matchedC += p.credit * c[p.j]!.weight;
  }
  let best = combine(matchedQ, matchedC, totalQ, totalC, high, params);
  if (best >= 1) return 1;

  // Pass 2: merged tokens, only when a long token is left unmatched on one side and the other
  // side has tokens whose concatenation could be it (joined or split words: SIEMENSAG /
  // SIEMENS AG, MOHAMMADHASNI / MOHAMMAD HASNI).
  if (q.length <= 6 && c.length <= 6) {
    const targetsQ = leftovers(q, gotQ);
    const targetsC = leftovers(c, gotC);
    if ((targetsQ.length > 0 && c.length >= 2) || (targetsC.length > 0 && q.length >= 2)) {
      const alt = mergedScore(q, c, params, high, totalQ, totalC, credits, targetsQ, targetsC);
      if (alt > best) best = alt;
    }
  }
  return Math.min(best, 1);
}

/** Slack for floating-point differences between the bound and the exact sums. */
export const BOUND_MARGIN = 1e-9;

/**
 * Weight of the better-covered side: by kind, and 0.5 when a one-word person name (a nickname
 * alias such as 'LUCAS', or a lone given name) meets a longer one, which says little.
 * `significantQ` / `significantC`: the number of full-weight tokens of each name.
 */
export function highWeight(
  person: boolean,
  significantQ: number,
  significantC: number,
  params: ScoreParams,
): number {
  if (!person) return params.otherHighWeight;
  if (Math.min(significantQ, significantC) === 1 && Math.max(significantQ, significantC) >= 2) return 0.5;
  return params.personHighWeight;
}

/**
 * {@link scoreTokens}' early-exit bound on precomputed data, for the screener's candidate loop:
 * the pass-1 score if every token got its best single credit, from the row-major credit matrix
 * (`nq` × `nc`) and the token weights. Same arithmetic, in the same order, as the scorer's own
 * bound, so the two agree to the last bit.
 */
export function matrixUpperBound(
  credits: Float64Array,
  nq: number,
  nc: number,
  weightQ: ArrayLike<number>,
  weightC: ArrayLike<number>,
  totalQ: number,
  totalC: number,
  high: number,
  params: ScoreParams,
): number {
  let matchedQ = 0;
  for (let i = 0; i < nq; i++) {
    let m = 0;
    for (let j = 0; j < nc; j++) {
      const v = credits[i * nc + j]!;
      if (v > m) m = v;
    }
    matchedQ += m * weightQ[i]!;
  }
  let matchedC = 0;
  for (let j = 0; j < nc; j++) {
    let m = 0;
    for (let i = 0; i < nq; i++) {
      const v = credits[i * nc + j]!;
      if (v > m) m = v;
    }
    matchedC += m * weightC[j]!;
  }
  return Math.min(1, combine(matchedQ, matchedC, totalQ, totalC, high, params));
}

/**
 * {@link mergePossible} on token shapes (length, first and last character code of each token),
 * so the screener can test a candidate without reading its token strings.
 */
export function mergePossibleShapes(
  lengthQ: ArrayLike<number>,
  firstQ: ArrayLike<number>,
  lastQ: ArrayLike<number>,
  nq: number,
  lengthC: ArrayLike<number>,
  firstC: ArrayLike<number>,
  lastC: ArrayLike<number>,
  nc: number,
): boolean {
  if (nq > 6 || nc > 6) return false;
  return (
    (nc >= 2 && anyPlausibleShape(lengthC, firstC, lastC, nc, lengthQ, firstQ, lastQ, nq)) ||
    (nq >= 2 && anyPlausibleShape(lengthQ, firstQ, lastQ, nq, lengthC, firstC, lastC, nc))
  );
}

function anyPlausibleShape(
  length: ArrayLike<number>,
  first: ArrayLike<number>,
  last: ArrayLike<number>,
  n: number,
  targetLength: ArrayLike<number>,
  targetFirst: ArrayLike<number>,
  targetLast: ArrayLike<number>,
  targets: number,
): boolean {
  for (let t = 0; t < targets; t++) {
    const lt = targetLength[t]!;
    if (lt < 6) continue;
    for (let a = 0; a < n; a++) {
      if (first[a] !== targetFirst[t]) continue;
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        if (Math.abs(lt - (length[a]! + length[b]!)) <= 3 && last[b] === targetLast[t]) return true;
      }
    }
  }
  return false;
}

/** Pass-1 score if every token got its best single credit: at least the real pass-1 score. */
function upperBound(
  q: readonly TokenInfo[],
  c: readonly TokenInfo[],
  credits: readonly number[],
  totalQ: number,
  totalC: number,
  high: number,
  params: ScoreParams,
): number {
  const nc = c.length;
  let matchedQ = 0;
  for (let i = 0; i < q.length; i++) {
    let m = 0;
    for (let j = 0; j < nc; j++) {
      const v = credits[i * nc + j]!;
      if (v > m) m = v;
    }
    matchedQ += m * q[i]!.weight;
  }
  let matchedC = 0;
  for (let j = 0; j < nc; j++) {
    let m = 0;
    for (let i = 0; i < q.length; i++) {
      const v = credits[i * nc + j]!;
      if (v > m) m = v;
    }
    matchedC += m * c[j]!.weight;
  }
  return Math.min(1, combine(matchedQ, matchedC, totalQ, totalC, high, params));
}

/**
 * Whether pass 2 could find any merged unit: a superset of its condition (every token of 6 or
 * more letters taken as a target, not only the unmatched ones).
 */
function mergePossible(q: readonly TokenInfo[], c: readonly TokenInfo[]): boolean {
  if (q.length > 6 || c.length > 6) return false;
  return (c.length >= 2 && anyPlausiblePair(c, q)) || (q.length >= 2 && anyPlausiblePair(q, c));
}

/** Whether two tokens of `tokens` could be joined to spell a long token of `targets`. */
function anyPlausiblePair(tokens: readonly TokenInfo[], targets: readonly TokenInfo[]): boolean {
  for (const target of targets) {
    const t = target.text;
    if (t.length < 6) continue;
    for (let a = 0; a < tokens.length; a++) {
      const ta = tokens[a]!.text;
      if (ta[0] !== t[0]) continue;
      for (let b = 0; b < tokens.length; b++) {
        if (a === b) continue;
        const tb = tokens[b]!.text;
        if (Math.abs(t.length - (ta.length + tb.length)) <= 3 && t[t.length - 1] === tb[tb.length - 1]) {
          return true;
        }
      }
    }
  }
  return false;
}

function combine(
  matchedQ: number,
  matchedC: number,
  totalQ: number,
  totalC: number,
  high: number,
  params: ScoreParams,
): number {
  const coverQ = matchedQ / totalQ;
  const coverC = matchedC / totalC;
  const hi = Math.max(coverQ, coverC);
  const lo = Math.min(coverQ, coverC);
  const residual = Math.min(totalQ - matchedQ, totalC - matchedC);
  const score = high * hi + (1 - high) * lo - params.substitutionPenalty * residual;
  return Math.max(score, 0);
}

function significant(tokens: readonly TokenInfo[]): number {
  let n = 0;
  for (const t of tokens) if (t.weight >= 1) n++;
  return n;
}

function sumWeights(tokens: readonly TokenInfo[]): number {
  let total = 0;
  for (const t of tokens) total += t.weight;
  return total;
}

/** Sorts by credit, then by token text, so the alignment never depends on token positions. */
function sortPairs(
  pairs: { i: number; j: number; credit: number }[],
  q: readonly TokenInfo[],
  c: readonly TokenInfo[],
): void {
  pairs.sort((x, y) => {
    if (y.credit !== x.credit) return y.credit - x.credit;
    const wx = q[x.i]!.weight + c[x.j]!.weight;
    const wy = q[y.i]!.weight + c[y.j]!.weight;
    if (wy !== wx) return wy - wx;
    const tq = compareText(q[x.i]!.text, q[y.i]!.text);
    return tq !== 0 ? tq : compareText(c[x.j]!.text, c[y.j]!.text);
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tokens of at least 6 letters not fully matched: candidates for a join on the other side. */
function leftovers(tokens: readonly TokenInfo[], got: Float64Array): string[] {
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (got[k]! < 0.9 && tokens[k]!.text.length >= 6) out.push(tokens[k]!.text);
  }
  return out;
}

/**
 * Single tokens, plus the ordered pairs that could spell a target: same first letter as the
 * target, same last letter, and a joined length within 3 of it.
 */
function units(tokens: readonly TokenInfo[], params: ScoreParams, targets: readonly string[]): Unit[] {
  const out: Unit[] = tokens.map((info, k) => ({ covers: [k], info }));
  if (targets.length === 0) return out;
  for (let a = 0; a < tokens.length; a++) {
    const ta = tokens[a]!.text;
    for (let b = 0; b < tokens.length; b++) {
      if (a === b) continue;
      const tb = tokens[b]!.text;
      const length = ta.length + tb.length;
      const plausible = targets.some(
        (t) => Math.abs(t.length - length) <= 3 && t[0] === ta[0] && t[t.length - 1] === tb[tb.length - 1],
      );
      if (plausible) out.push({ covers: [a, b], info: tokenInfo(ta + tb, params) });
    }
  }
  return out;
}

function mergedScore(
  q: readonly TokenInfo[],
  c: readonly TokenInfo[],
  params: ScoreParams,
  high: number,
  totalQ: number,
  totalC: number,
  credits: readonly number[],
  targetsQ: readonly string[],
  targetsC: readonly string[],
): number {
  // Pairs on one side are joined to meet the unmatched long tokens of the other side.
  const uq = units(q, params, targetsC);
  const uc = units(c, params, targetsQ);
  if (uq.length === q.length && uc.length === c.length) return 0;
  const pairs: { a: Unit; b: Unit; credit: number; weight: number; key: string }[] = [];
  for (const a of uq) {
    for (const b of uc) {
      if (a.covers.length === 2 && b.covers.length === 2) continue;
      const cr =
        a.covers.length === 1 && b.covers.length === 1
          ? credits[a.covers[0]! * c.length + b.covers[0]!]!
          : tokenCredit(a.info, b.info, params);
      if (cr <= 0) continue;
      const weight = coverWeight(a, q) + coverWeight(b, c);
      pairs.push({ a, b, credit: cr, weight, key: `${a.info.text} ${b.info.text}` });
    }
  }
  pairs.sort((x, y) =>
    y.credit !== x.credit
      ? y.credit - x.credit
      : y.weight !== x.weight
        ? y.weight - x.weight
        : compareText(x.key, y.key),
  );
  const usedQ = new Uint8Array(q.length);
  const usedC = new Uint8Array(c.length);
  let matchedQ = 0;
  let matchedC = 0;
  for (const p of pairs) {
    if (p.a.covers.some((k) => usedQ[k]) || p.b.covers.some((k) => usedC[k])) continue;
    for (const k of p.a.covers) usedQ[k] = 1;
    for (const k of p.b.covers) usedC[k] = 1;
    matchedQ += p.credit * coverWeight(p.a, q);
    matchedC += p.credit * coverWeight(p.b, c);
  }
  return combine(matchedQ, matchedC, totalQ, totalC, high, params);
}

function coverWeight(unit: Unit, tokens: readonly TokenInfo[]): number {
  let w = 0;
  for (const k of unit.covers) w += tokens[k]!.weight;
  return w;
}
