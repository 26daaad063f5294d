/**
 * `deltran/obligations`: the obligation of an allowed payment (deterministic id from the UETR,
 * agents, amount, value date, cross-border flag), its route (token mint first, then clearing or
 * local), and the engine that makes it idempotent on the UETR.
 * @packageDocumentation
 */

export { createObligation, obligationId } from './create-obligation';
export { createMemoryObligationStore, createObligationEngine } from './create-obligation-engine';
export { agentCountry, type CrossBorderResult, classifyCrossBorder, isCrossBorder } from './cross-border';
export { DEFAULT_CURRENCY_AREAS } from './currency-areas';
export {
  ObligationConflictError,
  ObligationError,
  type ObligationsErrorCode,
  ObligationsErrorCodes,
} from './errors';
export type {
  CreateObligationOptions,
  CurrencyArea,
  Obligation,
  ObligationEngine,
  ObligationEngineOptions,
  ObligationOutcome,
  ObligationRecord,
  ObligationRoute,
  ObligationStore,
  RoutedObligation,
  RouteStep,
} from './types';
