/**
 * ISO 20022 builders and MT103: build throughput of single-transaction pacs.008 (target ≥ 20,000
 * messages/s, issue 3), a 100-transaction pacs.008 batch, pacs.009 and pain.001, and MT103 parse/build.
 * Inputs come from the test arbitraries with a fixed seed (STYLE.md §7.2); each output is checked once
 * before timing (§7.3).
 */
import fc from 'fast-check';
import { Bench } from 'tinybench';
import { type CanonicalPayment, createSeededRandom, money } from '../src/index';
import {
  buildMt103,
  buildPacs008,
  buildPacs009,
  buildPain001,
  parseMessage,
  parseMt103,
} from '../src/iso20022/index';
import { mt103Message, pacs008Input, pacs009Input, pain001Input } from '../test/arbitraries/iso20022';
import { BENCH_SEED, report } from './_lib';

/** Distinct single-transaction inputs cycled through, so no branch predictor learns one message. */
const SINGLE = 1_000;
/** Transactions in the batch message. */
const BATCH = 100;
const MT_MESSAGES = 1_000;

const singles = fc
  .sample(pacs008Input('pacs.008.001.08'), { numRuns: SINGLE * 3, seed: BENCH_SEED })
  .filter((s) => s.payments.length === 1)
  .slice(0, SINGLE);
const batch = fc
  .sample(pacs008Input('pacs.008.001.08'), { numRuns: BATCH * 2, seed: BENCH_SEED + 1 })
  .flatMap((s, i) => s.payments.map((p, j) => ({ ...p, uetr: p.uetr, endToEndId: `E2E-${i}-${j}` })))
  .filter((p, i, all) => all.findIndex((q) => q.uetr === p.uetr) === i)
  .slice(0, BATCH);
const header = { messageId: 'BENCH-1', creationDateTime: '2026-01-05T10:00:00Z' };
/** A typical CBPR+ customer transfer (the shape of the corpus samples): what a bank sends all day. */
const typical: CanonicalPayment = {
  uetr: '3e7b91d4-af28-4c53-b6e1-92d4a7c83f52',
  endToEndId: 'E2E-20260413-3194',
  instructionId: 'INSTRID-20260413-5528',
  messageId: 'BENCH-1',
  source: { type: 'api' },
  amount: money('18437.50', 'EUR'),
  settlementDate: '2026-04-13',
  chargeBearer: 'SHAR',
  instructingAgent: { bic: 'DEUTDEFF' },
  instructedAgent: { bic: 'BNPAFRPP' },
  debtor: {
    name: 'Muller Maschinenbau GmbH',
    postalAddress: {
      streetName: 'Hauptstrasse',
      buildingNumber: '1',
      postCode: '10115',
      townName: 'Berlin',
      country: 'DE',
    },
    account: { iban: 'DE89370400440532013000' },
  },
  debtorAgent: { bic: 'DEUTDEFF' },
  creditorAgent: { bic: 'BNPAFRPP' },
  creditor: {
    name: 'Societe Generale de Distribution',
    postalAddress: { townName: 'Paris', country: 'FR' },
    account: { iban: 'FR1420041010050500013M02606' },
  },
  remittanceInformation: { unstructured: ['Invoice 2026-0413 / order 5528'] },
};
const pacs009 = fc.sample(pacs009Input(), { numRuns: SINGLE, seed: BENCH_SEED + 2 });
const pain001 = fc.sample(pain001Input(), { numRuns: SINGLE, seed: BENCH_SEED + 3 });
const mts = fc.sample(mt103Message, { numRuns: MT_MESSAGES, seed: BENCH_SEED + 4 });
const mtTexts = mts.map((m) => buildMt103(m).text);

// Check once before timing: every output must parse back to its input.
const random = createSeededRandom(1);
for (const { header: h, payments } of singles.slice(0, 50)) {
  const parsed = parseMessage(buildPacs008(payments, h), { random });
  if (parsed.type !== 'pacs.008' || parsed.payments[0]?.uetr !== payments[0]?.uetr)
    throw new Error('pacs.008 build broke');
}
const batchParsed = parseMessage(buildPacs008(batch, header), { random });
if (batchParsed.type !== 'pacs.008' || batchParsed.payments.length !== BATCH)
  throw new Error('batch build broke');
if (parseMt103(mtTexts[0]!).text.senderReference !== mts[0]!.text.senderReference)
  throw new Error('MT103 broke');
if (parseMessage(buildPacs008([typical], header), { random }).type !== 'pacs.008')
  throw new Error('typical broke');
if (singles.length < SINGLE / 2) throw new Error('not enough single-transaction inputs');

let i = 0;
const bench = new Bench({ time: 1000, warmup: true });
bench
  .add('buildPacs008 1 tx (typical CBPR+)', () => {
    buildPacs008([typical], header);
  })
  .add('buildPacs008 1 tx', () => {
    const s = singles[i++ % singles.length]!;
    buildPacs008(s.payments, s.header);
  })
  .add(`buildPacs008 ${BATCH} tx`, () => {
    buildPacs008(batch, header);
  })
  .add('buildPacs008 1 tx + AppHdr envelope', () => {
    const s = singles[i++ % singles.length]!;
    buildPacs008(s.payments, {
      ...s.header,
      envelope: { from: { bic: 'DEUTDEFF' }, to: { bic: 'BNPAFRPP' } },
    });
  })
  .add('buildPacs009 (1–4 tx)', () => {
    const s = pacs009[i++ % pacs009.length]!;
    buildPacs009(s.payments, s.header);
  })
  .add('buildPain001 (1–9 tx)', () => {
    const s = pain001[i++ % pain001.length]!;
    buildPain001(s.payments, s.header);
  })
  .add('parseMt103', () => {
    parseMt103(mtTexts[i++ % mtTexts.length]!);
  })
  .add('buildMt103', () => {
    buildMt103(mts[i++ % mts.length]!);
  });

await bench.run();
report('iso20022-build', bench, {
  'buildPacs008 1 tx (typical CBPR+)': { itemsPerRun: 1, note: 'target ≥ 20,000 messages/s' },
  'buildPacs008 1 tx': { itemsPerRun: 1, note: 'generated: every optional field, half the time' },
  [`buildPacs008 ${BATCH} tx`]: { itemsPerRun: BATCH, note: 'transactions/s' },
  'buildPacs008 1 tx + AppHdr envelope': { itemsPerRun: 1 },
  'buildPacs009 (1–4 tx)': { itemsPerRun: 1, note: 'messages/s' },
  'buildPain001 (1–9 tx)': { itemsPerRun: 1, note: 'messages/s' },
  parseMt103: { itemsPerRun: 1, note: 'messages/s' },
  buildMt103: { itemsPerRun: 1, note: 'messages/s' },
});
