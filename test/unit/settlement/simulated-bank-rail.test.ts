import { formatMoney } from 'deltran';
import { type Camt054Message, type Pacs002Message, parseMessage } from 'deltran/iso20022';
import {
  createSettlementEngine,
  createSimulatedBankRail,
  InvalidSettlementInputError,
  type RailRequest,
} from 'deltran/settlement';
import { describe, expect, it } from 'vitest';
import { clock, customerPayment, fakeScheduler, netInstruction, paymentInstruction, UETR } from './_fixtures';

describe('simulated bank rail', () => {
  it('should answer a settled submission with pacs.002 ACSP, ACSC and a camt.054 debit, after the delay', async () => {
    // Arrange
    const scheduler = fakeScheduler();
    const delivered: string[] = [];
    const rail = createSimulatedBankRail({
      delayMs: 250,
      schedule: scheduler.schedule,
      deliver: (xml) => delivered.push(xml),
      accountId: 'RESERVE-EUR',
      servicerBic: 'DEUTDEFFXXX',
    });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 10_000 });

    // Act
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-2500.00'));

    // Assert: nothing before the scheduler runs
    expect(delivered).toEqual([]);
    expect(scheduler.delays).toEqual([250]);
    scheduler.run();
    expect(delivered).toHaveLength(3);
    const [acsp, acsc, camt] = delivered.map((xml) => parseMessage(xml));
    expect(acsp!.type).toBe('pacs.002');
    expect((acsp as Pacs002Message).transactions[0]).toMatchObject({
      status: 'ACSP',
      originalUetr: record.uetr,
      originalMessageId: record.attempts[0]!.messageId,
      originalMessageNameId: 'pacs.009.001.08',
      originalEndToEndId: record.endToEndId,
    });
    expect((acsc as Pacs002Message).transactions[0]!.status).toBe('ACSC');
    expect(formatMoney((acsc as Pacs002Message).transactions[0]!.originalSettlementAmount!)).toBe('2500.00');
    const notification = camt as Camt054Message;
    expect(notification.type).toBe('camt.054');
    const report = notification.reports[0]!;
    expect(report.account.otherId).toBe('RESERVE-EUR');
    expect(report.servicer?.bic).toBe('DEUTDEFFXXX');
    const entry = report.entries![0]!;
    expect(entry).toMatchObject({ creditDebit: 'DBIT', status: 'BOOK', bookingDate: '2026-04-13' });
    expect(formatMoney(entry.amount)).toBe('2500.00');
    expect(entry.transactions![0]).toMatchObject({ uetr: record.uetr, endToEndId: record.endToEndId });
  });

  it('should take the engine from SUBMITTED to SETTLED, and fund the token ledger once', async () => {
    // Arrange
    const scheduler = fakeScheduler();
    const delivered: string[] = [];
    const rail = createSimulatedBankRail({
      delayMs: 10,
      schedule: scheduler.schedule,
      deliver: (xml) => delivered.push(xml),
    });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 10_000 });
    const record = await engine.execute(paymentInstruction(), { payment: customerPayment() });
    scheduler.run();

    // Act
    const outcomes = delivered.map((xml) => engine.receive(xml));
    const again = delivered.map((xml) => engine.receive(xml));

    // Assert
    expect(outcomes.map((o) => o.changes.map((c) => c.to))).toEqual([['ACCEPTED'], ['SETTLED'], []]);
    expect(outcomes.flatMap((o) => o.results)).toHaveLength(1);
    expect(outcomes[1]!.results[0]).toMatchObject({
      instructionId: record.id,
      status: 'SETTLED',
      uetr: UETR,
      endToEndId: 'E2E-ALICE-0001',
      cause: 'pacs.002',
      attempts: 1,
    });
    const funding = outcomes[2]!.funding;
    expect(funding).toHaveLength(1);
    expect(funding[0]!.entries).toHaveLength(1);
    expect(funding[0]!.entries[0]).toMatchObject({
      accountId: 'AAAADEFFXXX-EUR',
      creditDebit: 'DBIT',
      status: 'BOOK',
      uetr: UETR,
      endToEndId: 'E2E-ALICE-0001',
    });
    expect(outcomes[2]!.unmatched).toEqual([]);
    expect(again.every((o) => o.duplicate && o.results.length === 0 && o.funding.length === 0)).toBe(true);
    expect(engine.get(record.id)!.status).toBe('SETTLED');
  });

  it('should answer a rejected submission with one pacs.002 RJCT and its reason', async () => {
    // Arrange
    const scheduler = fakeScheduler();
    const delivered: string[] = [];
    const seen: RailRequest[] = [];
    const rail = createSimulatedBankRail({
      delayMs: 5,
      schedule: scheduler.schedule,
      deliver: (xml) => delivered.push(xml),
      decide: () => ({ status: 'RJCT', reason: 'AM04', text: 'Insufficient funds' }),
      send: (request) => seen.push(request),
      now: () => Date.parse('2026-04-13T12:00:05Z'),
    });
    const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 10_000 });
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-99.00'));

    // Act
    scheduler.run();
    const outcome = engine.receive(delivered[0]!);

    // Assert
    expect(seen).toHaveLength(1);
    expect(delivered).toHaveLength(1);
    const report = parseMessage(delivered[0]!) as Pacs002Message;
    expect(report.creationDateTime).toBe('2026-04-13T12:00:05.000Z');
    expect(report.transactions[0]).toMatchObject({ status: 'RJCT', reasons: [{ code: 'AM04' }] });
    expect(outcome.results).toEqual([
      expect.objectContaining({
        instructionId: record.id,
        status: 'REJECTED',
        reason: { code: 'AM04', text: 'Insufficient funds' },
      }),
    ]);
    expect(outcome.funding).toEqual([]);
  });

  it('should stay silent when told to, so the engine times out', async () => {
    // Arrange
    const scheduler = fakeScheduler();
    const delivered: string[] = [];
    const time = clock();
    const rail = createSimulatedBankRail({
      delayMs: 5,
      schedule: scheduler.schedule,
      deliver: (xml) => delivered.push(xml),
      decide: () => ({ status: 'NONE' }),
    });
    const engine = createSettlementEngine({ rails: [rail], now: time.now, timeoutMs: 1000, maxAttempts: 1 });
    await engine.execute(netInstruction('AAAADEFFXXX', '-1.00'));

    // Act
    scheduler.run();
    time.advance(1000);
    const tick = await engine.tick();

    // Assert
    expect(delivered).toEqual([]);
    expect(tick.results.map((r) => r.status)).toEqual(['TIMED_OUT']);
  });

  it('should produce the same bytes for the same run', async () => {
    // Arrange
    const run = async () => {
      const scheduler = fakeScheduler();
      const delivered: string[] = [];
      const rail = createSimulatedBankRail({
        delayMs: 1,
        schedule: scheduler.schedule,
        deliver: (x) => delivered.push(x),
      });
      const engine = createSettlementEngine({ rails: [rail], now: clock().now, timeoutMs: 10 });
      await engine.execute(netInstruction('BBBBFRPPXXX', '700.00'));
      scheduler.run();
      return delivered;
    };

    // Act / Assert
    expect(await run()).toEqual(await run());
  });

  it('should refuse a negative delay or a missing callback', () => {
    // Act / Assert
    const ok = { delayMs: 1, schedule: () => undefined, deliver: () => undefined };
    expect(() => createSimulatedBankRail({ ...ok, delayMs: -1 })).toThrow(InvalidSettlementInputError);
    expect(() => createSimulatedBankRail({ ...ok, deliver: undefined as never })).toThrow(
      InvalidSettlementInputError,
    );
  });
});
