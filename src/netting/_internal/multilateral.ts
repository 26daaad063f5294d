/**
 * Multilateral mode: direct payments from net debtors to net creditors.
 * @internal
 */
import type { CurrencyGraph } from './currency-graph';
import { emptyInstructions, type InstructionList, sortInstructions } from './instructions';

/**
 * Settles the net positions with the least liquidity and at most n − 1 payments: debtors and creditors
 * are each sorted by size (largest first, then by name), and a two-pointer walk pays the smaller of the
 * current debit and credit. Each payment exhausts a debtor or a creditor, and the last one exhausts
 * both (the positions sum to zero), so there are at most `debtors + creditors − 1 ≤ n − 1` payments, and
 * every payment moves money from a net debtor to a net creditor, so the total paid is Σ net debits.
 * @internal
 */
export function multilateralInstructions(graph: CurrencyGraph): InstructionList {
  if (graph.netNumber !== undefined) return multilateralExact(graph.netNumber);
  const { nets } = graph;
  const debtors: number[] = [];
  const creditors: number[] = [];
  for (let p = 0; p < nets.length; p++) {
    const x = nets[p]!;
    if (x < 0n) debtors.push(p);
    else if (x > 0n) creditors.push(p);
  }
  // Largest first keeps the number of payments low in practice (the minimum is NP-hard in general);
  // ties fall back to the name order, which keeps the output canonical.
  // Debtors by largest debit (most negative first), creditors by largest credit.
  debtors.sort((a, b) => {
    const x = nets[a]!;
    const y = nets[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  creditors.sort((a, b) => {
    const x = nets[a]!;
    const y = nets[b]!;
    return x > y ? -1 : x < y ? 1 : a - b;
  });
  const out = emptyInstructions();
  let i = 0;
  let j = 0;
  let owes = debtors.length > 0 ? -nets[debtors[0]!]! : 0n;
  let due = creditors.length > 0 ? nets[creditors[0]!]! : 0n;
  while (i < debtors.length && j < creditors.length) {
    const paid = owes < due ? owes : due;
    out.from.push(debtors[i]!);
    out.to.push(creditors[j]!);
    out.amount.push(paid);
    owes -= paid;
    due -= paid;
    if (owes === 0n && ++i < debtors.length) owes = -nets[debtors[i]!]!;
    if (due === 0n && ++j < creditors.length) due = nets[creditors[j]!]!;
  }
  return sortInstructions(out, nets.length, 0);
}

/**
 * {@link multilateralInstructions} on doubles, for an exact currency: every position, every remaining
 * debit or credit and every payment is an integer of magnitude at most the currency's gross total
 * ≤ 2^53 − 1, so each subtraction is exact and the comparisons order the values exactly as bigints
 * would. The same instructions, without a bigint operation per step; each amount becomes a bigint once.
 */
function multilateralExact(nets: Float64Array): InstructionList {
  const debtors: number[] = [];
  const creditors: number[] = [];
  for (let p = 0; p < nets.length; p++) {
    const x = nets[p]!;
    if (x < 0) debtors.push(p);
    else if (x > 0) creditors.push(p);
  }
  debtors.sort((a, b) => {
    const x = nets[a]!;
    const y = nets[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  creditors.sort((a, b) => {
    const x = nets[a]!;
    const y = nets[b]!;
    return x > y ? -1 : x < y ? 1 : a - b;
  });
  const out = emptyInstructions();
  let i = 0;
  let j = 0;
  let owes = debtors.length > 0 ? -nets[debtors[0]!]! : 0;
  let due = creditors.length > 0 ? nets[creditors[0]!]! : 0;
  while (i < debtors.length && j < creditors.length) {
    const paid = Math.min(owes, due);
    out.from.push(debtors[i]!);
    out.to.push(creditors[j]!);
    out.amount.push(BigInt(paid));
    owes -= paid;
    due -= paid;
    if (owes === 0 && ++i < debtors.length) owes = -nets[debtors[i]!]!;
    if (due === 0 && ++j < creditors.length) due = nets[creditors[j]!]!;
  }
  return sortInstructions(out, nets.length, 0);
}
