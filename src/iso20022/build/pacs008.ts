/**
 * pacs.008 builder: FIToFICustomerCreditTransfer from canonical payments.
 * @packageDocumentation
 */
import type { CanonicalPayment } from '../../index';
import type { XmlWriter } from '../_internal/xml-writer';
import { Iso20022BuildErrorCodes as Codes } from '../errors';
import {
  account,
  agent,
  amount,
  checkDuplicates,
  checkText,
  codeOrProprietary,
  controlSum,
  date,
  Issues,
  identifier,
  isEmptyAccount,
  notRepresentable,
  optionalText,
  type Path,
  party,
  remittance,
  text,
} from './_shared';
import { type BuildOptions, finishDocument, resolveHeader, startDocument } from './options';

/** The pacs.008 versions {@link buildPacs008} writes. @public */
export type Pacs008Version =
  | 'pacs.008.001.08'
  | 'pacs.008.001.09'
  | 'pacs.008.001.10'
  | 'pacs.008.001.11'
  | 'pacs.008.001.12'
  | 'pacs.008.001.13';

/** Every version {@link buildPacs008} accepts, oldest first. @public */
export const PACS008_VERSIONS: readonly Pacs008Version[] = Object.freeze([
  'pacs.008.001.08',
  'pacs.008.001.09',
  'pacs.008.001.10',
  'pacs.008.001.11',
  'pacs.008.001.12',
  'pacs.008.001.13',
]);

/** ISO 20022 `SettlementMethod1Code`. @public */
export type SettlementMethod = 'INDA' | 'INGA' | 'COVE' | 'CLRG';

/** Options of {@link buildPacs008}. @public */
export interface BuildPacs008Options extends BuildOptions {
  /** Message version, `pacs.008.001.08` (default, the CBPR+ one) to `pacs.008.001.13`. */
  readonly version?: Pacs008Version;
  /** `GrpHdr/SttlmInf/SttlmMtd`; default `INDA` (settled on an account the instructed agent holds). */
  readonly settlementMethod?: SettlementMethod;
  /** `GrpHdr/SttlmInf/ClrSys/Cd` (up to 3 characters, for example `TGT`) or `Prtry`. */
  readonly clearingSystem?: string;
}

const SETTLEMENT_METHODS: ReadonlySet<string> = new Set(['INDA', 'INGA', 'COVE', 'CLRG']);
const CHARGE_BEARERS: ReadonlySet<string> = new Set(['DEBT', 'CRED', 'SHAR', 'SLEV']);
const INSTRUCTION_PRIORITIES: ReadonlySet<string> = new Set(['HIGH', 'NORM']);
const SETTLEMENT_PRIORITIES: ReadonlySet<string> = new Set(['URGT', 'HIGH', 'NORM']);

/** Writes `GrpHdr` of pacs.008/pacs.009 (`GroupHeader93` / `GroupHeader131`). @internal */
export function writeInterbankGroupHeader(
  w: XmlWriter,
  issues: Issues,
  header: { readonly messageId: string; readonly creationDateTime: string },
  payments: readonly CanonicalPayment[],
  settlementMethod: string,
  clearingSystem?: string,
): void {
  const path: Path = ['GrpHdr'];
  w.open('GrpHdr');
  w.leaf('MsgId', header.messageId);
  w.leaf('CreDtTm', header.creationDateTime);
  w.leaf('NbOfTxs', String(payments.length));
  const sum = controlSum(payments.map((p) => p.amount));
  if (sum !== undefined) w.leaf('CtrlSum', sum);
  w.open('SttlmInf');
  if (SETTLEMENT_METHODS.has(settlementMethod)) w.leaf('SttlmMtd', settlementMethod);
  else
    issues.add(
      Codes.INVALID_VALUE,
      [...path, 'SttlmInf', 'SttlmMtd'],
      `expected INDA, INGA, COVE or CLRG (SettlementMethod1Code), got "${settlementMethod}"`,
    );
  if (clearingSystem !== undefined) {
    w.open('ClrSys');
    codeOrProprietary(w, issues, [...path, 'SttlmInf', 'ClrSys'], clearingSystem, 3);
    w.close();
  }
  w.close();
  w.close();
}

/** Writes `PmtId` (`PaymentIdentification7` / `13`): `InstrId`, `EndToEndId`, `TxId`, `UETR`. @internal */
export function writePaymentId(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  p: CanonicalPayment,
  withTxId = true,
): void {
  const here = [...path, 'PmtId'];
  w.open('PmtId');
  optionalText(w, issues, here, 'InstrId', p.instructionId, 35);
  text(w, issues, here, 'EndToEndId', p.endToEndId, 35);
  if (withTxId) optionalText(w, issues, here, 'TxId', p.transactionId, 35);
  identifier(w, issues, here, 'UETR', p.uetr, 'uetr');
  w.close();
}

/**
 * Writes `PmtTpInf` (`PaymentTypeInformation26` / `28`, same order: `InstrPrty`, `SvcLvl`*, `LclInstrm`,
 * `CtgyPurp`) when the payment has any of `instructionPriority`, `serviceLevel`, `localInstrument`,
 * `categoryPurpose`.
 * @internal
 */
export function writePaymentTypeInformation(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  p: CanonicalPayment,
): void {
  const levels = p.serviceLevel ?? [];
  if (
    p.instructionPriority === undefined &&
    levels.length === 0 &&
    p.localInstrument === undefined &&
    p.categoryPurpose === undefined
  )
    return;
  const here = [...path, 'PmtTpInf'];
  w.open('PmtTpInf');
  if (p.instructionPriority !== undefined) {
    if (INSTRUCTION_PRIORITIES.has(p.instructionPriority)) w.leaf('InstrPrty', p.instructionPriority);
    else
      issues.add(
        Codes.INVALID_VALUE,
        [...here, 'InstrPrty'],
        `expected HIGH or NORM (Priority2Code), got "${String(p.instructionPriority)}"`,
      );
  }
  for (let i = 0; i < levels.length; i++) {
    w.open('SvcLvl');
    codeOrProprietary(w, issues, [...here, 'SvcLvl', i], levels[i]!, 4);
    w.close();
  }
  if (p.localInstrument !== undefined) {
    w.open('LclInstrm');
    codeOrProprietary(w, issues, [...here, 'LclInstrm'], p.localInstrument, 35);
    w.close();
  }
  if (p.categoryPurpose !== undefined) {
    w.open('CtgyPurp');
    codeOrProprietary(w, issues, [...here, 'CtgyPurp'], p.categoryPurpose, 4);
    w.close();
  }
  w.close();
}

/** Writes `SttlmPrty` (`Priority3Code`) when the payment has a settlement priority. @internal */
export function writeSettlementPriority(w: XmlWriter, issues: Issues, path: Path, p: CanonicalPayment): void {
  if (p.settlementPriority === undefined) return;
  if (SETTLEMENT_PRIORITIES.has(p.settlementPriority)) w.leaf('SttlmPrty', p.settlementPriority);
  else
    issues.add(
      Codes.INVALID_VALUE,
      [...path, 'SttlmPrty'],
      `expected URGT, HIGH or NORM (Priority3Code), got "${String(p.settlementPriority)}"`,
    );
}

/** Writes `PrvsInstgAgt1..3` (accounts are not part of the canonical model). @internal */
export function writePreviousInstructingAgents(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  p: CanonicalPayment,
): void {
  const list = p.previousInstructingAgents ?? [];
  if (list.length > 3)
    issues.add(
      Codes.TOO_MANY_OCCURRENCES,
      [...path, 'PrvsInstgAgt4'],
      `expected at most 3 previous instructing agents, got ${list.length}`,
    );
  for (let i = 0; i < list.length && i < 3; i++) agent(w, issues, path, `PrvsInstgAgt${i + 1}`, list[i]!);
}

/**
 * Writes one `name` element (`InstrForCdtrAgt` / `InstrForNxtAgt`) per instruction, each with its
 * `InstrInf` (Max140Text); the instruction codes are not part of the canonical model.
 * @internal
 */
export function writeInstructions(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  name: string,
  list: readonly string[] | undefined,
): void {
  if (list === undefined) return;
  for (let i = 0; i < list.length; i++) {
    if (checkText(issues, [...path, name, i, 'InstrInf'], list[i]!, 140))
      w.open(name).leaf('InstrInf', list[i]!).close();
  }
}

/** Writes `ChrgsInf` (`Charges7` / `Charges16`: `Amt`, `Agt`, both mandatory), one per charge. */
function writeCharges(w: XmlWriter, issues: Issues, path: Path, p: CanonicalPayment): void {
  const list = p.charges ?? [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const here = [...path, 'ChrgsInf', i];
    if (c.agent === undefined) {
      notRepresentable(
        issues,
        [...here, 'Agt'],
        'a charge without an agent',
        'pacs.008 (ChrgsInf/Agt is mandatory)',
      );
      continue;
    }
    w.open('ChrgsInf');
    amount(w, issues, here, 'Amt', c.amount);
    agent(w, issues, here, 'Agt', c.agent);
    w.close();
  }
}

/** Writes `XchgRate` (`BaseOneRate`: totalDigits 11, fractionDigits 10). @internal */
export function exchangeRateText(issues: Issues, path: Path, rate: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (m === null) {
    issues.add(
      Codes.INVALID_VALUE,
      path,
      `expected a positive decimal exchange rate, got ${JSON.stringify(rate)}`,
    );
    return undefined;
  }
  const integer = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = m[2] ?? '';
  const significant = (integer === '0' ? '' : integer) + fraction.replace(/0+$/, '');
  if (fraction.length > 10 || significant.replace(/^0+/, '').length > 11) {
    issues.add(
      Codes.INVALID_VALUE,
      path,
      `expected at most 11 digits with at most 10 after the point (BaseOneRate), got "${rate}"`,
    );
    return undefined;
  }
  return rate;
}

/** Writes `IntrmyAgt1..3` (accounts are not part of the canonical model). @internal */
export function writeIntermediaries(w: XmlWriter, issues: Issues, path: Path, p: CanonicalPayment): void {
  const list = p.intermediaryAgents ?? [];
  if (list.length > 3)
    issues.add(
      Codes.TOO_MANY_OCCURRENCES,
      [...path, 'IntrmyAgt4'],
      `expected at most 3 intermediary agents, got ${list.length}`,
    );
  for (let i = 0; i < list.length && i < 3; i++) agent(w, issues, path, `IntrmyAgt${i + 1}`, list[i]!);
}

function writeTransaction(
  w: XmlWriter,
  issues: Issues,
  index: number,
  p: CanonicalPayment,
  idOptional: boolean,
): void {
  const path: Path = ['CdtTrfTxInf', index];
  w.open('CdtTrfTxInf');
  writePaymentId(w, issues, path, p);
  writePaymentTypeInformation(w, issues, path, p);
  amount(w, issues, path, 'IntrBkSttlmAmt', p.amount);
  if (p.settlementDate !== undefined) date(w, issues, path, 'IntrBkSttlmDt', p.settlementDate);
  writeSettlementPriority(w, issues, path, p);
  if (p.instructedAmount !== undefined) amount(w, issues, path, 'InstdAmt', p.instructedAmount);
  if (p.exchangeRate !== undefined) {
    const rate = exchangeRateText(issues, [...path, 'XchgRate'], p.exchangeRate);
    if (rate !== undefined) w.leaf('XchgRate', rate);
  }
  if (p.chargeBearer === undefined)
    issues.add(Codes.MISSING_ELEMENT, [...path, 'ChrgBr'], 'chargeBearer is mandatory in pacs.008 (ChrgBr)');
  else if (CHARGE_BEARERS.has(p.chargeBearer)) w.leaf('ChrgBr', p.chargeBearer);
  else
    issues.add(
      Codes.INVALID_VALUE,
      [...path, 'ChrgBr'],
      `expected DEBT, CRED, SHAR or SLEV, got "${p.chargeBearer}"`,
    );
  writeCharges(w, issues, path, p);
  writePreviousInstructingAgents(w, issues, path, p);
  if (p.instructingAgent !== undefined) agent(w, issues, path, 'InstgAgt', p.instructingAgent);
  if (p.instructedAgent !== undefined) agent(w, issues, path, 'InstdAgt', p.instructedAgent);
  writeIntermediaries(w, issues, path, p);
  if (p.ultimateDebtor !== undefined) party(w, issues, path, 'UltmtDbtr', p.ultimateDebtor);
  party(w, issues, path, 'Dbtr', p.debtor);
  if (p.debtor.account !== undefined && !isEmptyAccount(p.debtor.account))
    account(w, issues, path, 'DbtrAcct', p.debtor.account, idOptional);
  agent(w, issues, path, 'DbtrAgt', p.debtorAgent);
  agent(w, issues, path, 'CdtrAgt', p.creditorAgent);
  party(w, issues, path, 'Cdtr', p.creditor);
  if (p.creditor.account !== undefined && !isEmptyAccount(p.creditor.account))
    account(w, issues, path, 'CdtrAcct', p.creditor.account, idOptional);
  if (p.ultimateCreditor !== undefined) party(w, issues, path, 'UltmtCdtr', p.ultimateCreditor);
  writeInstructions(w, issues, path, 'InstrForCdtrAgt', p.instructionsForCreditorAgent);
  writeInstructions(w, issues, path, 'InstrForNxtAgt', p.instructionsForNextAgent);
  if (p.purpose !== undefined) {
    w.open('Purp');
    codeOrProprietary(w, issues, [...path, 'Purp'], p.purpose, 4);
    w.close();
  }
  if (p.remittanceInformation !== undefined) remittance(w, issues, path, p.remittanceInformation);
  w.close();
  if (p.underlyingCustomerCreditTransfer !== undefined)
    notRepresentable(
      issues,
      [...path, 'UndrlygCstmrCdtTrf'],
      'underlyingCustomerCreditTransfer',
      'pacs.008 (it belongs to a pacs.009 COV)',
    );
  // An ultimate party's account has no element in pacs.008.
  if (p.ultimateDebtor?.account !== undefined)
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...path, 'UltmtDbtr'],
      'UltmtDbtr has no account element in pacs.008',
    );
  if (p.ultimateCreditor?.account !== undefined)
    issues.add(
      Codes.NOT_REPRESENTABLE,
      [...path, 'UltmtCdtr'],
      'UltmtCdtr has no account element in pacs.008',
    );
}

/**
 * Builds a pacs.008 FIToFICustomerCreditTransfer: one `CdtTrfTxInf` per payment, in input order.
 *
 * Mapping (canonical field → element, all under `CdtTrfTxInf`): `instructionId`/`endToEndId`/
 * `transactionId`/`uetr` → `PmtId/InstrId|EndToEndId|TxId|UETR`; `instructionPriority`/`serviceLevel`/
 * `localInstrument`/`categoryPurpose` → `PmtTpInf/InstrPrty|SvcLvl|LclInstrm|CtgyPurp`;
 * `amount` → `IntrBkSttlmAmt`; `settlementDate` → `IntrBkSttlmDt`; `settlementPriority` → `SttlmPrty`;
 * `instructedAmount` → `InstdAmt`; `exchangeRate` → `XchgRate`; `chargeBearer` → `ChrgBr` (mandatory);
 * `charges` → `ChrgsInf/Amt|Agt` (a charge needs its agent); `previousInstructingAgents` →
 * `PrvsInstgAgt1..3`; `instructingAgent`/
 * `instructedAgent` → `InstgAgt`/`InstdAgt`; `intermediaryAgents` → `IntrmyAgt1..3`; parties →
 * `UltmtDbtr`, `Dbtr`+`DbtrAcct`, `DbtrAgt`, `CdtrAgt`, `Cdtr`+`CdtrAcct`, `UltmtCdtr`;
 * `instructionsForCreditorAgent`/`instructionsForNextAgent` → `InstrForCdtrAgt|InstrForNxtAgt/InstrInf`;
 * `purpose` → `Purp`;
 * `remittanceInformation` → `RmtInf`. `GrpHdr` carries `MsgId`, `CreDtTm`, `NbOfTxs`, `CtrlSum` and
 * `SttlmInf/SttlmMtd`. Initiation-only fields (`paymentInformationId`, `requestedExecutionDate`) and the
 * payment's own `messageId`/`creationDateTime`/`source` describe where it came from and are not written.
 *
 * @param payments - at least one payment
 * @param options - version, `MsgId`/`CreDtTm`, settlement method, envelope
 * @returns the XML text; the same input always gives the same bytes
 * @throws {@link Iso20022BuildError} listing every value that cannot be represented (codes
 *   `ISO20022_MISSING_ELEMENT`, `ISO20022_TEXT_TOO_LONG`, `ISO20022_INVALID_BIC`, …, each with its path)
 * @example
 * ```ts
 * const xml = buildPacs008([payment], { messageId: 'MSG-1', creationDateTime: '2026-01-05T10:00:00Z' });
 * ```
 * @public
 */
export function buildPacs008(
  payments: readonly CanonicalPayment[],
  options: BuildPacs008Options = {},
): string {
  const version = options.version ?? 'pacs.008.001.08';
  const issues = new Issues();
  if (!PACS008_VERSIONS.includes(version)) {
    issues.add(
      Codes.UNSUPPORTED_VERSION,
      [],
      `expected one of ${PACS008_VERSIONS.join(', ')}, got "${String(version)}"`,
    );
    issues.throwIfAny('buildPacs008');
  }
  const header = resolveHeader(issues, options, payments[0]);
  if (payments.length === 0)
    issues.add(Codes.MISSING_ELEMENT, ['CdtTrfTxInf'], 'expected at least one payment');
  checkDuplicates(issues, payments, (i) => ['CdtTrfTxInf', i]);
  const w = startDocument(issues, options, version, 'FIToFICstmrCdtTrf', header);
  writeInterbankGroupHeader(
    w,
    issues,
    header,
    payments,
    options.settlementMethod ?? 'INDA',
    options.clearingSystem,
  );
  // CashAccount40 (pacs.008.001.10 onwards) makes `Id` optional; CashAccount38 requires it.
  const idOptional = version !== 'pacs.008.001.08' && version !== 'pacs.008.001.09';
  for (let i = 0; i < payments.length; i++) writeTransaction(w, issues, i, payments[i]!, idOptional);
  issues.throwIfAny('buildPacs008');
  return finishDocument(w, options);
}
