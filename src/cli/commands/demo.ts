/**
 * `deltran demo`, what `npm start` runs: a realistic day of interbank payments through the whole
 * pipeline in memory, with no setup — a seeded world of banks in six currencies, international and
 * local payments, a few sanctioned parties, a few duplicates, one UETR conflict and one payout the
 * bank rejects — then a readable report: payments per stage, rejections with reasons, tokens minted
 * and burned with the reconciliation, netting per currency, settlement results, the settlement
 * messages written to a folder, and timings. `--validate` keeps the old check of examples/payments.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createMemoryTransport } from '../../adapters/memory/index';
import { MAX_BATCH_EVENTS } from '../../pipeline/index';
import type { RailRequest } from '../../settlement/index';
import { buildDemoReport, type DemoReport, renderDemoHtml } from '../_internal/demo-report';
import { renderDemoText } from '../_internal/demo-report-text';
import { runDemoDay } from '../_internal/demo-run';
import { createDemoWorld } from '../_internal/demo-world';
import type { CliCommand, CliIo } from '../io';
import { validateExamples } from './demo-validate';

/** The default seed: the same day, the same figures, the same messages on every run. */
export const DEMO_DEFAULT_SEED = 20261201;
/** The default number of distinct payments. */
export const DEMO_DEFAULT_PAYMENTS = 3000;
/** The default number of obligations per netting window (per currency). */
export const DEMO_DEFAULT_WINDOW = 200;
/** The default output folder, in the working directory. */
export const DEMO_DEFAULT_OUT = 'deltran-demo-output';
/** Events per transport message in the demo: the payments of one pacs.008 travel together. */
export const DEMO_DEFAULT_BATCH = 50;
const DAY_MS = Date.UTC(2026, 11, 1);
const MAX_PAYMENTS = 200_000;

const HELP = `Usage: deltran demo [--payments N] [--seed N] [--window N] [--batch N] [--out DIR] [--html FILE] [--json]
       deltran demo --validate [--dir DIR] [--json]

Runs a day of interbank payments through the whole DelTran pipeline in memory, with no setup:
banks in six currencies, international and local payments, a few sanctioned parties, a few
duplicates, one UETR re-used with another amount, and one payout the settlement bank rejects.
Prints payments per stage, rejections with reasons, tokens minted and burned with the
reconciliation, netting per currency, settlement results and timings, and writes every settlement
message (pacs.009 / pacs.008) to a folder. The same seed gives the same day and the same figures.

  --payments N   distinct payments (default ${DEMO_DEFAULT_PAYMENTS})
  --seed N       seed of the generated world (default ${DEMO_DEFAULT_SEED})
  --window N     obligations per netting window and currency (default ${DEMO_DEFAULT_WINDOW})
  --batch N      events per transport message, 1 to send each alone (default ${DEMO_DEFAULT_BATCH})
  --out DIR      folder for the settlement messages (default ./${DEMO_DEFAULT_OUT}); the
                 message files of an earlier run there are replaced, nothing else is touched
  --html FILE    also write the self-contained HTML report (clearing windows and settlement)
  --json         print the report as one JSON document instead of tables
  --validate     validate the example payments instead (examples/payments, or --dir DIR)

Exit code 0 when the day ends as expected (every allowed payment minted, every currency balanced,
the ledger journal verified, no settlement left open, exactly the expected settlement rejected),
1 otherwise.
`;

function wholeNumber(
  io: CliIo,
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    io.stderr(`deltran demo: --${name} expects a whole number from ${min} to ${max}, got "${value}"\n`);
    return undefined;
  }
  return n;
}

/** A one-line progress bar on stderr, only on a terminal, redrawn at most every 100 ms (as `deltran net`). */
function progressBar(io: CliIo): {
  update: (phase: string, done: number, total: number) => void;
  clear: () => void;
} {
  let last = 0;
  let drawn = false;
  let lastPhase = '';
  return {
    update: (phase, done, total) => {
      if (!(io.stderrIsTty ?? io.isTty)) return;
      const now = performance.now();
      if (now - last < 100 && phase === lastPhase && done < total) return;
      last = now;
      lastPhase = phase;
      drawn = true;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const width = 30;
      const full = Math.round(ratio * width);
      const label = phase.padEnd(10);
      io.stderr(
        `\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${`${done}/${total}`.padEnd(13)}`,
      );
    },
    clear: () => {
      if (drawn) io.stderr(`\r${' '.repeat(72)}\r`);
    },
  };
}

/** `pacs.009.001.08-DT5DP6MNW502KQK6AV-1.xml` (`.txt` for MT and JSON): the message type and id, safe as a file name. */
function messageFileName(request: RailRequest): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');
  const ext = request.message.format === 'xml' ? 'xml' : 'txt';
  return `${safe(request.message.type)}-${safe(request.messageId)}.${ext}`;
}

/** The names {@link messageFileName} gives, so an earlier run's messages can be replaced and nothing else touched. */
const MESSAGE_FILE =
  /^(?:(?:pacs|camt|pain)\.\d{3}\.\d{3}\.\d{2}-[A-Za-z0-9._-]+\.xml|(?:MT\d{3}|json)-[A-Za-z0-9._-]+\.txt)$/;

/** Writes the messages to `dir`, first removing the message files an earlier demo run left there. */
function writeMessages(dir: string, messages: readonly { name: string; text: string }[]): void {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile() && MESSAGE_FILE.test(entry.name)) rmSync(join(dir, entry.name));
  for (const m of messages) writeFileSync(join(dir, m.name), m.text);
}

const demo: CliCommand = async (args, io) => {
  let values: {
    payments?: string;
    seed?: string;
    window?: string;
    batch?: string;
    out?: string;
    html?: string;
    json?: boolean;
    validate?: boolean;
    dir?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        payments: { type: 'string' },
        seed: { type: 'string' },
        window: { type: 'string' },
        batch: { type: 'string' },
        out: { type: 'string' },
        html: { type: 'string' },
        json: { type: 'boolean' },
        validate: { type: 'boolean' },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`deltran demo: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.validate) {
    return validateExamples(
      { ...(values.dir === undefined ? {} : { dir: values.dir }), json: values.json === true },
      io,
    );
  }
  if (values.dir !== undefined) {
    io.stderr('deltran demo: --dir goes with --validate (the day itself needs no input files)\n');
    return 2;
  }
  const payments = wholeNumber(io, 'payments', values.payments, DEMO_DEFAULT_PAYMENTS, 20, MAX_PAYMENTS);
  const seed = wholeNumber(io, 'seed', values.seed, DEMO_DEFAULT_SEED, 0, 2 ** 31 - 1);
  const windowSize = wholeNumber(io, 'window', values.window, DEMO_DEFAULT_WINDOW, 2, 1_000_000);
  const batch = wholeNumber(io, 'batch', values.batch, DEMO_DEFAULT_BATCH, 1, MAX_BATCH_EVENTS);
  if (payments === undefined || seed === undefined || windowSize === undefined || batch === undefined)
    return 2;
  const outDir = resolve(io.cwd, values.out ?? DEMO_DEFAULT_OUT);
  const htmlFile = values.html === undefined ? undefined : resolve(io.cwd, values.html);

  const phases: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    phases[name] = now - t;
    t = now;
  };

  const world = createDemoWorld({ seed, payments, startMs: DAY_MS });
  lap('world');
  const messages: { name: string; text: string; type: string }[] = [];
  const bar = progressBar(io);
  const run = await runDemoDay({
    world,
    transport: createMemoryTransport(),
    windowSize,
    batch,
    onMessage: (request) =>
      messages.push({
        name: messageFileName(request),
        text: request.message.text,
        type: request.message.type,
      }),
    onProgress: bar.update,
    // Stage latencies on the wall clock: the pipeline's own clock is the day's virtual one, which jumps
    // to each answer of the simulated bank.
    configure: (options) => ({ ...options, latencyClock: () => performance.now() }),
  });
  bar.clear();
  try {
    // runDemoDay's timings are cumulative from its start: turn them into one figure per phase.
    let previous = 0;
    for (const [name, at] of Object.entries(run.timings)) {
      phases[name] = at - previous;
      previous = at;
    }
    const runMs = previous;
    t = performance.now();
    const verify = await run.ledger.verify();
    lap('verify');

    writeMessages(outDir, messages);
    const byType: Record<string, number> = {};
    for (const m of messages) byType[m.type] = (byType[m.type] ?? 0) + 1;
    lap('write messages');

    const context = {
      verify,
      messages: { dir: outDir, count: messages.length, byType },
      ...(htmlFile === undefined ? {} : { html: htmlFile }),
      timings: {
        phasesMs: phases,
        runMs,
        paymentsPerSecond: runMs > 0 ? (world.payments.length * 1000) / runMs : 0,
      },
    };
    let report: DemoReport = buildDemoReport(world, run, context);
    if (htmlFile !== undefined) {
      const html = renderDemoHtml(world, run, report);
      mkdirSync(dirname(htmlFile), { recursive: true });
      writeFileSync(htmlFile, html);
      lap('html');
      report = { ...report, timings: { ...report.timings, phasesMs: { ...phases } } };
    }

    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderDemoText(report));
    if (!report.ok) {
      const failed = report.checks.filter((c) => !c.ok).map((c) => `${c.name} (${c.detail})`);
      io.stderr(`deltran demo: the day did not end as expected: ${failed.join('; ')}\n`);
      return 1;
    }
    return 0;
  } finally {
    await run.pipeline.close();
  }
};

export default demo;
