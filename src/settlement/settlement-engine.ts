/**
 * The settlement engine: executes instructions on rails, matches pacs.002 and camt.054 confirmations to
 * submissions, retries and times out, and emits each settlement's result exactly once.
 * @packageDocumentation
 */
import {
  type CanonicalPayment,
  equals,
  InvariantError,
  isPositive,
  isValidUetr,
  type Money,
  normalizeUetr,
} from '../index';
import { type Camt054Message, type Pacs002Message, safeParseMessage } from '../iso20022/index';
import type { SettlementInstruction } from '../routing/index';
import { type BankEntry, fromCamt054 } from '../token/index';
import { decodeState, encodeState } from './_internal/codec';
import { canonicalJson, defaultMessageId, derivedUetr, isoOf, shortReference } from './_internal/ids';
import {
  InvalidSettlementInputError,
  NoRailError,
  SettlementConflictError,
  SettlementErrorCodes,
  SettlementFormatError,
  SettlementReasonCodes,
} from './errors';
import { assertTransition, isTerminalStatus } from './state-machine';
import type {
  ExecuteOptions,
  FundingEvent,
  ParsedConfirmation,
  RailAck,
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
  TickResult,
  TransitionCause,
  UnmatchedConfirmation,
  UnmatchedReason,
} from './types';

/** Attempts in all when `maxAttempts` is not given. @public */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** The default backoff: 1 s, doubling, at most 5 minutes. @public */
export const DEFAULT_BACKOFF: {
  readonly initialMs: number;
  readonly multiplier: number;
  readonly maxMs: number;
} = Object.freeze({ initialMs: 1000, multiplier: 2, maxMs: 300_000 });

/**
 * pacs.002 `TxSts` / `GrpSts` codes (ExternalPaymentTransactionStatus1Code) and camt.054 `Sts` codes,
 * by what they mean for a settlement: final and positive, accepted but not final, or rejected.
 * @public
 */
export const CONFIRMATION_STATUS_CODES: {
  readonly settled: readonly string[];
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
} = Object.freeze({
  settled: Object.freeze(['ACSC', 'ACCC', 'BOOK']),
  accepted: Object.freeze(['ACSP', 'ACCP', 'ACTC', 'ACWC', 'ACFC', 'ACWP', 'PDNG', 'RCVD']),
  rejected: Object.freeze(['RJCT']),
});

type Meaning = 'settled' | 'accepted' | 'rejected';

function meaningOf(code: string | undefined): Meaning | undefined {
  if (code === undefined) return undefined;
  if (CONFIRMATION_STATUS_CODES.settled.includes(code)) return 'settled';
  if (CONFIRMATION_STATUS_CODES.accepted.includes(code)) return 'accepted';
  if (CONFIRMATION_STATUS_CODES.rejected.includes(code)) return 'rejected';
  return undefined;
}

/** References a confirmation gives for one transaction. */
interface References {
  readonly uetr?: string | undefined;
  readonly messageId?: string | undefined;
  readonly endToEndId?: string | undefined;
}

/** Where a confirmation item came from, for history and unmatched reports. */
interface Origin {
  readonly messageType: string;
  readonly messageId: string;
  readonly index?: number;
  readonly cause: TransitionCause;
}

/** `{ ...submission, message }` written out (same keys, same order). */
function requestOf(submission: RailSubmission, message: RailMessage): RailRequest {
  return submission.payment !== undefined
    ? {
        instruction: submission.instruction,
        payment: submission.payment,
        attempt: submission.attempt,
        messageId: submission.messageId,
        instructionReference: submission.instructionReference,
        endToEndId: submission.endToEndId,
        uetr: submission.uetr,
        createdAt: submission.createdAt,
        message,
      }
    : {
        instruction: submission.instruction,
        attempt: submission.attempt,
        messageId: submission.messageId,
        instructionReference: submission.instructionReference,
        endToEndId: submission.endToEndId,
        uetr: submission.uetr,
        createdAt: submission.createdAt,
        message,
      };
}

/** A fresh object of a readonly type, filled in by assignment. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** `origin` with the item's index: a literal, not a spread (one shape for every origin). */
function originAt(origin: Origin, index: number): Origin {
  return { messageType: origin.messageType, messageId: origin.messageId, index, cause: origin.cause };
}

/** What one operation collects. */
class Collector {
  readonly results: SettlementResult[] = [];
  readonly changes: SettlementChange[] = [];
  readonly unmatched: UnmatchedConfirmation[] = [];
  readonly funding: FundingEvent[] = [];
}

function invalid(code: string, message: string, path: readonly (string | number)[] = []): never {
  throw new InvalidSettlementInputError(code, `[deltran] settlement: ${message}`, { path });
}

function checkOptions(options: SettlementEngineOptions): void {
  const where = 'createSettlementEngine';
  const code = SettlementErrorCodes.INVALID_OPTIONS;
  if (options === null || typeof options !== 'object') invalid(code, `${where}: expected an options object`);
  if (!Array.isArray(options.rails) || options.rails.length === 0)
    invalid(code, `${where}: expected rails to be a non-empty array of SettlementRail`, ['rails']);
  const names = new Set<string>();
  options.rails.forEach((rail, i) => {
    if (
      rail === null ||
      typeof rail !== 'object' ||
      typeof rail.name !== 'string' ||
      rail.name === '' ||
      typeof rail.build !== 'function' ||
      typeof rail.submit !== 'function'
    )
      invalid(code, `${where}: rails[${i}]: expected { name, kind, build, submit }`, ['rails', i]);
    if (names.has(rail.name))
      invalid(code, `${where}: rails[${i}]: the name "${rail.name}" is used twice`, ['rails', i, 'name']);
    names.add(rail.name);
  });
  if (typeof options.now !== 'function') invalid(code, `${where}: expected now to be a function`, ['now']);
  if (
    typeof options.timeoutMs !== 'number' ||
    !(options.timeoutMs > 0) ||
    !Number.isFinite(options.timeoutMs)
  )
    invalid(
      code,
      `${where}: expected timeoutMs to be a finite number > 0, got ${String(options.timeoutMs)}`,
      ['timeoutMs'],
    );
  const max = options.maxAttempts;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 999))
    invalid(code, `${where}: expected maxAttempts to be an integer from 1 to 999, got ${String(max)}`, [
      'maxAttempts',
    ]);
  const accepted = options.acceptedTimeoutMs;
  if (accepted !== undefined && (typeof accepted !== 'number' || !(accepted > 0)))
    invalid(code, `${where}: expected acceptedTimeoutMs to be > 0 (or Infinity), got ${String(accepted)}`, [
      'acceptedTimeoutMs',
    ]);
  const b = options.backoff;
  if (b !== undefined && typeof b !== 'function') {
    const { initialMs = 0, multiplier = 1, maxMs = 0 } = b;
    if (
      !(initialMs >= 0) ||
      !(multiplier >= 1) ||
      !(maxMs >= 0) ||
      ![initialMs, multiplier, maxMs].every(Number.isFinite)
    )
      invalid(code, `${where}: expected backoff { initialMs ≥ 0, multiplier ≥ 1, maxMs ≥ 0 }, finite`, [
        'backoff',
      ]);
  }
}

function isMoneyValue(value: unknown): value is Money {
  const v = value as { minor?: unknown; currency?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.minor === 'bigint' && typeof v.currency === 'string';
}

function checkInstruction(instruction: SettlementInstruction): void {
  const code = SettlementErrorCodes.INVALID_INSTRUCTION;
  if (instruction === null || typeof instruction !== 'object')
    invalid(code, 'execute: expected an instruction');
  const where = `execute: instruction "${String(instruction.id)}"`;
  if (typeof instruction.id !== 'string' || instruction.id === '')
    invalid(code, 'execute: expected instruction.id to be a non-empty string', ['id']);
  const source = instruction.source;
  if (source?.kind !== 'netPosition' && source?.kind !== 'payment')
    invalid(code, `${where}: expected source.kind "netPosition" or "payment"`, ['source', 'kind']);
  if (
    source.kind === 'payment' &&
    (typeof source.uetr !== 'string' || !isValidUetr(source.uetr.toLowerCase()))
  )
    invalid(code, `${where}: expected source.uetr to be a UETR (UUID v4)`, ['source', 'uetr']);
  for (const key of ['fromBic', 'toBic', 'bank', 'valueDate'] as const)
    if (typeof instruction[key] !== 'string' || instruction[key] === '')
      invalid(code, `${where}: expected ${key} to be a non-empty string`, [key]);
  if (!Array.isArray(instruction.banks)) invalid(code, `${where}: expected banks to be an array`, ['banks']);
  if (!isMoneyValue(instruction.amount) || !isPositive(instruction.amount))
    invalid(code, `${where}: expected amount to be a positive Money`, ['amount']);
  if (!isMoneyValue(instruction.amountReceived))
    invalid(code, `${where}: expected amountReceived to be a Money`, ['amountReceived']);
}

function entryKey(e: BankEntry): string {
  return `${e.accountId}\u0000${e.servicerReference}\u0000${e.entryReference}`;
}

/** Records a confirmation item that moves nothing, and why; returns `false` for `apply`. */
function reportUnmatched(
  out: Collector,
  origin: Origin,
  refs: References,
  code: string | undefined,
  reason: UnmatchedReason,
  detail: string,
  instructionId: string | undefined,
): false {
  out.unmatched.push({
    messageType: origin.messageType,
    messageId: origin.messageId,
    ...(origin.index !== undefined ? { index: origin.index } : {}),
    ...(refs.uetr !== undefined ? { uetr: refs.uetr } : {}),
    ...(refs.messageId !== undefined ? { originalMessageId: refs.messageId } : {}),
    ...(refs.endToEndId !== undefined ? { endToEndId: refs.endToEndId } : {}),
    ...(code !== undefined ? { status: code } : {}),
    ...(instructionId !== undefined ? { instructionId } : {}),
    reason,
    detail,
  });
  return false;
}

function reasonOf(
  reasons:
    | readonly { code?: string; proprietary?: string; additionalInformation?: readonly string[] }[]
    | undefined,
): SettlementReason {
  const first = reasons?.[0];
  const code = first?.code ?? first?.proprietary ?? SettlementReasonCodes.NO_REASON_GIVEN;
  const text = first?.additionalInformation?.join(' ');
  return text === undefined || text === '' ? { code } : { code, text };
}

function errorInfo(error: unknown): { code?: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { code, message } : { message };
}

/**
 * Creates a settlement engine over the given rails. Pure: the clock is `now`, nothing is scheduled by
 * the engine (call `tick` for retries and timeouts), identifiers are derived from instruction ids.
 *
 * @param options - rails, clock, timeouts, retries, and optionally a snapshot to restore
 * @returns the engine
 * @throws {@link InvalidSettlementInputError} (`SETTLEMENT_INVALID_OPTIONS`) for a bad option
 * @throws {@link SettlementFormatError} (`SETTLEMENT_INVALID_SNAPSHOT`) for a snapshot that cannot be restored
 * @example
 * ```ts
 * const engine = createSettlementEngine({ rails: [rail], now: () => clock.now(), timeoutMs: 30_000 });
 * const record = await engine.execute(instruction);
 * const { results, funding } = engine.receive(pacs002Xml);
 * ```
 * @public
 */
export function createSettlementEngine(options: SettlementEngineOptions): SettlementEngine {
  checkOptions(options);
  const { rails, now, timeoutMs } = options;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const acceptedTimeoutMs = options.acceptedTimeoutMs ?? timeoutMs;
  const backoff = options.backoff;
  const backoffMs = (attempt: number): number => {
    if (typeof backoff === 'function') {
      const ms = backoff(attempt);
      return Number.isFinite(ms) && ms > 0 ? ms : 0;
    }
    const initialMs = backoff?.initialMs ?? DEFAULT_BACKOFF.initialMs;
    const multiplier = backoff?.multiplier ?? DEFAULT_BACKOFF.multiplier;
    const maxMs = backoff?.maxMs ?? DEFAULT_BACKOFF.maxMs;
    return Math.min(maxMs, initialMs * multiplier ** (attempt - 1));
  };
  const messageIdOf = options.messageId ?? defaultMessageId;
  const uetrOf = options.uetr ?? ((instruction: SettlementInstruction) => derivedUetr(instruction.id));
  const railsByName = new Map(rails.map((rail) => [rail.name, rail]));
  // The last instant written as ISO 8601: one operation stamps several steps at the same clock reading.
  let isoMs = Number.NaN;
  let isoText = '';
  const iso = (ms: number): string => {
    if (ms !== isoMs) {
      isoText = isoOf(ms);
      isoMs = ms;
    }
    return isoText;
  };

  const records = new Map<string, SettlementRecord>();
  const payments = new Map<string, CanonicalPayment>();
  const byUetr = new Map<string, string>();
  const byMessage = new Map<string, { readonly id: string; readonly attempt: number }>();
  const byEndToEnd = new Map<string, Set<string>>();
  const seenMessages = new Set<string>();
  const seenEntries = new Set<string>();
  const inFlight = new Map<string, Promise<SettlementRecord>>();
  /** Ids of the records not final yet, in order of creation: what `tick` looks at. */
  const open = new Set<string>();

  const index = (record: SettlementRecord): void => {
    byUetr.set(record.uetr, record.id);
    let set = byEndToEnd.get(record.endToEndId);
    if (set === undefined) {
      set = new Set();
      byEndToEnd.set(record.endToEndId, set);
    }
    set.add(record.id);
    for (const a of record.attempts) byMessage.set(a.messageId, { id: record.id, attempt: a.attempt });
  };

  if (options.snapshot !== undefined) restore(options.snapshot);

  function restore(snapshot: SettlementEngineSnapshot): void {
    const fail = (why: string): never => {
      throw new SettlementFormatError(
        SettlementErrorCodes.INVALID_SNAPSHOT,
        `[deltran] settlement: createSettlementEngine: snapshot: ${why}`,
        { path: ['snapshot'] },
      );
    };
    if (snapshot?.format !== 'deltran.settlement-engine' || snapshot.version !== 1)
      fail('expected format "deltran.settlement-engine", version 1');
    if (!Array.isArray(snapshot.records) || !Array.isArray(snapshot.seenMessages))
      fail('expected records and seenMessages arrays');
    try {
      for (const raw of snapshot.records) {
        const record = decodeState(raw) as SettlementRecord;
        if (typeof record.id !== 'string' || typeof record.status !== 'string')
          fail('a record has no id or status');
        if (!railsByName.has(record.rail))
          fail(`record "${record.id}" uses rail "${record.rail}", not given`);
        if (isTerminalStatus(record.status)) records.set(record.id, record);
        else {
          // An attempt in flight when the snapshot was taken has no due time: it is due one timeout after it was sent.
          const last = record.attempts[record.attempts.length - 1];
          const due = record.dueAtMs ?? (last === undefined ? 0 : last.sentAtMs + timeoutMs);
          records.set(record.id, Object.freeze({ ...record, dueAtMs: due }));
          open.add(record.id);
        }
        index(record);
      }
      for (const [id, payment] of Object.entries(snapshot.payments ?? {}))
        payments.set(id, decodeState(payment) as CanonicalPayment);
      for (const key of snapshot.seenMessages) seenMessages.add(key);
      for (const key of snapshot.seenEntries ?? []) seenEntries.add(key);
    } catch (error) {
      if (error instanceof SettlementFormatError) throw error;
      throw new SettlementFormatError(
        SettlementErrorCodes.INVALID_SNAPSHOT,
        `[deltran] settlement: createSettlementEngine: snapshot: ${errorInfo(error).message}`,
        { path: ['snapshot'], cause: error },
      );
    }
  }

  const current = (id: string): SettlementRecord => {
    const record = records.get(id);
    if (record === undefined)
      throw new InvariantError('CORE_INVARIANT', `[deltran] settlement: record "${id}" vanished`);
    return record;
  };

  const put = (record: SettlementRecord): SettlementRecord => {
    const frozen = Object.freeze(record);
    records.set(record.id, frozen);
    if (isTerminalStatus(record.status)) open.delete(record.id);
    else open.add(record.id);
    return frozen;
  };

  /** A copy of `record` without `dueAtMs` when `due` is undefined or not finite. */
  const withDue = (record: SettlementRecord, due: number | undefined): SettlementRecord => {
    const { dueAtMs: _old, ...rest } = record;
    const copy: Writable<SettlementRecord> = rest;
    if (due !== undefined && Number.isFinite(due)) copy.dueAtMs = due;
    return copy;
  };

  function resultOf(record: SettlementRecord, at: number, cause: TransitionCause, confirmationId?: string) {
    const i = record.instruction;
    const last = record.attempts[record.attempts.length - 1];
    const first = record.attempts[0];
    const result: SettlementResult = {
      instructionId: record.id,
      uetr: record.uetr,
      endToEndId: record.endToEndId,
      messageId: last?.messageId ?? messageIdOf(record.id, 1),
      rail: record.rail,
      status: record.status as SettlementResult['status'],
      ...(record.reason !== undefined ? { reason: record.reason } : {}),
      from: i.fromBic,
      to: i.toBic,
      amount: i.amount,
      currency: i.currency,
      attempts: record.attempts.length,
      submittedAt: first?.sentAt ?? record.createdAt,
      completedAt: iso(at),
      source: i.source,
      cause,
      ...(confirmationId !== undefined ? { confirmationId } : {}),
    };
    return Object.freeze(result);
  }

  /** Moves a record to `to`, appending the history step; a final status builds the one result. */
  function move(
    record: SettlementRecord,
    to: SettlementStatus,
    cause: TransitionCause,
    atMs: number,
    out: Collector,
    extra: {
      readonly attempt?: number;
      readonly messageId?: string;
      readonly statusCode?: string;
      readonly reason?: SettlementReason;
    } = {},
  ): SettlementRecord {
    assertTransition(record.status, to, record.id);
    // Built by assignment on fresh objects, not by spreads of spreads: the same keys in the same order
    // (a new key goes last, an existing one keeps its place) with one copy of the record instead of up
    // to four.
    const step: Writable<SettlementTransition> = {
      from: record.status,
      to,
      at: iso(atMs),
      atMs,
      cause,
      attempt: extra.attempt ?? record.attempts.length,
    };
    if (extra.messageId !== undefined) step.messageId = extra.messageId;
    if (extra.statusCode !== undefined) step.statusCode = extra.statusCode;
    const history = [...record.history, Object.freeze(step)];
    const terminal = isTerminalStatus(to);
    let next: Writable<SettlementRecord>;
    if (to === 'ACCEPTED' || terminal) {
      // `dueAtMs` goes last (ACCEPTED) or goes (final).
      const { dueAtMs: _due, ...rest } = record;
      next = rest;
      next.status = to;
      next.history = history;
    } else next = { ...record, status: to, history };
    if (extra.reason !== undefined) next.reason = extra.reason;
    if (to === 'ACCEPTED') {
      if (extra.statusCode !== undefined && next.bankStatus === undefined) next.bankStatus = extra.statusCode;
      const due = atMs + acceptedTimeoutMs;
      if (Number.isFinite(due)) next.dueAtMs = due;
    }
    if (terminal) {
      const confirmationId =
        cause === 'pacs.002' || cause === 'camt.054' || cause === 'status' ? extra.messageId : undefined;
      const result = resultOf(next, atMs, cause, confirmationId);
      next.result = result;
      out.results.push(result);
    }
    if (record.status !== to) out.changes.push({ instructionId: record.id, from: record.status, to });
    return put(next);
  }

  const updateAttempt = (
    id: string,
    attempt: number,
    patch: Partial<SettlementAttempt>,
  ): SettlementRecord => {
    const record = current(id);
    return put({
      ...record,
      attempts: record.attempts.map((a) => (a.attempt === attempt ? Object.freeze({ ...a, ...patch }) : a)),
    });
  };

  async function submitAttempt(id: string, n: number, out: Collector): Promise<SettlementRecord> {
    let record = current(id);
    const rail = railsByName.get(record.rail)!;
    const messageId = messageIdOf(id, n);
    const owner = byMessage.get(messageId);
    if (owner !== undefined && owner.id !== id)
      throw new InvariantError(
        'CORE_INVARIANT',
        `[deltran] settlement: message id "${messageId}" of "${id}" is already used by "${owner.id}"`,
      );
    const atMs = now();
    const payment = payments.get(id);
    const submission: RailSubmission = {
      instruction: record.instruction,
      ...(payment !== undefined ? { payment } : {}),
      attempt: n,
      messageId,
      instructionReference: messageId,
      endToEndId: record.endToEndId,
      uetr: record.uetr,
      createdAt: iso(atMs),
    };
    let message: RailMessage;
    try {
      message = rail.build(submission);
    } catch (error) {
      // Building is deterministic: a retry would fail the same way, so the settlement ends here.
      const text = errorInfo(error).message.slice(0, 500);
      return move(record, 'REJECTED', 'build', atMs, out, {
        attempt: n,
        messageId,
        reason: { code: SettlementReasonCodes.BUILD_FAILED, text },
      });
    }
    byMessage.set(messageId, { id, attempt: n });
    const attempt: SettlementAttempt = Object.freeze({
      attempt: n,
      messageId,
      message,
      sentAt: submission.createdAt,
      sentAtMs: atMs,
    });
    record = put({ ...record, attempts: [...record.attempts, attempt] });
    if (n > 1) record = move(record, record.status, 'retry', atMs, out, { attempt: n, messageId });
    let ack: RailAck;
    try {
      ack = await rail.submit(requestOf(submission, message));
    } catch (error) {
      // A transport failure: keep the attempt, retry after the backoff (or time out after the last).
      record = updateAttempt(id, n, { error: errorInfo(error) });
      if (isTerminalStatus(record.status) || record.status === 'ACCEPTED') return record;
      return put(withDue(record, atMs + (n < maxAttempts ? backoffMs(n) : timeoutMs)));
    }
    record = updateAttempt(id, n, { ack });
    if (ack.accepted) {
      if (record.status === 'PENDING')
        record = move(record, 'SUBMITTED', 'submitted', now(), out, { attempt: n, messageId });
      if (record.status === 'SUBMITTED')
        record = put(withDue(record, atMs + timeoutMs + (n < maxAttempts ? backoffMs(n) : 0)));
      return record;
    }
    if (isTerminalStatus(record.status)) return record;
    return move(record, 'REJECTED', 'rail', now(), out, { attempt: n, messageId, reason: ack.reason });
  }

  function pickRail(instruction: SettlementInstruction, name: string | undefined): SettlementRail {
    let chosen: SettlementRail | string | undefined;
    if (name !== undefined) chosen = name;
    else if (options.selectRail !== undefined) chosen = options.selectRail(instruction, rails);
    else chosen = rails.find((rail) => rail.supports?.(instruction) ?? true);
    const rail = typeof chosen === 'string' ? railsByName.get(chosen) : chosen;
    if (rail === undefined || !railsByName.has(rail.name))
      throw new NoRailError(
        SettlementErrorCodes.NO_RAIL,
        `[deltran] settlement: execute: no rail for instruction "${instruction.id}" (${instruction.source.kind})${
          typeof chosen === 'string' ? `: no rail is named "${chosen}"` : ''
        }; rails: ${rails.map((r) => r.name).join(', ')}`,
      );
    if (rail.supports !== undefined && !rail.supports(instruction))
      throw new NoRailError(
        SettlementErrorCodes.NO_RAIL,
        `[deltran] settlement: execute: rail "${rail.name}" does not carry ${instruction.source.kind} instructions ("${instruction.id}")`,
      );
    return rail;
  }

  function execute(instruction: SettlementInstruction, opts: ExecuteOptions = {}): Promise<SettlementRecord> {
    try {
      checkInstruction(instruction);
      const existing = records.get(instruction.id);
      if (existing !== undefined) {
        // Compared only on a replay: canonical JSON of a routed instruction is not free.
        const same =
          existing.instruction === instruction ||
          canonicalJson(existing.instruction) === canonicalJson(instruction);
        if (!same)
          throw new SettlementConflictError(
            SettlementErrorCodes.CONFLICT,
            `[deltran] settlement: execute: instruction "${instruction.id}" was already executed with different content`,
            { path: ['id'] },
          );
        return inFlight.get(instruction.id) ?? Promise.resolve(existing);
      }
      const rail = pickRail(instruction, opts.rail);
      const source = instruction.source;
      const payment = opts.payment;
      let uetr: string;
      if (source.kind === 'payment') {
        uetr = normalizeUetr(source.uetr);
        if (payment !== undefined && payment.uetr.toLowerCase() !== uetr)
          invalid(
            SettlementErrorCodes.INVALID_INSTRUCTION,
            `execute: instruction "${instruction.id}": the payment's UETR ${payment.uetr} is not the source's ${uetr}`,
            ['payment', 'uetr'],
          );
      } else {
        if (payment !== undefined)
          invalid(
            SettlementErrorCodes.INVALID_INSTRUCTION,
            `execute: instruction "${instruction.id}" settles a net position; it takes no payment`,
            ['payment'],
          );
        uetr = uetrOf(instruction);
        if (!isValidUetr(uetr))
          invalid(
            SettlementErrorCodes.INVALID_OPTIONS,
            `execute: options.uetr returned "${uetr}", not a UETR`,
            ['uetr'],
          );
      }
      const holder = byUetr.get(uetr);
      if (holder !== undefined)
        throw new SettlementConflictError(
          SettlementErrorCodes.DUPLICATE_UETR,
          `[deltran] settlement: execute: instruction "${instruction.id}" would settle under UETR ${uetr}, already used by "${holder}"`,
          { path: ['source', 'uetr'] },
        );
      const atMs = now();
      const createdAt = iso(atMs);
      const record: SettlementRecord = {
        id: instruction.id,
        instruction,
        rail: rail.name,
        status: 'PENDING',
        uetr,
        endToEndId: payment?.endToEndId ?? shortReference(instruction.id),
        attempts: [],
        history: [
          Object.freeze({ from: null, to: 'PENDING', at: createdAt, atMs, cause: 'execute', attempt: 0 }),
        ],
        createdAt,
      };
      put(record);
      if (payment !== undefined) payments.set(record.id, payment);
      index(record);
      const promise = submitAttempt(record.id, 1, new Collector()).finally(() => inFlight.delete(record.id));
      inFlight.set(record.id, promise);
      return promise;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  type Match =
    | { readonly record: SettlementRecord; readonly attempt: number | undefined }
    | { readonly reason: UnmatchedReason; readonly detail: string; readonly instructionId?: string };

  function match(refs: References): Match {
    const uetr = refs.uetr?.toLowerCase();
    const e2e = refs.endToEndId === 'NOTPROVIDED' ? undefined : refs.endToEndId;
    const viaMessage = refs.messageId === undefined ? undefined : byMessage.get(refs.messageId);
    let id = uetr === undefined ? undefined : byUetr.get(uetr);
    if (id === undefined && viaMessage !== undefined) id = viaMessage.id;
    if (id === undefined && e2e !== undefined) {
      const ids = byEndToEnd.get(e2e);
      if (ids !== undefined && ids.size > 1)
        return { reason: 'AMBIGUOUS', detail: `EndToEndId "${e2e}" is shared by ${ids.size} submissions` };
      if (ids !== undefined) id = [...ids][0];
    }
    if (id === undefined) {
      if (uetr === undefined && refs.messageId === undefined && e2e === undefined)
        return { reason: 'NO_REFERENCE', detail: 'no UETR, original message id or EndToEndId' };
      return {
        reason: 'NO_SUBMISSION',
        detail: 'no submission has its UETR, original message id or EndToEndId',
      };
    }
    const record = current(id);
    // Consistent references are the rule: the list of problems is made only for an inconsistent one.
    if (
      (uetr !== undefined && uetr !== record.uetr) ||
      (viaMessage !== undefined && viaMessage.id !== id) ||
      (e2e !== undefined && e2e !== record.endToEndId)
    ) {
      const problems: string[] = [];
      if (uetr !== undefined && uetr !== record.uetr) problems.push(`UETR ${uetr} is not ${record.uetr}`);
      if (viaMessage !== undefined && viaMessage.id !== id)
        problems.push(`message id "${refs.messageId}" belongs to "${viaMessage.id}"`);
      if (e2e !== undefined && e2e !== record.endToEndId)
        problems.push(`EndToEndId "${e2e}" is not "${record.endToEndId}"`);
      return { reason: 'INCONSISTENT_REFERENCES', detail: problems.join('; '), instructionId: id };
    }
    return { record, attempt: viaMessage?.attempt };
  }

  /** Applies one status (a pacs.002 transaction, a camt.054 entry transaction, a host update). */
  function apply(
    refs: References,
    code: string | undefined,
    reason: SettlementReason | undefined,
    amount: Money | undefined,
    origin: Origin,
    out: Collector,
  ): boolean {
    const found = match(refs);
    if (!('record' in found))
      return reportUnmatched(out, origin, refs, code, found.reason, found.detail, found.instructionId);
    let record = found.record;
    const meaning = meaningOf(code);
    if (meaning === undefined)
      return reportUnmatched(
        out,
        origin,
        refs,
        code,
        'UNKNOWN_STATUS',
        `status "${code ?? ''}" is not known`,
        record.id,
      );
    const i = record.instruction;
    if (amount !== undefined && !(equals(amount, i.amount) || equals(amount, i.amountReceived)))
      return reportUnmatched(
        out,
        origin,
        refs,
        code,
        'AMOUNT_MISMATCH',
        `amount ${amount.currency} ${String(amount.minor)} (minor units) is neither the amount sent nor the amount received`,
        record.id,
      );
    const status = record.status;
    if (isTerminalStatus(status)) {
      const same =
        (status === 'SETTLED' && meaning === 'settled') || (status === 'REJECTED' && meaning === 'rejected');
      if (same || meaning === 'accepted') return false; // a duplicate, or a late interim status
      if (status === 'TIMED_OUT')
        return reportUnmatched(
          out,
          origin,
          refs,
          code,
          'AFTER_TIMEOUT',
          `a ${code} after the settlement timed out`,
          record.id,
        );
      return reportUnmatched(
        out,
        origin,
        refs,
        code,
        'CONFLICTING_STATUS',
        `a ${code} after the settlement was ${status}`,
        record.id,
      );
    }
    if (meaning === 'rejected' && found.attempt !== undefined) {
      const latest = record.attempts[record.attempts.length - 1];
      if (latest !== undefined && found.attempt < latest.attempt && latest.error === undefined)
        return reportUnmatched(
          out,
          origin,
          refs,
          code,
          'STALE_ATTEMPT',
          `a ${code} of attempt ${found.attempt}, superseded by attempt ${latest.attempt}`,
          record.id,
        );
    }
    const atMs = now();
    const extra =
      code !== undefined
        ? { messageId: origin.messageId, statusCode: code }
        : { messageId: origin.messageId };
    if (status === 'PENDING') record = move(record, 'SUBMITTED', origin.cause, atMs, out, extra);
    if (meaning === 'accepted') {
      if (record.status === 'SUBMITTED') move(record, 'ACCEPTED', origin.cause, atMs, out, extra);
      return true;
    }
    if (meaning === 'settled') {
      move(record, 'SETTLED', origin.cause, atMs, out, extra);
      return true;
    }
    move(record, 'REJECTED', origin.cause, atMs, out, {
      ...extra,
      reason: reason ?? { code: SettlementReasonCodes.NO_REASON_GIVEN },
    });
    return true;
  }

  function applyPacs002(message: Pacs002Message, out: Collector): void {
    const origin = { messageType: 'pacs.002', messageId: message.messageId, cause: 'pacs.002' } as const;
    const groups = message.originalGroups ?? [];
    const single = groups.length === 1 ? groups[0] : undefined;
    if (message.transactions.length === 0) {
      groups.forEach((g, index) => {
        if (g.groupStatus === undefined) return;
        apply(
          { messageId: g.originalMessageId },
          g.groupStatus,
          reasonOf(g.reasons),
          undefined,
          originAt(origin, index),
          out,
        );
      });
      return;
    }
    message.transactions.forEach((t, index) => {
      const status = t.status ?? single?.groupStatus;
      const reasons = t.reasons ?? single?.reasons;
      apply(
        {
          uetr: t.originalUetr,
          messageId: t.originalMessageId ?? single?.originalMessageId,
          endToEndId: t.originalEndToEndId,
        },
        status,
        status === 'RJCT' ? reasonOf(reasons) : undefined,
        t.originalSettlementAmount,
        originAt(origin, index),
        out,
      );
    });
  }

  function applyCamt054(message: Camt054Message, out: Collector): void {
    const origin = { messageType: 'camt.054', messageId: message.messageId, cause: 'camt.054' } as const;
    let entries: BankEntry[] = [];
    try {
      entries = fromCamt054(message);
    } catch (error) {
      out.unmatched.push({
        messageType: 'camt.054',
        messageId: message.messageId,
        reason: 'NO_REFERENCE',
        detail: `its entries cannot be funded: ${errorInfo(error).message}`,
      });
    }
    // Each entry's key made once; entries new before this message are all fresh (even if repeated in it).
    const keys = entries.map(entryKey);
    const fresh: BankEntry[] = [];
    const freshKeys: string[] = [];
    for (let k = 0; k < entries.length; k++) {
      if (seenEntries.has(keys[k]!)) continue;
      fresh.push(entries[k]!);
      freshKeys.push(keys[k]!);
    }
    for (const key of freshKeys) seenEntries.add(key);
    if (fresh.length > 0) out.funding.push(Object.freeze({ messageId: message.messageId, entries: fresh }));
    let index = -1;
    for (const report of message.reports) {
      for (const entry of report.entries ?? []) {
        index++;
        if (entry.reversal === true) continue;
        const code = entry.status === 'BOOK' || entry.status === 'PDNG' ? entry.status : undefined;
        if (code === undefined) continue; // informational entries move nothing
        const txs = entry.transactions ?? [];
        if (txs.length === 0) {
          out.unmatched.push({
            messageType: 'camt.054',
            messageId: message.messageId,
            index,
            status: code,
            reason: 'NO_REFERENCE',
            detail: 'a batch-booked entry without transaction details names no submission',
          });
          continue;
        }
        for (const t of txs) {
          const amount = t.amount ?? (txs.length === 1 ? entry.amount : undefined);
          apply(
            { uetr: t.uetr, messageId: t.messageId, endToEndId: t.endToEndId },
            code,
            undefined,
            amount,
            originAt(origin, index),
            out,
          );
        }
      }
    }
  }

  const finish = (out: Collector, duplicate: boolean): ReceiveResult =>
    Object.freeze({
      results: out.results,
      funding: out.funding,
      changes: out.changes,
      unmatched: out.unmatched,
      duplicate,
    });

  function receive(input: string | ParsedConfirmation): ReceiveResult {
    let message: ParsedConfirmation;
    if (typeof input === 'string') {
      const parsed = safeParseMessage(input);
      if (!parsed.ok)
        throw new SettlementFormatError(
          SettlementErrorCodes.INVALID_MESSAGE,
          `[deltran] settlement: receive: the confirmation cannot be parsed: ${parsed.error.message}`,
          { cause: parsed.error, issues: parsed.error.issues },
        );
      message = parsed.value;
    } else if (input !== null && typeof input === 'object' && typeof input.type === 'string') message = input;
    else
      throw new SettlementFormatError(
        SettlementErrorCodes.INVALID_MESSAGE,
        '[deltran] settlement: receive: expected XML text or a message parseMessage returned',
      );
    const out = new Collector();
    const messageId = message.groupHeader?.messageId ?? '';
    if (message.type !== 'pacs.002' && message.type !== 'camt.054') {
      out.unmatched.push({
        messageType: message.type,
        messageId,
        reason: 'UNSUPPORTED_MESSAGE',
        detail: `a ${message.type} is no confirmation (pacs.002 and camt.054 are)`,
      });
      return finish(out, false);
    }
    const key = `${message.type}:${messageId}`;
    if (seenMessages.has(key)) return finish(out, true);
    seenMessages.add(key);
    if (message.type === 'pacs.002') applyPacs002(message, out);
    else applyCamt054(message, out);
    return finish(out, false);
  }

  function receiveStatus(update: SettlementStatusUpdate): ReceiveResult {
    if (update === null || typeof update !== 'object' || typeof update.id !== 'string' || update.id === '')
      invalid(SettlementErrorCodes.INVALID_OPTIONS, 'receiveStatus: expected an update with a non-empty id', [
        'id',
      ]);
    const out = new Collector();
    const key = `status:${update.id}`;
    if (seenMessages.has(key)) return finish(out, true);
    seenMessages.add(key);
    const reason =
      update.status === 'RJCT'
        ? (update.reason ?? { code: SettlementReasonCodes.NO_REASON_GIVEN })
        : undefined;
    apply(
      { uetr: update.uetr, messageId: update.messageId, endToEndId: update.endToEndId },
      update.status,
      reason,
      undefined,
      { messageType: 'status', messageId: update.id, cause: 'status' },
      out,
    );
    return finish(out, false);
  }

  async function tick(nowMs?: number): Promise<TickResult> {
    const at = nowMs ?? now();
    const out = new Collector();
    const retries: Promise<SettlementRecord>[] = [];
    const retried: string[] = [];
    for (const id of [...open]) {
      const record = current(id);
      if (isTerminalStatus(record.status) || inFlight.has(record.id)) continue;
      if (record.dueAtMs === undefined || record.dueAtMs > at) continue;
      const made = record.attempts.length;
      if (record.status === 'ACCEPTED' || made >= maxAttempts) {
        const text =
          record.status === 'ACCEPTED'
            ? `accepted (${record.bankStatus ?? 'ACCEPTED'}) but not settled within ${acceptedTimeoutMs} ms`
            : `no final status after ${made} attempt${made === 1 ? '' : 's'} (${timeoutMs} ms each)`;
        move(record, 'TIMED_OUT', 'timeout', at, out, {
          reason: { code: SettlementReasonCodes.TIMEOUT, text },
        });
        continue;
      }
      const promise = submitAttempt(record.id, made + 1, out).finally(() => inFlight.delete(record.id));
      inFlight.set(record.id, promise);
      retries.push(promise);
      retried.push(record.id);
    }
    await Promise.all(retries);
    return Object.freeze({
      results: out.results,
      retried: retried.map(current),
      changes: out.changes,
    });
  }

  function find(reference: {
    readonly uetr?: string;
    readonly messageId?: string;
    readonly endToEndId?: string;
  }): SettlementRecord | undefined {
    const found = match(reference);
    return 'record' in found ? found.record : undefined;
  }

  function list(
    filter: { readonly status?: SettlementStatus | readonly SettlementStatus[] } = {},
  ): SettlementRecord[] {
    const wanted = filter.status === undefined ? undefined : ([] as SettlementStatus[]).concat(filter.status);
    const all = [...records.values()];
    return wanted === undefined ? all : all.filter((r) => wanted.includes(r.status));
  }

  function snapshot(): SettlementEngineSnapshot {
    const stored: Record<string, unknown> = {};
    for (const [id, payment] of payments) stored[id] = encodeState(payment);
    return {
      format: 'deltran.settlement-engine',
      version: 1,
      records: [...records.values()].map(encodeState),
      payments: stored,
      seenMessages: [...seenMessages],
      seenEntries: [...seenEntries],
    };
  }

  return Object.freeze({
    execute,
    receive,
    receiveStatus,
    tick,
    uetrOf: (instruction: SettlementInstruction): string =>
      instruction.source.kind === 'payment' ? normalizeUetr(instruction.source.uetr) : uetrOf(instruction),
    get: (id: string) => records.get(id),
    find,
    list,
    snapshot,
  });
}
