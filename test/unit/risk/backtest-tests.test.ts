import {
  backtestVar,
  baselTrafficLight,
  christoffersenTest,
  kupiecTest,
  logReturns,
  RiskErrorCodes,
} from 'deltran/risk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alternating, seriesFromReturns } from './_series';

describe('kupiecTest', () => {
  it('should not reject exactly the expected number of exceptions', () => {
    // Arrange
    const exceptions = 10;

    // Act
    const result = kupiecTest(exceptions, 1000, 0.99);

    // Assert
    expect(result.likelihoodRatio).toBeCloseTo(0, 12);
    expect(result.pValue).toBeCloseTo(1, 12);
    expect(result.expectedExceptions).toBeCloseTo(10, 12);
    expect(result.rejected).toBe(false);
  });

  it('should reject twice the expected number', () => {
    // Arrange: LR = −2[980·ln 0.99 + 20·ln 0.01 − 980·ln 0.98 − 20·ln 0.02] = 7.82724
    const exceptions = 20;

    // Act
    const result = kupiecTest(exceptions, 1000, 0.99);

    // Assert: P(χ²₁ ≥ 7.82724) = erfc(√(7.82724 / 2)) = 0.0051465
    expect(result.likelihoodRatio).toBeCloseTo(7.827239152922488, 9);
    expect(result.pValue).toBeCloseTo(0.005146464982499715, 9);
    expect(result.rejected).toBe(true);
  });

  it('should handle zero exceptions (0·ln 0 = 0)', () => {
    // Arrange: LR = −2·250·ln 0.99 = 5.0252
    const exceptions = 0;

    // Act
    const result = kupiecTest(exceptions, 250, 0.99);

    // Assert
    expect(result.likelihoodRatio).toBeCloseTo(-2 * 250 * Math.log(0.99), 9);
  });

  it('should refuse more exceptions than observations', () => {
    // Arrange
    const exceptions = 11;

    // Act
    const act = (): unknown => kupiecTest(exceptions, 10, 0.99);

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.INVALID_OPTIONS }));
  });
});

describe('christoffersenTest', () => {
  it('should count the transitions of the hit sequence', () => {
    // Arrange
    const hits = [false, true, true, false];

    // Act
    const result = christoffersenTest(hits, 0.99);

    // Assert
    expect(result.transitions).toEqual({ n00: 0, n01: 1, n10: 1, n11: 1 });
  });

  it('should find no dependence in evenly spread exceptions and reject clustered ones', () => {
    // Arrange: 10 exceptions in 1,000 days, spread out or all in a row
    const spread = Array.from({ length: 1000 }, (_, i) => i % 100 === 50);
    const clustered = Array.from({ length: 1000 }, (_, i) => i >= 500 && i < 510);

    // Act
    const even = christoffersenTest(spread, 0.99);
    const bunched = christoffersenTest(clustered, 0.99);

    // Assert: spread hits never follow a hit (π11 = 0 < π), a cluster has π11 = 0.9
    expect(even.independenceRejected).toBe(false);
    expect(bunched.transitions.n11).toBe(9);
    expect(bunched.independenceRejected).toBe(true);
    expect(bunched.conditionalCoverageRejected).toBe(true);
  });
});

describe('baselTrafficLight', () => {
  it('should reproduce the Basel table for 250 days at 99%', () => {
    // Arrange
    const counts = [0, 4, 5, 9, 10];

    // Act
    const zones = counts.map((x) => baselTrafficLight(x));

    // Assert: P(X ≤ 4) = 89.22%, P(X ≤ 5) = 95.88%, P(X ≤ 9) = 99.97%, P(X ≤ 10) = 99.99%
    expect(zones.map((z) => z.zone)).toEqual(['green', 'green', 'yellow', 'yellow', 'red']);
    expect(zones.map((z) => z.plusFactor)).toEqual([0, 0, 0.4, 0.85, 1]);
    expect(zones[1]?.cumulativeProbability).toBeCloseTo(0.8922, 4);
    expect(zones[2]?.cumulativeProbability).toBeCloseTo(0.9588, 4);
  });

  it('should apply the same cumulative rule to 1,000 days, without a plus factor', () => {
    // Arrange: mean 10; P(X ≤ 14) = 91.76% green, P(X ≤ 15) = 95.21% yellow, P(X ≤ 23) = 99.989% still
    // yellow, P(X ≤ 24) = 99.996% red
    const counts = [14, 15, 23, 24];

    // Act
    const zones = counts.map((x) => baselTrafficLight(x, 1000));

    // Assert
    expect(zones.map((z) => z.zone)).toEqual(['green', 'yellow', 'yellow', 'red']);
    expect(zones[0]?.plusFactor).toBeUndefined();
  });

  describe('properties', () => {
    it('should never improve as exceptions grow', () => {
      fc.assert(
        fc.property(fc.integer({ min: 20, max: 2000 }), fc.nat(), (n, seed) => {
          // Arrange
          const x = seed % n;
          const rank = { green: 0, yellow: 1, red: 2 } as const;

          // Act
          const now = baselTrafficLight(x, n);
          const more = baselTrafficLight(x + 1, n);

          // Assert
          expect(rank[more.zone]).toBeGreaterThanOrEqual(rank[now.zone]);
          expect(more.cumulativeProbability).toBeGreaterThanOrEqual(now.cumulativeProbability);
        }),
      );
    });
  });
});

describe('backtestVar', () => {
  it('should count the days whose loss beats the VaR forecast made the day before', () => {
    // Arrange: ±1% for 600 days, then a −5% day: only that day breaks a 99% VaR of about 2.3%
    const returns = [...alternating(600, 0.01), -0.05, 0.01];
    const history = logReturns(seriesFromReturns(returns));

    // Act
    const long = backtestVar(history, { model: { kind: 'ewma' }, side: 'long', window: 300 });
    const short = backtestVar(history, { model: { kind: 'ewma' }, side: 'short', window: 300 });

    // Assert
    expect(long.kupiec.exceptions).toBe(1);
    expect(long.exceptionTimes).toEqual([history.times[600]]);
    expect(short.kupiec.exceptions).toBe(0);
    expect(long.trafficLight.zone).toBe('green');
  });

  it('should refuse a window without enough history before it', () => {
    // Arrange
    const history = logReturns(seriesFromReturns(alternating(120, 0.01)));

    // Act
    const act = (): unknown => backtestVar(history, { model: { kind: 'fhs' }, side: 'long', window: 100 });

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.INSUFFICIENT_HISTORY }));
  });

  describe('properties', () => {
    it('should give p-values in [0, 1] and exceptions within the window', () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 200, maxLength: 400 }),
          (values) => {
            // Arrange
            const history = logReturns(seriesFromReturns(values));

            // Act
            const result = backtestVar(history, {
              model: { kind: 'fhs', window: 60 },
              side: 'long',
              window: 100,
            });

            // Assert
            expect(result.kupiec.exceptions).toBeLessThanOrEqual(100);
            for (const p of [
              result.kupiec.pValue,
              result.christoffersen.independencePValue,
              result.christoffersen.conditionalCoveragePValue,
            ]) {
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(1);
            }
          },
        ),
        { numRuns: 50 },
      );
    });
  });
});
