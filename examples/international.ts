/**
 * The international flow, assembled by hand, in memory:
 *   pacs.008 in → compliance ALLOW → token minted → clearing completed (net positions)
 *   → settlement instruction → settlement completed
 * Three banks in three countries pay each other in EUR; one more payment names a sanctioned party and is
 * rejected. A simulated correspondent bank on a manual clock answers the settlement messages.
 * Run with `npx tsx examples/international.ts`.
 */
import { formatMoney } from 'deltran';
import { createMemoryTransport } from 'deltran/adapters/memory';
import {
  type ClearingCompletedJson,
  type ComplianceRejectJson,
  createPipeline,
  type ObligationCreateJson,
  type RiskResultJson,
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

// 1. The parts a bank brings: a clock, the token ledger, a rail to its correspondent, the engine.
const clock = createManualClock();
const ledger = await createTokenLedger({ reserveAccounts: RESERVE_ACCOUNTS });
const bank = createSimulatedBank(clock);
const engine = createSettlementEngine({ rails: [bank.rail], now: clock.now, timeoutMs: 30 * 60_000 });

// 2. The pipeline: one stage per service over one transport (here in memory).
const transport = createMemoryTransport();
const pipeline = createPipeline({
  transport,
  now: clock.now,
  compliance: { checker: createChecker() },
  token: { ledger },
  clearing: { obligationsMax: 100 }, // a window closes at 100 obligations, or at flush()
  routing: { registry: createBankRegistry(), settlementBic: SETTLEMENT_BIC, riskQuote: 'USD' },
  risk: { assess: createFxRiskAssessor() },
  settlement: { engine, ledger },
});

// 3. Watch the flow: the host subscribes to topics like any other consumer (its own group per topic).
const short = (bic: string) => bic.slice(0, 4);
await pipeline.subscribe('obligationCreate', (event) => {
  const { payment: p, decision } = event.data as ObligationCreateJson;
  console.log(
    `compliance ${decision}   ${p.endToEndId} ${short(p.debtorAgent!.bic!)} → ${short(p.creditorAgent!.bic!)} ${p.amount.amount} ${p.amount.currency}`,
  );
});
await pipeline.subscribe('complianceReject', (event) => {
  const r = event.data as ComplianceRejectJson;
  console.log(`compliance ${r.decision}  ${r.endToEndId}: ${r.reasons.map((x) => x.code).join(', ')}`);
});
await pipeline.subscribe('tokenMinted', (event) => {
  const m = event.data as TokenMintedJson;
  console.log(`token minted        ${m.amount.amount} x${m.amount.currency} to ${m.participant}`);
});
await pipeline.subscribe('clearingCompleted', (event) => {
  const w = event.data as ClearingCompletedJson;
  const stats = w.result.stats[0]!;
  console.log(
    `clearing completed  ${w.windowId}: ${w.obligations.length} obligations, gross ${stats.gross} → settled ${stats.settled} ${w.currency}`,
  );
  for (const p of w.result.netPositions) console.log(`  net position      ${p.participant} ${p.amount}`);
});
await pipeline.subscribe('riskResult', (event) => {
  const r = event.data as RiskResultJson;
  console.log(
    `risk ${r.action}    ${r.instruction.toBic}: score ${r.score.toFixed(1)} (${r.reasons[0]?.code})`,
  );
});
await pipeline.subscribe('settlementExecute', (event) => {
  const i = event.data as SettlementInstructionJson;
  console.log(
    `settlement instr.   ${i.fromBic} → ${i.toBic} ${i.amount.amount} ${i.amount.currency} via ${i.bank}`,
  );
});
await pipeline.subscribe('settlementCompleted', (event) => {
  const s = event.data as SettlementResultJson;
  console.log(`settlement ${s.status}  ${s.to} ${s.amount.amount} ${s.currency} (${s.messageId})`);
});

await pipeline.subscribe('deadLetter', (event) => {
  console.log(`dead letter         ${JSON.stringify(event.data)}`); // nothing should land here
});

await pipeline.start();

// 4. The day's payments, all in EUR, among banks in Germany, the UK and the US.
const payments = [
  payment('INV-1001', 'rheinufer', 'thames', '250000.00 EUR'), // Frankfurt → London
  payment('INV-1002', 'thames', 'hudson', '120000.00 EUR'), // London → New York
  payment('INV-1003', 'hudson', 'rheinufer', '40000.00 EUR'), // New York → Frankfurt
];
const sanctioned = payment('INV-1004', 'rheinufer', 'thames', '9000.00 EUR', {
  creditor: 'Black Sea Maritime Logistics LLC', // on the internal sanctions list
  creditorCountry: 'RU',
});

// The banks' money arrives on the reserve account first (camt.054 credits): tokens are minted 1:1
// against it when each payment's mint request comes in.
await pipeline.submit(fundingCamt054(payments, 'FUND-0001'));
await pipeline.idle();

// The pacs.008 comes in at the gateway.
const receipt = await pipeline.submit(pacs008([...payments, sanctioned], 'PACS8-0001'));
console.log(`gateway accepted    ${receipt.messageType} with ${receipt.payments.length} payments`);
await pipeline.idle();

// 5. End of the netting window: close it now (or pass windowMs and call pipeline.tick(now)).
await pipeline.flush(clock.advance(15 * 60_000));
await pipeline.idle(); // routing → risk → settlement: the instructions went out on the rail

// 6. The correspondent answers (pacs.002 ACSP, ACSC, camt.054 debit); the host feeds them in.
while (bank.pending > 0) {
  for (const xml of bank.answer()) await pipeline.submit(xml);
  await pipeline.tick(clock.now()); // timeouts and retries, if any
  await pipeline.idle();
}

// 7. Everything is settled, and the tokens are still backed 1:1 by the reserve account.
const eur = ledger.position('EUR');
console.log(
  `ledger EUR          reserve ${formatMoney(eur.reserve)} = token supply ${formatMoney(eur.tokenSupply)} + payouts in flight ${formatMoney(eur.payoutInFlight)}: balanced=${eur.balanced}`,
);
console.log(`bank received       ${bank.sent.join(', ')}`);
console.log(`health              ${pipeline.health().status}`);
await new Promise((resolve) => setImmediate(resolve)); // let the host's own handlers print the last events
await pipeline.close();
await transport.close();
