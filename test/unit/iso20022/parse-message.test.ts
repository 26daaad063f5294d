import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type CanonicalPayment,
  createSeededRandom,
  DeltranError,
  formatPath,
  fromMinor,
  money,
  validateCanonicalPayment,
} from 'deltran';
import {
  Iso20022Error,
  Iso20022ErrorCodes,
  messageFromJson,
  messageToJson,
  parseCamt052,
  parseCamt053,
  parseCamt054,
  parseMessage,
  parsePacs002,
  parsePacs008,
  parsePacs009,
  parsePain001,
  SUPPORTED_VERSIONS,
  safeParseMessage,
  safeParsePacs008,
} from 'deltran/iso20022';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/iso20022/${path}`, import.meta.url)));
const random = () => createSeededRandom(42);

/** The payment of pacs008/valid/minimal.xml, field by field: the canonical form in full. */
const MINIMAL_PAYMENT: CanonicalPayment = {
  uetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
  endToEndId: 'E2E-0001',
  messageId: 'MSG-20260302-0001',
  source: { type: 'pacs.008', version: 'pacs.008.001.08' },
  amount: money('1250.50', 'EUR'),
  debtor: {
    name: 'Acme Widgets GmbH',
    postalAddress: {
      country: 'DE',
      townName: 'Frankfurt',
      postCode: '60311',
      streetName: 'Hauptstrasse',
      buildingNumber: '1',
    },
    account: { iban: 'DE89370400440532013000' },
  },
  creditor: {
    name: 'Boulangerie Martin SARL',
    postalAddress: { country: 'FR', townName: 'Paris' },
    account: { iban: 'FR1420041010050500013M02606' },
  },
  debtorAgent: { bic: 'DEUTDEFFXXX' },
  creditorAgent: { bic: 'BNPAFRPPXXX' },
  instructionId: 'INSTR-E2E-0001',
  creationDateTime: '2026-03-02T09:30:00+01:00',
  settlementDate: '2026-03-02',
  chargeBearer: 'SHAR',
  instructingAgent: { bic: 'DEUTDEFFXXX' },
  instructedAgent: { bic: 'BNPAFRPPXXX' },
  remittanceInformation: { unstructured: ['Invoice 2026-0042'] },
};

describe('parseMessage', () => {
  it('should turn a pacs.008 into canonical payments, with version and group header', () => {
    // Act
    const message = parseMessage(fixture('pacs008/valid/minimal.xml'));
    // Assert
    expect(message.type).toBe('pacs.008');
    expect(message.version).toBe('pacs.008.001.08');
    expect(message.appHeader).toBeUndefined();
    expect(message.groupHeader).toEqual({
      messageId: 'MSG-20260302-0001',
      creationDateTime: '2026-03-02T09:30:00+01:00',
      numberOfTransactions: '1',
      settlementMethod: 'INDA',
    });
    expect(message.warnings).toEqual([]);
    if (message.type !== 'pacs.008') return;
    expect(message.payments).toEqual([MINIMAL_PAYMENT]);
  });

  it('should read bytes and text alike', () => {
    const bytes = fixture('pacs008/valid/minimal.xml');
    expect(parseMessage(bytes.toString('utf8'))).toEqual(parseMessage(bytes));
  });

  it.each([
    'prefixed-single-quoted-crlf.xml',
    'bom-no-declaration.xml',
    'swift-envelope-header-mismatch.xml',
  ])('should read %s to the same payments as the plain message', (file) => {
    const message = parseMessage(fixture(`pacs008/valid/${file}`));
    expect(message.type === 'pacs.008' && message.payments).toEqual([MINIMAL_PAYMENT]);
  });

  it('should read the AppHdr of an envelope, and warn when it names another message than the Document', () => {
    // Act
    const message = parseMessage(fixture('pacs008/valid/swift-envelope-header-mismatch.xml'));
    // Assert
    expect(message.version).toBe('pacs.008.001.08'); // from the Document namespace, not the header
    expect(message.appHeader).toEqual({
      version: 'head.001.001.02',
      from: { institution: { bic: 'DEUTDEFFXXX' } },
      to: { institution: { bic: 'BNPAFRPPXXX' } },
      businessMessageId: 'MSG-20260302-0001',
      messageDefinitionId: 'pacs.008.001.12',
      businessService: 'swift.cbprplus.02',
      creationDate: '2026-03-02T08:30:00Z',
    });
    expect(message.warnings).toEqual([
      {
        code: 'ISO20022_HEADER_MISMATCH',
        path: ['AppHdr', 'MsgDefIdr'],
        message:
          'the header names "pacs.008.001.12" but the Document is pacs.008.001.08; the Document namespace is what counts',
      },
    ]);
  });

  it('should find a Document three wrappers deep (FedNow) with a head.001.001.04 header', () => {
    const message = parseMessage(fixture('pacs008/valid/fednow-wrapper.xml'));
    expect(message.appHeader?.version).toBe('head.001.001.04');
    expect(message.appHeader?.from).toEqual({ institution: { clearingMemberId: '021040078' } });
    expect(message.type === 'pacs.008' && message.payments[0]?.amount).toEqual(money('75.00', 'USD'));
  });

  it('should decode entities, character references and CDATA, and drop trailing fraction zeros', () => {
    const message = parseMessage(fixture('pacs008/valid/entities-cdata-trailing-zeros.xml'));
    if (message.type !== 'pacs.008') throw new Error('expected pacs.008');
    const payment = message.payments[0]!;
    expect(payment.debtor.name).toBe('Smith & Söhne <GmbH>  ❤');
    expect(payment.remittanceInformation?.unstructured).toEqual(['Invoice <42> & co']);
    expect(payment.amount).toEqual(fromMinor(1815n, 'EUR')); // "18.150" EUR
  });

  it('should apply group-level fields and assign UETRs to a pacs.008.001.02 (SEPA), keeping its ids', () => {
    // Act
    const message = parsePacs008(fixture('pacs008/valid/v02-no-uetr-group-level-fields.xml'), {
      random: random(),
    });
    // Assert
    expect(message.groupHeader).toMatchObject({
      totalInterbankSettlementAmount: money('30.00', 'EUR'),
      interbankSettlementDate: '2026-03-03',
      clearingSystem: 'ST2',
      instructingAgent: { bic: 'DEUTDEFF' },
    });
    const [first, second] = message.payments;
    expect(first).toMatchObject({
      endToEndId: 'NOTPROVIDED', // shared by both transactions: allowed for this placeholder
      transactionId: 'TX-1',
      settlementDate: '2026-03-03',
      instructingAgent: { bic: 'DEUTDEFF' },
      debtorAgent: { bic: 'ABNANL2A' },
      creditor: { name: 'Stadtwerke', bic: 'DEUTDEFF' },
      source: { type: 'pacs.008', version: 'pacs.008.001.02', uetrAssigned: true },
    });
    expect(second?.amount).toEqual(money('20', 'EUR'));
    expect(first?.uetr).not.toBe(second?.uetr);
  });

  it('should assign pain.001 UETRs from the injected random source, reproducibly', () => {
    // Arrange
    const bytes = fixture('pain001/valid/two-payment-blocks.xml');
    // Act
    const a = parsePain001(bytes, { random: createSeededRandom(1) });
    const b = parsePain001(bytes, { random: createSeededRandom(1) });
    const c = parsePain001(bytes, { random: createSeededRandom(2) });
    // Assert
    expect(a.payments.map((p) => p.uetr)).toEqual(b.payments.map((p) => p.uetr));
    expect(a.payments.map((p) => p.uetr)).not.toEqual(c.payments.map((p) => p.uetr));
    expect(a.payments.map((p) => p.source)).toEqual(
      Array(3).fill({ type: 'pain.001', version: 'pain.001.001.09', uetrAssigned: true }),
    );
  });

  it('should give each pain.001 transaction what its payment block says', () => {
    const message = parsePain001(fixture('pain001/valid/two-payment-blocks.xml'), { random: random() });
    expect(message.groupHeader).toMatchObject({
      numberOfTransactions: '3',
      controlSum: '5350.10',
      initiatingParty: { name: 'Acme Widgets GmbH' },
    });
    const [p1, p2, p3] = message.payments;
    expect(p1).toMatchObject({
      messageId: 'PAIN-2026-03-02-001',
      paymentInformationId: 'PMTINF-1',
      instructionId: 'I-E2E-1',
      endToEndId: 'E2E-1',
      amount: money('100.00', 'EUR'),
      requestedExecutionDate: '2026-03-04',
      chargeBearer: 'SLEV',
      categoryPurpose: 'SUPP',
      debtor: {
        name: 'Acme Widgets GmbH',
        postalAddress: { country: 'DE' },
        account: { iban: 'DE89370400440532013000' },
      },
      debtorAgent: { bic: 'DEUTDEFFXXX' },
      creditorAgent: { bic: 'BNPAFRPPXXX' },
    });
    expect(p2?.purpose).toBe('GDDS');
    expect(p3).toMatchObject({
      paymentInformationId: 'PMTINF-2',
      amount: money('5000', 'JPY'),
      requestedExecutionDate: '2026-03-05',
    });
  });

  it('should read pain.001.001.03 (ReqdExctnDt as a date, BIC)', () => {
    const message = parsePain001(fixture('pain001/valid/v03-date-and-bic.xml'), { random: random() });
    expect(message.payments[0]).toMatchObject({
      requestedExecutionDate: '2026-03-04',
      debtorAgent: { bic: 'DEUTDEFFXXX' },
    });
  });

  it('should map the institutions of a pacs.009 COV to debtor and creditor', () => {
    const message = parsePacs009(fixture('pacs009/valid/cover.xml'));
    expect(message.groupHeader.settlementMethod).toBe('COVE');
    expect(message.payments[0]).toMatchObject({
      source: { type: 'pacs.009', version: 'pacs.009.001.08' },
      uetr: '7a1f5e2c-3b4d-4e6f-8a9b-0c1d2e3f4a5b',
      amount: money('1000000.00', 'USD'),
      debtor: { bic: 'DEUTDEFFXXX' },
      creditor: {
        bic: 'CHASUS33XXX',
        name: 'JPMorgan Chase',
        postalAddress: { townName: 'New York', country: 'US' },
      },
      debtorAgent: {},
      creditorAgent: { bic: 'CITIUS33XXX' },
    });
  });

  it('should read a pacs.002 rejection: original ids, status, reason, original amount', () => {
    const message = parsePacs002(fixture('pacs002/valid/rejected-with-reason.xml'));
    expect(message.messageId).toBe('STS-2026-03-02-01');
    expect(message.originalGroups).toEqual([
      {
        originalMessageId: 'MSG-20260302-0001',
        originalMessageNameId: 'pacs.008.001.08',
        groupStatus: 'PART',
      },
    ]);
    expect(message.transactions).toEqual([
      {
        statusId: 'STS-1',
        originalMessageId: 'MSG-20260302-0001',
        originalMessageNameId: 'pacs.008.001.08',
        originalInstructionId: 'INSTR-E2E-0001',
        originalEndToEndId: 'E2E-0001',
        originalUetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
        status: 'RJCT',
        reasons: [{ code: 'AC01', additionalInformation: ['Account number incorrect'] }],
        instructingAgent: { bic: 'BNPAFRPPXXX' },
        instructedAgent: { bic: 'DEUTDEFFXXX' },
        originalSettlementAmount: money('1250.50', 'EUR'),
      },
    ]);
  });

  it('should keep a bad identifier in a report as a warning, not a failure', () => {
    const status = parsePacs002(fixture('pacs002/valid/bad-bic-is-a-warning.xml'));
    expect(status.transactions[0]?.instructingAgent?.bic).toBe('ZZZZ99');
    expect(status.warnings.map((w) => `${w.code} ${formatPath(w.path)}`)).toEqual([
      'ISO20022_INVALID_BIC TxInfAndSts[0]/InstgAgt/FinInstnId/BICFI',
    ]);
    const notification = parseCamt054(fixture('camt054/valid/bad-iban-is-a-warning.xml'));
    expect(notification.warnings.map((w) => w.code)).toEqual(['ISO20022_INVALID_IBAN']);
  });

  it('should read a camt.053 statement: account, balances, entries and their transactions', () => {
    // Act
    const message = parseCamt053(fixture('camt053/valid/statement-v08.xml'));
    // Assert
    expect(message.groupHeader.pagination).toEqual({ pageNumber: '1', lastPage: true });
    const [statement] = message.reports;
    expect(statement).toMatchObject({
      id: 'STMT-1',
      electronicSequenceNumber: '42',
      account: { iban: 'DE89370400440532013000', currency: 'EUR' },
      accountOwner: { name: 'Acme Widgets GmbH' },
      servicer: { bic: 'DEUTDEFFXXX' },
    });
    expect(statement?.balances).toEqual([
      { type: 'OPBD', amount: money('10000.00', 'EUR'), creditDebit: 'CRDT', date: '2026-03-02' },
      {
        type: 'CLBD',
        amount: money('11250.50', 'EUR'),
        creditDebit: 'CRDT',
        date: '2026-03-02T18:00:00+01:00',
      },
    ]);
    expect(statement?.entries).toEqual([
      {
        entryReference: 'NTRY-1',
        amount: money('1250.50', 'EUR'),
        creditDebit: 'CRDT',
        status: 'BOOK',
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        accountServicerReference: 'SVC-REF-1',
        bankTransactionCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'XBCT' },
        transactions: [
          {
            endToEndId: 'E2E-0001',
            uetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
            amount: money('1250.50', 'EUR'),
            creditDebit: 'CRDT',
            remittanceInformation: ['Invoice 2026-0042'],
            debtor: { name: 'Boulangerie Martin SARL', account: { iban: 'FR1420041010050500013M02606' } },
          },
        ],
      },
    ]);
  });

  it('should read the older camt layout (Sts as a code, BIC, Dbtr without Pty) the same way', () => {
    const entry = parseCamt053(fixture('camt053/valid/statement-v02-status-code.xml')).reports[0]
      ?.entries?.[0];
    expect(entry?.status).toBe('BOOK');
    expect(entry?.transactions?.[0]?.debtor?.name).toBe('Boulangerie Martin SARL');
  });

  it('should read camt.052 and camt.054 with the same extraction', () => {
    expect(parseCamt052(fixture('camt052/valid/intraday-report.xml')).reports[0]?.entries?.[0]?.status).toBe(
      'PDNG',
    );
    expect(
      parseCamt054(fixture('camt054/valid/credit-notification.xml')).reports[0]?.entries?.[0]
        ?.transactions?.[0]?.uetr,
    ).toBe('eb6305c9-1f7f-49de-aed0-16487c27b42d');
  });

  it('should collect every problem of a message into one error', () => {
    // Arrange: three problems in two transactions.
    const xml = fixture('pacs008/valid/multi-transaction.xml')
      .toString('utf8')
      .replace(
        '<IntrBkSttlmAmt Ccy="EUR">100.00</IntrBkSttlmAmt>',
        '<IntrBkSttlmAmt Ccy="EUR">100.001</IntrBkSttlmAmt>',
      )
      .replace('<BICFI>BNPAFRPPXXX</BICFI>', '<BICFI>BNPAFRPP</BICFI><!-- fine -->')
      .replace('<IBAN>DE89370400440532013000</IBAN>', '<IBAN>DE00370400440532013000</IBAN>')
      .replace('<EndToEndId>E2E-C</EndToEndId>', '<EndToEndId>E2E-B</EndToEndId>');
    // Act
    const result = safeParseMessage(xml);
    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(Iso20022Error);
    expect(result.error).toBeInstanceOf(DeltranError);
    expect(result.error.issues.map((i) => `${i.code} ${formatPath(i.path)}`)).toEqual([
      'ISO20022_INVALID_AMOUNT CdtTrfTxInf[0]/IntrBkSttlmAmt',
      'ISO20022_INVALID_IBAN CdtTrfTxInf[0]/DbtrAcct/Id/IBAN',
      'ISO20022_DUPLICATE_END_TO_END_ID CdtTrfTxInf[2]/PmtId/EndToEndId',
    ]);
    expect(result.error.code).toBe('ISO20022_INVALID_AMOUNT');
    expect(result.error.message).toMatchInlineSnapshot(
      `"[deltran] safeParseMessage: CdtTrfTxInf[0]/IntrBkSttlmAmt: expected at most 2 fraction digits for EUR, got "100.001" EUR (and 2 more issues)"`,
    );
  });

  it('should throw from parseX and return an Err from safeParseX', () => {
    const bad = fixture('pacs008/invalid/amount-too-many-decimals.xml');
    expect(() => parseMessage(bad)).toThrow(Iso20022Error);
    const result = safeParsePacs008(bad);
    expect(result.ok || result.error.code).toBe(Iso20022ErrorCodes.INVALID_AMOUNT);
  });

  it('should refuse another message type in a per-type entry point', () => {
    const result = safeParsePacs008(fixture('camt053/valid/statement-v08.xml'));
    expect(result.ok || [result.error.code, result.error.message]).toEqual([
      'ISO20022_UNEXPECTED_MESSAGE_TYPE',
      '[deltran] safeParsePacs008: Document: expected a pacs.008 message, got camt.053.001.08',
    ]);
  });

  it('should list the versions it reads', () => {
    expect(SUPPORTED_VERSIONS).toContain('pacs.008.001.13');
    expect(SUPPORTED_VERSIONS).toContain('camt.052.001.08');
    expect(SUPPORTED_VERSIONS).not.toContain('pain.001.001.02');
    expect(SUPPORTED_VERSIONS.length).toBe(10 + 13 + 11 + 12 + 3 * 12);
  });

  it('should refuse options that are not positive integers', () => {
    const result = safeParseMessage('<a/>', { maxBytes: -1 });
    expect(result.ok || result.error.code).toBe('ISO20022_INVALID_VALUE');
  });

  describe('fields later stages need', () => {
    const minimal = fixture('pacs008/valid/minimal.xml').toString('utf8');
    const cover = fixture('pacs009/valid/cover.xml').toString('utf8');
    const v02 = fixture('pacs008/valid/v02-no-uetr-group-level-fields.xml').toString('utf8');
    const bic = (b: string) => `<FinInstnId><BICFI>${b}</BICFI></FinInstnId>`;
    /** minimal.xml with a group-level PmtTpInf and every new transaction field. */
    const rich = (changes: { instructionPriority?: string; charge?: string; instruction?: string } = {}) =>
      minimal
        .replace(
          '</SttlmInf>',
          '</SttlmInf><PmtTpInf><InstrPrty>NORM</InstrPrty><SvcLvl><Cd>G001</Cd></SvcLvl><LclInstrm><Prtry>CTRC</Prtry></LclInstrm><CtgyPurp><Cd>CASH</Cd></CtgyPurp></PmtTpInf>',
        )
        .replace(
          '</PmtId>',
          `</PmtId><PmtTpInf><InstrPrty>${changes.instructionPriority ?? 'HIGH'}</InstrPrty><SvcLvl><Cd>URGP</Cd></SvcLvl><SvcLvl><Prtry>BANK-X</Prtry></SvcLvl></PmtTpInf>`,
        )
        .replace(
          '<IntrBkSttlmDt>2026-03-02</IntrBkSttlmDt>',
          '<IntrBkSttlmDt>2026-03-02</IntrBkSttlmDt><SttlmPrty>URGT</SttlmPrty>',
        )
        .replace(
          '<ChrgBr>SHAR</ChrgBr>',
          `<ChrgBr>SHAR</ChrgBr><ChrgsInf><Amt Ccy="EUR">${changes.charge ?? '2.50'}</Amt><Agt>${bic('DEUTDEFFXXX')}</Agt></ChrgsInf><ChrgsInf><Amt Ccy="EUR">1</Amt><Agt><FinInstnId><Nm>Correspondent</Nm></FinInstnId></Agt></ChrgsInf><PrvsInstgAgt1>${bic('COBADEFFXXX')}</PrvsInstgAgt1><PrvsInstgAgt3>${bic('INGBNL2AXXX')}</PrvsInstgAgt3>`,
        )
        .replace(
          '<Nm>Acme Widgets GmbH</Nm>',
          '<Nm>Acme Widgets GmbH</Nm><Id><OrgId><Othr><Id>DE123456789</Id><SchmeNm><Cd>TXID</Cd></SchmeNm><Issr>BZSt</Issr></Othr><Othr><Id>C-42</Id></Othr></OrgId></Id>',
        )
        .replace(
          '<Nm>Boulangerie Martin SARL</Nm>',
          '<Nm>Boulangerie Martin SARL</Nm><Id><PrvtId><Othr><Id>P-7</Id><SchmeNm><Prtry>CLIENT</Prtry></SchmeNm></Othr></PrvtId></Id>',
        )
        .replace(
          '<RmtInf>',
          `<InstrForCdtrAgt><Cd>PHOB</Cd></InstrForCdtrAgt><InstrForCdtrAgt><Cd>TELB</Cd><InstrInf>${changes.instruction ?? 'Call +33 1 23 45 67 89'}</InstrInf></InstrForCdtrAgt><InstrForNxtAgt><InstrInf>/ACC/ARRIVING FRIDAY</InstrInf></InstrForNxtAgt><RmtInf>`,
        );

    it('should read payment type, settlement priority, charges, instructions, previous agents and party ids', () => {
      // Act
      const message = parsePacs008(rich());
      // Assert
      const p = message.payments[0]!;
      // The transaction's PmtTpInf wins field by field; what it lacks comes from the group's.
      expect(p.serviceLevel).toEqual(['URGP', 'BANK-X']);
      expect(p.instructionPriority).toBe('HIGH');
      expect(p.localInstrument).toBe('CTRC');
      expect(p.categoryPurpose).toBe('CASH');
      expect(p.settlementPriority).toBe('URGT');
      expect(p.charges).toEqual([
        { amount: money('2.50', 'EUR'), agent: { bic: 'DEUTDEFFXXX' } },
        { amount: money('1.00', 'EUR'), agent: { name: 'Correspondent' } },
      ]);
      expect(p.previousInstructingAgents).toEqual([{ bic: 'COBADEFFXXX' }, { bic: 'INGBNL2AXXX' }]);
      // An instruction with a code only has no text to keep.
      expect(p.instructionsForCreditorAgent).toEqual(['Call +33 1 23 45 67 89']);
      expect(p.instructionsForNextAgent).toEqual(['/ACC/ARRIVING FRIDAY']);
      expect(p.debtor.otherIds).toEqual(['DE123456789', 'C-42']);
      expect(p.debtor.otherIdentifications).toEqual([
        { id: 'DE123456789', scheme: 'TXID', issuer: 'BZSt' },
        { id: 'C-42' },
      ]);
      expect(p.creditor.otherIdentifications).toEqual([{ id: 'P-7', scheme: 'CLIENT' }]);
      expect(validateCanonicalPayment(p)).toEqual(p);
    });

    it('should encode the charges in the JSON form as decimal strings and read them back exactly', () => {
      // Arrange
      const message = parseMessage(rich());
      // Act
      const json = messageToJson(message);
      // Assert
      expect(json.type === 'pacs.008' && json.payments[0]?.charges).toEqual([
        { amount: { currency: 'EUR', amount: '2.50' }, agent: { bic: 'DEUTDEFFXXX' } },
        { amount: { currency: 'EUR', amount: '1.00' }, agent: { name: 'Correspondent' } },
      ]);
      expect(messageFromJson(JSON.parse(JSON.stringify(json)))).toEqual(message);
    });

    it('should take PmtTpInf from the group when the transaction has none', () => {
      // Act
      const message = parsePacs008(rich().replace(/<\/PmtId><PmtTpInf>.*?<\/PmtTpInf>/, '</PmtId>'));
      // Assert
      expect(message.payments[0]).toMatchObject({
        serviceLevel: ['G001'],
        instructionPriority: 'NORM',
        localInstrument: 'CTRC',
        categoryPurpose: 'CASH',
      });
    });

    it('should read the older forms: one PrvsInstgAgt, ChrgsInf with Pty (.02), ChrgsAmt and ChrgsPty (.01)', () => {
      // Arrange
      const agent = '<FinInstnId><BIC>COBADEFF</BIC></FinInstnId>';
      const v02WithOld = v02.replace(
        '<ChrgBr>SLEV</ChrgBr>',
        `<ChrgBr>SLEV</ChrgBr><ChrgsInf><Amt Ccy="EUR">0.20</Amt><Pty>${agent}</Pty></ChrgsInf><PrvsInstgAgt>${agent}</PrvsInstgAgt>`,
      );
      const v01 = v02WithOld
        .replace('pacs.008.001.02', 'pacs.008.001.01')
        .replace('<Amt Ccy="EUR">0.20</Amt><Pty>', '<ChrgsAmt Ccy="EUR">0.20</ChrgsAmt><ChrgsPty>')
        .replace(`${agent}</Pty>`, `${agent}</ChrgsPty>`)
        // .01 has the category purpose as a bare code.
        .replace('</SttlmInf>', '</SttlmInf><PmtTpInf><CtgyPurp>SUPP</CtgyPurp></PmtTpInf>');
      for (const xml of [v02WithOld, v01]) {
        // Act
        const p = parsePacs008(xml, { random: random() }).payments[0]!;
        // Assert
        expect(p.charges).toEqual([{ amount: money('0.20', 'EUR'), agent: { bic: 'COBADEFF' } }]);
        expect(p.previousInstructingAgents).toEqual([{ bic: 'COBADEFF' }]);
      }
      expect(parsePacs008(v01, { random: random() }).payments[0]?.categoryPurpose).toBe('SUPP');
    });

    it('should read the customer transfer a pacs.009 COV covers, for screening', () => {
      // Arrange
      const xml = cover
        .replace(
          '<Dbtr><Nm>Acme Widgets GmbH</Nm></Dbtr>',
          '<Dbtr><Nm>Acme Widgets GmbH</Nm><PstlAdr><Ctry>DE</Ctry></PstlAdr></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>',
        )
        .replace(
          '<CdtrAgt><FinInstnId><BICFI>CHASUS33XXX</BICFI></FinInstnId></CdtrAgt>\n          <Cdtr>',
          `<IntrmyAgt1>${bic('CITIUS33XXX')}</IntrmyAgt1><CdtrAgt>${bic('CHASUS33XXX')}</CdtrAgt>\n          <Cdtr>`,
        )
        .replace(
          '<Cdtr><Nm>Widget Buyers Inc</Nm></Cdtr>',
          '<Cdtr><Nm>Widget Buyers Inc</Nm></Cdtr><UltmtCdtr><Nm>Widget Holdings</Nm></UltmtCdtr><RmtInf><Ustrd>INV 77</Ustrd></RmtInf><InstdAmt Ccy="EUR">920000.00</InstdAmt>',
        );
      // Act
      const message = parsePacs009(xml);
      // Assert
      const u = message.payments[0]?.underlyingCustomerCreditTransfer;
      expect(u).toEqual({
        debtor: {
          name: 'Acme Widgets GmbH',
          postalAddress: { country: 'DE' },
          account: { iban: 'DE89370400440532013000' },
        },
        creditor: { name: 'Widget Buyers Inc' },
        debtorAgent: { bic: 'DEUTDEFFXXX' },
        creditorAgent: { bic: 'CHASUS33XXX' },
        ultimateCreditor: { name: 'Widget Holdings' },
        intermediaryAgents: [{ bic: 'CITIUS33XXX' }],
        remittanceInformation: { unstructured: ['INV 77'] },
        instructedAmount: money('920000.00', 'EUR'),
      });
      expect(validateCanonicalPayment(message.payments[0]!)).toEqual(message.payments[0]);
      const json = messageToJson(message);
      expect(
        json.type === 'pacs.009' && json.payments[0]?.underlyingCustomerCreditTransfer?.instructedAmount,
      ).toEqual({
        currency: 'EUR',
        amount: '920000.00',
      });
      expect(messageFromJson(JSON.parse(JSON.stringify(json)))).toEqual(message);
    });

    it('should refuse bad values in the new fields, each with its code and ISO path', () => {
      // Arrange
      const cases: [string, string, string][] = [
        [
          rich({ instructionPriority: 'FAST' }),
          'ISO20022_INVALID_VALUE',
          'CdtTrfTxInf[0]/PmtTpInf/InstrPrty',
        ],
        [rich({ charge: '2.555' }), 'ISO20022_INVALID_AMOUNT', 'CdtTrfTxInf[0]/ChrgsInf[0]/Amt'],
        [
          rich({ instruction: 'x'.repeat(141) }),
          'ISO20022_TEXT_TOO_LONG',
          'CdtTrfTxInf[0]/InstrForCdtrAgt[1]/InstrInf',
        ],
        [
          cover.replace('<Dbtr><Nm>Acme Widgets GmbH</Nm></Dbtr>', ''),
          'ISO20022_MISSING_ELEMENT',
          'CdtTrfTxInf[0]/UndrlygCstmrCdtTrf/Dbtr',
        ],
      ];
      for (const [xml, code, path] of cases) {
        // Act
        const result = safeParseMessage(xml);
        // Assert
        expect(result.ok).toBe(false);
        if (!result.ok) expect([result.error.code, formatPath(result.error.path)]).toEqual([code, path]);
      }
    });

    it('should give pain.001 transactions the payment block PmtTpInf and their own instructions', () => {
      // Arrange
      const xml = fixture('pain001/valid/two-payment-blocks.xml')
        .toString('utf8')
        .replace(
          '<PmtTpInf><CtgyPurp><Cd>SUPP</Cd></CtgyPurp></PmtTpInf>',
          '<PmtTpInf><InstrPrty>NORM</InstrPrty><SvcLvl><Cd>SEPA</Cd></SvcLvl><CtgyPurp><Cd>SUPP</Cd></CtgyPurp></PmtTpInf>',
        )
        .replace(
          '<Purp><Cd>GDDS</Cd></Purp>',
          '<PmtTpInf><LclInstrm><Cd>INST</Cd></LclInstrm></PmtTpInf><InstrForCdtrAgt><InstrInf>Urgent</InstrInf></InstrForCdtrAgt><Purp><Cd>GDDS</Cd></Purp>',
        );
      // Act
      const [first, second, third] = parsePain001(xml, { random: random() }).payments;
      // Assert
      expect(first).toMatchObject({
        serviceLevel: ['SEPA'],
        instructionPriority: 'NORM',
        categoryPurpose: 'SUPP',
      });
      expect(first?.localInstrument).toBeUndefined();
      expect(second).toMatchObject({
        serviceLevel: ['SEPA'],
        localInstrument: 'INST',
        instructionsForCreditorAgent: ['Urgent'],
      });
      expect(third?.serviceLevel).toBeUndefined();
      expect(third?.categoryPurpose).toBe('SUPP');
    });
  });

  describe('properties', () => {
    const minimal = fixture('pacs008/valid/minimal.xml').toString('utf8');
    const CURRENCIES = ['EUR', 'JPY', 'BHD', 'USD', 'CLF'] as const;
    const EXPONENT: Record<(typeof CURRENCIES)[number], number> = { EUR: 2, JPY: 0, BHD: 3, USD: 2, CLF: 4 };

    it('should read any representable amount exactly, with or without trailing zeros', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...CURRENCIES),
          fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }),
          fc.nat({ max: 2 }),
          (currency, minor, extraZeros) => {
            // Arrange: the decimal text written by hand from the minor units.
            const e = EXPONENT[currency];
            const digits = minor.toString().padStart(e + 1, '0');
            const text = e === 0 ? digits : `${digits.slice(0, -e)}.${digits.slice(-e)}`;
            const written =
              (text.includes('.') ? text : `${text}${extraZeros > 0 ? '.' : ''}`) + '0'.repeat(extraZeros);
            const xml = minimal.replace(
              '<IntrBkSttlmAmt Ccy="EUR">1250.50</IntrBkSttlmAmt>',
              `<IntrBkSttlmAmt Ccy="${currency}">${written}</IntrBkSttlmAmt>`,
            );
            // Act
            const message = parseMessage(xml);
            // Assert
            expect(message.type === 'pacs.008' && message.payments[0]?.amount).toEqual(
              fromMinor(minor, currency),
            );
          },
        ),
      );
    });

    it('should count any number of transactions and catch a wrong NbOfTxs', () => {
      const [head, rest] = minimal.split('    <CdtTrfTxInf>');
      const [tx, tail] = `    <CdtTrfTxInf>${rest}`.split('  </FIToFICstmrCdtTrf>');
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 14 }), (n, declared) => {
          const txs = Array.from({ length: n }, (_, i) =>
            tx!.replace('E2E-0001</EndToEndId>', `E2E-${i}</EndToEndId>`).replace(/<UETR>[^<]*<\/UETR>/, ''),
          );
          const xml = `${head!.replace('<NbOfTxs>1</NbOfTxs>', `<NbOfTxs>${declared}</NbOfTxs>`)}${txs.join('')}  </FIToFICstmrCdtTrf>${tail}`;
          const result = safeParseMessage(xml, { random: createSeededRandom(n) });
          if (declared === n)
            expect(
              result.ok && result.value.type === 'pacs.008' && result.value.payments.map((p) => p.endToEndId),
            ).toEqual(txs.map((_, i) => `E2E-${i}`));
          else expect(result.ok || result.error.code).toBe('ISO20022_NB_OF_TXS_MISMATCH');
        }),
      );
    });

    it('should never throw, whatever bytes it is given: bad input is a typed error', () => {
      const valid = fixture('pacs008/valid/swift-envelope-header-mismatch.xml');
      const mutated = fc
        .array(
          fc.record({
            at: fc.nat({ max: valid.length - 1 }),
            byte: fc.integer({ min: 0, max: 255 }),
            cut: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        )
        .map((edits) => {
          let bytes = Buffer.from(valid);
          for (const edit of edits) {
            const at = edit.at % bytes.length;
            bytes = edit.cut
              ? Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)])
              : Buffer.from(bytes.fill(edit.byte, at, at + 1));
          }
          return new Uint8Array(bytes);
        });
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (bytes) => {
          const result = safeParseMessage(bytes, { random: createSeededRandom(1) });
          if (!result.ok) {
            expect(result.error).toBeInstanceOf(Iso20022Error);
            expect(result.error.code).toMatch(/^ISO20022_[A-Z0-9_]+$/);
          }
        }),
      );
    });
  });
});
