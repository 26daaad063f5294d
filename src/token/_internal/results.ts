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
  return {
    id: rec.id,
    participant: rec.participant,
    amount: moneyOf(rec.amountMinor, rec.currency),
    ...(rec.uetr === undefined ? {} : { uetr: rec.uetr }),
    ...(rec.endToEndId === undefined ? {} : { endToEndId: rec.endToEndId }),
    status: rec.status,
    ...(rec.code === undefined ? {} : { code: rec.code }),
    ...(rec.fundedBy === undefined ? {} : { fundedBy: rec.fundedBy }),
  };
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
  return {
    id: rec.id,
    participant: rec.participant,
    amount: moneyOf(rec.amountMinor, rec.currency),
    ...(rec.reserveAccountId === undefined ? {} : { reserveAccountId: rec.reserveAccountId }),
    ...(rec.uetr === undefined ? {} : { uetr: rec.uetr }),
    ...(rec.endToEndId === undefined ? {} : { endToEndId: rec.endToEndId }),
    ...(rec.beneficiary === undefined ? {} : { beneficiary: rec.beneficiary }),
    status: rec.status,
    ...(rec.confirmedBy === undefined ? {} : { confirmedBy: rec.confirmedBy }),
  };
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
  const { replayed: _replayed, id: _id, kind: _kind, ...rest } = result;
  return toJson(rest);
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
  for (const [key, field] of Object.entries(object)) if (field !== undefined) out[key] = toJson(field);
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
