/**
 * The volatility models behind `valueAtRisk`, `backtestVar`, `forecastRate` and `assessRisk`: one place
 * resolves a {@link VolatilityModel} and produces its variance forecasts and standardised quantiles.
 * @internal
 */

import { RiskErrorCodes, RiskOptionsError } from '../errors';
import { DEFAULT_EWMA_LAMBDA, ewmaVariances } from '../ewma';
import { fitGarch, GARCH_OBSERVATIONS_MIN, garchHorizonVariance, garchVariances } from '../garch';
import type { GarchDistribution, GarchParams, PositionSide, VolatilityModel } from '../types';
import { requireInRange, requireInteger } from './checks';
import { sortedQuantile } from './quantile';
import { normalDensity, normalQuantile, studentTDensity, studentTQuantile } from './special';

/** A model with every default filled in. */
export interface ResolvedModel {
  readonly kind: 'ewma' | 'garch' | 'fhs';
  readonly filter: 'ewma' | 'garch';
  readonly lambda: number;
  readonly distribution: GarchDistribution;
  readonly params: GarchParams | undefined;
  readonly window: number;
  readonly paths: number;
  readonly name: string;
}

/** Default size of the filtered historical simulation's residual window. */
export const DEFAULT_FHS_WINDOW = 1000;
/** Default bootstrap paths of the filtered historical simulation. */
export const DEFAULT_FHS_PATHS = 10_000;

/** Fills the defaults of a model and checks its options. */
export function resolveModel(model: VolatilityModel, where: string): ResolvedModel {
  if (typeof model !== 'object' || model === null) {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] ${where}: model: expected { kind: "ewma" | "garch" | "fhs", … }`,
      { path: ['model'] },
    );
  }
  switch (model.kind) {
    case 'ewma': {
      const lambda = requireInRange(model.lambda ?? DEFAULT_EWMA_LAMBDA, 0, 1, where, 'lambda');
      return {
        kind: 'ewma',
        filter: 'ewma',
        lambda,
        distribution: 'normal',
        params: undefined,
        window: 0,
        paths: 0,
        name: `ewma(${lambda})`,
      };
    }
    case 'garch': {
      const resolved: GarchDistribution =
        model.distribution ?? (model.params?.nu !== undefined ? 'studentT' : 'normal');
      if (resolved !== 'normal' && resolved !== 'studentT') {
        throw new RiskOptionsError(
          RiskErrorCodes.INVALID_OPTIONS,
          `[deltran/risk] ${where}: distribution: expected "normal" or "studentT", got ${String(resolved)}`,
          { path: ['model', 'distribution'] },
        );
      }
      return {
        kind: 'garch',
        filter: 'garch',
        lambda: DEFAULT_EWMA_LAMBDA,
        distribution: resolved,
        params: model.params,
        window: 0,
        paths: 0,
        name: `garch(1,1)-${resolved === 'normal' ? 'normal' : 't'}`,
      };
    }
    case 'fhs': {
      const filter = model.filter ?? 'ewma';
      if (filter !== 'ewma' && filter !== 'garch') {
        throw new RiskOptionsError(
          RiskErrorCodes.INVALID_OPTIONS,
          `[deltran/risk] ${where}: filter: expected "ewma" or "garch", got ${String(filter)}`,
          { path: ['model', 'filter'] },
        );
      }
      const lambda = requireInRange(model.lambda ?? DEFAULT_EWMA_LAMBDA, 0, 1, where, 'lambda');
      const window = requireInteger(model.window ?? DEFAULT_FHS_WINDOW, 50, where, 'window');
      const paths = requireInteger(model.paths ?? DEFAULT_FHS_PATHS, 100, where, 'paths');
      return {
        kind: 'fhs',
        filter,
        lambda,
        distribution: 'normal',
        params: model.params,
        window,
        paths,
        name: filter === 'ewma' ? `fhs-ewma(${lambda})` : 'fhs-garch(1,1)',
      };
    }
    default:
      throw new RiskOptionsError(
        RiskErrorCodes.INVALID_OPTIONS,
        `[deltran/risk] ${where}: model.kind: expected "ewma", "garch" or "fhs", got ${JSON.stringify((model as { kind?: unknown }).kind)}`,
        { path: ['model', 'kind'] },
      );
  }
}

/** The fewest returns a model needs before it can forecast. */
export function historyMin(model: ResolvedModel): number {
  if (model.kind === 'ewma') return 30;
  const fit = model.filter === 'garch' && model.params === undefined ? GARCH_OBSERVATIONS_MIN : 30;
  return model.kind === 'fhs' ? Math.max(fit, 100) : fit;
}

/** Variance forecasts and the parameters used. */
export interface Filtered {
  /** n + 1 forecasts: element t for return t, element n for the next. */
  readonly variances: Float64Array;
  /** GARCH parameters (given or fitted), for the GARCH filter. */
  readonly params: GarchParams | undefined;
}

/**
 * Variance forecasts of `values` under the model's filter. A GARCH fit (when no parameters are given)
 * and the GARCH start variance use only `values[0 … fitEnd)`, so a backtest sees no future data.
 */
export function filterVariances(model: ResolvedModel, values: Float64Array, fitEnd: number): Filtered {
  if (model.filter === 'ewma')
    return { variances: ewmaVariances(values, { lambda: model.lambda }), params: undefined };
  const history = values.subarray(0, fitEnd);
  const params =
    model.params ??
    (model.kind === 'garch' ? fitGarch(history, { distribution: model.distribution }) : fitGarch(history));
  let meanSquare = 0;
  for (let i = 0; i < history.length; i++) meanSquare += (history[i] as number) ** 2;
  meanSquare /= Math.max(1, history.length);
  return { variances: garchVariances(values, params, meanSquare), params };
}

/** One-step innovation update of the filter (for the bootstrap). */
export function nextVariance(
  model: ResolvedModel,
  params: GarchParams | undefined,
  variance: number,
  r: number,
): number {
  if (model.filter === 'ewma' || params === undefined)
    return model.lambda * variance + (1 - model.lambda) * r * r;
  return params.omega + params.alpha * r * r + params.beta * variance;
}

/** Variance of the sum of returns over `steps` under a parametric model (EWMA: flat; GARCH: term structure). */
export function horizonVariance(
  model: ResolvedModel,
  params: GarchParams | undefined,
  next: number,
  steps: number,
): number {
  if (model.filter === 'ewma' || params === undefined) return next * steps;
  return garchHorizonVariance(params, next, steps);
}

/** Quantile p of the unit-variance innovation (normal, or Student-t scaled to unit variance). */
export function innovationQuantile(model: ResolvedModel, params: GarchParams | undefined, p: number): number {
  const nu = params?.nu;
  if (model.distribution === 'studentT' && nu !== undefined)
    return studentTQuantile(p, nu) * Math.sqrt((nu - 2) / nu);
  return normalQuantile(p);
}

/** E[Z | Z ≤ q_p] of the unit-variance innovation (negative for p < ½). */
export function innovationLowerTailMean(
  model: ResolvedModel,
  params: GarchParams | undefined,
  p: number,
): number {
  const nu = params?.nu;
  if (model.distribution === 'studentT' && nu !== undefined) {
    const t = studentTQuantile(p, nu);
    return -((((nu + t * t) / (nu - 1)) * studentTDensity(t, nu)) / p) * Math.sqrt((nu - 2) / nu);
  }
  return -normalDensity(normalQuantile(p)) / p;
}

/** The last `window` standardised residuals before `end`, sorted ascending. */
export function standardisedResiduals(
  values: Float64Array,
  variances: Float64Array,
  end: number,
  window: number,
): Float64Array {
  const start = Math.max(0, end - window);
  const out = new Float64Array(end - start);
  for (let i = start; i < end; i++)
    out[i - start] = (values[i] as number) / Math.sqrt(variances[i] as number);
  return out.sort();
}

/** Threshold `L` (log space) of a one-step loss: an exception is r < −L (long) or r > L (short). Used by backtests. */
export function oneStepThreshold(
  model: ResolvedModel,
  params: GarchParams | undefined,
  sortedResiduals: Float64Array | undefined,
  variance: number,
  p: number,
  side: PositionSide,
): number {
  const sigma = Math.sqrt(variance);
  if (sortedResiduals === undefined) return -innovationQuantile(model, params, p) * sigma;
  return side === 'long'
    ? -sortedQuantile(sortedResiduals, p) * sigma
    : sortedQuantile(sortedResiduals, 1 - p) * sigma;
}

/** Checks a side. */
export function requireSide(side: unknown, where: string): PositionSide {
  if (side !== 'long' && side !== 'short') {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] ${where}: side: expected "long" or "short", got ${String(side)}`,
      { path: ['side'] },
    );
  }
  return side;
}
