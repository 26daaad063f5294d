/**
 * Exact minimum-cost b-flow with unit arc costs, on bigint capacities: the engine of conservative
 * netting (see docs/netting.md, "Conservative netting").
 *
 * Problem: arcs `e = (tail, head)` with capacity `cap[e] ≥ 0` and cost 1; node supplies `b[v]`
 * (Σ b = 0). Find a flow `0 ≤ f ≤ cap` with out(v) − in(v) = b[v] minimising Σ f.
 *
 * Algorithm: primal-dual successive shortest paths. A super source S feeds every node with b > 0 and a
 * super sink T drains every node with b < 0. Each phase computes shortest distances from S under the
 * reduced costs `c + π(u) − π(v)` (non-negative: Dijkstra), adds them to the potentials π, then pushes
 * a maximum flow through the arcs whose reduced cost is zero (Dinic: BFS levels plus blocking flows with
 * an explicit stack). The S→T distance grows by at least one per phase and is at most the number of
 * nodes, so there are at most n + 2 phases. Every augmentation is along a shortest path, which is the
 * textbook invariant that makes the final flow a minimum-cost one; the final potentials are the dual
 * certificate (every residual arc has a non-negative reduced cost).
 *
 * Capacities are bigint so that no amount, however large, is ever rounded; costs and potentials are
 * small integers held in doubles (each is a shortest-path distance, at most n + 2 in magnitude).
 * @internal
 */
import { nettingInvariant } from './invariant';

/** The input of {@link minCostFlow}. @internal */
export interface FlowProblem {
  /** Number of nodes, numbered 0 … nodeCount − 1. */
  readonly nodeCount: number;
  readonly tails: Int32Array;
  readonly heads: Int32Array;
  /** Capacity of each arc; every arc costs 1 per unit. */
  readonly capacities: readonly bigint[];
  /** out − in required at each node; sums to zero. */
  readonly supplies: readonly bigint[];
}

/** The output of {@link minCostFlow}. @internal */
export interface FlowSolution {
  /** Flow on each arc, 0 ≤ flow ≤ capacity. */
  readonly flows: bigint[];
  /** Dual potentials: for every arc, flow < cap ⇒ 1 + π(tail) − π(head) ≥ 0 and flow > 0 ⇒ ≤ 0. */
  readonly potentials: Float64Array;
  /** Number of primal-dual phases (Dijkstra runs), for the benchmarks. */
  readonly phases: number;
}

const INFINITY = Number.POSITIVE_INFINITY;

/** Solves a {@link FlowProblem} exactly. @internal */
export function minCostFlow(problem: FlowProblem): FlowSolution {
  const { nodeCount, tails, heads, capacities, supplies } = problem;
  const edgeCount = tails.length;
  const source = nodeCount;
  const sink = nodeCount + 1;
  const total = nodeCount + 2;

  let terminalArcs = 0;
  let demand = 0n;
  for (let v = 0; v < nodeCount; v++) {
    const b = supplies[v]!;
    if (b !== 0n) terminalArcs++;
    if (b > 0n) demand += b;
  }
  // Arc 2k is forward, 2k + 1 its reverse; `a ^ 1` flips between them.
  const arcCount = 2 * (edgeCount + terminalArcs);
  const arcHead = new Int32Array(arcCount);
  const arcCost = new Int8Array(arcCount);
  const residual: bigint[] = new Array<bigint>(arcCount);
  const degree = new Int32Array(total + 1);
  let arc = 0;
  for (let e = 0; e < edgeCount; e++, arc += 2) {
    const u = tails[e]!;
    const v = heads[e]!;
    arcHead[arc] = v;
    arcHead[arc + 1] = u;
    arcCost[arc] = 1;
    arcCost[arc + 1] = -1;
    residual[arc] = capacities[e]!;
    residual[arc + 1] = 0n;
    degree[u]!++;
    degree[v]!++;
  }
  for (let v = 0; v < nodeCount; v++) {
    const b = supplies[v]!;
    if (b === 0n) continue;
    const from = b > 0n ? source : v;
    const to = b > 0n ? v : sink;
    arcHead[arc] = to;
    arcHead[arc + 1] = from;
    residual[arc] = b > 0n ? b : -b;
    residual[arc + 1] = 0n;
    degree[from]!++;
    degree[to]!++;
    arc += 2;
  }
  // Adjacency by tail (CSR). The tail of arc a is the head of a ^ 1.
  const adjStart = new Int32Array(total + 1);
  for (let v = 0; v < total; v++) adjStart[v + 1] = adjStart[v]! + degree[v]!;
  const fill = adjStart.slice(0, total);
  const adj = new Int32Array(arcCount);
  for (let a = 0; a < arcCount; a++) adj[fill[arcHead[a ^ 1]!]!++] = a;

  const potential = new Float64Array(total);
  const distance = new Float64Array(total);
  const settled = new Uint8Array(total);
  const heap = new IndexedHeap(total, distance);
  const level = new Int32Array(total);
  const queue = new Int32Array(total);
  const current = new Int32Array(total);
  const pathArcs = new Int32Array(total);

  let sent = 0n;
  let phases = 0;
  while (sent < demand) {
    phases++;
    // Dijkstra under reduced costs, stopped as soon as the sink is settled.
    distance.fill(INFINITY);
    settled.fill(0);
    distance[source] = 0;
    heap.push(source);
    while (!heap.isEmpty()) {
      const u = heap.pop();
      settled[u] = 1;
      if (u === sink) break;
      const du = distance[u]!;
      const pu = potential[u]!;
      for (let i = adjStart[u]!, end = adjStart[u + 1]!; i < end; i++) {
        const a = adj[i]!;
        if (residual[a]! === 0n) continue;
        const v = arcHead[a]!;
        if (settled[v] === 1) continue;
        const dv = du + arcCost[a]! + pu - potential[v]!;
        if (dv < distance[v]!) {
          distance[v] = dv;
          heap.pushOrDecrease(v);
        }
      }
    }
    heap.clear();
    const sinkDistance = distance[sink]!;
    nettingInvariant(sinkDistance !== INFINITY, 'conservative flow: the sink became unreachable');
    // Nodes not settled are at least as far as the sink; capping keeps every reduced cost ≥ 0.
    for (let v = 0; v < total; v++) potential[v]! += settled[v] === 1 ? distance[v]! : sinkDistance;

    // Dinic on the arcs of zero reduced cost.
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      while (head < tail) {
        const u = queue[head++]!;
        const pu = potential[u]!;
        for (let i = adjStart[u]!, end = adjStart[u + 1]!; i < end; i++) {
          const a = adj[i]!;
          const v = arcHead[a]!;
          if (level[v]! >= 0 || residual[a]! === 0n) continue;
          if (arcCost[a]! + pu - potential[v]! !== 0) continue;
          level[v] = level[u]! + 1;
          queue[tail++] = v;
        }
      }
      if (level[sink]! < 0) break;
      current.set(adjStart.subarray(0, total));
      let depth = 0;
      let u = source;
      for (;;) {
        if (u === sink) {
          let bottleneck = residual[pathArcs[0]!]!;
          for (let k = 1; k < depth; k++) {
            const r = residual[pathArcs[k]!]!;
            if (r < bottleneck) bottleneck = r;
          }
          let retreatTo = -1;
          for (let k = 0; k < depth; k++) {
            const a = pathArcs[k]!;
            const r = residual[a]! - bottleneck;
            residual[a] = r;
            residual[a ^ 1] = residual[a ^ 1]! + bottleneck;
            if (r === 0n && retreatTo < 0) retreatTo = k;
          }
          sent += bottleneck;
          depth = retreatTo;
          u = arcHead[pathArcs[depth]! ^ 1]!;
          continue;
        }
        let advanced = false;
        const pu = potential[u]!;
        const nextLevel = level[u]! + 1;
        for (let i = current[u]!, end = adjStart[u + 1]!; i < end; i++) {
          const a = adj[i]!;
          const v = arcHead[a]!;
          if (level[v] === nextLevel && residual[a]! !== 0n && arcCost[a]! + pu - potential[v]! === 0) {
            current[u] = i;
            pathArcs[depth++] = a;
            u = v;
            advanced = true;
            break;
          }
        }
        if (advanced) continue;
        current[u] = adjStart[u + 1]!;
        level[u] = -1; // dead end for the rest of this blocking flow
        if (u === source) break;
        depth--;
        u = arcHead[pathArcs[depth]! ^ 1]!;
        current[u]!++;
      }
    }
  }

  const flows: bigint[] = new Array<bigint>(edgeCount);
  for (let e = 0; e < edgeCount; e++) flows[e] = residual[2 * e + 1]!;
  return { flows, potentials: potential.slice(0, nodeCount), phases };
}

/** A binary min-heap of node indexes keyed by an external distance array, with decrease-key. */
class IndexedHeap {
  private readonly nodes: Int32Array;
  private readonly position: Int32Array;
  private readonly keys: Float64Array;
  private size = 0;

  constructor(capacity: number, keys: Float64Array) {
    this.nodes = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
    this.keys = keys;
  }

  isEmpty(): boolean {
    return this.size === 0;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.position[this.nodes[i]!] = -1;
    this.size = 0;
  }

  push(node: number): void {
    this.nodes[this.size] = node;
    this.position[node] = this.size;
    this.size++;
    this.up(this.size - 1);
  }

  pushOrDecrease(node: number): void {
    const at = this.position[node]!;
    if (at < 0) this.push(node);
    else this.up(at);
  }

  pop(): number {
    const top = this.nodes[0]!;
    this.position[top] = -1;
    this.size--;
    if (this.size > 0) {
      const last = this.nodes[this.size]!;
      this.nodes[0] = last;
      this.position[last] = 0;
      this.down(0);
    }
    return top;
  }

  private up(index: number): void {
    const { nodes, position, keys } = this;
    const node = nodes[index]!;
    const key = keys[node]!;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = nodes[parent]!;
      if (keys[p]! <= key) break;
      nodes[i] = p;
      position[p] = i;
      i = parent;
    }
    nodes[i] = node;
    position[node] = i;
  }

  private down(index: number): void {
    const { nodes, position, keys } = this;
    const size = this.size;
    const node = nodes[index]!;
    const key = keys[node]!;
    let i = index;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && keys[nodes[right]!]! < keys[nodes[child]!]!) child = right;
      const c = nodes[child]!;
      if (keys[c]! >= key) break;
      nodes[i] = c;
      position[c] = i;
      i = child;
    }
    nodes[i] = node;
    position[node] = i;
  }
}
