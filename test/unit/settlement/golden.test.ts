/**
 * A settlement day in miniature, pinned by digest: every outgoing message, every answer of the
 * simulated bank (XML text), every `receive` / `tick` outcome and the engine's records and snapshot at
 * each stage, as JSON with keys in their own order. The digest was taken on the code before the
 * Stop 13 fast paths (ids from SHA-256 words, literal objects, one-copy record moves, flat XML
 * writing); any change of content or key order changes it.
 */
import { createHash } from 'node:crypto';
import { createSettlementEngine, createSimulatedBankRail, type RailRequest } from 'deltran/settlement';
import { describe, expect, it } from 'vitest';
import { clock, customerPayment, netInstruction, paymentInstruction } from './_fixtures';

const EXPECTED = 'e726df03ddb2931e4c3aca4b96ebbbb25aef8e03e35d6cf082f3f003c038e52c';

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** A UETR (v4) from a number. */
function uetrOf(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0aedef5f-e311-453b-8284-${hex}`;
}

describe('settlement golden day', () => {
  it('should produce the same messages, outcomes, records and snapshots as before the fast paths', async () => {
    const time = clock();
    const log: string[] = [];
    const pending: { id: string; fn: () => void }[] = [];
    const answers: { id: string; xml: string }[] = [];
    let current = '';
    const decide = (r: RailRequest) => {
      current = r.instruction.id;
      const k = Number.parseInt(r.instruction.id.slice(-1), 16) % 6;
      if (k === 1) return { status: 'RJCT' as const, reason: 'AC04', text: 'Account <closed> & gone' };
      if (k === 2) return { status: 'RJCT' as const, reason: 'AM04' };
      if (k === 3) return { status: 'NONE' as const };
      return { status: 'ACSC' as const };
    };
    const bank = (accountId: string | undefined, servicerBic: string | undefined) =>
      createSimulatedBankRail({
        delayMs: 90_000,
        schedule: (_ms, fn) => pending.push({ id: current, fn }),
        deliver: (xml) => answers.push({ id: current, xml }),
        decide,
        now: time.now,
        ...(accountId === undefined ? {} : { accountId }),
        ...(servicerBic === undefined ? {} : { servicerBic }),
        send: (request) => log.push(json(request)),
      });
    const engine = createSettlementEngine({
      rails: [bank('DE89370400440532013000', 'DEUTDEFFXXX')],
      now: time.now,
      timeoutMs: 60_000,
      acceptedTimeoutMs: 300_000,
    });
    const other = createSettlementEngine({
      rails: [bank(undefined, undefined)],
      now: time.now,
      timeoutMs: 60_000,
    });
    const instructions = [];
    for (let i = 0; i < 24; i++) {
      instructions.push(
        i % 3 === 0
          ? netInstruction(
              `P${String(i).padStart(3, '0')}ADEFFXXX`,
              i % 4 === 1 ? `${i % 2 ? '-' : ''}${1000 + i}` : `${i % 2 ? '-' : ''}${100 + i}.25`,
              i % 4 === 0 ? 'USD' : i % 4 === 1 ? 'JPY' : 'EUR',
              `w-${i}`,
            )
          : paymentInstruction(uetrOf(i), `${250 + i}.50`),
      );
    }
    for (const [k, instruction] of instructions.entries()) {
      const target = k % 5 === 4 ? other : engine;
      const payment =
        instruction.source.kind === 'payment' && k % 2
          ? customerPayment(uetrOf(k), `${250 + k}.50`)
          : undefined;
      log.push(json(await target.execute(instruction, payment === undefined ? {} : { payment })));
    }
    time.advance(90_000);
    for (const p of pending.splice(0)) {
      current = p.id;
      p.fn();
    }
    log.push(...answers.map((a) => a.xml));
    // Instructions ending in 0/6/c: only the ACSP arrives (accepted, then times out).
    const delivered = answers.filter((a, k) => !(/[06c]$/.test(a.id) && answers[k - 1]?.id === a.id));
    log.push(json(engine.list()), json(engine.snapshot()), json(other.snapshot()));
    for (const a of delivered) {
      for (const target of [engine, other]) log.push(json(target.receive(a.xml)));
      log.push(json(engine.list()));
    }
    for (const a of delivered.slice(0, 10)) log.push(json(engine.receive(a.xml)));
    for (const ms of [70_000, 400_000, 400_000]) {
      time.advance(ms);
      log.push(json(await engine.tick()), json(await other.tick()), json(engine.snapshot()));
      for (const p of pending.splice(0)) {
        current = p.id;
        p.fn();
      }
    }
    log.push(json(engine.list()), json(engine.snapshot()), json(other.snapshot()));
    const digest = createHash('sha256').update(log.join('\n')).digest('hex');
    if (process.env.PRINT_GOLDEN) process.stdout.write(`GOLDEN ${digest} ${log.length}\n`);
    expect(log.length).toBeGreaterThan(100);
    expect(digest).toBe(EXPECTED);
  });
});
