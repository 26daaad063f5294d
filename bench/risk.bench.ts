/**
 * Risk (issue 7 target): EWMA over 27 years of daily data ≤ 5 ms, plus the other models, a backtest
 * and a full risk check for scale. Reads the ECB history from the corpus (DELTRAN_CORPUS_DIR, default
 * ../shared); without it, a seeded synthetic series of the same length stands in (and the note says so).
 * Every result is checked once before timing (STYLE.md §7.3).
 * Run: npm run bench risk
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { createSeededRandom, money } from '../src/index';
import {
  assessRisk,
  backtestVar,
  createExposureBook,
  createRiskEngine,
  ecbRateSeries,
  ewmaVolatility,
  fitGarch,
  logReturns,
  parseEcbCsv,
  type RateSeries,
  valueAtRisk,
} from '../src/risk/index';
import { BENCH_SEED, report } from './_lib';

const DAYS = 6983;
const root = fileURLToPath(new URL('../', import.meta.url));
const file = join(
  resolve(root, process.env.DELTRAN_CORPUS_DIR ?? '../shared'),
  'data',
  'fx',
  'ecb',
  'eurofxref-hist.csv',
);
const content = existsSync(file) ? readFileSync(file, 'utf8') : undefined;

function synthetic(): RateSeries {
  const bytes = createSeededRandom(BENCH_SEED)(DAYS);
  let log = Math.log(1.1);
  const times: number[] = [];
  const rates: string[] = [];
  for (let i = 0; i < DAYS; i++) {
    log += ((bytes[i] as number) / 255 - 0.5) * 0.02;
    times.push(Date.UTC(1999, 0, 4) + i * 86_400_000);
    rates.push(Math.exp(log).toFixed(4));
  }
  return { base: 'EUR', quote: 'USD', times, rates };
}

const series = content === undefined ? synthetic() : ecbRateSeries(parseEcbCsv(content), 'EUR', 'USD');
const source = content === undefined ? 'synthetic (corpus absent)' : 'ECB EUR/USD 1999-01-04 … 2026-04-13';
const returns = logReturns(series);
const book = createExposureBook([{ counterparty: 'DEUTDEFFXXX', limit: money('50000000.00', 'EUR') }]);
const now = (series.times[series.times.length - 1] as number) + 3_600_000;
const request = { id: 'si-1', counterparty: 'DEUTDEFFXXX', amount: money('1000000.00', 'EUR'), quote: 'USD' };

// Check once before timing.
if (returns.values.length !== series.rates.length - 1 || returns.values.length < 6000)
  throw new Error('expected 27 years of returns');
const volatility = ewmaVolatility(returns.values);
if (!(volatility > 0.0005 && volatility < 0.05)) throw new Error(`implausible EWMA volatility ${volatility}`);
const fit = fitGarch(returns.values);
if (!(fit.persistence < 1 && fit.alpha > 0)) throw new Error('GARCH fit failed');
if (assessRisk(request, { now, history: series, exposures: book }).score < 0)
  throw new Error('score out of range');
const engine = createRiskEngine();
if (
  JSON.stringify(engine.assess(request, { now, history: series, exposures: book }), (_k, v) =>
    typeof v === 'bigint' ? String(v) : v,
  ) !==
  JSON.stringify(assessRisk(request, { now, history: series, exposures: book }), (_k, v) =>
    typeof v === 'bigint' ? String(v) : v,
  )
)
  throw new Error('the engine differs from assessRisk');

const bench = new Bench({ time: 1500, warmup: true });
bench
  .add('ewmaVolatility, 27 years of daily returns', () => {
    ewmaVolatility(returns.values);
  })
  .add('logReturns + ewmaVolatility from the rate strings', () => {
    ewmaVolatility(logReturns(series).values);
  })
  .add('valueAtRisk FHS-EWMA 1 day 99%', () => {
    valueAtRisk(returns, { model: { kind: 'fhs' }, confidence: 0.99, side: 'long' });
  })
  .add('valueAtRisk FHS 5 days (10,000 bootstrap paths)', () => {
    valueAtRisk(returns, {
      model: { kind: 'fhs' },
      confidence: 0.99,
      side: 'long',
      horizonMs: 5 * 86_400_000,
      random: createSeededRandom(1),
    });
  })
  .add('fitGarch normal, 27 years', () => {
    fitGarch(returns.values);
  })
  .add('backtestVar FHS-EWMA, 1,000 days', () => {
    backtestVar(returns, { model: { kind: 'fhs' }, side: 'long' });
  })
  .add('assessRisk (FHS-EWMA, exposure, score)', () => {
    assessRisk(request, { now, history: series, exposures: book });
  })
  .add('createRiskEngine assess, history already measured', () => {
    engine.assess(request, { now, history: series, exposures: book });
  });
if (content !== undefined) {
  bench.add('parseEcbCsv (1.9 MB, 41 currencies)', () => {
    parseEcbCsv(content);
  });
}

await bench.run();
report('risk', bench, {
  'ewmaVolatility, 27 years of daily returns': {
    itemsPerRun: returns.values.length,
    note: `target ≤ 5 ms; ${source}`,
  },
  'logReturns + ewmaVolatility from the rate strings': {
    itemsPerRun: series.rates.length,
    note: 'target ≤ 5 ms',
  },
});
