/**
 * Element names the reader knows before it starts: the ISO 20022 names the extractors read and the
 * ones most frequent around them in pain.001, pacs.002/.008/.009, camt.052/.053/.054, head.001 and
 * their envelopes. A name in this list costs no interning work per message (no string, no table
 * entry), and is always the same string object, so comparing it is cheap. Only a speed-up: any other
 * name is interned per document and works the same.
 * @internal
 * @packageDocumentation
 */

/** The names, space-separated (sorted, unique, no prefixes). @internal */
export const KNOWN_ELEMENT_NAMES: readonly string[] = [
  'AccptncDtTm Acct AcctSvcrRef AddtlCardData AddtlInf AddtlNtfctnInf AddtlNtryInf AddtlRmtInf',
  'AddtlRptInf AddtlStmtInf AddtlSvc AddtlTxInf AdjstmntAmtAndRsn AdmstnZone Adr AdrLine AdrTp Agt',
  'Amt AmtDtls AnncdPstngAmt AnyBIC AppHdr ApprvlNb AuthntcnMtd Authrty Authstn Avlbty BIC BICFI',
  'BICOrBEI Bal BdryAmt BirthDt BizMsgIdr BizPrcgDt BizSvc BkToCstmrDbtCdtNtfctn BkToCstmrStmt',
  'BkTxCd BldgNb BldgNm BookgDt Br BrnchId Btch BtchBookg CLSTm CSCMgmt CSCVal Card CardBrnd',
  'CardCtryCd CardRdngCpblties CardSctyCd CardSeqNb CardTx Ccy CcyOfTrf CcyXchg Cd CdOrPrtry',
  'CdtDbtInd CdtDtTm CdtLine CdtNoteAmt CdtTrfTxInf Cdtr CdtrAcct CdtrAgt CdtrAgtAcct CdtrRefInf',
  'CertId CharSet ChqNb ChrgBr ChrgInclInd Chrgs ChrgsInf CityOfBirth ClrChanl ClrSys ClrSysId',
  'ClrSysMmbId ClrSysRef Cmpnt CntrValAmt Cpblties CpyDplct CpyDplctInd CrdhldrVrfctnCpblties CreDt',
  'CreDtTm CstmrCdtTrfInitn CtctDtls Ctgy CtgyDtls CtgyPurp CtrctId CtrlSum Ctry CtryOfBirth',
  'CtryOfRes CtrySubDvsn DbtCdtRptgInd DbtDtTm Dbtr DbtrAcct DbtrAgt DbtrAgtAcct DbtrSts Dept Desc',
  'DispCpblties DispTp Document Domn DscntApldAmt DstrctNm Dt DtAndPlcOfBirth DtTm Dtls DuePyblAmt',
  'ElctrncAdr ElctrncSeqNb EndToEndId Envelope Envlp EqvtAmt FICdtTrf FIId FIToFICstmrCdtTrf',
  'FIToFIPmtStsRpt FctvDt FctvIntrBkSttlmDt FedNowIncoming FedNowIncomingMessage FedNowOutgoing',
  'FedNowPaymentStatus FinInstnId Flr Fmly Fr FrAmt FrDt FrDtTm FrTm FrToAmt FrToDt FrmsCd GrpHdr',
  'GrpId GrpSts IBAN Id Incl Inf InitgPty InstdAgt InstdAmt InstdRmbrsmntAgt InstdRmbrsmntAgtAcct',
  'InstgAgt InstgRmbrsmntAgt InstgRmbrsmntAgtAcct InstrForCdtrAgt InstrForDbtrAgt InstrForNxtAgt',
  'InstrId InstrInf InstrPrty IntrBkSttlmAmt IntrBkSttlmDt IntrmyAgt1 IntrmyAgt1Acct IntrmyAgt2',
  'IntrmyAgt2Acct IntrmyAgt3 IntrmyAgt3Acct Intrst Invcee Issr LEI LastPgInd LclInstrm LglSeqNb',
  'LineWidth ManfctrId Mdl MktPrctc MmbId MndtId MobNb MsgDefIdr MsgId MsgNmId MsgPgntn MsgRcpt Mtd',
  'Nb NbOfDays NbOfLines NbOfNtries NbOfTxs Nm Ntfctn NtfctnPgntn Ntry NtryDtls NtryRef',
  'OnLineCpblties OrgId OrgnlBizQry OrgnlCreDtTm OrgnlEndToEndId OrgnlGrpInf OrgnlGrpInfAndSts',
  'OrgnlInstrId OrgnlMsgId OrgnlMsgNmId OrgnlNbOfTxs OrgnlTxId OrgnlTxRef OrgnlUETR Orgtr Othr Ownr',
  'PAN POI POICmpntTp Pctg PgNb PlainCardData PmtId PmtInf PmtInfId PmtMtd PmtTpInf Prd PrePdAcct',
  'PrefrdMtd PrtLineWidth Prtry PrtryAmt Prty PrvcOfBirth PrvsInstgAgt1 PrvsInstgAgt1Acct',
  'PrvsInstgAgt2 PrvsInstgAgt2Acct PrvsInstgAgt3 PrvsInstgAgt3Acct PrvtId Prxy PssblDplct PstBx',
  'PstCd PstlAdr Pty Purp QtnDt Qty Rate Rcrd Ref RefNb Refs RegnId Regy ReqdExctnDt RequestPayload',
  'RfrdDocAmt RfrdDocInf RgltryRptg RjctTm Rltd RltdAcct RltdAgts RltdDt RltdDts RltdPties',
  'RltdQties RltdRmtInf RmtId RmtInf RmtLctnDtls RmtdAmt Room Rpt Rsn RtrInf RvslInd SaleRcncltnId',
  'SchmeNm SeqNb ShrtNm SplmtryData SrcCcy SrlNb Stmt StmtPgntn Strd StrtNm Sts StsId StsRsnInf',
  'SttlmAcct SttlmInf SttlmMtd SttlmPrty SttlmTmIndctn SttlmTmReq SubDept SubFmlyCd Sum SvcCd',
  'SvcLvl Svcr SysNm Tax TaxAmt TaxId TaxRmt TaxTp TaxblBaseAmt ThrdRmbrsmntAgt ThrdRmbrsmntAgtAcct',
  'TillTm Titl To ToAmt ToDt ToDtTm Tp TrckData TrckNb TrckVal TrgtCcy TtlAmt TtlCdtNtries',
  'TtlChrgsAndTaxAmt TtlDbtNtries TtlIntrBkSttlmAmt TtlIntrstAndTaxAmt TtlNetNtry TtlNetNtryAmt',
  'TtlNtries TtlNtriesPerBkTxCd TtlTaxAmt TtlTaxblBaseAmt TwnLctnNm TwnNm TxAmt TxCtgy TxDtTm',
  'TxDtls TxId TxInfAndSts TxSts TxsSummry UETR UltmtCdtr UltmtDbtr UndrlygCstmrCdtTrf Unit UnitCcy',
  'Ustrd ValDt VldtyRg VrsnNb WC XchgRate XchgRateInf XpryDt Yr',
]
  .join(' ')
  .split(' ');
