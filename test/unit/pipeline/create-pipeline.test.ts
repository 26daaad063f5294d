/**
 * `createPipeline` (issue 8): option errors, replacing and omitting stages, the lifecycle, the
 * gateway's input errors, health, idle, metrics, event-id idempotency, notifications and the CloudEvents
 * attributes of what the stages publish. Runs over the in-memory transport with stub stages.
 */
import { type CanonicalPayment, createSeededRandom } from 'deltran';
import { createMemoryTransport } from 'deltran/adapters/memory';
import { buildPacs008, Iso20022Error } from 'deltran/iso20022';
import {
  createCallbackNotifier,
  createMemoryMetrics,
  createPipeline,
  createTopicNames,
  DEFAULT_TOPICS,
  type Envelope,
  FatalHandlerError,
  type IdempotencyStore,
  NOTIFICATION_TYPES,
  type Notification,
  type Pipeline,
  PipelineError,
  PipelineErrorCodes,
  type PipelineOptions,
  type PipelineStage,
  paymentToWire,
  type StageContext,
  type StageEventContext,
  type TopicKey,
} from 'deltran/pipeline';
import { afterEach, describe, expect, it } from 'vitest';
import { crossBorderPayment, localPayment, NOW_MS, stubChecker, UETR_A, UETR_B } from './_stage-fixtures';

const open: Pipeline[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});

/** Compliance (stub checker), obligations and clearing; everything else omitted. */
function pipelineWith(overrides: Partial<PipelineOptions> = {}): Pipeline {
  const pipeline = createPipeline({
    transport: createMemoryTransport(),
    now: () => NOW_MS,
    random: createSeededRandom(7),
    compliance: { checker: stubChecker() },
    token: false,
    routing: false,
    risk: false,
    settlement: false,
    clearing: { obligationsMax: 1 },
    ...overrides,
  });
  open.push(pipeline);
  return pipeline;
}

/** A stage of the test's own that records what it handles. */
function recorder(
  name: string,
  consumes: readonly TopicKey[],
  onEvent?: (event: Envelope, context: StageEventContext) => void | Promise<void>,
  extra: Partial<PipelineStage> = {},
): PipelineStage & { readonly seen: { event: Envelope; topic: TopicKey; group: string; attempt: number }[] } {
  const seen: { event: Envelope; topic: TopicKey; group: string; attempt: number }[] = [];
  return {
    name,
    consumes,
    seen,
    async handle(event, context) {
      seen.push({
        event,
        topic: context.topic,
        group: context.delivery.group,
        attempt: context.delivery.attempt,
      });
      await onEvent?.(event, context);
    },
    ...extra,
  };
}

/** Everything published to a topic, through a host subscription. */
async function tap(pipeline: Pipeline, key: TopicKey | 'deadLetter'): Promise<Envelope[]> {
  const events: Envelope[] = [];
  await pipeline.subscribe(key, (event) => {
    events.push(event);
  });
  return events;
}

const settleMicrotasks = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('createPipeline options', () => {
  it('should refuse a missing transport, naming the field', () => {
    // Act
    const error = caught(() => createPipeline({} as PipelineOptions));
    // Assert
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: PipelineErrorCodes.INVALID_OPTIONS, path: ['transport'] });
    expect((error as Error).message).toContain('transport');
  });

  it.each(['compliance', 'token', 'routing', 'risk', 'settlement'] as const)(
    'should refuse a missing %s configuration, naming the field',
    (field) => {
      // Arrange
      const options: Record<string, unknown> = {
        transport: createMemoryTransport(),
        compliance: false,
        token: false,
        routing: false,
        risk: false,
        settlement: false,
      };
      delete options[field];
      // Act
      const error = caught(() => createPipeline(options as unknown as PipelineOptions));
      // Assert
      expect(error).toMatchObject({ code: PipelineErrorCodes.INVALID_OPTIONS, path: [field] });
      expect((error as Error).message).toContain(field);
    },
  );

  it('should refuse a built-in stage configuration without its required part', () => {
    // Act
    const error = caught(() => pipelineWith({ compliance: {} as never }));
    // Assert
    expect(error).toMatchObject({ code: PipelineErrorCodes.INVALID_OPTIONS, path: ['checker'] });
  });

  it('should refuse two stages with one name', () => {
    // Act
    const twice = caught(() => pipelineWith({ stages: [recorder('audit', []), recorder('audit', [])] }));
    const clash = caught(() => pipelineWith({ stages: [recorder('compliance', ['complianceCheck'])] }));
    // Assert
    for (const error of [twice, clash]) {
      expect(error).toMatchObject({ code: PipelineErrorCodes.INVALID_OPTIONS, path: ['stages'] });
    }
    expect((twice as Error).message).toContain('"audit"');
  });
});

describe('createPipeline stages', () => {
  it('should build the default stages and omit every stage given false', () => {
    // Act
    const some = pipelineWith();
    const none = pipelineWith({ compliance: false, obligations: false, clearing: false });
    // Assert
    expect([...some.stages.keys()]).toEqual(['compliance', 'obligations', 'clearing']);
    expect([...none.stages.keys()]).toEqual([]);
  });

  it('should leave the topics of an omitted stage unconsumed (idle at once, the host may read them)', async () => {
    // Arrange
    const pipeline = pipelineWith({ compliance: false });
    await pipeline.start();
    const checks = await tap(pipeline, 'complianceCheck');
    // Act
    const receipt = await pipeline.submit(crossBorderPayment());
    await pipeline.idle();
    await settleMicrotasks();
    // Assert
    expect(receipt).toEqual({ messageType: 'canonical', payments: [UETR_A] });
    expect(pipeline.health().outstanding).toBe(0);
    expect(checks.map((e) => e.subject)).toEqual([UETR_A]);
    expect(pipeline.health().stages.compliance).toBeUndefined();
  });

  it('should hand a replaced stage its topics, in its own consumer group, and let it feed the built-in stages', async () => {
    // Arrange
    const mine = recorder('my-compliance', ['complianceCheck'], async (event, context) => {
      await context.publish(
        'obligationCreate',
        { payment: event.data as never, decision: 'ALLOW', reasons: [], screenedAt: event.time },
        { id: `mine:${event.subject}`, subject: event.subject! },
      );
    });
    const pipeline = pipelineWith({ compliance: mine });
    await pipeline.start();
    const mints = await tap(pipeline, 'tokenMint');
    // Act
    await pipeline.submit(crossBorderPayment());
    await pipeline.idle();
    await settleMicrotasks();
    // Assert
    expect(pipeline.stages.get('my-compliance')).toBe(mine);
    expect(mine.seen.map((s) => [s.topic, s.group, s.attempt, s.event.subject])).toEqual([
      ['complianceCheck', 'deltran-my-compliance', 1, UETR_A],
    ]);
    expect(mints.map((e) => e.id)).toEqual([`${DEFAULT_TOPICS.tokenMint}:${UETR_A}`]);
  });

  it("should take payments from a gateway of the host's own: a stage that consumes nothing and publishes compliance.check", async () => {
    // Arrange: the host reads payments from somewhere DelTran does not know (a file drop, a queue)
    let gateway: StageContext | undefined;
    const mine: PipelineStage = {
      name: 'sftp-gateway',
      consumes: [],
      handle: async () => {}, // never called: it consumes nothing
      start(context) {
        gateway = context;
      },
    };
    const pipeline = pipelineWith({ stages: [mine] });
    await pipeline.start();
    const mints = await tap(pipeline, 'tokenMint');
    const payment = crossBorderPayment();
    // Act
    await gateway!.publish('complianceCheck', paymentToWire(payment), {
      id: `sftp:${payment.uetr}`,
      subject: payment.uetr,
    });
    await pipeline.idle();
    await settleMicrotasks();
    // Assert
    expect(mints.map((e) => [e.id, e.source])).toEqual([
      [`${DEFAULT_TOPICS.tokenMint}:${UETR_A}`, '/deltran/obligations'],
    ]);
  });

  it('should run the extra stages of the host on the topics they name', async () => {
    // Arrange
    const audit = recorder('audit', ['obligationCreate', 'complianceReject'], undefined, {
      subscription: { group: 'audit-group' },
    });
    const pipeline = pipelineWith({
      compliance: { checker: stubChecker((p) => (p.uetr === UETR_B ? 'REJECT' : 'ALLOW')) },
      stages: [audit],
    });
    await pipeline.start();
    // Act
    await pipeline.submit([crossBorderPayment(), localPayment()]);
    await pipeline.idle();
    // Assert
    expect(audit.seen.map((s) => [s.topic, s.event.subject, s.group]).sort()).toEqual([
      ['complianceReject', UETR_B, 'audit-group'],
      ['obligationCreate', UETR_A, 'audit-group'],
    ]);
  });
});

describe('createPipeline lifecycle and gateway', () => {
  it('should refuse submit before start and after close, and start after close', async () => {
    // Arrange
    const pipeline = pipelineWith();
    // Act / Assert
    await expect(pipeline.submit(crossBorderPayment())).rejects.toMatchObject({
      code: PipelineErrorCodes.NOT_STARTED,
    });
    await pipeline.start();
    const subscriptions = pipeline.health().transport.subscriptions;
    await pipeline.start();
    expect(subscriptions).toBe(3);
    expect(pipeline.health().transport.subscriptions).toBe(subscriptions);
    await pipeline.close();
    await expect(pipeline.submit(crossBorderPayment())).rejects.toMatchObject({
      code: PipelineErrorCodes.CLOSED,
    });
    await expect(pipeline.start()).rejects.toMatchObject({ code: PipelineErrorCodes.CLOSED });
    expect(pipeline.health().started).toBe(false);
  });

  it('should route a pacs.008 to compliance and say which payments it took', async () => {
    // Arrange
    const pipeline = pipelineWith();
    await pipeline.start();
    const checks = await tap(pipeline, 'complianceCheck');
    const xml = buildPacs008([crossBorderPayment(), crossBorderPayment(UETR_B, '5.00', 'E2E-X-2')], {
      messageId: 'MSG-GW-1',
      creationDateTime: '2026-12-01T09:00:00Z',
    });
    // Act
    const receipt = await pipeline.submit(xml);
    await pipeline.idle();
    await settleMicrotasks();
    // Assert
    expect(receipt).toEqual({ messageType: 'pacs.008', payments: [UETR_A, UETR_B] });
    expect(checks.map((e) => e.subject)).toEqual([UETR_A, UETR_B]);
    expect(new Set(checks.map((e) => e.id)).size).toBe(2);
    for (const e of checks)
      expect(e.id.startsWith(`${DEFAULT_TOPICS.complianceCheck}:${e.subject}:`)).toBe(true);
  });

  it('should refuse a message type it does not route (camt.053), and a confirmation without a settlement stage', async () => {
    // Arrange
    const pipeline = pipelineWith();
    await pipeline.start();
    const { readFileSync } = await import('node:fs');
    const camt053 = readFileSync(
      new URL('../../fixtures/iso20022/camt053/valid/statement-v08.xml', import.meta.url),
      'utf8',
    );
    const pacs002 = readFileSync(
      new URL('../../fixtures/iso20022/pacs002/valid/rejected-with-reason.xml', import.meta.url),
      'utf8',
    );
    // Act / Assert
    await expect(pipeline.submit(camt053)).rejects.toMatchObject({
      name: 'PipelineError',
      code: PipelineErrorCodes.INVALID_INPUT,
      path: ['type'],
    });
    await expect(pipeline.submit(camt053)).rejects.toThrow(/camt\.053/);
    await expect(pipeline.submit(pacs002)).rejects.toMatchObject({ code: PipelineErrorCodes.INVALID_INPUT });
  });

  it('should throw the parser error for malformed XML and publish nothing', async () => {
    // Arrange
    const metrics = createMemoryMetrics();
    const pipeline = pipelineWith({ metrics });
    await pipeline.start();
    const checks = await tap(pipeline, 'complianceCheck');
    // Act
    const error = await pipeline.submit('<Document><FIToFICstmrCdtTrf><GrpHdr>').catch((e: unknown) => e);
    const bytes = await pipeline.submit(new TextEncoder().encode('not xml at all')).catch((e: unknown) => e);
    await settleMicrotasks();
    // Assert
    expect(error).toBeInstanceOf(Iso20022Error);
    expect(bytes).toBeInstanceOf(Iso20022Error);
    expect(checks).toEqual([]);
    expect(metrics.counterTotal('deltran.stage.published')).toBe(0);
    expect(pipeline.health().outstanding).toBe(0);
  });
});

describe('createPipeline health and idle', () => {
  it('should report the transport and each stage before and after start', async () => {
    // Arrange
    const pipeline = pipelineWith({ stages: [recorder('ticker', [])] });
    // Act
    const before = pipeline.health();
    await pipeline.start();
    const after = pipeline.health();
    // Assert
    expect(before.started).toBe(false);
    expect(before.stages.compliance?.subscribed).toBe(false);
    expect(before.stages.ticker?.subscribed).toBe(true);
    expect(after).toEqual({
      status: 'up',
      started: true,
      transport: { status: 'up', subscriptions: 3, name: 'memory' },
      stages: {
        compliance: expect.objectContaining({
          status: 'up',
          subscribed: true,
          inFlight: 0,
          detail: expect.any(Object),
        }),
        obligations: expect.objectContaining({ status: 'up', subscribed: true, inFlight: 0 }),
        clearing: expect.objectContaining({
          status: 'up',
          subscribed: true,
          inFlight: 0,
          detail: expect.objectContaining({ openWindows: 0 }),
        }),
        ticker: { status: 'up', subscribed: true, inFlight: 0 },
      },
      outstanding: 0,
    });
  });

  it('should be degraded when a stage says so, and down once the transport is closed', async () => {
    // Arrange
    const transport = createMemoryTransport();
    const sick = recorder('sick', [], undefined, {
      health: () => ({ status: 'degraded', detail: { why: 'test' } }),
    });
    const pipeline = pipelineWith({ transport, stages: [sick] });
    await pipeline.start();
    // Act
    const degraded = pipeline.health();
    await transport.close();
    // Assert
    expect(degraded.status).toBe('degraded');
    expect(degraded.stages.sick).toEqual({
      status: 'degraded',
      detail: { why: 'test' },
      subscribed: true,
      inFlight: 0,
    });
    expect(pipeline.health().status).toBe('down');
  });

  it('should count a stage in flight and resolve idle() only when it finished', async () => {
    // Arrange
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = recorder('slow', ['complianceCheck'], () => gate);
    const pipeline = pipelineWith({ compliance: slow });
    await pipeline.start();
    let idle = false;
    // Act
    await pipeline.submit(crossBorderPayment());
    const waiting = pipeline.idle().then(() => {
      idle = true;
    });
    await settleMicrotasks();
    const during = pipeline.health();
    release();
    await waiting;
    // Assert
    expect(during.stages.slow?.inFlight).toBe(1);
    expect(during.outstanding).toBe(1);
    expect(idle).toBe(true);
    expect(pipeline.health().stages.slow?.inFlight).toBe(0);
    expect(pipeline.health().outstanding).toBe(0);
  });

  it('should not resolve idle() early when a delivery past its ack deadline is redelivered', async () => {
    // Arrange: "slow" misses its ack deadline on the first delivery, so the transport delivers the event
    // again while the first handler still runs; "blocked" holds the same event until the test lets go.
    let secondStarted!: () => void;
    const second = new Promise<void>((resolve) => {
      secondStarted = resolve;
    });
    let firstDone!: () => void;
    const first = new Promise<void>((resolve) => {
      firstDone = resolve;
    });
    const slow = recorder(
      'slow',
      ['complianceCheck'],
      async (_event, context) => {
        if (context.delivery.attempt === 1) {
          await second;
          firstDone();
        } else secondStarted();
      },
      { subscription: { ackTimeoutMs: 5 } },
    );
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const blocked = recorder('blocked', ['complianceCheck'], () => gate);
    const pipeline = pipelineWith({ compliance: slow, stages: [blocked] });
    await pipeline.start();
    let idle = false;
    // Act
    await pipeline.submit(crossBorderPayment());
    const waiting = pipeline.idle().then(() => {
      idle = true;
    });
    await first;
    await settleMicrotasks();
    const whileBlocked = { idle, outstanding: pipeline.health().outstanding };
    release();
    await waiting;
    // Assert
    expect(slow.seen.map((s) => s.attempt)).toEqual([1, 2]);
    expect(whileBlocked).toEqual({ idle: false, outstanding: 1 });
    expect(idle).toBe(true);
    expect(pipeline.health().outstanding).toBe(0);
  });

  it('should resolve idle() at once when nothing is outstanding', async () => {
    // Arrange
    const pipeline = pipelineWith();
    await pipeline.start();
    // Act / Assert
    await expect(pipeline.idle()).resolves.toBeUndefined();
  });

  it('should wait in idle() for a retried event, and count it done once dead-lettered', async () => {
    // Arrange
    let failures = 0;
    const flaky = recorder(
      'flaky',
      ['complianceCheck'],
      () => {
        failures += 1;
        if (failures === 1) throw new Error('transient');
        throw new FatalHandlerError('permanent');
      },
      { subscription: { backoff: () => 1, maxAttempts: 5 } },
    );
    const metrics = createMemoryMetrics();
    const pipeline = pipelineWith({ compliance: flaky, metrics });
    await pipeline.start();
    const dead = await tap(pipeline, 'deadLetter');
    // Act
    await pipeline.submit(crossBorderPayment());
    await pipeline.idle();
    await settleMicrotasks();
    // Assert
    expect(flaky.seen.map((s) => s.attempt)).toEqual([1, 2]);
    expect(metrics.counterTotal('deltran.stage.messages', { stage: 'flaky', outcome: 'retry' })).toBe(1);
    expect(metrics.counterTotal('deltran.stage.messages', { stage: 'flaky', outcome: 'dead-letter' })).toBe(
      1,
    );
    expect(dead).toHaveLength(1);
    expect(pipeline.health().outstanding).toBe(0);
  });
});

describe('createPipeline metrics and idempotency', () => {
  it('should record messages with outcome ok and the latency of each stage', async () => {
    // Arrange
    let t = NOW_MS;
    const metrics = createMemoryMetrics();
    const pipeline = pipelineWith({ metrics, now: () => (t += 5) });
    await pipeline.start();
    // Act
    await pipeline.submit([crossBorderPayment(), localPayment()]);
    await pipeline.idle();
    // Assert
    const ok = (stage: string, topic: TopicKey) =>
      metrics.counterTotal('deltran.stage.messages', { stage, topic, outcome: 'ok' });
    expect(ok('compliance', 'complianceCheck')).toBe(2);
    expect(ok('obligations', 'obligationCreate')).toBe(2);
    expect(ok('clearing', 'clearingSubmit')).toBe(1);
    expect(metrics.counterTotal('deltran.stage.messages', { outcome: 'duplicate' })).toBe(0);
    for (const [stage, count] of [
      ['compliance', 2],
      ['obligations', 2],
      ['clearing', 1],
    ] as const) {
      const latency = metrics.histogramSummary('deltran.stage.latency_ms', { stage });
      expect(latency?.count, stage).toBe(count);
      expect(latency?.min, stage).toBeGreaterThan(0);
    }
    expect(
      metrics.counterTotal('deltran.stage.published', { stage: 'gateway', topic: 'complianceCheck' }),
    ).toBe(2);
    expect(
      metrics.counterTotal('deltran.stage.published', { stage: 'obligations', topic: 'tokenMint' }),
    ).toBe(2);
  });

  it('should count SLA breaches per stage and the end-to-end latency of netted payments', async () => {
    // Arrange: every clock read advances 5 ms, so each handler takes > 0 ms; an SLA of 0 ms on
    // compliance is breached by each of its deliveries, none on obligations (no SLA set).
    let t = NOW_MS;
    const metrics = createMemoryMetrics();
    const pipeline = pipelineWith({ metrics, now: () => (t += 5), sla: { compliance: 0 } });
    await pipeline.start();
    // Act
    await pipeline.submit([crossBorderPayment(), localPayment()]);
    await pipeline.idle();
    await pipeline.flush();
    await pipeline.idle();
    // Assert
    expect(metrics.counterTotal('deltran.sla.breaches', { stage: 'compliance' })).toBe(2);
    expect(metrics.counterTotal('deltran.sla.breaches', { stage: 'obligations' })).toBe(0);
    const international = metrics.histogramSummary('deltran.payment.end_to_end_ms', {
      flow: 'international',
    });
    expect(international?.count).toBe(1);
    expect(international?.min).toBeGreaterThan(0);
  });

  it('should handle an event id once when it is delivered twice, and count the duplicate', async () => {
    // Arrange: no broker dedupe, so the second publish of one id is delivered
    const metrics = createMemoryMetrics();
    const twice = recorder('twice', ['complianceCheck'], async (event, context) => {
      for (let i = 0; i < 2; i++)
        await context.publish('tokenMint', event.data as never, {
          id: `fixed:${event.subject}`,
          subject: event.subject!,
        });
    });
    const sink = recorder('sink', ['tokenMint']);
    const pipeline = pipelineWith({
      transport: createMemoryTransport({ dedupeWindowMs: 0 }),
      metrics,
      compliance: twice,
      obligations: false,
      clearing: false,
      stages: [sink],
    });
    await pipeline.start();
    // Act
    await pipeline.submit(crossBorderPayment());
    await pipeline.idle();
    // Assert
    expect(sink.seen.map((s) => s.event.id)).toEqual([`fixed:${UETR_A}`]);
    expect(metrics.counterTotal('deltran.stage.messages', { stage: 'sink', outcome: 'ok' })).toBe(1);
    expect(metrics.counterTotal('deltran.stage.messages', { stage: 'sink', outcome: 'duplicate' })).toBe(1);
    expect(pipeline.health().outstanding).toBe(0);
  });

  it('should use the idempotency store it is given, per stage', async () => {
    // Arrange
    const stores = new Map<string, { added: string[]; asked: string[] }>();
    const idempotency = (stage: string): IdempotencyStore => {
      const record = { added: [] as string[], asked: [] as string[] };
      stores.set(stage, record);
      return {
        async has(key) {
          record.asked.push(key);
          // A shared store says the other instance already handled this one.
          return stage === 'sink' && key.includes(UETR_B);
        },
        async add(key) {
          record.added.push(key);
        },
      };
    };
    const forward = recorder('forward', ['complianceCheck'], async (event, context) => {
      await context.publish('tokenMint', event.data as never, {
        id: `fwd:${event.subject}`,
        subject: event.subject!,
      });
    });
    const sink = recorder('sink', ['tokenMint']);
    const pipeline = pipelineWith({
      idempotency,
      compliance: forward,
      obligations: false,
      clearing: false,
      stages: [sink],
    });
    await pipeline.start();
    // Act
    await pipeline.submit([crossBorderPayment(), localPayment()]);
    await pipeline.idle();
    // Assert
    expect([...stores.keys()].sort()).toEqual(['forward', 'sink']);
    expect(stores.get('sink')!.asked).toEqual([`fwd:${UETR_A}`, `fwd:${UETR_B}`]);
    expect(stores.get('sink')!.added).toEqual([`fwd:${UETR_A}`]);
    expect(sink.seen.map((s) => s.event.id)).toEqual([`fwd:${UETR_A}`]);
    expect(stores.get('forward')!.added).toHaveLength(2);
  });
});

describe('createPipeline notifications', () => {
  it('should tell the notifier of compliance.reject and settlement.completed, typed as NOTIFICATION_TYPES', async () => {
    // Arrange
    const notifications: Notification[] = [];
    const notifier = createCallbackNotifier((n) => {
      notifications.push(n);
    });
    const settler = recorder('settler', ['obligationCreate'], async (event, context) => {
      await context.publish(
        'settlementCompleted',
        // A stand-in for a SettlementResult: the notifier passes the data through as it is.
        { instructionId: `si:${event.subject}`, status: 'SETTLED' } as never,
        { id: `done:${event.subject}`, subject: event.subject! },
      );
    });
    const pipeline = pipelineWith({
      notifier,
      compliance: { checker: stubChecker((p) => (p.uetr === UETR_B ? 'REJECT' : 'ALLOW')) },
      obligations: false,
      clearing: false,
      stages: [settler],
    });
    await pipeline.start();
    // Act
    await pipeline.submit([crossBorderPayment(), localPayment()]);
    await pipeline.idle();
    // Assert
    const byType = new Map(notifications.map((n) => [n.type, n]));
    expect([...byType.keys()].sort()).toEqual(
      [NOTIFICATION_TYPES.complianceReject, NOTIFICATION_TYPES.settlementCompleted].sort(),
    );
    const reject = byType.get(NOTIFICATION_TYPES.complianceReject)!;
    expect(reject).toMatchObject({ id: `${DEFAULT_TOPICS.complianceReject}:${UETR_B}`, subject: UETR_B });
    expect(reject.data).toMatchObject({ uetr: UETR_B, decision: 'REJECT' });
    expect(reject.time).toBe(new Date(NOW_MS).toISOString());
    const done = byType.get(NOTIFICATION_TYPES.settlementCompleted)!;
    expect(done).toMatchObject({ id: `done:${UETR_A}`, subject: UETR_A, data: { status: 'SETTLED' } });
    expect(notifications).toHaveLength(2);
    expect(pipeline.health().outstanding).toBe(0);
  });
});

describe('createPipeline envelopes', () => {
  it('should publish CloudEvents with type deltran.<topic>, source /deltran/<stage> and the UETR or window id as subject', async () => {
    // Arrange
    const pipeline = pipelineWith();
    await pipeline.start();
    const checks = await tap(pipeline, 'complianceCheck');
    const created = await tap(pipeline, 'obligationCreate');
    const submitted = await tap(pipeline, 'clearingSubmit');
    const windows = await tap(pipeline, 'clearingCompleted');
    const positions = await tap(pipeline, 'liquiditySelect');
    // Act
    await pipeline.submit(crossBorderPayment());
    await pipeline.idle();
    await settleMicrotasks();
    // Assert
    const attributes = (e: Envelope | undefined) =>
      e && [e.specversion, e.type, e.source, e.subject, e.datacontenttype];
    expect(attributes(checks[0])).toEqual([
      '1.0',
      'deltran.compliance.check',
      '/deltran/gateway',
      UETR_A,
      'application/json',
    ]);
    expect(attributes(created[0])).toEqual([
      '1.0',
      'deltran.obligation.create',
      '/deltran/compliance',
      UETR_A,
      'application/json',
    ]);
    expect(created[0]!.id).toBe(`${DEFAULT_TOPICS.obligationCreate}:${UETR_A}`);
    expect(created[0]!.time).toBe(new Date(NOW_MS).toISOString());
    expect(attributes(submitted[0])?.slice(1, 4)).toEqual([
      'deltran.clearing.submit',
      '/deltran/obligations',
      UETR_A,
    ]);
    expect(attributes(windows[0])?.slice(1, 4)).toEqual([
      'deltran.clearing.completed',
      '/deltran/clearing',
      'window:EUR:1',
    ]);
    expect(positions.map((e) => [e.type, e.subject])).toEqual([
      ['deltran.liquidity.select', 'window:EUR:1'],
      ['deltran.liquidity.select', 'window:EUR:1'],
    ]);
  });

  it('should use the source prefix and topic names it is given, keeping the event types', async () => {
    // Arrange
    const topics = createTopicNames({ prefix: 'acme.' });
    const transport = createMemoryTransport({ deadLetterTopic: topics.deadLetter });
    const pipeline = pipelineWith({ transport, topics, source: '/bank-x' });
    await pipeline.start();
    const raw: Envelope[] = [];
    await transport.subscribe({ topics: [topics.obligationCreate], group: 'raw' }, (event) => {
      raw.push(event);
    });
    // Act
    await pipeline.submit(crossBorderPayment() as CanonicalPayment);
    await pipeline.idle();
    await settleMicrotasks();
    // Assert
    expect(raw.map((e) => [e.type, e.source, e.id])).toEqual([
      ['deltran.obligation.create', '/bank-x/compliance', `acme.obligation.create:${UETR_A}`],
    ]);
  });
});
