/**
 * Nelder–Mead simplex minimisation (Lagarias et al. 1998 coefficients), bounded in iterations so a
 * pathological likelihood cannot spin (TIGER_STYLE: put a limit on everything).
 * @internal
 */

/** Result of {@link minimise}. */
export interface Minimum {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Options of {@link minimise}. */
export interface MinimiseOptions {
  /** Initial simplex edge per coordinate. */
  readonly step: number;
  readonly iterationsMax: number;
  /** Stop when the spread of the simplex values and coordinates falls below this. */
  readonly tolerance: number;
}

/** Minimises `f` from `start`. Non-finite values are treated as +∞ (outside the admissible region). */
export function minimise(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: MinimiseOptions,
): Minimum {
  const n = start.length;
  const evaluate = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const points: Float64Array[] = [];
  const values: number[] = [];
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(start);
    if (i > 0) p[i - 1] = (p[i - 1] as number) + options.step;
    points.push(p);
    values.push(evaluate(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, towards: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++)
      out[j] = (from[j] as number) + t * ((towards[j] as number) - (from[j] as number));
    return out;
  };
  let iterations = 0;
  let converged = false;
  for (; iterations < options.iterationsMax; iterations++) {
    order.sort((a, b) => (values[a] as number) - (values[b] as number));
    const best = order[0] as number;
    const worst = order[n] as number;
    const second = order[n - 1] as number;
    let spread = Math.abs((values[worst] as number) - (values[best] as number));
    for (let i = 1; i <= n; i++) {
      const p = points[order[i] as number] as Float64Array;
      for (let j = 0; j < n; j++)
        spread = Math.max(spread, Math.abs((p[j] as number) - (points[best] as Float64Array)[j]!));
    }
    if (spread < options.tolerance) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const p = points[order[i] as number] as Float64Array;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const worstPoint = points[worst] as Float64Array;
    const reflected = trial(centroid, worstPoint, -1);
    const fr = evaluate(reflected);
    if (fr < (values[best] as number)) {
      const expanded = trial(centroid, worstPoint, -2);
      const fe = evaluate(expanded);
      if (fe < fr) {
        points[worst] = expanded;
        values[worst] = fe;
      } else {
        points[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < (values[second] as number)) {
      points[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    const outside = fr < (values[worst] as number);
    const contracted = outside ? trial(centroid, worstPoint, -0.5) : trial(centroid, worstPoint, 0.5);
    const fc = evaluate(contracted);
    if (fc < (outside ? fr : (values[worst] as number))) {
      points[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    const bestPoint = points[best] as Float64Array;
    for (let i = 1; i <= n; i++) {
      const index = order[i] as number;
      points[index] = trial(bestPoint, points[index] as Float64Array, 0.5);
      values[index] = evaluate(points[index] as Float64Array);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[bestIndex] as number)) bestIndex = i;
  return { x: points[bestIndex] as Float64Array, value: values[bestIndex] as number, iterations, converged };
}
