import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AllocationRatio, allocate } from '../../../src/core/allocate';
import { CoreErrorCodes, InvalidRatiosError } from '../../../src/core/errors';
import { formatMoney, fromMinor, type Money, money, negate } from '../../../src/core/money';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const texts = (parts: readonly Money[]): string[] => parts.map(formatMoney);

describe('allocate', () => {
  it('should split evenly and give the leftover cent to the first part', () => {
    // Arrange
    const amount = money('100.00', 'EUR');

    // Act
    const parts = allocate(amount, [1, 1, 1]);

    // Assert
    expect(texts(parts)).toEqual(['33.34', '33.33', '33.33']);
    expect(parts.every((part) => part.currency === 'EUR' && Object.isFrozen(part))).toBe(true);
  });

  it('should give leftover units to the largest remainders', () => {
    // Arrange: the exact shares are 3.57… and 6.42… cents; .57 beats .42, so the first part gets the cent.
    const amount = money('0.10', 'EUR');

    // Act
    const parts = allocate(amount, [5n, 9n]);

    // Assert
    expect(texts(parts)).toEqual(['0.04', '0.06']);
  });

  it('should split negative amounts symmetrically', () => {
    // Arrange
    const amount = money('-0.05', 'EUR');

    // Act
    const parts = allocate(amount, ['0.7', '0.3']);

    // Assert
    expect(texts(parts)).toEqual(['-0.04', '-0.01']);
  });

  it('should give zero to a zero ratio', () => {
    // Arrange
    const amount = money('0.03', 'USD');

    // Act
    const parts = allocate(amount, [0, 1, 0, 1, 0n, '0.000']);

    // Assert
    expect(texts(parts)).toEqual(['0.00', '0.02', '0.00', '0.01', '0.00', '0.00']);
  });

  it('should read bigint, number and string ratios alike', () => {
    // Arrange
    const amount = money('1000', 'JPY');

    // Act
    const fromBigints = allocate(amount, [7n, 2n, 1n]);
    const fromNumbers = allocate(amount, [0.7, 0.2, 0.1]);
    const fromStrings = allocate(amount, ['0.7', '0.20', '0.1']);
    const mixed = allocate(amount, [70n, 20, '10']);

    // Assert
    expect(texts(fromBigints)).toEqual(['700', '200', '100']);
    expect(fromNumbers).toEqual(fromBigints);
    expect(fromStrings).toEqual(fromBigints);
    expect(mixed).toEqual(fromBigints);
  });

  it('should read a number from its shortest decimal text, never as a binary float', () => {
    // Arrange: as binary floats 0.1 + 0.2 !== 0.3, but the ratios are exactly 1 : 2 : 3.
    const amount = money('6.00', 'EUR');

    // Act
    const parts = allocate(amount, [0.1, 0.2, 0.3]);

    // Assert
    expect(texts(parts)).toEqual(['1.00', '2.00', '3.00']);
  });

  it('should handle numbers written with an exponent', () => {
    // Arrange
    const amount = money('3', 'JPY');

    // Act
    const tiny = allocate(amount, [1e-7, 2e-7]);
    const huge = allocate(amount, [1e21, 2e21]);
    const extreme = allocate(amount, [5e-324, Number.MAX_VALUE]);

    // Assert
    expect(texts(tiny)).toEqual(['1', '2']);
    expect(texts(huge)).toEqual(['1', '2']);
    expect(texts(extreme)).toEqual(['0', '3']);
  });

  it('should keep the whole amount with a single ratio, and split zero into zeros', () => {
    // Arrange / Act
    const single = allocate(money('12.345', 'BHD'), [3]);
    const zero = allocate(money('0', 'EUR'), [1, 2]);

    // Assert
    expect(texts(single)).toEqual(['12.345']);
    expect(texts(zero)).toEqual(['0.00', '0.00']);
  });

  it('should accept negative zero as a zero ratio', () => {
    // Arrange / Act
    const parts = allocate(money('1.00', 'EUR'), [-0, 1]);

    // Assert
    expect(texts(parts)).toEqual(['0.00', '1.00']);
  });

  it.each([
    ['an empty list', []],
    ['all zeros', [0, 0n, '0']],
    ['a negative bigint', [1n, -1n]],
    ['a negative number', [1, -0.5]],
    ['a negative string', [1, '-1']],
    ['NaN', [1, Number.NaN]],
    ['Infinity', [1, Number.POSITIVE_INFINITY]],
    ['an exponent string', [1, '1e3']],
    ['a string with a space', [1, ' 1']],
    ['a string with a "+"', [1, '+1']],
    ['an empty string', [1, '']],
    ['a half-written decimal', [1, '1.']],
    ['an object', [1, {}]],
    ['null', [1, null]],
  ])('should reject %s with InvalidRatiosError', (_, ratios) => {
    // Arrange / Act
    const error = thrown(() => allocate(money('1.00', 'EUR'), ratios as AllocationRatio[]));

    // Assert
    expect(error).toBeInstanceOf(InvalidRatiosError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_RATIOS });
  });

  it('should reject ratios that are not an array', () => {
    // Arrange / Act
    const error = thrown(() => allocate(money('1.00', 'EUR'), '1,1' as unknown as AllocationRatio[]));

    // Assert
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_RATIOS, path: [] });
  });

  it('should point the error path at the offending ratio', () => {
    // Arrange / Act
    const error = thrown(() => allocate(money('1.00', 'EUR'), [1, 2, -3]));

    // Assert
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_RATIOS, path: [2] });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"[deltran] allocate: [2]: expected a non-negative ratio (a bigint, a finite number or a decimal string such as "0.25"), got number -3"`,
    );
  });
});

describe('properties', () => {
  const amount = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((minor) => fromMinor(minor, 'EUR'));

  /** A ratio together with its exact value `coefficient / 10^scale`, known without parsing it. */
  const ratio = fc.oneof(
    fc
      .bigInt({ min: 0n, max: 10n ** 20n })
      .map((value) => ({ ratio: value as AllocationRatio, coefficient: value, scale: 0 })),
    fc.nat().map((value) => ({ ratio: value as AllocationRatio, coefficient: BigInt(value), scale: 0 })),
    fc
      .record({
        coefficient: fc.bigInt({ min: 0n, max: 10n ** 25n }),
        scale: fc.integer({ min: 0, max: 12 }),
      })
      .map(({ coefficient, scale }) => {
        const digits = coefficient.toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return { ratio: text as AllocationRatio, coefficient, scale };
      }),
  );
  const ratios = fc.array(ratio, { minLength: 1 });

  /** Exact weights as integers over a common denominator. */
  function weights(list: readonly { coefficient: bigint; scale: number }[]): bigint[] {
    const scale = Math.max(...list.map((entry) => entry.scale));
    return list.map((entry) => entry.coefficient * 10n ** BigInt(scale - entry.scale));
  }

  it('should preserve the total for any ratios, each part within one unit of its exact share', () => {
    fc.assert(
      fc.property(amount, ratios, (whole, list) => {
        const exact = weights(list);
        const total = exact.reduce((a, b) => a + b, 0n);
        if (total === 0n) {
          expect(
            thrown(() =>
              allocate(
                whole,
                list.map((entry) => entry.ratio),
              ),
            ),
          ).toMatchObject({
            code: CoreErrorCodes.INVALID_RATIOS,
          });
          return;
        }
        const parts = allocate(
          whole,
          list.map((entry) => entry.ratio),
        );
        expect(parts).toHaveLength(list.length);
        expect(parts.reduce((sum, part) => sum + part.minor, 0n)).toBe(whole.minor);
        parts.forEach((part, index) => {
          const weight = exact[index] as bigint;
          // |part - whole * weight / total| < 1, multiplied through by total to stay in integers.
          const error = part.minor * total - whole.minor * weight;
          expect(error < total && error > -total).toBe(true);
          if (weight === 0n) expect(part.minor).toBe(0n);
        });
      }),
    );
  });

  it('should split a negated amount into the negated parts', () => {
    fc.assert(
      fc.property(amount, ratios, (whole, list) => {
        fc.pre(weights(list).some((weight) => weight > 0n));
        const input = list.map((entry) => entry.ratio);
        expect(allocate(negate(whole), input)).toEqual(allocate(whole, input).map(negate));
      }),
    );
  });

  it('should depend only on the proportions of the ratios', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1 }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (whole, list, factor) => {
          fc.pre(list.some((weight) => weight > 0n));
          expect(
            allocate(
              whole,
              list.map((weight) => weight * factor),
            ),
          ).toEqual(allocate(whole, list));
        },
      ),
    );
  });

  it('should read integer numbers exactly like the same bigints', () => {
    fc.assert(
      fc.property(amount, fc.array(fc.maxSafeNat(), { minLength: 1 }), (whole, list) => {
        fc.pre(list.some((weight) => weight > 0));
        expect(allocate(whole, list)).toEqual(allocate(whole, list.map(BigInt)));
      }),
    );
  });

  it('should break ties by index: equal ratios get non-increasing parts that differ by at most one', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 50 }), (whole, count) => {
        const parts = allocate(
          whole,
          Array.from({ length: count }, () => 1n),
        ).map((part) => (whole.minor < 0n ? -part.minor : part.minor));
        for (let index = 1; index < parts.length; index++) {
          const previous = parts[index - 1] as bigint;
          const current = parts[index] as bigint;
          expect(previous >= current && previous - current <= 1n).toBe(true);
        }
      }),
    );
  });
});
