/**
 * Instructions as the modes produce them: parallel arrays of local participant indexes and amounts.
 * The hub of hub mode, when it is not a participant, is {@link HUB_INDEX}.
 * @internal
 */
import { countingSort } from './radix';

/** Endpoint index standing for a hub that is not itself a participant. @internal */
export const HUB_INDEX = -1;

/** @internal */
export interface InstructionList {
  readonly from: number[];
  readonly to: number[];
  readonly amount: bigint[];
}

/** An empty list to push into. @internal */
export function emptyInstructions(): InstructionList {
  return { from: [], to: [], amount: [] };
}

/**
 * Sorts instructions by (payer, payee) in code-unit order of the names, stably.
 * @param hubSlot - where a virtual hub sorts: the number of participants whose name is below the hub's
 * @internal
 */
export function sortInstructions(
  list: InstructionList,
  participantCount: number,
  hubSlot: number,
): InstructionList {
  const n = list.from.length;
  // Key 2p + 1 for participant p and 2·hubSlot for the virtual hub keep name order without comparing strings.
  const range = 2 * participantCount + 2;
  const fromKey = new Int32Array(n);
  const toKey = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = list.from[i]!;
    const t = list.to[i]!;
    fromKey[i] = f === HUB_INDEX ? 2 * hubSlot : 2 * f + 1;
    toKey[i] = t === HUB_INDEX ? 2 * hubSlot : 2 * t + 1;
  }
  let perm: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const scratch = new Int32Array(n);
  const byTo = countingSort(perm, toKey, range, scratch);
  perm = countingSort(byTo, fromKey, range, perm);
  const out = emptyInstructions();
  for (let j = 0; j < n; j++) {
    const i = perm[j]!;
    out.from.push(list.from[i]!);
    out.to.push(list.to[i]!);
    out.amount.push(list.amount[i]!);
  }
  return out;
}
