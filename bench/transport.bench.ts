/**
 * Transport throughput: the memory transport, and NATS JetStream on loopback (a private nats-server
 * started here, like the integration tests; skipped with a note when the binary is missing).
 *
 * - publish: N envelopes, PUBLISH_WIDTH in flight, each resolved on the broker's PubAck; and the same
 *   with `publishMany`, PUBLISH_WIDTH at a time;
 * - consume: a fresh group reads N stored messages (concurrency CONSUME_CONCURRENCY), acking each;
 * - end to end: publish N while one group consumes them, until the last is handled.
 * The target for the whole pipeline over NATS is 5,000 payments/s; the adapter alone should be
 * well above it. Run: npm run bench -- transport
 */

import { Bench } from 'tinybench';
import { createMemoryTransport } from '../src/adapters/memory/index';
import { createNatsTransport } from '../src/adapters/nats/index';
import { createSeededRandom } from '../src/index';
import { createEnvelope, type Envelope, type Transport } from '../src/pipeline/index';
import { natsServerBinary, startNatsServer } from '../test/_helpers/nats-server';
import { BENCH_SEED, type Extra, report } from './_lib';

const N = 5_000;
const PUBLISH_WIDTH = 256;
const CONSUME_CONCURRENCY = 64;

// Inputs generated once, before timing (STYLE.md §7.2): payment-sized envelopes.
const random = createSeededRandom(BENCH_SEED);
let counter = 0;
function makeEvents(n: number, tag: string): Envelope[] {
  return Array.from({ length: n }, (_, i) =>
    createEnvelope(
      {
        id: `${tag}-${counter++}`,
        type: 'deltran.compliance.check',
        subject: `eb6305c9-1f7f-49de-aed0-${String(i).padStart(12, '0')}`,
        data: {
          amount: `${(i % 100_000) + 1}.00`,
          currency: 'EUR',
          debtorAgent: 'DEUTDEFFXXX',
          creditorAgent: 'BNPAFRPPXXX',
          debtorIban: 'DE89370400440532013000',
          creditorIban: 'FR1420041010050500013M02606',
          remittance: 'invoice 4711',
        },
      },
      { now: () => 1_767_225_600_000 + i, random },
    ),
  );
}

async function publishAll(
  transport: Transport,
  topic: string,
  events: readonly Envelope[],
  width: number,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < events.length) await transport.publish(topic, events[next++]!);
    }),
  );
}

function waitFor(predicate: () => boolean, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolvePromise, rejectPromise) => {
    const deadline = Date.now() + timeoutMs;
    const tick = () => {
      if (predicate()) resolvePromise();
      else if (Date.now() > deadline) rejectPromise(new Error('bench: timed out waiting for consumers'));
      else setImmediate(tick);
    };
    tick();
  });
}

/** Publishes `events` while group `group` consumes them; resolves when all were handled once. */
async function endToEnd(
  transport: Transport,
  topic: string,
  group: string,
  events: readonly Envelope[],
): Promise<void> {
  // A new group on NATS also reads what earlier runs left in the stream: count this run's ids only.
  const wanted = new Set(events.map((e) => e.id));
  const seen = new Set<string>();
  const subscription = await transport.subscribe(
    { topics: [topic], group, concurrency: CONSUME_CONCURRENCY },
    (event) => {
      if (wanted.has(event.id)) seen.add(event.id);
    },
  );
  await publishAll(transport, topic, events, PUBLISH_WIDTH);
  await waitFor(() => seen.size === events.length);
  await subscription.close();
}

const bench = new Bench({ iterations: 5, time: 0, warmup: true, warmupIterations: 1 });
const extras: Record<string, Extra> = {};

// --- memory ---------------------------------------------------------------------------------------
const memory = createMemoryTransport({ dedupeWindowMs: 0 });
let memoryGroup = 0;
// Check once before timing (§7.3): every message arrives exactly once.
await endToEnd(memory, 'deltran.bench.memory', `check-${memoryGroup++}`, makeEvents(1_000, 'mcheck'));
const memoryPublishEvents = makeEvents(N, 'mpub');
bench.add(`memory: publish ×${N} (no group)`, async () => {
  await publishAll(memory, 'deltran.bench.nobody', memoryPublishEvents, PUBLISH_WIDTH);
});
extras[`memory: publish ×${N} (no group)`] = { itemsPerRun: N };
const memoryE2eEvents = makeEvents(N, 'me2e');
bench.add(`memory: publish + consume ×${N}`, async () => {
  await endToEnd(memory, 'deltran.bench.memory', `g-${memoryGroup++}`, memoryE2eEvents);
});
extras[`memory: publish + consume ×${N}`] = {
  itemsPerRun: N,
  note: `JSON per hop, ${CONSUME_CONCURRENCY} handlers`,
};
const memoryObjects = createMemoryTransport({ dedupeWindowMs: 0, encoding: 'none' });
await endToEnd(memoryObjects, 'deltran.bench.objects', 'check', makeEvents(1_000, 'ocheck'));
bench.add(`memory (encoding: none): publish + consume ×${N}`, async () => {
  await endToEnd(memoryObjects, 'deltran.bench.objects', `g-${memoryGroup++}`, memoryE2eEvents);
});
extras[`memory (encoding: none): publish + consume ×${N}`] = {
  itemsPerRun: N,
  note: 'frozen objects, no JSON',
};

// --- NATS JetStream -------------------------------------------------------------------------------
const found = natsServerBinary();
const server = 'bin' in found ? await startNatsServer() : undefined;
const nats = server ? createNatsTransport({ servers: server.url, prefix: 'bench.' }) : undefined;
// Never leave the private server running, whatever fails below.
const cleanup = async () => {
  await memory.close();
  await memoryObjects.close();
  await nats?.close();
  await server?.stop();
};
try {
  if (nats === undefined) {
    console.log(`\n[bench] NATS skipped: ${'reason' in found ? found.reason : ''}`);
  } else {
    let natsGroup = 0;
    await endToEnd(nats, 'bench.check', 'check', makeEvents(1_000, 'ncheck'));

    const seqEvents = makeEvents(500, 'nseq');
    bench.add('nats: publish ×500, one at a time', async () => {
      for (const event of makeEventsOnce(seqEvents)) await nats.publish('bench.seq', event);
    });
    extras['nats: publish ×500, one at a time'] = { itemsPerRun: 500, note: 'PubAck round trip each' };

    bench.add(`nats: publish ×${N}, ${PUBLISH_WIDTH} in flight`, async () => {
      await publishAll(nats, 'bench.pub', makeEvents(N, 'npub'), PUBLISH_WIDTH);
    });
    extras[`nats: publish ×${N}, ${PUBLISH_WIDTH} in flight`] = {
      itemsPerRun: N,
      note: 'includes envelope creation',
    };

    bench.add(`nats: publishMany ×${N}, batches of ${PUBLISH_WIDTH}`, async () => {
      const events = makeEvents(N, 'nmany');
      for (let at = 0; at < events.length; at += PUBLISH_WIDTH)
        await nats.publishMany('bench.many', events.slice(at, at + PUBLISH_WIDTH));
    });
    extras[`nats: publishMany ×${N}, batches of ${PUBLISH_WIDTH}`] = {
      itemsPerRun: N,
      note: 'one write per batch, all PubAcks awaited together',
    };

    // A stream of N stored messages; each iteration reads all of them with a new group.
    await publishAll(nats, 'bench.stored', makeEvents(N, 'nstored'), PUBLISH_WIDTH);
    bench.add(`nats: consume ×${N} stored (new group)`, async () => {
      let handled = 0;
      const subscription = await nats.subscribe(
        { topics: ['bench.stored'], group: `reader-${natsGroup++}`, concurrency: CONSUME_CONCURRENCY },
        () => {
          handled++;
        },
      );
      await waitFor(() => handled >= N);
      await subscription.close();
    });
    extras[`nats: consume ×${N} stored (new group)`] = {
      itemsPerRun: N,
      note: `${CONSUME_CONCURRENCY} handlers, ack each`,
    };

    bench.add(`nats: publish + consume ×${N}`, async () => {
      // A fresh topic each run: a new group would otherwise first read every earlier run's messages.
      const run = natsGroup++;
      await endToEnd(nats, `bench.e2e${run}`, `e2e-${run}`, makeEvents(N, 'ne2e'));
    });
    extras[`nats: publish + consume ×${N}`] = { itemsPerRun: N, note: 'target for the pipeline: ≥ 5,000/s' };
  }

  /** Fresh ids each run, so JetStream does not dedupe the sequential publishes as repeats. */
  function makeEventsOnce(template: readonly Envelope[]): Envelope[] {
    const run = counter++;
    return template.map((e) => ({ ...e, id: `${e.id}-${run}` }));
  }

  await bench.run();
  report('transport', bench, extras);
} finally {
  await cleanup();
}
