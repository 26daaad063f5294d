/**
 * pacs.002 (FIToFIPaymentStatusReport), .03 onwards: the status of original groups
 * (`OrgnlGrpInfAndSts`) and transactions (`TxInfAndSts`). A report records what happened, so
 * identifier and length problems in it are warnings (see `ParseContext.isReport`).
 * @internal
 * @packageDocumentation
 */
import { Iso20022ErrorCodes as Codes } from '../errors';
import type {
  GroupHeader,
  OriginalGroupStatus,
  PaymentStatusReport,
  StatusReason,
  TransactionStatus,
} from '../types';
import {
  amount,
  at,
  count,
  dateChoice,
  dateTime,
  type ParseContext,
  type Path,
  rawText,
  requiredText,
  text,
  uetr,
} from './context';
import { agent } from './parties';
import type { XmlElement } from './xml';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const GRP = ['GrpHdr'];

/** The parts of a pacs.002. @internal */
export interface Pacs002Content {
  readonly groupHeader: GroupHeader;
  readonly report: PaymentStatusReport;
}

function reasons(ctx: ParseContext, parent: XmlElement, base: Path): StatusReason[] | undefined {
  const list = ctx.doc.childrenNamed(parent, 'StsRsnInf');
  if (list.length === 0) return undefined;
  const out: StatusReason[] = [];
  for (let i = 0; i < list.length; i++) {
    const el = list[i]!;
    const path = at(base, 'StsRsnInf', i);
    const r: Writable<StatusReason> = {};
    const rsn = ctx.doc.child(el, 'Rsn');
    const cd = text(ctx, rsn, 'Cd', at(path, 'Rsn'), 4);
    if (cd !== undefined) r.code = cd;
    const prtry = text(ctx, rsn, 'Prtry', at(path, 'Rsn'), 35);
    if (prtry !== undefined) r.proprietary = prtry;
    const lines = ctx.doc
      .childrenNamed(el, 'AddtlInf')
      .map((l) => ctx.doc.text(l))
      .filter((l) => l !== '');
    if (lines.length > 0) r.additionalInformation = lines;
    out.push(r);
  }
  return out;
}

/** Reads a pacs.002 message root (`FIToFIPmtStsRpt`). @internal */
export function extractPacs002(ctx: ParseContext, root: XmlElement): Pacs002Content {
  const grp = ctx.doc.child(root, 'GrpHdr');
  if (grp === undefined) ctx.error(Codes.MISSING_ELEMENT, GRP, 'expected a GrpHdr');
  const header: Writable<GroupHeader> = {
    messageId: requiredText(ctx, grp, 'MsgId', GRP, 35) ?? '',
    creationDateTime: dateTime(ctx, grp, 'CreDtTm', GRP) ?? '',
  };
  if (grp !== undefined && ctx.doc.child(grp, 'CreDtTm') === undefined)
    ctx.error(Codes.MISSING_ELEMENT, at(GRP, 'CreDtTm'), 'expected a CreDtTm');
  const instructing = agent(ctx, grp, 'InstgAgt', GRP);
  if (instructing !== undefined) header.instructingAgent = instructing;
  const instructed = agent(ctx, grp, 'InstdAgt', GRP);
  if (instructed !== undefined) header.instructedAgent = instructed;

  const report: Writable<PaymentStatusReport> = {
    messageId: header.messageId,
    creationDateTime: header.creationDateTime,
    transactions: [],
  };
  if (instructing !== undefined) report.instructingAgent = instructing;
  if (instructed !== undefined) report.instructedAgent = instructed;

  const groups = ctx.doc.childrenNamed(root, 'OrgnlGrpInfAndSts');
  if (groups.length > 0) {
    const out: OriginalGroupStatus[] = [];
    for (let i = 0; i < groups.length; i++) {
      const el = groups[i]!;
      // pacs.002.001.03 has exactly one OrgnlGrpInfAndSts, later versions several: index them all.
      const base: Path = ['OrgnlGrpInfAndSts', i];
      const g: Writable<OriginalGroupStatus> = {
        originalMessageId: requiredText(ctx, el, 'OrgnlMsgId', base, 35) ?? '',
        originalMessageNameId: requiredText(ctx, el, 'OrgnlMsgNmId', base, 35) ?? '',
      };
      const cre = dateTime(ctx, el, 'OrgnlCreDtTm', base);
      if (cre !== undefined) g.originalCreationDateTime = cre;
      const nb = count(ctx, el, 'OrgnlNbOfTxs', base);
      if (nb !== undefined) g.originalNumberOfTransactions = nb;
      const status = rawText(ctx, el, 'GrpSts');
      if (status !== undefined) g.groupStatus = status;
      const rs = reasons(ctx, el, base);
      if (rs !== undefined) g.reasons = rs;
      out.push(g);
    }
    report.originalGroups = out;
  }

  const txs = ctx.doc.childrenNamed(root, 'TxInfAndSts');
  const transactions: TransactionStatus[] = [];
  for (let i = 0; i < txs.length; i++) {
    const el = txs[i]!;
    const base: Path = ['TxInfAndSts', i];
    const t: Writable<TransactionStatus> = {};
    const statusId = text(ctx, el, 'StsId', base, 35);
    if (statusId !== undefined) t.statusId = statusId;
    const og = ctx.doc.child(el, 'OrgnlGrpInf');
    if (og !== undefined) {
      const ogPath = at(base, 'OrgnlGrpInf');
      const id = text(ctx, og, 'OrgnlMsgId', ogPath, 35);
      if (id !== undefined) t.originalMessageId = id;
      const nameId = text(ctx, og, 'OrgnlMsgNmId', ogPath, 35);
      if (nameId !== undefined) t.originalMessageNameId = nameId;
      const cre = dateTime(ctx, og, 'OrgnlCreDtTm', ogPath);
      if (cre !== undefined) t.originalCreationDateTime = cre;
    }
    const instr = text(ctx, el, 'OrgnlInstrId', base, 35);
    if (instr !== undefined) t.originalInstructionId = instr;
    const e2e = text(ctx, el, 'OrgnlEndToEndId', base, 35);
    if (e2e !== undefined) t.originalEndToEndId = e2e;
    const txId = text(ctx, el, 'OrgnlTxId', base, 35);
    if (txId !== undefined) t.originalTransactionId = txId;
    const u = uetr(ctx, el, 'OrgnlUETR', base);
    if (u !== undefined) t.originalUetr = u;
    const status = rawText(ctx, el, 'TxSts');
    if (status !== undefined) t.status = status;
    const rs = reasons(ctx, el, base);
    if (rs !== undefined) t.reasons = rs;
    const accepted = dateTime(ctx, el, 'AccptncDtTm', base);
    if (accepted !== undefined) t.acceptanceDateTime = accepted;
    const effective = dateChoice(ctx, el, 'FctvIntrBkSttlmDt', base);
    if (effective !== undefined) t.effectiveSettlementDate = effective;
    const servicerRef = text(ctx, el, 'AcctSvcrRef', base, 35);
    if (servicerRef !== undefined) t.accountServicerReference = servicerRef;
    const clrRef = text(ctx, el, 'ClrSysRef', base, 35);
    if (clrRef !== undefined) t.clearingSystemReference = clrRef;
    const ia = agent(ctx, el, 'InstgAgt', base);
    if (ia !== undefined) t.instructingAgent = ia;
    const da = agent(ctx, el, 'InstdAgt', base);
    if (da !== undefined) t.instructedAgent = da;
    const original = amount(ctx, ctx.doc.child(el, 'OrgnlTxRef'), 'IntrBkSttlmAmt', at(base, 'OrgnlTxRef'));
    if (original !== undefined) t.originalSettlementAmount = original;
    transactions.push(t);
  }
  report.transactions = transactions;
  return { groupHeader: header, report };
}
