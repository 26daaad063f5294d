/**
 * A map with an uncommitted layer on top: a batch reads and writes through it, readers outside the
 * batch see only `committed`, and the batch ends with `commit()` (merge) or `discard()` (drop). This is
 * what makes a batch invisible until its store transaction commits, and free to undo when it fails.
 * @internal
 */

const DELETED: unique symbol = Symbol('deleted');

/** @internal */
export class OverlayMap<K, V> implements Layered {
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

/** What a batch commits or discards at its end. @internal */
export interface Layered {
  readonly dirty: boolean;
  commit(): void;
  discard(): void;
}

/** The two payment references an index is keyed by. @internal */
export const UETR_REF = 0;
/** @internal */
export const E2E_REF = 1;
/** @internal */
export type RefKind = typeof UETR_REF | typeof E2E_REF;

/**
 * A payment-reference index, `(currency, UETR | EndToEndId, reference) → value`, with the layers of an
 * {@link OverlayMap} (it is one overlay per currency and reference kind). Keyed by the reference text
 * itself, not by a joined `<ccy>|u|<uetr>` string: a look-up hashes the command's own string, whose
 * hash V8 keeps, instead of building, flattening and hashing a new key for every look-up.
 * @internal
 */
export class RefIndex<V> implements Layered {
  /** Per currency: the UETR overlay and the EndToEndId overlay. */
  private readonly byCurrency: Map<string, readonly [OverlayMap<string, V>, OverlayMap<string, V>]> =
    new Map();
  /** Overlays the running batch wrote. */
  private readonly written: OverlayMap<string, V>[] = [];

  private maps(currency: string): readonly [OverlayMap<string, V>, OverlayMap<string, V>] {
    let maps = this.byCurrency.get(currency);
    if (maps === undefined) {
      maps = [new OverlayMap(), new OverlayMap()];
      this.byCurrency.set(currency, maps);
    }
    return maps;
  }

  get(currency: string, kind: RefKind, ref: string): V | undefined {
    return this.byCurrency.get(currency)?.[kind].get(ref);
  }

  set(currency: string, kind: RefKind, ref: string, value: V): void {
    const map = this.maps(currency)[kind];
    if (!map.dirty) this.written.push(map);
    map.set(ref, value);
  }

  delete(currency: string, kind: RefKind, ref: string): void {
    const map = this.byCurrency.get(currency)?.[kind];
    if (map === undefined) return;
    const clean = !map.dirty;
    map.delete(ref);
    if (clean && map.dirty) this.written.push(map);
  }

  /** The committed value (what readers outside the running batch see). */
  committedGet(currency: string, kind: RefKind, ref: string): V | undefined {
    return this.byCurrency.get(currency)?.[kind].committed.get(ref);
  }

  /** Sets a committed value directly (building the state from a store's tables). */
  committedSet(currency: string, kind: RefKind, ref: string, value: V): void {
    this.maps(currency)[kind].committed.set(ref, value);
  }

  get dirty(): boolean {
    return this.written.length !== 0;
  }

  commit(): void {
    const written = this.written;
    if (written.length === 0) return;
    for (const map of written) map.commit();
    written.length = 0;
  }

  discard(): void {
    const written = this.written;
    if (written.length === 0) return;
    for (const map of written) map.discard();
    written.length = 0;
  }
}
