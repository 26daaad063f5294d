/**
 * JSON-safe encoding of engine state: every {@link Money} becomes `{ currency, amount }` with a decimal
 * string, and back. Nothing else in a record has exactly that shape.
 * @packageDocumentation
 * @internal
 */
import { formatMoney, isCurrencyCode, type Money, money } from '../../index';

function isMoney(value: object): value is Money {
  const v = value as { minor?: unknown; currency?: unknown };
  return typeof v.minor === 'bigint' && typeof v.currency === 'string' && Object.keys(value).length === 2;
}

/** A JSON-safe copy of `value`, Money as `{ currency, amount }`. @internal */
export function encodeState(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') throw new TypeError('a bare bigint outside a Money cannot be encoded');
    return value;
  }
  if (Array.isArray(value)) return value.map(encodeState);
  if (isMoney(value)) return { currency: value.currency, amount: formatMoney(value) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = encodeState(v);
  return out;
}

const DECIMAL = /^-?\d{1,18}(\.\d{1,18})?$/;

/** The inverse of {@link encodeState}: `{ currency, amount }` objects become Money again. @internal */
export function decodeState(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(decodeState));
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  if (
    keys.length === 2 &&
    typeof v.currency === 'string' &&
    typeof v.amount === 'string' &&
    isCurrencyCode(v.currency) &&
    DECIMAL.test(v.amount)
  )
    return money(v.amount, v.currency);
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = decodeState(v[key]);
  return Object.freeze(out);
}
