/**
 * Finding duplicate obligation ids, by radix partitioning and then hashing each partition.
 *
 * Why not a `Set<string>`: at a million ids the native set spends most of its time growing. Why not one
 * open-addressing table over every id (the previous design): at a million ids the table is 8 MB and
 * each insert is a cache miss, which cost about two thirds of the validation time. Here every id is
 * hashed once into an `Int32Array` (a sequential pass), the indexes are scattered into a few hundred
 * partitions by the top bits of the hash (stable, so each partition lists its obligations in index
 * order), and each partition goes through a small table that stays in the cache; strings are compared
 * only when two full 32-bit hashes are equal. The buffers total 8 MB at a million ids, as before: the
 * ArrayBuffers a `net()` call allocates count as external memory, and a few more megabytes were enough
 * to make V8 start a full mark-compact of the caller's heap in the middle of the run.
 * @internal
 */

/** Target partition size: its table (twice as many `Int32` slots) is 16 KB, well inside L1/L2. */
const PARTITION_SIZE_LOG2 = 11;

/** FNV-1a offset basis: the hash of the empty key before {@link finishHash}. @internal */
export const HASH_START: number = 0x811c9dc5 | 0;

/** One FNV-1a step: mixes the code unit `code` into `hash`. @internal */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** The final avalanche, so that keys differing only in their last characters spread out. @internal */
export function finishHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * FNV-1a over the UTF-16 code units, then {@link finishHash}. For an ASCII key this equals the same
 * steps over its bytes, which is how the JSON Lines reader hashes names it has not made strings of.
 * @internal
 */
export function hashId(key: string): number {
  let hash = HASH_START;
  for (let i = 0; i < key.length; i++) hash = hashStep(hash, key.charCodeAt(i));
  return finishHash(hash);
}

/** The id of an obligation that is an object; non-objects take no part, as in `ingest`. */
function idOf(o: { readonly id?: unknown } | null | undefined): unknown {
  return typeof o === 'object' && o !== null ? o.id : undefined;
}

/**
 * Finds every obligation whose id was already used by an earlier one.
 * @param source - the obligations
 * @param isId - which ids take part (the valid ones); others are skipped, as if absent
 * @returns for each obligation whose id equals an earlier obligation's, its index → the index of the
 *   first obligation with that id (the smallest); empty when the ids are unique
 * @internal
 */
export function findDuplicateIds(
  source: ArrayLike<{ readonly id?: unknown } | null | undefined>,
  isId: (value: unknown) => value is string,
): Map<number, number> {
  const n = source.length;
  const hashes = new Int32Array(n);
  let all = true;
  for (let i = 0; i < n; i++) {
    const id = idOf(source[i]);
    if (!isId(id)) {
      all = false; // not placed in any partition
      continue;
    }
    hashes[i] = hashId(id);
  }
  return findDuplicateHashes(
    n,
    hashes,
    all ? undefined : (i) => isId(idOf(source[i])),
    (a, b) => source[a]!.id === source[b]!.id,
  );
}

/**
 * The partitioned search behind {@link findDuplicateIds}, on precomputed hashes.
 * @param n - the number of keys
 * @param hashes - the hash of each key
 * @param included - which keys take part; undefined for all of them
 * @param same - whether keys `a` and `b` are equal; called only when their hashes are
 * @returns each key equal to an earlier one, by index → the index of the first such key
 * @internal
 */
export function findDuplicateHashes(
  n: number,
  hashes: Int32Array,
  included: ((index: number) => boolean) | undefined,
  same: (a: number, b: number) => boolean,
): Map<number, number> {
  const duplicates = new Map<number, number>();
  let bits = 0;
  while (bits < 16 && n >>> (bits + PARTITION_SIZE_LOG2) > 0) bits++;
  const partitions = 1 << bits;
  const shift = 32 - bits;
  const counts = new Int32Array(partitions + 1);
  let valid = 0;
  for (let i = 0; i < n; i++) {
    if (included !== undefined && !included(i)) continue;
    valid++;
    counts[(bits === 0 ? 0 : hashes[i]! >>> shift) + 1]!++;
  }
  if (valid < 2) return duplicates;
  for (let p = 0; p < partitions; p++) counts[p + 1]! += counts[p]!;
  const order = new Int32Array(valid);
  const next = counts.slice(0, partitions);
  let largest = 0;
  for (let p = 0; p < partitions; p++) largest = Math.max(largest, counts[p + 1]! - counts[p]!);
  for (let i = 0; i < n; i++) {
    if (included !== undefined && !included(i)) continue;
    const hash = hashes[i]!;
    order[next[bits === 0 ? 0 : hash >>> shift]!++] = i;
  }
  let capacity = 16;
  while (capacity < largest * 2) capacity *= 2;
  const table = new Int32Array(capacity);
  for (let p = 0; p < partitions; p++) {
    const from = counts[p]!;
    const to = counts[p + 1]!;
    if (to - from < 2) continue;
    let size = 16;
    while (size < (to - from) * 2) size *= 2;
    const mask = size - 1;
    table.fill(0, 0, size);
    for (let k = from; k < to; k++) {
      const index = order[k]!;
      const hash = hashes[index]!;
      let slot = hash & mask;
      for (;;) {
        const entry = table[slot]!;
        if (entry === 0) {
          table[slot] = index + 1;
          break;
        }
        const other = entry - 1;
        if (hashes[other] === hash && same(other, index)) {
          duplicates.set(index, other);
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  return duplicates;
}
