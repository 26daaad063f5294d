import { type CanonicalPayment, fromMinor, money } from 'deltran';
import {
  buildCamt053,
  buildCamt054,
  buildMessage,
  buildPacs002,
  buildPacs008,
  buildPacs009,
  buildPain001,
  Iso20022BuildErrorCodes as Codes,
  Iso20022BuildError,
  safeBuildMessage,
} from 'deltran/iso20022';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pacs008Input } from '../../arbitraries/iso20022';

const HEADER = { messageId: 'MSG-1', creationDateTime: '2026-01-05T10:00:00Z' } as const;

const PAYMENT: CanonicalPayment = {
  uetr: '3e7b91d4-af28-4c53-b6e1-92d4a7c83f52',
  endToEndId: 'E2E-1',
  messageId: 'ORIGINAL',
  source: { type: 'api' },
  amount: money('12.50', 'EUR'),
  settlementDate: '2026-01-05',
  chargeBearer: 'SHAR',
  debtor: { name: 'A & B <Co>', account: { iban: 'DE89370400440532013000' } },
  creditor: { name: 'C', account: { otherId: '12345', otherScheme: 'BBAN' } },
  debtorAgent: { bic: 'DEUTDEFF' },
  creditorAgent: { bic: 'BNPAFRPP' },
};

/** The XML without the indentation. */
const flat = (xml: string): string => xml.replace(/>\s+</g, '><');

/** Runs a builder and returns its error (or fails the test). */
function errorOf(run: () => unknown): Iso20022BuildError {
  try {
    run();
  } catch (error) {
    if (error instanceof Iso20022BuildError) return error;
    throw error;
  }
  throw new Error('expected the builder to throw');
}

describe('buildPacs008', () => {
  it('should write the CBPR+ version by default, with escaping and the XSD element order', () => {
    // Act
    const xml = buildPacs008([PAYMENT], HEADER);
    // Assert
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">',
      ),
    ).toBe(true);
    expect(xml).toContain('<Nm>A &amp; B &lt;Co&gt;</Nm>');
    expect(xml).toContain('<IntrBkSttlmAmt Ccy="EUR">12.50</IntrBkSttlmAmt>');
    expect(xml).toContain('<MsgId>MSG-1</MsgId>');
    const order = [
      '<PmtId>',
      '<IntrBkSttlmAmt',
      '<IntrBkSttlmDt>',
      '<ChrgBr>',
      '<Dbtr>',
      '<DbtrAcct>',
      '<DbtrAgt>',
      '<CdtrAgt>',
      '<Cdtr>',
      '<CdtrAcct>',
    ];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('should pin the shape of a small message (snapshot: the shape is the point)', () => {
    expect(
      buildPacs008([PAYMENT], { ...HEADER, version: 'pacs.008.001.13', xmlDeclaration: false }),
    ).toMatchInlineSnapshot(`
      "<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.13">
        <FIToFICstmrCdtTrf>
          <GrpHdr>
            <MsgId>MSG-1</MsgId>
            <CreDtTm>2026-01-05T10:00:00Z</CreDtTm>
            <NbOfTxs>1</NbOfTxs>
            <CtrlSum>12.50</CtrlSum>
            <SttlmInf>
              <SttlmMtd>INDA</SttlmMtd>
            </SttlmInf>
          </GrpHdr>
          <CdtTrfTxInf>
            <PmtId>
              <EndToEndId>E2E-1</EndToEndId>
              <UETR>3e7b91d4-af28-4c53-b6e1-92d4a7c83f52</UETR>
            </PmtId>
            <IntrBkSttlmAmt Ccy="EUR">12.50</IntrBkSttlmAmt>
            <IntrBkSttlmDt>2026-01-05</IntrBkSttlmDt>
            <ChrgBr>SHAR</ChrgBr>
            <Dbtr>
              <Nm>A &amp; B &lt;Co&gt;</Nm>
            </Dbtr>
            <DbtrAcct>
              <Id>
                <IBAN>DE89370400440532013000</IBAN>
              </Id>
            </DbtrAcct>
            <DbtrAgt>
              <FinInstnId>
                <BICFI>DEUTDEFF</BICFI>
              </FinInstnId>
            </DbtrAgt>
            <CdtrAgt>
              <FinInstnId>
                <BICFI>BNPAFRPP</BICFI>
              </FinInstnId>
            </CdtrAgt>
            <Cdtr>
              <Nm>C</Nm>
            </Cdtr>
            <CdtrAcct>
              <Id>
                <Othr>
                  <Id>12345</Id>
                  <SchmeNm>
                    <Cd>BBAN</Cd>
                  </SchmeNm>
                </Othr>
              </Id>
            </CdtrAcct>
          </CdtTrfTxInf>
        </FIToFICstmrCdtTrf>
      </Document>
      "
    `);
  });

  it('should default MsgId and CreDtTm to the first payment, and refuse when neither has a time', () => {
    // Arrange
    const withTime = { ...PAYMENT, creationDateTime: '2026-01-05T09:00:00+01:00' };
    // Act / Assert
    expect(buildPacs008([withTime])).toContain('<MsgId>ORIGINAL</MsgId>');
    const error = errorOf(() => buildPacs008([PAYMENT]));
    expect(error.code).toBe(Codes.MISSING_ELEMENT);
    expect(error.path).toEqual(['GrpHdr', 'CreDtTm']);
  });

  it('should wrap the document in an envelope with a head.001 AppHdr', () => {
    // Act
    const xml = buildPacs008([PAYMENT], {
      ...HEADER,
      envelope: { from: { bic: 'DEUTDEFF' }, to: { bic: 'BNPAFRPP' }, businessService: 'swift.cbprplus.02' },
    });
    // Assert
    expect(xml).toContain('<Envelope xmlns="urn:swift:xsd:envelope">');
    expect(xml).toContain('<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">');
    expect(xml).toContain('<BizMsgIdr>MSG-1</BizMsgIdr>');
    expect(xml).toContain('<MsgDefIdr>pacs.008.001.08</MsgDefIdr>');
    expect(xml.indexOf('</AppHdr>')).toBeLessThan(xml.indexOf('<Document'));
  });

  it('should refuse what cannot be represented, reporting every issue with its ISO path', () => {
    // Arrange
    const bad: CanonicalPayment = {
      ...PAYMENT,
      uetr: '7b3c0b52-4f6e-4d1a-9c1e-2f4b8a9d0e11',
      amount: fromMinor(10n ** 18n, 'EUR'),
      endToEndId: 'X'.repeat(36),
      chargeBearer: undefined as never,
      debtor: { name: 'bell\u0007' },
      creditor: { name: 'ok', account: { iban: 'DE00370400440532013000' } },
    };
    delete (bad as { chargeBearer?: string }).chargeBearer;
    // Act
    const error = errorOf(() => buildPacs008([PAYMENT, bad], HEADER));
    // Assert
    expect(error.issues.map((i) => [i.code, i.path.join('/')])).toEqual([
      [Codes.TEXT_TOO_LONG, 'CdtTrfTxInf/1/PmtId/EndToEndId'],
      [Codes.AMOUNT_TOO_LARGE, 'CdtTrfTxInf/1/IntrBkSttlmAmt'],
      [Codes.MISSING_ELEMENT, 'CdtTrfTxInf/1/ChrgBr'],
      [Codes.INVALID_CHARACTER, 'CdtTrfTxInf/1/Dbtr/Nm'],
      [Codes.INVALID_IBAN, 'CdtTrfTxInf/1/CdtrAcct/Id/IBAN'],
    ]);
    expect(error.message).toMatchInlineSnapshot(
      `"[deltran] buildPacs008: CdtTrfTxInf[1]/PmtId/EndToEndId: expected at most 35 characters (Max35Text), got 36 (and 4 more issues)"`,
    );
  });

  it('should refuse duplicate UETRs and EndToEndIds, an unknown version and an empty list', () => {
    expect(errorOf(() => buildPacs008([PAYMENT, PAYMENT], HEADER)).issues.map((i) => i.code)).toEqual([
      Codes.DUPLICATE_UETR,
      Codes.DUPLICATE_END_TO_END_ID,
    ]);
    expect(
      errorOf(() => buildPacs008([PAYMENT], { ...HEADER, version: 'pacs.008.001.02' as never })).code,
    ).toBe(Codes.UNSUPPORTED_VERSION);
    expect(errorOf(() => buildPacs008([], HEADER)).code).toBe(Codes.MISSING_ELEMENT);
  });

  it('should count text length in characters, not UTF-16 units', () => {
    // Arrange: 35 emoji are 70 UTF-16 units but 35 characters (Max35Text)
    const p = { ...PAYMENT, endToEndId: '😀'.repeat(35) };
    // Act / Assert
    expect(buildPacs008([p], HEADER)).toContain(`<EndToEndId>${'😀'.repeat(35)}</EndToEndId>`);
  });
});

describe('buildPacs009 / buildPain001', () => {
  it('should write a bank-to-bank transfer and refuse customer-only fields', () => {
    // Arrange
    const fi: CanonicalPayment = { ...PAYMENT, debtor: { bic: 'DEUTDEFF' }, creditor: { bic: 'BNPAFRPP' } };
    // Act
    const { chargeBearer: _c, ...noCharges } = fi;
    const xml = buildPacs009([noCharges], HEADER);
    // Assert
    expect(xml).toContain('<FICdtTrf>');
    expect(flat(xml)).toContain('<Dbtr><FinInstnId><BICFI>DEUTDEFF</BICFI>');
    expect(errorOf(() => buildPacs009([fi], HEADER)).issues.map((i) => [i.code, i.path.join('/')])).toEqual([
      [Codes.NOT_REPRESENTABLE, 'CdtTrfTxInf/0/ChrgBr'],
    ]);
  });

  it('should group pain.001 payments by PmtInfId and require the debtor account and execution date', () => {
    // Arrange
    const base = { ...PAYMENT, requestedExecutionDate: '2026-01-06' } as CanonicalPayment;
    const { settlementDate: _s, ...p } = base;
    const a = { ...p, paymentInformationId: 'PI-1' };
    const b = { ...a, uetr: '7b3c0b52-4f6e-4d1a-9c1e-2f4b8a9d0e11', endToEndId: 'E2E-2' };
    // Act
    const xml = buildPain001([a, b], HEADER);
    // Assert
    expect(xml.match(/<PmtInf>/g)).toHaveLength(1);
    expect(xml).toContain('<PmtInfId>PI-1</PmtInfId>');
    expect(flat(xml)).toContain('<ReqdExctnDt><Dt>2026-01-06</Dt>');
    const { requestedExecutionDate: _r, ...noDate } = a;
    expect(errorOf(() => buildPain001([noDate], HEADER)).path).toEqual(['PmtInf', 0, 'ReqdExctnDt']);
    expect(errorOf(() => buildPain001([{ ...a, debtor: { name: 'x' } }, b], HEADER)).code).toBe(
      Codes.INCONSISTENT_INPUT,
    );
    expect(errorOf(() => buildPain001([base], HEADER)).code).toBe(Codes.NOT_REPRESENTABLE);
  });
});

describe('report builders', () => {
  it('should write a pacs.002 status with reasons', () => {
    const xml = buildPacs002({
      messageId: 'STS-1',
      creationDateTime: '2026-01-05T10:00:00Z',
      transactions: [
        {
          originalMessageId: 'MSG-1',
          originalMessageNameId: 'pacs.008.001.08',
          originalEndToEndId: 'E2E-1',
          originalUetr: PAYMENT.uetr,
          status: 'RJCT',
          reasons: [{ code: 'AC01', additionalInformation: ['account closed'] }],
        },
      ],
    });
    expect(xml).toContain('<TxSts>RJCT</TxSts>');
    expect(flat(xml)).toContain('<Rsn><Cd>AC01</Cd></Rsn>');
  });

  it('should require a balance in camt.053 and refuse one in camt.054', () => {
    const report = {
      messageId: 'C-1',
      creationDateTime: '2026-01-05T10:00:00Z',
      reports: [{ id: 'S-1', account: { iban: 'DE89370400440532013000' } }],
    };
    expect(errorOf(() => buildCamt053(report)).path).toEqual(['Stmt', 0, 'Bal']);
    const withBalance = {
      ...report,
      reports: [
        {
          ...report.reports[0]!,
          balances: [
            { type: 'OPBD', amount: money('1.00', 'EUR'), creditDebit: 'CRDT' as const, date: '2026-01-05' },
          ],
        },
      ],
    };
    expect(buildCamt053(withBalance)).toContain('<Cd>OPBD</Cd>');
    // A report records what happened: an IBAN with bad check digits is written as the parser reads it.
    const badIban = {
      ...withBalance,
      reports: [{ ...withBalance.reports[0]!, account: { iban: 'DE00370400440532013000' } }],
    };
    expect(buildCamt053(badIban)).toContain('<IBAN>DE00370400440532013000</IBAN>');
    expect(errorOf(() => buildCamt054(withBalance)).code).toBe(Codes.NOT_REPRESENTABLE);
    const entry = {
      amount: money('5.00', 'EUR'),
      creditDebit: 'CRDT' as const,
      status: 'BOOK',
      bookingDate: '2026-01-05',
    };
    const xml = buildCamt054({ ...report, reports: [{ ...report.reports[0]!, entries: [entry] }] });
    expect(xml).toContain('<BkTxCd/>');
  });

  it('should refuse an empty camt.053 / camt.054 and an unknown version, naming the builder', () => {
    const empty = { messageId: 'C-2', creationDateTime: '2026-01-05T10:00:00Z', reports: [] };
    const statement = errorOf(() => buildCamt053(empty));
    const notification = errorOf(() => buildCamt054(empty));
    expect([statement.code, statement.path]).toEqual([Codes.MISSING_ELEMENT, ['Stmt']]);
    expect(statement.message).toContain('buildCamt053');
    expect(statement.message).toContain('expected at least one statement');
    expect([notification.code, notification.path]).toEqual([Codes.MISSING_ELEMENT, ['Ntfctn']]);
    expect(notification.message).toContain('expected at least one notification');
    const old = errorOf(() => buildCamt054(empty, { version: 'camt.054.001.02' as never }));
    expect([old.code, old.message]).toEqual([
      Codes.UNSUPPORTED_VERSION,
      expect.stringContaining('buildCamt054: expected camt.054.001.08, got "camt.054.001.02"'),
    ]);
  });

  it('should dispatch by type in buildMessage, and return errors as values in safeBuildMessage', () => {
    expect(buildMessage('pacs.008', [PAYMENT], { ...HEADER, version: '13' })).toContain('pacs.008.001.13');
    const result = safeBuildMessage('camt.053', [PAYMENT], HEADER);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(Codes.INCONSISTENT_INPUT);
  });
});

describe('properties', () => {
  it('should be deterministic: the same input gives the same bytes', () => {
    fc.assert(
      fc.property(pacs008Input(), ({ header, payments }) => {
        expect(buildPacs008(payments, header)).toBe(buildPacs008(structuredClone(payments), { ...header }));
      }),
      { numRuns: 50 },
    );
  });
});
