/**
 * White-box test of the journal's portable SHA-256 (src/token/_internal/sha256.ts), against
 * `node:crypto` as the oracle: the two must give the same digests, so that a journal written with one
 * verifies with the other.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/token/_internal/sha256';

const native = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex (internal)', () => {
  it('should give the FIPS 180-4 digests of the standard vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  describe('properties', () => {
    it('should agree with node:crypto on any text, around every block boundary', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 300 }),
            fc.nat({ max: 200 }).map((n) => 'x'.repeat(n)),
          ),
          (text) => {
            expect(sha256Hex(text)).toBe(native(text));
          },
        ),
      );
    });
  });
});
