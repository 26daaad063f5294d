/**
 * The Basel Committee's traffic light for VaR backtests.
 *
 * @packageDocumentation
 */
import { requireInRange, requireInteger } from './_internal/checks';
import { binomialCdf } from './_internal/special';
import { RiskErrorCodes, RiskOptionsError } from './errors';
import type { TrafficLightResult } from './types';

/** Cumulative probability from which a count is yellow (Basel: 95%). @public */
export const TRAFFIC_LIGHT_YELLOW = 0.95;
/** Cumulative probability from which a count is red (Basel: 99.99%). @public */
export const TRAFFIC_LIGHT_RED = 0.9999;

// Basel Committee, "Supervisory framework for the use of backtesting in conjunction with the internal
// models approach to market risk capital requirements" (1996), Table 2: plus factor by exceptions in
// 250 days at 99%.
const PLUS_FACTORS_250 = [0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85];

/**
 * The zone of an exception count: green while P(X ≤ exceptions) < 95%, yellow below 99.99%, red from
 * there, with X ~ Binomial(observations, 1 − confidence). For 250 days at 99% this is the Basel table
 * (green 0–4, yellow 5–9, red 10+), and the plus factor is given.
 *
 * @param exceptions - exceptions counted
 * @param observations - days tested @defaultValue 250
 * @param confidence - the VaR confidence @defaultValue 0.99
 * @returns the zone, the cumulative probability and (for 250 days at 99%) the plus factor
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for counts or levels out of range
 * @example
 * ```ts
 * baselTrafficLight(5).zone; // 'yellow' (P(X ≤ 5) = 95.88%), plusFactor 0.4
 * ```
 * @public
 */
export function baselTrafficLight(
  exceptions: number,
  observations = 250,
  confidence = 0.99,
): TrafficLightResult {
  const n = requireInteger(observations, 1, 'baselTrafficLight', 'observations');
  const x = requireInteger(exceptions, 0, 'baselTrafficLight', 'exceptions');
  if (x > n) {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] baselTrafficLight: exceptions: expected at most ${n}, got ${x}`,
      { path: ['exceptions'] },
    );
  }
  requireInRange(confidence, 0, 1, 'baselTrafficLight', 'confidence');
  const cumulativeProbability = binomialCdf(x, n, 1 - confidence);
  const zone =
    cumulativeProbability < TRAFFIC_LIGHT_YELLOW
      ? 'green'
      : cumulativeProbability < TRAFFIC_LIGHT_RED
        ? 'yellow'
        : 'red';
  const basel = n === 250 && Math.abs(confidence - 0.99) < 1e-12;
  return {
    zone,
    cumulativeProbability,
    ...(basel ? { plusFactor: PLUS_FACTORS_250[x] ?? 1 } : {}),
  };
}
