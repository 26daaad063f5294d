/**
 * Crash-like faults in memory (issue 8, "End-to-end tests"): a stage throws mid-batch, the message is
 * redelivered, and effects stay exactly-once. The built-in stages of a demo day are wrapped by a
 * test-only fault injector (their `handle` delegates to the real stage and throws on chosen first
 * deliveries: before the effect, after the effect but before publishing, after publishing part of the
 * outputs, or after everything, as if the ack were lost), and transports are wrapped to deliver every
 * event twice, under the same id or under a new id with the same business key. Every run must end in
 * the final state of a fault-free run of the same world: ledger balances, netting digests, settlement
 * results, one rail submission per instruction, nothing dead-lettered.
 */
import { createMemoryTransport } from 'deltran/adapters/memory';
import {
  DEFAULT_TOPICS,
  type Envelope,
  type MessageHandler,
  type Pipeline,
  type PipelineStage,
  type PublishOptions,
  type PublishReceipt,
  resolveSubscribeOptions,
  type SettlementStage,
  type StageEventContext,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from 'deltran/pipeline';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoRunResult, runDemoDay } from '../../src/cli/_internal/demo-run';
import { createDemoWorld, type DemoWorld } from '../../src/cli/_internal/demo-world';

type FaultMode = 'before-effect' | 'before-publish' | 'mid-publish' | 'after-ack-lost';

interface FaultPlan {
  /** Stages to wrap. */
  readonly stages: readonly string[];
  /** Throw on every n-th first delivery of each wrapped stage. */
  readonly every: number;
  readonly mode: FaultMode;
  /** For `mid-publish`: publishes let through before the throw. @defaultValue 1 */
  readonly publishesBeforeThrow?: number;
}

/** What the injector did, per stage. */
type FaultLog = Map<string, number>;

const STAGES = ['compliance', 'obligations', 'token', 'clearing', 'routing', 'risk', 'settlement'] as const;

/**
 * The stages a mode must hit: every stage throws before its effect or after its ack; only stages that
 * publish while handling can crash before a publish (clearing publishes at the end-of-day flush here,
 * settlement once the bank answers); only obligations publishes twice per event.
 */
const FIRES: Readonly<Record<FaultMode, readonly string[]>> = {
  'before-effect': STAGES,
  'before-publish': ['compliance', 'obligations', 'token', 'routing', 'risk'],
  'mid-publish': ['obligations'],
  'after-ack-lost': STAGES,
};

/** Test-only fault injector: replaces `handle` of the running stages with a delegating, throwing one. */
function injectFaults(pipeline: Pipeline, plan: FaultPlan, log: FaultLog): void {
  for (const name of plan.stages) {
    const stage = pipeline.stages.get(name) as PipelineStage;
    const original = stage.handle.bind(stage);
    let firsts = 0;
    const crash = (what: string): Error => {
      log.set(name, (log.get(name) ?? 0) + 1);
      return new Error(`injected crash in ${name}: ${what}`);
    };
    stage.handle = async (event: Envelope, context: StageEventContext) => {
      if (context.delivery.attempt !== 1) return original(event, context);
      firsts += 1;
      if (firsts % plan.every !== 0) return original(event, context);
      if (plan.mode === 'before-effect') throw crash('before the effect');
      if (plan.mode === 'after-ack-lost') {
        await original(event, context);
        throw crash('after the effect and every publish (the ack is lost)');
      }
      const limit = plan.mode === 'before-publish' ? 0 : (plan.publishesBeforeThrow ?? 1);
      let published = 0;
      const faulty: StageEventContext = {
        ...context,
        publish: async (key, data, options) => {
          if (published >= limit) throw crash(`after the effect, ${published} publish(es) done`);
          published += 1;
          await context.publish(key, data, options);
        },
      };
      await original(event, faulty);
    };
    // A stage that handles batches together (the token stage's mints) crashes the same way, on every
    // n-th first delivery of a batch: every event of the call is redelivered.
    const batchOriginal = stage.handleBatch?.bind(stage);
    if (batchOriginal === undefined) continue;
    let batchFirsts = 0;
    stage.handleBatch = async (events, context) => {
      if (context.delivery.attempt !== 1) return batchOriginal(events, context);
      batchFirsts += 1;
      if (batchFirsts % plan.every !== 0) return batchOriginal(events, context);
      if (plan.mode === 'before-effect') throw crash('before the effects of a batch');
      if (plan.mode === 'after-ack-lost') {
        await batchOriginal(events, context);
        throw crash('after the effects and publishes of a batch (the ack is lost)');
      }
      const limit = plan.mode === 'before-publish' ? 0 : (plan.publishesBeforeThrow ?? 1);
      let published = 0;
      const faulty: StageEventContext = {
        ...context,
        publish: async (key, data, options) => {
          if (published >= limit) throw crash(`after the effects of a batch, ${published} publish(es) done`);
          published += 1;
          await context.publish(key, data, options);
        },
      };
      return batchOriginal(events, faulty);
    };
  }
}

/**
 * A transport that publishes every event twice: under the same id, or under a new id (same data, so
 * the same business key). It counts the deliveries it caused itself, because the pipeline's `idle()`
 * only knows of the events the pipeline published once.
 */
function duplicatingTransport(
  inner: Transport,
  copyId: (id: string) => string,
): Transport & { readonly pending: () => number; readonly copies: () => number } {
  const groups = new Map<string, Set<string>>();
  let pending = 0;
  let copies = 0;
  const consumersOf = (topic: string): number => groups.get(topic)?.size ?? 0;
  return {
    name: inner.name,
    flags: inner.flags,
    deadLetterTopic: inner.deadLetterTopic,
    pending: () => pending,
    copies: () => copies,
    async publish(topic: string, event: Envelope, options?: PublishOptions): Promise<PublishReceipt> {
      const receipt = await inner.publish(topic, event, options);
      if (!receipt.duplicate) pending += consumersOf(topic);
      const copy = await inner.publish(topic, { ...event, id: copyId(event.id) }, options);
      if (!copy.duplicate) {
        copies += 1;
        pending += consumersOf(topic);
      }
      return receipt;
    },
    async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
      const resolved = resolveSubscribeOptions(options, { deadLetterTopic: inner.deadLetterTopic });
      for (const topic of resolved.topics) {
        const set = groups.get(topic) ?? new Set<string>();
        set.add(resolved.group);
        groups.set(topic, set);
      }
      return inner.subscribe(options, async (event, delivery) => {
        try {
          await handler(event, delivery);
        } catch (error) {
          if (resolved.classifyError(error) === 'fatal' || delivery.attempt >= resolved.maxAttempts)
            pending -= 1;
          throw error;
        }
        pending -= 1;
      });
    },
    health: () => inner.health(),
    drain: () => inner.drain(),
    close: () => inner.close(),
  };
}

interface FaultRun {
  readonly run: DemoRunResult;
  readonly deadLetters: Envelope[];
  /** Rail submissions per instruction id. */
  readonly submissions: Map<string, number>;
  readonly faults: FaultLog;
}

/**
 * A memory transport whose broker refuses every `every`-th first publish of a message on `topics`
 * (only a message's first publish, so every retry gets through within maxAttempts).
 */
function refusingTransport(
  topics: ReadonlySet<string>,
  every: number,
): { readonly transport: Transport; refused(): number } {
  const transport = createMemoryTransport();
  const publish = transport.publish.bind(transport);
  const seen = new Set<string>();
  let attempts = 0;
  let refused = 0;
  transport.publish = (topic: string, event: Envelope, o?: PublishOptions) => {
    const first = !seen.has(event.id);
    seen.add(event.id);
    if (topics.has(topic) && first && ++attempts % every === 0) {
      refused += 1;
      return Promise.reject(new Error('broker unavailable (test)'));
    }
    return publish(topic, event, o);
  };
  return { transport, refused: () => refused };
}

async function runDay(
  world: DemoWorld,
  options: {
    readonly windowSize: number;
    readonly transport?: Transport;
    readonly plans?: readonly FaultPlan[];
    readonly concurrency?: number;
    /** Events per transport message (`createPipeline({ batch })`). */
    readonly batch?: number;
    /** Waits for deliveries the pipeline does not know of (a duplicating transport). */
    readonly extraPending?: () => number;
    /** How the host submits (a host that resubmits what was refused). */
    readonly submit?: Parameters<typeof runDemoDay>[0]['submit'];
  },
): Promise<FaultRun> {
  const deadLetters: Envelope[] = [];
  const submissions = new Map<string, number>();
  const faults: FaultLog = new Map();
  const inner = options.transport ?? createMemoryTransport();
  const run = await runDemoDay({
    world,
    transport: inner,
    windowSize: options.windowSize,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.batch === undefined ? {} : { batch: options.batch }),
    ...(options.submit === undefined ? {} : { submit: options.submit }),
    onMessage: (request) =>
      submissions.set(request.instruction.id, (submissions.get(request.instruction.id) ?? 0) + 1),
    beforeSubmit: async (pipeline) => {
      await pipeline.subscribe('deadLetter', (event) => {
        deadLetters.push(event);
      });
      for (const plan of options.plans ?? []) injectFaults(pipeline, plan, faults);
      const extra = options.extraPending;
      if (extra !== undefined) {
        const idle = pipeline.idle.bind(pipeline);
        pipeline.idle = async () => {
          for (;;) {
            await idle();
            if (extra() <= 0) return;
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        };
      }
    },
  });
  await run.pipeline.close();
  return { run, deadLetters, submissions, faults };
}

/** Everything that must not change with faults or duplicates. */
function expectSameEnd(actual: FaultRun, expected: FaultRun, world: DemoWorld): void {
  expect(actual.deadLetters.map((d) => d.id)).toEqual([]);
  expect(actual.run.fingerprint.balances).toEqual(expected.run.fingerprint.balances);
  expect(actual.run.fingerprint.positions).toEqual(expected.run.fingerprint.positions);
  expect(actual.run.fingerprint.netting).toEqual(expected.run.fingerprint.netting);
  expect(actual.run.fingerprint.settlements).toEqual(expected.run.fingerprint.settlements);
  expect(actual.run.decisions).toEqual(expected.run.decisions);
  // Each settlement instruction went to the rail once, as in the fault-free run.
  expect(Object.fromEntries(actual.submissions)).toEqual(Object.fromEntries(expected.submissions));
  for (const count of actual.submissions.values()) expect(count).toBe(1);
  expect(actual.run.messagesSent).toBe(expected.run.messagesSent);
  // Each settlement result once, and every allowed payment minted once for its amount.
  const settled = (actual.run.pipeline.stages.get('settlement') as SettlementStage).results();
  expect(new Set(settled.map((s) => s.instructionId)).size).toBe(settled.length);
  const ledger = actual.run.ledger;
  for (const currency of ledger.currencies()) {
    const p = ledger.position(currency);
    expect(p.balanced, currency).toBe(true);
    expect(p.payoutInFlight.minor, currency).toBe(0n);
    expect(p.reserve.minor, currency).toBe(p.tokenSupply.minor + p.unallocated.minor);
    expect(p.openBreaks, currency).toBe(0);
  }
  expect(ledger.pendingMints()).toEqual([]);
  const rejected = new Set(actual.run.rejections.map((r) => r.uetr));
  let minted = 0;
  for (const payment of world.payments) {
    if (rejected.has(payment.uetr)) continue;
    const mint = ledger.getMint(`mint:${payment.uetr}`);
    expect(mint?.status, payment.uetr).toBe('minted');
    minted += 1;
  }
  expect(minted).toBe(actual.run.decisions.ALLOW);
  expect(ledger.payoutsInFlight()).toEqual([]);
}

describe('pipeline faults in memory: redelivery after a crash keeps effects exactly-once', () => {
  // 140 payments, one netting window per currency (closed at the end of the day): the windows then do
  // not depend on the order in which retried obligations reach clearing.
  const WINDOW = 10_000;
  let world: DemoWorld;
  let baseline: FaultRun;

  beforeAll(async () => {
    world = createDemoWorld({ seed: 23, payments: 140, startMs: Date.UTC(2026, 11, 1) });
    baseline = await runDay(world, { windowSize: WINDOW });
  }, 120_000);

  it('should settle the fault-free day completely (the reference run)', () => {
    expectSameEnd(baseline, baseline, world);
    expect(baseline.run.settlements.length).toBeGreaterThan(5);
    expect(baseline.run.settlements.filter((s) => s.status === 'REJECTED')).toHaveLength(1);
    expect(baseline.faults.size).toBe(0);
  });

  it.each<FaultMode>(['before-effect', 'before-publish', 'mid-publish', 'after-ack-lost'])(
    'should end in the fault-free state when every stage crashes %s on every 3rd first delivery',
    async (mode) => {
      const faulty = await runDay(world, {
        windowSize: WINDOW,
        plans: [{ stages: STAGES, every: 3, mode }],
      });
      expectSameEnd(faulty, baseline, world);
      // The injector did fire, in every stage that reaches the point that mode breaks.
      const fired = [...faulty.faults.values()].reduce((a, b) => a + b, 0);
      expect(fired).toBeGreaterThan(20);
      for (const name of FIRES[mode]) expect(faulty.faults.get(name) ?? 0, name).toBeGreaterThan(0);
    },
    120_000,
  );

  it.each<FaultMode>(['before-effect', 'mid-publish', 'after-ack-lost'])(
    'should end in the fault-free state with batches of 25 events when every stage crashes %s on every 3rd event of a first delivery',
    async (mode) => {
      const counting = createMemoryTransport();
      const publish = counting.publish.bind(counting);
      let messages = 0;
      counting.publish = (topic: string, event: Envelope, o?: PublishOptions) => {
        messages += 1;
        return publish(topic, event, o);
      };
      const faulty = await runDay(world, {
        windowSize: WINDOW,
        batch: 25,
        transport: counting,
        plans: [{ stages: STAGES, every: 3, mode }],
      });
      expectSameEnd(faulty, baseline, world);
      const fired = [...faulty.faults.values()].reduce((a, b) => a + b, 0);
      expect(fired).toBeGreaterThan(20);
      // The token stage's batched mints (handleBatch) crashed too.
      expect(faulty.faults.get('token') ?? 0).toBeGreaterThan(0);
      // The events did travel as batches: far fewer transport messages than events handled.
      const events = faulty.run.metrics.counterTotal('deltran.stage.messages', { outcome: 'ok' });
      expect(events).toBeGreaterThan(700);
      // (Singles remain: confirmations, end-of-day positions, and the retried rest of a batch.)
      expect(messages).toBeLessThan(events * 0.75);
    },
    120_000,
  );

  it.each([1, 25])(
    'should end in the fault-free state when the broker refuses every 4th first publish of a message from a stage (batch %i)',
    async (batch) => {
      // Refused publishes of what stages emit while handling (not the gateway's submits, not the
      // end-of-day flush, which the demo driver does not retry): the handler's message comes back, and
      // with batches the outputs kept from the refused attempt go out first.
      const handlerTopics = new Set(
        (
          [
            'obligationCreate',
            'tokenMint',
            'clearingSubmit',
            'liquiditySelectLocal',
            'riskCheck',
            'riskResult',
            'settlementExecute',
          ] as const
        ).map((key) => DEFAULT_TOPICS[key]),
      );
      const refusing = refusingTransport(handlerTopics, 4);
      const faulty = await runDay(world, { windowSize: WINDOW, batch, transport: refusing.transport });
      expect(refusing.refused()).toBeGreaterThan(batch === 1 ? 50 : 5);
      expectSameEnd(faulty, baseline, world);
    },
    120_000,
  );

  it('should end in the fault-free state when the broker refuses the first publish of every 3rd settlement result and funding event', async () => {
    // These are published while a confirmation is applied (submit → settlement stage), outside any
    // delivery: nothing redelivers them. The stage keeps what it could not publish and sends it first
    // on the next confirmation, tick or flush; the host resubmits a refused confirmation (a duplicate
    // for the engine by then).
    const refusing = refusingTransport(
      new Set([DEFAULT_TOPICS.settlementCompleted, DEFAULT_TOPICS.fundingConfirmed]),
      3,
    );
    let resubmitted = 0;
    const faulty = await runDay(world, {
      windowSize: WINDOW,
      transport: refusing.transport,
      submit: async (pipeline, input) => {
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await pipeline.submit(input);
          } catch (error) {
            if (attempt >= 5) throw error;
            resubmitted += 1;
          }
        }
      },
    });
    expect(refusing.refused()).toBeGreaterThan(10);
    expect(resubmitted).toBeGreaterThan(0);
    expectSameEnd(faulty, baseline, world);
  }, 120_000);

  it('should end in the fault-free state when crashes also duplicate the republished events (no broker dedupe)', async () => {
    const faulty = await runDay(world, {
      windowSize: WINDOW,
      transport: createMemoryTransport({ dedupeWindowMs: 0 }),
      plans: [
        { stages: ['compliance', 'obligations', 'routing', 'risk'], every: 2, mode: 'after-ack-lost' },
        { stages: ['token', 'settlement'], every: 2, mode: 'after-ack-lost' },
      ],
    });
    expectSameEnd(faulty, baseline, world);
    expect(faulty.faults.get('obligations') ?? 0).toBeGreaterThan(10);
  }, 120_000);

  it('should give the same end at handler concurrency 1 with crashes', async () => {
    const faulty = await runDay(world, {
      windowSize: WINDOW,
      concurrency: 1,
      plans: [{ stages: STAGES, every: 4, mode: 'mid-publish' }],
    });
    expectSameEnd(faulty, baseline, world);
  }, 120_000);

  it('should end in the fault-free state when every event is delivered twice under the same id', async () => {
    const transport = duplicatingTransport(createMemoryTransport({ dedupeWindowMs: 0 }), (id) => id);
    const doubled = await runDay(world, {
      windowSize: WINDOW,
      transport,
      extraPending: transport.pending,
    });
    expect(transport.copies()).toBeGreaterThan(400);
    expectSameEnd(doubled, baseline, world);
    // The second delivery of each id was recognised by the pipeline's event-id store.
    expect(
      doubled.run.metrics.counterTotal('deltran.stage.messages', { outcome: 'duplicate' }),
    ).toBeGreaterThan(0);
  }, 120_000);

  it('should end in the fault-free state when every event is re-published under a new id (same business key)', async () => {
    const transport = duplicatingTransport(createMemoryTransport(), (id) => `${id}~again`);
    const doubled = await runDay(world, {
      windowSize: WINDOW,
      transport,
      extraPending: transport.pending,
    });
    expect(transport.copies()).toBeGreaterThan(400);
    expectSameEnd(doubled, baseline, world);
    // The conflicting resubmission, seen again under a new event id, is refused again (its refusal is
    // keyed on the event: a host resubmitting it would be told twice); the first payment still stands.
    const compliance = doubled.run.pipeline.health().stages.compliance!.detail!;
    expect(compliance.conflicts).toBe(2);
    expect(doubled.run.ledger.getMint(`mint:${world.conflict.uetr}`)?.amount.minor).toBe(
      world.conflict.amount.minor - 100n,
    );
  }, 120_000);

  it('should combine new-id duplicates with crashes and still end in the fault-free state', async () => {
    const transport = duplicatingTransport(createMemoryTransport(), (id) => `${id}~again`);
    const doubled = await runDay(world, {
      windowSize: WINDOW,
      transport,
      extraPending: transport.pending,
      plans: [{ stages: STAGES, every: 5, mode: 'mid-publish' }],
    });
    expectSameEnd(doubled, baseline, world);
  }, 120_000);
});

describe('pipeline faults in memory: the clearing stage crashes while publishing a closed window', () => {
  // Windows of 8 obligations close by count inside the clearing handler; only clearing crashes, so the
  // obligations reach it in the fault-free order and every window holds the same obligations. The bank
  // rejects nothing here: which payout it would reject depends on the order net credits are paid.
  let world: DemoWorld;
  let baseline: FaultRun;

  beforeAll(async () => {
    const generated = createDemoWorld({ seed: 5, payments: 120, startMs: Date.UTC(2026, 11, 1) });
    world = { ...generated, rejectedPayout: { bic: 'NONEXXXXXXX', currency: 'EUR' } };
    baseline = await runDay(world, { windowSize: 8 });
  }, 120_000);

  it('should close several windows by count in the reference run', () => {
    expect(baseline.run.windows.filter((w) => w.reason === 'count').length).toBeGreaterThan(3);
    expectSameEnd(baseline, baseline, world);
  });

  it.each([1, 2, 3])(
    'should republish the rest of a window after a crash following %i publish(es)',
    async (n) => {
      const faulty = await runDay(world, {
        windowSize: 8,
        plans: [{ stages: ['clearing'], every: 1, mode: 'mid-publish', publishesBeforeThrow: n }],
      });
      expect(faulty.faults.get('clearing') ?? 0).toBeGreaterThan(0);
      expectSameEnd(faulty, baseline, world);
      expect(faulty.run.windows.map((w) => w.id)).toEqual(baseline.run.windows.map((w) => w.id));
    },
    120_000,
  );

  it('should net a redelivered obligation once when its window closed before the redelivery', async () => {
    const faulty = await runDay(world, {
      windowSize: 8,
      transport: createMemoryTransport({ dedupeWindowMs: 0 }),
      plans: [{ stages: ['clearing'], every: 2, mode: 'after-ack-lost' }],
    });
    expectSameEnd(faulty, baseline, world);
    const ids = faulty.run.windows.flatMap((w) => w.obligations.map((o) => o.id));
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);
});
