import { createSeededRandom, formatMoney, money } from 'deltran';
import { logReturns, RiskErrorCodes, valueAtRisk } from 'deltran/risk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alternating, DAY_MS, HOUR_MS, seriesFromReturns } from './_series';

// 300 daily returns of ±1%: EWMA variance stays at 0.0001 and the standardised residuals are exactly ±1.
const calm = logReturns(seriesFromReturns(alternating(300, 0.01)));
const Z99 = 2.3263478740408408;

describe('valueAtRisk', () => {
  it('should give the normal quantile times the EWMA volatility', () => {
    // Arrange
    const options = {
      model: { kind: 'ewma' as const },
      confidence: 0.99,
      side: 'long' as const,
      position: money('1000000.00', 'EUR'),
    };

    // Act
    const result = valueAtRisk(calm, options);

    // Assert: 1 − exp(−2.3263479 × 0.01) = 0.02299497…; ES = 1 − exp(−0.01 × φ(z)/0.01) = 1 − exp(−0.026652…)
    expect(result.stepVolatility).toBeCloseTo(0.01, 12);
    expect(Number(result.valueAtRisk)).toBeCloseTo(1 - Math.exp(-Z99 * 0.01), 9);
    expect(Number(result.expectedShortfall)).toBeCloseTo(1 - Math.exp(-0.02665214220345808), 9);
    expect(formatMoney(result.valueAtRiskAmount!)).toBe('22994.98');
  });

  it('should scale a one-hour horizon by √(1/24) of the daily step', () => {
    // Arrange
    const options = {
      model: { kind: 'ewma' as const },
      confidence: 0.99,
      side: 'long' as const,
      horizonMs: HOUR_MS,
    };

    // Act
    const result = valueAtRisk(calm, options);

    // Assert: 1 − exp(−2.3263479 × 0.01 × √(1/24)) = 0.00473738…
    expect(result.horizonSteps).toBeCloseTo(1 / 24, 15);
    expect(result.horizonVolatility).toBeCloseTo(0.01 / Math.sqrt(24), 12);
    expect(Number(result.valueAtRisk)).toBeCloseTo(0.00473738075839103, 9);
  });

  it('should use the empirical quantile of the filtered residuals (FHS)', () => {
    // Arrange: residuals are all ±1, so the 1% quantile is −1 and VaR = 1 − e^(−0.01)
    const options = { model: { kind: 'fhs' as const }, confidence: 0.99, side: 'short' as const };

    // Act
    const result = valueAtRisk(calm, options);

    // Assert: short side: e^(0.01) − 1
    expect(Number(result.valueAtRisk)).toBeCloseTo(Math.expm1(0.01), 9);
    expect(Number(result.expectedShortfall)).toBeCloseTo(Math.expm1(0.01), 9);
  });

  it('should bootstrap FHS beyond one step with the injected random source, reproducibly', () => {
    // Arrange: 5 days of ±1% residuals with a flat EWMA: the 5-day sum is (#up − #down)·1%
    const options = {
      model: { kind: 'fhs' as const, paths: 2000 },
      confidence: 0.99,
      side: 'long' as const,
      horizonMs: 5 * DAY_MS,
    };

    // Act
    const first = valueAtRisk(calm, { ...options, random: createSeededRandom(42) });
    const again = valueAtRisk(calm, { ...options, random: createSeededRandom(42) });

    // Assert: the 1% quantile of 5 fair ±1 steps is −5 (P = 1/32) or −3: VaR is 1 − e^(−0.05) or 1 − e^(−0.03)
    expect(first).toEqual(again);
    expect(
      [1 - Math.exp(-0.05), 1 - Math.exp(-0.03)].some((v) => Math.abs(Number(first.valueAtRisk) - v) < 0.003),
    ).toBe(true);
  });

  it('should ask for a random source when FHS must simulate', () => {
    // Arrange
    const options = {
      model: { kind: 'fhs' as const },
      confidence: 0.99,
      side: 'long' as const,
      horizonMs: 2 * DAY_MS,
    };

    // Act
    const act = (): unknown => valueAtRisk(calm, options);

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.RANDOM_SOURCE_REQUIRED }));
  });

  it('should refuse a confidence outside (0.5, 1)', () => {
    // Arrange
    const options = { model: { kind: 'ewma' as const }, confidence: 1, side: 'long' as const };

    // Act
    const act = (): unknown => valueAtRisk(calm, options);

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.INVALID_OPTIONS }));
  });

  describe('properties', () => {
    it('should grow with the confidence and the horizon, and ES should be at least the VaR', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('ewma' as const, 'garch' as const, 'fhs' as const),
          fc.constantFrom('long' as const, 'short' as const),
          fc.double({ min: 0.9, max: 0.995, noNaN: true }),
          fc.integer({ min: 1, max: 23 }), // within one step: FHS needs no bootstrap
          (kind, side, confidence, hours) => {
            // Arrange
            const model =
              kind === 'garch' ? { kind, params: { omega: 1e-6, alpha: 0.05, beta: 0.9 } } : { kind };
            const horizonMs = hours * HOUR_MS;

            // Act
            const low = valueAtRisk(calm, { model, confidence, side, horizonMs });
            const high = valueAtRisk(calm, { model, confidence: confidence + 0.004, side, horizonMs });
            const longer = valueAtRisk(calm, { model, confidence, side, horizonMs: horizonMs + HOUR_MS });

            // Assert
            expect(Number(high.valueAtRisk)).toBeGreaterThanOrEqual(Number(low.valueAtRisk));
            expect(Number(longer.valueAtRisk)).toBeGreaterThanOrEqual(Number(low.valueAtRisk));
            expect(Number(low.expectedShortfall)).toBeGreaterThanOrEqual(
              Number(low.valueAtRisk) * (1 - 1e-9),
            );
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
