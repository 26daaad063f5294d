/**
 * camt.052 (BankToCustomerAccountReport), camt.053 (BankToCustomerStatement) and camt.054
 * (BankToCustomerDebitCreditNotification), .02 onwards. The three share one layout: a group header,
 * then per account a `Rpt` / `Stmt` / `Ntfctn` with balances and entries. One extraction reads all of
 * them; version differences (entry status as a code or as `Sts/Cd`, `RltdPties/Dbtr` as a party or as
 * `Pty`, `BIC` or `BICFI`) are absorbed where they occur.
 *
 * A report records what happened, so identifier and length problems in it are warnings; amounts,
 * currencies, dates and `CdtDbtInd` stay errors (a balance or entry without them means nothing).
 * @internal
 * @packageDocumentation
 */
import type { Account, Money } from '../../index';
import { Iso20022ErrorCodes as Codes } from '../errors';
import type {
  AccountReport,
  Balance,
  BankToCustomerReport,
  BankTransactionCode,
  CreditDebit,
  EntryTransaction,
  GroupHeader,
  ReportEntry,
} from '../types';
import {
  amount,
  at,
  bool,
  code,
  codeOrProprietary,
  date,
  dateChoice,
  dateTime,
  type ParseContext,
  type Path,
  rawText,
  requiredAmount,
  requiredText,
  text,
  uetr,
} from './context';
import { account, agent, party, partyIdentification, unstructuredLines } from './parties';
import type { XmlElement } from './xml';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const GRP = ['GrpHdr'];
const CREDIT_DEBIT = ['CRDT', 'DBIT'] as const;

/** The element names of the per-account block and its free-text field, by message type. */
const BLOCKS = {
  'camt.052': { block: 'Rpt', info: 'AddtlRptInf' },
  'camt.053': { block: 'Stmt', info: 'AddtlStmtInf' },
  'camt.054': { block: 'Ntfctn', info: 'AddtlNtfctnInf' },
} as const;

/** The parts of a camt.05x. @internal */
export interface CamtContent {
  readonly groupHeader: GroupHeader;
  readonly report: BankToCustomerReport;
}

function requiredCreditDebit(ctx: ParseContext, parent: XmlElement, base: Path): CreditDebit | undefined {
  if (rawText(ctx, parent, 'CdtDbtInd') === undefined) {
    ctx.error(Codes.MISSING_ELEMENT, at(base, 'CdtDbtInd'), 'expected CdtDbtInd (CRDT or DBIT)');
    return undefined;
  }
  return code(ctx, parent, 'CdtDbtInd', base, CREDIT_DEBIT);
}

function balance(ctx: ParseContext, el: XmlElement, base: Path): Balance | undefined {
  const tp = ctx.doc.child(el, 'Tp');
  const type = codeOrProprietary(ctx, ctx.doc.child(tp, 'CdOrPrtry'), at(base, 'Tp', 'CdOrPrtry'), 35);
  if (type === undefined)
    ctx.error(Codes.MISSING_ELEMENT, at(base, 'Tp', 'CdOrPrtry'), 'expected a balance type (Cd or Prtry)');
  const amt = requiredAmount(ctx, el, 'Amt', base);
  const creditDebit = requiredCreditDebit(ctx, el, base);
  const when = dateChoice(ctx, el, 'Dt', base);
  if (ctx.doc.child(el, 'Dt') === undefined)
    ctx.error(Codes.MISSING_ELEMENT, at(base, 'Dt'), 'expected a balance date (Dt/Dt or Dt/DtTm)');
  if (type === undefined || amt === undefined || creditDebit === undefined || when === undefined)
    return undefined;
  return { type, amount: amt, creditDebit, date: when };
}

function bankTransactionCode(
  ctx: ParseContext,
  el: XmlElement | undefined,
  base: Path,
): BankTransactionCode | undefined {
  if (el === undefined) return undefined;
  const path = at(base, 'BkTxCd');
  const out: Writable<BankTransactionCode> = {};
  const domn = ctx.doc.child(el, 'Domn');
  if (domn !== undefined) {
    const d = text(ctx, domn, 'Cd', at(path, 'Domn'), 4);
    if (d !== undefined) out.domain = d;
    const fmly = ctx.doc.child(domn, 'Fmly');
    const f = text(ctx, fmly, 'Cd', at(path, 'Domn', 'Fmly'), 4);
    if (f !== undefined) out.family = f;
    const s = text(ctx, fmly, 'SubFmlyCd', at(path, 'Domn', 'Fmly'), 4);
    if (s !== undefined) out.subFamily = s;
  }
  const prtry = ctx.doc.child(el, 'Prtry');
  if (prtry !== undefined) {
    const c = text(ctx, prtry, 'Cd', at(path, 'Prtry'), 35);
    if (c !== undefined) out.proprietary = c;
    const issuer = text(ctx, prtry, 'Issr', at(path, 'Prtry'), 35);
    if (issuer !== undefined) out.proprietaryIssuer = issuer;
  }
  for (const _ in out) return out;
  return undefined;
}

function entryTransaction(ctx: ParseContext, el: XmlElement, base: Path): EntryTransaction {
  const out: Writable<EntryTransaction> = {};
  const refs = ctx.doc.child(el, 'Refs');
  const refsPath = at(base, 'Refs');
  const fields = [
    ['MsgId', 'messageId'],
    ['AcctSvcrRef', 'accountServicerReference'],
    ['PmtInfId', 'paymentInformationId'],
    ['InstrId', 'instructionId'],
    ['EndToEndId', 'endToEndId'],
    ['TxId', 'transactionId'],
  ] as const;
  for (const [name, key] of fields) {
    const v = text(ctx, refs, name, refsPath, 35);
    if (v !== undefined) out[key] = v;
  }
  const u = uetr(ctx, refs, 'UETR', refsPath);
  if (u !== undefined) out.uetr = u;
  // camt.05x.001.02/.03 carry the amount in AmtDtls/TxAmt/Amt; Amt itself exists from .04.
  let amt: Money | undefined = amount(ctx, el, 'Amt', base);
  if (amt === undefined)
    amt = amount(
      ctx,
      ctx.doc.child(ctx.doc.child(el, 'AmtDtls'), 'TxAmt'),
      'Amt',
      at(base, 'AmtDtls', 'TxAmt'),
    );
  if (amt !== undefined) out.amount = amt;
  const creditDebit = code(ctx, el, 'CdtDbtInd', base, CREDIT_DEBIT);
  if (creditDebit !== undefined) out.creditDebit = creditDebit;
  const lines = unstructuredLines(ctx, el);
  if (lines !== undefined) out.remittanceInformation = lines;
  const settled = date(ctx, ctx.doc.child(el, 'RltdDts'), 'IntrBkSttlmDt', at(base, 'RltdDts'));
  if (settled !== undefined) out.settlementDate = settled;
  const info = text(ctx, el, 'AddtlTxInf', base, 500);
  if (info !== undefined) out.additionalInformation = info;
  const parties = ctx.doc.child(el, 'RltdPties');
  if (parties !== undefined) {
    const path = at(base, 'RltdPties');
    const debtor = party(ctx, parties, 'Dbtr', path, 'DbtrAcct');
    if (debtor !== undefined) out.debtor = debtor;
    const creditor = party(ctx, parties, 'Cdtr', path, 'CdtrAcct');
    if (creditor !== undefined) out.creditor = creditor;
  }
  return out;
}

function entry(ctx: ParseContext, el: XmlElement, base: Path): ReportEntry | undefined {
  const amt = requiredAmount(ctx, el, 'Amt', base);
  const creditDebit = requiredCreditDebit(ctx, el, base);
  // Up to .06 Sts is the code itself; from .07 it is a choice of Cd or Prtry.
  const sts = ctx.doc.child(el, 'Sts');
  const status =
    sts === undefined
      ? undefined
      : ctx.doc.hasChildren(sts)
        ? codeOrProprietary(ctx, sts, at(base, 'Sts'), 35)
        : ctx.doc.text(sts) || undefined;
  if (status === undefined)
    ctx.error(Codes.MISSING_ELEMENT, at(base, 'Sts'), 'expected an entry status (BOOK, PDNG, INFO …)');
  const out: Writable<ReportEntry> = {
    amount: amt as Money,
    creditDebit: creditDebit ?? 'CRDT',
    status: status ?? '',
  };
  const ref = text(ctx, el, 'NtryRef', base, 35);
  if (ref !== undefined) out.entryReference = ref;
  const reversal = bool(ctx, el, 'RvslInd', base);
  if (reversal !== undefined) out.reversal = reversal;
  const booked = dateChoice(ctx, el, 'BookgDt', base);
  if (booked !== undefined) out.bookingDate = booked;
  const value = dateChoice(ctx, el, 'ValDt', base);
  if (value !== undefined) out.valueDate = value;
  const servicerRef = text(ctx, el, 'AcctSvcrRef', base, 35);
  if (servicerRef !== undefined) out.accountServicerReference = servicerRef;
  const btc = bankTransactionCode(ctx, ctx.doc.child(el, 'BkTxCd'), base);
  if (btc !== undefined) out.bankTransactionCode = btc;
  const details = ctx.doc.childrenNamed(el, 'NtryDtls');
  const transactions: EntryTransaction[] = [];
  for (let d = 0; d < details.length; d++) {
    const txs = ctx.doc.childrenNamed(details[d]!, 'TxDtls');
    for (let t = 0; t < txs.length; t++)
      transactions.push(entryTransaction(ctx, txs[t]!, at(base, 'NtryDtls', d, 'TxDtls', t)));
  }
  if (transactions.length > 0) out.transactions = transactions;
  const info = text(ctx, el, 'AddtlNtryInf', base, 500);
  if (info !== undefined) out.additionalInformation = info;
  return amt === undefined || creditDebit === undefined || status === undefined ? undefined : out;
}

function accountReport(ctx: ParseContext, el: XmlElement, base: Path, infoName: string): AccountReport {
  const acct = ctx.doc.child(el, 'Acct');
  if (acct === undefined) ctx.error(Codes.MISSING_ELEMENT, at(base, 'Acct'), 'expected an Acct');
  const acc: Account = account(ctx, el, 'Acct', base) ?? {};
  if (acct !== undefined && acc.iban === undefined && acc.otherId === undefined) {
    ctx.error(
      Codes.MISSING_ELEMENT,
      at(base, 'Acct', 'Id'),
      'expected the account identification (Id/IBAN or Id/Othr/Id)',
    );
  }
  const out: Writable<AccountReport> = { id: requiredText(ctx, el, 'Id', base, 35) ?? '', account: acc };
  const seq = rawText(ctx, el, 'ElctrncSeqNb');
  if (seq !== undefined) out.electronicSequenceNumber = seq;
  const legal = rawText(ctx, el, 'LglSeqNb');
  if (legal !== undefined) out.legalSequenceNumber = legal;
  const cre = dateTime(ctx, el, 'CreDtTm', base);
  if (cre !== undefined) out.creationDateTime = cre;
  const period = ctx.doc.child(el, 'FrToDt');
  if (period !== undefined) {
    const from = dateTime(ctx, period, 'FrDtTm', at(base, 'FrToDt'));
    if (from !== undefined) out.fromDateTime = from;
    const to = dateTime(ctx, period, 'ToDtTm', at(base, 'FrToDt'));
    if (to !== undefined) out.toDateTime = to;
  }
  const owner = ctx.doc.child(acct, 'Ownr');
  if (owner !== undefined) out.accountOwner = partyIdentification(ctx, owner, at(base, 'Acct', 'Ownr'));
  const servicer = agent(ctx, acct, 'Svcr', at(base, 'Acct'));
  if (servicer !== undefined) out.servicer = servicer;
  const bals = ctx.doc.childrenNamed(el, 'Bal');
  if (bals.length > 0) {
    const list: Balance[] = [];
    for (let i = 0; i < bals.length; i++) {
      const b = balance(ctx, bals[i]!, at(base, 'Bal', i));
      if (b !== undefined) list.push(b);
    }
    out.balances = list;
  }
  const ntries = ctx.doc.childrenNamed(el, 'Ntry');
  if (ntries.length > 0) {
    const list: ReportEntry[] = [];
    for (let i = 0; i < ntries.length; i++) {
      const e = entry(ctx, ntries[i]!, at(base, 'Ntry', i));
      if (e !== undefined) list.push(e);
    }
    out.entries = list;
  }
  const info = text(ctx, el, infoName, base, 500);
  if (info !== undefined) out.additionalInformation = info;
  return out;
}

/** Reads a camt.052 / .053 / .054 message root. @internal */
export function extractCamt(
  ctx: ParseContext,
  root: XmlElement,
  type: 'camt.052' | 'camt.053' | 'camt.054',
): CamtContent {
  const grp = ctx.doc.child(root, 'GrpHdr');
  if (grp === undefined) ctx.error(Codes.MISSING_ELEMENT, GRP, 'expected a GrpHdr');
  const header: Writable<GroupHeader> = {
    messageId: requiredText(ctx, grp, 'MsgId', GRP, 35) ?? '',
    creationDateTime: dateTime(ctx, grp, 'CreDtTm', GRP) ?? '',
  };
  if (grp !== undefined && ctx.doc.child(grp, 'CreDtTm') === undefined)
    ctx.error(Codes.MISSING_ELEMENT, at(GRP, 'CreDtTm'), 'expected a CreDtTm');
  const recipient = ctx.doc.child(grp, 'MsgRcpt');
  if (recipient !== undefined)
    header.messageRecipient = partyIdentification(ctx, recipient, at(GRP, 'MsgRcpt'));
  const pagination = ctx.doc.child(grp, 'MsgPgntn');
  if (pagination !== undefined) {
    const path = at(GRP, 'MsgPgntn');
    header.pagination = {
      pageNumber: requiredText(ctx, pagination, 'PgNb', path, 5) ?? '',
      lastPage: bool(ctx, pagination, 'LastPgInd', path) ?? false,
    };
  }
  const info = text(ctx, grp, 'AddtlInf', GRP, 500);
  if (info !== undefined) header.additionalInformation = info;

  const { block, info: infoName } = BLOCKS[type];
  const blocks = ctx.doc.childrenNamed(root, block);
  if (blocks.length === 0) ctx.error(Codes.MISSING_ELEMENT, [block], `expected at least one ${block}`);
  const reports: AccountReport[] = [];
  for (let i = 0; i < blocks.length; i++) reports.push(accountReport(ctx, blocks[i]!, [block, i], infoName));
  return {
    groupHeader: header,
    report: { messageId: header.messageId, creationDateTime: header.creationDateTime, reports },
  };
}
