/**
 * pacs.009 builder: FinancialInstitutionCreditTransfer, the bank-to-bank transfer used to settle net
 * positions.
 * @packageDocumentation
 */
import type { CanonicalPayment, Party, UnderlyingCustomerCreditTransfer } from '../../index';
import type { XmlWriter } from '../_internal/xml-writer';
import { Iso20022BuildErrorCodes as Codes } from '../errors';
import {
  account,
  agent,
  amount,
  checkDuplicates,
  codeOrProprietary,
  date,
  financialInstitutionId,
  Issues,
  isEmptyAccount,
  isEmptyAgent,
  notRepresentable,
  otherIdentificationsOf,
  type Path,
  party,
  remittance,
} from './_shared';
import { type BuildOptions, finishDocument, resolveHeader, startDocument } from './options';
import {
  type SettlementMethod,
  writeInstructions,
  writeInterbankGroupHeader,
  writeIntermediaries,
  writePaymentId,
  writePaymentTypeInformation,
  writePreviousInstructingAgents,
  writeSettlementPriority,
} from './pacs008';

/** The pacs.009 versions {@link buildPacs009} writes. @public */
export type Pacs009Version = 'pacs.009.001.08';

/** Every version {@link buildPacs009} accepts. @public */
export const PACS009_VERSIONS: readonly Pacs009Version[] = Object.freeze(['pacs.009.001.08']);

/** Options of {@link buildPacs009}. @public */
export interface BuildPacs009Options extends BuildOptions {
  /** Message version; default (and only) `pacs.009.001.08`. */
  readonly version?: Pacs009Version;
  /** `GrpHdr/SttlmInf/SttlmMtd`; default `INDA`. */
  readonly settlementMethod?: SettlementMethod;
  /** `GrpHdr/SttlmInf/ClrSys/Cd` (up to 3 characters) or `Prtry`. */
  readonly clearingSystem?: string;
}

/** A party that is a financial institution, written as `BranchAndFinancialInstitutionIdentification6`. */
function institution(w: XmlWriter, issues: Issues, path: Path, name: string, p: Party): void {
  const here = [...path, name];
  // An institution's one other identifier is its clearing member id (`ClrSysMmbId/MmbId`), its scheme
  // the clearing system (`ClrSysId`): where the parser reads a pacs.009 party's `otherIds` and
  // `otherIdentifications` from.
  const others = otherIdentificationsOf(issues, [...here, 'FinInstnId', 'ClrSysMmbId'], p);
  const member = others.length === 1 ? others[0] : undefined;
  const agentPart = {
    ...(p.bic !== undefined ? { bic: p.bic } : {}),
    ...(member !== undefined ? { clearingMemberId: member.id } : {}),
    ...(member?.scheme !== undefined ? { clearingSystem: member.scheme } : {}),
    ...(p.lei !== undefined ? { lei: p.lei } : {}),
    ...(p.name !== undefined ? { name: p.name } : {}),
  };
  w.open(name);
  financialInstitutionId(w, issues, here, agentPart, p.postalAddress);
  w.close();
  if (others.length > 1)
    notRepresentable(
      issues,
      [...here, 'FinInstnId', 'ClrSysMmbId'],
      'more than one other identifier',
      'pacs.009 (an institution has one clearing member id)',
    );
  if (member?.issuer !== undefined)
    notRepresentable(
      issues,
      [...here, 'FinInstnId', 'ClrSysMmbId'],
      'the issuer of an other identifier',
      'pacs.009 (ClrSysMmbId has no issuer)',
    );
  if (p.countryOfResidence !== undefined)
    notRepresentable(issues, [...here, 'FinInstnId'], 'countryOfResidence', 'pacs.009');
}

/**
 * Writes `UndrlygCstmrCdtTrf` (`CreditTransferTransaction37`): `UltmtDbtr`, `Dbtr`+`DbtrAcct`,
 * `DbtrAgt`, `IntrmyAgt1..3`, `CdtrAgt`, `Cdtr`+`CdtrAcct`, `UltmtCdtr`, `RmtInf`, `InstdAmt`.
 */
function writeUnderlying(
  w: XmlWriter,
  issues: Issues,
  txPath: Path,
  u: UnderlyingCustomerCreditTransfer,
): void {
  const path = [...txPath, 'UndrlygCstmrCdtTrf'];
  w.open('UndrlygCstmrCdtTrf');
  if (u.ultimateDebtor !== undefined) party(w, issues, path, 'UltmtDbtr', u.ultimateDebtor);
  party(w, issues, path, 'Dbtr', u.debtor);
  if (u.debtor.account !== undefined && !isEmptyAccount(u.debtor.account))
    account(w, issues, path, 'DbtrAcct', u.debtor.account);
  agent(w, issues, path, 'DbtrAgt', u.debtorAgent);
  const intermediaries = u.intermediaryAgents ?? [];
  if (intermediaries.length > 3)
    issues.add(
      Codes.TOO_MANY_OCCURRENCES,
      [...path, 'IntrmyAgt4'],
      `expected at most 3 intermediary agents, got ${intermediaries.length}`,
    );
  for (let i = 0; i < intermediaries.length && i < 3; i++)
    agent(w, issues, path, `IntrmyAgt${i + 1}`, intermediaries[i]!);
  agent(w, issues, path, 'CdtrAgt', u.creditorAgent);
  party(w, issues, path, 'Cdtr', u.creditor);
  if (u.creditor.account !== undefined && !isEmptyAccount(u.creditor.account))
    account(w, issues, path, 'CdtrAcct', u.creditor.account);
  if (u.ultimateCreditor !== undefined) party(w, issues, path, 'UltmtCdtr', u.ultimateCreditor);
  if (u.remittanceInformation !== undefined) remittance(w, issues, path, u.remittanceInformation);
  if (u.instructedAmount !== undefined) amount(w, issues, path, 'InstdAmt', u.instructedAmount);
  w.close();
  for (const [name, who] of [
    ['UltmtDbtr', u.ultimateDebtor],
    ['UltmtCdtr', u.ultimateCreditor],
  ] as const) {
    if (who?.account !== undefined)
      issues.add(Codes.NOT_REPRESENTABLE, [...path, name], `${name} has no account element in pacs.009`);
  }
}

function writeTransaction(w: XmlWriter, issues: Issues, index: number, p: CanonicalPayment): void {
  const path: Path = ['CdtTrfTxInf', index];
  w.open('CdtTrfTxInf');
  writePaymentId(w, issues, path, p);
  writePaymentTypeInformation(w, issues, path, p);
  amount(w, issues, path, 'IntrBkSttlmAmt', p.amount);
  if (p.settlementDate !== undefined) date(w, issues, path, 'IntrBkSttlmDt', p.settlementDate);
  writeSettlementPriority(w, issues, path, p);
  writePreviousInstructingAgents(w, issues, path, p);
  if (p.instructingAgent !== undefined) agent(w, issues, path, 'InstgAgt', p.instructingAgent);
  if (p.instructedAgent !== undefined) agent(w, issues, path, 'InstdAgt', p.instructedAgent);
  writeIntermediaries(w, issues, path, p);
  if (p.ultimateDebtor !== undefined) institution(w, issues, path, 'UltmtDbtr', p.ultimateDebtor);
  institution(w, issues, path, 'Dbtr', p.debtor);
  if (p.debtor.account !== undefined && !isEmptyAccount(p.debtor.account))
    account(w, issues, path, 'DbtrAcct', p.debtor.account);
  if (!isEmptyAgent(p.debtorAgent)) agent(w, issues, path, 'DbtrAgt', p.debtorAgent);
  if (!isEmptyAgent(p.creditorAgent)) agent(w, issues, path, 'CdtrAgt', p.creditorAgent);
  institution(w, issues, path, 'Cdtr', p.creditor);
  if (p.creditor.account !== undefined && !isEmptyAccount(p.creditor.account))
    account(w, issues, path, 'CdtrAcct', p.creditor.account);
  if (p.ultimateCreditor !== undefined) institution(w, issues, path, 'UltmtCdtr', p.ultimateCreditor);
  writeInstructions(w, issues, path, 'InstrForCdtrAgt', p.instructionsForCreditorAgent);
  writeInstructions(w, issues, path, 'InstrForNxtAgt', p.instructionsForNextAgent);
  if (p.purpose !== undefined) {
    w.open('Purp');
    codeOrProprietary(w, issues, [...path, 'Purp'], p.purpose, 4);
    w.close();
  }
  if (p.remittanceInformation !== undefined) remittance(w, issues, path, p.remittanceInformation, true);
  if (p.underlyingCustomerCreditTransfer !== undefined)
    writeUnderlying(w, issues, path, p.underlyingCustomerCreditTransfer);
  w.close();
  if (p.charges !== undefined && p.charges.length > 0)
    notRepresentable(issues, [...path, 'ChrgsInf'], 'charges', 'pacs.009 (no ChrgsInf)');
  if (p.chargeBearer !== undefined) notRepresentable(issues, [...path, 'ChrgBr'], 'chargeBearer', 'pacs.009');
  if (p.instructedAmount !== undefined)
    notRepresentable(issues, [...path, 'InstdAmt'], 'instructedAmount', 'pacs.009');
  if (p.exchangeRate !== undefined)
    notRepresentable(issues, [...path, 'XchgRate'], 'exchangeRate', 'pacs.009');
  if (p.ultimateDebtor?.account !== undefined)
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...path, 'UltmtDbtr'],
      'UltmtDbtr has no account element in pacs.009',
    );
  if (p.ultimateCreditor?.account !== undefined)
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...path, 'UltmtCdtr'],
      'UltmtCdtr has no account element in pacs.009',
    );
}

/**
 * Builds a pacs.009 FinancialInstitutionCreditTransfer (the core, non-cover variant): one
 * `CdtTrfTxInf` per payment. Debtor, creditor and the ultimate parties are financial institutions here
 * (`BranchAndFinancialInstitutionIdentification6`): a party's `bic`, `lei`, `name`, `postalAddress` and
 * single `otherIds` entry go to `FinInstnId/BICFI|LEI|Nm|PstlAdr|ClrSysMmbId/MmbId`, its account to `DbtrAcct`/`CdtrAcct`. `DbtrAgt`/`CdtrAgt` are
 * written only when the agent carries something. The rest of the mapping is as in {@link buildPacs008}.
 *
 * `underlyingCustomerCreditTransfer` (a COV) goes to `UndrlygCstmrCdtTrf`, its parties as customer parties
 * (`PartyIdentification135`). A party's single other identification's scheme is written as
 * `ClrSysMmbId/ClrSysId`.
 *
 * Refused (`ISO20022_NOT_REPRESENTABLE`): `chargeBearer`, `charges`, `instructedAmount`, `exchangeRate`, structured
 * creditor references (`RemittanceInformation2` is unstructured only), more than one party other
 * identifier or its issuer, `countryOfResidence`.
 *
 * @param payments - at least one payment (for example one per net position to settle)
 * @param options - `MsgId`/`CreDtTm`, settlement method, envelope
 * @returns the XML text, deterministic
 * @throws {@link Iso20022BuildError} listing every value that cannot be represented
 * @public
 */
export function buildPacs009(
  payments: readonly CanonicalPayment[],
  options: BuildPacs009Options = {},
): string {
  const version = options.version ?? 'pacs.009.001.08';
  const issues = new Issues();
  if (!PACS009_VERSIONS.includes(version)) {
    issues.add(
      Codes.UNSUPPORTED_VERSION,
      [],
      `expected ${PACS009_VERSIONS.join(', ')}, got "${String(version)}"`,
    );
    issues.throwIfAny('buildPacs009');
  }
  const header = resolveHeader(issues, options, payments[0]);
  if (payments.length === 0)
    issues.add(Codes.MISSING_ELEMENT, ['CdtTrfTxInf'], 'expected at least one payment');
  checkDuplicates(issues, payments, (i) => ['CdtTrfTxInf', i]);
  const w = startDocument(issues, options, version, 'FICdtTrf', header);
  writeInterbankGroupHeader(
    w,
    issues,
    header,
    payments,
    options.settlementMethod ?? 'INDA',
    options.clearingSystem,
  );
  for (let i = 0; i < payments.length; i++) writeTransaction(w, issues, i, payments[i]!);
  issues.throwIfAny('buildPacs009');
  return finishDocument(w, options);
}
