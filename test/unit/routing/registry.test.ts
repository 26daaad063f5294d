import { money } from 'deltran';
import { createRegistry, findBestPath, InvalidRegistryError, RoutingErrorCodes } from 'deltran/routing';
import { describe, expect, it } from 'vitest';
import { DEUTSCHE, EUR_USD, NOW, threeBanks } from './_registry';

describe('createRegistry', () => {
  it('should build a frozen registry with no arbitrage in a consistent table', () => {
    // Arrange
    const input = threeBanks();

    // Act
    const registry = createRegistry(input);

    // Assert
    expect(Object.isFrozen(registry)).toBe(true);
    expect(registry.banks).toHaveLength(3);
    expect(registry.arbitrage).toEqual([]);
  });

  it('should list every problem of a malformed registry', () => {
    // Arrange
    const input = {
      banks: [
        { ...DEUTSCHE, bic: 'NOT A BIC' },
        { ...DEUTSCHE, timeZone: 'Europe/Frankfurt' },
        {
          ...DEUTSCHE,
          bic: 'COBADEFFXXX',
          liquidity: { USD: '10.001' },
          cutOffs: [{ time: '25:00' }],
          operatingDays: [0],
        },
      ],
      corridors: [
        { from: 'EUR', to: 'EUR' },
        { from: 'EUR', to: 'USD', banks: ['UNKNOWNXXXX'] },
      ],
      rates: [{ ...EUR_USD, bid: '1.09', ask: '1.08' }],
    };

    // Act
    let error: unknown;
    try {
      createRegistry(input);
    } catch (caught) {
      error = caught;
    }

    // Assert
    expect(error).toBeInstanceOf(InvalidRegistryError);
    const registryError = error as InvalidRegistryError;
    expect(registryError.code).toBe(RoutingErrorCodes.INVALID_REGISTRY);
    expect(registryError.issues.map((issue) => issue.path)).toEqual([
      ['banks', 0, 'bic'],
      ['banks', 1, 'timeZone'],
      ['banks', 2, 'liquidity', 'USD'],
      ['banks', 2, 'cutOffs', 0, 'time'],
      ['banks', 2, 'operatingDays', 0],
      ['corridors', 0],
      ['corridors', 1, 'banks', 0],
      ['rates', 0],
    ]);
  });

  it('should accept a corridor in a currency that no bank holds and no quote mentions', () => {
    // Arrange: JPY appears only in the corridor (it used to get no currency id and crash the index)
    const input = { ...threeBanks(), corridors: [...threeBanks().corridors, { from: 'JPY', to: 'EUR' }] };

    // Act
    const registry = createRegistry(input);
    const path = findBestPath(
      { reference: 'j', amount: money('100.00', 'EUR'), targetCurrency: 'JPY' },
      registry,
      { now: NOW },
    );

    // Assert
    expect(registry.corridors).toHaveLength(2);
    expect(path.best).toBeUndefined();
  });
});
