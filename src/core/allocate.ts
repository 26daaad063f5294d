/**
 * Splitting an amount by ratios so that the parts always add up to the whole (STYLE.md §3.6): fees,
 * pro-rata shares, split net positions.
 *
 * @packageDocumentation
 */
import { assert } from './assert';
import { type CurrencyCode, describeValue, messagePrefix } from './currency';
import { CoreErrorCodes, InvalidRatiosError } from './errors';
import { createMoney, type Money } from './money';

/**
 * One share of an {@link allocate} split: a non-negative `bigint`, a finite non-negative `number`, or
 * a non-negative decimal string (`"0.7"`). Only the proportions matter: `[1, 3]`, `[25n, 75n]` and
 * `["0.25", "0.75"]` split alike.
 * @public
 */
export type AllocationRatio = bigint | number | string;

/** A ratio as `coefficient / 10^scale`, exactly. */
interface Scaled {
  readonly coefficient: bigint;
  readonly scale: number;
}

// A number's shortest round-trip text (String(0.1) is "0.1", String(1e-7) is "1e-7"); strings from the
// caller get the stricter RATIO_TEXT. Both are unambiguous, so neither can backtrack.
const NUMBER_TEXT = /^([0-9]+)(?:\.([0-9]+))?(?:e([+-][0-9]+))?$/;
const RATIO_TEXT = /^([0-9]+)(?:\.([0-9]+))?$/;

/**
 * Splits an amount into parts proportional to `ratios`, using the largest-remainder method: each part
 * gets the whole minor units of its exact share, then the minor units left over go one each to the
 * parts with the largest remainders, the lowest index first on a tie. So the parts always add up to
 * `amount` exactly, each is within one minor unit of its exact share, a zero ratio gets zero, and the
 * result is deterministic. A negative amount is split like its absolute value and every part negated.
 *
 * Ratios are never turned into floats: a `number` is read from its shortest decimal text
 * (`0.1` is exactly one tenth), and all ratios are scaled to integers before dividing.
 *
 * @param amount - the amount to split
 * @param ratios - one ratio per part, at least one of them above zero
 * @returns one amount per ratio, in the same order and currency, summing to `amount`
 * @throws {@link InvalidRatiosError} (`CORE_INVALID_RATIOS`) when `ratios` is empty or all zero, or a
 *   ratio is negative, not finite, or not a bigint, number or decimal string; the error's `path` is the
 *   index of the offending ratio
 * @example
 * ```ts
 * allocate(money('100.00', 'EUR'), [1, 1, 1]).map(formatMoney); // ['33.34', '33.33', '33.33']
 * allocate(money('-0.05', 'EUR'), ['0.7', '0.3']).map(formatMoney); // ['-0.04', '-0.01']
 * ```
 * @public
 */
export function allocate<C extends CurrencyCode>(
  amount: Money<C>,
  ratios: readonly AllocationRatio[],
): Money<C>[] {
  if (!Array.isArray(ratios)) {
    throw invalid(
      [],
      `expected an array of ratios such as [1, 1] or ["0.7", "0.3"], got ${describeValue(ratios)}`,
    );
  }
  const count = ratios.length;
  if (count === 0) throw invalid([], 'expected at least one ratio, got an empty list');

  const scaled: Scaled[] = [];
  let scale = 0;
  for (let index = 0; index < count; index++) {
    const ratio = toScaled(ratios[index], index);
    if (ratio.scale > scale) scale = ratio.scale;
    scaled.push(ratio);
  }
  const weights: bigint[] = [];
  let total = 0n;
  for (const ratio of scaled) {
    const weight = ratio.coefficient * 10n ** BigInt(scale - ratio.scale);
    weights.push(weight);
    total += weight;
  }
  if (total === 0n) throw invalid([], 'expected at least one ratio above zero, got only zeros');

  const negative = amount.minor < 0n;
  const whole = negative ? -amount.minor : amount.minor;
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const weight of weights) {
    const share = whole * weight;
    const part = share / total;
    parts.push(part);
    remainders.push(share % total);
    given += part;
  }

  // Fewer than `count` units are left, and every one goes to a part with a non-zero remainder, so a
  // zero ratio (remainder 0) never receives one.
  let left = whole - given;
  if (left > 0n) {
    const order = Array.from({ length: count }, (_, index) => index);
    order.sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
    for (let rank = 0; left > 0n; rank++, left--) {
      const index = order[rank] as number;
      parts[index] = (parts[index] as bigint) + 1n;
    }
  }

  const result: Money<C>[] = [];
  let check = 0n;
  for (const part of parts) {
    const minor = negative ? -part : part;
    check += minor;
    result.push(createMoney(minor, amount.currency));
  }
  assert(check === amount.minor, 'allocate: the parts must add up to the amount');
  return result;
}

function toScaled(ratio: unknown, index: number): Scaled {
  if (typeof ratio === 'bigint') {
    if (ratio >= 0n) return { coefficient: ratio, scale: 0 };
  } else if (typeof ratio === 'number') {
    // `-0 >= 0` holds and String(-0) is "0", so negative zero is just zero.
    if (Number.isFinite(ratio) && ratio >= 0) {
      const scaled = parseScaled(NUMBER_TEXT.exec(String(ratio)));
      if (scaled !== undefined) return scaled;
    }
  } else if (typeof ratio === 'string') {
    const scaled = parseScaled(RATIO_TEXT.exec(ratio));
    if (scaled !== undefined) return scaled;
  }
  throw invalid(
    [index],
    `expected a non-negative ratio (a bigint, a finite number or a decimal string such as "0.25"), got ${describeValue(ratio)}`,
  );
}

function parseScaled(match: RegExpExecArray | null): Scaled | undefined {
  if (match === null) return undefined;
  const integer = match[1] as string;
  const fraction = match[2] ?? '';
  // The exponent comes from String(number), so it is within ±324: small enough for a JS number.
  const exponent = match[3] === undefined ? 0 : Number.parseInt(match[3], 10);
  const coefficient = BigInt(integer + fraction);
  const scale = fraction.length - exponent;
  if (scale >= 0) return { coefficient, scale };
  return { coefficient: coefficient * 10n ** BigInt(-scale), scale: 0 };
}

function invalid(path: readonly (string | number)[], message: string): InvalidRatiosError {
  return new InvalidRatiosError(
    CoreErrorCodes.INVALID_RATIOS,
    `${messagePrefix('allocate', path)}${message}`,
    {
      path,
    },
  );
}
