/**
 * The quietest time of day to execute, from an intraday history.
 *
 * @packageDocumentation
 */
import { requireInRange, requireInteger } from './_internal/checks';
import { DAY_MS, toEpochMs } from './_internal/time';
import { InsufficientHistoryError, RiskErrorCodes, RiskOptionsError } from './errors';
import { DEFAULT_EWMA_LAMBDA } from './ewma';
import { logReturns } from './log-returns';
import type { ExecutionWindow, ExecutionWindowOptions, RateSeries } from './types';

const HOUR_MS = 3_600_000;
const TIE_TOLERANCE = 1e-9;

/**
 * Finds, within `[now, now + horizonMs]`, the time-of-day bucket (UTC) with the lowest expected
 * volatility. Each intraday return is assigned to the bucket in which it starts; per day, a bucket's
 * variance is the sum of its squared returns; across days the per-bucket variance is an EWMA with decay
 * `lambda` per day. Candidates are the bucket containing `now` and every later bucket that fits whole
 * in the horizon; ties (within a relative 1e-9) go to the earliest. Weekdays are not distinguished (a time-of-day profile).
 *
 * @param intraday - an intraday rate history (for example hourly or 5-minute rates)
 * @param options - now, horizon, bucket width, decay
 * @returns the window, its expected volatility and the improvement over now
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) when a candidate bucket has no data
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for a bucket that does not divide a day, or
 *   data coarser than the bucket
 * @example
 * ```ts
 * findExecutionWindow(hourly, { now: '2026-04-13T06:10:00Z', horizonMs: 6 * 3_600_000 });
 * // { start: …T09:00Z, end: …T10:00Z, expectedVolatility, currentVolatility, improvementScore }
 * ```
 * @public
 */
export function findExecutionWindow(intraday: RateSeries, options: ExecutionWindowOptions): ExecutionWindow {
  const now = toEpochMs(options.now, 'findExecutionWindow', ['now']);
  const horizonMs = requireInRange(
    options.horizonMs,
    0,
    Number.MAX_SAFE_INTEGER,
    'findExecutionWindow',
    'horizonMs',
  );
  const bucketMs = requireInteger(options.bucketMs ?? HOUR_MS, 60_000, 'findExecutionWindow', 'bucketMs');
  const lambda = requireInRange(options.lambda ?? DEFAULT_EWMA_LAMBDA, 0, 1, 'findExecutionWindow', 'lambda');
  if (DAY_MS % bucketMs !== 0) {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] findExecutionWindow: bucketMs: expected a divisor of one day, got ${bucketMs}`,
      { path: ['bucketMs'] },
    );
  }
  const returns = logReturns(intraday);
  if (returns.stepMs > bucketMs) {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] findExecutionWindow: the data's step (${returns.stepMs} ms) is coarser than the bucket (${bucketMs} ms); pass finer data or a wider bucket`,
      { path: ['bucketMs'] },
    );
  }
  const buckets = DAY_MS / bucketMs;
  const estimate = new Float64Array(buckets).fill(Number.NaN);
  const dayTotal = new Float64Array(buckets);
  const dayOf = new Float64Array(buckets).fill(Number.NaN);
  const fold = (b: number): void => {
    const observed = dayTotal[b] as number;
    const previous = estimate[b] as number;
    estimate[b] = Number.isNaN(previous) ? observed : lambda * previous + (1 - lambda) * observed;
    dayTotal[b] = 0;
  };
  for (let i = 0; i < returns.values.length; i++) {
    const startMs = (returns.times[i] as number) - returns.stepMs;
    const day = Math.floor(startMs / DAY_MS);
    const b = Math.floor((startMs - day * DAY_MS) / bucketMs);
    if (dayOf[b] !== day) {
      if (!Number.isNaN(dayOf[b] as number)) fold(b);
      dayOf[b] = day;
    }
    dayTotal[b] = (dayTotal[b] as number) + (returns.values[i] as number) ** 2;
  }
  for (let b = 0; b < buckets; b++) if (!Number.isNaN(dayOf[b] as number)) fold(b);

  const volatilityAt = (time: number): number => {
    const b = Math.floor((((time % DAY_MS) + DAY_MS) % DAY_MS) / bucketMs);
    const v = estimate[b] as number;
    if (Number.isNaN(v)) {
      throw new InsufficientHistoryError(
        RiskErrorCodes.INSUFFICIENT_HISTORY,
        `[deltran/risk] findExecutionWindow: no intraday data in the bucket starting ${new Date(time - (time % bucketMs)).toISOString().slice(11, 16)} UTC`,
      );
    }
    return Math.sqrt(v);
  };
  const currentVolatility = volatilityAt(now);
  let bestStart = now;
  let bestEnd = Math.min(now + horizonMs, now - (now % bucketMs) + bucketMs);
  let best = currentVolatility;
  for (
    let start = now - (now % bucketMs) + bucketMs;
    start + bucketMs <= now + horizonMs;
    start += bucketMs
  ) {
    const v = volatilityAt(start);
    // Volatilities within a relative 1e-9 are a tie (rates carry finite digits), and ties go to the earliest.
    if (v < best * (1 - TIE_TOLERANCE)) {
      best = v;
      bestStart = start;
      bestEnd = start + bucketMs;
    }
  }
  return {
    start: bestStart,
    end: bestEnd,
    expectedVolatility: best,
    currentVolatility,
    improvementScore: currentVolatility > 0 ? 1 - best / currentVolatility : 0,
  };
}
