/**
 * Ordering of decisions.
 * @internal
 */
import type { Decision } from '../../../../src/compliance/types';

const SEVERITY: Readonly<Record<Decision, number>> = { ALLOW: 0, REVIEW: 1, REJECT: 2 };

/** The most severe of two decisions. */
export function worst(a: Decision, b: Decision): Decision {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}
