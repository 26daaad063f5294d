/**
 * Route selection: which bank (or chain of banks) settles a payment or net position.
 *
 * @packageDocumentation
 */
import type { CurrencyCode } from '../index';
import {
  availability,
  buildCandidate,
  compareCandidates,
  evaluateHop,
  isFailure,
  sharedAmounts,
  withRanks,
} from './_internal/evaluate';
import type { CorridorEdge, IndexedBank } from './_internal/index-types';
import { indexOf, pairKey } from './_internal/index-types';
import { type Resolved, resolveOptions, resolveRequest } from './_internal/options';
import { searchPaths } from './_internal/path-search';
import { freshCycles } from './_internal/rates';
import type { Rational } from './_internal/rational';
import type {
  Exclusion,
  Registry,
  RouteCandidate,
  RouteOptions,
  RouteRequest,
  RouteSelection,
} from './types';

/**
 * Ranks every way to settle a request: each bank on the direct corridor (or, for a same-currency route,
 * each bank holding the currency), plus multi-hop chains when asked (`multiHop: 'compare'`) or when no
 * direct candidate is eligible (`'fallback'`, the default).
 *
 * A bank is excluded, with the reason and the figures, when it lacks a currency
 * (`CURRENCY_UNSUPPORTED`), the corridor does not exist (`NO_CORRIDOR`) or has no quote (`NO_RATE`), the
 * quote is older than `maxRateAgeMs` (`STALE_RATE`), its local time is past its cut-off for the target
 * currency (`CUT_OFF_PASSED`) or it is closed today (`NOT_OPERATING_DAY`), its fees take the amount
 * (`FEES_EXCEED_AMOUNT`), or it lacks the liquidity to pay out (`INSUFFICIENT_LIQUIDITY`).
 *
 * Each candidate's score (0–100) is the weighted sum of: liquidity 100·(1 − out/liquidity) at the
 * tightest hop; SLA 100·success·30/(30 + median minutes); cost 100·max(0, 1 − cost bps / 100). Default
 * weights: liquidity 0.25, SLA 0.35, cost 0.4. Ties break on lower cost, more received, fewer hops, then
 * BIC order, so the ranking is deterministic.
 *
 * @param request - reference, amount sent, target currency, charge treatment
 * @param registry - from `createRegistry`
 * @param options - now, weights, quote age, multi-hop mode, rounding
 * @returns the ranked candidates, the exclusions, and arbitrage cycles among the fresh quotes
 * @throws {@link InvalidRouteRequestError} (`ROUTING_INVALID_REQUEST`, `ROUTING_INVALID_OPTIONS`) for a malformed request or option
 * @example
 * ```ts
 * const selection = selectRoute(
 *   { reference: uetr, amount: money('250000.00', 'EUR'), targetCurrency: 'USD' },
 *   registry,
 *   { now: '2026-04-13T13:00:00Z' },
 * );
 * selection.best?.banks; // ['DEUTDEFFXXX']
 * selection.best?.score; // { liquidityScore, slaScore, costScore, totalScore, weights }
 * ```
 * @public
 */
export function selectRoute(
  request: RouteRequest,
  registry: Registry,
  options: RouteOptions,
): RouteSelection {
  return selectResolved(request, registry, resolveOptions(options, 'selectRoute'));
}

/**
 * {@link selectRoute} with options already resolved (by `resolveOptions`), for the instruction builders
 * that resolve them once per call instead of once per selection. The request is still checked here,
 * with `selectRoute`'s errors.
 * @internal
 */
export function selectResolved(
  request: RouteRequest,
  registry: Registry,
  resolved: Resolved,
): RouteSelection {
  const { reference, amount, source, target, charges } = resolveRequest(request, 'selectRoute');
  const index = indexOf(registry.index);
  const now = resolved.now;
  const excluded: Exclusion[] = [];
  const shared = sharedAmounts(amount);
  const direct: RouteCandidate[] = [];

  let edge: CorridorEdge | undefined;
  let banks: readonly IndexedBank[] = [];
  if (source === target) {
    banks = index.banksByCurrency.get(source) ?? [];
    if (banks.length === 0)
      exclude(
        excluded,
        source,
        target,
        '',
        'CURRENCY_UNSUPPORTED',
        `no bank of the registry holds ${source}`,
      );
  } else {
    edge = index.edges.get(pairKey(source, target));
    if (edge === undefined) {
      exclude(
        excluded,
        source,
        target,
        '',
        'NO_CORRIDOR',
        `the registry has no ${source}→${target} corridor`,
      );
    } else {
      banks = edge.banks;
      for (const bank of edge.unsupported) {
        const missing = bank.currencies.has(source) ? target : source;
        exclude(
          excluded,
          source,
          target,
          bank.bic,
          'CURRENCY_UNSUPPORTED',
          `${bank.bic} is listed on ${source}→${target} but does not hold ${missing}`,
        );
      }
      const rate = edge.rate;
      if (rate === undefined) {
        for (const bank of banks)
          exclude(
            excluded,
            source,
            target,
            bank.bic,
            'NO_RATE',
            `the rate table has no ${source}/${target} quote`,
          );
        banks = [];
      } else if (now - rate.timestampMs > resolved.maxRateAgeMs) {
        const age = Math.round((now - rate.timestampMs) / 1000);
        const limit = resolved.maxRateAgeMs / 1000;
        for (const bank of banks) {
          exclude(
            excluded,
            source,
            target,
            bank.bic,
            'STALE_RATE',
            `the ${rate.quote.base}/${rate.quote.quote} quote is ${age} s old (limit ${limit} s)`,
          );
        }
        banks = [];
      }
    }
  }
  for (let j = 0; j < banks.length; j++) {
    const bank = banks[j] as IndexedBank;
    const open = availability(bank, target, now);
    if (!open.ok) {
      exclude(excluded, source, target, bank.bic, open.reason, open.detail);
      continue;
    }
    const conversion =
      edge?.rate === undefined
        ? undefined
        : {
            rate: edge.rate,
            effective: edge.effective[j] as Rational,
            effectiveText: edge.effectiveText[j] as string,
            scaledN: edge.scaledN[j] as bigint,
            scaledD: edge.scaledD[j] as bigint,
            lossN: edge.lossN[j] as bigint,
            lossD: edge.lossD[j] as bigint,
          };
    const figures = evaluateHop(
      bank,
      source,
      target,
      conversion,
      amount.minor,
      charges,
      resolved.rounding,
      open,
    );
    if (isFailure(figures)) {
      exclude(excluded, source, target, bank.bic, figures.reason, figures.detail);
      continue;
    }
    direct.push(buildCandidate([figures], charges, resolved.weights, 'direct', shared));
  }

  let multiHop: RouteCandidate[] = [];
  const search =
    source !== target &&
    (resolved.multiHop === 'compare' || (resolved.multiHop === 'fallback' && direct.length === 0));
  if (search) {
    multiHop = searchPaths(
      index,
      source,
      target,
      amount,
      now,
      resolved.maxRateAgeMs,
      resolved.maxHops,
      2,
      charges,
      resolved.rounding,
      resolved.weights,
    ).candidates;
  }
  // `direct` is this call's own array: sorted in place when there is nothing to add to it.
  const candidates = withRanks(
    (multiHop.length === 0 ? direct : [...direct, ...multiHop]).sort(compareCandidates),
  );
  const best = candidates[0];
  return Object.freeze({
    reference,
    candidates: Object.freeze(candidates),
    ...(best === undefined ? {} : { best }),
    excluded: Object.freeze(excluded),
    multiHopSearched: search,
    arbitrage: freshCycles(index.cycles, now, resolved.maxRateAgeMs),
  });
}

function exclude(
  excluded: Exclusion[],
  from: CurrencyCode,
  to: CurrencyCode,
  bank: string,
  reason: Exclusion['reason'],
  detail: string,
): void {
  excluded.push(Object.freeze({ bank, from, to, reason, detail }));
}
