/**
 * RiskMetrics exponentially weighted moving average (EWMA) volatility.
 *
 * @packageDocumentation
 */
import { requireInRange, requireInteger } from './_internal/checks';
import { InsufficientHistoryError, RiskErrorCodes } from './errors';

/** Options of {@link ewmaVariances} and {@link ewmaVolatility}. @public */
export interface EwmaOptions {
  /** Decay factor λ, 0 < λ < 1. @defaultValue 0.94 (RiskMetrics, daily data) */
  readonly lambda?: number;
  /**
   * The variance before the first return. @defaultValue the mean squared return of the first `warmup`
   * returns (a look-ahead of `warmup` returns whose weight after n steps is λⁿ, negligible in a backtest
   * that starts hundreds of returns later)
   */
  readonly initialVariance?: number;
  /** Returns averaged for the default initial variance. @defaultValue 30 */
  readonly warmup?: number;
}

/** RiskMetrics' daily decay factor. @public */
export const DEFAULT_EWMA_LAMBDA = 0.94;
const DEFAULT_WARMUP = 30;

/**
 * The EWMA variance forecasts σ²ₜ = λ·σ²ₜ₋₁ + (1 − λ)·r²ₜ₋₁ (zero mean, as RiskMetrics).
 *
 * @param returns - log returns, oldest first (for example `logReturns(series).values`)
 * @param options - λ and the start
 * @returns n + 1 variances: element t is the forecast for return t made with the returns before it, and
 *   element n the forecast for the next, unseen return
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) for no returns
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for λ outside (0, 1) or a negative start
 * @example
 * ```ts
 * ewmaVariances([0.01, -0.02], { lambda: 0.9, initialVariance: 0.0001 });
 * // [0.0001, 0.0001, 0.00013]: 0.9·0.0001 + 0.1·0.0001, then 0.9·0.0001 + 0.1·0.0004
 * ```
 * @public
 */
export function ewmaVariances(returns: ArrayLike<number>, options: EwmaOptions = {}): Float64Array {
  const lambda = requireInRange(options.lambda ?? DEFAULT_EWMA_LAMBDA, 0, 1, 'ewmaVariances', 'lambda');
  const n = returns.length;
  if (n === 0) {
    throw new InsufficientHistoryError(
      RiskErrorCodes.INSUFFICIENT_HISTORY,
      '[deltran/risk] ewmaVariances: expected at least one return, got none',
    );
  }
  let variance: number;
  if (options.initialVariance !== undefined) {
    variance = requireInRange(
      options.initialVariance,
      0,
      Number.MAX_VALUE,
      'ewmaVariances',
      'initialVariance',
      true,
    );
  } else {
    const warmup = Math.min(
      n,
      requireInteger(options.warmup ?? DEFAULT_WARMUP, 1, 'ewmaVariances', 'warmup'),
    );
    let total = 0;
    for (let i = 0; i < warmup; i++) total += (returns[i] as number) ** 2;
    variance = total / warmup;
  }
  const out = new Float64Array(n + 1);
  const keep = 1 - lambda;
  out[0] = variance;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    variance = lambda * variance + keep * r * r;
    out[i + 1] = variance;
  }
  return out;
}

/**
 * The EWMA volatility forecast for the step after the last return: √(last of {@link ewmaVariances}).
 *
 * @param returns - log returns, oldest first
 * @param options - λ and the start
 * @returns the one-step volatility (a fraction per step of the data)
 * @throws as {@link ewmaVariances}
 * @public
 */
export function ewmaVolatility(returns: ArrayLike<number>, options: EwmaOptions = {}): number {
  const variances = ewmaVariances(returns, options);
  return Math.sqrt(variances[variances.length - 1] as number);
}
