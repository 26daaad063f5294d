/**
 * zod schemas of the netting module's JSON inputs: window snapshots (STYLE.md §1 "schemas.ts").
 * Obligations themselves are checked by hand on the hot path; a schema there would cost more than the
 * netting at a million obligations.
 *
 * @packageDocumentation
 */
import * as z from 'zod';
import type { NETTING_MODES } from './netting-modes';

const name = z.string().min(1).max(256);

/**
 * An obligation with its amount as a decimal string, as stored in a snapshot.
 * @public
 */
export const ObligationJsonSchema: z.ZodType<ObligationJson> = z.strictObject({
  id: name,
  debtor: name,
  creditor: name,
  currency: z.string().length(3),
  amount: z.string().min(1).max(64),
});

/** An obligation with a decimal-string amount. @public */
export interface ObligationJson {
  readonly id: string;
  readonly debtor: string;
  readonly creditor: string;
  readonly currency: string;
  readonly amount: string;
}

/**
 * A persisted netting window (see `NettingWindow.snapshot`). Version 1.
 * @public
 */
export interface NettingWindowSnapshot {
  readonly format: 'deltran.netting-window';
  readonly version: 1;
  readonly id: string;
  readonly mode: (typeof NETTING_MODES)[number];
  readonly hub?: string;
  readonly obligationsMax?: number;
  readonly closeAtMs?: number;
  readonly state: 'open' | 'closed';
  readonly closeReason?: 'count' | 'time' | 'manual';
  readonly closedAtMs?: number;
  /** Held obligations, in order of arrival. */
  readonly obligations: readonly ObligationJson[];
  /** Cancelled obligations, kept so that a redelivery is recognised and not re-added. */
  readonly cancelled: readonly ObligationJson[];
}

/**
 * Schema of {@link NettingWindowSnapshot}.
 * @public
 */
export const NettingWindowSnapshotSchema: z.ZodType<NettingWindowSnapshot> = z.strictObject({
  format: z.literal('deltran.netting-window'),
  version: z.literal(1),
  id: name,
  mode: z.enum(['gross', 'bilateral', 'multilateral', 'hub', 'conservative']),
  hub: name.optional(),
  obligationsMax: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  closeAtMs: z.number().finite().optional(),
  state: z.enum(['open', 'closed']),
  closeReason: z.enum(['count', 'time', 'manual']).optional(),
  closedAtMs: z.number().finite().optional(),
  obligations: z.array(ObligationJsonSchema),
  cancelled: z.array(ObligationJsonSchema),
}) as z.ZodType<NettingWindowSnapshot>;
