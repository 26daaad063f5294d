/**
 * Multi-hop FX path search, exact under fees, rounding and liquidity: an iterative depth-first search
 * over simple chains of currencies (no currency twice, so an arbitrage cycle can never be followed) up to
 * `maxHops`, carrying at each depth the set of amounts the chain can hold there (each from one choice
 * of banks for the hops so far, dominated ones dropped), in exact bigint minor units.
 *
 * Why a set and not the best amount: a hop's output never decreases as its input grows (fees and
 * rounding are monotone), but a bank can only pay out up to its liquidity. A larger intermediate amount
 * may therefore be infeasible further on where a smaller one fits. An amount is only dropped when it is
 * dominated: a larger amount that no continuation can push over any bank's liquidity (it is at or below
 * the `safe` threshold of its currency) delivers at least as much on every continuation. Floats serve
 * only as bounds with a relative margin ({@link FLOAT_MARGIN}): branch and bound, and skipping a bank
 * that cannot beat what is already held. Every amount kept and every answer is exact.
 *
 * Ties between bank choices on one chain of currencies: more received, then more carried at the hops
 * before (last hop first), then the BICs in hop order. This order is what makes keeping only the largest
 * feasible predecessor, and dropping dominated amounts, exact.
 * @internal
 */
import { CoreErrorCodes, type CurrencyCode, InvariantError, type Money } from '../../index';
import { EXACT_CANDIDATES, PATHS_EXPLORED_MAX } from '../defaults';
import type { ChargeTreatment, RouteCandidate, RouteWeights } from '../types';
import {
  availability,
  buildCandidate,
  compareCandidates,
  evaluateHop,
  type HopFigures,
  isFailure,
  operatesAt,
  type Rounding,
  sharedAmounts,
} from './evaluate';
import {
  type CorridorEdge,
  FLOAT_MARGIN,
  type Index,
  type IndexedBank,
  type SearchBounds,
} from './index-types';
import { localTime } from './local-time';
import { roundToInteger } from './rational';

/** 1 + margin: applied to every float upper bound. */
const UP = 1 + FLOAT_MARGIN;
/** Number(x) is within 2⁻⁵³ of x; comparing a bound with x · (1 − 1e-12) keeps "certainly below" certain. */
const BELOW = 1 - 1e-12;
/** `exactOut`: the fees take the amount or nothing is passed on (smaller inputs fail too). */
const NOTHING = 0n;
/** `exactOut`: the output exceeds the bank's liquidity (a smaller input may fit). */
const OVER_LIQUIDITY = -1n;

/** The search's answer. */
export interface SearchResult {
  readonly candidates: RouteCandidate[];
  /** Exact hop evaluations performed (each extends one partial chain by one bank). */
  readonly explored: number;
  readonly truncated: boolean;
}

/** A partial chain: the amount it carries after its last hop, that hop's bank, and the chain before. */
interface Reach {
  /** Minor units of the currency reached. */
  readonly amount: bigint;
  /** Number(amount), for the bounds. */
  readonly approx: number;
  /** Index of the hop's bank in its corridor's `banks`; -1 at the source. */
  readonly bank: number;
  readonly prev: Reach | undefined;
}

/** A complete chain kept for the exact candidates. */
interface Found {
  readonly path: readonly CorridorEdge[];
  readonly end: Reach;
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

/** The exact output of bank `j` of `edge` for `input` minor units, or {@link NOTHING} / {@link OVER_LIQUIDITY}. */
function exactOut(edge: CorridorEdge, j: number, input: bigint, deduct: boolean, rounding: Rounding): bigint {
  // The same arithmetic as evaluateHop (checked again when the winners are rebuilt with it).
  let principal = input;
  if (deduct) {
    const percentage = roundToInteger(
      input * (edge.feeN[j] as bigint),
      edge.feeD[j] as bigint,
      rounding.fee,
    ) as bigint;
    principal = input - (edge.fixedMinor[j] as bigint) - percentage;
    if (principal <= 0n) return NOTHING;
  }
  const out = roundToInteger(
    principal * (edge.scaledN[j] as bigint),
    edge.scaledD[j] as bigint,
    rounding.conversion,
  ) as bigint;
  if (out <= 0n) return NOTHING;
  return out > (edge.liquidityMinor[j] as bigint) ? OVER_LIQUIDITY : out;
}

/**
 * Orders two partial chains over the same corridors, better first: more carried at the last hop, then
 * at each hop before it, then the BICs in hop order. `path[k]` is the corridor of hop k (1-based).
 */
function compareReach(a: Reach, b: Reach, path: readonly CorridorEdge[]): number {
  let x: Reach | undefined = a;
  let y: Reach | undefined = b;
  let hops = 0;
  while (x !== undefined && y !== undefined) {
    if (x.amount !== y.amount) return x.amount > y.amount ? -1 : 1;
    x = x.prev;
    y = y.prev;
    hops++;
  }
  const banksA = banksOf(a, hops - 1);
  const banksB = banksOf(b, hops - 1);
  for (let k = 1; k < hops; k++) {
    const banks = (path[k] as CorridorEdge).banks;
    const bicA = (banks[banksA[k - 1] as number] as IndexedBank).bic;
    const bicB = (banks[banksB[k - 1] as number] as IndexedBank).bic;
    if (bicA !== bicB) return bicA < bicB ? -1 : 1;
  }
  return 0;
}

/** The bank index of each hop of a partial chain of `hops` hops, first hop first. */
function banksOf(end: Reach, hops: number): number[] {
  const banks = new Array<number>(hops);
  let at: Reach | undefined = end;
  for (let k = hops - 1; k >= 0 && at !== undefined; k--) {
    banks[k] = at.bank;
    at = at.prev;
  }
  return banks;
}

/**
 * Upper bound of what a chain can still deliver, affine in the amount held: one hop turns x into at most
 * x · phi + 1 (fees only lower it; conversion rounding adds less than one minor unit), so h hops give at
 * most A · x + B. A and B are maximised separately over the corridors (an upper bound), ignoring fees,
 * liquidity, opening hours, quote age and the no-revisit rule. They depend on the registry only.
 */
function gains(index: Index, targetId: number, maxHops: number): SearchBounds {
  const size = index.currencyIds.size;
  const matrix = index.edgeMatrix;
  const gainA = new Float64Array((maxHops + 1) * size);
  const gainB = new Float64Array((maxHops + 1) * size);
  for (let h = 1; h <= maxHops; h++) {
    for (let v = 0; v < size; v++) {
      let a = 0;
      let b = 0;
      const direct = matrix[v * size + targetId];
      if (direct !== undefined && direct.maxPhi > 0) {
        a = direct.maxPhi;
        b = 1;
      }
      if (h > 1) {
        for (const edge of index.edgesFrom[v] as readonly CorridorEdge[]) {
          if (edge.toId === targetId || edge.maxPhi === 0) continue;
          const next = (h - 1) * size + edge.toId;
          const a1 = gainA[next] as number;
          if (a1 === 0) continue;
          if (edge.maxPhi * a1 > a) a = edge.maxPhi * a1;
          const b1 = a1 + (gainB[next] as number);
          if (b1 > b) b = b1;
        }
      }
      gainA[h * size + v] = a;
      gainB[h * size + v] = b;
    }
  }
  return {
    gainA,
    gainB,
    safe: new Float64Array((maxHops + 1) * size).fill(Number.NaN),
    order: new Array((maxHops + 1) * size),
  };
}

/** One search: the registry's corridors, the request, the bounds and the work done. */
class Search {
  readonly open: OpenBanks;
  readonly size: number;
  readonly targetId: number;
  readonly gainA: Float64Array;
  readonly gainB: Float64Array;
  private readonly safeMemo: Float64Array;
  private readonly orderMemo: (readonly CorridorEdge[] | undefined)[];
  /** Scratch: each bank's output bound for the largest amount held (see `firstBank`). */
  private topBound: Float64Array = new Float64Array(16);
  readonly found: Found[] = [];
  /** Below this float, a chain cannot reach the kept candidates (0 until there are enough). */
  floor = 0;
  explored = 0;
  truncated = false;

  constructor(
    readonly index: Index,
    readonly maxHops: number,
    targetId: number,
    now: number,
    readonly deduct: boolean,
    readonly rounding: Rounding,
  ) {
    this.open = new OpenBanks(index.banks.length, now);
    this.size = index.currencyIds.size;
    this.targetId = targetId;
    const key = targetId * 8 + maxHops;
    let bounds = index.searchBounds.get(key);
    if (bounds === undefined) {
      bounds = gains(index, targetId, maxHops);
      index.searchBounds.set(key, bounds);
    }
    this.gainA = bounds.gainA;
    this.gainB = bounds.gainB;
    this.safeMemo = bounds.safe;
    this.orderMemo = bounds.order;
  }

  /**
   * The corridors out of `v` that can still reach the target within `h` conversions, most promising
   * first: good chains found early raise the floor, so branch and bound prunes more. Ties keep the
   * registry's order. The answer does not depend on this order (ties for the last place are kept).
   */
  corridors(h: number, v: number): readonly CorridorEdge[] {
    const key = h * this.size + v;
    const known = this.orderMemo[key];
    if (known !== undefined) return known;
    const potential = (edge: CorridorEdge): number =>
      edge.toId === this.targetId
        ? edge.maxPhi
        : h > 1
          ? edge.maxPhi * (this.gainA[(h - 1) * this.size + edge.toId] as number)
          : 0;
    const list = (this.index.edgesFrom[v] as readonly CorridorEdge[])
      .filter((edge) => potential(edge) > 0)
      .sort((a, b) => potential(b) - potential(a));
    this.orderMemo[key] = list;
    return list;
  }

  /** The most `x` minor units at `v` can still deliver with at most `h` more conversions (0: unreachable). */
  bound(x: number, h: number, v: number): number {
    const a = this.gainA[h * this.size + v] as number;
    return a === 0 ? 0 : (x * a + (this.gainB[h * this.size + v] as number)) * UP;
  }

  /**
   * The amount (minor units of `v`, float) up to which no continuation of at most `h` conversions from v
   * can exceed any bank's liquidity: every corridor's `safeInput`, and the next currency's threshold
   * pulled back through the corridor's largest rate. Conservative: it ignores the no-revisit rule and
   * opening hours, which only lowers it.
   */
  safe(h: number, v: number): number {
    const key = h * this.size + v;
    const memo = this.safeMemo[key] as number;
    if (!Number.isNaN(memo)) return memo;
    let s = Number.POSITIVE_INFINITY;
    const direct = this.index.edgeMatrix[v * this.size + this.targetId];
    if (direct !== undefined) s = direct.safeInput;
    if (h > 1) {
      for (const edge of this.index.edgesFrom[v] as readonly CorridorEdge[]) {
        if (edge.toId === this.targetId) continue;
        let t = edge.safeInput;
        const down = this.safe(h - 1, edge.toId);
        if (down !== Number.POSITIVE_INFINITY && edge.maxPhi > 0) {
          const back = ((down - 1) / edge.maxPhi) * (1 - FLOAT_MARGIN);
          if (back < t) t = back;
        }
        if (t < s) s = t;
      }
    }
    this.safeMemo[key] = s;
    return s;
  }

  /** An upper bound (float) of bank j's output for `x` minor units in (x a float ≥ the exact input). */
  outBound(edge: CorridorEdge, j: number, x: number): number {
    const phi = edge.phi[j] as number;
    // The percentage fee is rounded at most one minor unit below x · fee; the conversion adds < 1.
    const principal = this.deduct ? x - (edge.fixedFloat[j] as number) - x * (edge.fee[j] as number) + 1 : x;
    return (principal * phi + 1) * UP + FLOAT_MARGIN * x * phi;
  }

  /** Counts one exact evaluation; false once the bound on the work is reached. */
  private step(): boolean {
    if (++this.explored > PATHS_EXPLORED_MAX) {
      this.truncated = true;
      return false;
    }
    return true;
  }

  /**
   * Fills `topBound[j]` with bank j's output bound for `x` (−∞ when the bank is closed) and returns the
   * bank with the largest, or -1: evaluating it first lets the others be skipped against it.
   */
  private firstBank(edge: CorridorEdge, x: number): number {
    const n = edge.banks.length;
    if (this.topBound.length < n) this.topBound = new Float64Array(2 * n);
    const bounds = this.topBound;
    let first = -1;
    let high = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      if (!this.open.isOpen(edge.banks[j] as IndexedBank, edge.cutOff[j] as number)) {
        bounds[j] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const u = this.outBound(edge, j, x);
      bounds[j] = u;
      if (u > high) {
        high = u;
        first = j;
      }
    }
    return first;
  }

  /**
   * The amounts the chain can hold after `edge` (to a currency other than the target), from the set
   * `from` it holds before: for each open bank, its output for each input it can carry, largest input
   * first, stopping at the first output that is safe (every smaller input gives a dominated output).
   * Sorted, largest first, one per amount, dominated amounts dropped.
   */
  extend(from: readonly Reach[], edge: CorridorEdge, hopsLeft: number, path: CorridorEdge[]): Reach[] {
    const out: Reach[] = [];
    const first = this.firstBank(edge, (from[0] as Reach).approx);
    if (first < 0) return out;
    const bounds = this.topBound;
    const safe = this.safe(hopsLeft, edge.toId);
    const to = edge.toId;
    let bestSafe = -1n;
    // Below this, an output is dominated by the safe amount held (none yet: −∞).
    let dominated = Number.NEGATIVE_INFINITY;
    for (let order = -1; order < edge.banks.length; order++) {
      const j = order < 0 ? first : order;
      if (order >= 0 && j === first) continue;
      let u = bounds[j] as number; // the bound for the largest input; −∞ for a closed bank
      for (let i = 0; i < from.length; i++) {
        const p = from[i] as Reach;
        if (i > 0) u = this.outBound(edge, j, p.approx);
        // Nothing passed on, dominated by a safe amount held, or cannot reach the floor: the same holds
        // for every smaller input.
        if (u < 1 || u < dominated || this.bound(u, hopsLeft, to) < this.floor) break;
        if (!this.step()) return out;
        const r = exactOut(edge, j, p.amount, this.deduct, this.rounding);
        if (r === NOTHING) break;
        if (r === OVER_LIQUIDITY) continue;
        const approx = Number(r);
        if (this.bound(approx, hopsLeft, to) < this.floor) break;
        out.push({ amount: r, approx, bank: j, prev: p });
        if (approx <= safe) {
          if (r > bestSafe) {
            bestSafe = r;
            dominated = approx * BELOW;
          }
          break;
        }
      }
    }
    if (out.length > 1) {
      out.sort((a, b) => (a.amount !== b.amount ? (a.amount > b.amount ? -1 : 1) : compareReach(a, b, path)));
      let kept = 0;
      for (let i = 0; i < out.length; i++) {
        const r = out[i] as Reach;
        if (r.amount < bestSafe) break; // safe and below a safe amount held: dominated
        if (kept > 0 && (out[kept - 1] as Reach).amount === r.amount) continue; // same amount, worse chain
        out[kept++] = r;
      }
      out.length = kept;
    }
    return out;
  }

  /** The best complete chain over `edge` (into the target) from the set `from`, or undefined. */
  finish(from: readonly Reach[], edge: CorridorEdge, path: CorridorEdge[]): Reach | undefined {
    const first = this.firstBank(edge, (from[0] as Reach).approx);
    if (first < 0) return undefined;
    const bounds = this.topBound;
    let best: Reach | undefined;
    // Below this, a bank cannot beat the floor or the best found on this path.
    let beaten = this.floor;
    for (let order = -1; order < edge.banks.length; order++) {
      const j = order < 0 ? first : order;
      if (order >= 0 && j === first) continue;
      let u = bounds[j] as number;
      // The largest input this bank can carry gives its most; equal outputs prefer the larger input.
      for (let i = 0; i < from.length; i++) {
        const p = from[i] as Reach;
        if (i > 0) u = this.outBound(edge, j, p.approx);
        if (u < 1 || u < beaten) break;
        if (!this.step()) return best;
        const r = exactOut(edge, j, p.amount, this.deduct, this.rounding);
        if (r === NOTHING) break;
        if (r === OVER_LIQUIDITY) continue;
        const reach: Reach = { amount: r, approx: Number(r), bank: j, prev: p };
        if (best === undefined || compareReach(reach, best, path) < 0) {
          best = reach;
          if (reach.approx * BELOW > beaten) beaten = reach.approx * BELOW;
        }
        break;
      }
    }
    return best;
  }

  /** Keeps a complete chain if it can be among the best `EXACT_CANDIDATES` (ties at the last place kept). */
  remember(path: readonly CorridorEdge[], end: Reach): void {
    const found = this.found;
    let at = found.length;
    while (at > 0 && (found[at - 1] as Found).end.amount < end.amount) at--;
    found.splice(at, 0, { path, end });
    if (found.length >= EXACT_CANDIDATES) {
      const last = (found[EXACT_CANDIDATES - 1] as Found).end.amount;
      let keep = EXACT_CANDIDATES;
      while (keep < found.length && (found[keep] as Found).end.amount === last) keep++;
      found.length = keep;
      this.floor = Number(last) * BELOW;
    }
  }
}

/**
 * Every simple chain from `source` to `target` with `minHops` … `maxHops` conversions, each with its best
 * choice of open banks, searched exactly; the `EXACT_CANDIDATES` chains of currencies that deliver the
 * most, most received first (ties: score, then BIC order).
 */
export function searchPaths(
  index: Index,
  source: CurrencyCode,
  target: CurrencyCode,
  sent: Money,
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
  const search = new Search(index, maxHops, targetId, now, charges === 'deduct', rounding);
  const size = search.size;
  const matrix = index.edgeMatrix;
  const stackNode = new Int32Array(maxHops + 1);
  const stackEdge = new Int32Array(maxHops + 1);
  const sets: Reach[][] = new Array(maxHops + 1);
  const taken: CorridorEdge[] = new Array(maxHops + 1);
  const visited = new Uint8Array(size);
  let depth = 0;
  stackNode[0] = sourceId;
  sets[0] = [{ amount: sent.minor, approx: Number(sent.minor), bank: -1, prev: undefined }];
  visited[sourceId] = 1;
  while (depth >= 0 && !search.truncated) {
    const node = stackNode[depth] as number;
    const list = search.corridors(maxHops - depth, node);
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
    const toTarget = edge.toId === targetId;
    if (toTarget && depth + 1 < minHops) continue;
    const rate = edge.rate;
    if (rate === undefined || now - rate.timestampMs > maxRateAgeMs) continue;
    const held = sets[depth] as Reach[];
    const top = (held[0] as Reach).approx;
    const hopsLeft = maxHops - depth - 1;
    // Branch and bound on the largest amount held: nothing on this corridor can beat the floor.
    const reach = (top * edge.maxPhi + 1) * UP;
    if (toTarget ? reach < search.floor : search.bound(reach, hopsLeft, edge.toId) < search.floor) continue;
    if (!toTarget && search.gainA[hopsLeft * size + edge.toId] === 0) continue;
    taken[depth + 1] = edge;
    if (toTarget) {
      const end = search.finish(held, edge, taken);
      if (end !== undefined) search.remember(taken.slice(1, depth + 2), end);
      continue;
    }
    const extended = search.extend(held, edge, hopsLeft, taken);
    if (extended.length === 0) continue;
    depth++;
    stackNode[depth] = edge.toId;
    stackEdge[depth] = 0;
    sets[depth] = extended;
    visited[edge.toId] = 1;
  }

  const shared = sharedAmounts(sent);
  const candidates: RouteCandidate[] = search.found.map(({ path, end }) => {
    const hops = rebuild(path, end, now, sent.minor, charges, rounding);
    return buildCandidate(hops, charges, weights, hops.length === 1 ? 'direct' : 'multiHop', shared);
  });
  candidates.sort((a, b) =>
    a.amountReceived.minor !== b.amountReceived.minor
      ? a.amountReceived.minor > b.amountReceived.minor
        ? -1
        : 1
      : compareCandidates(a, b),
  );
  if (candidates.length > EXACT_CANDIDATES) candidates.length = EXACT_CANDIDATES;
  return { candidates, explored: search.explored, truncated: search.truncated };
}

/** The hops of a chain found by the search, evaluated in full by `evaluateHop` (same amounts, asserted). */
function rebuild(
  path: readonly CorridorEdge[],
  end: Reach,
  now: number,
  amountMinor: bigint,
  charges: ChargeTreatment,
  rounding: Rounding,
): HopFigures[] {
  const reaches: Reach[] = [];
  for (let at: Reach | undefined = end; at?.prev !== undefined; at = at.prev) reaches.unshift(at);
  const hops: HopFigures[] = [];
  let amount = amountMinor;
  path.forEach((edge, k) => {
    const reach = reaches[k] as Reach;
    const j = reach.bank;
    const bank = edge.banks[j] as IndexedBank;
    const available = availability(bank, edge.to, now);
    const rate = edge.rate;
    if (!available.ok || rate === undefined) throw broken(edge, bank);
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
    if (isFailure(figures) || figures.amountOut !== reach.amount) throw broken(edge, bank);
    hops.push(figures);
    amount = figures.amountOut;
  });
  return hops;
}

function broken(edge: CorridorEdge, bank: IndexedBank): InvariantError {
  return new InvariantError(
    CoreErrorCodes.INVARIANT,
    `[deltran/routing] path search: ${edge.from}→${edge.to} at ${bank.bic}: the exact evaluation differs from the search's`,
  );
}
