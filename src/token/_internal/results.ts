/**
 * Building command results, and their JSON form in the journal and the store.
 * @internal
 */
import type { CurrencyCode, Money } from '../../index';
import { fromMinor } from '../../index';
import type { TokenRejectionCode } from '../errors';
import type { JsonValue } from '../store';
import type {
  CommandKind,
  CommandResult,
  HoldRecord,
  MintRecord,
  PayoutInstruction,
  ReconciliationBreak,
} from '../types';
import { fieldsText } from './json';
import type { BreakRec, HoldRec, MintRec, PayoutRec } from './records';

/** @internal */
export function applied(id: string, kind: CommandKind): CommandResult {
  return { id, kind, status: 'applied', replayed: false };
}

/** @internal */
export function rejected(
  id: string,
  kind: CommandKind,
  code: TokenRejectionCode,
  message: string,
): CommandResult {
  return { id, kind, status: 'rejected', code, message, replayed: false };
}

/** @internal */
export function moneyOf(minor: bigint, currency: CurrencyCode): Money {
  return fromMinor(minor, currency);
}

/** @internal */
export function mintRecord(rec: MintRec): MintRecord {
  // Fields are assigned in the order of the record's JSON form (its key order is part of the journal).
  const out: { -readonly [K in keyof MintRecord]: MintRecord[K] } = {
    id: rec.id,
    participant: rec.participant,
    amount: moneyOf(rec.amountMinor, rec.currency),
  } as MintRecord;
  if (rec.uetr !== undefined) out.uetr = rec.uetr;
  if (rec.endToEndId !== undefined) out.endToEndId = rec.endToEndId;
  out.status = rec.status;
  if (rec.code !== undefined) out.code = rec.code;
  if (rec.fundedBy !== undefined) out.fundedBy = rec.fundedBy;
  return out;
}

/** @internal */
export function holdRecord(rec: HoldRec): HoldRecord {
  return {
    id: rec.id,
    from: rec.from,
    to: rec.to,
    amount: moneyOf(rec.amountMinor, rec.currency),
    status: rec.status,
    ...(rec.postedMinor === undefined ? {} : { postedAmount: moneyOf(rec.postedMinor, rec.currency) }),
  };
}

/** @internal */
export function payoutInstruction(rec: PayoutRec): PayoutInstruction {
  // Fields are assigned in the order of the record's JSON form (its key order is part of the journal).
  const out: { -readonly [K in keyof PayoutInstruction]: PayoutInstruction[K] } = {
    id: rec.id,
    participant: rec.participant,
    amount: moneyOf(rec.amountMinor, rec.currency),
  } as PayoutInstruction;
  if (rec.reserveAccountId !== undefined) out.reserveAccountId = rec.reserveAccountId;
  if (rec.uetr !== undefined) out.uetr = rec.uetr;
  if (rec.endToEndId !== undefined) out.endToEndId = rec.endToEndId;
  if (rec.beneficiary !== undefined) out.beneficiary = rec.beneficiary;
  out.status = rec.status;
  if (rec.confirmedBy !== undefined) out.confirmedBy = rec.confirmedBy;
  return out;
}

/** @internal */
export function breakRecord(rec: BreakRec): ReconciliationBreak {
  return {
    id: rec.id,
    kind: rec.kind,
    currency: rec.currency,
    source: rec.source,
    ...(rec.entryKey === undefined ? {} : { entryKey: rec.entryKey }),
    ...(rec.accountId === undefined ? {} : { accountId: rec.accountId }),
    ...(rec.ledgerMinor === undefined ? {} : { ledgerAmount: moneyOf(rec.ledgerMinor, rec.currency) }),
    ...(rec.bankMinor === undefined ? {} : { bankAmount: moneyOf(rec.bankMinor, rec.currency) }),
    message: rec.message,
    status: rec.status,
    ...(rec.action === undefined
      ? {}
      : { resolution: { action: rec.action, note: rec.note ?? '', commandId: rec.resolvedBy ?? '' } }),
    detectedBy: rec.detectedBy,
  };
}

/**
 * A result as JSON: the bare applied result is `0` (most of a transfer batch), otherwise the object
 * with every {@link Money} as `{ currency, minor }` (minor as digits) and `replayed` left out.
 * @internal
 */
export function encodeResult(result: CommandResult): JsonValue {
  if (isBare(result)) return 0;
  const out: Record<string, JsonValue> = {};
  // As toJson of the result without id, kind and replayed, in the result's key order.
  const object = result as unknown as Record<string, unknown>;
  for (const key in object) {
    if (key === 'id' || key === 'kind' || key === 'replayed') continue;
    const field = object[key];
    if (field !== undefined) out[key] = toJson(field);
  }
  return out;
}

/** `JSON.stringify(encodeResult(result))`, written without building the JSON form. @internal */
export function encodeResultText(result: CommandResult): string {
  return isBare(result) ? '0' : fieldsText(result as unknown as Record<string, unknown>, true);
}

/** The inverse of {@link encodeResult}. @internal */
export function decodeResult(id: string, kind: CommandKind, value: JsonValue): CommandResult {
  if (value === 0) return { id, kind, status: 'applied', replayed: true };
  const body = fromJson(value) as Omit<CommandResult, 'id' | 'kind' | 'replayed'>;
  return { id, kind, ...body, replayed: true };
}

function isBare(result: CommandResult): boolean {
  return (
    result.status === 'applied' &&
    result.code === undefined &&
    result.message === undefined &&
    result.mint === undefined &&
    result.payout === undefined &&
    result.hold === undefined &&
    result.entries === undefined &&
    result.report === undefined &&
    result.minted === undefined
  );
}

function toJson(value: unknown): JsonValue {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    return value as JsonValue;
  }
  if (Array.isArray(value)) return value.map(toJson);
  const object = value as Record<string, unknown>;
  if (typeof object.minor === 'bigint' && typeof object.currency === 'string') {
    return { currency: object.currency, minor: object.minor.toString() };
  }
  const out: Record<string, JsonValue> = {};
  // for…in over a plain object visits its own keys in Object.entries order, without the pair arrays.
  for (const key in object) {
    const field = object[key];
    if (field !== undefined) out[key] = toJson(field);
  }
  return out;
}

function fromJson(value: JsonValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  const object = value as Record<string, JsonValue>;
  const keys = Object.keys(object);
  if (keys.length === 2 && typeof object.currency === 'string' && typeof object.minor === 'string') {
    return fromMinor(BigInt(object.minor), object.currency as CurrencyCode);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fromJson(object[key] as JsonValue);
  return out;
}
