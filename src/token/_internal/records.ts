/**
 * The ledger's objects as it keeps them in memory and in the store: flat records whose amounts are
 * `bigint` fields named `…Minor`, so one shallow codec turns every record into JSON (decimal strings)
 * and back without a schema per type.
 * @internal
 */
import type { CurrencyCode } from '../../index';
import type { TokenRejectionCode } from '../errors';
import type { JsonValue, StoredObjectType } from '../store';
import type { BreakKind, CreditDebit } from '../types';

/** @internal */
export interface MintRec {
  readonly id: string;
  readonly participant: string;
  readonly currency: CurrencyCode;
  readonly amountMinor: bigint;
  readonly uetr?: string;
  readonly endToEndId?: string;
  readonly status: 'pending' | 'minted' | 'rejected';
  readonly code?: TokenRejectionCode;
  readonly fundedBy?: string;
}

/** @internal */
export interface HoldRec {
  readonly id: string;
  readonly currency: CurrencyCode;
  readonly from: string;
  readonly to: string;
  readonly amountMinor: bigint;
  readonly status: 'reserved' | 'posted' | 'voided';
  readonly postedMinor?: bigint;
}

/** @internal */
export interface PayoutRec {
  readonly id: string;
  readonly participant: string;
  readonly currency: CurrencyCode;
  readonly amountMinor: bigint;
  readonly reserveAccountId?: string;
  readonly uetr?: string;
  readonly endToEndId?: string;
  readonly beneficiary?: string;
  readonly status: 'in-flight' | 'confirmed' | 'cancelled';
  readonly confirmedBy?: string;
}

/**
 * A booked bank entry the ledger recorded. `state`: `posted` (moved the reserve), `held` (a debit
 * not posted), `absorbed` (a held debit booked against unallocated by `resolveBreak`).
 * @internal
 */
export interface EntryRec {
  readonly key: string;
  readonly accountId: string;
  readonly servicerReference: string;
  readonly entryReference: string;
  readonly currency: CurrencyCode;
  readonly creditDebit: CreditDebit;
  readonly amountMinor: bigint;
  readonly bookingDate: string;
  readonly valueDate?: string;
  readonly uetr?: string;
  readonly endToEndId?: string;
  readonly state: 'posted' | 'held' | 'absorbed';
  /** Credits: the mint it funded. */
  readonly claimedBy?: string;
  /** Debits: the payout it confirmed. */
  readonly confirms?: string;
  readonly breakId?: string;
  /** Order of arrival, for deterministic matching after a reload. */
  readonly order: number;
}

/** @internal */
export interface BreakRec {
  readonly id: string;
  readonly kind: BreakKind;
  readonly currency: CurrencyCode;
  readonly source: 'realtime' | 'camt.052' | 'camt.053';
  readonly entryKey?: string;
  readonly accountId?: string;
  readonly ledgerMinor?: bigint;
  readonly bankMinor?: bigint;
  readonly message: string;
  readonly status: 'open' | 'resolved';
  readonly action?: 'accept' | 'absorb' | 'matched';
  readonly note?: string;
  readonly resolvedBy?: string;
  readonly detectedBy: string;
}

/** @internal */
export type AnyRec = MintRec | HoldRec | PayoutRec | EntryRec | BreakRec;

/** Record type → its record. @internal */
export interface RecOf {
  mint: MintRec;
  hold: HoldRec;
  payout: PayoutRec;
  entry: EntryRec;
  break: BreakRec;
}

/** @internal */
export const OBJECT_TYPES: readonly StoredObjectType[] = ['mint', 'hold', 'payout', 'entry', 'break'];

/** A record as JSON: `…Minor` bigints become decimal strings, absent fields are left out. @internal */
export function encodeRec(rec: AnyRec): JsonValue {
  const out: Record<string, JsonValue> = {};
  const fields = rec as unknown as Record<string, unknown>;
  // for…in over a plain record visits its own keys in Object.entries order, without the pair arrays.
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    out[key] = typeof value === 'bigint' ? value.toString() : (value as JsonValue);
  }
  return out;
}

/** The inverse of {@link encodeRec}; throws on a value that is not a flat JSON object. @internal */
export function decodeRec<T extends StoredObjectType>(_type: T, value: JsonValue): RecOf[T] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('expected a JSON object');
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, JsonValue>)) {
    if (key.endsWith('Minor')) {
      if (typeof field !== 'string' || !/^-?\d+$/.test(field))
        throw new TypeError(`expected ${key} as digits`);
      out[key] = BigInt(field);
    } else {
      out[key] = field;
    }
  }
  return out as unknown as RecOf[T];
}

/** A record with its fields writable (a copy being changed). @internal */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `{ ...rec }`, built by copying its fields one by one: the same fields in the same order (records
 * are plain objects with string keys), but a copy V8 extends along its cached transitions. Adding
 * fields to a spread copy (`{ ...rec, field }`) takes a slow path on Node 20 (~0.4 µs each, ten
 * times the copy).
 * @internal
 */
export function copyOf<T extends object>(rec: T): Draft<T> {
  const out: Record<string, unknown> = {};
  const fields = rec as Record<string, unknown>;
  for (const key in fields) out[key] = fields[key];
  return out as Draft<T>;
}

/** `rest` of `const { [key]: _, ...rest } = rec`, as {@link copyOf} builds it. @internal */
export function copyWithout<T extends object, K extends keyof T & string>(rec: T, key: K): Draft<Omit<T, K>> {
  const out: Record<string, unknown> = {};
  const fields = rec as Record<string, unknown>;
  for (const name in fields) if (name !== key) out[name] = fields[name];
  return out as Draft<Omit<T, K>>;
}
