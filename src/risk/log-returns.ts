/**
 * Log returns of a rate series.
 *
 * @packageDocumentation
 */
import { seriesFloats } from './_internal/series';
import { InsufficientHistoryError, RiskErrorCodes } from './errors';
import type { RateSeries, ReturnSeries } from './types';

/**
 * The log returns `ln(rateᵢ₊₁ / rateᵢ)` of a series, with the data's step (the median spacing of the
 * observations). Rates become floats here, and only here, because returns are a statistic (STYLE.md §3.9).
 *
 * @param series - at least two observations
 * @returns one return per consecutive pair, timed at its end
 * @throws {@link RateDataError} (`RISK_INVALID_SERIES`) when the series is malformed
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) with fewer than two observations
 * @example
 * ```ts
 * logReturns({ base: 'EUR', quote: 'USD', times: [0, 86_400_000], rates: ['1.1000', '1.1110'] });
 * // values ≈ [0.00995], stepMs 86 400 000
 * ```
 * @public
 */
export function logReturns(series: RateSeries): ReturnSeries {
  const rates = seriesFloats(series, 'logReturns');
  const n = rates.length;
  if (n < 2) {
    throw new InsufficientHistoryError(
      RiskErrorCodes.INSUFFICIENT_HISTORY,
      `[deltran/risk] logReturns: ${series.base}/${series.quote}: expected at least 2 observations, got ${n}`,
    );
  }
  const values = new Float64Array(n - 1);
  const times = new Float64Array(n - 1);
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    values[i - 1] = Math.log((rates[i] as number) / (rates[i - 1] as number));
    times[i - 1] = series.times[i] as number;
    gaps[i - 1] = (series.times[i] as number) - (series.times[i - 1] as number);
  }
  gaps.sort();
  const stepMs = gaps[(gaps.length - 1) >> 1] as number;
  return { base: series.base, quote: series.quote, times, values, stepMs };
}
