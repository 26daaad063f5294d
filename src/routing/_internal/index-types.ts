/**
 * The real shape behind the opaque {@link RegistryIndex}: everything a route selection needs, computed
 * once by `createRegistry`.
 * @internal
 */
import type { CurrencyCode } from '../../index';
import type { ArbitrageCycle, BankProfile, FxQuote, RegistryIndex } from '../types';
import type { ZoneClock } from './local-time';
import type { Rational } from './rational';

/** A bank with its figures parsed. */
export interface IndexedBank {
  readonly bic: string;
  /** Position in the registry (ties in the search break on it after the BIC). */
  readonly position: number;
  readonly profile: BankProfile;
  readonly currencies: ReadonlySet<string>;
  /** Liquidity in minor units per currency. */
  readonly liquidity: ReadonlyMap<string, bigint>;
  /** Fixed fee in minor units per currency. */
  readonly fixedFee: ReadonlyMap<string, bigint>;
  /** Percentage fee as a fraction (basis points / 10 000). */
  readonly feeFraction: Rational;
  readonly feeFractionFloat: number;
  /** 1 − spread / 10 000. */
  readonly spreadFactor: Rational;
  readonly spreadFactorFloat: number;
  readonly clock: ZoneClock;
  /** Cut-off minutes after local midnight per currency; `*` for all. */
  readonly cutOffMinutes: ReadonlyMap<string, number>;
  /** Bit i set when ISO weekday i operates. */
  readonly operatingMask: number;
  /** Closed days as day numbers (days since 1970-01-01 of the local date). */
  readonly holidayDays: ReadonlySet<number>;
  readonly medianMinutes: number;
  readonly successRate: number;
}

/** The rate to convert `from` → `to`. */
export interface IndexedRate {
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  /** Bid (direct quote) or 1 / ask rounded down to 12 significant digits (inverse). */
  readonly market: Rational;
  /** Mid in this direction: (bid + ask) / 2, or its inverse. */
  readonly mid: Rational;
  readonly marketFloat: number;
  readonly marketText: string;
  readonly midText: string;
  readonly timestampMs: number;
  readonly quote: FxQuote;
}

/**
 * A corridor with everything the search needs per bank, precomputed: the exact effective rate (market ×
 * (1 − spread)) and its text, fees and liquidity in minor units (bigint, and float views for the
 * search's bounds), and the cut-off.
 */
export interface CorridorEdge {
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  readonly fromId: number;
  readonly toId: number;
  readonly rate: IndexedRate | undefined;
  /** Banks allowed on the corridor that hold both currencies. */
  readonly banks: readonly IndexedBank[];
  /** Banks listed on the corridor that lack a currency. */
  readonly unsupported: readonly IndexedBank[];
  /** Per bank: market × (1 − spread), exact; undefined without a rate. */
  readonly effective: readonly (Rational | undefined)[];
  readonly effectiveText: readonly string[];
  /**
   * Per bank: the effective rate with the two currencies' minor units folded in, so that
   * amount out (minor) = round(principal (minor) × scaledN / scaledD).
   */
  readonly scaledN: readonly bigint[];
  readonly scaledD: readonly bigint[];
  /** Per bank: 1 − effective / mid as lossN / lossD, the share of the principal lost to spreads. */
  readonly lossN: readonly bigint[];
  readonly lossD: readonly bigint[];
  /** Per bank: the fixed fee in minor units of `from`. */
  readonly fixedMinor: readonly bigint[];
  /** Per bank: the percentage fee as feeN / feeD (basis points / 10 000). */
  readonly feeN: readonly bigint[];
  readonly feeD: readonly bigint[];
  /** Per bank: liquidity in minor units of `to`. */
  readonly liquidityMinor: readonly bigint[];
  /** Per bank: scaledN / scaledD as a float, minor units of `to` per minor unit of `from` (0 without a rate). */
  readonly phi: Float64Array;
  /** Per bank: the fixed fee in minor units of `from`, as a float. */
  readonly fixedFloat: Float64Array;
  /** Per bank: the percentage fee as a float fraction. */
  readonly fee: Float64Array;
  /** Per bank: cut-off for `to`, minutes after local midnight. */
  readonly cutOff: Int32Array;
  /** The largest `phi` over the banks: an upper bound of what one minor unit becomes, before rounding. */
  readonly maxPhi: number;
  /**
   * An input (minor units of `from`, float) up to which no bank of the corridor can be pushed over its
   * liquidity, whatever its fees: min over banks of (liquidity − 1) / phi, less {@link FLOAT_MARGIN}.
   * The exact search uses it to drop intermediate amounts that a larger one dominates.
   */
  readonly safeInput: number;
}

/**
 * Relative margin on every float bound of the path search (1e-9): far above the error of the few float
 * operations behind a bound (about 1e-15), so a bound that says "certainly" is certain.
 */
export const FLOAT_MARGIN = 1e-9;

/** An arbitrage cycle with the age of its oldest quote. */
export interface IndexedCycle {
  readonly cycle: ArbitrageCycle;
  readonly oldestMs: number;
}

/** The registry's indexes. */
export interface Index extends RegistryIndex {
  readonly banks: readonly IndexedBank[];
  readonly bankByBic: ReadonlyMap<string, IndexedBank>;
  readonly banksByCurrency: ReadonlyMap<string, readonly IndexedBank[]>;
  /** `from>to` → the corridor. */
  readonly edges: ReadonlyMap<string, CorridorEdge>;
  /** Corridors by source currency id. */
  readonly edgesFrom: readonly (readonly CorridorEdge[])[];
  /** Corridors by `fromId · currencies + toId`. */
  readonly edgeMatrix: readonly (CorridorEdge | undefined)[];
  /** `from>to` → rate. */
  readonly rates: ReadonlyMap<string, IndexedRate>;
  readonly cycles: readonly IndexedCycle[];
  /** Currency → dense id, for the search's visited set. */
  readonly currencyIds: ReadonlyMap<string, number>;
  /**
   * The path search's bounds per target and hop limit (key `targetId · 8 + maxHops`), computed on first
   * use. They depend on the registry only, so memoising them changes no result; at most one entry per
   * currency and hop limit.
   */
  readonly searchBounds: Map<number, SearchBounds>;
}

/** Bounds of the path search towards one target with one hop limit (see `path-search.ts`). */
export interface SearchBounds {
  /** gainA[h · size + v] · x + gainB[…]: the most x minor units at v can become in ≤ h conversions. */
  readonly gainA: Float64Array;
  readonly gainB: Float64Array;
  /** safe(h, v), filled on first use (NaN until then). */
  readonly safe: Float64Array;
  /**
   * Per h · size + v: the corridors out of v worth trying with h conversions left, most promising first
   * (largest rate × gain), filled on first use. Only the search's speed depends on the order.
   */
  readonly order: (readonly CorridorEdge[] | undefined)[];
}

/** The key of a corridor or rate. */
export function pairKey(from: string, to: string): string {
  return `${from}>${to}`;
}

/** The real index behind a registry's opaque one. */
export function indexOf(index: RegistryIndex): Index {
  return index as Index;
}
