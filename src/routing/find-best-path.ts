/**
 * Multi-hop FX path finding: the chain of conversions that delivers the most.
 *
 * @packageDocumentation
 */
import { compareCandidates, withRanks } from './_internal/evaluate';
import { indexOf } from './_internal/index-types';
import { resolveOptions, resolveRequest } from './_internal/options';
import { searchPaths } from './_internal/path-search';
import { freshCycles } from './_internal/rates';
import { InvalidRouteRequestError, RoutingErrorCodes } from './errors';
import type { PathSearchResult, Registry, RouteOptions, RouteRequest } from './types';

/**
 * Finds the chain of conversions (ILS → USD → AED, say) that maximises the amount received after every
 * hop's rate, bank spread and fees, with liquidity checked at every hop for the amount that hop carries.
 *
 * The search is exact over simple chains of up to `maxHops` conversions (default 3) along the registry's
 * corridors with fresh quotes and open banks: the result delivers the most of every chain of currencies
 * × every choice of bank at every hop. A currency is never visited twice, so an arbitrage cycle in the
 * rate table is reported (`arbitrage`) but never followed. Because a larger intermediate amount may
 * exceed a later bank's liquidity where a smaller one fits, the search carries every amount a chain can
 * hold at each currency (exact, in bigint), dropping only amounts that a larger one dominates (one that
 * no continuation can push over any bank's liquidity). Floats serve only as sound upper bounds, for
 * branch and bound. Ties on one chain of currencies go to the choice that carries more at the earlier
 * hops (last first), then to BIC order; between chains, to the higher score, then BIC order. The work
 * is bounded (`PATHS_EXPLORED_MAX` exact hop evaluations); `truncated` says when the bound was hit,
 * and only then may the answer not be the best.
 *
 * @param request - reference, amount sent, target currency (required, different from the source)
 * @param registry - from `createRegistry`
 * @param options - now, quote age, max hops, rounding, weights (for the candidates' scores)
 * @returns the best chain and up to four runners-up (other chains of currencies), exact figures, and the
 *   arbitrage cycles
 * @throws {@link InvalidRouteRequestError} (`ROUTING_INVALID_REQUEST`, `ROUTING_INVALID_OPTIONS`)
 * @example
 * ```ts
 * findBestPath({ reference: 'p-1', amount: money('10000.00', 'ILS'), targetCurrency: 'AED' }, registry,
 *   { now }).best?.hops.map((h) => `${h.from}→${h.to} via ${h.bank}`); // ['ILS→USD via …', 'USD→AED via …']
 * ```
 * @public
 */
export function findBestPath(
  request: RouteRequest,
  registry: Registry,
  options: RouteOptions,
): PathSearchResult {
  const resolved = resolveOptions(options, 'findBestPath');
  const { amount, source, target, charges } = resolveRequest(request, 'findBestPath');
  if (source === target) {
    throw new InvalidRouteRequestError(
      RoutingErrorCodes.INVALID_REQUEST,
      `[deltran/routing] findBestPath: targetCurrency: expected a currency other than ${source}; use selectRoute for a same-currency route`,
      {
        path: ['targetCurrency'],
      },
    );
  }
  const index = indexOf(registry.index);
  const found = searchPaths(
    index,
    source,
    target,
    amount,
    resolved.now,
    resolved.maxRateAgeMs,
    resolved.maxHops,
    1,
    charges,
    resolved.rounding,
    resolved.weights,
  );
  const ordered = [...found.candidates].sort((a, b) => {
    if (a.amountReceived.minor !== b.amountReceived.minor)
      return a.amountReceived.minor > b.amountReceived.minor ? -1 : 1;
    return compareCandidates(a, b);
  });
  const candidates = withRanks(ordered);
  const best = candidates[0];
  return Object.freeze({
    ...(best === undefined ? {} : { best }),
    candidates: Object.freeze(candidates),
    pathsExplored: found.explored,
    truncated: found.truncated,
    arbitrage: freshCycles(index.cycles, resolved.now, resolved.maxRateAgeMs),
  });
}
