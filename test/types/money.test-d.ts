// Compile-time guarantees of the money API (STYLE.md §3.4, §6.9): each `@ts-expect-error` below fails
// the type check if the line it guards starts to compile.
import { describe, expectTypeOf, it } from 'vitest';
import { allocate } from '../../src/core/allocate';
import type { CurrencyCode } from '../../src/core/currency';
import { fromDecimal, type RoundingMode } from '../../src/core/decimal';
import {
  add,
  compare,
  equals,
  fromMinor,
  type Money,
  max,
  min,
  money,
  negate,
  subtract,
  sum,
} from '../../src/core/money';

const usd = money('1.00', 'USD');
const eur = money('1.00', 'EUR');

describe('Money types', () => {
  it('should keep the literal currency of a created amount', () => {
    expectTypeOf(usd).toEqualTypeOf<Money<'USD'>>();
    expectTypeOf(fromMinor(100n, 'JPY')).toEqualTypeOf<Money<'JPY'>>();
    expectTypeOf(add(usd, usd)).toEqualTypeOf<Money<'USD'>>();
    expectTypeOf(negate(eur)).toEqualTypeOf<Money<'EUR'>>();
    expectTypeOf(allocate(eur, [1, 1])).toEqualTypeOf<Money<'EUR'>[]>();
    expectTypeOf(fromDecimal('1.005', 'EUR', 'halfEven')).toEqualTypeOf<Money<'EUR'>>();
    expectTypeOf(sum([], 'EUR')).toEqualTypeOf<Money<'EUR'>>();
    expectTypeOf(compare(usd, usd)).toEqualTypeOf<-1 | 0 | 1>();
  });

  it('should not compile when mixing literal currencies', () => {
    // @ts-expect-error USD plus EUR
    add(usd, eur);
    // @ts-expect-error USD minus EUR
    subtract(usd, eur);
    // @ts-expect-error no order between USD and EUR
    compare(usd, eur);
    // @ts-expect-error min across currencies
    min(usd, eur);
    // @ts-expect-error max across currencies
    max(usd, usd, eur);
    // @ts-expect-error a total in USD of EUR amounts
    sum([eur], 'USD');
  });

  it('should still compile for amounts whose currency is only known at run time', () => {
    const a: Money = usd;
    const b: Money = eur;
    expectTypeOf(add(a, b)).toEqualTypeOf<Money<CurrencyCode>>();
    expectTypeOf(equals(usd, eur)).toEqualTypeOf<boolean>();
  });

  it('should accept only ISO 4217 codes and exact inputs', () => {
    // @ts-expect-error not an ISO 4217 code
    money('1.00', 'USX');
    // @ts-expect-error withdrawn in 2023
    money('1.00', 'HRK');
    // @ts-expect-error a number cannot hold every amount exactly
    money(1.5, 'EUR');
    // @ts-expect-error minor units are a bigint
    fromMinor(150, 'EUR');
    // @ts-expect-error the rounding mode is always explicit
    fromDecimal('1.005', 'EUR');
    // @ts-expect-error not a rounding mode
    fromDecimal('1.005', 'EUR', 'nearest');
    expectTypeOf<'XCG'>().toExtend<CurrencyCode>();
    expectTypeOf<'HRK'>().not.toExtend<CurrencyCode>();
    expectTypeOf<'halfEven'>().toExtend<RoundingMode>();
  });

  it('should make amounts read-only', () => {
    // @ts-expect-error minor is readonly
    usd.minor = 5n;
    // @ts-expect-error currency is readonly
    usd.currency = 'USD';
  });
});
