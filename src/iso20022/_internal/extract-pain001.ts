/**
 * pain.001 (CustomerCreditTransferInitiation), .03 onwards: one {@link CanonicalPayment} per
 * `PmtInf/CdtTrfTxInf`. What a `PmtInf` block says (debtor, its account and agent, requested
 * execution date, charge bearer, category purpose) applies to each of its transactions unless the
 * transaction says otherwise.
 *
 * pain.001 carries no UETR before .09 (and it is optional after): the gateway assigns one from the
 * injected random source and marks it `source.uetrAssigned`, keeping every original identifier.
 * @internal
 * @packageDocumentation
 */
import { type Agent, type CanonicalPayment, createUetr, type Money } from '../../index';
import { Iso20022ErrorCodes as Codes } from '../errors';
import type { GroupHeader } from '../types';
import { checkControlSum, checkCount, DuplicateTracker } from './checks';
import {
  amount,
  at,
  code,
  codeOrProprietaryChild,
  count,
  dateChoice,
  dateTime,
  decimal,
  type ParseContext,
  type Path,
  requiredText,
  text,
  uetr,
} from './context';
import { instructions, intermediaryAgents, ultimate } from './extract-credit-transfer';
import { agent, party, partyIdentification, remittance } from './parties';
import { applyPaymentType, paymentType } from './payment-type';
import type { XmlElement } from './xml';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const CHARGE_BEARERS = ['DEBT', 'CRED', 'SHAR', 'SLEV'] as const;
const GRP = ['GrpHdr'];

/** The parts of a pain.001. @internal */
export interface Pain001Content {
  readonly groupHeader: GroupHeader;
  readonly payments: CanonicalPayment[];
}

/** Reads a pain.001 message root (`CstmrCdtTrfInitn`). @internal */
export function extractPain001(ctx: ParseContext, root: XmlElement, version: string): Pain001Content {
  const grp = ctx.doc.child(root, 'GrpHdr');
  if (grp === undefined) ctx.error(Codes.MISSING_ELEMENT, GRP, 'expected a GrpHdr');
  const header: Writable<GroupHeader> = {
    messageId: requiredText(ctx, grp, 'MsgId', GRP, 35) ?? '',
    creationDateTime: dateTime(ctx, grp, 'CreDtTm', GRP) ?? '',
  };
  if (grp !== undefined && ctx.doc.child(grp, 'CreDtTm') === undefined)
    ctx.error(Codes.MISSING_ELEMENT, at(GRP, 'CreDtTm'), 'expected a CreDtTm');
  const nb = count(ctx, grp, 'NbOfTxs', GRP);
  if (nb !== undefined) header.numberOfTransactions = nb;
  const ctrl = decimal(ctx, grp, 'CtrlSum', GRP);
  if (ctrl !== undefined) header.controlSum = ctrl;
  const initiator = ctx.doc.child(grp, 'InitgPty');
  if (initiator !== undefined)
    header.initiatingParty = partyIdentification(ctx, initiator, at(GRP, 'InitgPty'));

  const blocks = ctx.doc.childrenNamed(root, 'PmtInf');
  if (blocks.length === 0) ctx.error(Codes.MISSING_ELEMENT, ['PmtInf'], 'expected at least one PmtInf');
  const payments: CanonicalPayment[] = [];
  const allAmounts: Money[] = [];
  let allComplete = true;
  let txCount = 0;
  const duplicates = new DuplicateTracker();
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const bBase: Path = ['PmtInf', b];
    const paymentInformationId = requiredText(ctx, block, 'PmtInfId', bBase, 35);
    const blockCount = count(ctx, block, 'NbOfTxs', bBase);
    const blockControlSum = decimal(ctx, block, 'CtrlSum', bBase);
    const requestedExecutionDate = dateChoice(ctx, block, 'ReqdExctnDt', bBase);
    const blockChargeBearer = code(ctx, block, 'ChrgBr', bBase, CHARGE_BEARERS);
    const blockPaymentType = paymentType(ctx, block, bBase);
    const debtor = party(ctx, block, 'Dbtr', bBase, 'DbtrAcct') ?? {};
    if (ctx.doc.child(block, 'Dbtr') === undefined)
      ctx.error(Codes.MISSING_ELEMENT, at(bBase, 'Dbtr'), 'expected a Dbtr');
    const debtorAgent: Agent = agent(ctx, block, 'DbtrAgt', bBase) ?? {};
    const blockUltimateDebtor = ultimate(ctx, block, 'UltmtDbtr', bBase);

    const txs = ctx.doc.childrenNamed(block, 'CdtTrfTxInf');
    if (txs.length === 0)
      ctx.error(Codes.MISSING_ELEMENT, at(bBase, 'CdtTrfTxInf'), 'expected at least one CdtTrfTxInf');
    txCount += txs.length;
    const blockAmounts: Money[] = [];
    for (let i = 0; i < txs.length; i++) {
      const tx = txs[i]!;
      const base: Path = [...bBase, 'CdtTrfTxInf', i];
      const pmtId = ctx.doc.child(tx, 'PmtId');
      const idPath = at(base, 'PmtId');
      if (pmtId === undefined) ctx.error(Codes.MISSING_ELEMENT, idPath, 'expected a PmtId');
      const endToEndId = requiredText(ctx, pmtId, 'EndToEndId', idPath, 35);
      duplicates.endToEndId(ctx, endToEndId, base);
      const givenUetr = uetr(ctx, pmtId, 'UETR', idPath);
      duplicates.uetr(ctx, givenUetr, base);
      const amt = ctx.doc.child(tx, 'Amt');
      const amtPath = at(base, 'Amt');
      let instructed: Money | undefined;
      if (amt === undefined) ctx.error(Codes.MISSING_ELEMENT, amtPath, 'expected an Amt');
      else if (ctx.doc.child(amt, 'InstdAmt') !== undefined)
        instructed = amount(ctx, amt, 'InstdAmt', amtPath);
      else if (ctx.doc.child(amt, 'EqvtAmt') !== undefined)
        instructed = amount(ctx, ctx.doc.child(amt, 'EqvtAmt'), 'Amt', at(amtPath, 'EqvtAmt'));
      else ctx.error(Codes.MISSING_ELEMENT, at(amtPath, 'InstdAmt'), 'expected InstdAmt or EqvtAmt');
      if (instructed !== undefined) {
        blockAmounts.push(instructed);
        allAmounts.push(instructed);
      } else allComplete = false;

      const source: Writable<CanonicalPayment['source']> = { type: 'pain.001', version };
      let paymentUetr = givenUetr;
      const uetrElement = ctx.doc.child(pmtId, 'UETR');
      if (uetrElement === undefined || !ctx.doc.hasText(uetrElement)) {
        paymentUetr = createUetr(ctx.random);
        source.uetrAssigned = true;
      }
      const creditor = party(ctx, tx, 'Cdtr', base, 'CdtrAcct') ?? {};
      if (ctx.doc.child(tx, 'Cdtr') === undefined)
        ctx.error(Codes.MISSING_ELEMENT, at(base, 'Cdtr'), 'expected a Cdtr');
      const p: Writable<CanonicalPayment> = {
        uetr: paymentUetr ?? '',
        endToEndId: endToEndId ?? '',
        messageId: header.messageId,
        source,
        amount: instructed as Money,
        debtor,
        creditor,
        debtorAgent,
        creditorAgent: agent(ctx, tx, 'CdtrAgt', base) ?? {},
      };
      if (paymentInformationId !== undefined) p.paymentInformationId = paymentInformationId;
      const instructionId = text(ctx, pmtId, 'InstrId', idPath, 35);
      if (instructionId !== undefined) p.instructionId = instructionId;
      if (header.creationDateTime !== '') p.creationDateTime = header.creationDateTime;
      const rateInfo = ctx.doc.child(tx, 'XchgRateInf');
      const rate =
        rateInfo === undefined ? undefined : decimal(ctx, rateInfo, 'XchgRate', at(base, 'XchgRateInf'));
      if (rate !== undefined) p.exchangeRate = rate;
      // ReqdExctnDt/DtTm (pain.001.001.08+) keeps its date: the canonical field is a date.
      if (requestedExecutionDate !== undefined)
        p.requestedExecutionDate = requestedExecutionDate.slice(0, 10);
      const chargeBearer = code(ctx, tx, 'ChrgBr', base, CHARGE_BEARERS) ?? blockChargeBearer;
      if (chargeBearer !== undefined) p.chargeBearer = chargeBearer;
      const ultimateDebtor = ultimate(ctx, tx, 'UltmtDbtr', base) ?? blockUltimateDebtor;
      if (ultimateDebtor !== undefined) p.ultimateDebtor = ultimateDebtor;
      const ultimateCreditor = ultimate(ctx, tx, 'UltmtCdtr', base);
      if (ultimateCreditor !== undefined) p.ultimateCreditor = ultimateCreditor;
      const intermediaries = intermediaryAgents(ctx, tx, base);
      if (intermediaries !== undefined) p.intermediaryAgents = intermediaries;
      const forCreditorAgent = instructions(ctx, tx, 'InstrForCdtrAgt', base);
      if (forCreditorAgent !== undefined) p.instructionsForCreditorAgent = forCreditorAgent;
      const rmt = remittance(ctx, tx, base);
      if (rmt !== undefined) p.remittanceInformation = rmt;
      const purpose = codeOrProprietaryChild(ctx, tx, 'Purp', base);
      if (purpose !== undefined) p.purpose = purpose;
      applyPaymentType(p, paymentType(ctx, tx, base), blockPaymentType);
      if (instructed !== undefined && endToEndId !== undefined && paymentUetr !== undefined) payments.push(p);
    }
    checkCount(ctx, blockCount, txs.length, at(bBase, 'NbOfTxs'));
    if (blockAmounts.length === txs.length)
      checkControlSum(ctx, blockControlSum, blockAmounts, at(bBase, 'CtrlSum'));
  }
  checkCount(ctx, header.numberOfTransactions, txCount, at(GRP, 'NbOfTxs'));
  if (allComplete) checkControlSum(ctx, header.controlSum, allAmounts, at(GRP, 'CtrlSum'));
  return { groupHeader: header, payments };
}
