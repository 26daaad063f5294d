/**
 * White-box tests of the settlement module's pure SHA-256 and derived identifiers (`_internal/`),
 * against node:crypto as the oracle.
 */
import { createHash } from 'node:crypto';
import { isValidUetr, sha256Hex } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultMessageId,
  derivedUetr,
  digest32,
  mtReference,
  shortReference,
} from '../../../src/settlement/_internal/ids';
import { sha256, sha256HexOf, toHex } from '../../../src/settlement/_internal/sha256';

describe('settlement ids (internal)', () => {
  it('should hash like node:crypto, at block boundaries too', () => {
    // Arrange
    const inputs = [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'é€𝄞',
      'x'.repeat(1000),
      'x'.repeat(1024),
      'x'.repeat(1025),
      'y'.repeat(5000),
    ];

    // Act / Assert
    for (const input of inputs)
      expect(toHex(sha256(input))).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
  });

  it('should hash any string like node:crypto', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        expect(toHex(sha256(input))).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
      }),
    );
  });

  it('should derive valid, stable, distinct identifiers that fit their fields', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 999 }),
        (id, attempt) => {
          const uetr = derivedUetr(id);
          expect(isValidUetr(uetr)).toBe(true);
          expect(derivedUetr(id)).toBe(uetr);
          const messageId = defaultMessageId(id, attempt);
          expect(messageId.length).toBeLessThanOrEqual(35);
          expect(messageId).not.toBe(defaultMessageId(id, attempt + 1));
          expect(shortReference(id).length).toBeLessThanOrEqual(35);
          expect(mtReference(messageId)).toMatch(/^[0-9A-Za-z-]{1,16}$/);
        },
      ),
    );
    expect(digest32('abc', 8)).toBe(digest32('abc', 20).slice(0, 8));
  });
});

/** The identifiers as first written, from node:crypto's bytes: the reference for the hex-reading ones. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function referenceDigest32(text: string, length: number): string {
  const bytes = createHash('sha256').update(text, 'utf8').digest();
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}
function referenceUetr(name: string): string {
  const bytes = createHash('sha256')
    .update(`deltran.settlement.uetr:${name}`, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('settlement ids from hex digits (internal)', () => {
  it('should derive the same base-32 digests and UETRs as from the digest bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.integer({ min: 0, max: 51 }),
        (text, length) => {
          expect(digest32(text, length)).toBe(referenceDigest32(text, length));
          expect(derivedUetr(text)).toBe(referenceUetr(text));
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('settlement SHA-256 from its words (internal)', () => {
  it('should equal core sha256Hex and node:crypto on ASCII around the one-block limit and on any text', () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
      maxLength: 300,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          ascii,
          fc.string({ unit: 'binary', maxLength: 140 }),
          fc.string({ minLength: 50, maxLength: 70 }),
        ),
        (text) => {
          const expected = createHash('sha256').update(text, 'utf8').digest('hex');
          expect(sha256HexOf(text)).toBe(expected);
          expect(sha256Hex(text)).toBe(expected);
          expect(toHex(sha256(text))).toBe(expected);
        },
      ),
      { seed: 1313, numRuns: 3000 },
    );
  });

  it('should hash every length 0 … 200 of ASCII and of a non-ASCII tail like node:crypto', () => {
    for (let n = 0; n <= 200; n++) {
      for (const text of ['x'.repeat(n), `${'a'.repeat(n)}é`, `${'b'.repeat(n)}\u0000`]) {
        expect(sha256HexOf(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }
    }
  });

  it('should give at most 51 base-32 characters, as the hex-reading version did', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 0, max: 80 }), (text, length) => {
        expect(digest32(text, length)).toBe(referenceDigest32(text, length));
      }),
      { seed: 1314, numRuns: 1000 },
    );
    expect(digest32('abc', 80)).toHaveLength(51);
  });
});
