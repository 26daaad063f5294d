/**
 * Properties of confirmation tracking (issue 8): whatever the interleaving and duplication of
 * confirmations, each instruction gets at most one terminal result; when the bank's messages about an
 * instruction are consistent (it never sends both ACSC and RJCT), the final state depends only on the set
 * of messages received, not on their order or repetition. With contradicting final statuses, the first
 * one received wins and the later ones are reported (docs/settlement.md). Seeded by DELTRAN_SEED.
 */
import { money } from 'deltran';
import {
  createSettlementEngine,
  type SettlementRecord,
  type SettlementResult,
  type SettlementStatus,
} from 'deltran/settlement';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camt054, clock, netInstruction, pacs002, recordingRail } from './_fixtures';

const PARTICIPANTS = [
  'AAAADEFFXXX',
  'BBBBFRPPXXX',
  'CCCCGB2LXXX',
  'DDDDITMMXXX',
  'EEEEESMMXXX',
  'FFFFNL2AXXX',
];
const AMOUNTS = ['-10.00', '-2500.00', '75.50', '-0.01', '1000000.00', '42.42'];

type Kind = 'ACSP' | 'ACCP' | 'PDNG' | 'ACSC' | 'RJCT' | 'BOOK' | 'PDNG-ENTRY';
type RefMode = 'uetr' | 'messageId' | 'endToEndId' | 'all';

interface Planned {
  readonly target: number;
  readonly kind: Kind;
  readonly refs: RefMode;
}

/** Executes one instruction per participant; returns the engine and the records. */
async function world(count: number) {
  const engine = createSettlementEngine({ rails: [recordingRail()], now: clock().now, timeoutMs: 60_000 });
  const records: SettlementRecord[] = [];
  for (let i = 0; i < count; i++)
    records.push(await engine.execute(netInstruction(PARTICIPANTS[i]!, AMOUNTS[i]!, 'EUR', 'w-prop')));
  return { engine, records };
}

/** The XML of a planned message, for the record it targets; `n` makes its ids unique. */
function xmlOf(plan: Planned, record: SettlementRecord, n: number): string {
  const refs = {
    ...(plan.refs === 'uetr' || plan.refs === 'all' ? { uetr: record.uetr } : {}),
    ...(plan.refs === 'messageId' || plan.refs === 'all' ? { messageId: record.attempts[0]!.messageId } : {}),
    ...(plan.refs === 'endToEndId' || plan.refs === 'all' ? { endToEndId: record.endToEndId } : {}),
  };
  const amount = record.instruction.amount;
  if (plan.kind === 'BOOK' || plan.kind === 'PDNG-ENTRY')
    return camt054({
      ...refs,
      amount,
      status: plan.kind === 'BOOK' ? 'BOOK' : 'PDNG',
      id: `PROP-C-${n}`,
    });
  return pacs002({
    ...refs,
    status: plan.kind,
    id: `PROP-P-${n}`,
    ...(plan.kind === 'RJCT' ? { reasons: [{ code: 'AM04' }] } : {}),
  });
}

const refMode = fc.constantFrom<RefMode>('uetr', 'messageId', 'endToEndId', 'all');

/** A consistent bank story per instruction: settled, rejected, accepted only, or silent. */
const consistentStory = fc.oneof(
  fc
    .subarray<Kind>(['ACSP', 'ACSC', 'BOOK'], { minLength: 1 })
    .filter((k) => k.includes('ACSC') || k.includes('BOOK'))
    .map((kinds) => ({ expected: 'SETTLED' as SettlementStatus, kinds })),
  fc.subarray<Kind>(['ACSP', 'PDNG'], { minLength: 0 }).map((kinds) => ({
    expected: 'REJECTED' as SettlementStatus,
    kinds: [...kinds, 'RJCT' as Kind],
  })),
  fc.subarray<Kind>(['ACCP', 'PDNG', 'PDNG-ENTRY'], { minLength: 1 }).map((kinds) => ({
    expected: 'ACCEPTED' as SettlementStatus,
    kinds,
  })),
  fc.constant({ expected: 'SUBMITTED' as SettlementStatus, kinds: [] as Kind[] }),
);

/** Messages (as plans) with their delivery order: each delivered 1–3 times, shuffled. */
function deliveries(plans: readonly Planned[]) {
  return fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: plans.length, maxLength: plans.length }),
      fc.infiniteStream(fc.nat()),
    )
    .map(([copies, stream]) => {
      const order: number[] = [];
      plans.forEach((_, i) => {
        for (let c = 0; c < copies[i]!; c++) order.push(i);
      });
      // Fisher–Yates with the generated stream, so shrinking keeps a valid permutation
      const it = stream[Symbol.iterator]();
      for (let i = order.length - 1; i > 0; i--) {
        const j = (it.next().value as number) % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      return order;
    });
}

function resultKey(r: SettlementResult): string {
  return `${r.instructionId}:${r.status}:${r.reason?.code ?? ''}`;
}

describe(`settlement properties (seed ${process.env.DELTRAN_SEED})`, () => {
  it('should reach the same final state for any order and duplication of consistent confirmations', async () => {
    const scenario = fc
      .array(fc.tuple(consistentStory, fc.array(refMode, { minLength: 3, maxLength: 3 })), {
        minLength: 1,
        maxLength: 5,
      })
      .chain((stories) => {
        const plans: Planned[] = stories.flatMap(([story, refs], target) =>
          story.kinds.map((kind, k) => ({ target, kind, refs: refs[k % refs.length]! })),
        );
        return fc.tuple(fc.constant(stories.map(([s]) => s.expected)), fc.constant(plans), deliveries(plans));
      });

    await fc.assert(
      fc.asyncProperty(scenario, async ([expected, plans, order]) => {
        // Arrange
        const { engine, records } = await world(expected.length);
        const xml = plans.map((plan, n) => xmlOf(plan, records[plan.target]!, n));

        // Act
        const results: SettlementResult[] = [];
        let fundingEntries = 0;
        for (const i of order) {
          const outcome = engine.receive(xml[i]!);
          results.push(...outcome.results);
          fundingEntries += outcome.funding.reduce((sum, f) => sum + f.entries.length, 0);
          expect(outcome.unmatched).toEqual([]);
        }

        // Assert: the state depends only on the set of messages
        const final = records.map((r) => engine.get(r.id)!.status);
        expect(final).toEqual(expected);
        const ids = results.map((r) => r.instructionId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(
          records
            .filter((_, i) => ['SETTLED', 'REJECTED'].includes(expected[i]!))
            .map((r) => r.id)
            .sort(),
        );
        const camts = plans.filter((p) => p.kind === 'BOOK' || p.kind === 'PDNG-ENTRY').length;
        expect(fundingEntries).toBe(camts);
      }),
      { numRuns: 100 },
    );
  });

  it('should give each instruction at most one result, the first final status received, for any messages', async () => {
    const kind = fc.constantFrom<Kind>('ACSP', 'ACCP', 'PDNG', 'ACSC', 'RJCT', 'BOOK', 'PDNG-ENTRY');
    const scenario = fc
      .array(fc.record({ target: fc.integer({ min: 0, max: 3 }), kind, refs: refMode }), { maxLength: 12 })
      .chain((plans) => fc.tuple(fc.constant(plans), deliveries(plans)));

    await fc.assert(
      fc.asyncProperty(scenario, async ([plans, order]) => {
        // Arrange
        const { engine, records } = await world(4);
        const xml = plans.map((plan, n) => xmlOf(plan, records[plan.target]!, n));

        // Act
        const results: SettlementResult[] = [];
        for (const i of order) results.push(...engine.receive(xml[i]!).results);

        // Assert
        const ids = results.map((r) => r.instructionId);
        expect(new Set(ids).size).toBe(ids.length);
        records.forEach((record, target) => {
          const firstFinal = order
            .map((i) => plans[i]!)
            .find((p) => p.target === target && ['ACSC', 'RJCT', 'BOOK'].includes(p.kind));
          const now = engine.get(record.id)!;
          if (firstFinal === undefined) {
            expect(now.result).toBeUndefined();
            expect(['SUBMITTED', 'ACCEPTED']).toContain(now.status);
          } else {
            expect(now.status).toBe(firstFinal.kind === 'RJCT' ? 'REJECTED' : 'SETTLED');
            expect(results.filter((r) => r.instructionId === record.id)).toEqual([now.result]);
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('should ignore repetition: duplicates leave the state and the results as the distinct messages do', async () => {
    const kind = fc.constantFrom<Kind>('ACSP', 'PDNG', 'ACSC', 'RJCT', 'BOOK');
    const scenario = fc
      .array(fc.record({ target: fc.integer({ min: 0, max: 2 }), kind, refs: refMode }), { maxLength: 8 })
      .chain((plans) => fc.tuple(fc.constant(plans), deliveries(plans)));

    await fc.assert(
      fc.asyncProperty(scenario, async ([plans, order]) => {
        // Arrange: the same deliveries, once with every repetition and once with first occurrences only
        const once = order.filter((i, k) => order.indexOf(i) === k);
        const run = async (sequence: readonly number[]) => {
          const { engine, records } = await world(3);
          const xml = plans.map((plan, n) => xmlOf(plan, records[plan.target]!, n));
          const results = sequence.flatMap((i) => engine.receive(xml[i]!).results);
          return { results: results.map(resultKey), statuses: records.map((r) => engine.get(r.id)!.status) };
        };

        // Act
        const repeated = await run(order);
        const distinct = await run(once);

        // Assert
        expect(repeated).toEqual(distinct);
      }),
      { numRuns: 60 },
    );
  });

  it('should keep amounts exact through results for any positive amount', async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 1n, max: 10n ** 15n }), async (minor) => {
        // Arrange
        const units = `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
        const engine = createSettlementEngine({ rails: [recordingRail()], now: clock().now, timeoutMs: 1 });
        const record = await engine.execute(netInstruction('AAAADEFFXXX', `-${units}`));

        // Act
        const outcome = engine.receive(camt054({ amount: money(units, 'EUR'), uetr: record.uetr }));

        // Assert
        expect(outcome.results[0]!.amount).toEqual(money(units, 'EUR'));
        expect(outcome.funding[0]!.entries[0]!.amount.minor).toBe(minor);
      }),
      { numRuns: 50 },
    );
  });

  it('should, through any mix of ticks and confirmations, retry within bounds and end every settlement once', async () => {
    const action = fc.oneof(
      fc.record({ type: fc.constant('tick' as const), advanceMs: fc.integer({ min: 0, max: 2500 }) }),
      fc.record({
        type: fc.constant('confirm' as const),
        target: fc.integer({ min: 0, max: 2 }),
        kind: fc.constantFrom<Kind>('ACSP', 'ACSC', 'RJCT', 'BOOK'),
        attempt: fc.integer({ min: 1, max: 3 }),
      }),
    );

    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 25 }), async (actions) => {
        // Arrange
        const time = clock();
        const rail = recordingRail();
        const engine = createSettlementEngine({
          rails: [rail],
          now: time.now,
          timeoutMs: 1000,
          maxAttempts: 3,
          backoff: { initialMs: 200, multiplier: 2 },
        });
        const ids: string[] = [];
        for (let i = 0; i < 3; i++)
          ids.push((await engine.execute(netInstruction(PARTICIPANTS[i]!, AMOUNTS[i]!))).id);
        const results: SettlementResult[] = [];

        // Act
        let n = 0;
        for (const a of actions) {
          if (a.type === 'tick') {
            time.advance(a.advanceMs);
            results.push(...(await engine.tick()).results);
            continue;
          }
          const record = engine.get(ids[a.target]!)!;
          const attempt = record.attempts[Math.min(a.attempt, record.attempts.length) - 1]!;
          const refs = { messageId: attempt.messageId, uetr: record.uetr };
          const xml =
            a.kind === 'BOOK'
              ? camt054({ ...refs, amount: record.instruction.amount, id: `MIX-C-${n++}` })
              : pacs002({ ...refs, status: a.kind, id: `MIX-P-${n++}` });
          results.push(...engine.receive(xml).results);
        }
        // Each tick takes a settlement one step (a retry or the timeout): drain with a few far ones
        for (let k = 0; k < 4; k++) {
          time.advance(100_000);
          results.push(...(await engine.tick()).results);
        }

        // Assert: one result each, every settlement final, attempts bounded, one UETR, fresh message ids
        expect(results.map((r) => r.instructionId).sort()).toEqual([...ids].sort());
        for (const id of ids) {
          const record = engine.get(id)!;
          expect(['SETTLED', 'REJECTED', 'TIMED_OUT']).toContain(record.status);
          expect(record.result).toBe(results.find((r) => r.instructionId === id));
          expect(record.attempts.length).toBeLessThanOrEqual(3);
          const sent = rail.requests.filter((r) => r.instruction.id === id);
          expect(new Set(sent.map((r) => r.uetr))).toEqual(new Set([record.uetr]));
          expect(sent.map((r) => r.attempt)).toEqual(sent.map((_, k) => k + 1));
        }
        const messageIds = rail.requests.map((r) => r.messageId);
        expect(new Set(messageIds).size).toBe(messageIds.length);
      }),
      { numRuns: 80 },
    );
  });
});
