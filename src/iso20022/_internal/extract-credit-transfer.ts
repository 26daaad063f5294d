/**
 * pacs.008 (FIToFICustomerCreditTransfer) and pacs.009 (FinancialInstitutionCreditTransfer), every
 * version: one {@link CanonicalPayment} per `CdtTrfTxInf`. The two messages share their layout; they
 * differ in who the debtor and creditor are (a customer `PartyIdentification` or an institution
 * `FinInstnId`), and only pacs.008 carries `ChrgBr`, ultimate parties and remittance for a customer.
 * @internal
 * @packageDocumentation
 */
import { type Agent, type CanonicalPayment, createUetr, type Money, type Party } from '../../index';
import { Iso20022ErrorCodes as Codes } from '../errors';
import type { GroupHeader } from '../types';
import { checkControlSum, checkCount, checkTotal, DuplicateTracker } from './checks';
import {
  amount,
  at,
  bicOf,
  code,
  codeOrProprietary,
  codeOrProprietaryChild,
  count,
  date,
  dateTime,
  decimal,
  lei,
  type ParseContext,
  type Path,
  requiredAmount,
  requiredText,
  text,
  uetr,
} from './context';
import { account, agent, party, partyIdentification, postalAddress, remittance } from './parties';
import { applyPaymentType, paymentType } from './payment-type';
import type { XmlElement } from './xml';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Charge = NonNullable<CanonicalPayment['charges']>[number];
type UnderlyingCustomerCreditTransfer = NonNullable<CanonicalPayment['underlyingCustomerCreditTransfer']>;

const CHARGE_BEARERS = ['DEBT', 'CRED', 'SHAR', 'SLEV'] as const;
const SETTLEMENT_PRIORITIES = ['URGT', 'HIGH', 'NORM'] as const;
const SETTLEMENT_METHODS = ['INDA', 'INGA', 'COVE', 'CLRG'] as const;
const GRP = ['GrpHdr'];

/** The parts of a credit transfer message. @internal */
export interface CreditTransferContent {
  readonly groupHeader: GroupHeader;
  readonly payments: CanonicalPayment[];
}

/** Reads `GrpHdr` of a pacs.008 / pacs.009. @internal */
function groupHeader(ctx: ParseContext, grp: XmlElement | undefined): Writable<GroupHeader> {
  if (grp === undefined) ctx.error(Codes.MISSING_ELEMENT, GRP, 'expected a GrpHdr');
  const out: Writable<GroupHeader> = {
    messageId: requiredText(ctx, grp, 'MsgId', GRP, 35) ?? '',
    creationDateTime: dateTime(ctx, grp, 'CreDtTm', GRP) ?? '',
  };
  if (grp !== undefined && ctx.doc.child(grp, 'CreDtTm') === undefined)
    ctx.error(Codes.MISSING_ELEMENT, at(GRP, 'CreDtTm'), 'expected a CreDtTm');
  const nb = count(ctx, grp, 'NbOfTxs', GRP);
  if (nb !== undefined) out.numberOfTransactions = nb;
  const ctrl = decimal(ctx, grp, 'CtrlSum', GRP);
  if (ctrl !== undefined) out.controlSum = ctrl;
  const total = amount(ctx, grp, 'TtlIntrBkSttlmAmt', GRP);
  if (total !== undefined) out.totalInterbankSettlementAmount = total;
  const settlementDate = date(ctx, grp, 'IntrBkSttlmDt', GRP);
  if (settlementDate !== undefined) out.interbankSettlementDate = settlementDate;
  const sttlm = ctx.doc.child(grp, 'SttlmInf');
  if (sttlm !== undefined) {
    const path = at(GRP, 'SttlmInf');
    const method = code(ctx, sttlm, 'SttlmMtd', path, SETTLEMENT_METHODS);
    if (method !== undefined) out.settlementMethod = method;
    const system = codeOrProprietary(ctx, ctx.doc.child(sttlm, 'ClrSys'), at(path, 'ClrSys'), 35);
    if (system !== undefined) out.clearingSystem = system;
  }
  const instructing = agent(ctx, grp, 'InstgAgt', GRP);
  if (instructing !== undefined) out.instructingAgent = instructing;
  const instructed = agent(ctx, grp, 'InstdAgt', GRP);
  if (instructed !== undefined) out.instructedAgent = instructed;
  return out;
}

/** `Dbtr` / `Cdtr` of a pacs.009: an institution (`FinInstnId`), mapped to a {@link Party}. */
function institutionParty(
  ctx: ParseContext,
  tx: XmlElement,
  name: string,
  accountName: string,
  base: Path,
): Party {
  const out: Writable<Party> = {};
  const fin = ctx.doc.child(ctx.doc.child(tx, name), 'FinInstnId');
  if (fin !== undefined) {
    const path = at(base, name, 'FinInstnId');
    const b = bicOf(ctx, ctx.doc.child(fin, 'BICFI') ?? ctx.doc.child(fin, 'BIC'), path);
    if (b !== undefined) out.bic = b;
    const l = lei(ctx, fin, 'LEI', path);
    if (l !== undefined) out.lei = l;
    const nm = text(ctx, fin, 'Nm', path, 140);
    if (nm !== undefined) out.name = nm;
    const address = postalAddress(ctx, fin, path);
    if (address !== undefined) out.postalAddress = address;
    const clr = ctx.doc.child(fin, 'ClrSysMmbId');
    const member = text(ctx, clr, 'MmbId', at(path, 'ClrSysMmbId'), 35);
    if (member !== undefined) {
      out.otherIds = [member];
      // The clearing member id's scheme is its clearing system (USABA, CHAPS …).
      const system = codeOrProprietary(
        ctx,
        ctx.doc.child(clr, 'ClrSysId'),
        at(path, 'ClrSysMmbId', 'ClrSysId'),
        35,
      );
      out.otherIdentifications = [system === undefined ? { id: member } : { id: member, scheme: system }];
    }
  }
  const acct = account(ctx, tx, accountName, base);
  if (acct !== undefined) out.account = acct;
  return out;
}

/**
 * Reads a pacs.008 or pacs.009 message root (`FIToFICstmrCdtTrf`, `FICdtTrf`, or the version-named
 * root of .01).
 * @internal
 */
export function extractCreditTransfer(
  ctx: ParseContext,
  root: XmlElement,
  type: 'pacs.008' | 'pacs.009',
  version: string,
): CreditTransferContent {
  const doc = ctx.doc;
  const grp = doc.child(root, 'GrpHdr');
  const header = groupHeader(ctx, grp);
  const txs = doc.childrenNamed(root, 'CdtTrfTxInf');
  if (txs.length === 0)
    ctx.error(Codes.MISSING_ELEMENT, ['CdtTrfTxInf'], 'expected at least one CdtTrfTxInf');
  const payments: CanonicalPayment[] = [];
  const amounts: Money[] = [];
  const duplicates = new DuplicateTracker();
  const groupPaymentType = paymentType(ctx, grp, GRP);
  const isCustomer = type === 'pacs.008';
  for (let i = 0; i < txs.length; i++) {
    const tx = txs[i]!;
    const base: Path = ['CdtTrfTxInf', i];
    const pmtId = doc.child(tx, 'PmtId');
    const idPath = at(base, 'PmtId');
    if (pmtId === undefined) ctx.error(Codes.MISSING_ELEMENT, idPath, 'expected a PmtId');
    const endToEndId = requiredText(ctx, pmtId, 'EndToEndId', idPath, 35);
    const givenUetr = uetr(ctx, pmtId, 'UETR', idPath);
    const settlementAmount = requiredAmount(ctx, tx, 'IntrBkSttlmAmt', base);
    duplicates.endToEndId(ctx, endToEndId, base);
    duplicates.uetr(ctx, givenUetr, base);
    if (settlementAmount !== undefined) amounts.push(settlementAmount);

    const source: Writable<CanonicalPayment['source']> = { type, version };
    let paymentUetr = givenUetr;
    const uetrElement = doc.child(pmtId, 'UETR');
    if (uetrElement === undefined || !doc.hasText(uetrElement)) {
      // No UETR before pacs.008.001.07 / pacs.009.001.07 (and optional after): the flow needs one.
      paymentUetr = createUetr(ctx.random);
      source.uetrAssigned = true;
    }
    const debtor = isCustomer
      ? (party(ctx, tx, 'Dbtr', base, 'DbtrAcct') ?? {})
      : institutionParty(ctx, tx, 'Dbtr', 'DbtrAcct', base);
    const creditor = isCustomer
      ? (party(ctx, tx, 'Cdtr', base, 'CdtrAcct') ?? {})
      : institutionParty(ctx, tx, 'Cdtr', 'CdtrAcct', base);
    if (doc.child(tx, 'Dbtr') === undefined)
      ctx.error(Codes.MISSING_ELEMENT, at(base, 'Dbtr'), 'expected a Dbtr');
    if (doc.child(tx, 'Cdtr') === undefined)
      ctx.error(Codes.MISSING_ELEMENT, at(base, 'Cdtr'), 'expected a Cdtr');
    const debtorAgent: Agent = agent(ctx, tx, 'DbtrAgt', base) ?? {};
    const creditorAgent: Agent = agent(ctx, tx, 'CdtrAgt', base) ?? {};
    // Incomplete transactions are still read to the end, so every problem in them is reported; the
    // message then fails and the half-built payment is never returned.
    const complete = settlementAmount !== undefined && endToEndId !== undefined && paymentUetr !== undefined;

    const p: Writable<CanonicalPayment> = {
      uetr: paymentUetr ?? '',
      endToEndId: endToEndId ?? '',
      messageId: header.messageId,
      source,
      amount: settlementAmount as Money,
      debtor,
      creditor,
      debtorAgent,
      creditorAgent,
    };
    const instructionId = text(ctx, pmtId, 'InstrId', idPath, 35);
    if (instructionId !== undefined) p.instructionId = instructionId;
    const transactionId = text(ctx, pmtId, 'TxId', idPath, 35);
    if (transactionId !== undefined) p.transactionId = transactionId;
    if (header.creationDateTime !== '') p.creationDateTime = header.creationDateTime;
    const instructed = amount(ctx, tx, 'InstdAmt', base);
    if (instructed !== undefined) p.instructedAmount = instructed;
    const rate = decimal(ctx, tx, 'XchgRate', base);
    if (rate !== undefined) p.exchangeRate = rate;
    const settlementDate = date(ctx, tx, 'IntrBkSttlmDt', base) ?? header.interbankSettlementDate;
    if (settlementDate !== undefined) p.settlementDate = settlementDate;
    const settlementPriority = code(ctx, tx, 'SttlmPrty', base, SETTLEMENT_PRIORITIES);
    if (settlementPriority !== undefined) p.settlementPriority = settlementPriority;
    const chargeBearer = code(ctx, tx, 'ChrgBr', base, CHARGE_BEARERS);
    if (chargeBearer !== undefined) p.chargeBearer = chargeBearer;
    const charges = chargesOf(ctx, tx, base);
    if (charges !== undefined) p.charges = charges;
    if (isCustomer) {
      const ultimateDebtor = ultimate(ctx, tx, 'UltmtDbtr', base);
      if (ultimateDebtor !== undefined) p.ultimateDebtor = ultimateDebtor;
      const ultimateCreditor = ultimate(ctx, tx, 'UltmtCdtr', base);
      if (ultimateCreditor !== undefined) p.ultimateCreditor = ultimateCreditor;
    }
    const instructing = agent(ctx, tx, 'InstgAgt', base) ?? header.instructingAgent;
    if (instructing !== undefined) p.instructingAgent = instructing;
    const instructedAgent = agent(ctx, tx, 'InstdAgt', base) ?? header.instructedAgent;
    if (instructedAgent !== undefined) p.instructedAgent = instructedAgent;
    const intermediaries = intermediaryAgents(ctx, tx, base);
    if (intermediaries !== undefined) p.intermediaryAgents = intermediaries;
    const previous = previousInstructingAgents(ctx, tx, base);
    if (previous !== undefined) p.previousInstructingAgents = previous;
    const forCreditorAgent = instructions(ctx, tx, 'InstrForCdtrAgt', base);
    if (forCreditorAgent !== undefined) p.instructionsForCreditorAgent = forCreditorAgent;
    const forNextAgent = instructions(ctx, tx, 'InstrForNxtAgt', base);
    if (forNextAgent !== undefined) p.instructionsForNextAgent = forNextAgent;
    if (!isCustomer) {
      const underlying = underlyingCustomerCreditTransfer(ctx, tx, base);
      if (underlying !== undefined) p.underlyingCustomerCreditTransfer = underlying;
    }
    const rmt = remittance(ctx, tx, base);
    if (rmt !== undefined) p.remittanceInformation = rmt;
    const purpose = codeOrProprietaryChild(ctx, tx, 'Purp', base);
    if (purpose !== undefined) p.purpose = purpose;
    applyPaymentType(p, paymentType(ctx, tx, base), groupPaymentType);
    if (complete) payments.push(p);
  }
  checkCount(ctx, header.numberOfTransactions, txs.length, at(GRP, 'NbOfTxs'));
  if (amounts.length === txs.length) {
    checkControlSum(ctx, header.controlSum, amounts, at(GRP, 'CtrlSum'));
    checkTotal(ctx, header.totalInterbankSettlementAmount, amounts, at(GRP, 'TtlIntrBkSttlmAmt'));
  }
  return { groupHeader: header, payments };
}

/** `UltmtDbtr` / `UltmtCdtr`: a party without an account. @internal */
export function ultimate(ctx: ParseContext, parent: XmlElement, name: string, base: Path): Party | undefined {
  const el = ctx.doc.child(parent, name);
  if (el === undefined) return undefined;
  return partyIdentification(ctx, el, at(base, name));
}

/** Agents named `names[0]`, `names[1]` … present under `parent`, in that order; `undefined` when none. */
function agentsNamed(
  ctx: ParseContext,
  parent: XmlElement,
  names: readonly string[],
  base: Path,
): Agent[] | undefined {
  let out: Agent[] | undefined;
  for (const name of names) {
    const a = agent(ctx, parent, name, base);
    if (a === undefined) continue;
    if (out === undefined) out = [a];
    else out.push(a);
  }
  return out;
}

const INTERMEDIARY_AGENTS = ['IntrmyAgt1', 'IntrmyAgt2', 'IntrmyAgt3'];
const PREVIOUS_INSTRUCTING_AGENTS = ['PrvsInstgAgt1', 'PrvsInstgAgt2', 'PrvsInstgAgt3'];
const PREVIOUS_INSTRUCTING_AGENT = ['PrvsInstgAgt'];

/** `IntrmyAgt1` … `IntrmyAgt3`, in order; `undefined` when none. @internal */
export function intermediaryAgents(ctx: ParseContext, parent: XmlElement, base: Path): Agent[] | undefined {
  return agentsNamed(ctx, parent, INTERMEDIARY_AGENTS, base);
}

/**
 * `PrvsInstgAgt1` … `PrvsInstgAgt3` in order (from .08), or the single `PrvsInstgAgt` of earlier
 * versions; never both, so the list keeps the canonical limit of three.
 */
function previousInstructingAgents(ctx: ParseContext, parent: XmlElement, base: Path): Agent[] | undefined {
  return (
    agentsNamed(ctx, parent, PREVIOUS_INSTRUCTING_AGENTS, base) ??
    agentsNamed(ctx, parent, PREVIOUS_INSTRUCTING_AGENT, base)
  );
}

/**
 * `InstrForCdtrAgt` / `InstrForNxtAgt`: the `InstrInf` text of each (Max140Text), in order;
 * `undefined` when none has one.
 * @internal
 */
export function instructions(
  ctx: ParseContext,
  parent: XmlElement,
  name: string,
  base: Path,
): string[] | undefined {
  const list = ctx.doc.childrenNamed(parent, name);
  let out: string[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const info = text(ctx, list[i], 'InstrInf', at(base, name, i), 140);
    if (info === undefined) continue;
    if (out === undefined) out = [info];
    else out.push(info);
  }
  return out;
}

/** `ChrgsInf`, every version (`Amt`/`Agt`; `Amt`/`Pty` in .02 – .04; `ChrgsAmt`/`ChrgsPty` in .01). */
function chargesOf(ctx: ParseContext, tx: XmlElement, base: Path): Charge[] | undefined {
  const doc = ctx.doc;
  const list = doc.childrenNamed(tx, 'ChrgsInf');
  if (list.length === 0) return undefined;
  const out: Charge[] = [];
  for (let i = 0; i < list.length; i++) {
    const el = list[i]!;
    const path = at(base, 'ChrgsInf', i);
    const amountName = doc.child(el, 'ChrgsAmt') !== undefined ? 'ChrgsAmt' : 'Amt';
    const value = requiredAmount(ctx, el, amountName, path);
    const agentName =
      doc.child(el, 'Agt') !== undefined ? 'Agt' : doc.child(el, 'Pty') !== undefined ? 'Pty' : 'ChrgsPty';
    const by = agent(ctx, el, agentName, path);
    if (value === undefined) continue;
    out.push(by === undefined ? { amount: value } : { amount: value, agent: by });
  }
  return out;
}

/** `UndrlygCstmrCdtTrf` of a pacs.009 COV; `undefined` when absent. */
function underlyingCustomerCreditTransfer(
  ctx: ParseContext,
  tx: XmlElement,
  txBase: Path,
): UnderlyingCustomerCreditTransfer | undefined {
  const doc = ctx.doc;
  const el = doc.child(tx, 'UndrlygCstmrCdtTrf');
  if (el === undefined) return undefined;
  const base = at(txBase, 'UndrlygCstmrCdtTrf');
  for (const name of ['Dbtr', 'DbtrAgt', 'CdtrAgt', 'Cdtr']) {
    if (doc.child(el, name) === undefined)
      ctx.error(Codes.MISSING_ELEMENT, at(base, name), `expected a ${name}`);
  }
  const out: Writable<UnderlyingCustomerCreditTransfer> = {
    debtor: party(ctx, el, 'Dbtr', base, 'DbtrAcct') ?? {},
    creditor: party(ctx, el, 'Cdtr', base, 'CdtrAcct') ?? {},
    debtorAgent: agent(ctx, el, 'DbtrAgt', base) ?? {},
    creditorAgent: agent(ctx, el, 'CdtrAgt', base) ?? {},
  };
  const ultimateDebtor = ultimate(ctx, el, 'UltmtDbtr', base);
  if (ultimateDebtor !== undefined) out.ultimateDebtor = ultimateDebtor;
  const ultimateCreditor = ultimate(ctx, el, 'UltmtCdtr', base);
  if (ultimateCreditor !== undefined) out.ultimateCreditor = ultimateCreditor;
  const intermediaries = intermediaryAgents(ctx, el, base);
  if (intermediaries !== undefined) out.intermediaryAgents = intermediaries;
  const rmt = remittance(ctx, el, base);
  if (rmt !== undefined) out.remittanceInformation = rmt;
  const instructed = amount(ctx, el, 'InstdAmt', base);
  if (instructed !== undefined) out.instructedAmount = instructed;
  return out;
}
