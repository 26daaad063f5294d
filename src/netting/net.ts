/**
 * `net`: the netting engine's entry point.
 *
 * @packageDocumentation
 */

import { type CurrencyCode, fromMinor } from '../index';
import { bilateralInstructions } from './_internal/bilateral';
import { conservativeInstructions, currencyComponents } from './_internal/conservative';
import { buildCurrencyGraphs, type CurrencyGraph } from './_internal/currency-graph';
import { ByteWriter, DIGEST_MAGIC } from './_internal/digest';
import { grossInstructions } from './_internal/gross';
import { hubInstructions } from './_internal/hub';
import { type Columns, ingest } from './_internal/ingest';
import { HUB_INDEX, type InstructionList } from './_internal/instructions';
import { nettingInvariant } from './_internal/invariant';
import { multilateralInstructions } from './_internal/multilateral';
import { checkNetOptions } from './_internal/options';
import type {
  CurrencyNettingStats,
  NetOptions,
  NetPosition,
  NettingInstruction,
  NettingMode,
  NettingResult,
  Obligation,
  OptimalityCertificate,
} from './types';

/**
 * Nets obligations, each currency on its own.
 *
 * Every mode returns the same net positions (received − paid, per participant and currency); they
 * differ in the instructions that settle them: see {@link NettingMode}. Per currency the settled totals
 * always satisfy `lowerBound = multilateral ≤ conservative ≤ bilateral ≤ gross`.
 *
 * The result depends only on the obligations as a set: the same obligations in any order give a result
 * that `toNettingJson` turns into byte-identical JSON, digest included. Runs in O(m + n log n) for m
 * obligations and n participants, plus the minimum-cost flow in `conservative` mode (docs/netting.md).
 *
 * @param obligations - the obligations to net; ids must be unique
 * @param options - the mode, and the hub account in `hub` mode
 * @returns net positions, instructions, figures per currency and a digest
 * @throws {@link InvalidObligationError} when an obligation is invalid: its `code` is the first
 *   problem's (`NETTING_NON_POSITIVE_AMOUNT`, `NETTING_SELF_OBLIGATION`, `NETTING_UNKNOWN_CURRENCY`,
 *   `NETTING_INVALID_AMOUNT`, `NETTING_CURRENCY_MISMATCH`, `NETTING_DUPLICATE_ID`,
 *   `NETTING_INVALID_OBLIGATION`), its `path` is `[index, field]`, and `issues` lists every problem
 * @throws {@link InvalidNettingOptionsError} (`NETTING_INVALID_OPTIONS`) for an unknown mode or a bad hub
 * @example
 * ```ts
 * const result = net(
 *   [
 *     { id: '1', debtor: 'BANKAAAA', creditor: 'BANKBBBB', currency: 'EUR', amount: '100.00' },
 *     { id: '2', debtor: 'BANKBBBB', creditor: 'BANKCCCC', currency: 'EUR', amount: '80.00' },
 *     { id: '3', debtor: 'BANKCCCC', creditor: 'BANKAAAA', currency: 'EUR', amount: '60.00' },
 *   ],
 *   { mode: 'multilateral' },
 * );
 * // two instructions, 40.00 EUR settled instead of 240.00
 * ```
 * @public
 */
export function net(obligations: readonly Obligation[], options: NetOptions): NettingResult {
  const { mode, hub } = checkNetOptions(options, 'net');
  const columns = ingest(obligations, 'net');
  return netColumns(columns, mode, hub);
}

/** Runs a mode on validated columns. @internal */
export function netColumns(columns: Columns, mode: NettingMode, hub: string | undefined): NettingResult {
  const graphs = buildCurrencyGraphs(columns);
  const netPositions: NetPosition[] = [];
  const instructions: NettingInstruction[] = [];
  const stats: CurrencyNettingStats[] = [];
  const certificates: OptimalityCertificate[] = [];
  const writer = new ByteWriter();
  writer.string(DIGEST_MAGIC);
  writer.string(mode);
  writer.string(mode === 'hub' ? (hub as string) : '');
  writer.uint(graphs.length);

  for (const graph of graphs) {
    const { currency, participants, nets } = graph;
    const size = participants.length;
    const components = currencyComponents(graph);
    let list: InstructionList;
    let potentials: Float64Array | undefined;
    switch (mode) {
      case 'gross':
        list = grossInstructions(columns, graph);
        break;
      case 'bilateral':
        list = bilateralInstructions(graph);
        break;
      case 'multilateral':
        list = multilateralInstructions(graph);
        break;
      case 'hub':
        list = hubInstructions(graph, hub as string);
        break;
      case 'conservative': {
        const solved = conservativeInstructions(graph, components.componentOf, components.count);
        list = solved.instructions;
        potentials = solved.potentials;
        break;
      }
    }
    const settled = checkSettlement(graph, list, mode);

    for (let p = 0; p < size; p++) {
      netPositions.push({ participant: participants[p]!, currency, amount: fromMinor(nets[p]!, currency) });
    }
    const name = (index: number): string => (index === HUB_INDEX ? (hub as string) : participants[index]!);
    for (let i = 0; i < list.from.length; i++) {
      instructions.push({
        from: name(list.from[i]!),
        to: name(list.to[i]!),
        currency,
        amount: fromMinor(list.amount[i]!, currency),
      });
    }
    stats.push(currencyStats(graph, components, settled, list.from.length));
    if (potentials !== undefined) {
      const values = potentials;
      certificates.push({
        currency,
        potentials: participants.map((participant, p) => ({ participant, potential: values[p]! })),
      });
    }
    writeCurrency(writer, graph, list, potentials);
  }
  return {
    mode,
    ...(mode === 'hub' ? { hub: hub as string } : {}),
    netPositions,
    instructions,
    stats,
    ...(mode === 'conservative' ? { certificates } : {}),
    digest: writer.digest(),
  };
}

/**
 * The pair assertion of STYLE.md §4.6: the positions sum to zero where they are produced, and the
 * instructions settle exactly those positions where they are used. Returns the settled total.
 */
function checkSettlement(graph: CurrencyGraph, list: InstructionList, mode: NettingMode): bigint {
  const exact = graph.netNumber === undefined ? undefined : checkSettlementExact(graph, list);
  if (exact !== undefined) {
    checkTotals(graph, list, mode, exact);
    return exact;
  }
  const { nets } = graph;
  let zero = 0n;
  for (const x of nets) zero += x;
  nettingInvariant(zero === 0n, `${graph.currency} net positions sum to ${zero}, not zero`);
  const balance = new Array<bigint>(nets.length).fill(0n);
  let hubBalance = 0n;
  let settled = 0n;
  for (let i = 0; i < list.from.length; i++) {
    const f = list.from[i]!;
    const t = list.to[i]!;
    const a = list.amount[i]!;
    nettingInvariant(a > 0n && f !== t, `${graph.currency} instruction ${i} is not a positive payment`);
    settled += a;
    if (f === HUB_INDEX) hubBalance -= a;
    else balance[f] = balance[f]! - a;
    if (t === HUB_INDEX) hubBalance += a;
    else balance[t] = balance[t]! + a;
  }
  nettingInvariant(hubBalance === 0n, `${graph.currency} hub does not balance`);
  for (let p = 0; p < nets.length; p++) {
    nettingInvariant(balance[p] === nets[p], `${graph.currency} instructions do not settle participant ${p}`);
  }
  checkTotals(graph, list, mode, settled);
  return settled;
}

/**
 * {@link checkSettlement} on doubles for an exact currency, when the instructions' total is at most
 * 2^53 − 1: then every partial sum below (of net positions, bounded by the lower bound; of a
 * participant's or the hub's payments, bounded by the total) is an integer below 2^53, and exact.
 * Returns the total, or undefined when it is larger (the bigint check runs instead).
 */
function checkSettlementExact(graph: CurrencyGraph, list: InstructionList): bigint | undefined {
  const nets = graph.netNumber!;
  const n = list.from.length;
  const amounts = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = list.amount[i]!;
    nettingInvariant(a > 0n, `${graph.currency} instruction ${i} is not a positive payment`);
    const x = Number(a);
    amounts[i] = x;
    total += x;
  }
  // A float sum of positive integers is exact while the true sum is ≤ 2^53 − 1 and ≥ 2^53 once not.
  if (!(total <= Number.MAX_SAFE_INTEGER)) return undefined;
  let zero = 0;
  for (let p = 0; p < nets.length; p++) zero += nets[p]!;
  nettingInvariant(zero === 0, `${graph.currency} net positions sum to ${zero}, not zero`);
  const balance = new Float64Array(nets.length);
  let hubBalance = 0;
  for (let i = 0; i < n; i++) {
    const f = list.from[i]!;
    const t = list.to[i]!;
    const a = amounts[i]!;
    nettingInvariant(f !== t, `${graph.currency} instruction ${i} is not a positive payment`);
    if (f === HUB_INDEX) hubBalance -= a;
    else balance[f]! -= a;
    if (t === HUB_INDEX) hubBalance += a;
    else balance[t]! += a;
  }
  nettingInvariant(hubBalance === 0, `${graph.currency} hub does not balance`);
  for (let p = 0; p < nets.length; p++) {
    nettingInvariant(balance[p] === nets[p], `${graph.currency} instructions do not settle participant ${p}`);
  }
  return BigInt(total);
}

/** The totals each mode promises. */
function checkTotals(graph: CurrencyGraph, list: InstructionList, mode: NettingMode, settled: bigint): void {
  const { nets } = graph;
  if (mode === 'multilateral') {
    nettingInvariant(
      settled === graph.lowerBound,
      `${graph.currency} multilateral total is not Σ net debits`,
    );
    nettingInvariant(
      list.from.length <= Math.max(0, nets.length - 1),
      `${graph.currency} too many instructions`,
    );
  }
  if (mode === 'gross') nettingInvariant(settled === graph.gross, `${graph.currency} gross total differs`);
  if (mode === 'bilateral')
    nettingInvariant(settled === graph.bilateral, `${graph.currency} bilateral total differs`);
}

function currencyStats(
  graph: CurrencyGraph,
  components: { componentOf: Int32Array; count: number },
  settled: bigint,
  instructionCount: number,
): CurrencyNettingStats {
  const { currency, participants, gross } = graph;
  const members = new Map<number, string[]>();
  const sizes = new Int32Array(components.count);
  for (let p = 0; p < participants.length; p++) sizes[components.componentOf[p]!]!++;
  const cyclicComponents: string[][] = [];
  for (let p = 0; p < participants.length; p++) {
    const c = components.componentOf[p]!;
    if (sizes[c]! < 2) continue;
    let list = members.get(c);
    if (list === undefined) {
      list = [];
      members.set(c, list);
      cyclicComponents.push(list);
    }
    list.push(participants[p]!);
  }
  const savings = gross - settled;
  const money = (value: bigint) => fromMinor(value, currency as CurrencyCode);
  return {
    currency,
    obligationCount: graph.obligationCount,
    participantCount: participants.length,
    gross: money(gross),
    bilateral: money(graph.bilateral),
    lowerBound: money(graph.lowerBound),
    settled: money(settled),
    savings: money(savings),
    savingsRatio: gross === 0n ? 0 : Number(savings) / Number(gross),
    instructionCount,
    componentCount: components.count,
    cyclicComponents,
  };
}

function writeCurrency(
  writer: ByteWriter,
  graph: CurrencyGraph,
  list: InstructionList,
  potentials: Float64Array | undefined,
): void {
  const { participants, edgeFrom, edgeTo, edgeCount, edgeAmountNumber, edgeAmountBig, nets } = graph;
  writer.string(graph.currency);
  writer.uint(participants.length);
  for (const name of participants) writer.string(name);
  writer.uint(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    writer.uint(edgeFrom[e]!);
    writer.uint(edgeTo[e]!);
    if (edgeAmountNumber !== undefined) writer.uint(edgeAmountNumber[e]!);
    else writer.big(edgeAmountBig![e]!);
  }
  for (const x of nets) writer.signed(x);
  writer.uint(list.from.length);
  for (let i = 0; i < list.from.length; i++) {
    writer.uint(list.from[i]! + 1);
    writer.uint(list.to[i]! + 1);
    writer.big(list.amount[i]!);
  }
  writer.uint(potentials === undefined ? 0 : potentials.length);
  if (potentials !== undefined) for (const x of potentials) writer.uint(x);
}
