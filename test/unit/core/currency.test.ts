import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CurrencyCode,
  currencyExponent,
  getCurrency,
  isCurrencyCode,
  listCurrencies,
} from '../../../src/core/currency';
import { CoreErrorCodes, UnknownCurrencyError } from '../../../src/core/errors';
import { ISO4217 } from '../../../src/core/iso4217';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('ISO 4217 table', () => {
  it('should hold the 178 codes of List One published 2026-01-01', () => {
    // Arrange / Act
    const count = listCurrencies().length;

    // Assert: update together with the header of src/core/iso4217.ts on each ISO amendment.
    expect(count).toBe(178);
  });

  it('should give each currency its ISO minor unit as exponent', () => {
    // Arrange
    const expected: Record<string, number> = {
      EUR: 2,
      USD: 2,
      GBP: 2,
      JPY: 0,
      KRW: 0,
      VND: 0,
      UGX: 0,
      ISK: 0,
      XOF: 0,
      XAF: 0,
      XPF: 0,
      CLP: 0,
      BHD: 3,
      KWD: 3,
      OMR: 3,
      JOD: 3,
      IQD: 3,
      LYD: 3,
      TND: 3,
      CLF: 4,
      UYW: 4,
      SLE: 2,
      VED: 2,
      VES: 2,
      ZWG: 2,
      XCG: 2,
      XAD: 2,
    };

    // Act
    const actual = Object.fromEntries(Object.keys(expected).map((code) => [code, currencyExponent(code)]));

    // Assert
    expect(actual).toEqual(expected);
  });

  it('should give exponent 0 to the codes whose minor unit ISO marks N.A.', () => {
    // Arrange
    const notApplicable = [
      'XAG',
      'XAU',
      'XBA',
      'XBB',
      'XBC',
      'XBD',
      'XDR',
      'XPD',
      'XPT',
      'XSU',
      'XTS',
      'XUA',
      'XXX',
    ];

    // Act
    const exponents = notApplicable.map(currencyExponent);

    // Assert
    expect(exponents).toEqual(notApplicable.map(() => 0));
  });

  it('should not list withdrawn codes', () => {
    // Arrange
    const withdrawn = ['HRK', 'SLL', 'ZWL', 'MRO', 'VEF', 'BYR', 'STD', 'ANG', 'BGN', 'CUC', 'LTL', 'DEM'];

    // Act
    const known = withdrawn.filter(isCurrencyCode);

    // Assert
    expect(known).toEqual([]);
  });

  it('should give XCG the numeric code 532 that ANG had', () => {
    // Arrange / Act
    const xcg = getCurrency('XCG');

    // Assert
    expect(xcg).toEqual({ code: 'XCG', numeric: '532', exponent: 2, name: 'Caribbean Guilder' });
  });

  it('should keep leading zeros of numeric codes', () => {
    // Arrange / Act
    const all = getCurrency('ALL');

    // Assert
    expect(all.numeric).toBe('008');
  });

  it('should be frozen, entries included', () => {
    // Arrange
    const eur = getCurrency('EUR');

    // Act / Assert
    expect(Object.isFrozen(ISO4217)).toBe(true);
    expect(Object.isFrozen(eur)).toBe(true);
    expect(Object.isFrozen(listCurrencies())).toBe(true);
    expect(() => {
      (eur as { exponent: number }).exponent = 3;
    }).toThrow(TypeError);
  });

  it('should list currencies sorted by code, the same array on every call', () => {
    // Arrange
    const first = listCurrencies();

    // Act
    const codes = first.map((currency) => currency.code);

    // Assert
    expect(codes).toEqual([...codes].sort());
    expect(listCurrencies()).toBe(first);
  });
});

describe('isCurrencyCode', () => {
  it('should accept active codes and narrow them', () => {
    // Arrange
    const code: string = 'EUR';

    // Act
    const known = isCurrencyCode(code);

    // Assert
    expect(known).toBe(true);
    if (isCurrencyCode(code)) {
      const narrowed: CurrencyCode = code;
      expect(narrowed).toBe('EUR');
    }
  });

  it('should reject names inherited from Object.prototype', () => {
    // Arrange
    const inherited = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

    // Act
    const known = inherited.filter(isCurrencyCode);

    // Assert
    expect(known).toEqual([]);
  });

  it('should be case-sensitive and reject non-strings', () => {
    // Arrange
    const values: unknown[] = ['eur', 'Eur', ' EUR', 'EUR ', '', 978, null, undefined, {}, ['EUR']];

    // Act
    const known = values.filter(isCurrencyCode);

    // Assert
    expect(known).toEqual([]);
  });
});

describe('getCurrency', () => {
  it('should return the table entry', () => {
    // Arrange / Act
    const bhd = getCurrency('BHD');

    // Assert
    expect(bhd).toBe(ISO4217.BHD);
    expect(bhd).toEqual({ code: 'BHD', numeric: '048', exponent: 3, name: 'Bahraini Dinar' });
  });

  it('should throw UnknownCurrencyError with the given path for an unknown code', () => {
    // Arrange
    const path = ['CdtTrfTxInf', 0, 'IntrBkSttlmAmt', 'Ccy'];

    // Act
    const error = thrown(() => getCurrency('EUX', path));

    // Assert
    expect(error).toBeInstanceOf(UnknownCurrencyError);
    expect(error).toMatchObject({ code: CoreErrorCodes.UNKNOWN_CURRENCY, path });
    expect((error as UnknownCurrencyError).issues).toEqual([
      { code: CoreErrorCodes.UNKNOWN_CURRENCY, path, message: (error as Error).message },
    ]);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"[deltran] getCurrency: CdtTrfTxInf[0]/IntrBkSttlmAmt/Ccy: expected an active ISO 4217 currency code such as "EUR", got "EUX""`,
    );
  });

  it('should treat "__proto__" and "constructor" as unknown', () => {
    // Arrange
    const codes = ['__proto__', 'constructor'];

    // Act
    const errors = codes.map((code) => thrown(() => getCurrency(code)));

    // Assert
    for (const error of errors)
      expect(error).toMatchObject({ code: CoreErrorCodes.UNKNOWN_CURRENCY, path: [] });
  });

  it('should make currencyExponent throw for an unknown code', () => {
    // Arrange / Act
    const error = thrown(() => currencyExponent('HRK'));

    // Assert
    expect(error).toBeInstanceOf(UnknownCurrencyError);
    expect(error).toMatchObject({ code: CoreErrorCodes.UNKNOWN_CURRENCY });
  });
});

describe('properties', () => {
  const entries = Object.entries(ISO4217);

  it('should key every entry by its own well-formed code', () => {
    for (const [key, currency] of entries) {
      expect(currency.code).toBe(key);
      expect(key).toMatch(/^[A-Z]{3}$/);
      expect(currency.numeric).toMatch(/^[0-9]{3}$/);
      expect(Number.isInteger(currency.exponent)).toBe(true);
      expect(currency.exponent).toBeGreaterThanOrEqual(0);
      expect(currency.exponent).toBeLessThanOrEqual(4);
      expect(currency.name.length).toBeGreaterThan(0);
    }
  });

  it('should give every code its own numeric code', () => {
    // Arrange
    const numerics = entries.map(([, currency]) => currency.numeric);

    // Act
    const distinct = new Set(numerics);

    // Assert
    expect(distinct.size).toBe(numerics.length);
  });

  it('should find every listed code, and only those', () => {
    fc.assert(
      fc.property(fc.constantFrom(...listCurrencies()), (currency) => {
        expect(isCurrencyCode(currency.code)).toBe(true);
        expect(getCurrency(currency.code)).toBe(currency);
        expect(currencyExponent(currency.code)).toBe(currency.exponent);
      }),
    );
    fc.assert(
      fc.property(
        fc
          .oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^[A-Z]{3}$/))
          .filter((code) => !Object.hasOwn(ISO4217, code)),
        (code) => {
          expect(isCurrencyCode(code)).toBe(false);
          expect(thrown(() => getCurrency(code))).toMatchObject({ code: CoreErrorCodes.UNKNOWN_CURRENCY });
        },
      ),
    );
  });
});
