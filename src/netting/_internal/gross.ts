/**
 * Gross mode: every obligation settles on its own (the baseline every saving is measured against).
 * @internal
 */

import { type CurrencyGraph, obligationAmount } from './currency-graph';
import type { Columns } from './ingest';
import { emptyInstructions, type InstructionList } from './instructions';
import { sortByPair } from './radix';

/**
 * One instruction per obligation, sorted by (payer, payee, amount).
 * @internal
 */
export function grossInstructions(columns: Columns, graph: CurrencyGraph): InstructionList {
  const size = graph.participants.length;
  const localOf = new Map<number, number>();
  for (let p = 0; p < size; p++) localOf.set(graph.globalOf[p]!, p);
  const n = graph.obligationCount;
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const amounts = new Array<bigint>(n);
  let j = 0;
  for (let i = 0; i < columns.count; i++) {
    if (columns.currency[i] !== graph.currencyIndex) continue;
    from[j] = localOf.get(columns.debtor[i]!)!;
    to[j] = localOf.get(columns.creditor[i]!)!;
    amounts[j++] = obligationAmount(columns, i);
  }
  const perm = sortByPair(from, to, size);
  const out = emptyInstructions();
  j = 0;
  while (j < n) {
    const f = from[perm[j]!]!;
    const t = to[perm[j]!]!;
    let end = j;
    while (end < n && from[perm[end]!] === f && to[perm[end]!] === t) end++;
    const run: bigint[] = [];
    for (let k = j; k < end; k++) run.push(amounts[perm[k]!]!);
    run.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const amount of run) {
      out.from.push(f);
      out.to.push(t);
      out.amount.push(amount);
    }
    j = end;
  }
  return out;
}
