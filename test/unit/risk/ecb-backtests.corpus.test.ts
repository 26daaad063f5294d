/**
 * Backtests on the real ECB reference rates (1999-01-04 … 2026-04-13, read from the shared corpus through
 * DELTRAN_CORPUS_DIR). The figures these tests produce are recorded in docs/routing-and-risk.md; the
 * assertions are the acceptance criteria of issue 7, not the figures themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { money } from 'deltran';
import {
  assessRisk,
  backtestVar,
  createExposureBook,
  type EcbRateTable,
  ecbRateSeries,
  fitGarch,
  forecastRate,
  logReturns,
  parseEcbCsv,
  type RateSeries,
  type VarBacktestResult,
  type VolatilityModel,
  valueAtRisk,
} from 'deltran/risk';
import { beforeAll, expect, it } from 'vitest';
import { describeCorpus } from '../../_helpers/corpus';

/** The production model: filtered historical simulation on an EWMA(0.94) filter, 1,000 residuals. */
const PRODUCTION: VolatilityModel = { kind: 'fhs', filter: 'ewma', lambda: 0.94, window: 1000 };
const PLAIN_EWMA: VolatilityModel = { kind: 'ewma', lambda: 0.94 };
const DAY_MS = 86_400_000;

/** The series up to (not including) `date`. */
function before(series: RateSeries, date: string): RateSeries {
  const end = series.times.findIndex((t) => t >= Date.parse(date));
  return { ...series, times: series.times.slice(0, end), rates: series.rates.slice(0, end) };
}

/** The log return on `date`. */
function returnOn(series: RateSeries, date: string): number {
  const i = series.times.indexOf(Date.parse(date));
  return Math.log(Number(series.rates[i]) / Number(series.rates[i - 1]));
}

describeCorpus('ECB reference rates: backtests and stress days', (dir) => {
  let table: EcbRateTable;
  beforeAll(() => {
    table = parseEcbCsv(readFileSync(join(dir, 'data', 'fx', 'ecb', 'eurofxref-hist.csv'), 'utf8'));
  });

  it('should read 27 years of fixings', () => {
    // Arrange
    const eurUsd = ecbRateSeries(table, 'EUR', 'USD');

    // Act
    const returns = logReturns(eurUsd);

    // Assert: SOURCES.md: 6,983 fixing days from 1999-01-04 to 2026-04-13
    expect(table.dates[0]).toBe('1999-01-04');
    expect(table.dates[table.dates.length - 1]).toBe('2026-04-13');
    expect(eurUsd.rates).toHaveLength(6983);
    expect(returns.stepMs).toBe(DAY_MS);
  });

  for (const quote of ['USD', 'ILS'] as const) {
    for (const side of ['long', 'short'] as const) {
      it(`should pass Kupiec at 95% and stay out of red: production model, EUR/${quote} ${side}, last 1,000 days`, () => {
        // Arrange
        const returns = logReturns(ecbRateSeries(table, 'EUR', quote));

        // Act
        const production: VarBacktestResult = backtestVar(returns, {
          model: PRODUCTION,
          side,
          confidence: 0.99,
          window: 1000,
        });
        const plain: VarBacktestResult = backtestVar(returns, {
          model: PLAIN_EWMA,
          side,
          confidence: 0.99,
          window: 1000,
        });

        // Assert: the production model passes; plain EWMA, beside it, under-covers the fat tails (more
        // exceptions than the 10 expected, and more than the production model)
        expect(production.kupiec.observations).toBe(1000);
        expect(production.kupiec.rejected).toBe(false);
        expect(production.kupiec.pValue).toBeGreaterThanOrEqual(0.05);
        expect(production.trafficLight.zone).not.toBe('red');
        expect(production.trafficLightLast250.zone).not.toBe('red');
        expect(plain.kupiec.exceptions).toBeGreaterThan(plain.kupiec.expectedExceptions);
        expect(plain.kupiec.exceptions).toBeGreaterThan(production.kupiec.exceptions);
      });
    }
  }

  it('should fit GARCH(1,1) on EUR/USD near α ≈ 0.03, β ≈ 0.97', () => {
    // Arrange
    const returns = logReturns(ecbRateSeries(table, 'EUR', 'USD'));

    // Act
    const fit = fitGarch(returns.values);

    // Assert
    expect(fit.alpha).toBeGreaterThan(0.02);
    expect(fit.alpha).toBeLessThan(0.045);
    expect(fit.beta).toBeGreaterThan(0.95);
    expect(fit.beta).toBeLessThan(0.985);
    expect(fit.persistence).toBeLessThan(1);
    expect(fit.converged).toBe(true);
  });

  it('should take the 2015-01-15 EUR/CHF floor removal as a far exception, and a peg floor should have priced it', () => {
    // Arrange: the SNB dropped the 1.20 floor; the fixing went from 1.2010 to 1.0280
    const eurChf = ecbRateSeries(table, 'EUR', 'CHF');
    const history = before(eurChf, '2015-01-15');
    const book = createExposureBook([{ counterparty: 'UBSWCHZHXXX', limit: money('10000000.00', 'EUR') }]);
    const floorAsPeg = [{ currency: 'CHF', anchor: 'EUR', rate: '1.20', band: '0.01' }];

    // Act
    const shock = returnOn(eurChf, '2015-01-15');
    const production = valueAtRisk(logReturns(history), {
      model: PRODUCTION,
      confidence: 0.99,
      side: 'long',
    });
    const plain = valueAtRisk(logReturns(history), { model: PLAIN_EWMA, confidence: 0.99, side: 'long' });
    const assessment = assessRisk(
      { id: 'chf', counterparty: 'UBSWCHZHXXX', amount: money('1000000.00', 'EUR'), quote: 'CHF' },
      { now: '2015-01-14T15:00:00Z', history, exposures: book, pegs: floorAsPeg },
    );

    // Assert: ln(1.0280 / 1.2010) = −15.55%; a long EUR position lost 14.4% against a VaR under 0.2%
    expect(shock).toBeCloseTo(Math.log(1.028 / 1.201), 12);
    const loss = -Math.expm1(shock);
    expect(loss).toBeGreaterThan(50 * Number(production.valueAtRisk));
    expect(loss).toBeGreaterThan(50 * Number(plain.valueAtRisk));
    expect(assessment.measuredVolatility).toBeLessThan(0.02);
    expect(assessment.annualVolatility).toBe(0.05);
    expect(assessment.reasons).toContain('PEG_FLOOR_APPLIED');
  });

  it('should take 2016-06-24 (the UK referendum) as an exception for GBP, and volatility should jump after it', () => {
    // Arrange
    const eurGbp = ecbRateSeries(table, 'EUR', 'GBP');
    const gbpUsd = ecbRateSeries(table, 'GBP', 'USD');

    // Act
    const eurGbpShock = returnOn(eurGbp, '2016-06-24');
    const gbpUsdShock = returnOn(gbpUsd, '2016-06-24');
    const shortEur = valueAtRisk(logReturns(before(eurGbp, '2016-06-24')), {
      model: PRODUCTION,
      confidence: 0.99,
      side: 'short',
    });
    const longGbp = valueAtRisk(logReturns(before(gbpUsd, '2016-06-24')), {
      model: PRODUCTION,
      confidence: 0.99,
      side: 'long',
    });
    const volatilityBefore = valueAtRisk(logReturns(before(gbpUsd, '2016-06-24')), {
      model: PLAIN_EWMA,
      confidence: 0.99,
      side: 'long',
    }).stepVolatility;
    const volatilityAfter = valueAtRisk(logReturns(before(gbpUsd, '2016-06-25')), {
      model: PLAIN_EWMA,
      confidence: 0.99,
      side: 'long',
    }).stepVolatility;

    // Assert: EUR/GBP +5.3% (0.76595 → 0.80750), GBP/USD −8.2%; both beyond the 99% VaR; EWMA σ more than doubles
    expect(Math.expm1(eurGbpShock)).toBeGreaterThan(Number(shortEur.valueAtRisk));
    expect(-Math.expm1(gbpUsdShock)).toBeGreaterThan(Number(longGbp.valueAtRisk));
    expect(eurGbpShock).toBeCloseTo(Math.log(0.8075 / 0.76595), 12);
    expect(volatilityAfter).toBeGreaterThan(2 * volatilityBefore);
  });

  it('should scale 1-hour and 6-hour VaR from the daily data by √(h / 24 h)', () => {
    // Arrange
    const returns = logReturns(ecbRateSeries(table, 'EUR', 'USD'));
    const at = (hours: number) =>
      valueAtRisk(returns, {
        model: PRODUCTION,
        confidence: 0.99,
        side: 'long',
        horizonMs: hours * 3_600_000,
      });

    // Act
    const [hour, six, day] = [at(1), at(6), at(24)];

    // Assert
    expect(hour.horizonVolatility / day.horizonVolatility).toBeCloseTo(Math.sqrt(1 / 24), 12);
    expect(six.horizonVolatility / day.horizonVolatility).toBeCloseTo(0.5, 12);
    expect(Number(hour.valueAtRisk)).toBeLessThan(Number(six.valueAtRisk));
    expect(Number(six.valueAtRisk)).toBeLessThan(Number(day.valueAtRisk));
  });

  it('should keep the random walk as the EUR/USD forecast centre: mean reversion does not beat it', () => {
    // Arrange
    const eurUsd = ecbRateSeries(table, 'EUR', 'USD');

    // Act
    const forecast = forecastRate(eurUsd, { horizonMs: DAY_MS, centre: 'meanReversion', model: PRODUCTION });

    // Assert
    expect(forecast.centreModel).toBe('randomWalk');
    expect(forecast.comparison?.beatsRandomWalk).toBe(false);
    expect(forecast.centre).toBe('1.1684');
    expect(Number(forecast.lower)).toBeLessThan(1.1684);
    expect(Number(forecast.upper)).toBeGreaterThan(1.1684);
  });
});
