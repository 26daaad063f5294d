/**
 * Christoffersen's independence and conditional coverage tests of a VaR model.
 *
 * @packageDocumentation
 */
import { requireInRange } from './_internal/checks';
import { chiSquareSurvival } from './_internal/special';
import { RiskErrorCodes, RiskOptionsError } from './errors';
import { kupiecTest, xLogY } from './kupiec-test';
import type { ChristoffersenResult } from './types';

/**
 * Christoffersen (1998): do exceptions cluster? Counts the transitions nᵢⱼ of the hit sequence (state i
 * one day, j the next) and compares a first-order Markov chain with independent hits:
 * LR_ind = −2·ln[(1 − π)^(n00+n10)·π^(n01+n11)] + 2·ln[(1 − π01)^n00·π01^n01·(1 − π11)^n10·π11^n11], χ²(1);
 * the conditional coverage LR_cc = LR_pof (Kupiec, over all days) + LR_ind, χ²(2).
 *
 * @param hits - one entry per tested day, `true` for an exception, in time order (at least two)
 * @param confidence - the VaR confidence
 * @param significance - the test size @defaultValue 0.05
 * @returns the counts, statistics, p-values and decisions
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for fewer than two days or levels out of range
 * @example
 * ```ts
 * christoffersenTest([false, true, true, false], 0.99).transitions; // { n00: 0, n01: 1, n10: 1, n11: 1 }
 * ```
 * @public
 */
export function christoffersenTest(
  hits: readonly boolean[],
  confidence: number,
  significance = 0.05,
): ChristoffersenResult {
  if (!Array.isArray(hits) || hits.length < 2) {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      '[deltran/risk] christoffersenTest: hits: expected at least two days',
      { path: ['hits'] },
    );
  }
  requireInRange(confidence, 0, 1, 'christoffersenTest', 'confidence');
  requireInRange(significance, 0, 1, 'christoffersenTest', 'significance');
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  let exceptions = 0;
  for (let i = 0; i < hits.length; i++) {
    if (hits[i]) exceptions++;
    if (i === 0) continue;
    const before = hits[i - 1] === true;
    const now = hits[i] === true;
    if (before) {
      if (now) n11++;
      else n10++;
    } else if (now) n01++;
    else n00++;
  }
  const pi01 = n00 + n01 === 0 ? 0 : n01 / (n00 + n01);
  const pi11 = n10 + n11 === 0 ? 0 : n11 / (n10 + n11);
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  const independent = xLogY(n00 + n10, 1 - pi) + xLogY(n01 + n11, pi);
  const markov = xLogY(n00, 1 - pi01) + xLogY(n01, pi01) + xLogY(n10, 1 - pi11) + xLogY(n11, pi11);
  const independenceRatio = Math.max(0, -2 * (independent - markov));
  const kupiec = kupiecTest(exceptions, hits.length, confidence, significance);
  const conditionalCoverageRatio = kupiec.likelihoodRatio + independenceRatio;
  const independencePValue = chiSquareSurvival(independenceRatio, 1);
  const conditionalCoveragePValue = chiSquareSurvival(conditionalCoverageRatio, 2);
  return {
    transitions: { n00, n01, n10, n11 },
    independenceRatio,
    independencePValue,
    conditionalCoverageRatio,
    conditionalCoveragePValue,
    independenceRejected: independencePValue < significance,
    conditionalCoverageRejected: conditionalCoveragePValue < significance,
  };
}
