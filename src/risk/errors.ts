/**
 * Errors of `deltran/risk` (STYLE.md §4). Every class extends the core {@link DeltranError}; match on
 * `code` or `instanceof`, never on the message.
 *
 * @packageDocumentation
 */
import { DeltranError } from '../index';

/**
 * Codes of the risk module. Public API: codes are added, never renamed or reused.
 * @public
 */
export const RiskErrorCodes = {
  /** A rate file (ECB or FRED CSV) does not have the expected shape: header, dates or values. */
  INVALID_RATE_FILE: 'RISK_INVALID_RATE_FILE',
  /** A rate series is malformed: unsorted or duplicate times, non-positive or non-decimal rates. */
  INVALID_SERIES: 'RISK_INVALID_SERIES',
  /** A currency asked of a rate table is not in it. */
  UNKNOWN_SERIES: 'RISK_UNKNOWN_SERIES',
  /** Too few observations for the model or the backtest asked for. */
  INSUFFICIENT_HISTORY: 'RISK_INSUFFICIENT_HISTORY',
  /** An option is out of range (confidence, λ, horizon, window, thresholds, weights …). */
  INVALID_OPTIONS: 'RISK_INVALID_OPTIONS',
  /** A simulation (multi-step filtered historical simulation) needs a `random` source and got none. */
  RANDOM_SOURCE_REQUIRED: 'RISK_RANDOM_SOURCE_REQUIRED',
  /** An exposure limit or reservation is malformed, duplicated, or in another currency than its limit. */
  INVALID_EXPOSURE: 'RISK_INVALID_EXPOSURE',
  /** A reservation would take a counterparty's exposure above its limit (an expected outcome: a value). */
  LIMIT_EXCEEDED: 'RISK_LIMIT_EXCEEDED',
  /** No limit is set for the counterparty and currency (an expected outcome: a value). */
  NO_LIMIT: 'RISK_NO_LIMIT',
  /** A reservation id is reused with different content. */
  RESERVATION_CONFLICT: 'RISK_RESERVATION_CONFLICT',
  /** A risk check request is malformed. */
  INVALID_REQUEST: 'RISK_INVALID_REQUEST',
} as const;

/** Union of the risk error codes. @public */
export type RiskErrorCode = (typeof RiskErrorCodes)[keyof typeof RiskErrorCodes];

/** Base class of the errors thrown (or returned) by `deltran/risk`. @public */
export class RiskError extends DeltranError {}

/** A rate file or series that cannot be read (`RISK_INVALID_RATE_FILE`, `RISK_INVALID_SERIES`, `RISK_UNKNOWN_SERIES`). @public */
export class RateDataError extends RiskError {}

/** Too few observations for what was asked (`RISK_INSUFFICIENT_HISTORY`). @public */
export class InsufficientHistoryError extends RiskError {}

/** An invalid option or request (`RISK_INVALID_OPTIONS`, `RISK_INVALID_REQUEST`, `RISK_RANDOM_SOURCE_REQUIRED`). @public */
export class RiskOptionsError extends RiskError {}

/** An exposure limit problem (`RISK_INVALID_EXPOSURE`, `RISK_LIMIT_EXCEEDED`, `RISK_NO_LIMIT`, `RISK_RESERVATION_CONFLICT`). @public */
export class ExposureError extends RiskError {}
