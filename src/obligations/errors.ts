/**
 * Errors of `deltran/obligations`.
 * @packageDocumentation
 */
import { DeltranError } from '../index';

/** Error codes of the obligations module. Public API: add, never rename or reuse. @public */
export const ObligationsErrorCodes = {
  /** The payment's compliance decision is not ALLOW (or is for another UETR). */
  NOT_ALLOWED: 'OBLIGATIONS_NOT_ALLOWED',
  /** Neither the payment nor the options give a value date. */
  MISSING_VALUE_DATE: 'OBLIGATIONS_MISSING_VALUE_DATE',
  /** An agent's country cannot be determined (no valid BIC, no IBAN, no country). */
  UNKNOWN_AGENT_COUNTRY: 'OBLIGATIONS_UNKNOWN_AGENT_COUNTRY',
  /** The same UETR arrived again with different content. */
  UETR_CONFLICT: 'OBLIGATIONS_UETR_CONFLICT',
  /** An invalid option (value date, currency area). */
  INVALID_CONFIG: 'OBLIGATIONS_INVALID_CONFIG',
} as const;

/** Union of the obligations error codes. @public */
export type ObligationsErrorCode = (typeof ObligationsErrorCodes)[keyof typeof ObligationsErrorCodes];

/** A payment that cannot become an obligation (not allowed, no value date, no agent country). @public */
export class ObligationError extends DeltranError {}

/** The same UETR with different content (`OBLIGATIONS_UETR_CONFLICT`). @public */
export class ObligationConflictError extends DeltranError {}
