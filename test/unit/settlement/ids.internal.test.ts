/**
 * White-box tests of the settlement module's pure SHA-256 and derived identifiers (`_internal/`),
 * against node:crypto as the oracle.
 */
import { createHash } from 'node:crypto';
import { isValidUetr } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultMessageId,
  derivedUetr,
  digest32,
  mtReference,
  shortReference,
} from '../../../src/settlement/_internal/ids';
import { sha256, toHex } from '../../../src/settlement/_internal/sha256';

describe('settlement ids (internal)', () => {
  it('should hash like node:crypto, at block boundaries too', () => {
    // Arrange
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é€𝄞', 'x'.repeat(1000)];

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
