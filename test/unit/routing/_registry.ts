/**
 * Small registries for the routing tests, with figures chosen so the answers can be computed by hand.
 * @internal
 */
import type { BankProfile, FxQuote, RegistryInput } from 'deltran/routing';

/** Monday 2026-04-13 12:00 UTC: 14:00 in Berlin and Paris (CEST), 08:00 in New York (EDT). */
export const NOW = '2026-04-13T12:00:00Z';
export const NOW_MS: number = Date.parse(NOW);

export const DEUTSCHE: BankProfile = {
  bic: 'DEUTDEFFXXX',
  currencies: ['EUR', 'USD'],
  liquidity: { EUR: '1000000.00', USD: '1000000.00' },
  sla: { medianMinutes: 10, successRate: 0.99 },
  fees: { fixed: { EUR: '5.00' }, basisPoints: '10' },
  fxSpreadBasisPoints: '20',
  timeZone: 'Europe/Berlin',
  cutOffs: [{ time: '16:00' }],
};

export const BNP: BankProfile = {
  bic: 'BNPAFRPPXXX',
  currencies: ['EUR', 'USD'],
  liquidity: { USD: '9000000.00' },
  sla: { medianMinutes: 5, successRate: 0.999 },
  timeZone: 'Europe/Paris',
  cutOffs: [{ currency: 'USD', time: '13:30' }],
};

export const CHASE: BankProfile = {
  bic: 'CHASUS33XXX',
  currencies: ['EUR', 'USD'],
  liquidity: { USD: '50000.00' },
  sla: { medianMinutes: 45, successRate: 0.995 },
  fxSpreadBasisPoints: '35',
  timeZone: 'America/New_York',
  cutOffs: [{ time: '17:00' }],
};

export const EUR_USD: FxQuote = {
  base: 'EUR',
  quote: 'USD',
  bid: '1.0800',
  ask: '1.0820',
  timestamp: '2026-04-13T11:59:00Z',
};

/** Three banks on EUR→USD: Deutsche eligible, BNP past its USD cut-off, Chase short of USD for big amounts. */
export function threeBanks(): RegistryInput {
  return { banks: [DEUTSCHE, BNP, CHASE], corridors: [{ from: 'EUR', to: 'USD' }], rates: [EUR_USD] };
}

export const LEUMI: BankProfile = {
  bic: 'LUMIILITXXX',
  currencies: ['ILS', 'USD'],
  liquidity: { USD: '1000000.00' },
  sla: { medianMinutes: 20, successRate: 0.99 },
  fees: { fixed: { ILS: '10.00' } },
  timeZone: 'Asia/Jerusalem',
};

export const FAB: BankProfile = {
  bic: 'NBADAEAAXXX',
  currencies: ['USD', 'AED'],
  liquidity: { AED: '5000000.00' },
  sla: { medianMinutes: 15, successRate: 0.995 },
  fees: { fixed: { USD: '1.00' } },
  timeZone: 'Asia/Dubai',
};

/** ILS → USD → AED with no direct ILS/AED corridor; USD/ILS ask 4.0000 makes ILS→USD exactly 0.25. */
export function twoHops(): RegistryInput {
  return {
    banks: [LEUMI, FAB],
    corridors: [
      { from: 'ILS', to: 'USD' },
      { from: 'USD', to: 'AED' },
    ],
    rates: [
      { base: 'USD', quote: 'ILS', bid: '3.9800', ask: '4.0000', timestamp: NOW },
      { base: 'USD', quote: 'AED', bid: '3.6720', ask: '3.6730', timestamp: NOW },
    ],
  };
}
