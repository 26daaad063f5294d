/** White-box: the partitioned duplicate-id finder must agree with a plain Map on every input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateIds } from '../../../src/netting/_internal/id-table';

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The reference: each repeated id maps to the index of its first use. */
function reference(source: readonly unknown[]): Map<number, number> {
  const first = new Map<string, number>();
  const duplicates = new Map<number, number>();
  source.forEach((o, i) => {
    const id = typeof o === 'object' && o !== null ? (o as { id?: unknown }).id : undefined;
    if (!isId(id)) return;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    else duplicates.set(i, seen);
  });
  return duplicates;
}

const sorted = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);

describe('findDuplicateIds (internal)', () => {
  it('should report every repeated id with the index of its first use, skipping invalid ids', () => {
    // Arrange
    const source = [
      { id: 'a' },
      { id: 'b' },
      null,
      { id: 'a' },
      { id: 7 },
      { id: '' },
      { id: 'a' },
      { id: 'b' },
    ];
    // Act
    const found = findDuplicateIds(source, isId);
    // Assert
    expect(sorted(found)).toEqual([
      [3, 0],
      [6, 0],
      [7, 1],
    ]);
    expect(findDuplicateIds([], isId).size).toBe(0);
    expect(findDuplicateIds([{ id: 'x' }], isId).size).toBe(0);
  });

  it('should agree with a Map for any ids, small inputs and ones split into many partitions', () => {
    const entry = fc.oneof(
      { weight: 8, arbitrary: fc.string({ maxLength: 3 }).map((id) => ({ id })) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          null,
          { id: 1 },
          {},
          Object.assign(() => 0, { id: 'a' }),
        ),
      },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 300 }), (source) => {
        expect(sorted(findDuplicateIds(source, isId))).toEqual(sorted(reference(source)));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat({ max: 20_000 }), fc.integer({ min: 5_000, max: 40_000 }), (seed, n) => {
        // Arrange: n ids drawn from n/2 values, so that most partitions hold duplicates
        const source = Array.from({ length: n }, (_, i) => ({ id: `ID-${(i * 7919 + seed) % (n >> 1)}` }));
        // Act / Assert
        expect(sorted(findDuplicateIds(source, isId))).toEqual(sorted(reference(source)));
      }),
      { numRuns: 8 },
    );
  });

  it('should find no duplicates among a hundred thousand distinct ids', () => {
    const source = Array.from({ length: 100_000 }, (_, i) => ({ id: `OBL-${i}` }));
    expect(findDuplicateIds(source, isId).size).toBe(0);
    source.push({ id: 'OBL-12345' });
    expect(sorted(findDuplicateIds(source, isId))).toEqual([[100_000, 12_345]]);
  });
});
