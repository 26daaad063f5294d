import { readFileSync } from 'node:fs';
import {
  ecbRateSeries,
  logReturns,
  parseEcbCsv,
  parseFredCsv,
  RateDataError,
  RiskErrorCodes,
  safeParseEcbCsv,
} from 'deltran/risk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/fx/${name}`, import.meta.url), 'utf8');

describe('parseEcbCsv', () => {
  it('should read the ECB layout: newest first, trailing comma, N/A', () => {
    // Arrange
    const content = fixture('ecb-sample.csv');

    // Act
    const table = parseEcbCsv(content);

    // Assert
    expect(table.dates).toEqual(['2024-01-03', '2024-01-04', '2024-01-05']);
    expect(table.times[0]).toBe(Date.UTC(2024, 0, 3));
    expect(table.currencies).toEqual(['USD', 'JPY', 'CHF', 'ILS']);
    expect(table.columns.get('USD')).toEqual(['1.1000', '1.1110', '1.1000']);
    expect(table.columns.get('ILS')).toEqual(['4.0400', '4.0000', undefined]);
  });

  it('should report every issue of a broken file', () => {
    // Arrange
    const content = fixture('ecb-invalid-several-issues.csv');

    // Act
    const result = safeParseEcbCsv(content);

    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(RateDataError);
    expect(result.error.code).toBe(RiskErrorCodes.INVALID_RATE_FILE);
    expect(result.error.issues.map((issue) => issue.path)).toEqual([
      [1, 'JPY'],
      [2, 'Date'],
      [3, 'Date'],
      [4],
    ]);
  });

  it('should refuse a file without the ECB header', () => {
    // Arrange
    const content = 'date;usd\n2024-01-01;1.1\n';

    // Act
    const act = (): unknown => parseEcbCsv(content);

    // Assert
    expect(act).toThrow(RateDataError);
  });
});

describe('ecbRateSeries', () => {
  it('should give a column, its inverse and a cross rate', () => {
    // Arrange
    const table = parseEcbCsv(fixture('ecb-sample.csv'));

    // Act
    const eurUsd = ecbRateSeries(table, 'EUR', 'USD');
    const usdEur = ecbRateSeries(table, 'USD', 'EUR');
    const usdIls = ecbRateSeries(table, 'USD', 'ILS');

    // Assert: 1 / 1.1000 = 0.909090…; ILS/USD = 4.0400 / 1.1000 = 3.672727…, 4.0000 / 1.1110 = 3.60036003600360 (the trailing 0 of the 15 digits is dropped)
    expect(eurUsd.rates).toEqual(['1.1000', '1.1110', '1.1000']);
    expect(usdEur.rates[0]).toBe('0.909090909090909');
    expect(usdIls.times).toEqual([Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 4)]);
    expect(usdIls.rates).toEqual(['3.67272727272727', '3.6003600360036']);
  });

  it('should refuse a currency the table does not have', () => {
    // Arrange
    const table = parseEcbCsv(fixture('ecb-sample.csv'));

    // Act
    const act = (): unknown => ecbRateSeries(table, 'EUR', 'AED');

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RiskErrorCodes.UNKNOWN_SERIES }));
  });
});

describe('parseFredCsv', () => {
  it('should skip the empty US-holiday values', () => {
    // Arrange
    const content = fixture('fred-sample.csv');

    // Act
    const series = parseFredCsv(content, { base: 'EUR', quote: 'USD' });

    // Assert
    expect(series.times).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 4)]);
    expect(series.rates).toEqual(['1.1000', '1.1110']);
  });
});

describe('logReturns', () => {
  it('should give ln(r1/r0) and the median step', () => {
    // Arrange: the weekend gap (3 days) does not change the one-day step
    const day = 86_400_000;
    const series = {
      base: 'EUR',
      quote: 'USD',
      times: [0, day, 4 * day, 5 * day],
      rates: ['1.1000', '1.1110', '1.1000', '1.1000'],
    };

    // Act
    const returns = logReturns(series);

    // Assert
    expect(returns.stepMs).toBe(day);
    expect(returns.values[0]).toBeCloseTo(Math.log(1.111 / 1.1), 15);
    expect(returns.values[2]).toBe(0);
    expect([...returns.times]).toEqual([day, 4 * day, 5 * day]);
  });

  it('should refuse unsorted times and non-positive rates, listing both', () => {
    // Arrange
    const series = { base: 'EUR', quote: 'USD', times: [2, 1], rates: ['1.1', '0'] };

    // Act
    const act = (): unknown => logReturns(series);

    // Assert
    expect(act).toThrow(
      expect.objectContaining({
        code: RiskErrorCodes.INVALID_SERIES,
        issues: expect.arrayContaining([
          expect.objectContaining({ path: ['times', 1] }),
          expect.objectContaining({ path: ['rates', 1] }),
        ]),
      }),
    );
  });

  describe('properties', () => {
    it('should sum the log returns to ln(last / first)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 2, maxLength: 50 }),
          (values) => {
            // Arrange
            const rates = values.map((v) => (v / 10_000).toFixed(4));
            const series = { base: 'EUR', quote: 'USD', times: rates.map((_, i) => i * 1000), rates };

            // Act
            const returns = logReturns(series);
            const total = returns.values.reduce((a, b) => a + b, 0);

            // Assert
            expect(total).toBeCloseTo(Math.log(Number(rates[rates.length - 1]) / Number(rates[0])), 9);
          },
        ),
      );
    });
  });
});
