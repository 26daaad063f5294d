/**
 * As it was before stop 13 (commit 3bc8694), kept as the reference the faster code is compared with
 * (reference.internal.test.ts). Not used by the library.
 */

import type {
  ComplianceChecker,
  ComplianceCheckerOptions,
  ComplianceDecision,
  ComplianceRejection,
  Decision,
  Reason,
} from '../../../../src/compliance/types';
import { worst } from './decision';

const NO_REASONS: readonly Reason[] = Object.freeze([]);

/**
 * Combines a screener with optional KYC registry and AML rules. The decision is the most severe
 * of the three (`REJECT` > `REVIEW` > `ALLOW`); the reasons list screening first, then KYC, then AML.
 *
 * @param parts - the screener, and optionally the KYC registry and the AML rules
 * @returns a checker whose `check(payment, { atMs, store })` resolves to a {@link ComplianceDecision}
 * @example
 * ```ts
 * const checker = createComplianceChecker({ screener, kyc, aml });
 * const decision = await checker.check(payment, { atMs, store });
 * if (decision.decision === 'REJECT') publish('deltran.compliance.reject', toComplianceRejection(payment, decision));
 * ```
 * @public
 */
export function createComplianceChecker(parts: ComplianceCheckerOptions): ComplianceChecker {
  return {
    async check(payment, options) {
      const screening = parts.screener.screen(payment);
      const kyc = parts.kyc?.check(payment);
      const aml = parts.aml === undefined ? undefined : await parts.aml.evaluate(payment, options);
      let decision: Decision = screening.decision;
      if (kyc !== undefined) decision = worst(decision, kyc.decision);
      if (aml !== undefined) decision = worst(decision, aml.decision);
      // Screening first, then KYC, then AML.
      const reasons = [
        ...screening.reasons,
        ...(kyc?.reasons ?? NO_REASONS),
        ...(aml?.reasons ?? NO_REASONS),
      ];
      // Keys in the order they have always had (uetr, decision, reasons, screening, aml, kyc, atMs).
      const uetr = payment.uetr;
      const atMs = options.atMs;
      const result: ComplianceDecision =
        aml === undefined
          ? kyc === undefined
            ? { uetr, decision, reasons, screening, atMs }
            : { uetr, decision, reasons, screening, kyc, atMs }
          : kyc === undefined
            ? { uetr, decision, reasons, screening, aml, atMs }
            : { uetr, decision, reasons, screening, aml, kyc, atMs };
      return result;
    },
  };
}

/**
 * The `deltran.compliance.reject` payload for a rejected payment: the reasons that call for REJECT.
 * @param payment - the payment (its UETR and end-to-end id)
 * @param decision - its compliance decision, which must be `REJECT`
 * @returns the rejection, or `undefined` when the decision is not `REJECT`
 * @public
 */
export function toComplianceRejection(
  payment: { readonly uetr: string; readonly endToEndId: string },
  decision: ComplianceDecision,
): ComplianceRejection | undefined {
  if (decision.decision !== 'REJECT') return undefined;
  return {
    uetr: payment.uetr,
    endToEndId: payment.endToEndId,
    decision: 'REJECT',
    reasons: decision.reasons.filter((r) => r.decision === 'REJECT'),
    atMs: decision.atMs,
  };
}
