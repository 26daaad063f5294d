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
  /** Liquidity in major units, float, for the search only. */
  readonly liquidityFloat: ReadonlyMap<string, number>;
  /** Fixed fee in minor units per currency. */
  readonly fixedFee: ReadonlyMap<string, bigint>;
  /** Fixed fee in major units, float, for the search only. */
  readonly fixedFeeFloat: ReadonlyMap<string, number>;
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
 * (1 − spread)) and its text, and float views of the rate, fees, liquidity and cut-off.
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
  /** Per bank: market × (1 − spread) as a float (0 without a rate). */
  readonly factor: Float64Array;
  /** Per bank: fixed fee in major units of `from`. */
  readonly fixed: Float64Array;
  /** Per bank: percentage fee as a fraction. */
  readonly fee: Float64Array;
  /** Per bank: liquidity in major units of `to`. */
  readonly liquidity: Float64Array;
  /** Per bank: cut-off for `to`, minutes after local midnight. */
  readonly cutOff: Int32Array;
  /** The largest factor over the banks: an upper bound of what one unit becomes on this corridor. */
  readonly maxFactor: number;
}

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
}

/** The key of a corridor or rate. */
export function pairKey(from: string, to: string): string {
  return `${from}>${to}`;
}

/** The real index behind a registry's opaque one. */
export function indexOf(index: RegistryIndex): Index {
  return index as Index;
}
