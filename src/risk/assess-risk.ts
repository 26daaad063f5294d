/**
 * The risk check of a settlement: a 0–100 score with its parts, and an action.
 *
 * @packageDocumentation
 */

import { isCurrencyCode, type Money } from '../index';
import { requireInRange, requireInteger } from './_internal/checks';
import {
  createHistoryMemo,
  DEFAULT_MAX_HISTORIES,
  type HistoryMemo,
  historyEntry,
  memoPegDeviation,
  memoValueAtRisk,
} from './_internal/history-memo';
import { DAY_MS, toEpochMs } from './_internal/time';
import { RiskErrorCodes, RiskOptionsError } from './errors';
import { findExecutionWindow } from './execution-window';
import { checkExposure } from './exposure-book';
import { logReturns } from './log-returns';
import { DEFAULT_PEGS, findPeg, pegDeviationScore } from './pegs';
import type {
  ExecutionWindow,
  ExposureStatus,
  PositionSide,
  RiskAction,
  RiskAssessment,
  RiskCheckRequest,
  RiskContext,
  RiskEngine,
  RiskEngineOptions,
  RiskReason,
  RiskThresholds,
  RiskWeights,
  VolatilityModel,
} from './types';
import { valueAtRisk } from './value-at-risk';

/** Default weights of the score's parts (volatility 0.5, exposure 0.3, amount 0.2). @public */
export const DEFAULT_RISK_WEIGHTS: RiskWeights = Object.freeze({
  volatility: 0.5,
  exposure: 0.3,
  amount: 0.2,
});

/**
 * Default thresholds: hold at 75, hedge at 50, consider waiting at 25 when a window at least 20% quieter
 * lies within the horizon; 30% annualised volatility scores 100; pegged pairs are scored at no less than
 * 5% annualised volatility (a de-peg such as EUR/CHF on 2015-01-15, −15% in a day, is a jump that the
 * measured volatility of a peg never shows).
 * @public
 */
export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = Object.freeze({
  hold: 75,
  hedge: 50,
  wait: 25,
  windowImprovement: 0.2,
  volatilityCeiling: 0.3,
  pegFloorVolatility: 0.05,
});

/** Trading days per year used to annualise a daily volatility. @public */
export const TRADING_DAYS_PER_YEAR = 252;
/** A rate this far (fraction of the peg rate) outside a peg's band is a de-peg. @public */
export const DEPEG_TOLERANCE = 0.005;
const DEFAULT_MAX_HISTORY_AGE_MS = 4 * DAY_MS;
const DEFAULT_MODEL: VolatilityModel = Object.freeze({ kind: 'fhs', filter: 'ewma' });

/**
 * Scores the FX risk of a request and recommends an action.
 *
 * - Volatility part: 100 × min(1, σ_annual / volatilityCeiling), σ_annual the model's one-step
 *   volatility × √(252 · day / step), floored at `pegFloorVolatility` for pegged pairs.
 * - Exposure part: 100 × min(1, (reserved + amount) / limit) for the counterparty in the base currency;
 *   100 when no limit is set.
 * - Amount part: 100 × min(1, amount / largeAmount), `largeAmount` defaulting to the limit.
 * - Score: the weighted sum (weights normalised to 1).
 * - Action, first rule that applies: HOLD on a de-peg, a stale history, no limit, a breached limit or a
 *   score ≥ hold; HEDGE on a score ≥ hedge; WAIT_FOR_WINDOW on a score ≥ wait when the intraday history
 *   shows a later window at least `windowImprovement` quieter than now; else EXECUTE_NOW.
 *
 * @param request - the risk check
 * @param context - now, history, exposure book, optional intraday history, pegs, model, weights, thresholds
 * @returns the assessment with every part shown
 * @throws {@link RiskOptionsError} (`RISK_INVALID_REQUEST`) for a malformed request or a history of another pair
 * @throws {@link InsufficientHistoryError} (`RISK_INSUFFICIENT_HISTORY`) when the history is too short
 * @example
 * ```ts
 * assessRisk({ id: 'si-1', counterparty: 'BANKDEFFXXX', amount: money('250000.00', 'EUR'), quote: 'USD' },
 *   { now: '2026-04-13T15:00:00Z', history: eurUsd, exposures: book });
 * ```
 * @public
 */
export function assessRisk(request: RiskCheckRequest, context: RiskContext): RiskAssessment {
  return assess(request, context, undefined);
}

/**
 * A risk engine: {@link assessRisk} with what a rate history alone determines — its log returns, the
 * fitted volatility model's VaR and expected-shortfall fractions, a peg's deviation — computed once per
 * history and kept inside the engine. Every assessment is the one `assessRisk` returns for the same
 * request and context, errors included; only the cost changes (the request's own figures — exposure,
 * amounts, score — are computed on every call, exactly).
 *
 * The memo is keyed by the history's contents, not its identity: an entry keeps a copy of the times and
 * rates and is used only while the series passed still holds the same values (a frozen array seen before
 * is trusted by reference), so a history extended, rebuilt or changed in place is measured afresh.
 * Bounded: at most `maxHistories` histories (64 by default; the oldest leaves first), each with at most
 * 16 model × side × horizon results. A filtered historical simulation beyond one step of the data draws
 * from `context.random` and is never memoised.
 *
 * @param options - `maxHistories`
 * @returns the engine
 * @throws {@link RiskOptionsError} (`RISK_INVALID_OPTIONS`) when `maxHistories` is not an integer ≥ 1
 * @example
 * ```ts
 * const engine = createRiskEngine();
 * engine.assess(request, { now, history: eurUsd, exposures: book }); // measures EUR/USD
 * engine.assess(other, { now, history: eurUsd, exposures: book });   // reuses the measurement
 * ```
 * @public
 */
export function createRiskEngine(options: RiskEngineOptions = {}): RiskEngine {
  const maxHistories = requireInteger(
    options.maxHistories ?? DEFAULT_MAX_HISTORIES,
    1,
    'createRiskEngine',
    'maxHistories',
  );
  const memo = createHistoryMemo(maxHistories);
  return Object.freeze({
    assess: (request: RiskCheckRequest, context: RiskContext) => assess(request, context, memo),
    histories: () => memo.entries.size,
    clear: () => memo.entries.clear(),
  });
}

function assess(
  request: RiskCheckRequest,
  context: RiskContext,
  memo: HistoryMemo | undefined,
): RiskAssessment {
  const { amount, side } = checkRequest(request, context);
  const now = toEpochMs(context.now, 'assessRisk', ['now']);
  // Without thresholds or weights of its own, a context takes the defaults, which pass every check:
  // no copy and no checks to run (the weights are still a new frozen object per assessment).
  const thresholds =
    context.thresholds === undefined ? DEFAULT_RISK_THRESHOLDS : checkedThresholds(context.thresholds);
  const weights =
    context.weights === undefined
      ? defaultWeights()
      : normaliseWeights({ ...DEFAULT_RISK_WEIGHTS, ...context.weights });
  const horizonMs = request.horizonMs ?? DAY_MS;
  const reasons: RiskReason[] = [];

  const entry = memo === undefined ? undefined : historyEntry(memo, context.history);
  const returns = entry === undefined ? logReturns(context.history) : entry.returns;
  const inverted = context.history.base !== amount.currency;
  const varOptions = {
    model: context.model ?? DEFAULT_MODEL,
    confidence: 0.99,
    side: inverted ? (side === 'long' ? 'short' : 'long') : side,
    horizonMs,
    position: amount,
    ...(context.random === undefined ? {} : { random: context.random }),
  } as const;
  const measured =
    entry === undefined
      ? valueAtRisk(returns, varOptions)
      : memoValueAtRisk(entry, varOptions, context.model === undefined ? memo : undefined);
  const measuredVolatility =
    measured.stepVolatility * Math.sqrt((TRADING_DAYS_PER_YEAR * DAY_MS) / returns.stepMs);

  const peg = findPeg(context.pegs ?? DEFAULT_PEGS, amount.currency, request.quote);
  let annualVolatility = measuredVolatility;
  if (peg !== undefined) {
    const lastRate = context.history.rates[context.history.rates.length - 1] as string;
    const deviation =
      entry === undefined
        ? pegDeviationScore(peg, context.history.base, lastRate)
        : memoPegDeviation(entry, peg, context.history.base, lastRate);
    if (deviation > DEPEG_TOLERANCE) reasons.push('DEPEG');
    if (measuredVolatility < thresholds.pegFloorVolatility) {
      annualVolatility = thresholds.pegFloorVolatility;
      reasons.push('PEG_FLOOR_APPLIED');
    }
  }
  const lastTime = context.history.times[context.history.times.length - 1] as number;
  if (now - lastTime > (context.maxHistoryAgeMs ?? DEFAULT_MAX_HISTORY_AGE_MS)) reasons.push('STALE_HISTORY');

  const exposureResult = checkExposure(context.exposures, request.counterparty, amount);
  const exposure: ExposureStatus | undefined = exposureResult.ok ? exposureResult.value : undefined;
  if (exposure === undefined) reasons.push('NO_EXPOSURE_LIMIT');
  else if (!exposure.allowed) reasons.push('EXPOSURE_LIMIT_EXCEEDED');

  const volatilityScore = clampScore((100 * annualVolatility) / thresholds.volatilityCeiling);
  const exposureScore = exposure === undefined ? 100 : clampScore(100 * exposure.utilisationScore);
  const large = context.largeAmount ?? exposure?.limit;
  const amountScore = large === undefined || large.minor <= 0n ? 100 : clampScore(100 * ratio(amount, large));
  const score =
    weights.volatility * volatilityScore + weights.exposure * exposureScore + weights.amount * amountScore;

  let window: ExecutionWindow | undefined;
  if (context.intraday !== undefined) window = findExecutionWindow(context.intraday, { now, horizonMs });

  const blocking = reasons.some(
    (r) =>
      r === 'DEPEG' || r === 'STALE_HISTORY' || r === 'NO_EXPOSURE_LIMIT' || r === 'EXPOSURE_LIMIT_EXCEEDED',
  );
  let action: RiskAction;
  if (blocking || score >= thresholds.hold) {
    action = 'HOLD';
    if (!blocking) reasons.unshift('SCORE_AT_HOLD');
  } else if (score >= thresholds.hedge) {
    action = 'HEDGE';
    reasons.unshift('SCORE_AT_HEDGE');
  } else if (score >= thresholds.wait) {
    if (
      window !== undefined &&
      window.start > now &&
      window.improvementScore >= thresholds.windowImprovement
    ) {
      action = 'WAIT_FOR_WINDOW';
      reasons.unshift('QUIETER_WINDOW_AHEAD');
    } else {
      action = 'EXECUTE_NOW';
      reasons.unshift('SCORE_AT_WAIT_NO_BETTER_WINDOW');
    }
  } else {
    action = 'EXECUTE_NOW';
    reasons.unshift('SCORE_BELOW_WAIT');
  }
  return {
    requestId: request.id,
    score,
    parts: { volatilityScore, exposureScore, amountScore, weights },
    annualVolatility,
    measuredVolatility,
    ...(peg === undefined ? {} : { peg }),
    valueAtRisk: measured,
    ...(exposure === undefined ? {} : { exposure }),
    action,
    reasons,
    ...(window === undefined ? {} : { window }),
  };
}

function fail(path: string, message: string): never {
  throw new RiskOptionsError(
    RiskErrorCodes.INVALID_REQUEST,
    `[deltran/risk] assessRisk: ${path}: ${message}`,
    {
      path: [path],
    },
  );
}

function checkRequest(
  request: RiskCheckRequest,
  context: RiskContext,
): { amount: Money; side: PositionSide } {
  if (typeof request?.id !== 'string' || request.id === '') fail('id', 'expected a non-empty id');
  if (typeof request.counterparty !== 'string' || request.counterparty === '')
    fail('counterparty', 'expected a non-empty counterparty');
  const amount = request.amount;
  if (typeof amount?.minor !== 'bigint' || !isCurrencyCode(amount.currency) || amount.minor < 0n)
    fail('amount', 'expected a non-negative Money');
  if (typeof request.quote !== 'string' || request.quote === amount.currency)
    fail('quote', 'expected a currency other than the amount’s');
  const side = request.side ?? 'long';
  if (side !== 'long' && side !== 'short') fail('side', 'expected "long" or "short"');
  const h = context.history;
  const direct = h?.base === amount.currency && h.quote === request.quote;
  const inverse = h?.base === request.quote && h.quote === amount.currency;
  if (!direct && !inverse) {
    fail(
      'history',
      `expected the history of ${amount.currency}/${request.quote} (or its inverse), got ${String(h?.base)}/${String(h?.quote)}`,
    );
  }
  if (request.horizonMs !== undefined)
    requireInRange(request.horizonMs, 0, Number.MAX_SAFE_INTEGER, 'assessRisk', 'horizonMs');
  return { amount, side };
}

function checkedThresholds(given: Partial<RiskThresholds>): RiskThresholds {
  const thresholds = { ...DEFAULT_RISK_THRESHOLDS, ...given };
  for (const key of Object.keys(DEFAULT_RISK_THRESHOLDS) as (keyof RiskThresholds)[]) {
    requireInRange(thresholds[key], 0, Number.MAX_VALUE, 'assessRisk', `thresholds.${key}`, true);
  }
  requireInRange(
    thresholds.volatilityCeiling,
    0,
    Number.MAX_VALUE,
    'assessRisk',
    'thresholds.volatilityCeiling',
  );
  return thresholds;
}

/** `normaliseWeights(DEFAULT_RISK_WEIGHTS)`, its figures computed once. */
const DEFAULT_WEIGHTS_NORMALISED: RiskWeights = normaliseWeights({ ...DEFAULT_RISK_WEIGHTS });

function defaultWeights(): RiskWeights {
  const w = DEFAULT_WEIGHTS_NORMALISED;
  return Object.freeze({ volatility: w.volatility, exposure: w.exposure, amount: w.amount });
}

function normaliseWeights(w: RiskWeights): RiskWeights {
  for (const key of ['volatility', 'exposure', 'amount'] as const)
    requireInRange(w[key], 0, Number.MAX_VALUE, 'assessRisk', `weights.${key}`, true);
  const total = w.volatility + w.exposure + w.amount;
  if (!(total > 0))
    throw new RiskOptionsError(
      RiskErrorCodes.INVALID_OPTIONS,
      '[deltran/risk] assessRisk: weights: expected at least one weight above zero',
      { path: ['weights'] },
    );
  return Object.freeze({
    volatility: w.volatility / total,
    exposure: w.exposure / total,
    amount: w.amount / total,
  });
}

function clampScore(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 100;
}

function ratio(a: Money, b: Money): number {
  if (a.currency !== b.currency) return 1;
  return Number((a.minor * 1_000_000n) / b.minor) / 1_000_000;
}
