/**
 * White-box reference test of the instruction builders (STYLE.md §6.1: the file name says so):
 * `routeLocalPayment` and `routeNetPositions` resolve their options once and select with them; the
 * answers, instructions and errors must be those of the former composition — `resolveOptions` for the
 * errors, then `selectRoute` with `{ ...options, multiHop: 'off' }` and `buildSettlementInstruction`.
 */
import { type CurrencyCode, money } from 'deltran';
import {
  buildSettlementInstruction,
  createRegistry,
  type RouteOptions,
  routeLocalPayment,
  routeNetPositions,
  selectRoute,
} from 'deltran/routing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../src/routing/_internal/options';
import { NOW_MS, threeBanks, twoHops } from './_registry';

function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    const e = error as { code?: string; message?: string; path?: unknown };
    return { error: { type: e?.constructor?.name, code: e.code, message: e.message, path: e.path } };
  }
}

const registries = [createRegistry(threeBanks()), createRegistry(twoHops())];

const optionsArb = fc.record(
  {
    now: fc.integer({ min: NOW_MS - 14 * 3_600_000, max: NOW_MS + 10 * 3_600_000 }),
    weights: fc.record({ liquidity: fc.double({ min: -0.1, max: 2, noNaN: true }), sla: fc.constant(0.35) }),
    multiHop: fc.constantFrom('fallback', 'compare', 'off', 'sometimes') as fc.Arbitrary<
      RouteOptions['multiHop']
    >,
    maxRateAgeMs: fc.constantFrom(60_000, 3_600_000, -1),
    feeRounding: fc.constantFrom('halfUp', 'down', 'unnecessary') as fc.Arbitrary<
      RouteOptions['feeRounding']
    >,
  },
  { requiredKeys: ['now'] },
  // Invalid values on purpose (an unknown multi-hop mode, a negative age): both paths must refuse them alike.
) as unknown as fc.Arbitrary<RouteOptions>;
const currencyArb = fc.constantFrom<CurrencyCode>('EUR', 'USD', 'ILS');
const amountArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 7n }),
  fc.bigInt({ min: 1n, max: 10n ** 12n }),
  fc.constant(0n),
);

function text(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = (minor < 0n ? -minor : minor).toString().padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

describe('instruction builders against the former composition', () => {
  it('routeLocalPayment', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1 }), optionsArb, currencyArb, amountArb, (r, options, currency, minor) => {
        const registry = registries[r] as (typeof registries)[number];
        const payment = {
          uetr: 'eb6305c9-1f7f-49de-aed0-16487c27b42d',
          debtorBic: 'AAAADEFFXXX',
          creditorBic: 'BBBBFRPPXXX',
          amount: text(minor),
          currency,
        };
        const reference = outcome(() => {
          const now = resolveOptions(options, 'routeLocalPayment').now;
          const amount = money(payment.amount, currency);
          const selection = selectRoute({ reference: payment.uetr, amount, charges: 'billed' }, registry, {
            ...options,
            multiHop: 'off',
          });
          if (selection.best === undefined) {
            const reasons =
              [...new Set(selection.excluded.map((e) => e.reason))].join(', ') ||
              'no bank holds the currency';
            return {
              excluded: selection.excluded,
              message: `[deltran/routing] no eligible route for payment ${payment.uetr} (${currency}): ${reasons}`,
            };
          }
          return buildSettlementInstruction(selection.best, {
            source: { kind: 'payment', uetr: payment.uetr },
            fromBic: payment.debtorBic,
            toBic: payment.creditorBic,
            routedAt: now,
            charges: 'billed',
          });
        });
        const actual = outcome(() => {
          const routed = routeLocalPayment(payment, registry, options);
          return routed.ok
            ? routed.value
            : { excluded: routed.error.exclusions, message: routed.error.message };
        });
        expect(actual).toEqual(reference);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('routeNetPositions', () => {
    const position = fc.record({
      participant: fc.constantFrom('AAAADEFFXXX', 'BBBBFRPPXXX'),
      currency: currencyArb,
      minor: fc.oneof(
        amountArb,
        amountArb.map((m) => -m),
      ),
    });
    fc.assert(
      fc.property(
        fc.nat({ max: 1 }),
        optionsArb,
        fc.array(position, { maxLength: 5 }),
        (r, options, positions) => {
          const registry = registries[r] as (typeof registries)[number];
          const inputs = positions.map((p) => ({
            participant: p.participant,
            currency: p.currency,
            amount: text(p.minor),
            windowId: 'w-1',
          }));
          const settlementBic = 'CCPXGB2LXXX';
          const reference = outcome(() => {
            const now = resolveOptions(options, 'routeNetPositions').now;
            const instructions: unknown[] = [];
            const unrouted: unknown[] = [];
            for (const p of inputs) {
              const signed = money(p.amount, p.currency);
              if (signed.minor === 0n) continue;
              const amount = signed.minor < 0n ? money(p.amount.slice(1), p.currency) : signed;
              const reference = `w-1:${p.participant}:${p.currency}`;
              const selection = selectRoute({ reference, amount, charges: 'billed' }, registry, {
                ...options,
                multiHop: 'off',
              });
              if (selection.best === undefined) {
                unrouted.push({ position: p, excluded: selection.excluded });
                continue;
              }
              const debtor = signed.minor < 0n;
              instructions.push(
                buildSettlementInstruction(selection.best, {
                  source: {
                    kind: 'netPosition',
                    participant: p.participant,
                    currency: p.currency,
                    windowId: 'w-1',
                  },
                  fromBic: debtor ? p.participant : settlementBic,
                  toBic: debtor ? settlementBic : p.participant,
                  routedAt: now,
                  charges: 'billed',
                }),
              );
            }
            return { instructions, unrouted };
          });
          const actual = outcome(() => routeNetPositions(inputs, registry, { ...options, settlementBic }));
          expect(actual).toEqual(reference);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
