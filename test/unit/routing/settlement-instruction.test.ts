import { formatMoney, money } from 'deltran';
import {
  buildSettlementInstruction,
  createRegistry,
  NoRouteError,
  RoutingErrorCodes,
  routeLocalPayment,
  routeNetPositions,
  selectRoute,
} from 'deltran/routing';
import { describe, expect, it } from 'vitest';
import { NOW, threeBanks } from './_registry';

const UETR = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';

describe('settlement instructions', () => {
  it('should route net positions: a debtor pays the settlement account, the account pays a creditor', () => {
    // Arrange: netting's positions for one window; the zero position needs no instruction
    const registry = createRegistry(threeBanks());
    const positions = [
      { participant: 'AAAADEFFXXX', currency: 'USD', amount: '-2500.00', windowId: 'w-7' },
      { participant: 'BBBBFRPPXXX', currency: 'USD', amount: money('2500.00', 'USD'), windowId: 'w-7' },
      { participant: 'CCCCGB2LXXX', currency: 'USD', amount: '0.00', windowId: 'w-7' },
    ];

    // Act
    const batch = routeNetPositions(positions, registry, { now: NOW, settlementBic: 'CCPXGB2LXXX' });

    // Assert: USD is paid out by Deutsche (BNP is past its 13:30 USD cut-off, Chase ranks lower)
    expect(batch.unrouted).toEqual([]);
    const [debit, credit] = batch.instructions;
    expect(batch.instructions).toHaveLength(2);
    expect(debit).toMatchObject({
      id: 'si:w-7:AAAADEFFXXX:USD',
      fromBic: 'AAAADEFFXXX',
      toBic: 'CCPXGB2LXXX',
      bank: 'DEUTDEFFXXX',
      currency: 'USD',
      charges: 'billed',
      valueDate: '2026-04-13',
      routedAt: '2026-04-13T12:00:00.000Z',
    });
    expect(debit?.source).toEqual({
      kind: 'netPosition',
      participant: 'AAAADEFFXXX',
      currency: 'USD',
      windowId: 'w-7',
    });
    expect(formatMoney(debit!.amount)).toBe('2500.00');
    expect(formatMoney(debit!.amountReceived)).toBe('2500.00');
    expect(credit).toMatchObject({ fromBic: 'CCPXGB2LXXX', toBic: 'BBBBFRPPXXX' });
  });

  it('should route a local payment and return the exclusions when nothing is eligible', () => {
    // Arrange
    const registry = createRegistry(threeBanks());
    const payment = {
      uetr: UETR,
      debtorBic: 'AAAADEFFXXX',
      creditorBic: 'BBBBDEFFXXX',
      amount: '250.00',
      currency: 'EUR',
    };

    // Act
    const routed = routeLocalPayment(payment, registry, { now: NOW });
    const lateInBerlin = routeLocalPayment(payment, registry, { now: '2026-04-13T15:30:00Z' });

    // Assert: 17:30 in Berlin is past Deutsche's 16:00 cut-off, and it is the only bank with EUR liquidity
    expect(routed.ok && routed.value.id).toBe(`si:${UETR}`);
    expect(routed.ok && routed.value.source).toEqual({ kind: 'payment', uetr: UETR });
    expect(lateInBerlin.ok).toBe(false);
    if (lateInBerlin.ok) return;
    expect(lateInBerlin.error).toBeInstanceOf(NoRouteError);
    expect(lateInBerlin.error.code).toBe(RoutingErrorCodes.NO_ROUTE);
    expect(lateInBerlin.error.exclusions.map((e) => e.reason)).toContain('CUT_OFF_PASSED');
  });

  it('should carry an FX route’s hops, rates and costs into the instruction', () => {
    // Arrange
    const registry = createRegistry(threeBanks());
    const selection = selectRoute(
      { reference: UETR, amount: money('10000.00', 'EUR'), targetCurrency: 'USD' },
      registry,
      { now: NOW },
    );

    // Act
    const instruction = buildSettlementInstruction(selection.best!, {
      source: { kind: 'payment', uetr: UETR },
      fromBic: 'AAAADEFFXXX',
      toBic: 'BBBBUS33XXX',
      routedAt: Date.parse(NOW),
      charges: 'deduct',
    });

    // Assert
    expect(instruction).toMatchObject({
      currency: 'USD',
      bank: 'DEUTDEFFXXX',
      rates: ['1.07784'],
      cutOff: '2026-04-13T14:00:00.000Z',
    });
    expect(formatMoney(instruction.amountReceived)).toBe('10762.23');
    expect(formatMoney(instruction.expectedCost.total)).toBe('44.19');
    expect(Object.isFrozen(instruction)).toBe(true);
  });
});
