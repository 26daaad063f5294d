/**
 * Option checks shared by the risk functions (validate once at the public edge, STYLE.md §1.6).
 * @internal
 */
import { RiskErrorCodes, RiskOptionsError } from '../errors';

/** Throws `RISK_INVALID_OPTIONS` unless `low < value < high` (or ≤ when `inclusive`). */
export function requireInRange(
  value: unknown,
  low: number,
  high: number,
  where: string,
  name: string,
  inclusive = false,
): number {
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (inclusive ? value >= low && value <= high : value > low && value < high);
  if (!inRange) {
    const bounds = inclusive ? `in [${low}, ${high}]` : `strictly between ${low} and ${high}`;
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] ${where}: ${name}: expected a number ${bounds}, got ${String(value)}`,
      { path: [name] },
    );
  }
  return value as number;
}

/** Throws `RISK_INVALID_OPTIONS` unless `value` is an integer ≥ `min`. */
export function requireInteger(value: unknown, min: number, where: string, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      `[deltran/risk] ${where}: ${name}: expected an integer ≥ ${min}, got ${String(value)}`,
      { path: [name] },
    );
  }
  return value;
}
