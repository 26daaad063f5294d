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
  for (let i = 0; i < 32; i += 1) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Lower-case hex of bytes. @internal */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
