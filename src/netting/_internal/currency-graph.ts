/**
 * One currency's obligation graph in canonical form: participants in code-unit order (local index =
 * position), links aggregated per debtor→creditor pair and sorted, net positions, and the totals every
 * mode reports. Everything downstream depends only on this, which is why results do not depend on the
 * order of the input.
 * @internal
 */
import type { CurrencyCode } from '../../index';
import type { Columns } from './ingest';
import { sortByPair } from './radix';

/** @internal */
export interface CurrencyGraph {
  readonly currency: CurrencyCode;
  /** Index of the currency in `Columns.currencies`. */
  readonly currencyIndex: number;
  /** Participants of this currency in code-unit order; a local index is a position in this list. */
  readonly participants: readonly string[];
  /** Global participant index (into `Columns.participants`) of each local participant. */
  readonly globalOf: Int32Array;
  readonly obligationCount: number;
  /** Aggregated links, sorted by (lower endpoint, higher endpoint), the lower endpoint paying first. */
  readonly edgeCount: number;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  /** Gross amount of each link, exact minor units (present when the currency is exact). */
  readonly edgeAmountNumber: Float64Array | undefined;
  /** Gross amount of each link as bigint (present when the currency is not exact). */
  readonly edgeAmountBig: readonly bigint[] | undefined;
  /** Net position (received − paid) per local participant. */
  readonly nets: readonly bigint[];
  /**
   * The same net positions as doubles, present when the currency is exact: every one is an integer of
   * magnitude at most the gross total ≤ 2^53 − 1, so each is exact (docs/netting.md §4).
   */
  readonly netNumber: Float64Array | undefined;
  readonly gross: bigint;
  readonly bilateral: bigint;
  readonly lowerBound: bigint;
}

/** The gross amount of every link as bigint. @internal */
export function edgeAmounts(graph: CurrencyGraph): bigint[] {
  if (graph.edgeAmountBig !== undefined) return graph.edgeAmountBig.slice();
  const numbers = graph.edgeAmountNumber!;
  const out = new Array<bigint>(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) out[e] = BigInt(numbers[e]!);
  return out;
}

/** The exact amount of obligation `i`. @internal */
export function obligationAmount(columns: Columns, i: number): bigint {
  return columns.large.get(i) ?? BigInt(columns.amount[i]!);
}

/**
 * Sums per unordered pair of participants `(lo, hi)`: what `lo` owes `hi` (`up`) and what `hi` owes
 * `lo` (`down`). An open-addressing hash on typed arrays: one probe per obligation, no sort of the
 * obligations, no per-obligation allocation. Amounts are doubles while the currency is exact (every
 * partial sum is then an integer ≤ 2^53 − 1) and bigints otherwise.
 */
class PairTable {
  readonly exact: boolean;
  size = 0;
  obligations = 0;
  lo: Int32Array;
  hi: Int32Array;
  up: Float64Array;
  down: Float64Array;
  upBig: bigint[] = [];
  downBig: bigint[] = [];
  private slots: Int32Array;
  private mask: number;

  /** @param expected - an upper bound on the pairs (the currency's obligation count), to size up front */
  constructor(exact: boolean, expected: number) {
    this.exact = exact;
    // Sized for the usual case of about one pair per 4 obligations; grows past that.
    let entries = 1024;
    while (entries < expected / 4) entries *= 2;
    this.lo = new Int32Array(entries);
    this.hi = new Int32Array(entries);
    this.up = new Float64Array(entries);
    this.down = new Float64Array(entries);
    this.slots = new Int32Array(entries * 2);
    this.mask = entries * 2 - 1;
  }

  private static hash(lo: number, hi: number): number {
    let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
  }

  /** The entry of pair `(lo, hi)`, created empty if new. */
  entry(lo: number, hi: number): number {
    const { slots, mask } = this;
    let slot = PairTable.hash(lo, hi) & mask;
    for (;;) {
      const e = slots[slot]! - 1;
      if (e < 0) break;
      if (this.lo[e] === lo && this.hi[e] === hi) return e;
      slot = (slot + 1) & mask;
    }
    const e = this.size++;
    if (e === this.lo.length) this.growEntries();
    this.lo[e] = lo;
    this.hi[e] = hi;
    if (!this.exact) {
      this.upBig.push(0n);
      this.downBig.push(0n);
    }
    slots[slot] = e + 1;
    if (this.size * 2 > slots.length) this.growSlots();
    return e;
  }

  private growEntries(): void {
    const n = this.lo.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.lo = grow(this.lo, (k) => new Int32Array(k));
    this.hi = grow(this.hi, (k) => new Int32Array(k));
    this.up = grow(this.up, (k) => new Float64Array(k));
    this.down = grow(this.down, (k) => new Float64Array(k));
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let slot = PairTable.hash(this.lo[e]!, this.hi[e]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * Builds the canonical graph of every currency, sorted by currency code.
 * @internal
 */
export function buildCurrencyGraphs(columns: Columns): CurrencyGraph[] {
  const { count, participants, currencies, debtor, creditor, currency, amount, large } = columns;
  const participantCount = participants.length;
  // Canonical ranks: code-unit order of names (the default sort order of strings).
  const byName = Array.from({ length: participantCount }, (_, i) => i).sort((a, b) => {
    const x = participants[a]!;
    const y = participants[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Int32Array(participantCount);
  for (let r = 0; r < participantCount; r++) rank[byName[r]!] = r;

  const tables = currencies.map((_, k) => new PairTable(columns.exact[k]!, columns.currencyCounts[k]!));
  for (let i = 0; i < count; i++) {
    const a = rank[debtor[i]!]!;
    const b = rank[creditor[i]!]!;
    const table = tables[currency[i]!]!;
    table.obligations++;
    const e = a < b ? table.entry(a, b) : table.entry(b, a);
    if (table.exact) {
      if (a < b) table.up[e]! += amount[i]!;
      else table.down[e]! += amount[i]!;
    } else {
      const value = large.get(i) ?? BigInt(amount[i]!);
      if (a < b) table.upBig[e] = table.upBig[e]! + value;
      else table.downBig[e] = table.downBig[e]! + value;
    }
  }

  const order = currencies.map((_, k) => k).sort((a, b) => (currencies[a]! < currencies[b]! ? -1 : 1));
  const stamp = new Int32Array(participantCount).fill(-1);
  const local = new Int32Array(participantCount);
  return order.map((k) => buildOne(columns, k, tables[k]!, byName, stamp, local, participantCount));
}

function buildOne(
  columns: Columns,
  k: number,
  table: PairTable,
  byName: readonly number[],
  stamp: Int32Array,
  local: Int32Array,
  participantCount: number,
): CurrencyGraph {
  const pairs = table.size;
  const perm = sortByPair(table.lo.subarray(0, pairs), table.hi.subarray(0, pairs), participantCount);
  const present: number[] = [];
  for (let e = 0; e < pairs; e++) {
    const a = table.lo[e]!;
    const b = table.hi[e]!;
    if (stamp[a] !== k) {
      stamp[a] = k;
      present.push(a);
    }
    if (stamp[b] !== k) {
      stamp[b] = k;
      present.push(b);
    }
  }
  const ranks = Int32Array.from(present).sort();
  const size = ranks.length;
  const names: string[] = new Array<string>(size);
  const globalOf = new Int32Array(size);
  for (let p = 0; p < size; p++) {
    local[ranks[p]!] = p;
    globalOf[p] = byName[ranks[p]!]!;
    names[p] = columns.participants[globalOf[p]!]!;
  }
  // Exact sizes: at a million obligations every avoided megabyte of ArrayBuffer keeps V8 from
  // starting a full collection of the caller's heap in the middle of the run.
  let links = 0;
  if (table.exact) {
    for (let e = 0; e < pairs; e++) links += (table.up[e]! > 0 ? 1 : 0) + (table.down[e]! > 0 ? 1 : 0);
  } else {
    for (let e = 0; e < pairs; e++)
      links += (table.upBig[e]! > 0n ? 1 : 0) + (table.downBig[e]! > 0n ? 1 : 0);
  }
  const edgeFrom = new Int32Array(links);
  const edgeTo = new Int32Array(links);
  let edgeCount = 0;
  let nets: bigint[];
  let gross: bigint;
  let bilateral: bigint;
  let edgeAmountNumber: Float64Array | undefined;
  let edgeAmountBig: bigint[] | undefined;
  let netsExact: Float64Array | undefined;

  if (table.exact) {
    // Every value below is an integer of magnitude ≤ the currency's gross ≤ 2^53 − 1: exact in a double.
    const amounts = new Float64Array(links);
    const netNumber = new Float64Array(size);
    let grossNumber = 0;
    let bilateralNumber = 0;
    for (let j = 0; j < pairs; j++) {
      const e = perm[j]!;
      const u = local[table.lo[e]!]!;
      const v = local[table.hi[e]!]!;
      const up = table.up[e]!;
      const down = table.down[e]!;
      if (up > 0) {
        edgeFrom[edgeCount] = u;
        edgeTo[edgeCount] = v;
        amounts[edgeCount++] = up;
      }
      if (down > 0) {
        edgeFrom[edgeCount] = v;
        edgeTo[edgeCount] = u;
        amounts[edgeCount++] = down;
      }
      netNumber[u]! += down - up;
      netNumber[v]! += up - down;
      grossNumber += up + down;
      bilateralNumber += up > down ? up - down : down - up;
    }
    edgeAmountNumber = amounts;
    netsExact = netNumber;
    nets = Array.from(netNumber, (x) => BigInt(x));
    gross = BigInt(grossNumber);
    bilateral = BigInt(bilateralNumber);
  } else {
    const amounts: bigint[] = [];
    nets = new Array<bigint>(size).fill(0n);
    gross = 0n;
    bilateral = 0n;
    for (let j = 0; j < pairs; j++) {
      const e = perm[j]!;
      const u = local[table.lo[e]!]!;
      const v = local[table.hi[e]!]!;
      const up = table.upBig[e]!;
      const down = table.downBig[e]!;
      if (up > 0n) {
        edgeFrom[edgeCount] = u;
        edgeTo[edgeCount++] = v;
        amounts.push(up);
      }
      if (down > 0n) {
        edgeFrom[edgeCount] = v;
        edgeTo[edgeCount++] = u;
        amounts.push(down);
      }
      nets[u] = nets[u]! + down - up;
      nets[v] = nets[v]! + up - down;
      gross += up + down;
      bilateral += up > down ? up - down : down - up;
    }
    edgeAmountBig = amounts;
  }
  let lowerBound = 0n;
  for (const x of nets) if (x < 0n) lowerBound -= x;
  return {
    currency: columns.currencies[k]!,
    currencyIndex: k,
    participants: names,
    globalOf,
    obligationCount: table.obligations,
    edgeCount,
    edgeFrom,
    edgeTo,
    edgeAmountNumber,
    edgeAmountBig,
    nets,
    netNumber: netsExact,
    gross,
    bilateral,
    lowerBound,
  };
}
