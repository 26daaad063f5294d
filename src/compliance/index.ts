/**
 * `deltran/compliance`: sanctions screening (OFAC SDN, UN consolidated list, internal JSON lists)
 * with fuzzy name matching, AML rules, the KYC participant registry, and the combined decision
 * ALLOW / REVIEW / REJECT with its reasons. Pure: no I/O, no clock; loaders take file contents,
 * stateful rules take their store and the time.
 * @packageDocumentation
 */
export { type CompareNamesOptions, compareNames } from './compare-names';
export { createAmlRules, createMemoryAmlStore, debtorKey } from './create-aml-rules';
export { createComplianceChecker, toComplianceRejection } from './create-compliance-checker';
export { createKycRegistry } from './create-kyc-registry';
export {
  createScreener,
  DEFAULT_SCREENING_CACHE_SIZE,
  DEFAULT_SCREENING_THRESHOLDS,
  SECONDARY_ADJUSTMENTS,
} from './create-screener';
export {
  ComplianceConfigError,
  type ComplianceErrorCode,
  ComplianceErrorCodes,
  type ComplianceReasonCode,
  ComplianceReasonCodes,
  InvalidListError,
} from './errors';
export { type JsonList, JsonListSchema, type LoadJsonListOptions, loadJsonList } from './load-json-list';
export { type LoadOfacSdnOptions, loadOfacSdn, type OfacSdnFiles } from './load-ofac-sdn';
export { type LoadUnListOptions, loadUnList } from './load-un-list';
export { normalizeName } from './normalize-name';
export type {
  AmlCurrency,
  AmlEvaluateOptions,
  AmlEvent,
  AmlResult,
  AmlRules,
  AmlRulesConfig,
  AmlStateStore,
  ComplianceChecker,
  ComplianceCheckerOptions,
  ComplianceCheckOptions,
  ComplianceDecision,
  ComplianceRejection,
  Decision,
  IdentifierType,
  KycAgentScope,
  KycRegistry,
  KycRegistryOptions,
  KycResult,
  ListEntry,
  ListIdentifier,
  ListName,
  ListNameType,
  MatchedField,
  Participant,
  ParticipantStatus,
  PartyRole,
  Reason,
  RuleDecision,
  SanctionsList,
  Screener,
  ScreenerOptions,
  ScreeningMatch,
  ScreeningResult,
  ScreeningSubject,
  ScreeningThresholds,
  SearchHit,
  SubjectKind,
  SubjectScreeningResult,
} from './types';
