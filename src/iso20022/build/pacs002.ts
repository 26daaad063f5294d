/**
 * pacs.002 builder: FIToFIPaymentStatusReport.
 * @packageDocumentation
 */
import type { XmlWriter } from '../_internal/xml-writer';
import { Iso20022BuildErrorCodes as Codes } from '../errors';
import type { PaymentStatusReport, StatusReason, TransactionStatus } from '../types';
import {
  agent,
  amount,
  checkText,
  dateOrDateTime,
  dateTime,
  Issues,
  identifier,
  optionalText,
  type Path,
  text,
} from './_shared';
import { type BuildOptions, finishDocument, resolveHeader, startDocument } from './options';

/** The pacs.002 versions {@link buildPacs002} writes. @public */
export type Pacs002Version = 'pacs.002.001.10';

/** Every version {@link buildPacs002} accepts. @public */
export const PACS002_VERSIONS: readonly Pacs002Version[] = Object.freeze(['pacs.002.001.10']);

/** Options of {@link buildPacs002}: `messageId`/`creationDateTime` override the report's own. @public */
export interface BuildPacs002Options extends BuildOptions {
  /** Message version; default (and only) `pacs.002.001.10`. */
  readonly version?: Pacs002Version;
}

function reasons(w: XmlWriter, issues: Issues, path: Path, list: readonly StatusReason[] | undefined): void {
  if (list === undefined) return;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const here = [...path, 'StsRsnInf', i];
    w.open('StsRsnInf');
    if (r.code !== undefined && r.proprietary !== undefined)
      issues.add(
        Codes.NOT_REPRESENTABLE,
        [...here, 'Rsn'],
        'a reason is either a code or proprietary (StatusReason6Choice)',
      );
    else if (r.code !== undefined) {
      w.open('Rsn');
      text(w, issues, [...here, 'Rsn'], 'Cd', r.code, 4);
      w.close();
    } else if (r.proprietary !== undefined) {
      w.open('Rsn');
      text(w, issues, [...here, 'Rsn'], 'Prtry', r.proprietary, 35);
      w.close();
    }
    const lines = r.additionalInformation ?? [];
    for (let j = 0; j < lines.length; j++) {
      if (checkText(issues, [...here, 'AddtlInf', j], lines[j]!, 105)) w.leaf('AddtlInf', lines[j]!);
    }
    w.close();
  }
}

function transaction(w: XmlWriter, issues: Issues, index: number, t: TransactionStatus): void {
  const path: Path = ['TxInfAndSts', index];
  w.open('TxInfAndSts');
  optionalText(w, issues, path, 'StsId', t.statusId, 35);
  if (t.originalMessageId !== undefined || t.originalMessageNameId !== undefined) {
    const g = [...path, 'OrgnlGrpInf'];
    w.open('OrgnlGrpInf');
    if (t.originalMessageId === undefined)
      issues.add(
        Codes.MISSING_ELEMENT,
        [...g, 'OrgnlMsgId'],
        'originalMessageNameId needs originalMessageId',
      );
    else text(w, issues, g, 'OrgnlMsgId', t.originalMessageId, 35);
    if (t.originalMessageNameId === undefined)
      issues.add(
        Codes.MISSING_ELEMENT,
        [...g, 'OrgnlMsgNmId'],
        'originalMessageId needs originalMessageNameId',
      );
    else text(w, issues, g, 'OrgnlMsgNmId', t.originalMessageNameId, 35);
    if (t.originalCreationDateTime !== undefined)
      dateTime(w, issues, g, 'OrgnlCreDtTm', t.originalCreationDateTime);
    w.close();
  } else if (t.originalCreationDateTime !== undefined) {
    issues.add(
      Codes.MISSING_ELEMENT,
      [...path, 'OrgnlGrpInf', 'OrgnlMsgId'],
      'originalCreationDateTime needs originalMessageId',
    );
  }
  optionalText(w, issues, path, 'OrgnlInstrId', t.originalInstructionId, 35);
  optionalText(w, issues, path, 'OrgnlEndToEndId', t.originalEndToEndId, 35);
  optionalText(w, issues, path, 'OrgnlTxId', t.originalTransactionId, 35);
  if (t.originalUetr !== undefined) identifier(w, issues, path, 'OrgnlUETR', t.originalUetr, 'uetr');
  optionalText(w, issues, path, 'TxSts', t.status, 4);
  reasons(w, issues, path, t.reasons);
  if (t.acceptanceDateTime !== undefined) dateTime(w, issues, path, 'AccptncDtTm', t.acceptanceDateTime);
  if (t.effectiveSettlementDate !== undefined)
    dateOrDateTime(w, issues, path, 'FctvIntrBkSttlmDt', t.effectiveSettlementDate);
  optionalText(w, issues, path, 'AcctSvcrRef', t.accountServicerReference, 35);
  optionalText(w, issues, path, 'ClrSysRef', t.clearingSystemReference, 35);
  if (t.instructingAgent !== undefined) agent(w, issues, path, 'InstgAgt', t.instructingAgent);
  if (t.instructedAgent !== undefined) agent(w, issues, path, 'InstdAgt', t.instructedAgent);
  if (t.originalSettlementAmount !== undefined) {
    w.open('OrgnlTxRef');
    amount(w, issues, [...path, 'OrgnlTxRef'], 'IntrBkSttlmAmt', t.originalSettlementAmount);
    w.close();
  }
  w.close();
}

/**
 * Builds a pacs.002 FIToFIPaymentStatusReport: `GrpHdr` (`MsgId`, `CreDtTm`, `InstgAgt`, `InstdAgt`),
 * then each `OrgnlGrpInfAndSts` (`OrgnlMsgId`, `OrgnlMsgNmId`, `OrgnlCreDtTm`, `OrgnlNbOfTxs`, `GrpSts`,
 * `StsRsnInf`), then each `TxInfAndSts` (`StsId`, `OrgnlGrpInf`, `OrgnlInstrId`, `OrgnlEndToEndId`,
 * `OrgnlTxId`, `OrgnlUETR`, `TxSts`, `StsRsnInf`, `AccptncDtTm`, `FctvIntrBkSttlmDt`, `AcctSvcrRef`,
 * `ClrSysRef`, `InstgAgt`, `InstdAgt`), in the order of the XSD.
 *
 * @param report - the report; `messageId`/`creationDateTime` may be overridden by the options
 * @param options - version, `MsgId`/`CreDtTm` override, envelope
 * @returns the XML text, deterministic
 * @throws {@link Iso20022BuildError} listing every value that cannot be represented
 * @public
 */
export function buildPacs002(report: PaymentStatusReport, options: BuildPacs002Options = {}): string {
  const version = options.version ?? 'pacs.002.001.10';
  const issues = new Issues();
  if (!PACS002_VERSIONS.includes(version)) {
    issues.add(
      Codes.UNSUPPORTED_VERSION,
      [],
      `expected ${PACS002_VERSIONS.join(', ')}, got "${String(version)}"`,
    );
    issues.throwIfAny('buildPacs002');
  }
  const header = resolveHeader(issues, options, report);
  const w = startDocument(issues, options, version, 'FIToFIPmtStsRpt', header);
  w.open('GrpHdr');
  w.leaf('MsgId', header.messageId);
  w.leaf('CreDtTm', header.creationDateTime);
  if (report.instructingAgent !== undefined)
    agent(w, issues, ['GrpHdr'], 'InstgAgt', report.instructingAgent);
  if (report.instructedAgent !== undefined) agent(w, issues, ['GrpHdr'], 'InstdAgt', report.instructedAgent);
  w.close();
  const groups = report.originalGroups ?? [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const path: Path = ['OrgnlGrpInfAndSts', i];
    w.open('OrgnlGrpInfAndSts');
    text(w, issues, path, 'OrgnlMsgId', g.originalMessageId, 35);
    text(w, issues, path, 'OrgnlMsgNmId', g.originalMessageNameId, 35);
    if (g.originalCreationDateTime !== undefined)
      dateTime(w, issues, path, 'OrgnlCreDtTm', g.originalCreationDateTime);
    if (g.originalNumberOfTransactions !== undefined) {
      if (/^[0-9]{1,15}$/.test(g.originalNumberOfTransactions))
        w.leaf('OrgnlNbOfTxs', g.originalNumberOfTransactions);
      else
        issues.add(
          Codes.INVALID_VALUE,
          [...path, 'OrgnlNbOfTxs'],
          'expected 1 to 15 digits (Max15NumericText)',
        );
    }
    optionalText(w, issues, path, 'GrpSts', g.groupStatus, 4);
    reasons(w, issues, path, g.reasons);
    w.close();
  }
  for (let i = 0; i < report.transactions.length; i++) transaction(w, issues, i, report.transactions[i]!);
  issues.throwIfAny('buildPacs002');
  return finishDocument(w, options);
}
