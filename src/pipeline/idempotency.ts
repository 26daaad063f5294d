/**
 * Event-id idempotency: the pipeline remembers which event ids each stage has handled, so a duplicate
 * delivery is acked without running the stage again. This is the cheap first guard; each stage is also
 * idempotent on its business key (UETR, obligation id, instruction id, bank entry key), which is what
 * makes a redelivery after a crash safe.
 *
 * @packageDocumentation
 */

/**
 * Where handled event ids are kept, per stage. Methods may return promises (a database-backed store,
 * shared by the instances of a stage). `add` after the handler succeeded; `has` before it runs.
 * @public
 */
export interface IdempotencyStore {
  /** True when `key` was recorded. */
  has(key: string): boolean | Promise<boolean>;
  /** Records `key`. */
  add(key: string): void | Promise<void>;
}

/** Options of {@link createMemoryIdempotencyStore}. @public */
export interface MemoryIdempotencyStoreOptions {
  /**
   * At most this many keys are kept; the oldest are forgotten first (a redelivery that old is still
   * safe: stages are idempotent on their business keys).
   * @defaultValue 1 000 000
   */
  readonly maxEntries?: number;
}

/**
 * An in-memory, bounded {@link IdempotencyStore} (insertion-ordered, oldest evicted first).
 * @param options - `maxEntries`
 * @returns the store
 * @public
 */
export function createMemoryIdempotencyStore(
  options: MemoryIdempotencyStoreOptions = {},
): IdempotencyStore & {
  readonly size: number;
} {
  const max = options.maxEntries ?? 1_000_000;
  const keys = new Set<string>();
  return {
    get size() {
      return keys.size;
    },
    has: (key) => keys.has(key),
    add(key) {
      // One hash look-up: adding a known key changes neither the size nor the insertion order.
      const size = keys.size;
      keys.add(key);
      if (keys.size === size) return;
      if (keys.size > max) {
        const oldest = keys.values().next();
        if (oldest.done !== true) keys.delete(oldest.value);
      }
    },
  };
}
