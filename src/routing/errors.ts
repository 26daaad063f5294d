/**
 * Errors of `deltran/routing` (STYLE.md §4). Every class extends the core {@link DeltranError}; match on
 * `code` or `instanceof`, never on the message.
 *
 * @packageDocumentation
 */
import { DeltranError } from '../index';
import type { Exclusion } from './types';

/**
 * Codes of the routing module. Public API: codes are added, never renamed or reused.
 * @public
 */
export const RoutingErrorCodes = {
  /** A registry input is malformed: a bank, corridor or quote (every issue is listed). */
  INVALID_REGISTRY: 'ROUTING_INVALID_REGISTRY',
  /** A route request, net position or local payment is malformed. */
  INVALID_REQUEST: 'ROUTING_INVALID_REQUEST',
  /** An option is out of range (weights, hops, rounding, rate age, time). */
  INVALID_OPTIONS: 'ROUTING_INVALID_OPTIONS',
  /** No eligible route: returned as a value with every exclusion (an expected outcome). */
  NO_ROUTE: 'ROUTING_NO_ROUTE',
} as const;

/** Union of the routing error codes. @public */
export type RoutingErrorCode = (typeof RoutingErrorCodes)[keyof typeof RoutingErrorCodes];

/** Base class of the errors of `deltran/routing`. @public */
export class RoutingError extends DeltranError {}

/** A malformed registry (`ROUTING_INVALID_REGISTRY`); `issues` lists every problem. @public */
export class InvalidRegistryError extends RoutingError {}

/** A malformed request or option (`ROUTING_INVALID_REQUEST`, `ROUTING_INVALID_OPTIONS`). @public */
export class InvalidRouteRequestError extends RoutingError {}

/** No eligible route (`ROUTING_NO_ROUTE`), returned in a `Result`; `exclusions` says why for each bank. @public */
export class NoRouteError extends RoutingError {
  /** Every bank excluded, with the reason. */
  readonly exclusions: readonly Exclusion[];

  constructor(message: string, exclusions: readonly Exclusion[], path: readonly (string | number)[] = []) {
    super(RoutingErrorCodes.NO_ROUTE, message, { path });
    this.exclusions = exclusions;
  }
}
