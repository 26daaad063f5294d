/**
 * Public types of `deltran/routing`.
 *
 * Amounts are {@link Money}; rates, spreads and basis points are decimal strings (STYLE.md §3.9); the
 * only floats are scores (`*Score`) and SLA statistics.
 *
 * @packageDocumentation
 */
import type { CurrencyCode, Money, RoundingMode } from '../index';

/**
 * A point in time: epoch milliseconds, or an ISO 8601 date-time with an offset (`"2026-04-13T14:15:00Z"`).
 * Domain code never reads a clock: time is passed in.
 * @public
 */
export type Instant = number | string;

/** A bank's daily cut-off for one currency (or all), in the bank's time zone. @public */
export interface CutOff {
  /** The currency the cut-off applies to; every currency of the bank when absent. */
  readonly currency?: string;
  /** Local time `HH:MM` (24-hour) after which the bank no longer settles for the day's value date. */
  readonly time: string;
}

/** A bank's service level: how fast and how reliably it settles. @public */
export interface ServiceLevel {
  /** Median minutes from instruction to confirmation (pacs.002 / camt.054). */
  readonly medianMinutes: number;
  /** Share of instructions that settle without a repair or return, in [0, 1]. */
  readonly successRate: number;
}

/** What a bank charges per hop. @public */
export interface FeeSchedule {
  /** Fixed fee per currency of the amount the bank receives, decimal string or Money (`{ EUR: "2.50" }`). */
  readonly fixed?: Readonly<Record<string, string | Money>>;
  /** Percentage fee on the amount the bank receives, in basis points, decimal string (`"1.5"`). @defaultValue "0" */
  readonly basisPoints?: string;
}

/** A bank that can settle or convert, as the host describes it. @public */
export interface BankProfile {
  /** The bank's BIC (ISO 9362), 8 or 11 characters. */
  readonly bic: string;
  /** Display name. */
  readonly name?: string;
  /** Currencies the bank holds accounts in and settles. */
  readonly currencies: readonly string[];
  /** Liquidity available now per currency, decimal string or Money; a currency missing here has none. */
  readonly liquidity: Readonly<Record<string, string | Money>>;
  /** Service level. */
  readonly sla: ServiceLevel;
  /** Fees. */
  readonly fees?: FeeSchedule;
  /** The bank's FX spread over the market rate, in basis points, decimal string. @defaultValue "0" */
  readonly fxSpreadBasisPoints?: string;
  /** IANA time zone of the cut-offs and operating days (`"Europe/Frankfurt"` is not one; `"Europe/Berlin"` is). */
  readonly timeZone: string;
  /** Cut-offs; a currency with none can be settled until local midnight. */
  readonly cutOffs?: readonly CutOff[];
  /** ISO weekdays the bank operates, 1 = Monday … 7 = Sunday. @defaultValue [1, 2, 3, 4, 5] */
  readonly operatingDays?: readonly number[];
  /** Local dates (`YYYY-MM-DD`) the bank is closed. */
  readonly holidays?: readonly string[];
}

/** A corridor: a conversion or transfer from one currency to another that banks offer. @public */
export interface Corridor {
  /** Source currency. */
  readonly from: string;
  /** Target currency. */
  readonly to: string;
  /** BICs of the banks that operate it; every bank holding both currencies when absent. */
  readonly banks?: readonly string[];
}

/**
 * A market quote: `bid` and `ask` in units of `quote` per unit of `base`. Converting base → quote uses
 * the bid; quote → base uses 1 / ask (rounded down to 12 significant digits).
 * @public
 */
export interface FxQuote {
  /** Base currency. */
  readonly base: string;
  /** Quote currency. */
  readonly quote: string;
  /** Bid, decimal string, > 0. */
  readonly bid: string;
  /** Ask, decimal string, ≥ bid. */
  readonly ask: string;
  /** When the quote was taken. */
  readonly timestamp: Instant;
  /** Where it came from (a feed id), for the audit trail. */
  readonly source?: string;
}

/** What {@link createRegistry} takes. @public */
export interface RegistryInput {
  /** The banks. */
  readonly banks: readonly BankProfile[];
  /** The corridors. Same-currency routes need none. */
  readonly corridors: readonly Corridor[];
  /** The FX rate table. */
  readonly rates: readonly FxQuote[];
}

/** Opaque, precomputed indexes of a registry. @public */
export interface RegistryIndex {
  /** Brand: only `createRegistry` makes one. */
  readonly __registryIndex: true;
}

/** A checked, indexed, frozen registry from `createRegistry`. @public */
export interface Registry {
  /** The banks as given. */
  readonly banks: readonly BankProfile[];
  /** The corridors as given. */
  readonly corridors: readonly Corridor[];
  /** The quotes as given. */
  readonly rates: readonly FxQuote[];
  /** Arbitrage cycles found in the rate table when the registry was built (whatever the quotes' age). */
  readonly arbitrage: readonly ArbitrageCycle[];
  /** Precomputed indexes (opaque). */
  readonly index: RegistryIndex;
}

/** A cycle of conversions at the market quotes that ends with more than it started with. @public */
export interface ArbitrageCycle {
  /** The currencies, first repeated at the end (`["USD", "EUR", "JPY", "USD"]`). */
  readonly currencies: readonly CurrencyCode[];
  /** The product of the rates along the cycle, decimal string (> 1). */
  readonly product: string;
  /** The rates used, one per leg, decimal strings. */
  readonly rates: readonly string[];
}

/**
 * How fees are paid:
 * - `deduct`: each bank takes its fees out of the amount it passes on (ISO 20022 `ChrgBr` SHAR/CRED);
 * - `billed`: fees are billed to the sender on top and the whole amount moves (`ChrgBr` DEBT).
 * @public
 */
export type ChargeTreatment = 'deduct' | 'billed';

/** A route to find: send `amount` and deliver it (converted) in `targetCurrency`. @public */
export interface RouteRequest {
  /** Reference of what is routed: a payment's UETR or a net position's id. */
  readonly reference: string;
  /** The amount sent, positive, in the source currency. */
  readonly amount: Money;
  /** The currency to deliver; the amount's own currency when absent (a same-currency route). */
  readonly targetCurrency?: string;
  /** How fees are paid. @defaultValue `'deduct'` across currencies, `'billed'` within one */
  readonly charges?: ChargeTreatment;
}

/** Weights of the route score's parts; normalised to sum to 1. @public */
export interface RouteWeights {
  /** @defaultValue 0.25 */
  readonly liquidity: number;
  /** @defaultValue 0.35 */
  readonly sla: number;
  /** @defaultValue 0.4 */
  readonly cost: number;
}

/** Options of `selectRoute` and `findBestPath`. @public */
export interface RouteOptions {
  /** Now: cut-offs, operating days and quote ages are judged at this instant. */
  readonly now: Instant;
  /** Score weights. */
  readonly weights?: Partial<RouteWeights>;
  /** Oldest acceptable quote, ms. @defaultValue 300 000 (5 minutes) */
  readonly maxRateAgeMs?: number;
  /**
   * Multi-hop search: `fallback` only when no direct candidate is eligible, `compare` always (so a chain
   * that is cheaper than the direct corridor is found), `off` never.
   * @defaultValue `'fallback'`
   */
  readonly multiHop?: 'fallback' | 'compare' | 'off';
  /** Most conversions in a chain. @defaultValue 3 */
  readonly maxHops?: number;
  /** Rounding of percentage fees. @defaultValue `'halfUp'` */
  readonly feeRounding?: RoundingMode;
  /** Rounding of each conversion into the target currency's minor units. @defaultValue `'down'` (never deliver more than paid for) */
  readonly conversionRounding?: RoundingMode;
}

/** One hop of a route: a bank receives `amountIn`, takes its fees, converts, and passes on `amountOut`. @public */
export interface RouteHop {
  /** The bank's BIC. */
  readonly bank: string;
  /** Currency received. */
  readonly from: CurrencyCode;
  /** Currency passed on. */
  readonly to: CurrencyCode;
  /** What the bank receives. */
  readonly amountIn: Money;
  /** Fixed fee, in `from`. */
  readonly fixedFee: Money;
  /** Percentage fee, in `from`. */
  readonly percentageFee: Money;
  /** What is converted: `amountIn` less the fees (`deduct`), or all of it (`billed`). */
  readonly principal: Money;
  /** What the bank passes on, in `to`: principal × effective rate, rounded with `conversionRounding`. */
  readonly amountOut: Money;
  /** The market rate used (bid, or 1 / ask), decimal string; "1" within one currency. */
  readonly marketRate: string;
  /** The mid rate (bid + ask) / 2 in this direction, decimal string (for valuing costs only). */
  readonly midRate: string;
  /** Market rate × (1 − bank spread), decimal string: what the conversion used. */
  readonly effectiveRate: string;
  /** Value date: the bank's local date. */
  readonly valueDate: string;
  /** The bank's cut-off for `to` today, ISO instant (UTC). */
  readonly cutOff: string;
}

/**
 * The cost of a route in the source currency, which reconciles exactly:
 * `debited = receivedValue + fees + spread + rounding`.
 * @public
 */
export interface RouteCost {
  /** What the sender pays: the amount, plus the fees when they are billed. */
  readonly debited: Money;
  /** The amount received valued at the mid rates back into the source currency (half-even). */
  readonly receivedValue: Money;
  /** Every hop's fees, valued in the source currency at the mid rates (half-even). */
  readonly fees: Money;
  /** Every hop's spread to the mid (market half-spread plus bank spread), valued likewise. */
  readonly spread: Money;
  /** What is left: conversion rounding and valuation rounding, a few minor units either way. */
  readonly rounding: Money;
  /** fees + spread + rounding = debited − receivedValue. */
  readonly total: Money;
}

/** The parts of a route's score, each 0–100, and their weighted total. @public */
export interface RouteScore {
  /**
   * 100 × (1 − amount out / liquidity) at the tightest hop: 0 when the amount takes all the bank's
   * liquidity, approaching 100 as liquidity grows.
   */
  readonly liquidityScore: number;
  /** 100 × success rate × 30 / (30 + median minutes), over the route (success rates multiplied, minutes added). */
  readonly slaScore: number;
  /** 100 × max(0, 1 − cost in basis points of the amount debited / 100): 0 at 1% or more. */
  readonly costScore: number;
  /** Weighted sum of the three. */
  readonly totalScore: number;
  /** The weights used, normalised. */
  readonly weights: RouteWeights;
}

/** A route that can settle the request, ranked. @public */
export interface RouteCandidate {
  /** 1 for the best. */
  readonly rank: number;
  /** `direct` (one bank) or `multiHop` (a chain of conversions). */
  readonly kind: 'direct' | 'multiHop';
  /** The banks, one per hop. */
  readonly banks: readonly string[];
  /** Source and target currency. */
  readonly corridor: { readonly from: CurrencyCode; readonly to: CurrencyCode };
  /** The hops in order. */
  readonly hops: readonly RouteHop[];
  /** The amount sent. */
  readonly amountSent: Money;
  /** The amount delivered in the target currency. */
  readonly amountReceived: Money;
  /** The cost in the source currency. */
  readonly expectedCost: RouteCost;
  /** The effective rate of each hop, decimal strings. */
  readonly rates: readonly string[];
  /** The score. */
  readonly score: RouteScore;
  /** Median minutes over the route (sum over hops). */
  readonly medianMinutes: number;
  /** Success rate over the route (product over hops). */
  readonly successRate: number;
  /** Value date of the last hop. */
  readonly valueDate: string;
  /** Earliest cut-off over the hops, ISO instant. */
  readonly cutOff: string;
}

/** Why a bank or corridor was not a candidate. @public */
export type ExclusionReason =
  | 'CURRENCY_UNSUPPORTED'
  | 'NO_CORRIDOR'
  | 'NO_RATE'
  | 'STALE_RATE'
  | 'CUT_OFF_PASSED'
  | 'NOT_OPERATING_DAY'
  | 'INSUFFICIENT_LIQUIDITY'
  | 'FEES_EXCEED_AMOUNT';

/** A bank excluded from a route, and why. @public */
export interface Exclusion {
  /** The bank's BIC (empty for a corridor-wide reason such as `NO_RATE`). */
  readonly bank: string;
  /** Source currency of the hop. */
  readonly from: string;
  /** Target currency of the hop. */
  readonly to: string;
  /** The reason. */
  readonly reason: ExclusionReason;
  /** A sentence with the figures (liquidity, cut-off, quote age …). */
  readonly detail: string;
}

/** The result of `selectRoute`. @public */
export interface RouteSelection {
  /** The request's reference. */
  readonly reference: string;
  /** Candidates, best first (rank 1). */
  readonly candidates: readonly RouteCandidate[];
  /** The best candidate, when there is one. */
  readonly best?: RouteCandidate;
  /** Every bank excluded from the direct route, with the reason. */
  readonly excluded: readonly Exclusion[];
  /** Whether the multi-hop search ran. */
  readonly multiHopSearched: boolean;
  /** Arbitrage cycles among the fresh quotes (reported, never followed). */
  readonly arbitrage: readonly ArbitrageCycle[];
}

/** The result of `findBestPath`. @public */
export interface PathSearchResult {
  /** The best chain (most received), when one exists. */
  readonly best?: RouteCandidate;
  /**
   * Up to five chains of currencies, the ones that deliver the most, each with its best choice of banks,
   * most received first (ties: higher score, then BIC order).
   */
  readonly candidates: readonly RouteCandidate[];
  /** Exact hop evaluations performed by the search (bounded by `PATHS_EXPLORED_MAX`). */
  readonly pathsExplored: number;
  /** Whether the search stopped at its bound before examining every chain. */
  readonly truncated: boolean;
  /** Arbitrage cycles among the fresh quotes (reported, never followed). */
  readonly arbitrage: readonly ArbitrageCycle[];
}

/**
 * A net position from netting (`deltran.liquidity.select`): positive when the participant is owed,
 * negative when it must pay. Structural: netting's own type fits.
 * @public
 */
export interface NetPositionInput {
  /** The participant, a BIC. */
  readonly participant: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Received minus paid: a decimal string in the currency's minor unit, or a Money. */
  readonly amount: string | Money;
  /** The netting window (or cycle) the position comes from. */
  readonly windowId?: string;
}

/** A local payment to route (`deltran.liquidity.select.local`): same currency, same country. @public */
export interface LocalPaymentRequest {
  /** The payment's UETR. */
  readonly uetr: string;
  /** Debtor agent BIC (ISO 20022 `DbtrAgt/FinInstnId/BICFI`). */
  readonly debtorBic: string;
  /** Creditor agent BIC (ISO 20022 `CdtrAgt/FinInstnId/BICFI`). */
  readonly creditorBic: string;
  /** The amount (ISO 20022 `IntrBkSttlmAmt`): a decimal string in `currency`, or a Money. */
  readonly amount: string | Money;
  /** ISO 4217 code (ISO 20022 `IntrBkSttlmAmt/@Ccy`). */
  readonly currency: string;
}

/** Where a settlement instruction comes from. @public */
export type InstructionSource =
  | {
      readonly kind: 'netPosition';
      readonly participant: string;
      readonly currency: CurrencyCode;
      readonly windowId?: string;
    }
  | { readonly kind: 'payment'; readonly uetr: string };

/**
 * What the settlement stage executes (`deltran.settlement.execute`): one per net position or local
 * payment, with the route chosen and the figures it was chosen on.
 * @public
 */
export interface SettlementInstruction {
  /** Deterministic id: `si:` + the source reference, so a redelivered event yields the same instruction. */
  readonly id: string;
  /** The net position or payment (UETR) it settles. */
  readonly source: InstructionSource;
  /** The paying agent's BIC (ISO 20022 `DbtrAgt`, or `InstgAgt` of the settlement message). */
  readonly fromBic: string;
  /** The receiving agent's BIC (ISO 20022 `CdtrAgt`, or `InstdAgt`). */
  readonly toBic: string;
  /** The amount sent (ISO 20022 `IntrBkSttlmAmt` of the first leg). */
  readonly amount: Money;
  /** The settlement currency: the currency delivered. */
  readonly currency: CurrencyCode;
  /** The amount delivered in `currency`. */
  readonly amountReceived: Money;
  /** The bank chosen for the first hop (the settlement bank for a same-currency route). */
  readonly bank: string;
  /** Every bank on the route, in order. */
  readonly banks: readonly string[];
  /** Source and target currency. */
  readonly corridor: { readonly from: CurrencyCode; readonly to: CurrencyCode };
  /** The hops. */
  readonly hops: readonly RouteHop[];
  /** Effective rate per hop, decimal strings. */
  readonly rates: readonly string[];
  /** Expected cost in the source currency. */
  readonly expectedCost: RouteCost;
  /** Value date (ISO 20022 `IntrBkSttlmDt`). */
  readonly valueDate: string;
  /** The earliest cut-off on the route, ISO instant: the instruction must be released before it. */
  readonly cutOff: string;
  /** The instant the route was chosen at (the `now` passed in), ISO. */
  readonly routedAt: string;
  /** The score the route was chosen on. */
  readonly score: RouteScore;
  /** How fees are paid. */
  readonly charges: ChargeTreatment;
}

/** Options of the settlement instruction builders. @public */
export interface InstructionOptions extends RouteOptions {
  /**
   * BIC of the settlement account net positions settle against (a CCP or settlement agent): a net
   * debtor pays it, it pays a net creditor.
   */
  readonly settlementBic: string;
}

/** Settlement instructions for a batch, and what could not be routed. @public */
export interface InstructionBatch {
  /** One instruction per routable, non-zero net position. */
  readonly instructions: readonly SettlementInstruction[];
  /** Positions with no eligible route, with every exclusion. */
  readonly unrouted: readonly {
    readonly position: NetPositionInput;
    readonly excluded: readonly Exclusion[];
  }[];
}
