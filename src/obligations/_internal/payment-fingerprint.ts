/**
 * The canonical JSON of an encoded payment, written directly: the very string
 * `stableStringify(canonicalPaymentToJson(payment))` gives (keys sorted, `undefined` left out), without
 * listing and sorting the keys of every object. The key order of each object kind is fixed here, sorted
 * as `Array.prototype.sort` sorts (UTF-16 code units).
 *
 * Only for the output of `canonicalPaymentToJson`: that object holds exactly the schema's fields, so
 * every key it can carry is written below. test/unit/obligations/payment-fingerprint.test.ts checks the
 * key lists against core's schema and the output against {@link stableStringify} on generated payments.
 *
 * How it is written (the engine keeps one fingerprint per UETR, so both the writing and what stays on
 * the heap count):
 * - one string per object kind, appended to (`+=`), and flattened once at the end: the engine stores
 *   the fingerprint, and a concatenated string left as it is keeps its whole tree of pieces alive
 *   (a hundred small heap objects per payment instead of one);
 * - free text is written by {@link text}, which skips `JSON.stringify` when nothing needs escaping,
 *   after its key and opening quote in one literal (one concatenation less per member);
 * - values the schema has already checked to be ASCII letters, digits and `.:+-` (amounts, currency
 *   and country codes, BICs, IBANs, LEIs, the UETR, dates, enumerations) are written as they are
 *   ({@link code}): `JSON.stringify` of such a string is the string between two quotes.
 * @internal
 * @packageDocumentation
 */
import type {
  Account,
  Agent,
  CanonicalPaymentJson,
  ChargeJson,
  MoneyJson,
  OtherIdentification,
  Party,
  PostalAddress,
  RemittanceInformation,
  UnderlyingCustomerCreditTransferJson,
} from '../../index';

/**
 * What `JSON.stringify` escapes in a string: `"`, `\`, U+0000–U+001F and lone surrogates (every
 * surrogate is sent to `JSON.stringify` here, paired or not, which is only slower).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding what JSON.stringify escapes is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`, without the call when the text needs no escape.
 * @internal
 */
export function quote(value: string): string {
  return text('"', value);
}

/**
 * `prefix` and the JSON string of `value`, where `prefix` ends with the value's opening quote: one
 * concatenation less per member than joining a quoted value to its key.
 */
function text(prefix: string, value: string): string {
  return NEEDS_ESCAPE.test(value) ? prefix.slice(0, -1) + JSON.stringify(value) : `${prefix}${value}"`;
}

/**
 * {@link text} for a schema-checked code or number (see the file comment), which never needs an escape.
 * The schema's checks: amounts are written by `formatMoney` (digits, `-`, `.`); currency codes are
 * ISO 4217 table keys; countries, BICs, electronic IBANs and LEIs are upper-case letters and digits;
 * a UETR is lower-case hex and `-`; dates match `YYYY-MM-DD` and the ISO date-time pattern; the
 * message version is `[a-z]{4}.ddd.ddd.dd`; the other values are enumerations of letters, digits, `.`.
 */
function code(prefix: string, value: string): string {
  return `${prefix}${value}"`;
}

function writeTexts(items: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) out += text(i === 0 ? '"' : ',"', items[i]!);
  return `${out}]`;
}

function writeMoney(amount: MoneyJson): string {
  return `{"amount":"${amount.amount}","currency":"${amount.currency}"}`;
}

// Each object below starts as `{`: a member is written with its comma when the string is longer than
// that (a concatenated string knows its length without being flattened).

function writePostalAddress(address: PostalAddress): string {
  let s = '{';
  if (address.addressLines !== undefined) s += `"addressLines":${writeTexts(address.addressLines)}`;
  if (address.buildingNumber !== undefined)
    s += text(s.length > 1 ? ',"buildingNumber":"' : '"buildingNumber":"', address.buildingNumber);
  if (address.country !== undefined)
    s += code(s.length > 1 ? ',"country":"' : '"country":"', address.country);
  if (address.postCode !== undefined)
    s += text(s.length > 1 ? ',"postCode":"' : '"postCode":"', address.postCode);
  if (address.streetName !== undefined)
    s += text(s.length > 1 ? ',"streetName":"' : '"streetName":"', address.streetName);
  if (address.townName !== undefined)
    s += text(s.length > 1 ? ',"townName":"' : '"townName":"', address.townName);
  return `${s}}`;
}

function writeAccount(account: Account): string {
  let s = '{';
  if (account.currency !== undefined) s += code('"currency":"', account.currency);
  if (account.iban !== undefined) s += code(s.length > 1 ? ',"iban":"' : '"iban":"', account.iban);
  if (account.name !== undefined) s += text(s.length > 1 ? ',"name":"' : '"name":"', account.name);
  if (account.otherId !== undefined)
    s += text(s.length > 1 ? ',"otherId":"' : '"otherId":"', account.otherId);
  if (account.otherScheme !== undefined)
    s += text(s.length > 1 ? ',"otherScheme":"' : '"otherScheme":"', account.otherScheme);
  return `${s}}`;
}

function writeOtherIdentifications(items: readonly OtherIdentification[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    out += text(i === 0 ? '{"id":"' : ',{"id":"', item.id);
    if (item.issuer !== undefined) out += text(',"issuer":"', item.issuer);
    if (item.scheme !== undefined) out += text(',"scheme":"', item.scheme);
    out += '}';
  }
  return `${out}]`;
}

function writeParty(party: Party): string {
  let s = '{';
  if (party.account !== undefined) s += `"account":${writeAccount(party.account)}`;
  if (party.bic !== undefined) s += code(s.length > 1 ? ',"bic":"' : '"bic":"', party.bic);
  if (party.countryOfResidence !== undefined)
    s += code(s.length > 1 ? ',"countryOfResidence":"' : '"countryOfResidence":"', party.countryOfResidence);
  if (party.lei !== undefined) s += code(s.length > 1 ? ',"lei":"' : '"lei":"', party.lei);
  if (party.name !== undefined) s += text(s.length > 1 ? ',"name":"' : '"name":"', party.name);
  if (party.otherIdentifications !== undefined)
    s += `${s.length > 1 ? ',' : ''}"otherIdentifications":${writeOtherIdentifications(party.otherIdentifications)}`;
  if (party.otherIds !== undefined) s += `${s.length > 1 ? ',' : ''}"otherIds":${writeTexts(party.otherIds)}`;
  if (party.postalAddress !== undefined)
    s += `${s.length > 1 ? ',' : ''}"postalAddress":${writePostalAddress(party.postalAddress)}`;
  return `${s}}`;
}

function writeAgent(agent: Agent): string {
  let s = '{';
  if (agent.bic !== undefined) s += code('"bic":"', agent.bic);
  if (agent.clearingMemberId !== undefined)
    s += text(s.length > 1 ? ',"clearingMemberId":"' : '"clearingMemberId":"', agent.clearingMemberId);
  if (agent.clearingSystem !== undefined)
    s += text(s.length > 1 ? ',"clearingSystem":"' : '"clearingSystem":"', agent.clearingSystem);
  if (agent.country !== undefined) s += code(s.length > 1 ? ',"country":"' : '"country":"', agent.country);
  if (agent.lei !== undefined) s += code(s.length > 1 ? ',"lei":"' : '"lei":"', agent.lei);
  if (agent.name !== undefined) s += text(s.length > 1 ? ',"name":"' : '"name":"', agent.name);
  return `${s}}`;
}

function writeAgents(agents: readonly Agent[]): string {
  let out = '[';
  for (let i = 0; i < agents.length; i++)
    out += i === 0 ? writeAgent(agents[i]!) : `,${writeAgent(agents[i]!)}`;
  return `${out}]`;
}

function writeRemittance(remittance: RemittanceInformation): string {
  let s = '{';
  if (remittance.creditorReferences !== undefined) {
    s += `"creditorReferences":${writeTexts(remittance.creditorReferences)}`;
    if (remittance.unstructured !== undefined) s += ',';
  }
  if (remittance.unstructured !== undefined) s += `"unstructured":${writeTexts(remittance.unstructured)}`;
  return `${s}}`;
}

function writeCharges(charges: readonly ChargeJson[]): string {
  let out = '[';
  for (let i = 0; i < charges.length; i++) {
    const charge = charges[i]!;
    if (i > 0) out += ',';
    out +=
      charge.agent === undefined
        ? `{"amount":${writeMoney(charge.amount)}}`
        : `{"agent":${writeAgent(charge.agent)},"amount":${writeMoney(charge.amount)}}`;
  }
  return `${out}]`;
}

function writeUnderlying(transfer: UnderlyingCustomerCreditTransferJson): string {
  let s = `{"creditor":${writeParty(transfer.creditor)}`;
  s += `,"creditorAgent":${writeAgent(transfer.creditorAgent)}`;
  s += `,"debtor":${writeParty(transfer.debtor)}`;
  s += `,"debtorAgent":${writeAgent(transfer.debtorAgent)}`;
  if (transfer.instructedAmount !== undefined)
    s += `,"instructedAmount":${writeMoney(transfer.instructedAmount)}`;
  if (transfer.intermediaryAgents !== undefined)
    s += `,"intermediaryAgents":${writeAgents(transfer.intermediaryAgents)}`;
  if (transfer.remittanceInformation !== undefined)
    s += `,"remittanceInformation":${writeRemittance(transfer.remittanceInformation)}`;
  if (transfer.ultimateCreditor !== undefined)
    s += `,"ultimateCreditor":${writeParty(transfer.ultimateCreditor)}`;
  if (transfer.ultimateDebtor !== undefined) s += `,"ultimateDebtor":${writeParty(transfer.ultimateDebtor)}`;
  return `${s}}`;
}

/**
 * `stableStringify(json)` for a `canonicalPaymentToJson` output, as one flat string.
 * @param json - an encoded payment
 * @returns its canonical JSON, keys sorted
 * @internal
 */
export function paymentFingerprintOf(json: CanonicalPaymentJson): string {
  // `amount` sorts first and is always there: every later member starts with its comma.
  let s = `{"amount":${writeMoney(json.amount)}`;
  if (json.categoryPurpose !== undefined) s += text(',"categoryPurpose":"', json.categoryPurpose);
  if (json.chargeBearer !== undefined) s += code(',"chargeBearer":"', json.chargeBearer);
  if (json.charges !== undefined) s += `,"charges":${writeCharges(json.charges)}`;
  if (json.creationDateTime !== undefined) s += code(',"creationDateTime":"', json.creationDateTime);
  s += `,"creditor":${writeParty(json.creditor)}`;
  s += `,"creditorAgent":${writeAgent(json.creditorAgent)}`;
  s += `,"debtor":${writeParty(json.debtor)}`;
  s += `,"debtorAgent":${writeAgent(json.debtorAgent)}`;
  s += text(',"endToEndId":"', json.endToEndId);
  if (json.exchangeRate !== undefined) s += code(',"exchangeRate":"', json.exchangeRate);
  if (json.instructedAgent !== undefined) s += `,"instructedAgent":${writeAgent(json.instructedAgent)}`;
  if (json.instructedAmount !== undefined) s += `,"instructedAmount":${writeMoney(json.instructedAmount)}`;
  if (json.instructingAgent !== undefined) s += `,"instructingAgent":${writeAgent(json.instructingAgent)}`;
  if (json.instructionId !== undefined) s += text(',"instructionId":"', json.instructionId);
  if (json.instructionPriority !== undefined) s += code(',"instructionPriority":"', json.instructionPriority);
  if (json.instructionsForCreditorAgent !== undefined)
    s += `,"instructionsForCreditorAgent":${writeTexts(json.instructionsForCreditorAgent)}`;
  if (json.instructionsForNextAgent !== undefined)
    s += `,"instructionsForNextAgent":${writeTexts(json.instructionsForNextAgent)}`;
  if (json.intermediaryAgents !== undefined)
    s += `,"intermediaryAgents":${writeAgents(json.intermediaryAgents)}`;
  if (json.localInstrument !== undefined) s += text(',"localInstrument":"', json.localInstrument);
  s += text(',"messageId":"', json.messageId);
  if (json.paymentInformationId !== undefined)
    s += text(',"paymentInformationId":"', json.paymentInformationId);
  if (json.previousInstructingAgents !== undefined)
    s += `,"previousInstructingAgents":${writeAgents(json.previousInstructingAgents)}`;
  if (json.purpose !== undefined) s += text(',"purpose":"', json.purpose);
  if (json.remittanceInformation !== undefined)
    s += `,"remittanceInformation":${writeRemittance(json.remittanceInformation)}`;
  if (json.requestedExecutionDate !== undefined)
    s += code(',"requestedExecutionDate":"', json.requestedExecutionDate);
  if (json.serviceLevel !== undefined) s += `,"serviceLevel":${writeTexts(json.serviceLevel)}`;
  if (json.settlementDate !== undefined) s += code(',"settlementDate":"', json.settlementDate);
  if (json.settlementPriority !== undefined) s += code(',"settlementPriority":"', json.settlementPriority);
  const source = json.source;
  s += code(',"source":{"type":"', source.type);
  if (source.uetrAssigned !== undefined) s += `,"uetrAssigned":${source.uetrAssigned}`;
  if (source.version !== undefined) s += code(',"version":"', source.version);
  s += '}';
  if (json.transactionId !== undefined) s += text(',"transactionId":"', json.transactionId);
  s += code(',"uetr":"', json.uetr);
  if (json.ultimateCreditor !== undefined) s += `,"ultimateCreditor":${writeParty(json.ultimateCreditor)}`;
  if (json.ultimateDebtor !== undefined) s += `,"ultimateDebtor":${writeParty(json.ultimateDebtor)}`;
  if (json.underlyingCustomerCreditTransfer !== undefined)
    s += `,"underlyingCustomerCreditTransfer":${writeUnderlying(json.underlyingCustomerCreditTransfer)}`;
  s += '}';
  flatten(s);
  return s;
}

/**
 * Asks the engine to turn a concatenated string into one flat string now (V8 flattens a string the
 * first time a character is read from it, and the string keeps the flat copy). No effect on the value;
 * without it, a stored fingerprint keeps every piece it was concatenated from.
 */
function flatten(s: string): void {
  s.charCodeAt(0);
}
