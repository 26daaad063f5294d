/**
 * The international flow of `international.ts` over Kafka instead of memory:
 *   KAFKA_BROKERS=host:9092 npx tsx examples/kafka.ts
 * Without KAFKA_BROKERS it says it needs a broker and exits 0.
 *
 * NOT run against a real Kafka broker yet: none was available where this was written. It type-checks
 * against the real `@platformatic/kafka` client, and the Kafka adapter passes the transport contract
 * against an in-process fake cluster (docs/transports.md says what that does and does not prove).
 *
 * Each run uses its own topic prefix (topics are created with one partition) and deletes its topics at
 * the end.
 */
import { randomBytes } from 'node:crypto';
import { createKafkaTransport } from 'deltran/adapters/kafka';
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

const brokers = (process.env.KAFKA_BROKERS ?? '')
  .split(',')
  .map((broker) => broker.trim())
  .filter((broker) => broker !== '');

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const prefix = `example${run}.deltran.`;
  const transport = createKafkaTransport({
    brokers,
    clientId: `deltran-example-${run}`,
    deadLetterTopic: `${prefix}dead-letter`, // the transport's default is deltran.dead-letter
    createTopics: { partitions: 1 }, // one partition per topic: one owner per netting window
    subscribeTimeoutMs: 20_000,
  });

  // The same assembly as international.ts; only the transport and the topic names differ.
  const clock = createManualClock();
  const ledger = await createTokenLedger({ reserveAccounts: RESERVE_ACCOUNTS });
  const bank = createSimulatedBank(clock);
  const engine = createSettlementEngine({ rails: [bank.rail], now: clock.now, timeoutMs: 30 * 60_000 });
  const pipeline = createPipeline({
    transport,
    topics: createTopicNames({ prefix }),
    now: clock.now,
    compliance: { checker: createChecker() },
    token: { ledger },
    routing: { registry: createBankRegistry(), settlementBic: SETTLEMENT_BIC, riskQuote: 'USD' },
    risk: { assess: createFxRiskAssessor() },
    settlement: { engine, ledger },
  });

  try {
    await pipeline.start(); // joins one consumer group per stage
    console.log(`over Kafka ${brokers.join(',')}, topics ${prefix}*`);
    const { settled, rejected } = await runInternationalDay({ pipeline, clock, bank });
    console.log(`done: ${settled} settled, ${rejected} rejected`);
  } finally {
    await pipeline.close();
    await transport.close();
    await deleteTopics(prefix).catch((error: Error) =>
      console.log(`could not delete topics: ${error.message}`),
    );
  }
}

/** Removes this run's topics (the admin client of `@platformatic/kafka`, the adapter's own client). */
async function deleteTopics(prefix: string): Promise<void> {
  const { Admin } = await import('@platformatic/kafka');
  const admin = new Admin({ clientId: 'deltran-example-admin', bootstrapBrokers: brokers });
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.close();
  }
}

if (brokers.length === 0) {
  console.log('skipped: examples/kafka.ts needs a Kafka broker. Run it as');
  console.log('  KAFKA_BROKERS=host:9092 npx tsx examples/kafka.ts');
} else {
  await main();
}
