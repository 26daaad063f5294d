import { formatMoney, money } from 'deltran';
import {
  createRegistry,
  findArbitrageCycles,
  findBestPath,
  RoutingErrorCodes,
  selectRoute,
} from 'deltran/routing';
import { describe, expect, it } from 'vitest';
import { FAB, LEUMI, NOW, twoHops } from './_registry';

const ils = (text: string) => money(text, 'ILS');

describe('findBestPath', () => {
  it('should find ILS → USD → AED when no direct corridor exists', () => {
    // Arrange
    const registry = createRegistry(twoHops());

    // Act
    const result = findBestPath(
      { reference: 'p-1', amount: ils('10000.00'), targetCurrency: 'AED' },
      registry,
      { now: NOW },
    );

    // Assert: hop 1: 10,000.00 − 10.00 fee = 9,990.00 ILS × (1 / 4.0000 = 0.25) = 2,497.50 USD;
    // hop 2: 2,497.50 − 1.00 = 2,496.50 USD × 3.6720 = 9,167.148 → 9,167.14 AED (rounded down).
    // Valued in ILS at the mids (1/3.99, 3.6725): received 9,959.67, fees 10.00 + 1.00·3.99 = 13.99,
    // spread 9,990·(1 − 0.25·3.99) + 2,496.50·(1 − 3.672/3.6725)·3.99 = 24.975 + 1.356 = 26.33, rounding 0.01.
    const best = result.best!;
    expect(best.kind).toBe('multiHop');
    expect(best.hops.map((h) => `${h.from}→${h.to} ${h.bank}`)).toEqual([
      'ILS→USD LUMIILITXXX',
      'USD→AED NBADAEAAXXX',
    ]);
    expect(best.hops.map((h) => formatMoney(h.amountOut))).toEqual(['2497.50', '9167.14']);
    expect(best.rates).toEqual(['0.25', '3.672']);
    const cost = best.expectedCost;
    expect([cost.receivedValue, cost.fees, cost.spread, cost.rounding, cost.total].map(formatMoney)).toEqual([
      '9959.67',
      '13.99',
      '26.33',
      '0.01',
      '40.33',
    ]);
    expect(best.medianMinutes).toBe(35);
    expect(best.successRate).toBeCloseTo(0.99 * 0.995, 12);
    expect(result.truncated).toBe(false);
  });

  it('should prefer a chain that delivers more than the direct corridor', () => {
    // Arrange: a direct ILS/AED bank at 0.9000 AED per ILS would deliver 9,000.00 AED
    const input = twoHops();
    const direct = {
      ...LEUMI,
      bic: 'POALILITXXX',
      currencies: ['ILS', 'AED'],
      liquidity: { AED: '1000000.00' },
      fees: {},
    };
    const registry = createRegistry({
      banks: [...input.banks, direct],
      corridors: [...input.corridors, { from: 'ILS', to: 'AED' }],
      rates: [...input.rates, { base: 'ILS', quote: 'AED', bid: '0.9000', ask: '0.9100', timestamp: NOW }],
    });
    const request = { reference: 'p-2', amount: ils('10000.00'), targetCurrency: 'AED' };

    // Act
    const path = findBestPath(request, registry, { now: NOW });
    const fallback = selectRoute(request, registry, { now: NOW });
    const compare = selectRoute(request, registry, { now: NOW, multiHop: 'compare' });

    // Assert
    expect(formatMoney(path.best!.amountReceived)).toBe('9167.14');
    expect(path.candidates.map((c) => formatMoney(c.amountReceived))).toEqual(['9167.14', '9000.00']);
    expect(fallback.multiHopSearched).toBe(false);
    expect(fallback.candidates).toHaveLength(1);
    expect(compare.multiHopSearched).toBe(true);
    expect(compare.candidates.map((c) => c.kind).sort()).toEqual(['direct', 'multiHop']);
  });

  it("should carry the smaller amount when the larger one exceeds the next bank's liquidity", () => {
    // Arrange: two ILS→USD banks; FAB holds only 9,150.00 AED.
    // Leumi:  (10,000.00 − 10.00) × 0.25          = 2,497.50 USD → (2,497.50 − 1.00) × 3.672 = 9,167.14 AED > 9,150.00
    // Poalim: (10,000.00 − 10.00) × 0.25 × 0.996  = 2,487.51 USD → (2,487.51 − 1.00) × 3.672 = 9,130.46472
    //         → 9,130.46 AED ≤ 9,150.00. The direct ILS→AED bank delivers 10,000.00 × 0.9 = 9,000.00 AED.
    // Taking the bank that passes on the most at the first hop drops the chain (no route without the
    // direct corridor, the worse direct route with it).
    const poalim = { ...LEUMI, bic: 'POALILITXXX', fxSpreadBasisPoints: '40' };
    const fab = { ...FAB, liquidity: { AED: '9150.00' } };
    const direct = {
      ...LEUMI,
      bic: 'HAPOILITXXX',
      currencies: ['ILS', 'AED'],
      liquidity: { AED: '1000000.00' },
      fees: {},
    };
    const input = twoHops();
    const chainOnly = createRegistry({ ...input, banks: [LEUMI, poalim, fab] });
    const withDirect = createRegistry({
      banks: [LEUMI, poalim, fab, direct],
      corridors: [...input.corridors, { from: 'ILS', to: 'AED' }],
      rates: [...input.rates, { base: 'ILS', quote: 'AED', bid: '0.9000', ask: '0.9100', timestamp: NOW }],
    });
    const request = { reference: 'p-4', amount: ils('10000.00'), targetCurrency: 'AED' };

    // Act
    const alone = findBestPath(request, chainOnly, { now: NOW });
    const beside = findBestPath(request, withDirect, { now: NOW });
    const compare = selectRoute(request, withDirect, { now: NOW, multiHop: 'compare' });

    // Assert
    expect(alone.best?.banks).toEqual(['POALILITXXX', 'NBADAEAAXXX']);
    expect(alone.best?.hops.map((h) => formatMoney(h.amountOut))).toEqual(['2487.51', '9130.46']);
    expect(alone.candidates).toHaveLength(1);
    expect(beside.candidates.map((c) => [c.banks.join('+'), formatMoney(c.amountReceived)])).toEqual([
      ['POALILITXXX+NBADAEAAXXX', '9130.46'],
      ['HAPOILITXXX', '9000.00'],
    ]);
    const chain = compare.candidates.find((c) => c.kind === 'multiHop');
    expect(chain?.banks).toEqual(['POALILITXXX', 'NBADAEAAXXX']);
  });

  it('should keep a smaller amount for two hops when only it fits the last bank', () => {
    // Arrange: ILS → USD → EUR → AED, one bank on each of the last two corridors.
    // USD→EUR at 1 / 1.2500 = 0.8 (Citi, no fees, ample EUR); EUR→AED at 4.0000 (Emirates NBD, no fees,
    // 7,980.00 AED). Leumi's 2,497.50 USD → 1,998.00 EUR → 7,992.00 AED > 7,980.00;
    // Poalim's 2,487.51 USD → 1,990.008 → 1,990.00 EUR → 7,960.00 AED fits. Keeping only the best amount
    // per bank at EUR (Citi's 1,998.00) would lose the only feasible chain.
    const poalim = { ...LEUMI, bic: 'POALILITXXX', fxSpreadBasisPoints: '40' };
    const citi = {
      ...LEUMI,
      bic: 'CITIUS33XXX',
      currencies: ['USD', 'EUR'],
      liquidity: { EUR: '1000000.00' },
      fees: {},
    };
    const enbd = {
      ...FAB,
      bic: 'EBILAEADXXX',
      currencies: ['EUR', 'AED'],
      liquidity: { AED: '7980.00' },
      fees: {},
    };
    const registry = createRegistry({
      banks: [LEUMI, poalim, citi, enbd],
      corridors: [
        { from: 'ILS', to: 'USD' },
        { from: 'USD', to: 'EUR' },
        { from: 'EUR', to: 'AED' },
      ],
      rates: [
        { base: 'USD', quote: 'ILS', bid: '3.9800', ask: '4.0000', timestamp: NOW },
        { base: 'EUR', quote: 'USD', bid: '1.2480', ask: '1.2500', timestamp: NOW },
        { base: 'EUR', quote: 'AED', bid: '4.0000', ask: '4.0100', timestamp: NOW },
      ],
    });
    const request = { reference: 'p-5', amount: ils('10000.00'), targetCurrency: 'AED' };

    // Act
    const result = findBestPath(request, registry, { now: NOW });
    const twoAtMost = findBestPath(request, registry, { now: NOW, maxHops: 2 });

    // Assert
    expect(result.best?.banks).toEqual(['POALILITXXX', 'CITIUS33XXX', 'EBILAEADXXX']);
    expect(result.best?.hops.map((h) => formatMoney(h.amountOut))).toEqual(['2487.51', '1990.00', '7960.00']);
    expect(result.truncated).toBe(false);
    expect(twoAtMost.best).toBeUndefined();
  });

  it('should break a tie between identical banks on the lower BIC', () => {
    // Arrange: a copy of Leumi under a lower BIC delivers the same amount at the first hop
    const twin = { ...LEUMI, bic: 'FIRBILITXXX' };
    const registry = createRegistry({ ...twoHops(), banks: [LEUMI, twin, FAB] });

    // Act
    const result = findBestPath(
      { reference: 'p-6', amount: ils('10000.00'), targetCurrency: 'AED' },
      registry,
      { now: NOW },
    );

    // Assert
    expect(result.best?.banks).toEqual(['FIRBILITXXX', 'NBADAEAAXXX']);
    expect(formatMoney(result.best!.amountReceived)).toBe('9167.14');
  });

  it('should respect maxHops', () => {
    // Arrange
    const registry = createRegistry(twoHops());

    // Act
    const result = findBestPath(
      { reference: 'p-3', amount: ils('10000.00'), targetCurrency: 'AED' },
      registry,
      { now: NOW, maxHops: 1 },
    );

    // Assert
    expect(result.best).toBeUndefined();
  });

  it('should report an arbitrage cycle and never follow it', () => {
    // Arrange: EUR → USD → JPY → EUR at 1.10 × 150 × (1 / 160 = 0.00625) = 1.03125
    const quotes = [
      { base: 'EUR', quote: 'USD', bid: '1.10', ask: '1.10', timestamp: NOW },
      { base: 'USD', quote: 'JPY', bid: '150', ask: '150', timestamp: NOW },
      { base: 'EUR', quote: 'JPY', bid: '160', ask: '160', timestamp: NOW },
    ];
    const bank = {
      ...LEUMI,
      bic: 'MHCBJPJTXXX',
      currencies: ['EUR', 'USD', 'JPY'],
      liquidity: { EUR: '1000000.00', USD: '1000000.00', JPY: '100000000' },
      fees: {},
    };
    const registry = createRegistry({
      banks: [bank],
      corridors: [
        { from: 'EUR', to: 'USD' },
        { from: 'USD', to: 'JPY' },
        { from: 'JPY', to: 'EUR' },
        { from: 'USD', to: 'EUR' },
      ],
      rates: quotes,
    });

    // Act
    const cycles = findArbitrageCycles(quotes);
    const path = findBestPath(
      { reference: 'a', amount: money('100.00', 'USD'), targetCurrency: 'EUR' },
      registry,
      { now: NOW },
    );

    // Assert: the best USD → EUR is via JPY (150 / 160 = 0.9375 > 1 / 1.10 = 0.90909…), each currency once
    expect(cycles).toEqual([
      { currencies: ['EUR', 'USD', 'JPY', 'EUR'], product: '1.03125', rates: ['1.1', '150', '0.00625'] },
    ]);
    expect(registry.arbitrage).toEqual(cycles);
    expect(path.arbitrage).toEqual(cycles);
    expect(path.best?.hops.map((h) => h.to)).toEqual(['JPY', 'EUR']);
    expect(formatMoney(path.best!.amountReceived)).toBe('93.75');
  });

  it('should refuse a same-currency request', () => {
    // Arrange
    const registry = createRegistry(twoHops());

    // Act
    const act = (): unknown => findBestPath({ reference: 'x', amount: ils('1.00') }, registry, { now: NOW });

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: RoutingErrorCodes.INVALID_REQUEST }));
  });
});
