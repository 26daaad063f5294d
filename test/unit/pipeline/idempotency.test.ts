/**
 * The bounded in-memory idempotency store: remembers keys in insertion order and forgets the oldest
 * first; a key added again keeps its place.
 */
import { createMemoryIdempotencyStore } from 'deltran/pipeline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('createMemoryIdempotencyStore', () => {
  it('should forget the oldest key first, and not refresh a key added again', () => {
    const store = createMemoryIdempotencyStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'a']) store.add(key);
    expect(store.size).toBe(3);
    store.add('d');
    expect(['a', 'b', 'c', 'd'].map((k) => store.has(k))).toEqual([false, true, true, true]);
    expect(store.size).toBe(3);
  });

  it('should keep exactly the last maxEntries distinct keys in first-insertion order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (keys, max) => {
          const store = createMemoryIdempotencyStore({ maxEntries: max });
          // Model: an ordered list of distinct keys, oldest first.
          let model: string[] = [];
          for (const key of keys) {
            store.add(key);
            if (!model.includes(key)) model.push(key);
            if (model.length > max) model = model.slice(1);
          }
          expect(store.size).toBe(model.length);
          for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
            expect(store.has(key)).toBe(model.includes(key));
        },
      ),
      { seed: 1313, numRuns: 300 },
    );
  });
});
