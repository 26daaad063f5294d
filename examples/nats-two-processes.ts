/**
 * Past one machine: two OS processes of the same stage share one consumer group on one NATS server.
 * This program starts two compliance processes (itself, with the argument `compliance-worker`), each a
 * pipeline that runs only the compliance stage in the group `deltran-compliance`. Then it submits
 * payments from its own gateway, a quarter of them twice, and watches `deltran.obligation.create`,
 * which is what compliance lets through. The work is shared: both processes decide payments. The
 * effects are still exactly-once: every payment comes out once, even when a resubmission reached the
 * other process. That process decides it again, but publishes under the same id, derived from the
 * UETR, and the stream drops the copy.
 *
 * Start a server with JetStream (`nats-server -js`), then run
 *   NATS_URL=nats://127.0.0.1:4222 npx tsx examples/nats-two-processes.ts
 * With no server reachable it says so and exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createNatsTransport } from 'deltran/adapters/nats';
import { createPipeline, createTopicNames, type Pipeline } from 'deltran/pipeline';
import { type BankKey, createChecker, payment } from './_bank-setup';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PAYMENTS = 200;
const RESUBMITTED = 50;

/** Every stage off except compliance, which the two worker processes run. */
const onlyCompliance = {
  obligations: false,
  token: false,
  clearing: false,
  routing: false,
  risk: false,
  settlement: false,
} as const;

/** One compliance process: decides what reaches the group, reports its count when told to stop. */
async function worker(prefix: string, stream: string, name: string): Promise<void> {
  const transport = createNatsTransport({
    servers: url,
    prefix,
    stream: { name: stream, storage: 'memory' },
    pullExpiresMs: 1_000,
  });
  const pipeline = createPipeline({
    transport,
    topics: createTopicNames({ prefix }),
    compliance: { checker: createChecker(), subscription: { concurrency: 4 } },
    ...onlyCompliance,
  });
  await pipeline.start();
  console.log('READY');
  process.once('SIGTERM', async () => {
    await pipeline.drain();
    await transport.close();
    const counts = pipeline.health().stages.compliance?.detail ?? {};
    const decided = Number(counts.ALLOW ?? 0) + Number(counts.REVIEW ?? 0) + Number(counts.REJECT ?? 0);
    console.log(`DONE ${name} ${decided}`);
    process.exit(0);
  });
}

interface Worker {
  readonly name: string;
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly done: Promise<number>;
}

function startWorker(prefix: string, stream: string, name: string): Worker {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, 'compliance-worker', prefix, stream, name],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NATS_URL: url } },
  );
  let ready!: () => void;
  let done!: (decided: number) => void;
  const worker: Worker = {
    name,
    child,
    ready: new Promise<void>((resolve) => (ready = resolve)),
    done: new Promise<number>((resolve) => (done = resolve)),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'READY') ready();
    else if (line.startsWith(`DONE ${name} `)) done(Number(line.split(' ')[2]));
  });
  return worker;
}

async function driver(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc); // fails here when the server runs without JetStream
  const run = randomBytes(4).toString('hex');
  const prefix = `example${run}.deltran.`;
  const stream = `DELTRAN_EXAMPLE_${run.toUpperCase()}`;
  const transport = createNatsTransport({
    connection: nc,
    prefix,
    stream: { name: stream, storage: 'memory' },
    pullExpiresMs: 1_000,
  });
  // This process runs the gateway only; compliance runs in the two workers.
  const pipeline: Pipeline = createPipeline({
    transport,
    topics: createTopicNames({ prefix }),
    compliance: false,
    ...onlyCompliance,
  });
  const workers: Worker[] = [];
  try {
    await pipeline.start();
    const deliveries = new Map<string, number>();
    await pipeline.subscribe('obligationCreate', (event) => {
      const uetr = event.subject ?? event.id;
      deliveries.set(uetr, (deliveries.get(uetr) ?? 0) + 1);
    });
    workers.push(startWorker(prefix, stream, 'A'), startWorker(prefix, stream, 'B'));
    await Promise.all(workers.map((w) => w.ready));
    console.log(`two compliance processes in group deltran-compliance, over NATS ${url}`);

    const banks: BankKey[] = ['rheinufer', 'elbe', 'thames', 'hudson'];
    const payments = Array.from({ length: PAYMENTS }, (_, i) =>
      payment(`INV-${2000 + i}`, banks[i % 4]!, banks[(i + 1) % 4]!, `${100 + i}.00 EUR`),
    );
    for (let i = 0; i < PAYMENTS; i += 25) await pipeline.submit(payments.slice(i, i + 25));
    await pipeline.submit(payments.slice(0, RESUBMITTED)); // the same payments again, new event ids
    console.log(`submitted ${PAYMENTS} payments, then ${RESUBMITTED} of them again`);

    const deadline = Date.now() + 30_000;
    while (deliveries.size < PAYMENTS && Date.now() < deadline) await pause(20);
    await pause(500); // a copy that got through would arrive by now
    for (const w of workers) w.child.kill('SIGTERM');
    const decided = await Promise.all(workers.map((w) => w.done));
    const again = decided[0]! + decided[1]! - PAYMENTS;
    console.log(`work shared: process A decided ${decided[0]} payments, process B ${decided[1]}`);
    console.log(
      `  (${again} resubmissions reached the process that had not seen them and were decided again)`,
    );
    const once = [...deliveries.values()].filter((n) => n === 1).length;
    console.log(
      `exactly once: ${deliveries.size} of ${PAYMENTS} payments reached obligation.create, ${once} of them once`,
    );
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await pipeline.close();
    await transport.close(); // leaves the connection open: this program owns it
    await jsm.streams.delete(stream).catch(() => false);
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (process.argv[2] === 'compliance-worker') {
  const [prefix = '', stream = '', name = 'worker'] = process.argv.slice(3);
  await worker(prefix, stream, name);
} else {
  let nc: NatsConnection | undefined;
  try {
    nc = await connect({ servers: url, timeout: 2_000, name: 'deltran-example' });
  } catch (error) {
    console.log(`skipped: no NATS server reachable at ${url} (${(error as Error).message}).`);
    console.log('Start one with `nats-server -js` (package nats-server) and set NATS_URL.');
  }
  if (nc !== undefined) {
    try {
      await driver(nc);
    } finally {
      await nc.drain();
    }
  }
}
