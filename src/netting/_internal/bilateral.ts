/**
 * Bilateral mode: what each pair owes each other nets to at most one payment.
 * @internal
 */
import { type CurrencyGraph, edgeAmounts } from './currency-graph';
import { emptyInstructions, type InstructionList, sortInstructions } from './instructions';

/**
 * One instruction per pair of participants whose mutual obligations do not cancel out.
 * @internal
 */
export function bilateralInstructions(graph: CurrencyGraph): InstructionList {
  const amounts = edgeAmounts(graph);
  const { edgeFrom, edgeTo, edgeCount } = graph;
  const out = emptyInstructions();
  // Links are sorted by unordered pair, so a pair's two directions are adjacent.
  let e = 0;
  while (e < edgeCount) {
    const u = edgeFrom[e]!;
    const v = edgeTo[e]!;
    let forward = amounts[e]!;
    let backward = 0n;
    if (e + 1 < edgeCount && edgeFrom[e + 1] === v && edgeTo[e + 1] === u) {
      backward = amounts[e + 1]!;
      e += 2;
    } else {
      e += 1;
    }
    if (forward === backward) continue;
    if (forward > backward) {
      out.from.push(u);
      out.to.push(v);
      out.amount.push(forward - backward);
    } else {
      out.from.push(v);
      out.to.push(u);
      forward = backward - forward;
      out.amount.push(forward);
    }
  }
  return sortInstructions(out, graph.participants.length, 0);
}
