import { formatMoney, money } from 'deltran';
import { createRegistry, InvalidRouteRequestError, RoutingErrorCodes, selectRoute } from 'deltran/routing';
import { describe, expect, it } from 'vitest';
import { CHASE, DEUTSCHE, EUR_USD, NOW, NOW_MS, threeBanks } from './_registry';

const eur = (text: string) => money(text, 'EUR');

describe('selectRoute', () => {
  it('should rank a three-bank registry and explain the exclusion', () => {
    // Arrange
    const registry = createRegistry(threeBanks());
    const request = { reference: 'uetr-1', amount: eur('10000.00'), targetCurrency: 'USD' };

    // Act
    const selection = selectRoute(request, registry, { now: NOW });

    // Assert: Deutsche: fees 5.00 + 10 bp of 10,000.00 = 15.00; 9,985.00 × 1.08 × (1 − 0.0020) = 9,985.00 ×
    // 1.07784 = 10,762.2324 → 10,762.23 USD (rounded down). Valued at the mid 1.081: 9,955.81 EUR;
    // spread 9,985 × (1 − 1.07784 / 1.081) = 29.19; rounding 0.00; total 44.19 EUR = 44.19 bp.
    // Scores: liquidity 100·(1 − 10,762.23 / 1,000,000) = 98.923777; SLA 100·0.99·30/40 = 74.25;
    // cost 100·(1 − 44.19/100) = 55.81; total 0.25·98.923777 + 0.35·74.25 + 0.4·55.81 = 73.04244425.
    const [first, second] = selection.candidates;
    expect(selection.best).toBe(first);
    expect(first?.banks).toEqual(['DEUTDEFFXXX']);
    expect(formatMoney(first!.amountReceived)).toBe('10762.23');
    expect(first?.rates).toEqual(['1.07784']);
    expect(first?.hops[0]?.marketRate).toBe('1.08');
    expect(first?.hops[0]?.midRate).toBe('1.081');
    const cost = first!.expectedCost;
    expect(
      [cost.debited, cost.receivedValue, cost.fees, cost.spread, cost.rounding, cost.total].map(formatMoney),
    ).toEqual(['10000.00', '9955.81', '15.00', '29.19', '0.00', '44.19']);
    expect(first?.score.liquidityScore).toBeCloseTo(98.923777, 9);
    expect(first?.score.slaScore).toBeCloseTo(74.25, 9);
    expect(first?.score.costScore).toBeCloseTo(55.81, 9);
    expect(first?.score.totalScore).toBeCloseTo(73.04244425, 9);
    expect(first?.valueDate).toBe('2026-04-13');
    expect(first?.cutOff).toBe('2026-04-13T14:00:00.000Z');
    // Chase: 10,000 × 1.08 × (1 − 0.0035) = 10,762.20 USD; total cost 44.22 EUR; SLA 100·0.995·30/75 = 39.8
    expect(second?.banks).toEqual(['CHASUS33XXX']);
    expect(formatMoney(second!.amountReceived)).toBe('10762.20');
    expect(formatMoney(second!.expectedCost.total)).toBe('44.22');
    expect(second?.score.totalScore).toBeCloseTo(0.25 * 78.4756 + 0.35 * 39.8 + 0.4 * 55.78, 9);
    // BNP: 14:00 in Paris is past its 13:30 USD cut-off
    expect(selection.excluded).toEqual([
      expect.objectContaining({ bank: 'BNPAFRPPXXX', reason: 'CUT_OFF_PASSED', from: 'EUR', to: 'USD' }),
    ]);
    expect(selection.multiHopSearched).toBe(false);
  });

  it('should exclude a bank without the liquidity to pay out', () => {
    // Arrange: 100,000 EUR needs about 107,600 USD; Chase has 50,000
    const registry = createRegistry(threeBanks());

    // Act
    const selection = selectRoute(
      { reference: 'uetr-2', amount: eur('100000.00'), targetCurrency: 'USD' },
      registry,
      { now: NOW },
    );

    // Assert
    expect(selection.candidates.map((c) => c.banks[0])).toEqual(['DEUTDEFFXXX']);
    expect(selection.excluded.map((e) => [e.bank, e.reason])).toEqual([
      ['BNPAFRPPXXX', 'CUT_OFF_PASSED'],
      ['CHASUS33XXX', 'INSUFFICIENT_LIQUIDITY'],
    ]);
  });

  it('should refuse a stale quote for every bank of the corridor', () => {
    // Arrange: the quote is 6 minutes old, the limit 5
    const registry = createRegistry(threeBanks());
    const now = NOW_MS + 5 * 60_000;

    // Act
    const selection = selectRoute(
      { reference: 'uetr-3', amount: eur('100.00'), targetCurrency: 'USD' },
      registry,
      { now, multiHop: 'off' },
    );

    // Assert
    expect(selection.best).toBeUndefined();
    expect(selection.excluded.map((e) => e.reason)).toEqual(['STALE_RATE', 'STALE_RATE', 'STALE_RATE']);
  });

  it('should explain unsupported currencies, missing corridors and rates, closed days and fees', () => {
    // Arrange
    const registry = createRegistry({
      banks: [
        { ...DEUTSCHE, currencies: ['EUR', 'USD', 'GBP'], holidays: ['2026-04-14'] },
        { ...CHASE, currencies: ['USD'], liquidity: { USD: '1.00' } },
      ],
      corridors: [
        { from: 'EUR', to: 'USD', banks: ['DEUTDEFFXXX', 'CHASUS33XXX'] },
        { from: 'EUR', to: 'GBP' },
      ],
      rates: [EUR_USD],
    });
    const request = (amount: string, targetCurrency: string) => ({
      reference: 'r',
      amount: eur(amount),
      targetCurrency,
    });

    // Act
    const unsupported = selectRoute(request('100.00', 'USD'), registry, { now: NOW });
    const noCorridor = selectRoute(request('100.00', 'JPY'), registry, { now: NOW });
    const noRate = selectRoute(request('100.00', 'GBP'), registry, { now: NOW });
    const fees = selectRoute(request('5.00', 'USD'), registry, { now: NOW });
    // (the quote's age is waived for the later days, so the calendar is what excludes)
    const holiday = selectRoute(request('100.00', 'USD'), registry, {
      now: '2026-04-14T09:00:00Z',
      maxRateAgeMs: 1e12,
    });
    const saturday = selectRoute(request('100.00', 'USD'), registry, {
      now: '2026-04-18T09:00:00Z',
      maxRateAgeMs: 1e12,
    });

    // Assert
    expect(unsupported.excluded.map((e) => [e.bank, e.reason])).toEqual([
      ['CHASUS33XXX', 'CURRENCY_UNSUPPORTED'],
    ]);
    expect(noCorridor.excluded.map((e) => e.reason)).toEqual(['NO_CORRIDOR']);
    expect(noRate.excluded.map((e) => [e.bank, e.reason])).toEqual([['DEUTDEFFXXX', 'NO_RATE']]);
    expect(fees.excluded.map((e) => e.reason)).toContain('FEES_EXCEED_AMOUNT');
    expect(holiday.excluded.find((e) => e.bank === 'DEUTDEFFXXX')?.reason).toBe('NOT_OPERATING_DAY');
    expect(saturday.excluded.find((e) => e.bank === 'DEUTDEFFXXX')?.reason).toBe('NOT_OPERATING_DAY');
  });

  it('should follow daylight saving time in the bank’s zone', () => {
    // Arrange: Chase's 17:00 New York cut-off is 21:00 UTC in April (EDT) and 22:00 UTC in January (EST)
    const registry = createRegistry({
      ...threeBanks(),
      rates: [{ ...EUR_USD, timestamp: '2026-01-12T11:59:00Z' }, EUR_USD],
    });
    const request = { reference: 'r', amount: eur('100.00'), targetCurrency: 'USD' };

    // Act
    const april = selectRoute(request, registry, { now: NOW, maxRateAgeMs: 1e12 });
    const january = selectRoute(request, registry, { now: '2026-01-12T12:00:00Z', maxRateAgeMs: 1e12 });

    // Assert
    const chase = (s: typeof april) => s.candidates.find((c) => c.banks[0] === 'CHASUS33XXX');
    expect(chase(april)?.cutOff).toBe('2026-04-13T21:00:00.000Z');
    expect(chase(january)?.cutOff).toBe('2026-01-12T22:00:00.000Z');
  });

  it('should route a same-currency payment with fees billed on top', () => {
    // Arrange
    const registry = createRegistry(threeBanks());

    // Act
    const selection = selectRoute({ reference: 'local', amount: eur('1000.00') }, registry, { now: NOW });

    // Assert: Deutsche bills 5.00 + 10 bp = 6.00; the full 1,000.00 arrives; total debited 1,006.00
    expect(selection.best?.banks).toEqual(['DEUTDEFFXXX']);
    expect(formatMoney(selection.best!.amountReceived)).toBe('1000.00');
    expect(formatMoney(selection.best!.expectedCost.debited)).toBe('1006.00');
    expect(formatMoney(selection.best!.expectedCost.fees)).toBe('6.00');
    expect(formatMoney(selection.best!.expectedCost.spread)).toBe('0.00');
  });

  it('should break ties deterministically by BIC', () => {
    // Arrange: two identical banks under different BICs, registered in reverse order
    const twin = { ...DEUTSCHE, bic: 'COBADEFFXXX' };
    const registry = createRegistry({
      banks: [DEUTSCHE, twin],
      corridors: [{ from: 'EUR', to: 'USD' }],
      rates: [EUR_USD],
    });

    // Act
    const selection = selectRoute(
      { reference: 'tie', amount: eur('500.00'), targetCurrency: 'USD' },
      registry,
      { now: NOW },
    );

    // Assert
    expect(selection.candidates.map((c) => [c.rank, c.banks[0]])).toEqual([
      [1, 'COBADEFFXXX'],
      [2, 'DEUTDEFFXXX'],
    ]);
  });

  it('should let the weights change the ranking', () => {
    // Arrange: cost only — Deutsche 44.19 beats Chase 44.22 anyway; liquidity only — Deutsche's 1M beats 50k
    const registry = createRegistry(threeBanks());
    const request = { reference: 'w', amount: eur('10000.00'), targetCurrency: 'USD' };

    // Act
    const slaOnly = selectRoute(request, registry, { now: NOW, weights: { liquidity: 0, sla: 1, cost: 0 } });

    // Assert
    expect(slaOnly.best?.score.weights).toEqual({ liquidity: 0, sla: 1, cost: 0 });
    expect(slaOnly.best?.score.totalScore).toBeCloseTo(74.25, 9);
  });

  it('should refuse a malformed request with a typed error', () => {
    // Arrange
    const registry = createRegistry(threeBanks());

    // Act
    const act = (): unknown => selectRoute({ reference: '', amount: eur('1.00') }, registry, { now: NOW });
    const badTime = (): unknown =>
      selectRoute({ reference: 'x', amount: eur('1.00') }, registry, { now: 'yesterday' });

    // Assert
    expect(act).toThrow(InvalidRouteRequestError);
    expect(act).toThrow(expect.objectContaining({ code: RoutingErrorCodes.INVALID_REQUEST }));
    expect(badTime).toThrow(expect.objectContaining({ code: RoutingErrorCodes.INVALID_OPTIONS }));
  });
});
