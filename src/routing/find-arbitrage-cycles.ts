/**
 * Arbitrage cycles in an FX rate table.
 *
 * @packageDocumentation
 */
import { arbitrageCycles, buildRates, type QuoteIssue } from './_internal/rates';
import { InvalidRegistryError, RoutingErrorCodes } from './errors';
import type { ArbitrageCycle, FxQuote } from './types';

/**
 * Finds cycles of conversions at the market quotes (bid one way, 1 / ask the other) whose product
 * exceeds 1: an inconsistent rate table. The route search never follows one (its paths never repeat a
 * currency); this reports them so the host can fix the feed. Bellman–Ford on −ln(rate); each cycle is
 * confirmed with exact arithmetic; at most 20 are reported, each once, rotated to start at its first
 * currency in the table.
 *
 * @param quotes - the rate table
 * @returns the cycles, empty for a consistent table
 * @throws {@link InvalidRegistryError} (`ROUTING_INVALID_REGISTRY`) for a malformed quote
 * @example
 * ```ts
 * findArbitrageCycles([
 *   { base: 'EUR', quote: 'USD', bid: '1.10', ask: '1.10', timestamp: 0 },
 *   { base: 'USD', quote: 'JPY', bid: '150', ask: '150', timestamp: 0 },
 *   { base: 'EUR', quote: 'JPY', bid: '160', ask: '160', timestamp: 0 },
 * ]); // EUR → USD → JPY → EUR: 1.10 × 150 / 160 = 1.03125
 * ```
 * @public
 */
export function findArbitrageCycles(quotes: readonly FxQuote[]): readonly ArbitrageCycle[] {
  const issues: QuoteIssue[] = [];
  const rates = buildRates(quotes, issues);
  if (issues.length > 0) {
    const first = issues[0] as QuoteIssue;
    throw new InvalidRegistryError(
      RoutingErrorCodes.INVALID_REGISTRY,
      `[deltran/routing] findArbitrageCycles: ${first.path.join('/')}: ${first.message}`,
      {
        path: first.path,
        issues: issues.map((issue) => ({ code: RoutingErrorCodes.INVALID_REGISTRY, ...issue })),
      },
    );
  }
  return arbitrageCycles(rates).map((found) => found.cycle);
}
