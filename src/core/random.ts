/**
 * Injectable randomness (ARCHITECTURE.md: domain modules use randomness only through an injected source,
 * so every result is reproducible in tests).
 * @packageDocumentation
 */

/**
 * A source of random bytes: fills and returns a new array of `length` bytes.
 * The default is the platform CSPRNG ({@link cryptoRandom}); tests pass {@link createSeededRandom}.
 * @public
 */
export type RandomSource = (length: number) => Uint8Array;

/** Cryptographically secure bytes from `globalThis.crypto.getRandomValues` (Node ≥ 20). @public */
export const cryptoRandom: RandomSource = (length) => {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
};

/**
 * A deterministic, seeded byte source (SplitMix32). Not for production identifiers: use it in tests,
 * examples and demos where the same seed must give the same UETRs.
 * @param seed - any 32-bit integer
 * @public
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const word = next();
      for (let j = 0; j < 4 && i + j < length; j++) bytes[i + j] = (word >>> (8 * j)) & 0xff;
    }
    return bytes;
  };
}
