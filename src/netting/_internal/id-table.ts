/**
 * A fixed-capacity open-addressing set of obligation ids, for finding duplicates.
 *
 * Why not a `Set<string>`: at a million ids the native set spends most of its time growing. Why this
 * layout: one `Int32Array` slot per entry holds the obligation index in its low 21 bits and 11 bits of
 * the hash above them, so a probe compares strings only on a tag match (1 in 2048 otherwise), and the
 * table costs 8 MB at a million ids. Size matters here: the ArrayBuffers a `net()` call allocates
 * count as external memory, and a few more megabytes were enough to make V8 start a full mark-compact
 * of the caller's heap (the million obligations themselves) in the middle of the run. Inputs of 2^21
 * obligations or more use two slots per entry (hash, index) instead.
 * @internal
 */
const INDEX_BITS = 21;
const INDEX_MASK = (1 << INDEX_BITS) - 1;

/** @internal */
export class IdTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly wide: boolean;
  private readonly source: ArrayLike<{ readonly id?: unknown } | null | undefined>;

  /**
   * @param source - the obligations; `insert(key, i)` must be called with `key === source[i].id`
   */
  constructor(source: ArrayLike<{ readonly id?: unknown } | null | undefined>) {
    let capacity = 16;
    while (capacity < source.length * 2) capacity *= 2;
    this.wide = source.length >= INDEX_MASK;
    this.slots = new Int32Array(this.wide ? capacity * 2 : capacity);
    this.mask = capacity - 1;
    this.source = source;
  }

  /**
   * Inserts the id of obligation `index` unless an equal id is present.
   * @returns the index of the obligation that already has this id, or -1 when the id was inserted
   */
  insert(key: string, index: number): number {
    // FNV-1a, then a final avalanche so that ids differing only in their last characters spread out.
    let hash = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    const { slots, mask } = this;
    let slot = hash & mask;
    if (this.wide) {
      for (;;) {
        const at = slot << 1;
        const entry = slots[at + 1]!;
        if (entry === 0) {
          slots[at] = hash;
          slots[at + 1] = index + 1;
          return -1;
        }
        if (slots[at] === hash && this.source[entry - 1]?.id === key) return entry - 1;
        slot = (slot + 1) & mask;
      }
    }
    const tag = (hash >>> INDEX_BITS) << INDEX_BITS;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) {
        slots[slot] = tag | (index + 1);
        return -1;
      }
      if ((entry & ~INDEX_MASK) === tag) {
        const other = (entry & INDEX_MASK) - 1;
        if (this.source[other]?.id === key) return other;
      }
      slot = (slot + 1) & mask;
    }
  }
}
