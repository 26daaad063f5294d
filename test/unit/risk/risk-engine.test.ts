/**
 * createRiskEngine: the memoised assessment must be the one `assessRisk` gives for the same request and
 * context — same figures, same Money, same reasons, same errors — whatever the order of requests, and
 * after a history is changed in place, extended or evicted.
 */
import { createSeededRandom, fromMinor, money } from 'deltran';
import {
  assessRisk,
  createExposureBook,
  createRiskEngine,
  type RateSeries,
  type RiskCheckRequest,
  type RiskContext,
  RiskErrorCodes,
  type VolatilityModel,
} from 'deltran/risk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, seriesFromReturns } from './_series';

const BANK = 'DEUTDEFFXXX';
const t0 = Date.UTC(2024, 0, 1);
const book = createExposureBook(
  [
    { counterparty: BANK, limit: money('5000000.00', 'EUR') },
    { counterparty: BANK, limit: money('2000000.00', 'AED') },
  ],
  [{ id: 'held', counterparty: BANK, amount: money('1000000.00', 'EUR') }],
);

/** Outcome of one call: the assessment, or the error's class, code, message and path. */
function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string; path?: unknown };
    return {
      error: { type: e?.constructor?.name, name: e.name, code: e.code, message: e.message, path: e.path },
    };
  }
}

const returnsArb = (min: number, max: number) =>
  fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), { minLength: min, maxLength: max });

const modelArb: fc.Arbitrary<VolatilityModel | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant('ewma' as const), lambda: fc.constantFrom(0.94, 0.97, 0.5) }),
  fc.constant<VolatilityModel>({ kind: 'garch', params: { omega: 1e-6, alpha: 0.08, beta: 0.9 } }),
  fc.constant<VolatilityModel>({
    kind: 'garch',
    distribution: 'studentT',
    params: { omega: 1e-6, alpha: 0.05, beta: 0.93, nu: 6 },
  }),
  fc.record({
    kind: fc.constant('fhs' as const),
    window: fc.constantFrom(50, 120, 1000),
    paths: fc.constant(200),
  }),
  fc.constant<VolatilityModel>({
    kind: 'fhs',
    filter: 'garch',
    params: { omega: 1e-6, alpha: 0.08, beta: 0.9 },
  }),
  // An invalid model: both paths must throw the same error.
  fc.constant({ kind: 'ewma', lambda: 2 } as VolatilityModel),
);

const requestArb = fc.record({
  history: fc.nat({ max: 3 }),
  inverse: fc.boolean(),
  minor: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 22n })),
  side: fc.constantFrom(undefined, 'long' as const, 'short' as const),
  horizonMs: fc.constantFrom(undefined, 3_600_000, DAY_MS, 3 * DAY_MS),
  model: modelArb,
  seed: fc.nat(),
  stale: fc.boolean(),
});

describe('createRiskEngine', () => {
  it('should assess exactly as assessRisk over random requests and histories', () => {
    fc.assert(
      fc.property(
        fc.array(returnsArb(0, 260), { minLength: 4, maxLength: 4 }),
        fc.array(requestArb, { minLength: 1, maxLength: 25 }),
        (returnLists, requests) => {
          const histories: RateSeries[] = returnLists.map((r, i) =>
            i === 3
              ? // AED/USD on its peg, sometimes off it.
                seriesFromReturns(
                  r.map((x) => x / 100),
                  { base: 'USD', quote: 'AED', start: 3.6725 + i * 0.05, t0 },
                )
              : seriesFromReturns(r, { base: 'EUR', quote: 'USD', start: 1.1 + i / 10, t0 }),
          );
          const engine = createRiskEngine({ maxHistories: 3 });
          requests.forEach((q, k) => {
            const history = histories[q.history] as RateSeries;
            const [a, b] = [history.base, history.quote] as ['EUR' | 'USD', 'EUR' | 'USD'];
            const currency = q.inverse ? b : a;
            const request: RiskCheckRequest = {
              id: `si-${k}`,
              counterparty: BANK,
              amount: fromMinor(q.minor, currency),
              quote: q.inverse ? a : b,
              ...(q.side === undefined ? {} : { side: q.side }),
              ...(q.horizonMs === undefined ? {} : { horizonMs: q.horizonMs }),
            };
            const last = (history.times[history.times.length - 1] as number) ?? t0;
            const context = (): RiskContext => ({
              now: last + (q.stale ? 10 * DAY_MS : 3_600_000),
              history,
              exposures: book,
              ...(q.model === undefined ? {} : { model: q.model }),
              random: createSeededRandom(q.seed),
            });
            const cached = outcome(() => engine.assess(request, context()));
            const reference = outcome(() => assessRisk(request, context()));
            expect(cached).toEqual(reference);
          });
          expect(engine.histories()).toBeLessThanOrEqual(3);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('should measure a history again once it is changed in place or extended', () => {
    // Arrange
    const history = seriesFromReturns(
      Array.from({ length: 300 }, (_, i) => 0.004 * Math.sin(i)),
      { t0 },
    ) as { base: string; quote: string; times: number[]; rates: string[] };
    const engine = createRiskEngine();
    const request = { id: 'si-1', counterparty: BANK, amount: money('1000000.00', 'EUR'), quote: 'USD' };
    const context = (): RiskContext => ({
      now: (history.times.at(-1) as number) + 3_600_000,
      history,
      exposures: book,
    });
    const first = engine.assess(request, context());

    // Act: a shock written into the existing arrays, then one more day appended
    history.rates[290] = String(Number(history.rates[290]) * 1.05);
    const changed = engine.assess(request, context());
    const changedReference = assessRisk(request, context());
    history.times.push((history.times.at(-1) as number) + DAY_MS);
    history.rates.push(String(Number(history.rates.at(-1)) * 0.97));
    const extended = engine.assess(request, context());

    // Assert
    expect(changed).toEqual(changedReference);
    expect(changed.valueAtRisk).not.toEqual(first.valueAtRisk);
    expect(extended).toEqual(assessRisk(request, context()));
    expect(extended.valueAtRisk).not.toEqual(changed.valueAtRisk);
  });

  it('should give the same assessment for an equal history in a new object, and for a frozen one', () => {
    const base = seriesFromReturns(
      Array.from({ length: 200 }, (_, i) => 0.003 * Math.cos(i * 1.7)),
      { t0 },
    );
    const frozen = Object.freeze({
      ...base,
      times: Object.freeze([...base.times]),
      rates: Object.freeze([...base.rates]),
    });
    const engine = createRiskEngine();
    const request = { id: 'si-1', counterparty: BANK, amount: money('250000.00', 'EUR'), quote: 'USD' };
    const now = (base.times.at(-1) as number) + 3_600_000;
    const expected = assessRisk(request, { now, history: base, exposures: book });
    for (const history of [base, { ...base, times: [...base.times], rates: [...base.rates] }, frozen, frozen])
      expect(engine.assess(request, { now, history, exposures: book })).toEqual(expected);
    expect(engine.histories()).toBe(1);
    engine.clear();
    expect(engine.histories()).toBe(0);
  });

  it('should fit a GARCH model once and give the fitted answer of assessRisk', () => {
    const random = createSeededRandom(7);
    const bytes = random(2000);
    const returns = Array.from({ length: 600 }, (_, i) => ((bytes[i] as number) / 255 - 0.5) * 0.02);
    const history = seriesFromReturns(returns, { t0 });
    const engine = createRiskEngine();
    const now = (history.times.at(-1) as number) + 3_600_000;
    for (const model of [{ kind: 'garch' } as const, { kind: 'fhs', filter: 'garch' } as const]) {
      for (const minor of [100n, 123_456_789n, 10n ** 17n]) {
        const request = { id: 'si-1', counterparty: BANK, amount: fromMinor(minor, 'EUR'), quote: 'USD' };
        const context = { now, history, exposures: book, model };
        expect(engine.assess(request, context)).toEqual(assessRisk(request, context));
      }
    }
  });

  it('should throw the errors of assessRisk for a malformed or too short history, every time', () => {
    const engine = createRiskEngine();
    const request = { id: 'si-1', counterparty: BANK, amount: money('1.00', 'EUR'), quote: 'USD' };
    const short = seriesFromReturns([0.01, -0.01, 0.02], { t0 });
    const bad = { ...short, rates: ['1.1', 'x', '1.2', '1.3'] };
    const uneven = { ...short, rates: ['1.1', '1.2'] };
    for (const history of [short, short, bad, bad, uneven]) {
      const context = { now: t0 + 4 * DAY_MS, history, exposures: book };
      const reference = outcome(() => assessRisk(request, context));
      expect(reference).toHaveProperty('error');
      expect(outcome(() => engine.assess(request, context))).toEqual(reference);
    }
    // Only the short history's returns are kept (they are valid; its VaR throws and is not kept).
    expect(engine.histories()).toBe(1);
  });

  it('should refuse a maxHistories that is not an integer ≥ 1', () => {
    for (const maxHistories of [0, 1.5, Number.NaN]) {
      expect(() => createRiskEngine({ maxHistories })).toThrow(
        expect.objectContaining({ code: RiskErrorCodes.INVALID_OPTIONS }),
      );
    }
  });
});

describe('assessRisk with the default thresholds and weights', () => {
  it('should assess a context without thresholds or weights as one with empty ones (the checked path)', () => {
    let assessed = 0;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), {
          minLength: 2,
          maxLength: 260,
          size: 'max',
        }),
        requestArb,
        (returns, q) => {
          const history = seriesFromReturns(returns, { base: 'EUR', quote: 'USD', start: 1.1, t0 });
          const currency = q.inverse ? 'USD' : 'EUR';
          const request: RiskCheckRequest = {
            id: 'si-d',
            counterparty: BANK,
            amount: fromMinor(q.minor, currency),
            quote: q.inverse ? 'EUR' : 'USD',
            ...(q.side === undefined ? {} : { side: q.side }),
          };
          const base = {
            now: (history.times.at(-1) ?? t0) + 3_600_000,
            history,
            exposures: book,
            ...(q.model === undefined ? {} : { model: q.model }),
          };
          const defaults = outcome(() =>
            assessRisk(request, { ...base, random: createSeededRandom(q.seed) }),
          );
          const explicit = outcome(() =>
            assessRisk(request, { ...base, thresholds: {}, weights: {}, random: createSeededRandom(q.seed) }),
          );
          expect(defaults).toEqual(explicit);
          const engine = createRiskEngine();
          expect(
            outcome(() => engine.assess(request, { ...base, random: createSeededRandom(q.seed) })),
          ).toEqual(explicit);
          if ('ok' in (explicit as object)) assessed++;
        },
      ),
      { seed: 1320, numRuns: 200 },
    );
    // Most runs get an assessment (not an error), so the comparison is of figures.
    expect(assessed).toBeGreaterThan(50);
  });
});
