/**
 * Kupiec's proportion-of-failures test of a VaR model.
 *
 * @packageDocumentation
 */
import { requireInRange, requireInteger } from './_internal/checks';
import { chiSquareSurvival } from './_internal/special';
import { RiskErrorCodes, RiskOptionsError } from './errors';
import type { KupiecResult } from './types';

/**
 * Kupiec (1995) proportion of failures: is the exception rate x / n consistent with 1 − confidence?
 *
 * LR = −2·ln[(1 − p)ⁿ⁻ˣ·pˣ] + 2·ln[(1 − x/n)ⁿ⁻ˣ·(x/n)ˣ] with p = 1 − confidence (0·ln 0 = 0),
 * χ²(1) under the null.
 *
 * @param exceptions - number of losses beyond the VaR
 * @param observations - number of days tested, > 0
 * @param confidence - the VaR confidence, for example 0.99
 * @param significance - the test size @defaultValue 0.05
 * @returns the statistic, its p-value and whether correct coverage is rejected
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for counts or levels out of range
 * @example
 * ```ts
 * kupiecTest(10, 1000, 0.99).pValue; // 1: exactly the expected count
 * kupiecTest(20, 1000, 0.99).rejected; // true (LR ≈ 7.8, p ≈ 0.005)
 * ```
 * @public
 */
export function kupiecTest(
  exceptions: number,
  observations: number,
  confidence: number,
  significance = 0.05,
): KupiecResult {
  const n = requireInteger(observations, 1, 'kupiecTest', 'observations');
  const x = requireInteger(exceptions, 0, 'kupiecTest', 'exceptions');
  if (x > n) {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] kupiecTest: exceptions: expected at most ${n} (the observations), got ${x}`,
      { path: ['exceptions'] },
    );
  }
  requireInRange(confidence, 0, 1, 'kupiecTest', 'confidence');
  requireInRange(significance, 0, 1, 'kupiecTest', 'significance');
  const p = 1 - confidence;
  const rate = x / n;
  const null0 = xLogY(n - x, 1 - p) + xLogY(x, p);
  const alternative = xLogY(n - x, 1 - rate) + xLogY(x, rate);
  const likelihoodRatio = Math.max(0, -2 * (null0 - alternative));
  const pValue = chiSquareSurvival(likelihoodRatio, 1);
  return {
    observations: n,
    exceptions: x,
    expectedExceptions: n * p,
    likelihoodRatio,
    pValue,
    rejected: pValue < significance,
  };
}

/** x·ln y with 0·ln 0 = 0. @internal */
export function xLogY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
