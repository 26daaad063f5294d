/**
 * Rolling out-of-sample backtest of a one-step VaR model.
 *
 * @packageDocumentation
 */
import { requireInRange, requireInteger } from './_internal/checks';
import {
  filterVariances,
  historyMin,
  oneStepThreshold,
  requireSide,
  resolveModel,
  standardisedResiduals,
} from './_internal/engine';
import { baselTrafficLight } from './basel-traffic-light';
import { christoffersenTest } from './christoffersen-test';
import { InsufficientHistoryError, RiskErrorCodes } from './errors';
import { kupiecTest } from './kupiec-test';
import type { GarchParams, ReturnSeries, VarBacktestOptions, VarBacktestResult } from './types';

const BASEL_WINDOW = 250;

/**
 * Backtests a model's one-step VaR over the last `window` returns: for each tested day t, the model is
 * estimated on the returns strictly before t (GARCH parameters refitted every `refitEvery` days on all
 * the returns before the block), and day t is an exception when its loss exceeds the VaR. Then Kupiec,
 * Christoffersen and the Basel traffic light (over the window, and over its last 250 days).
 *
 * @param returns - the history, from `logReturns`
 * @param options - model, confidence, side, window, refit frequency, significance
 * @returns exceptions and test results
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) when fewer than the model's minimum
 *   history (30 returns for EWMA, 100 for a fitted GARCH or FHS) precede the window
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for bad options
 * @example
 * ```ts
 * const r = backtestVar(logReturns(eurUsd), { model: { kind: 'fhs' }, side: 'long' });
 * r.kupiec.pValue; r.trafficLight.zone;
 * ```
 * @public
 */
export function backtestVar(returns: ReturnSeries, options: VarBacktestOptions): VarBacktestResult {
  const model = resolveModel(options.model, 'backtestVar');
  const side = requireSide(options.side, 'backtestVar');
  const confidence = requireInRange(options.confidence ?? 0.99, 0.5, 1, 'backtestVar', 'confidence');
  const significance = requireInRange(options.significance ?? 0.05, 0, 1, 'backtestVar', 'significance');
  const window = requireInteger(options.window ?? 1000, 2, 'backtestVar', 'window');
  const refitEvery = requireInteger(options.refitEvery ?? 50, 1, 'backtestVar', 'refitEvery');
  const values = returns.values;
  const n = values.length;
  const start = n - window;
  const needed = historyMin(model);
  if (start < needed) {
    throw new InsufficientHistoryError(
      RiskErrorCodes.INSUFFICIENT_HISTORY,
      `[deltran/risk] backtestVar: ${model.name} needs ${needed} returns before a ${window}-day window, got ${Math.max(0, start)}`,
    );
  }
  const p = 1 - confidence;
  const hits: boolean[] = new Array(window);
  const exceptionTimes: number[] = [];
  const refits = model.filter === 'garch' && model.params === undefined;
  let variances: Float64Array | undefined;
  let params: GarchParams | undefined;
  for (let t = start; t < n; t++) {
    if (variances === undefined || (refits && (t - start) % refitEvery === 0)) {
      const filtered = filterVariances(model, values, t);
      variances = filtered.variances;
      params = filtered.params;
    }
    const residuals =
      model.kind === 'fhs' ? standardisedResiduals(values, variances, t, model.window) : undefined;
    const threshold = oneStepThreshold(model, params, residuals, variances[t] as number, p, side);
    const r = values[t] as number;
    const hit = side === 'long' ? r < -threshold : r > threshold;
    hits[t - start] = hit;
    if (hit) exceptionTimes.push(returns.times[t] as number);
  }
  const exceptions = exceptionTimes.length;
  const last = hits.slice(-BASEL_WINDOW);
  const lastExceptions = last.reduce((count, hit) => count + (hit ? 1 : 0), 0);
  return {
    model: model.name,
    side,
    confidence,
    from: returns.times[start] as number,
    to: returns.times[n - 1] as number,
    exceptionTimes,
    kupiec: kupiecTest(exceptions, window, confidence, significance),
    christoffersen: christoffersenTest(hits, confidence, significance),
    trafficLight: baselTrafficLight(exceptions, window, confidence),
    trafficLightLast250: baselTrafficLight(lastExceptions, last.length, confidence),
  };
}
