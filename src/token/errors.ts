/**
 * Errors and rejection codes of `deltran/token` (STYLE.md §4).
 *
 * Two tables, because the ledger has two kinds of failure:
 * - {@link TokenErrorCodes}: what it throws — bad input (a programmer error), an idempotency conflict,
 *   a store failure, a corrupt journal. Nothing changes when one is thrown.
 * - {@link TokenRejectionCodes}: expected business outcomes, returned as values in a command's result
 *   (insufficient funds, hold already resolved, minting frozen …) and recorded in the journal like any
 *   other result (STYLE.md §4.5).
 *
 * @packageDocumentation
 */
import { DeltranError } from '../index';

/**
 * Codes of the errors `deltran/token` throws. Public API: codes are added, never renamed or reused.
 * @public
 */
export const TokenErrorCodes = {
  /** A command (or a bank entry, a statement, an option) is malformed; `issues` lists every problem. */
  INVALID_INPUT: 'TOKEN_INVALID_INPUT',
  /** A command id was used before with a different payload; nothing was changed. */
  IDEMPOTENCY_CONFLICT: 'TOKEN_IDEMPOTENCY_CONFLICT',
  /** The store failed while writing or reading; a failed batch was not applied in memory. */
  STORE_FAILED: 'TOKEN_STORE_FAILED',
  /** Another writer appended to the journal first; the ledger reloads before its next command. */
  STORE_CONFLICT: 'TOKEN_STORE_CONFLICT',
  /** The journal's hash chain is broken, or the stored state differs from the state the journal gives. */
  JOURNAL_CORRUPT: 'TOKEN_JOURNAL_CORRUPT',
  /** A ledger snapshot does not have the snapshot format. */
  INVALID_SNAPSHOT: 'TOKEN_INVALID_SNAPSHOT',
  /** The ledger (or its store) was closed. */
  CLOSED: 'TOKEN_CLOSED',
} as const;

/** Union of {@link TokenErrorCodes}. @public */
export type TokenErrorCode = (typeof TokenErrorCodes)[keyof typeof TokenErrorCodes];

/**
 * Codes of rejected (or waiting) commands, found in `CommandResult.code`. They are values, not
 * exceptions. Public API: codes are added, never renamed or reused.
 * @public
 */
export const TokenRejectionCodes = {
  /** The account would go below zero (or below minus its overdraft limit). */
  INSUFFICIENT_FUNDS: 'TOKEN_INSUFFICIENT_FUNDS',
  /** No token account is open for this participant in this currency. */
  ACCOUNT_NOT_FOUND: 'TOKEN_ACCOUNT_NOT_FOUND',
  /** `openAccount` for an account that is already open. */
  ACCOUNT_EXISTS: 'TOKEN_ACCOUNT_EXISTS',
  /** `setOverdraftLimit` below what the account already owes. */
  LIMIT_BELOW_BALANCE: 'TOKEN_LIMIT_BELOW_BALANCE',
  /** `postHold` / `voidHold` of a hold id that was never reserved. */
  HOLD_NOT_FOUND: 'TOKEN_HOLD_NOT_FOUND',
  /** `postHold` / `voidHold` of a hold that was already posted or voided (holds resolve at most once). */
  HOLD_ALREADY_RESOLVED: 'TOKEN_HOLD_ALREADY_RESOLVED',
  /** `postHold` of more than the hold reserved. */
  HOLD_AMOUNT_EXCEEDED: 'TOKEN_HOLD_AMOUNT_EXCEEDED',
  /** `cancelPayout` of an unknown payout. */
  PAYOUT_NOT_FOUND: 'TOKEN_PAYOUT_NOT_FOUND',
  /** `cancelPayout` of a payout that was already confirmed or cancelled. */
  PAYOUT_ALREADY_RESOLVED: 'TOKEN_PAYOUT_ALREADY_RESOLVED',
  /** A mint or redeem whose UETR or EndToEndId is already used by an active mint or payout. */
  DUPLICATE_REFERENCE: 'TOKEN_DUPLICATE_REFERENCE',
  /** The booked credit matched by reference is not of the mint's amount: nothing was minted. */
  FUNDING_MISMATCH: 'TOKEN_FUNDING_MISMATCH',
  /** (pending) The mint waits for its booked camt.054 credit. */
  AWAITING_FUNDING: 'TOKEN_AWAITING_FUNDING',
  /** (pending) Minting in this currency is frozen by an open reconciliation break. */
  MINTING_FROZEN: 'TOKEN_MINTING_FROZEN',
  /** Another command of the same atomic batch was rejected, so this one was not applied. */
  BATCH_ABORTED: 'TOKEN_BATCH_ABORTED',
  /** `resolveBreak` of an unknown break. */
  BREAK_NOT_FOUND: 'TOKEN_BREAK_NOT_FOUND',
  /** `resolveBreak` of a break that is already resolved. */
  BREAK_ALREADY_RESOLVED: 'TOKEN_BREAK_ALREADY_RESOLVED',
  /** `resolveBreak` with `absorb` for a break that has no held bank debit to absorb. */
  INVALID_RESOLUTION: 'TOKEN_INVALID_RESOLUTION',
  /**
   * A redeem (or an absorbed debit) the reserve cannot cover once the payouts already in flight are
   * set aside: overdrafts can create tokens the reserve does not hold, and they are never paid out.
   */
  RESERVE_INSUFFICIENT: 'TOKEN_RESERVE_INSUFFICIENT',
  /** An amount in another currency than the hold, payout or account it concerns. */
  CURRENCY_MISMATCH: 'TOKEN_CURRENCY_MISMATCH',
  /** A bank entry or statement for another bank account than the currency's reserve account. */
  RESERVE_ACCOUNT_MISMATCH: 'TOKEN_RESERVE_ACCOUNT_MISMATCH',
} as const;

/** Union of {@link TokenRejectionCodes}. @public */
export type TokenRejectionCode = (typeof TokenRejectionCodes)[keyof typeof TokenRejectionCodes];

/** Base class of every error thrown by `deltran/token`. Match on `code` or `instanceof`. @public */
export class TokenError extends DeltranError {}

/** Malformed input (`TOKEN_INVALID_INPUT`); `issues` lists every problem with its `path`. @public */
export class TokenValidationError extends TokenError {}

/** A command id reused with a different payload (`TOKEN_IDEMPOTENCY_CONFLICT`); nothing changed. @public */
export class TokenConflictError extends TokenError {
  /** The command id that was reused. */
  readonly commandId: string;

  constructor(commandId: string, message: string, index: number) {
    super(TokenErrorCodes.IDEMPOTENCY_CONFLICT, message, { path: [index, 'id'] });
    this.commandId = commandId;
  }
}

/**
 * A store failure (`TOKEN_STORE_FAILED`) or a lost race with another writer (`TOKEN_STORE_CONFLICT`).
 * The failed batch is not applied in memory; the ledger reloads from the store before its next
 * command, so a batch whose commit succeeded but whose acknowledgement was lost is seen as applied.
 * @public
 */
export class TokenStoreError extends TokenError {}

/** A broken hash chain or a stored state that differs from the journal (`TOKEN_JOURNAL_CORRUPT`). @public */
export class TokenJournalError extends TokenError {}

/** A snapshot that does not match the snapshot format (`TOKEN_INVALID_SNAPSHOT`). @public */
export class TokenSnapshotError extends TokenError {}

/** The ledger was closed (`TOKEN_CLOSED`). @public */
export class TokenClosedError extends TokenError {}
