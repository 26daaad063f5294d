/**
 * Synthetic rate series for the risk tests, built from returns whose answers are known by hand.
 * @internal
 */
import type { RateSeries } from 'deltran/risk';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A series starting at `start` (1.0 by default) whose log returns are `returns`, one per `stepMs`. */
export function seriesFromReturns(
  returns: readonly number[],
  options: { base?: string; quote?: string; start?: number; t0?: number; stepMs?: number } = {},
): RateSeries {
  const t0 = options.t0 ?? Date.UTC(2020, 0, 1);
  const step = options.stepMs ?? DAY_MS;
  let log = Math.log(options.start ?? 1);
  const times = [t0];
  const rates = [Math.exp(log).toPrecision(15)];
  returns.forEach((r, i) => {
    log += r;
    times.push(t0 + (i + 1) * step);
    rates.push(Math.exp(log).toPrecision(15));
  });
  return { base: options.base ?? 'EUR', quote: options.quote ?? 'USD', times, rates };
}

/** n returns alternating +size, −size. */
export function alternating(n: number, size: number): number[] {
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? size : -size));
}

/**
 * An hourly series over `days` days whose return in hour h of the day has size `sizeByHour(h)` and
 * alternating sign, so every day's squared return in bucket h is sizeByHour(h)².
 */
export function hourlySeries(
  days: number,
  sizeByHour: (hour: number) => number,
  t0 = Date.UTC(2024, 0, 1),
): RateSeries {
  const returns: number[] = [];
  for (let k = 0; k < days * 24; k++) returns.push((k % 2 === 0 ? 1 : -1) * sizeByHour(k % 24));
  return seriesFromReturns(returns, { t0, stepMs: HOUR_MS, start: 1.1 });
}

/** Quiet Asian hours, a busy London/New York overlap, a calmer evening. */
export function sessionProfile(hour: number): number {
  if (hour < 7) return 0.001;
  if (hour < 17) return 0.004;
  return 0.002;
}
