/**
 * Instants passed in by the caller (domain code never reads a clock).
 * @internal
 */
import { InvalidRouteRequestError, RoutingErrorCodes } from '../errors';
import type { Instant } from '../types';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch milliseconds of an {@link Instant}; throws `ROUTING_INVALID_OPTIONS` naming `where`. */
export function toEpochMs(value: Instant, where: string, path: readonly (string | number)[]): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  throw new InvalidRouteRequestError(
    RoutingErrorCodes.INVALID_OPTIONS,
    `[deltran/routing] ${where}: expected epoch milliseconds or an ISO 8601 date-time with an offset such as "2026-04-13T14:15:00Z", got ${JSON.stringify(String(value)).slice(0, 60)}`,
    { path },
  );
}
