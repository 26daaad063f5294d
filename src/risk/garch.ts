/**
 * GARCH(1,1) fitted by maximum likelihood, with normal or Student-t innovations.
 *
 * @packageDocumentation
 */
import { requireInteger } from './_internal/checks';
import { minimise } from './_internal/nelder-mead';
import { logGamma } from './_internal/special';
import { InsufficientHistoryError, RiskErrorCodes, RiskOptionsError } from './errors';
import type { GarchDistribution, GarchFit, GarchParams } from './types';

/** Options of {@link fitGarch}. @public */
export interface GarchFitOptions {
  /** Innovation distribution. @defaultValue `'normal'` */
  readonly distribution?: GarchDistribution;
  /** Nelder–Mead iterations per run (the fit restarts once from the first optimum). @defaultValue 2000 */
  readonly iterationsMax?: number;
}

/** Fewest returns {@link fitGarch} accepts. @public */
export const GARCH_OBSERVATIONS_MIN = 100;
const NU_MIN = 2.05;
const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Fits σ²ₜ = ω + α·r²ₜ₋₁ + β·σ²ₜ₋₁ by maximising the exact log-likelihood with Nelder–Mead.
 *
 * The returns are scaled to unit variance for the search and the parameters scaled back. α and β are
 * searched through a softmax (α, β > 0, α + β < 1: the fitted model is always stationary), ω through its
 * logarithm and ν through ν = 2.05 + eᶿ. The first variance is the sample variance (backcast). The fit
 * restarts once from its optimum, a standard guard against the simplex stalling. Standard errors come
 * from the inverse of a central-difference Hessian of the log-likelihood.
 *
 * @param returns - log returns, oldest first, at least {@link GARCH_OBSERVATIONS_MIN}
 * @param options - distribution and iteration limit
 * @returns the fit
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) with fewer than 100 returns or zero variance
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) for an unknown distribution
 * @example
 * ```ts
 * const fit = fitGarch(logReturns(eurUsd).values); // { alpha ≈ 0.03, beta ≈ 0.97, … } on 1999–2026
 * ```
 * @public
 */
export function fitGarch(returns: ArrayLike<number>, options: GarchFitOptions = {}): GarchFit {
  const distribution = options.distribution ?? 'normal';
  if (distribution !== 'normal' && distribution !== 'studentT') {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] fitGarch: distribution: expected "normal" or "studentT", got ${String(distribution)}`,
      { path: ['distribution'] },
    );
  }
  const iterationsMax = requireInteger(options.iterationsMax ?? 2000, 10, 'fitGarch', 'iterationsMax');
  const n = returns.length;
  if (n < GARCH_OBSERVATIONS_MIN) {
    throw new InsufficientHistoryError(
      RiskErrorCodes.INSUFFICIENT_HISTORY,
      `[deltran/risk] fitGarch: expected at least ${GARCH_OBSERVATIONS_MIN} returns, got ${n}`,
    );
  }
  let sumSquares = 0;
  for (let i = 0; i < n; i++) sumSquares += (returns[i] as number) ** 2;
  const scale2 = sumSquares / n;
  if (!(scale2 > 0)) {
    throw new InsufficientHistoryError(
      RiskErrorCodes.INSUFFICIENT_HISTORY,
      '[deltran/risk] fitGarch: expected returns with a non-zero variance',
    );
  }
  const u = new Float64Array(n);
  const scale = Math.sqrt(scale2);
  for (let i = 0; i < n; i++) u[i] = (returns[i] as number) / scale;
  const studentT = distribution === 'studentT';

  const natural = (theta: Float64Array): [number, number, number, number] => {
    const e1 = Math.exp(theta[1] as number);
    const e2 = Math.exp(theta[2] as number);
    const d = 1 + e1 + e2;
    return [
      Math.exp(theta[0] as number),
      e1 / d,
      e2 / d,
      studentT ? NU_MIN + Math.exp(theta[3] as number) : Number.POSITIVE_INFINITY,
    ];
  };
  const negative = (theta: Float64Array): number => {
    const [omega, alpha, beta, nu] = natural(theta);
    return -logLikelihood(u, omega, alpha, beta, nu, 1);
  };
  // α = 0.05, β = 0.90, ω = 0.05 (long-run variance 1 in scaled units), ν = 8.
  const start = studentT
    ? [Math.log(0.05), 0, Math.log(18), Math.log(8 - NU_MIN)]
    : [Math.log(0.05), 0, Math.log(18)];
  const searchOptions = { step: 0.5, iterationsMax, tolerance: 1e-9 };
  const first = minimise(negative, start, searchOptions);
  const second = minimise(negative, first.x, { ...searchOptions, step: 0.1 });
  const best = second.value <= first.value ? second : first;
  const [omegaScaled, alpha, beta, nu] = natural(best.x);

  const naturalValues = studentT ? [omegaScaled, alpha, beta, nu] : [omegaScaled, alpha, beta];
  const errors = standardErrors(naturalValues, (p) =>
    logLikelihood(
      u,
      p[0] as number,
      p[1] as number,
      p[2] as number,
      studentT ? (p[3] as number) : Number.POSITIVE_INFINITY,
      1,
    ),
  );
  const omega = omegaScaled * scale2;
  const variances = garchVariances(returns, { omega, alpha, beta }, scale2);
  const persistence = alpha + beta;
  return {
    omega,
    alpha,
    beta,
    ...(studentT ? { nu } : {}),
    distribution,
    logLikelihood: -best.value - n * Math.log(scale),
    observations: n,
    persistence,
    longRunVolatility: persistence < 1 ? Math.sqrt(omega / (1 - persistence)) : Number.NaN,
    standardErrors: {
      omega: (errors[0] as number) * scale2,
      alpha: errors[1] as number,
      beta: errors[2] as number,
      ...(studentT ? { nu: errors[3] as number } : {}),
    },
    iterations: first.iterations + second.iterations,
    converged: second.converged,
    nextVariance: variances[n] as number,
  };
}

/**
 * The GARCH(1,1) variance forecasts of a return series for given parameters.
 *
 * @param returns - log returns, oldest first
 * @param params - ω, α, β
 * @param initialVariance - the variance before the first return @defaultValue the sample mean square
 * @returns n + 1 variances: element t is the forecast for return t, element n the next one
 * @public
 */
export function garchVariances(
  returns: ArrayLike<number>,
  params: GarchParams,
  initialVariance?: number,
): Float64Array {
  const n = returns.length;
  let variance = initialVariance ?? Number.NaN;
  if (initialVariance === undefined) {
    let total = 0;
    for (let i = 0; i < n; i++) total += (returns[i] as number) ** 2;
    variance = n > 0 ? total / n : 0;
  }
  const out = new Float64Array(n + 1);
  const { omega, alpha, beta } = params;
  out[0] = variance;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    variance = omega + alpha * r * r + beta * variance;
    out[i + 1] = variance;
  }
  return out;
}

/**
 * The variance of the sum of the next `steps` returns under GARCH(1,1): Σₖ E[σ²ₜ₊ₖ], with
 * E[σ²ₜ₊ₖ] = V + (α + β)ᵏ⁻¹·(σ²ₜ₊₁ − V) and V the long-run variance. A fractional last step adds its
 * fraction of that step's variance.
 *
 * @param params - ω, α, β
 * @param nextVariance - σ²ₜ₊₁, the one-step forecast
 * @param steps - the horizon in steps, > 0
 * @returns the horizon variance
 * @public
 */
export function garchHorizonVariance(params: GarchParams, nextVariance: number, steps: number): number {
  const persistence = params.alpha + params.beta;
  const longRun = persistence < 1 ? params.omega / (1 - persistence) : nextVariance;
  let total = 0;
  let weight = 1;
  const whole = Math.floor(steps);
  for (let k = 0; k < whole; k++) {
    total += longRun + weight * (nextVariance - longRun);
    weight *= persistence;
  }
  const fraction = steps - whole;
  if (fraction > 0) total += fraction * (longRun + weight * (nextVariance - longRun));
  return total;
}

/** Log-likelihood of GARCH(1,1) on `u` with the first variance `h0`; ν = ∞ means normal innovations. */
function logLikelihood(
  u: Float64Array,
  omega: number,
  alpha: number,
  beta: number,
  nu: number,
  h0: number,
): number {
  const n = u.length;
  let h = h0;
  let total = 0;
  if (nu === Number.POSITIVE_INFINITY) {
    for (let i = 0; i < n; i++) {
      const x = u[i] as number;
      total += Math.log(h) + (x * x) / h;
      h = omega + alpha * x * x + beta * h;
    }
    return -0.5 * (n * LOG_2PI + total);
  }
  // Student-t standardised to unit variance.
  const c = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
  const k = (nu + 1) / 2;
  const s = 1 / (nu - 2);
  for (let i = 0; i < n; i++) {
    const x = u[i] as number;
    total += 0.5 * Math.log(h) + k * Math.log1p((x * x * s) / h);
    h = omega + alpha * x * x + beta * h;
  }
  return n * c - total;
}

/** √diag(−H⁻¹) of the log-likelihood at `p` by central differences; NaN where H is singular. */
function standardErrors(p: readonly number[], f: (p: readonly number[]) => number): number[] {
  const k = p.length;
  const steps = p.map((v) => Math.max(1e-7, Math.abs(v) * 1e-4));
  const at = (changes: readonly (readonly [number, number])[]): number => {
    const q = [...p];
    for (const [i, d] of changes) q[i] = (q[i] as number) + d;
    return f(q);
  };
  const f0 = f(p);
  const h: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    const di = steps[i] as number;
    (h[i] as number[])[i] = (at([[i, di]]) - 2 * f0 + at([[i, -di]])) / (di * di);
    for (let j = i + 1; j < k; j++) {
      const dj = steps[j] as number;
      const v =
        (at([
          [i, di],
          [j, dj],
        ]) -
          at([
            [i, di],
            [j, -dj],
          ]) -
          at([
            [i, -di],
            [j, dj],
          ]) +
          at([
            [i, -di],
            [j, -dj],
          ])) /
        (4 * di * dj);
      (h[i] as number[])[j] = v;
      (h[j] as number[])[i] = v;
    }
  }
  const inverse = invert(h.map((row) => row.map((v) => -v)));
  return Array.from({ length: k }, (_, i) => {
    const v = inverse === undefined ? Number.NaN : ((inverse[i] as number[])[i] as number);
    return v > 0 ? Math.sqrt(v) : Number.NaN;
  });
}

function invert(matrix: number[][]): number[][] | undefined {
  const k = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number))
        pivot = r;
    const pivotRow = a[pivot] as number[];
    const value = pivotRow[col] as number;
    if (!(Math.abs(value) > 1e-300)) return undefined;
    a[pivot] = a[col] as number[];
    a[col] = pivotRow;
    for (let j = 0; j < 2 * k; j++) pivotRow[j] = (pivotRow[j] as number) / value;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = row[col] as number;
      for (let j = 0; j < 2 * k; j++) row[j] = (row[j] as number) - factor * (pivotRow[j] as number);
    }
  }
  return a.map((row) => row.slice(k));
}
