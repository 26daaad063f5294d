/**
 * The wire forms of settlement results (`deltran.settlement.completed`) and funding events
 * (`deltran.funding.confirmed`): amounts as `{ currency, amount }` with a decimal string, never a number.
 * @packageDocumentation
 */
import * as z from 'zod';
import { DeltranError, formatMoney, isCurrencyCode, type Money, type MoneyJson, money } from '../index';
import type { InstructionSource } from '../routing/index';
import type { BankEntry } from '../token/index';
import { SettlementErrorCodes, SettlementFormatError } from './errors';
import type { FundingEvent, SettlementResult, TransitionCause } from './types';

/** JSON form of a {@link SettlementResult} (a type alias, so it is assignable to `Record<string, unknown>`). @public */
export type SettlementResultJson = {
  readonly instructionId: string;
  readonly uetr: string;
  readonly endToEndId: string;
  readonly messageId: string;
  readonly rail: string;
  readonly status: 'SETTLED' | 'REJECTED' | 'TIMED_OUT';
  readonly reason?: { readonly code: string; readonly text?: string };
  readonly from: string;
  readonly to: string;
  /** The amount, decimal string. */
  readonly amount: MoneyJson;
  readonly currency: string;
  readonly attempts: number;
  readonly submittedAt: string;
  readonly completedAt: string;
  readonly source: InstructionSource;
  readonly cause?: TransitionCause;
  readonly confirmationId?: string;
};

/** JSON form of a token {@link BankEntry}. @public */
export type BankEntryJson = Omit<BankEntry, 'amount'> & { readonly amount: MoneyJson };

/** JSON form of a {@link FundingEvent}. @public */
export type FundingEventJson = {
  readonly messageId: string;
  readonly entries: readonly BankEntryJson[];
};

const text = z.string().min(1).max(256);
const moneyJson = z.strictObject({
  currency: z.string().refine(isCurrencyCode, 'expected an active ISO 4217 currency code'),
  amount: z.string().regex(/^-?\d{1,18}(\.\d{1,18})?$/, 'expected a decimal string such as "1234.50"'),
});
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, {
  message: 'expected an ISO 8601 date-time with an offset',
});
const source = z.union([
  z.strictObject({
    kind: z.literal('netPosition'),
    participant: text,
    currency: z.string().refine(isCurrencyCode, 'expected an active ISO 4217 currency code'),
    windowId: text.optional(),
  }),
  z.strictObject({ kind: z.literal('payment'), uetr: text }),
]);

/** Schema of {@link SettlementResultJson}. @public */
export const SettlementResultJsonSchema: z.ZodType<SettlementResultJson> = z.strictObject({
  instructionId: text,
  uetr: text,
  endToEndId: text,
  messageId: text,
  rail: text,
  status: z.enum(['SETTLED', 'REJECTED', 'TIMED_OUT']),
  reason: z.strictObject({ code: text, text: z.string().max(1000).optional() }).optional(),
  from: text,
  to: text,
  amount: moneyJson,
  currency: z.string().refine(isCurrencyCode, 'expected an active ISO 4217 currency code'),
  attempts: z.number().int().min(0),
  submittedAt: isoInstant,
  completedAt: isoInstant,
  source,
  cause: z
    .enum(['execute', 'submitted', 'retry', 'rail', 'build', 'pacs.002', 'camt.054', 'status', 'timeout'])
    .optional(),
  confirmationId: text.optional(),
}) as z.ZodType<SettlementResultJson>;

const bankEntry = z.strictObject({
  accountId: text,
  servicerReference: z.string().max(256),
  entryReference: z.string().max(256),
  creditDebit: z.enum(['CRDT', 'DBIT']),
  status: z.enum(['BOOK', 'PDNG', 'INFO']),
  amount: moneyJson,
  bookingDate: text.optional(),
  valueDate: text.optional(),
  uetr: text.optional(),
  endToEndId: text.optional(),
});

/** Schema of {@link FundingEventJson}. @public */
export const FundingEventJsonSchema: z.ZodType<FundingEventJson> = z.strictObject({
  messageId: text,
  entries: z.array(bankEntry),
}) as z.ZodType<FundingEventJson>;

const toMoneyJson = (m: Money): MoneyJson => ({ currency: m.currency, amount: formatMoney(m) });

// ---------------------------------------------------------------------------------------------------
// Fast paths. Every settlement result and funding event crosses the transport and is read back by the
// token stage; the zod schemas above cost more than the rest of reading them. The checks below accept a
// subset of what the schemas accept (anything unusual, such as an optional key present as `undefined`,
// is left to zod) and build the very object zod would: keys in schema order, nested objects copied.
// Whatever they do not accept goes through zod, so errors are zod's, unchanged. The equivalence is a
// property test (test/unit/settlement/json.test.ts).

const AMOUNT = /^-?\d{1,18}(\.\d{1,18})?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const STATUSES: ReadonlySet<unknown> = new Set(['SETTLED', 'REJECTED', 'TIMED_OUT']);
const CAUSES: ReadonlySet<unknown> = new Set([
  'execute',
  'submitted',
  'retry',
  'rail',
  'build',
  'pacs.002',
  'camt.054',
  'status',
  'timeout',
]);
const RESULT_KEYS: ReadonlySet<string> = new Set([
  'instructionId',
  'uetr',
  'endToEndId',
  'messageId',
  'rail',
  'status',
  'reason',
  'from',
  'to',
  'amount',
  'currency',
  'attempts',
  'submittedAt',
  'completedAt',
  'source',
  'cause',
  'confirmationId',
]);
const ENTRY_KEYS: ReadonlySet<string> = new Set([
  'accountId',
  'servicerReference',
  'entryReference',
  'creditDebit',
  'status',
  'amount',
  'bookingDate',
  'valueDate',
  'uetr',
  'endToEndId',
]);

type Json = Record<string, unknown>;

/** A plain object (so `in` sees only its own keys: nothing on `Object.prototype` has a schema's key name). */
function isRecord(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own keys all in `known`. */
function onlyKeys(value: Json, known: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!known.has(key)) return false;
  return true;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 256;
}

/** `text.optional()` without the `undefined`-valued key zod would keep. */
function isOptionalText(value: Json, key: string): boolean {
  return !(key in value) || isText(value[key]);
}

function fastMoneyJson(value: unknown): MoneyJson | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 2 || !('currency' in value) || !('amount' in value)) return undefined;
  const { currency, amount } = value;
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) return undefined;
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) return undefined;
  return { currency, amount };
}

function fastSource(value: unknown): InstructionSource | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (value.kind === 'netPosition') {
    for (const key of keys)
      if (key !== 'kind' && key !== 'participant' && key !== 'currency' && key !== 'windowId')
        return undefined;
    const { participant, currency } = value;
    if (!isText(participant) || typeof currency !== 'string' || !isCurrencyCode(currency)) return undefined;
    if (!('windowId' in value)) return { kind: 'netPosition', participant, currency };
    const windowId = value.windowId;
    if (!isText(windowId)) return undefined;
    return { kind: 'netPosition', participant, currency, windowId } as InstructionSource;
  }
  if (value.kind === 'payment') {
    if (keys.length !== 2 || !('uetr' in value) || !isText(value.uetr)) return undefined;
    return { kind: 'payment', uetr: value.uetr };
  }
  return undefined;
}

/** What `SettlementResultJsonSchema.safeParse(value).data` is, or `undefined` to ask zod. */
function fastSettlementResultJson(value: unknown): SettlementResultJson | undefined {
  if (!isRecord(value) || !onlyKeys(value, RESULT_KEYS)) return undefined;
  const v = value;
  if (
    !isText(v.instructionId) ||
    !isText(v.uetr) ||
    !isText(v.endToEndId) ||
    !isText(v.messageId) ||
    !isText(v.rail) ||
    !STATUSES.has(v.status) ||
    !isText(v.from) ||
    !isText(v.to) ||
    typeof v.currency !== 'string' ||
    !isCurrencyCode(v.currency) ||
    typeof v.attempts !== 'number' ||
    !Number.isSafeInteger(v.attempts) ||
    v.attempts < 0 ||
    typeof v.submittedAt !== 'string' ||
    !ISO_INSTANT.test(v.submittedAt) ||
    typeof v.completedAt !== 'string' ||
    !ISO_INSTANT.test(v.completedAt) ||
    !isOptionalText(v, 'confirmationId') ||
    ('cause' in v && !CAUSES.has(v.cause))
  )
    return undefined;
  let reason: { code: string; text?: string } | undefined;
  if ('reason' in v) {
    const r = v.reason;
    if (!isRecord(r) || !isText(r.code)) return undefined;
    for (const key of Object.keys(r)) if (key !== 'code' && key !== 'text') return undefined;
    if ('text' in r) {
      if (typeof r.text !== 'string' || r.text.length > 1000) return undefined;
      reason = { code: r.code, text: r.text };
    } else reason = { code: r.code };
  }
  const amount = fastMoneyJson(v.amount);
  const source = fastSource(v.source);
  if (amount === undefined || source === undefined) return undefined;
  const out: Record<string, unknown> = {
    instructionId: v.instructionId,
    uetr: v.uetr,
    endToEndId: v.endToEndId,
    messageId: v.messageId,
    rail: v.rail,
    status: v.status,
  };
  if (reason !== undefined) out.reason = reason;
  out.from = v.from;
  out.to = v.to;
  out.amount = amount;
  out.currency = v.currency;
  out.attempts = v.attempts;
  out.submittedAt = v.submittedAt;
  out.completedAt = v.completedAt;
  out.source = source;
  if ('cause' in v) out.cause = v.cause;
  if ('confirmationId' in v) out.confirmationId = v.confirmationId;
  return out as SettlementResultJson;
}

function fastBankEntryJson(value: unknown): BankEntryJson | undefined {
  if (!isRecord(value) || !onlyKeys(value, ENTRY_KEYS)) return undefined;
  const v = value;
  if (
    !isText(v.accountId) ||
    typeof v.servicerReference !== 'string' ||
    v.servicerReference.length > 256 ||
    typeof v.entryReference !== 'string' ||
    v.entryReference.length > 256 ||
    (v.creditDebit !== 'CRDT' && v.creditDebit !== 'DBIT') ||
    (v.status !== 'BOOK' && v.status !== 'PDNG' && v.status !== 'INFO') ||
    !isOptionalText(v, 'bookingDate') ||
    !isOptionalText(v, 'valueDate') ||
    !isOptionalText(v, 'uetr') ||
    !isOptionalText(v, 'endToEndId')
  )
    return undefined;
  const amount = fastMoneyJson(v.amount);
  if (amount === undefined) return undefined;
  const out: Record<string, unknown> = {
    accountId: v.accountId,
    servicerReference: v.servicerReference,
    entryReference: v.entryReference,
    creditDebit: v.creditDebit,
    status: v.status,
    amount,
  };
  if ('bookingDate' in v) out.bookingDate = v.bookingDate;
  if ('valueDate' in v) out.valueDate = v.valueDate;
  if ('uetr' in v) out.uetr = v.uetr;
  if ('endToEndId' in v) out.endToEndId = v.endToEndId;
  return out as BankEntryJson;
}

/** What `FundingEventJsonSchema.safeParse(value).data` is, or `undefined` to ask zod. */
function fastFundingEventJson(value: unknown): FundingEventJson | undefined {
  if (!isRecord(value) || !isText(value.messageId) || !Array.isArray(value.entries)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 2 || !('messageId' in value) || !('entries' in value)) return undefined;
  const source = value.entries as readonly unknown[];
  const entries: BankEntryJson[] = [];
  for (let i = 0; i < source.length; i++) {
    if (!(i in source)) return undefined;
    const entry = fastBankEntryJson(source[i]);
    if (entry === undefined) return undefined;
    entries.push(entry);
  }
  return { messageId: value.messageId, entries };
}

function parseJson<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: string,
  fast: (value: unknown) => T | undefined,
): T {
  const quick = fast(value);
  if (quick !== undefined) return quick;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      code: SettlementErrorCodes.INVALID_JSON,
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: i.message,
    }));
    throw new SettlementFormatError(
      SettlementErrorCodes.INVALID_JSON,
      `[deltran] settlement: ${where}: ${issues.map((i) => `${i.path.join('/') || '(root)'}: ${i.message}`).join('; ')}`,
      { issues, cause: parsed.error },
    );
  }
  return parsed.data;
}

function toMoney(json: MoneyJson, where: string, path: readonly (string | number)[]): Money {
  try {
    return money(json.amount, json.currency as Parameters<typeof money>[1]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SettlementFormatError(
      SettlementErrorCodes.INVALID_JSON,
      `[deltran] settlement: ${where}: ${path.join('/')}: ${message}`,
      { path, cause: error, ...(error instanceof DeltranError ? { issues: error.issues } : {}) },
    );
  }
}

/**
 * The JSON form of a settlement result.
 * @param result - the result
 * @returns JSON-safe, the amount a decimal string
 * @public
 */
export function settlementResultToJson(result: SettlementResult): SettlementResultJson {
  const { amount, reason, cause, confirmationId, ...rest } = result;
  return {
    ...rest,
    amount: toMoneyJson(amount),
    ...(reason !== undefined ? { reason: { ...reason } } : {}),
    ...(cause !== undefined ? { cause } : {}),
    ...(confirmationId !== undefined ? { confirmationId } : {}),
  };
}

/**
 * A settlement result from its JSON form, checked.
 * @param json - what {@link settlementResultToJson} returned (after a round trip through JSON text)
 * @returns the result, the amount a Money
 * @throws {@link SettlementFormatError} (`SETTLEMENT_INVALID_JSON`) listing every problem
 * @public
 */
export function settlementResultFromJson(json: unknown): SettlementResult {
  const data = parseJson(
    SettlementResultJsonSchema,
    json,
    'settlementResultFromJson',
    fastSettlementResultJson,
  );
  const { amount, ...rest } = data;
  return Object.freeze({
    ...rest,
    currency: rest.currency as SettlementResult['currency'],
    source: rest.source as InstructionSource,
    amount: toMoney(amount, 'settlementResultFromJson', ['amount']),
  });
}

/**
 * The JSON form of a funding event.
 * @param event - the event
 * @returns JSON-safe, amounts as decimal strings
 * @public
 */
export function fundingEventToJson(event: FundingEvent): FundingEventJson {
  return {
    messageId: event.messageId,
    entries: event.entries.map(({ amount, ...rest }) => ({ ...rest, amount: toMoneyJson(amount) })),
  };
}

/**
 * A funding event from its JSON form, checked.
 * @param json - what {@link fundingEventToJson} returned
 * @returns the event, amounts as Money, ready for the token ledger's `recordBankEntries`
 * @throws {@link SettlementFormatError} (`SETTLEMENT_INVALID_JSON`) listing every problem
 * @public
 */
export function fundingEventFromJson(json: unknown): FundingEvent {
  const data = parseJson(FundingEventJsonSchema, json, 'fundingEventFromJson', fastFundingEventJson);
  return Object.freeze({
    messageId: data.messageId,
    entries: data.entries.map((e, i) =>
      Object.freeze({ ...e, amount: toMoney(e.amount, 'fundingEventFromJson', ['entries', i, 'amount']) }),
    ),
  });
}
