/**
 * The fingerprint writer as it was before stop 13 (commit 3bc8694), kept as the reference the faster
 * writer is compared with. Not used by the library.
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
} from 'deltran';

const quote = JSON.stringify as (value: string) => string;

/**
 * Appends one `"key":value` member to an object being written (`s` starts as `{`). The comma depends on
 * the length, which a concatenated string knows without being flattened.
 */
function add(s: string, member: string): string {
  return s.length === 1 ? s + member : `${s},${member}`;
}

function writeTexts(items: readonly string[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out += i === 0 ? quote(items[i]!) : `,${quote(items[i]!)}`;
  return `[${out}]`;
}

function writeMoney(amount: MoneyJson): string {
  return `{"amount":${quote(amount.amount)},"currency":${quote(amount.currency)}}`;
}

function writePostalAddress(address: PostalAddress): string {
  let s = '{';
  if (address.addressLines !== undefined) s = add(s, `"addressLines":${writeTexts(address.addressLines)}`);
  if (address.buildingNumber !== undefined) s = add(s, `"buildingNumber":${quote(address.buildingNumber)}`);
  if (address.country !== undefined) s = add(s, `"country":${quote(address.country)}`);
  if (address.postCode !== undefined) s = add(s, `"postCode":${quote(address.postCode)}`);
  if (address.streetName !== undefined) s = add(s, `"streetName":${quote(address.streetName)}`);
  if (address.townName !== undefined) s = add(s, `"townName":${quote(address.townName)}`);
  return `${s}}`;
}

function writeAccount(account: Account): string {
  let s = '{';
  if (account.currency !== undefined) s = add(s, `"currency":${quote(account.currency)}`);
  if (account.iban !== undefined) s = add(s, `"iban":${quote(account.iban)}`);
  if (account.name !== undefined) s = add(s, `"name":${quote(account.name)}`);
  if (account.otherId !== undefined) s = add(s, `"otherId":${quote(account.otherId)}`);
  if (account.otherScheme !== undefined) s = add(s, `"otherScheme":${quote(account.otherScheme)}`);
  return `${s}}`;
}

function writeOtherIdentifications(items: readonly OtherIdentification[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    let s = `{"id":${quote(item.id)}`;
    if (item.issuer !== undefined) s = add(s, `"issuer":${quote(item.issuer)}`);
    if (item.scheme !== undefined) s = add(s, `"scheme":${quote(item.scheme)}`);
    out += i === 0 ? `${s}}` : `,${s}}`;
  }
  return `[${out}]`;
}

function writeParty(party: Party): string {
  let s = '{';
  if (party.account !== undefined) s = add(s, `"account":${writeAccount(party.account)}`);
  if (party.bic !== undefined) s = add(s, `"bic":${quote(party.bic)}`);
  if (party.countryOfResidence !== undefined)
    s = add(s, `"countryOfResidence":${quote(party.countryOfResidence)}`);
  if (party.lei !== undefined) s = add(s, `"lei":${quote(party.lei)}`);
  if (party.name !== undefined) s = add(s, `"name":${quote(party.name)}`);
  if (party.otherIdentifications !== undefined)
    s = add(s, `"otherIdentifications":${writeOtherIdentifications(party.otherIdentifications)}`);
  if (party.otherIds !== undefined) s = add(s, `"otherIds":${writeTexts(party.otherIds)}`);
  if (party.postalAddress !== undefined)
    s = add(s, `"postalAddress":${writePostalAddress(party.postalAddress)}`);
  return `${s}}`;
}

function writeAgent(agent: Agent): string {
  let s = '{';
  if (agent.bic !== undefined) s = add(s, `"bic":${quote(agent.bic)}`);
  if (agent.clearingMemberId !== undefined) s = add(s, `"clearingMemberId":${quote(agent.clearingMemberId)}`);
  if (agent.clearingSystem !== undefined) s = add(s, `"clearingSystem":${quote(agent.clearingSystem)}`);
  if (agent.country !== undefined) s = add(s, `"country":${quote(agent.country)}`);
  if (agent.lei !== undefined) s = add(s, `"lei":${quote(agent.lei)}`);
  if (agent.name !== undefined) s = add(s, `"name":${quote(agent.name)}`);
  return `${s}}`;
}

function writeAgents(agents: readonly Agent[]): string {
  let out = '';
  for (let i = 0; i < agents.length; i++)
    out += i === 0 ? writeAgent(agents[i]!) : `,${writeAgent(agents[i]!)}`;
  return `[${out}]`;
}

function writeRemittance(remittance: RemittanceInformation): string {
  let s = '{';
  if (remittance.creditorReferences !== undefined)
    s = add(s, `"creditorReferences":${writeTexts(remittance.creditorReferences)}`);
  if (remittance.unstructured !== undefined)
    s = add(s, `"unstructured":${writeTexts(remittance.unstructured)}`);
  return `${s}}`;
}

function writeCharges(charges: readonly ChargeJson[]): string {
  let out = '';
  for (let i = 0; i < charges.length; i++) {
    const charge = charges[i]!;
    let s = '{';
    if (charge.agent !== undefined) s = add(s, `"agent":${writeAgent(charge.agent)}`);
    s = add(s, `"amount":${writeMoney(charge.amount)}`);
    out += i === 0 ? `${s}}` : `,${s}}`;
  }
  return `[${out}]`;
}

function writeUnderlying(transfer: UnderlyingCustomerCreditTransferJson): string {
  let s = `{"creditor":${writeParty(transfer.creditor)}`;
  s = add(s, `"creditorAgent":${writeAgent(transfer.creditorAgent)}`);
  s = add(s, `"debtor":${writeParty(transfer.debtor)}`);
  s = add(s, `"debtorAgent":${writeAgent(transfer.debtorAgent)}`);
  if (transfer.instructedAmount !== undefined)
    s = add(s, `"instructedAmount":${writeMoney(transfer.instructedAmount)}`);
  if (transfer.intermediaryAgents !== undefined)
    s = add(s, `"intermediaryAgents":${writeAgents(transfer.intermediaryAgents)}`);
  if (transfer.remittanceInformation !== undefined)
    s = add(s, `"remittanceInformation":${writeRemittance(transfer.remittanceInformation)}`);
  if (transfer.ultimateCreditor !== undefined)
    s = add(s, `"ultimateCreditor":${writeParty(transfer.ultimateCreditor)}`);
  if (transfer.ultimateDebtor !== undefined)
    s = add(s, `"ultimateDebtor":${writeParty(transfer.ultimateDebtor)}`);
  return `${s}}`;
}

/**
 * `stableStringify(json)` for a `canonicalPaymentToJson` output.
 * @param json - an encoded payment
 * @returns its canonical JSON, keys sorted
 * @internal
 */
export function paymentFingerprintOf(json: CanonicalPaymentJson): string {
  let s = `{"amount":${writeMoney(json.amount)}`;
  if (json.categoryPurpose !== undefined) s = add(s, `"categoryPurpose":${quote(json.categoryPurpose)}`);
  if (json.chargeBearer !== undefined) s = add(s, `"chargeBearer":${quote(json.chargeBearer)}`);
  if (json.charges !== undefined) s = add(s, `"charges":${writeCharges(json.charges)}`);
  if (json.creationDateTime !== undefined) s = add(s, `"creationDateTime":${quote(json.creationDateTime)}`);
  s = add(s, `"creditor":${writeParty(json.creditor)}`);
  s = add(s, `"creditorAgent":${writeAgent(json.creditorAgent)}`);
  s = add(s, `"debtor":${writeParty(json.debtor)}`);
  s = add(s, `"debtorAgent":${writeAgent(json.debtorAgent)}`);
  s = add(s, `"endToEndId":${quote(json.endToEndId)}`);
  if (json.exchangeRate !== undefined) s = add(s, `"exchangeRate":${quote(json.exchangeRate)}`);
  if (json.instructedAgent !== undefined) s = add(s, `"instructedAgent":${writeAgent(json.instructedAgent)}`);
  if (json.instructedAmount !== undefined)
    s = add(s, `"instructedAmount":${writeMoney(json.instructedAmount)}`);
  if (json.instructingAgent !== undefined)
    s = add(s, `"instructingAgent":${writeAgent(json.instructingAgent)}`);
  if (json.instructionId !== undefined) s = add(s, `"instructionId":${quote(json.instructionId)}`);
  if (json.instructionPriority !== undefined)
    s = add(s, `"instructionPriority":${quote(json.instructionPriority)}`);
  if (json.instructionsForCreditorAgent !== undefined)
    s = add(s, `"instructionsForCreditorAgent":${writeTexts(json.instructionsForCreditorAgent)}`);
  if (json.instructionsForNextAgent !== undefined)
    s = add(s, `"instructionsForNextAgent":${writeTexts(json.instructionsForNextAgent)}`);
  if (json.intermediaryAgents !== undefined)
    s = add(s, `"intermediaryAgents":${writeAgents(json.intermediaryAgents)}`);
  if (json.localInstrument !== undefined) s = add(s, `"localInstrument":${quote(json.localInstrument)}`);
  s = add(s, `"messageId":${quote(json.messageId)}`);
  if (json.paymentInformationId !== undefined)
    s = add(s, `"paymentInformationId":${quote(json.paymentInformationId)}`);
  if (json.previousInstructingAgents !== undefined)
    s = add(s, `"previousInstructingAgents":${writeAgents(json.previousInstructingAgents)}`);
  if (json.purpose !== undefined) s = add(s, `"purpose":${quote(json.purpose)}`);
  if (json.remittanceInformation !== undefined)
    s = add(s, `"remittanceInformation":${writeRemittance(json.remittanceInformation)}`);
  if (json.requestedExecutionDate !== undefined)
    s = add(s, `"requestedExecutionDate":${quote(json.requestedExecutionDate)}`);
  if (json.serviceLevel !== undefined) s = add(s, `"serviceLevel":${writeTexts(json.serviceLevel)}`);
  if (json.settlementDate !== undefined) s = add(s, `"settlementDate":${quote(json.settlementDate)}`);
  if (json.settlementPriority !== undefined)
    s = add(s, `"settlementPriority":${quote(json.settlementPriority)}`);
  const source = json.source;
  let sourceMembers = `{"type":${quote(source.type)}`;
  if (source.uetrAssigned !== undefined)
    sourceMembers = add(sourceMembers, `"uetrAssigned":${source.uetrAssigned}`);
  if (source.version !== undefined) sourceMembers = add(sourceMembers, `"version":${quote(source.version)}`);
  s = add(s, `"source":${sourceMembers}}`);
  if (json.transactionId !== undefined) s = add(s, `"transactionId":${quote(json.transactionId)}`);
  s = add(s, `"uetr":${quote(json.uetr)}`);
  if (json.ultimateCreditor !== undefined)
    s = add(s, `"ultimateCreditor":${writeParty(json.ultimateCreditor)}`);
  if (json.ultimateDebtor !== undefined) s = add(s, `"ultimateDebtor":${writeParty(json.ultimateDebtor)}`);
  if (json.underlyingCustomerCreditTransfer !== undefined)
    s = add(
      s,
      `"underlyingCustomerCreditTransfer":${writeUnderlying(json.underlyingCustomerCreditTransfer)}`,
    );
  return `${s}}`;
}
