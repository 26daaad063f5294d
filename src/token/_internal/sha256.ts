/**
 * The journal's hash function: core's portable SHA-256 (`src/core/sha256.ts`), under the names the
 * journal uses. `deltran/token` is pure and its commands are synchronous up to the store write, so
 * neither `node:crypto` nor Web Crypto fits; a host (or a store such as the PostgreSQL one) may pass a
 * native implementation of the same function instead.
 * @internal
 */
import { sha256Hex as digest } from '../../index';

/**
 * The SHA-256 digest of the UTF-8 encoding of `text`, as 64 lower-case hex digits.
 * @internal
 */
export function sha256Hex(text: string): string {
  return digest(text);
}

/**
 * `sha256Hex(head + text)` without building the joined string (the journal's `prevHash + "\n" + body`).
 * @internal
 */
export function sha256Hex2(head: string, text: string): string {
  return digest(head, text);
}

/**
 * The SHA-256 digest of `data`, as 64 lower-case hex digits.
 * @internal
 */
export function sha256Bytes(data: Uint8Array): string {
  return digest(data);
}
