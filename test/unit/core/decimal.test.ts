import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type CurrencyCode, listCurrencies } from '../../../src/core/currency';
import { Decimal, fromDecimal, type RoundingMode, toDecimal } from '../../../src/core/decimal';
import {
  CoreErrorCodes,
  InvalidAmountError,
  UnknownCurrencyError,
  ValidationError,
} from '../../../src/core/errors';
import { formatMoney, fromMinor, money } from '../../../src/core/money';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const MODES = ['halfEven', 'halfUp', 'halfDown', 'up', 'down', 'ceil', 'floor'] as const;

describe('Decimal', () => {
  it('should be a local clone with 50 digits and ties to even', () => {
    // Arrange / Act
    const third = new Decimal(1).div(3);

    // Assert
    expect(Decimal.precision).toBe(50);
    expect(Decimal.rounding).toBe(DecimalJs.ROUND_HALF_EVEN);
    expect(third.toString()).toBe(`0.${'3'.repeat(50)}`);
    expect(Decimal).not.toBe(DecimalJs);
    expect(DecimalJs.precision).toBe(20);
  });

  it('should refuse Decimal.set, so no caller can change the settings for the whole process', () => {
    // Arrange / Act
    const attempt = () => Decimal.set({ precision: 5 });

    // Assert
    expect(attempt).toThrow(TypeError);
    expect(Decimal.precision).toBe(50);
    expect(Decimal.clone({ precision: 5 }).precision).toBe(5);
  });

  it('should ignore settings the host gave the global decimal.js before DelTran was loaded', async () => {
    // Arrange
    DecimalJs.set({ precision: 7, rounding: DecimalJs.ROUND_UP, toExpNeg: -1 });
    try {
      vi.resetModules();

      // Act
      const fresh = await import('../../../src/core/decimal');

      // Assert
      expect(fresh.Decimal).not.toBe(Decimal);
      expect(fresh.Decimal.precision).toBe(50);
      expect(fresh.Decimal.rounding).toBe(DecimalJs.ROUND_HALF_EVEN);
      expect(fresh.Decimal.toExpNeg).toBe(-7);
    } finally {
      DecimalJs.set({ defaults: true });
    }
  });
});

describe('toDecimal', () => {
  it('should convert minor units to major units exactly', () => {
    // Arrange
    const amounts = [
      money('10.50', 'EUR'),
      money('-1.250', 'BHD'),
      money('1000', 'JPY'),
      money('0.0001', 'CLF'),
    ];

    // Act
    const decimals = amounts.map((amount) => toDecimal(amount).toString());

    // Assert
    expect(decimals).toEqual(['10.5', '-1.25', '1000', '0.0001']);
  });

  it('should keep every digit of amounts longer than the 50-digit precision', () => {
    // Arrange
    const amount = fromMinor(10n ** 60n + 1n, 'EUR');

    // Act
    const decimal = toDecimal(amount);

    // Assert
    expect(decimal.toFixed()).toBe(`1${'0'.repeat(58)}.01`);
    expect(decimal).toBeInstanceOf(Decimal);
  });
});

describe('fromDecimal', () => {
  it.each([
    ['2.345', ['2.34', '2.35', '2.34', '2.35', '2.34', '2.35', '2.34']],
    ['-2.345', ['-2.34', '-2.35', '-2.34', '-2.35', '-2.34', '-2.34', '-2.35']],
    ['2.355', ['2.36', '2.36', '2.35', '2.36', '2.35', '2.36', '2.35']],
    ['2.341', ['2.34', '2.34', '2.34', '2.35', '2.34', '2.35', '2.34']],
    ['-2.341', ['-2.34', '-2.34', '-2.34', '-2.35', '-2.34', '-2.34', '-2.35']],
    ['2.349', ['2.35', '2.35', '2.35', '2.35', '2.34', '2.35', '2.34']],
    ['-2.349', ['-2.35', '-2.35', '-2.35', '-2.35', '-2.34', '-2.34', '-2.35']],
    ['-0.001', ['0.00', '0.00', '0.00', '-0.01', '0.00', '0.00', '-0.01']],
  ])('should round %s EUR with halfEven, halfUp, halfDown, up, down, ceil and floor', (value, expected) => {
    // Arrange / Act
    const rounded = MODES.map((mode) => formatMoney(fromDecimal(value, 'EUR', mode)));

    // Assert
    expect(rounded).toEqual(expected);
  });

  it('should round to the currency exponent', () => {
    // Arrange / Act
    const results = [
      fromDecimal('2.5', 'JPY', 'halfEven'),
      fromDecimal('3.5', 'JPY', 'halfEven'),
      fromDecimal('2.5', 'JPY', 'halfUp'),
      fromDecimal('1.23456', 'BHD', 'halfEven'),
      fromDecimal('1.5e-7', 'CLF', 'up'),
    ].map(formatMoney);

    // Assert
    expect(results).toEqual(['2', '4', '3', '1.235', '0.0001']);
  });

  it('should convert with an FX rate, rounding once', () => {
    // Arrange
    const eur = money('100.00', 'EUR');
    const rate = new Decimal('1.0842');

    // Act
    const usd = fromDecimal(toDecimal(eur).times(rate), 'USD', 'halfEven');

    // Assert
    expect(usd).toEqual({ minor: 10842n, currency: 'USD' });
  });

  it('should accept a Decimal from the global decimal.js constructor', () => {
    // Arrange
    const value = new DecimalJs('12.345');

    // Act
    const amount = fromDecimal(value, 'EUR', 'floor');

    // Assert
    expect(formatMoney(amount)).toBe('12.34');
  });

  it('should accept a value that needs no rounding under "unnecessary", judged by its value', () => {
    // Arrange / Act
    const amounts = [
      fromDecimal('10.1', 'EUR', 'unnecessary'),
      fromDecimal('10.100000', 'EUR', 'unnecessary'),
      fromDecimal(new Decimal('1e3'), 'JPY', 'unnecessary'),
    ];

    // Assert
    expect(amounts.map(formatMoney)).toEqual(['10.10', '10.10', '1000']);
  });

  it('should throw under "unnecessary" when rounding would be needed', () => {
    // Arrange / Act
    const error = thrown(() => fromDecimal('10.125', 'EUR', 'unnecessary', { path: ['XchgRate'] }));

    // Assert
    expect(error).toBeInstanceOf(InvalidAmountError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT, path: ['XchgRate'] });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"[deltran] fromDecimal: XchgRate: expected at most 2 fraction digits for EUR with rounding "unnecessary", got "10.125""`,
    );
  });

  it.each(['NaN', 'Infinity', '-Infinity', '0x10', '0b1', ' 1', '1 ', '+1', '', '1,5', '1.', '.5'])(
    'should reject the string %j',
    (value) => {
      // Arrange / Act
      const error = thrown(() => fromDecimal(value, 'EUR', 'halfEven'));

      // Assert
      expect(error).toBeInstanceOf(InvalidAmountError);
      expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
    },
  );

  it('should reject non-finite Decimals and values that are neither Decimal nor string', () => {
    // Arrange
    const values: unknown[] = [
      new Decimal(Number.NaN),
      new DecimalJs(Number.POSITIVE_INFINITY),
      1.5,
      15n,
      null,
      {},
    ];

    // Act
    const errors = values.map((value) => thrown(() => fromDecimal(value as string, 'EUR', 'halfEven')));

    // Assert
    for (const error of errors) expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_AMOUNT });
  });

  it('should reject a result of more than 18 significant digits, however large the exponent', () => {
    // Arrange
    const values = [
      ['1e18', 'EUR'],
      ['999999999999999999.5', 'JPY'],
      ['1e9000000', 'EUR'],
      ['-1e9000000', 'EUR'],
    ] as const;

    // Act
    const errors = values.map(([value, currency]) => thrown(() => fromDecimal(value, currency, 'halfUp')));

    // Assert
    for (const error of errors) expect(error).toMatchObject({ code: CoreErrorCodes.AMOUNT_TOO_LARGE });
    expect(formatMoney(fromDecimal('999999999999999999.4', 'JPY', 'halfUp'))).toBe('999999999999999999');
  });

  it('should round a tiny value to zero or one unit without writing out its digits', () => {
    // Arrange / Act
    const down = fromDecimal('1e-9000000', 'EUR', 'halfUp');
    const up = fromDecimal('1e-9000000', 'EUR', 'up');

    // Assert
    expect([formatMoney(down), formatMoney(up)]).toEqual(['0.00', '0.01']);
  });

  it('should reject an unknown rounding mode with ValidationError', () => {
    // Arrange
    const modes = ['nearest', 'HALF_EVEN', 'constructor', undefined];

    // Act
    const errors = modes.map((mode) => thrown(() => fromDecimal('1', 'EUR', mode as RoundingMode)));

    // Assert
    for (const error of errors) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_INPUT });
    }
  });

  it('should reject an unknown currency', () => {
    // Arrange / Act
    const error = thrown(() => fromDecimal('1', 'BGN' as CurrencyCode, 'halfEven', { path: ['Ccy'] }));

    // Assert
    expect(error).toBeInstanceOf(UnknownCurrencyError);
    expect(error).toMatchObject({ code: CoreErrorCodes.UNKNOWN_CURRENCY, path: ['Ccy'] });
  });
});

describe('properties', () => {
  const currencies = listCurrencies();

  /**
   * A value `scaled / 10^(exponent + extra)` written as text: `extra` digits more than the currency
   * holds. Its exact position between two whole minor units is known from `scaled` alone.
   */
  const sample = fc
    .record({
      currency: fc.constantFrom(...currencies),
      extra: fc.integer({ min: 0, max: 6 }),
      magnitude: fc.bigInt({ min: 0n, max: 10n ** 16n }),
      // Exact ties (…5000) and exact values (…0000) would be rare among random digits.
      kind: fc.constantFrom('random', 'tie', 'exact'),
      digits: fc.bigInt({ min: 0n, max: 10n ** 6n - 1n }),
      negative: fc.boolean(),
    })
    .map(({ currency, extra, magnitude, kind, digits, negative }) => {
      const unit = 10n ** BigInt(extra);
      const below = kind === 'exact' ? 0n : kind === 'tie' ? unit / 2n : digits % unit;
      const scaled = (negative ? -1n : 1n) * (magnitude * unit + below);
      const scale = currency.exponent + extra;
      const text = (scaled < 0n ? -scaled : scaled).toString().padStart(scale + 1, '0');
      const body = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
      return { code: currency.code as CurrencyCode, unit, scaled, text: `${scaled < 0n ? '-' : ''}${body}` };
    });

  it('should keep every amount unchanged through toDecimal and fromDecimal, in every mode', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }),
        fc.constantFrom<RoundingMode>(...MODES, 'unnecessary'),
        (currency, minor, mode) => {
          const amount = fromMinor(minor, currency.code as CurrencyCode);
          expect(fromDecimal(toDecimal(amount), amount.currency, mode)).toEqual(amount);
        },
      ),
    );
  });

  it('should bracket the exact value between floor and ceil, one unit apart at most', () => {
    fc.assert(
      fc.property(sample, ({ code, unit, scaled, text }) => {
        const floor = fromDecimal(text, code, 'floor').minor * unit;
        const ceil = fromDecimal(text, code, 'ceil').minor * unit;
        expect(floor <= scaled && scaled < floor + unit).toBe(true);
        expect(ceil >= scaled && scaled > ceil - unit).toBe(true);
      }),
    );
  });

  it('should make down truncate towards zero and up round away from zero', () => {
    fc.assert(
      fc.property(sample, ({ code, text }) => {
        const floor = fromDecimal(text, code, 'floor').minor;
        const ceil = fromDecimal(text, code, 'ceil').minor;
        const negative = text.startsWith('-');
        expect(fromDecimal(text, code, 'down').minor).toBe(negative ? ceil : floor);
        expect(fromDecimal(text, code, 'up').minor).toBe(negative ? floor : ceil);
      }),
    );
  });

  it('should make the half modes round to nearest, breaking exact ties as named', () => {
    fc.assert(
      fc.property(sample, ({ code, unit, scaled, text }) => {
        const magnitude = scaled < 0n ? -scaled : scaled;
        for (const mode of ['halfEven', 'halfUp', 'halfDown'] as const) {
          const minor = fromDecimal(text, code, mode).minor;
          const distance = scaled - minor * unit;
          const twice = 2n * (distance < 0n ? -distance : distance);
          expect(twice <= unit).toBe(true);
          if (twice === unit && unit > 1n) {
            const away = (minor < 0n ? -minor : minor) * unit > magnitude;
            if (mode === 'halfEven') expect(minor % 2n).toBe(0n);
            if (mode === 'halfUp') expect(away).toBe(true);
            if (mode === 'halfDown') expect(away).toBe(false);
          }
        }
      }),
    );
  });

  it('should round a negated value to the negated result in the symmetric modes', () => {
    fc.assert(
      fc.property(
        sample,
        fc.constantFrom<RoundingMode>('halfEven', 'halfUp', 'halfDown', 'up', 'down'),
        (s, mode) => {
          const negated = s.text.startsWith('-') ? s.text.slice(1) : `-${s.text}`;
          expect(fromDecimal(negated, s.code, mode).minor).toBe(-fromDecimal(s.text, s.code, mode).minor);
        },
      ),
    );
  });

  it('should succeed under "unnecessary" exactly when no rounding is needed', () => {
    fc.assert(
      fc.property(sample, ({ code, unit, scaled, text }) => {
        if (scaled % unit === 0n) {
          expect(fromDecimal(text, code, 'unnecessary').minor).toBe(scaled / unit);
        } else {
          expect(thrown(() => fromDecimal(text, code, 'unnecessary'))).toMatchObject({
            code: CoreErrorCodes.INVALID_AMOUNT,
          });
        }
      }),
    );
  });

  it('should treat a Decimal and its text alike', () => {
    fc.assert(
      fc.property(sample, fc.constantFrom<RoundingMode>(...MODES), ({ code, text }, mode) => {
        expect(fromDecimal(new Decimal(text), code, mode)).toEqual(fromDecimal(text, code, mode));
      }),
    );
  });
});
