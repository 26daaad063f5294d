/**
 * White-box test of the in-place date checks of the parser (`_internal/context.ts`) and of the
 * builders (`build/_shared.ts`): each accepts exactly what its regex-based definition accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATE_PATTERNS,
  isIsoDate as parseIsIsoDate,
  isIsoDateTime as parseIsIsoDateTime,
} from '../../../src/iso20022/_internal/context';
import {
  isIsoDate as buildIsIsoDate,
  isIsoDateTime as buildIsIsoDateTime,
  DATE_CHECKS_BY_PATTERN,
} from '../../../src/iso20022/build/_shared';

const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
/** A character that is often right and sometimes wrong where a date-time has a digit or separator. */
const near = (right: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 40, arbitrary: right },
    { weight: 1, arbitrary: fc.constantFrom('', 'a', ' ', '٣', '-', ':', 'T', '.', 'Z', '+', '/', '00') },
  );
const num = (length: number, max?: number): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc.array(near(digit), { minLength: length, maxLength: length }).map((a) => a.join('')),
    },
    {
      weight: 4,
      arbitrary: fc
        .integer({ min: 0, max: max ?? 10 ** length - 1 })
        .map((n) => String(n).padStart(length, '0')),
    },
  );
const date = fc
  .tuple(
    fc.oneof(num(4), fc.constantFrom('0000', '0001', '1900', '2000', '2024', '2100', '2400')),
    near(fc.constant('-')),
    fc.oneof(num(2, 13), fc.constantFrom('00', '02', '04', '12', '13')),
    near(fc.constant('-')),
    fc.oneof(num(2, 32), fc.constantFrom('00', '28', '29', '30', '31', '32')),
  )
  .map((p) => p.join(''));
const zone = fc.oneof(
  fc.constant(''),
  fc.constant('Z'),
  fc
    .tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('+', '-') },
        { weight: 1, arbitrary: fc.constantFrom('±', '') },
      ),
      num(2, 25),
      near(fc.constant(':')),
      num(2, 61),
    )
    .map((p) => p.join('')),
  fc.constantFrom('z', 'ZZ', '+14:00', '+14:01', '-14:00', '+23:59', '+24:00', '+0100', 'Z '),
);
const fraction = fc.oneof(
  fc.constant(''),
  fc.array(digit, { minLength: 0, maxLength: 12 }).map((d) => `.${d.join('')}`),
);
const dateTime = fc
  .tuple(
    date,
    near(fc.constant('T')),
    fc.oneof(num(2, 25), fc.constantFrom('23', '24', '19', '20')),
    near(fc.constant(':')),
    num(2, 61),
    near(fc.constant(':')),
    num(2, 61),
    fraction,
    zone,
    fc.oneof(
      { weight: 10, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\n', 'x') },
    ),
  )
  .map((p) => p.join(''));
const anyText = fc.oneof(
  { weight: 6, arbitrary: dateTime },
  { weight: 3, arbitrary: date },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '2026-12-01', '2026-12-01T00:00:00', '2026-02-29', '2024-02-29'),
  },
);

describe('in-place date checks (internal)', () => {
  it('should accept exactly what the parser patterns accept', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(parseIsIsoDate(value)).toBe(DATE_PATTERNS.isIsoDate(value));
        expect(parseIsIsoDateTime(value)).toBe(DATE_PATTERNS.isIsoDateTime(value));
      }),
      { seed: 1316, numRuns: 30_000 },
    );
  });

  it('should accept exactly what the builder patterns accept, strings or not', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(buildIsIsoDate(value)).toBe(DATE_CHECKS_BY_PATTERN.isIsoDate(value));
        expect(buildIsIsoDateTime(value)).toBe(DATE_CHECKS_BY_PATTERN.isIsoDateTime(value));
      }),
      { seed: 1317, numRuns: 30_000 },
    );
    const dateLike = { toString: () => '2026-12-01T10:00:00Z' };
    for (const value of [dateLike, 20261201, null, undefined, new Date(0)] as unknown as string[]) {
      expect(buildIsIsoDateTime(value)).toBe(DATE_CHECKS_BY_PATTERN.isIsoDateTime(value));
      expect(buildIsIsoDate(value)).toBe(DATE_CHECKS_BY_PATTERN.isIsoDate(value));
    }
  });

  it('should see both answers in the generated values (the generator reaches valid and invalid ones)', () => {
    const values = fc.sample(anyText, { seed: 1318, numRuns: 5000 });
    const accepted = values.filter((v) => DATE_PATTERNS.isIsoDateTime(v)).length;
    const acceptedBuild = values.filter((v) => DATE_CHECKS_BY_PATTERN.isIsoDateTime(v)).length;
    const dates = values.filter((v) => DATE_PATTERNS.isIsoDate(v)).length;
    expect(accepted).toBeGreaterThan(300);
    expect(acceptedBuild).toBeGreaterThan(300);
    expect(dates).toBeGreaterThan(200);
    expect(values.length - accepted).toBeGreaterThan(1000);
  });
});
