/** The plain-TypeScript SHA-256 of core behind netting's result digests, against FIPS 180-4 vectors. */
import { createHash } from 'node:crypto';
import { createSha256, sha256Hex } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('sha256Hex (internal)', () => {
  it('should match the FIPS 180-4 example vectors', () => {
    // Arrange
    // Act
    // Assert
    expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});

describe('properties', () => {
  it('should agree with node:crypto on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        // Arrange
        // Act
        const ours = sha256Hex(bytes);
        // Assert
        expect(ours).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });

  it('should give the same digest however the bytes are split into updates', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 8 }), (parts) => {
        // Arrange
        const hash = createSha256();
        const whole = createHash('sha256');
        // Act
        for (const part of parts) {
          hash.update(part);
          whole.update(part);
        }
        // Assert
        expect(hash.hex()).toBe(whole.digest('hex'));
      }),
    );
  });
});
