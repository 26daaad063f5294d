/**
 * The pipeline's run-time platform picks (src/pipeline/_internal/platform.ts): the native SHA-256 gives
 * core's digests, and the pooled CSPRNG hands out fresh, independent bytes of the asked length.
 */
import { sha256Hex } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { pooledCryptoRandom, textSha256 } from '../../../src/pipeline/_internal/platform';

describe('textSha256 (internal)', () => {
  it('should give the portable digest for any text, and use the native hash on Node', () => {
    // Arrange
    const lookup = vi.spyOn(process, 'getBuiltinModule');
    const digest = textSha256();
    const looked = lookup.mock.calls.map((call) => call[0]);
    lookup.mockRestore();
    // Act / Assert
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(digest(text)).toBe(sha256Hex(text));
      }),
    );
    expect(digest('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // On Node ≥ 20.16 the native module is looked up (the speed this file exists for).
    expect(looked).toEqual(['node:crypto']);
  });
});

describe('pooledCryptoRandom (internal)', () => {
  it('should return fresh arrays of the asked length, across pool refills and past the pool size', () => {
    // Arrange
    const random = pooledCryptoRandom(64);
    // Act
    const lengths = [16, 16, 16, 16, 16, 5, 0, 64, 1, 200, 70_000];
    const out = lengths.map((n) => random(n));
    // Assert
    expect(out.map((b) => b.length)).toEqual(lengths);
    for (const bytes of out) expect(bytes.byteOffset).toBe(0); // a copy, not a view of the pool
    out[0]!.fill(0);
    expect(random(16).some((b) => b !== 0) || random(16).some((b) => b !== 0)).toBe(true);
    // 16 random bytes twice the same: 2^-128
    const seen = new Set(Array.from({ length: 500 }, () => Buffer.from(random(16)).toString('hex')));
    expect(seen.size).toBe(500);
  });

  it('should not hand out the same pool bytes twice (no overlap between consecutive draws)', () => {
    // Arrange: a pool of 32 holds exactly two 16-byte draws before it refills
    const random = pooledCryptoRandom(32);
    // Act
    const draws = Array.from({ length: 300 }, () => Buffer.from(random(16)).toString('hex'));
    // Assert
    expect(new Set(draws).size).toBe(draws.length);
    const large = random(70_000);
    expect(new Set(large).size).toBeGreaterThan(200); // every 64 KiB chunk was filled
    expect(large.subarray(65_536).some((b) => b !== 0)).toBe(true);
  });
});
