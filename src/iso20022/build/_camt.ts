/**
 * What camt.053 and camt.054 share (version .08): `GroupHeader81`, `CashAccount39`, `CashBalance8`,
 * `ReportEntry10` and `EntryTransaction10`.
 * @packageDocumentation
 * @internal
 */
import type { XmlWriter } from '../_internal/xml-writer';
import { Iso20022BuildErrorCodes as Codes } from '../errors';
import type {
  AccountReport,
  Balance,
  BankToCustomerReport,
  CreditDebit,
  EntryTransaction,
  ReportEntry,
} from '../types';
import {
  account,
  accountContent,
  agent,
  amount,
  checkText,
  codeOrProprietary,
  date,
  dateOrDateTime,
  dateTime,
  Issues,
  identifier,
  isEmptyAccount,
  optionalText,
  type Path,
  party,
} from './_shared';
import {
  type BuildOptions,
  type CamtGroupHeaderOptions,
  finishDocument,
  resolveHeader,
  startDocument,
} from './options';

/** What differs between the camt.053 and camt.054 builders. @internal */
export interface BankToCustomerSpec<V extends string> {
  /** The public builder's name, for its errors. */
  readonly fn: string;
  /** The versions it writes; the first is the default. */
  readonly versions: readonly V[];
  /** The document's root element (`BkToCstmrStmt` / `BkToCstmrDbtCdtNtfctn`). */
  readonly root: string;
  /** One report's element. */
  readonly element: 'Stmt' | 'Ntfctn';
  /** One report, in an error message. */
  readonly what: string;
}

/**
 * A camt.053 or camt.054 document: the version checked, `GrpHdr`, then one report element per report;
 * every value that cannot be represented is listed in one {@link Iso20022BuildError}.
 * @internal
 */
export function buildBankToCustomer<V extends string>(
  report: BankToCustomerReport,
  options: BuildOptions & CamtGroupHeaderOptions & { readonly version?: V },
  spec: BankToCustomerSpec<V>,
): string {
  const version = options.version ?? spec.versions[0]!;
  const issues = new Issues(true);
  if (!spec.versions.includes(version)) {
    issues.add(
      Codes.UNSUPPORTED_VERSION,
      [],
      `expected ${spec.versions.join(', ')}, got "${String(version)}"`,
    );
    issues.throwIfAny(spec.fn);
  }
  const header = resolveHeader(issues, options, report);
  if (report.reports.length === 0)
    issues.add(Codes.MISSING_ELEMENT, [spec.element], `expected at least one ${spec.what}`);
  const w = startDocument(issues, options, version, spec.root, header);
  writeCamtGroupHeader(w, issues, header, options);
  for (let i = 0; i < report.reports.length; i++)
    writeAccountReport(w, issues, [spec.element, i], spec.element, report.reports[i]!);
  issues.throwIfAny(spec.fn);
  return finishDocument(w, options);
}

function creditDebit(w: XmlWriter, issues: Issues, path: Path, value: CreditDebit): void {
  if (value === 'CRDT' || value === 'DBIT') w.leaf('CdtDbtInd', value);
  else
    issues.add(
      Codes.INVALID_VALUE,
      [...path, 'CdtDbtInd'],
      `expected CRDT or DBIT, got ${JSON.stringify(value)}`,
    );
}

function balance(w: XmlWriter, issues: Issues, path: Path, b: Balance): void {
  w.open('Bal');
  w.open('Tp').open('CdOrPrtry');
  codeOrProprietary(w, issues, [...path, 'Tp', 'CdOrPrtry'], b.type, 4);
  w.close().close();
  amount(w, issues, path, 'Amt', b.amount);
  creditDebit(w, issues, path, b.creditDebit);
  dateOrDateTime(w, issues, path, 'Dt', b.date);
  w.close();
}

function entryTransaction(w: XmlWriter, issues: Issues, path: Path, t: EntryTransaction): void {
  w.open('TxDtls');
  const hasRefs =
    t.messageId !== undefined ||
    t.accountServicerReference !== undefined ||
    t.paymentInformationId !== undefined ||
    t.instructionId !== undefined ||
    t.endToEndId !== undefined ||
    t.uetr !== undefined ||
    t.transactionId !== undefined;
  if (hasRefs) {
    const r = [...path, 'Refs'];
    w.open('Refs');
    optionalText(w, issues, r, 'MsgId', t.messageId, 35);
    optionalText(w, issues, r, 'AcctSvcrRef', t.accountServicerReference, 35);
    optionalText(w, issues, r, 'PmtInfId', t.paymentInformationId, 35);
    optionalText(w, issues, r, 'InstrId', t.instructionId, 35);
    optionalText(w, issues, r, 'EndToEndId', t.endToEndId, 35);
    if (t.uetr !== undefined) identifier(w, issues, r, 'UETR', t.uetr, 'uetr');
    optionalText(w, issues, r, 'TxId', t.transactionId, 35);
    w.close();
  }
  if (t.amount !== undefined) amount(w, issues, path, 'Amt', t.amount);
  if (t.creditDebit !== undefined) creditDebit(w, issues, path, t.creditDebit);
  if (t.debtor !== undefined || t.creditor !== undefined) {
    // TransactionParties6: Dbtr/Pty, DbtrAcct, Cdtr/Pty, CdtrAcct (each party a Party40Choice).
    const rp = [...path, 'RltdPties'];
    w.open('RltdPties');
    for (const [name, who] of [
      ['Dbtr', t.debtor],
      ['Cdtr', t.creditor],
    ] as const) {
      if (who === undefined) continue;
      w.open(name);
      party(w, issues, [...rp, name], 'Pty', who);
      w.close();
      if (who.account !== undefined && !isEmptyAccount(who.account))
        account(w, issues, rp, `${name}Acct`, who.account);
    }
    w.close();
  }
  const lines = t.remittanceInformation ?? [];
  if (lines.length > 0) {
    w.open('RmtInf');
    for (let i = 0; i < lines.length; i++) {
      if (checkText(issues, [...path, 'RmtInf', 'Ustrd', i], lines[i]!, 140)) w.leaf('Ustrd', lines[i]!);
    }
    w.close();
  }
  if (t.settlementDate !== undefined) {
    w.open('RltdDts');
    date(w, issues, [...path, 'RltdDts'], 'IntrBkSttlmDt', t.settlementDate);
    w.close();
  }
  optionalText(w, issues, path, 'AddtlTxInf', t.additionalInformation, 500);
  w.close();
}

function entry(w: XmlWriter, issues: Issues, path: Path, e: ReportEntry): void {
  w.open('Ntry');
  optionalText(w, issues, path, 'NtryRef', e.entryReference, 35);
  amount(w, issues, path, 'Amt', e.amount);
  creditDebit(w, issues, path, e.creditDebit);
  if (e.reversal !== undefined) w.leaf('RvslInd', e.reversal ? 'true' : 'false');
  w.open('Sts');
  if (typeof e.status !== 'string')
    issues.add(Codes.MISSING_ELEMENT, [...path, 'Sts'], 'status is mandatory in an entry (Sts)');
  else codeOrProprietary(w, issues, [...path, 'Sts'], e.status, 4);
  w.close();
  if (e.bookingDate !== undefined) dateOrDateTime(w, issues, path, 'BookgDt', e.bookingDate);
  if (e.valueDate !== undefined) dateOrDateTime(w, issues, path, 'ValDt', e.valueDate);
  optionalText(w, issues, path, 'AcctSvcrRef', e.accountServicerReference, 35);
  const code = e.bankTransactionCode;
  const c = [...path, 'BkTxCd'];
  if (code === undefined || Object.values(code).every((v) => v === undefined)) w.empty('BkTxCd');
  else {
    w.open('BkTxCd');
    const anyDomain = code.domain !== undefined || code.family !== undefined || code.subFamily !== undefined;
    if (anyDomain) {
      if (code.domain === undefined || code.family === undefined || code.subFamily === undefined) {
        issues.add(
          Codes.MISSING_ELEMENT,
          [...c, 'Domn'],
          'a domain bank transaction code needs domain, family and subFamily (Domn/Cd, Fmly/Cd, Fmly/SubFmlyCd)',
        );
      } else {
        w.open('Domn');
        optionalText(w, issues, [...c, 'Domn'], 'Cd', code.domain, 4);
        w.open('Fmly');
        optionalText(w, issues, [...c, 'Domn', 'Fmly'], 'Cd', code.family, 4);
        optionalText(w, issues, [...c, 'Domn', 'Fmly'], 'SubFmlyCd', code.subFamily, 4);
        w.close().close();
      }
    }
    if (code.proprietary !== undefined) {
      w.open('Prtry');
      optionalText(w, issues, [...c, 'Prtry'], 'Cd', code.proprietary, 35);
      optionalText(w, issues, [...c, 'Prtry'], 'Issr', code.proprietaryIssuer, 35);
      w.close();
    } else if (code.proprietaryIssuer !== undefined) {
      issues.add(
        Codes.MISSING_ELEMENT,
        [...c, 'Prtry', 'Cd'],
        'proprietaryIssuer needs proprietary (Prtry/Cd)',
      );
    }
    w.close();
  }
  const txs = e.transactions ?? [];
  if (txs.length > 0) {
    w.open('NtryDtls');
    for (let i = 0; i < txs.length; i++)
      entryTransaction(w, issues, [...path, 'NtryDtls', 'TxDtls', i], txs[i]!);
    w.close();
  }
  optionalText(w, issues, path, 'AddtlNtryInf', e.additionalInformation, 500);
  w.close();
}

/**
 * Writes one `Stmt` (`AccountStatement9`) or `Ntfctn` (`AccountNotification17`): `Id`, `CreDtTm`,
 * `Acct` (with `Svcr`), `Bal` (statements only), `Ntry`, `AddtlStmtInf` / `AddtlNtfctnInf`.
 * @internal
 */
export function writeAccountReport(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  element: 'Stmt' | 'Ntfctn',
  r: AccountReport,
): void {
  w.open(element);
  optionalText(w, issues, path, 'Id', r.id, 35);
  if (r.id === undefined) issues.add(Codes.MISSING_ELEMENT, [...path, 'Id'], 'id is mandatory (Id)');
  sequenceNumber(w, issues, path, 'ElctrncSeqNb', r.electronicSequenceNumber);
  sequenceNumber(w, issues, path, 'LglSeqNb', r.legalSequenceNumber);
  if (r.creationDateTime !== undefined) dateTime(w, issues, path, 'CreDtTm', r.creationDateTime);
  if (r.fromDateTime !== undefined || r.toDateTime !== undefined) {
    const p = [...path, 'FrToDt'];
    w.open('FrToDt');
    if (r.fromDateTime === undefined || r.toDateTime === undefined)
      issues.add(
        Codes.MISSING_ELEMENT,
        p,
        'a period needs both fromDateTime and toDateTime (FrDtTm, ToDtTm)',
      );
    else {
      dateTime(w, issues, p, 'FrDtTm', r.fromDateTime);
      dateTime(w, issues, p, 'ToDtTm', r.toDateTime);
    }
    w.close();
  }
  writeCashAccount39(w, issues, path, r);
  const balances = r.balances ?? [];
  if (element === 'Stmt') {
    if (balances.length === 0)
      issues.add(
        Codes.MISSING_ELEMENT,
        [...path, 'Bal'],
        'a statement needs at least one balance (Bal 1..n)',
      );
    for (let i = 0; i < balances.length; i++) balance(w, issues, [...path, 'Bal', i], balances[i]!);
  } else if (balances.length > 0) {
    issues.add(Codes.NOT_REPRESENTABLE, [...path, 'Bal'], 'a camt.054 notification has no balances');
  }
  const entries = r.entries ?? [];
  for (let i = 0; i < entries.length; i++) entry(w, issues, [...path, 'Ntry', i], entries[i]!);
  optionalText(
    w,
    issues,
    path,
    element === 'Stmt' ? 'AddtlStmtInf' : 'AddtlNtfctnInf',
    r.additionalInformation,
    500,
  );
  w.close();
}

/** `ElctrncSeqNb` / `LglSeqNb` (`Number`: decimal, fractionDigits 0, totalDigits 18), as written. */
function sequenceNumber(
  w: XmlWriter,
  issues: Issues,
  path: Path,
  name: string,
  value: string | undefined,
): void {
  if (value === undefined) return;
  // "1000.00" is a valid `Number`: fractionDigits constrains the value, and its value is an integer.
  const m = /^(\d+)(?:\.0*)?$/.exec(value);
  if (m !== null && m[1]!.replace(/^0+(?=\d)/, '').length <= 18) w.leaf(name, value);
  else
    issues.add(
      Codes.INVALID_VALUE,
      [...path, name],
      `expected an integer of at most 18 digits, got ${JSON.stringify(value)}`,
    );
}

/** `Acct` (`CashAccount39`): the `CashAccount38` part, then `Svcr`. */
function writeCashAccount39(w: XmlWriter, issues: Issues, path: Path, r: AccountReport): void {
  const here = [...path, 'Acct'];
  w.open('Acct');
  accountContent(w, issues, here, r.account ?? {});
  if (r.accountOwner !== undefined) party(w, issues, here, 'Ownr', r.accountOwner);
  if (r.servicer !== undefined) agent(w, issues, here, 'Svcr', r.servicer);
  w.close();
}

/**
 * Writes `GrpHdr` (`GroupHeader81`): `MsgId`, `CreDtTm`, `MsgRcpt`, `MsgPgntn`, `AddtlInf`.
 * @internal
 */
export function writeCamtGroupHeader(
  w: XmlWriter,
  issues: Issues,
  header: { readonly messageId: string; readonly creationDateTime: string },
  options: CamtGroupHeaderOptions,
): void {
  const path: Path = ['GrpHdr'];
  w.open('GrpHdr');
  w.leaf('MsgId', header.messageId);
  w.leaf('CreDtTm', header.creationDateTime);
  if (options.messageRecipient !== undefined) party(w, issues, path, 'MsgRcpt', options.messageRecipient);
  if (options.pagination !== undefined) {
    const { pageNumber, lastPage } = options.pagination;
    w.open('MsgPgntn');
    if (/^[0-9]{1,5}$/.test(pageNumber)) w.leaf('PgNb', pageNumber);
    else
      issues.add(
        Codes.INVALID_VALUE,
        [...path, 'MsgPgntn', 'PgNb'],
        'expected 1 to 5 digits (Max5NumericText)',
      );
    w.leaf('LastPgInd', lastPage ? 'true' : 'false');
    w.close();
  }
  optionalText(w, issues, path, 'AddtlInf', options.additionalInformation, 500);
  w.close();
}
