/**
 * Rate forecasts with an interval; the random walk is the default centre.
 *
 * @packageDocumentation
 */

import { Decimal } from '../index';
import { requireInRange, requireInteger } from './_internal/checks';
import { seriesFloats } from './_internal/series';
import { normalCdf } from './_internal/special';
import { DAY_MS } from './_internal/time';
import { RiskErrorCodes, RiskOptionsError } from './errors';
import { logReturns } from './log-returns';
import type { PointForecastComparison, RateForecast, RateForecastOptions, RateSeries } from './types';
import { valueAtRisk } from './value-at-risk';

/** Origins compared out of sample by {@link comparePointForecast}, at most. */
const COMPARISON_ORIGINS_MAX = 1000;
/** Fewest observations the AR(1) is estimated on before its first out-of-sample forecast. */
const ESTIMATION_MIN = 250;

/**
 * A forecast of the rate `horizonMs` after the last observation: a centre and a two-sided interval.
 *
 * The interval is the model's VaR quantiles at (1 ± confidence) / 2 applied to the centre:
 * [centre·(1 − VaR_long), centre·(1 + VaR_short)], so it inherits the model's horizon scaling and fat
 * tails. The centre is the last rate (random walk) unless `centre: 'meanReversion'` is asked for and
 * {@link comparePointForecast} finds that it beats the random walk on this history; the comparison is
 * returned either way.
 *
 * @param series - the history (the last rate is the starting point)
 * @param options - horizon, confidence, model, centre, digits, random source
 * @returns the forecast, rates as decimal strings
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) when the history is too short for the model
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for bad options
 * @example
 * ```ts
 * forecastRate(eurUsd, { horizonMs: 3_600_000 }); // centre = last rate, interval ≈ ±0.3% at 95%
 * ```
 * @public
 */
export function forecastRate(series: RateSeries, options: RateForecastOptions): RateForecast {
  const horizonMs = requireInRange(
    options.horizonMs,
    0,
    Number.MAX_SAFE_INTEGER,
    'forecastRate',
    'horizonMs',
  );
  const confidence = requireInRange(options.confidence ?? 0.95, 0, 1, 'forecastRate', 'confidence');
  const digits = requireInteger(options.significantDigits ?? 8, 1, 'forecastRate', 'significantDigits');
  const wanted = options.centre ?? 'randomWalk';
  if (wanted !== 'randomWalk' && wanted !== 'meanReversion') {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] forecastRate: centre: expected "randomWalk" or "meanReversion", got ${String(wanted)}`,
      { path: ['centre'] },
    );
  }
  const returns = logReturns(series);
  const last = new Decimal(series.rates[series.rates.length - 1] as string);
  let centre = last;
  let comparison: PointForecastComparison | undefined;
  let centreModel: RateForecast['centreModel'] = 'randomWalk';
  if (wanted === 'meanReversion') {
    comparison = comparePointForecast(series, { horizonMs });
    if (comparison.beatsRandomWalk) {
      const logs = logsOf(series);
      const fit = ar1(logs, 0, logs.length);
      const steps = horizonMs / returns.stepMs;
      const x = logs[logs.length - 1] as number;
      const forecastLog = fit.mean + fit.phi ** steps * (x - fit.mean);
      // The shift is a statistic (a log difference); applied to the decimal last rate it keeps the centre's digits exact.
      centre = last.times(new Decimal(Math.exp(forecastLog - x).toPrecision(15)));
      centreModel = 'meanReversion';
    }
  }
  const tailOptions = {
    model: options.model ?? { kind: 'ewma' as const },
    confidence: (1 + confidence) / 2,
    horizonMs,
    ...(options.random === undefined ? {} : { random: options.random }),
  };
  const down = valueAtRisk(returns, { ...tailOptions, side: 'long' });
  const up = valueAtRisk(returns, { ...tailOptions, side: 'short' });
  const one = new Decimal(1);
  return {
    base: series.base,
    quote: series.quote,
    from: series.times[series.times.length - 1] as number,
    horizonMs,
    centreModel,
    ...(comparison === undefined ? {} : { comparison }),
    centre: centre.toSignificantDigits(digits).toFixed(),
    lower: centre.times(one.minus(down.valueAtRisk)).toSignificantDigits(digits).toFixed(),
    upper: centre.times(one.plus(up.valueAtRisk)).toSignificantDigits(digits).toFixed(),
    confidence,
    horizonVolatility: down.horizonVolatility,
  };
}

/** Options of {@link comparePointForecast}. @public */
export interface PointForecastComparisonOptions {
  /** The horizon, ms; rounded to whole steps of the data (at least one) for the comparison. @defaultValue one day */
  readonly horizonMs?: number;
}

/**
 * Out-of-sample comparison of the AR(1) mean-reversion forecast of the log rate with the random walk.
 * At each of the last origins (up to 1,000), the AR(1) is fitted by least squares on every log rate
 * up to the origin (at least 250), both models forecast `h` steps ahead, and the squared errors are
 * compared with the Diebold–Mariano test (Newey–West variance with h − 1 lags, one-sided at 5%).
 *
 * @param series - the history
 * @param options - the horizon
 * @returns the errors, the statistic and whether the candidate beats the random walk
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for a bad horizon
 * @public
 */
export function comparePointForecast(
  series: RateSeries,
  options: PointForecastComparisonOptions = {},
): PointForecastComparison {
  const returns = logReturns(series);
  const horizonMs = requireInRange(
    options.horizonMs ?? DAY_MS,
    0,
    Number.MAX_SAFE_INTEGER,
    'comparePointForecast',
    'horizonMs',
  );
  const h = Math.max(1, Math.round(horizonMs / returns.stepMs));
  const logs = logsOf(series);
  const n = logs.length;
  const firstOrigin = Math.max(ESTIMATION_MIN, n - h - COMPARISON_ORIGINS_MAX);
  const differences: number[] = [];
  let candidate = 0;
  let randomWalk = 0;
  // Running sums make the expanding-window least squares O(n).
  const sums = { x: 0, y: 0, xx: 0, xy: 0, count: 0 };
  for (let i = 1; i <= firstOrigin; i++) addPair(sums, logs[i - 1] as number, logs[i] as number);
  for (let origin = firstOrigin; origin + h < n; origin++) {
    const fit = fromSums(sums);
    const x = logs[origin] as number;
    const actual = logs[origin + h] as number;
    const forecast = fit.mean + fit.phi ** h * (x - fit.mean);
    const ec = (actual - forecast) ** 2;
    const er = (actual - x) ** 2;
    candidate += ec;
    randomWalk += er;
    differences.push(er - ec);
    addPair(sums, x, logs[origin + 1] as number);
  }
  const count = differences.length;
  const mean = count === 0 ? 0 : differences.reduce((a, b) => a + b, 0) / count;
  let variance = 0;
  for (let lag = 0; lag < Math.min(h, count); lag++) {
    let total = 0;
    for (let i = lag; i < count; i++)
      total += ((differences[i] as number) - mean) * ((differences[i - lag] as number) - mean);
    const gamma = total / count;
    variance += lag === 0 ? gamma : 2 * (1 - lag / h) * gamma;
  }
  const statistic = variance > 0 && count > 1 ? mean / Math.sqrt(variance / count) : 0;
  const pValue = 1 - normalCdf(statistic);
  return {
    model: 'meanReversion',
    forecasts: count,
    candidateMeanSquaredErrorScore: count === 0 ? Number.NaN : candidate / count,
    randomWalkMeanSquaredErrorScore: count === 0 ? Number.NaN : randomWalk / count,
    dieboldMarianoScore: statistic,
    pValue,
    beatsRandomWalk: count > 1 && pValue < 0.05,
  };
}

function logsOf(series: RateSeries): Float64Array {
  const floats = seriesFloats(series, 'forecastRate');
  for (let i = 0; i < floats.length; i++) floats[i] = Math.log(floats[i] as number);
  return floats;
}

interface Sums {
  x: number;
  y: number;
  xx: number;
  xy: number;
  count: number;
}

function addPair(s: Sums, x: number, y: number): void {
  s.x += x;
  s.y += y;
  s.xx += x * x;
  s.xy += x * y;
  s.count++;
}

/** yₜ₊₁ = a + φ·yₜ: φ and the mean a / (1 − φ); a φ at or above 1 is a random walk. */
function fromSums(s: Sums): { phi: number; mean: number } {
  const mx = s.x / s.count;
  const my = s.y / s.count;
  const sxx = s.xx - s.count * mx * mx;
  const sxy = s.xy - s.count * mx * my;
  const phi = sxx > 0 ? sxy / sxx : 1;
  if (!(phi < 1) || !(phi > -1)) return { phi: 1, mean: 0 };
  const a = my - phi * mx;
  return { phi, mean: a / (1 - phi) };
}

function ar1(logs: Float64Array, from: number, to: number): { phi: number; mean: number } {
  const sums = { x: 0, y: 0, xx: 0, xy: 0, count: 0 };
  for (let i = from + 1; i < to; i++) addPair(sums, logs[i - 1] as number, logs[i] as number);
  return fromSums(sums);
}
