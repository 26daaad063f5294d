/**
 * Cross-border detection: the countries of the debtor and creditor agents.
 * @packageDocumentation
 */
import {
  type Agent,
  bicCountry,
  type CanonicalPayment,
  ibanCountry,
  isValidBic,
  isValidIban,
} from '../index';
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
  if (agent.bic !== undefined && isValidBic(agent.bic)) return bicCountry(agent.bic);
  if (iban !== undefined && isValidIban(iban)) return ibanCountry(iban);
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
  const debtorAgentCountry = agentCountry(payment.debtorAgent, payment.debtor.account?.iban);
  const creditorAgentCountry = agentCountry(payment.creditorAgent, payment.creditor.account?.iban);
  for (const [country, role] of [
    [debtorAgentCountry, 'debtorAgent'],
    [creditorAgentCountry, 'creditorAgent'],
  ] as const) {
    if (country === undefined) {
      throw new ObligationError(
        ObligationsErrorCodes.UNKNOWN_AGENT_COUNTRY,
        `[deltran] classifyCrossBorder: ${role} has no valid BIC, no IBAN and no country`,
        { path: [role] },
      );
    }
  }
  const from = debtorAgentCountry!;
  const to = creditorAgentCountry!;
  if (from === to) return { debtorAgentCountry: from, creditorAgentCountry: to, crossBorder: false };
  const area = areas.find(
    (a) => a.currency === payment.amount.currency && a.countries.includes(from) && a.countries.includes(to),
  );
  return area === undefined
    ? { debtorAgentCountry: from, creditorAgentCountry: to, crossBorder: true }
    : { debtorAgentCountry: from, creditorAgentCountry: to, crossBorder: false, area };
}

/**
 * True when the payment is cross-border under {@link classifyCrossBorder}'s rule.
 * @public
 */
export function isCrossBorder(payment: CanonicalPayment, areas?: readonly CurrencyArea[]): boolean {
  return classifyCrossBorder(payment, areas).crossBorder;
}
