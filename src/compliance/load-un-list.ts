/**
 * Loader for the UN Security Council Consolidated List (XML).
 * Reference: schema https://www.un.org/sc/resources/sc-sanctions.xsd (`CONSOLIDATED_LIST` with
 * `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`).
 * @packageDocumentation
 */
import { XMLParser } from 'fast-xml-parser';
import type { Issue } from '../index';
import { countryCode } from './_internal/countries';
import { parsePartialDate, yearRange } from './_internal/dates';
import { decodeText } from './_internal/text-input';
import { ComplianceErrorCodes, InvalidListError } from './errors';
import type { IdentifierType, ListEntry, ListIdentifier, ListName, SanctionsList } from './types';

/** Options of {@link loadUnList}. @public */
export interface LoadUnListOptions {
  /** List name in results. @defaultValue 'UN Security Council Consolidated List' */
  readonly name?: string;
  /** Prefix of entry ids (`<prefix>:<REFERENCE_NUMBER>`). @defaultValue 'UN' */
  readonly idPrefix?: string;
}

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'NATIONALITY',
  'VALUE',
]);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = value.trim();
    return t.length > 0 ? t : undefined;
  }
  if (typeof value === 'number') return String(value);
  return undefined;
}

function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.filter((v): v is Node => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Node] : [];
}

function values(value: unknown): string[] {
  return nodes(value)
    .flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE : [n.VALUE]).map(text))
    .filter(isString);
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

function documentType(type: string | undefined): IdentifierType {
  const t = (type ?? '').toLowerCase();
  if (t.includes('passport')) return 'passport';
  if (t.includes('national') || t.includes('identity') || t.includes('id card')) return 'national-id';
  if (t.includes('tax')) return 'tax-id';
  if (t.includes('imo')) return 'IMO';
  return 'other';
}

/**
 * Loads the UN Security Council Consolidated List.
 *
 * Individuals get their name from `FIRST_NAME`…`FOURTH_NAME`, aliases from `INDIVIDUAL_ALIAS`
 * (`QUALITY` Low → `weak-aka`), the original-script name, nationalities, address and birth
 * countries, dates of birth (exact, year, or `FROM_YEAR`–`TO_YEAR`) and documents; entities their
 * name, aliases and address countries. Country names are mapped to ISO 3166-1 alpha-2 codes.
 *
 * @param xml - the XML content (string, or UTF-8 bytes)
 * @param options - list name and id prefix
 * @returns the list, individuals first, then entities
 * @throws {@link InvalidListError} (`COMPLIANCE_INVALID_LIST`) when the content is not a
 *   `CONSOLIDATED_LIST` document
 * @public
 */
export function loadUnList(xml: string | Uint8Array, options: LoadUnListOptions = {}): SanctionsList {
  const name = options.name ?? 'UN Security Council Consolidated List';
  const prefix = options.idPrefix ?? 'UN';
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (tag) => REPEATED.has(tag),
  });
  let document: Node;
  try {
    document = parser.parse(decodeText(xml)) as Node;
  } catch (cause) {
    throw new InvalidListError(
      ComplianceErrorCodes.INVALID_LIST,
      '[deltran] loadUnList: content is not well-formed XML',
      {
        cause,
      },
    );
  }
  const root = document.CONSOLIDATED_LIST;
  if (typeof root !== 'object' || root === null) {
    throw new InvalidListError(
      ComplianceErrorCodes.INVALID_LIST,
      '[deltran] loadUnList: expected a CONSOLIDATED_LIST root element (UN sc-sanctions.xsd)',
      { path: ['CONSOLIDATED_LIST'] },
    );
  }
  const issues: Issue[] = [];
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  const individuals = nodes(nodes((root as Node).INDIVIDUALS)[0]?.INDIVIDUAL);
  const entities = nodes(nodes((root as Node).ENTITIES)[0]?.ENTITY);
  const add = (entry: ListEntry | undefined, path: (string | number)[]) => {
    if (entry === undefined) {
      issues.push({
        code: ComplianceErrorCodes.INVALID_LIST,
        path,
        message: 'entry without a name: skipped',
      });
      return;
    }
    if (seen.has(entry.id)) {
      issues.push({
        code: ComplianceErrorCodes.DUPLICATE_ENTRY,
        path,
        message: `duplicate entry ${entry.id}: skipped`,
      });
      return;
    }
    seen.add(entry.id);
    entries.push(entry);
  };
  individuals.forEach((n, i) => {
    add(individual(n, name, prefix), ['INDIVIDUALS', 'INDIVIDUAL', i]);
  });
  entities.forEach((n, i) => {
    add(entity(n, name, prefix), ['ENTITIES', 'ENTITY', i]);
  });
  return { name, entries, issues };
}

function common(n: Node, list: string, prefix: string) {
  const reference = text(n.REFERENCE_NUMBER) ?? text(n.DATAID) ?? '';
  const programs = [text(n.UN_LIST_TYPE)].filter(isString);
  const remarks = text(n.COMMENTS1);
  return { id: `${prefix}:${reference}`, list, programs, ...(remarks === undefined ? {} : { remarks }) };
}

function aliases(value: unknown): ListName[] {
  const out: ListName[] = [];
  for (const alias of nodes(value)) {
    const aliasName = text(alias.ALIAS_NAME);
    if (aliasName === undefined) continue;
    out.push({ name: aliasName, type: text(alias.QUALITY)?.toLowerCase() === 'low' ? 'weak-aka' : 'aka' });
  }
  return out;
}

function countriesOf(...lists: unknown[][]): string[] {
  const out = new Set<string>();
  for (const list of lists) {
    for (const value of list) {
      const name = text(value);
      const code = name === undefined ? undefined : countryCode(name);
      if (code !== undefined) out.add(code);
    }
  }
  return [...out];
}

function individual(n: Node, list: string, prefix: string): ListEntry | undefined {
  const full = [n.FIRST_NAME, n.SECOND_NAME, n.THIRD_NAME, n.FOURTH_NAME]
    .map(text)
    .filter(isString)
    .join(' ');
  if (full.length === 0) return undefined;
  const names: ListName[] = [{ name: full, type: 'primary' }, ...aliases(n.INDIVIDUAL_ALIAS)];
  const original = text(n.NAME_ORIGINAL_SCRIPT);
  if (original !== undefined) names.push({ name: original, type: 'original-script' });
  const datesOfBirth = new Set<string>();
  for (const dob of nodes(n.INDIVIDUAL_DATE_OF_BIRTH)) {
    const date = text(dob.DATE);
    const year = text(dob.YEAR);
    const from = text(dob.FROM_YEAR);
    const to = text(dob.TO_YEAR);
    const parsed = date === undefined ? undefined : parsePartialDate(date);
    if (parsed !== undefined) datesOfBirth.add(parsed);
    else if (year !== undefined && /^\d{4}$/.test(year)) datesOfBirth.add(year);
    else if (from !== undefined && to !== undefined) {
      for (const y of yearRange(Number(from), Number(to))) datesOfBirth.add(y);
    }
  }
  const identifiers: ListIdentifier[] = [];
  for (const doc of nodes(n.INDIVIDUAL_DOCUMENT)) {
    const value = text(doc.NUMBER);
    if (value === undefined) continue;
    const country = countryCode(text(doc.ISSUING_COUNTRY) ?? text(doc.COUNTRY_OF_ISSUE) ?? '');
    const type = documentType(text(doc.TYPE_OF_DOCUMENT));
    identifiers.push(country === undefined ? { type, value } : { type, value, country });
  }
  const countries = countriesOf(
    values(n.NATIONALITY),
    nodes(n.INDIVIDUAL_ADDRESS).map((a) => a.COUNTRY),
    nodes(n.INDIVIDUAL_PLACE_OF_BIRTH).map((p) => p.COUNTRY),
  );
  return {
    ...common(n, list, prefix),
    kind: 'person',
    names,
    countries,
    datesOfBirth: [...datesOfBirth],
    identifiers,
  };
}

function entity(n: Node, list: string, prefix: string): ListEntry | undefined {
  const primary = text(n.FIRST_NAME);
  if (primary === undefined) return undefined;
  const names: ListName[] = [{ name: primary, type: 'primary' }, ...aliases(n.ENTITY_ALIAS)];
  const original = text(n.NAME_ORIGINAL_SCRIPT);
  if (original !== undefined) names.push({ name: original, type: 'original-script' });
  return {
    ...common(n, list, prefix),
    kind: 'organization',
    names,
    countries: countriesOf(nodes(n.ENTITY_ADDRESS).map((a) => a.COUNTRY)),
    datesOfBirth: [],
    identifiers: [],
  };
}
