/**
 * Empirical quantiles (Hyndman–Fan type 7, the linear interpolation of R's default and NumPy's).
 * @internal
 */

/** Quantile `p` of values already sorted ascending. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
