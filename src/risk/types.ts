/**
 * Public types of `deltran/risk`.
 *
 * Every float in this module is a statistic (a volatility, a score, a probability, a test statistic or a
 * model parameter), never an amount (STYLE.md §3.9). Risk measures that scale a position (VaR, expected
 * shortfall) and rates are decimal strings; amounts are {@link Money}.
 *
 * @packageDocumentation
 */
import type { CurrencyCode, Money, RandomSource } from '../index';

/**
 * A point in time: epoch milliseconds, or an ISO 8601 date-time with an offset (`"2026-04-13T14:15:00Z"`)
 * or a date (`"2026-04-13"`, read as midnight UTC). Domain code never reads a clock: time is passed in.
 * @public
 */
export type Instant = number | string;

/**
 * A history of one exchange rate: `rates[i]` units of `quote` per unit of `base` at `times[i]`.
 * Times are epoch milliseconds, strictly ascending; rates are positive decimal strings.
 * @public
 */
export interface RateSeries {
  /** The base currency (ISO 4217 code, or a withdrawn code such as `CYP` in old ECB files). */
  readonly base: string;
  /** The quote currency. */
  readonly quote: string;
  /** Observation times, epoch milliseconds, strictly ascending. */
  readonly times: readonly number[];
  /** Rates as decimal strings, one per time. */
  readonly rates: readonly string[];
}

/**
 * Log returns of a {@link RateSeries}: `values[i] = ln(rate[i + 1] / rate[i])`, observed at `times[i]`
 * (the end of the return). A statistic, so it is a float array (STYLE.md §3.9).
 * @public
 */
export interface ReturnSeries {
  /** The base currency of the rate. */
  readonly base: string;
  /** The quote currency of the rate. */
  readonly quote: string;
  /** End time of each return, epoch milliseconds. */
  readonly times: Float64Array;
  /** The log returns. */
  readonly values: Float64Array;
  /**
   * The length of one step of the data in milliseconds: the median spacing of the observations
   * (one calendar day for business-daily data; a weekend return still counts as one step).
   */
  readonly stepMs: number;
}

/** Which side of the rate a position loses on: `long` the base loses when the rate falls, `short` when it rises. @public */
export type PositionSide = 'long' | 'short';

/** Innovation distribution of a GARCH model. @public */
export type GarchDistribution = 'normal' | 'studentT';

/**
 * Parameters of a GARCH(1,1) model: σ²ₜ = ω + α·r²ₜ₋₁ + β·σ²ₜ₋₁ (returns as plain log returns, not
 * percent). `nu` is the Student-t degrees of freedom when the innovations are Student-t.
 * @public
 */
export interface GarchParams {
  /** ω, the constant (variance units per step). */
  readonly omega: number;
  /** α, the reaction to the last squared return. */
  readonly alpha: number;
  /** β, the persistence of the last variance. */
  readonly beta: number;
  /** ν > 2, degrees of freedom of the standardised Student-t innovations; absent for normal innovations. */
  readonly nu?: number;
}

/** A GARCH(1,1) fitted by maximum likelihood. @public */
export interface GarchFit extends GarchParams {
  /** The innovation distribution the likelihood assumed. */
  readonly distribution: GarchDistribution;
  /** The maximised log-likelihood. */
  readonly logLikelihood: number;
  /** Number of returns fitted. */
  readonly observations: number;
  /** α + β; below 1 for a stationary model. */
  readonly persistence: number;
  /** √(ω / (1 − α − β)), the per-step volatility the model reverts to (NaN when not stationary). */
  readonly longRunVolatility: number;
  /** Asymptotic standard errors of ω, α, β (and ν) from the numerical Hessian; NaN where it is singular. */
  readonly standardErrors: {
    readonly omega: number;
    readonly alpha: number;
    readonly beta: number;
    readonly nu?: number;
  };
  /** Nelder–Mead iterations used. */
  readonly iterations: number;
  /** Whether the simplex met its tolerance before the iteration limit. */
  readonly converged: boolean;
  /** Variance forecast for the step after the last return. */
  readonly nextVariance: number;
}

/**
 * A volatility model for VaR, forecasts and backtests.
 * - `ewma`: RiskMetrics exponentially weighted moving average with normal quantiles;
 * - `garch`: GARCH(1,1) fitted by maximum likelihood (or given `params`), normal or Student-t quantiles;
 * - `fhs`: filtered historical simulation — returns are divided by a volatility filter (EWMA or GARCH),
 *   and the VaR is the filtered volatility forecast times the empirical quantile of those standardised
 *   residuals (bootstrapped with an injected random source for horizons of more than one step).
 * @public
 */
export type VolatilityModel =
  | {
      readonly kind: 'ewma';
      /** Decay factor. @defaultValue 0.94 (RiskMetrics daily) */
      readonly lambda?: number;
    }
  | {
      readonly kind: 'garch';
      /** Innovation distribution. @defaultValue `'normal'` */
      readonly distribution?: GarchDistribution;
      /** Fixed parameters; fitted by maximum likelihood on the history when absent. */
      readonly params?: GarchParams;
    }
  | {
      readonly kind: 'fhs';
      /** The volatility filter. @defaultValue `'ewma'` */
      readonly filter?: 'ewma' | 'garch';
      /** EWMA decay of the filter. @defaultValue 0.94 */
      readonly lambda?: number;
      /** Fixed GARCH parameters for the `garch` filter; fitted when absent. */
      readonly params?: GarchParams;
      /** How many of the latest standardised residuals form the empirical distribution. @defaultValue 1000 */
      readonly window?: number;
      /** Bootstrap paths for horizons of more than one step. @defaultValue 10000 */
      readonly paths?: number;
    };

/** Options of `valueAtRisk`. @public */
export interface ValueAtRiskOptions {
  /** The model. */
  readonly model: VolatilityModel;
  /** Confidence level, for example 0.99. */
  readonly confidence: number;
  /** Which tail loses. */
  readonly side: PositionSide;
  /**
   * The horizon in milliseconds. Horizons shorter than one step of the data are scaled by the square root
   * of time; longer ones are aggregated step by step (see docs/routing-and-risk.md).
   * @defaultValue one day (86 400 000)
   */
  readonly horizonMs?: number;
  /** A position to express the risk in money: its absolute value times the VaR fraction, rounded up. */
  readonly position?: Money;
  /** Random bytes for the filtered historical simulation bootstrap (required for `fhs` beyond one step). */
  readonly random?: RandomSource;
}

/** A VaR and expected shortfall estimate. @public */
export interface ValueAtRiskResult {
  /** The model's name, for example `"fhs-ewma(0.94)"`. */
  readonly model: string;
  /** The confidence level. */
  readonly confidence: number;
  /** The side. */
  readonly side: PositionSide;
  /** The horizon in milliseconds. */
  readonly horizonMs: number;
  /** The horizon in steps of the data (fractional below one step). */
  readonly horizonSteps: number;
  /** Forecast volatility of one step. */
  readonly stepVolatility: number;
  /** Forecast volatility over the horizon. */
  readonly horizonVolatility: number;
  /** Value at risk as a fraction of the position's value (a loss, positive), decimal string. */
  readonly valueAtRisk: string;
  /** Expected shortfall (mean loss beyond the VaR) as a fraction of the position's value, decimal string. */
  readonly expectedShortfall: string;
  /** `valueAtRisk` × |position|, rounded up to the position currency's minor unit; only with `position`. */
  readonly valueAtRiskAmount?: Money;
  /** `expectedShortfall` × |position|, rounded up; only with `position`. */
  readonly expectedShortfallAmount?: Money;
}

/** The Kupiec proportion-of-failures test. @public */
export interface KupiecResult {
  /** Number of observations. */
  readonly observations: number;
  /** Number of exceptions (losses beyond the VaR). */
  readonly exceptions: number;
  /** Expected exceptions: observations × (1 − confidence). */
  readonly expectedExceptions: number;
  /** The likelihood-ratio statistic, χ²(1) under the null of correct coverage. */
  readonly likelihoodRatio: number;
  /** P(χ²(1) ≥ likelihoodRatio). */
  readonly pValue: number;
  /** Whether correct coverage is rejected at the given significance. */
  readonly rejected: boolean;
}

/** The Christoffersen independence and conditional coverage tests. @public */
export interface ChristoffersenResult {
  /** Transition counts of the hit sequence: n00, n01, n10, n11 (`nij`: state i followed by j). */
  readonly transitions: {
    readonly n00: number;
    readonly n01: number;
    readonly n10: number;
    readonly n11: number;
  };
  /** Independence likelihood ratio, χ²(1). */
  readonly independenceRatio: number;
  /** P-value of independence. */
  readonly independencePValue: number;
  /** Conditional coverage likelihood ratio (Kupiec + independence), χ²(2). */
  readonly conditionalCoverageRatio: number;
  /** P-value of conditional coverage. */
  readonly conditionalCoveragePValue: number;
  /** Whether independence is rejected at the given significance. */
  readonly independenceRejected: boolean;
  /** Whether conditional coverage is rejected at the given significance. */
  readonly conditionalCoverageRejected: boolean;
}

/** Basel traffic-light zone. @public */
export type TrafficLightZone = 'green' | 'yellow' | 'red';

/** The Basel traffic light for a VaR backtest. @public */
export interface TrafficLightResult {
  /** The zone. */
  readonly zone: TrafficLightZone;
  /** P(X ≤ exceptions) for X ~ Binomial(observations, 1 − confidence). */
  readonly cumulativeProbability: number;
  /** The Basel plus factor added to the multiplier (only defined for 250 observations at 99%). */
  readonly plusFactor?: number;
}

/** Options of `backtestVar`. @public */
export interface VarBacktestOptions {
  /** The model, re-estimated on data strictly before each tested day. */
  readonly model: VolatilityModel;
  /** Confidence level. @defaultValue 0.99 */
  readonly confidence?: number;
  /** The side. */
  readonly side: PositionSide;
  /** Number of latest returns to test. @defaultValue 1000 */
  readonly window?: number;
  /** For GARCH models and filters: refit the parameters every this many days. @defaultValue 50 */
  readonly refitEvery?: number;
  /** Significance of the tests. @defaultValue 0.05 */
  readonly significance?: number;
}

/** A one-step VaR backtest. @public */
export interface VarBacktestResult {
  /** The model's name. */
  readonly model: string;
  /** The side. */
  readonly side: PositionSide;
  /** Confidence level. */
  readonly confidence: number;
  /** Time of the first and last tested return, epoch milliseconds. */
  readonly from: number;
  /** See `from`. */
  readonly to: number;
  /** Times of the exceptions, epoch milliseconds. */
  readonly exceptionTimes: readonly number[];
  /** Kupiec over the whole window. */
  readonly kupiec: KupiecResult;
  /** Christoffersen over the whole window. */
  readonly christoffersen: ChristoffersenResult;
  /** Traffic light over the whole window (cumulative binomial zones). */
  readonly trafficLight: TrafficLightResult;
  /** Traffic light over the last 250 tested days (the Basel window), with the plus factor. */
  readonly trafficLightLast250: TrafficLightResult;
}

/** Options of `forecastRate`. @public */
export interface RateForecastOptions {
  /** The horizon, milliseconds. */
  readonly horizonMs: number;
  /** Two-sided interval confidence. @defaultValue 0.95 */
  readonly confidence?: number;
  /** Volatility model for the interval. @defaultValue `{ kind: 'ewma' }` */
  readonly model?: VolatilityModel;
  /**
   * The centre: `randomWalk` (the last rate, the default and the honest one for floating FX), or
   * `meanReversion` (AR(1) on log rates), which is only offered when it beats the random walk out of
   * sample (Diebold–Mariano, one-sided 5%) on the history passed in; otherwise the random walk is used and
   * `centreModel` says so.
   * @defaultValue `'randomWalk'`
   */
  readonly centre?: 'randomWalk' | 'meanReversion';
  /** Significant digits of the decimal strings returned. @defaultValue 8 */
  readonly significantDigits?: number;
  /** Random bytes, for `fhs` intervals beyond one step. */
  readonly random?: RandomSource;
}

/** How a point-forecast model compared with the random walk out of sample. @public */
export interface PointForecastComparison {
  /** The candidate model. */
  readonly model: 'meanReversion';
  /** Forecasts compared. */
  readonly forecasts: number;
  /** Mean squared error of the candidate on log rates. */
  readonly candidateMeanSquaredErrorScore: number;
  /** Mean squared error of the random walk on log rates. */
  readonly randomWalkMeanSquaredErrorScore: number;
  /** Diebold–Mariano statistic (positive: the candidate is better). */
  readonly dieboldMarianoScore: number;
  /** One-sided p-value that the candidate is better. */
  readonly pValue: number;
  /** Whether the candidate beats the random walk at 5%. */
  readonly beatsRandomWalk: boolean;
}

/** A rate forecast with an interval. @public */
export interface RateForecast {
  /** The pair. */
  readonly base: string;
  /** The pair. */
  readonly quote: string;
  /** The time of the last observation the forecast starts from, epoch ms. */
  readonly from: number;
  /** The horizon, ms. */
  readonly horizonMs: number;
  /** The model used for the centre. */
  readonly centreModel: 'randomWalk' | 'meanReversion';
  /** Why `meanReversion` was or was not used, when it was asked for. */
  readonly comparison?: PointForecastComparison;
  /** The central rate, decimal string. */
  readonly centre: string;
  /** Lower end of the interval, decimal string. */
  readonly lower: string;
  /** Upper end of the interval, decimal string. */
  readonly upper: string;
  /** Interval confidence. */
  readonly confidence: number;
  /** Forecast volatility of the log rate over the horizon. */
  readonly horizonVolatility: number;
}

/**
 * A currency pegged to another: `rate` units of `currency` per unit of `anchor`, held within ±`band`
 * (a fraction; 0 for a hard peg published as a point).
 * @public
 */
export interface Peg {
  /** The pegged currency, for example `AED`. */
  readonly currency: string;
  /** The anchor currency, for example `USD`. */
  readonly anchor: string;
  /** Central rate: units of `currency` per unit of `anchor`, decimal string. */
  readonly rate: string;
  /** Half-width of the band as a fraction of `rate`, decimal string (`"0.0065"` for HKD 7.75–7.85). */
  readonly band: string;
}

/** An exposure limit: how much may be outstanding with a counterparty in one currency. @public */
export interface ExposureLimit {
  /** The counterparty, usually a BIC. */
  readonly counterparty: string;
  /** The limit; its currency is the currency the limit applies to. */
  readonly limit: Money;
}

/** One reservation against a limit. @public */
export interface ExposureReservation {
  /** Unique id (for example the instruction id); reserving the same id again is idempotent. */
  readonly id: string;
  /** The counterparty. */
  readonly counterparty: string;
  /** The amount reserved, positive, in the limit's currency. */
  readonly amount: Money;
}

/**
 * Limits and the reservations held against them. Immutable: `reserveExposure` and `releaseExposure`
 * return a new book.
 * @public
 */
export interface ExposureBook {
  /** The limits, at most one per counterparty and currency. */
  readonly limits: readonly ExposureLimit[];
  /** The reservations held. */
  readonly reservations: readonly ExposureReservation[];
}

/** Exposure of one counterparty in one currency. @public */
export interface ExposureStatus {
  /** The counterparty. */
  readonly counterparty: string;
  /** The currency. */
  readonly currency: CurrencyCode;
  /** The limit. */
  readonly limit: Money;
  /** Sum of the reservations held. */
  readonly used: Money;
  /** `used` plus the amount checked. */
  readonly after: Money;
  /** `limit − after` (negative when the amount would breach the limit). */
  readonly headroom: Money;
  /** Whether `after ≤ limit`. */
  readonly allowed: boolean;
  /** `after / limit`, in [0, ∞). */
  readonly utilisationScore: number;
}

/** Options of `findExecutionWindow`. @public */
export interface ExecutionWindowOptions {
  /** Now. */
  readonly now: Instant;
  /** How far ahead the execution may move, ms. */
  readonly horizonMs: number;
  /** Width of a time-of-day bucket, ms; divides a day. @defaultValue one hour */
  readonly bucketMs?: number;
  /** Decay per day of the per-bucket variance estimate. @defaultValue 0.94 */
  readonly lambda?: number;
}

/** The time-of-day window with the lowest expected volatility within the horizon. @public */
export interface ExecutionWindow {
  /** Start of the window, epoch ms. */
  readonly start: number;
  /** End of the window, epoch ms. */
  readonly end: number;
  /** Expected volatility of one bucket in that window. */
  readonly expectedVolatility: number;
  /** Expected volatility of one bucket at `now`. */
  readonly currentVolatility: number;
  /** 1 − expected / current: how much quieter the window is than now (0 when it is now). */
  readonly improvementScore: number;
}

/** The action `assessRisk` recommends. @public */
export type RiskAction = 'EXECUTE_NOW' | 'WAIT_FOR_WINDOW' | 'HEDGE' | 'HOLD';

/**
 * A risk check (payload of `deltran.risk.check`): the FX exposure a settlement creates with a
 * counterparty until it settles.
 * @public
 */
export interface RiskCheckRequest {
  /** Unique id (for example the settlement instruction id). */
  readonly id: string;
  /** The counterparty, usually a BIC. */
  readonly counterparty: string;
  /** The amount at risk; its currency is the pair's base. */
  readonly amount: Money;
  /** The currency the amount is converted into (the pair's quote). */
  readonly quote: string;
  /** Which side loses: `long` when the base is held until settlement (the default). */
  readonly side?: PositionSide;
  /** How long the exposure lasts, ms. @defaultValue one day */
  readonly horizonMs?: number;
}

/** Weights of the three parts of the risk score; they are normalised to sum to 1. @public */
export interface RiskWeights {
  /** @defaultValue 0.5 */
  readonly volatility: number;
  /** @defaultValue 0.3 */
  readonly exposure: number;
  /** @defaultValue 0.2 */
  readonly amount: number;
}

/** Thresholds of the action rules, on the 0–100 score. @public */
export interface RiskThresholds {
  /** Score at or above which to hold. @defaultValue 75 */
  readonly hold: number;
  /** Score at or above which to hedge. @defaultValue 50 */
  readonly hedge: number;
  /** Score at or above which waiting for a quieter window is worth it. @defaultValue 25 */
  readonly wait: number;
  /** Minimum `improvementScore` of a window to wait for it. @defaultValue 0.2 */
  readonly windowImprovement: number;
  /** Annualised volatility that maps to a volatility score of 100. @defaultValue 0.3 */
  readonly volatilityCeiling: number;
  /** Annualised volatility floor for pegged pairs (de-peg risk). @defaultValue 0.05 */
  readonly pegFloorVolatility: number;
}

/** What `assessRisk` needs besides the request: data and limits, passed in. @public */
export interface RiskContext {
  /** Now. */
  readonly now: Instant;
  /** Daily (or other) history of the request's pair, `base`/`quote` matching the request. */
  readonly history: RateSeries;
  /** Exposure limits and reservations. */
  readonly exposures: ExposureBook;
  /** Optional intraday history of the pair, for the execution window. */
  readonly intraday?: RateSeries;
  /** Pegs; the built-in `DEFAULT_PEGS` when absent. */
  readonly pegs?: readonly Peg[];
  /** Volatility model. @defaultValue `{ kind: 'fhs', filter: 'ewma' }` */
  readonly model?: VolatilityModel;
  /** Score weights. */
  readonly weights?: Partial<RiskWeights>;
  /** Thresholds. */
  readonly thresholds?: Partial<RiskThresholds>;
  /** An amount that scores 100 on the amount part, in the request's currency; the counterparty limit when absent. */
  readonly largeAmount?: Money;
  /** The oldest acceptable last observation of `history`, ms before `now`. @defaultValue 4 days */
  readonly maxHistoryAgeMs?: number;
  /** Random bytes for a filtered historical simulation beyond one step of the data (a horizon over a day on daily data). */
  readonly random?: RandomSource;
}

/** Options of `createRiskEngine`. @public */
export interface RiskEngineOptions {
  /** How many rate histories the engine keeps measured; the oldest leaves first. @defaultValue 64 */
  readonly maxHistories?: number;
}

/** `assessRisk` with the history-derived figures kept per history (from `createRiskEngine`). @public */
export interface RiskEngine {
  /** The same assessment as `assessRisk(request, context)`, errors included. */
  assess(request: RiskCheckRequest, context: RiskContext): RiskAssessment;
  /** How many histories are kept now. */
  histories(): number;
  /** Forgets every history. */
  clear(): void;
}

/** Why an action was chosen. @public */
export type RiskReason =
  | 'SCORE_BELOW_WAIT'
  | 'SCORE_AT_WAIT_NO_BETTER_WINDOW'
  | 'QUIETER_WINDOW_AHEAD'
  | 'SCORE_AT_HEDGE'
  | 'SCORE_AT_HOLD'
  | 'EXPOSURE_LIMIT_EXCEEDED'
  | 'NO_EXPOSURE_LIMIT'
  | 'DEPEG'
  | 'PEG_FLOOR_APPLIED'
  | 'STALE_HISTORY';

/** The result of a risk check (payload of `deltran.risk.result`). @public */
export interface RiskAssessment {
  /** The request's id. */
  readonly requestId: string;
  /** The 0–100 score: weighted sum of the parts. */
  readonly score: number;
  /** The parts, each 0–100, and the weights used. */
  readonly parts: {
    readonly volatilityScore: number;
    readonly exposureScore: number;
    readonly amountScore: number;
    readonly weights: RiskWeights;
  };
  /** Annualised volatility used for the score (after any peg floor). */
  readonly annualVolatility: number;
  /** Annualised volatility the model measured. */
  readonly measuredVolatility: number;
  /** The peg the pair is under, if any. */
  readonly peg?: Peg;
  /** One-day (or the request's horizon) VaR at 99%. */
  readonly valueAtRisk: ValueAtRiskResult;
  /** Exposure after this request. */
  readonly exposure?: ExposureStatus;
  /** The recommended action. */
  readonly action: RiskAction;
  /** Why, most important first. */
  readonly reasons: readonly RiskReason[];
  /** The quietest window within the horizon, when intraday data were given. */
  readonly window?: ExecutionWindow;
}
