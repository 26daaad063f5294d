/** White-box tests of src/adapters/kafka/_offsets.ts: what may be committed, and when. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetTracker } from '../../../src/adapters/kafka/_offsets';

describe('OffsetTracker', () => {
  it('should commit nothing until the head completes, then the whole completed run', () => {
    // Arrange
    const tracker = new OffsetTracker<string>();
    const e = [0n, 1n, 2n, 3n].map((o) => tracker.track('t', 0, o, `m${o}`));
    // Act / Assert
    expect(tracker.complete(e[2]!)).toBeUndefined();
    expect(tracker.complete(e[1]!)).toBeUndefined();
    expect(tracker.complete(e[0]!)?.offset).toBe(2n);
    expect(tracker.complete(e[3]!)?.offset).toBe(3n);
    expect(tracker.pending().get('t/0')).toBe(0);
  });

  it('should keep partitions independent and never move a commit back', () => {
    const tracker = new OffsetTracker<string>();
    const a = tracker.track('t', 0, 10n, 'a');
    const b = tracker.track('t', 1, 5n, 'b');
    expect(tracker.complete(b)?.offset).toBe(5n);
    expect(tracker.complete(a)?.offset).toBe(10n);
    // a redelivery of an older offset after a rebalance
    const again = tracker.track('t', 0, 7n, 'a-again');
    expect(tracker.complete(again)).toBeUndefined();
  });
});

describe('properties', () => {
  it('should only ever commit an offset whose predecessors (in receive order) are all complete', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 60 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.shuffledSubarray([...Array(n).keys()], { minLength: 0, maxLength: n }),
            ),
          ),
        ([n, order]) => {
          // Arrange: n messages on one partition, completed in a random order (some never)
          const tracker = new OffsetTracker<number>();
          const entries = Array.from({ length: n }, (_, i) => tracker.track('t', 0, BigInt(i * 2), i));
          const done = new Set<number>();
          let committed = -1;
          // Act
          for (const i of order) {
            done.add(i);
            const commit = tracker.complete(entries[i]!);
            if (commit !== undefined) {
              // Assert: every message up to the committed one is done, and commits only move forward
              for (let j = 0; j <= commit.message; j++) expect(done.has(j)).toBe(true);
              expect(commit.message).toBeGreaterThan(committed);
              committed = commit.message;
            }
          }
          // Assert: the final commit point is exactly the length of the completed prefix
          let prefix = 0;
          while (done.has(prefix)) prefix++;
          expect(committed).toBe(prefix - 1);
        },
      ),
    );
  });
});
