/**
 * Screening quality on the shared benchmarks (issue 6 targets), written to
 * bench/results/compliance-quality.json:
 *
 * 1. OpenSanctions name-pair benchmark (nomenklatura name_bench cases.csv): F1 at the default review
 *    threshold. The benchmark has no split, so the pairs are split in two by a hash of the names:
 *    the development half was used to design the scorer and choose the threshold, the test half is
 *    reported without any tuning on it. OpenSanctions' own logic-v2 reference run is scored on the
 *    same halves from its frozen predictions.
 * 2. yente typo'd UN queries: recall of the right UN entry in the top 5 (names + DOB + nationality
 *    as given, and names alone).
 * 3. yente synthetic non-sanctioned people (100,000): false REVIEW per 1,000 against the 2024 SDN
 *    list with aliases and the UN list.
 * 4. Every SWIFT/BIC printed in the 2024 SDN remarks must be rejected.
 *
 * Reads the corpus from DELTRAN_CORPUS_DIR (default ../shared). Run: npm run bench compliance-quality
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  compareNames,
  createScreener,
  loadOfacSdn,
  loadUnList,
  normalizeName,
  type SubjectKind,
} from '../src/compliance/index';

const root = fileURLToPath(new URL('../', import.meta.url));
const corpus = resolve(root, process.env.DELTRAN_CORPUS_DIR ?? '../shared');
const data = join(corpus, 'data', 'sanctions');
const REVIEW = 0.79;

type Row = Record<string, string>;
const csv = (path: string): Row[] =>
  parse(readFileSync(join(data, path), 'utf8'), { columns: true }) as Row[];

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
function f1(c: Confusion): { precision: number; recall: number; f1: number; n: number } {
  const precision = c.tp / (c.tp + c.fp);
  const recall = c.tp / (c.tp + c.fn);
  return {
    precision: r4(precision),
    recall: r4(recall),
    f1: r4((2 * precision * recall) / (precision + recall)),
    n: c.tp + c.fp + c.fn + c.tn,
  };
}
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function kindOf(schema: string): SubjectKind {
  if (schema === 'Person') return 'person';
  if (schema === 'Vessel') return 'vessel';
  return 'organization';
}

// ---------------------------------------------------------------- 1. name pairs
const cases = csv('benchmarks/nomenklatura/name_bench_cases.csv');
const reference = csv('benchmarks/nomenklatura/name_bench_logicv2-frozen.csv');
const referenceByPair = new Map(
  reference.map((r) => [`${r.name1}|${r.name2}|${r.schema}`, r.predicted_match === 'true']),
);
const halves = {
  dev: { tp: 0, fp: 0, fn: 0, tn: 0 },
  test: { tp: 0, fp: 0, fn: 0, tn: 0 },
  all: { tp: 0, fp: 0, fn: 0, tn: 0 },
};
const refHalves = {
  dev: { tp: 0, fp: 0, fn: 0, tn: 0 },
  test: { tp: 0, fp: 0, fn: 0, tn: 0 },
  all: { tp: 0, fp: 0, fn: 0, tn: 0 },
};
const bump = (c: Confusion, predicted: boolean, actual: boolean) => {
  if (predicted && actual) c.tp++;
  else if (predicted) c.fp++;
  else if (actual) c.fn++;
  else c.tn++;
};
const devScores: { score: number; actual: boolean }[] = [];
for (const row of cases) {
  const half = fnv1a(`${row.name1}|${row.name2}`) % 2 === 0 ? 'dev' : 'test';
  const actual = row.is_match === 'true';
  const score = compareNames(row.name1!, row.name2!, { kind: kindOf(row.schema!) });
  bump(halves[half], score >= REVIEW, actual);
  bump(halves.all, score >= REVIEW, actual);
  if (half === 'dev') devScores.push({ score, actual });
  const ref = referenceByPair.get(`${row.name1}|${row.name2}|${row.schema}`);
  if (ref !== undefined) {
    bump(refHalves[half], ref, actual);
    bump(refHalves.all, ref, actual);
  }
}
let bestDev = { threshold: 0, f1: 0 };
for (let t = 50; t <= 99; t++) {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const s of devScores) bump(c, s.score >= t / 100, s.actual);
  const value = f1(c).f1;
  if (value > bestDev.f1) bestDev = { threshold: t / 100, f1: value };
}
const namePairs = {
  threshold: REVIEW,
  dev: f1(halves.dev),
  test: f1(halves.test),
  all: f1(halves.all),
  bestThresholdOnDev: bestDev,
  openSanctionsLogicV2: { dev: f1(refHalves.dev), test: f1(refHalves.test), all: f1(refHalves.all) },
  target: 'F1 >= 0.85',
};

// ---------------------------------------------------------------- lists
const t0 = performance.now();
const sdn = loadOfacSdn(
  {
    sdn: readFileSync(join(data, 'ofac_sdn_2024-05-03/sdn.csv')),
    alt: readFileSync(join(data, 'ofac_sdn_2025-12_alt_add_only/alt.csv')),
    add: readFileSync(join(data, 'ofac_sdn_2025-12_alt_add_only/add.csv')),
  },
  { name: 'OFAC SDN 2024-05-03 (+ 2025-12 aliases and addresses of the same ent_num)' },
);
const un = loadUnList(readFileSync(join(data, 'un/UN_consolidated_2026-02-27.xml')));
const unScreener = createScreener([un]);
const allScreener = createScreener([sdn, un]);
const buildMs = Math.round(performance.now() - t0);

// ---------------------------------------------------------------- 2. typo'd UN queries
const untreated = csv('benchmarks/yente/positives_un_untreated.csv');
const treated = csv('benchmarks/yente/positives_un_treated.csv');
const sortedTokens = (name: string) => normalizeName(name).split(' ').sort().join(' ');
const byName = new Map<string, Set<string>>();
for (const entry of un.entries) {
  for (const n of entry.names) {
    const key = sortedTokens(n.name);
    const set = byName.get(key) ?? new Set<string>();
    set.add(entry.id);
    byName.set(key, set);
  }
}
const recall = {
  labelled: 0,
  top5Full: 0,
  top1Full: 0,
  top5NameOnly: 0,
  reviewFull: 0,
  reviewNameOnlyAllLists: 0,
};
const misses: string[] = [];
untreated.forEach((u, i) => {
  const ids = byName.get(sortedTokens(u.full_name!));
  const t = treated[i];
  if (ids === undefined || t === undefined) return;
  recall.labelled++;
  const full = {
    name: t.full_name!,
    kind: 'person' as const,
    ...(t.date_of_birth ? { dateOfBirth: t.date_of_birth } : {}),
    ...(t.nationality ? { countries: [t.nationality] } : {}),
  };
  const hits = unScreener.search(full, 5);
  const rank = hits.findIndex((h) => ids.has(h.entryId));
  if (rank >= 0) recall.top5Full++;
  else misses.push(`${t.full_name} (for ${u.full_name})`);
  if (rank === 0) recall.top1Full++;
  if (rank >= 0 && hits[rank]!.score >= REVIEW) recall.reviewFull++;
  const nameOnly = unScreener.search({ name: t.full_name!, kind: 'person' }, 5);
  if (nameOnly.some((h) => ids.has(h.entryId))) recall.top5NameOnly++;
  const all = allScreener.screen({ name: t.full_name!, kind: 'person' });
  if (all.subjects[0]!.matches.some((m) => ids.has(m.entryId))) recall.reviewNameOnlyAllLists++;
});
const pct = (n: number, d: number) => r4((n / d) * 100);
const unQueries = {
  labelled: recall.labelled,
  top5RecallPercent: pct(recall.top5Full, recall.labelled),
  top1RecallPercent: pct(recall.top1Full, recall.labelled),
  top5RecallNameOnlyPercent: pct(recall.top5NameOnly, recall.labelled),
  recallAtReviewThresholdPercent: pct(recall.reviewFull, recall.labelled),
  recallAtReviewNameOnlyAgainstSdnAndUnPercent: pct(recall.reviewNameOnlyAllLists, recall.labelled),
  misses,
  target: 'top-5 recall >= 98 %',
};

// ---------------------------------------------------------------- 3. synthetic negatives
const negatives = [
  ...csv('benchmarks/yente/negatives_global.csv'),
  ...csv('benchmarks/yente/negatives_us.csv'),
];
let review = 0;
let reject = 0;
let reviewNameOnly = 0;
// Every 4th person (index % 4 === 0) was looked at while setting the secondary adjustments and the
// short-token strictness; the other three quarters were not, and are reported on their own.
let tuningReview = 0;
let heldOutReview = 0;
const examples: string[] = [];
for (const [index, n] of negatives.entries()) {
  const subject = {
    name: n.full_name!,
    kind: 'person' as const,
    ...(n.date_of_birth ? { dateOfBirth: n.date_of_birth } : {}),
    ...(n.nationality ? { countries: [n.nationality] } : {}),
  };
  const result = allScreener.screen(subject);
  if (result.decision !== 'ALLOW') {
    review++;
    if (index % 4 === 0) tuningReview++;
    else heldOutReview++;
    if (result.decision === 'REJECT') reject++;
    if (examples.length < 25) {
      const m = result.subjects[0]!.matches[0]!;
      examples.push(
        `${n.full_name} ${n.date_of_birth} ${n.nationality} -> ${m.matchedName} (${m.entryId}) ${m.score}`,
      );
    }
  }
  if (allScreener.screen({ name: n.full_name!, kind: 'person' }).decision !== 'ALLOW') reviewNameOnly++;
}
const congress = csv('benchmarks/yente/positives_us_congress_untreated.csv');
let congressHits = 0;
for (const c of congress) {
  const subject = {
    name: c.full_name!,
    kind: 'person' as const,
    ...(c.date_of_birth ? { dateOfBirth: c.date_of_birth } : {}),
  };
  if (allScreener.screen(subject).decision !== 'ALLOW') congressHits++;
}
const falsePositives = {
  people: negatives.length,
  falseReview: review,
  falseReviewPer1000: r4((review / negatives.length) * 1000),
  ofWhichReject: reject,
  tuningQuarterPer1000: r4((tuningReview / Math.ceil(negatives.length / 4)) * 1000),
  heldOutThreeQuartersPer1000: r4(
    (heldOutReview / (negatives.length - Math.ceil(negatives.length / 4))) * 1000,
  ),
  nameOnlyFalseReviewPer1000: r4((reviewNameOnly / negatives.length) * 1000),
  examples,
  usCongressMembers: congress.length,
  usCongressFlagged: congressHits,
  target: '<= 1 false REVIEW per 1,000',
};

// ---------------------------------------------------------------- 4. BICs
const sdnText = readFileSync(join(data, 'ofac_sdn_2024-05-03/sdn.csv'), 'latin1');
const bics = [...sdnText.matchAll(/SWIFT\/BIC ([A-Z0-9]{8,11})/g)].map((m) => m[1]!);
const missedBics = bics.filter((bic) => allScreener.screen({ bic }).decision !== 'REJECT');
const bicCoverage = {
  listed: bics.length,
  caught: bics.length - missedBics.length,
  missed: missedBics,
  target: 'all',
};

// ---------------------------------------------------------------- report
const results = {
  name: 'compliance-quality',
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  lists: {
    sdnEntries: sdn.entries.length,
    sdnIssues: sdn.issues.length,
    unEntries: un.entries.length,
    names: allScreener.nameCount,
    buildMs,
  },
  namePairs,
  unQueries,
  falsePositives,
  bicCoverage,
};
console.log('\n## compliance-quality');
console.table({
  'name-pair F1, test half (target >= 0.85)': {
    value: namePairs.test.f1,
    reference: namePairs.openSanctionsLogicV2.test.f1,
  },
  'name-pair F1, dev half (threshold chosen here)': {
    value: namePairs.dev.f1,
    reference: namePairs.openSanctionsLogicV2.dev.f1,
  },
  'name-pair F1, all pairs': { value: namePairs.all.f1, reference: namePairs.openSanctionsLogicV2.all.f1 },
  'UN typo queries top-5 recall % (target >= 98)': { value: unQueries.top5RecallPercent, reference: '' },
  'UN typo queries top-5 recall %, name only': { value: unQueries.top5RecallNameOnlyPercent, reference: '' },
  'UN typo queries recall % at REVIEW': { value: unQueries.recallAtReviewThresholdPercent, reference: '' },
  'false REVIEW per 1,000 synthetic people (target <= 1)': {
    value: falsePositives.falseReviewPer1000,
    reference: '',
  },
  'false REVIEW per 1,000, held-out 3/4': {
    value: falsePositives.heldOutThreeQuartersPer1000,
    reference: '',
  },
  'false REVIEW per 1,000, name only': { value: falsePositives.nameOnlyFalseReviewPer1000, reference: '' },
  'SDN remark BICs caught (target all)': {
    value: `${bicCoverage.caught}/${bicCoverage.listed}`,
    reference: '',
  },
});
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}compliance-quality.json`, `${JSON.stringify(results, null, 2)}\n`);
