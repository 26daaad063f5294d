import { findExecutionWindow, RiskErrorCodes } from 'deltran/risk';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, hourlySeries, sessionProfile } from './_series';

const intraday = hourlySeries(5, sessionProfile);

describe('findExecutionWindow', () => {
  it('should find the first quieter hour after the busy session', () => {
    // Arrange: 14:10 UTC is in the busy bucket (0.4% per hour); 17:00–18:00 is the first 0.2% bucket
    const options = { now: '2024-01-08T14:10:00Z', horizonMs: 6 * HOUR_MS };

    // Act
    const window = findExecutionWindow(intraday, options);

    // Assert
    expect(new Date(window.start).toISOString()).toBe('2024-01-08T17:00:00.000Z');
    expect(new Date(window.end).toISOString()).toBe('2024-01-08T18:00:00.000Z');
    expect(window.currentVolatility).toBeCloseTo(0.004, 9);
    expect(window.expectedVolatility).toBeCloseTo(0.002, 9);
    expect(window.improvementScore).toBeCloseTo(0.5, 9);
  });

  it('should stay with now when now is already the quietest', () => {
    // Arrange
    const options = { now: Date.UTC(2024, 0, 8, 5, 30), horizonMs: 6 * HOUR_MS };

    // Act
    const window = findExecutionWindow(intraday, options);

    // Assert: 05:00 and 06:00 tie at 0.1%; the earliest (now) wins
    expect(window.start).toBe(Date.UTC(2024, 0, 8, 5, 30));
    expect(window.end).toBe(Date.UTC(2024, 0, 8, 6, 0));
    expect(window.improvementScore).toBe(0);
  });

  it('should only consider buckets that fit in the horizon', () => {
    // Arrange: 2 hours from 14:10 reach 16:10; 15:00–16:00 is still busy
    const options = { now: '2024-01-08T14:10:00Z', horizonMs: 2 * HOUR_MS };

    // Act
    const window = findExecutionWindow(intraday, options);

    // Assert
    expect(window.improvementScore).toBeCloseTo(0, 9);
  });

  it('should refuse data coarser than the bucket', () => {
    // Arrange
    const daily = {
      base: 'EUR',
      quote: 'USD',
      times: [0, 86_400_000, 172_800_000],
      rates: ['1.1', '1.2', '1.1'],
    };

    // Act
    const act = (): unknown => findExecutionWindow(daily, { now: 0, horizonMs: HOUR_MS });

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.INVALID_OPTIONS }));
  });
});
