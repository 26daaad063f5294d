/**
 * The memory transport: the shared contract (STYLE.md §5.7: on every `npm test`), then what only
 * memory can show (dedupe window on an injected clock, isolation between instances, no broker client
 * loaded).
 */
import { createMemoryTransport, memoryFlags } from 'deltran/adapters/memory';
import { createEnvelope, type Envelope } from 'deltran/pipeline';
import { describe, expect, it } from 'vitest';
import { runTransportContract } from '../../contract/transport.contract';

runTransportContract({
  name: 'memory',
  create: ({ prefix }) => createMemoryTransport({ deadLetterTopic: `${prefix}dead-letter` }),
  flags: memoryFlags('json'),
});

runTransportContract({
  name: "memory, encoding: 'none'",
  create: ({ prefix }) =>
    createMemoryTransport({ deadLetterTopic: `${prefix}dead-letter`, encoding: 'none' }),
  flags: memoryFlags('none'),
});

const event = (id: string, n = 1): Envelope =>
  createEnvelope({ id, type: 'deltran.test', data: { n } }, { now: () => 0 });

describe('memory transport', () => {
  it('should use the default dead-letter topic and need no options', async () => {
    // Arrange / Act
    const transport = createMemoryTransport();
    // Assert
    expect(transport.name).toBe('memory');
    expect(transport.deadLetterTopic).toBe('deltran.dead-letter');
    expect(transport.health()).toEqual({ status: 'up', subscriptions: 0 });
    await transport.close();
  });

  it('should forget a published id once its dedupe window has passed', async () => {
    // Arrange: a clock the test moves
    let now = 1_000;
    const transport = createMemoryTransport({ now: () => now, dedupeWindowMs: 100 });
    // Act
    const first = await transport.publish('t.a', event('id-1'));
    now += 50;
    const within = await transport.publish('t.a', event('id-1'));
    now += 100;
    const after = await transport.publish('t.a', event('id-1'));
    // Assert
    expect([first.duplicate, within.duplicate, after.duplicate]).toEqual([false, true, false]);
    await transport.close();
  });

  it('should bound the ids it remembers', async () => {
    // Arrange
    const transport = createMemoryTransport({ now: () => 0, dedupeMaxEntries: 2 });
    // Act
    await transport.publish('t.a', event('a'));
    await transport.publish('t.a', event('b'));
    await transport.publish('t.a', event('c')); // forgets 'a'
    const a = await transport.publish('t.a', event('a'));
    const c = await transport.publish('t.a', event('c'));
    // Assert
    expect(a.duplicate).toBe(false);
    expect(c.duplicate).toBe(true);
    await transport.close();
  });

  it('should keep two transports apart (no global state)', async () => {
    // Arrange
    const one = createMemoryTransport();
    const two = createMemoryTransport();
    const seen: string[] = [];
    await two.subscribe({ topics: ['t.a'], group: 'g' }, (e) => {
      seen.push(e.id);
    });
    // Act
    await one.publish('t.a', event('only-one'));
    await new Promise((r) => setTimeout(r, 20));
    // Assert
    expect(seen).toEqual([]);
    await Promise.all([one.close(), two.close()]);
  });

  it('should refuse bad options', () => {
    // Act / Assert
    expect(() => createMemoryTransport({ dedupeWindowMs: -1 })).toThrow(
      expect.objectContaining({ code: 'TRANSPORT_INVALID_OPTIONS' }),
    );
    expect(() => createMemoryTransport({ deadLetterTopic: 'no spaces' })).toThrow(
      expect.objectContaining({ code: 'TRANSPORT_INVALID_TOPIC' }),
    );
  });

  it('should not run a handler inside the publisher’s call stack', async () => {
    // Arrange
    const transport = createMemoryTransport();
    let ran = false;
    await transport.subscribe({ topics: ['t.a'], group: 'g' }, () => {
      ran = true;
    });
    // Act
    const publishing = transport.publish('t.a', event('x'));
    const ranSynchronously = ran;
    await publishing;
    await new Promise((r) => setTimeout(r, 0));
    // Assert
    expect(ranSynchronously).toBe(false);
    expect(ran).toBe(true);
    await transport.close();
  });
});
