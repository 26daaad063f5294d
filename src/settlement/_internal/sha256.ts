/**
 * SHA-256 for the settlement ids: a one-shot digest of short text that hands back the eight state
 * words, so `digest32` and `derivedUetr` read bits straight from them. Core's `sha256Hex` (the
 * module's hasher until Stop 13) formats 64 hex digits with `toString(16)` eight times, which was
 * nine-tenths of an id's cost; the ids need bits, not hex. The domain modules are pure and cannot use
 * `node:crypto`. Checked against core's `sha256Hex` and `node:crypto` in the tests.
 * @packageDocumentation
 * @internal
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

// Scratch of the one-shot digest, reused by every call (it is synchronous and never re-entered).
/** The message schedule. */
const W = new Int32Array(64);
/** The state: the digest once a call returns. */
const H = new Int32Array(8);
/** UTF-8 bytes of a text that is not short ASCII, with room for the padding; grown on demand. */
let bytes = new Uint8Array(256);
/** Larger byte buffers than this are not kept for the next call. */
const KEEP = 1 << 16;

/**
 * SHA-256 of the UTF-8 bytes of `text`: the eight state words (big-endian words of the digest) in a
 * scratch array that the next call overwrites. ASCII text (every id this module derives) is read into
 * the schedule from its char codes directly, with no byte buffer. @internal
 */
export function sha256Words(text: string): Int32Array {
  H[0] = 0x6a09e667;
  H[1] = 0xbb67ae85 | 0;
  H[2] = 0x3c6ef372;
  H[3] = 0xa54ff53a | 0;
  H[4] = 0x510e527f;
  H[5] = 0x9b05688c | 0;
  H[6] = 0x1f83d9ab;
  H[7] = 0x5be0cd19;
  const n = text.length;
  if (n <= ASCII_MAX && isAscii(text, n)) {
    asciiBlocks(text, n);
    return H;
  }
  let buffer = bytes;
  const need = n * 3 + 72;
  if (buffer.length < need) {
    buffer = new Uint8Array(need);
    if (need <= KEEP) bytes = buffer;
  }
  const length = encoder.encodeInto(text, buffer).written;
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
  for (let offset = 0; offset < total; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + (i << 2);
      W[i] = (buffer[j]! << 24) | (buffer[j + 1]! << 16) | (buffer[j + 2]! << 8) | buffer[j + 3]!;
    }
    compress(H, W);
  }
  return H;
}

/** Longest text hashed from its char codes directly when it is ASCII (the ids are under 100). */
const ASCII_MAX = 1024;

function isAscii(text: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Hashes the ASCII `text` of `n` characters (its char codes are its UTF-8 bytes), padded, into `H`. */
function asciiBlocks(text: string, n: number): void {
  const blocks = ((n + 8) >>> 6) + 1;
  for (let b = 0; b < blocks; b++) {
    const base = b << 6;
    for (let i = 0; i < 16; i++) {
      let word = 0;
      for (let j = 0; j < 4; j++) {
        const p = base + (i << 2) + j;
        const byte = p < n ? text.charCodeAt(p) : p === n ? 0x80 : 0;
        word = (word << 8) | byte;
      }
      W[i] = word;
    }
    // The length in bits, 64-bit big-endian, ends the last block (n < 2^28: the high word is 0).
    if (b === blocks - 1) W[15] = n << 3;
    compress(H, W);
  }
}

/** One block: `w[0..15]` holds it; expands the schedule and updates `h`. */
function compress(h: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K[i]! + w[i]!) | 0;
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
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

/** Byte `k` (0–31) of the digest in `h`. @internal */
export function digestByte(h: Int32Array, k: number): number {
  return (h[k >> 2]! >>> (24 - ((k & 3) << 3))) & 0xff;
}

/** Two lower-case hex digits of each byte value. */
const HEX_BYTE: readonly string[] = Object.freeze(
  Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0')),
);

/** Lower-case hex of the byte `b` (0–255). @internal */
export function hexByte(b: number): string {
  return HEX_BYTE[b]!;
}

/** SHA-256 of the UTF-8 bytes of `text`, as 32 bytes. @internal */
export function sha256(text: string): Uint8Array {
  const h = sha256Words(text);
  const out = new Uint8Array(32);
  for (let k = 0; k < 32; k++) out[k] = digestByte(h, k);
  return out;
}

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex digits. @internal */
export function sha256HexOf(text: string): string {
  const h = sha256Words(text);
  let out = '';
  for (let k = 0; k < 32; k++) out += HEX_BYTE[digestByte(h, k)]!;
  return out;
}

/** Lower-case hex of bytes. @internal */
export function toHex(data: Uint8Array): string {
  let out = '';
  for (const byte of data) out += HEX_BYTE[byte]!;
  return out;
}
