/**
 * `deltran/routing`: the liquidity router. A registry of banks (liquidity, SLA, fees, FX spread,
 * cut-offs, operating days), corridors and FX quotes; an explainable scorer that ranks banks and
 * corridors and says why each excluded one was excluded; multi-hop FX path finding that maximises the
 * amount received and reports arbitrage cycles; exact conversions that reconcile to the minor unit; and
 * the settlement instructions that the settlement stage executes. Pure: time is passed in.
 *
 * @packageDocumentation
 */
export {
  COST_CEILING_BASIS_POINTS,
  DEFAULT_MAX_HOPS,
  DEFAULT_MAX_RATE_AGE_MS,
  DEFAULT_ROUTE_WEIGHTS,
  EXACT_CANDIDATES,
  INVERSE_RATE_DIGITS,
  MAX_HOPS_LIMIT,
  PATHS_EXPLORED_MAX,
  SLA_REFERENCE_MINUTES,
} from './defaults';
export {
  InvalidRegistryError,
  InvalidRouteRequestError,
  NoRouteError,
  RoutingError,
  type RoutingErrorCode,
  RoutingErrorCodes,
} from './errors';
export { findArbitrageCycles } from './find-arbitrage-cycles';
export { findBestPath } from './find-best-path';
export { createRegistry } from './registry';
export { selectRoute } from './select-route';
export {
  buildSettlementInstruction,
  routeLocalPayment,
  routeNetPositions,
  type SettlementInstructionContext,
} from './settlement-instruction';
export type {
  ArbitrageCycle,
  BankProfile,
  ChargeTreatment,
  Corridor,
  CutOff,
  Exclusion,
  ExclusionReason,
  FeeSchedule,
  FxQuote,
  Instant,
  InstructionBatch,
  InstructionOptions,
  InstructionSource,
  LocalPaymentRequest,
  NetPositionInput,
  PathSearchResult,
  Registry,
  RegistryIndex,
  RegistryInput,
  RouteCandidate,
  RouteCost,
  RouteHop,
  RouteOptions,
  RouteRequest,
  RouteScore,
  RouteSelection,
  RouteWeights,
  ServiceLevel,
  SettlementInstruction,
} from './types';
