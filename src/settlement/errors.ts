/**
 * Errors of `deltran/settlement` (STYLE.md §4). Every class extends the core {@link DeltranError}; match
 * on `code` or `instanceof`, never on the message. Business outcomes (a rejected or timed-out settlement,
 * an unmatched confirmation) are values, not errors.
 *
 * @packageDocumentation
 */
import { DeltranError } from '../index';

/**
 * Codes of the settlement module. Public API: codes are added, never renamed or reused.
 * @public
 */
export const SettlementErrorCodes = {
  /** An option of a rail or of the engine is missing or out of range. */
  INVALID_OPTIONS: 'SETTLEMENT_INVALID_OPTIONS',
  /** An instruction is malformed (no id, amount not positive, unknown source kind …). */
  INVALID_INSTRUCTION: 'SETTLEMENT_INVALID_INSTRUCTION',
  /** `execute` was called again with an id already used for a different instruction. */
  CONFLICT: 'SETTLEMENT_CONFLICT',
  /** Two instructions would settle under the same UETR. */
  DUPLICATE_UETR: 'SETTLEMENT_DUPLICATE_UETR',
  /** A state change that the state machine does not allow (for example SETTLED → REJECTED). */
  ILLEGAL_TRANSITION: 'SETTLEMENT_ILLEGAL_TRANSITION',
  /** No rail can carry the instruction (none selected, or the rail refuses its source kind). */
  NO_RAIL: 'SETTLEMENT_NO_RAIL',
  /** A confirmation could not be read (not XML, not ISO 20022, malformed); `cause` has the parser's error. */
  INVALID_MESSAGE: 'SETTLEMENT_INVALID_MESSAGE',
  /** JSON of a settlement result or funding event does not match its schema; `issues` lists every problem. */
  INVALID_JSON: 'SETTLEMENT_INVALID_JSON',
  /** A snapshot cannot be restored (wrong format or version, or malformed). */
  INVALID_SNAPSHOT: 'SETTLEMENT_INVALID_SNAPSHOT',
} as const;

/** Union of the settlement error codes. @public */
export type SettlementErrorCode = (typeof SettlementErrorCodes)[keyof typeof SettlementErrorCodes];

/**
 * Reason codes a settlement can end with besides the bank's own (ISO 20022 `ExternalStatusReason1Code`
 * such as `AC01`, `AM04`): what DelTran itself decided. Public API.
 * @public
 */
export const SettlementReasonCodes = {
  /** The message could not be built (for example a field the rail's format cannot carry). */
  BUILD_FAILED: 'SETTLEMENT_BUILD_FAILED',
  /** Every attempt went unanswered for `timeoutMs` (or an accepted one was never settled). */
  TIMEOUT: 'SETTLEMENT_TIMEOUT',
  /** A pacs.002 RJCT without a reason code. */
  NO_REASON_GIVEN: 'NARR',
} as const;

/** Base class of the errors of `deltran/settlement`. @public */
export class SettlementError extends DeltranError {}

/** A malformed option or instruction (`SETTLEMENT_INVALID_OPTIONS`, `SETTLEMENT_INVALID_INSTRUCTION`). @public */
export class InvalidSettlementInputError extends SettlementError {}

/** An id reused for different content, or a UETR reused (`SETTLEMENT_CONFLICT`, `SETTLEMENT_DUPLICATE_UETR`). @public */
export class SettlementConflictError extends SettlementError {}

/** A transition the state machine forbids (`SETTLEMENT_ILLEGAL_TRANSITION`). @public */
export class IllegalTransitionError extends SettlementError {}

/** A confirmation, JSON value or snapshot that cannot be read (`SETTLEMENT_INVALID_MESSAGE`, `_JSON`, `_SNAPSHOT`). @public */
export class SettlementFormatError extends SettlementError {}

/** No rail for the instruction (`SETTLEMENT_NO_RAIL`). @public */
export class NoRailError extends SettlementError {}
