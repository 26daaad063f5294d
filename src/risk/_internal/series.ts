/**
 * Checks of a caller's {@link RateSeries} and the float view of its rates. Rates are decimal strings
 * (STYLE.md §3.9); they become floats here only to compute log returns, a statistic.
 * @internal
 */

import type { Issue } from '../../index';
import { RateDataError, RiskErrorCodes } from '../errors';
import type { RateSeries } from '../types';

const RATE_TEXT = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const ISSUES_MAX = 20;

/** Validates a series and returns its rates as floats; throws `RISK_INVALID_SERIES` with every issue (up to 20). */
export function seriesFloats(series: RateSeries, where: string): Float64Array {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string): void => {
    if (issues.length < ISSUES_MAX) issues.push({ code: RiskErrorCodes.INVALID_SERIES, path, message });
  };
  if (
    typeof series !== 'object' ||
    series === null ||
    !Array.isArray(series.times) ||
    !Array.isArray(series.rates)
  ) {
    throw new RateDataError(
      RiskErrorCodes.INVALID_SERIES,
      `[deltran/risk] ${where}: expected a rate series { base, quote, times, rates }`,
    );
  }
  const n = series.times.length;
  if (series.rates.length !== n)
    add(['rates'], `expected ${n} rates (one per time), got ${series.rates.length}`);
  const floats = new Float64Array(Math.min(n, series.rates.length));
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < floats.length; i++) {
    const time = series.times[i];
    if (typeof time !== 'number' || !Number.isFinite(time) || time <= previous) {
      add(['times', i], `expected epoch milliseconds strictly after the previous time, got ${String(time)}`);
    } else previous = time;
    const text = series.rates[i];
    const value = typeof text === 'string' && RATE_TEXT.test(text) ? Number(text) : Number.NaN;
    if (!(value > 0) || !Number.isFinite(value))
      add(['rates', i], `expected a positive decimal string, got ${JSON.stringify(text)}`);
    floats[i] = value;
  }
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw new RateDataError(
      RiskErrorCodes.INVALID_SERIES,
      `[deltran/risk] ${where}: ${series.base}/${series.quote}: ${first.path.join('/')}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      { path: first.path, issues },
    );
  }
  return floats;
}
