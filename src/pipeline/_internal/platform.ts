/**
 * Faster platform primitives where the platform has them, found at run time so the pipeline keeps no
 * `node:` import (it stays usable on any runtime with Web Crypto). Both are chosen per pipeline
 * instance; neither holds state shared between instances.
 * @internal
 */
import { type RandomSource, sha256Hex } from '../../index';

/** The SHA-256 hex digest of a UTF-8 text. */
export type TextDigest = (text: string) => string;

interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(text: string): { digest(encoding: 'hex'): string } };
}

/**
 * Node's native SHA-256 (`node:crypto`, through `process.getBuiltinModule`, Node ≥ 20.16) when it is
 * there, else the portable one of core. Same digests either way (test/unit/pipeline/platform.internal.test.ts).
 */
export function textSha256(): TextDigest {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = nodeProcess?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  if (crypto !== undefined && typeof crypto.createHash === 'function')
    return (text) => crypto.createHash('sha256').update(text).digest('hex');
  return (text) => sha256Hex(text);
}

/**
 * A CSPRNG source that draws `poolBytes` at a time from `globalThis.crypto.getRandomValues` and hands
 * out fresh copies, each byte once (as Node's `crypto.randomUUID` caches its entropy): a 16-byte call
 * through getRandomValues cost more than the whole event it named.
 */
export function pooledCryptoRandom(poolBytes = 4096): RandomSource {
  const pool = new Uint8Array(poolBytes);
  let offset = poolBytes;
  return (length) => {
    if (length > poolBytes) {
      const bytes = new Uint8Array(length);
      for (let at = 0; at < length; at += 65_536)
        globalThis.crypto.getRandomValues(bytes.subarray(at, Math.min(length, at + 65_536)));
      return bytes;
    }
    if (offset + length > poolBytes) {
      globalThis.crypto.getRandomValues(pool);
      offset = 0;
    }
    const bytes = pool.slice(offset, offset + length);
    offset += length;
    return bytes;
  };
}
