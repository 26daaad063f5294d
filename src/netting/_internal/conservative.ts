/**
 * Conservative mode: settle using existing links only, each for at most its gross amount, with the
 * least total. See docs/netting.md ("Conservative netting") for the model and the optimality proof.
 * @internal
 */
import { stronglyConnectedComponents } from '../strongly-connected-components';
import { type CurrencyGraph, edgeAmounts } from './currency-graph';
import { emptyInstructions, type InstructionList, sortInstructions } from './instructions';
import { nettingInvariant } from './invariant';
import { minCostFlow } from './min-cost-flow';

/** @internal */
export interface ConservativeResult {
  readonly instructions: InstructionList;
  /** Dual potentials per local participant: integers ≥ 0 (the optimality certificate). */
  readonly potentials: Float64Array;
  readonly phases: number;
}

/**
 * Links between different strongly connected components lie on no cycle, so every feasible solution
 * pays them in full; only links inside a component enter the minimum-cost flow, whose supplies are the
 * net positions those links alone induce. The components' potentials are then shifted, in topological
 * order, so that the certificate also holds on the links between components.
 * @internal
 */
export function conservativeInstructions(
  graph: CurrencyGraph,
  componentOf: Int32Array,
  componentCount: number,
): ConservativeResult {
  const { edgeFrom, edgeTo, edgeCount } = graph;
  const size = graph.participants.length;
  const amounts = edgeAmounts(graph);
  const flows = amounts.slice();

  let internal = 0;
  for (let e = 0; e < edgeCount; e++) if (componentOf[edgeFrom[e]!] === componentOf[edgeTo[e]!]) internal++;
  let phases = 0;
  let localPotential: Float64Array = new Float64Array(size);
  if (internal > 0) {
    const tails = new Int32Array(internal);
    const heads = new Int32Array(internal);
    const capacities = new Array<bigint>(internal);
    const supplies = new Array<bigint>(size).fill(0n);
    const edgeOf = new Int32Array(internal);
    let k = 0;
    for (let e = 0; e < edgeCount; e++) {
      const u = edgeFrom[e]!;
      const v = edgeTo[e]!;
      if (componentOf[u] !== componentOf[v]) continue;
      const a = amounts[e]!;
      tails[k] = u;
      heads[k] = v;
      capacities[k] = a;
      supplies[u] = supplies[u]! + a;
      supplies[v] = supplies[v]! - a;
      edgeOf[k++] = e;
    }
    const solution = minCostFlow({ nodeCount: size, tails, heads, capacities, supplies });
    for (let j = 0; j < internal; j++) flows[edgeOf[j]!] = solution.flows[j]!;
    localPotential = solution.potentials;
    phases = solution.phases;
  }

  const potentials = shiftPotentials(graph, componentOf, componentCount, localPotential);
  const out = emptyInstructions();
  for (let e = 0; e < edgeCount; e++) {
    const f = flows[e]!;
    if (f === 0n) continue;
    out.from.push(edgeFrom[e]!);
    out.to.push(edgeTo[e]!);
    out.amount.push(f);
  }
  const sorted = sortInstructions(out, size, 0);
  nettingInvariant(isAcyclic(size, sorted), 'conservative instructions contain a cycle');
  return { instructions: sorted, potentials, phases };
}

/**
 * Links between components carry their full amount, so the certificate needs π(v) ≥ π(u) + 1 on each;
 * components are numbered in topological order, so one pass in that order finds the smallest shifts.
 */
function shiftPotentials(
  graph: CurrencyGraph,
  componentOf: Int32Array,
  componentCount: number,
  local: Float64Array,
): Float64Array {
  const size = graph.participants.length;
  const { edgeFrom, edgeTo, edgeCount } = graph;
  // Cross links grouped by the component of their head.
  const start = new Int32Array(componentCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const cu = componentOf[edgeFrom[e]!]!;
    const cv = componentOf[edgeTo[e]!]!;
    if (cu !== cv) start[cv + 1]!++;
  }
  for (let c = 0; c < componentCount; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, componentCount);
  const byHead = new Int32Array(start[componentCount]!);
  for (let e = 0; e < edgeCount; e++) {
    const cu = componentOf[edgeFrom[e]!]!;
    const cv = componentOf[edgeTo[e]!]!;
    if (cu !== cv) byHead[fill[cv]!++] = e;
  }
  // Members of each component.
  const memberStart = new Int32Array(componentCount + 1);
  for (let p = 0; p < size; p++) memberStart[componentOf[p]! + 1]!++;
  for (let c = 0; c < componentCount; c++) memberStart[c + 1]! += memberStart[c]!;
  const memberFill = memberStart.slice(0, componentCount);
  const members = new Int32Array(size);
  for (let p = 0; p < size; p++) members[memberFill[componentOf[p]!]!++] = p;

  const out = new Float64Array(size);
  for (let c = 0; c < componentCount; c++) {
    // Normalise the component to minimum 0, then lift it above every predecessor it is linked from.
    let low = Number.POSITIVE_INFINITY;
    for (let i = memberStart[c]!; i < memberStart[c + 1]!; i++) low = Math.min(low, local[members[i]!]!);
    let shift = 0;
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const e = byHead[i]!;
      const need = out[edgeFrom[e]!]! + 1 - (local[edgeTo[e]!]! - low);
      if (need > shift) shift = need;
    }
    for (let i = memberStart[c]!; i < memberStart[c + 1]!; i++) {
      const p = members[i]!;
      out[p] = local[p]! - low + shift;
    }
  }
  return out;
}

/** Kahn's algorithm: true when the instructions form no directed cycle. */
function isAcyclic(size: number, list: InstructionList): boolean {
  const indegree = new Int32Array(size);
  const start = new Int32Array(size + 1);
  const n = list.from.length;
  for (let i = 0; i < n; i++) {
    start[list.from[i]! + 1]!++;
    indegree[list.to[i]!]!++;
  }
  for (let p = 0; p < size; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, size);
  const adj = new Int32Array(n);
  for (let i = 0; i < n; i++) adj[fill[list.from[i]!]!++] = list.to[i]!;
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let p = 0; p < size; p++) if (indegree[p] === 0) queue[tail++] = p;
  while (head < tail) {
    const p = queue[head++]!;
    for (let i = start[p]!; i < start[p + 1]!; i++) {
      const q = adj[i]!;
      if (--indegree[q]! === 0) queue[tail++] = q;
    }
  }
  return tail === size;
}

/** The strongly connected components of a currency graph. @internal */
export function currencyComponents(graph: CurrencyGraph): { componentOf: Int32Array; count: number } {
  return stronglyConnectedComponents({
    nodeCount: graph.participants.length,
    sources: graph.edgeFrom,
    targets: graph.edgeTo,
  });
}
