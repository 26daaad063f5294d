/**
 * Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as lists print them, and their comparison.
 * @internal
 */

const MONTHS: Readonly<Record<string, string>> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A partial ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or undefined when the text is not one. */
export function parsePartialDate(text: string): string | undefined {
  const trimmed = text.trim();
  const iso = ISO_PARTIAL.exec(trimmed.slice(0, 10));
  if (iso && (trimmed.length === 4 || trimmed.length === 7 || trimmed.length >= 10)) {
    return [iso[1], iso[2], iso[3]].filter((p) => p !== undefined).join('-');
  }
  return undefined;
}

/**
 * Dates in OFAC remark style: `09 Feb 1951`, `Feb 1968`, `1960`, `circa 1960`, `1962 to 1965`
 * (a range gives every year, at most 15).
 */
export function parseOfacDates(text: string): string[] {
  const t = text.trim().toUpperCase();
  const range = /^(?:CIRCA\s+)?(\d{4})\s+TO\s+(\d{4})$/.exec(t);
  if (range) return yearRange(Number(range[1]), Number(range[2]));
  const full = /(?:^|\s)(\d{1,2})\s+([A-Z]{3})[A-Z]*\.?\s+(\d{4})$/.exec(t);
  if (full && MONTHS[full[2]!] !== undefined) {
    return [`${full[3]}-${MONTHS[full[2]!]}-${full[1]!.padStart(2, '0')}`];
  }
  const month = /(?:^|\s)([A-Z]{3})[A-Z]*\.?\s+(\d{4})$/.exec(t);
  if (month && MONTHS[month[1]!] !== undefined) return [`${month[2]}-${MONTHS[month[1]!]}`];
  const year = /(?:^|\s)(\d{4})$/.exec(t);
  if (year) return [year[1]!];
  return [];
}

/** Every year from `from` to `to`, both included, when the range is short enough to mean something. */
export function yearRange(from: number, to: number): string[] {
  if (!(to >= from) || to - from > 15) return from > 0 ? [String(from)] : [];
  const out: string[] = [];
  for (let y = from; y <= to; y++) out.push(String(y));
  return out;
}

/**
 * How two partial dates agree: `exact` (same day), `year` (same year, one side less precise or
 * the same year and month), `near` (years one apart: lists round and circa), `conflict`.
 */
export function compareDates(a: string, b: string): 'exact' | 'year' | 'near' | 'conflict' {
  const ya = Number(a.slice(0, 4));
  const yb = Number(b.slice(0, 4));
  if (ya === yb) {
    if (a.length === 10 && b.length === 10) return a === b ? 'exact' : 'year';
    return 'year';
  }
  return Math.abs(ya - yb) <= 1 ? 'near' : 'conflict';
}
