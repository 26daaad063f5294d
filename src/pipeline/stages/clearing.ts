/**
 * The clearing stage (`deltran.clearing.submit` → `deltran.clearing.completed` + one
 * `deltran.liquidity.select` per non-zero net position): one netting window per currency, closed by
 * count or by time (the time passed to `pipeline.tick`), or at `pipeline.flush`.
 * @packageDocumentation
 */
import { type CurrencyCode, formatMoney } from '../../index';
import {
  createNettingWindow,
  type NettingMode,
  type NettingResult,
  type NettingWindow,
  type Obligation,
  toNettingJson,
} from '../../netting/index';
import type { Envelope } from '../envelope';
import { type ClearingCompletedJson, expectObject, type ObligationJson } from '../payloads';
import type { PipelineStage, StageContext, StageSubscription } from '../stage';
import { createLock, derivedId, fatal } from './_shared';

/** Options of {@link createClearingStage}. @public */
export interface ClearingStageOptions {
  /** Netting mode of every window. @defaultValue `'multilateral'` */
  readonly mode?: Exclude<NettingMode, 'hub'>;
  /** A window closes when it holds this many obligations. @defaultValue 1 000 */
  readonly obligationsMax?: number;
  /** A window closes this long after it opened (checked on each add and each `tick`). @defaultValue none */
  readonly windowMs?: number;
  /** Window ids are `<idPrefix>:<currency>:<n>`. @defaultValue `'window'` */
  readonly idPrefix?: string;
  /**
   * Only these currencies are cleared by this instance (the others are acknowledged and left to the
   * instance that owns them): run one instance per currency set to partition clearing.
   */
  readonly currencies?: readonly string[];
  /** Subscription options of the stage's group. */
  readonly subscription?: StageSubscription;
  /**
   * Where the stage records what changes its windows, so that a restarted stage (a crash, a deploy)
   * resumes them exactly: the obligations its open windows hold were acknowledged to the broker and
   * will not come again. Without it the windows live in the process only. See {@link ClearingJournal}.
   */
  readonly journal?: ClearingJournal;
}

/**
 * One change of the clearing stage's windows, JSON-safe: an obligation taken, a tick or flush that
 * closed windows, a closed window published. Replaying them in order through the same stage gives the
 * same windows, with the same ids and contents. @public
 */
export type ClearingJournalRecord =
  | { readonly kind: 'add'; readonly atMs: number; readonly obligation: ObligationJson }
  | { readonly kind: 'tick'; readonly atMs: number }
  | { readonly kind: 'flush'; readonly atMs: number }
  | { readonly kind: 'published'; readonly windowId: string };

/**
 * The clearing stage's write-ahead journal, kept by the host (a table, a file). `append` must be
 * durable when it resolves; `load` returns every record appended, in order. Keep every record: the
 * replay numbers windows from the first one and recognises a redelivered obligation by its id, so
 * dropping old records would reuse window ids (compaction through a snapshot record is not there yet).
 * @public
 */
export interface ClearingJournal {
  /** Every record, in the order appended. */
  load(): readonly ClearingJournalRecord[] | Promise<readonly ClearingJournalRecord[]>;
  /** Appends one record; resolves once it is durable. */
  append(record: ClearingJournalRecord): void | Promise<void>;
}

/**
 * An in-memory {@link ClearingJournal}: what a durable one must do, for tests and for a host that
 * restarts the stage inside one process. Not durable across processes.
 * @returns the journal, with its records
 * @public
 */
export function createMemoryClearingJournal(): ClearingJournal & {
  readonly records: readonly ClearingJournalRecord[];
} {
  const records: ClearingJournalRecord[] = [];
  return {
    records,
    load: () => [...records],
    append(record) {
      records.push(JSON.parse(JSON.stringify(record)) as ClearingJournalRecord);
    },
  };
}

/** A closed window, as the stage keeps it for reports. @public */
export interface ClosedWindow {
  /** The window id. */
  readonly id: string;
  /** Its currency. */
  readonly currency: string;
  /** Why it closed. */
  readonly reason: 'count' | 'time' | 'manual';
  /** When, epoch ms. */
  readonly closedAtMs: number;
  /** The obligations it held. */
  readonly obligations: readonly Obligation[];
  /** The netting result. */
  readonly result: NettingResult;
}

interface WindowEntry {
  readonly window: NettingWindow;
  readonly currency: string;
  readonly openedAtMs: number;
  published: boolean;
  closedAtMs?: number;
}

/**
 * The clearing stage. Idempotent on the obligation id: an obligation is held by exactly one window
 * even when redelivered after its window closed.
 * @param options - mode, closing rules, currency partition
 * @returns the stage, with the closed windows for reports
 * @public
 */
export function createClearingStage(options: ClearingStageOptions = {}): PipelineStage & {
  /** The windows closed so far, in closing order. */
  closedWindows(): readonly ClosedWindow[];
} {
  const mode = options.mode ?? 'multilateral';
  const max = options.obligationsMax ?? 1_000;
  const prefix = options.idPrefix ?? 'window';
  const owned = options.currencies === undefined ? undefined : new Set(options.currencies);
  const journal = options.journal;
  const open = new Map<string, WindowEntry>();
  const byId = new Map<string, WindowEntry>();
  const assigned = new Map<string, WindowEntry>();
  const unpublished = new Set<WindowEntry>();
  const publishing = new Set<WindowEntry>();
  const closed: ClosedWindow[] = [];
  const sequence = new Map<string, number>();
  const counts = { obligations: 0, windows: 0, skipped: 0 };
  // With a journal every change is applied, journaled and published one at a time, so the journal's
  // order is the order the windows saw; without one, handlers run as concurrently as the transport lets.
  const serial: <T>(fn: () => Promise<T>) => Promise<T> = journal === undefined ? (fn) => fn() : createLock();
  // True while the memory may hold a change the journal refused: rebuilt from the journal first.
  let stale = false;

  function openWindow(currency: string, nowMs: number): WindowEntry {
    const n = (sequence.get(currency) ?? 0) + 1;
    sequence.set(currency, n);
    const window = createNettingWindow({
      id: `${prefix}:${currency}:${n}`,
      mode,
      obligationsMax: max,
      ...(options.windowMs === undefined ? {} : { closeAtMs: nowMs + options.windowMs }),
    });
    const entry: WindowEntry = { window, currency, openedAtMs: nowMs, published: false };
    open.set(currency, entry);
    byId.set(window.id, entry);
    return entry;
  }

  function markClosed(entry: WindowEntry, nowMs: number): void {
    if (entry.closedAtMs !== undefined) return;
    entry.closedAtMs = nowMs;
    if (open.get(entry.currency) === entry) open.delete(entry.currency);
    unpublished.add(entry);
  }

  // --- the changes, applied the same way live and when the journal is replayed ----------------------

  /** Takes an obligation into its currency's open window; false when it was taken before. */
  function applyAdd(data: ObligationJson, now: number): boolean {
    if (assigned.has(data.id)) return false;
    const fresh = !open.has(data.currency);
    const entry = open.get(data.currency) ?? openWindow(data.currency, now);
    const obligation = {
      id: data.id,
      debtor: data.debtorAgent,
      creditor: data.creditorAgent,
      currency: data.currency as CurrencyCode,
      amount: data.amount,
    };
    let added: ReturnType<NettingWindow['add']>;
    try {
      added = entry.window.add(obligation, now);
    } catch (error) {
      if (fresh) {
        // No window opened for an obligation that was refused: the next one opens it, as on replay.
        open.delete(data.currency);
        byId.delete(entry.window.id);
        sequence.set(data.currency, (sequence.get(data.currency) ?? 1) - 1);
      }
      throw fatal('clearing', `obligation ${data.id} cannot be netted: ${(error as Error).message}`, error);
    }
    if (added.status === 'closed') {
      // The window closed by time before this add: it goes into a fresh window.
      markClosed(entry, now);
      const next = openWindow(data.currency, now);
      next.window.add(obligation, now);
      assigned.set(data.id, next);
      counts.obligations += 1;
    } else {
      assigned.set(data.id, entry);
      if (added.status === 'added') counts.obligations += 1;
      if (added.state === 'closed') markClosed(entry, now);
    }
    return true;
  }

  /** Closes the windows whose time is up; false when none was. */
  function applyTick(nowMs: number): boolean {
    let changed = false;
    for (const entry of [...open.values()]) {
      if (entry.window.tick(nowMs) === 'closed') {
        markClosed(entry, nowMs);
        changed = true;
      }
    }
    return changed;
  }

  /** Closes every window holding an obligation; false when none did. */
  function applyFlush(nowMs: number): boolean {
    let changed = false;
    for (const entry of [...open.values()]) {
      if (entry.window.size > 0) {
        markClosed(entry, nowMs);
        changed = true;
      }
    }
    return changed;
  }

  /** A closed window's outputs are out: kept for reports, not published again. */
  function applyPublished(entry: WindowEntry): void {
    unpublished.delete(entry);
    if (entry.published) return;
    entry.published = true;
    counts.windows += 1;
    const window = entry.window;
    const closedAtMs = entry.closedAtMs ?? 0;
    closed.push({
      id: window.id,
      currency: entry.currency,
      reason: window.closeReason ?? 'manual',
      closedAtMs,
      obligations: window.obligations(),
      result: window.close(closedAtMs),
    });
  }

  /** Applies a change and journals it; a refused append leaves the memory as the journal says. */
  async function change(record: ClearingJournalRecord, apply: () => boolean): Promise<void> {
    if (stale) await rebuild();
    const changed = apply();
    if (!changed || journal === undefined) return;
    try {
      await journal.append(record);
    } catch (error) {
      // The append may or may not have become durable: the journal decides what happened.
      await rebuild().catch(() => undefined);
      throw error;
    }
  }

  async function rebuild(): Promise<void> {
    if (journal === undefined) return;
    stale = true;
    const records = await journal.load();
    open.clear();
    byId.clear();
    assigned.clear();
    unpublished.clear();
    publishing.clear();
    closed.length = 0;
    sequence.clear();
    counts.obligations = 0;
    counts.windows = 0;
    for (const record of records) {
      if (record.kind === 'add') applyAdd(record.obligation, record.atMs);
      else if (record.kind === 'tick') applyTick(record.atMs);
      else if (record.kind === 'flush') applyFlush(record.atMs);
      else {
        const entry = byId.get(record.windowId);
        if (entry !== undefined) applyPublished(entry);
      }
    }
    stale = false;
  }

  // --- publishing ---------------------------------------------------------------------------------

  async function publishClosed(context: StageContext): Promise<void> {
    if (unpublished.size === 0) return;
    for (const entry of [...unpublished]) {
      // Claimed before the first await: a handler running meanwhile (concurrency > 1) does not
      // publish the same window again. A failed publish leaves it, in its place, for the next event.
      if (publishing.has(entry) || !unpublished.has(entry)) continue;
      publishing.add(entry);
      try {
        await publishWindow(entry, context);
        applyPublished(entry);
      } finally {
        publishing.delete(entry);
      }
      // Journaled after the publish: a window published but not journaled as such is published
      // again after a restart, with the same ids and contents (the broker and the stages dedupe it),
      // so a refused append here is not worth failing the handler for.
      await Promise.resolve(journal?.append({ kind: 'published', windowId: entry.window.id })).catch(
        () => undefined,
      );
    }
  }

  async function publishWindow(entry: WindowEntry, context: StageContext): Promise<void> {
    const window = entry.window;
    const result = window.close(entry.closedAtMs);
    const json = toNettingJson(result);
    const obligations = window.obligations();
    const data: ClearingCompletedJson = {
      windowId: window.id,
      currency: entry.currency,
      reason: window.closeReason ?? 'manual',
      closedAt: new Date(entry.closedAtMs ?? context.now()).toISOString(),
      obligations: obligations.map((o) => ({
        id: o.id,
        debtor: o.debtor,
        creditor: o.creditor,
        currency: o.currency,
        amount: typeof o.amount === 'string' ? o.amount : formatMoney(o.amount),
      })),
      result: json,
    };
    await context.publish('clearingCompleted', data, {
      id: derivedId(context.topics.clearingCompleted, window.id),
      subject: window.id,
      key: entry.currency,
    });
    for (const position of json.netPositions) {
      if (/^-?0(?:\.0+)?$/.test(position.amount)) continue;
      await context.publish(
        'liquiditySelect',
        {
          windowId: window.id,
          participant: position.participant,
          currency: position.currency,
          amount: position.amount,
        },
        {
          id: derivedId(context.topics.liquiditySelect, `${window.id}:${position.participant}`),
          subject: window.id,
          key: `${position.currency}:${position.participant}`,
        },
      );
    }
  }

  async function handle(event: Envelope, context: StageContext): Promise<void> {
    const data = expectObject(event.data, 'clearingSubmit') as unknown as ObligationJson;
    if (owned !== undefined && !owned.has(data.currency)) {
      counts.skipped += 1;
      return;
    }
    if (journal === undefined) {
      applyAdd(data, context.now());
      await publishClosed(context);
      return;
    }
    await serial(async () => {
      // One reading of the clock for the change and its record: the replay must see the same time.
      const now = context.now();
      await change({ kind: 'add', atMs: now, obligation: data }, () => applyAdd(data, now));
      await publishClosed(context);
    });
  }

  return {
    name: 'clearing',
    consumes: ['clearingSubmit'],
    ...(options.subscription === undefined ? {} : { subscription: options.subscription }),
    async start() {
      if (journal !== undefined) await serial(rebuild);
    },
    handle,
    tick: (nowMs, context) =>
      serial(async () => {
        await change({ kind: 'tick', atMs: nowMs }, () => applyTick(nowMs));
        await publishClosed(context);
      }),
    flush: (nowMs, context) =>
      serial(async () => {
        await change({ kind: 'flush', atMs: nowMs }, () => applyFlush(nowMs));
        await publishClosed(context);
      }),
    closedWindows: () => closed,
    health: () => ({
      status: 'up',
      detail: {
        ...counts,
        openWindows: open.size,
        held: [...open.values()].reduce((n, e) => n + e.window.size, 0),
        ...(journal === undefined ? {} : { journaled: true, stale }),
      },
    }),
  };
}
