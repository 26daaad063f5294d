import { createSeededRandom } from 'deltran';
import {
  ewmaVariances,
  ewmaVolatility,
  fitGarch,
  garchHorizonVariance,
  garchVariances,
  RiskErrorCodes,
} from 'deltran/risk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Standard normal draws from a seeded byte source (Box–Muller). */
function normals(seed: number, count: number): Float64Array {
  const bytes = createSeededRandom(seed)(count * 8);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const u1 =
      ((bytes[8 * i] as number) +
        256 * (bytes[8 * i + 1] as number) +
        65536 * (bytes[8 * i + 2] as number) +
        1) /
      16777217;
    const u2 =
      ((bytes[8 * i + 4] as number) +
        256 * (bytes[8 * i + 5] as number) +
        65536 * (bytes[8 * i + 6] as number)) /
      16777216;
    out[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  return out;
}

describe('ewmaVariances', () => {
  it('should follow σ²ₜ = λσ²ₜ₋₁ + (1 − λ)r²ₜ₋₁ on a short series', () => {
    // Arrange: λ = 0.9, σ²₀ = 0.0001, returns 0.01, −0.02, 0.03
    const returns = [0.01, -0.02, 0.03];

    // Act
    const variances = ewmaVariances(returns, { lambda: 0.9, initialVariance: 0.0001 });

    // Assert: 0.9·0.0001 + 0.1·0.0001 = 0.0001; 0.9·0.0001 + 0.1·0.0004 = 0.00013; 0.9·0.00013 + 0.1·0.0009 = 0.000207
    expect(variances).toHaveLength(4);
    expect(variances[0]).toBeCloseTo(0.0001, 15);
    expect(variances[1]).toBeCloseTo(0.0001, 15);
    expect(variances[2]).toBeCloseTo(0.00013, 15);
    expect(variances[3]).toBeCloseTo(0.000207, 15);
    expect(ewmaVolatility(returns, { lambda: 0.9, initialVariance: 0.0001 })).toBeCloseTo(
      Math.sqrt(0.000207),
      15,
    );
  });

  it('should start from the mean square of the warm-up returns by default', () => {
    // Arrange: warm-up 2 → (0.01² + 0.03²) / 2 = 0.0005
    const returns = [0.01, 0.03, 0];

    // Act
    const variances = ewmaVariances(returns, { warmup: 2 });

    // Assert
    expect(variances[0]).toBeCloseTo(0.0005, 15);
  });

  it('should refuse λ outside (0, 1)', () => {
    // Arrange
    const returns = [0.01];

    // Act
    const act = (): unknown => ewmaVariances(returns, { lambda: 1 });

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.INVALID_OPTIONS }));
  });

  describe('properties', () => {
    it('should stay between the smallest and largest of σ²₀ and the squared returns', () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 200 }),
          fc.double({ min: 0.5, max: 0.999, noNaN: true }),
          (returns, lambda) => {
            // Arrange
            const initialVariance = 1e-4;

            // Act
            const variances = ewmaVariances(returns, { lambda, initialVariance });

            // Assert: a convex combination never leaves the hull of its inputs
            const squares = [initialVariance, ...returns.map((r) => r * r)];
            const low = Math.min(...squares);
            const high = Math.max(...squares);
            for (const v of variances) {
              expect(v).toBeGreaterThanOrEqual(low * (1 - 1e-12));
              expect(v).toBeLessThanOrEqual(high * (1 + 1e-12));
            }
          },
        ),
      );
    });
  });
});

describe('fitGarch', () => {
  it('should recover the parameters of a simulated GARCH(1,1)', () => {
    // Arrange: ω = 2e-6, α = 0.08, β = 0.90 (long-run daily volatility 1%), 4,000 normal innovations
    const z = normals(7, 4000);
    const returns = new Float64Array(z.length);
    let variance = 2e-6 / (1 - 0.98);
    for (let i = 0; i < z.length; i++) {
      returns[i] = Math.sqrt(variance) * (z[i] as number);
      variance = 2e-6 + 0.08 * (returns[i] as number) ** 2 + 0.9 * variance;
    }

    // Act
    const fit = fitGarch(returns);

    // Assert: within about two standard errors
    expect(fit.alpha).toBeGreaterThan(0.05);
    expect(fit.alpha).toBeLessThan(0.11);
    expect(fit.beta).toBeGreaterThan(0.86);
    expect(fit.beta).toBeLessThan(0.94);
    expect(fit.persistence).toBeLessThan(1);
    expect(fit.longRunVolatility).toBeGreaterThan(0.008);
    expect(fit.longRunVolatility).toBeLessThan(0.013);
    expect(fit.standardErrors.alpha).toBeGreaterThan(0);
    expect(fit.converged).toBe(true);
  });

  it('should fit Student-t innovations and estimate ν', () => {
    // Arrange: t(5) innovations as z·√(5 / χ²₅) scaled to unit variance, constant variance 1e-4
    const z = normals(11, 12_000);
    const returns = new Float64Array(2000);
    for (let i = 0; i < returns.length; i++) {
      let chi = 0;
      for (let k = 1; k <= 5; k++) chi += (z[2000 + i * 5 + k - 1] as number) ** 2;
      const t = (z[i] as number) / Math.sqrt(chi / 5);
      returns[i] = 0.01 * t * Math.sqrt(3 / 5);
    }

    // Act
    const fit = fitGarch(returns, { distribution: 'studentT' });

    // Assert
    expect(fit.distribution).toBe('studentT');
    expect(fit.nu).toBeGreaterThan(3.5);
    expect(fit.nu).toBeLessThan(8);
  });

  it('should refuse fewer than 100 returns', () => {
    // Arrange
    const returns = new Float64Array(99).fill(0.01);

    // Act
    const act = (): unknown => fitGarch(returns);

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.INSUFFICIENT_HISTORY }));
  });
});

describe('garchVariances and garchHorizonVariance', () => {
  it('should follow the recursion and the term structure', () => {
    // Arrange: ω = 0.1, α = 0.2, β = 0.7 → long-run variance 1
    const params = { omega: 0.1, alpha: 0.2, beta: 0.7 };

    // Act
    const variances = garchVariances([1, 0], params, 2);
    const two = garchHorizonVariance(params, 2, 2);
    const half = garchHorizonVariance(params, 2, 0.5);

    // Assert: 0.1 + 0.2·1 + 0.7·2 = 1.7; then 0.1 + 0 + 0.7·1.7 = 1.29; Σ = 2 + (1 + 0.9·(2 − 1)) = 3.9
    expect(variances[1]).toBeCloseTo(1.7, 12);
    expect(variances[2]).toBeCloseTo(1.29, 12);
    expect(two).toBeCloseTo(3.9, 12);
    expect(half).toBeCloseTo(1, 12);
  });
});
