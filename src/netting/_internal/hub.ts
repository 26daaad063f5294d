/**
 * Hub mode: every participant settles its net position with one central account, as in CLS, CHIPS or
 * Mojaloop's settlement account.
 * @internal
 */
import type { CurrencyGraph } from './currency-graph';
import { emptyInstructions, HUB_INDEX, type InstructionList, sortInstructions } from './instructions';

/**
 * One payment per participant with a non-zero position: to the hub when it owes, from it when owed.
 * A hub that is itself a participant settles its own position inside itself.
 * @internal
 */
export function hubInstructions(graph: CurrencyGraph, hub: string): InstructionList {
  const { nets, participants } = graph;
  let hubIndex = HUB_INDEX;
  let hubSlot = 0;
  for (let p = 0; p < participants.length; p++) {
    if (participants[p] === hub) hubIndex = p;
    if (participants[p]! < hub) hubSlot = p + 1;
  }
  const out = emptyInstructions();
  for (let p = 0; p < nets.length; p++) {
    const x = nets[p]!;
    if (x === 0n || p === hubIndex) continue;
    out.from.push(x < 0n ? p : hubIndex);
    out.to.push(x < 0n ? hubIndex : p);
    out.amount.push(x < 0n ? -x : x);
  }
  return sortInstructions(out, nets.length, hubSlot);
}
