import { InvalidNettingOptionsError, net, type Obligation, toGraph } from 'deltran/netting';
import fc from 'fast-check';
import Graph, { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { obligationsArbitrary } from '../../arbitraries/obligations';

const obligations: Obligation[] = [
  { id: '1', debtor: 'A', creditor: 'B', currency: 'EUR', amount: '10.00' },
  { id: '2', debtor: 'A', creditor: 'B', currency: 'EUR', amount: '5.50' },
  { id: '3', debtor: 'B', creditor: 'A', currency: 'USD', amount: '1.00' },
];

describe('toGraph', () => {
  it('should export obligations as one edge per link and currency', () => {
    // Arrange
    // Act
    const graph = toGraph(obligations, { Graph });
    // Assert
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(2);
    expect(graph.getEdgeAttributes('EUR:A->B')).toEqual({ currency: 'EUR', amount: '15.50', count: 2 });
    expect(graph.getEdgeAttributes('USD:B->A')).toEqual({ currency: 'USD', amount: '1.00', count: 1 });
  });

  it('should export a result with net positions on the nodes, for one currency on request', () => {
    // Arrange
    const result = net(obligations, { mode: 'multilateral' });
    // Act
    const graph = toGraph(result, { Graph: MultiDirectedGraph, currency: 'EUR' });
    // Assert
    expect(graph.getNodeAttribute('A', 'net')).toEqual({ EUR: '-15.50' });
    expect(graph.edges()).toEqual(['EUR:A->B']);
  });

  it('should key repeated gross payments on one link apart', () => {
    // Arrange
    const result = net(obligations, { mode: 'gross' });
    // Act
    const graph = toGraph(result, { Graph });
    // Assert
    expect(graph.edges().sort()).toEqual(['EUR:A->B', 'EUR:A->B#2', 'USD:B->A']);
  });

  it('should require a graph class', () => {
    // Arrange
    // Act
    const run = () => toGraph(obligations, { Graph: undefined as unknown as typeof Graph });
    // Assert
    expect(run).toThrow(InvalidNettingOptionsError);
  });
});

describe('properties', () => {
  it('should keep every gross amount: edge amounts sum to the gross of each currency', () => {
    fc.assert(
      fc.property(obligationsArbitrary(), (input) => {
        // Arrange
        const result = net(input, { mode: 'gross' });
        // Act
        const graph = toGraph(input, { Graph });
        // Assert
        for (const s of result.stats) {
          let total = 0n;
          graph.forEachEdge((_e, a) => {
            if (a.currency === s.currency) total += BigInt(String(a.amount).replace('.', ''));
          });
          expect(total).toBe(s.gross.minor);
        }
      }),
    );
  });
});
