/**
 * zod schemas of the JSON form of a parsed message ({@link ParsedMessageJson}), as codecs: decoding
 * turns decimal-string amounts into {@link Money}, encoding turns them back. Used by
 * `messageFromJson` / `messageToJson` only, never on the parse hot path.
 * @packageDocumentation
 */
import * as z from 'zod';
import {
  type CanonicalPayment,
  type CanonicalPaymentJson,
  CanonicalPaymentJsonSchema,
  formatMoney,
  isCurrencyCode,
  type Money,
  type MoneyJson,
  money,
} from '../index';
import type { ParsedMessage } from './types';

/**
 * The JSON form of a value: every {@link Money} becomes a {@link MoneyJson}
 * (`{ "currency": "EUR", "amount": "12.50" }`), every {@link CanonicalPayment} a
 * {@link CanonicalPaymentJson}; everything else is unchanged.
 * @public
 */
export type JsonOf<T> = T extends Money
  ? MoneyJson
  : T extends CanonicalPayment
    ? CanonicalPaymentJson
    : T extends readonly (infer U)[]
      ? readonly JsonOf<U>[]
      : T extends object
        ? { readonly [K in keyof T]: JsonOf<T[K]> }
        : T;

/** Marker of the JSON form, so a reader can tell it from a plain array of payments. @public */
export const MESSAGE_JSON_FORMAT = 'deltran.iso20022.message/v1' as const;

/**
 * The JSON form of a {@link ParsedMessage}: the same fields, in the same order, with amounts as
 * decimal strings, plus `format: "deltran.iso20022.message/v1"` first. This is what `deltran parse`
 * prints and what `deltran build` reads. Stable: fields are added, never renamed or removed.
 * @public
 */
export type ParsedMessageJson = ParsedMessage extends infer M
  ? M extends ParsedMessage
    ? { readonly format: typeof MESSAGE_JSON_FORMAT } & JsonOf<M>
    : never
  : never;

const moneyValue = z.custom<Money>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Money).minor === 'bigint' &&
    (v as Money).minor >= 0n &&
    isCurrencyCode((v as Money).currency),
  'expected Money: { minor: bigint ≥ 0, currency: ISO 4217 code }',
);

const moneyJson = z.codec(z.strictObject({ currency: z.string(), amount: z.string() }), moneyValue, {
  decode: (json, ctx) => {
    if (!isCurrencyCode(json.currency)) {
      ctx.issues.push({
        code: 'custom',
        input: json,
        path: ['currency'],
        message: `expected an active ISO 4217 currency code, got "${json.currency}"`,
      });
      return z.NEVER;
    }
    if (json.amount.startsWith('-')) {
      ctx.issues.push({
        code: 'custom',
        input: json,
        path: ['amount'],
        message: 'expected a non-negative amount',
      });
      return z.NEVER;
    }
    try {
      return money(json.amount, json.currency);
    } catch (error) {
      ctx.issues.push({
        code: 'custom',
        input: json,
        path: ['amount'],
        message: error instanceof Error ? error.message : String(error),
      });
      return z.NEVER;
    }
  },
  encode: (value) => ({ currency: value.currency, amount: formatMoney(value) }),
});

const text = z.string().min(1);
const issue = z.strictObject({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number().int().nonnegative()])),
  message: z.string(),
});

const postalAddress = z.strictObject({
  country: text.optional(),
  townName: text.optional(),
  postCode: text.optional(),
  streetName: text.optional(),
  buildingNumber: text.optional(),
  addressLines: z.array(text).optional(),
});
const account = z.strictObject({
  iban: text.optional(),
  otherId: text.optional(),
  otherScheme: text.optional(),
  currency: text.optional(),
  name: text.optional(),
});
const party = z.strictObject({
  name: text.optional(),
  postalAddress: postalAddress.optional(),
  account: account.optional(),
  bic: text.optional(),
  lei: text.optional(),
  otherIds: z.array(text).optional(),
  otherIdentifications: z
    .array(z.strictObject({ id: text, scheme: text.optional(), issuer: text.optional() }))
    .optional(),
  countryOfResidence: text.optional(),
});
const agent = z.strictObject({
  bic: text.optional(),
  clearingMemberId: text.optional(),
  clearingSystem: text.optional(),
  lei: text.optional(),
  name: text.optional(),
  country: text.optional(),
});

const appHeader = z.strictObject({
  version: text,
  from: z.strictObject({ institution: agent.optional(), organisation: party.optional() }).optional(),
  to: z.strictObject({ institution: agent.optional(), organisation: party.optional() }).optional(),
  businessMessageId: text.optional(),
  messageDefinitionId: text.optional(),
  businessService: text.optional(),
  creationDate: text.optional(),
  copyDuplicate: text.optional(),
  possibleDuplicate: z.boolean().optional(),
  priority: text.optional(),
});

const groupHeader = z.strictObject({
  messageId: text,
  creationDateTime: text,
  numberOfTransactions: z
    .string()
    .regex(/^[0-9]{1,15}$/)
    .optional(),
  controlSum: z
    .string()
    .regex(/^\d{1,18}(\.\d{1,18})?$/)
    .optional(),
  totalInterbankSettlementAmount: moneyJson.optional(),
  interbankSettlementDate: text.optional(),
  settlementMethod: text.optional(),
  clearingSystem: text.optional(),
  instructingAgent: agent.optional(),
  instructedAgent: agent.optional(),
  initiatingParty: party.optional(),
  messageRecipient: party.optional(),
  pagination: z.strictObject({ pageNumber: text, lastPage: z.boolean() }).optional(),
  additionalInformation: text.optional(),
});

const statusReason = z.strictObject({
  code: text.optional(),
  proprietary: text.optional(),
  additionalInformation: z.array(z.string()).optional(),
});

const transactionStatus = z.strictObject({
  statusId: text.optional(),
  originalMessageId: text.optional(),
  originalMessageNameId: text.optional(),
  originalCreationDateTime: text.optional(),
  originalInstructionId: text.optional(),
  originalEndToEndId: text.optional(),
  originalTransactionId: text.optional(),
  originalUetr: text.optional(),
  status: text.optional(),
  reasons: z.array(statusReason).optional(),
  acceptanceDateTime: text.optional(),
  effectiveSettlementDate: text.optional(),
  accountServicerReference: text.optional(),
  clearingSystemReference: text.optional(),
  instructingAgent: agent.optional(),
  instructedAgent: agent.optional(),
  originalSettlementAmount: moneyJson.optional(),
});

const originalGroupStatus = z.strictObject({
  originalMessageId: z.string(),
  originalMessageNameId: z.string(),
  originalCreationDateTime: text.optional(),
  originalNumberOfTransactions: text.optional(),
  groupStatus: text.optional(),
  reasons: z.array(statusReason).optional(),
});

const creditDebit = z.enum(['CRDT', 'DBIT']);

const entryTransaction = z.strictObject({
  messageId: text.optional(),
  accountServicerReference: text.optional(),
  paymentInformationId: text.optional(),
  instructionId: text.optional(),
  endToEndId: text.optional(),
  uetr: text.optional(),
  transactionId: text.optional(),
  amount: moneyJson.optional(),
  creditDebit: creditDebit.optional(),
  remittanceInformation: z.array(z.string()).optional(),
  settlementDate: text.optional(),
  additionalInformation: text.optional(),
  debtor: party.optional(),
  creditor: party.optional(),
});

const reportEntry = z.strictObject({
  entryReference: text.optional(),
  amount: moneyJson,
  creditDebit,
  reversal: z.boolean().optional(),
  status: text,
  bookingDate: text.optional(),
  valueDate: text.optional(),
  accountServicerReference: text.optional(),
  bankTransactionCode: z
    .strictObject({
      domain: text.optional(),
      family: text.optional(),
      subFamily: text.optional(),
      proprietary: text.optional(),
      proprietaryIssuer: text.optional(),
    })
    .optional(),
  transactions: z.array(entryTransaction).optional(),
  additionalInformation: text.optional(),
});

const balance = z.strictObject({ type: text, amount: moneyJson, creditDebit, date: text });

const accountReport = z.strictObject({
  id: z.string(),
  electronicSequenceNumber: text.optional(),
  legalSequenceNumber: text.optional(),
  creationDateTime: text.optional(),
  fromDateTime: text.optional(),
  toDateTime: text.optional(),
  account,
  accountOwner: party.optional(),
  servicer: agent.optional(),
  balances: z.array(balance).optional(),
  entries: z.array(reportEntry).optional(),
  additionalInformation: text.optional(),
});

const version = (type: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${type.replace('.', '\\.')}\\.\\d{3}\\.\\d{2}$`),
      `expected a ${type} version such as ${type}.001.08`,
    );

const base = {
  format: z.literal(MESSAGE_JSON_FORMAT).optional(),
  appHeader: appHeader.optional(),
  groupHeader,
  warnings: z.array(issue).default([]),
};

const paymentsMessage = (type: 'pain.001' | 'pacs.008' | 'pacs.009') =>
  z.strictObject({
    ...base,
    type: z.literal(type),
    version: version(type),
    payments: z.array(CanonicalPaymentJsonSchema),
  });

const reportMessage = (type: 'camt.052' | 'camt.053' | 'camt.054') =>
  z.strictObject({
    ...base,
    type: z.literal(type),
    version: version(type),
    messageId: z.string(),
    creationDateTime: z.string(),
    reports: z.array(accountReport),
  });

/**
 * zod codec between {@link ParsedMessageJson} and {@link ParsedMessage}, behind `messageFromJson` and
 * `messageToJson` (which return DelTran errors, so users never depend on zod's types).
 * @internal
 */
export const ParsedMessageJsonSchema: z.ZodType<ParsedMessage, ParsedMessageJson> = z.discriminatedUnion(
  'type',
  [
    paymentsMessage('pain.001'),
    paymentsMessage('pacs.008'),
    paymentsMessage('pacs.009'),
    z.strictObject({
      ...base,
      type: z.literal('pacs.002'),
      version: version('pacs.002'),
      messageId: z.string(),
      creationDateTime: z.string(),
      instructingAgent: agent.optional(),
      instructedAgent: agent.optional(),
      originalGroups: z.array(originalGroupStatus).optional(),
      transactions: z.array(transactionStatus),
    }),
    reportMessage('camt.052'),
    reportMessage('camt.053'),
    reportMessage('camt.054'),
  ],
) as unknown as z.ZodType<ParsedMessage, ParsedMessageJson>;
