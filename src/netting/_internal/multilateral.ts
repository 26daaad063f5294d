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
