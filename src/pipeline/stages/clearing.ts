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
import { derivedId, fatal } from './_shared';

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
  const open = new Map<string, WindowEntry>();
  const assigned = new Map<string, WindowEntry>();
  const unpublished = new Set<WindowEntry>();
  const publishing = new Set<WindowEntry>();
  const closed: ClosedWindow[] = [];
  const sequence = new Map<string, number>();
  const counts = { obligations: 0, windows: 0, skipped: 0 };

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
    return entry;
  }

  function markClosed(entry: WindowEntry, nowMs: number): void {
    if (entry.closedAtMs !== undefined) return;
    entry.closedAtMs = nowMs;
    if (open.get(entry.currency) === entry) open.delete(entry.currency);
    unpublished.add(entry);
  }

  async function publishClosed(context: StageContext): Promise<void> {
    if (unpublished.size === 0) return;
    for (const entry of [...unpublished]) {
      // Claimed before the first await: a handler running meanwhile (concurrency > 1) does not
      // publish the same window again. A failed publish leaves it, in its place, for the next event.
      if (publishing.has(entry) || !unpublished.has(entry)) continue;
      publishing.add(entry);
      try {
        await publishWindow(entry, context);
        unpublished.delete(entry);
      } finally {
        publishing.delete(entry);
      }
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
    if (!entry.published) {
      entry.published = true;
      counts.windows += 1;
      closed.push({
        id: window.id,
        currency: entry.currency,
        reason: window.closeReason ?? 'manual',
        closedAtMs: entry.closedAtMs ?? context.now(),
        obligations,
        result,
      });
    }
  }

  async function handle(event: Envelope, context: StageContext): Promise<void> {
    const data = expectObject(event.data, 'clearingSubmit') as unknown as ObligationJson;
    if (owned !== undefined && !owned.has(data.currency)) {
      counts.skipped += 1;
      return;
    }
    const now = context.now();
    if (!assigned.has(data.id)) {
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
        throw fatal('clearing', `obligation ${data.id} cannot be netted: ${(error as Error).message}`, error);
      }
      if (added.status === 'closed') {
        // The window closed by time before this add: it goes into a fresh window.
        markClosed(entry, now);
        const next = openWindow(data.currency, now);
        next.window.add(obligation, now);
        assigned.set(data.id, next);
      } else {
        assigned.set(data.id, entry);
        if (added.status === 'added') counts.obligations += 1;
        if (added.state === 'closed') markClosed(entry, now);
      }
    }
    await publishClosed(context);
  }

  return {
    name: 'clearing',
    consumes: ['clearingSubmit'],
    ...(options.subscription === undefined ? {} : { subscription: options.subscription }),
    handle,
    async tick(nowMs, context) {
      for (const entry of [...open.values()]) {
        if (entry.window.tick(nowMs) === 'closed') markClosed(entry, nowMs);
      }
      await publishClosed(context);
    },
    async flush(nowMs, context) {
      for (const entry of [...open.values()]) {
        if (entry.window.size > 0) markClosed(entry, nowMs);
      }
      await publishClosed(context);
    },
    closedWindows: () => closed,
    health: () => ({
      status: 'up',
      detail: {
        ...counts,
        openWindows: open.size,
        held: [...open.values()].reduce((n, e) => n + e.window.size, 0),
      },
    }),
  };
}
