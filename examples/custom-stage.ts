/**
 * A host's own stages. Two of them, over the same in-memory pipeline as `local.ts`:
 * - `amountLimitRisk` takes the place of the built-in FX risk stage: it answers `deltran.risk.check`
 *   with a simple rule (hold anything above 100,000, execute the rest);
 * - `warehouseTap` is an extra consumer, like a data-warehouse feed or a fraud model: it reads
 *   `deltran.token.minted` and `deltran.settlement.completed` and keeps totals.
 * A stage is an object with a name, the topics it consumes and a `handle(event, context)`; it publishes
 * with `context.publish(topic, data, { id })`. Run with `npx tsx examples/custom-stage.ts`.
 */
import { type CurrencyCode, compare, formatMoney, type Money, money } from 'deltran';
import { createMemoryTransport } from 'deltran/adapters/memory';
import {
  createPipeline,
  type PipelineStage,
  type RiskCheckJson,
  type RiskResultJson,
  type TokenMintedJson,
} from 'deltran/pipeline';
import { createSettlementEngine, type SettlementResultJson } from 'deltran/settlement';
import { createTokenLedger } from 'deltran/token';
import {
  createBankRegistry,
  createChecker,
  createManualClock,
  createSimulatedBank,
  fundingCamt054,
  pacs008,
  payment,
  RESERVE_ACCOUNTS,
  SETTLEMENT_BIC,
} from './_bank-setup';

// A risk rule of the bank's own. It must answer every risk.check with a risk.result that echoes the
// instruction, or routing never releases it. The event id derives from the request id, so a
// redelivered check republishes the same event and the next stage drops the repeat.
const limit = money('100000.00', 'EUR');
const amountLimitRisk: PipelineStage = {
  name: 'amount-limit-risk',
  consumes: ['riskCheck'],
  async handle(event, context) {
    const check = event.data as RiskCheckJson;
    const amount = money(check.amount.amount, check.amount.currency as CurrencyCode);
    const tooBig = amount.currency === limit.currency && compare(amount, limit) > 0;
    const result: RiskResultJson = {
      requestId: check.id,
      action: tooBig ? 'HOLD' : 'EXECUTE_NOW',
      score: tooBig ? 100 : 0,
      reasons: [
        {
          code: tooBig ? 'HOUSE_LIMIT_EXCEEDED' : 'HOUSE_LIMIT_OK',
          message: `${formatMoney(amount)} ${amount.currency} against a house limit of ${formatMoney(limit)}`,
        },
      ],
      instruction: check.instruction,
    };
    await context.publish('riskResult', result, {
      id: `${context.topics.riskResult}:${check.id}`,
      ...(event.subject === undefined ? {} : { subject: event.subject }),
    });
  },
};

// A tap: consumes, counts, publishes nothing. Idempotent on the business key (instruction id, mint id),
// so a redelivery after a crash never counts twice.
const seen = new Set<string>();
const totals = { minted: new Map<string, Money>(), settled: 0, rejected: 0 };
const warehouseTap: PipelineStage = {
  name: 'warehouse-tap',
  consumes: ['tokenMinted', 'settlementCompleted'],
  handle(event, context) {
    if (context.topic === 'tokenMinted') {
      const m = event.data as TokenMintedJson;
      if (seen.has(m.mintId)) return;
      seen.add(m.mintId);
      const amount = money(m.amount.amount, m.amount.currency as CurrencyCode);
      const before = totals.minted.get(amount.currency)?.minor ?? 0n;
      totals.minted.set(amount.currency, { minor: before + amount.minor, currency: amount.currency });
    } else {
      const s = event.data as SettlementResultJson;
      if (seen.has(s.instructionId)) return;
      seen.add(s.instructionId);
      if (s.status === 'SETTLED') totals.settled += 1;
      else totals.rejected += 1;
    }
  },
  health: () => ({ status: 'up', detail: { settled: totals.settled, rejected: totals.rejected } }),
};

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
  // `false` omits a built-in stage: nothing in this process runs the FX risk model. On its own that
  // means another process must answer risk.check; here our rule does. (`risk: amountLimitRisk` would
  // put it in the built-in's place, under the name the stage carries.)
  risk: false,
  settlement: { engine, ledger },
  stages: [amountLimitRisk, warehouseTap],
});

await pipeline.subscribe('riskResult', (event) => {
  const r = event.data as RiskResultJson;
  console.log(`house rule ${r.action.padEnd(11)} ${event.subject}: ${r.reasons[0]!.message}`);
});
await pipeline.start();

// Two domestic payments: one under the house limit, one over it.
const small = payment('PO-7001', 'rheinufer', 'elbe', '42000.00 EUR');
const large = payment('PO-7002', 'rheinufer', 'elbe', '180000.00 EUR');
await pipeline.submit(fundingCamt054([small, large], 'FUND-0003'));
await pipeline.idle();
await pipeline.submit(pacs008([small, large], 'PACS8-0003'));
await pipeline.idle();
while (bank.pending > 0) {
  for (const xml of bank.answer()) await pipeline.submit(xml);
  await pipeline.idle();
}

await new Promise((resolve) => setImmediate(resolve)); // let the host's handler print the last event
const minted = [...totals.minted.values()].map((m) => `${formatMoney(m)} x${m.currency}`).join(', ');
console.log(`warehouse tap        minted ${minted}; settled ${totals.settled}, rejected ${totals.rejected}`);
console.log(`stages               ${[...pipeline.stages.keys()].join(', ')}`);
console.log(`tap health           ${JSON.stringify(pipeline.health().stages['warehouse-tap'])}`);
await pipeline.close();
await transport.close();
