/**
 * The international flow of `international.ts` over NATS JetStream instead of memory. Start a server
 * with JetStream (`nats-server -js`; Debian/Ubuntu package `nats-server`), then run
 *   NATS_URL=nats://127.0.0.1:4222 npx tsx examples/nats.ts
 * With no server reachable it says so and exits 0.
 *
 * Each run uses its own topic prefix and stream, so it never meets another run's events, and deletes
 * the stream at the end. The example owns the connection (`connection:`), which lets it check the
 * server first and clean up after; pass `servers:` instead and the transport connects (and reconnects
 * forever) by itself.
 */
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createNatsTransport } from 'deltran/adapters/nats';
import { createPipeline, createTopicNames } from 'deltran/pipeline';
import { createSettlementEngine } from 'deltran/settlement';
import { createTokenLedger } from 'deltran/token';
import {
  createBankRegistry,
  createChecker,
  createFxRiskAssessor,
  createManualClock,
  createSimulatedBank,
  RESERVE_ACCOUNTS,
  runInternationalDay,
  SETTLEMENT_BIC,
} from './_bank-setup';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

async function main(nc: NatsConnection): Promise<void> {
  // Fails here when the server runs without JetStream (start it with -js).
  const jsm = await jetstreamManager(nc);
  const run = randomBytes(4).toString('hex');
  const prefix = `example${run}.deltran.`; // topics example1a2b3c4d.deltran.compliance.check …
  const stream = `DELTRAN_EXAMPLE_${run.toUpperCase()}`;
  const transport = createNatsTransport({
    connection: nc,
    prefix,
    stream: { name: stream, storage: 'memory' }, // a demo run needs no file store
    pullExpiresMs: 1_000,
  });

  // The same assembly as international.ts; only the transport and the topic names differ.
  const clock = createManualClock();
  const ledger = await createTokenLedger({ reserveAccounts: RESERVE_ACCOUNTS });
  const bank = createSimulatedBank(clock);
  const engine = createSettlementEngine({ rails: [bank.rail], now: clock.now, timeoutMs: 30 * 60_000 });
  const pipeline = createPipeline({
    transport,
    topics: createTopicNames({ prefix }), // must match the transport's prefix
    now: clock.now,
    compliance: { checker: createChecker() },
    token: { ledger },
    routing: { registry: createBankRegistry(), settlementBic: SETTLEMENT_BIC, riskQuote: 'USD' },
    risk: { assess: createFxRiskAssessor() },
    settlement: { engine, ledger },
  });

  try {
    await pipeline.start(); // one durable JetStream consumer per stage and topic
    console.log(`over NATS ${url}, stream ${stream}`);
    const { settled, rejected } = await runInternationalDay({ pipeline, clock, bank });
    const health = pipeline.health();
    console.log(`done: ${settled} settled, ${rejected} rejected; transport ${health.transport.status}`);
  } finally {
    await pipeline.close();
    await transport.close(); // leaves the connection open: the example owns it
    await jsm.streams.delete(stream).catch(() => false);
  }
}

let nc: NatsConnection | undefined;
try {
  nc = await connect({ servers: url, timeout: 2_000, name: 'deltran-example' });
} catch (error) {
  console.log(`skipped: no NATS server reachable at ${url} (${(error as Error).message}).`);
  console.log('Start one with `nats-server -js` (package nats-server) and set NATS_URL.');
}
if (nc !== undefined) {
  try {
    await main(nc);
  } finally {
    await nc.close();
  }
}
