/**
 * Loader for the OFAC SDN (and non-SDN consolidated) CSV files.
 * Reference: U.S. Treasury OFAC, "SDN List — data specification for sdn.csv, add.csv, alt.csv,
 * sdn_comments.csv" (the CSV layout of https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas).
 * @packageDocumentation
 */
import { parse } from 'csv-parse/sync';
import type { Issue } from '../index';
import { countryCode } from './_internal/countries';
import { parseOfacRemarks } from './_internal/ofac-remarks';
import { decodeText } from './_internal/text-input';
import { ComplianceErrorCodes, InvalidListError } from './errors';
import type { ListEntry, ListIdentifier, ListName, SanctionsList, SubjectKind } from './types';

/**
 * The OFAC files of one list release. Only `sdn` is required; each other file adds to the
 * entries it names by `ent_num`. Content, not paths: this module does no I/O.
 * @public
 */
export interface OfacSdnFiles {
  /** `sdn.csv` (or `cons_prim.csv`): `ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks`. */
  readonly sdn: string | Uint8Array;
  /** `alt.csv` (or `cons_alt.csv`): `ent_num, alt_num, alt_type, alt_name, alt_remarks`. */
  readonly alt?: string | Uint8Array;
  /** `add.csv` (or `cons_add.csv`): `ent_num, add_num, address, city/state/postal, country, add_remarks`. */
  readonly add?: string | Uint8Array;
  /** `sdn_comments.csv` (or `cons_comments.csv`): `ent_num, remarks continuation`. */
  readonly comments?: string | Uint8Array;
}

/** Options of {@link loadOfacSdn}. @public */
export interface LoadOfacSdnOptions {
  /** List name in results. @defaultValue 'OFAC SDN' */
  readonly name?: string;
  /** Prefix of entry ids (`<prefix>:<ent_num>`). @defaultValue 'OFAC-SDN' */
  readonly idPrefix?: string;
}

const NULL = '-0-';
const EOF_CHARACTER = String.fromCharCode(0x1a);

function cell(row: readonly string[], index: number): string | undefined {
  const value = row[index]?.trim();
  return value === undefined || value === '' || value === NULL ? undefined : value;
}

function readCsv(content: string | Uint8Array, file: string): string[][] {
  const text = decodeText(content);
  try {
    return parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (cause) {
    throw new InvalidListError(
      ComplianceErrorCodes.INVALID_LIST,
      `[deltran] loadOfacSdn: ${file} is not valid CSV`,
      {
        path: [file],
        cause,
      },
    );
  }
}

/** True for the DOS end-of-file byte (0x1A) OFAC appends as a last row. */
function isEofRow(row: readonly string[]): boolean {
  return row.length === 1 && (row[0] ?? '').trim().split(EOF_CHARACTER).join('') === '';
}

function kindOf(type: string | undefined): SubjectKind {
  switch (type?.toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'organization';
  }
}

interface Draft {
  id: string;
  kind: SubjectKind;
  names: ListName[];
  programs: string[];
  countries: string[];
  datesOfBirth: string[];
  identifiers: ListIdentifier[];
  remarks: string | undefined;
}

/**
 * Loads an OFAC SDN (or consolidated non-SDN) list from its CSV files.
 *
 * Reads the primary names, types and programmes from `sdn`, vessel flags and call signs, the
 * aliases, dates of birth, places of birth, nationalities and identifiers (including every
 * `SWIFT/BIC`) hidden in the remarks, then joins `alt` aliases, `add` address countries and
 * `comments` remark continuations on `ent_num`. Rows that cannot be read are reported in
 * `issues`, never silently dropped; the trailing end-of-file byte of OFAC files is ignored.
 *
 * @param files - the CSV contents (strings, or bytes in UTF-8 or Windows-1252)
 * @param options - list name and id prefix
 * @returns the list, with one entry per `ent_num`
 * @throws {@link InvalidListError} (`COMPLIANCE_INVALID_LIST`) when a file is not CSV or `sdn` has
 *   no row with the 12 SDN columns
 * @example
 * ```ts
 * const list = loadOfacSdn({ sdn: readFileSync('sdn.csv'), alt: readFileSync('alt.csv') });
 * list.entries[0]; // { id: 'OFAC-SDN:36', names: [{ name: 'AEROCARIBBEAN AIRLINES', type: 'primary' }, …], … }
 * ```
 * @public
 */
export function loadOfacSdn(files: OfacSdnFiles, options: LoadOfacSdnOptions = {}): SanctionsList {
  const name = options.name ?? 'OFAC SDN';
  const prefix = options.idPrefix ?? 'OFAC-SDN';
  const issues: Issue[] = [];
  const drafts = new Map<string, Draft>();
  const rows = readCsv(files.sdn, 'sdn');
  const comments = new Map<string, string>();
  if (files.comments !== undefined) {
    for (const row of readCsv(files.comments, 'comments')) {
      if (isEofRow(row)) continue;
      const ent = cell(row, 0);
      const text = row[1];
      if (ent !== undefined && text !== undefined) comments.set(ent, (comments.get(ent) ?? '') + text);
    }
  }
  rows.forEach((row, index) => {
    if (isEofRow(row)) return;
    const ent = cell(row, 0);
    const primary = cell(row, 1);
    if (row.length < 12 || ent === undefined || primary === undefined || !/^\d+$/.test(ent)) {
      issues.push({
        code: ComplianceErrorCodes.INVALID_LIST,
        path: ['sdn', index],
        message: `row ${index + 1}: expected 12 columns starting with ent_num and SDN_Name`,
      });
      return;
    }
    const raw = row[11];
    const remarks = `${raw === undefined || raw.trim() === NULL ? '' : raw}${comments.get(ent) ?? ''}`.trim();
    const parsed = parseOfacRemarks(remarks);
    const countries = [...parsed.countries];
    const flag = cell(row, 9);
    if (flag !== undefined) {
      const code = countryCode(flag);
      if (code !== undefined) countries.push(code);
    }
    const identifiers = [...parsed.identifiers];
    const callSign = cell(row, 5);
    if (callSign !== undefined) identifiers.push({ type: 'other', value: callSign });
    const programs = (cell(row, 3) ?? '')
      .split(/\]\s*\[/)
      .map((p) => p.replace(/[[\]]/g, '').trim())
      .filter((p) => p.length > 0);
    const id = `${prefix}:${ent}`;
    if (drafts.has(ent)) {
      issues.push({
        code: ComplianceErrorCodes.DUPLICATE_ENTRY,
        path: ['sdn', index],
        message: `duplicate ent_num ${ent}`,
      });
      return;
    }
    drafts.set(ent, {
      id,
      kind: kindOf(cell(row, 2)),
      names: [{ name: primary, type: 'primary' }, ...parsed.aliases],
      programs,
      countries,
      datesOfBirth: parsed.datesOfBirth,
      identifiers,
      remarks: remarks.length > 0 ? remarks : undefined,
    });
  });
  if (drafts.size === 0) {
    throw new InvalidListError(
      ComplianceErrorCodes.INVALID_LIST,
      '[deltran] loadOfacSdn: sdn has no row with the 12 SDN columns (ent_num, SDN_Name, …)',
      { path: ['sdn'], issues },
    );
  }
  if (files.alt !== undefined) {
    readCsv(files.alt, 'alt').forEach((row, index) => {
      if (isEofRow(row)) return;
      const draft = drafts.get(cell(row, 0) ?? '');
      const alias = cell(row, 3);
      if (draft === undefined || alias === undefined) {
        issues.push({
          code: ComplianceErrorCodes.INVALID_LIST,
          path: ['alt', index],
          message: `row ${index + 1}: alias for ent_num ${cell(row, 0) ?? '?'} that is not in sdn`,
        });
        return;
      }
      const type = (cell(row, 2) ?? 'aka').toLowerCase();
      const weak = /weak/i.test(cell(row, 4) ?? '');
      if (!draft.names.some((n) => n.name === alias)) {
        draft.names.push({
          name: alias,
          type: weak ? 'weak-aka' : type === 'fka' ? 'fka' : type === 'nka' ? 'nka' : 'aka',
        });
      }
    });
  }
  if (files.add !== undefined) {
    readCsv(files.add, 'add').forEach((row, index) => {
      if (isEofRow(row)) return;
      const draft = drafts.get(cell(row, 0) ?? '');
      if (draft === undefined) {
        issues.push({
          code: ComplianceErrorCodes.INVALID_LIST,
          path: ['add', index],
          message: `row ${index + 1}: address for ent_num ${cell(row, 0) ?? '?'} that is not in sdn`,
        });
        return;
      }
      const country = cell(row, 4);
      const code = country === undefined ? undefined : countryCode(country);
      if (code !== undefined) draft.countries.push(code);
    });
  }
  const entries: ListEntry[] = [];
  for (const draft of drafts.values()) {
    entries.push({
      id: draft.id,
      list: name,
      kind: draft.kind,
      names: draft.names,
      programs: draft.programs,
      countries: [...new Set(draft.countries)],
      datesOfBirth: [...new Set(draft.datesOfBirth)],
      identifiers: draft.identifiers,
      ...(draft.remarks === undefined ? {} : { remarks: draft.remarks }),
    });
  }
  return { name, entries, issues };
}
