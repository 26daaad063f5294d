/** White-box: the fast amount parser must agree with core money() on everything it accepts. */
import { type CurrencyCode, currencyExponent, money } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmountFast } from '../../../src/netting/_internal/parse-amount';

describe('parseAmountFast (internal)', () => {
  it('should parse plain decimals and leave the rest to money()', () => {
    // Arrange
    // Act
    // Assert
    expect(parseAmountFast('10.50', 2)).toBe(1050);
    expect(parseAmountFast('007.5', 2)).toBe(750);
    expect(parseAmountFast('1000', 0)).toBe(1000);
    expect(parseAmountFast('0', 2)).toBe(0);
    for (const text of ['', '-1', '+1', '1.', '.5', '1e3', '1.234', ' 1', '1,00', '1234567890123456']) {
      expect(parseAmountFast(text, 2)).toBe(-1);
    }
  });
});

describe('properties', () => {
  it('should agree with money() whenever it accepts a string', () => {
    const currency = fc.constantFrom<CurrencyCode>('EUR', 'JPY', 'BHD', 'CLF', 'USD');
    const text = fc.oneof(
      fc.stringMatching(/^-?[0-9]{0,17}(\.[0-9]{0,5})?$/),
      fc.string({ unit: fc.constantFrom(...'0123456789.-+e ,'), maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, currency, (value, code) => {
        // Arrange
        // Act
        const fast = parseAmountFast(value, currencyExponent(code));
        // Assert
        if (fast >= 0) {
          expect(Number.isSafeInteger(fast)).toBe(true);
          expect(BigInt(fast)).toBe(money(value, code).minor);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
