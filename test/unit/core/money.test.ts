import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CurrencyCode, listCurrencies } from '../../../src/core/currency';
import {
  CoreErrorCodes,
  CurrencyMismatchError,
  InvalidAmountError,
  UnknownCurrencyError,
} from '../../../src/core/errors';
import {
  abs,
  add,
  compare,
  equals,
  formatMoney,
  fromMinor,
  isNegative,
  isPositive,
  isZero,
  type Money,
  max,
  min,
  money,
  negate,
  subtract,
  sum,
} from '../../../src/core/money';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('money', () => {
  it('should parse a decimal string into minor units', () => {
    // Arrange
    const inputs = [
      ['10.50', 'EUR', 1050n],
      ['10.5', 'EUR', 1050n],
      ['10', 'EUR', 1000n],
      ['0.01', 'USD', 1n],
      ['-0.01', 'USD', -1n],
      ['1000', 'JPY', 1000n],
      ['1.250', 'BHD', 1250n],
      ['1.25', 'KWD', 1250n],
      ['0.0001', 'CLF', 1n],
      ['12.3456', 'UYW', 123456n],
      ['7', 'XAU', 7n],
    ] as const;

    // Act
    const parsed = inputs.map(([text, currency]) => money(text, currency));

    // Assert
    expect(parsed).toEqual(inputs.map(([, currency, minor]) => ({ minor, currency })));
  });

  it('should accept leading zeros, which XML Schema xs:decimal allows', () => {
    // Arrange / Act
    const parsed = money('007.50', 'EUR');

    // Assert
    expect(parsed).toEqual({ minor: 750n, currency: 'EUR' });
    expect(formatMoney(parsed)).toBe('7.50');
  });

  it('should read "-0" and "-0.00" as zero', () => {
    // Arrange / Act
    const zeros = ['-0', '-0.00', '0', '000.0'].map((text) => money(text, 'EUR'));

    // Assert
    for (const zero of zeros) {
      expect(zero.minor).toBe(0n);
      expect(formatMoney(zero)).toBe('0.00');
    }
  });

  it('should return frozen values', () => {
    // Arrange
    const amount = money('1.00', 'EUR');

    // Act / Assert
    expect(Object.isFrozen(amount)).toBe(true);
    expect(() => {
      (amount as { minor: bigint }).minor = 5n;
    }).toThrow(TypeError);
  });

  it('should accept up to 18 significant digits, counted as XML Schema counts totalDigits', () => {
    // Arrange
    const inputs = [
      ['999999999999999999', 'JPY'],
      ['9999999999999999.99', 'EUR'],
      ['99999999999999999.9', 'EUR'],
      // Trailing fraction zeros are not significant, so the canonical text of an 17-digit amount fits.
      ['12345678901234567.00', 'EUR'],
      ['000000000000000000001.00', 'EUR'],
      ['-999999999999999.999', 'BHD'],
    ] as const;

    // Act
    const parsed = inputs.map(([text, currency]) => money(text, currency));

    // Assert
    expect(parsed.map((amount) => amount.minor)).toEqual([
      999999999999999999n,
      999999999999999999n,
      9999999999999999990n,
      1234567890123456700n,
      100n,
      -999999999999999999n,
    ]);
  });

  it.each([
    ['10.125', 'EUR'],
    // Stricter than xs:decimal on purpose: the text carries a precision EUR cannot hold.
    ['10.120', 'EUR'],
    ['1.0', 'JPY'],
    ['1.5', 'JPY'],
    ['1.2345', 'BHD'],
    ['0.5', 'XAU'],
    ['1.00000', 'CLF'],
  ] as const)('should reject %j in %s: more fraction digits than the currency exponent', (text, currency) => {
    // Arrange / Act
    const error = thrown(() => money(text, currency));

    // Assert
    expect(error).toBeInstanceOf(InvalidAmountError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
  });

  it.each([
    '1e3',
    '1E3',
    '1.5e2',
    '+1',
    ' 1',
    '1 ',
    '1\t',
    '\n1',
    '1 000',
    '1,000.00',
    '10,50',
    '1_000',
    '',
    '-',
    '1.',
    '.5',
    '-.5',
    '--1',
    '-+1',
    '1-',
    '0x10',
    '1.2.3',
    'Infinity',
    'NaN',
    'abc',
    '\u22121',
    '\uff11',
    '\u0661\u0662',
  ])('should reject %j: not a plain decimal', (text) => {
    // Arrange / Act
    const error = thrown(() => money(text, 'EUR'));

    // Assert
    expect(error).toBeInstanceOf(InvalidAmountError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
  });

  it.each([
    ['1234567890123456789', 'JPY'],
    ['-1234567890123456789', 'JPY'],
    ['99999999999999999.99', 'EUR'],
    ['100000000000000000.01', 'EUR'],
    ['1000000000000000000', 'EUR'],
  ] as const)('should reject %j in %s: more than 18 significant digits', (text, currency) => {
    // Arrange / Act
    const error = thrown(() => money(text, currency));

    // Assert
    expect(error).toBeInstanceOf(InvalidAmountError);
    expect(error).toMatchObject({ code: CoreErrorCodes.AMOUNT_TOO_LARGE });
  });

  it('should reject a very long digit string before converting it', () => {
    // Arrange
    const text = '1'.repeat(1_000_000);

    // Act
    const error = thrown(() => money(text, 'EUR'));

    // Assert
    expect(error).toMatchObject({ code: CoreErrorCodes.AMOUNT_TOO_LARGE });
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it.each([10.5, 1050n, null, undefined, {}, ['1.00']])(
    'should reject the non-string %s and ask for a decimal string',
    (value) => {
      // Arrange / Act
      const error = thrown(() => money(value as unknown as string, 'EUR'));

      // Assert
      expect(error).toBeInstanceOf(InvalidAmountError);
      expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
    },
  );

  it('should tell the caller who passes a number to pass a string', () => {
    // Arrange / Act
    const error = thrown(() => money(10.5 as unknown as string, 'EUR'));

    // Assert
    expect((error as Error).message).toMatchInlineSnapshot(
      `"[deltran] money: expected the amount as a decimal string such as "10.50" (a number cannot hold every amount exactly), got number 10.5"`,
    );
  });

  it('should reject an unknown currency with UnknownCurrencyError', () => {
    // Arrange
    const codes = ['EUX', 'eur', 'HRK', '__proto__', 'constructor', ''];

    // Act
    const errors = codes.map((code) => thrown(() => money('1.00', code as CurrencyCode)));

    // Assert
    for (const error of errors) {
      expect(error).toBeInstanceOf(UnknownCurrencyError);
      expect(error).toMatchObject({ code: CoreErrorCodes.UNKNOWN_CURRENCY });
    }
  });

  it('should carry the path option into every error', () => {
    // Arrange
    const path = ['CdtTrfTxInf', 1, 'IntrBkSttlmAmt'];
    const calls = [
      () => money('10.125', 'EUR', { path }),
      () => money('1e3', 'EUR', { path }),
      () => money('1234567890123456789', 'JPY', { path }),
      () => money('1.00', 'EUX' as CurrencyCode, { path }),
      () => money(1 as unknown as string, 'EUR', { path }),
      () => fromMinor(1 as unknown as bigint, 'EUR', { path }),
    ];

    // Act
    const errors = calls.map(thrown);

    // Assert
    for (const error of errors) {
      expect(error).toMatchObject({ path });
      expect((error as InvalidAmountError).issues).toEqual([
        { code: (error as InvalidAmountError).code, path, message: (error as Error).message },
      ]);
    }
  });

  it('should name the function, the path, the problem and the expectation in the message', () => {
    // Arrange / Act
    const error = thrown(() => money('10.125', 'EUR', { path: ['CdtTrfTxInf', 1, 'IntrBkSttlmAmt'] }));

    // Assert
    expect((error as Error).message).toMatchInlineSnapshot(
      `"[deltran] money: CdtTrfTxInf[1]/IntrBkSttlmAmt: expected at most 2 fraction digits for EUR, got "10.125""`,
    );
  });
});

describe('fromMinor', () => {
  it('should create an amount from minor units', () => {
    // Arrange / Act
    const amount = fromMinor(1050n, 'EUR');

    // Assert
    expect(amount).toEqual({ minor: 1050n, currency: 'EUR' });
    expect(Object.isFrozen(amount)).toBe(true);
  });

  it.each([1050, '1050', 10.5, null])('should reject the non-bigint %j', (value) => {
    // Arrange / Act
    const error = thrown(() => fromMinor(value as unknown as bigint, 'EUR'));

    // Assert
    expect(error).toBeInstanceOf(InvalidAmountError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
  });

  it('should reject an unknown currency', () => {
    // Arrange / Act
    const error = thrown(() => fromMinor(1n, 'ZWL' as CurrencyCode));

    // Assert
    expect(error).toBeInstanceOf(UnknownCurrencyError);
  });
});

describe('formatMoney', () => {
  it('should write exactly the currency exponent of fraction digits', () => {
    // Arrange
    const amounts = [
      fromMinor(1050n, 'USD'),
      fromMinor(1000n, 'JPY'),
      fromMinor(1250n, 'BHD'),
      fromMinor(5n, 'EUR'),
      fromMinor(-5n, 'EUR'),
      fromMinor(0n, 'EUR'),
      fromMinor(0n, 'JPY'),
      fromMinor(1n, 'CLF'),
      fromMinor(-123456789n, 'KWD'),
    ];

    // Act
    const texts = amounts.map(formatMoney);

    // Assert
    expect(texts).toEqual(['10.50', '1000', '1.250', '0.05', '-0.05', '0.00', '0', '0.0001', '-123456.789']);
  });
});

describe('arithmetic', () => {
  const eur = (text: string): Money<'EUR'> => money(text, 'EUR');

  it('should add, subtract, negate and take absolute values', () => {
    // Arrange
    const a = eur('10.50');
    const b = eur('0.75');

    // Act / Assert
    expect(formatMoney(add(a, b))).toBe('11.25');
    expect(formatMoney(subtract(b, a))).toBe('-9.75');
    expect(formatMoney(negate(a))).toBe('-10.50');
    expect(formatMoney(negate(eur('0')))).toBe('0.00');
    expect(formatMoney(abs(negate(a)))).toBe('10.50');
    expect(abs(a)).toBe(a);
  });

  it('should compare and test signs', () => {
    // Arrange
    const small = eur('-1.00');
    const large = eur('2.00');
    const zero = eur('0');

    // Act / Assert
    expect([compare(small, large), compare(large, small), compare(large, eur('2'))]).toEqual([-1, 1, 0]);
    expect([isZero(zero), isNegative(zero), isPositive(zero)]).toEqual([true, false, false]);
    expect([isNegative(small), isPositive(large)]).toEqual([true, true]);
    expect(min(large, small, zero)).toBe(small);
    expect(max(small, large, zero)).toBe(large);
    expect(min(large)).toBe(large);
  });

  it('should sort amounts with compare', () => {
    // Arrange
    const amounts = ['3.00', '-1.00', '0.50'].map(eur);

    // Act
    const sorted = [...amounts].sort(compare).map(formatMoney);

    // Assert
    expect(sorted).toEqual(['-1.00', '0.50', '3.00']);
  });

  it('should treat amounts in different currencies as unequal, without throwing', () => {
    // Arrange
    const a: Money = money('1.00', 'EUR');
    const b: Money = money('1.00', 'USD');

    // Act / Assert
    expect(equals(a, b)).toBe(false);
    expect(equals(a, money('1', 'EUR'))).toBe(true);
  });

  it('should throw CurrencyMismatchError when mixing currencies at runtime', () => {
    // Arrange
    const a: Money = money('1.00', 'EUR');
    const b: Money = money('1.00', 'USD');
    const calls = [
      () => add(a, b),
      () => subtract(a, b),
      () => compare(a, b),
      () => min(a, b),
      () => max(a, b),
      () => sum([a, b]),
      () => sum([a], 'USD' as CurrencyCode),
    ];

    // Act
    const errors = calls.map(thrown);

    // Assert
    for (const error of errors) {
      expect(error).toBeInstanceOf(CurrencyMismatchError);
      expect(error).toMatchObject({ code: CoreErrorCodes.CURRENCY_MISMATCH });
    }
    expect((errors[0] as Error).message).toMatchInlineSnapshot(
      `"[deltran] add: expected amounts in one currency, got EUR and USD; convert one of them first"`,
    );
  });

  it('should sum a list, pointing at the amount in another currency', () => {
    // Arrange
    const amounts: Money[] = [eur('1.10'), eur('2.20'), money('1', 'JPY')];

    // Act
    const total = sum(amounts.slice(0, 2));
    const error = thrown(() => sum(amounts));

    // Assert
    expect(formatMoney(total)).toBe('3.30');
    expect(error).toMatchObject({ code: CoreErrorCodes.CURRENCY_MISMATCH, path: [2] });
  });

  it('should need a currency to sum an empty list', () => {
    // Arrange / Act
    const zero = sum([], 'EUR');
    const error = thrown(() => sum([]));

    // Assert
    expect(zero).toEqual({ minor: 0n, currency: 'EUR' });
    expect(error).toBeInstanceOf(UnknownCurrencyError);
    expect(error).toMatchObject({ code: CoreErrorCodes.UNKNOWN_CURRENCY });
    expect(thrown(() => sum([], 'EUX' as CurrencyCode))).toMatchObject({
      code: CoreErrorCodes.UNKNOWN_CURRENCY,
    });
  });
});

describe('properties', () => {
  const codes = listCurrencies().map((currency) => currency.code as CurrencyCode);
  const TOTAL_DIGITS = 18;

  /**
   * A canonical decimal text for a currency, built from an integer part and a fraction whose value we
   * know, so the expected minor units come from arithmetic, not from parsing.
   */
  const canonical = fc.constantFrom(...codes).chain((currency) => {
    const exponent = listCurrencies().find((entry) => entry.code === currency)!.exponent;
    const integerMax = 10n ** BigInt(TOTAL_DIGITS - exponent) - 1n;
    return fc
      .record({
        integer: fc.oneof(fc.bigInt({ min: 0n, max: integerMax }), fc.bigInt({ min: 0n, max: 1000n })),
        fraction: fc.bigInt({ min: 0n, max: 10n ** BigInt(exponent) - 1n }),
        negative: fc.boolean(),
      })
      .map(({ integer, fraction, negative }) => {
        const magnitude = integer * 10n ** BigInt(exponent) + fraction;
        const signed = negative && magnitude !== 0n;
        const fractionText = exponent === 0 ? '' : `.${fraction.toString().padStart(exponent, '0')}`;
        return {
          currency,
          exponent,
          integerText: integer.toString(),
          fractionText,
          negative: signed,
          text: `${signed ? '-' : ''}${integer}${fractionText}`,
          minor: signed ? -magnitude : magnitude,
        };
      });
  });

  const amount = fc.bigInt().map((minor) => fromMinor(minor, 'EUR'));

  it('should round-trip every canonical text of every currency: formatMoney(money(s, c)) === s', () => {
    fc.assert(
      fc.property(canonical, ({ currency, text, minor }) => {
        const parsed = money(text, currency);
        expect(parsed.minor).toBe(minor);
        expect(formatMoney(parsed)).toBe(text);
      }),
    );
  });

  it('should parse leading zeros and shorter fractions to the same minor units', () => {
    fc.assert(
      fc.property(canonical, fc.integer({ min: 1, max: 30 }), (sample, zeros) => {
        const { currency, integerText, fractionText, negative, minor } = sample;
        const sign = negative ? '-' : '';
        const padded = `${sign}${'0'.repeat(zeros)}${integerText}${fractionText}`;
        const trimmed = `${sign}${integerText}${fractionText.replace(/0+$/, '').replace(/\.$/, '')}`;
        expect(money(padded, currency).minor).toBe(minor);
        expect(money(trimmed, currency).minor).toBe(minor);
      }),
    );
  });

  it('should reject a fraction digit beyond the currency exponent, even a zero', () => {
    fc.assert(
      fc.property(canonical, fc.integer({ min: 0, max: 9 }), ({ currency, exponent, text }, digit) => {
        const longer = exponent === 0 ? `${text}.${digit}` : `${text}${digit}`;
        expect(thrown(() => money(longer, currency))).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
      }),
    );
  });

  it('should reject any text with a character outside the grammar', () => {
    const junk = fc.constantFrom(' ', '\t', '+', 'e', 'E', ',', '_', "'", '\u00a0', '\u2212', 'x', '$');
    fc.assert(
      fc.property(canonical, junk, fc.nat(), ({ currency, text }, char, at) => {
        const index = at % (text.length + 1);
        const mutated = text.slice(0, index) + char + text.slice(index);
        const error = thrown(() => money(mutated, currency));
        expect(error).toBeInstanceOf(InvalidAmountError);
        expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
      }),
    );
  });

  it('should reject more than 18 significant digits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.bigInt({ min: 10n ** 18n, max: 10n ** 40n }),
        fc.boolean(),
        (currency, integer, negative) => {
          const text = `${negative ? '-' : ''}${integer}`;
          expect(thrown(() => money(text, currency))).toMatchObject({
            code: CoreErrorCodes.AMOUNT_TOO_LARGE,
          });
        },
      ),
    );
  });

  it('should always format to the canonical grammar, whatever the minor units', () => {
    fc.assert(
      fc.property(fc.constantFrom(...listCurrencies()), fc.bigInt(), (currency, minor) => {
        const text = formatMoney(fromMinor(minor, currency.code as CurrencyCode));
        const fraction = currency.exponent === 0 ? '' : `\\.[0-9]{${currency.exponent}}`;
        expect(text).toMatch(new RegExp(`^-?(0|[1-9][0-9]*)${fraction}$`));
        expect(text.startsWith('-')).toBe(minor < 0n);
      }),
    );
  });

  it('should make add commutative and associative, with zero as identity', () => {
    const zero = fromMinor(0n, 'EUR');
    fc.assert(
      fc.property(amount, amount, amount, (a, b, c) => {
        expect(add(a, b)).toEqual(add(b, a));
        expect(add(add(a, b), c)).toEqual(add(a, add(b, c)));
        expect(add(a, zero)).toEqual(a);
        expect(add(zero, a)).toEqual(a);
      }),
    );
  });

  it('should make subtract undo add', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(subtract(add(a, b), b)).toEqual(a);
        expect(add(subtract(a, b), b)).toEqual(a);
        expect(subtract(a, a).minor).toBe(0n);
      }),
    );
  });

  it('should keep negate, abs, compare and the sign tests consistent', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(negate(negate(a))).toEqual(a);
        expect(add(a, negate(a)).minor).toBe(0n);
        expect(isNegative(abs(a))).toBe(false);
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        const difference = subtract(a, b);
        expect(compare(a, b)).toBe(isZero(difference) ? 0 : isPositive(difference) ? 1 : -1);
        expect(equals(a, b)).toBe(compare(a, b) === 0);
        expect(compare(min(a, b), max(a, b))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('should make sum equal adding one by one', () => {
    fc.assert(
      fc.property(fc.array(amount), (amounts) => {
        const expected = amounts.reduce((total, next) => add(total, next), fromMinor(0n, 'EUR'));
        expect(sum(amounts, 'EUR')).toEqual(expected);
      }),
    );
  });
});
