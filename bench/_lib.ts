/**
 * Shared benchmark plumbing: every `bench/<domain>.bench.ts` builds a tinybench `Bench`, checks its
 * inputs once before timing (STYLE.md §7.3), then calls {@link report}, which prints a table of medians
 * and writes `bench/results/<name>.json` so runs on the same machine can be compared (§7.5).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Bench } from 'tinybench';

/** Seed for generated inputs: fixed unless DELTRAN_SEED says otherwise. */
export const BENCH_SEED: number = Number(process.env.DELTRAN_SEED ?? 20261201);

export interface Extra {
  /** Shown next to the task: a target, the design document's figure, items per run … */
  readonly note?: string;
  /** Items processed per iteration, to report a throughput. */
  readonly itemsPerRun?: number;
}

export interface Row {
  readonly task: string;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly samples: number;
  readonly itemsPerSecond?: number;
  readonly note?: string;
}

/** Prints the bench's results as a table and writes them to bench/results/<name>.json. */
export function report(name: string, bench: Bench, extras: Record<string, Extra> = {}): Row[] {
  const rows: Row[] = bench.tasks.map((task) => {
    const result = task.result as
      | { latency?: { p50?: number; p99?: number; samplesCount?: number }; state?: string; error?: unknown }
      | undefined;
    if (result?.error) throw result.error;
    const latency = result?.latency;
    const medianMs = latency?.p50 ?? Number.NaN;
    const extra = extras[task.name] ?? {};
    return {
      task: task.name,
      medianMs: round(medianMs),
      p99Ms: round(latency?.p99 ?? Number.NaN),
      samples: latency?.samplesCount ?? 0,
      ...(extra.itemsPerRun ? { itemsPerSecond: Math.round((extra.itemsPerRun * 1000) / medianMs) } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    };
  });
  console.log(`\n## ${name}`);
  console.table(
    rows.map((r) => ({
      task: r.task,
      'median ms': r.medianMs,
      'p99 ms': r.p99Ms,
      samples: r.samples,
      'items/s': r.itemsPerSecond ?? '',
      note: r.note ?? '',
    })),
  );
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    `${dir}${name}.json`,
    `${JSON.stringify(
      {
        name,
        date: new Date().toISOString(),
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        seed: BENCH_SEED,
        rows,
      },
      null,
      2,
    )}\n`,
  );
  return rows;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
