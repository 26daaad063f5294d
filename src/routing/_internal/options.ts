/**
 * Option and request checks of the routing functions (validate once at the public edge, STYLE.md §1.6).
 * @internal
 */
import { type CurrencyCode, isCurrencyCode, type Money, type RoundingMode } from '../../index';
import {
  DEFAULT_MAX_HOPS,
  DEFAULT_MAX_RATE_AGE_MS,
  DEFAULT_ROUTE_WEIGHTS,
  MAX_HOPS_LIMIT,
} from '../defaults';
import { InvalidRouteRequestError, RoutingErrorCodes } from '../errors';
import type { ChargeTreatment, RouteOptions, RouteRequest, RouteWeights } from '../types';
import { normaliseWeights, type Rounding } from './evaluate';
import { toEpochMs } from './time';

const ROUNDING_MODES: readonly RoundingMode[] = [
  'halfEven',
  'halfUp',
  'halfDown',
  'up',
  'down',
  'ceil',
  'floor',
];

/** Options with defaults. */
export interface Resolved {
  readonly now: number;
  readonly weights: RouteWeights;
  readonly maxRateAgeMs: number;
  readonly multiHop: 'fallback' | 'compare' | 'off';
  readonly maxHops: number;
  readonly rounding: Rounding;
}

function invalid(where: string, path: string, message: string): InvalidRouteRequestError {
  return new InvalidRouteRequestError(
    RoutingErrorCodes.INVALID_OPTIONS,
    `[deltran/routing] ${where}: ${path}: ${message}`,
    { path: [path] },
  );
}

// The defaults normalised once (they already sum to 1; normalising keeps the rule in one place).
const NORMALISED_DEFAULT_WEIGHTS: RouteWeights = normaliseWeights(DEFAULT_ROUTE_WEIGHTS);

function checkedWeights(given: Partial<RouteWeights>, where: string): RouteWeights {
  const merged = { ...DEFAULT_ROUTE_WEIGHTS, ...given };
  for (const key of ['liquidity', 'sla', 'cost'] as const) {
    const w = merged[key];
    if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w))
      throw invalid(where, `weights.${key}`, `expected a non-negative number, got ${String(w)}`);
  }
  if (!(merged.liquidity + merged.sla + merged.cost > 0))
    throw invalid(where, 'weights', 'expected at least one weight above zero');
  return normaliseWeights(merged);
}

/** Fills and checks route options. */
export function resolveOptions(options: RouteOptions, where: string): Resolved {
  if (typeof options !== 'object' || options === null) throw invalid(where, 'options', 'expected { now, … }');
  const now = toEpochMs(options.now, where, ['now']);
  const weights =
    options.weights === undefined ? NORMALISED_DEFAULT_WEIGHTS : checkedWeights(options.weights, where);
  const maxRateAgeMs = options.maxRateAgeMs ?? DEFAULT_MAX_RATE_AGE_MS;
  if (typeof maxRateAgeMs !== 'number' || !(maxRateAgeMs >= 0))
    throw invalid(where, 'maxRateAgeMs', `expected a non-negative number of ms, got ${String(maxRateAgeMs)}`);
  const multiHop = options.multiHop ?? 'fallback';
  if (multiHop !== 'fallback' && multiHop !== 'compare' && multiHop !== 'off')
    throw invalid(where, 'multiHop', `expected "fallback", "compare" or "off", got ${String(multiHop)}`);
  const maxHops = options.maxHops ?? DEFAULT_MAX_HOPS;
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS_LIMIT)
    throw invalid(
      where,
      'maxHops',
      `expected an integer from 1 to ${MAX_HOPS_LIMIT}, got ${String(maxHops)}`,
    );
  const fee = options.feeRounding ?? 'halfUp';
  const conversion = options.conversionRounding ?? 'down';
  if (!ROUNDING_MODES.includes(fee))
    throw invalid(
      where,
      'feeRounding',
      `expected a rounding mode other than "unnecessary", got ${String(fee)}`,
    );
  if (!ROUNDING_MODES.includes(conversion))
    throw invalid(
      where,
      'conversionRounding',
      `expected a rounding mode other than "unnecessary", got ${String(conversion)}`,
    );
  return {
    now,
    weights,
    maxRateAgeMs,
    multiHop,
    maxHops,
    rounding: { fee, conversion },
  };
}

/** A checked request. */
export interface ResolvedRequest {
  readonly reference: string;
  readonly amount: Money;
  readonly source: CurrencyCode;
  readonly target: CurrencyCode;
  readonly charges: ChargeTreatment;
}

function failRequest(where: string, path: string, message: string): never {
  throw new InvalidRouteRequestError(
    RoutingErrorCodes.INVALID_REQUEST,
    `[deltran/routing] ${where}: ${path}: ${message}`,
    { path: [path] },
  );
}

/** Checks a route request. */
export function resolveRequest(request: RouteRequest, where: string): ResolvedRequest {
  if (typeof request !== 'object' || request === null)
    failRequest(where, 'request', 'expected { reference, amount, targetCurrency? }');
  if (typeof request.reference !== 'string' || request.reference === '')
    failRequest(where, 'reference', 'expected a non-empty reference (a UETR or a net position id)');
  const amount = request.amount;
  if (typeof amount?.minor !== 'bigint' || !isCurrencyCode(amount.currency))
    failRequest(where, 'amount', 'expected a Money, as from money("100.00", "EUR")');
  if (amount.minor <= 0n) failRequest(where, 'amount', 'expected a positive amount');
  const target = request.targetCurrency ?? amount.currency;
  if (!isCurrencyCode(target))
    failRequest(where, 'targetCurrency', `expected an ISO 4217 code, got ${JSON.stringify(target)}`);
  const charges = request.charges ?? (target === amount.currency ? 'billed' : 'deduct');
  if (charges !== 'deduct' && charges !== 'billed')
    failRequest(where, 'charges', `expected "deduct" or "billed", got ${String(charges)}`);
  return {
    reference: request.reference,
    amount,
    source: amount.currency,
    target: target as CurrencyCode,
    charges,
  };
}
