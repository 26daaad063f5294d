/**
 * Reader of the ECB euro foreign exchange reference rates file (`eurofxref-hist.csv`).
 *
 * @packageDocumentation
 */
import { err, type Issue, ok, type Result } from '../index';
import { RateDataError, RiskErrorCodes } from './errors';

/**
 * The ECB reference rates: per currency, units of that currency per 1 EUR on each TARGET business day.
 * Source: European Central Bank, euro foreign exchange reference rates (`eurofxref-hist.csv`).
 * @public
 */
export interface EcbRateTable {
  /** Fixing dates, ISO `YYYY-MM-DD`, ascending (the file lists them newest first). */
  readonly dates: readonly string[];
  /** The same dates as epoch milliseconds of midnight UTC (the date, not the 14:15 CET fixing instant). */
  readonly times: readonly number[];
  /** The currency columns in file order (`USD`, `JPY`, …; withdrawn codes such as `CYP` included). */
  readonly currencies: readonly string[];
  /** Per currency, the rate on each date as the file writes it, or `undefined` where the file has `N/A`. */
  readonly columns: ReadonlyMap<string, readonly (string | undefined)[]>;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const RATE_TEXT = /^[0-9]+(?:\.[0-9]+)?$/;
const CODE_TEXT = /^[A-Z]{3}$/;
const ISSUES_MAX = 50;

/**
 * Parses the content of the ECB `eurofxref-hist.csv` file (the caller reads the file; this module does
 * no I/O). The header is `Date,USD,JPY,…` with a trailing comma, rows are newest first, values are units
 * of currency per EUR, and `N/A` marks a missing value.
 *
 * @param content - the file's text
 * @returns the table, dates ascending
 * @throws {@link RateDataError} (`RISK_INVALID_RATE_FILE`) with every issue found (up to 50): a missing
 *   or malformed header, a row with the wrong number of fields, a malformed or out-of-order date, a
 *   value that is neither a positive decimal nor `N/A`
 * @example
 * ```ts
 * const table = parseEcbCsv(readFileSync('eurofxref-hist.csv', 'utf8'));
 * const eurUsd = ecbRateSeries(table, 'EUR', 'USD');
 * ```
 * @public
 */
export function parseEcbCsv(content: string): EcbRateTable {
  const result = safeParseEcbCsv(content);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Like {@link parseEcbCsv}, but returns a `Result` instead of throwing.
 * @param content - the file's text
 * @returns the table, or the {@link RateDataError} with every issue
 * @public
 */
export function safeParseEcbCsv(content: string): Result<EcbRateTable, RateDataError> {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string): void => {
    if (issues.length < ISSUES_MAX) issues.push({ code: RiskErrorCodes.INVALID_RATE_FILE, path, message });
  };
  if (typeof content !== 'string')
    return err(
      fail([
        {
          code: RiskErrorCodes.INVALID_RATE_FILE,
          path: [],
          message: 'expected the file content as a string',
        },
      ]),
    );
  const lines = content.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  // The ECB writes a trailing comma on every line: an empty last field.
  if (header[header.length - 1] === '') header.pop();
  if (header[0] !== 'Date' || header.length < 2) {
    return err(
      fail([
        {
          code: RiskErrorCodes.INVALID_RATE_FILE,
          path: [0],
          message: `expected a header starting "Date,USD,…", got ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`,
        },
      ]),
    );
  }
  const currencies = header.slice(1);
  currencies.forEach((code, i) => {
    if (!CODE_TEXT.test(code))
      add([0, i + 1], `expected a three-letter currency code, got ${JSON.stringify(code)}`);
  });
  const width = currencies.length;
  const rows: { date: string; time: number; values: (string | undefined)[] }[] = [];
  let previousTime = Number.POSITIVE_INFINITY;
  for (let lineIndex = 1; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex] as string;
    if (line === '') continue;
    const fields = line.split(',');
    if (fields[fields.length - 1] === '') fields.pop();
    if (fields.length !== width + 1) {
      add([lineIndex], `expected ${width + 1} fields, got ${fields.length}`);
      continue;
    }
    const date = fields[0] as string;
    const match = DATE_TEXT.exec(date);
    const time =
      match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (match === null || !Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== date) {
      add([lineIndex, 'Date'], `expected an ISO date YYYY-MM-DD, got ${JSON.stringify(date)}`);
      continue;
    }
    if (time >= previousTime) {
      add(
        [lineIndex, 'Date'],
        `expected dates newest first without repeats, got ${date} after a date not later than it`,
      );
      continue;
    }
    previousTime = time;
    const values: (string | undefined)[] = new Array(width);
    for (let i = 0; i < width; i++) {
      const text = (fields[i + 1] as string).trim();
      if (text === 'N/A' || text === '') values[i] = undefined;
      else if (RATE_TEXT.test(text) && Number(text) > 0) values[i] = text;
      else
        add(
          [lineIndex, currencies[i] as string],
          `expected a positive decimal or N/A, got ${JSON.stringify(text)}`,
        );
    }
    rows.push({ date, time, values });
  }
  if (rows.length === 0 && issues.length === 0) add([1], 'expected at least one row of rates');
  if (issues.length > 0) return err(fail(issues));
  rows.reverse();
  const columns = new Map<string, (string | undefined)[]>();
  currencies.forEach((code, i) => {
    columns.set(
      code,
      rows.map((row) => row.values[i]),
    );
  });
  return ok({
    dates: rows.map((row) => row.date),
    times: rows.map((row) => row.time),
    currencies,
    columns,
  });
}

function fail(issues: readonly Issue[]): RateDataError {
  const first = issues[0] as Issue;
  return new RateDataError(
    RiskErrorCodes.INVALID_RATE_FILE,
    `[deltran/risk] parseEcbCsv: line ${String(first.path[0] ?? 0)}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    { path: first.path, issues },
  );
}
