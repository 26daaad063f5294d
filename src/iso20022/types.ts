/**
 * Public types of the ISO 20022 gateway: what {@link parseMessage} returns.
 *
 * Field names are readable camelCase; each field's TSDoc names the ISO 20022 element it carries,
 * relative to the message root (`FIToFICstmrCdtTrf`, `BkToCstmrStmt` …). Dates and date-times are the
 * strings the message carried, never `Date` objects. Amounts are {@link Money} (`bigint` minor units);
 * their JSON form ({@link ParsedMessageJson}) uses decimal strings.
 *
 * The report shapes (pacs.002, camt.05x) use the same field names as the builders' inputs, so a parsed
 * report can be handed to its builder as it is.
 * @packageDocumentation
 */
import type { Account, Agent, CanonicalPayment, Issue, Money, Party, RandomSource } from '../index';

/** The message types the gateway reads (ISO 20022 message identifier without the variant and version). @public */
export type MessageType =
  | 'pain.001'
  | 'pacs.008'
  | 'pacs.009'
  | 'pacs.002'
  | 'camt.052'
  | 'camt.053'
  | 'camt.054';

/**
 * Options of {@link parseMessage} and every `parseX` / `safeParseX`.
 * @public
 */
export interface ParseOptions {
  /**
   * Source of randomness for the UETRs the gateway assigns to payments that carry none (every
   * pain.001, pacs.008 before version .07). Default: `cryptoRandom`. Pass `createSeededRandom(seed)`
   * for reproducible results.
   */
  readonly random?: RandomSource;
  /**
   * Largest input accepted, in bytes of UTF-8 (for a string, its UTF-8 length). Checked before
   * anything is decoded or parsed.
   * @defaultValue 33554432 (32 MiB)
   */
  readonly maxBytes?: number;
  /**
   * Deepest element nesting accepted, the outermost element (envelope or `Document`) being depth 1.
   * ISO 20022 messages nest about 15 deep.
   * @defaultValue 64
   */
  readonly maxDepth?: number;
}

/** One party or institution named in a head.001 `AppHdr` `Fr` / `To`. @public */
export interface AppHeaderParty {
  /** `FIId/FinInstnId`: the sending or receiving institution (its BIC, clearing member id, LEI, name). */
  readonly institution?: Agent;
  /** `OrgId`: an organisation (its name, `Id/OrgId/AnyBIC`, `LEI`, other ids). */
  readonly organisation?: Party;
}

/**
 * The Business Application Header (head.001.001.01 – .04, `AppHdr`) when the message carries one.
 * The gateway never routes on it: type and version come from the `Document` namespace, and a header
 * that disagrees produces an `ISO20022_HEADER_MISMATCH` warning.
 * @public
 */
export interface AppHeader {
  /** Header version from its namespace, for example `head.001.001.02`. */
  readonly version: string;
  /** `Fr`. */
  readonly from?: AppHeaderParty;
  /** `To`. */
  readonly to?: AppHeaderParty;
  /** `BizMsgIdr` (Max35Text). */
  readonly businessMessageId?: string;
  /** `MsgDefIdr`, for example `pacs.008.001.08` (as written: it may disagree with the Document). */
  readonly messageDefinitionId?: string;
  /** `BizSvc`, for example `swift.cbprplus.02`. */
  readonly businessService?: string;
  /** `CreDt` (ISODateTime, as written). */
  readonly creationDate?: string;
  /** `CpyDplct`: `CODU`, `COPY` or `DUPL`. */
  readonly copyDuplicate?: string;
  /** `PssblDplct`. */
  readonly possibleDuplicate?: boolean;
  /** `Prty`. */
  readonly priority?: string;
}

/** `MsgPgntn` / `StmtPgntn`: page number and last-page flag. @public */
export interface Pagination {
  /** `PgNb` (Max5NumericText). */
  readonly pageNumber: string;
  /** `LastPgInd`. */
  readonly lastPage: boolean;
}

/**
 * The group header (`GrpHdr`) of any message, with what each type carries. Absent elements are
 * omitted.
 * @public
 */
export interface GroupHeader {
  /** `GrpHdr/MsgId` (Max35Text). */
  readonly messageId: string;
  /** `GrpHdr/CreDtTm` as written. */
  readonly creationDateTime: string;
  /** `GrpHdr/NbOfTxs` (Max15NumericText), as written. Checked against the content. */
  readonly numberOfTransactions?: string;
  /** `GrpHdr/CtrlSum` (DecimalNumber), as written. Checked against the content. */
  readonly controlSum?: string;
  /** `GrpHdr/TtlIntrBkSttlmAmt` (pacs.008, pacs.009). Checked against the content. */
  readonly totalInterbankSettlementAmount?: Money;
  /** `GrpHdr/IntrBkSttlmDt` (pacs.008, pacs.009): the default for transactions without their own. */
  readonly interbankSettlementDate?: string;
  /** `GrpHdr/SttlmInf/SttlmMtd`: `INDA`, `INGA`, `COVE` or `CLRG`. */
  readonly settlementMethod?: string;
  /** `GrpHdr/SttlmInf/ClrSys/Cd` (or `Prtry`), for example `FDW`, `TGT`. */
  readonly clearingSystem?: string;
  /** `GrpHdr/InstgAgt` (pacs.008/.009 before .08, and pacs.002). */
  readonly instructingAgent?: Agent;
  /** `GrpHdr/InstdAgt`. */
  readonly instructedAgent?: Agent;
  /** `GrpHdr/InitgPty` (pain.001). */
  readonly initiatingParty?: Party;
  /** `GrpHdr/MsgRcpt` (camt.05x). */
  readonly messageRecipient?: Party;
  /** `GrpHdr/MsgPgntn` (camt.05x). */
  readonly pagination?: Pagination;
  /** `GrpHdr/AddtlInf` (camt.05x, Max500Text). */
  readonly additionalInformation?: string;
}

/** ISO 20022 `CreditDebitCode`. @public */
export type CreditDebit = 'CRDT' | 'DBIT';

/** `StsRsnInf`: why a transaction or group has its status. @public */
export interface StatusReason {
  /** `Rsn/Cd`: an ExternalStatusReason1Code such as `AC01`. */
  readonly code?: string;
  /** `Rsn/Prtry` (Max35Text), when the reason is not a code. */
  readonly proprietary?: string;
  /** `AddtlInf` lines (Max105Text each). */
  readonly additionalInformation?: readonly string[];
}

/** `TxInfAndSts`: the status of one original transaction (pacs.002). @public */
export interface TransactionStatus {
  /** `StsId` (Max35Text). */
  readonly statusId?: string;
  /** `OrgnlGrpInf/OrgnlMsgId`. */
  readonly originalMessageId?: string;
  /** `OrgnlGrpInf/OrgnlMsgNmId`, for example `pacs.008.001.08`. */
  readonly originalMessageNameId?: string;
  /** `OrgnlGrpInf/OrgnlCreDtTm`. */
  readonly originalCreationDateTime?: string;
  /** `OrgnlInstrId`. */
  readonly originalInstructionId?: string;
  /** `OrgnlEndToEndId`. */
  readonly originalEndToEndId?: string;
  /** `OrgnlTxId`. */
  readonly originalTransactionId?: string;
  /** `OrgnlUETR` (lower-case UUID v4). */
  readonly originalUetr?: string;
  /** `TxSts`: ExternalPaymentTransactionStatus1Code such as `ACSC`, `ACCP`, `RJCT`, `PDNG`. */
  readonly status?: string;
  /** `StsRsnInf`, in order. */
  readonly reasons?: readonly StatusReason[];
  /** `AccptncDtTm`. */
  readonly acceptanceDateTime?: string;
  /** `FctvIntrBkSttlmDt/Dt` (or `/DtTm`). */
  readonly effectiveSettlementDate?: string;
  /** `AcctSvcrRef`. */
  readonly accountServicerReference?: string;
  /** `ClrSysRef`. */
  readonly clearingSystemReference?: string;
  /** `InstgAgt`. */
  readonly instructingAgent?: Agent;
  /** `InstdAgt`. */
  readonly instructedAgent?: Agent;
  /** `OrgnlTxRef/IntrBkSttlmAmt`: the settlement amount of the original transaction. */
  readonly originalSettlementAmount?: Money;
}

/** `OrgnlGrpInfAndSts`: the status of a whole original message (pacs.002). @public */
export interface OriginalGroupStatus {
  /** `OrgnlMsgId`. */
  readonly originalMessageId: string;
  /** `OrgnlMsgNmId`, for example `pacs.008.001.08`. */
  readonly originalMessageNameId: string;
  /** `OrgnlCreDtTm`. */
  readonly originalCreationDateTime?: string;
  /** `OrgnlNbOfTxs`, as written. */
  readonly originalNumberOfTransactions?: string;
  /** `GrpSts`: ExternalPaymentGroupStatus1Code. */
  readonly groupStatus?: string;
  /** `StsRsnInf`, in order. */
  readonly reasons?: readonly StatusReason[];
}

/** The content of a pacs.002 FIToFIPaymentStatusReport. @public */
export interface PaymentStatusReport {
  /** `GrpHdr/MsgId` (same as `groupHeader.messageId`). */
  readonly messageId: string;
  /** `GrpHdr/CreDtTm` (same as `groupHeader.creationDateTime`). */
  readonly creationDateTime: string;
  /** `GrpHdr/InstgAgt`. */
  readonly instructingAgent?: Agent;
  /** `GrpHdr/InstdAgt`. */
  readonly instructedAgent?: Agent;
  /** `OrgnlGrpInfAndSts`, in order. */
  readonly originalGroups?: readonly OriginalGroupStatus[];
  /** `TxInfAndSts`, in order (empty when the report only concerns groups). */
  readonly transactions: readonly TransactionStatus[];
}

/** `BkTxCd`: the bank transaction code of an entry. @public */
export interface BankTransactionCode {
  /** `Domn/Cd`, for example `PMNT`. */
  readonly domain?: string;
  /** `Domn/Fmly/Cd`, for example `RCDT`. */
  readonly family?: string;
  /** `Domn/Fmly/SubFmlyCd`, for example `XBCT`. */
  readonly subFamily?: string;
  /** `Prtry/Cd` (Max35Text). */
  readonly proprietary?: string;
  /** `Prtry/Issr` (Max35Text). */
  readonly proprietaryIssuer?: string;
}

/** `NtryDtls/TxDtls`: one transaction behind an entry. @public */
export interface EntryTransaction {
  /** `Refs/MsgId`. */
  readonly messageId?: string;
  /** `Refs/AcctSvcrRef`. */
  readonly accountServicerReference?: string;
  /** `Refs/PmtInfId`. */
  readonly paymentInformationId?: string;
  /** `Refs/InstrId`. */
  readonly instructionId?: string;
  /** `Refs/EndToEndId`. */
  readonly endToEndId?: string;
  /** `Refs/UETR` (camt.05x.001.07 and later). */
  readonly uetr?: string;
  /** `Refs/TxId`. */
  readonly transactionId?: string;
  /** `Amt` (.04 and later) or `AmtDtls/TxAmt/Amt`. */
  readonly amount?: Money;
  /** `CdtDbtInd`. */
  readonly creditDebit?: CreditDebit;
  /** `RmtInf/Ustrd` lines. */
  readonly remittanceInformation?: readonly string[];
  /** `RltdDts/IntrBkSttlmDt`. */
  readonly settlementDate?: string;
  /** `AddtlTxInf` (Max500Text). */
  readonly additionalInformation?: string;
  /** `RltdPties/Dbtr` (its name, `Pty/Nm` from .08) with `RltdPties/DbtrAcct`. */
  readonly debtor?: Party;
  /** `RltdPties/Cdtr` with `RltdPties/CdtrAcct`. */
  readonly creditor?: Party;
}

/** `Ntry`: one booked, pending or informational entry of a camt.052/053/054. @public */
export interface ReportEntry {
  /** `NtryRef`. */
  readonly entryReference?: string;
  /** `Amt`. */
  readonly amount: Money;
  /** `CdtDbtInd`. */
  readonly creditDebit: CreditDebit;
  /** `RvslInd`. */
  readonly reversal?: boolean;
  /** `Sts` (a code up to .06), `Sts/Cd` or `Sts/Prtry` (.07 and later): `BOOK`, `PDNG`, `INFO` … */
  readonly status: string;
  /** `BookgDt/Dt` (YYYY-MM-DD) or `BookgDt/DtTm`. */
  readonly bookingDate?: string;
  /** `ValDt/Dt` or `ValDt/DtTm`. */
  readonly valueDate?: string;
  /** `AcctSvcrRef`. */
  readonly accountServicerReference?: string;
  /** `BkTxCd`. */
  readonly bankTransactionCode?: BankTransactionCode;
  /** `NtryDtls/TxDtls`, across every `NtryDtls`, in order. */
  readonly transactions?: readonly EntryTransaction[];
  /** `AddtlNtryInf` (Max500Text). */
  readonly additionalInformation?: string;
}

/** `Bal`: a balance of a statement or report. @public */
export interface Balance {
  /** `Tp/CdOrPrtry/Cd` (ExternalBalanceType1Code: `OPBD`, `CLBD`, `ITBD` …) or `Tp/CdOrPrtry/Prtry`. */
  readonly type: string;
  /** `Amt`. */
  readonly amount: Money;
  /** `CdtDbtInd`. */
  readonly creditDebit: CreditDebit;
  /** `Dt/Dt` or `Dt/DtTm`. */
  readonly date: string;
}

/** `Rpt` (camt.052), `Stmt` (camt.053) or `Ntfctn` (camt.054): what is reported for one account. @public */
export interface AccountReport {
  /** `Id` (Max35Text). */
  readonly id: string;
  /** `ElctrncSeqNb`, as written. */
  readonly electronicSequenceNumber?: string;
  /** `LglSeqNb`, as written. */
  readonly legalSequenceNumber?: string;
  /** `CreDtTm`. */
  readonly creationDateTime?: string;
  /** `FrToDt/FrDtTm`. */
  readonly fromDateTime?: string;
  /** `FrToDt/ToDtTm`. */
  readonly toDateTime?: string;
  /** `Acct`: `Id/IBAN` or `Id/Othr`, `Ccy`, `Nm`. */
  readonly account: Account;
  /** `Acct/Ownr`. */
  readonly accountOwner?: Party;
  /** `Acct/Svcr`: the account servicer. */
  readonly servicer?: Agent;
  /** `Bal`, in order (camt.053: at least one; camt.054 has none). */
  readonly balances?: readonly Balance[];
  /** `Ntry`, in order. */
  readonly entries?: readonly ReportEntry[];
  /** `AddtlRptInf` / `AddtlStmtInf` / `AddtlNtfctnInf` (Max500Text). */
  readonly additionalInformation?: string;
}

/** The content of a camt.052 / camt.053 / camt.054 message. @public */
export interface BankToCustomerReport {
  /** `GrpHdr/MsgId` (same as `groupHeader.messageId`). */
  readonly messageId: string;
  /** `GrpHdr/CreDtTm` (same as `groupHeader.creationDateTime`). */
  readonly creationDateTime: string;
  /** `Rpt` / `Stmt` / `Ntfctn`, in order. */
  readonly reports: readonly AccountReport[];
}

/** What every parsed message carries. @public */
export interface ParsedMessageBase {
  /** The message type, from the `Document` namespace. */
  readonly type: MessageType;
  /** The full message identifier from the `Document` namespace, for example `pacs.008.001.08`. */
  readonly version: string;
  /** The head.001 `AppHdr`, when the message is enveloped with one. */
  readonly appHeader?: AppHeader;
  /** `GrpHdr`. */
  readonly groupHeader: GroupHeader;
  /**
   * Problems that do not make the message unusable: `ISO20022_HEADER_MISMATCH` (the `AppHdr` names
   * another message), `ISO20022_INVALID_HEADER` (an `AppHdr` element could not be read), and
   * identifier checks in camt reports (`ISO20022_INVALID_IBAN` …: a report records what happened,
   * so it is not refused for a counterparty's bad check digits).
   */
  readonly warnings: readonly Issue[];
}

/** A pain.001 CustomerCreditTransferInitiation: one canonical payment per `PmtInf/CdtTrfTxInf`. @public */
export interface Pain001Message extends ParsedMessageBase {
  readonly type: 'pain.001';
  /**
   * One payment per `CdtTrfTxInf`, in order across every `PmtInf`. pain.001 has no UETR before .09,
   * so each payment gets one from {@link ParseOptions.random} with `source.uetrAssigned: true`; every
   * identifier the message carried (`MsgId`, `PmtInfId`, `InstrId`, `EndToEndId`) is kept as it was.
   */
  readonly payments: readonly CanonicalPayment[];
}

/** A pacs.008 FIToFICustomerCreditTransfer: one canonical payment per `CdtTrfTxInf`. @public */
export interface Pacs008Message extends ParsedMessageBase {
  readonly type: 'pacs.008';
  /** One payment per `CdtTrfTxInf`, in order (UETR assigned when the version has none, before .07). */
  readonly payments: readonly CanonicalPayment[];
}

/**
 * A pacs.009 FinancialInstitutionCreditTransfer (bank to bank, core, COV or ADV): one canonical
 * payment per `CdtTrfTxInf`. The debtor and creditor are institutions: `Dbtr/FinInstnId` maps to the
 * payment's `debtor` as a {@link Party} (`bic`, `lei`, `name`, `postalAddress`).
 * @public
 */
export interface Pacs009Message extends ParsedMessageBase {
  readonly type: 'pacs.009';
  readonly payments: readonly CanonicalPayment[];
}

/** A pacs.002 FIToFIPaymentStatusReport. @public */
export interface Pacs002Message extends ParsedMessageBase, PaymentStatusReport {
  readonly type: 'pacs.002';
}

/** A camt.052 BankToCustomerAccountReport (`Rpt` in `reports`). @public */
export interface Camt052Message extends ParsedMessageBase, BankToCustomerReport {
  readonly type: 'camt.052';
}

/** A camt.053 BankToCustomerStatement (`Stmt` in `reports`). @public */
export interface Camt053Message extends ParsedMessageBase, BankToCustomerReport {
  readonly type: 'camt.053';
}

/** A camt.054 BankToCustomerDebitCreditNotification (`Ntfctn` in `reports`). @public */
export interface Camt054Message extends ParsedMessageBase, BankToCustomerReport {
  readonly type: 'camt.054';
}

/** What {@link parseMessage} returns: a union discriminated on `type`. @public */
export type ParsedMessage =
  | Pain001Message
  | Pacs008Message
  | Pacs009Message
  | Pacs002Message
  | Camt052Message
  | Camt053Message
  | Camt054Message;

/** The parsed message of one type, e.g. `MessageOf<'pacs.008'>` is {@link Pacs008Message}. @public */
export type MessageOf<T extends MessageType> = Extract<ParsedMessage, { readonly type: T }>;
