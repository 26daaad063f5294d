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
 * - free text is quoted by {@link quote}, which skips `JSON.stringify` when nothing needs escaping;
 * - values the schema has already checked to be ASCII letters, digits and `.:+-` (amounts, currency
 *   and country codes, BICs, IBANs, LEIs, the UETR, dates, enumerations) are quoted as they are
 *   ({@link plain}): `JSON.stringify` of such a string is the string between two quotes.
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
export function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * A schema-checked code or number (see the file comment), which never needs an escape: quoted as it is.
 * The schema's checks: amounts are written by `formatMoney` (digits, `-`, `.`); currency codes are
 * ISO 4217 table keys; countries, BICs, electronic IBANs and LEIs are upper-case letters and digits;
 * a UETR is lower-case hex and `-`; dates match `YYYY-MM-DD` and the ISO date-time pattern; the
 * message version is `[a-z]{4}.ddd.ddd.dd`; the other values are enumerations of letters, digits, `.`.
 */
function plain(code: string): string {
  return `"${code}"`;
}

function writeTexts(items: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) out += i === 0 ? quote(items[i]!) : `,${quote(items[i]!)}`;
  return `${out}]`;
}

function writeMoney(amount: MoneyJson): string {
  return `{"amount":${plain(amount.amount)},"currency":${plain(amount.currency)}}`;
}

function writePostalAddress(address: PostalAddress): string {
  // `sep` is the separator before the next member: none before the first.
  let s = '{';
  let sep = '';
  if (address.addressLines !== undefined) {
    s += `"addressLines":${writeTexts(address.addressLines)}`;
    sep = ',';
  }
  if (address.buildingNumber !== undefined) {
    s += `${sep}"buildingNumber":${quote(address.buildingNumber)}`;
    sep = ',';
  }
  if (address.country !== undefined) {
    s += `${sep}"country":${plain(address.country)}`;
    sep = ',';
  }
  if (address.postCode !== undefined) {
    s += `${sep}"postCode":${quote(address.postCode)}`;
    sep = ',';
  }
  if (address.streetName !== undefined) {
    s += `${sep}"streetName":${quote(address.streetName)}`;
    sep = ',';
  }
  if (address.townName !== undefined) s += `${sep}"townName":${quote(address.townName)}`;
  return `${s}}`;
}

function writeAccount(account: Account): string {
  let s = '{';
  let sep = '';
  if (account.currency !== undefined) {
    s += `"currency":${plain(account.currency)}`;
    sep = ',';
  }
  if (account.iban !== undefined) {
    s += `${sep}"iban":${plain(account.iban)}`;
    sep = ',';
  }
  if (account.name !== undefined) {
    s += `${sep}"name":${quote(account.name)}`;
    sep = ',';
  }
  if (account.otherId !== undefined) {
    s += `${sep}"otherId":${quote(account.otherId)}`;
    sep = ',';
  }
  if (account.otherScheme !== undefined) s += `${sep}"otherScheme":${quote(account.otherScheme)}`;
  return `${s}}`;
}

function writeOtherIdentifications(items: readonly OtherIdentification[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (i > 0) out += ',';
    out += `{"id":${quote(item.id)}`;
    if (item.issuer !== undefined) out += `,"issuer":${quote(item.issuer)}`;
    if (item.scheme !== undefined) out += `,"scheme":${quote(item.scheme)}`;
    out += '}';
  }
  return `${out}]`;
}

function writeParty(party: Party): string {
  let s = '{';
  let sep = '';
  if (party.account !== undefined) {
    s += `"account":${writeAccount(party.account)}`;
    sep = ',';
  }
  if (party.bic !== undefined) {
    s += `${sep}"bic":${plain(party.bic)}`;
    sep = ',';
  }
  if (party.countryOfResidence !== undefined) {
    s += `${sep}"countryOfResidence":${plain(party.countryOfResidence)}`;
    sep = ',';
  }
  if (party.lei !== undefined) {
    s += `${sep}"lei":${plain(party.lei)}`;
    sep = ',';
  }
  if (party.name !== undefined) {
    s += `${sep}"name":${quote(party.name)}`;
    sep = ',';
  }
  if (party.otherIdentifications !== undefined) {
    s += `${sep}"otherIdentifications":${writeOtherIdentifications(party.otherIdentifications)}`;
    sep = ',';
  }
  if (party.otherIds !== undefined) {
    s += `${sep}"otherIds":${writeTexts(party.otherIds)}`;
    sep = ',';
  }
  if (party.postalAddress !== undefined)
    s += `${sep}"postalAddress":${writePostalAddress(party.postalAddress)}`;
  return `${s}}`;
}

function writeAgent(agent: Agent): string {
  let s = '{';
  let sep = '';
  if (agent.bic !== undefined) {
    s += `"bic":${plain(agent.bic)}`;
    sep = ',';
  }
  if (agent.clearingMemberId !== undefined) {
    s += `${sep}"clearingMemberId":${quote(agent.clearingMemberId)}`;
    sep = ',';
  }
  if (agent.clearingSystem !== undefined) {
    s += `${sep}"clearingSystem":${quote(agent.clearingSystem)}`;
    sep = ',';
  }
  if (agent.country !== undefined) {
    s += `${sep}"country":${plain(agent.country)}`;
    sep = ',';
  }
  if (agent.lei !== undefined) {
    s += `${sep}"lei":${plain(agent.lei)}`;
    sep = ',';
  }
  if (agent.name !== undefined) s += `${sep}"name":${quote(agent.name)}`;
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
  if (json.categoryPurpose !== undefined) s += `,"categoryPurpose":${quote(json.categoryPurpose)}`;
  if (json.chargeBearer !== undefined) s += `,"chargeBearer":${plain(json.chargeBearer)}`;
  if (json.charges !== undefined) s += `,"charges":${writeCharges(json.charges)}`;
  if (json.creationDateTime !== undefined) s += `,"creationDateTime":${plain(json.creationDateTime)}`;
  s += `,"creditor":${writeParty(json.creditor)}`;
  s += `,"creditorAgent":${writeAgent(json.creditorAgent)}`;
  s += `,"debtor":${writeParty(json.debtor)}`;
  s += `,"debtorAgent":${writeAgent(json.debtorAgent)}`;
  s += `,"endToEndId":${quote(json.endToEndId)}`;
  if (json.exchangeRate !== undefined) s += `,"exchangeRate":${plain(json.exchangeRate)}`;
  if (json.instructedAgent !== undefined) s += `,"instructedAgent":${writeAgent(json.instructedAgent)}`;
  if (json.instructedAmount !== undefined) s += `,"instructedAmount":${writeMoney(json.instructedAmount)}`;
  if (json.instructingAgent !== undefined) s += `,"instructingAgent":${writeAgent(json.instructingAgent)}`;
  if (json.instructionId !== undefined) s += `,"instructionId":${quote(json.instructionId)}`;
  if (json.instructionPriority !== undefined)
    s += `,"instructionPriority":${plain(json.instructionPriority)}`;
  if (json.instructionsForCreditorAgent !== undefined)
    s += `,"instructionsForCreditorAgent":${writeTexts(json.instructionsForCreditorAgent)}`;
  if (json.instructionsForNextAgent !== undefined)
    s += `,"instructionsForNextAgent":${writeTexts(json.instructionsForNextAgent)}`;
  if (json.intermediaryAgents !== undefined)
    s += `,"intermediaryAgents":${writeAgents(json.intermediaryAgents)}`;
  if (json.localInstrument !== undefined) s += `,"localInstrument":${quote(json.localInstrument)}`;
  s += `,"messageId":${quote(json.messageId)}`;
  if (json.paymentInformationId !== undefined)
    s += `,"paymentInformationId":${quote(json.paymentInformationId)}`;
  if (json.previousInstructingAgents !== undefined)
    s += `,"previousInstructingAgents":${writeAgents(json.previousInstructingAgents)}`;
  if (json.purpose !== undefined) s += `,"purpose":${quote(json.purpose)}`;
  if (json.remittanceInformation !== undefined)
    s += `,"remittanceInformation":${writeRemittance(json.remittanceInformation)}`;
  if (json.requestedExecutionDate !== undefined)
    s += `,"requestedExecutionDate":${plain(json.requestedExecutionDate)}`;
  if (json.serviceLevel !== undefined) s += `,"serviceLevel":${writeTexts(json.serviceLevel)}`;
  if (json.settlementDate !== undefined) s += `,"settlementDate":${plain(json.settlementDate)}`;
  if (json.settlementPriority !== undefined) s += `,"settlementPriority":${plain(json.settlementPriority)}`;
  const source = json.source;
  s += `,"source":{"type":${plain(source.type)}`;
  if (source.uetrAssigned !== undefined) s += `,"uetrAssigned":${source.uetrAssigned}`;
  if (source.version !== undefined) s += `,"version":${plain(source.version)}`;
  s += '}';
  if (json.transactionId !== undefined) s += `,"transactionId":${quote(json.transactionId)}`;
  s += `,"uetr":${plain(json.uetr)}`;
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
