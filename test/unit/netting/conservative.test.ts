/**
 * Conservative netting is an exact minimum-cost circulation; these tests prove the optimum against an
 * independent LP solver (HiGHS, compiled to WebAssembly) on many random instances.
 */
import { money } from 'deltran';
import { net, type Obligation, toNettingJson, verifyNetting } from 'deltran/netting';
import fc from 'fast-check';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkArbitrary, obligationsArbitrary } from '../../arbitraries/obligations';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const ob = (id: string, debtor: string, creditor: string, amount: string): Obligation => ({
  id,
  debtor,
  creditor,
  currency: 'JPY',
  amount,
});

/** Gross per link `debtor→creditor` of one currency. */
function links(obligations: readonly Obligation[], currency: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const o of obligations) {
    if (o.currency !== currency) continue;
    const minor = typeof o.amount === 'string' ? money(o.amount, o.currency as 'EUR').minor : o.amount.minor;
    const key = `${o.debtor}>${o.creditor}`;
    out.set(key, (out.get(key) ?? 0n) + minor);
  }
  return out;
}

/**
 * The LP of conservative netting, written out plainly: one variable per link, 0 ≤ f ≤ gross,
 * out − in = −(net position) at every participant, minimise Σ f. Returns HiGHS's optimum.
 */
function lpOptimum(linkAmounts: ReadonlyMap<string, bigint>): number {
  const nodes = new Map<string, { out: string[]; in: string[]; net: bigint }>();
  const node = (name: string) => {
    let n = nodes.get(name);
    if (n === undefined) {
      n = { out: [], in: [], net: 0n };
      nodes.set(name, n);
    }
    return n;
  };
  const bounds: string[] = [];
  const variables: string[] = [];
  let k = 0;
  for (const [key, amount] of linkAmounts) {
    const [from, to] = key.split('>') as [string, string];
    const v = `f${k++}`;
    variables.push(v);
    node(from).out.push(v);
    node(from).net -= amount;
    node(to).in.push(v);
    node(to).net += amount;
    bounds.push(` 0 <= ${v} <= ${amount}`);
  }
  const rows: string[] = [];
  let r = 0;
  for (const n of nodes.values()) {
    const terms = [...n.out.map((v) => `+ ${v}`), ...n.in.map((v) => `- ${v}`)].join(' ');
    rows.push(` c${r++}: ${terms} = ${-n.net}`);
  }
  const lp = `Minimize\n obj: ${variables.join(' + ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
  const solution = highs.solve(lp, { presolve: 'on' });
  expect(solution.Status).toBe('Optimal');
  return solution.ObjectiveValue;
}

describe('conservative netting', () => {
  it('should beat cycle cancelling that takes the short cycle first', () => {
    // Arrange: cancelling the 2-cycle A⇄B first leaves 3; cancelling the 4-cycle leaves 1
    const obligations = [
      ob('1', 'A', 'B', '1'),
      ob('2', 'B', 'A', '1'),
      ob('3', 'B', 'C', '1'),
      ob('4', 'C', 'D', '1'),
      ob('5', 'D', 'A', '1'),
    ];
    // Act
    const result = toNettingJson(net(obligations, { mode: 'conservative' }));
    // Assert
    expect(result.instructions).toEqual([{ from: 'B', to: 'A', currency: 'JPY', amount: '1' }]);
  });

  it('should beat bilateral pre-netting, which can forbid the cheapest direction', () => {
    // Arrange: A owes B 10 and B owes A 5; netting the pair first (A→B 5) and then cancelling the
    // cycle A→B→C→A leaves 4 to settle,
    // while B paying A 2 on its own existing link settles everything with 2
    const obligations = [
      ob('1', 'A', 'B', '10'),
      ob('2', 'B', 'A', '5'),
      ob('3', 'B', 'C', '7'),
      ob('4', 'C', 'A', '7'),
    ];
    // Act
    const result = toNettingJson(net(obligations, { mode: 'conservative' }));
    // Assert
    expect(result.instructions).toEqual([{ from: 'B', to: 'A', currency: 'JPY', amount: '2' }]);
    expect(result.stats[0]!.bilateral).toBe('19');
  });

  it('should pay links between strongly connected components in full', () => {
    // Arrange: the cycle A→B→C→A feeds D, which is on no cycle
    const obligations = [
      ob('1', 'A', 'B', '5'),
      ob('2', 'B', 'C', '5'),
      ob('3', 'C', 'A', '5'),
      ob('4', 'C', 'D', '3'),
    ];
    // Act
    const result = toNettingJson(net(obligations, { mode: 'conservative' }));
    // Assert
    expect(result.instructions).toEqual([{ from: 'C', to: 'D', currency: 'JPY', amount: '3' }]);
    expect(result.stats[0]!.cyclicComponents).toEqual([['A', 'B', 'C']]);
    expect(result.stats[0]!.componentCount).toBe(2);
  });
});

describe('properties', () => {
  const instances = fc.oneof(
    obligationsArbitrary({ participantsMax: 6, obligationsMax: 25 }),
    obligationsArbitrary({ participantsMax: 10, obligationsMax: 60 }),
    networkArbitrary({ obligationsMax: 150, participantsMax: 15 }),
  );

  it('should equal the LP optimum (HiGHS) in every currency', () => {
    fc.assert(
      fc.property(instances, (obligations) => {
        // Arrange
        const result = net(obligations, { mode: 'conservative' });
        // Act
        for (const s of result.stats) {
          const optimum = lpOptimum(links(obligations, s.currency));
          // Assert: amounts stay far below 2^53, so the LP's double optimum is exact
          expect(Number(s.settled.minor)).toBe(Math.round(optimum));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('should use only existing links, never above their gross, and form no cycle', () => {
    fc.assert(
      fc.property(fc.oneof(instances, obligationsArbitrary({ huge: true })), (obligations) => {
        // Arrange
        const result = net(obligations, { mode: 'conservative' });
        // Act
        const byCurrency = new Map(
          result.stats.map((s) => [s.currency as string, links(obligations, s.currency)]),
        );
        // Assert
        const seen = new Set<string>();
        for (const i of result.instructions) {
          const gross = byCurrency.get(i.currency)!.get(`${i.from}>${i.to}`);
          expect(gross).toBeDefined();
          expect(i.amount.minor).toBeLessThanOrEqual(gross!);
          expect(seen.has(`${i.currency}:${i.from}>${i.to}`)).toBe(false);
          seen.add(`${i.currency}:${i.from}>${i.to}`);
        }
        // No cycle: repeatedly removing participants without incoming instructions empties the graph.
        for (const s of result.stats) {
          const edges = result.instructions.filter((i) => i.currency === s.currency);
          const indegree = new Map<string, number>();
          for (const e of edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
          const ready = [...new Set(edges.map((e) => e.from))].filter((p) => !indegree.has(p));
          let removed = 0;
          while (ready.length > 0) {
            const p = ready.pop()!;
            for (const e of edges) {
              if (e.from !== p) continue;
              removed++;
              const left = indegree.get(e.to)! - 1;
              indegree.set(e.to, left);
              if (left === 0) ready.push(e.to);
            }
          }
          expect(removed).toBe(edges.length);
        }
        expect(verifyNetting(obligations, result).issues).toEqual([]);
      }),
    );
  });
});
