/**
 * Pairwise name similarity, the same scorer the screener uses on each candidate.
 * @packageDocumentation
 */
import { analyzeName } from './_internal/analyze-name';
import { DEFAULT_SCORE_PARAMS, scoreTokens, tokenInfos } from './_internal/name-score';
import type { SubjectKind } from './types';

/** Options of {@link compareNames}. @public */
export interface CompareNamesOptions {
  /**
   * What both names are: legal forms are removed from organization names, titles from person
   * names, and a person's name tolerates missing middle names more than a company's tolerates
   * missing words.
   * @defaultValue 'unknown'
   */
  readonly kind?: SubjectKind;
}

/**
 * Similarity of two names in [0, 1], after transliteration, case and punctuation folding, and
 * removal of legal forms, stop words and titles. Token order does not matter; typos, spelling
 * variants, initials, joined or split words and number words are tolerated; a substituted token
 * (a different given name or family name) costs a lot.
 *
 * @param a - a name, in any script
 * @param b - another name
 * @param options - the kind of both names
 * @returns 1 for names that are the same after normalisation, 0 for unrelated names
 * @example
 * ```ts
 * compareNames('Siemens Aktiengesellschaft', 'SIEMENS AG', { kind: 'organization' }); // 1
 * compareNames('PUTIN, Vladimir Vladimirovich', 'Vladimir Putin', { kind: 'person' }); // ≈ 0.88
 * compareNames('Daniel Tusk', 'Donald Tusk', { kind: 'person' }); // < 0.86
 * ```
 * @public
 */
export function compareNames(a: string, b: string, options: CompareNamesOptions = {}): number {
  const kind = options.kind ?? 'unknown';
  const qa = analyzeName(a, kind);
  const qb = analyzeName(b, kind);
  return scoreTokens(tokenInfos(qa.tokens), tokenInfos(qb.tokens), kind, DEFAULT_SCORE_PARAMS);
}
