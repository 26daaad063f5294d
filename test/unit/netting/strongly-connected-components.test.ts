import {
  InvalidGraphError,
  NettingErrorCodes,
  net,
  stronglyConnectedComponents,
  toGraph,
} from 'deltran/netting';
import fc from 'fast-check';
import Graph from 'graphology';
import { stronglyConnectedComponents as graphologyScc } from 'graphology-components';
import { describe, expect, it } from 'vitest';
import { obligationsArbitrary } from '../../arbitraries/obligations';

/** Components as sorted lists of sorted members, to compare partitions independently of numbering. */
function partition(componentOf: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  componentOf.forEach((c, v) => {
    groups.set(c, [...(groups.get(c) ?? []), v]);
  });
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}

const graphArbitrary = fc.integer({ min: 1, max: 40 }).chain((nodeCount) =>
  fc.record({
    nodeCount: fc.constant(nodeCount),
    edges: fc.array(fc.tuple(fc.nat({ max: nodeCount - 1 }), fc.nat({ max: nodeCount - 1 })), {
      maxLength: 120,
    }),
  }),
);

describe('stronglyConnectedComponents', () => {
  it('should find a cycle and the nodes outside it', () => {
    // Arrange: 0 ⇄ 1, 1 → 2, 2 → 3 → 2
    // Act
    const { count, componentOf } = stronglyConnectedComponents({
      nodeCount: 4,
      sources: [0, 1, 1, 2, 3],
      targets: [1, 0, 2, 3, 2],
    });
    // Assert
    expect(count).toBe(2);
    expect(partition(componentOf)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(componentOf[0]).toBeLessThan(componentOf[2]!); // topological order
  });

  it('should handle a cycle through a million nodes without deep recursion', () => {
    // Arrange
    const n = 1_000_000;
    const sources = new Int32Array(n);
    const targets = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      sources[v] = v;
      targets[v] = (v + 1) % n;
    }
    // Act
    const { count, componentOf } = stronglyConnectedComponents({ nodeCount: n, sources, targets });
    // Assert
    expect(count).toBe(1);
    expect(componentOf.every((c) => c === 0)).toBe(true);
  });

  it('should handle a path of a million nodes as a million components', () => {
    // Arrange
    const n = 1_000_000;
    const sources = Int32Array.from({ length: n - 1 }, (_, v) => v);
    const targets = Int32Array.from({ length: n - 1 }, (_, v) => v + 1);
    // Act
    const { count, componentOf } = stronglyConnectedComponents({ nodeCount: n, sources, targets });
    // Assert
    expect(count).toBe(n);
    expect(componentOf[0]).toBe(0);
    expect(componentOf[n - 1]).toBe(n - 1);
  });

  it('should reject an endpoint out of range with a typed error', () => {
    // Arrange
    // Act
    const run = () => stronglyConnectedComponents({ nodeCount: 2, sources: [0], targets: [2] });
    // Assert
    expect(run).toThrow(InvalidGraphError);
    try {
      run();
    } catch (error) {
      expect((error as InvalidGraphError).code).toBe(NettingErrorCodes.INVALID_GRAPH);
      expect((error as InvalidGraphError).path).toEqual(['targets', 0]);
    }
  });
});

describe('properties', () => {
  it('should partition the nodes, numbering components in topological order', () => {
    fc.assert(
      fc.property(graphArbitrary, ({ nodeCount, edges }) => {
        // Arrange
        const sources = edges.map((e) => e[0]);
        const targets = edges.map((e) => e[1]);
        // Act
        const { count, componentOf } = stronglyConnectedComponents({ nodeCount, sources, targets });
        // Assert
        expect(componentOf).toHaveLength(nodeCount);
        expect(new Set(componentOf).size).toBe(count);
        for (const c of componentOf) expect(c >= 0 && c < count).toBe(true);
        for (const [u, v] of edges) expect(componentOf[u]!).toBeLessThanOrEqual(componentOf[v]!);
      }),
    );
  });

  it('should agree with graphology-components on random graphs', () => {
    fc.assert(
      fc.property(graphArbitrary, ({ nodeCount, edges }) => {
        // Arrange
        const graph = new Graph({ type: 'directed', multi: true });
        for (let v = 0; v < nodeCount; v++) graph.addNode(String(v));
        for (const [u, v] of edges) graph.addDirectedEdge(String(u), String(v));
        const oracle = graphologyScc(graph)
          .map((c) => c.map(Number).sort((a, b) => a - b))
          .sort((a, b) => a[0]! - b[0]!);
        // Act
        const ours = stronglyConnectedComponents({
          nodeCount,
          sources: edges.map((e) => e[0]),
          targets: edges.map((e) => e[1]),
        });
        // Assert
        expect(partition(ours.componentOf)).toEqual(oracle);
      }),
    );
  });

  it('should report the same cyclic components in net() as graphology finds on toGraph()', () => {
    fc.assert(
      fc.property(obligationsArbitrary({ currencies: ['EUR'] }), (obligations) => {
        // Arrange
        const graph = toGraph(obligations, { Graph });
        const oracle = graphologyScc(graph)
          .filter((c) => c.length > 1)
          .map((c) => c.sort())
          .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
        // Act
        const stats = net(obligations, { mode: 'multilateral' }).stats[0];
        // Assert
        expect(stats?.cyclicComponents ?? []).toEqual(oracle);
        expect(stats?.componentCount ?? 0).toBe(graphologyScc(graph).length);
      }),
    );
  });
});
