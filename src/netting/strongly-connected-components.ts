/**
 * Kosaraju's strongly connected components, iterative, on typed arrays.
 *
 * @packageDocumentation
 */
import { InvalidGraphError, NettingErrorCodes } from './errors';

/**
 * A directed graph as parallel edge lists over nodes `0 … nodeCount − 1` (the shape of a CSR build
 * input). Plain arrays and typed arrays both work.
 * @public
 */
export interface DirectedGraphInput {
  /** Number of nodes. */
  readonly nodeCount: number;
  /** Tail of each edge. */
  readonly sources: ArrayLike<number>;
  /** Head of each edge, same length as `sources`. */
  readonly targets: ArrayLike<number>;
}

/** The components found by {@link stronglyConnectedComponents}. @public */
export interface StronglyConnectedComponentsResult {
  /** Number of components. */
  readonly count: number;
  /**
   * Component of each node, numbered in topological order of the condensation: every edge between two
   * components goes from the lower number to the higher.
   */
  readonly componentOf: Int32Array;
}

/**
 * Splits a directed graph into strongly connected components with Kosaraju's algorithm: a first
 * depth-first pass records finishing order, a second pass on the reversed edges, in reverse finishing
 * order, collects one component per tree. Both passes use explicit stacks on `Int32Array`s, so a cycle
 * through a million nodes runs in constant call-stack depth (STYLE.md §11.2), in O(nodes + edges) time
 * and about 6 × 4 bytes per node and 3 × 4 bytes per edge.
 *
 * @param graph - the graph; it is not modified
 * @returns the component of every node, in topological order of the condensation
 * @throws {@link InvalidGraphError} (`NETTING_INVALID_GRAPH`) when `nodeCount` is not a non-negative
 *   integer, the edge lists differ in length, or an endpoint is not an integer in range
 * @example
 * ```ts
 * const { count, componentOf } = stronglyConnectedComponents({
 *   nodeCount: 4,
 *   sources: [0, 1, 2, 2],
 *   targets: [1, 0, 3, 3],
 * });
 * // count === 3; componentOf[0] === componentOf[1]; nodes 2 and 3 are alone
 * ```
 * @public
 */
export function stronglyConnectedComponents(graph: DirectedGraphInput): StronglyConnectedComponentsResult {
  const { nodeCount: n, sources, targets } = graph;
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
    throw new InvalidGraphError(
      NettingErrorCodes.INVALID_GRAPH,
      `[deltran] stronglyConnectedComponents: nodeCount: expected a non-negative integer, got ${String(n)}`,
      { path: ['nodeCount'] },
    );
  }
  const m = sources.length;
  if (targets.length !== m) {
    throw new InvalidGraphError(
      NettingErrorCodes.INVALID_GRAPH,
      `[deltran] stronglyConnectedComponents: targets: expected ${m} targets (one per source), got ${targets.length}`,
      { path: ['targets'] },
    );
  }
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const u = sources[e]!;
    const v = targets[e]!;
    if (!(u >= 0 && u < n && Number.isInteger(u))) throw badEndpoint('sources', e, u, n);
    if (!(v >= 0 && v < n && Number.isInteger(v))) throw badEndpoint('targets', e, v, n);
    outStart[u + 1]!++;
    inStart[v + 1]!++;
  }
  for (let v = 0; v < n; v++) {
    outStart[v + 1]! += outStart[v]!;
    inStart[v + 1]! += inStart[v]!;
  }
  const outAdj = new Int32Array(m);
  const inAdj = new Int32Array(m);
  const next = outStart.slice(0, n);
  const nextIn = inStart.slice(0, n);
  for (let e = 0; e < m; e++) {
    const u = sources[e]!;
    const v = targets[e]!;
    outAdj[next[u]!++] = v;
    inAdj[nextIn[v]!++] = u;
  }

  // Pass 1: finishing order on the graph.
  const finished = new Int32Array(n);
  const stack = new Int32Array(n);
  const cursor = next; // reused: the next out-edge to try for each node on the stack
  const visited = new Uint8Array(n);
  let finishedCount = 0;
  for (let root = 0; root < n; root++) {
    if (visited[root] === 1) continue;
    visited[root] = 1;
    cursor[root] = outStart[root]!;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const v = stack[top]!;
      const at = cursor[v]!;
      if (at < outStart[v + 1]!) {
        cursor[v] = at + 1;
        const w = outAdj[at]!;
        if (visited[w] === 0) {
          visited[w] = 1;
          cursor[w] = outStart[w]!;
          stack[++top] = w;
        }
      } else {
        finished[finishedCount++] = v;
        top--;
      }
    }
  }

  // Pass 2: reversed graph, latest finisher first; each tree is one component.
  const componentOf = new Int32Array(n).fill(-1);
  let count = 0;
  for (let k = n - 1; k >= 0; k--) {
    const root = finished[k]!;
    if (componentOf[root] !== -1) continue;
    const c = count++;
    componentOf[root] = c;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const v = stack[top--]!;
      for (let i = inStart[v]!, end = inStart[v + 1]!; i < end; i++) {
        const w = inAdj[i]!;
        if (componentOf[w] === -1) {
          componentOf[w] = c;
          stack[++top] = w;
        }
      }
    }
  }
  return { count, componentOf };
}

function badEndpoint(
  field: 'sources' | 'targets',
  edge: number,
  value: number,
  n: number,
): InvalidGraphError {
  return new InvalidGraphError(
    NettingErrorCodes.INVALID_GRAPH,
    `[deltran] stronglyConnectedComponents: ${field}[${edge}]: expected a node index from 0 to ${n - 1}, got ${String(value)}`,
    { path: [field, edge] },
  );
}
