/**
 * The OFAC SDN `Remarks` column: `;`-separated clauses that carry what the other columns lack —
 * aliases (`a.k.a. 'X'`), dates and places of birth, nationality and citizenship, and identifiers
 * (`SWIFT/BIC`, passports, IMO numbers, registration ids, digital currency addresses).
 * Reference: OFAC "SDN List Data Format" (sdn.csv fields) and the remark conventions of the list.
 * @internal
 */
import type { IdentifierType, ListIdentifier, ListName } from '../types';
import { countryCode } from './countries';
import { parseOfacDates } from './dates';

/** What the remarks of one entry say. */
export interface ParsedRemarks {
  readonly aliases: ListName[];
  readonly datesOfBirth: string[];
  readonly countries: string[];
  readonly identifiers: ListIdentifier[];
}

const ALIAS = /^(?:alt\.\s+)?([afn])\.k\.a\.,?\s+'(.+)'\.?$/i;
const BIC = /SWIFT\/BIC\s+([A-Z0-9]{8}(?:[A-Z0-9]{3})?)(?![A-Z0-9])/g;
const IDENTIFIERS: readonly { readonly pattern: RegExp; readonly type: IdentifierType }[] = [
  { pattern: /^(?:alt\.\s+)?Passport\s+(.+)$/i, type: 'passport' },
  {
    pattern:
      /^(?:alt\.\s+)?(?:National ID No\.|Identification Number|Cedula No\.|C\.U\.R\.P\.|Personal ID Card|National Foreign ID Number|Citizen's Card Number|Kenyan ID No\.)\s+(.+)$/i,
    type: 'national-id',
  },
  {
    pattern:
      /^(?:alt\.\s+)?(?:Tax ID No\.|RFC|NIT #|RUC #|Tax Identification Number|VAT Number|INN)\s+(.+)$/i,
    type: 'tax-id',
  },
  {
    pattern:
      /^(?:alt\.\s+)?(?:Registration ID|Registration Number|Company Number|Business Registration Number|Business Number|Commercial Registry Number|Public Registration Number|Government Gazette Number|Chamber of Commerce Number|UK Company Number|Trade License No\.|Certificate of Incorporation Number|Enterprise Number|Registered Charity No\.|D-U-N-S Number|Legal Entity Number|Unified Social Credit Code \(USCC\)|Economic Register Number \(CBLS\)|Aircraft Construction Number \(also called L\/N or S\/N or F\/N\)|Aircraft Manufacturer's Serial Number \(MSN\)|Aircraft Tail Number)\s+(.+)$/i,
    type: 'registration',
  },
  { pattern: /^(?:alt\.\s+)?(?:Vessel Registration Identification\s+)?IMO\s+(\d{7})\b.*$/i, type: 'IMO' },
  { pattern: /^(?:alt\.\s+)?MMSI\s+(\d{9})\b.*$/i, type: 'MMSI' },
  {
    pattern: /^(?:alt\.\s+)?Digital Currency Address - [A-Z0-9]+\s+(\S+)$/i,
    type: 'digital-currency-address',
  },
  { pattern: /^(?:alt\.\s+)?Email Address\s+(\S+)$/i, type: 'email' },
  { pattern: /^(?:alt\.\s+)?IBAN\s+([A-Z]{2}\d{2}[A-Z0-9 ]{8,40})$/i, type: 'IBAN' },
  { pattern: /^(?:alt\.\s+)?(?:LEI|Legal Entity Identifier)\s+([A-Z0-9]{20})$/i, type: 'LEI' },
];

/** Splits and reads the remarks of one entry. Unknown clauses are ignored (they stay in `remarks`). */
export function parseOfacRemarks(remarks: string): ParsedRemarks {
  const result: ParsedRemarks = { aliases: [], datesOfBirth: [], countries: [], identifiers: [] };
  for (const match of remarks.matchAll(BIC)) result.identifiers.push({ type: 'BIC', value: match[1]! });
  for (const raw of splitClauses(remarks)) {
    const clause = raw.trim().replace(/\.$/, '');
    if (clause.length === 0) continue;
    const alias = ALIAS.exec(clause);
    if (alias) {
      const letter = alias[1]!.toLowerCase();
      result.aliases.push({ name: alias[2]!, type: letter === 'f' ? 'fka' : letter === 'n' ? 'nka' : 'aka' });
      continue;
    }
    const dob = /^(?:alt\.\s+)?DOB\s+(.+)$/i.exec(clause);
    if (dob) {
      result.datesOfBirth.push(...parseOfacDates(dob[1]!));
      continue;
    }
    const place =
      /^(?:alt\.\s+)?(?:POB|nationality|citizen|Nationality of Registration|Organization Established Date)\s+(.+)$/i.exec(
        clause,
      );
    if (place) {
      const code = countryCode(place[1]!);
      if (code !== undefined) result.countries.push(code);
      continue;
    }
    for (const { pattern, type } of IDENTIFIERS) {
      const id = pattern.exec(clause);
      if (!id) continue;
      const { value, country } = splitCountry(id[1]!);
      if (value.length > 0) {
        result.identifiers.push(country === undefined ? { type, value } : { type, value, country });
      }
      break;
    }
  }
  return result;
}

/** `;` separates clauses, except inside an alias's quotes (`a.k.a. 'A; B'` is rare but exists). */
function splitClauses(remarks: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < remarks.length; i++) {
    const c = remarks[i];
    if (c === "'" && (i === 0 || remarks[i - 1] === ' ' || quoted)) {
      // An opening quote follows a space; a closing one precedes ; . or the end.
      if (!quoted) quoted = true;
      else if (i + 1 === remarks.length || /[;.,]/.test(remarks[i + 1]!)) quoted = false;
    } else if (c === ';' && !quoted) {
      out.push(remarks.slice(start, i));
      start = i + 1;
    }
  }
  out.push(remarks.slice(start));
  return out;
}

/** `"92/664 (Egypt)"` → value `92/664`, country `EG`; also drops trailing `issued …`/`expires …`. */
function splitCountry(text: string): { value: string; country: string | undefined } {
  const paren = /^(.*?)\s*\(([^)]*)\)/.exec(text);
  const valuePart = (paren ? paren[1]! : text).replace(/\s+(?:issued|expires|valid).*$/i, '').trim();
  const country = paren ? countryCode(paren[2]!) : undefined;
  return { value: valuePart, country };
}
