/**
 * Screening speed (issue 6 target: ≥ 5,000 parties/s on one core against the full 2024 SDN list
 * with aliases, p95 < 1 ms). The list is the 2024-05-03 sdn.csv with the aliases of its remarks,
 * joined with the 2025-12 alt.csv / add.csv rows of the same ent_num. Parties are a seeded mix of
 * the yente synthetic people (mostly no hit) and typo'd UN names (hits), with dates of birth and
 * nationalities. Also times building the index and the raw name comparison. The first-seen
 * figures use a screener without its cache (`cacheSize: 0`), so every party is analysed and scored;
 * "repeated parties" screens the same parties again through the default cache (a bank's day
 * repeats its debtors and creditors).
 * Run: npm run bench compliance
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { Bench } from 'tinybench';
import { compareNames, createScreener, loadOfacSdn, type ScreeningSubject } from '../src/compliance/index';
import { createSeededRandom } from '../src/index';
import { BENCH_SEED, report } from './_lib';

const PARTIES = 5_000;
const HIT_SHARE = 0.1;
const LATENCY_SAMPLES = 20_000;

const root = fileURLToPath(new URL('../', import.meta.url));
const data = join(resolve(root, process.env.DELTRAN_CORPUS_DIR ?? '../shared'), 'data', 'sanctions');
const csv = (path: string) =>
  parse(readFileSync(join(data, path), 'utf8'), { columns: true }) as Record<string, string>[];

const files = {
  sdn: readFileSync(join(data, 'ofac_sdn_2024-05-03/sdn.csv')),
  alt: readFileSync(join(data, 'ofac_sdn_2025-12_alt_add_only/alt.csv')),
  add: readFileSync(join(data, 'ofac_sdn_2025-12_alt_add_only/add.csv')),
};
let t = performance.now();
const list = loadOfacSdn(files);
const loadMs = performance.now() - t;
t = performance.now();
const screener = createScreener([list], { cacheSize: 0 });
const buildMs = performance.now() - t;
const cached = createScreener([list]);

// Seeded choice of parties (STYLE.md §7.2).
const random = createSeededRandom(BENCH_SEED);
const pick = <T>(items: readonly T[]): T => {
  const bytes = random(4);
  const n = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return items[n % items.length]!;
};
const toSubject = (r: Record<string, string>): ScreeningSubject => ({
  name: r.full_name!,
  kind: 'person',
  ...(r.date_of_birth ? { dateOfBirth: r.date_of_birth } : {}),
  ...(r.nationality ? { countries: [r.nationality] } : {}),
});
const negatives = [
  ...csv('benchmarks/yente/negatives_global.csv'),
  ...csv('benchmarks/yente/negatives_us.csv'),
];
const positives = csv('benchmarks/yente/positives_un_treated.csv');
const parties: ScreeningSubject[] = [];
for (let i = 0; i < PARTIES; i++)
  parties.push(toSubject(i < PARTIES * HIT_SHARE ? pick(positives) : pick(negatives)));
const sdnNames = list.entries.slice(0, 2_000).map((e) => e.names[0]!.name);

// Check once before timing (STYLE.md §7.3): a known name is found, a known BIC rejected.
if (screener.screen({ name: 'Banco Nacional de Cuba' }).decision === 'ALLOW')
  throw new Error('bench: screener broken');
if (screener.screen({ bic: 'HAVIGB2L' }).decision !== 'REJECT')
  throw new Error('bench: BIC screening broken');

// Per-party latency percentiles, measured directly (tinybench measures whole batches).
// Wall time, and CPU time of this process (user + system): on a shared machine the wall time
// includes waiting for a core, the CPU time is what one core spends on the party.
// The machine may be shared: the load average says how busy it was (CPU time per party also grows
// on a loaded machine, since the caches and the core's other thread are shared).
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadBefore = load();
const latencies: number[] = [];
const cpuLatencies: number[] = [];
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (let i = 0; i < LATENCY_SAMPLES; i++) {
  const subject = i < 2_000 ? parties[i % PARTIES]! : toSubject(negatives[(i * 7919) % negatives.length]!);
  const cpu = process.cpuUsage();
  const start = performance.now();
  screener.screen(subject);
  latencies.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuLatencies.push((used.user + used.system) / 1000);
}
const wallTotalMs = performance.now() - wallStart;
const cpuTotal = process.cpuUsage(cpuStart);
const cpuTotalMs = (cpuTotal.user + cpuTotal.system) / 1000;
latencies.sort((a, b) => a - b);
cpuLatencies.sort((a, b) => a - b);
const quantile = (values: readonly number[], p: number) =>
  Math.round(values[Math.floor(p * (values.length - 1))]! * 1000) / 1000;
const q = (p: number) => quantile(latencies, p);
const qc = (p: number) => quantile(cpuLatencies, p);
console.log(
  `per-party latency over ${LATENCY_SAMPLES} parties (mostly first-seen names): wall p50 ${q(0.5)} / p95 ${q(0.95)} / p99 ${q(0.99)} ms; ` +
    `CPU p50 ${qc(0.5)} / p95 ${qc(0.95)} / p99 ${qc(0.99)} ms; ` +
    `throughput ${Math.round((LATENCY_SAMPLES * 1000) / wallTotalMs)}/s wall, ${Math.round((LATENCY_SAMPLES * 1000) / cpuTotalMs)}/s per CPU-second; ` +
    `load average ${loadBefore} before, ${load()} after`,
);

const bench = new Bench({ time: 3_000, warmupTime: 500 });
bench
  .add(`screen ${PARTIES} parties (SDN 2024 + aliases)`, () => {
    for (const party of parties) screener.screen(party);
  })
  .add(`screen ${PARTIES} repeated parties (default cache)`, () => {
    for (const party of parties) cached.screen(party);
  })
  .add('compareNames x 2,000', () => {
    for (let i = 0; i < sdnNames.length; i++)
      compareNames(sdnNames[i]!, sdnNames[(i + 1) % sdnNames.length]!);
  });
await bench.run();
report('compliance', bench, {
  [`screen ${PARTIES} parties (SDN 2024 + aliases)`]: {
    itemsPerRun: PARTIES,
    note: `target >= 5000/s; per-party wall p50 ${q(0.5)} / p95 ${q(0.95)} ms, CPU p50 ${qc(0.5)} / p95 ${qc(0.95)} ms (target p95 < 1 ms), ${Math.round((LATENCY_SAMPLES * 1000) / cpuTotalMs)}/s per CPU-second, load ${loadBefore}; ${list.entries.length} entries, ${screener.nameCount} names; load ${Math.round(loadMs)} ms, index ${Math.round(buildMs)} ms`,
  },
  [`screen ${PARTIES} repeated parties (default cache)`]: {
    itemsPerRun: PARTIES,
    note: 'the same parties again: name scoring comes from the screener cache',
  },
  'compareNames x 2,000': { itemsPerRun: 2_000 },
});
