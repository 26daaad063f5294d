/**
 * The fast path for amount strings: plain positive decimals small enough to be exact in a double.
 * Anything else returns -1 and the caller falls back to core `money()`, which owns the grammar and the
 * error messages; a differential test (parse-amount.internal.test.ts) checks that every string this
 * accepts is accepted by `money()` with the same value.
 * @internal
 */

const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;

// 10^k for k ≤ 15; integers below 10^15 < 2^53 are exact doubles, so the arithmetic below never rounds.
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const DIGITS_FAST_MAX = 15;

/**
 * Parses `[0-9]+(\.[0-9]+)?` with at most `exponent` fraction digits and at most 15 digits once scaled
 * to minor units.
 * @returns the amount in minor units (possibly 0), or -1 when the string needs the full parser
 * @internal
 */
export function parseAmountFast(text: string, exponent: number): number {
  const length = text.length;
  if (length === 0 || length > DIGITS_FAST_MAX + 1) return -1;
  let value = 0;
  let i = 0;
  for (; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < CHAR_0 || code > CHAR_9) break;
    value = value * 10 + (code - CHAR_0);
  }
  const integerDigits = i;
  if (integerDigits === 0) return -1;
  let fractionDigits = 0;
  if (i < length) {
    if (text.charCodeAt(i) !== CHAR_DOT) return -1;
    i++;
    for (; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < CHAR_0 || code > CHAR_9) return -1;
      value = value * 10 + (code - CHAR_0);
      fractionDigits++;
    }
    if (fractionDigits === 0 || fractionDigits > exponent) return -1;
  }
  if (integerDigits + exponent > DIGITS_FAST_MAX) return -1;
  return value * POW10[exponent - fractionDigits]!;
}

/**
 * {@link parseAmountFast} on the ASCII bytes `bytes[start, end)`, for the JSON Lines reader: the same
 * grammar, the same limits and the same value, without making a string.
 * @returns the amount in minor units (possibly 0), or -1 when the text needs the full parser
 * @internal
 */
export function parseAmountBytes(bytes: Uint8Array, start: number, end: number, exponent: number): number {
  const length = end - start;
  if (length === 0 || length > DIGITS_FAST_MAX + 1) return -1;
  let value = 0;
  let i = start;
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code < CHAR_0 || code > CHAR_9) break;
    value = value * 10 + (code - CHAR_0);
  }
  const integerDigits = i - start;
  if (integerDigits === 0) return -1;
  let fractionDigits = 0;
  if (i < end) {
    if (bytes[i] !== CHAR_DOT) return -1;
    i++;
    for (; i < end; i++) {
      const code = bytes[i]!;
      if (code < CHAR_0 || code > CHAR_9) return -1;
      value = value * 10 + (code - CHAR_0);
      fractionDigits++;
    }
    if (fractionDigits === 0 || fractionDigits > exponent) return -1;
  }
  if (integerDigits + exponent > DIGITS_FAST_MAX) return -1;
  return value * POW10[exponent - fractionDigits]!;
}
