/**
 * Name analysis: folded tokens → the core tokens that carry identity, with legal forms, stop
 * words and titles taken out.
 * @internal
 */
import type { SubjectKind } from '../types';
import { foldTokens } from './fold';
import { LEGAL_FORM_TOKENS_MAX, LEGAL_FORMS, STOP_WORDS, TITLES } from './name-tables';

/** A name reduced to what is compared. */
export interface AnalyzedName {
  /** Core tokens, in their original order. */
  readonly tokens: readonly string[];
  /** Canonical codes of the legal forms found (LLC, JSC, AG …). */
  readonly legalForms: readonly string[];
}

// Titles that are safe to drop even when we do not know whether the name is a person's: no
// company name starts with them. GENERAL, PRESIDENT, CAPTAIN … are only dropped for persons.
const HONORIFICS = new Set([
  'MR',
  'MRS',
  'MS',
  'DR',
  'SHEIKH',
  'SHAIKH',
  'SHAYKH',
  'HAJI',
  'HAJJI',
  'ALHAJ',
  'ALHAJI',
  'MAULAVI',
  'MAWLAWI',
  'MAULVI',
  'MULLAH',
  'QARI',
]);

/** Analyzes a name of the given kind. Never throws. */
export function analyzeName(text: string, kind: SubjectKind): AnalyzedName {
  const tokens = foldTokens(text);
  const legalForms: string[] = [];
  if (kind !== 'person') stripLegalForms(tokens, legalForms, false);
  else stripLegalForms(tokens, legalForms, true);
  if (kind === 'person') {
    for (let i = 0; i < tokens.length && tokens.length > 1; ) {
      if (TITLES.has(tokens[i]!)) tokens.splice(i, 1);
      else i++;
    }
  } else if (kind === 'unknown') {
    while (tokens.length > 1 && HONORIFICS.has(tokens[0]!)) tokens.shift();
  }
  if (tokens.length > 1) {
    const kept = tokens.filter((t) => !STOP_WORDS.has(t));
    if (kept.length > 0) return { tokens: kept, legalForms };
  }
  return { tokens, legalForms };
}

/**
 * Removes legal forms at the end and at the start of the name (repeatedly: "TACTICAL MISSILES
 * CORPORATION JOINT STOCK COMPANY" loses both), keeping at least one token. For persons, two-letter
 * forms (SA, AG, CO, AS …) are kept: they are Korean and Vietnamese name parts far more often.
 */
function stripLegalForms(tokens: string[], found: string[], person: boolean): void {
  let changed = true;
  while (changed && tokens.length > 1) {
    changed = false;
    for (const atEnd of [true, false]) {
      const match = matchLegalForm(tokens, atEnd, person);
      if (match !== undefined && match.length < tokens.length) {
        found.push(match.code);
        if (atEnd) tokens.splice(tokens.length - match.length, match.length);
        else tokens.splice(0, match.length);
        changed = true;
      }
    }
  }
}

function matchLegalForm(
  tokens: readonly string[],
  atEnd: boolean,
  person: boolean,
): { code: string; length: number } | undefined {
  const n = tokens.length;
  for (const form of LEGAL_FORMS) {
    const k = form.tokens.length;
    if (k > n || k > LEGAL_FORM_TOKENS_MAX) continue;
    if (person && k === 1 && form.tokens[0]!.length <= 2) continue;
    const offset = atEnd ? n - k : 0;
    let equal = true;
    for (let i = 0; i < k; i++) {
      if (tokens[offset + i] !== form.tokens[i]) {
        equal = false;
        break;
      }
    }
    if (equal) return { code: form.code, length: k };
  }
  return undefined;
}
