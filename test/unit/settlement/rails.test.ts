import { formatMoney, isValidUetr } from 'deltran';
import { type Pacs008Message, type Pacs009Message, parseMessage, parseMt103 } from 'deltran/iso20022';
import {
  type ApiRailPayload,
  buildIso20022Message,
  createApiRail,
  createIso20022Rail,
  createSettlementEngine,
  createSwiftMtRail,
  InvalidSettlementInputError,
  NoRailError,
  type RailRequest,
  SettlementErrorCodes,
} from 'deltran/settlement';
import { describe, expect, it } from 'vitest';
import { clock, customerPayment, netInstruction, paymentInstruction, UETR } from './_fixtures';

describe('ISO 20022 rail', () => {
  it('should send a pacs.009 for a net position that parses back with its amount and ids', async () => {
    // Arrange
    const sent: RailRequest[] = [];
    const rail = createIso20022Rail({ send: (request) => void sent.push(request) });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 1000 });
    const instruction = netInstruction('AAAADEFFXXX', '-2500.00');

    // Act
    const record = await engine.execute(instruction);

    // Assert
    expect(record.status).toBe('SUBMITTED');
    const request = sent[0]!;
    expect(request.message).toMatchObject({ format: 'xml', type: 'pacs.009.001.08' });
    const parsed = parseMessage(request.message.text) as Pacs009Message;
    expect(parsed.type).toBe('pacs.009');
    expect(parsed.groupHeader.messageId).toBe(request.messageId);
    expect(parsed.groupHeader.creationDateTime).toBe('2026-04-13T12:00:00.000Z');
    const [tx] = parsed.payments;
    expect(formatMoney(tx!.amount)).toBe('2500.00');
    expect(tx!.amount.currency).toBe('EUR');
    expect(tx!.uetr).toBe(record.uetr);
    expect(isValidUetr(record.uetr)).toBe(true);
    expect(tx!.endToEndId).toBe('si:w-1:AAAADEFFXXX:EUR');
    expect(tx!.instructionId).toBe(request.messageId);
    expect(tx!.debtor.bic).toBe('AAAADEFFXXX');
    expect(tx!.creditor.bic).toBe('CCPXGB2LXXX');
    expect(tx!.instructedAgent?.bic).toBe('DEUTDEFFXXX');
    expect(tx!.settlementDate).toBe('2026-04-13');
    expect(tx!.remittanceInformation?.unstructured).toEqual(['/NETP/w-1/AAAADEFFXXX/EUR']);
  });

  it('should derive message ids from the instruction id and the attempt, and keep the UETR', () => {
    // Arrange
    const instruction = netInstruction('AAAADEFFXXX', '-2500.00');
    const base = {
      instruction,
      instructionReference: 'x',
      endToEndId: 'e2e',
      uetr: UETR,
      createdAt: '2026-04-13T12:00:00Z',
    };

    // Act
    const first = buildIso20022Message({ ...base, attempt: 1, messageId: 'M-1' });
    const again = buildIso20022Message({ ...base, attempt: 1, messageId: 'M-1' });
    const second = buildIso20022Message({ ...base, attempt: 2, messageId: 'M-2' });

    // Assert: the same input gives the same bytes; a new attempt only changes the ids
    expect(again.text).toBe(first.text);
    const a = parseMessage(first.text) as Pacs009Message;
    const b = parseMessage(second.text) as Pacs009Message;
    expect(a.groupHeader.messageId).toBe('M-1');
    expect(b.groupHeader.messageId).toBe('M-2');
    expect(b.payments[0]!.uetr).toBe(a.payments[0]!.uetr);
  });

  it('should send a pacs.008 for a payment, carrying the customer payment when given', async () => {
    // Arrange
    const sent: RailRequest[] = [];
    const rail = createIso20022Rail({ send: async (request) => void sent.push(request) });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 1000 });

    // Act
    const record = await engine.execute(paymentInstruction(), { payment: customerPayment() });

    // Assert
    const parsed = parseMessage(sent[0]!.message.text) as Pacs008Message;
    expect(parsed.type).toBe('pacs.008');
    const [tx] = parsed.payments;
    expect(tx).toMatchObject({
      uetr: UETR,
      endToEndId: 'E2E-ALICE-0001',
      instructionId: sent[0]!.messageId,
      chargeBearer: 'SHAR',
      settlementDate: '2026-04-13',
    });
    expect(formatMoney(tx!.amount)).toBe('250.00');
    expect(tx!.debtor.name).toBe('Alice Müller GmbH');
    expect(tx!.creditor.account?.iban).toBe('DE75512108001245126199');
    expect(tx!.instructingAgent?.bic).toBe('AAAADEFFXXX');
    expect(tx!.instructedAgent?.bic).toBe('DEUTDEFFXXX');
    expect(record.endToEndId).toBe('E2E-ALICE-0001');
  });

  it('should send a pacs.008 between the agents when no payment is given', async () => {
    // Arrange
    const sent: RailRequest[] = [];
    const rail = createIso20022Rail({ send: (request) => void sent.push(request) });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 1000 });

    // Act
    const record = await engine.execute(paymentInstruction());

    // Assert: the EndToEndId is a Max35Text reference of the (39-character) instruction id
    const tx = (parseMessage(sent[0]!.message.text) as Pacs008Message).payments[0]!;
    expect(tx.debtorAgent.bic).toBe('AAAADEFFXXX');
    expect(tx.creditorAgent.bic).toBe('BBBBDEFFXXX');
    expect(tx.chargeBearer).toBe('DEBT');
    expect(tx.endToEndId).toBe(record.endToEndId);
    expect(record.endToEndId.length).toBeLessThanOrEqual(35);
    expect(record.endToEndId).toMatch(/^si:[0-9A-Z]{26}$/);
  });

  it('should report the rail refusing a message as its ack', async () => {
    // Arrange
    const rail = createIso20022Rail({
      send: () => ({ accepted: false, reason: { code: 'FF01', text: 'schema' } }),
    });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 1000 });

    // Act
    const record = await engine.execute(paymentInstruction());

    // Assert
    expect(record.status).toBe('REJECTED');
    expect(record.reason).toEqual({ code: 'FF01', text: 'schema' });
    expect(record.result).toMatchObject({ status: 'REJECTED', cause: 'rail' });
  });

  it('should refuse a rail without its send callback', () => {
    // Act / Assert
    expect(() => createIso20022Rail({} as never)).toThrow(InvalidSettlementInputError);
    try {
      createSwiftMtRail({} as never);
    } catch (error) {
      expect((error as InvalidSettlementInputError).code).toBe(SettlementErrorCodes.INVALID_OPTIONS);
    }
  });
});

describe('SWIFT MT rail', () => {
  it('should send an MT103 for a payment that parses back with amount, value date and UETR', async () => {
    // Arrange
    const sent: RailRequest[] = [];
    const rail = createSwiftMtRail({ send: (request) => void sent.push(request) });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 1000 });

    // Act
    await engine.execute(paymentInstruction(), { payment: customerPayment() });

    // Assert
    const request = sent[0]!;
    expect(request.message).toMatchObject({ format: 'mt', type: 'MT103' });
    const mt = parseMt103(request.message.text);
    expect(formatMoney(mt.text.settledAmount)).toBe('250.00');
    expect(mt.text.settledAmount.currency).toBe('EUR');
    expect(mt.text.valueDate).toBe('2026-04-13');
    expect(mt.userHeader?.find((f) => f.tag === '121')?.value).toBe(UETR);
    expect(mt.text.senderReference.length).toBeLessThanOrEqual(16);
    expect(mt.text.detailsOfCharges).toBe('SHA');
    // "ü" is outside the SWIFT X set: transliterated, and reported
    expect(request.message.warnings?.some((w) => w.code.includes('TRANSLITERATED'))).toBe(true);
  });

  it('should not carry net positions: the engine picks another rail, or has none', async () => {
    // Arrange
    const mt = createSwiftMtRail({ send: () => undefined });
    const iso = createIso20022Rail({ send: () => undefined });
    const both = createSettlementEngine({ rails: [mt, iso], now: clock().now, timeoutMs: 1000 });
    const onlyMt = createSettlementEngine({ rails: [mt], now: clock().now, timeoutMs: 1000 });
    const instruction = netInstruction('AAAADEFFXXX', '-10.00');

    // Act
    const record = await both.execute(instruction);

    // Assert
    expect(record.rail).toBe('iso20022');
    await expect(onlyMt.execute(instruction)).rejects.toBeInstanceOf(NoRailError);
    await expect(onlyMt.execute(instruction)).rejects.toMatchObject({ code: SettlementErrorCodes.NO_RAIL });
  });
});

describe('API rail', () => {
  it('should call the host with the instruction as JSON, amounts as decimal strings', async () => {
    // Arrange
    const calls: ApiRailPayload[] = [];
    const rail = createApiRail({ call: (payload) => void calls.push(payload) });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 1000 });

    // Act
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-1234.56', 'USD'));

    // Assert
    const payload = calls[0]!;
    expect(payload).toMatchObject({
      format: 'deltran.settlement.api',
      version: 1,
      instructionId: 'si:w-1:AAAADEFFXXX:USD',
      attempt: 1,
      uetr: record.uetr,
      amount: { currency: 'USD', amount: '1234.56' },
      amountReceived: { currency: 'USD', amount: '1234.56' },
      fromBic: 'AAAADEFFXXX',
      toBic: 'CCPXGB2LXXX',
    });
    // The recorded message is the same JSON, with no number anywhere near an amount
    expect(JSON.parse(record.attempts[0]!.message.text)).toEqual(payload);
    expect(record.attempts[0]!.message.text).toContain('"amount":"1234.56"');
  });

  it('should accept an ack from the host and keep its reference', async () => {
    // Arrange
    const rail = createApiRail({ call: async () => ({ accepted: true, reference: 'BANK-REF-9' }) });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 1000 });

    // Act
    const record = await engine.execute(paymentInstruction());

    // Assert
    expect(record.attempts[0]!.ack).toEqual({ accepted: true, reference: 'BANK-REF-9' });
  });
});
