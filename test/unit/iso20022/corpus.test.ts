/**
 * The gateway against the shared public corpus (../shared/iso20022: 203 XSD-valid samples, 40 files
 * that fail the XSD), read through DELTRAN_CORPUS_DIR. Skipped with a printed reason when the corpus is
 * absent; fails instead when DELTRAN_REQUIRE_CORPUS=1 (test/_helpers/corpus.ts).
 *
 * Expected values in KEY_FIELDS were read from the files with an independent reader (Python's
 * ElementTree), not from this parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Agent,
  type CanonicalPayment,
  createSeededRandom,
  formatMoney,
  formatPath,
  type Money,
  validateCanonicalPayment,
} from 'deltran';
import {
  type AccountReport,
  messageFromJson,
  messageToJson,
  type ParsedMessage,
  parseMessage,
  safeParseMessage,
} from 'deltran/iso20022';
import { expect, it } from 'vitest';
import { describeCorpus } from '../../_helpers/corpus';

const SEED = Number(process.env.DELTRAN_SEED ?? 1);

interface ManifestRecord {
  readonly dest: string;
  readonly msgid: string | null;
  readonly valid: boolean;
  readonly apphdr: string | null;
  readonly msgdefidr: string | null;
  readonly tx: Record<string, number> | null;
}

/**
 * XSD-valid samples the gateway refuses on purpose: checks beyond the XSD find a real defect. Each is
 * listed with the code of its first issue (the corpus notes call the count/sum ones "semantic
 * negative cases").
 */
const REFUSED_VALID_SAMPLES: Record<string, string> = {
  // NbOfTxs=10 for 1 transaction, and TtlIntrBkSttlmAmt 100 EUR for a 200 EUR transaction.
  'pacs.008.001.02/sepa-sctinst__pacs008_valid.xml': 'ISO20022_NB_OF_TXS_MISMATCH',
  // Fedwire samples whose debtor IBAN BE34001216371411 fails the ISO 13616 check digits.
  'pacs.008.001.08/moov-wire20022__CustomerCreditTransfer_Scenario5_Step1_pacs.008.xml':
    'ISO20022_INVALID_IBAN',
  'pacs.008.001.08/moov-wire20022__CustomerCreditTransfer_Scenario5_Step2_pacs.008.xml':
    'ISO20022_INVALID_IBAN',
  'pacs.008.001.08/moov-wire20022__CustomerCreditTransfer_Variation5_pacs.008.xml': 'ISO20022_INVALID_IBAN',
  'pacs.008.001.08/moov-wire20022__CustomerCreditTransfer_Variation6_pacs.008.xml': 'ISO20022_INVALID_IBAN',
  'pacs.008.001.08/moov-wire20022__PaymentReturn_Scenario5_Step1_pacs.008.xml': 'ISO20022_INVALID_IBAN',
  // Example IBANs with wrong check digits (NL90ABNA0111111111, ES82…, DE1234567890123456 is also too short).
  'pain.001.001.03/dutch-sepa__example.xml': 'ISO20022_INVALID_IBAN',
  'pain.001.001.03/iso20022js__example_sepa_pain_001_v3.xml': 'ISO20022_INVALID_IBAN',
  // …and the same EndToEndId in both payment blocks.
  'pain.001.001.03/iso20022js__example_sepa_pain_001_v3_multiple_pmtinf.xml': 'ISO20022_INVALID_IBAN',
  'pain.001.001.03/iso20022js__example_swift_pain_001_v3.xml': 'ISO20022_INVALID_IBAN',
  // Lithuanian placeholder IBANs LT0071800000000000xx (check digits 00 can never be valid).
  'pain.001.001.03/moov-iso20022__International_payment_RUB_naujas_1.xml': 'ISO20022_INVALID_IBAN',
  'pain.001.001.03/moov-iso20022__International_payment_USD_naujas_1.xml': 'ISO20022_INVALID_IBAN',
  'pain.001.001.03/moov-iso20022__sepa_payment_naujas_1.xml': 'ISO20022_INVALID_IBAN',
  // GrpHdr/NbOfTxs 2 for 4 transactions.
  'pain.001.001.03/pain001lib__pain.001.001.03.xml': 'ISO20022_NB_OF_TXS_MISMATCH',
  // Bad IBAN check digits, PmtInf NbOfTxs 2 for 1, CtrlSum 2 for 150.00.
  'pain.001.001.03/pain001lib__pain.001.001.03_2.xml': 'ISO20022_INVALID_IBAN',
  // CtrlSum 123.45 for one 10.00 EUR transaction.
  'pain.001.001.03/sepa-sctinst__pain001_valid.xml': 'ISO20022_CTRL_SUM_MISMATCH',
  // Six IBANs with wrong check digits (DE89370400440532013008 …), NbOfTxs 2 for 5.
  'pain.001.001.09/pain001lib__pain.001.001.09.xml': 'ISO20022_INVALID_IBAN',
  // GB98567801234512345678: a GB IBAN needs a 4-letter bank code (BBAN 4!a6!n8!n).
  'pain.001.001.09/phoughton-cbprur__y2025_pain.001.min.xml': 'ISO20022_INVALID_IBAN',
};

/**
 * A decision for each of the 40 files that fail the XSD: refused with a fitting code, or accepted
 * because the XSD failure does not touch payment content.
 */
const INVALID_FILE_DECISIONS: Record<
  string,
  { readonly refuse: string } | { readonly accept: string; readonly warnings?: readonly string[] }
> = {
  'camt.053.001.02/genkgo-camt__camt053.v2.wrong.xml': { refuse: 'ISO20022_MISSING_ELEMENT' }, // no Stmt: nothing to report
  'camt.053.001.02/iso20022js__abn_amro_example_camt.xml': {
    // Ustrd of 204 characters (max 140): a report keeps the bank's text as written. Its counterparty
    // IBANs are Dutch bank-internal numbers that fail ISO 13616: warnings, since a statement records
    // what happened and is not refused for a counterparty's account number.
    accept: 'an over-long remittance line in a statement is kept as written; it moves no money',
    warnings: ['ISO20022_INVALID_IBAN'],
  },
  'camt.054.001.08/phoughton-cbprur__fixtures_camt_054_2025_invalid.xml': {
    refuse: 'ISO20022_UNKNOWN_CURRENCY',
  }, // Ccy="XYZ" (XSD: element order)
  'camt.054.001.08/phoughton-cbprur__fixtures_camt_054_2026_invalid.xml': {
    refuse: 'ISO20022_UNKNOWN_CURRENCY',
  }, // Ccy="ZZZ"
  'camt.054.001.08/phoughton-cbprur__fixtures_camt_054_2026_valid.xml': {
    accept: 'NtfctnPgntn placed before CreDtTm: element order only, every value reads the same',
  },
  'pacs.002.001.10/phoughton-cbprur__fixtures_pacs_002_2025_invalid.xml': {
    // PstlAdr out of order, and an agent BIC "ZZZZ99": the status (key OrgnlUETR / OrgnlEndToEndId)
    // still reads; the bad BIC of a reporting agent is a warning in a report.
    accept: 'element order; the malformed reporting-agent BIC does not change the status it reports',
    warnings: ['ISO20022_HEADER_MISMATCH', 'ISO20022_INVALID_BIC'],
  },
  'pacs.002.001.10/phoughton-cbprur__fixtures_pacs_002_2025_valid.xml': {
    accept: 'PstlAdr out of order in a status originator: order only',
  },
  'pacs.002.001.10/phoughton-cbprur__fixtures_pacs_002_2026_valid.xml': {
    accept: 'Orgtr after AddtlInf in StsRsnInf: order only',
  },
  'pacs.008.001.02/sepa-sctinst__pacs008_empty.xml': { refuse: 'ISO20022_MALFORMED_XML' }, // empty document
  'pacs.008.001.02/sepa-sctinst__pacs008_invalid.xml': { refuse: 'ISO20022_MALFORMED_XML' }, // <NbTxs>…</NbOfTxs>
  'pacs.008.001.03/pacs008lib__pacs.008.001.03.xml': {
    accept: 'BIC (the pre-.03 name) where .03 has BICFI: same ISO 9362 value, read from either name',
  },
  'pacs.008.001.04/pacs008lib__pacs.008.001.04.xml': {
    accept: 'BIC where .04 has BICFI: same value, read from either name',
  },
  'pacs.008.001.08/ballerina-mt2mx__mt103_a_2014.xml': { refuse: 'ISO20022_INVALID_DATE' }, // CreDtTm "CURRENT_TIME"
  'pacs.008.001.08/ballerina-mt2mx__mt103_a_2015.xml': { refuse: 'ISO20022_INVALID_DATE' },
  'pacs.008.001.08/ballerina-mt2mx__mt103_a_2016.xml': { refuse: 'ISO20022_INVALID_DATE' },
  'pacs.008.001.08/ballerina-mt2mx__mt103_fin2.xml': { refuse: 'ISO20022_INVALID_DATE' },
  'pacs.008.001.08/ballerina-mt2mx__mt103_fin3.xml': { refuse: 'ISO20022_INVALID_DATE' },
  'pacs.008.001.08/ballerina-mt2mx__mt103_pacs008.xml': { refuse: 'ISO20022_INVALID_DATE' },
  'pacs.008.001.08/phoughton-cbprur__fixtures_pacs008_invalid.xml': {
    accept: 'InstrForCdtrAgt before ChrgsInf: order only',
  },
  'pacs.008.001.08/phoughton-cbprur__fixtures_pacs_008_2025_invalid.xml': {
    accept: 'InstdAmt after ChrgBr: order only (the AppHdr names another version: a warning)',
    warnings: ['ISO20022_HEADER_MISMATCH'],
  },
  'pacs.008.001.08/phoughton-cbprur__fixtures_pacs_008_2025_valid.xml': {
    accept: 'InstdAmt after ChrgBr: order only',
  },
  'pacs.008.001.08/phoughton-cbprur__fixtures_pacs_008_2026_invalid.xml': {
    accept: 'InstrForCdtrAgt before IntrmyAgt1: order only',
    warnings: ['ISO20022_HEADER_MISMATCH'],
  },
  'pacs.008.001.08/phoughton-cbprur__fixtures_pacs_008_stp_2025_invalid.xml': {
    refuse: 'ISO20022_INVALID_BIC',
  }, // "WRONGUS33XXX"
  'pacs.008.001.08/phoughton-cbprur__fixtures_pacs_008_stp_2026_invalid.xml': {
    accept: 'PstlAdr after CtryOfRes: order only',
    warnings: ['ISO20022_HEADER_MISMATCH'],
  },
  'pacs.008.001.08/pm4ml-connector__pacs.008.001.08.request.xml': { refuse: 'ISO20022_TEXT_TOO_LONG' }, // 36-character MsgId, EndToEndId
  'pacs.008.001.08/pm4ml-connector__pacs.008.outgoing.invalid.xml': { refuse: 'ISO20022_TEXT_TOO_LONG' },
  'pacs.009.001.08/ballerina-mt2mx__mt103_fin1.xml': { refuse: 'ISO20022_INVALID_DATE' }, // "CURRENT_TIME", and bad BICs
  'pacs.009.001.08/phoughton-cbprur__fixtures_pacs_009_2025_invalid.xml': {
    accept:
      'PrvsInstgAgt1 out of order: order only (previous instructing agents are not in the canonical model)',
    warnings: ['ISO20022_HEADER_MISMATCH'],
  },
  'pacs.009.001.08/phoughton-cbprur__fixtures_pacs_009_2026_invalid.xml': {
    accept: 'InstrForCdtrAgt out of order: order only',
  },
  'pacs.009.001.08/phoughton-cbprur__fixtures_pacs_009_adv_2026_invalid.xml': {
    accept: 'InstrForCdtrAgt out of order: order only',
    warnings: ['ISO20022_HEADER_MISMATCH'],
  },
  'pacs.009.001.10/pacs008lib__pacs.009.001.10.xml': { refuse: 'ISO20022_MISSING_ELEMENT' }, // no Dbtr, no Cdtr
  'pain.001.001.03/iso20022js__cross_river_pain_001_ach_credit.xml': { refuse: 'ISO20022_INVALID_BIC' }, // BICOrBEI "JOHNDOE99" (XSD: NBSP indentation)
  'pain.001.001.03/iso20022js__cross_river_pain_001_rtp_credit.xml': { refuse: 'ISO20022_INVALID_BIC' },
  'pain.001.001.03/iso20022js__goldman_sachs_pain_001_ach_credit.xml': { refuse: 'ISO20022_INVALID_DATE' }, // ReqdExctnDt "YYYY-MM-DD"
  'pain.001.001.03/iso20022js__goldman_sachs_pain_001_v3_sepa.xml': { refuse: 'ISO20022_INVALID_DATE' }, // and IBAN "IBAN", BIC "Bank BIC"
  'pain.001.001.03/sepa-sctinst__pain001_invalid_xmlns.xml': { refuse: 'ISO20022_UNSUPPORTED_VERSION' }, // pain.001.001.99
  'pain.001.001.09/ballerina-mt2mx__mt101_pain_001_A_B.xml': {
    accept: 'TwnNm after AdrLine in a postal address: order only',
  },
  'pain.001.001.09/phoughton-cbprur__fixtures_pain_001_2025_invalid.xml': {
    refuse: 'ISO20022_UNKNOWN_CURRENCY',
  }, // Ccy="ZZZ"
  'pain.001.001.09/phoughton-cbprur__fixtures_pain_001_2026_invalid.xml': { refuse: 'ISO20022_INVALID_BIC' }, // "NOTAVALIDBIC"
  'pain.001.001.09/phoughton-cbprur__fixtures_pain_001_2026_valid.xml': {
    accept: 'Cdtr before InstrForCdtrAgt: order only',
  },
};

/** Key fields of 47 samples covering every version in the corpus, read with an independent reader. */
interface KeyFields {
  readonly messageId: string;
  readonly businessMessageId?: string;
  readonly messageDefinitionId?: string;
  /** Payments, status transactions or account reports. */
  readonly count: number;
  readonly endToEndId?: string;
  /** Given UETR of the first payment (absent: the gateway assigns one). */
  readonly uetr?: string;
  /** "EUR 1000.00": the first payment's amount. */
  readonly amount?: string;
  readonly settlementDate?: string;
  /** BIC or clearing member id of the first payment's debtor agent. */
  readonly debtorAgent?: string;
  readonly creditorName?: string;
  readonly requestedExecutionDate?: string;
  readonly paymentInformationId?: string;
  readonly status?: string;
  readonly originalUetr?: string;
  readonly originalEndToEndId?: string;
  readonly reason?: string;
  readonly accountIban?: string;
  readonly accountOther?: string;
  readonly balances?: number;
  readonly entries?: number;
  /** "EUR 8.85 CRDT BOOK": the first entry of the first report. */
  readonly firstEntry?: string;
}

const KEY_FIELDS: readonly (readonly [string, KeyFields])[] = [
  [
    'camt.053.001.02/dutch-sepa__camt.053.001.02.xml',
    {
      messageId: 'AAAASESS-FP-STAT001',
      count: 1,
      accountOther: '50000000054910000003',
      balances: 2,
      entries: 3,
      firstEntry: 'SEK 105678.50 CRDT BOOK',
    },
  ],
  [
    'camt.053.001.03/genkgo-camt__camt053.v3.xml',
    {
      messageId: 'CAMT053RIB000000000001',
      count: 1,
      accountOther: 'NL26VAYB8060476890',
      balances: 4,
      entries: 1,
      firstEntry: 'EUR 8.85 CRDT BOOK',
    },
  ],
  [
    'camt.053.001.04/genkgo-camt__camt053.v4.xml',
    {
      messageId: 'CAMT053RIB000000000001',
      count: 1,
      accountOther: 'NL26VAYB8060476890',
      balances: 4,
      entries: 1,
      firstEntry: 'EUR 8.85 CRDT BOOK',
    },
  ],
  [
    'camt.053.001.08/ballerina-mt2mx__mt940_camt_053_B_D.xml',
    {
      messageId: 'Stmnt-100-01',
      businessMessageId: 'Stmnt-100-01',
      messageDefinitionId: 'camt.053.001.08',
      count: 1,
      accountOther: '25698745',
      balances: 2,
      entries: 1,
      firstEntry: 'EUR 45250.00 DBIT BOOK',
    },
  ],
  [
    'camt.053.001.02/genkgo-camt__camt053.v2.with-account-name.xml',
    {
      messageId: 'CAMT053RIB000000000001',
      count: 1,
      accountIban: 'CH2801234000123456789',
      balances: 1,
      entries: 1,
      firstEntry: 'EUR 8.85 CRDT BOOK',
    },
  ],
  [
    'camt.053.001.08/ballerina-mt2mx__mt940_camt_053_B_Dbtr.xml',
    {
      messageId: 'Stmnt-100-01',
      businessMessageId: 'Stmnt-100-01',
      messageDefinitionId: 'camt.053.001.08',
      count: 1,
      accountOther: '25698745',
      balances: 2,
      entries: 1,
      firstEntry: 'EUR 45250.00 DBIT BOOK',
    },
  ],
  [
    'camt.053.001.08/ballerina-mt2mx__mt950_camt_053_A_B.xml',
    {
      messageId: '123456',
      businessMessageId: '123456',
      messageDefinitionId: 'camt.053.001.08',
      count: 1,
      accountOther: '123-456789',
      balances: 2,
      entries: 9,
      firstEntry: 'EUR 1.20 DBIT BOOK',
    },
  ],
  [
    'camt.053.001.02/moov-iso20022__statement_1.xml',
    {
      messageId: '201509302599406884',
      count: 1,
      accountIban: 'LT007180000000000000',
      balances: 2,
      entries: 4,
      firstEntry: 'EUR 1.64 DBIT BOOK',
    },
  ],
  [
    'camt.054.001.02/genkgo-camt__camt054.v2.with-account-name.xml',
    {
      messageId: 'AAAASESS-FP-ACCR001',
      count: 1,
      accountIban: 'CH2801234000123456789',
      balances: 0,
      entries: 1,
      firstEntry: 'SEK 200000.00 DBIT BOOK',
    },
  ],
  [
    'camt.054.001.04/genkgo-camt__camt054.v4.xml',
    {
      messageId: 'AAAASESS-FP-ACCR001',
      count: 1,
      accountIban: 'CH2801234000123456789',
      balances: 0,
      entries: 1,
      firstEntry: 'SEK 200000.00 DBIT BOOK',
    },
  ],
  [
    'camt.054.001.08/ballerina-mt2mx__mt900_camt_054_A_B.xml',
    {
      messageId: 'C11126A1378',
      businessMessageId: 'C11126A1378',
      messageDefinitionId: 'camt.054.001.08',
      count: 1,
      accountOther: '9-9876543',
      balances: 0,
      entries: 1,
      firstEntry: 'USD 233530.00 DBIT BOOK',
    },
  ],
  [
    'camt.054.001.08/genkgo-camt__camt054.v8.xml',
    {
      messageId: 'AAAASESS-FP-ACCR001',
      count: 1,
      accountIban: 'CH2801234000123456789',
      balances: 0,
      entries: 1,
      firstEntry: 'SEK 200000.00 DBIT BOOK',
    },
  ],
  [
    'camt.054.001.08/ballerina-mt2mx__mt910_camt_054_C_D.xml',
    {
      messageId: 'C11126C9224',
      businessMessageId: 'C11126C9224',
      messageDefinitionId: 'camt.054.001.08',
      count: 1,
      accountOther: '6-9412771',
      balances: 0,
      entries: 1,
      firstEntry: 'USD 500000.00 CRDT BOOK',
    },
  ],
  [
    'camt.054.001.08/phoughton-cbprur__y2026_camt.054.min.xml',
    {
      messageId: 'EXMsgId',
      businessMessageId: 'EXMsgId',
      messageDefinitionId: 'camt.054.001.08',
      count: 1,
      accountIban: 'GB57TUVW67890178901234',
      balances: 0,
      entries: 1,
      firstEntry: 'EUR 1000.00 CRDT EXCd',
    },
  ],
  [
    'pacs.002.001.10/ballerina-mt2mx__mt199_pacs_002_B_A.xml',
    {
      messageId: 'pacs002bizmsgid+',
      businessMessageId: 'pacs002bizmsgid+',
      messageDefinitionId: 'pacs.002.001.10',
      count: 1,
      status: 'RJCT',
      originalUetr: '7a562c67-ca16-48ba-b074-65581be6f001',
      originalEndToEndId: 'pain008EndToEnd+',
      reason: 'AC04',
    },
  ],
  [
    'pacs.002.001.12/pacs008lib__pacs.002.001.12.xml',
    {
      messageId: 'MSG-STATUS-001',
      count: 1,
      status: 'ACSC',
      originalEndToEndId: 'E2E-ORIG-001',
      reason: 'AB05',
    },
  ],
  [
    'pacs.002.001.10/moov-wire20022__CustomerCreditTransfer_Scenario4_Step2_pacs.002.xml',
    {
      messageId: '20250310QMGFNP31000002',
      count: 1,
      status: 'ACSC',
      originalUetr: '8a562c67-ca16-48ba-b074-65581be6f011',
    },
  ],
  [
    'pacs.002.001.10/phoughton-cbprur__y2025_pacs.002.max.xml',
    {
      messageId: 'EXMsgId',
      businessMessageId: 'EXMsgId',
      messageDefinitionId: 'pacs.002.001.10',
      count: 1,
      status: 'EXTx',
      originalUetr: '00000000-0000-4000-aba0-f00540dbce6e',
      originalEndToEndId: 'EXOrgnlEndToEndId',
      reason: 'EXCd',
    },
  ],
  [
    'pacs.002.001.10/moov-wire20022__FICreditTransfer_Scenario1_Step2_pacs.002.xml',
    {
      messageId: '20250310QMGFNP62000501',
      count: 1,
      status: 'ACSC',
      originalUetr: '8a562c67-ca16-48ba-b074-65581be6f055',
    },
  ],
  [
    'pacs.002.001.10/ballerina-mt2mx__mt299_pacs_002_B_E.xml',
    {
      messageId: 'pacs002bizmsgid+',
      businessMessageId: 'pacs002bizmsgid+',
      messageDefinitionId: 'pacs.002.001.10',
      count: 1,
      status: 'RJCT',
      originalUetr: '7a562c67-ca16-48ba-b074-65581be6f001',
      originalEndToEndId: 'MANDATE123456',
      reason: 'XT99',
    },
  ],
  [
    'pacs.002.001.10/moov-wire20022__FICreditTransfer_Scenario3_Step2_pacs.002.xml',
    {
      messageId: '20250310QMGFNP62000503',
      count: 1,
      status: 'ACSC',
      originalUetr: '8a562c67-ca16-48ba-b074-65581be6f055',
    },
  ],
  [
    'pacs.008.001.01/pacs008lib__pacs.008.001.01.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      amount: 'EUR 1000.00',
      settlementDate: '2026-01-15',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.02/pacs008lib__pacs.008.001.02.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.05/pacs008lib__pacs.008.001.05.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.06/pacs008lib__pacs.008.001.06.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.07/pacs008lib__pacs.008.001.07.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.08/ballerina-mt2mx__mt103_pacs008_A_B.xml',
    {
      messageId: 'pacs8bizmsgidr01',
      businessMessageId: 'pacs8bizmsgidr01',
      messageDefinitionId: 'pacs.008.001.08',
      count: 1,
      endToEndId: 'E2E04044506271305',
      uetr: '174c245f-2682-4291-ad67-2a41e530cd27',
      amount: 'SGD 500000.00',
      settlementDate: '2020-08-05',
      debtorAgent: 'WPACAU2S',
      creditorName: 'Agoda Company',
    },
  ],
  [
    'pacs.008.001.09/pacs008lib__pacs.008.001.09.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      uetr: '78193541-1232-4b82-902e-08fa42be1c46',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.10/pacs008lib__pacs.008.001.10.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      uetr: '78193541-1232-4b82-902e-08fa42be1c46',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.11/pacs008lib__pacs.008.001.11.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      uetr: '78193541-1232-4b82-902e-08fa42be1c46',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.12/pacs008lib__pacs.008.001.12.xml',
    {
      messageId: 'MSG-001',
      count: 1,
      endToEndId: 'E2E-001',
      uetr: '78193541-1232-4b82-902e-08fa42be1c46',
      amount: 'EUR 1000.00',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.13/pacs008lib__pacs.008.001.13.xml',
    {
      messageId: 'MSG-CORE-TEST',
      count: 1,
      endToEndId: 'E2E-CORE',
      uetr: '7ad28d8e-ae56-41f4-b0c2-f942787acd97',
      amount: 'EUR 1000.00',
      settlementDate: '2026-01-15',
      debtorAgent: 'DEUTDEFF',
      creditorName: 'Creditor Ltd',
    },
  ],
  [
    'pacs.008.001.08/moov-wire20022__CustomerCreditTransfer_Scenario2_Step1_pacs.008.xml',
    {
      messageId: '20250310B1QDRCQR000002',
      count: 1,
      endToEndId: 'Scenario02EtoEId001',
      uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
      amount: 'USD 510000.74',
      settlementDate: '2025-03-10',
      debtorAgent: '011104238',
      creditorName: 'Corporation B',
    },
  ],
  [
    'pacs.008.001.08/moov-wire20022__CustomerCreditTransfer_Variation1_pacs.008.xml',
    {
      messageId: '20250310B1QDRCQR000006',
      count: 1,
      endToEndId: 'Variation1EtoEId001',
      uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
      amount: 'USD 510000.74',
      settlementDate: '2025-03-10',
      debtorAgent: '011104238',
      creditorName: 'Corporation B',
    },
  ],
  [
    'pacs.008.001.08/moov-wire20022__CustomerCreditTransfer_Scenario3_Step1_pacs.008.xml',
    {
      messageId: '20250310B1QDRCQR000001',
      count: 1,
      endToEndId: 'Scenario01EtoEId001',
      uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
      amount: 'USD 510000.74',
      settlementDate: '2025-03-10',
      debtorAgent: '011104238',
      creditorName: 'Corporation B',
    },
  ],
  [
    'pacs.009.001.08/ballerina-mt2mx__mt200_pacs_009_A_B.xml',
    {
      messageId: '23/200516DEV',
      businessMessageId: '23/200516DEV',
      messageDefinitionId: 'pacs.009.001.08',
      count: 1,
      endToEndId: 'NOTPROVIDED',
      uetr: '7a562c67-ca16-48ba-b074-65581be6f001',
      amount: 'EUR 1000000.00',
      settlementDate: '2009-05-25',
    },
  ],
  [
    'pacs.009.001.08/phoughton-cbprur__y2025_pacs.009.min.xml',
    {
      messageId: 'EXMsgId',
      businessMessageId: 'EXMsgId',
      messageDefinitionId: 'pacs.009.001.08',
      count: 1,
      endToEndId: 'EXEndToEndId',
      uetr: '00000000-0000-4000-9a9f-b23a9e9b8d8d',
      amount: 'EUR 1000.00',
      settlementDate: '2026-01-01',
    },
  ],
  [
    'pacs.009.001.08/phoughton-cbprur__fixtures_pacs_009_cov_2026_valid.xml',
    {
      messageId: 'MSGID-COV-0001',
      businessMessageId: 'MSGID-COV-0001',
      messageDefinitionId: 'pacs.009.001.08',
      count: 1,
      endToEndId: 'E2E-0001',
      uetr: 'e1c8c0a0-1111-4222-8333-444455556666',
      amount: 'EUR 1000.00',
    },
  ],
  [
    'pacs.009.001.08/phoughton-cbprur__y2025_pacs.009_cov.max.xml',
    {
      messageId: 'EXMsgId',
      businessMessageId: 'EXMsgId',
      messageDefinitionId: 'pacs.009.001.08',
      count: 1,
      endToEndId: 'EXEndToEndId',
      uetr: '00000000-0000-4000-b63a-a43811d3487b',
      amount: 'EUR 1000.00',
      settlementDate: '2026-01-01',
      debtorAgent: 'BCDEGBPQXXX',
      creditorName: 'EXNm',
    },
  ],
  [
    'pacs.009.001.08/phoughton-cbprur__2025_pacs009_fi_transfer_sample.xml',
    {
      messageId: 'P009-20260413-6201',
      businessMessageId: 'P009-20260413-6201',
      messageDefinitionId: 'pacs.009.001.08',
      count: 1,
      endToEndId: 'E2E-04137745',
      uetr: 'b2c3d4e5-f6a7-4901-bcde-f12345678901',
      amount: 'JPY 45000000',
      settlementDate: '2026-04-13',
    },
  ],
  [
    'pacs.009.001.08/phoughton-cbprur__fixtures_pacs_009_cov_2025_invalid.xml',
    {
      messageId: 'MSGID-COV-0002',
      businessMessageId: 'MSGID-COV-0002',
      messageDefinitionId: 'pacs.009.001.08',
      count: 1,
      endToEndId: 'E2E-0002',
      uetr: 'e1c8c0a0-1111-4222-8333-444455556666',
      amount: 'XAU 1000',
    },
  ],
  [
    'pain.001.001.03/dutch-sepa__abn_pain.001.001.03_voorbeeldbestand.xml',
    {
      messageId: '000001',
      count: 1,
      endToEndId: 'Onze referentie: 123456',
      amount: 'EUR 386.00',
      requestedExecutionDate: '2013-04-19',
      paymentInformationId: '12345',
    },
  ],
  [
    'pain.001.001.09/phoughton-cbprur__2025_pain001_credit_initiation_sample.xml',
    {
      messageId: 'PN01-20260413-2150',
      businessMessageId: 'PN01-20260413-2150',
      messageDefinitionId: 'pain.001.001.09',
      count: 1,
      endToEndId: 'E2E-04136017',
      uetr: 'e5f6a7b8-c9d0-4234-ab12-345678901234',
      amount: 'AUD 320000.00',
      requestedExecutionDate: '2026-04-14',
      paymentInformationId: 'PMTINF-0413-01',
    },
  ],
  [
    'pain.001.001.09/phoughton-cbprur__fixtures_pain_001_2025_valid.xml',
    {
      messageId: 'MSGID-0001',
      businessMessageId: 'MSGID-0001',
      messageDefinitionId: 'pain.001.001.09',
      count: 1,
      endToEndId: 'E2E-0001',
      amount: 'EUR 1000.00',
      requestedExecutionDate: '2025-06-02',
      paymentInformationId: 'PMT-0001',
    },
  ],
  [
    'pain.001.001.09/phoughton-cbprur__y2026_pain.001.min.xml',
    {
      messageId: 'EXMsgId',
      businessMessageId: 'EXMsgId',
      messageDefinitionId: 'pain.001.001.09',
      count: 1,
      endToEndId: 'EXEndToEndId',
      uetr: '00000000-0000-4000-ba0a-0e675b020d75',
      amount: 'EUR 1000.00',
      requestedExecutionDate: '2026-01-01',
      paymentInformationId: 'EXMsgId',
    },
  ],
  [
    'pain.001.001.09/phoughton-cbprur__violators_pain001_credit_initiation_sample_violates_pain.001-R8_existing.xml',
    {
      messageId: 'PN01-20260413-2150',
      businessMessageId: 'PN01-20260413-2150',
      messageDefinitionId: 'pain.001.001.09',
      count: 1,
      endToEndId: 'E2E-04136017',
      uetr: 'e5f6a7b8-c9d0-4234-ab12-345678901234',
      amount: 'AUD 320000.00',
      requestedExecutionDate: '2026-04-14',
      paymentInformationId: 'PMTINF-0413-01',
    },
  ],
  [
    'pain.001.001.09/phoughton-cbprur__2026_pain001_credit_initiation_sample.xml',
    {
      messageId: 'PN01-20260413-2150',
      businessMessageId: 'PN01-20260413-2150',
      messageDefinitionId: 'pain.001.001.09',
      count: 1,
      endToEndId: 'E2E-04136017',
      uetr: 'e5f6a7b8-c9d0-4234-ab12-345678901234',
      amount: 'AUD 320000.00',
      requestedExecutionDate: '2026-04-14',
      paymentInformationId: 'PMTINF-0413-01',
    },
  ],
];

const money = (m: Money | undefined): string | undefined =>
  m === undefined ? undefined : `${m.currency} ${formatMoney(m)}`;

function reportsOf(message: ParsedMessage): readonly AccountReport[] {
  return 'reports' in message ? message.reports : [];
}

function actualKeyFields(message: ParsedMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { messageId: message.groupHeader.messageId };
  if (message.appHeader !== undefined) {
    out.businessMessageId = message.appHeader.businessMessageId;
    out.messageDefinitionId = message.appHeader.messageDefinitionId;
  }
  if ('payments' in message) {
    const p: CanonicalPayment = message.payments[0]!;
    out.count = message.payments.length;
    out.endToEndId = p.endToEndId;
    out.uetr = p.source.uetrAssigned ? undefined : p.uetr;
    out.amount = money(p.amount);
    if (message.type === 'pain.001') {
      out.requestedExecutionDate = p.requestedExecutionDate;
      out.paymentInformationId = p.paymentInformationId;
    } else {
      out.settlementDate = p.settlementDate;
      out.debtorAgent = p.debtorAgent.bic ?? p.debtorAgent.clearingMemberId;
      out.creditorName = p.creditor.name;
    }
  } else if (message.type === 'pacs.002') {
    out.count = message.transactions.length;
    const t = message.transactions[0];
    if (t !== undefined) {
      out.status = t.status;
      out.originalUetr = t.originalUetr;
      out.originalEndToEndId = t.originalEndToEndId;
      out.reason = t.reasons?.[0]?.code;
    }
  } else {
    const reports = reportsOf(message);
    const r = reports[0]!;
    out.count = reports.length;
    out.accountIban = r.account.iban;
    out.accountOther = r.account.otherId;
    out.balances = r.balances?.length ?? 0;
    out.entries = r.entries?.length ?? 0;
    const e = r.entries?.[0];
    if (e !== undefined) out.firstEntry = `${money(e.amount)} ${e.creditDebit} ${e.status}`;
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/**
 * The fields later stages need (payment type, charges, instructions, previous agents, the customer
 * transfer a pacs.009 COV covers, party identifiers with their scheme), for the first payment of
 * files that carry them. Read from the files with Python's ElementTree, like KEY_FIELDS; a
 * transaction's PmtTpInf wins over the group's or the payment block's. Agents are shown by BIC (or
 * name when they have none), parties by name, charges as "CCY amount agent".
 */
const LATER_STAGE_FIELDS: readonly (readonly [string, Record<string, unknown>])[] = [
  [
    'pacs.008.001.08/phoughton-cbprur__y2025_pacs.008.max.xml',
    {
      serviceLevel: ['EXCd'],
      localInstrument: 'EXCd',
      instructionPriority: 'HIGH',
      categoryPurpose: 'EXCd',
      settlementPriority: 'URGT',
      charges: ['EUR 1000.00 ABCDGBEFXXX'],
      instructionsForCreditorAgent: ['EXInstrInf'],
      instructionsForNextAgent: ['EXInstrInf'],
      previousInstructingAgents: ['ABCDGBEFXXX', 'ABCDGBEFXXX', 'ABCDGBEFXXX'],
      debtorOtherIdentifications: [{ id: 'EXId', scheme: 'EXCd', issuer: 'EXIssr' }],
      ultimateCreditorOtherIdentifications: [{ id: 'EXId', scheme: 'EXCd', issuer: 'EXIssr' }],
    },
  ],
  [
    // A pacs: prefix on every element; the charging agent has a name only.
    'pacs.008.001.08/ballerina-mt2mx__mt103_pacs008_B_C.xml',
    { charges: ['USD 10.00 NOTPROVIDED'] },
  ],
  ['pacs.008.001.08/ballerina-mt2mx__mt103_pacs_008_C_D.xml', { previousInstructingAgents: ['ABNANL2AXXX'] }],
  [
    'pacs.009.001.08/phoughton-cbprur__y2026_pacs.009_cov.max.xml',
    {
      serviceLevel: ['EXCd'],
      localInstrument: 'EXCd',
      instructionPriority: 'HIGH',
      categoryPurpose: 'EXCd',
      settlementPriority: 'URGT',
      instructionsForCreditorAgent: ['EXInstrInf'],
      instructionsForNextAgent: ['EXInstrInf'],
      previousInstructingAgents: ['CDEFGBQRXXX', 'CDEFGBQRXXX', 'CDEFGBQRXXX'],
      // An institution debtor: its clearing member id, with the clearing system as its scheme.
      debtorOtherIdentifications: [{ id: 'EXMmbId', scheme: 'EXCd' }],
      underlying: {
        debtor: 'EXNm',
        creditor: 'EXNm',
        debtorAccount: 'EXId',
        debtorAgent: 'CDEFGBQRXXX',
        creditorAgent: 'RSTUUSZ0XXX',
        intermediaryAgents: ['CDEFGBQRXXX', 'CDEFGBQRXXX', 'CDEFGBQRXXX'],
        remittance: ['EXUstrd'],
        instructedAmount: 'EUR 1000.00',
      },
    },
  ],
  [
    'pacs.009.001.08/ballerina-mt2mx__mt202_pacs_009COV_A_B.xml',
    {
      previousInstructingAgents: ['INGBROBUXXX'],
      underlying: {
        debtor: 'Debtor Co',
        creditor: 'Ardent Finance',
        debtorAccount: '25698745',
        debtorAgent: 'MYMBGB2LXXX',
        creditorAgent: 'GEBABEBBXXX',
      },
    },
  ],
  ['pacs.008.001.08/phoughton-cbprur__fixtures_pacs_008_2026_valid.xml', { serviceLevel: ['G001'] }],
  // LclInstrm/Prtry (a Fedwire business function code).
  ['pacs.008.001.08/moov-wire20022__Drawdowns_Scenario1_Step3_pacs.008.xml', { localInstrument: 'CTRD' }],
  // Inside the FedNow envelope.
  [
    'pacs.008.001.08/moov-fednow20022__sample-participant-to-fednow-message.xml',
    { localInstrument: 'FDNA', categoryPurpose: 'CONS' },
  ],
  ['pain.001.001.03/dutch-sepa__abn_pain.001.001.03_voorbeeldbestand.xml', { serviceLevel: ['SEPA'] }],
  [
    'pain.001.001.09/phoughton-cbprur__y2025_pain.001.max.xml',
    {
      serviceLevel: ['EXCd'],
      localInstrument: 'EXCd',
      instructionPriority: 'HIGH',
      categoryPurpose: 'EXCd',
      instructionsForCreditorAgent: ['EXInstrInf'],
      debtorOtherIdentifications: [{ id: 'EXId', scheme: 'EXCd', issuer: 'EXIssr' }],
      ultimateCreditorOtherIdentifications: [{ id: 'EXId', scheme: 'EXCd', issuer: 'EXIssr' }],
    },
  ],
];

const agentLabel = (a: Agent | undefined): string | undefined => a?.bic ?? a?.name;

function laterStageFields(p: CanonicalPayment): Record<string, unknown> {
  const u = p.underlyingCustomerCreditTransfer;
  const out: Record<string, unknown> = {
    serviceLevel: p.serviceLevel,
    localInstrument: p.localInstrument,
    instructionPriority: p.instructionPriority,
    categoryPurpose: p.categoryPurpose,
    settlementPriority: p.settlementPriority,
    charges: p.charges?.map((c) => `${money(c.amount)} ${agentLabel(c.agent)}`),
    instructionsForCreditorAgent: p.instructionsForCreditorAgent,
    instructionsForNextAgent: p.instructionsForNextAgent,
    previousInstructingAgents: p.previousInstructingAgents?.map(agentLabel),
    debtorOtherIdentifications: p.debtor.otherIdentifications,
    ultimateCreditorOtherIdentifications: p.ultimateCreditor?.otherIdentifications,
    underlying:
      u === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries({
              debtor: u.debtor.name,
              creditor: u.creditor.name,
              debtorAccount: u.debtor.account?.iban ?? u.debtor.account?.otherId,
              debtorAgent: agentLabel(u.debtorAgent),
              creditorAgent: agentLabel(u.creditorAgent),
              intermediaryAgents: u.intermediaryAgents?.map(agentLabel),
              remittance: u.remittanceInformation?.unstructured,
              instructedAmount: money(u.instructedAmount),
            }).filter(([, v]) => v !== undefined),
          ),
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

describeCorpus('ISO 20022 corpus', (dir) => {
  // Read on first use, not while the suite is collected: describeCorpus collects a skipped suite too.
  const root = join(dir, 'iso20022');
  let loaded: { samples: string[]; invalid: string[]; manifest: Map<string, ManifestRecord> } | undefined;
  const corpus = () => {
    if (loaded !== undefined) return loaded;
    const list = (top: string): string[] =>
      readdirSync(join(root, top))
        .sort()
        .flatMap((d) =>
          readdirSync(join(root, top, d))
            .filter((f) => f.endsWith('.xml'))
            .sort()
            .map((f) => `${d}/${f}`),
        );
    const records = (
      JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { files: ManifestRecord[] }
    ).files;
    loaded = {
      samples: list('samples'),
      invalid: list('invalid'),
      manifest: new Map(records.map((r) => [r.dest, r])),
    };
    return loaded;
  };
  const parse = (top: string, file: string) =>
    safeParseMessage(readFileSync(join(root, top, file)), { random: createSeededRandom(SEED) });

  it('should find the whole corpus (203 samples, 40 invalid files)', () => {
    expect(corpus().samples.length).toBe(203);
    expect(corpus().invalid.length).toBe(40);
  });

  it('should parse every XSD-valid sample except the listed semantic defects, which fail with their code', () => {
    // Arrange
    const surprises: string[] = [];
    // Act
    for (const file of corpus().samples) {
      const result = parse('samples', file);
      const refused = REFUSED_VALID_SAMPLES[file];
      if (refused === undefined && !result.ok) {
        surprises.push(
          `${file}: ${result.error.issues.map((i) => `${i.code} ${formatPath(i.path)}`).join(', ')}`,
        );
      } else if (refused !== undefined && (result.ok || result.error.code !== refused)) {
        surprises.push(`${file}: expected ${refused}, got ${result.ok ? 'success' : result.error.code}`);
      }
    }
    // Assert
    expect(surprises).toEqual([]);
    expect(Object.keys(REFUSED_VALID_SAMPLES).every((f) => corpus().samples.includes(f))).toBe(true);
  });

  it('should give payments that satisfy the canonical schema, and JSON that reads back exactly', () => {
    for (const file of corpus().samples) {
      const result = parse('samples', file);
      if (!result.ok) continue;
      const message = result.value;
      if ('payments' in message)
        for (const p of message.payments) expect(() => validateCanonicalPayment(p), file).not.toThrow();
      const json = JSON.parse(JSON.stringify(messageToJson(message)));
      expect(messageFromJson(json), file).toEqual(message);
    }
  });

  it('should agree with manifest.json on transaction, entry and report counts, and on the header', () => {
    let checked = 0;
    for (const file of corpus().samples) {
      const record = corpus().manifest.get(`samples/${file}`)!;
      const result = parse('samples', file);
      if (!result.ok) continue;
      const m = result.value;
      const tx = record.tx ?? {};
      expect(m.version, file).toBe(record.msgid);
      if ('payments' in m) expect(m.payments.length, file).toBe(tx.CdtTrfTxInf ?? 0);
      if (m.type === 'pacs.002') expect(m.transactions.length, file).toBe(tx.TxInfAndSts ?? 0);
      if ('reports' in m) {
        expect(m.reports.length, file).toBe(tx.Stmt ?? tx.Ntfctn ?? tx.Rpt);
        expect(
          m.reports.reduce((n, r) => n + (r.entries?.length ?? 0), 0),
          file,
        ).toBe(tx.Ntry ?? 0);
      }
      expect(m.appHeader?.version, file).toBe(record.apphdr ?? undefined);
      const mismatch = m.warnings.some((w) => w.code === 'ISO20022_HEADER_MISMATCH');
      expect(mismatch, file).toBe(record.apphdr !== null && record.msgdefidr !== record.msgid);
      checked++;
    }
    expect(checked).toBe(203 - Object.keys(REFUSED_VALID_SAMPLES).length);
  });

  it(`should read the key fields of ${KEY_FIELDS.length} samples as written in them`, () => {
    expect(KEY_FIELDS.length).toBeGreaterThanOrEqual(30);
    for (const [file, expected] of KEY_FIELDS) {
      const message = parseMessage(readFileSync(join(root, 'samples', file)), {
        random: createSeededRandom(SEED),
      });
      expect(actualKeyFields(message), file).toEqual(expected);
    }
  });

  it(`should read the fields later stages need from ${LATER_STAGE_FIELDS.length} samples that carry them`, () => {
    for (const [file, expected] of LATER_STAGE_FIELDS) {
      // Act
      const result = parse('samples', file);
      // Assert
      expect(result.ok, file).toBe(true);
      if (!result.ok || !('payments' in result.value)) continue;
      const p = result.value.payments[0]!;
      expect(laterStageFields(p), file).toEqual(expected);
      // otherIds stays what it was: the same identifiers, without their scheme.
      expect(p.debtor.otherIds, file).toEqual(p.debtor.otherIdentifications?.map((o) => o.id));
    }
  });

  it('should assign UETRs only where the message has none, and keep the original identifiers', () => {
    for (const file of corpus().samples) {
      const result = parse('samples', file);
      if (!result.ok || !('payments' in result.value)) continue;
      for (const p of result.value.payments) {
        if (result.value.type === 'pain.001' && !file.includes('pain.001.001.09'))
          expect(p.source.uetrAssigned, file).toBe(true);
        if (p.source.uetrAssigned)
          expect(p.uetr).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(p.messageId).toBe(result.value.groupHeader.messageId);
      }
    }
  });

  it('should decide every file that fails the XSD: refused with a fitting code, or accepted with a reason', () => {
    // Arrange
    expect(Object.keys(INVALID_FILE_DECISIONS).sort()).toEqual(corpus().invalid);
    const wrong: string[] = [];
    // Act
    for (const file of corpus().invalid) {
      const decision = INVALID_FILE_DECISIONS[file]!;
      const result = parse('invalid', file);
      if ('refuse' in decision) {
        if (result.ok || result.error.code !== decision.refuse)
          wrong.push(
            `${file}: expected ${decision.refuse}, got ${result.ok ? 'success' : result.error.code}`,
          );
      } else if (!result.ok) {
        wrong.push(
          `${file}: expected success (${decision.accept}), got ${result.error.code} ${formatPath(result.error.path)}`,
        );
      } else {
        const codes = [...new Set(result.value.warnings.map((w) => w.code))].sort();
        if (JSON.stringify(codes) !== JSON.stringify([...(decision.warnings ?? [])].sort()))
          wrong.push(`${file}: warnings ${codes.join(', ')}`);
      }
    }
    // Assert
    expect(wrong).toEqual([]);
  });
});
