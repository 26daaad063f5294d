import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CanonicalPayment,
  createSeededRandom,
  fromMinor,
  money,
  validateCanonicalPayment,
} from 'deltran';
import {
  buildMt103,
  Mt103ErrorCodes,
  type Mt103Message,
  mt103ToPayment,
  parseMt103,
  parseMt103Batch,
  paymentToMt103,
  safeParseMt103,
  toSwiftX,
} from 'deltran/iso20022';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCorpus } from '../../_helpers/corpus';
import { mt103Message, pacs008Input } from '../../arbitraries/iso20022';

const MINIMAL = [
  '{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:{121:180f1e65-90e0-44d5-a49a-92b55eb3025f}}{4:',
  ':20:REF1',
  ':23B:CRED',
  ':32A:250615EUR1234,5',
  ':50K:/BE68539007547034',
  'JOHN DOE',
  ':59:/DE89370400440532013000',
  'JANE SMITH',
  ':71A:SHA',
  '-}',
].join('\r\n');

function withoutWarnings(m: Mt103Message): Mt103Message {
  const { warnings: _w, ...rest } = m;
  return rest;
}

describe('parseMt103', () => {
  it('should read blocks 1–4, the UETR and 32A with its decimal comma', () => {
    // Arrange / Act
    const m = parseMt103(MINIMAL);
    // Assert
    expect(m.basicHeader.logicalTerminal).toBe('BANKBEBBAXXX');
    expect(m.applicationHeader).toEqual({
      direction: 'I',
      messageType: '103',
      receiverAddress: 'BANKDEFFXXXX',
      priority: 'N',
    });
    expect(m.userHeader).toEqual([{ tag: '121', value: '180f1e65-90e0-44d5-a49a-92b55eb3025f' }]);
    expect(m.text.valueDate).toBe('2025-06-15');
    expect(m.text.settledAmount).toEqual(money('1234.50', 'EUR'));
    expect(m.text.orderingCustomer).toEqual({
      option: 'K',
      account: 'BE68539007547034',
      lines: ['JOHN DOE'],
    });
    expect(m.warnings).toBeUndefined();
  });

  it('should report a missing mandatory field with its code and path', () => {
    // Arrange
    const text = MINIMAL.replace(':71A:SHA\r\n', '');
    // Act
    const result = safeParseMt103(text);
    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(Mt103ErrorCodes.MISSING_FIELD);
      expect(result.error.path).toEqual(['4', '71A']);
    }
  });

  it('should refuse an amount with more decimals than the currency and a bad date, all issues at once', () => {
    // Arrange
    const text = MINIMAL.replace(':32A:250615EUR1234,5', ':32A:251315JPY12,5');
    // Act
    const result = safeParseMt103(text);
    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues.map((i) => i.code)).toContain(Mt103ErrorCodes.INVALID_FIELD);
  });

  it('should refuse a broken block structure and point batches to parseMt103Batch', () => {
    // Arrange / Act / Assert
    expect(safeParseMt103('{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n:20:X').ok).toBe(false);
    const ack = `{1:F21BANKBEBBAXXX0000000000}{4:{177:2501011200}{451:0}}${MINIMAL}`;
    const result = safeParseMt103(ack);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(Mt103ErrorCodes.SYNTAX);
    expect(parseMt103Batch(ack)[0]!.acknowledgement?.accepted).toBe(true);
  });

  it('should accept over-long lines with a warning', () => {
    // Arrange
    const text = MINIMAL.replace('JANE SMITH', 'J'.repeat(40));
    // Act
    const m = parseMt103(text);
    // Assert
    expect(m.warnings?.map((w) => w.code)).toEqual([Mt103ErrorCodes.LINE_TOO_LONG]);
  });
});

describe('buildMt103', () => {
  it('should write blocks with CRLF, the decimal comma and the standard field order', () => {
    // Arrange
    const m = parseMt103(MINIMAL);
    // Act
    const { text, warnings } = buildMt103(m);
    // Assert
    expect(warnings).toEqual([]);
    expect(text).toBe(MINIMAL.replace('EUR1234,5', 'EUR1234,50'));
  });

  it('should transliterate what SWIFT X lacks and say so', () => {
    // Arrange
    const m = parseMt103(MINIMAL);
    const accented: Mt103Message = {
      ...m,
      text: { ...m.text, beneficiaryCustomer: { option: '', lines: ['Jürgen Müller & Söhne', 'Straße 1'] } },
    };
    // Act
    const { text, warnings } = buildMt103(accented);
    // Assert
    expect(text).toContain(':59:Jurgen Muller + Sohne\r\nStrasse 1\r\n');
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      [Mt103ErrorCodes.TRANSLITERATED, ['4', '59', 'lines', 0]],
      [Mt103ErrorCodes.TRANSLITERATED, ['4', '59', 'lines', 1]],
    ]);
    expect(toSwiftX('Æther_ü')).toEqual({ text: 'AEther-u', changed: true });
  });

  it('should refuse lines over 35 characters, more than 4 lines, and X-less text when transliteration is off', () => {
    // Arrange
    const m = parseMt103(MINIMAL);
    const bad: Mt103Message = {
      ...m,
      text: { ...m.text, remittanceInformation: ['A'.repeat(36), 'B', 'C', 'D', 'E'] },
    };
    // Act / Assert
    expect(() => buildMt103(bad)).toThrowError(
      expect.objectContaining({ code: Mt103ErrorCodes.TOO_MANY_LINES }),
    );
    try {
      buildMt103(bad);
    } catch (error) {
      expect((error as { issues: { code: string }[] }).issues.map((i) => i.code)).toEqual([
        Mt103ErrorCodes.TOO_MANY_LINES,
        Mt103ErrorCodes.LINE_TOO_LONG,
      ]);
    }
    const accented = { ...m, text: { ...m.text, remittanceInformation: ['café'] } };
    expect(() => buildMt103(accented, { transliterate: false })).toThrowError(
      expect.objectContaining({ code: Mt103ErrorCodes.INVALID_CHARACTER, path: ['4', '70'] }),
    );
  });

  it('should refuse an amount that does not fit 15 characters', () => {
    // Arrange
    const m = parseMt103(MINIMAL);
    const big = { ...m, text: { ...m.text, settledAmount: money('1234567890123456.00', 'EUR') } };
    // Act / Assert
    expect(() => buildMt103(big)).toThrowError(
      expect.objectContaining({
        code: Mt103ErrorCodes.NOT_REPRESENTABLE,
        path: ['4', '32A', 'settledAmount'],
      }),
    );
  });
});

describe('paymentToMt103 / mt103ToPayment (pacs.008 ⇄ MT103)', () => {
  const payment: CanonicalPayment = {
    uetr: '3e7b91d4-af28-4c53-b6e1-92d4a7c83f52',
    endToEndId: 'E2E-20260413-3194',
    instructionId: 'INSTRID-20260413-5528',
    messageId: 'MSG-1',
    source: { type: 'pacs.008', version: 'pacs.008.001.08' },
    amount: money('18437.50', 'EUR'),
    settlementDate: '2026-04-13',
    chargeBearer: 'SHAR',
    debtor: {
      name: 'Müller Maschinenbau GmbH & Co. KG, Abteilung Zahlungsverkehr International',
      postalAddress: {
        streetName: 'Hauptstraße',
        buildingNumber: '1',
        postCode: '10115',
        townName: 'Berlin',
        country: 'DE',
      },
      account: { iban: 'DE89370400440532013000' },
    },
    creditor: { name: 'Jane Smith', account: { iban: 'FR1420041010050500013M02606' } },
    debtorAgent: { bic: 'DEUTDEFF' },
    creditorAgent: { bic: 'BNPAFRPP' },
    instructingAgent: { bic: 'DEUTDEFF' },
    instructedAgent: { bic: 'BNPAFRPP' },
    remittanceInformation: { unstructured: ['Invoice 4711'] },
  };

  it('should map the fields both carry, cutting and transliterating with warnings', () => {
    // Act
    const { message, warnings } = paymentToMt103(payment);
    const { text } = buildMt103(message);
    // Assert
    expect(text).toContain(
      '{1:F01DEUTDEFFAXXX0000000000}{2:I103BNPAFRPPXXXXN}{3:{121:3e7b91d4-af28-4c53-b6e1-92d4a7c83f52}}',
    );
    expect(text).toContain(':20:INSTRID-20260413');
    expect(text).toContain(':32A:260413EUR18437,50');
    expect(text).toContain(':50K:/DE89370400440532013000\r\nMuller Maschinenbau GmbH + Co. KG,\r\n');
    expect(text).toContain(':52A:DEUTDEFF');
    expect(text).toContain(':57A:BNPAFRPP');
    expect(text).toContain(':59:/FR1420041010050500013M02606\r\nJane Smith');
    expect(text).toContain(':70:Invoice 4711');
    expect(text).toContain(':71A:SHA');
    expect(warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining([Mt103ErrorCodes.TRUNCATED, Mt103ErrorCodes.TRANSLITERATED]),
    );
    const back = mt103ToPayment(parseMt103(text));
    expect(back).toMatchObject({
      uetr: payment.uetr,
      amount: payment.amount,
      settlementDate: payment.settlementDate,
      chargeBearer: 'SHAR',
      debtorAgent: { bic: 'DEUTDEFF' },
      creditorAgent: { bic: 'BNPAFRPP' },
      instructingAgent: { bic: 'DEUTDEFF' },
      instructedAgent: { bic: 'BNPAFRPP' },
      creditor: { name: 'Jane Smith', account: { iban: 'FR1420041010050500013M02606' } },
      source: { type: 'mt103' },
    });
  });

  it('should refuse a payment without a value date or charge bearer', () => {
    // Arrange
    const { settlementDate: _s, chargeBearer: _c, ...rest } = payment;
    // Act / Assert
    expect(() => paymentToMt103(rest)).toThrowError(
      expect.objectContaining({ code: Mt103ErrorCodes.MISSING_FIELD }),
    );
  });
});

describe('properties', () => {
  it('should map any pacs.008 payment with BIC agents and an MT-sized amount to an MT103 that parses back', () => {
    fc.assert(
      fc.property(pacs008Input(), ({ payments }) => {
        for (const p of payments) {
          const { instructedAmount: _i, instructingAgent: _a, instructedAgent: _b, ...rest } = p;
          const payment = {
            ...rest,
            amount: fromMinor(p.amount.minor % 10n ** 12n, p.amount.currency),
            settlementDate: p.settlementDate ?? '2026-01-05',
            debtorAgent: { ...p.debtorAgent, bic: 'DEUTDEFF' },
            creditorAgent: { ...p.creditorAgent, bic: 'BNPAFRPP' },
          };
          const { message } = paymentToMt103(payment);
          const back = mt103ToPayment(parseMt103(buildMt103(message).text));
          expect(back.uetr).toBe(p.uetr);
          expect(back.amount).toEqual(payment.amount);
          expect(back.settlementDate).toBe(payment.settlementDate);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('should give back the message: parseMt103(buildMt103(m).text) equals m', () => {
    fc.assert(
      fc.property(mt103Message, (m) => {
        const { text, warnings } = buildMt103(m);
        expect(warnings).toEqual([]);
        expect(parseMt103(text)).toEqual(m);
      }),
    );
  });
});

describeCorpus('MT103 corpus (iso20022/mt103)', (dir) => {
  const read = (name: string) => readFileSync(join(dir, 'iso20022', 'mt103', name), 'utf8');

  it('should parse swiftmtmessage__mt103_norm.txt with its key fields', () => {
    const m = parseMt103(read('swiftmtmessage__mt103_norm.txt'));
    expect(m.userHeader).toEqual([
      { tag: '108', value: 'MT103' },
      { tag: '121', value: '180f1e65-90e0-44d5-a49a-92b55eb3025f' },
    ]);
    expect(m.text.senderReference).toBe('REF123456789');
    expect(m.text.settledAmount).toEqual(money('123456.78', 'EUR'));
    expect(m.text.valueDate).toBe('2025-06-15');
    expect(m.text.orderingCustomer).toEqual({
      option: 'K',
      account: '1234567890',
      lines: ['John Doe', '123 Street', 'City, Country'],
    });
    expect(m.text.orderingInstitution?.option).toBe('D');
    expect(m.text.intermediaryInstitution?.nameAndAddress?.[1]).toBe('456 FINANCE AVENUE  ');
    expect(m.text.accountWithInstitution).toEqual({ option: 'A', bic: 'BANKDEFF' });
    expect(m.text.remittanceInformation).toHaveLength(4);
    expect(m.text.detailsOfCharges).toBe('OUR');
    expect(m.text.senderToReceiverInformation?.[1]).toBe('/INS/SPECIAL HANDLING NEEDED');
  });

  it('should parse swiftmtmessage__mt103_norm_2.txt (53D, 56D, 57D)', () => {
    const m = parseMt103(read('swiftmtmessage__mt103_norm_2.txt'));
    expect(m.text.sendersCorrespondent?.nameAndAddress?.[1]).toBe("Sender's Correspondent Name");
    expect(m.text.accountWithInstitution?.option).toBe('D');
    expect(m.text.intermediaryInstitution?.nameAndAddress).toHaveLength(4);
  });

  it('should parse swiftmtmessage__mt103_rejt.txt with block 5', () => {
    const m = parseMt103(read('swiftmtmessage__mt103_rejt.txt'));
    expect(m.userHeader?.find((f) => f.tag === '119')?.value).toBe('STP');
    expect(m.text.settledAmount).toEqual(money('1000000.00', 'USD'));
    expect(m.text.orderingInstitution).toEqual({ option: 'A', bic: 'DEUTDEFFXXX' });
    expect(m.text.senderToReceiverInformation?.[0]).toBe('/REJT/');
    expect(m.trailer).toEqual([
      { tag: 'MAC', value: '12345678' },
      { tag: 'CHK', value: '123456789ABC' },
    ]);
  });

  it('should parse swiftmtmessage__mt103_retn.txt, keeping :21: in otherFields', () => {
    const m = parseMt103(read('swiftmtmessage__mt103_retn.txt'));
    expect(m.text.otherFields).toEqual([{ tag: '21', value: 'REF987654321' }]);
    expect(m.text.beneficiaryCustomer.account).toBe('9876543210');
  });

  it('should parse swiftmtmessage__mt103_stp.txt (13C, 23E, 26T, 33B, 36, 53A, 54A, 59A, 71F, 77B)', () => {
    const m = parseMt103(read('swiftmtmessage__mt103_stp.txt'));
    expect(m.text.timeIndications).toEqual(['/SNDTIME/1200+0100']);
    expect(m.text.instructionCodes).toEqual(['INTC/COMPLIANCE']);
    expect(m.text.transactionTypeCode).toBe('A01');
    expect(m.text.instructedAmount).toEqual(money('1375000', 'EUR'));
    expect(m.text.exchangeRate).toBe('1.0909');
    expect(m.text.sendersCorrespondent).toEqual({ option: 'A', bic: 'BNPAFRPP' });
    expect(m.text.receiversCorrespondent).toEqual({ option: 'A', bic: 'DEUTDEFF' });
    expect(m.text.beneficiaryCustomer).toEqual({
      option: 'A',
      account: 'DE89370400440532013000',
      bic: 'DEUTDEFF',
    });
    expect(m.text.sendersCharges).toEqual([money('50', 'USD')]);
    expect(m.text.regulatoryReporting).toHaveLength(3);
    expect(mt103ToPayment(m).uetr).toBe('180f1e65-90e0-44d5-a49a-92b55eb3025f');
  });

  it('should parse the RJE batch with acknowledgements in between', () => {
    const entries = parseMt103Batch(read('prowide-core__MT103-bulk-with-ack.rje'));
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.acknowledgement?.accepted === true)).toBe(true);
    expect(entries[0]!.acknowledgement?.fields).toEqual([
      { tag: '177', value: '1704260717' },
      { tag: '451', value: '0' },
    ]);
    const [first, second, third] = entries.map((e) => e.message);
    expect(first!.applicationHeader.direction).toBe('O');
    expect(first!.text.settledAmount).toEqual(money('3700', 'USD'));
    expect(first!.text.sendersCorrespondent).toEqual({ option: 'B', partyIdentifier: '/00000000000000' });
    expect(second!.text.sendersCharges).toEqual([money('0', 'USD'), money('29', 'USD')]);
    expect(third!.text.settledAmount).toEqual(money('1417.80', 'USD'));
    expect(third!.text.remittanceInformation).toEqual([
      '/RFB/042517478733',
      'BEING PAYMENT OF FAC RE-INSURANCE',
      'PREMIUM DUE ON FOO COAL MINING',
    ]);
  });

  it('should parse the 13-message RJE batch, warning about the stray "{"', () => {
    const entries = parseMt103Batch(read('prowide-core__MT103-out-ack.rje'));
    expect(entries).toHaveLength(13);
    const [first] = entries;
    expect(first!.message.userHeader?.find((f) => f.tag === '121')?.value).toBe(
      '8579f4a4-a547-463e-ae63-e7c6620d59b4',
    );
    expect(first!.message.text.settledAmount).toEqual(money('1814.28', 'USD'));
    expect(first!.message.text.orderingInstitution?.nameAndAddress?.[0]).toBe('NORTH FOO BANK');
    const withRt = entries.find((e) => e.message.text.senderReference === 'AMLX985338-D4E5E')!.message;
    expect(withRt.text.receiversCorrespondent).toEqual({
      option: 'A',
      partyIdentifier: '//RT',
      bic: 'BICFOOYY',
    });
    expect(withRt.text.beneficiaryCustomer.account).toBe('-');
    const stray = entries.filter((e) => e.message.warnings !== undefined);
    expect(stray.map((e) => e.message.warnings!.map((w) => w.code))).toEqual([
      [Mt103ErrorCodes.IGNORED_INPUT],
    ]);
    expect(entries.map((e) => e.message.text.valueDate).slice(0, 4)).toEqual([
      '2019-10-14',
      '2019-10-28',
      '2007-10-28',
      '2006-10-28',
    ]);
  });

  it('should map every corpus message to a canonical payment that passes the core schema', () => {
    const messages = [
      ...['norm', 'norm_2', 'rejt', 'retn', 'stp'].map((n) =>
        parseMt103(read(`swiftmtmessage__mt103_${n}.txt`)),
      ),
      ...parseMt103Batch(read('prowide-core__MT103-bulk-with-ack.rje')).map((e) => e.message),
      ...parseMt103Batch(read('prowide-core__MT103-out-ack.rje')).map((e) => e.message),
    ];
    const random = createSeededRandom(7);
    for (const m of messages) {
      const payment = mt103ToPayment(m, { random });
      expect(validateCanonicalPayment(payment)).toEqual(payment);
    }
  });

  it('should rebuild every corpus message into text that parses back to the same message', () => {
    const messages = [
      ...['norm', 'norm_2', 'rejt', 'retn', 'stp'].map((n) =>
        parseMt103(read(`swiftmtmessage__mt103_${n}.txt`)),
      ),
      ...parseMt103Batch(read('prowide-core__MT103-bulk-with-ack.rje')).map((e) => e.message),
      ...parseMt103Batch(read('prowide-core__MT103-out-ack.rje')).map((e) => e.message),
    ];
    for (const m of messages) {
      const { text } = buildMt103(m);
      expect(parseMt103(text)).toEqual(withoutWarnings(m));
    }
  });
});
