/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, shared by the modules that hash: netting's result digest
 * (incremental, over a canonical binary encoding) and the token journal's hash chain (one call per
 * entry, over text). The modules are pure (ARCHITECTURE.md: no `node:` built-ins) and synchronous, so
 * neither `node:crypto` nor the asynchronous Web Crypto `subtle.digest` fits. Checked against the FIPS
 * 180-4 vectors and `node:crypto` in the tests.
 *
 * @packageDocumentation
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const encoder = new TextEncoder();

/** The message schedule of the one-shot {@link sha256Hex}, reused by every call (it is synchronous). */
const W = new Int32Array(64);
/** The running state of {@link sha256Hex}, reused likewise. */
const H = new Int32Array(8);
/** Buffers up to this size are kept for the next call of {@link sha256Hex}; larger ones are dropped. */
const KEEP = 1 << 24;
let scratch = new Uint8Array(1 << 16);

/**
 * An incremental SHA-256: feed bytes with `update`, then read `hex` once. Keeps only the 32-byte
 * state and one partial block, so a digest over megabytes needs no buffer of that size.
 * @public
 */
export interface Sha256 {
  /** Hashes `data[start … end)` (the whole of `data` by default). */
  update(data: Uint8Array, start?: number, end?: number): void;
  /** Finishes the hash: 64 lower-case hex digits. Call once. */
  hex(): string;
}

class IncrementalSha256 implements Sha256 {
  private readonly h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private readonly w = new Int32Array(64);
  private readonly block = new Uint8Array(64);
  private pending = 0;
  private length = 0;

  update(data: Uint8Array, start = 0, end: number = data.length): void {
    this.length += end - start;
    let i = start;
    if (this.pending > 0) {
      const take = Math.min(64 - this.pending, end - i);
      this.block.set(data.subarray(i, i + take), this.pending);
      this.pending += take;
      i += take;
      if (this.pending < 64) return;
      compress(this.h, this.w, this.block, 0);
      this.pending = 0;
    }
    for (; i + 64 <= end; i += 64) compress(this.h, this.w, data, i);
    if (i < end) {
      this.block.set(data.subarray(i, end), 0);
      this.pending = end - i;
    }
  }

  hex(): string {
    // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian integer.
    const rest = this.pending;
    const tail = new Uint8Array(rest < 56 ? 64 : 128);
    tail.set(this.block.subarray(0, rest));
    tail[rest] = 0x80;
    const bits = this.length * 8;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000));
    view.setUint32(tail.length - 4, bits >>> 0);
    for (let offset = 0; offset < tail.length; offset += 64) compress(this.h, this.w, tail, offset);
    return hexOf(this.h);
  }
}

/**
 * Creates an incremental SHA-256.
 * @returns a hasher: `update` the bytes, then `hex()`
 * @example
 * ```ts
 * const hash = createSha256();
 * hash.update(new TextEncoder().encode('abc'));
 * hash.hex(); // 'ba7816bf…f20015ad'
 * ```
 * @public
 */
export function createSha256(): Sha256 {
  return new IncrementalSha256();
}

/**
 * The SHA-256 digest of the concatenation of `parts` (strings as UTF-8), as 64 lower-case hex
 * digits. Strings are encoded into a reused buffer (`encodeInto`) with room for the padding, so a call
 * allocates only its result, and two parts hash as one without building the joined string.
 * @param parts - the text or bytes to hash, in order
 * @returns the digest, for example `sha256Hex('abc')` is `'ba7816bf…f20015ad'`
 * @public
 */
export function sha256Hex(...parts: readonly (string | Uint8Array)[]): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit; 72 more hold the padding and the length.
  let need = 72;
  for (const part of parts) need += typeof part === 'string' ? part.length * 3 : part.length;
  let buffer = scratch;
  if (buffer.length < need) {
    buffer = new Uint8Array(need);
    if (need <= KEEP) scratch = buffer;
  }
  let length = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      length += encoder.encodeInto(part, length === 0 ? buffer : buffer.subarray(length)).written;
    } else {
      buffer.set(part, length);
      length += part.length;
    }
  }
  return digestPadded(buffer, length);
}

/** Pads the `length` message bytes at the start of `buffer` in place (it has 72 spare bytes) and digests them. */
function digestPadded(buffer: Uint8Array, length: number): string {
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian integer.
  const total = ((length + 8) >>> 6) * 64 + 64;
  buffer[length] = 0x80;
  buffer.fill(0, length + 1, total - 8);
  const high = Math.floor(length / 0x20000000);
  const low = (length << 3) >>> 0;
  buffer[total - 8] = high >>> 24;
  buffer[total - 7] = high >>> 16;
  buffer[total - 6] = high >>> 8;
  buffer[total - 5] = high;
  buffer[total - 4] = low >>> 24;
  buffer[total - 3] = low >>> 16;
  buffer[total - 2] = low >>> 8;
  buffer[total - 1] = low;
  H[0] = 0x6a09e667;
  H[1] = 0xbb67ae85 | 0;
  H[2] = 0x3c6ef372;
  H[3] = 0xa54ff53a | 0;
  H[4] = 0x510e527f;
  H[5] = 0x9b05688c | 0;
  H[6] = 0x1f83d9ab;
  H[7] = 0x5be0cd19;
  for (let offset = 0; offset < total; offset += 64) compress(H, W, buffer, offset);
  return hexOf(H);
}

/** Two lower-case hex digits per byte value: formatting a digest by table is ~3× faster than `toString(16)`. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The eight state words as 64 lower-case hex digits, big-endian. */
function hexOf(h: Int32Array): string {
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const v = h[i] as number;
    hex +=
      (HEX[(v >>> 24) & 255] as string) +
      (HEX[(v >>> 16) & 255] as string) +
      (HEX[(v >>> 8) & 255] as string) +
      (HEX[v & 255] as string);
  }
  return hex;
}

function compress(h: Int32Array, w: Int32Array, data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + (i << 2);
    w[i] =
      ((data[j] as number) << 24) |
      ((data[j + 1] as number) << 16) |
      ((data[j + 2] as number) << 8) |
      (data[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = h[0] as number;
  let b = h[1] as number;
  let c = h[2] as number;
  let d = h[3] as number;
  let e = h[4] as number;
  let f = h[5] as number;
  let g = h[6] as number;
  let hh = h[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = ((h[0] as number) + a) | 0;
  h[1] = ((h[1] as number) + b) | 0;
  h[2] = ((h[2] as number) + c) | 0;
  h[3] = ((h[3] as number) + d) | 0;
  h[4] = ((h[4] as number) + e) | 0;
  h[5] = ((h[5] as number) + f) | 0;
  h[6] = ((h[6] as number) + g) | 0;
  h[7] = ((h[7] as number) + hh) | 0;
}
