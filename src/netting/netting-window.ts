/**
 * Netting windows: accumulate obligations, then net them once the window closes.
 *
 * @packageDocumentation
 */
import { type CurrencyCode, formatMoney, fromMinor, type Issue, type Money } from '../index';
import { type CheckedObligation, checkObligation } from './_internal/ingest';
import { describe, prefix } from './_internal/messages';
import { checkNetOptions } from './_internal/options';
import {
  InvalidNettingOptionsError,
  InvalidWindowSnapshotError,
  NettingErrorCodes,
  NettingWindowConflictError,
} from './errors';
import { net } from './net';
import { type NettingWindowSnapshot, NettingWindowSnapshotSchema, type ObligationJson } from './schemas';
import type { NettingMode, NettingResult, Obligation } from './types';

/** Options of {@link createNettingWindow}. @public */
export interface NettingWindowOptions {
  /** The window id (the `subject` of its `deltran.clearing.completed` event). */
  readonly id: string;
  /** How the window nets when it closes. */
  readonly mode: NettingMode;
  /** The hub account in `hub` mode (default `'HUB'`). */
  readonly hub?: string;
  /** Close as soon as this many obligations are held. */
  readonly obligationsMax?: number;
  /** Close at this time (milliseconds since the epoch), compared with the `nowMs` passed to each call. */
  readonly closeAtMs?: number;
}

/** Whether a window still accepts obligations. @public */
export type NettingWindowState = 'open' | 'closed';

/** Why a window closed. @public */
export type NettingWindowCloseReason = 'count' | 'time' | 'manual';

/**
 * The outcome of {@link NettingWindow.add}:
 * - `added`: the obligation is now held;
 * - `duplicate`: the same obligation (same id and content) is already held: an at-least-once
 *   redelivery, nothing changes;
 * - `cancelled`: the same obligation was cancelled earlier and stays cancelled;
 * - `closed`: the window is closed (by count, time or hand); the obligation belongs to the next one.
 * @public
 */
export interface WindowAddResult {
  readonly status: 'added' | 'duplicate' | 'cancelled' | 'closed';
  /** The window's state after the call (an `added` can close a window by count). */
  readonly state: NettingWindowState;
}

/**
 * The outcome of {@link NettingWindow.cancel}: `cancelled`, `already-cancelled`, `not-found` (no
 * obligation with that id was ever added), or `closed` (too late: the window has closed).
 * @public
 */
export interface WindowCancelResult {
  readonly status: 'cancelled' | 'already-cancelled' | 'not-found' | 'closed';
}

/**
 * A netting window. Every method takes the current time as an argument (`nowMs`, milliseconds since
 * the epoch) where time matters: the module reads no clock, so a run is reproducible.
 * @public
 */
export interface NettingWindow {
  /** The window id. */
  readonly id: string;
  /** The netting mode applied at close. */
  readonly mode: NettingMode;
  /** `open` or `closed`. */
  readonly state: NettingWindowState;
  /** Why the window closed, once closed. */
  readonly closeReason: NettingWindowCloseReason | undefined;
  /** Number of obligations held (cancelled ones excluded). */
  readonly size: number;
  /**
   * Adds an obligation; idempotent by id.
   * @param obligation - the obligation, validated as `net` does
   * @param nowMs - the current time; closes the window first when it is at or past `closeAtMs`
   * @returns what happened, as a value
   * @throws {@link InvalidObligationError} when the obligation is invalid
   * @throws {@link NettingWindowConflictError} (`NETTING_WINDOW_CONFLICT`) when the id is, or was,
   *   used by an obligation with different content
   */
  add(obligation: Obligation, nowMs?: number): WindowAddResult;
  /**
   * Cancels a held obligation before the window closes. The id stays known, so a redelivery of the
   * cancelled obligation is not added again.
   * @param id - the obligation id
   * @param nowMs - the current time (may close the window first)
   * @returns what happened, as a value
   */
  cancel(id: string, nowMs?: number): WindowCancelResult;
  /**
   * Closes the window when its time has come.
   * @param nowMs - the current time
   * @returns the state after the call
   */
  tick(nowMs: number): NettingWindowState;
  /**
   * Closes the window (if still open) and nets it. Idempotent: later calls return the same result.
   * @param nowMs - the current time, recorded as the closing time
   * @returns the netting result of the held obligations
   */
  close(nowMs?: number): NettingResult;
  /** The netting result once closed, `undefined` while open. */
  result(): NettingResult | undefined;
  /** The held obligations, in order of arrival, amounts as Money. */
  obligations(): readonly Obligation[];
  /** A JSON-safe copy of the window's whole state, for {@link restoreNettingWindow}. */
  snapshot(): NettingWindowSnapshot;
}

interface Held {
  readonly id: string;
  readonly debtor: string;
  readonly creditor: string;
  readonly currency: CurrencyCode;
  readonly amount: Money;
}

interface WindowState {
  open: boolean;
  closeReason: NettingWindowCloseReason | undefined;
  closedAtMs: number | undefined;
  readonly held: Map<string, Held>;
  readonly cancelled: Map<string, Held>;
  result: NettingResult | undefined;
}

function checkTime(value: unknown, where: string, field: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw new InvalidNettingOptionsError(
      NettingErrorCodes.INVALID_OPTIONS,
      `${prefix(where, [field])}expected milliseconds since the epoch as a finite number, got ${describe(value)}`,
      { path: [field] },
    );
  }
}

function checkWindowOptions(options: NettingWindowOptions): void {
  const where = 'createNettingWindow';
  if (typeof options !== 'object' || options === null) {
    throw new InvalidNettingOptionsError(
      NettingErrorCodes.INVALID_OPTIONS,
      `${prefix(where, [])}expected options`,
    );
  }
  if (typeof options.id !== 'string' || options.id.length === 0 || options.id.length > 256) {
    throw new InvalidNettingOptionsError(
      NettingErrorCodes.INVALID_OPTIONS,
      `${prefix(where, ['id'])}expected a non-empty window id, got ${describe(options.id)}`,
      { path: ['id'] },
    );
  }
  checkNetOptions({ mode: options.mode, ...(options.hub === undefined ? {} : { hub: options.hub }) }, where);
  const max = options.obligationsMax;
  if (max !== undefined && !(Number.isSafeInteger(max) && max > 0)) {
    throw new InvalidNettingOptionsError(
      NettingErrorCodes.INVALID_OPTIONS,
      `${prefix(where, ['obligationsMax'])}expected a positive integer, got ${describe(max)}`,
      { path: ['obligationsMax'] },
    );
  }
  checkTime(options.closeAtMs, where, 'closeAtMs');
}

function sameContent(a: Held, b: CheckedObligation): boolean {
  return (
    a.debtor === b.debtor &&
    a.creditor === b.creditor &&
    a.currency === b.currency &&
    a.amount.minor === b.minor
  );
}

function toHeld(o: CheckedObligation): Held {
  return {
    id: o.id,
    debtor: o.debtor,
    creditor: o.creditor,
    currency: o.currency,
    amount: fromMinor(o.minor, o.currency),
  };
}

function toJson(o: Held): ObligationJson {
  return {
    id: o.id,
    debtor: o.debtor,
    creditor: o.creditor,
    currency: o.currency,
    amount: formatMoney(o.amount),
  };
}

function makeWindow(options: NettingWindowOptions, state: WindowState): NettingWindow {
  const { id, mode } = options;
  const closeNow = (reason: NettingWindowCloseReason, nowMs: number | undefined): void => {
    if (!state.open) return;
    state.open = false;
    state.closeReason = reason;
    state.closedAtMs = nowMs;
  };
  const due = (nowMs: number | undefined, where: string): void => {
    checkTime(nowMs, where, 'nowMs');
    if (state.open && nowMs !== undefined && options.closeAtMs !== undefined && nowMs >= options.closeAtMs) {
      closeNow('time', nowMs);
    }
  };
  const window: NettingWindow = {
    id,
    mode,
    get state(): NettingWindowState {
      return state.open ? 'open' : 'closed';
    },
    get closeReason(): NettingWindowCloseReason | undefined {
      return state.closeReason;
    },
    get size(): number {
      return state.held.size;
    },
    add(obligation: Obligation, nowMs?: number): WindowAddResult {
      due(nowMs, 'NettingWindow.add');
      const checked = checkObligation(obligation, 'NettingWindow.add');
      const known = state.held.get(checked.id) ?? state.cancelled.get(checked.id);
      if (known !== undefined && !sameContent(known, checked)) {
        throw new NettingWindowConflictError(
          NettingErrorCodes.WINDOW_CONFLICT,
          `${prefix('NettingWindow.add', ['id'])}obligation ${describe(checked.id)} is already in window ${describe(id)} with different content; an id names one obligation for good`,
          { path: ['id'] },
        );
      }
      const status = (s: WindowAddResult['status']): WindowAddResult => ({ status: s, state: window.state });
      if (known !== undefined) return status(state.held.has(checked.id) ? 'duplicate' : 'cancelled');
      if (!state.open) return status('closed');
      state.held.set(checked.id, toHeld(checked));
      if (options.obligationsMax !== undefined && state.held.size >= options.obligationsMax)
        closeNow('count', nowMs);
      return status('added');
    },
    cancel(obligationId: string, nowMs?: number): WindowCancelResult {
      due(nowMs, 'NettingWindow.cancel');
      if (state.cancelled.has(obligationId)) return { status: 'already-cancelled' };
      const held = state.held.get(obligationId);
      if (held === undefined) return { status: 'not-found' };
      if (!state.open) return { status: 'closed' };
      state.held.delete(obligationId);
      state.cancelled.set(obligationId, held);
      return { status: 'cancelled' };
    },
    tick(nowMs: number): NettingWindowState {
      due(nowMs, 'NettingWindow.tick');
      return window.state;
    },
    close(nowMs?: number): NettingResult {
      due(nowMs, 'NettingWindow.close');
      closeNow('manual', nowMs);
      return window.result()!;
    },
    result(): NettingResult | undefined {
      if (state.open) return undefined;
      if (state.result === undefined) {
        state.result = net([...state.held.values()], {
          mode,
          ...(options.hub === undefined ? {} : { hub: options.hub }),
        });
      }
      return state.result;
    },
    obligations(): readonly Obligation[] {
      return [...state.held.values()];
    },
    snapshot(): NettingWindowSnapshot {
      return {
        format: 'deltran.netting-window',
        version: 1,
        id,
        mode,
        ...(options.hub === undefined ? {} : { hub: options.hub }),
        ...(options.obligationsMax === undefined ? {} : { obligationsMax: options.obligationsMax }),
        ...(options.closeAtMs === undefined ? {} : { closeAtMs: options.closeAtMs }),
        state: window.state,
        ...(state.closeReason === undefined ? {} : { closeReason: state.closeReason }),
        ...(state.closedAtMs === undefined ? {} : { closedAtMs: state.closedAtMs }),
        obligations: [...state.held.values()].map(toJson),
        cancelled: [...state.cancelled.values()].map(toJson),
      };
    },
  };
  return window;
}

/**
 * Opens a netting window. It accumulates obligations (idempotent by id: a redelivery is recognised,
 * the same id with different content is an error), lets any be cancelled before close, closes when
 * `obligationsMax` are held, when a call passes a `nowMs` at or after `closeAtMs`, or on `close()`,
 * and can be snapshotted and restored so that a host can persist it between events.
 *
 * @param options - id, mode and closing rules
 * @returns an open window
 * @throws {@link InvalidNettingOptionsError} (`NETTING_INVALID_OPTIONS`) for bad options
 * @example
 * ```ts
 * const window = createNettingWindow({ id: 'EUR-2026-12-01T10', mode: 'multilateral', closeAtMs });
 * window.add(obligation, nowMs); // the host's clock, passed in
 * if (window.tick(nowMs) === 'closed') publish(window.result());
 * ```
 * @public
 */
export function createNettingWindow(options: NettingWindowOptions): NettingWindow {
  checkWindowOptions(options);
  const copy: NettingWindowOptions = {
    id: options.id,
    mode: options.mode,
    ...(options.hub === undefined ? {} : { hub: options.hub }),
    ...(options.obligationsMax === undefined ? {} : { obligationsMax: options.obligationsMax }),
    ...(options.closeAtMs === undefined ? {} : { closeAtMs: options.closeAtMs }),
  };
  return makeWindow(copy, {
    open: true,
    closeReason: undefined,
    closedAtMs: undefined,
    held: new Map(),
    cancelled: new Map(),
    result: undefined,
  });
}

/**
 * Rebuilds a window from {@link NettingWindow.snapshot} output (for example after reading it back from
 * storage). A closed window nets again to the identical result: netting is deterministic.
 *
 * @param snapshot - the snapshot, typically parsed JSON
 * @returns the window, in the state it was snapshotted in
 * @throws {@link InvalidWindowSnapshotError} (`NETTING_INVALID_SNAPSHOT`) when the snapshot does not
 *   match the schema, or holds an invalid obligation or one id twice; `issues` lists every problem
 * @public
 */
export function restoreNettingWindow(snapshot: unknown): NettingWindow {
  const parsed = NettingWindowSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((issue) => ({
      code: NettingErrorCodes.INVALID_SNAPSHOT,
      path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: `${prefix(
        'restoreNettingWindow',
        issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
      )}${issue.message}`,
    }));
    throw new InvalidWindowSnapshotError(NettingErrorCodes.INVALID_SNAPSHOT, issues[0]!.message, {
      path: issues[0]!.path,
      issues,
      cause: parsed.error,
    });
  }
  const s = parsed.data;
  const options: NettingWindowOptions = {
    id: s.id,
    mode: s.mode,
    ...(s.hub === undefined ? {} : { hub: s.hub }),
    ...(s.obligationsMax === undefined ? {} : { obligationsMax: s.obligationsMax }),
    ...(s.closeAtMs === undefined ? {} : { closeAtMs: s.closeAtMs }),
  };
  try {
    checkWindowOptions(options);
  } catch (cause) {
    throw new InvalidWindowSnapshotError(
      NettingErrorCodes.INVALID_SNAPSHOT,
      `${prefix('restoreNettingWindow', [])}${(cause as Error).message}`,
      { cause },
    );
  }
  const held = new Map<string, Held>();
  const cancelled = new Map<string, Held>();
  const load = (list: readonly ObligationJson[], into: Map<string, Held>, field: string): void => {
    list.forEach((o, i) => {
      let checked: CheckedObligation;
      try {
        checked = checkObligation(o, 'restoreNettingWindow');
      } catch (cause) {
        throw new InvalidWindowSnapshotError(
          NettingErrorCodes.INVALID_SNAPSHOT,
          `${prefix('restoreNettingWindow', [field, i])}${(cause as Error).message}`,
          { path: [field, i], cause },
        );
      }
      if (held.has(checked.id) || cancelled.has(checked.id)) {
        throw new InvalidWindowSnapshotError(
          NettingErrorCodes.INVALID_SNAPSHOT,
          `${prefix('restoreNettingWindow', [field, i, 'id'])}obligation ${describe(checked.id)} appears twice`,
          { path: [field, i, 'id'] },
        );
      }
      into.set(checked.id, toHeld(checked));
    });
  };
  load(s.obligations, held, 'obligations');
  load(s.cancelled, cancelled, 'cancelled');
  return makeWindow(options, {
    open: s.state === 'open',
    closeReason: s.closeReason ?? (s.state === 'closed' ? 'manual' : undefined),
    closedAtMs: s.closedAtMs,
    held,
    cancelled,
    result: undefined,
  });
}
