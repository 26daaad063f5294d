import {
  assertTransition,
  IllegalTransitionError,
  isLegalTransition,
  isTerminalStatus,
  SETTLEMENT_STATUSES,
  SETTLEMENT_TRANSITIONS,
  SettlementErrorCodes,
  type SettlementStatus,
} from 'deltran/settlement';
import { describe, expect, it } from 'vitest';

describe('settlement state machine', () => {
  it('should allow exactly the transitions of the table', () => {
    // Arrange
    const legal = new Set([
      'PENDING→PENDING',
      'PENDING→SUBMITTED',
      'PENDING→REJECTED',
      'PENDING→TIMED_OUT',
      'SUBMITTED→SUBMITTED',
      'SUBMITTED→ACCEPTED',
      'SUBMITTED→SETTLED',
      'SUBMITTED→REJECTED',
      'SUBMITTED→TIMED_OUT',
      'ACCEPTED→SETTLED',
      'ACCEPTED→REJECTED',
      'ACCEPTED→TIMED_OUT',
    ]);

    // Act / Assert: every pair of statuses
    for (const from of SETTLEMENT_STATUSES) {
      for (const to of SETTLEMENT_STATUSES) {
        const key = `${from}→${to}`;
        expect(isLegalTransition(from, to), key).toBe(legal.has(key));
        if (legal.has(key)) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to, 'si:x')).toThrow(IllegalTransitionError);
      }
    }
  });

  it('should give final statuses no successor and name the illegal step', () => {
    // Arrange
    const finals: SettlementStatus[] = ['SETTLED', 'REJECTED', 'TIMED_OUT'];

    // Act
    let error: unknown;
    try {
      assertTransition('SETTLED', 'REJECTED', 'si:w-1:AAAADEFFXXX:EUR');
    } catch (caught) {
      error = caught;
    }

    // Assert
    for (const s of finals) {
      expect(isTerminalStatus(s)).toBe(true);
      expect(SETTLEMENT_TRANSITIONS[s]).toEqual([]);
    }
    expect(isTerminalStatus('ACCEPTED')).toBe(false);
    expect((error as IllegalTransitionError).code).toBe(SettlementErrorCodes.ILLEGAL_TRANSITION);
    expect((error as Error).message).toMatchInlineSnapshot(
      `"[deltran] settlement: "si:w-1:AAAADEFFXXX:EUR": SETTLED → REJECTED is not a legal transition; SETTLED may go to nothing (final)"`,
    );
  });
});
