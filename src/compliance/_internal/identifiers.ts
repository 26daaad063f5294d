/**
 * Exact identifier keys: a listed BIC, IBAN, LEI or document number equals the subject's after
 * folding case, spaces and punctuation.
 * @internal
 */
import type { ListEntry } from '../types';
import { toUpperAscii } from './fold';

/** Shortest "other" identifier matched exactly: shorter numbers collide by chance. */
const OTHER_ID_LENGTH_MIN = 5;

/** Case, spaces and punctuation folded away. */
export function foldIdentifier(value: string): string {
  return toUpperAscii(value).replace(/[^A-Z0-9]/g, '');
}

/**
 * Index keys of a listed identifier. A BIC8 (or BIC11 with branch `XXX`) names the whole
 * institution, so it is keyed on its 8 characters and hits every branch; a branch BIC is keyed
 * on all 11 (ISO 9362).
 */
export function listedKeys(type: ListEntry['identifiers'][number]['type'], value: string): string[] {
  const v = foldIdentifier(value);
  if (v.length === 0) return [];
  switch (type) {
    case 'BIC':
      if (v.length === 8 || (v.length === 11 && v.endsWith('XXX'))) return [`BIC8:${v.slice(0, 8)}`];
      return v.length === 11 ? [`BIC11:${v}`] : [];
    case 'IBAN':
      return [`IBAN:${v}`];
    case 'LEI':
      return [`LEI:${v}`];
    default:
      return v.length >= OTHER_ID_LENGTH_MIN ? [`ID:${v}`] : [];
  }
}

/** Keys to probe for a subject's BIC: its institution (BIC8) and, for a branch, the BIC11. */
export function bicProbeKeys(bic: string): string[] {
  const v = foldIdentifier(bic);
  if (v.length !== 8 && v.length !== 11) return [];
  const keys = [`BIC8:${v.slice(0, 8)}`];
  if (v.length === 11 && !v.endsWith('XXX')) keys.push(`BIC11:${v}`);
  return keys;
}

/** Builds the identifier index: key → entry indexes. */
export function buildIdentifierIndex(entries: readonly ListEntry[]): ReadonlyMap<string, readonly number[]> {
  const index = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const id of entry.identifiers) {
      for (const key of listedKeys(id.type, id.value)) {
        const list = index.get(key);
        if (list === undefined) index.set(key, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  });
  return index;
}
