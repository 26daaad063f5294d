/**
 * White-box test of the bigint VaR amount (STYLE.md §6.1: the file name says so): `scaleAmountExact`
 * must give the Money — or the error — of the decimal.js reference `scaleAmount` for every position
 * and every fraction `decimalText` can write.
 */
import { fromMinor } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalText,
  parseFraction,
  scaleAmount,
  scaleAmountExact,
} from '../../../src/risk/_internal/format';

function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    const e = error as { code?: string; message?: string; path?: unknown };
    return { error: { type: e?.constructor?.name, code: e.code, message: e.message, path: e.path } };
  }
}

const fraction = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1e-6, noNaN: true }),
  fc.double({ min: 1, max: 1e25, noNaN: true }),
  fc.double({ min: -1, max: 0, noNaN: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0, 1, 0.5),
);
const minor = fc.oneof(
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  fc.bigInt({ min: 0n, max: 10n ** 20n }),
  fc.constantFrom(0n, 10n ** 18n - 1n, 10n ** 18n),
);

describe('scaleAmountExact', () => {
  it('should equal scaleAmount for any position and fraction text', () => {
    fc.assert(
      fc.property(minor, fc.constantFrom('EUR', 'JPY', 'BHD', 'CLF'), fraction, (m, currency, f) => {
        const text = decimalText(f, 10);
        const position = fromMinor(m, currency);
        expect(outcome(() => scaleAmountExact(position, parseFraction(text), text))).toEqual(
          outcome(() => scaleAmount(position, text)),
        );
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('should parse only plain non-negative decimals', () => {
    expect(parseFraction('0.0123')).toEqual({ text: '0.0123', n: 123n, pow: 10000n });
    expect(parseFraction('12')).toEqual({ text: '12', n: 12n, pow: 1n });
    for (const text of ['NaN', '-0.1', '1e-7', '.5', '']) expect(parseFraction(text)).toBeUndefined();
  });
});
