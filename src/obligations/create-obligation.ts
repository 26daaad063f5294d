/**
 * An obligation and its route from an allowed payment.
 * @packageDocumentation
 */
import type { CanonicalPayment } from '../index';
import { classifyCrossBorder } from './cross-border';
import { ObligationError, ObligationsErrorCodes } from './errors';
import type { CreateObligationOptions, Obligation, ObligationRoute, RoutedObligation } from './types';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The obligation id of a UETR: deterministic, so replays and other services agree on it. @public */
export function obligationId(uetr: string): string {
  return `obl:${uetr}`;
}

/**
 * Builds the obligation of an allowed payment and decides its route.
 *
 * @param payment - the payment (already validated by the gateway)
 * @param options - its compliance decision (must be ALLOW when given), a fallback value date,
 *   currency areas
 * @returns the obligation and its route: `['token.mint', 'clearing']` when cross-border,
 *   `['token.mint', 'local']` when domestic
 * @throws {@link ObligationError} `OBLIGATIONS_NOT_ALLOWED` (decision not ALLOW or for another UETR),
 *   `OBLIGATIONS_MISSING_VALUE_DATE`, `OBLIGATIONS_INVALID_CONFIG` (value date not YYYY-MM-DD),
 *   `OBLIGATIONS_UNKNOWN_AGENT_COUNTRY`
 * @example
 * ```ts
 * const { obligation, route } = createObligation(payment, { decision });
 * route.steps; // ['token.mint', 'clearing']
 * ```
 * @public
 */
export function createObligation(
  payment: CanonicalPayment,
  options: CreateObligationOptions = {},
): RoutedObligation {
  const decision = options.decision;
  if (decision !== undefined && (decision.decision !== 'ALLOW' || decision.uetr !== payment.uetr)) {
    throw new ObligationError(
      ObligationsErrorCodes.NOT_ALLOWED,
      decision.uetr !== payment.uetr
        ? `[deltran] createObligation: the compliance decision is for UETR ${decision.uetr}, not ${payment.uetr}`
        : `[deltran] createObligation: payment ${payment.uetr} is ${decision.decision}, only ALLOW creates an obligation`,
      { path: ['decision'] },
    );
  }
  if (options.valueDate !== undefined && !ISO_DATE.test(options.valueDate)) {
    throw new ObligationError(
      ObligationsErrorCodes.INVALID_CONFIG,
      `[deltran] createObligation: valueDate must be YYYY-MM-DD, got "${options.valueDate}"`,
      { path: ['valueDate'] },
    );
  }
  const valueDate = payment.settlementDate ?? payment.requestedExecutionDate ?? options.valueDate;
  if (valueDate === undefined) {
    throw new ObligationError(
      ObligationsErrorCodes.MISSING_VALUE_DATE,
      `[deltran] createObligation: payment ${payment.uetr} has no IntrBkSttlmDt or ReqdExctnDt; pass options.valueDate`,
      { path: ['settlementDate'] },
    );
  }
  const cb = classifyCrossBorder(payment, options.currencyAreas);
  const obligation: Obligation = {
    id: obligationId(payment.uetr),
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
