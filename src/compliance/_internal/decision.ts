/**
 * Ordering of decisions.
 * @internal
 */
import type { Decision } from '../types';

const SEVERITY: Readonly<Record<Decision, number>> = { ALLOW: 0, REVIEW: 1, REJECT: 2 };

/** The severity of one of the three decisions, `-1` for anything else. */
function severity(d: Decision): number {
  return d === 'ALLOW' ? 0 : d === 'REVIEW' ? 1 : d === 'REJECT' ? 2 : -1;
}

/** The most severe of two decisions (`a` when they are as severe). */
export function worst(a: Decision, b: Decision): Decision {
  const sa = severity(a);
  const sb = severity(b);
  // Three comparisons instead of two keyed loads of the table; anything that is not a decision (a
  // host's own screener may hand one back) is still ordered by the table, as it always was.
  if (sa >= 0 && sb >= 0) return sa >= sb ? a : b;
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}
