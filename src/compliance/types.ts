/**
 * Public types of `deltran/compliance`: sanctions list entries, screening subjects and results,
 * AML rule configuration and state, KYC participants, and the combined compliance decision.
 * @packageDocumentation
 */
import type { CanonicalPayment, CurrencyCode, Issue, Money, Party } from '../index';

/** What a list entry or a screened subject is. `unknown` when the source does not say. @public */
export type SubjectKind = 'person' | 'organization' | 'vessel' | 'aircraft' | 'unknown';

/**
 * The outcome of a compliance check, in increasing severity: `ALLOW` lets the payment through,
 * `REVIEW` holds it for an analyst, `REJECT` stops it (`deltran.compliance.reject`).
 * @public
 */
export type Decision = 'ALLOW' | 'REVIEW' | 'REJECT';

/** How a list names an entry: its primary name, or an alias of a given strength. @public */
export type ListNameType = 'primary' | 'aka' | 'fka' | 'nka' | 'weak-aka' | 'original-script';

/** One name of a list entry. @public */
export interface ListName {
  /** The name as the list prints it (OFAC individuals: `"LAST, First Middle"`). */
  readonly name: string;
  /** `primary`, or the alias type (OFAC `alt_type` aka/fka/nka; UN `QUALITY` Low → `weak-aka`). */
  readonly type: ListNameType;
}

/** Kinds of identifiers a list may carry. A listed `BIC`, `IBAN` or `LEI` is an exact hit. @public */
export type IdentifierType =
  | 'BIC'
  | 'IBAN'
  | 'LEI'
  | 'IMO'
  | 'MMSI'
  | 'passport'
  | 'national-id'
  | 'tax-id'
  | 'registration'
  | 'digital-currency-address'
  | 'email'
  | 'other';

/** An identifier printed on a list entry (OFAC remarks `SWIFT/BIC …`, UN `INDIVIDUAL_DOCUMENT`). @public */
export interface ListIdentifier {
  /** What kind of identifier it is. */
  readonly type: IdentifierType;
  /** The value as printed (compared after removing spaces and punctuation, case-insensitively). */
  readonly value: string;
  /** ISO 3166-1 alpha-2 country that issued it, when known. */
  readonly country?: string;
}

/** One entry of a sanctions or internal list. @public */
export interface ListEntry {
  /** Unique id, prefixed by the list: `OFAC-SDN:306`, `UN:6908555`, `internal:42`. */
  readonly id: string;
  /** Name of the list the entry is on, e.g. `OFAC SDN`, `UN Security Council Consolidated List`. */
  readonly list: string;
  /** Individual, entity, vessel or aircraft. */
  readonly kind: SubjectKind;
  /** Primary name first, then aliases. Never empty. */
  readonly names: readonly ListName[];
  /** Sanctions programmes (OFAC `Program`, UN `UN_LIST_TYPE`). */
  readonly programs: readonly string[];
  /** ISO 3166-1 alpha-2 countries linked to the entry: nationality, citizenship, addresses. */
  readonly countries: readonly string[];
  /** Dates of birth as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (several when the list gives alternatives). */
  readonly datesOfBirth: readonly string[];
  /** Identifiers printed on the entry. */
  readonly identifiers: readonly ListIdentifier[];
  /** Free-text remarks, as printed. */
  readonly remarks?: string;
}

/** A loaded list: its entries and the rows that could not be read (never silently dropped). @public */
export interface SanctionsList {
  /** Name of the list, e.g. `OFAC SDN`. */
  readonly name: string;
  /** The entries, in list order. */
  readonly entries: readonly ListEntry[];
  /** Problems found while loading, one per skipped or partly read row. Empty when all was read. */
  readonly issues: readonly Issue[];
}

/**
 * Someone or something to screen. Every field is optional; the more are given, the better the
 * score: a date of birth or a country that contradicts a list entry lowers its score, one that
 * agrees raises it; a listed BIC, IBAN, LEI or other identifier is a hit with score 1.
 * @public
 */
export interface ScreeningSubject {
  /** Full name, in any script and order (`"LAST, First"` or `"First Last"`). */
  readonly name?: string;
  /** What the subject is, when known; `unknown` compares as both person and organization. */
  readonly kind?: SubjectKind;
  /** Date of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  readonly dateOfBirth?: string;
  /** Countries linked to the subject (nationality, residence, address): ISO 3166-1 alpha-2 or English names. */
  readonly countries?: readonly string[];
  /** The subject's own BIC (an institution). */
  readonly bic?: string;
  /** An account IBAN. */
  readonly iban?: string;
  /** An LEI. */
  readonly lei?: string;
  /** Any other identifier (passport, registration number, IMO number …). */
  readonly otherIds?: readonly string[];
}

/** Which part of a payment a screened subject came from. @public */
export type PartyRole =
  | 'debtor'
  | 'creditor'
  | 'ultimateDebtor'
  | 'ultimateCreditor'
  | 'debtorAgent'
  | 'creditorAgent'
  | 'instructingAgent'
  | 'instructedAgent'
  | 'intermediaryAgent'
  | 'subject';

/** A field of the subject that matched (or contradicted) a field of the list entry. @public */
export interface MatchedField {
  /** The subject's field. */
  readonly field: 'name' | 'bic' | 'iban' | 'lei' | 'identifier' | 'dateOfBirth' | 'country' | 'kind';
  /** The subject's value, as given. */
  readonly value: string;
  /** The list's value it was compared with. */
  readonly listed: string;
  /** How the field moved the score: the name score itself for `name`, a signed adjustment otherwise. */
  readonly effect: number;
}

/** One list entry that matched a subject. @public */
export interface ScreeningMatch {
  /** The entry's id. */
  readonly entryId: string;
  /** The list it is on. */
  readonly list: string;
  /** The entry's primary name. */
  readonly primaryName: string;
  /** The entry's name (primary or alias) that matched best. */
  readonly matchedName: string;
  /** The entry's kind. */
  readonly kind: SubjectKind;
  /** The entry's programmes. */
  readonly programs: readonly string[];
  /** Final score in [0, 1]: the name score adjusted by the secondary fields; 1 for an identifier hit. */
  readonly score: number;
  /** Name similarity alone, in [0, 1]. */
  readonly nameScore: number;
  /** True when a listed identifier (BIC, IBAN, LEI, other) equals one of the subject's. */
  readonly identifierHit: boolean;
  /** The fields that matched or contradicted, with their effect on the score. */
  readonly fields: readonly MatchedField[];
}

/**
 * Why a decision was taken. `code` is stable (see {@link ComplianceReasonCodes}); `message` is
 * for people.
 * @public
 */
export interface Reason {
  /** Stable reason code, e.g. `COMPLIANCE_SANCTIONS_NAME_MATCH`. */
  readonly code: string;
  /** The decision this reason calls for. */
  readonly decision: Decision;
  /** Human-readable explanation. */
  readonly message: string;
  /** Where in the payment it applies, e.g. `['debtor', 'name']`; empty for the payment as a whole. */
  readonly path: readonly (string | number)[];
}

/** Screening of one subject. @public */
export interface SubjectScreeningResult {
  /** Where the subject came from. */
  readonly role: PartyRole;
  /** Path of the subject in the payment (e.g. `['intermediaryAgents', 0]`); empty for a lone subject. */
  readonly path: readonly (string | number)[];
  /** The subject as screened. */
  readonly subject: ScreeningSubject;
  /** Decision for this subject alone. */
  readonly decision: Decision;
  /** Best match score, 0 when nothing matched. */
  readonly score: number;
  /** Entries at or above the review threshold, best first. */
  readonly matches: readonly ScreeningMatch[];
}

/** Result of {@link Screener.screen}: a value, never an exception. @public */
export interface ScreeningResult {
  /** The most severe decision over all subjects. */
  readonly decision: Decision;
  /** Best score over all subjects. */
  readonly score: number;
  /** One result per subject screened (every party and agent of a payment, in payment order). */
  readonly subjects: readonly SubjectScreeningResult[];
  /** One reason per matched entry and subject. */
  readonly reasons: readonly Reason[];
}

/**
 * Score thresholds of the screener.
 * @public
 */
export interface ScreeningThresholds {
  /**
   * A match at or above this score makes the decision `REVIEW`.
   * @defaultValue 0.86 (chosen on the development half of the OpenSanctions name-pair benchmark;
   * see docs/compliance.md)
   */
  readonly review: number;
  /**
   * A match at or above this score makes the decision `REJECT`. Identifier hits always score 1.
   * @defaultValue 1 (only identifier hits, or an exact name corroborated by date of birth or country,
   * reach it)
   */
  readonly reject: number;
}

/** One ranked candidate from {@link Screener.search}. @public */
export type SearchHit = ScreeningMatch;

/** A screener over a fixed set of lists, built once by {@link createScreener}. @public */
export interface Screener {
  /** Number of list entries indexed. */
  readonly entryCount: number;
  /** Number of names (primary names and aliases) indexed. */
  readonly nameCount: number;
  /** The thresholds in force. */
  readonly thresholds: ScreeningThresholds;
  /**
   * Screens a payment (every party and agent) or one subject.
   * @returns the decision, the matches with the fields that matched, and the reasons
   */
  screen(input: CanonicalPayment | Party | ScreeningSubject): ScreeningResult;
  /**
   * The best-scoring entries for one subject, whatever their score (for ranking and analyst tools).
   * @param limit - how many to return (default 10)
   */
  search(subject: ScreeningSubject, limit?: number): readonly SearchHit[];
  /** Looks an entry up by id. */
  entry(id: string): ListEntry | undefined;
}

/** Options of {@link createScreener}. @public */
export interface ScreenerOptions {
  /** Thresholds; each defaults to {@link DEFAULT_SCREENING_THRESHOLDS}. */
  readonly thresholds?: Partial<ScreeningThresholds>;
  /**
   * How many names the index hands to the full scorer per subject, best-blocked first.
   * @defaultValue 20
   */
  readonly candidateLimit?: number;
  /**
   * Screen agents' names as well as their BICs. Off by default: an agent is a regulated bank whose
   * BIC is what lists carry, and fuzzy-matching bank names ("BANK OF …") mostly finds other banks.
   * @defaultValue false
   */
  readonly screenAgentNames?: boolean;
  /**
   * How many names' scoring results the screener keeps, most recently used first (0 turns the
   * cache off). A bank's day repeats the same debtors and creditors: a name screened before skips
   * analysis, retrieval and scoring, and only its date of birth, countries and identifiers are
   * checked again. The cache belongs to this screener (its lists and thresholds never change), so a
   * new list, built into a new screener, never sees an old result; results are the same with the
   * cache on or off. Each entry is the name with the few list entries it scored against.
   * @defaultValue 10000 ({@link DEFAULT_SCREENING_CACHE_SIZE})
   */
  readonly cacheSize?: number;
}

// ---------------------------------------------------------------- AML

/** One payment remembered by the stateful AML rules. @public */
export interface AmlEvent {
  /** The payment's UETR: recording the same UETR twice keeps one event. */
  readonly uetr: string;
  /** Who paid (see {@link debtorKey}). */
  readonly debtorKey: string;
  /** When it was checked, epoch milliseconds (the `atMs` passed to the check). */
  readonly atMs: number;
  /** Its amount. */
  readonly amount: Money;
}

/**
 * Where the stateful AML rules keep payment history. Hosts implement it on their database;
 * {@link createMemoryAmlStore} is the in-memory implementation. Methods may return promises.
 * @public
 */
export interface AmlStateStore {
  /** Stores an event; a second event with the same UETR is ignored. */
  record(event: AmlEvent): void | Promise<void>;
  /** Events of a debtor with `atMs > sinceMs`, in any order. */
  eventsSince(debtorKey: string, sinceMs: number): readonly AmlEvent[] | Promise<readonly AmlEvent[]>;
}

/** Decision of a rule that can be configured to hold or to stop a payment. @public */
export type RuleDecision = 'REVIEW' | 'REJECT';

/** Configuration of {@link createAmlRules}. A rule left out is off. @public */
export interface AmlRulesConfig {
  /**
   * Reporting thresholds, one per currency: a payment whose amount is at or above the threshold of
   * its currency fires `COMPLIANCE_AML_AMOUNT_THRESHOLD` (REVIEW).
   */
  readonly amountThresholds?: readonly Money[];
  /**
   * Structuring ("smurfing"): at least `minCount` payments from one debtor inside `windowMs`, each
   * within `marginBasisPoints` below a threshold of its currency (at or above
   * `threshold × (1 − margin)` and below the threshold), fire `COMPLIANCE_AML_STRUCTURING`.
   */
  readonly structuring?: {
    /** Thresholds per currency; defaults to `amountThresholds`. */
    readonly thresholds?: readonly Money[];
    /** How far below the threshold counts as "just under", in basis points. @defaultValue 1000 (10 %) */
    readonly marginBasisPoints?: number;
    /** Length of the sliding window, milliseconds. */
    readonly windowMs: number;
    /** Payments (including this one) that make a pattern. @defaultValue 3 */
    readonly minCount?: number;
  };
  /**
   * Velocity: per debtor inside `windowMs` (this payment included), more than `countMax` payments
   * fires `COMPLIANCE_AML_VELOCITY_COUNT`; a total above the `sumMax` of the currency fires
   * `COMPLIANCE_AML_VELOCITY_SUM`.
   */
  readonly velocity?: {
    /** Length of the sliding window, milliseconds. */
    readonly windowMs: number;
    /** Most payments allowed in the window. */
    readonly countMax?: number;
    /** Largest total allowed in the window, one per currency. */
    readonly sumMax?: readonly Money[];
  };
  /**
   * High-risk jurisdictions: a party, account or agent in one of these countries fires
   * `COMPLIANCE_AML_HIGH_RISK_COUNTRY`.
   */
  readonly highRiskCountries?: {
    /** ISO 3166-1 alpha-2 codes. */
    readonly countries: readonly string[];
    /** @defaultValue 'REVIEW' */
    readonly decision?: RuleDecision;
  };
  /**
   * FATF Recommendation 16 (travel rule): a cross-border payment (debtor and creditor agents in
   * different countries) must carry the originator's name, account and address (or an
   * identifier), and the beneficiary's name and account; otherwise `COMPLIANCE_AML_TRAVEL_RULE`.
   */
  readonly travelRule?: {
    /** @defaultValue 'REVIEW' */
    readonly decision?: RuleDecision;
  };
}

/** Result of the AML rules for one payment. @public */
export interface AmlResult {
  /** Most severe decision of the rules that fired; `ALLOW` when none did. */
  readonly decision: Decision;
  /** One reason per rule that fired. */
  readonly reasons: readonly Reason[];
}

/** Options of {@link AmlRules.evaluate}. @public */
export interface AmlEvaluateOptions {
  /** The time of the check, epoch milliseconds (never read from a clock inside the SDK). */
  readonly atMs: number;
  /** Payment history; required when structuring or velocity is configured. */
  readonly store?: AmlStateStore;
  /** Record this payment in the store after evaluating. @defaultValue true */
  readonly record?: boolean;
}

/** Configured AML rules, built by {@link createAmlRules}. @public */
export interface AmlRules {
  /** The configuration in force. */
  readonly config: AmlRulesConfig;
  /** Evaluates every configured rule on one payment. */
  evaluate(payment: CanonicalPayment, options: AmlEvaluateOptions): Promise<AmlResult>;
}

// ---------------------------------------------------------------- KYC

/** Status of a participant institution. Only `active` participants may send or receive. @public */
export type ParticipantStatus = 'active' | 'suspended' | 'closed';

/** A participant institution of the network, known by BIC. @public */
export interface Participant {
  /** BIC8 (the whole institution) or BIC11 (one branch). */
  readonly bic: string;
  /** Status. */
  readonly status: ParticipantStatus;
  /** Legal name, for reports. */
  readonly name?: string;
}

/** Which agents of a payment must be active participants. @public */
export type KycAgentScope = 'debtor-and-creditor' | 'all';

/** Result of the KYC check for one payment. @public */
export interface KycResult {
  /** `REJECT` when an agent is unknown, suspended or closed, else `ALLOW`. */
  readonly decision: Decision;
  /** One reason per failing agent. */
  readonly reasons: readonly Reason[];
}

/** A registry of participant institutions, built by {@link createKycRegistry}. @public */
export interface KycRegistry {
  /** Number of participants. */
  readonly size: number;
  /** Finds the participant for a BIC: the exact BIC11 first, then its institution's BIC8. */
  lookup(bic: string): Participant | undefined;
  /** Checks the agents of a payment. */
  check(payment: CanonicalPayment): KycResult;
}

/** Options of {@link createKycRegistry}. @public */
export interface KycRegistryOptions {
  /** Which agents must be active participants. @defaultValue 'debtor-and-creditor' */
  readonly agents?: KycAgentScope;
}

// ---------------------------------------------------------------- combined

/** The decision attached to a payment on `deltran.obligation.create` / `deltran.compliance.reject`. @public */
export interface ComplianceDecision {
  /** The payment's UETR. */
  readonly uetr: string;
  /** Most severe of screening, AML and KYC. */
  readonly decision: Decision;
  /** Every reason, screening first, then KYC, then AML. */
  readonly reasons: readonly Reason[];
  /** The screening result. */
  readonly screening: ScreeningResult;
  /** The AML result, when rules were configured. */
  readonly aml?: AmlResult;
  /** The KYC result, when a registry was configured. */
  readonly kyc?: KycResult;
  /** When the check ran, epoch milliseconds. */
  readonly atMs: number;
}

/** Payload of `deltran.compliance.reject`. @public */
export interface ComplianceRejection {
  /** The payment's UETR. */
  readonly uetr: string;
  /** The payment's end-to-end id, for the notification. */
  readonly endToEndId: string;
  /** Always `REJECT`. */
  readonly decision: 'REJECT';
  /** The reasons that called for `REJECT`. */
  readonly reasons: readonly Reason[];
  /** When the check ran, epoch milliseconds. */
  readonly atMs: number;
}

/** Options of {@link ComplianceChecker.check}. @public */
export interface ComplianceCheckOptions {
  /** Time of the check, epoch milliseconds. */
  readonly atMs: number;
  /** AML payment history (needed by structuring and velocity). */
  readonly store?: AmlStateStore;
}

/** Screening, KYC and AML combined, built by {@link createComplianceChecker}. @public */
export interface ComplianceChecker {
  /** Checks one payment and returns the combined decision. */
  check(payment: CanonicalPayment, options: ComplianceCheckOptions): Promise<ComplianceDecision>;
}

/** Parts of {@link createComplianceChecker}. @public */
export interface ComplianceCheckerOptions {
  /** The sanctions screener. */
  readonly screener: Screener;
  /** AML rules, optional. */
  readonly aml?: AmlRules;
  /** KYC registry, optional. */
  readonly kyc?: KycRegistry;
}

/** A currency code accepted by the AML configuration. @public */
export type AmlCurrency = CurrencyCode;
