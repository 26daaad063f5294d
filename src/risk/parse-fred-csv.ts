/**
 * Reader of a FRED daily series file (Federal Reserve H.10 noon buying rates via FRED).
 *
 * @packageDocumentation
 */
import { err, type Issue, ok, type Result } from '../index';
import { RateDataError, RiskErrorCodes } from './errors';
import type { RateSeries } from './types';

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const RATE_TEXT = /^[0-9]+(?:\.[0-9]+)?$/;
const ISSUES_MAX = 50;

/** Options of {@link parseFredCsv}: what the series quotes, which the file does not say. @public */
export interface FredCsvOptions {
  /**
   * The base currency: FRED `DEXUSEU`, `DEXUSUK`, `DEXUSAL`, `DEXUSNZ` are USD per unit of the foreign
   * currency (base = the foreign currency); the others (`DEXJPUS`, `DEXSZUS`, …) are foreign currency per
   * USD (base = `USD`).
   */
  readonly base: string;
  /** The quote currency. */
  readonly quote: string;
}

/**
 * Parses a FRED daily CSV (`observation_date,<SERIES_ID>`, oldest first, an empty value on US holidays,
 * which is skipped, not forward-filled).
 *
 * @param content - the file's text
 * @param options - which currencies the values quote
 * @returns the series, ascending, without the empty days
 * @throws {@link RateDataError} (`RISK_INVALID_RATE_FILE`) with every issue found (up to 50)
 * @public
 */
export function parseFredCsv(content: string, options: FredCsvOptions): RateSeries {
  const result = safeParseFredCsv(content, options);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Like {@link parseFredCsv}, but returns a `Result`.
 * @param content - the file's text
 * @param options - which currencies the values quote
 * @returns the series, or the error with every issue
 * @public
 */
export function safeParseFredCsv(
  content: string,
  options: FredCsvOptions,
): Result<RateSeries, RateDataError> {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string): void => {
    if (issues.length < ISSUES_MAX) issues.push({ code: RiskErrorCodes.INVALID_RATE_FILE, path, message });
  };
  const lines = typeof content === 'string' ? content.split(/\r?\n/) : [];
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  if (header.length !== 2 || header[0] !== 'observation_date')
    add([0], 'expected a header "observation_date,<SERIES_ID>"');
  const times: number[] = [];
  const rates: string[] = [];
  for (let lineIndex = 1; issues.length === 0 && lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex] as string;
    if (line === '') continue;
    const [date = '', value = '', extra] = line.split(',');
    const match = DATE_TEXT.exec(date);
    const time =
      match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    if (extra !== undefined || match === null || !Number.isFinite(time)) {
      add([lineIndex], `expected "YYYY-MM-DD,<value>", got ${JSON.stringify(line.slice(0, 40))}`);
      continue;
    }
    if (times.length > 0 && time <= (times[times.length - 1] as number)) {
      add([lineIndex], `expected dates oldest first without repeats, got ${date}`);
      continue;
    }
    const text = value.trim();
    if (text === '' || text === '.') continue;
    if (!RATE_TEXT.test(text) || !(Number(text) > 0)) {
      add([lineIndex], `expected a positive decimal or an empty value, got ${JSON.stringify(text)}`);
      continue;
    }
    times.push(time);
    rates.push(text);
  }
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    return err(
      new RateDataError(
        RiskErrorCodes.INVALID_RATE_FILE,
        `[deltran/risk] parseFredCsv: line ${String(first.path[0] ?? 0)}: ${first.message}`,
        { path: first.path, issues },
      ),
    );
  }
  return ok({ base: options.base, quote: options.quote, times, rates });
}
