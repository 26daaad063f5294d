/**
 * Errors of `deltran/netting` (STYLE.md §4). Every class extends the core {@link DeltranError}; match
 * on `code` or `instanceof`, never on the message.
 *
 * @packageDocumentation
 */
import { DeltranError, type DeltranErrorOptions } from '../index';

/**
 * Codes of the netting module. Public API: codes are added, never renamed or reused.
 * @public
 */
export const NettingErrorCodes = {
  /** An obligation is not an object, or its `id`, `debtor` or `creditor` is not a non-empty string. */
  INVALID_OBLIGATION: 'NETTING_INVALID_OBLIGATION',
  /** An amount is zero or negative: an obligation always moves a positive amount. */
  NON_POSITIVE_AMOUNT: 'NETTING_NON_POSITIVE_AMOUNT',
  /** The debtor and the creditor of an obligation are the same participant. */
  SELF_OBLIGATION: 'NETTING_SELF_OBLIGATION',
  /** The currency is not an active ISO 4217 code. */
  UNKNOWN_CURRENCY: 'NETTING_UNKNOWN_CURRENCY',
  /** The amount is not a strict decimal string, or has more fraction digits than its currency allows. */
  INVALID_AMOUNT: 'NETTING_INVALID_AMOUNT',
  /** The amount is a Money in another currency than the obligation's `currency`. */
  CURRENCY_MISMATCH: 'NETTING_CURRENCY_MISMATCH',
  /** Two obligations share an id. */
  DUPLICATE_ID: 'NETTING_DUPLICATE_ID',
  /** A line given to an obligation lines reader is not valid JSON. */
  INVALID_JSON_LINE: 'NETTING_INVALID_JSON_LINE',
  /** The options of `net`, `createNettingWindow` or `toGraph` are invalid (unknown mode, bad hub …). */
  INVALID_OPTIONS: 'NETTING_INVALID_OPTIONS',
  /** A graph given to `stronglyConnectedComponents` is malformed (an endpoint out of range …). */
  INVALID_GRAPH: 'NETTING_INVALID_GRAPH',
  /** A window received an id it already holds (or held) with different content. */
  WINDOW_CONFLICT: 'NETTING_WINDOW_CONFLICT',
  /** A window snapshot does not match the snapshot schema. */
  INVALID_SNAPSHOT: 'NETTING_INVALID_SNAPSHOT',
  /** Verification: per currency, the net positions do not sum to zero. */
  UNBALANCED: 'NETTING_UNBALANCED',
  /** Verification: a participant's net position differs from its gross received minus gross paid. */
  NET_POSITION_MISMATCH: 'NETTING_NET_POSITION_MISMATCH',
  /** Verification: the instructions do not settle exactly the net positions. */
  INSTRUCTIONS_MISMATCH: 'NETTING_INSTRUCTIONS_MISMATCH',
  /** Verification: an instruction is malformed (non-positive amount, same payer and payee …). */
  INVALID_INSTRUCTION: 'NETTING_INVALID_INSTRUCTION',
  /** Verification: a conservative instruction is not on an existing link, or exceeds it. */
  NOT_CONSERVATIVE: 'NETTING_NOT_CONSERVATIVE',
  /** Verification: conservative instructions contain a cycle. */
  CYCLE: 'NETTING_CYCLE',
  /** Verification: the optimality certificate of a conservative result does not hold. */
  NOT_OPTIMAL: 'NETTING_NOT_OPTIMAL',
  /** Verification: the instructions do not have the shape their mode promises (count, hub, pairs). */
  MODE_VIOLATION: 'NETTING_MODE_VIOLATION',
  /** Verification: a statistic differs from the value recomputed from the obligations. */
  STATS_MISMATCH: 'NETTING_STATS_MISMATCH',
  /** Verification: the digest differs from the one recomputed from the obligations and the result. */
  DIGEST_MISMATCH: 'NETTING_DIGEST_MISMATCH',
} as const;

/** Union of the netting error and issue codes. @public */
export type NettingErrorCode = (typeof NettingErrorCodes)[keyof typeof NettingErrorCodes];

/** Base class of every error thrown by `deltran/netting`. @public */
export class NettingError extends DeltranError {}

/** Options of {@link InvalidObligationError}. @public */
export interface InvalidObligationErrorOptions extends DeltranErrorOptions {
  /** The id of the first offending obligation, when it has a string id. */
  readonly obligationId?: string;
  /** The index of the first offending obligation in the input. */
  readonly index?: number;
}

/**
 * Bad input to `net`, `verifyNetting` or a window: negative, zero, self-obligation, unknown currency,
 * duplicate id, amount not fitting the currency. `code` is the code of the first problem, `path` is
 * `[index, field]`, and `issues` lists every problem found (up to 100).
 * @public
 */
export class InvalidObligationError extends NettingError {
  /** The id of the first offending obligation, when it has a string id. */
  readonly obligationId: string | undefined;
  /** The index of the first offending obligation in the input. */
  readonly index: number | undefined;

  constructor(code: string, message: string, options: InvalidObligationErrorOptions = {}) {
    super(code, message, options);
    this.obligationId = options.obligationId;
    this.index = options.index;
  }
}

/** Invalid options: an unknown mode, an empty hub name, a bad window limit. @public */
export class InvalidNettingOptionsError extends NettingError {}

/** A malformed graph given to `stronglyConnectedComponents`. @public */
export class InvalidGraphError extends NettingError {}

/** A window received an id it already holds, or held, with different content. @public */
export class NettingWindowConflictError extends NettingError {}

/** A window snapshot that does not match the snapshot schema; `issues` lists every problem. @public */
export class InvalidWindowSnapshotError extends NettingError {}
