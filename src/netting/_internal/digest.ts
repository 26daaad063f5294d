/**
 * The canonical binary encoding a result's digest is computed over (docs/netting.md, "Digest"):
 *
 * ```
 * "deltran.netting.digest/1", mode, hub ("" unless hub mode), currency count, then per currency:
 *   code, participant count, names (code-unit order),
 *   link count, links sorted by (lower endpoint, higher endpoint), the lower endpoint's payment
 *     first: payer index, payee index, gross amount,
 *   net position of each participant (zig-zag),
 *   instruction count, instructions in result order: payer key, payee key, amount
 *     (key = participant index + 1, or 0 for a hub that is not a participant),
 *   potential count (0 unless conservative), potentials.
 * ```
 * Integers are unsigned LEB128, strings their UTF-8 length then bytes. Both the engine and the verifier
 * produce it, from different code paths, and compare the SHA-256.
 * @internal
 */
import { createSha256 } from '../../index';

const encoder = new TextEncoder();

const BUFFER_SIZE = 1 << 16;

/**
 * LEB128 writers feeding SHA-256 through a fixed 64 KiB buffer: the encoding is hashed as it is
 * written and never held whole in memory.
 * @internal
 */
export class ByteWriter {
  private readonly bytes = new Uint8Array(BUFFER_SIZE);
  private length = 0;
  private readonly hash = createSha256();

  private reserve(extra: number): void {
    if (this.length + extra <= BUFFER_SIZE) return;
    this.hash.update(this.bytes, 0, this.length);
    this.length = 0;
  }

  /** Writes a non-negative integer below 2^53. */
  uint(value: number): void {
    this.reserve(8);
    let x = value;
    while (x >= 128) {
      this.bytes[this.length++] = (x % 128) | 0x80;
      x = Math.floor(x / 128);
    }
    this.bytes[this.length++] = x;
  }

  /** Writes a non-negative bigint, byte for byte as {@link ByteWriter.uint} would. */
  big(value: bigint): void {
    if (value <= 0x1fffffffffffffn) {
      this.uint(Number(value));
      return;
    }
    let x = value;
    while (x >= 128n) {
      this.reserve(1);
      this.bytes[this.length++] = Number(x & 127n) | 0x80;
      x >>= 7n;
    }
    this.reserve(1);
    this.bytes[this.length++] = Number(x);
  }

  /** Writes a signed bigint zig-zag encoded (0, -1, 1, -2 … → 0, 1, 2, 3 …). */
  signed(value: bigint): void {
    this.big(value < 0n ? -2n * value - 1n : 2n * value);
  }

  string(value: string): void {
    // ASCII (every BIC, LEI and currency code) goes straight into the buffer; UTF-8 bytes of ASCII are
    // the character codes themselves, so both paths write the same bytes.
    const n = value.length;
    if (n < 128 && n + 1 <= BUFFER_SIZE) {
      this.reserve(n + 1);
      const start = this.length;
      this.bytes[this.length++] = n;
      let ascii = true;
      for (let i = 0; i < n; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) {
          ascii = false;
          break;
        }
        this.bytes[this.length++] = code;
      }
      if (ascii) return;
      this.length = start;
    }
    const utf8 = encoder.encode(value);
    this.uint(utf8.length);
    if (utf8.length > BUFFER_SIZE) {
      this.reserve(BUFFER_SIZE);
      this.hash.update(utf8);
      return;
    }
    this.reserve(utf8.length);
    this.bytes.set(utf8, this.length);
    this.length += utf8.length;
  }

  /** `sha256:` and the hex digest of everything written; call once. */
  digest(): string {
    this.hash.update(this.bytes, 0, this.length);
    this.length = 0;
    return `sha256:${this.hash.hex()}`;
  }
}

/** The magic string that starts every encoding; bump it when the encoding changes. @internal */
export const DIGEST_MAGIC = 'deltran.netting.digest/1';
