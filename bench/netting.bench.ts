/**
 * Netting benchmarks (issue 4, STYLE.md §7). Inputs are generated once, seeded, from the shared
 * generator in test/arbitraries/obligations.ts (power-law participant activity, 30 % reciprocity,
 * 5 currencies including JPY, lognormal amounts, amounts as Money: obligations already in memory),
 * every result is checked once before timing, and the design document's figures and the issue's
 * targets are printed beside the medians.
 *
 * Extra figures written to bench/results/netting-extras.json: heap at 1M after gc, whole-process
 * `deltran net` time on a 1M-line JSON Lines file, and phase counts of the conservative solver.
 *
 *   npm run bench -- netting            all of it (about two minutes on 2 cores)
 *   NETTING_BENCH_QUICK=1 npm run bench -- netting   skips the 1M sizes and the CLI run
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { formatMoney } from '../src/index';
import {
  type NettingMode,
  type NettingResult,
  net,
  type Obligation,
  stronglyConnectedComponents,
  verifyNetting,
} from '../src/netting/index';
import { generateNetwork } from '../test/arbitraries/obligations';
import { BENCH_SEED, type Extra, report } from './_lib';

/** Sizes of the issue: obligations / participants, with the design document's figure where it has one. */
const SIZES = [
  { name: '1K/50', obligations: 1_000, participants: 50, design: '50 ms' },
  { name: '10K/200', obligations: 10_000, participants: 200, design: '200 ms' },
  { name: '100K/1000', obligations: 100_000, participants: 1_000, design: '1.5 s (Rust)' },
  { name: '1M/1000', obligations: 1_000_000, participants: 1_000, design: '—' },
] as const;
/** STYLE.md §7.4: 10, 100 and 1,000 participants, dense and sparse. */
const SHAPES = [
  { name: 'dense 10', obligations: 20_000, participants: 10 },
  { name: 'dense 100', obligations: 50_000, participants: 100 },
  { name: 'sparse 1000', obligations: 3_000, participants: 1_000 },
] as const;
const TARGETS: Record<string, Partial<Record<NettingMode, string>>> = {
  '100K/1000': { multilateral: '≤ 50 ms', conservative: '≤ 500 ms' },
  '1M/1000': { multilateral: '≤ 600 ms', conservative: '≤ 3 s' },
};
const CYCLE_NODES = 1_000_000;
const CLI_LINES = 1_000_000;
const QUICK = process.env.NETTING_BENCH_QUICK === '1';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const networks = new Map<string, Obligation[]>();
for (const s of [...SIZES, ...SHAPES]) {
  if (QUICK && s.obligations >= 1_000_000) continue;
  networks.set(
    s.name,
    generateNetwork({ obligations: s.obligations, participants: s.participants, seed: BENCH_SEED }),
  );
}

// Check once before timing (§7.3): a broken build must not produce a fast number.
function check(name: string, obligations: readonly Obligation[], result: NettingResult, full: boolean): void {
  for (const s of result.stats) {
    if (result.mode === 'multilateral' && s.settled.minor !== s.lowerBound.minor)
      throw new Error(`${name}: not optimal`);
    if (s.settled.minor > s.bilateral.minor && result.mode === 'conservative')
      throw new Error(`${name}: above bilateral`);
  }
  if (full) {
    const verification = verifyNetting(obligations, result);
    if (!verification.valid) throw new Error(`${name}: ${verification.issues[0]?.message}`);
  }
}
const savings: Record<string, Record<string, string>> = {};
for (const [name, obligations] of networks) {
  for (const mode of ['multilateral', 'conservative'] as const) {
    const result = net(obligations, { mode });
    check(`${name} ${mode}`, obligations, result, obligations.length <= 100_000);
    let gross = 0n;
    let settled = 0n;
    for (const s of result.stats) {
      gross += s.gross.minor; // mixed currencies: an indicator only, never an amount
      settled += s.settled.minor;
    }
    savings[name] = {
      ...savings[name],
      [mode]: `${(100 - Number((settled * 1000n) / gross) / 10).toFixed(1)}%`,
    };
  }
}

// The machine is shared: record the load and each task's fastest sample beside the medians.
const extras: Record<string, unknown> = { seed: BENCH_SEED, loadAverage: loadavg(), savings, minimumMs: {} };
function keepMinimums(bench: Bench): void {
  for (const task of bench.tasks) {
    const latency = (task.result as { latency?: { min?: number } } | undefined)?.latency;
    (extras.minimumMs as Record<string, number>)[task.name] =
      Math.round((latency?.min ?? Number.NaN) * 10) / 10;
  }
}

const tasks: Record<string, Extra> = {};
function addSizes(
  bench: Bench,
  names: readonly string[],
  modes: readonly NettingMode[],
  collect = false,
): void {
  for (const name of names) {
    const obligations = networks.get(name);
    if (obligations === undefined) continue;
    const design = SIZES.find((s) => s.name === name)?.design;
    for (const mode of modes) {
      const task = `${mode} ${name}`;
      // At 1M a full gc before each sample keeps one run's garbage out of the next one's time.
      bench.add(
        task,
        () => {
          net(obligations, { mode });
        },
        collect ? { beforeEach: () => gc() } : {},
      );
      const notes = [
        TARGETS[name]?.[mode] ? `target ${TARGETS[name]![mode]}` : undefined,
        design ? `design doc ${design}` : undefined,
        savings[name]?.[mode] ? `saves ${savings[name]![mode]} of gross` : undefined,
      ].filter(Boolean);
      tasks[task] = { itemsPerRun: obligations.length, note: notes.join('; ') };
    }
  }
}

// Small and mid sizes: many samples.
const small = new Bench({ time: 1500, warmup: true });
addSizes(
  small,
  ['1K/50', '10K/200', ...SHAPES.map((s) => s.name)],
  ['multilateral', 'conservative', 'bilateral'],
);
{
  const sources = new Int32Array(CYCLE_NODES);
  const targets = new Int32Array(CYCLE_NODES);
  for (let v = 0; v < CYCLE_NODES; v++) {
    sources[v] = v;
    targets[v] = (v + 1) % CYCLE_NODES;
  }
  if (stronglyConnectedComponents({ nodeCount: CYCLE_NODES, sources, targets }).count !== 1)
    throw new Error('scc');
  small.add('SCC: one cycle through 1M nodes', () => {
    stronglyConnectedComponents({ nodeCount: CYCLE_NODES, sources, targets });
  });
  tasks['SCC: one cycle through 1M nodes'] = {
    itemsPerRun: CYCLE_NODES,
    note: 'stack depth: iterative Kosaraju',
  };
}
await small.run();
report('netting', small, tasks);
keepMinimums(small);

const mid = new Bench({ time: 0, iterations: 15, warmupIterations: 3 });
addSizes(mid, ['100K/1000'], ['multilateral', 'conservative', 'bilateral', 'hub', 'gross']);
await mid.run();
report('netting-100k', mid, tasks);
keepMinimums(mid);

/**
 * CPU time (process.cpuUsage, user + system) per run: less sensitive than wall time to the other jobs
 * on this shared machine, though not immune (caches, and V8's parallel GC helpers wait for a core).
 */
function cpuMedian(name: string, runs: number, collect: boolean): void {
  const obligations = networks.get(name);
  if (obligations === undefined) return;
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (collect) gc();
    const before = process.cpuUsage();
    net(obligations, { mode: 'multilateral' });
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  extras.cpuMedianMs = {
    ...(extras.cpuMedianMs as Record<string, number> | undefined),
    [`multilateral ${name}`]: Math.round(samples[samples.length >> 1]! * 10) / 10,
  };
}
cpuMedian('100K/1000', 15, false);

if (!QUICK) {
  const big = new Bench({ time: 0, iterations: 7, warmupIterations: 1 });
  addSizes(big, ['1M/1000'], ['multilateral', 'conservative'], true);
  await big.run();
  report('netting-1m', big, tasks);
  keepMinimums(big);
  cpuMedian('1M/1000', 7, true);

  // Heap at 1M: the obligations alone, then with a multilateral result held, both after gc.
  const obligations = networks.get('1M/1000')!;
  gc();
  const before = process.memoryUsage();
  const held = net(obligations, { mode: 'conservative' });
  const peak = process.memoryUsage();
  gc();
  const after = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  extras.heap1M = {
    obligationsOnlyHeapUsedMb: mb(before.heapUsed),
    withResultHeapUsedMb: mb(after.heapUsed),
    rightAfterNetHeapUsedMb: mb(peak.heapUsed),
    arrayBuffersAfterNetMb: mb(peak.arrayBuffers),
    rssMb: mb(peak.rss),
    target: 'heap ≤ 1 GB at 1M',
    instructions: held.instructions.length,
  };
  console.log('\n## heap at 1M (MB, after gc unless noted)');
  console.table(extras.heap1M);

  extras.cli = await cliTiming();
  console.log('\n## deltran net, whole process, 1M-line JSON Lines (target ≤ 2.5 s)');
  console.table(extras.cli);
}
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}netting-extras.json`, `${JSON.stringify(extras, null, 2)}\n`);
console.log('\n## fastest sample per task (ms), load average at start', extras.loadAverage);
console.table(extras.minimumMs);
console.log('\n## CPU time per run, median (ms), load average at the end', loadavg());
console.table(extras.cpuMedianMs);

/** CPU time (user + system, ms) of the children this process has waited for (Linux; else NaN). */
function childrenCpuMs(): number {
  try {
    // /proc/self/stat: fields 16 and 17 are cutime and cstime, in clock ticks (100 per second).
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Writes a 1M-line JSONL file (amounts as decimal strings) into a temp dir and times `deltran net`
 * as a whole process, three runs each, median wall time and CPU time (the CPU time is less sensitive
 * to the load of this shared machine): the built CLI (dist/cli/bin.js, what users run) when it knows
 * `net`, otherwise a tsup bundle of bench/netting-cli.ts (same bundler and target as dist); and the
 * sources through tsx (`node --import tsx src/cli/bin.ts`), which adds the on-the-fly compilation.
 */
async function cliTiming(): Promise<Record<string, string | number>> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'deltran-net-bench-'));
  const file = join(work, 'obligations.jsonl');
  const obligations = generateNetwork({
    obligations: CLI_LINES,
    participants: 1000,
    seed: BENCH_SEED,
    amounts: 'string',
  });
  const chunks: string[] = [];
  for (const o of obligations) chunks.push(JSON.stringify(o));
  writeFileSync(file, `${chunks.join('\n')}\n`);
  chunks.length = 0;
  const fileMb = Math.round(statSync(file).size / 2 ** 20);
  const knows = (args: string[]) =>
    spawnSync(process.execPath, [...args, '--help'], { cwd: root, encoding: 'utf8' }).stdout?.includes(
      ' net ',
    );
  const dist = join(root, 'dist/cli/bin.js');
  let how: string;
  let command: string[];
  // A copy of dist/, beside node_modules so that its imports resolve: a build started meanwhile
  // (`clean: true` empties dist/) must not break the runs.
  const snapshot = join(root, 'node_modules/.cache/deltran-net-bench-dist');
  if (existsSync(dist) && knows([dist])) {
    rmSync(snapshot, { recursive: true, force: true });
    cpSync(join(root, 'dist'), snapshot, { recursive: true });
    how = 'node dist/cli/bin.js (npm run build; run from a copy of dist/)';
    command = [join(snapshot, 'cli/bin.js')];
  } else {
    const { build } = await import('tsup');
    await build({
      entry: { cli: join(root, 'bench/netting-cli.ts') },
      outDir: work,
      format: ['esm'],
      target: 'node20',
      platform: 'node',
      config: false,
      silent: true,
      dts: false,
      sourcemap: false,
    });
    how = 'node <tmp>/cli.js: tsup bundle of bench/netting-cli.ts (dist/ is not built)';
    command = [join(work, 'cli.js')];
  }
  const expected = net(obligations, { mode: 'multilateral' });
  const time = (args: string[]) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < 3; run++) {
      const cpuBefore = childrenCpuMs();
      const start = performance.now();
      const child = spawnSync(process.execPath, [...args, 'net', file, '--mode', 'multilateral'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      wall.push(performance.now() - start);
      cpu.push(childrenCpuMs() - cpuBefore);
      if (child.status !== 0) throw new Error(`deltran net failed: ${child.stderr}`);
      const doc = JSON.parse(child.stdout) as { digest: string; stats: { settled: string }[] };
      if (doc.digest !== expected.digest) throw new Error('deltran net printed another result than net()');
      if (doc.stats[0]?.settled !== formatMoney(expected.stats[0]!.settled))
        throw new Error('settled mismatch');
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    return { wall, cpu };
  };
  const built = time(command);
  const tsx = time(['--import', 'tsx', join(root, 'src/cli/bin.ts')]);
  rmSync(work, { recursive: true, force: true });
  rmSync(snapshot, { recursive: true, force: true });
  return {
    measured: how,
    lines: CLI_LINES,
    fileMb,
    loadAverage: loadavg()[0]!.toFixed(1),
    medianMs: Math.round(built.wall[1]!),
    minMs: Math.round(built.wall[0]!),
    maxMs: Math.round(built.wall[2]!),
    cpuMedianMs: Math.round(built.cpu[1]!),
    tsxMedianMs: Math.round(tsx.wall[1]!),
    tsxMinMs: Math.round(tsx.wall[0]!),
    tsxCpuMedianMs: Math.round(tsx.cpu[1]!),
    target: '≤ 2500 ms',
  };
}
