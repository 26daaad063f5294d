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
 * @internal
 */
import type { ListEntry, SubjectKind } from '../types';
import { analyzeName } from './analyze-name';
import { DEFAULT_SCORE_PARAMS, type TokenInfo, tokenCredit, tokenInfo } from './name-score';

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

/** The immutable index. */
export interface ScreeningIndex {
  readonly entries: readonly ListEntry[];
  readonly names: readonly IndexedName[];
  readonly vocabulary: readonly TokenInfo[];
  readonly vocabularyIds: ReadonlyMap<string, number>;
  readonly postings: readonly Int32Array[];
  readonly idf: Float64Array;
  readonly deletions: ReadonlyMap<string, Int32Array>;
  readonly phonetic: ReadonlyMap<string, Int32Array>;
}

function deletionVariants(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
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
  const postings = postingLists.map((list, id) => {
    idf[id] = Math.log(1 + n / list.length);
    return Int32Array.from(list);
  });
  const deletionLists = new Map<string, number[]>();
  const phoneticLists = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  vocabulary.forEach((info, id) => {
    if (info.key.length >= 2) push(phoneticLists, info.key, id);
    const len = info.text.length;
    if (len >= DELETION_LENGTH_MIN && len <= DELETION_LENGTH_MAX && info.numeric === undefined) {
      push(deletionLists, info.text, id);
      for (const variant of deletionVariants(info.text)) push(deletionLists, variant, id);
    }
  });
  const freeze = (map: Map<string, number[]>) => {
    const out = new Map<string, Int32Array>();
    for (const [k, v] of map) out.set(k, Int32Array.from(v));
    return out;
  };
  return {
    entries,
    names,
    vocabulary,
    vocabularyIds,
    postings,
    idf,
    deletions: freeze(deletionLists),
    phonetic: freeze(phoneticLists),
  };
}

/** Per query token: the vocabulary tokens it is similar to, with their credit. Filled lazily. */
export type CreditMap = Map<number, number>;

/** What retrieval needs per query token: its credit map and its variants, best first. */
export interface QueryToken {
  readonly credits: CreditMap;
  readonly variants: readonly (readonly [number, number])[];
  readonly maxIdf: number;
}

/** Looks up the similar tokens of a query token and orders them for retrieval. */
export function queryToken(index: ScreeningIndex, token: TokenInfo): QueryToken {
  const credits = similarTokens(index, token);
  const variants = [...credits].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  let maxIdf = 0;
  for (const [id, credit] of variants) {
    const v = index.idf[id]! * credit;
    if (v > maxIdf) maxIdf = v;
  }
  return { credits, variants, maxIdf };
}

/** Vocabulary tokens similar to a query token, found through the three access paths. */
export function similarTokens(index: ScreeningIndex, query: TokenInfo): CreditMap {
  const out: CreditMap = new Map();
  const consider = (id: number) => {
    if (out.has(id)) return;
    const credit = tokenCredit(query, index.vocabulary[id]!, DEFAULT_SCORE_PARAMS);
    out.set(id, credit);
  };
  const exact = index.vocabularyIds.get(query.text);
  if (exact !== undefined) out.set(exact, 1);
  if (query.key.length >= 2) {
    const ids = index.phonetic.get(query.key);
    if (ids !== undefined) for (const id of ids) consider(id);
  }
  const len = query.text.length;
  if (len >= DELETION_LENGTH_MIN - 1 && len <= DELETION_LENGTH_MAX + 1 && query.numeric === undefined) {
    const probe = (key: string) => {
      const ids = index.deletions.get(key);
      if (ids !== undefined) for (const id of ids) consider(id);
    };
    probe(query.text);
    if (len >= DELETION_LENGTH_MIN) for (const variant of deletionVariants(query.text)) probe(variant);
  }
  for (const [id, credit] of out) if (credit <= 0) out.delete(id);
  return out;
}

/** Scratch arrays for retrieval, owned by one screener (never shared between screeners). */
export interface RetrievalScratch {
  readonly score: Float64Array;
  readonly stamp: Int32Array;
  generation: number;
}

/** Allocates the retrieval scratch for an index. */
export function createScratch(index: ScreeningIndex): RetrievalScratch {
  return {
    score: new Float64Array(index.names.length),
    stamp: new Int32Array(index.names.length).fill(-1),
    generation: 0,
  };
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
  const touched: number[] = [];
  const { score, stamp } = scratch;
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
    // Best variants first, so each name is credited with its best variant only.
    for (const [id, credit] of credits[q]!.variants) {
      const add = index.idf[id]! * credit * weight;
      const list = index.postings[id]!;
      const onlyKnown = list.length > COMMON_POSTINGS && touched.length > 0;
      for (let k = 0; k < list.length; k++) {
        const name = list[k]!;
        const s = stamp[name]!;
        if (s === generation) continue;
        if (s === -1) {
          if (onlyKnown) continue;
          score[name] = 0;
          touched.push(name);
        }
        stamp[name] = generation;
        score[name]! += add;
      }
    }
  }
  const out = topK(touched, score, limit);
  for (const name of touched) stamp[name] = -1;
  return out;
}

/** A token reaching more names than this only re-ranks names reached by rarer tokens. */
const COMMON_POSTINGS = 1500;

/** The `k` best names by score (ties by name id), best first, with a bounded min-heap. */
function topK(names: readonly number[], score: Float64Array, k: number): number[] {
  const heap: number[] = [];
  // "a is worse than b": lower score, or same score and higher id.
  const worse = (a: number, b: number): boolean => {
    const sa = score[a]!;
    const sb = score[b]!;
    return sa < sb || (sa === sb && a > b);
  };
  for (let n = 0; n < names.length; n++) {
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
  return heap.sort((a, b) => score[b]! - score[a]! || a - b);
}

/** Kind used to score a query against an entry: the subject's when known, else the entry's. */
export function scoringKind(subject: SubjectKind, entry: SubjectKind): SubjectKind {
  return subject === 'unknown' ? entry : subject;
}
