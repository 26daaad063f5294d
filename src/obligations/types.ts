/**
 * Public types of `deltran/obligations`.
 * @packageDocumentation
 */
import type { ComplianceDecision } from '../compliance/index';
import type { Agent, CanonicalPayment, CurrencyCode, Money } from '../index';

/** The payment obligation between two agents that an allowed payment creates. @public */
export interface Obligation {
  /** Deterministic id: `obl:` followed by the UETR, so the same payment always gets the same id. */
  readonly id: string;
  /** The payment's UETR (`PmtId/UETR`), the business key. */
  readonly uetr: string;
  /** `PmtId/EndToEndId`. */
  readonly endToEndId: string;
  /** The paying institution (`DbtrAgt`). */
  readonly debtorAgent: Agent;
  /** The receiving institution (`CdtrAgt`). */
  readonly creditorAgent: Agent;
  /** ISO 3166-1 country of the debtor agent (BIC country, else debtor IBAN country, else `Ctry`). */
  readonly debtorAgentCountry: string;
  /** ISO 3166-1 country of the creditor agent, by the same rule. */
  readonly creditorAgentCountry: string;
  /** The amount owed: `IntrBkSttlmAmt` (or the pain.001 instructed amount). */
  readonly amount: Money;
  /** Value date, `YYYY-MM-DD`: `IntrBkSttlmDt`, else `ReqdExctnDt`, else the date passed in. */
  readonly valueDate: string;
  /** True when the agents are in different countries and no shared currency area applies. */
  readonly crossBorder: boolean;
}

/** A step of an obligation's route, in order. @public */
export type RouteStep = 'token.mint' | 'clearing' | 'local';

/**
 * Where an obligation goes: always `token.mint` first (`deltran.token.mint`), then `clearing`
 * (`deltran.clearing.submit`) for a cross-border obligation or `local`
 * (`deltran.liquidity.select.local`) for a domestic one.
 * @public
 */
export interface ObligationRoute {
  /** The steps, in order. */
  readonly steps: readonly ['token.mint', 'clearing' | 'local'];
  /** Why: which countries, and the currency area when one made the payment domestic. */
  readonly reason: string;
}

/**
 * A currency area whose members clear payments in its currency as one domestic system: a payment
 * in `currency` between two member countries is local.
 * @public
 */
export interface CurrencyArea {
  /** Name, for the route reason. */
  readonly name: string;
  /** The area's currency. */
  readonly currency: CurrencyCode;
  /** ISO 3166-1 alpha-2 member countries and territories. */
  readonly countries: readonly string[];
}

/** Options of {@link createObligation} and {@link ObligationEngine.process}. @public */
export interface CreateObligationOptions {
  /** The payment's compliance decision; when given, it must be `ALLOW` for the same UETR. */
  readonly decision?: ComplianceDecision;
  /** Value date to use when the payment carries none (`YYYY-MM-DD`); time is never read from a clock. */
  readonly valueDate?: string;
  /** Currency areas; defaults to {@link DEFAULT_CURRENCY_AREAS}. Pass `[]` to compare countries only. */
  readonly currencyAreas?: readonly CurrencyArea[];
}

/** An obligation with its route. @public */
export interface RoutedObligation {
  /** The obligation. */
  readonly obligation: Obligation;
  /** Its route. */
  readonly route: ObligationRoute;
}

/** What the engine keeps per UETR. @public */
export interface ObligationRecord extends RoutedObligation {
  /** Canonical JSON of the payment the obligation came from, to tell a replay from a conflict. */
  readonly paymentFingerprint: string;
}

/**
 * Where the obligation engine keeps one record per UETR. `putIfAbsent` must be atomic: it stores
 * the record unless one exists for the UETR, and returns the existing one if so. Methods may
 * return promises (database-backed stores).
 * @public
 */
export interface ObligationStore {
  /** The record of a UETR, if any. */
  get(uetr: string): ObligationRecord | undefined | Promise<ObligationRecord | undefined>;
  /** Stores the record unless the UETR has one; returns the existing record, or undefined when stored. */
  putIfAbsent(record: ObligationRecord): ObligationRecord | undefined | Promise<ObligationRecord | undefined>;
}

/** Result of {@link ObligationEngine.process}. @public */
export interface ObligationOutcome extends RoutedObligation {
  /** True when the UETR was already processed with the same content (an at-least-once replay). */
  readonly duplicate: boolean;
}

/** The idempotent obligation engine, built by {@link createObligationEngine}. @public */
export interface ObligationEngine {
  /**
   * Creates the obligation of an allowed payment, once per UETR.
   * @throws {@link ObligationConflictError} (`OBLIGATIONS_UETR_CONFLICT`) when the UETR was seen with
   *   different content
   */
  process(
    payment: CanonicalPayment,
    options?: Omit<CreateObligationOptions, 'currencyAreas'>,
  ): Promise<ObligationOutcome>;
}

/** Options of {@link createObligationEngine}. @public */
export interface ObligationEngineOptions {
  /** Where records are kept; defaults to a new in-memory store. */
  readonly store?: ObligationStore;
  /** Currency areas; defaults to {@link DEFAULT_CURRENCY_AREAS}. */
  readonly currencyAreas?: readonly CurrencyArea[];
}
