/**
 * Export to graphology, the interchange format for analysis and drawing (ARCHITECTURE.md "Hot paths").
 *
 * @packageDocumentation
 */
import { formatMoney } from '../index';
import { buildCurrencyGraphs, edgeAmounts } from './_internal/currency-graph';
import { ingest } from './_internal/ingest';
import { describe, prefix } from './_internal/messages';
import { InvalidNettingOptionsError, NettingErrorCodes } from './errors';
import type { NettingResult, Obligation } from './types';

/**
 * The part of the graphology `Graph` API that {@link toGraph} uses. graphology's `Graph`,
 * `MultiDirectedGraph` and `DirectedGraph` classes all satisfy it; so can any other implementation.
 * @public
 */
export interface GraphSink {
  /** graphology `Graph#mergeNode`: adds the node, or merges attributes into the existing one. */
  mergeNode(node: string, attributes?: Record<string, unknown>): unknown;
  /** graphology `Graph#addDirectedEdgeWithKey`. */
  addDirectedEdgeWithKey(
    edge: string,
    source: string,
    target: string,
    attributes?: Record<string, unknown>,
  ): unknown;
}

/** The graphology constructor options {@link toGraph} passes. @public */
export interface GraphSinkOptions {
  readonly type: 'directed';
  readonly multi: true;
  readonly allowSelfLoops: false;
}

/**
 * Options of {@link toGraph}. The graph class is passed in, so graphology is never a dependency of
 * `deltran`: hosts that want graphs install it themselves (STYLE.md §5.3, "passed in through a `lib`
 * option").
 * @public
 */
export interface ToGraphOptions<G extends GraphSink> {
  /** A graph class such as graphology's `Graph` or `MultiDirectedGraph`. */
  readonly Graph: new (
    options: GraphSinkOptions,
  ) => G;
  /** Only this currency; all currencies when omitted. */
  readonly currency?: string;
}

/**
 * Builds a graphology graph from obligations or from a netting result.
 *
 * From obligations: one node per participant and one edge per debtor→creditor link and currency, keyed
 * `CUR:debtor->creditor`, with attributes `{ currency, amount, count }` (`amount` the gross total as a
 * decimal string, `count` the number of obligations). From a result: one edge per instruction, keyed the same way (a
 * gross result's repeated links get `#2`, `#3` …), with `{ currency, amount }`, and each node's attribute `net` maps currency → net position (decimal string).
 * The graph is a new directed multigraph (currencies may share a pair of participants); nothing the
 * caller owns is mutated (STYLE.md §1.7).
 *
 * @param input - obligations (validated as `net` does) or a `NettingResult`
 * @param options - the graph class, and optionally one currency
 * @returns the new graph
 * @throws {@link InvalidObligationError} for invalid obligations
 * @throws {@link InvalidNettingOptionsError} (`NETTING_INVALID_OPTIONS`) when `Graph` is not a constructor
 * @example
 * ```ts
 * import Graph from 'graphology';
 * const graph = toGraph(obligations, { Graph });
 * graph.order; // participants
 * ```
 * @public
 */
export function toGraph<G extends GraphSink>(
  input: readonly Obligation[] | NettingResult,
  options: ToGraphOptions<G>,
): G {
  if (typeof options?.Graph !== 'function') {
    throw new InvalidNettingOptionsError(
      NettingErrorCodes.INVALID_OPTIONS,
      `${prefix('toGraph', ['Graph'])}expected a graph class such as graphology's Graph, got ${describe(options?.Graph)}`,
      { path: ['Graph'] },
    );
  }
  const graph = new options.Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  const only = options.currency;
  if (Array.isArray(input)) {
    const columns = ingest(input as readonly Obligation[], 'toGraph');
    const counts = new Map<string, number>();
    for (let i = 0; i < columns.count; i++) {
      const key = `${columns.currencies[columns.currency[i]!]}:${columns.participants[columns.debtor[i]!]}->${columns.participants[columns.creditor[i]!]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const g of buildCurrencyGraphs(columns)) {
      if (only !== undefined && g.currency !== only) continue;
      for (const name of g.participants) graph.mergeNode(name);
      const amounts = edgeAmounts(g);
      for (let e = 0; e < g.edgeCount; e++) {
        const from = g.participants[g.edgeFrom[e]!]!;
        const to = g.participants[g.edgeTo[e]!]!;
        const key = `${g.currency}:${from}->${to}`;
        graph.addDirectedEdgeWithKey(key, from, to, {
          currency: g.currency,
          amount: formatMoney({ minor: amounts[e]!, currency: g.currency }),
          count: counts.get(key) ?? 0,
        });
      }
    }
    return graph;
  }
  const result = input as NettingResult;
  const nets = new Map<string, Record<string, string>>();
  for (const p of result.netPositions) {
    if (only !== undefined && p.currency !== only) continue;
    const entry = nets.get(p.participant) ?? {};
    entry[p.currency] = formatMoney(p.amount);
    nets.set(p.participant, entry);
  }
  for (const [participant, net] of nets) graph.mergeNode(participant, { net });
  const used = new Map<string, number>();
  for (const i of result.instructions) {
    if (only !== undefined && i.currency !== only) continue;
    graph.mergeNode(i.from);
    graph.mergeNode(i.to);
    // Gross results can pay one link several times: the second edge is keyed `…#2`, and so on.
    const base = `${i.currency}:${i.from}->${i.to}`;
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    graph.addDirectedEdgeWithKey(seen === 1 ? base : `${base}#${seen}`, i.from, i.to, {
      currency: i.currency,
      amount: formatMoney(i.amount),
    });
  }
  return graph;
}
