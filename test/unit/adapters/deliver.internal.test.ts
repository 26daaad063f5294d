/**
 * White-box tests of src/adapters/_internal/deliver.ts (STYLE.md §6.1: the file name says so): the one
 * place that turns a handler's outcome into ack, retry or dead letter for every adapter.
 */
import {
  createEnvelope,
  type DeadLetter,
  type Envelope,
  encodeEnvelope,
  FatalHandlerError,
  type MessageHandler,
  resolveSubscribeOptions,
} from 'deltran/pipeline';
import { describe, expect, it } from 'vitest';
import {
  type DeadLetterSink,
  DeliveryHandle,
  processDelivery,
} from '../../../src/adapters/_internal/deliver';

const options = resolveSubscribeOptions({
  topics: ['t.in'],
  group: 'g',
  maxAttempts: 3,
  backoff: { initialMs: 100, factor: 2 },
  deadLetterTopic: 't.dl',
});
const event = createEnvelope(
  { id: 'e-1', type: 'deltran.x', subject: 's-1', data: { n: 1 } },
  { now: () => 0 },
);

function run(handler: MessageHandler, attempt = 1, data: Uint8Array = encodeEnvelope(event), topic = 't.in') {
  const published: { topic: string; event: Envelope }[] = [];
  let failPublish = false;
  const sink: DeadLetterSink = {
    adapter: 'test',
    now: () => 86_400_000,
    publish: async (t, e) => {
      if (failPublish) throw new Error('dlq down');
      published.push({ topic: t, event: e });
    },
  };
  const handle = new DeliveryHandle(topic, 'g', attempt, 's-1', () => {});
  return {
    published,
    handle,
    failDeadLetters: () => {
      failPublish = true;
    },
    go: () =>
      processDelivery({ topic, data, attempt, key: 's-1', position: 'S#7' }, handle, options, handler, sink),
  };
}

describe('processDelivery', () => {
  it('should ack when the handler resolves', async () => {
    expect(await run(() => {}).go()).toEqual({ kind: 'ack' });
  });

  it('should retry a retryable error with the backoff of that attempt', async () => {
    expect(await run(() => Promise.reject(new Error('x')), 2).go()).toEqual({ kind: 'retry', delayMs: 200 });
  });

  it('should dead-letter on the last attempt, then ack, with a deterministic id', async () => {
    // Arrange
    const r = run(() => {
      throw new Error('still failing');
    }, 3);
    // Act
    const decision = await r.go();
    // Assert
    expect(decision).toEqual({ kind: 'ack' });
    expect(r.published).toHaveLength(1);
    const { topic, event: letter } = r.published[0]!;
    expect(topic).toBe('t.dl');
    expect(letter).toMatchObject({
      id: 'e-1:dead-letter:g',
      type: 'deltran.dead-letter',
      source: '/deltran/transports/test',
      subject: 's-1',
      time: '1970-01-02T00:00:00.000Z',
    });
    expect(letter.data as DeadLetter).toEqual({
      reason: 'attempts-exhausted',
      topic: 't.in',
      group: 'g',
      attempts: 3,
      error: { name: 'Error', message: 'still failing' },
      event,
      position: 'S#7',
    });
  });

  it('should dead-letter a fatal error on the first attempt', async () => {
    const r = run(() => {
      throw new FatalHandlerError('never');
    });
    expect(await r.go()).toEqual({ kind: 'ack' });
    expect((r.published[0]!.event.data as DeadLetter).reason).toBe('fatal');
  });

  it('should dead-letter without running the handler once attempts passed maxAttempts', async () => {
    let ran = false;
    const r = run(() => {
      ran = true;
    }, 4);
    expect(await r.go()).toEqual({ kind: 'ack' });
    expect(ran).toBe(false);
    expect((r.published[0]!.event.data as DeadLetter).error.code).toBe('TRANSPORT_ATTEMPTS_EXHAUSTED');
  });

  it('should keep the message when the dead letter cannot be published', async () => {
    const r = run(() => {
      throw new FatalHandlerError('never');
    });
    r.failDeadLetters();
    expect(await r.go()).toEqual({ kind: 'retry', delayMs: 100 });
  });

  it('should treat an exploding classifier as retry', async () => {
    const exploding = resolveSubscribeOptions({
      topics: ['t.in'],
      group: 'g',
      classifyError: () => {
        throw new Error('bug');
      },
    });
    const handle = new DeliveryHandle('t.in', 'g', 1, undefined, () => {});
    const sink: DeadLetterSink = { adapter: 'x', now: () => 0, publish: async () => {} };
    const decision = await processDelivery(
      { topic: 't.in', data: encodeEnvelope(event), attempt: 1, key: undefined, position: 'p' },
      handle,
      exploding,
      () => Promise.reject(new Error('x')),
      sink,
    );
    expect(decision.kind).toBe('retry');
  });

  it('should never dead-letter from the dead-letter topic itself', async () => {
    const r = run(
      () => {
        throw new FatalHandlerError('even this');
      },
      9,
      encodeEnvelope(event),
      't.dl',
    );
    expect(await r.go()).toEqual({ kind: 'retry', delayMs: expect.any(Number) });
    expect(r.published).toEqual([]);
  });

  it('should report abandon when the delivery was abandoned meanwhile, and abort the signal', async () => {
    // Arrange
    let seen: AbortSignal | undefined;
    const r = run(async (_e, context) => {
      seen = context.signal;
      r.handle.abandon();
    });
    // Act / Assert
    expect(await r.go()).toEqual({ kind: 'abandon' });
    expect(seen?.aborted).toBe(true);
    expect((seen!.reason as { code?: string }).code).toBe('TRANSPORT_CLOSED');
  });

  it('should give an abandoned handle an already-aborted signal and ignore working()', () => {
    let calls = 0;
    const handle = new DeliveryHandle('t', 'g', 1, undefined, () => calls++);
    handle.working();
    handle.abandon();
    handle.working();
    expect(handle.signal.aborted).toBe(true);
    expect(calls).toBe(1);
  });
});
