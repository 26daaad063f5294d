/**
 * Properties of a whole pipeline day in memory (issue 8): for random small worlds (seed, 20–80
 * payments, netting windows of 5–30 obligations), the day ends with every ledger currency balanced,
 * token supply equal to the reserve (reserve = supply + unallocated, no payout in flight), every net
 * credit position settled exactly once for its amount, and a final state that does not depend on how
 * many handlers run at once (concurrency 1 and 16). Seeded by DELTRAN_SEED (test/setup.ts).
 */
import { formatMoney } from 'deltran';
import { createMemoryTransport } from 'deltran/adapters/memory';
import { verifyNetting } from 'deltran/netting';
import { findPayout, payoutIdOf } from 'deltran/pipeline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DemoRunResult, runDemoDay } from '../../../src/cli/_internal/demo-run';
import { createDemoWorld } from '../../../src/cli/_internal/demo-world';

async function day(
  seed: number,
  payments: number,
  windowSize: number,
  concurrency: number,
): Promise<DemoRunResult> {
  const world = createDemoWorld({ seed, payments, startMs: Date.UTC(2026, 11, 1) });
  const run = await runDemoDay({
    world,
    transport: createMemoryTransport({ encoding: 'none' }),
    windowSize,
    concurrency,
  });
  await run.pipeline.close();
  return run;
}

function checkDay(run: DemoRunResult): void {
  for (const currency of run.ledger.currencies()) {
    const p = run.ledger.position(currency);
    expect(p.balanced, currency).toBe(true);
    expect(p.totalDebits.minor, currency).toBe(p.totalCredits.minor);
    expect(p.payoutInFlight.minor, currency).toBe(0n);
    expect(p.reserve.minor, currency).toBe(p.tokenSupply.minor + p.unallocated.minor);
  }
  expect(run.ledger.pendingMints()).toEqual([]);
  const results = new Map<string, number>();
  for (const s of run.settlements) results.set(s.instructionId, (results.get(s.instructionId) ?? 0) + 1);
  for (const [id, count] of results) expect(count, id).toBe(1);
  let credits = 0;
  for (const window of run.windows) {
    expect(verifyNetting(window.obligations, window.result).valid, window.id).toBe(true);
    for (const position of window.result.netPositions) {
      if (position.amount.minor <= 0n) continue;
      credits += 1;
      const id = `si:${window.id}:${position.participant}:${position.currency}`;
      const result = run.settlements.find((s) => s.instructionId === id);
      expect(result, id).toBeDefined();
      expect(formatMoney(result!.amount)).toBe(formatMoney(position.amount));
      const payout = findPayout(run.ledger, payoutIdOf(id));
      expect(payout?.status, id).toBe(result!.status === 'SETTLED' ? 'confirmed' : 'cancelled');
    }
  }
  expect(run.settlements.filter((s) => s.source.kind === 'netPosition')).toHaveLength(credits);
  expect(run.settlements.every((s) => s.status === 'SETTLED' || s.status === 'REJECTED')).toBe(true);
}

describe('pipeline day properties', () => {
  it('should balance the ledger, settle each net credit once and not depend on handler concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 20, max: 80 }),
        fc.integer({ min: 5, max: 30 }),
        async (seed, payments, windowSize) => {
          const serial = await day(seed, payments, windowSize, 1);
          const parallel = await day(seed, payments, windowSize, 16);
          checkDay(serial);
          checkDay(parallel);
          expect(parallel.fingerprint).toEqual(serial.fingerprint);
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
