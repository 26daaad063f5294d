/**
 * The obligation engine as it was before stop 13 (commit 3bc8694): engine, createObligation,
 * classifyCrossBorder and the fingerprint writer, kept as the reference the faster code is compared
 * with (obligations-reference.test.ts). Not used by the library.
 */
import {
  type Agent,
  bicCountry,
  type CanonicalPayment,
  canonicalPaymentToJson,
  ibanCountry,
  isValidBic,
  isValidIban,
} from 'deltran';
import {
  type CreateObligationOptions,
  type CrossBorderResult,
  type CurrencyArea,
  DEFAULT_CURRENCY_AREAS,
  type Obligation,
  ObligationConflictError,
  type ObligationEngine,
  type ObligationEngineOptions,
  ObligationError,
  type ObligationOutcome,
  type ObligationRecord,
  type ObligationRoute,
  type ObligationStore,
  ObligationsErrorCodes,
  type RoutedObligation,
} from 'deltran/obligations';
import { paymentFingerprintOf } from './payment-fingerprint';

/**
 * An in-memory {@link ObligationStore} (one per engine or host; nothing is global).
 * @returns an empty store
 * @public
 */
function createMemoryObligationStore(): ObligationStore {
  const records = new Map<string, ObligationRecord>();
  return {
    get: (uetr) => records.get(uetr),
    putIfAbsent(record) {
      const existing = records.get(record.obligation.uetr);
      if (existing !== undefined) return existing;
      records.set(record.obligation.uetr, record);
      return undefined;
    },
  };
}

/**
 * Canonical JSON of a payment (sorted keys, decimal-string amounts): equal for equal payments. The same
 * string as `stableStringify(canonicalPaymentToJson(payment))`, written without sorting keys at run time
 * (stored fingerprints stay comparable).
 */
function fingerprint(payment: CanonicalPayment): string {
  return paymentFingerprintOf(canonicalPaymentToJson(payment));
}

/** The outcome of a UETR already stored: a replay when the content is the same, else a conflict. */
function replayOf(existing: ObligationRecord, payment: CanonicalPayment, print: string): ObligationOutcome {
  if (existing.paymentFingerprint !== print) {
    throw new ObligationConflictError(
      ObligationsErrorCodes.UETR_CONFLICT,
      `[deltran] ObligationEngine.process: UETR ${payment.uetr} was already processed with different content`,
      { path: ['uetr'] },
    );
  }
  return { obligation: existing.obligation, route: existing.route, duplicate: true };
}

/**
 * Builds the engine. `process` is idempotent on the UETR: the same payment again returns the
 * stored obligation with `duplicate: true`; the same UETR with any other content (amount, agents,
 * dates, parties …) is a conflict.
 *
 * @param options - the store (default in-memory) and the currency areas
 * @returns the engine
 * @example
 * ```ts
 * const engine = createObligationEngine({ store });
 * const first = await engine.process(payment, { decision }); // duplicate: false
 * const again = await engine.process(payment, { decision }); // duplicate: true, same obligation
 * ```
 * @public
 */
export function createObligationEngine(options: ObligationEngineOptions = {}): ObligationEngine {
  const store = options.store ?? createMemoryObligationStore();
  return {
    async process(payment, processOptions = {}) {
      const print = fingerprint(payment);
      const existing = await store.get(payment.uetr);
      if (existing !== undefined) return replayOf(existing, payment, print);
      const routed = createObligation(
        payment,
        options.currencyAreas === undefined
          ? processOptions
          : { ...processOptions, currencyAreas: options.currencyAreas },
      );
      const record: ObligationRecord = {
        obligation: routed.obligation,
        route: routed.route,
        paymentFingerprint: print,
      };
      // Another worker may have stored the UETR between get and put: putIfAbsent decides.
      const raced = await store.putIfAbsent(record);
      if (raced !== undefined) return replayOf(raced, payment, print);
      return { obligation: routed.obligation, route: routed.route, duplicate: false };
    },
  };
}

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
