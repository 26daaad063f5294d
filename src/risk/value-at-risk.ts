/**
 * Value at risk and expected shortfall of an FX position.
 *
 * @packageDocumentation
 */
import { requireInRange } from './_internal/checks';
import {
  filterVariances,
  historyMin,
  horizonVariance,
  innovationLowerTailMean,
  innovationQuantile,
  nextVariance,
  type ResolvedModel,
  requireSide,
  resolveModel,
  standardisedResiduals,
} from './_internal/engine';
import { decimalText, scaleAmount } from './_internal/format';
import { sortedQuantile } from './_internal/quantile';
import { DAY_MS } from './_internal/time';
import { uniformIndexes } from './_internal/uniform';
import { InsufficientHistoryError, RiskErrorCodes, RiskOptionsError } from './errors';
import type { GarchParams, PositionSide, ReturnSeries, ValueAtRiskOptions, ValueAtRiskResult } from './types';

/** Significant digits of the VaR and ES fractions returned. */
const FRACTION_DIGITS = 10;

/**
 * The loss not exceeded with probability `confidence` over the horizon (VaR), and the mean loss beyond it
 * (expected shortfall), as fractions of the position's value and, with `position`, as amounts.
 *
 * The models work on log returns r: a long position loses 1 − eʳ, a short one eʳ − 1. Parametric models
 * (EWMA, GARCH) take the innovation quantile times the horizon volatility; their ES is the tail mean in
 * log space mapped the same way (a Jensen approximation of order σ²). Filtered historical simulation
 * takes the empirical quantile and tail of the standardised residuals, exactly mapped.
 *
 * Horizons: `h = horizonMs / returns.stepMs` steps. Below one step the one-step volatility is scaled by
 * √h (the square-root-of-time rule: variance spread evenly over the step); above one step EWMA scales by
 * √h, GARCH sums its variance term structure, and FHS bootstraps ⌈h⌉ steps of residuals through the
 * filter (which needs `random`).
 *
 * @param returns - the history, from `logReturns`
 * @param options - model, confidence, side, horizon, position, random source
 * @returns the estimate
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) when the history is too short for the model
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`, `RISK_RANDOM_SOURCE_REQUIRED`) for bad options
 * @example
 * ```ts
 * valueAtRisk(logReturns(eurUsd), { model: { kind: 'fhs' }, confidence: 0.99, side: 'long',
 *   position: money('1000000.00', 'EUR') }).valueAtRiskAmount; // about 13 000 EUR on a calm day
 * ```
 * @public
 */
export function valueAtRisk(returns: ReturnSeries, options: ValueAtRiskOptions): ValueAtRiskResult {
  const model = resolveModel(options.model, 'valueAtRisk');
  const confidence = requireInRange(options.confidence, 0.5, 1, 'valueAtRisk', 'confidence');
  const side = requireSide(options.side, 'valueAtRisk');
  const horizonMs = requireInRange(
    options.horizonMs ?? DAY_MS,
    0,
    Number.MAX_SAFE_INTEGER,
    'valueAtRisk',
    'horizonMs',
  );
  const values = returns.values;
  const n = values.length;
  if (n < historyMin(model)) {
    throw new InsufficientHistoryError(
      RiskErrorCodes.INSUFFICIENT_HISTORY,
      `[deltran/risk] valueAtRisk: ${model.name} needs at least ${historyMin(model)} returns, got ${n}`,
    );
  }
  const steps = horizonMs / returns.stepMs;
  const { variances, params } = filterVariances(model, values, n);
  const next = variances[n] as number;
  const tail = oneStepTail(model, params, values, variances, n, confidence, side, steps, options);
  const valueAtRiskText = decimalText(tail.loss, FRACTION_DIGITS);
  const expectedShortfallText = decimalText(tail.shortfall, FRACTION_DIGITS);
  return {
    model: model.name,
    confidence,
    side,
    horizonMs,
    horizonSteps: steps,
    stepVolatility: Math.sqrt(next),
    horizonVolatility: tail.horizonVolatility,
    valueAtRisk: valueAtRiskText,
    expectedShortfall: expectedShortfallText,
    ...(options.position === undefined
      ? {}
      : {
          valueAtRiskAmount: scaleAmount(options.position, valueAtRiskText),
          expectedShortfallAmount: scaleAmount(options.position, expectedShortfallText),
        }),
  };
}

/** Loss fractions of one estimate. */
interface Tail {
  readonly loss: number;
  readonly shortfall: number;
  readonly horizonVolatility: number;
}

function oneStepTail(
  model: ResolvedModel,
  params: GarchParams | undefined,
  values: Float64Array,
  variances: Float64Array,
  end: number,
  confidence: number,
  side: PositionSide,
  steps: number,
  options: ValueAtRiskOptions,
): Tail {
  const p = 1 - confidence;
  const next = variances[end] as number;
  if (model.kind !== 'fhs') {
    const sigma = Math.sqrt(horizonVariance(model, params, next, steps));
    // Symmetric innovations: the short side's quantile is the mirror of the long side's.
    const q = -innovationQuantile(model, params, p) * sigma;
    const m = -innovationLowerTailMean(model, params, p) * sigma;
    return side === 'long'
      ? { loss: -Math.expm1(-q), shortfall: -Math.expm1(-m), horizonVolatility: sigma }
      : { loss: Math.expm1(q), shortfall: Math.expm1(m), horizonVolatility: sigma };
  }
  const residuals = standardisedResiduals(values, variances, end, model.window);
  if (steps <= 1) {
    const sigma = Math.sqrt(next * steps);
    return fromSortedLogReturns(scaled(residuals, sigma), p, side, sigma);
  }
  if (options.random === undefined) {
    throw new RiskOptionsError(
      RiskErrorCodes.RANDOM_SOURCE_REQUIRED,
      `[deltran/risk] valueAtRisk: ${model.name} over ${steps.toFixed(2)} steps bootstraps residuals: pass a random source (createSeededRandom(seed) in tests)`,
      { path: ['random'] },
    );
  }
  const sums = bootstrapSums(model, params, residuals, next, steps, options.random);
  let mean = 0;
  let square = 0;
  for (let i = 0; i < sums.length; i++) {
    mean += sums[i] as number;
    square += (sums[i] as number) ** 2;
  }
  mean /= sums.length;
  const sigma = Math.sqrt(Math.max(0, square / sums.length - mean * mean));
  return fromSortedLogReturns(sums.sort(), p, side, sigma);
}

function scaled(sorted: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) out[i] = (sorted[i] as number) * factor;
  return out;
}

/** Loss fractions from sorted simulated log returns over the horizon. */
function fromSortedLogReturns(sorted: Float64Array, p: number, side: PositionSide, sigma: number): Tail {
  if (side === 'long') {
    const q = sortedQuantile(sorted, p);
    let total = 0;
    let count = 0;
    for (let i = 0; i < sorted.length && (sorted[i] as number) <= q; i++, count++)
      total += -Math.expm1(sorted[i] as number);
    const loss = -Math.expm1(q);
    return { loss, shortfall: count === 0 ? loss : total / count, horizonVolatility: sigma };
  }
  const q = sortedQuantile(sorted, 1 - p);
  let total = 0;
  let count = 0;
  for (let i = sorted.length - 1; i >= 0 && (sorted[i] as number) >= q; i--, count++)
    total += Math.expm1(sorted[i] as number);
  const loss = Math.expm1(q);
  return { loss, shortfall: count === 0 ? loss : total / count, horizonVolatility: sigma };
}

/** Filtered historical simulation over more than one step: residuals drawn with replacement, pushed through the filter. */
function bootstrapSums(
  model: ResolvedModel,
  params: GarchParams | undefined,
  residuals: Float64Array,
  next: number,
  steps: number,
  random: ValueAtRiskOptions['random'] & object,
): Float64Array {
  const whole = Math.ceil(steps);
  const lastFraction = steps - (whole - 1);
  const paths = model.paths;
  const draws = uniformIndexes(random, paths * whole, residuals.length);
  const sums = new Float64Array(paths);
  for (let path = 0; path < paths; path++) {
    let variance = next;
    let sum = 0;
    for (let k = 0; k < whole; k++) {
      const z = residuals[draws[path * whole + k] as number] as number;
      const r = Math.sqrt(variance) * z;
      sum += k === whole - 1 ? r * Math.sqrt(lastFraction) : r;
      variance = nextVariance(model, params, variance, r);
    }
    sums[path] = sum;
  }
  return sums;
}
