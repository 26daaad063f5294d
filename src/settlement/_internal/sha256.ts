/**
 * SHA-256 for the settlement ids, on core's implementation (`sha256Hex`): the domain modules are pure
 * and cannot use `node:crypto`, and one hasher serves them all.
 * @packageDocumentation
 * @internal
 */
import { sha256Hex } from '../../index';

/** SHA-256 of the UTF-8 bytes of `text`, as 32 bytes. @internal */
export function sha256(text: string): Uint8Array {
  const hex = sha256Hex(text);
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1)
    bytes[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return bytes;
}

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex digits. @internal */
export function sha256HexOf(text: string): string {
  return sha256Hex(text);
}

/** Value of a lower-case hex digit's char code (`0-9`, `a-f`), as `sha256Hex` writes them. @internal */
export function nibble(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57;
}

/** Lower-case hex of bytes. @internal */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
