/**
 * One OS process of one pipeline stage, for `nats-stage-processes.int.test.ts`: a pipeline that runs
 * only that stage (every other stage `false`: it runs in another process) over NATS. The demo world
 * is rebuilt from the same seed, so its checker is the one the in-memory run used.
 *
 * Run: node --import tsx stage-worker.ts <nats url> <seed> <payments> <startMs> <stage> <name>
 *   <stage> is `compliance` (group `deltran-compliance`, shared by every compliance process) or
 *   `clearing:<CUR>,<CUR>…` (group `deltran-clearing-<name>`: every clearing process reads every
 *   obligation and nets only its own currencies, one window per currency), or
 *   `clearing-journal:<schema>` (every currency, its windows journaled in that PostgreSQL schema). A clearing process closes
 *   its windows when `<prefix>control.flush` carries `{ nowMs }` (the driver's end of day).
 * stdout, one line each: `READY`; `P <handled so far>` every 25; on SIGTERM, after a drain,
 * `DONE <json report>`, then the process exits.
 * @internal
 */
import { createNatsTransport } from '../../../src/adapters/nats/index';
import { createPostgresClearingJournal } from '../../../src/adapters/postgres/index';
import { createDemoWorld } from '../../../src/cli/_internal/demo-world';
import {
  createClearingStage,
  createComplianceStage,
  createPipeline,
  type PipelineStage,
} from '../../../src/pipeline/index';

const FLUSH_TOPIC = 'deltran.control.flush';

const [url = '', seed, payments, startMs, stageArg = '', name = 'worker'] = process.argv.slice(2);
const world = createDemoWorld({ seed: Number(seed), payments: Number(payments), startMs: Number(startMs) });
const clock = world.startMs + 8 * 3_600_000; // the demo day's virtual 08:00, as in runDemoDay
const subscription = { concurrency: 8, ackTimeoutMs: 3_000 };
const [kind, currencyList] = stageArg.split(':');
const compliance =
  kind === 'compliance' ? createComplianceStage({ checker: world.createChecker(), subscription }) : undefined;
// `clearing-journal:<schema>`: every currency, its windows journaled in PostgreSQL (DELTRAN_PG_URL).
const journal =
  kind === 'clearing-journal'
    ? createPostgresClearingJournal({
        connectionString: process.env.DELTRAN_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        schema: currencyList ?? '',
        applicationName: `deltran-worker-${name}`,
      })
    : undefined;
const clearing =
  kind === 'clearing' || kind === 'clearing-journal'
    ? createClearingStage({
        obligationsMax: 1_000_000,
        ...(journal === undefined ? { currencies: (currencyList ?? '').split(',') } : { journal }),
        subscription: { ...subscription, group: `deltran-clearing-${name}` },
      })
    : undefined;
const stage: PipelineStage | undefined = compliance ?? clearing;
if (stage === undefined) throw new Error(`stage-worker: unknown stage ${stageArg}`);

let handled = 0;
const counted: PipelineStage = {
  ...stage,
  async handle(event, context) {
    await stage.handle(event, context);
    if (++handled % 25 === 0) process.stdout.write(`P ${handled}\n`);
  },
};
const transport = createNatsTransport({ servers: url });
const pipeline = createPipeline({
  transport,
  now: () => clock,
  compliance: compliance === undefined ? false : counted,
  obligations: false,
  token: false,
  clearing: clearing === undefined ? false : counted,
  routing: false,
  risk: false,
  settlement: false,
});
await pipeline.start();
if (clearing !== undefined) {
  await transport.subscribe({ topics: [FLUSH_TOPIC], group: `control-${name}`, concurrency: 1 }, (event) =>
    pipeline.flush((event.data as { nowMs: number }).nowMs),
  );
}
process.stdout.write('READY\n');

process.on('SIGTERM', () => {
  void (async () => {
    await pipeline.drain();
    await transport.close();
    await journal?.close();
    const report = {
      pid: process.pid,
      handled,
      decided: compliance === undefined ? [] : [...compliance.decisions().keys()],
      windows: clearing === undefined ? [] : clearing.closedWindows().map((w) => w.id),
      detail: stage.health?.().detail ?? {},
    };
    process.stdout.write(`DONE ${JSON.stringify(report)}\n`, () => process.exit(0));
  })();
});
