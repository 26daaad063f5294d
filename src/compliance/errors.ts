/**
 * Errors and reason codes of `deltran/compliance`.
 *
 * Errors are thrown only for bad *inputs to the SDK* (a list that cannot be read, an invalid
 * configuration). A screening hit or a rule that fires is not an error: it is a {@link Reason} in
 * the returned decision, with a code from {@link ComplianceReasonCodes}.
 * @packageDocumentation
 */
import { DeltranError } from '../index';

/** Error codes of the compliance module. Public API: add, never rename or reuse. @public */
export const ComplianceErrorCodes = {
  /** A sanctions list could not be read: wrong format, or a required column or element missing. */
  INVALID_LIST: 'COMPLIANCE_INVALID_LIST',
  /** An AML, KYC or screener configuration value is invalid (negative window, unknown country …). */
  INVALID_CONFIG: 'COMPLIANCE_INVALID_CONFIG',
  /** Two list entries share one id. */
  DUPLICATE_ENTRY: 'COMPLIANCE_DUPLICATE_ENTRY',
  /** A stateful AML rule is configured but no state store was passed to the check. */
  MISSING_STORE: 'COMPLIANCE_MISSING_STORE',
} as const;

/** Union of the compliance error codes. @public */
export type ComplianceErrorCode = (typeof ComplianceErrorCodes)[keyof typeof ComplianceErrorCodes];

/** A list that cannot be loaded (`COMPLIANCE_INVALID_LIST`, `COMPLIANCE_DUPLICATE_ENTRY`). @public */
export class InvalidListError extends DeltranError {}

/** An invalid configuration (`COMPLIANCE_INVALID_CONFIG`, `COMPLIANCE_MISSING_STORE`). @public */
export class ComplianceConfigError extends DeltranError {}

/**
 * Reason codes carried by {@link Reason.code}. Public API: add, never rename or reuse.
 * @public
 */
export const ComplianceReasonCodes = {
  /** A subject's name (with its secondary fields) scored at or above the review threshold. */
  SANCTIONS_NAME_MATCH: 'COMPLIANCE_SANCTIONS_NAME_MATCH',
  /** A subject's BIC, IBAN, LEI or other identifier is on a list. */
  SANCTIONS_IDENTIFIER_MATCH: 'COMPLIANCE_SANCTIONS_IDENTIFIER_MATCH',
  /** The amount is at or above the reporting threshold of its currency. */
  AML_AMOUNT_THRESHOLD: 'COMPLIANCE_AML_AMOUNT_THRESHOLD',
  /** Several payments of one debtor just under a threshold inside the window. */
  AML_STRUCTURING: 'COMPLIANCE_AML_STRUCTURING',
  /** More payments of one debtor inside the window than allowed. */
  AML_VELOCITY_COUNT: 'COMPLIANCE_AML_VELOCITY_COUNT',
  /** Total of one debtor's payments inside the window above the limit. */
  AML_VELOCITY_SUM: 'COMPLIANCE_AML_VELOCITY_SUM',
  /** A party, account or agent in a high-risk jurisdiction. */
  AML_HIGH_RISK_COUNTRY: 'COMPLIANCE_AML_HIGH_RISK_COUNTRY',
  /** Originator or beneficiary information required by FATF R.16 missing on a cross-border payment. */
  AML_TRAVEL_RULE: 'COMPLIANCE_AML_TRAVEL_RULE',
  /** An agent without a BIC, so it cannot be checked against the participant registry. */
  KYC_MISSING_AGENT_BIC: 'COMPLIANCE_KYC_MISSING_AGENT_BIC',
  /** An agent that is not a participant. */
  KYC_UNKNOWN_AGENT: 'COMPLIANCE_KYC_UNKNOWN_AGENT',
  /** An agent whose participation is suspended or closed. */
  KYC_INACTIVE_AGENT: 'COMPLIANCE_KYC_INACTIVE_AGENT',
} as const;

/** Union of the reason codes. @public */
export type ComplianceReasonCode = (typeof ComplianceReasonCodes)[keyof typeof ComplianceReasonCodes];
