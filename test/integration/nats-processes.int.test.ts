/**
 * Past one machine, at the transport level (issue 9): two OS processes of the same consumer share one
 * group on a private nats-server, and one of them is SIGKILLed mid-run. Effects are applied through a
 * store both processes share, deduping on the event id: the filesystem, where creating `<id>` with
 * O_EXCL either applies the effect or finds it already applied. Every payment must end up applied
 * exactly once, with both processes having done part of the work.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createNatsTransport } from 'deltran/adapters/nats';
import { createEnvelope } from 'deltran/pipeline';
import { afterEach, expect, it } from 'vitest';
import { describeWithNatsServer, type NatsServerHandle, startNatsServer } from '../_helpers/nats-server';

const N = 2_000;
const natsEntry = fileURLToPath(new URL('../../src/adapters/nats/index.ts', import.meta.url));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The consumer process: one subscription of group "settle"; each handler applies its effect by
// publishing <dir>/<event id> atomically, then resolves (the ack). It reports on stdout, line by line.
// The effect is written to a private temp file and then hard-linked into place: link(2) fails with
// EEXIST when the event was already applied, and a SIGKILL can never leave a claimed-but-empty file
// (writeFileSync with flag 'wx' opens, then writes — a kill in between lost an effect in CI).
const WORKER = `
import { linkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const { createNatsTransport } = await import(process.env.NATS_ENTRY);
const [url, prefix, dir, name] = process.argv.slice(-4);
const transport = createNatsTransport({ servers: url, prefix });
await transport.subscribe(
  { topics: [prefix + 'payments'], group: 'settle', concurrency: 8, ackTimeoutMs: 1500 },
  async (event) => {
    await new Promise((r) => setTimeout(r, 2));
    const tmp = join(dir, '.tmp-' + name + '-' + event.id);
    writeFileSync(tmp, event.data.amountMinor + ' ' + name);
    try {
      linkSync(tmp, join(dir, event.id));
      process.stdout.write('A\\n');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      process.stdout.write('D\\n');
    } finally {
      unlinkSync(tmp);
    }
  },
);
process.stdout.write('READY\\n');
process.on('SIGTERM', () => transport.drain().then(() => process.exit(0)));
`;

interface Worker {
  readonly child: ChildProcess;
  applied: number;
  duplicates: number;
  ready: Promise<void>;
  stderr: string;
}

function startWorker(url: string, prefix: string, dir: string, name: string): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', WORKER, url, prefix, dir, name],
    { env: { ...process.env, NATS_ENTRY: natsEntry }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let markReady: () => void = () => {};
  const worker: Worker = {
    child,
    applied: 0,
    duplicates: 0,
    ready: new Promise<void>((r) => {
      markReady = r;
    }),
    stderr: '',
  };
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'A') worker.applied++;
      else if (line === 'D') worker.duplicates++;
      else if (line === 'READY') markReady();
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    worker.stderr = (worker.stderr + chunk).slice(-5_000);
  });
  return worker;
}

async function until(predicate: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await pause(25);
  }
}

let server: NatsServerHandle | undefined;
let workers: Worker[] = [];
let dir: string | undefined;
afterEach(async () => {
  for (const { child } of workers)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  workers = [];
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

await describeWithNatsServer('nats transport: two processes of one consumer group', () => {
  it(`should share ${N} payments between two processes, one SIGKILLed mid-run, effects exactly once`, async ({
    annotate,
  }) => {
    // Arrange
    server = await startNatsServer();
    const prefix = 'procs.';
    dir = mkdtempSync(join(tmpdir(), 'deltran-ledger-'));
    const first = startWorker(server.url, prefix, dir, 'first');
    const second = startWorker(server.url, prefix, dir, 'second');
    workers = [first, second];
    await Promise.race([
      Promise.all([first.ready, second.ready]),
      pause(20_000).then(() => {
        throw new Error(`workers did not start:\n${first.stderr}\n${second.stderr}`);
      }),
    ]);
    const publisher = createNatsTransport({ servers: server.url, prefix });
    const events = Array.from({ length: N }, (_, i) =>
      createEnvelope(
        {
          id: `pay-${i}`,
          type: 'deltran.test.payment',
          subject: `uetr-${i}`,
          data: { amountMinor: String(100 + i) },
        },
        { now: () => 1_767_225_600_000 + i },
      ),
    );

    // Act: publish everything; SIGKILL the second process once it has applied a few hundred
    const publishing = (async () => {
      for (let i = 0; i < N; i += 50) {
        await Promise.all(events.slice(i, i + 50).map((e) => publisher.publish(`${prefix}payments`, e)));
      }
    })();
    await until(
      () => second.applied >= 300,
      30_000,
      () => `the second process to work (${second.applied})`,
    );
    second.child.kill('SIGKILL');
    const secondAtKill = second.applied;
    await publishing;
    await publisher.close();
    const applied = () => readdirSync(dir!).filter((name) => !name.startsWith('.tmp-'));
    const files = () => applied().length;
    await until(
      () => files() === N,
      40_000,
      () => `every payment applied (have ${files()})`,
    );
    await pause(2_000); // past the ack deadline: anything left un-acked has come back by now

    // Assert: every payment applied once (one file each, right amount), work shared
    const names = applied();
    expect(names.length).toBe(N);
    let total = 0n;
    for (const name of names) total += BigInt(readFileSync(join(dir, name), 'utf8').split(' ')[0]!);
    expect(total).toBe(Array.from({ length: N }, (_, i) => BigInt(100 + i)).reduce((a, b) => a + b, 0n));
    expect(secondAtKill).toBeGreaterThan(0);
    expect(first.applied).toBeGreaterThan(0);
    // The stdout report comes after the effect, so the killed process may have applied up to its
    // in-flight count (concurrency 8) without reporting it; the files above are the ground truth.
    expect(first.applied + second.applied).toBeLessThanOrEqual(N);
    expect(first.applied + second.applied).toBeGreaterThanOrEqual(N - 8);
    const nc = await connect({ servers: server.url });
    const consumers = await (await jetstreamManager(nc)).consumers.list('PROCS').next();
    await nc.close();
    expect(consumers.map((c) => c.num_ack_pending)).toEqual([0]);
    await annotate(
      `first applied ${first.applied} (+${first.duplicates} duplicates skipped), ` +
        `second applied ${second.applied} before SIGKILL`,
    );
    first.child.kill('SIGTERM');
  });
});
