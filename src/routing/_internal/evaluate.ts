/**
 * Exact evaluation of a route: each hop's fees and conversion in bigint, the cost lines valued back into
 * the source currency, and the score. Shared by `selectRoute` and `findBestPath`.
 * @internal
 */
import { type CurrencyCode, fromMinor, listCurrencies, type Money, type RoundingMode } from '../../index';
import { COST_CEILING_BASIS_POINTS, SLA_REFERENCE_MINUTES } from '../defaults';
import type {
  ChargeTreatment,
  ExclusionReason,
  RouteCandidate,
  RouteCost,
  RouteHop,
  RouteScore,
  RouteWeights,
} from '../types';
import type { IndexedBank, IndexedRate } from './index-types';
import { instantOfLocal, type LocalTime, localTime, memoText } from './local-time';
import { addRational, divide, multiply, ONE, pow10, type Rational, roundToInteger, ZERO } from './rational';

/** Minutes in a day: the cut-off of a currency with none. */
const END_OF_DAY = 24 * 60;

/** Rounding of one evaluation. */
export interface Rounding {
  readonly fee: RoundingMode;
  readonly conversion: RoundingMode;
}

/** Whether a bank can pay out `currency` at `now`, and until when. */
export type Availability =
  | { readonly ok: true; readonly valueDate: string; readonly cutOffMs: number; readonly cutOffText: string }
  | { readonly ok: false; readonly reason: ExclusionReason; readonly detail: string };

/** Whether `bank` operates on its local date (weekday and holidays). */
export function operatesAt(bank: IndexedBank, local: LocalTime): boolean {
  return (bank.operatingMask & (1 << local.weekday)) !== 0 && !bank.holidayDays.has(local.day);
}

/** Operating day, holiday and cut-off of `bank` for paying out `currency` at `now`. */
export function availability(bank: IndexedBank, currency: string, now: number): Availability {
  const local = localTime(bank.clock, now);
  const date = memoText(bank.clock, local.day, false);
  if (!operatesAt(bank, local)) {
    return {
      ok: false,
      reason: 'NOT_OPERATING_DAY',
      detail: `${bank.bic} is closed on ${date} (${bank.clock.zone})`,
    };
  }
  const cutOff = bank.cutOffMinutes.get(currency) ?? bank.cutOffMinutes.get('*') ?? END_OF_DAY;
  if (local.minuteOfDay >= cutOff) {
    return {
      ok: false,
      reason: 'CUT_OFF_PASSED',
      detail: `${bank.bic} cut-off for ${currency} is ${hhmm(cutOff)} ${bank.clock.zone}; it is ${hhmm(local.minuteOfDay)} there`,
    };
  }
  const cutOffMs = instantOfLocal(bank.clock, local.day, cutOff);
  return { ok: true, valueDate: date, cutOffMs, cutOffText: memoText(bank.clock, cutOffMs, true) };
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** One hop evaluated exactly. */
export interface HopFigures {
  readonly bank: IndexedBank;
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  readonly rate: IndexedRate | undefined;
  readonly effective: Rational;
  readonly effectiveText: string;
  /** 1 − effective / mid = lossN / lossD (0 / 1 within one currency). */
  readonly lossN: bigint;
  readonly lossD: bigint;
  readonly amountIn: bigint;
  readonly fixedFee: bigint;
  readonly percentageFee: bigint;
  readonly principal: bigint;
  readonly amountOut: bigint;
  readonly liquidity: bigint;
  readonly valueDate: string;
  readonly cutOffMs: number;
  readonly cutOffText: string;
}

/** A hop that cannot carry the amount. */
export interface HopFailure {
  readonly reason: 'FEES_EXCEED_AMOUNT' | 'INSUFFICIENT_LIQUIDITY';
  readonly detail: string;
}

/** The conversion of one hop: its market rate and the bank's effective rate (none within one currency). */
export interface HopRate {
  readonly rate: IndexedRate;
  readonly effective: Rational;
  readonly effectiveText: string;
  /** The effective rate with the minor units folded in: out = round(principal · scaledN / scaledD). */
  readonly scaledN: bigint;
  readonly scaledD: bigint;
  /** 1 − effective / mid = lossN / lossD. */
  readonly lossN: bigint;
  readonly lossD: bigint;
}

/** Evaluates `bank` receiving `amountIn` of `from` and passing on `to`. */
export function evaluateHop(
  bank: IndexedBank,
  from: CurrencyCode,
  to: CurrencyCode,
  conversion: HopRate | undefined,
  amountIn: bigint,
  charges: ChargeTreatment,
  rounding: Rounding,
  available: { readonly valueDate: string; readonly cutOffMs: number; readonly cutOffText: string },
): HopFigures | HopFailure {
  const fixedFee = bank.fixedFee.get(from) ?? 0n;
  const percentageFee = roundToInteger(
    amountIn * bank.feeFraction.n,
    bank.feeFraction.d,
    rounding.fee,
  ) as bigint;
  const principal = charges === 'deduct' ? amountIn - fixedFee - percentageFee : amountIn;
  if (principal <= 0n) {
    return {
      reason: 'FEES_EXCEED_AMOUNT',
      detail: `${bank.bic} fees (${fixedFee + percentageFee} minor units of ${from}) take the whole amount`,
    };
  }
  const effective: Rational = conversion === undefined ? ONE : conversion.effective;
  let amountOut = principal;
  if (conversion !== undefined) {
    amountOut = roundToInteger(
      principal * conversion.scaledN,
      conversion.scaledD,
      rounding.conversion,
    ) as bigint;
  }
  const liquidity = bank.liquidity.get(to) ?? 0n;
  if (amountOut > liquidity) {
    return {
      reason: 'INSUFFICIENT_LIQUIDITY',
      detail: `${bank.bic} has ${liquidity} minor units of ${to}, the hop needs ${amountOut}`,
    };
  }
  return {
    bank,
    from,
    to,
    rate: conversion?.rate,
    effective,
    effectiveText: conversion === undefined ? '1' : conversion.effectiveText,
    lossN: conversion === undefined ? 0n : conversion.lossN,
    lossD: conversion === undefined ? 1n : conversion.lossD,
    amountIn,
    fixedFee,
    percentageFee,
    principal,
    amountOut,
    liquidity,
    valueDate: available.valueDate,
    cutOffMs: available.cutOffMs,
    cutOffText: available.cutOffText,
  };
}

/** Whether an evaluation failed. */
export function isFailure(value: HopFigures | HopFailure): value is HopFailure {
  return (value as HopFailure).reason !== undefined;
}

/** Normalised weights. */
export function normaliseWeights(w: RouteWeights): RouteWeights {
  const total = w.liquidity + w.sla + w.cost;
  return Object.freeze({ liquidity: w.liquidity / total, sla: w.sla / total, cost: w.cost / total });
}

// Read once from core's ISO 4217 table; never changes afterwards.
const EXPONENTS: ReadonlyMap<string, number> = new Map(listCurrencies().map((c) => [c.code, c.exponent]));

/** The exponent of a currency already checked at the edge. */
export function exponentOf(code: string): number {
  return EXPONENTS.get(code) as number;
}

/** A Money of `minor` in `currency`, reusing `zero` (a zero of the source currency) when it fits. */
function moneyOf(minor: bigint, currency: CurrencyCode, zero: Money): Money {
  return minor === 0n && currency === zero.currency ? zero : fromMinor(minor, currency);
}

/** n / d minor units of a hop's currency valued in source minor units: × 10^shift ÷ cumulative mid. */
function toSource(n: bigint, d: bigint, shift: number, cumulative: Rational | undefined): Rational {
  const scaled = scaledBy(n, d, shift);
  return cumulative === undefined ? scaled : divide(scaled, cumulative);
}

/** x · 10^shift as a rational (shift may be negative). */
function scaledBy(n: bigint, d: bigint, shift: number): Rational {
  return shift >= 0 ? { n: n * pow10(shift), d } : { n, d: d * pow10(-shift) };
}

/** Amounts every candidate of one request shares: the amount sent and a zero, both in the source currency. */
export interface SharedAmounts {
  readonly sent: Money;
  readonly zero: Money;
}

/** The shared amounts of a request sending `sent`. */
export function sharedAmounts(sent: Money): SharedAmounts {
  return { sent, zero: fromMinor(0n, sent.currency) };
}

/**
 * The candidate for a chain of evaluated hops: hops as Money, the cost lines in the source currency
 * (valued at the cumulative mid rate, half-even, the remainder in `rounding`), and the score. The
 * candidate is left unfrozen for {@link withRanks}, which sets its rank and freezes it.
 */
export function buildCandidate(
  hops: readonly HopFigures[],
  charges: ChargeTreatment,
  weights: RouteWeights,
  kind: 'direct' | 'multiHop',
  shared: SharedAmounts,
): RouteCandidate {
  const first = hops[0] as HopFigures;
  const last = hops[hops.length - 1] as HopFigures;
  const source = first.from;
  const sourceExponent = exponentOf(source);
  // Zero amounts (fees, rounding) are common: one zero Money per candidate for the source currency.
  const zero = shared.zero;
  // Cumulative mid (major units of hop k's currency per major unit of the source); undefined = 1.
  let cumulative: Rational | undefined;
  let fees: Rational = ZERO;
  let spread: Rational = ZERO;
  let liquidityScore = 100;
  let medianMinutes = 0;
  let successRate = 1;
  let cutOffMs = Number.POSITIVE_INFINITY;
  let cutOffText = '';
  const publicHops: RouteHop[] = [];
  let amountIn = shared.sent.minor === first.amountIn ? shared.sent : moneyOf(first.amountIn, source, zero);
  for (const hop of hops) {
    // minor units of hop.from → major → source major (÷ cumulative) → source minor.
    const shift = sourceExponent - exponentOf(hop.from);
    const hopFees = hop.fixedFee + hop.percentageFee;
    if (hopFees !== 0n) fees = addRational(fees, toSource(hopFees, 1n, shift, cumulative));
    if (hop.rate !== undefined) {
      // principal · (1 − effective / mid): the market half-spread and the bank's spread, in hop.from.
      const mid = hop.rate.mid;
      if (hop.lossN !== 0n) {
        spread = addRational(spread, toSource(hop.principal * hop.lossN, hop.lossD, shift, cumulative));
      }
      cumulative = cumulative === undefined ? mid : multiply(cumulative, mid);
    }
    liquidityScore = Math.min(
      liquidityScore,
      hop.liquidity > 0n ? 100 * (1 - ratio(hop.amountOut, hop.liquidity)) : 0,
    );
    medianMinutes += hop.bank.medianMinutes;
    successRate *= hop.bank.successRate;
    if (hop.cutOffMs < cutOffMs) {
      cutOffMs = hop.cutOffMs;
      cutOffText = hop.cutOffText;
    }
    const amountOut = moneyOf(hop.amountOut, hop.to, zero);
    publicHops.push({
      bank: hop.bank.bic,
      from: hop.from,
      to: hop.to,
      amountIn,
      fixedFee: moneyOf(hop.fixedFee, hop.from, zero),
      percentageFee: moneyOf(hop.percentageFee, hop.from, zero),
      principal: hop.principal === hop.amountIn ? amountIn : moneyOf(hop.principal, hop.from, zero),
      amountOut,
      marketRate: hop.rate === undefined ? '1' : hop.rate.marketText,
      midRate: hop.rate === undefined ? '1' : hop.rate.midText,
      effectiveRate: hop.effectiveText,
      valueDate: hop.valueDate,
      cutOff: hop.cutOffText,
    });
    amountIn = amountOut;
  }
  const received = scaledBy(last.amountOut, 1n, sourceExponent - exponentOf(last.to));
  const receivedValue = roundHalfEven(cumulative === undefined ? received : divide(received, cumulative));
  const feesMinor = roundHalfEven(fees);
  const spreadMinor = roundHalfEven(spread);
  const debited = first.amountIn + (charges === 'billed' ? feesMinor : 0n);
  const rounding = debited - receivedValue - feesMinor - spreadMinor;
  const total = debited - receivedValue;
  const amountSent = (publicHops[0] as RouteHop).amountIn;
  const expectedCost: RouteCost = {
    debited: debited === first.amountIn ? amountSent : moneyOf(debited, source, zero),
    receivedValue: moneyOf(receivedValue, source, zero),
    fees: moneyOf(feesMinor, source, zero),
    spread: moneyOf(spreadMinor, source, zero),
    rounding: moneyOf(rounding, source, zero),
    total: moneyOf(total, source, zero),
  };
  const slaScore = 100 * successRate * (SLA_REFERENCE_MINUTES / (SLA_REFERENCE_MINUTES + medianMinutes));
  const costBasisPoints = debited > 0n ? 10_000 * ratio(total, debited) : 0;
  const costScore = Math.min(100, Math.max(0, 100 * (1 - costBasisPoints / COST_CEILING_BASIS_POINTS)));
  const score: RouteScore = {
    liquidityScore,
    slaScore,
    costScore,
    totalScore: weights.liquidity * liquidityScore + weights.sla * slaScore + weights.cost * costScore,
    weights,
  };
  return {
    rank: 0,
    kind,
    banks: hops.map((h) => h.bank.bic),
    corridor: { from: source, to: last.to },
    hops: publicHops,
    amountSent,
    amountReceived: (publicHops[publicHops.length - 1] as RouteHop).amountOut,
    expectedCost,
    rates: hops.map((h) => h.effectiveText),
    score,
    medianMinutes,
    successRate,
    valueDate: last.valueDate,
    cutOff: cutOffText,
  };
}

function roundHalfEven(r: Rational): bigint {
  return roundToInteger(r.n, r.d, 'halfEven') as bigint;
}

/**
 * a / b (b > 0) as a float, for a score. Number() rounds monotonically and IEEE division is correctly
 * rounded, so the ratio never decreases as a grows or b shrinks (the liquidity property relies on it).
 */
function ratio(a: bigint, b: bigint): number {
  return Number(a) / Number(b);
}

/** Orders candidates: total score, then lower cost, more received, fewer hops, banks by BIC. */
export function compareCandidates(a: RouteCandidate, b: RouteCandidate): number {
  if (a.score.totalScore !== b.score.totalScore) return b.score.totalScore - a.score.totalScore;
  const costA = a.expectedCost.total.minor;
  const costB = b.expectedCost.total.minor;
  if (costA !== costB) return costA < costB ? -1 : 1;
  if (
    a.amountReceived.currency === b.amountReceived.currency &&
    a.amountReceived.minor !== b.amountReceived.minor
  ) {
    return a.amountReceived.minor > b.amountReceived.minor ? -1 : 1;
  }
  if (a.hops.length !== b.hops.length) return a.hops.length - b.hops.length;
  const banksA = a.banks.join(',');
  const banksB = b.banks.join(',');
  return banksA < banksB ? -1 : banksA > banksB ? 1 : 0;
}

/**
 * Sets the ranks of a sorted list of candidates from {@link buildCandidate} (rank 1 first) and freezes
 * them. Nested objects are typed readonly but not frozen: freezing each of them cost a tenth of a
 * selection.
 */
export function withRanks(sorted: RouteCandidate[]): RouteCandidate[] {
  sorted.forEach((c, i) => {
    (c as { rank: number }).rank = i + 1;
    Object.freeze(c);
  });
  return sorted;
}
