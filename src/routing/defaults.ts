/**
 * The documented defaults and bounds of `deltran/routing`: score weights and references, quote age,
 * hop limits, search bounds and the precision of inverted quotes.
 *
 * @packageDocumentation
 */
import type { RouteWeights } from './types';

/**
 * Default weights of the route score: liquidity 0.25, SLA 0.35, cost 0.4. Cost weighs most because it
 * is money the sender loses for sure; SLA next because a failed or late settlement costs a repair and a
 * missed value date; liquidity headroom last, because an ineligible bank is already excluded.
 * @public
 */
export const DEFAULT_ROUTE_WEIGHTS: RouteWeights = Object.freeze({ liquidity: 0.25, sla: 0.35, cost: 0.4 });

/** Default oldest acceptable quote: 5 minutes (300 000 ms). @public */
export const DEFAULT_MAX_RATE_AGE_MS = 300_000;

/** Default most conversions in a chain: 3 (ILS → USD → EUR → AED). @public */
export const DEFAULT_MAX_HOPS = 3;

/** The most conversions a chain may be asked to have; the search is exhaustive up to it. @public */
export const MAX_HOPS_LIMIT = 6;

/** The SLA part of the score halves at this median settlement time, minutes: 100·success·30/(30 + median). @public */
export const SLA_REFERENCE_MINUTES = 30;

/** The cost part of the score reaches zero at this cost, basis points of the amount debited (1%). @public */
export const COST_CEILING_BASIS_POINTS = 100;

/** Chains of currencies the path search returns: the ones that deliver the most (ties for the last place kept until ranked). @public */
export const EXACT_CANDIDATES = 5;

/**
 * Bound on the work of the path search, in exact hop evaluations (one bank extending one partial chain by
 * one hop); `truncated` reports hitting it, and only a truncated search may miss the best chain.
 * @public
 */
export const PATHS_EXPLORED_MAX = 250_000;

/**
 * Significant digits an inverted quote (1 / ask) is rounded down to, so that every rate used is a
 * terminating decimal that the settlement stage can reproduce exactly.
 * @public
 */
export const INVERSE_RATE_DIGITS = 12;
