/**
 * Event batches (`createPipeline({ batch })`, `unbatch`): the payments of one submit and the outputs
 * of one handled message travel as batch envelopes; every event inside keeps its id, its idempotency
 * and its own verdict (handled, retried, dead-lettered alone); hosts see single events.
 */
import { createSeededRandom } from 'deltran';
import { createMemoryTransport } from 'deltran/adapters/memory';
import {
  BATCH_EVENT_TYPE,
  createEnvelope,
  createPipeline,
  DEFAULT_TOPICS,
  type DeadLetter,
  type Envelope,
  FatalHandlerError,
  isBatch,
  MAX_BATCH_EVENTS,
  type Pipeline,
  PipelineError,
  PipelineErrorCodes,
  type PipelineOptions,
  type PipelineStage,
  type StageEventContext,
  type StageEventFailure,
  type TopicKey,
  type Transport,
  unbatch,
} from 'deltran/pipeline';
import { afterEach, describe, expect, it } from 'vitest';
import { crossBorderPayment, NOW_MS, stubChecker } from './_stage-fixtures';

const open: Pipeline[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});

const uetrOf = (i: number): string => `3f1c1f5e-8a3b-4c55-9d0e-${String(i).padStart(12, '0')}`;
const payments = (n: number) => Array.from({ length: n }, (_, i) => crossBorderPayment(uetrOf(i)));

function event(id: string): Envelope {
  return createEnvelope(
    { type: 'deltran.compliance.check', id, subject: id, data: { n: id } },
    { now: () => NOW_MS },
  );
}

function recorder(
  consumes: readonly TopicKey[],
  onEvent?: (event: Envelope, context: StageEventContext) => void | Promise<void>,
  extra: Partial<PipelineStage> = {},
): PipelineStage & { readonly seen: { id: string; attempt: number }[] } {
  const seen: { id: string; attempt: number }[] = [];
  return {
    name: 'recorder',
    consumes,
    seen,
    async handle(e, context) {
      seen.push({ id: e.id, attempt: context.delivery.attempt });
      await onEvent?.(e, context);
    },
    ...extra,
  };
}

function pipelineOf(
  stage: PipelineStage,
  transport: Transport,
  batch: number,
  overrides: Partial<PipelineOptions> = {},
): Pipeline {
  const pipeline = createPipeline({
    transport,
    now: () => NOW_MS,
    random: createSeededRandom(3),
    batch,
    compliance: false,
    obligations: false,
    token: false,
    clearing: false,
    routing: false,
    risk: false,
    settlement: false,
    stages: [stage],
    ...overrides,
  });
  open.push(pipeline);
  return pipeline;
}

/** Every transport message of a topic, as the broker holds them (batches not unpacked). */
async function rawTap(transport: Transport, topic: string): Promise<Envelope[]> {
  const messages: Envelope[] = [];
  await transport.subscribe({ topics: [topic], group: `raw-${topic}` }, (message) => {
    messages.push(message);
  });
  return messages;
}

describe('unbatch', () => {
  it('should return a plain event as itself and the events of a batch in order', () => {
    const a = event('a');
    expect(unbatch(a)).toEqual([a]);
    const batch = createEnvelope(
      { type: BATCH_EVENT_TYPE, id: 'batch:1', data: { events: [event('a'), event('b')] } },
      { now: () => NOW_MS },
    );
    expect(isBatch(batch)).toBe(true);
    expect(unbatch(batch).map((e) => e.id)).toEqual(['a', 'b']);
    // Decoded from JSON (not frozen): each event is checked, and accepted.
    const decoded = JSON.parse(JSON.stringify(batch)) as Envelope;
    expect(unbatch(decoded).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it.each([
    ['no events array', { events: 'x' }, ['data', 'events']],
    ['an empty batch', { events: [] }, ['data', 'events']],
    ['an event that is not an envelope', { events: [{ id: 'a' }, { id: 'b' }] }, ['data', 'events', 0]],
  ])('should refuse a batch with %s (PIPELINE_INVALID_ENVELOPE, with the path)', (_, data, path) => {
    const bad = JSON.parse(
      JSON.stringify(createEnvelope({ type: BATCH_EVENT_TYPE, id: 'batch:x', data }, { now: () => NOW_MS })),
    ) as Envelope;
    const error = (() => {
      try {
        unbatch(bad);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe(PipelineErrorCodes.INVALID_ENVELOPE);
    expect((error as PipelineError).path).toEqual(path);
  });

  it('should refuse nested batches', () => {
    const innerBatch = JSON.parse(
      JSON.stringify(
        createEnvelope(
          { type: BATCH_EVENT_TYPE, id: 'b1', data: { events: [event('a')] } },
          { now: () => NOW_MS },
        ),
      ),
    ) as Envelope;
    const outer = JSON.parse(
      JSON.stringify(
        createEnvelope(
          { type: BATCH_EVENT_TYPE, id: 'b2', data: { events: [innerBatch] } },
          { now: () => NOW_MS },
        ),
      ),
    ) as Envelope;
    expect(() => unbatch(outer)).toThrow(/batches do not nest/);
  });
});

describe('createPipeline({ batch })', () => {
  it.each([0, 1.5, MAX_BATCH_EVENTS + 1, Number.NaN])('should refuse batch %s', (batch) => {
    expect(() =>
      createPipeline({
        transport: createMemoryTransport(),
        batch,
        compliance: false,
        token: false,
        routing: false,
        risk: false,
        settlement: false,
      }),
    ).toThrow(expect.objectContaining({ code: PipelineErrorCodes.INVALID_OPTIONS, path: ['batch'] }));
  });

  it.each(['none', 'json'] as const)(
    'should carry the payments of one submit in batches and hand each event to the stage and the host (%s)',
    async (encoding) => {
      const transport = createMemoryTransport({ encoding });
      const stage = recorder(['complianceCheck']);
      const pipeline = pipelineOf(stage, transport, 10);
      const raw = await rawTap(transport, DEFAULT_TOPICS.complianceCheck);
      const hostSeen: string[] = [];
      await pipeline.subscribe('complianceCheck', (e) => {
        hostSeen.push(e.subject ?? '');
      });
      await pipeline.start();
      const receipt = await pipeline.submit(payments(25));
      await pipeline.idle();
      expect(receipt.payments).toHaveLength(25);
      // 10 + 10 + 5 events in three transport messages.
      expect(raw.map((m) => m.type)).toEqual([BATCH_EVENT_TYPE, BATCH_EVENT_TYPE, BATCH_EVENT_TYPE]);
      expect(raw.map((m) => unbatch(m).length)).toEqual([10, 10, 5]);
      const ids = raw.flatMap((m) => unbatch(m).map((e) => e.id));
      // Batches are handled concurrently; inside each, in order.
      expect(stage.seen.map((s) => s.id).sort()).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(25);
      expect(hostSeen.sort()).toEqual(
        payments(25)
          .map((p) => p.uetr)
          .sort(),
      );
    },
  );

  it('should batch what a stage publishes while handling one message, and send a lone event as itself', async () => {
    const transport = createMemoryTransport();
    const stage = recorder(['complianceCheck'], async (e, context) => {
      await context.publish('complianceReject', { reasons: [] } as never, {
        id: `rej:${e.id}`,
        subject: e.subject ?? '',
      });
    });
    const pipeline = pipelineOf(stage, transport, 8);
    const raw = await rawTap(transport, DEFAULT_TOPICS.complianceReject);
    await pipeline.start();
    await pipeline.submit(payments(9));
    await pipeline.idle();
    // Inputs: 8 + 1. Outputs of the first message: one batch of 8; of the second: a plain event.
    expect(raw.map((m) => (isBatch(m) ? `batch of ${unbatch(m).length}` : m.type)).sort()).toEqual([
      'batch of 8',
      'deltran.compliance.reject',
    ]);
  });

  it('should dead-letter a fatal event alone and handle the rest of its batch once', async () => {
    const transport = createMemoryTransport();
    const poison = uetrOf(3);
    const stage = recorder(['complianceCheck'], (e) => {
      if (e.subject === poison) throw new FatalHandlerError('poison');
    });
    const pipeline = pipelineOf(stage, transport, 10);
    const dead: Envelope<DeadLetter>[] = [];
    await pipeline.subscribe('deadLetter', (e) => {
      dead.push(e);
    });
    await pipeline.start();
    await pipeline.submit(payments(10));
    await pipeline.idle();
    expect(stage.seen).toHaveLength(10);
    expect(stage.seen.every((s) => s.attempt === 1)).toBe(true);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.data.reason).toBe('fatal');
    expect(dead[0]!.data.event?.subject).toBe(poison);
    expect(dead[0]!.data.error.message).toBe('poison');
  });

  it('should redeliver a batch for one retryable event and skip the events already handled', async () => {
    const transport = createMemoryTransport();
    const flaky = uetrOf(5);
    let failures = 0;
    const stage = recorder(
      ['complianceCheck'],
      (e) => {
        if (e.subject === flaky && failures++ === 0) throw new Error('not yet');
      },
      { subscription: { backoff: () => 1, maxAttempts: 5 } },
    );
    const pipeline = pipelineOf(stage, transport, 10);
    await pipeline.start();
    await pipeline.submit(payments(10));
    await pipeline.idle();
    const flakyId = stage.seen.find((s) => s.attempt === 1 && s.id.includes(flaky))!.id;
    expect(stage.seen.filter((s) => s.id === flakyId).map((s) => s.attempt)).toEqual([1, 2]);
    const others = stage.seen.filter((s) => s.id !== flakyId);
    expect(others).toHaveLength(9);
    expect(others.every((s) => s.attempt === 1)).toBe(true);
  });

  it('should dead-letter an event still failing on the last attempt, alone (attempts-exhausted)', async () => {
    const transport = createMemoryTransport();
    const stuck = uetrOf(2);
    const stage = recorder(
      ['complianceCheck'],
      (e) => {
        if (e.subject === stuck) throw new Error('never ready');
      },
      { subscription: { backoff: () => 1, maxAttempts: 3 } },
    );
    const pipeline = pipelineOf(stage, transport, 10);
    const dead: Envelope<DeadLetter>[] = [];
    await pipeline.subscribe('deadLetter', (e) => {
      dead.push(e);
    });
    await pipeline.start();
    await pipeline.submit(payments(4));
    await pipeline.idle();
    expect(stage.seen.filter((s) => s.id.includes(stuck)).map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect(stage.seen.filter((s) => !s.id.includes(stuck))).toHaveLength(3);
    expect(dead.map((d) => [d.data.reason, d.data.attempts, d.data.event?.subject])).toEqual([
      ['attempts-exhausted', 3, stuck],
    ]);
  });

  it('should read batches from another process even when its own batch is 1', async () => {
    const transport = createMemoryTransport();
    const stage = recorder(['complianceCheck']);
    const reader = pipelineOf(stage, transport, 1);
    await reader.start();
    const writer = createPipeline({
      transport,
      now: () => NOW_MS,
      batch: 5,
      compliance: false,
      obligations: false,
      token: false,
      clearing: false,
      routing: false,
      risk: false,
      settlement: false,
    });
    open.push(writer);
    await writer.start();
    await writer.submit(payments(5));
    // The writer does not consume the topic, so its idle() cannot wait for the reader: poll.
    for (let i = 0; i < 500 && stage.seen.length < 5; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stage.seen.map((s) => s.attempt)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('PipelineStage.handleBatch', () => {
  /** A stage whose handleBatch records each call and answers with `verdict` per event. */
  function batcher(
    verdict: (event: Envelope, attempt: number) => StageEventFailure | undefined,
    extra: Partial<PipelineStage> = {},
  ) {
    const calls: { ids: string[]; attempt: number }[] = [];
    const single: string[] = [];
    const stage: PipelineStage = {
      name: 'batcher',
      consumes: ['complianceCheck'],
      handle(e) {
        single.push(e.id);
      },
      async handleBatch(events, context) {
        calls.push({ ids: events.map((e) => e.id), attempt: context.delivery.attempt });
        for (const e of events)
          await context.publish('complianceReject', { n: e.id } as never, {
            id: `out:${e.id}`,
            subject: e.subject ?? e.id,
          });
        return events.map((e) => verdict(e, context.delivery.attempt));
      },
      ...extra,
    };
    return { stage, calls, single };
  }

  it('should get the events of a batch in one call and publish what it published once it returns', async () => {
    const transport = createMemoryTransport();
    const { stage, calls, single } = batcher(() => undefined);
    const pipeline = pipelineOf(stage, transport, 10);
    const out: string[] = [];
    await pipeline.subscribe('complianceReject', (e) => {
      out.push(e.id);
    });
    await pipeline.start();
    await pipeline.submit(payments(10));
    await pipeline.idle();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.ids).toHaveLength(10);
    expect(single).toEqual([]);
    // A host subscriber is not counted by idle(): poll.
    for (let i = 0; i < 500 && out.length < 10; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(out.sort()).toEqual(calls[0]!.ids.map((id) => `out:${id}`).sort());
  });

  it('should call handle for a lone event', async () => {
    const transport = createMemoryTransport();
    const { stage, calls, single } = batcher(() => undefined);
    const pipeline = pipelineOf(stage, transport, 10);
    await pipeline.start();
    await pipeline.submit(payments(1));
    await pipeline.idle();
    expect(calls).toEqual([]);
    expect(single).toHaveLength(1);
  });

  it('should dead-letter a fatal outcome alone and redeliver for a retryable one, skipping the rest', async () => {
    const transport = createMemoryTransport();
    const poison = uetrOf(1);
    const flaky = uetrOf(4);
    const { stage, calls, single } = batcher(
      (e, attempt) => {
        if (e.subject === poison) return { error: new FatalHandlerError('poison') };
        if (e.subject === flaky && attempt === 1) return { error: new Error('not yet') };
        return undefined;
      },
      { subscription: { backoff: () => 1, maxAttempts: 5 } },
    );
    const pipeline = pipelineOf(stage, transport, 6);
    const dead: Envelope<DeadLetter>[] = [];
    await pipeline.subscribe('deadLetter', (e) => {
      dead.push(e);
    });
    await pipeline.start();
    await pipeline.submit(payments(6));
    await pipeline.idle();
    expect(dead.map((d) => [d.data.reason, d.data.event?.subject, d.data.error.message])).toEqual([
      ['fatal', poison, 'poison'],
    ]);
    // Attempt 1 had six events; attempt 2 only the retried one (handled and dead-lettered ids skipped),
    // which is alone, so it went through handle.
    expect(calls.map((c) => [c.attempt, c.ids.length])).toEqual([[1, 6]]);
    expect(single).toEqual(calls[0]!.ids.filter((id) => id.includes(flaky)));
  });

  it('should fail every event of a call that throws, and of one that returns the wrong number of outcomes', async () => {
    for (const broken of ['throws', 'short'] as const) {
      const transport = createMemoryTransport();
      const stage: PipelineStage = {
        name: 'broken',
        consumes: ['complianceCheck'],
        handle() {},
        async handleBatch(events) {
          if (broken === 'throws') throw new FatalHandlerError('all of them');
          return events.slice(1).map(() => undefined);
        },
      };
      const pipeline = pipelineOf(stage, transport, 3);
      const dead: Envelope<DeadLetter>[] = [];
      await pipeline.subscribe('deadLetter', (e) => {
        dead.push(e);
      });
      await pipeline.start();
      await pipeline.submit(payments(3));
      await pipeline.idle();
      expect(dead).toHaveLength(3);
      expect(dead.every((d) => d.data.reason === 'fatal')).toBe(true);
      expect(dead[0]!.data.error.message).toMatch(
        broken === 'throws' ? /all of them/ : /returned 2 outcome\(s\) for 3 events/,
      );
      await pipeline.close();
    }
  });
});

describe('envelopes the pipeline publishes', () => {
  it.each([1, 10])(
    'should equal createEnvelope of the same parts (batch %s), attribute order included',
    async (batch) => {
      const transport = createMemoryTransport();
      const stage: PipelineStage = {
        name: 'echo',
        consumes: ['complianceCheck'],
        async handle(e, context) {
          await context.publish('complianceReject', { n: e.id } as never, {
            id: `out:${e.id}`,
            ...(e.subject === uetrOf(0) ? {} : { subject: e.subject ?? e.id }),
          });
        },
      };
      const pipeline = pipelineOf(stage, transport, batch);
      const out: Envelope[] = [];
      await pipeline.subscribe('complianceReject', (e) => {
        out.push(e);
      });
      await pipeline.start();
      await pipeline.submit(payments(3));
      await pipeline.idle();
      for (let i = 0; i < 500 && out.length < 3; i += 1) await new Promise((r) => setTimeout(r, 5));
      expect(out).toHaveLength(3);
      for (const e of out) {
        const expected = createEnvelope(
          {
            type: 'deltran.compliance.reject',
            source: '/deltran/echo',
            id: e.id,
            data: e.data,
            ...(e.subject === undefined ? {} : { subject: e.subject }),
          },
          { now: () => NOW_MS },
        );
        expect(JSON.stringify(e)).toBe(JSON.stringify(expected));
      }
      expect(out.filter((e) => e.subject === undefined)).toHaveLength(1);
    },
  );

  it.each([
    ['an empty id', { id: '' }],
    ['an empty subject', { id: 'x', subject: '' }],
  ])('should refuse to publish with %s (PIPELINE_INVALID_ENVELOPE)', async (_, options) => {
    const transport = createMemoryTransport();
    const errors: unknown[] = [];
    const stage: PipelineStage = {
      name: 'bad',
      consumes: ['complianceCheck'],
      subscription: { maxAttempts: 1 },
      async handle(_e, context) {
        try {
          await context.publish('complianceReject', {} as never, options as never);
        } catch (error) {
          errors.push(error);
        }
      },
    };
    const pipeline = pipelineOf(stage, transport, 1);
    await pipeline.start();
    await pipeline.submit(payments(1));
    await pipeline.idle();
    expect(errors).toHaveLength(1);
    expect((errors[0] as PipelineError).code).toBe(PipelineErrorCodes.INVALID_ENVELOPE);
  });
});

describe('outputs of a batch whose publish failed', () => {
  // A batch's outputs are published once its handlers return; a stage has by then recorded its
  // effects (compliance: the UETR decided). When that publish fails and the message comes back, the
  // handlers see their work as done and publish nothing: the outputs kept from the failed attempt must
  // go out first, or the payments are lost.
  function failingFirst(inner: Transport, topic: string): Transport & { failed: number } {
    const wrapper = {
      failed: 0,
      name: inner.name,
      flags: inner.flags,
      deadLetterTopic: inner.deadLetterTopic,
      publish(t: string, e: Envelope, o?: Parameters<Transport['publish']>[2]) {
        if (t === topic && wrapper.failed === 0) {
          wrapper.failed += 1;
          return Promise.reject(new Error('broker unavailable (test)'));
        }
        return inner.publish(t, e, o);
      },
      subscribe: inner.subscribe.bind(inner),
      health: inner.health.bind(inner),
      drain: inner.drain.bind(inner),
      close: inner.close.bind(inner),
    };
    return wrapper;
  }

  it.each([1, 10])(
    'should publish every decision once the broker takes it again (batch %i)',
    async (batch) => {
      const transport = failingFirst(createMemoryTransport(), DEFAULT_TOPICS.obligationCreate);
      const checker = stubChecker();
      const sink = recorder(['obligationCreate']);
      const pipeline = pipelineOf(sink, transport, batch, {
        random: createSeededRandom(5),
        compliance: { checker, subscription: { backoff: () => 1, maxAttempts: 5 } },
      });
      await pipeline.start();
      await pipeline.submit(payments(6));
      await pipeline.idle();
      expect(transport.failed).toBe(1);
      expect(new Set(checker.calls).size).toBe(6);
      expect(new Set(sink.seen.map((s) => s.id)).size).toBe(6);
    },
  );
});
