/**
 * White-box tests of the screening index's hand-written access paths (STYLE.md §6.1: the file name
 * says so): the hashed one-deletion neighbourhood must reach exactly the tokens a map keyed by the
 * deletion strings would, and the typed-array credit bounds must never dismiss a pair that
 * `tokenCredit` would credit.
 */
import { loadJsonList } from 'deltran/compliance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commonPrefix,
  creditBoundRejects,
  DEFAULT_SCORE_PARAMS,
  packedCommonPrefix,
  packPrefix,
  tokenCredit,
  tokenInfo,
} from '../../../src/compliance/_internal/name-score';
import {
  buildScreeningIndex,
  creditIsBoundedZero,
  queryToken,
  sharesDeletionVariant,
  TOKEN_STRIDE,
} from '../../../src/compliance/_internal/screening-index';

/** Small alphabet, so random tokens often are one edit apart. */
const token = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom('A', 'B', 'C', 'D', 'E'), minLength: min, maxLength: max });

function deletions(text: string): Set<string> {
  const out = new Set<string>([text]);
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/** The definition: a query key (the token, plus its deletions when it has 4+ letters) is a listed key. */
function bruteForceShares(query: string, listed: string): boolean {
  const queryKeys = query.length >= 4 ? deletions(query) : new Set([query]);
  const listedKeys = deletions(listed);
  for (const key of queryKeys) if (listedKeys.has(key)) return true;
  return false;
}

describe('sharesDeletionVariant', () => {
  it('should agree with the definition on every pair of short tokens', () => {
    fc.assert(
      fc.property(token(3, 15), token(4, 14), (query, listed) => {
        expect(sharesDeletionVariant(query, listed, query.length >= 4)).toBe(bruteForceShares(query, listed));
      }),
      { numRuns: 2_000 },
    );
  });

  it('should accept a substitution, an insertion, a deletion and an adjacent transposition', () => {
    expect(sharesDeletionVariant('MOHAMAD', 'MOHAMMAD', true)).toBe(true);
    expect(sharesDeletionVariant('MOHAMMAD', 'MOHAMAD', true)).toBe(true);
    expect(sharesDeletionVariant('MUHAMMAD', 'MOHAMMAD', true)).toBe(true);
    expect(sharesDeletionVariant('MOHAMMDA', 'MOHAMMAD', true)).toBe(true);
    expect(sharesDeletionVariant('MUHAMMED', 'MOHAMMAD', true)).toBe(false);
  });
});

describe('credit bounds on typed arrays', () => {
  it('should find the common prefix from packed prefixes', () => {
    fc.assert(
      fc.property(token(1, 8), token(1, 8), (a, b) => {
        expect(packedCommonPrefix(packPrefix(a), packPrefix(b), a.length, b.length)).toBe(commonPrefix(a, b));
      }),
    );
  });

  it('should only reject pairs whose credit is 0', () => {
    fc.assert(
      fc.property(token(2, 12), token(2, 12), (a, b) => {
        const ta = tokenInfo(a);
        const tb = tokenInfo(b);
        fc.pre(a !== b && ta.key !== tb.key);
        const prefix = commonPrefix(a, b);
        if (creditBoundRejects(a.length, b.length, ta.mask, tb.mask, prefix, DEFAULT_SCORE_PARAMS)) {
          expect(tokenCredit(ta, tb)).toBe(0);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('buildScreeningIndex', () => {
  const names = [
    'Mohammad Hasni',
    'Muhammad Al Hasani',
    'Mohamed Hosni',
    'Abdul Rahman Yasin',
    'Abdulrahman Yaseen',
    'Viktor Bout',
    'Victor Boot',
    'Banco Nacional de Cuba',
    'Ali Khamenei',
    'Aly Hamenei',
  ];
  const list = loadJsonList({
    name: 'test',
    entries: names.map((name, k) => ({ id: `T-${k}`, kind: 'person', names: [name] })),
  });
  const index = buildScreeningIndex(list.entries);

  it('should reach exactly the tokens the three access paths define', () => {
    const probes = [
      'MOHAMAD',
      'HASNI',
      'HOSNY',
      'VIKTOR',
      'BOOT',
      'ABDULRAHMAN',
      'YASIN',
      'HAMENEI',
      'ALY',
      'CUBA',
      'XYZ',
    ];
    for (const text of probes) {
      const query = tokenInfo(text);
      const found = queryToken(index, query);
      const expected = new Map<number, number>();
      index.vocabulary.forEach((listed, id) => {
        const eligible = listed.text.length >= 4 && listed.text.length <= 14 && listed.numeric === undefined;
        const reached =
          listed.text === text ||
          (query.key.length >= 2 && listed.key === query.key) ||
          (eligible &&
            text.length >= 3 &&
            text.length <= 15 &&
            query.numeric === undefined &&
            bruteForceShares(text, listed.text));
        const credit = reached ? tokenCredit(query, listed) : 0;
        if (credit > 0) expected.set(id, credit);
      });
      const credits = new Map([...found.variantIds].map((id, k) => [id, found.variantCredits[k]!]));
      expect(credits).toEqual(expected);
      // Variants best first, then by id.
      const ids = [...found.variantIds];
      const sorted = [...expected].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([id]) => id);
      expect(ids).toEqual(sorted);
    }
  });

  it('should never dismiss a credited token in the candidate loop', () => {
    for (const text of ['MOHAMAD', 'HASNI', 'BOUTT', 'AL', 'KHAMENEI', 'ABDUL', 'BANCO', 'X']) {
      const query = tokenInfo(text);
      const q = queryToken(index, query);
      for (let r = 0; r < index.nameTokenRecords.length; r += TOKEN_STRIDE) {
        const id = index.nameTokenRecords[r + 7]!;
        if (creditIsBoundedZero(q, index.nameTokenRecords, r)) {
          expect(tokenCredit(query, index.vocabulary[id]!)).toBe(0);
        }
      }
    }
  });
});
