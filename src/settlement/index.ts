/**
 * `deltran/settlement`: rails (ISO 20022 pacs.009 / pacs.008, SWIFT MT103, a host API, and a simulated
 * bank for demos and tests), the message each attempt carries, and confirmation tracking: pacs.002 and
 * camt.054 matched to submissions by UETR, message id and EndToEndId through the state machine
 * PENDING → SUBMITTED → ACCEPTED → SETTLED | REJECTED | TIMED_OUT, with timeouts and retries. Emits each
 * settlement's result once (`deltran.settlement.completed`) and camt.054 entries as funding events
 * (`deltran.funding.confirmed`). Pure: time, scheduling and transport are passed in.
 *
 * @packageDocumentation
 */
export {
  type ApiRailOptions,
  type ApiRailPayload,
  createApiRail,
  toApiRailPayload,
} from './api-rail';
export {
  IllegalTransitionError,
  InvalidSettlementInputError,
  NoRailError,
  SettlementConflictError,
  SettlementError,
  type SettlementErrorCode,
  SettlementErrorCodes,
  SettlementFormatError,
  SettlementReasonCodes,
} from './errors';
export {
  buildIso20022Message,
  createIso20022Rail,
  type Iso20022RailOptions,
  type Pacs008RailOptions,
  type Pacs009RailOptions,
} from './iso20022-rail';
export {
  type BankEntryJson,
  type FundingEventJson,
  FundingEventJsonSchema,
  fundingEventFromJson,
  fundingEventToJson,
  type SettlementResultJson,
  SettlementResultJsonSchema,
  settlementResultFromJson,
  settlementResultToJson,
} from './json';
export {
  CONFIRMATION_STATUS_CODES,
  createSettlementEngine,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
} from './settlement-engine';
export {
  createSimulatedBankRail,
  type SimulatedBankRailOptions,
  type SimulatedDecision,
} from './simulated-bank-rail';
export {
  assertTransition,
  isLegalTransition,
  isTerminalStatus,
  SETTLEMENT_STATUSES,
  SETTLEMENT_TRANSITIONS,
} from './state-machine';
export { buildMt103Message, createSwiftMtRail, type SwiftMtRailOptions } from './swift-mt-rail';
export type {
  BackoffOptions,
  ExecuteOptions,
  FundingEvent,
  ParsedConfirmation,
  RailAck,
  RailCallbackResult,
  RailKind,
  RailMessage,
  RailRequest,
  RailSubmission,
  ReceiveResult,
  SettlementAttempt,
  SettlementChange,
  SettlementEngine,
  SettlementEngineOptions,
  SettlementEngineSnapshot,
  SettlementRail,
  SettlementReason,
  SettlementRecord,
  SettlementResult,
  SettlementStatus,
  SettlementStatusUpdate,
  SettlementTransition,
  TerminalSettlementStatus,
  TickResult,
  TransitionCause,
  UnmatchedConfirmation,
  UnmatchedReason,
} from './types';
