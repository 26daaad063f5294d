import { fromMinor, money } from 'deltran';
import {
  assessRisk,
  createExposureBook,
  DEFAULT_PEGS,
  findPeg,
  pegDeviationScore,
  RiskErrorCodes,
} from 'deltran/risk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alternating, hourlySeries, seriesFromReturns, sessionProfile } from './_series';

const BANK = 'DEUTDEFFXXX';
const t0 = Date.UTC(2024, 0, 1);
// 300 days of ±0.5%: σ_daily = 0.005 exactly, annualised 0.005·√252 = 0.0793725.
const eurUsd = seriesFromReturns(alternating(300, 0.005), { start: 1.1, t0 });
const lastDay = eurUsd.times[eurUsd.times.length - 1] as number;
const book = createExposureBook(
  [{ counterparty: BANK, limit: money('5000000.00', 'EUR') }],
  [{ id: 'held', counterparty: BANK, amount: money('1000000.00', 'EUR') }],
);
const request = { id: 'si-1', counterparty: BANK, amount: money('1000000.00', 'EUR'), quote: 'USD' };

describe('assessRisk', () => {
  it('should show every part of the score', () => {
    // Arrange
    const context = { now: lastDay + 3_600_000, history: eurUsd, exposures: book };

    // Act
    const assessment = assessRisk(request, context);

    // Assert: volatility 100·0.0793725/0.3 = 26.4575; exposure (1M + 1M)/5M = 40; amount 1M/5M = 20;
    // score 0.5·26.4575 + 0.3·40 + 0.2·20 = 29.2288 ≥ 25 but no intraday data → execute now
    expect(assessment.measuredVolatility).toBeCloseTo(0.005 * Math.sqrt(252), 9);
    expect(assessment.parts.volatilityScore).toBeCloseTo(26.4575131106459, 6);
    expect(assessment.parts.exposureScore).toBeCloseTo(40, 9);
    expect(assessment.parts.amountScore).toBeCloseTo(20, 9);
    expect(assessment.score).toBeCloseTo(29.2287565553229, 6);
    expect(assessment.action).toBe('EXECUTE_NOW');
    expect(assessment.reasons).toEqual(['SCORE_AT_WAIT_NO_BETTER_WINDOW']);
    expect(assessment.valueAtRisk.valueAtRiskAmount?.currency).toBe('EUR');
  });

  it('should wait for a quieter window when the intraday profile shows one', () => {
    // Arrange: the same request at 14:10 UTC, intraday busy until 17:00
    const day = Date.UTC(2024, 9, 28);
    const history = seriesFromReturns(alternating(300, 0.005), { start: 1.1, t0: day - 300 * 86_400_000 });
    const context = {
      now: day + 14 * 3_600_000 + 600_000,
      history,
      exposures: book,
      intraday: hourlySeries(5, sessionProfile, day - 5 * 86_400_000),
    };

    // Act
    const assessment = assessRisk({ ...request, horizonMs: 6 * 3_600_000 }, context);

    // Assert
    expect(assessment.action).toBe('WAIT_FOR_WINDOW');
    expect(assessment.reasons[0]).toBe('QUIETER_WINDOW_AHEAD');
    expect(new Date(assessment.window!.start).toISOString()).toBe('2024-10-28T17:00:00.000Z');
  });

  it('should hedge a volatile pair and hold above the hold threshold', () => {
    // Arrange: ±2% a day is 31.7% annualised → volatility part 100
    const wild = seriesFromReturns(alternating(300, 0.02), { start: 1.1, t0 });

    // Act
    const hedged = assessRisk(request, { now: lastDay, history: wild, exposures: book });
    const held = assessRisk(
      { ...request, amount: money('3500000.00', 'EUR') },
      { now: lastDay, history: wild, exposures: book },
    );

    // Assert: 50 + 0.3·40 + 0.2·20 = 66 → HEDGE; 50 + 0.3·90 + 0.2·70 = 91 → HOLD
    expect(hedged.score).toBeCloseTo(66, 9);
    expect(hedged.action).toBe('HEDGE');
    expect(held.score).toBeCloseTo(91, 9);
    expect(held.action).toBe('HOLD');
    expect(held.reasons[0]).toBe('SCORE_AT_HOLD');
  });

  it('should hold when the limit would be breached or there is none', () => {
    // Arrange
    const big = { ...request, amount: money('4000000.01', 'EUR') };
    const otherBank = { ...request, counterparty: 'BNPAFRPPXXX' };

    // Act
    const breached = assessRisk(big, { now: lastDay, history: eurUsd, exposures: book });
    const unknown = assessRisk(otherBank, { now: lastDay, history: eurUsd, exposures: book });

    // Assert
    expect(breached.action).toBe('HOLD');
    expect(breached.reasons).toContain('EXPOSURE_LIMIT_EXCEEDED');
    expect(unknown.action).toBe('HOLD');
    expect(unknown.reasons).toContain('NO_EXPOSURE_LIMIT');
    expect(unknown.parts.exposureScore).toBe(100);
  });

  it('should floor the volatility of a pegged pair and hold on a de-peg', () => {
    // Arrange: USD/AED at 3.6725 ± 0.0001, then the same series ending at 3.75 (2.1% off the peg)
    const flat = seriesFromReturns(alternating(300, 0.00001), {
      base: 'USD',
      quote: 'AED',
      start: 3.6725,
      t0,
    });
    const broken = { ...flat, rates: [...flat.rates.slice(0, -1), '3.75'] };
    const usdBook = createExposureBook([{ counterparty: BANK, limit: money('5000000.00', 'USD') }]);
    const usd = { id: 'si-2', counterparty: BANK, amount: money('1000000.00', 'USD'), quote: 'AED' };

    // Act
    const pegged = assessRisk(usd, { now: lastDay, history: flat, exposures: usdBook });
    const depegged = assessRisk(usd, { now: lastDay, history: broken, exposures: usdBook });

    // Assert: 0.05 / 0.3 → 16.67 on the volatility part, not ~0
    expect(pegged.peg?.rate).toBe('3.6725');
    expect(pegged.measuredVolatility).toBeLessThan(0.001);
    expect(pegged.annualVolatility).toBe(0.05);
    expect(pegged.parts.volatilityScore).toBeCloseTo(100 / 6, 9);
    expect(pegged.reasons).toContain('PEG_FLOOR_APPLIED');
    expect(depegged.action).toBe('HOLD');
    expect(depegged.reasons).toContain('DEPEG');
  });

  it('should hold on a stale history and refuse a history of another pair', () => {
    // Arrange
    const later = lastDay + 10 * 86_400_000;
    const gbp = { ...eurUsd, quote: 'GBP' };

    // Act
    const stale = assessRisk(request, { now: later, history: eurUsd, exposures: book });
    const wrong = (): unknown => assessRisk(request, { now: lastDay, history: gbp, exposures: book });

    // Assert
    expect(stale.action).toBe('HOLD');
    expect(stale.reasons).toContain('STALE_HISTORY');
    expect(wrong).toThrow(expect.objectContaining({ code: RiskErrorCodes.INVALID_REQUEST }));
  });

  describe('pegs', () => {
    it('should find a direct peg either way round and derive a cross peg', () => {
      // Arrange
      const pegs = DEFAULT_PEGS;

      // Act
      const direct = findPeg(pegs, 'AED', 'USD');
      const cross = findPeg(pegs, 'AED', 'SAR');

      // Assert: SAR per AED = 3.75 / 3.6725 = 1.021102791014295…, 15 significant digits (trailing 0 dropped)
      expect(direct?.rate).toBe('3.6725');
      expect(cross?.rate).toBe('1.0211027910143');
      expect(findPeg(pegs, 'EUR', 'USD')).toBeUndefined();
      expect(pegDeviationScore(direct!, 'USD', '3.6725')).toBe(0);
    });
  });

  describe('properties', () => {
    it('should keep the score and its parts in [0, 100], and more exposure never lowers the score', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.0001, max: 0.05, noNaN: true }),
          fc.bigInt({ min: 1n, max: 10_000_000_00n }),
          fc.bigInt({ min: 0n, max: 10_000_000_00n }),
          (size, amount, held) => {
            // Arrange
            const history = seriesFromReturns(alternating(120, size), { start: 1.1, t0 });
            const limits = [{ counterparty: BANK, limit: money('5000000.00', 'EUR') }];
            const lighter = createExposureBook(limits);
            const heavier =
              held > 0n
                ? createExposureBook(limits, [
                    { id: 'h', counterparty: BANK, amount: fromMinor(held, 'EUR') },
                  ])
                : lighter;
            const check = { ...request, amount: fromMinor(amount, 'EUR') };
            const now = history.times[history.times.length - 1] as number;

            // Act
            const a = assessRisk(check, { now, history, exposures: lighter });
            const b = assessRisk(check, { now, history, exposures: heavier });

            // Assert
            for (const value of [
              a.score,
              a.parts.volatilityScore,
              a.parts.exposureScore,
              a.parts.amountScore,
            ]) {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(100);
            }
            expect(b.score).toBeGreaterThanOrEqual(a.score);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
