/**
 * Multi-hop FX path search: an exhaustive depth-first search over simple chains of conversions (no
 * currency twice, so an arbitrage cycle can never be followed) up to `maxHops`, ranked with floats, the
 * best few evaluated exactly. Iterative, with an explicit stack and a bound on the work (TIGER_STYLE).
 * The inner loop reads only typed arrays precomputed by `createRegistry` (see `CorridorEdge`).
 * @internal
 */
import type { CurrencyCode, Money } from '../../index';
import { EXACT_CANDIDATES, PATHS_EXPLORED_MAX } from '../defaults';
import type { ChargeTreatment, RouteCandidate, RouteWeights } from '../types';
import {
  availability,
  buildCandidate,
  evaluateHop,
  type HopFigures,
  isFailure,
  operatesAt,
  type Rounding,
  sharedAmounts,
} from './evaluate';
import type { CorridorEdge, Index, IndexedBank } from './index-types';
import { localTime } from './local-time';

// A float this close to a bank's liquidity is rechecked exactly rather than dropped.
const LIQUIDITY_SLACK = 1 + 1e-9;

/** The search's answer. */
export interface SearchResult {
  readonly candidates: RouteCandidate[];
  readonly explored: number;
  readonly truncated: boolean;
}

/** Which banks are open at `now`: each bank's local time computed once per search, on first use. */
class OpenBanks {
  private readonly state: Uint8Array;
  private readonly minute: Int32Array;

  constructor(
    size: number,
    private readonly now: number,
  ) {
    this.state = new Uint8Array(size);
    this.minute = new Int32Array(size);
  }

  /** Whether `bank` operates today and its local time is before `cutOff` (minutes after midnight). */
  isOpen(bank: IndexedBank, cutOff: number): boolean {
    const p = bank.position;
    let state = this.state[p] as number;
    if (state === 0) {
      const local = localTime(bank.clock, this.now);
      state = operatesAt(bank, local) ? 1 : 2;
      this.state[p] = state;
      this.minute[p] = local.minuteOfDay;
    }
    return state === 1 && (this.minute[p] as number) < cutOff;
  }
}

/**
 * Every simple chain from `source` to `target` with `minHops` … `maxHops` conversions, the best bank
 * per hop by float output; the best `EXACT_CANDIDATES` chains evaluated exactly (all open banks tried at
 * each hop), most received first.
 */
export function searchPaths(
  index: Index,
  source: CurrencyCode,
  target: CurrencyCode,
  sent: Money,
  amountMajor: number,
  now: number,
  maxRateAgeMs: number,
  maxHops: number,
  minHops: number,
  charges: ChargeTreatment,
  rounding: Rounding,
  weights: RouteWeights,
): SearchResult {
  const sourceId = index.currencyIds.get(source);
  const targetId = index.currencyIds.get(target);
  if (sourceId === undefined || targetId === undefined)
    return { candidates: [], explored: 0, truncated: false };
  const open = new OpenBanks(index.banks.length, now);
  const size = index.currencyIds.size;
  const matrix = index.edgeMatrix;
  // bound[h · size + v]: the most one unit at v can become in at most h more conversions, ignoring fees,
  // liquidity and opening hours: an upper bound that lets the search skip chains that cannot make the
  // five best. Exact for the last hop's corridor; a product of per-corridor maxima before it.
  const bound = new Float64Array((maxHops + 1) * size);
  for (let h = 1; h <= maxHops; h++) {
    for (let v = 0; v < size; v++) {
      let b = 0;
      const direct = matrix[v * size + targetId];
      if (direct !== undefined) b = direct.maxFactor;
      if (h > 1) {
        for (const edge of index.edgesFrom[v] as readonly CorridorEdge[]) {
          if (edge.toId === targetId) continue;
          const through = edge.maxFactor * (bound[(h - 1) * size + edge.toId] as number);
          if (through > b) b = through;
        }
      }
      bound[h * size + v] = b;
    }
  }
  const deduct = charges === 'deduct';
  const stackNode = new Int32Array(maxHops + 1);
  const stackEdge = new Int32Array(maxHops + 1);
  const stackAmount = new Float64Array(maxHops + 1);
  const taken: CorridorEdge[] = new Array(maxHops + 1);
  const visited = new Uint8Array(index.currencyIds.size);
  const best: { amount: number; path: CorridorEdge[] }[] = [];
  let explored = 0;
  let truncated = false;
  let depth = 0;
  stackNode[0] = sourceId;
  stackAmount[0] = amountMajor;
  visited[sourceId] = 1;
  while (depth >= 0) {
    const node = stackNode[depth] as number;
    const list = index.edgesFrom[node] as readonly CorridorEdge[];
    const next = stackEdge[depth] as number;
    if (next >= list.length || depth === maxHops) {
      visited[node] = 0;
      depth--;
      continue;
    }
    let edge: CorridorEdge;
    if (depth === maxHops - 1) {
      // The last conversion must land on the target: one look-up instead of a scan.
      stackEdge[depth] = list.length;
      const last = matrix[node * size + targetId];
      if (last === undefined) continue;
      edge = last;
    } else {
      stackEdge[depth] = next + 1;
      edge = list[next] as CorridorEdge;
    }
    if (visited[edge.toId] === 1) continue;
    const hopsLeft = maxHops - depth - 1;
    const floor =
      best.length === EXACT_CANDIDATES ? (best[EXACT_CANDIDATES - 1] as { amount: number }).amount : 0;
    if (
      edge.toId !== targetId &&
      (stackAmount[depth] as number) * edge.maxFactor * (bound[hopsLeft * size + edge.toId] as number) <=
        floor
    )
      continue;
    if (edge.toId === targetId && (stackAmount[depth] as number) * edge.maxFactor <= floor) continue;
    const rate = edge.rate;
    if (rate === undefined || now - rate.timestampMs > maxRateAgeMs) continue;
    if (++explored > PATHS_EXPLORED_MAX) {
      truncated = true;
      break;
    }
    const amount = stackAmount[depth] as number;
    let out = -1;
    for (let j = 0; j < edge.banks.length; j++) {
      const fees = (edge.fixed[j] as number) + amount * (edge.fee[j] as number);
      const principal = deduct ? amount - fees : amount;
      if (!(principal > 0)) continue;
      const value = principal * (edge.factor[j] as number);
      if (
        value > out &&
        value <= (edge.liquidity[j] as number) * LIQUIDITY_SLACK &&
        open.isOpen(edge.banks[j] as IndexedBank, edge.cutOff[j] as number)
      ) {
        out = value;
      }
    }
    if (out <= 0) continue;
    taken[depth + 1] = edge;
    if (edge.toId === targetId) {
      if (depth + 1 >= minHops) remember(best, out, taken.slice(1, depth + 2));
      continue;
    }
    depth++;
    stackNode[depth] = edge.toId;
    stackEdge[depth] = 0;
    stackAmount[depth] = out;
    visited[edge.toId] = 1;
  }

  const candidates: RouteCandidate[] = [];
  const shared = sharedAmounts(sent);
  for (const { path } of best) {
    const hops = exactChain(path, open, now, sent.minor, charges, rounding);
    if (hops !== undefined)
      candidates.push(
        buildCandidate(hops, charges, weights, hops.length === 1 ? 'direct' : 'multiHop', shared),
      );
  }
  candidates.sort((a, b) =>
    a.amountReceived.minor === b.amountReceived.minor
      ? 0
      : a.amountReceived.minor > b.amountReceived.minor
        ? -1
        : 1,
  );
  return { candidates, explored, truncated };
}

function remember(
  best: { amount: number; path: CorridorEdge[] }[],
  amount: number,
  path: CorridorEdge[],
): void {
  if (best.length === EXACT_CANDIDATES && amount <= (best[best.length - 1] as { amount: number }).amount)
    return;
  let at = best.length;
  while (at > 0 && (best[at - 1] as { amount: number }).amount < amount) at--;
  best.splice(at, 0, { amount, path });
  if (best.length > EXACT_CANDIDATES) best.pop();
}

/** Exact evaluation of a chain: at each hop the open bank that passes on the most (ties: lower BIC). */
function exactChain(
  path: readonly CorridorEdge[],
  open: OpenBanks,
  now: number,
  amountMinor: bigint,
  charges: ChargeTreatment,
  rounding: Rounding,
): HopFigures[] | undefined {
  const hops: HopFigures[] = [];
  let amount = amountMinor;
  for (const edge of path) {
    const rate = edge.rate;
    if (rate === undefined) return undefined;
    let chosen: HopFigures | undefined;
    for (let j = 0; j < edge.banks.length; j++) {
      const bank = edge.banks[j] as IndexedBank;
      if (!open.isOpen(bank, edge.cutOff[j] as number)) continue;
      const available = availability(bank, edge.to, now);
      if (!available.ok) continue;
      const conversion = {
        rate,
        effective: edge.effective[j] as NonNullable<(typeof edge.effective)[number]>,
        effectiveText: edge.effectiveText[j] as string,
        scaledN: edge.scaledN[j] as bigint,
        scaledD: edge.scaledD[j] as bigint,
        lossN: edge.lossN[j] as bigint,
        lossD: edge.lossD[j] as bigint,
      };
      const figures = evaluateHop(bank, edge.from, edge.to, conversion, amount, charges, rounding, available);
      if (isFailure(figures)) continue;
      if (
        chosen === undefined ||
        figures.amountOut > chosen.amountOut ||
        (figures.amountOut === chosen.amountOut && figures.bank.bic < chosen.bank.bic)
      ) {
        chosen = figures;
      }
    }
    if (chosen === undefined) return undefined;
    hops.push(chosen);
    amount = chosen.amountOut;
  }
  return hops;
}
