/**
 * The memo behind `createRiskEngine`: what `assessRisk` derives from a rate history alone (its log
 * returns, the model's VaR fractions, a peg's deviation), kept per history so that a second request on
 * the same history pays only for the request's own figures.
 *
 * A hit needs the same contents, not the same object: the entry keeps a copy of the times and rates
 * and compares them element by element (a frozen array seen before is trusted by reference), so a
 * history changed in place, or rebuilt with other data, is recomputed. Only successful results are
 * kept; anything that throws is recomputed (and throws again) on every call. Bounded: at most
 * `maxHistories` histories (the oldest entry leaves first), and per history at most
 * {@link VARIANTS_MAX} model × side × horizon results and {@link VARIANTS_MAX} peg deviations.
 * @internal
 */

import type { Money } from '../../index';
import { logReturns } from '../log-returns';
import { pegDeviationScore } from '../pegs';
import type {
  Peg,
  RateSeries,
  ReturnSeries,
  ValueAtRiskOptions,
  ValueAtRiskResult,
  VolatilityModel,
} from '../types';
import { valueAtRisk } from '../value-at-risk';
import { type ResolvedModel, resolveModel } from './engine';
import { type ParsedFraction, parseFraction, scaleAmountExact } from './format';
import { DAY_MS } from './time';

/** Most model × side × horizon results (and peg deviations) kept per history. */
export const VARIANTS_MAX = 16;
/** Default number of histories a memo keeps. */
export const DEFAULT_MAX_HISTORIES = 64;

/** A VaR result without the amounts, with its fractions parsed for {@link scaleAmountExact}. */
interface VarFigures {
  readonly result: Omit<ValueAtRiskResult, 'valueAtRiskAmount' | 'expectedShortfallAmount'>;
  readonly valueAtRisk: ParsedFraction | undefined;
  readonly expectedShortfall: ParsedFraction | undefined;
}

interface HistoryEntry {
  readonly base: string;
  readonly quote: string;
  readonly timesRef: readonly number[];
  readonly ratesRef: readonly string[];
  readonly times: readonly number[];
  readonly rates: readonly string[];
  readonly returns: ReturnSeries;
  readonly figures: Map<string, VarFigures>;
  readonly pegs: Map<string, number>;
}

/** A memo owned by one engine instance. */
export interface HistoryMemo {
  readonly entries: Map<string, HistoryEntry>;
  readonly maxHistories: number;
  /** The default model resolved, with its key (see {@link memoValueAtRisk}). */
  readonly models: WeakMap<object, { readonly model: ResolvedModel; readonly key: string }>;
}

/** A new, empty memo. */
export function createHistoryMemo(maxHistories: number): HistoryMemo {
  return { entries: new Map(), maxHistories, models: new WeakMap() };
}

/**
 * `resolveModel(model, 'valueAtRisk')` and its key; kept in `models` when it is given (the caller passes
 * it only for its own frozen default model, which cannot change), else resolved on every call.
 */
function resolvedModel(
  models: HistoryMemo | undefined,
  model: VolatilityModel,
): { readonly model: ResolvedModel; readonly key: string } {
  const known = models?.models.get(model);
  if (known !== undefined) return known;
  const resolved = resolveModel(model, 'valueAtRisk');
  const out = { model: resolved, key: modelKey(resolved) };
  models?.models.set(model, out);
  return out;
}

/** The memoised history, or undefined when the series cannot be memoised (it is then not valid). */
function lookup(memo: HistoryMemo, series: RateSeries): { entry: HistoryEntry | undefined; key: string } {
  const times = series.times;
  const rates = series.rates;
  const n = times.length;
  const key = `${series.base}\u0000${series.quote}\u0000${n}\u0000${times[0]}\u0000${times[n - 1]}`;
  const entry = memo.entries.get(key);
  if (entry === undefined || entry.base !== series.base || entry.quote !== series.quote)
    return { entry: undefined, key };
  if (
    entry.timesRef === times &&
    entry.ratesRef === rates &&
    Object.isFrozen(times) &&
    Object.isFrozen(rates)
  )
    return { entry, key };
  const keptTimes = entry.times;
  const keptRates = entry.rates;
  if (keptTimes.length !== n || keptRates.length !== rates.length) return { entry: undefined, key };
  for (let i = 0; i < n; i++) {
    if (times[i] !== keptTimes[i] || rates[i] !== keptRates[i]) return { entry: undefined, key };
  }
  return { entry, key };
}

/**
 * The history's entry: its log returns computed once (`logReturns`, with its errors) while the same
 * contents keep coming back.
 */
export function historyEntry(memo: HistoryMemo, series: RateSeries): HistoryEntry | undefined {
  if (
    typeof series !== 'object' ||
    series === null ||
    !Array.isArray(series.times) ||
    !Array.isArray(series.rates) ||
    series.times.length !== series.rates.length ||
    series.times.length < 2
  )
    return undefined;
  const found = lookup(memo, series);
  if (found.entry !== undefined) return found.entry;
  const returns = logReturns(series);
  const entry: HistoryEntry = {
    base: series.base,
    quote: series.quote,
    timesRef: series.times,
    ratesRef: series.rates,
    times: series.times.slice(),
    rates: series.rates.slice(),
    returns,
    figures: new Map(),
    pegs: new Map(),
  };
  memo.entries.delete(found.key);
  if (memo.entries.size >= memo.maxHistories) {
    const oldest = memo.entries.keys().next();
    if (oldest.done !== true) memo.entries.delete(oldest.value);
  }
  memo.entries.set(found.key, entry);
  return entry;
}

function numberKey(value: number | undefined): string {
  return value === undefined ? '' : Object.is(value, -0) ? '-0' : String(value);
}

function modelKey(model: ResolvedModel): string {
  const p = model.params;
  return [
    model.kind,
    model.filter,
    numberKey(model.lambda),
    model.distribution,
    numberKey(model.window),
    numberKey(model.paths),
    p === undefined
      ? '-'
      : `${numberKey(p.omega)},${numberKey(p.alpha)},${numberKey(p.beta)},${numberKey(p.nu)}`,
  ].join('|');
}

/** What `assessRisk` passes to `valueAtRisk`: always a position. */
export type MemoVarOptions = ValueAtRiskOptions & { readonly position: Money };

/**
 * `valueAtRisk(entry.returns, options)`, the fractions memoised per model, confidence, side and
 * horizon, the amounts scaled per call. A bootstrap (filtered historical simulation beyond one step)
 * draws from the caller's random source, so it is never memoised. `models`: the memo to keep the resolved
 * model in, given only for a model that cannot change (the engine's frozen default).
 */
export function memoValueAtRisk(
  entry: HistoryEntry,
  options: MemoVarOptions,
  models?: HistoryMemo,
): ValueAtRiskResult {
  // valueAtRisk resolves the model first; doing it here throws the same error at the same point.
  const resolved = resolvedModel(models, options.model);
  const model = resolved.model;
  const horizonMs = options.horizonMs ?? DAY_MS;
  if (model.kind === 'fhs' && horizonMs / entry.returns.stepMs > 1)
    return valueAtRisk(entry.returns, options);
  const key = `${resolved.key}|${numberKey(options.confidence)}|${options.side}|${numberKey(horizonMs)}`;
  let figures = entry.figures.get(key);
  if (figures === undefined) {
    const { position: _position, ...rest } = options;
    const result = valueAtRisk(entry.returns, rest);
    figures = {
      result,
      valueAtRisk: parseFraction(result.valueAtRisk),
      expectedShortfall: parseFraction(result.expectedShortfall),
    };
    if (entry.figures.size >= VARIANTS_MAX) entry.figures.clear();
    entry.figures.set(key, figures);
  }
  return {
    ...figures.result,
    valueAtRiskAmount: scaleAmountExact(options.position, figures.valueAtRisk, figures.result.valueAtRisk),
    expectedShortfallAmount: scaleAmountExact(
      options.position,
      figures.expectedShortfall,
      figures.result.expectedShortfall,
    ),
  };
}

/**
 * `pegDeviationScore(peg, base, lastRate)`, memoised per peg and base; `lastRate` is the last rate of
 * the entry's history (the caller reads it from the series the entry matched).
 */
export function memoPegDeviation(entry: HistoryEntry, peg: Peg, base: string, lastRate: string): number {
  if (
    typeof peg.currency !== 'string' ||
    typeof peg.anchor !== 'string' ||
    typeof peg.rate !== 'string' ||
    typeof peg.band !== 'string'
  )
    return pegDeviationScore(peg, base, lastRate);
  const key = `${peg.currency}\u0000${peg.anchor}\u0000${peg.rate}\u0000${peg.band}\u0000${base}`;
  let score = entry.pegs.get(key);
  if (score === undefined) {
    score = pegDeviationScore(peg, base, lastRate);
    if (entry.pegs.size >= VARIANTS_MAX) entry.pegs.clear();
    entry.pegs.set(key, score);
  }
  return score;
}
