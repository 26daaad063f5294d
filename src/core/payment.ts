/**
 * `CanonicalPayment`: the one shape every DelTran module speaks (ARCHITECTURE.md). The gateway turns
 * pain.001, pacs.008, pacs.009 and MT103 into it; compliance, obligations, the token ledger and
 * settlement consume it; builders turn it back into messages.
 *
 * Two forms exist:
 * - in memory, amounts are {@link Money} (`bigint` minor units);
 * - at every boundary (JSON, CLI, transport, storage), amounts are decimal strings:
 *   `{ "currency": "EUR", "amount": "1234.50" }`. {@link parseCanonicalPayment} decodes that form and
 *   {@link canonicalPaymentToJson} encodes it; both directions are exact.
 *
 * Field names are readable camelCase; each field's TSDoc names the ISO 20022 element it carries.
 * Dates are ISO 8601 strings exactly as the message carried them, never `Date` objects built from
 * local time.
 * @packageDocumentation
 */
import * as z from 'zod';
import {
  DECIMAL_PATTERN,
  decodePaymentFast,
  encodePaymentFast,
  ISO_DATE_PATTERN,
  ISO_DATE_TIME_PATTERN,
  isMoneyValue,
  MESSAGE_VERSION_PATTERN,
  REJECT,
  validatePaymentFast,
} from './_internal/payment-fast';
import { parseBic } from './bic';
import { parseCountryCode } from './country';
import { isCurrencyCode } from './currency';
import { CoreErrorCodes, DeltranError, type Issue, ValidationError } from './errors';
import { isElectronicIban, parseIban } from './iban';
import { parseLei } from './lei';
import type { Money } from './money';
import { formatMoney, money } from './money';
import { err, ok, type Result } from './result';
import { parseUetr } from './uetr';

/** The message a payment came from, or `api` when a host created it directly. @public */
export type PaymentSourceType = 'pain.001' | 'pacs.008' | 'pacs.009' | 'mt103' | 'api';

/** ISO 20022 `ChargeBearerType1Code`: who pays the charges. @public */
export type ChargeBearer = 'DEBT' | 'CRED' | 'SHAR' | 'SLEV';

/** A postal address (ISO 20022 `PostalAddress24`); only the country is used by the flow itself. @public */
export interface PostalAddress {
  /** `Ctry`: ISO 3166-1 alpha-2 country code. */
  readonly country?: string;
  /** `TwnNm`. */
  readonly townName?: string;
  /** `PstCd`. */
  readonly postCode?: string;
  /** `StrtNm`. */
  readonly streetName?: string;
  /** `BldgNb`. */
  readonly buildingNumber?: string;
  /** `AdrLine` (unstructured lines, at most 7 of 70 characters). */
  readonly addressLines?: readonly string[];
}

/** An account: IBAN, or another identifier with its scheme (ISO 20022 `CashAccount38`). @public */
export interface Account {
  /** `Id/IBAN`, electronic form (no spaces). */
  readonly iban?: string;
  /** `Id/Othr/Id`: any other account number (BBAN, proprietary). */
  readonly otherId?: string;
  /** `Id/Othr/SchmeNm/Cd` or `Prtry`. */
  readonly otherScheme?: string;
  /** `Ccy`. */
  readonly currency?: string;
  /** `Nm`. */
  readonly name?: string;
}

/**
 * An identifier of a party other than its BIC or LEI, with the scheme it belongs to (ISO 20022
 * `GenericOrganisationIdentification1` / `GenericPersonIdentification1`: `Id/OrgId/Othr`,
 * `Id/PrvtId/Othr`). For an institution debtor or creditor (pacs.009), its clearing member id.
 * @public
 */
export interface OtherIdentification {
  /** `Othr/Id` (for an institution: `FinInstnId/ClrSysMmbId/MmbId`). */
  readonly id: string;
  /**
   * `Othr/SchmeNm/Cd` (an ExternalOrganisationIdentification1Code such as `TXID`, or an
   * ExternalPersonIdentification1Code such as `NIDN`) or `Othr/SchmeNm/Prtry`; for an institution,
   * `ClrSysMmbId/ClrSysId/Cd` or `Prtry` (for example `USABA`).
   */
  readonly scheme?: string;
  /** `Othr/Issr`: who issued the identifier. */
  readonly issuer?: string;
}

/** A debtor, creditor or ultimate party (ISO 20022 `PartyIdentification135`). @public */
export interface Party {
  /** `Nm` (Max140Text). */
  readonly name?: string;
  /** `PstlAdr`. */
  readonly postalAddress?: PostalAddress;
  /** The party's account: `DbtrAcct` / `CdtrAcct`. */
  readonly account?: Account;
  /** `Id/OrgId/AnyBIC`: the party's own BIC, when an institution. */
  readonly bic?: string;
  /** `Id/OrgId/LEI`. */
  readonly lei?: string;
  /**
   * `Id/OrgId/Othr/Id` or `Id/PrvtId/Othr/Id`: other identifiers, without their scheme. Kept for
   * compatibility; {@link Party.otherIdentifications} has the same identifiers, in the same order,
   * with their scheme and issuer.
   */
  readonly otherIds?: readonly string[];
  /** `Id/OrgId/Othr` and `Id/PrvtId/Othr`: other identifiers with their scheme and issuer. */
  readonly otherIdentifications?: readonly OtherIdentification[];
  /** `CtryOfRes`. */
  readonly countryOfResidence?: string;
}

/** A financial institution (ISO 20022 `BranchAndFinancialInstitutionIdentification6`). @public */
export interface Agent {
  /** `FinInstnId/BICFI`. */
  readonly bic?: string;
  /** `FinInstnId/ClrSysMmbId/MmbId`: the clearing member id (for example a Fedwire ABA number). */
  readonly clearingMemberId?: string;
  /** `FinInstnId/ClrSysMmbId/ClrSysId/Cd` (for example `USABA`). */
  readonly clearingSystem?: string;
  /** `FinInstnId/LEI`. */
  readonly lei?: string;
  /** `FinInstnId/Nm`. */
  readonly name?: string;
  /** `FinInstnId/PstlAdr/Ctry`. */
  readonly country?: string;
}

/** Remittance information (ISO 20022 `RmtInf`). @public */
export interface RemittanceInformation {
  /** `Ustrd` lines (Max140Text each). */
  readonly unstructured?: readonly string[];
  /** `Strd/CdtrRefInf/Ref`: structured creditor references (for example ISO 11649 RF references). */
  readonly creditorReferences?: readonly string[];
}

/** One charge an agent took on the way (ISO 20022 `ChrgsInf`, `Charges7`). @public */
export interface Charge {
  /** `ChrgsInf/Amt` (`ChrgsAmt` in pacs.008.001.01). */
  readonly amount: Money;
  /** `ChrgsInf/Agt` (`Pty` in pacs.008.001.02 – .04, `ChrgsPty` in .01): the agent that took it. */
  readonly agent?: Agent;
}

/**
 * The customer credit transfer a pacs.009 COV covers (ISO 20022 `UndrlygCstmrCdtTrf`,
 * `CreditTransferTransaction37`): who really pays whom. Sanctions screening of a cover payment must
 * look at these parties, not only at the banks the pacs.009 moves money between.
 * @public
 */
export interface UnderlyingCustomerCreditTransfer {
  /** `UndrlygCstmrCdtTrf/Dbtr` with `DbtrAcct`. */
  readonly debtor: Party;
  /** `UndrlygCstmrCdtTrf/Cdtr` with `CdtrAcct`. */
  readonly creditor: Party;
  /** `UndrlygCstmrCdtTrf/DbtrAgt`. */
  readonly debtorAgent: Agent;
  /** `UndrlygCstmrCdtTrf/CdtrAgt`. */
  readonly creditorAgent: Agent;
  /** `UndrlygCstmrCdtTrf/UltmtDbtr`. */
  readonly ultimateDebtor?: Party;
  /** `UndrlygCstmrCdtTrf/UltmtCdtr`. */
  readonly ultimateCreditor?: Party;
  /** `UndrlygCstmrCdtTrf/IntrmyAgt1` … `IntrmyAgt3`, in order. */
  readonly intermediaryAgents?: readonly Agent[];
  /** `UndrlygCstmrCdtTrf/RmtInf`. */
  readonly remittanceInformation?: RemittanceInformation;
  /** `UndrlygCstmrCdtTrf/InstdAmt`: the amount the customer instructed. */
  readonly instructedAmount?: Money;
}

/** ISO 20022 `Priority2Code`: the instruction's priority (`PmtTpInf/InstrPrty`). @public */
export type InstructionPriority = 'HIGH' | 'NORM';

/** ISO 20022 `Priority3Code`: the settlement's priority (`SttlmPrty`). @public */
export type SettlementPriority = 'URGT' | 'HIGH' | 'NORM';

/**
 * One payment in the canonical form. `uetr` is the business key of the whole flow.
 * @public
 */
export interface CanonicalPayment {
  /** `PmtId/UETR`: UUID v4, lowercase. Assigned by the gateway when the source has none (pain.001). */
  readonly uetr: string;
  /** `PmtId/EndToEndId` (Max35Text). */
  readonly endToEndId: string;
  /** `PmtId/InstrId` (Max35Text). */
  readonly instructionId?: string;
  /** `PmtId/TxId` (Max35Text). */
  readonly transactionId?: string;
  /** `GrpHdr/MsgId` of the message the payment came from (Max35Text). */
  readonly messageId: string;
  /** `PmtInf/PmtInfId` (pain.001 only). */
  readonly paymentInformationId?: string;
  /** Where the payment came from: message type and full version, e.g. `pacs.008` / `pacs.008.001.08`. */
  readonly source: {
    readonly type: PaymentSourceType;
    /** Full message identifier with version, e.g. `pacs.008.001.08`; absent for `api` and `mt103`. */
    readonly version?: string;
    /** True when the gateway generated `uetr` because the source carried none. */
    readonly uetrAssigned?: boolean;
  };
  /** `GrpHdr/CreDtTm` as written in the message. */
  readonly creationDateTime?: string;
  /**
   * The amount that moves between the agents: `IntrBkSttlmAmt` (pacs.008/.009, MT103 `:32A:`) or
   * `Amt/InstdAmt` (pain.001).
   */
  readonly amount: Money;
  /** `InstdAmt`: the amount the debtor instructed, when it differs from the settlement amount. */
  readonly instructedAmount?: Money;
  /** `XchgRate` as a decimal string (never a float). */
  readonly exchangeRate?: string;
  /** `IntrBkSttlmDt` (YYYY-MM-DD). */
  readonly settlementDate?: string;
  /** `SttlmPrty` (pacs.008, pacs.009): `URGT`, `HIGH` or `NORM`. */
  readonly settlementPriority?: SettlementPriority;
  /** `ReqdExctnDt/Dt` (pain.001), YYYY-MM-DD. */
  readonly requestedExecutionDate?: string;
  /** `ChrgBr`. */
  readonly chargeBearer?: ChargeBearer;
  /** `ChrgsInf` (pacs.008): every charge taken so far, in order. */
  readonly charges?: readonly Charge[];
  /** `Dbtr` with `DbtrAcct`. */
  readonly debtor: Party;
  /** `Cdtr` with `CdtrAcct`. */
  readonly creditor: Party;
  /** `UltmtDbtr`. */
  readonly ultimateDebtor?: Party;
  /** `UltmtCdtr`. */
  readonly ultimateCreditor?: Party;
  /** `DbtrAgt`. */
  readonly debtorAgent: Agent;
  /** `CdtrAgt`. */
  readonly creditorAgent: Agent;
  /** `InstgAgt` (pacs only). */
  readonly instructingAgent?: Agent;
  /** `InstdAgt` (pacs only). */
  readonly instructedAgent?: Agent;
  /** `IntrmyAgt1`, `IntrmyAgt2`, `IntrmyAgt3` in order. */
  readonly intermediaryAgents?: readonly Agent[];
  /**
   * `PrvsInstgAgt1`, `PrvsInstgAgt2`, `PrvsInstgAgt3` in order (pacs.008 and pacs.009 from .08;
   * the single `PrvsInstgAgt` before): the agents that instructed the payment before `InstgAgt`.
   */
  readonly previousInstructingAgents?: readonly Agent[];
  /** `InstrForCdtrAgt/InstrInf` (Max140Text each), in order: what the creditor agent is asked to do. */
  readonly instructionsForCreditorAgent?: readonly string[];
  /** `InstrForNxtAgt/InstrInf` (Max140Text each; pacs.008, pacs.009), in order. */
  readonly instructionsForNextAgent?: readonly string[];
  /** `UndrlygCstmrCdtTrf` (pacs.009 COV): the customer credit transfer this payment covers. */
  readonly underlyingCustomerCreditTransfer?: UnderlyingCustomerCreditTransfer;
  /** `RmtInf`. */
  readonly remittanceInformation?: RemittanceInformation;
  /** `Purp/Cd` (ExternalPurpose1Code, e.g. `SUPP`) or `Purp/Prtry`. */
  readonly purpose?: string;
  /** `PmtTpInf/CtgyPurp/Cd`. */
  readonly categoryPurpose?: string;
  /**
   * `PmtTpInf/SvcLvl/Cd` (an ExternalServiceLevel1Code such as `SEPA`, `URGP`, `G001`) or
   * `SvcLvl/Prtry`, one per `SvcLvl` (at most one up to pacs.008.001.07 and pain.001.001.03, any
   * number in pacs.008.001.08, pacs.009.001.08 and pain.001.001.09). The transaction's `PmtTpInf`
   * wins over the group's (pacs) or the payment block's (pain.001).
   */
  readonly serviceLevel?: readonly string[];
  /** `PmtTpInf/LclInstrm/Cd` (ExternalLocalInstrument1Code, e.g. `INST`) or `LclInstrm/Prtry`. */
  readonly localInstrument?: string;
  /** `PmtTpInf/InstrPrty`: `HIGH` or `NORM`. */
  readonly instructionPriority?: InstructionPriority;
}

/** JSON form of {@link Money}: a currency code and a decimal string. @public */
export interface MoneyJson {
  readonly currency: string;
  readonly amount: string;
}

/** JSON form of {@link Charge}: its amount a {@link MoneyJson}. @public */
export type ChargeJson = Omit<Charge, 'amount'> & { readonly amount: MoneyJson };

/** JSON form of {@link UnderlyingCustomerCreditTransfer}: its amount a {@link MoneyJson}. @public */
export type UnderlyingCustomerCreditTransferJson = Omit<
  UnderlyingCustomerCreditTransfer,
  'instructedAmount'
> & {
  readonly instructedAmount?: MoneyJson;
};

/**
 * JSON form of {@link CanonicalPayment}: the same shape with {@link MoneyJson} amounts (`amount`,
 * `instructedAmount`, each `charges[].amount`, `underlyingCustomerCreditTransfer.instructedAmount`).
 * @public
 */
export type CanonicalPaymentJson = Omit<
  CanonicalPayment,
  'amount' | 'instructedAmount' | 'charges' | 'underlyingCustomerCreditTransfer'
> & {
  readonly amount: MoneyJson;
  readonly instructedAmount?: MoneyJson;
  readonly charges?: readonly ChargeJson[];
  readonly underlyingCustomerCreditTransfer?: UnderlyingCustomerCreditTransferJson;
};

// ISO 20022 text limits used by the schema: Max35Text ids, Max140Text names and remittance lines.
const max35 = z.string().min(1).max(35);
const max140 = z.string().min(1).max(140);
const max70 = z.string().min(1).max(70);
const isoDate = z.string().regex(ISO_DATE_PATTERN, 'expected an ISO date YYYY-MM-DD');
const isoDateTime = z
  .string()
  .regex(ISO_DATE_TIME_PATTERN, 'expected an ISO date-time YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm]');
/**
 * A string checked by one of core's identifier parsers; on failure the issue carries the parser's own
 * message (why it failed: bad check digits, wrong length for the country …) and its error code.
 */
function identifier(parse: (value: string) => unknown) {
  return z.string().check((ctx) => {
    try {
      parse(ctx.value);
    } catch (error) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        params: {
          deltranCode: error instanceof DeltranError ? error.code : CoreErrorCodes.INVALID_IDENTIFIER,
        },
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
}
const country = identifier(parseCountryCode);
const currencyCode = z.string().refine(isCurrencyCode, 'expected an active ISO 4217 currency code');
const bic = identifier(parseBic);
// The printed form ("DE89 3704 …") is for people; messages and JSON carry the electronic form.
const iban = identifier((value) => {
  parseIban(value);
  if (!isElectronicIban(value))
    throw new DeltranError(
      CoreErrorCodes.INVALID_IDENTIFIER,
      'expected the electronic IBAN form, without spaces',
    );
});
const lei = identifier(parseLei);
const uetr = identifier(parseUetr);
const decimalString = z.string().regex(DECIMAL_PATTERN, 'expected a positive decimal string');

const postalAddress = z.strictObject({
  country: country.optional(),
  townName: max35.optional(),
  postCode: z.string().min(1).max(16).optional(),
  streetName: max70.optional(),
  buildingNumber: z.string().min(1).max(16).optional(),
  addressLines: z.array(max70).max(7).optional(),
});

const account = z.strictObject({
  iban: iban.optional(),
  otherId: max35.optional(),
  otherScheme: max35.optional(),
  currency: currencyCode.optional(),
  name: max70.optional(),
});

const otherIdentification = z.strictObject({
  id: max35,
  scheme: max35.optional(),
  issuer: max35.optional(),
});

const party = z.strictObject({
  name: max140.optional(),
  postalAddress: postalAddress.optional(),
  account: account.optional(),
  bic: bic.optional(),
  lei: lei.optional(),
  otherIds: z.array(max35).optional(),
  otherIdentifications: z.array(otherIdentification).optional(),
  countryOfResidence: country.optional(),
});

const agent = z.strictObject({
  bic: bic.optional(),
  clearingMemberId: max35.optional(),
  clearingSystem: z.string().min(1).max(35).optional(),
  lei: lei.optional(),
  name: max140.optional(),
  country: country.optional(),
});

const remittance = z.strictObject({
  unstructured: z.array(max140).optional(),
  creditorReferences: z.array(max35).optional(),
});

/** Validates an in-memory {@link Money}: a frozen pair of `bigint` minor units and a known currency. */
const moneyValue = z.custom<Money>(
  isMoneyValue,
  'expected Money: { minor: bigint, currency: ISO 4217 code }',
);

/** Decimal-string JSON amount ⇄ Money, exact in both directions. */
const moneyJson = z.codec(z.strictObject({ currency: z.string(), amount: z.string() }), moneyValue, {
  decode: (json, ctx) => {
    if (!isCurrencyCode(json.currency)) {
      ctx.issues.push({
        code: 'custom',
        input: json,
        path: ['currency'],
        params: { deltranCode: CoreErrorCodes.UNKNOWN_CURRENCY },
        message: `expected an active ISO 4217 currency code, got "${json.currency}"`,
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
        params: { deltranCode: error instanceof DeltranError ? error.code : CoreErrorCodes.INVALID_AMOUNT },
        message: error instanceof Error ? error.message : String(error),
      });
      return z.NEVER;
    }
  },
  encode: (value) => ({ currency: value.currency, amount: formatMoney(value) }),
});

function paymentShape<A extends z.ZodType>(amount: A) {
  return z.strictObject({
    uetr,
    endToEndId: max35,
    instructionId: max35.optional(),
    transactionId: max35.optional(),
    messageId: max35,
    paymentInformationId: max35.optional(),
    source: z.strictObject({
      type: z.enum(['pain.001', 'pacs.008', 'pacs.009', 'mt103', 'api']),
      version: z
        .string()
        .regex(MESSAGE_VERSION_PATTERN, 'expected a message identifier such as pacs.008.001.08')
        .optional(),
      uetrAssigned: z.boolean().optional(),
    }),
    creationDateTime: isoDateTime.optional(),
    amount,
    instructedAmount: amount.optional(),
    exchangeRate: decimalString.optional(),
    settlementDate: isoDate.optional(),
    settlementPriority: z.enum(['URGT', 'HIGH', 'NORM']).optional(),
    requestedExecutionDate: isoDate.optional(),
    chargeBearer: z.enum(['DEBT', 'CRED', 'SHAR', 'SLEV']).optional(),
    charges: z.array(z.strictObject({ amount, agent: agent.optional() })).optional(),
    debtor: party,
    creditor: party,
    ultimateDebtor: party.optional(),
    ultimateCreditor: party.optional(),
    debtorAgent: agent,
    creditorAgent: agent,
    instructingAgent: agent.optional(),
    instructedAgent: agent.optional(),
    intermediaryAgents: z.array(agent).max(3).optional(),
    previousInstructingAgents: z.array(agent).max(3).optional(),
    instructionsForCreditorAgent: z.array(max140).optional(),
    instructionsForNextAgent: z.array(max140).optional(),
    underlyingCustomerCreditTransfer: z
      .strictObject({
        debtor: party,
        creditor: party,
        debtorAgent: agent,
        creditorAgent: agent,
        ultimateDebtor: party.optional(),
        ultimateCreditor: party.optional(),
        intermediaryAgents: z.array(agent).max(3).optional(),
        remittanceInformation: remittance.optional(),
        instructedAmount: amount.optional(),
      })
      .optional(),
    remittanceInformation: remittance.optional(),
    purpose: max35.optional(),
    categoryPurpose: max35.optional(),
    serviceLevel: z.array(max35).optional(),
    localInstrument: max35.optional(),
    instructionPriority: z.enum(['HIGH', 'NORM']).optional(),
  });
}

/**
 * zod schema of the in-memory {@link CanonicalPayment} (amounts as {@link Money}). Use it to check a
 * payment a host built by hand; {@link parseCanonicalPayment} is the JSON entry point.
 * @public
 */
export const CanonicalPaymentSchema: z.ZodType<CanonicalPayment, CanonicalPayment> = paymentShape(
  moneyValue,
) as unknown as z.ZodType<CanonicalPayment, CanonicalPayment>;

/**
 * zod codec between {@link CanonicalPaymentJson} (decimal-string amounts) and {@link CanonicalPayment}.
 * `z.decode(CanonicalPaymentJsonSchema, json)` and `z.encode(...)` both work; prefer
 * {@link parseCanonicalPayment} and {@link canonicalPaymentToJson}, which return DelTran errors.
 * @public
 */
export const CanonicalPaymentJsonSchema: z.ZodType<CanonicalPayment, CanonicalPaymentJson> = paymentShape(
  moneyJson,
) as unknown as z.ZodType<CanonicalPayment, CanonicalPaymentJson>;

/** Maps zod issues to DelTran {@link Issue}s so users never depend on zod's types (STYLE.md §4.4). */
function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: { deltranCode?: string } }).params;
    return {
      code: params?.deltranCode ?? CoreErrorCodes.INVALID_INPUT,
      path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
      message: issue.message,
    };
  });
}

function validationError(fn: string, error: z.ZodError): ValidationError {
  const issues = toIssues(error);
  const summary = issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  return new ValidationError(CoreErrorCodes.INVALID_INPUT, `[deltran] ${fn}: ${summary}`, {
    path: issues[0]?.path ?? [],
    issues,
    cause: error,
  });
}

/**
 * Decodes and validates a payment in its JSON form (decimal-string amounts).
 * @param input - parsed JSON, for example `JSON.parse(body)`
 * @returns the payment with {@link Money} amounts
 * @throws {@link ValidationError} (`CORE_INVALID_INPUT`, or the amount's own code such as
 *   `CORE_INVALID_AMOUNT`) listing every problem found, each with its path
 * @example
 * ```ts
 * const payment = parseCanonicalPayment(JSON.parse(text));
 * payment.amount.minor; // 123450n
 * ```
 * @public
 */
export function parseCanonicalPayment(input: unknown): CanonicalPayment {
  const result = safeParseCanonicalPayment(input);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Like {@link parseCanonicalPayment}, but returns a {@link Result} instead of throwing.
 * @public
 */
export function safeParseCanonicalPayment(input: unknown): Result<CanonicalPayment, ValidationError> {
  // The fast path returns what zod returns for an input it fully accepts; anything else goes to zod.
  const fast = decodePaymentFast(input);
  if (fast !== REJECT) return ok(fast as CanonicalPayment);
  const result = CanonicalPaymentJsonSchema.safeDecode(input as CanonicalPaymentJson);
  return result.success ? ok(result.data) : err(validationError('parseCanonicalPayment', result.error));
}

/**
 * Checks an in-memory payment (amounts as {@link Money}) against the canonical schema.
 * @throws {@link ValidationError} listing every problem found
 * @public
 */
export function validateCanonicalPayment(payment: CanonicalPayment): CanonicalPayment {
  const fast = validatePaymentFast(payment);
  if (fast !== REJECT) return fast as CanonicalPayment;
  const result = CanonicalPaymentSchema.safeParse(payment);
  if (!result.success) throw validationError('validateCanonicalPayment', result.error);
  return result.data;
}

/**
 * Encodes a payment to its JSON form: amounts as canonical decimal strings, ready for `JSON.stringify`.
 * @throws {@link ValidationError} when the payment does not match the schema
 * @public
 */
export function canonicalPaymentToJson(payment: CanonicalPayment): CanonicalPaymentJson {
  const fast = encodePaymentFast(payment);
  if (fast !== REJECT) return fast as CanonicalPaymentJson;
  const result = CanonicalPaymentJsonSchema.safeEncode(payment);
  if (!result.success) throw validationError('canonicalPaymentToJson', result.error);
  return result.data;
}
