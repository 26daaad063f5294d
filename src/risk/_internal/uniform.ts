/**
 * Uniform indexes out of an injected {@link RandomSource} (ARCHITECTURE.md: no Math.random).
 * @internal
 */
import type { RandomSource } from '../../index';

/**
 * `count` indexes uniform in [0, size), from 32-bit words scaled by multiplication (Lemire): the bias
 * is below size / 2³², far under the Monte-Carlo error of any bootstrap here.
 */
export function uniformIndexes(random: RandomSource, count: number, size: number): Uint32Array {
  const bytes = random(count * 4);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const j = i * 4;
    const word =
      ((bytes[j] as number) |
        ((bytes[j + 1] as number) << 8) |
        ((bytes[j + 2] as number) << 16) |
        ((bytes[j + 3] as number) << 24)) >>>
      0;
    out[i] = Math.floor((word / 4294967296) * size);
  }
  return out;
}
