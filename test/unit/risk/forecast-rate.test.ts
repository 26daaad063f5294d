import { createSeededRandom } from 'deltran';
import { comparePointForecast, forecastRate } from 'deltran/risk';
import { describe, expect, it } from 'vitest';
import { alternating, DAY_MS, HOUR_MS, seriesFromReturns } from './_series';

const walk = seriesFromReturns(alternating(400, 0.005), { start: 1.1 });

/** A strongly mean-reverting log rate: x' = 0.8·x + noise (seeded), around ln 3.75. */
function meanReverting(n: number): ReturnType<typeof seriesFromReturns> {
  const bytes = createSeededRandom(3)(n);
  const returns: number[] = [];
  let x = 0;
  for (let i = 0; i < n; i++) {
    const shock = ((bytes[i] as number) / 255 - 0.5) * 0.01;
    const next = 0.8 * x + shock;
    returns.push(next - x);
    x = next;
  }
  return seriesFromReturns(returns, { start: 3.75, base: 'USD', quote: 'SAR' });
}

/** A random walk of the log rate with seeded uniform shocks of up to ±0.5%. */
function randomWalk(n: number): ReturnType<typeof seriesFromReturns> {
  const bytes = createSeededRandom(5)(n);
  return seriesFromReturns(
    Array.from(bytes, (b) => (b / 255 - 0.5) * 0.01),
    { start: 1.1 },
  );
}

describe('forecastRate', () => {
  it('should centre on the last rate and widen with the horizon', () => {
    // Arrange
    const last = walk.rates[walk.rates.length - 1] as string;

    // Act
    const hour = forecastRate(walk, { horizonMs: HOUR_MS });
    const day = forecastRate(walk, { horizonMs: DAY_MS });

    // Assert: σ over a day is 0.5%, over an hour 0.5%/√24
    expect(day.centreModel).toBe('randomWalk');
    expect(day.centre).toBe(Number(last).toPrecision(8).replace(/0+$/, ''));
    expect(day.horizonVolatility).toBeCloseTo(0.005, 9);
    expect(hour.horizonVolatility).toBeCloseTo(0.005 / Math.sqrt(24), 9);
    expect(Number(day.lower)).toBeLessThan(Number(hour.lower));
    expect(Number(day.upper)).toBeGreaterThan(Number(hour.upper));
    expect(Number(hour.lower)).toBeLessThan(Number(hour.centre));
  });

  it('should keep the random walk when mean reversion does not beat it', () => {
    // Arrange: a seeded random walk has no level to revert to
    const options = { horizonMs: DAY_MS, centre: 'meanReversion' as const };

    // Act
    const forecast = forecastRate(randomWalk(1500), options);

    // Assert
    expect(forecast.centreModel).toBe('randomWalk');
    expect(forecast.comparison?.beatsRandomWalk).toBe(false);
  });

  it('should offer mean reversion when it beats the random walk out of sample', () => {
    // Arrange
    const series = meanReverting(1500);

    // Act
    const comparison = comparePointForecast(series, { horizonMs: DAY_MS });
    const forecast = forecastRate(series, { horizonMs: DAY_MS, centre: 'meanReversion' });

    // Assert
    expect(comparison.beatsRandomWalk).toBe(true);
    expect(comparison.candidateMeanSquaredErrorScore).toBeLessThan(
      comparison.randomWalkMeanSquaredErrorScore,
    );
    expect(forecast.centreModel).toBe('meanReversion');
  });
});
