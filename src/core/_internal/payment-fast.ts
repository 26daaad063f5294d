/**
 * A hand-written fast path for the canonical payment codec (payment.ts): one walk over the input that
 * either fully accepts it, returning exactly what the zod schema would return, or gives up by returning
 * {@link REJECT}, and the caller then runs the zod schema, which stays the reference and the only source
 * of error reports. The walk mirrors `paymentShape` field for field; test/unit/core/payment-fast.test.ts
 * checks both agree (values, key order, and which inputs are accepted at all).
 *
 * What it accepts is a subset of what zod accepts; anything unusual is left to zod:
 * - an object is read like zod reads it (`typeof 'object'`, not null, not an array); it is accepted
 *   only when its enumerable keys (`for…in`, as zod's unknown-key check counts them) are exactly the
 *   schema keys it found, each with a value other than `undefined` (zod would keep an explicit
 *   `undefined`, so such an input goes to zod);
 * - output objects are new, with the schema's key order, as zod writes them; arrays are new arrays;
 *   strings and booleans are the input's own values.
 *
 * Nothing here holds state: the readers are built once per module from constants and never change.
 * @internal
 * @packageDocumentation
 */
import { isValidBic } from '../bic';
import { isCountryCode } from '../country';
import { isCurrencyCode } from '../currency';
import { isElectronicIban } from '../iban';
import { isValidLei } from '../lei';
import type { Money } from '../money';
import { formatMoney, money } from '../money';
import { isValidUetr } from '../uetr';

/** What a reader returns when it does not accept its input. @internal */
export const REJECT: unique symbol = Symbol('reject');

/** Reads one value: its output, or {@link REJECT}. @internal */
export type Reader = (value: unknown) => unknown;

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

/** `YYYY-MM-DD`, the schema's `isoDate`. @internal */
export const ISO_DATE_PATTERN: RegExp = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The schema's `isoDateTime`. @internal */
export const ISO_DATE_TIME_PATTERN: RegExp =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;
/** The schema's `decimalString` (exchange rates). @internal */
export const DECIMAL_PATTERN: RegExp = /^\d{1,18}(\.\d{1,18})?$/;
/** A message identifier with version, such as `pacs.008.001.08`. @internal */
export const MESSAGE_VERSION_PATTERN: RegExp = /^[a-z]{4}\.\d{3}\.\d{3}\.\d{2}$/;

/**
 * The in-memory {@link Money} check of the schema (`moneyValue`): an object with a `bigint` `minor`
 * and an active ISO 4217 `currency`. Shared by the zod schema and the fast path.
 * @internal
 */
export function isMoneyValue(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Money).minor === 'bigint' &&
    typeof (value as Money).currency === 'string' &&
    isCurrencyCode((value as Money).currency)
  );
}

/*
 * Each object kind has its own reader with literal property names, so every property load sees few
 * shapes (a generic table-driven walker was three times slower: its one keyed load saw every shape).
 * Pattern per field: absent (`undefined`) is fine when optional; otherwise check, copy, count. The count
 * is compared with the enumerable keys at the end (see the file comment).
 */

function isRecord(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyCount(value: Input): number {
  let keys = 0;
  for (const _ in value) keys++;
  return keys;
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= maxLength;
}

function matches(value: unknown, regex: RegExp): value is string {
  if (typeof value !== 'string') return false;
  regex.lastIndex = 0;
  return regex.test(value);
}

function isCountry(value: unknown): value is string {
  return typeof value === 'string' && isCountryCode(value);
}

function isBic(value: unknown): value is string {
  return typeof value === 'string' && isValidBic(value);
}

function isLei(value: unknown): value is string {
  return typeof value === 'string' && isValidLei(value);
}

/** An array of Max`maxLength`Text, at most `maxItems` items: a new array, or REJECT. */
function readTexts(value: unknown, maxLength: number, maxItems: number): unknown {
  if (!Array.isArray(value) || value.length > maxItems) return REJECT;
  const length = value.length;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const item: unknown = value[i];
    if (!isText(item, maxLength)) return REJECT;
    out.push(item);
  }
  return out;
}

function readPostalAddress(value: unknown): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  let found = 0;
  const country = value.country;
  if (country !== undefined) {
    if (!isCountry(country)) return REJECT;
    out.country = country;
    found++;
  }
  const townName = value.townName;
  if (townName !== undefined) {
    if (!isText(townName, 35)) return REJECT;
    out.townName = townName;
    found++;
  }
  const postCode = value.postCode;
  if (postCode !== undefined) {
    if (!isText(postCode, 16)) return REJECT;
    out.postCode = postCode;
    found++;
  }
  const streetName = value.streetName;
  if (streetName !== undefined) {
    if (!isText(streetName, 70)) return REJECT;
    out.streetName = streetName;
    found++;
  }
  const buildingNumber = value.buildingNumber;
  if (buildingNumber !== undefined) {
    if (!isText(buildingNumber, 16)) return REJECT;
    out.buildingNumber = buildingNumber;
    found++;
  }
  const addressLines = value.addressLines;
  if (addressLines !== undefined) {
    const lines = readTexts(addressLines, 70, 7);
    if (lines === REJECT) return REJECT;
    out.addressLines = lines;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

function readAccount(value: unknown): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  let found = 0;
  const iban = value.iban;
  if (iban !== undefined) {
    if (!(typeof iban === 'string' && isElectronicIban(iban))) return REJECT;
    out.iban = iban;
    found++;
  }
  const otherId = value.otherId;
  if (otherId !== undefined) {
    if (!isText(otherId, 35)) return REJECT;
    out.otherId = otherId;
    found++;
  }
  const otherScheme = value.otherScheme;
  if (otherScheme !== undefined) {
    if (!isText(otherScheme, 35)) return REJECT;
    out.otherScheme = otherScheme;
    found++;
  }
  const currency = value.currency;
  if (currency !== undefined) {
    if (!isCurrencyCode(currency)) return REJECT;
    out.currency = currency;
    found++;
  }
  const name = value.name;
  if (name !== undefined) {
    if (!isText(name, 70)) return REJECT;
    out.name = name;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

function readOtherIdentifications(value: unknown): unknown {
  if (!Array.isArray(value)) return REJECT;
  const length = value.length;
  const out: Output[] = [];
  for (let i = 0; i < length; i++) {
    const item: unknown = value[i];
    if (!isRecord(item)) return REJECT;
    const read: Output = {};
    let found = 0;
    const id = item.id;
    if (!isText(id, 35)) return REJECT;
    read.id = id;
    found++;
    const scheme = item.scheme;
    if (scheme !== undefined) {
      if (!isText(scheme, 35)) return REJECT;
      read.scheme = scheme;
      found++;
    }
    const issuer = item.issuer;
    if (issuer !== undefined) {
      if (!isText(issuer, 35)) return REJECT;
      read.issuer = issuer;
      found++;
    }
    if (keyCount(item) !== found) return REJECT;
    out.push(read);
  }
  return out;
}

function readParty(value: unknown): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  let found = 0;
  const name = value.name;
  if (name !== undefined) {
    if (!isText(name, 140)) return REJECT;
    out.name = name;
    found++;
  }
  const postalAddress = value.postalAddress;
  if (postalAddress !== undefined) {
    const read = readPostalAddress(postalAddress);
    if (read === REJECT) return REJECT;
    out.postalAddress = read;
    found++;
  }
  const account = value.account;
  if (account !== undefined) {
    const read = readAccount(account);
    if (read === REJECT) return REJECT;
    out.account = read;
    found++;
  }
  const bic = value.bic;
  if (bic !== undefined) {
    if (!isBic(bic)) return REJECT;
    out.bic = bic;
    found++;
  }
  const lei = value.lei;
  if (lei !== undefined) {
    if (!isLei(lei)) return REJECT;
    out.lei = lei;
    found++;
  }
  const otherIds = value.otherIds;
  if (otherIds !== undefined) {
    const read = readTexts(otherIds, 35, Number.POSITIVE_INFINITY);
    if (read === REJECT) return REJECT;
    out.otherIds = read;
    found++;
  }
  const otherIdentifications = value.otherIdentifications;
  if (otherIdentifications !== undefined) {
    const read = readOtherIdentifications(otherIdentifications);
    if (read === REJECT) return REJECT;
    out.otherIdentifications = read;
    found++;
  }
  const countryOfResidence = value.countryOfResidence;
  if (countryOfResidence !== undefined) {
    if (!isCountry(countryOfResidence)) return REJECT;
    out.countryOfResidence = countryOfResidence;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

function readAgent(value: unknown): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  let found = 0;
  const bic = value.bic;
  if (bic !== undefined) {
    if (!isBic(bic)) return REJECT;
    out.bic = bic;
    found++;
  }
  const clearingMemberId = value.clearingMemberId;
  if (clearingMemberId !== undefined) {
    if (!isText(clearingMemberId, 35)) return REJECT;
    out.clearingMemberId = clearingMemberId;
    found++;
  }
  const clearingSystem = value.clearingSystem;
  if (clearingSystem !== undefined) {
    if (!isText(clearingSystem, 35)) return REJECT;
    out.clearingSystem = clearingSystem;
    found++;
  }
  const lei = value.lei;
  if (lei !== undefined) {
    if (!isLei(lei)) return REJECT;
    out.lei = lei;
    found++;
  }
  const name = value.name;
  if (name !== undefined) {
    if (!isText(name, 140)) return REJECT;
    out.name = name;
    found++;
  }
  const country = value.country;
  if (country !== undefined) {
    if (!isCountry(country)) return REJECT;
    out.country = country;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

function readAgents(value: unknown, maxItems: number): unknown {
  if (!Array.isArray(value) || value.length > maxItems) return REJECT;
  const length = value.length;
  const out: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const read = readAgent(value[i]);
    if (read === REJECT) return REJECT;
    out.push(read);
  }
  return out;
}

function readRemittance(value: unknown): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  let found = 0;
  const unstructured = value.unstructured;
  if (unstructured !== undefined) {
    const read = readTexts(unstructured, 140, Number.POSITIVE_INFINITY);
    if (read === REJECT) return REJECT;
    out.unstructured = read;
    found++;
  }
  const creditorReferences = value.creditorReferences;
  if (creditorReferences !== undefined) {
    const read = readTexts(creditorReferences, 35, Number.POSITIVE_INFINITY);
    if (read === REJECT) return REJECT;
    out.creditorReferences = read;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

function readSource(value: unknown): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  let found = 1;
  const type = value.type;
  if (type !== 'pain.001' && type !== 'pacs.008' && type !== 'pacs.009' && type !== 'mt103' && type !== 'api')
    return REJECT;
  out.type = type;
  const version = value.version;
  if (version !== undefined) {
    if (!matches(version, MESSAGE_VERSION_PATTERN)) return REJECT;
    out.version = version;
    found++;
  }
  const uetrAssigned = value.uetrAssigned;
  if (uetrAssigned !== undefined) {
    if (typeof uetrAssigned !== 'boolean') return REJECT;
    out.uetrAssigned = uetrAssigned;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

function readCharges(value: unknown, amount: Reader): unknown {
  if (!Array.isArray(value)) return REJECT;
  const length = value.length;
  const out: Output[] = [];
  for (let i = 0; i < length; i++) {
    const item: unknown = value[i];
    if (!isRecord(item)) return REJECT;
    const read: Output = {};
    let found = 1;
    const itemAmount = amount(item.amount);
    if (itemAmount === REJECT) return REJECT;
    read.amount = itemAmount;
    const itemAgent = item.agent;
    if (itemAgent !== undefined) {
      const agent = readAgent(itemAgent);
      if (agent === REJECT) return REJECT;
      read.agent = agent;
      found++;
    }
    if (keyCount(item) !== found) return REJECT;
    out.push(read);
  }
  return out;
}

function readUnderlying(value: unknown, amount: Reader): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  let found = 4;
  const debtor = readParty(value.debtor);
  if (debtor === REJECT) return REJECT;
  out.debtor = debtor;
  const creditor = readParty(value.creditor);
  if (creditor === REJECT) return REJECT;
  out.creditor = creditor;
  const debtorAgent = readAgent(value.debtorAgent);
  if (debtorAgent === REJECT) return REJECT;
  out.debtorAgent = debtorAgent;
  const creditorAgent = readAgent(value.creditorAgent);
  if (creditorAgent === REJECT) return REJECT;
  out.creditorAgent = creditorAgent;
  const ultimateDebtor = value.ultimateDebtor;
  if (ultimateDebtor !== undefined) {
    const read = readParty(ultimateDebtor);
    if (read === REJECT) return REJECT;
    out.ultimateDebtor = read;
    found++;
  }
  const ultimateCreditor = value.ultimateCreditor;
  if (ultimateCreditor !== undefined) {
    const read = readParty(ultimateCreditor);
    if (read === REJECT) return REJECT;
    out.ultimateCreditor = read;
    found++;
  }
  const intermediaryAgents = value.intermediaryAgents;
  if (intermediaryAgents !== undefined) {
    const read = readAgents(intermediaryAgents, 3);
    if (read === REJECT) return REJECT;
    out.intermediaryAgents = read;
    found++;
  }
  const remittanceInformation = value.remittanceInformation;
  if (remittanceInformation !== undefined) {
    const read = readRemittance(remittanceInformation);
    if (read === REJECT) return REJECT;
    out.remittanceInformation = read;
    found++;
  }
  const instructedAmount = value.instructedAmount;
  if (instructedAmount !== undefined) {
    const read = amount(instructedAmount);
    if (read === REJECT) return REJECT;
    out.instructedAmount = read;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

/** The whole payment, in the schema's field order (`paymentShape` in payment.ts). */
function readPayment(value: unknown, amount: Reader): unknown {
  if (!isRecord(value)) return REJECT;
  const out: Output = {};
  // The required fields are counted up front: a missing one returns before the count matters.
  let found = 9;
  const uetr = value.uetr;
  if (!(typeof uetr === 'string' && isValidUetr(uetr))) return REJECT;
  out.uetr = uetr;
  const endToEndId = value.endToEndId;
  if (!isText(endToEndId, 35)) return REJECT;
  out.endToEndId = endToEndId;
  const instructionId = value.instructionId;
  if (instructionId !== undefined) {
    if (!isText(instructionId, 35)) return REJECT;
    out.instructionId = instructionId;
    found++;
  }
  const transactionId = value.transactionId;
  if (transactionId !== undefined) {
    if (!isText(transactionId, 35)) return REJECT;
    out.transactionId = transactionId;
    found++;
  }
  const messageId = value.messageId;
  if (!isText(messageId, 35)) return REJECT;
  out.messageId = messageId;
  const paymentInformationId = value.paymentInformationId;
  if (paymentInformationId !== undefined) {
    if (!isText(paymentInformationId, 35)) return REJECT;
    out.paymentInformationId = paymentInformationId;
    found++;
  }
  const source = readSource(value.source);
  if (source === REJECT) return REJECT;
  out.source = source;
  const creationDateTime = value.creationDateTime;
  if (creationDateTime !== undefined) {
    if (!matches(creationDateTime, ISO_DATE_TIME_PATTERN)) return REJECT;
    out.creationDateTime = creationDateTime;
    found++;
  }
  const paymentAmount = value.amount;
  if (paymentAmount === undefined) return REJECT;
  const readAmount = amount(paymentAmount);
  if (readAmount === REJECT) return REJECT;
  out.amount = readAmount;
  const instructedAmount = value.instructedAmount;
  if (instructedAmount !== undefined) {
    const read = amount(instructedAmount);
    if (read === REJECT) return REJECT;
    out.instructedAmount = read;
    found++;
  }
  const exchangeRate = value.exchangeRate;
  if (exchangeRate !== undefined) {
    if (!matches(exchangeRate, DECIMAL_PATTERN)) return REJECT;
    out.exchangeRate = exchangeRate;
    found++;
  }
  const settlementDate = value.settlementDate;
  if (settlementDate !== undefined) {
    if (!matches(settlementDate, ISO_DATE_PATTERN)) return REJECT;
    out.settlementDate = settlementDate;
    found++;
  }
  const settlementPriority = value.settlementPriority;
  if (settlementPriority !== undefined) {
    if (settlementPriority !== 'URGT' && settlementPriority !== 'HIGH' && settlementPriority !== 'NORM')
      return REJECT;
    out.settlementPriority = settlementPriority;
    found++;
  }
  const requestedExecutionDate = value.requestedExecutionDate;
  if (requestedExecutionDate !== undefined) {
    if (!matches(requestedExecutionDate, ISO_DATE_PATTERN)) return REJECT;
    out.requestedExecutionDate = requestedExecutionDate;
    found++;
  }
  const chargeBearer = value.chargeBearer;
  if (chargeBearer !== undefined) {
    if (
      chargeBearer !== 'DEBT' &&
      chargeBearer !== 'CRED' &&
      chargeBearer !== 'SHAR' &&
      chargeBearer !== 'SLEV'
    )
      return REJECT;
    out.chargeBearer = chargeBearer;
    found++;
  }
  const charges = value.charges;
  if (charges !== undefined) {
    const read = readCharges(charges, amount);
    if (read === REJECT) return REJECT;
    out.charges = read;
    found++;
  }
  const debtor = readParty(value.debtor);
  if (debtor === REJECT) return REJECT;
  out.debtor = debtor;
  const creditor = readParty(value.creditor);
  if (creditor === REJECT) return REJECT;
  out.creditor = creditor;
  const ultimateDebtor = value.ultimateDebtor;
  if (ultimateDebtor !== undefined) {
    const read = readParty(ultimateDebtor);
    if (read === REJECT) return REJECT;
    out.ultimateDebtor = read;
    found++;
  }
  const ultimateCreditor = value.ultimateCreditor;
  if (ultimateCreditor !== undefined) {
    const read = readParty(ultimateCreditor);
    if (read === REJECT) return REJECT;
    out.ultimateCreditor = read;
    found++;
  }
  const debtorAgent = readAgent(value.debtorAgent);
  if (debtorAgent === REJECT) return REJECT;
  out.debtorAgent = debtorAgent;
  const creditorAgent = readAgent(value.creditorAgent);
  if (creditorAgent === REJECT) return REJECT;
  out.creditorAgent = creditorAgent;
  const instructingAgent = value.instructingAgent;
  if (instructingAgent !== undefined) {
    const read = readAgent(instructingAgent);
    if (read === REJECT) return REJECT;
    out.instructingAgent = read;
    found++;
  }
  const instructedAgent = value.instructedAgent;
  if (instructedAgent !== undefined) {
    const read = readAgent(instructedAgent);
    if (read === REJECT) return REJECT;
    out.instructedAgent = read;
    found++;
  }
  const intermediaryAgents = value.intermediaryAgents;
  if (intermediaryAgents !== undefined) {
    const read = readAgents(intermediaryAgents, 3);
    if (read === REJECT) return REJECT;
    out.intermediaryAgents = read;
    found++;
  }
  const previousInstructingAgents = value.previousInstructingAgents;
  if (previousInstructingAgents !== undefined) {
    const read = readAgents(previousInstructingAgents, 3);
    if (read === REJECT) return REJECT;
    out.previousInstructingAgents = read;
    found++;
  }
  const instructionsForCreditorAgent = value.instructionsForCreditorAgent;
  if (instructionsForCreditorAgent !== undefined) {
    const read = readTexts(instructionsForCreditorAgent, 140, Number.POSITIVE_INFINITY);
    if (read === REJECT) return REJECT;
    out.instructionsForCreditorAgent = read;
    found++;
  }
  const instructionsForNextAgent = value.instructionsForNextAgent;
  if (instructionsForNextAgent !== undefined) {
    const read = readTexts(instructionsForNextAgent, 140, Number.POSITIVE_INFINITY);
    if (read === REJECT) return REJECT;
    out.instructionsForNextAgent = read;
    found++;
  }
  const underlying = value.underlyingCustomerCreditTransfer;
  if (underlying !== undefined) {
    const read = readUnderlying(underlying, amount);
    if (read === REJECT) return REJECT;
    out.underlyingCustomerCreditTransfer = read;
    found++;
  }
  const remittanceInformation = value.remittanceInformation;
  if (remittanceInformation !== undefined) {
    const read = readRemittance(remittanceInformation);
    if (read === REJECT) return REJECT;
    out.remittanceInformation = read;
    found++;
  }
  const purpose = value.purpose;
  if (purpose !== undefined) {
    if (!isText(purpose, 35)) return REJECT;
    out.purpose = purpose;
    found++;
  }
  const categoryPurpose = value.categoryPurpose;
  if (categoryPurpose !== undefined) {
    if (!isText(categoryPurpose, 35)) return REJECT;
    out.categoryPurpose = categoryPurpose;
    found++;
  }
  const serviceLevel = value.serviceLevel;
  if (serviceLevel !== undefined) {
    const read = readTexts(serviceLevel, 35, Number.POSITIVE_INFINITY);
    if (read === REJECT) return REJECT;
    out.serviceLevel = read;
    found++;
  }
  const localInstrument = value.localInstrument;
  if (localInstrument !== undefined) {
    if (!isText(localInstrument, 35)) return REJECT;
    out.localInstrument = localInstrument;
    found++;
  }
  const instructionPriority = value.instructionPriority;
  if (instructionPriority !== undefined) {
    if (instructionPriority !== 'HIGH' && instructionPriority !== 'NORM') return REJECT;
    out.instructionPriority = instructionPriority;
    found++;
  }
  return keyCount(value) === found ? out : REJECT;
}

/** JSON amount → Money, as the schema's `moneyJson` codec decodes it (a strict `{ currency, amount }`). */
function decodeMoney(value: unknown): unknown {
  if (!isRecord(value)) return REJECT;
  const currency = value.currency;
  const amount = value.amount;
  if (typeof currency !== 'string' || typeof amount !== 'string' || keyCount(value) !== 2) return REJECT;
  if (!isCurrencyCode(currency)) return REJECT;
  try {
    return money(amount, currency);
  } catch {
    return REJECT;
  }
}

/** Money → JSON amount, as the schema's `moneyJson` codec encodes it. */
function encodeMoney(value: unknown): unknown {
  return isMoneyValue(value) ? { currency: value.currency, amount: formatMoney(value) } : REJECT;
}

/** In-memory Money, checked and kept as is (the schema's `moneyValue`). */
function keepMoney(value: unknown): unknown {
  return isMoneyValue(value) ? value : REJECT;
}

/**
 * JSON form → payment: what `CanonicalPaymentJsonSchema.safeDecode` returns on success, or
 * {@link REJECT}. @internal
 */
export function decodePaymentFast(value: unknown): unknown {
  return readPayment(value, decodeMoney);
}

/**
 * Payment → JSON form: what `CanonicalPaymentJsonSchema.safeEncode` returns on success, or
 * {@link REJECT}. @internal
 */
export function encodePaymentFast(value: unknown): unknown {
  return readPayment(value, encodeMoney);
}

/**
 * Payment → payment: what `CanonicalPaymentSchema.safeParse` returns on success, or {@link REJECT}.
 * @internal
 */
export function validatePaymentFast(value: unknown): unknown {
  return readPayment(value, keepMoney);
}
