/**
 * The screening index, built once per screener: every list name analyzed into tokens, an
 * inverted index from tokens to names, and three ways to reach a token from a query token without
 * scanning the vocabulary — exact, phonetic key, and a one-deletion neighbourhood (SymSpell style:
 * two tokens within one substitution, insertion, deletion or adjacent transposition share a
 * deletion variant). Joined adjacent pairs of tokens are indexed too, so "SIEMENSAG" reaches
 * "SIEMENS AG" and "MOHAMMAD HASNI" reaches "MOHAMMADHASNI".
 *
 * Retrieval scores names by the IDF of the query tokens they contain (each query token counted
 * once per name, by its best variant) and hands the best `candidateLimit` names to the full scorer.
 * Nothing here scans the whole list per query.
 *
 * Hand-written, typed-array layouts (measured hot path, see docs/design-choices.md): the deletion
 * neighbourhood is a hash table with no string per variant, postings are one flat array, and what
 * the screener's candidate loop reads per name and per token lives in fixed-size numeric records.
 * Everything is built once and never written after, except the per-screener scratch buffers.
 * @internal
 */
import type { ListEntry, SubjectKind } from '../types';
import { analyzeName } from './analyze-name';
import {
  creditBoundRejects,
  DEFAULT_SCORE_PARAMS,
  packedCommonPrefix,
  packPrefix,
  type TokenInfo,
  tokenCredit,
  tokenInfo,
} from './name-score';

/** One indexed name of an entry. */
export interface IndexedName {
  readonly entry: number;
  readonly name: string;
  readonly tokens: readonly TokenInfo[];
  /** Vocabulary ids of `tokens`, same order. */
  readonly tokenIds: Int32Array;
  /** Weak aliases score lower. */
  readonly weak: boolean;
}

/** Tokens longer than this are not put in the deletion neighbourhood (joined pairs are long). */
const DELETION_LENGTH_MAX = 14;
/** Shortest token that gets a deletion neighbourhood (shorter ones: exact and phonetic only). */
const DELETION_LENGTH_MIN = 4;

/** Layout of a name record (`ScreeningIndex.nameRecords`): offsets within it. */
export const NAME_STRIDE = 8;
export const NAME_ENTRY = 0;
export const NAME_TOKEN_START = 1;
export const NAME_TOKEN_COUNT = 2;
export const NAME_WEAK = 3;
/** 1 when the entry is a person. */
export const NAME_PERSON = 4;
/** Full-weight tokens. */
export const NAME_SIGNIFICANT = 5;
/** Token weights summed in token order, as the scorer sums them. */
export const NAME_TOTAL_WEIGHT = 6;

/**
 * Layout of a token record (`ScreeningIndex.nameTokenRecords`, one per token of each name, so a
 * candidate's tokens lie side by side): offsets within it.
 */
export const TOKEN_STRIDE = 8;
export const TOKEN_LENGTH = 0;
/** Character mask (`TokenInfo.mask`). */
export const TOKEN_MASK = 1;
/** First four character codes, packed ({@link packPrefix}). */
export const TOKEN_PREFIX = 2;
/** Phonetic key id, −2 for keys shorter than 2 letters. */
export const TOKEN_KEY = 3;
/** 1 for numbers (digits or roman numerals). */
export const TOKEN_NUMERIC = 4;
/** Last character code. */
export const TOKEN_LAST = 5;
/** Weight code: the weight is `ScreeningIndex.weightValues[code]`. */
export const TOKEN_WEIGHT = 6;
/** Vocabulary id. */
export const TOKEN_ID = 7;

/** The immutable index. */
export interface ScreeningIndex {
  readonly entries: readonly ListEntry[];
  readonly names: readonly IndexedName[];
  readonly vocabulary: readonly TokenInfo[];
  readonly vocabularyIds: ReadonlyMap<string, number>;
  /** Names containing vocabulary token `id`: `postingIds[postingStarts[id] .. postingStarts[id + 1])`. */
  readonly postingStarts: Int32Array;
  readonly postingIds: Int32Array;
  readonly idf: Float64Array;
  /**
   * Per name, what the screener reads for every candidate, in one record of {@link NAME_STRIDE}
   * numbers (one cache line) so that it never touches the name and entry objects: see the
   * `NAME_*` offsets. Its tokens are the token records `start .. start + count` of
   * `nameTokenRecords`.
   */
  readonly nameRecords: Float64Array;
  readonly nameTokenRecords: Int32Array;
  /** Token weights by the code stored in a token record (`TOKEN_WEIGHT`). */
  readonly weightValues: Float64Array;
  /** Entry kind per name (for the exact scorer). */
  readonly nameEntryKind: readonly SubjectKind[];
  readonly phoneticKeyIds: ReadonlyMap<string, number>;
  readonly deletions: DeletionTable;
  /** Vocabulary ids per phonetic key id (ascending). */
  readonly phonetic: readonly Int32Array[];
}

/**
 * The one-deletion neighbourhood of the vocabulary, without a string per variant: every eligible
 * token and each of its one-letter deletions is hashed (32-bit polynomial hash computed on
 * `charCodeAt`, so probing allocates nothing), and an open-addressing table maps the hash to the
 * tokens that produced it. Different variants may share a hash; a probe therefore checks each
 * token it reaches with {@link sharesDeletionVariant}, so the tokens found are exactly those a map
 * keyed by the variant strings would find (see docs/design-choices.md for the measurements).
 */
export interface DeletionTable {
  /** Table size − 1 (the size is a power of two). */
  readonly mask: number;
  /**
   * Two numbers per slot, side by side so a probe reads one cache line: `[2s]` the hash, `[2s + 1]`
   * where the slot's tokens start in `ids` (−1: empty slot).
   */
  readonly slots: Int32Array;
  /** Per slot, at its start: the number of tokens, then their vocabulary ids. */
  readonly ids: Int32Array;
}

const HASH_BASE = 0x01000193;

/** Polynomial hash of `text` without the character at `skip` (−1: the whole text). */
function variantHash(text: string, skip: number): number {
  let h = 0;
  for (let k = 0; k < text.length; k++) {
    if (k !== skip) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(k)) | 0;
  }
  return h;
}

/** Slot of a hash: the hash mixed (murmur3 finaliser) so that similar strings spread out. */
function slotOf(hash: number, mask: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}

/** Finds the slot holding `hash`, or the empty slot where it would go. */
function findSlot(slots: Int32Array, mask: number, hash: number): number {
  let slot = slotOf(hash, mask);
  while (slots[2 * slot + 1] !== -1 && slots[2 * slot] !== hash) slot = (slot + 1) & mask;
  return slot;
}

/** Whether deleting one letter (or none) of the query token and of the listed token can make them equal. */
function eligibleForDeletions(info: TokenInfo): boolean {
  const len = info.text.length;
  return len >= DELETION_LENGTH_MIN && len <= DELETION_LENGTH_MAX && info.numeric === undefined;
}

function buildDeletionTable(vocabulary: readonly TokenInfo[]): DeletionTable {
  // Pass 1: the (hash, id) pairs, each token's own duplicates removed ("AAB" deletes to "AB" twice).
  const pairHashes: number[] = [];
  const pairIds: number[] = [];
  vocabulary.forEach((info, id) => {
    if (!eligibleForDeletions(info)) return;
    const text = info.text;
    const first = pairHashes.length;
    for (let skip = -1; skip < text.length; skip++) {
      const h = variantHash(text, skip);
      let duplicate = false;
      for (let k = first; k < pairHashes.length; k++) {
        if (pairHashes[k] === h) {
          duplicate = true;
          break;
        }
      }
      if (!duplicate) {
        pairHashes.push(h);
        pairIds.push(id);
      }
    }
  });
  let size = 1024;
  while (size < pairHashes.length * 1.5) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(2 * size).fill(-1);
  // Pass 2: count per slot; pass 3: offsets; pass 4: fill (ids ascending within a slot).
  const counts = new Int32Array(size);
  const slotOfPair = new Int32Array(pairHashes.length);
  for (let k = 0; k < pairHashes.length; k++) {
    const slot = findSlot(slots, mask, pairHashes[k]!);
    slots[2 * slot] = pairHashes[k]!;
    slots[2 * slot + 1] = 0;
    counts[slot]!++;
    slotOfPair[k] = slot;
  }
  let offset = 0;
  for (let slot = 0; slot < size; slot++) {
    if (counts[slot] === 0) continue;
    slots[2 * slot + 1] = offset;
    offset += 1 + counts[slot]!;
  }
  const ids = new Int32Array(offset);
  for (let k = 0; k < pairHashes.length; k++) {
    const start = slots[2 * slotOfPair[k]! + 1]!;
    ids[start + 1 + ids[start]!++] = pairIds[k]!;
  }
  return { mask, slots, ids };
}

/** Whether `short` is `long` with one letter deleted (`short.length === long.length - 1`). */
function isOneDeletion(long: string, short: string): boolean {
  let p = 0;
  const n = short.length;
  while (p < n && long.charCodeAt(p) === short.charCodeAt(p)) p++;
  for (let k = p; k < n; k++) if (long.charCodeAt(k + 1) !== short.charCodeAt(k)) return false;
  return true;
}

/**
 * Whether the query token `a` reaches the listed token `b` through the deletion neighbourhood:
 * `a` (or, when `a` is long enough to be probed with its deletions, `a` minus one letter) equals
 * `b` or `b` minus one letter. `b` is a token of the table (4–14 letters).
 */
export function sharesDeletionVariant(a: string, b: string, queryDeletes: boolean): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb - 1) return isOneDeletion(b, a);
  if (!queryDeletes) return la === lb && a === b;
  if (la === lb + 1) return isOneDeletion(a, b);
  if (la !== lb) return false;
  // Equal lengths: a minus letter i equals b minus letter j (say i < j) iff a and b agree before i
  // (i ≤ p, the common prefix) and after j (j ≥ la − 1 − s, s the common suffix) and a[k + 1] =
  // b[k] in between. Narrowing [i, j) only drops conditions, so i = p, j = la − 1 − s decide.
  let p = 0;
  while (p < la && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p === la) return true;
  let s = 0;
  while (s < la - p && a.charCodeAt(la - 1 - s) === b.charCodeAt(la - 1 - s)) s++;
  if (p + s >= la - 1) return true; // one substitution
  let shiftedA = true;
  let shiftedB = true;
  for (let k = p; k <= la - 2 - s; k++) {
    if (a.charCodeAt(k + 1) !== b.charCodeAt(k)) shiftedA = false;
    if (b.charCodeAt(k + 1) !== a.charCodeAt(k)) shiftedB = false;
    if (!shiftedA && !shiftedB) return false;
  }
  return true;
}

/** Builds the index of the given entries. */
export function buildScreeningIndex(entries: readonly ListEntry[]): ScreeningIndex {
  const vocabularyIds = new Map<string, number>();
  const vocabulary: TokenInfo[] = [];
  const postingLists: number[][] = [];
  const names: IndexedName[] = [];
  const intern = (text: string): number => {
    let id = vocabularyIds.get(text);
    if (id === undefined) {
      id = vocabulary.length;
      vocabularyIds.set(text, id);
      vocabulary.push(tokenInfo(text, DEFAULT_SCORE_PARAMS));
      postingLists.push([]);
    }
    return id;
  };
  entries.forEach((entry, entryIndex) => {
    const seen = new Set<string>();
    for (const listName of entry.names) {
      const analyzed = analyzeName(listName.name, entry.kind);
      if (analyzed.tokens.length === 0) continue;
      const key = analyzed.tokens.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const nameId = names.length;
      const tokenIds = new Int32Array(analyzed.tokens.length);
      const posted = new Set<number>();
      analyzed.tokens.forEach((t, k) => {
        const id = intern(t);
        tokenIds[k] = id;
        if (!posted.has(id)) {
          posted.add(id);
          postingLists[id]!.push(nameId);
        }
      });
      for (let k = 0; k + 1 < analyzed.tokens.length; k++) {
        const id = intern(analyzed.tokens[k]! + analyzed.tokens[k + 1]!);
        if (!posted.has(id)) {
          posted.add(id);
          postingLists[id]!.push(nameId);
        }
      }
      names.push({
        entry: entryIndex,
        name: listName.name,
        tokens: analyzed.tokens.map((t) => vocabulary[vocabularyIds.get(t)!]!),
        tokenIds,
        weak: listName.type === 'weak-aka',
      });
    }
  });
  const n = Math.max(1, names.length);
  const idf = new Float64Array(vocabulary.length);
  const postingStarts = new Int32Array(vocabulary.length + 1);
  let postingCount = 0;
  postingLists.forEach((list, id) => {
    idf[id] = Math.log(1 + n / list.length);
    postingStarts[id] = postingCount;
    postingCount += list.length;
  });
  postingStarts[vocabulary.length] = postingCount;
  const postingIds = new Int32Array(postingCount);
  postingLists.forEach((list, id) => {
    postingIds.set(list, postingStarts[id]!);
  });
  const nameEntryKind = names.map((name) => entries[name.entry]!.kind);
  const nameRecords = new Float64Array(NAME_STRIDE * names.length);
  let tokenStart = 0;
  names.forEach((name, k) => {
    const r = NAME_STRIDE * k;
    // Summed in token order, exactly as the scorer sums them.
    let total = 0;
    let significant = 0;
    for (const t of name.tokens) {
      total += t.weight;
      if (t.weight >= 1) significant++;
    }
    nameRecords[r + NAME_ENTRY] = name.entry;
    nameRecords[r + NAME_TOKEN_START] = tokenStart;
    nameRecords[r + NAME_TOKEN_COUNT] = name.tokenIds.length;
    nameRecords[r + NAME_WEAK] = name.weak ? 1 : 0;
    nameRecords[r + NAME_PERSON] = nameEntryKind[k] === 'person' ? 1 : 0;
    nameRecords[r + NAME_SIGNIFICANT] = significant;
    nameRecords[r + NAME_TOTAL_WEIGHT] = total;
    tokenStart += name.tokenIds.length;
  });
  const phoneticKeyIds = new Map<string, number>();
  const tokenRecords = new Int32Array(TOKEN_STRIDE * vocabulary.length);
  const weights: number[] = [];
  vocabulary.forEach((t, id) => {
    const r = TOKEN_STRIDE * id;
    let keyId = -2;
    if (t.key.length >= 2) {
      keyId = phoneticKeyIds.get(t.key) ?? phoneticKeyIds.size;
      phoneticKeyIds.set(t.key, keyId);
    }
    tokenRecords[r + TOKEN_LENGTH] = t.text.length;
    tokenRecords[r + TOKEN_MASK] = t.mask;
    tokenRecords[r + TOKEN_PREFIX] = packPrefix(t.text);
    tokenRecords[r + TOKEN_KEY] = keyId;
    tokenRecords[r + TOKEN_NUMERIC] = t.numeric === undefined ? 0 : 1;
    tokenRecords[r + TOKEN_LAST] = t.text.charCodeAt(t.text.length - 1);
    let weightCode = weights.indexOf(t.weight);
    if (weightCode === -1) weightCode = weights.push(t.weight) - 1;
    tokenRecords[r + TOKEN_WEIGHT] = weightCode;
    tokenRecords[r + TOKEN_ID] = id;
  });
  const nameTokenRecords = new Int32Array(TOKEN_STRIDE * tokenStart);
  names.forEach((name, k) => {
    const start = nameRecords[NAME_STRIDE * k + NAME_TOKEN_START]!;
    name.tokenIds.forEach((id, j) => {
      nameTokenRecords.set(
        tokenRecords.subarray(TOKEN_STRIDE * id, TOKEN_STRIDE * (id + 1)),
        TOKEN_STRIDE * (start + j),
      );
    });
  });
  const phoneticLists: number[][] = [];
  vocabulary.forEach((_, id) => {
    const keyId = tokenRecords[TOKEN_STRIDE * id + TOKEN_KEY]!;
    if (keyId < 0) return;
    if (keyId === phoneticLists.length) phoneticLists.push([]);
    phoneticLists[keyId]!.push(id);
  });
  return {
    entries,
    names,
    vocabulary,
    vocabularyIds,
    postingStarts,
    postingIds,
    idf,
    nameRecords,
    nameTokenRecords,
    weightValues: Float64Array.from(weights),
    nameEntryKind,
    phoneticKeyIds,
    deletions: buildDeletionTable(vocabulary),
    phonetic: phoneticLists.map((list) => Int32Array.from(list)),
  };
}

/** Per query token: the vocabulary tokens it is similar to, with their credit (> 0). */
export type CreditMap = ReadonlyMap<number, number>;

/**
 * What retrieval needs per query token: its credit map and its variants (similar vocabulary
 * tokens), best first, as typed arrays: the token id and `idf × credit`.
 */
export interface QueryToken {
  readonly variantIds: Int32Array;
  /** Credit of each variant (> 0). */
  readonly variantCredits: Float64Array;
  readonly variantGains: Float64Array;
  /** The variants by id, for tokens with many variants (see {@link variantCredit}). */
  readonly byId: CreditMap | undefined;
  readonly maxIdf: number;
  /**
   * For {@link creditIsBoundedZero}: whether the token can use it at all (2 letters or more, not
   * a number), its length, character mask, vocabulary id (−1 if not listed) and phonetic key id
   * (−1 if no listed token has its key).
   */
  readonly quick: boolean;
  readonly length: number;
  readonly mask: number;
  readonly prefix: number;
  readonly exactId: number;
  readonly keyId: number;
}

/** Up to this many variants, {@link variantCredit} scans the typed array. */
const LINEAR_VARIANTS_MAX = 16;

/** The credit of vocabulary token `id` if it is a variant of `q` (a similar token), else undefined. */
export function variantCredit(q: QueryToken, id: number): number | undefined {
  if (q.byId !== undefined) return q.byId.get(id);
  const ids = q.variantIds;
  for (let k = 0; k < ids.length; k++) if (ids[k] === id) return q.variantCredits[k];
  return undefined;
}

/**
 * Whether the credit of query token `q` against the token of record `r` is 0 by
 * {@link creditBoundRejects} alone — the same test {@link tokenCredit} makes, run on the index's
 * typed arrays, so an unrelated candidate token is dismissed without reading its strings or
 * growing the credit map. `false` means "unknown": compute the credit.
 */
export function creditIsBoundedZero(q: QueryToken, records: Int32Array, r: number): boolean {
  if (!q.quick || records[r + TOKEN_ID] === q.exactId) return false;
  const lb = records[r + TOKEN_LENGTH]!;
  if (lb < 2 || records[r + TOKEN_NUMERIC] === 1) return false;
  if (q.keyId >= 0 && records[r + TOKEN_KEY] === q.keyId) return false;
  const prefix = packedCommonPrefix(q.prefix, records[r + TOKEN_PREFIX]!, q.length, lb);
  return creditBoundRejects(q.length, lb, q.mask, records[r + TOKEN_MASK]!, prefix, DEFAULT_SCORE_PARAMS);
}

/** Looks up the similar tokens of a query token and orders them for retrieval. */
export function queryToken(index: ScreeningIndex, token: TokenInfo): QueryToken {
  const exactId = index.vocabularyIds.get(token.text) ?? -1;
  const keyId = token.key.length >= 2 ? (index.phoneticKeyIds.get(token.key) ?? -1) : -1;
  const credits = similarTokens(index, token, exactId, keyId);
  const variantIds = new Int32Array(credits.size);
  let n = 0;
  for (const id of credits.keys()) variantIds[n++] = id;
  variantIds.sort((a, b) => credits.get(b)! - credits.get(a)! || a - b);
  const variantGains = new Float64Array(n);
  const variantCredits = new Float64Array(n);
  let maxIdf = 0;
  for (let k = 0; k < n; k++) {
    const id = variantIds[k]!;
    const credit = credits.get(id)!;
    const v = index.idf[id]! * credit;
    variantCredits[k] = credit;
    variantGains[k] = v;
    if (v > maxIdf) maxIdf = v;
  }
  return {
    variantIds,
    variantCredits,
    variantGains,
    // Most tokens have a handful of variants: a scan of the typed array beats a map and keeps
    // the cached entry small (the cache lives in the old generation).
    byId: n > LINEAR_VARIANTS_MAX ? credits : undefined,
    maxIdf,
    quick: token.text.length >= 2 && token.numeric === undefined,
    length: token.text.length,
    mask: token.mask,
    prefix: packPrefix(token.text),
    exactId,
    keyId,
  };
}

/**
 * Vocabulary tokens similar to a query token, found through the three access paths: exact
 * (`exactId`, −1 if none), phonetic key (`keyId`, −1 if none), one-deletion neighbourhood.
 */
function similarTokens(
  index: ScreeningIndex,
  query: TokenInfo,
  exactId: number,
  keyId: number,
): Map<number, number> {
  const out = new Map<number, number>();
  if (exactId >= 0) out.set(exactId, 1);
  if (keyId >= 0) {
    const ids = index.phonetic[keyId]!;
    for (let k = 0; k < ids.length; k++) consider(index, query, ids[k]!, out);
  }
  const text = query.text;
  const len = text.length;
  if (len >= DELETION_LENGTH_MIN - 1 && len <= DELETION_LENGTH_MAX + 1 && query.numeric === undefined) {
    const table = index.deletions;
    const deletes = len >= DELETION_LENGTH_MIN;
    const { slots, ids } = table;
    for (let skip = -1; skip < (deletes ? len : 0); skip++) {
      const slot = findSlot(slots, table.mask, variantHash(text, skip));
      const start = slots[2 * slot + 1]!;
      if (start === -1) continue;
      const end = start + 1 + ids[start]!;
      for (let k = start + 1; k < end; k++) {
        const id = ids[k]!;
        if (!out.has(id) && sharesDeletionVariant(text, index.vocabulary[id]!.text, deletes)) {
          consider(index, query, id, out);
        }
      }
    }
  }
  for (const [id, credit] of out) if (credit <= 0) out.delete(id);
  return out;
}

/** Records the credit of vocabulary token `id` against the query token, once. */
function consider(index: ScreeningIndex, query: TokenInfo, id: number, out: Map<number, number>): void {
  if (!out.has(id)) out.set(id, tokenCredit(query, index.vocabulary[id]!, DEFAULT_SCORE_PARAMS));
}

/** Scratch arrays for retrieval, owned by one screener (never shared between screeners). */
export interface RetrievalScratch {
  /**
   * Per name, interleaved so one cache line serves both: `[2n]` the retrieval score, `[2n + 1]`
   * the generation (query token) that last credited it, −1 when the name is not reached.
   */
  readonly slots: Float64Array;
  readonly touched: Int32Array;
  generation: number;
}

/** Allocates the retrieval scratch for an index. */
export function createScratch(index: ScreeningIndex): RetrievalScratch {
  const slots = new Float64Array(2 * index.names.length);
  for (let n = 0; n < index.names.length; n++) slots[2 * n + 1] = -1;
  return { slots, touched: new Int32Array(index.names.length), generation: 0 };
}

/**
 * Names most worth scoring for the query tokens, best first: each query token adds
 * `idf × credit × weight` to every name containing one of its similar tokens (once per name).
 */
export function retrieve(
  index: ScreeningIndex,
  scratch: RetrievalScratch,
  queryTokens: readonly TokenInfo[],
  credits: readonly QueryToken[],
  limit: number,
): number[] {
  const { slots, touched } = scratch;
  const { postingStarts, postingIds } = index;
  let touchedCount = 0;
  // Rarest query tokens first: a very common token (AL, MOHAMMAD, BANK) then only adds to names
  // already reached, instead of making thousands of new candidates.
  const order = queryTokens
    .map((_, q) => q)
    .sort(
      (a, b) =>
        credits[b]!.maxIdf * queryTokens[b]!.weight - credits[a]!.maxIdf * queryTokens[a]!.weight || a - b,
    );
  for (const q of order) {
    const generation = ++scratch.generation;
    const weight = queryTokens[q]!.weight;
    const { variantIds, variantGains } = credits[q]!;
    // Best variants first, so each name is credited with its best variant only.
    for (let v = 0; v < variantIds.length; v++) {
      const id = variantIds[v]!;
      const add = variantGains[v]! * weight;
      const from = postingStarts[id]!;
      const to = postingStarts[id + 1]!;
      const onlyKnown = to - from > COMMON_POSTINGS && touchedCount > 0;
      for (let k = from; k < to; k++) {
        const slot = 2 * postingIds[k]!;
        const s = slots[slot + 1]!;
        if (s === generation) continue;
        if (s === -1) {
          if (onlyKnown) continue;
          slots[slot] = 0;
          touched[touchedCount++] = slot >> 1;
        }
        slots[slot + 1] = generation;
        slots[slot]! += add;
      }
    }
  }
  const out = topK(touched, touchedCount, slots, limit);
  for (let t = 0; t < touchedCount; t++) slots[2 * touched[t]! + 1] = -1;
  return out;
}

/** A token reaching more names than this only re-ranks names reached by rarer tokens. */
const COMMON_POSTINGS = 1500;

/** The `k` best names by score (`slots[2n]`, ties by name id), best first, with a bounded min-heap. */
function topK(names: Int32Array, count: number, slots: Float64Array, k: number): number[] {
  const heap: number[] = [];
  // "a is worse than b": lower score, or same score and higher id.
  const worse = (a: number, b: number): boolean => {
    const sa = slots[2 * a]!;
    const sb = slots[2 * b]!;
    return sa < sb || (sa === sb && a > b);
  };
  for (let n = 0; n < count; n++) {
    const name = names[n]!;
    if (heap.length < k) {
      // Sift up.
      let i = heap.length;
      heap.push(name);
      while (i > 0) {
        const p = (i - 1) >> 1;
        const parent = heap[p]!;
        if (!worse(name, parent)) break;
        heap[i] = parent;
        i = p;
      }
      heap[i] = name;
    } else if (k > 0 && worse(heap[0]!, name)) {
      // Replace the root and sift down.
      let i = 0;
      const size = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = -1;
        let mv = name;
        if (l < size && worse(heap[l]!, mv)) {
          m = l;
          mv = heap[l]!;
        }
        if (r < size && worse(heap[r]!, mv)) {
          m = r;
          mv = heap[r]!;
        }
        if (m === -1) break;
        heap[i] = mv;
        i = m;
      }
      heap[i] = name;
    }
  }
  return heap.sort((a, b) => slots[2 * b]! - slots[2 * a]! || a - b);
}

/** Shapes and weights of a query's tokens, for the candidate loop's bound. */
export interface QueryShapes {
  readonly weight: Float64Array;
  readonly length: Int32Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  /** Summed in token order, exactly as the scorer sums them. */
  readonly totalWeight: number;
  /** Full-weight tokens. */
  readonly significant: number;
}

/** The {@link QueryShapes} of analyzed query tokens. */
export function queryShapes(query: readonly TokenInfo[]): QueryShapes {
  const n = query.length;
  const weight = new Float64Array(n);
  const length = new Int32Array(n);
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  let totalWeight = 0;
  let significant = 0;
  for (let i = 0; i < n; i++) {
    const t = query[i]!;
    weight[i] = t.weight;
    length[i] = t.text.length;
    first[i] = t.text.charCodeAt(0);
    last[i] = t.text.charCodeAt(t.text.length - 1);
    totalWeight += t.weight;
    if (t.weight >= 1) significant++;
  }
  return { weight, length, first, last, totalWeight, significant };
}

/** Reused buffers of the candidate loop, owned by one screener: the credit matrix and shapes. */
export interface CandidateScratch {
  values: Float64Array;
  weight: Float64Array;
  length: Int32Array;
  first: Int32Array;
  last: Int32Array;
}

/** Allocates the candidate scratch (grown on demand). */
export function createMatrixScratch(): CandidateScratch {
  return {
    values: new Float64Array(64),
    weight: new Float64Array(16),
    length: new Int32Array(16),
    first: new Int32Array(16),
    last: new Int32Array(16),
  };
}

/** The credit matrix buffer, at least `size` long. */
export function creditMatrix(scratch: CandidateScratch, size: number): Float64Array {
  if (scratch.values.length < size)
    scratch.values = new Float64Array(Math.max(size, 2 * scratch.values.length));
  return scratch.values;
}

/** Fills the scratch with the weights and shapes of a candidate's `nc` tokens starting at `from`. */
export function candidateShapes(
  scratch: CandidateScratch,
  index: ScreeningIndex,
  from: number,
  nc: number,
): CandidateScratch {
  if (scratch.weight.length < nc) {
    const size = Math.max(nc, 2 * scratch.weight.length);
    scratch.weight = new Float64Array(size);
    scratch.length = new Int32Array(size);
    scratch.first = new Int32Array(size);
    scratch.last = new Int32Array(size);
  }
  for (let j = 0; j < nc; j++) {
    const r = TOKEN_STRIDE * (from + j);
    const records = index.nameTokenRecords;
    scratch.weight[j] = index.weightValues[records[r + TOKEN_WEIGHT]!]!;
    scratch.length[j] = records[r + TOKEN_LENGTH]!;
    scratch.first[j] = records[r + TOKEN_PREFIX]! & 0xff;
    scratch.last[j] = records[r + TOKEN_LAST]!;
  }
  return scratch;
}

/** Kind used to score a query against an entry: the subject's when known, else the entry's. */
export function scoringKind(subject: SubjectKind, entry: SubjectKind): SubjectKind {
  return subject === 'unknown' ? entry : subject;
}
