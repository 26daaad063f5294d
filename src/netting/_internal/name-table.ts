/**
 * Interning of names for the JSON Lines reader.
 * @internal
 */
import { hashId } from './id-table';

/**
 * Strings interned by hash, looked up by string or by the ASCII bytes of one, with {@link hashId}'s
 * hash for both: the reader finds a participant from the bytes of a line without making a string.
 * (Measured: as a replacement of the `Map<string, number>` in `ingest`, it was no faster.)
 * @internal
 */
export class NameTable {
  readonly names: string[] = [];
  private hashes = new Int32Array(64);
  private slots = new Int32Array(128);

  /** The index of the ASCII name `bytes[start, end)` hashed to `hash`, or -1. */
  findBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const { slots, names } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]! - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] !== hash) continue;
      const name = names[entry]!;
      if (name.length !== length) continue;
      let k = 0;
      while (k < length && name.charCodeAt(k) === bytes[start + k]) k++;
      if (k === length) return entry;
    }
  }

  /** The index of `name` hashed to `hash`, or -1. */
  find(name: string, hash: number): number {
    const { slots, names } = this;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]! - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] === hash && names[entry] === name) return entry;
    }
  }

  /** Adds a name not in the table; returns its index. */
  add(name: string, hash: number): number {
    const entry = this.names.length;
    this.names.push(name);
    if (entry === this.hashes.length) {
      const grown = new Int32Array(entry * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[entry] = hash;
    if ((entry + 1) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let e = 0; e <= entry; e++) this.place(e);
    } else {
      this.place(entry);
    }
    return entry;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[entry]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }
  /** The index of `name`, added if new. */
  intern(name: string): number {
    const hash = hashId(name);
    const found = this.find(name, hash);
    return found >= 0 ? found : this.add(name, hash);
  }
}
