/**
 * The seed's two flows end to end, in memory, on a generated day (300 payments among 22 banks in six
 * currencies): international (pacs.008 → compliance ALLOW → token minted → clearing → settlement
 * instruction → settled) and local (no clearing → local bank → settled); sanctioned payments refused
 * and never on the ledger; duplicates processed once; a UETR re-used with other content refused; one
 * payout rejected by the bank with its tokens restored; and, after the run, token supply = reserve and
 * every net credit position settled exactly once.
 */
import { formatMoney } from 'deltran';
import { createMemoryTransport } from 'deltran/adapters/memory';
import { verifyNetting } from 'deltran/netting';
import { DUPLICATE_UETR_CONFLICT, findPayout, payoutIdOf } from 'deltran/pipeline';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoRunResult, runDemoDay } from '../../src/cli/_internal/demo-run';
import { createDemoWorld, type DemoWorld } from '../../src/cli/_internal/demo-world';

describe('pipeline end to end in memory (300 payments, seed 11)', () => {
  let world: DemoWorld;
  let run: DemoRunResult;

  beforeAll(async () => {
    world = createDemoWorld({ seed: 11, payments: 300, startMs: Date.UTC(2026, 11, 1) });
    run = await runDemoDay({ world, transport: createMemoryTransport(), windowSize: 60 });
    await run.pipeline.close();
  }, 120_000);

  it('should refuse every sanctioned payment with its reasons and never mint for it', () => {
    const rejected = new Map(run.rejections.map((r) => [r.uetr, r]));
    expect(world.sanctionedUetrs.size).toBeGreaterThan(0);
    for (const uetr of world.sanctionedUetrs) {
      const r = rejected.get(uetr);
      expect(r?.decision).toBe('REJECT');
      expect(r?.reasons.some((reason) => reason.startsWith('COMPLIANCE_SANCTIONS'))).toBe(true);
      expect(run.ledger.getMint(`mint:${uetr}`)).toBeUndefined();
    }
    for (const uetr of world.suspendedUetrs) {
      expect(rejected.get(uetr)?.reasons.join(' ')).toContain('COMPLIANCE_KYC');
      expect(run.ledger.getMint(`mint:${uetr}`)).toBeUndefined();
    }
  });

  it('should process a resubmitted payment once and refuse a UETR re-used with other content', () => {
    const compliance = run.pipeline.health().stages.compliance!.detail!;
    expect(compliance.duplicates).toBe(world.duplicates.length);
    expect(compliance.conflicts).toBe(1);
    const obligations = run.pipeline.health().stages.obligations!.detail!;
    expect(obligations.obligations).toBe(run.decisions.ALLOW);
    expect(obligations.replays).toBe(0);
    // The first payment under the conflicting UETR stands, with its original amount.
    const mint = run.ledger.getMint(`mint:${world.conflict.uetr}`);
    expect(mint?.status).toBe('minted');
    expect(mint?.amount.minor).toBe(world.conflict.amount.minor - 100n);
    expect(DUPLICATE_UETR_CONFLICT).toBe('PIPELINE_DUPLICATE_UETR_CONFLICT');
  });

  it('should mint 1:1 for every allowed payment and keep token supply equal to the reserve', async () => {
    const allowed = world.payments.filter((p) => !run.rejections.some((r) => r.uetr === p.uetr));
    expect(allowed.length).toBe(run.decisions.ALLOW);
    for (const p of allowed) {
      const mint = run.ledger.getMint(`mint:${p.uetr}`);
      expect(mint?.status, p.uetr).toBe('minted');
      expect(mint?.amount).toEqual(p.amount);
    }
    for (const currency of run.ledger.currencies()) {
      const position = run.ledger.position(currency);
      expect(position.balanced, currency).toBe(true);
      expect(position.payoutInFlight.minor, currency).toBe(0n);
      expect(position.reserve.minor, currency).toBe(position.tokenSupply.minor + position.unallocated.minor);
    }
    expect((await run.ledger.verify()).ok).toBe(true);
  });

  it('should net every window correctly and settle every net credit exactly once', () => {
    expect(run.windows.length).toBeGreaterThan(1);
    const byInstruction = new Map(run.settlements.map((s) => [s.instructionId, s]));
    expect(byInstruction.size).toBe(run.settlements.length);
    let credits = 0;
    for (const window of run.windows) {
      expect(verifyNetting(window.obligations, window.result).valid, window.id).toBe(true);
      for (const position of window.result.netPositions) {
        if (position.amount.minor <= 0n) continue;
        credits += 1;
        const result = byInstruction.get(`si:${window.id}:${position.participant}:${position.currency}`);
        expect(result, `${window.id} ${position.participant}`).toBeDefined();
        expect(formatMoney(result!.amount)).toBe(formatMoney(position.amount));
      }
    }
    const netSettlements = run.settlements.filter((s) => s.source.kind === 'netPosition');
    expect(netSettlements).toHaveLength(credits);
  });

  it('should settle every local payment on its own and end the rejected payout REJECTED with tokens restored', () => {
    const local = run.settlements.filter((s) => s.source.kind === 'payment');
    const localCount = run.pipeline.health().stages.obligations!.detail!.local;
    expect(local.length).toBeGreaterThan(20);
    expect(local).toHaveLength(Number(localCount));
    // Each one is its payment, from the debtor's bank straight to the creditor's bank.
    const byUetr = new Map(world.payments.map((p) => [p.uetr, p]));
    for (const s of local) {
      const p = byUetr.get(s.uetr);
      expect(p, s.instructionId).toBeDefined();
      expect(s.instructionId).toBe(`si:${s.uetr}`);
      expect([s.from, s.to]).toEqual([p!.debtorAgent?.bic, p!.creditorAgent?.bic]);
      expect(formatMoney(s.amount)).toBe(formatMoney(p!.amount));
    }
    const rejected = run.settlements.filter((s) => s.status === 'REJECTED');
    expect(rejected).toHaveLength(1);
    for (const r of rejected) {
      expect(r.to).toBe(world.rejectedPayout.bic);
      expect(r.reason?.code).toBe('AC04');
      expect(findPayout(run.ledger, payoutIdOf(r.instructionId))?.status).toBe('cancelled');
    }
    for (const s of run.settlements.filter((x) => x.status === 'SETTLED'))
      expect(findPayout(run.ledger, payoutIdOf(s.instructionId))?.status, s.instructionId).toBe('confirmed');
    expect(run.settlements.every((s) => s.status !== 'TIMED_OUT')).toBe(true);
  });

  it('should give the same final state when the same day runs again (determinism)', async () => {
    const again = await runDemoDay({ world, transport: createMemoryTransport(), windowSize: 60 });
    await again.pipeline.close();
    expect(again.fingerprint).toEqual(run.fingerprint);
  }, 120_000);
});
