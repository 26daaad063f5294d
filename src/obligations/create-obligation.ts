/**
 * An obligation and its route from an allowed payment.
 * @packageDocumentation
 */
import type { CanonicalPayment } from '../index';
import { routeObligation } from './_internal/route-obligation';
import type { CreateObligationOptions, RoutedObligation } from './types';

/** The obligation id of a UETR: deterministic, so replays and other services agree on it. @public */
export function obligationId(uetr: string): string {
  return `obl:${uetr}`;
}

/**
 * Builds the obligation of an allowed payment and decides its route.
 *
 * @param payment - the payment (already validated by the gateway)
 * @param options - its compliance decision (must be ALLOW when given), a fallback value date,
 *   currency areas
 * @returns the obligation and its route: `['token.mint', 'clearing']` when cross-border,
 *   `['token.mint', 'local']` when domestic
 * @throws {@link ObligationError} `OBLIGATIONS_NOT_ALLOWED` (decision not ALLOW or for another UETR),
 *   `OBLIGATIONS_MISSING_VALUE_DATE`, `OBLIGATIONS_INVALID_CONFIG` (value date not YYYY-MM-DD),
 *   `OBLIGATIONS_UNKNOWN_AGENT_COUNTRY`
 * @example
 * ```ts
 * const { obligation, route } = createObligation(payment, { decision });
 * route.steps; // ['token.mint', 'clearing']
 * ```
 * @public
 */
export function createObligation(
  payment: CanonicalPayment,
  options: CreateObligationOptions = {},
): RoutedObligation {
  return routeObligation(payment, options.decision, options.valueDate, options.currencyAreas, undefined);
}
