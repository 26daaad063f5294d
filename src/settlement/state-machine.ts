/**
 * The settlement state machine: which status may follow which.
 *
 * ```
 * (new) → PENDING → SUBMITTED → ACCEPTED → SETTLED
 *            │  ↺      │  ↺        ├──────→ REJECTED
 *            │         ├───────────┼──────→ TIMED_OUT
 *            └─────────┴───────────┘
 * ```
 * `↺` is a retry (a new attempt, same status). Final statuses have no successor.
 * @packageDocumentation
 */
import { IllegalTransitionError, SettlementErrorCodes } from './errors';
import type { SettlementStatus, TerminalSettlementStatus } from './types';

/** Every status, in the order of the happy path. @public */
export const SETTLEMENT_STATUSES: readonly SettlementStatus[] = Object.freeze([
  'PENDING',
  'SUBMITTED',
  'ACCEPTED',
  'SETTLED',
  'REJECTED',
  'TIMED_OUT',
]);

/**
 * The legal successors of each status. `PENDING → PENDING` and `SUBMITTED → SUBMITTED` are retries.
 * A confirmation that arrives while the first attempt is still being handed to the rail moves
 * `PENDING → SUBMITTED` first.
 * @public
 */
export const SETTLEMENT_TRANSITIONS: Readonly<Record<SettlementStatus, readonly SettlementStatus[]>> =
  Object.freeze({
    PENDING: Object.freeze(['PENDING', 'SUBMITTED', 'REJECTED', 'TIMED_OUT'] as const),
    SUBMITTED: Object.freeze(['SUBMITTED', 'ACCEPTED', 'SETTLED', 'REJECTED', 'TIMED_OUT'] as const),
    ACCEPTED: Object.freeze(['SETTLED', 'REJECTED', 'TIMED_OUT'] as const),
    SETTLED: Object.freeze([] as const),
    REJECTED: Object.freeze([] as const),
    TIMED_OUT: Object.freeze([] as const),
  });

/**
 * Whether a status is final.
 * @param status - a status
 * @returns true for `SETTLED`, `REJECTED`, `TIMED_OUT`
 * @public
 */
export function isTerminalStatus(status: SettlementStatus): status is TerminalSettlementStatus {
  return status === 'SETTLED' || status === 'REJECTED' || status === 'TIMED_OUT';
}

/**
 * Whether `to` may follow `from`.
 * @param from - the current status
 * @param to - the next status
 * @returns true when the table allows it
 * @public
 */
export function isLegalTransition(from: SettlementStatus, to: SettlementStatus): boolean {
  return (SETTLEMENT_TRANSITIONS[from] ?? []).includes(to);
}

/**
 * Checks a transition.
 * @param from - the current status
 * @param to - the next status
 * @param id - the instruction id, for the message
 * @throws {@link IllegalTransitionError} (`SETTLEMENT_ILLEGAL_TRANSITION`) when the table forbids it
 * @public
 */
export function assertTransition(from: SettlementStatus, to: SettlementStatus, id = ''): void {
  if (!isLegalTransition(from, to))
    throw new IllegalTransitionError(
      SettlementErrorCodes.ILLEGAL_TRANSITION,
      `[deltran] settlement: ${id === '' ? '' : `"${id}": `}${from} → ${to} is not a legal transition; ${from} may go to ${
        SETTLEMENT_TRANSITIONS[from]?.length ? SETTLEMENT_TRANSITIONS[from].join(', ') : 'nothing (final)'
      }`,
    );
}
