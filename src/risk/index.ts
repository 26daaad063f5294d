/**
 * `deltran/risk`: FX risk of settlements — volatility models (EWMA, GARCH(1,1) by maximum likelihood,
 * filtered historical simulation), VaR and expected shortfall at any horizon, backtests (Kupiec,
 * Christoffersen, Basel traffic light), rate forecasts, exposure limits, execution windows, and the
 * 0–100 risk score with its action. Pure functions: rate histories, time and randomness are passed in.
 *
 * @packageDocumentation
 */
export {
  assessRisk,
  createRiskEngine,
  DEFAULT_RISK_THRESHOLDS,
  DEFAULT_RISK_WEIGHTS,
  DEPEG_TOLERANCE,
  TRADING_DAYS_PER_YEAR,
} from './assess-risk';
export { backtestVar } from './backtest-var';
export { baselTrafficLight, TRAFFIC_LIGHT_RED, TRAFFIC_LIGHT_YELLOW } from './basel-traffic-light';
export { christoffersenTest } from './christoffersen-test';
export { ecbRateSeries } from './ecb-rate-series';
export {
  ExposureError,
  InsufficientHistoryError,
  RateDataError,
  RiskError,
  type RiskErrorCode,
  RiskErrorCodes,
  RiskOptionsError,
} from './errors';
export { DEFAULT_EWMA_LAMBDA, type EwmaOptions, ewmaVariances, ewmaVolatility } from './ewma';
export { findExecutionWindow } from './execution-window';
export { checkExposure, createExposureBook, releaseExposure, reserveExposure } from './exposure-book';
export { comparePointForecast, forecastRate, type PointForecastComparisonOptions } from './forecast-rate';
export {
  fitGarch,
  GARCH_OBSERVATIONS_MIN,
  type GarchFitOptions,
  garchHorizonVariance,
  garchVariances,
} from './garch';
export { kupiecTest } from './kupiec-test';
export { logReturns } from './log-returns';
export { type EcbRateTable, parseEcbCsv, safeParseEcbCsv } from './parse-ecb-csv';
export { type FredCsvOptions, parseFredCsv, safeParseFredCsv } from './parse-fred-csv';
export { DEFAULT_PEGS, findPeg, pegDeviationScore } from './pegs';
export type {
  ChristoffersenResult,
  ExecutionWindow,
  ExecutionWindowOptions,
  ExposureBook,
  ExposureLimit,
  ExposureReservation,
  ExposureStatus,
  GarchDistribution,
  GarchFit,
  GarchParams,
  Instant,
  KupiecResult,
  Peg,
  PointForecastComparison,
  PositionSide,
  RateForecast,
  RateForecastOptions,
  RateSeries,
  ReturnSeries,
  RiskAction,
  RiskAssessment,
  RiskCheckRequest,
  RiskContext,
  RiskEngine,
  RiskEngineOptions,
  RiskReason,
  RiskThresholds,
  RiskWeights,
  TrafficLightResult,
  TrafficLightZone,
  ValueAtRiskOptions,
  ValueAtRiskResult,
  VarBacktestOptions,
  VarBacktestResult,
  VolatilityModel,
} from './types';
export { valueAtRisk } from './value-at-risk';
