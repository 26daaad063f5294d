/**
 * Public types of `deltran/settlement`: rails, submissions, the settlement record and its state
 * machine, results and funding events.
 *
 * Amounts are {@link Money} in memory; their JSON forms (`settlementResultToJson`, `fundingEventToJson`)
 * use decimal strings. Times are epoch milliseconds from the injected clock (`*Ms`) and their ISO 8601
 * UTC form (`*At`).
 *
 * @packageDocumentation
 */
import type { CanonicalPayment, CurrencyCode, Issue, Money } from '../index';
import type { ParsedMessage } from '../iso20022/index';
import type { InstructionSource, SettlementInstruction } from '../routing/index';
import type { BankEntry } from '../token/index';

/**
 * Where a settlement is in its life:
 * - `PENDING`: recorded, its message not yet acknowledged by the rail;
 * - `SUBMITTED`: the rail took the message (an attempt is outstanding);
 * - `ACCEPTED`: the bank reported a non-final positive status (pacs.002 `ACSP`, `ACCP`, `PDNG` …, or a
 *   pending camt.054 entry);
 * - `SETTLED`: final, pacs.002 `ACSC` or a booked camt.054 entry;
 * - `REJECTED`: final, pacs.002 `RJCT` (with its reason), or the rail refused the message;
 * - `TIMED_OUT`: final, no final status within the timeouts after every attempt.
 * @public
 */
export type SettlementStatus = 'PENDING' | 'SUBMITTED' | 'ACCEPTED' | 'SETTLED' | 'REJECTED' | 'TIMED_OUT';

/** The final statuses: a settlement reaches exactly one of them, once. @public */
export type TerminalSettlementStatus = 'SETTLED' | 'REJECTED' | 'TIMED_OUT';

/** The kind of a rail: the message format it carries. Hosts may name their own kinds. @public */
export type RailKind = 'iso20022' | 'swift-mt' | 'api' | (string & {});

/** Why a settlement was rejected or timed out. @public */
export interface SettlementReason {
  /**
   * ISO 20022 `ExternalStatusReason1Code` from the pacs.002 (`AC01`, `AM04` …), its `Prtry` text, `NARR`
   * when a RJCT carried none, or one of `SettlementReasonCodes` (`SETTLEMENT_TIMEOUT` …).
   */
  readonly code: string;
  /** `StsRsnInf/AddtlInf` lines joined by a space, or what DelTran knows. */
  readonly text?: string;
}

/** A message a rail built for one attempt. @public */
export interface RailMessage {
  /** `xml` (ISO 20022), `mt` (SWIFT FIN) or `json` (API rail). */
  readonly format: 'xml' | 'mt' | 'json';
  /** The message definition: `pacs.009.001.08`, `pacs.008.001.08`, `MT103`, `json`. */
  readonly type: string;
  /** The message itself. */
  readonly text: string;
  /** What the builder had to change (MT103 transliteration or truncation), when anything. */
  readonly warnings?: readonly Issue[];
}

/**
 * What the engine asks a rail to carry: one attempt of one instruction, with the identifiers the message
 * must use. Identifiers are deterministic: the same instruction and attempt always give the same ones.
 * @public
 */
export interface RailSubmission {
  /** The instruction from routing. */
  readonly instruction: SettlementInstruction;
  /** The customer payment a `payment` instruction settles, when the host passed it to `execute`. */
  readonly payment?: CanonicalPayment;
  /** 1 for the first attempt, then 2, 3 … */
  readonly attempt: number;
  /** `GrpHdr/MsgId` of this attempt (Max35Text); new for every attempt. */
  readonly messageId: string;
  /** `PmtId/InstrId` of this attempt (Max35Text; the message id). */
  readonly instructionReference: string;
  /** `PmtId/EndToEndId`: the payment's own, else a reference of the instruction id (Max35Text); the same for every attempt. */
  readonly endToEndId: string;
  /** `PmtId/UETR`: the payment's UETR, or one derived from the instruction id; the same for every attempt. */
  readonly uetr: string;
  /** `GrpHdr/CreDtTm`: when the attempt was made, ISO 8601 UTC. */
  readonly createdAt: string;
}

/** A submission with the message the rail built for it. @public */
export interface RailRequest extends RailSubmission {
  /** The built message. */
  readonly message: RailMessage;
}

/**
 * A rail's answer to a submission: it took the message (the bank's confirmation comes later, through
 * `receive`), or it refused it at once. A rail that cannot reach its network throws instead: the engine
 * keeps the attempt and retries it.
 * @public
 */
export type RailAck =
  | { readonly accepted: true; readonly reference?: string }
  | { readonly accepted: false; readonly reason: SettlementReason };

/** What a host callback (`send`, `call`) may return: an ack, or nothing for "accepted". @public */
// biome-ignore lint/suspicious/noConfusingVoidType: lets `async (request) => { … }` callbacks mean "accepted"
export type RailCallbackResult = RailAck | undefined | void;

/** A settlement rail: builds the message for a submission and hands it to its network. @public */
export interface SettlementRail {
  /** A name unique among the engine's rails (recorded in every result). */
  readonly name: string;
  /** The format it carries. */
  readonly kind: RailKind;
  /** Whether the rail can carry the instruction (default: yes). The SWIFT MT rail carries payments only. */
  supports?(instruction: SettlementInstruction): boolean;
  /**
   * Builds the message, purely and deterministically.
   * @throws any error when the instruction cannot be expressed in the rail's format: the settlement is
   *   then REJECTED with `SETTLEMENT_BUILD_FAILED`
   */
  build(submission: RailSubmission): RailMessage;
  /** Hands the built message to the network. */
  submit(request: RailRequest): Promise<RailAck>;
}

/** One attempt of a settlement. @public */
export interface SettlementAttempt {
  /** 1, 2, 3 … */
  readonly attempt: number;
  /** `GrpHdr/MsgId` of the attempt's message. */
  readonly messageId: string;
  /** The message sent. */
  readonly message: RailMessage;
  /** When it was handed to the rail, ISO 8601 UTC. */
  readonly sentAt: string;
  /** The same, epoch ms. */
  readonly sentAtMs: number;
  /** The rail's ack, once it answered. */
  readonly ack?: RailAck;
  /** The error the rail threw (a transport failure): the attempt will be retried. */
  readonly error?: { readonly code?: string; readonly message: string };
}

/** What caused a transition. @public */
export type TransitionCause =
  | 'execute'
  | 'submitted'
  | 'retry'
  | 'rail'
  | 'build'
  | 'pacs.002'
  | 'camt.054'
  | 'status'
  | 'timeout';

/** One step in a settlement's history. @public */
export interface SettlementTransition {
  /** The status before (`null` for the first step, creation in `PENDING`). */
  readonly from: SettlementStatus | null;
  /** The status after (the same as `from` for a retry). */
  readonly to: SettlementStatus;
  /** When, ISO 8601 UTC. */
  readonly at: string;
  /** When, epoch ms. */
  readonly atMs: number;
  /** What caused it. */
  readonly cause: TransitionCause;
  /** The attempt concerned. */
  readonly attempt: number;
  /** The confirmation's `GrpHdr/MsgId` (pacs.002, camt.054) or the attempt's message id (submission, retry). */
  readonly messageId?: string;
  /** The pacs.002 `TxSts` / camt.054 `Sts` that caused it. */
  readonly statusCode?: string;
}

/** A settlement as the engine tracks it. Immutable: every change makes a new record. @public */
export interface SettlementRecord {
  /** The instruction id (`si:<ref>`). */
  readonly id: string;
  /** The instruction. */
  readonly instruction: SettlementInstruction;
  /** The rail's name. */
  readonly rail: string;
  /** The current status. */
  readonly status: SettlementStatus;
  /** `PmtId/UETR` of every attempt. */
  readonly uetr: string;
  /** `PmtId/EndToEndId` of every attempt. */
  readonly endToEndId: string;
  /** Every attempt, in order. */
  readonly attempts: readonly SettlementAttempt[];
  /** Every transition, in order, starting with creation in `PENDING`. */
  readonly history: readonly SettlementTransition[];
  /** The first non-final status the bank reported (`ACSP`, `PDNG` …), when ACCEPTED or later. */
  readonly bankStatus?: string;
  /** Why it was rejected or timed out. */
  readonly reason?: SettlementReason;
  /** When `tick` acts on it next (retry or time-out), epoch ms; absent once final. */
  readonly dueAtMs?: number;
  /** When it was recorded, ISO 8601 UTC. */
  readonly createdAt: string;
  /** Its one result, once final. */
  readonly result?: SettlementResult;
}

/**
 * The outcome of one settlement (`deltran.settlement.completed`). Emitted exactly once per instruction,
 * when it reaches a final status.
 * @public
 */
export interface SettlementResult {
  /** The instruction id. */
  readonly instructionId: string;
  /** `PmtId/UETR`. */
  readonly uetr: string;
  /** `PmtId/EndToEndId`. */
  readonly endToEndId: string;
  /** `GrpHdr/MsgId` of the last attempt (the one the outcome concerns). */
  readonly messageId: string;
  /** The rail's name. */
  readonly rail: string;
  /** The final status. */
  readonly status: TerminalSettlementStatus;
  /** Why it was rejected or timed out. */
  readonly reason?: SettlementReason;
  /** The paying agent (`instruction.fromBic`). */
  readonly from: string;
  /** The receiving agent (`instruction.toBic`). */
  readonly to: string;
  /** The amount sent (`instruction.amount`). */
  readonly amount: Money;
  /** The settlement currency (`instruction.currency`). */
  readonly currency: CurrencyCode;
  /** How many attempts were made. */
  readonly attempts: number;
  /** When the first attempt was made, ISO 8601 UTC. */
  readonly submittedAt: string;
  /** When the final status was reached, ISO 8601 UTC. */
  readonly completedAt: string;
  /** The instruction's source: the net position or the payment (UETR). */
  readonly source: InstructionSource;
  /** What ended it: a confirmation, the rail's refusal, a build failure, or the timeout. */
  readonly cause?: TransitionCause;
  /** `GrpHdr/MsgId` of the confirmation that ended it (pacs.002 or camt.054). */
  readonly confirmationId?: string;
}

/**
 * The bank entries of one camt.054 (`deltran.funding.confirmed`), as the token ledger records them.
 * Each entry appears in at most one funding event, ever.
 * @public
 */
export interface FundingEvent {
  /** `GrpHdr/MsgId` of the camt.054. */
  readonly messageId: string;
  /** The entries not seen before, in message order. */
  readonly entries: readonly BankEntry[];
}

/** Why a confirmation (or one transaction or entry of it) changed nothing. @public */
export type UnmatchedReason =
  /** No submission has its UETR, original message id or EndToEndId. */
  | 'NO_SUBMISSION'
  /** It names no UETR, message id or EndToEndId. */
  | 'NO_REFERENCE'
  /** Only an EndToEndId, shared by several submissions. */
  | 'AMBIGUOUS'
  /** Its references point to different submissions (or disagree with the one found). */
  | 'INCONSISTENT_REFERENCES'
  /** The amount differs from the instruction's. */
  | 'AMOUNT_MISMATCH'
  /** A rejection of an attempt that a later attempt superseded. */
  | 'STALE_ATTEMPT'
  /** A final status that contradicts the final status already reached (RJCT after ACSC …). */
  | 'CONFLICTING_STATUS'
  /** A final status for a settlement that already timed out (reported for investigation). */
  | 'AFTER_TIMEOUT'
  /** A status code the engine does not know. */
  | 'UNKNOWN_STATUS'
  /** A message type that is no confirmation (only pacs.002 and camt.054 are). */
  | 'UNSUPPORTED_MESSAGE';

/** A confirmation, or part of one, that matched nothing or changed nothing. @public */
export interface UnmatchedConfirmation {
  /** `pacs.002`, `camt.054`, `status` (a host status update) or the type received. */
  readonly messageType: string;
  /** `GrpHdr/MsgId`. */
  readonly messageId: string;
  /** Index of the transaction (`TxInfAndSts`) or entry (`Ntry`) in the message. */
  readonly index?: number;
  /** The UETR it named. */
  readonly uetr?: string;
  /** The original message id it named. */
  readonly originalMessageId?: string;
  /** The EndToEndId it named. */
  readonly endToEndId?: string;
  /** The status it carried. */
  readonly status?: string;
  /** The instruction it concerns, when one was found. */
  readonly instructionId?: string;
  /** Why nothing changed. */
  readonly reason: UnmatchedReason;
  /** A sentence with the details. */
  readonly detail: string;
}

/** A status change that `receive` or `tick` made. @public */
export interface SettlementChange {
  /** The instruction id. */
  readonly instructionId: string;
  /** The status before. */
  readonly from: SettlementStatus;
  /** The status after. */
  readonly to: SettlementStatus;
}

/** What `receive` returns. @public */
export interface ReceiveResult {
  /** The settlements this message made final, each once ever. */
  readonly results: readonly SettlementResult[];
  /** The camt.054's new bank entries (at most one event per message). */
  readonly funding: readonly FundingEvent[];
  /** Every status change, final or not, in order. */
  readonly changes: readonly SettlementChange[];
  /** What matched nothing or changed nothing. */
  readonly unmatched: readonly UnmatchedConfirmation[];
  /** True when a message of this type and `GrpHdr/MsgId` was received before: nothing was done. */
  readonly duplicate: boolean;
}

/** What `tick` returns. @public */
export interface TickResult {
  /** Settlements that timed out (each once ever), and any that a retry's rail refused. */
  readonly results: readonly SettlementResult[];
  /** The settlements resubmitted, as they are after the new attempt. */
  readonly retried: readonly SettlementRecord[];
  /** Every status change, in order. */
  readonly changes: readonly SettlementChange[];
}

/**
 * A status a host reports for a submission outside ISO 20022 (for example from an API rail's webhook),
 * matched like a pacs.002 transaction.
 * @public
 */
export interface SettlementStatusUpdate {
  /** An id of the update, for de-duplication (like a `GrpHdr/MsgId`). */
  readonly id: string;
  /** The submission's UETR. */
  readonly uetr?: string;
  /** The attempt's message id. */
  readonly messageId?: string;
  /** The submission's EndToEndId. */
  readonly endToEndId?: string;
  /** A pacs.002 `TxSts` code: `ACSC`, `ACSP`, `ACCP`, `PDNG`, `RJCT` … */
  readonly status: string;
  /** The reason of a `RJCT`. */
  readonly reason?: SettlementReason;
}

/** Exponential backoff between attempts: `min(maxMs, initialMs × multiplier^(attempt − 1))`. @public */
export interface BackoffOptions {
  /** Wait after the first attempt's timeout. @defaultValue 1000 */
  readonly initialMs?: number;
  /** Growth per attempt, ≥ 1. @defaultValue 2 */
  readonly multiplier?: number;
  /** Cap. @defaultValue 300000 */
  readonly maxMs?: number;
}

/** Options of `execute`. @public */
export interface ExecuteOptions {
  /**
   * The customer payment a `payment` instruction settles (its UETR must be the source's): the pacs.008
   * and MT103 then carry its parties, EndToEndId and remittance. Without it they carry the agents only.
   */
  readonly payment?: CanonicalPayment;
  /** The rail to use, by name, instead of `selectRail`. */
  readonly rail?: string;
}

/** Options of `createSettlementEngine`. @public */
export interface SettlementEngineOptions {
  /** The rails, at least one, with distinct names. */
  readonly rails: readonly SettlementRail[];
  /**
   * Chooses a rail (or its name) for an instruction. Default: the first rail that supports it.
   */
  readonly selectRail?: (
    instruction: SettlementInstruction,
    rails: readonly SettlementRail[],
  ) => SettlementRail | string | undefined;
  /** The clock, epoch milliseconds. The engine never reads one itself. */
  readonly now: () => number;
  /** How long an attempt may go without any status before it is retried (or times out), ms, > 0. */
  readonly timeoutMs: number;
  /** Attempts in all, ≥ 1. @defaultValue 3 */
  readonly maxAttempts?: number;
  /** Wait after a timeout before the next attempt: a policy or a function of the attempt that timed out (1, 2 …). */
  readonly backoff?: BackoffOptions | ((attempt: number) => number);
  /** How long an ACCEPTED settlement may wait for its final status, ms (`Infinity` for ever). @defaultValue timeoutMs */
  readonly acceptedTimeoutMs?: number;
  /** Message id of an attempt (Max35Text, unique). Default: `DT` + 16 base-32 characters of SHA-256 of the id + `-<attempt>`. */
  readonly messageId?: (instructionId: string, attempt: number) => string;
  /** UETR of a net-position instruction. Default: a version-4 UUID derived from SHA-256 of the instruction id. */
  readonly uetr?: (instruction: SettlementInstruction) => string;
  /** Restores the state a previous engine's `snapshot()` returned. */
  readonly snapshot?: SettlementEngineSnapshot;
}

/** A settlement engine: executes instructions on rails and tracks their confirmations. @public */
export interface SettlementEngine {
  /**
   * Records the instruction and submits its first attempt. Idempotent on `instruction.id`: the same id
   * with the same content returns the same record (the same promise while it is being submitted); with
   * different content it throws.
   * @throws {@link SettlementConflictError} (`SETTLEMENT_CONFLICT`, `SETTLEMENT_DUPLICATE_UETR`)
   * @throws {@link InvalidSettlementInputError} (`SETTLEMENT_INVALID_INSTRUCTION`)
   * @throws {@link NoRailError} (`SETTLEMENT_NO_RAIL`)
   */
  execute(instruction: SettlementInstruction, options?: ExecuteOptions): Promise<SettlementRecord>;
  /**
   * Applies a pacs.002 or camt.054 (XML text or as `parseMessage` returned it).
   * @throws {@link SettlementFormatError} (`SETTLEMENT_INVALID_MESSAGE`) when the text cannot be parsed
   */
  receive(message: string | ParsedConfirmation): ReceiveResult;
  /**
   * The UETR the engine gives an instruction: the payment's for a `payment` source, else the `uetr` option's
   * (by default derived from the instruction id). The same before and after `execute`.
   */
  uetrOf(instruction: SettlementInstruction): string;
  /** Applies a status reported by the host (an API rail's callback), matched like a pacs.002 transaction. */
  receiveStatus(update: SettlementStatusUpdate): ReceiveResult;
  /** Retries and times out what is due at `nowMs` (default: the clock). */
  tick(nowMs?: number): Promise<TickResult>;
  /** The record of an instruction id. */
  get(id: string): SettlementRecord | undefined;
  /** The record a UETR, message id or EndToEndId (when unique) points to. */
  find(reference: {
    readonly uetr?: string;
    readonly messageId?: string;
    readonly endToEndId?: string;
  }): SettlementRecord | undefined;
  /** Every record, in order of creation, optionally of some statuses. */
  list(filter?: { readonly status?: SettlementStatus | readonly SettlementStatus[] }): SettlementRecord[];
  /** A JSON-safe copy of the state (amounts as decimal strings), for `createSettlementEngine({ snapshot })`. */
  snapshot(): SettlementEngineSnapshot;
}

/**
 * What `receive` accepts besides XML text: any parsed message (only pacs.002 and camt.054 are
 * confirmations; others come back as `UNSUPPORTED_MESSAGE`).
 * @public
 */
export type ParsedConfirmation = ParsedMessage;

/** A persisted engine state. Version 1. @public */
export interface SettlementEngineSnapshot {
  readonly format: 'deltran.settlement-engine';
  readonly version: 1;
  /** Every record, JSON-safe (amounts as `{ currency, amount }` with a decimal string). */
  readonly records: readonly unknown[];
  /** The payments given to `execute`, by instruction id, JSON-safe. */
  readonly payments?: Readonly<Record<string, unknown>>;
  /** Keys of the confirmations received (`<type>:<MsgId>`). */
  readonly seenMessages: readonly string[];
  /** Keys of the bank entries emitted as funding. */
  readonly seenEntries: readonly string[];
}
