/**
 * pain.001 builder: CustomerCreditTransferInitiation from canonical payments.
 * @packageDocumentation
 */
import type { Agent, CanonicalPayment, Party } from '../../index';
import type { XmlWriter } from '../_internal/xml-writer';
import { Iso20022BuildErrorCodes as Codes } from '../errors';
import {
  account,
  agent,
  amount,
  checkDuplicates,
  codeOrProprietary,
  controlSum,
  date,
  Issues,
  identifier,
  isEmptyAccount,
  isEmptyAgent,
  notRepresentable,
  optionalText,
  type Path,
  party,
  remittance,
  text,
} from './_shared';
import { type BuildOptions, finishDocument, resolveHeader, startDocument } from './options';
import {
  exchangeRateText,
  writeInstructions,
  writeIntermediaries,
  writePaymentTypeInformation,
} from './pacs008';

/** The pain.001 versions {@link buildPain001} writes. @public */
export type Pain001Version = 'pain.001.001.09';

/** Every version {@link buildPain001} accepts. @public */
export const PAIN001_VERSIONS: readonly Pain001Version[] = Object.freeze(['pain.001.001.09']);

/** Options of {@link buildPain001}. @public */
export interface BuildPain001Options extends BuildOptions {
  /** Message version; default (and only) `pain.001.001.09`. */
  readonly version?: Pain001Version;
  /** `GrpHdr/InitgPty` (mandatory in the message); default: the first payment's debtor (without account). */
  readonly initiatingParty?: Party;
}

interface Group {
  readonly id: string;
  readonly first: CanonicalPayment;
  readonly firstIndex: number;
  readonly members: { readonly index: number; readonly payment: CanonicalPayment }[];
}

/** Structural equality of plain JSON-like values (strings, bigints, arrays, objects). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka)
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** What a `PmtInf` block shares: debtor (with account), debtor agent, requested execution date. */
function sameBlock(a: CanonicalPayment, b: CanonicalPayment): boolean {
  return (
    a.requestedExecutionDate === b.requestedExecutionDate &&
    same(a.debtor, b.debtor) &&
    same(a.debtorAgent, b.debtorAgent)
  );
}

/**
 * Groups payments into `PmtInf` blocks: by `paymentInformationId` when present, otherwise by equal
 * debtor, debtor agent and execution date (id derived from `MsgId`). Blocks keep the order of their
 * first payment; payments keep their order inside a block.
 */
function group(issues: Issues, payments: readonly CanonicalPayment[], messageId: string): Group[] {
  const groups: Group[] = [];
  const byId = new Map<string, Group>();
  let derived = 0;
  for (let index = 0; index < payments.length; index++) {
    const payment = payments[index]!;
    const id = payment.paymentInformationId;
    if (id !== undefined) {
      const existing = byId.get(id);
      if (existing === undefined) {
        const g: Group = { id, first: payment, firstIndex: index, members: [{ index, payment }] };
        byId.set(id, g);
        groups.push(g);
      } else if (sameBlock(existing.first, payment)) {
        existing.members.push({ index, payment });
      } else {
        issues.add(
          Codes.INCONSISTENT_INPUT,
          ['PmtInf', groups.indexOf(existing), 'CdtTrfTxInf', existing.members.length],
          `payment ${index} shares PmtInfId "${id}" with payment ${existing.firstIndex} but not its debtor, debtor agent or requested execution date`,
        );
      }
      continue;
    }
    const match = groups.find(
      (g) => g.first.paymentInformationId === undefined && sameBlock(g.first, payment),
    );
    if (match !== undefined) match.members.push({ index, payment });
    else {
      derived++;
      const suffix = `-${derived}`;
      groups.push({
        id: `${messageId.slice(0, 35 - suffix.length)}${suffix}`,
        first: payment,
        firstIndex: index,
        members: [{ index, payment }],
      });
    }
  }
  return groups;
}

function writeTransaction(w: XmlWriter, issues: Issues, path: Path, p: CanonicalPayment): void {
  w.open('CdtTrfTxInf');
  const id = [...path, 'PmtId'];
  w.open('PmtId');
  optionalText(w, issues, id, 'InstrId', p.instructionId, 35);
  text(w, issues, id, 'EndToEndId', p.endToEndId, 35);
  identifier(w, issues, id, 'UETR', p.uetr, 'uetr');
  w.close();
  writePaymentTypeInformation(w, issues, path, p);
  w.open('Amt');
  amount(w, issues, [...path, 'Amt'], 'InstdAmt', p.amount);
  w.close();
  if (p.exchangeRate !== undefined) {
    const rate = exchangeRateText(issues, [...path, 'XchgRateInf', 'XchgRate'], p.exchangeRate);
    if (rate !== undefined) w.open('XchgRateInf').leaf('XchgRate', rate).close();
  }
  if (p.chargeBearer !== undefined) w.leaf('ChrgBr', p.chargeBearer);
  if (p.ultimateDebtor !== undefined) party(w, issues, path, 'UltmtDbtr', p.ultimateDebtor);
  writeIntermediaries(w, issues, path, p);
  if (!isEmptyAgent(p.creditorAgent)) agent(w, issues, path, 'CdtrAgt', p.creditorAgent);
  party(w, issues, path, 'Cdtr', p.creditor);
  if (p.creditor.account !== undefined && !isEmptyAccount(p.creditor.account))
    account(w, issues, path, 'CdtrAcct', p.creditor.account);
  if (p.ultimateCreditor !== undefined) party(w, issues, path, 'UltmtCdtr', p.ultimateCreditor);
  writeInstructions(w, issues, path, 'InstrForCdtrAgt', p.instructionsForCreditorAgent);
  if (p.purpose !== undefined) {
    w.open('Purp');
    codeOrProprietary(w, issues, [...path, 'Purp'], p.purpose, 4);
    w.close();
  }
  if (p.remittanceInformation !== undefined) remittance(w, issues, path, p.remittanceInformation);
  w.close();
  if (p.chargeBearer !== undefined && !['DEBT', 'CRED', 'SHAR', 'SLEV'].includes(p.chargeBearer))
    issues.add(
      Codes.INVALID_VALUE,
      [...path, 'ChrgBr'],
      `expected DEBT, CRED, SHAR or SLEV, got "${p.chargeBearer}"`,
    );
  // Interbank fields have no element in a customer initiation.
  if (p.settlementDate !== undefined)
    notRepresentable(issues, path, 'settlementDate', 'pain.001 (no IntrBkSttlmDt)');
  if (p.instructedAmount !== undefined)
    notRepresentable(issues, path, 'instructedAmount', 'pain.001 (Amt/InstdAmt carries `amount`)');
  if (p.transactionId !== undefined)
    notRepresentable(issues, [...path, 'PmtId'], 'transactionId', 'pain.001 (no TxId)');
  if (p.instructingAgent !== undefined) notRepresentable(issues, path, 'instructingAgent', 'pain.001');
  if (p.instructedAgent !== undefined) notRepresentable(issues, path, 'instructedAgent', 'pain.001');
  if (p.settlementPriority !== undefined)
    notRepresentable(issues, path, 'settlementPriority', 'pain.001 (no SttlmPrty)');
  if (p.charges !== undefined && p.charges.length > 0)
    notRepresentable(issues, path, 'charges', 'pain.001 (no ChrgsInf)');
  if (p.previousInstructingAgents !== undefined && p.previousInstructingAgents.length > 0)
    notRepresentable(issues, path, 'previousInstructingAgents', 'pain.001 (no PrvsInstgAgt)');
  if (p.instructionsForNextAgent !== undefined && p.instructionsForNextAgent.length > 0)
    notRepresentable(issues, path, 'instructionsForNextAgent', 'pain.001 (no InstrForNxtAgt)');
  if (p.underlyingCustomerCreditTransfer !== undefined)
    notRepresentable(issues, path, 'underlyingCustomerCreditTransfer', 'pain.001 (no UndrlygCstmrCdtTrf)');
  if (p.ultimateDebtor?.account !== undefined)
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...path, 'UltmtDbtr'],
      'UltmtDbtr has no account element in pain.001',
    );
  if (p.ultimateCreditor?.account !== undefined)
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...path, 'UltmtCdtr'],
      'UltmtCdtr has no account element in pain.001',
    );
}

function writeBlock(w: XmlWriter, issues: Issues, blockIndex: number, g: Group): void {
  const path: Path = ['PmtInf', blockIndex];
  const p = g.first;
  w.open('PmtInf');
  text(w, issues, path, 'PmtInfId', g.id, 35);
  w.leaf('PmtMtd', 'TRF');
  w.leaf('NbOfTxs', String(g.members.length));
  const sum = controlSum(g.members.map((m) => m.payment.amount));
  if (sum !== undefined) w.leaf('CtrlSum', sum);
  w.open('ReqdExctnDt');
  if (p.requestedExecutionDate === undefined)
    issues.add(
      Codes.MISSING_ELEMENT,
      [...path, 'ReqdExctnDt'],
      'requestedExecutionDate is mandatory in pain.001 (ReqdExctnDt)',
    );
  else date(w, issues, [...path, 'ReqdExctnDt'], 'Dt', p.requestedExecutionDate);
  w.close();
  party(w, issues, path, 'Dbtr', p.debtor);
  if (p.debtor.account === undefined || isEmptyAccount(p.debtor.account))
    issues.add(
      Codes.MISSING_ELEMENT,
      [...path, 'DbtrAcct'],
      'debtor.account is mandatory in pain.001 (DbtrAcct)',
    );
  else account(w, issues, path, 'DbtrAcct', p.debtor.account);
  agent(w, issues, path, 'DbtrAgt', p.debtorAgent as Agent);
  for (let i = 0; i < g.members.length; i++) {
    writeTransaction(w, issues, [...path, 'CdtTrfTxInf', i], g.members[i]!.payment);
  }
  w.close();
}

/**
 * Builds a pain.001 CustomerCreditTransferInitiation.
 *
 * Payments are grouped into `PmtInf` blocks by `paymentInformationId` (payments sharing one must share
 * debtor, debtor account, debtor agent and execution date, else `ISO20022_INCONSISTENT_INPUT`); payments
 * without one are grouped by those fields, with `PmtInfId` = `MsgId-1`, `MsgId-2` … Blocks follow the order
 * of their first payment. Per block: `PmtInfId`, `PmtMtd` TRF, `NbOfTxs`, `CtrlSum`, `ReqdExctnDt/Dt`
 * (`requestedExecutionDate`, mandatory), `Dbtr`, `DbtrAcct` (mandatory), `DbtrAgt`. Per transaction:
 * `PmtId/InstrId|EndToEndId|UETR` (the UETR is always written, so it survives a rebuild),
 * `PmtTpInf/InstrPrty|SvcLvl|LclInstrm|CtgyPurp`, `Amt/InstdAmt` (`amount`), `XchgRateInf/XchgRate`,
 * `ChrgBr`, `UltmtDbtr`, `IntrmyAgt1..3`, `CdtrAgt`,
 * `Cdtr`, `CdtrAcct`, `UltmtCdtr`, `InstrForCdtrAgt/InstrInf`, `Purp`, `RmtInf`. `GrpHdr/InitgPty` is the
 * option or the first debtor.
 *
 * Refused (`ISO20022_NOT_REPRESENTABLE`): the interbank fields `settlementDate`, `instructedAmount`,
 * `transactionId`, `instructingAgent`, `instructedAgent`, `settlementPriority`, `charges`,
 * `previousInstructingAgents`, `instructionsForNextAgent`, `underlyingCustomerCreditTransfer`.
 *
 * @param payments - at least one payment
 * @param options - `MsgId`/`CreDtTm`, initiating party, envelope
 * @returns the XML text, deterministic
 * @throws {@link Iso20022BuildError} listing every value that cannot be represented
 * @public
 */
export function buildPain001(
  payments: readonly CanonicalPayment[],
  options: BuildPain001Options = {},
): string {
  const version = options.version ?? 'pain.001.001.09';
  const issues = new Issues();
  if (!PAIN001_VERSIONS.includes(version)) {
    issues.add(
      Codes.UNSUPPORTED_VERSION,
      [],
      `expected ${PAIN001_VERSIONS.join(', ')}, got "${String(version)}"`,
    );
    issues.throwIfAny('buildPain001');
  }
  const header = resolveHeader(issues, options, payments[0]);
  if (payments.length === 0) issues.add(Codes.MISSING_ELEMENT, ['PmtInf'], 'expected at least one payment');
  checkDuplicates(issues, payments, (i) => ['payments', i]);
  const groups = group(issues, payments, header.messageId);
  const w = startDocument(issues, options, version, 'CstmrCdtTrfInitn', header);
  w.open('GrpHdr');
  w.leaf('MsgId', header.messageId);
  w.leaf('CreDtTm', header.creationDateTime);
  w.leaf('NbOfTxs', String(payments.length));
  const sum = controlSum(payments.map((p) => p.amount));
  if (sum !== undefined) w.leaf('CtrlSum', sum);
  const initiating = options.initiatingParty ?? payments[0]!.debtor;
  party(w, issues, ['GrpHdr'], 'InitgPty', initiating);
  w.close();
  for (let i = 0; i < groups.length; i++) writeBlock(w, issues, i, groups[i]!);
  issues.throwIfAny('buildPain001');
  return finishDocument(w, options);
}
