/**
 * The local flow, assembled by hand, in memory: a payment between two banks of one country skips
 * clearing (no netting window) and goes straight to routing:
 *   pacs.008 in → compliance ALLOW → token minted → local bank chosen → settlement completed
 * Run with `npx tsx examples/local.ts`.
 */
import { formatMoney } from 'deltran';
import { createMemoryTransport } from 'deltran/adapters/memory';
import {
  createPipeline,
  type ObligationCreateJson,
  type SettlementInstructionJson,
  type TokenMintedJson,
} from 'deltran/pipeline';
import { createSettlementEngine, type SettlementResultJson } from 'deltran/settlement';
import { createTokenLedger } from 'deltran/token';
import {
  createBankRegistry,
  createChecker,
  createFxRiskAssessor,
  createManualClock,
  createSimulatedBank,
  fundingCamt054,
  pacs008,
  payment,
  RESERVE_ACCOUNTS,
  SETTLEMENT_BIC,
} from './_bank-setup';

const clock = createManualClock();
const ledger = await createTokenLedger({ reserveAccounts: RESERVE_ACCOUNTS });
const bank = createSimulatedBank(clock);
const engine = createSettlementEngine({ rails: [bank.rail], now: clock.now, timeoutMs: 30 * 60_000 });

const transport = createMemoryTransport();
const pipeline = createPipeline({
  transport,
  now: clock.now,
  compliance: { checker: createChecker() },
  token: { ledger },
  routing: { registry: createBankRegistry(), settlementBic: SETTLEMENT_BIC },
  risk: { assess: createFxRiskAssessor() },
  settlement: { engine, ledger },
  // clearing keeps its defaults: a domestic payment never reaches it.
});

await pipeline.subscribe('obligationCreate', (event) => {
  const { payment: p, decision } = event.data as ObligationCreateJson;
  console.log(`compliance ${decision}     ${p.endToEndId} ${p.amount.amount} ${p.amount.currency}`);
});
await pipeline.subscribe('tokenMinted', (event) => {
  const m = event.data as TokenMintedJson;
  console.log(`token minted         ${m.amount.amount} x${m.amount.currency} to ${m.participant}`);
});
await pipeline.subscribe('clearingSubmit', () => {
  console.log('clearing submit      (not expected for a domestic payment)');
});
await pipeline.subscribe('settlementExecute', (event) => {
  const i = event.data as SettlementInstructionJson;
  console.log(
    `local bank chosen    ${i.bank} for ${i.fromBic} → ${i.toBic} ${i.amount.amount} ${i.amount.currency}`,
  );
});
await pipeline.subscribe('settlementCompleted', (event) => {
  const s = event.data as SettlementResultJson;
  console.log(`settlement ${s.status}   ${s.uetr} on rail ${s.rail}, ${s.attempts} attempt(s)`);
});
await pipeline.start();

// Frankfurt → Hamburg, in EUR: both banks are in Germany, so the obligation is domestic.
const transfer = payment('RENT-2026-01', 'rheinufer', 'elbe', '75000.00 EUR');
await pipeline.submit(fundingCamt054([transfer], 'FUND-0002')); // the payer's money on the reserve
await pipeline.idle();
await pipeline.submit(pacs008([transfer], 'PACS8-0002'));
await pipeline.idle(); // compliance → obligations → token + routing → risk → settlement → rail

// The bank answers 90 s later on the virtual clock; its pacs.002 and camt.054 come back in.
while (bank.pending > 0) {
  for (const xml of bank.answer()) await pipeline.submit(xml);
  await pipeline.idle();
}

// The payer's tokens were burned into the payout, and the bank's camt.054 debit confirmed it.
const payer = ledger.balance('RHEIDEFFXXX', 'EUR')!;
const eur = ledger.position('EUR');
console.log(`payer's tokens       ${formatMoney(payer.balance)} xEUR left; ledger balanced=${eur.balanced}`);
await new Promise((resolve) => setImmediate(resolve)); // let the host's handlers print the last events
await pipeline.close();
await transport.close();
