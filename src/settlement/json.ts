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

function parseJson<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
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
  const data = parseJson(SettlementResultJsonSchema, json, 'settlementResultFromJson');
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
  const data = parseJson(FundingEventJsonSchema, json, 'fundingEventFromJson');
  return Object.freeze({
    messageId: data.messageId,
    entries: data.entries.map((e, i) =>
      Object.freeze({ ...e, amount: toMoney(e.amount, 'fundingEventFromJson', ['entries', i, 'amount']) }),
    ),
  });
}
