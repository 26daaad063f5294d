/**
 * The obligation and route of an allowed payment: the body of `createObligation`, shared with the
 * engine, which checks the same value date string only once.
 * @internal
 * @packageDocumentation
 */
import type { ComplianceDecision } from '../../compliance/index';
import type { CanonicalPayment } from '../../index';
import { classifyCrossBorder } from '../cross-border';
import { ObligationError, ObligationsErrorCodes } from '../errors';
import type { CurrencyArea, Obligation, ObligationRoute, RoutedObligation } from '../types';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Whether a fallback value date is `YYYY-MM-DD`.
 * @internal
 */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value);
}

/**
 * `createObligation(payment, { decision, valueDate, currencyAreas: areas })`, checks in the same order.
 * @param checkedValueDate - a value date already known to be `YYYY-MM-DD`: when `valueDate` is the same
 *   string, its check is skipped
 * @internal
 */
export function routeObligation(
  payment: CanonicalPayment,
  decision: ComplianceDecision | undefined,
  valueDateOption: string | undefined,
  areas: readonly CurrencyArea[] | undefined,
  checkedValueDate: string | undefined,
): RoutedObligation {
  if (decision !== undefined && (decision.decision !== 'ALLOW' || decision.uetr !== payment.uetr)) {
    throw new ObligationError(
      ObligationsErrorCodes.NOT_ALLOWED,
      decision.uetr !== payment.uetr
        ? `[deltran] createObligation: the compliance decision is for UETR ${decision.uetr}, not ${payment.uetr}`
        : `[deltran] createObligation: payment ${payment.uetr} is ${decision.decision}, only ALLOW creates an obligation`,
      { path: ['decision'] },
    );
  }
  if (valueDateOption !== undefined && valueDateOption !== checkedValueDate && !isIsoDate(valueDateOption)) {
    throw new ObligationError(
      ObligationsErrorCodes.INVALID_CONFIG,
      `[deltran] createObligation: valueDate must be YYYY-MM-DD, got "${valueDateOption}"`,
      { path: ['valueDate'] },
    );
  }
  const valueDate = payment.settlementDate ?? payment.requestedExecutionDate ?? valueDateOption;
  if (valueDate === undefined) {
    throw new ObligationError(
      ObligationsErrorCodes.MISSING_VALUE_DATE,
      `[deltran] createObligation: payment ${payment.uetr} has no IntrBkSttlmDt or ReqdExctnDt; pass options.valueDate`,
      { path: ['settlementDate'] },
    );
  }
  const cb = classifyCrossBorder(payment, areas);
  const obligation: Obligation = {
    id: `obl:${payment.uetr}`, // obligationId(uetr)
    uetr: payment.uetr,
    endToEndId: payment.endToEndId,
    debtorAgent: payment.debtorAgent,
    creditorAgent: payment.creditorAgent,
    debtorAgentCountry: cb.debtorAgentCountry,
    creditorAgentCountry: cb.creditorAgentCountry,
    amount: payment.amount,
    valueDate,
    crossBorder: cb.crossBorder,
  };
  const path = `${cb.debtorAgentCountry} → ${cb.creditorAgentCountry}`;
  const route: ObligationRoute = cb.crossBorder
    ? { steps: ['token.mint', 'clearing'], reason: `cross-border (${path}, ${payment.amount.currency})` }
    : {
        steps: ['token.mint', 'local'],
        reason:
          cb.area === undefined
            ? `domestic (${path})`
            : `domestic within the ${cb.area.name} (${path}, ${payment.amount.currency})`,
      };
  return { obligation, route };
}
