/**
 * A map with an uncommitted layer on top: a batch reads and writes through it, readers outside the
 * batch see only `committed`, and the batch ends with `commit()` (merge) or `discard()` (drop). This is
 * what makes a batch invisible until its store transaction commits, and free to undo when it fails.
 * @internal
 */

const DELETED: unique symbol = Symbol('deleted');

/** @internal */
export class OverlayMap<K, V> {
  /** What readers outside the running batch see. */
  readonly committed: Map<K, V> = new Map();
  private readonly layer: Map<K, V | typeof DELETED> = new Map();

  get(key: K): V | undefined {
    if (this.layer.size !== 0) {
      const staged = this.layer.get(key);
      if (staged !== undefined) return staged === DELETED ? undefined : staged;
    }
    return this.committed.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    this.layer.set(key, value);
  }

  delete(key: K): void {
    if (this.committed.has(key) || this.layer.has(key)) this.layer.set(key, DELETED);
  }

  /** The keys written in the running batch (with their final value, `undefined` when deleted). */
  staged(): IterableIterator<[K, V | typeof DELETED]> {
    return this.layer.entries();
  }

  /** Every current value: committed ones not overwritten, then the staged ones, in that order. */
  *values(): IterableIterator<V> {
    for (const [key, value] of this.committed) {
      if (this.layer.size === 0 || !this.layer.has(key)) yield value;
    }
    for (const value of this.layer.values()) if (value !== DELETED) yield value;
  }

  /** Whether the running batch wrote anything. */
  get dirty(): boolean {
    return this.layer.size !== 0;
  }

  commit(): void {
    if (this.layer.size === 0) return;
    for (const [key, value] of this.layer) {
      if (value === DELETED) this.committed.delete(key);
      else this.committed.set(key, value);
    }
    this.layer.clear();
  }

  discard(): void {
    if (this.layer.size !== 0) this.layer.clear();
  }
}

/** @internal */
export function isDeleted(value: unknown): value is typeof DELETED {
  return value === DELETED;
}
