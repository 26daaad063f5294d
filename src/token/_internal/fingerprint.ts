/**
 * Command fingerprints: a 52-bit digest of a command's payload, kept with its result, so that a
 * replay (same id, same payload) can be told from a conflicting reuse of the id. Two 32-bit
 * multiplicative lanes with a final avalanche, folded into a safe integer. Not cryptographic, on
 * purpose: it runs for every transfer on the hot path, and a collision could only make a conflicting
 * command look like a replay, which returns the first result and changes nothing — the safe way to be
 * wrong. One instance is reused for a whole batch (`reset`), so hashing allocates nothing.
 * @internal
 */

/** @internal */
export class Fingerprint {
  private h1 = 0;
  private h2 = 0;

  reset(kind: string): this {
    this.h1 = 0x811c9dc5 | 0;
    this.h2 = 0x2545f491 | 0;
    return this.str(kind);
  }

  str(text: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    // The length closes the field, so ("ab", "c") and ("a", "bc") differ.
    this.h1 = Math.imul(h1 ^ (length + 0x10000), 0x01000193);
    this.h2 = Math.imul(h2 ^ (length + 0x10000), 0x5bd1e995);
    return this;
  }

  /** An optional string: absent and empty differ. */
  opt(text: string | undefined): this {
    return text === undefined ? this.num(-1) : this.str(text);
  }

  num(value: number): this {
    const low = value | 0;
    const high = Math.floor(value / 0x100000000) | 0;
    this.h1 = Math.imul(Math.imul(this.h1 ^ low, 0x01000193) ^ high, 0x01000193);
    this.h2 = Math.imul(Math.imul(this.h2 ^ low, 0x5bd1e995) ^ high, 0x5bd1e995);
    return this;
  }

  big(value: bigint): this {
    const number = Number(value);
    // Number() rounds beyond 2^53, and a rounded value is never a safe integer.
    return Number.isSafeInteger(number) ? this.num(number) : this.str(value.toString());
  }

  /** The digest: an integer in [0, 2^52). */
  digest(): number {
    let a = this.h1 ^ (this.h2 >>> 15);
    let b = this.h2 ^ (this.h1 >>> 13);
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    b = Math.imul(b ^ (b >>> 16), 0x7feb352d);
    b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
    b ^= b >>> 16;
    return (a >>> 12) * 0x100000000 + (b >>> 0);
  }
}
