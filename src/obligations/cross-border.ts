/**
 * Cross-border detection: the countries of the debtor and creditor agents.
 * @packageDocumentation
 */
import { type Agent, type CanonicalPayment, isValidBic, isValidIban } from '../index';
import { DEFAULT_CURRENCY_AREAS } from './currency-areas';
import { ObligationError, ObligationsErrorCodes } from './errors';
import type { CurrencyArea } from './types';

/**
 * The country of an agent: its BIC country (ISO 9362 characters 5–6); where it has no BIC, the
 * country of the IBAN of the account it holds (ISO 13616 characters 1–2); else its postal
 * address country (`FinInstnId/PstlAdr/Ctry`).
 * @param agent - the agent
 * @param iban - the IBAN of the account the agent services (debtor's for the debtor agent)
 * @returns the ISO 3166-1 alpha-2 code, or `undefined` when none of the three is known
 * @public
 */
export function agentCountry(agent: Agent, iban?: string): string | undefined {
  // bicCountry and ibanCountry of a code just found valid: its letters, without checking it again.
  if (agent.bic !== undefined && isValidBic(agent.bic)) return agent.bic.slice(4, 6);
  if (iban !== undefined && isValidIban(iban)) return iban.slice(0, 2);
  return agent.country;
}

/** How a payment's cross-border status was decided. @public */
export interface CrossBorderResult {
  /** Debtor agent's country. */
  readonly debtorAgentCountry: string;
  /** Creditor agent's country. */
  readonly creditorAgentCountry: string;
  /** True when the payment is cross-border. */
  readonly crossBorder: boolean;
  /** The currency area that made a two-country payment domestic, if any. */
  readonly area?: CurrencyArea;
}

/**
 * Decides whether a payment is cross-border.
 *
 * Rule: the debtor agent's and creditor agent's countries are compared (see {@link agentCountry}).
 * The same country is domestic, whatever the currency. Different countries are cross-border,
 * except when the payment's currency is the currency of a currency area both countries belong to
 * (a euro payment from DE to FR clears in one euro system: domestic; a US-dollar payment from DE
 * to FR does not: cross-border).
 *
 * @param payment - the payment
 * @param areas - currency areas; default {@link DEFAULT_CURRENCY_AREAS}
 * @returns the two countries, the decision, and the area that applied
 * @throws {@link ObligationError} (`OBLIGATIONS_UNKNOWN_AGENT_COUNTRY`) when an agent's country is unknown
 * @public
 */
export function classifyCrossBorder(
  payment: CanonicalPayment,
  areas: readonly CurrencyArea[] = DEFAULT_CURRENCY_AREAS,
): CrossBorderResult {
  const from = agentCountry(payment.debtorAgent, payment.debtor.account?.iban);
  const to = agentCountry(payment.creditorAgent, payment.creditor.account?.iban);
  // Debtor agent first: its error wins when both are unknown.
  if (from === undefined) throw unknownAgentCountry('debtorAgent');
  if (to === undefined) throw unknownAgentCountry('creditorAgent');
  if (from === to) return { debtorAgentCountry: from, creditorAgentCountry: to, crossBorder: false };
  const currency = payment.amount.currency;
  // The first area of the payment's currency that holds both countries (a loop: no closure per call).
  for (let i = 0; i < areas.length; i++) {
    const area = areas[i]!;
    if (area.currency === currency && area.countries.includes(from) && area.countries.includes(to)) {
      return { debtorAgentCountry: from, creditorAgentCountry: to, crossBorder: false, area };
    }
  }
  return { debtorAgentCountry: from, creditorAgentCountry: to, crossBorder: true };
}

function unknownAgentCountry(role: 'debtorAgent' | 'creditorAgent'): ObligationError {
  return new ObligationError(
    ObligationsErrorCodes.UNKNOWN_AGENT_COUNTRY,
    `[deltran] classifyCrossBorder: ${role} has no valid BIC, no IBAN and no country`,
    { path: [role] },
  );
}

/**
 * True when the payment is cross-border under {@link classifyCrossBorder}'s rule.
 * @public
 */
export function isCrossBorder(payment: CanonicalPayment, areas?: readonly CurrencyArea[]): boolean {
  return classifyCrossBorder(payment, areas).crossBorder;
}
