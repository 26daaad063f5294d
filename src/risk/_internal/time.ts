/**
 * Instants passed in by the caller (domain code never reads a clock).
 * @internal
 */
import { RiskErrorCodes, RiskOptionsError } from '../errors';
import type { Instant } from '../types';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Milliseconds in one day: the step of business-daily data and the default horizon. */
export const DAY_MS = 86_400_000;

/** Epoch milliseconds of an {@link Instant}; throws a `RISK_INVALID_OPTIONS` error naming `where`. */
export function toEpochMs(value: Instant, where: string, path: readonly (string | number)[]): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && ISO_INSTANT.test(value)) {
    // Date.parse is deterministic for these shapes: a date alone is UTC midnight by ECMA-262.
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  throw new RiskOptionsError(
    RiskErrorCodes.INVALID_OPTIONS,
    `[deltran/risk] ${where}: expected epoch milliseconds or an ISO 8601 date-time with an offset such as "2026-04-13T14:15:00Z", got ${JSON.stringify(String(value)).slice(0, 60)}`,
    { path },
  );
}
