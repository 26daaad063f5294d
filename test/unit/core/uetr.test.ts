import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreErrorCodes, InvalidIdentifierError, ValidationError } from '../../../src/core/errors';
import { createSeededRandom } from '../../../src/core/random';
import { createUetr, isValidUetr, normalizeUetr, parseUetr } from '../../../src/core/uetr';

const UETR = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('isValidUetr', () => {
  it.each([
    [UETR, 'variant a'],
    ['00000000-0000-4000-8000-000000000000', 'lowest v4 value, variant 8'],
    ['ffffffff-ffff-4fff-bfff-ffffffffffff', 'highest v4 value, variant b'],
    ['7c5e2d1a-3b4f-4a6c-9d8e-0f1a2b3c4d5e', 'variant 9'],
  ])('should accept %s (%s)', (uetr) => {
    // Arrange / Act / Assert
    expect(isValidUetr(uetr)).toBe(true);
  });

  it.each([
    ['EB6305C9-1F7F-49DE-AED0-16487C27B42D', 'upper case (SWIFT pattern is lower case)'],
    ['eb6305c9-1f7f-49de-aeD0-16487c27b42d', 'one upper-case letter'],
    ['c232ab00-9414-11ec-b3c8-9f6bdeced846', 'version 1 UUID'],
    ['018f3c1e-8a2b-7c3d-9e4f-5a6b7c8d9e0f', 'version 7 UUID'],
    ['00000000-0000-0000-0000-000000000000', 'nil UUID'],
    ['eb6305c9-1f7f-49de-7ed0-16487c27b42d', 'variant 0xxx (NCS)'],
    ['eb6305c9-1f7f-49de-ced0-16487c27b42d', 'variant 110x (Microsoft)'],
    ['eb6305c91f7f49deaed016487c27b42d', 'no hyphens'],
    [`{${UETR}}`, 'braces'],
    [`urn:uuid:${UETR}`, 'URN form'],
    ['eb6305c-91f7f-49de-aed0-16487c27b42d', 'hyphen misplaced'],
    ['eb6305c9-1f7f-49de-aed0-16487c27b42g', 'non-hex letter'],
    [`${UETR} `, 'trailing space'],
    [UETR.slice(0, 35), '35 characters'],
    ['', 'empty'],
  ])('should reject %j (%s)', (uetr) => {
    // Arrange / Act / Assert
    expect(isValidUetr(uetr)).toBe(false);
  });
});

describe('parseUetr', () => {
  it('should return a valid UETR unchanged', () => {
    // Arrange / Act / Assert
    expect(parseUetr(UETR)).toBe(UETR);
  });

  it.each([
    ['EB6305C9-1F7F-49DE-AED0-16487C27B42D', 'upper case'],
    ['c232ab00-9414-11ec-b3c8-9f6bdeced846', 'version'],
    ['eb6305c9-1f7f-49de-7ed0-16487c27b42d', 'variant'],
  ])('should throw InvalidIdentifierError with the path for %j (%s)', (uetr) => {
    // Arrange
    const path = ['CdtTrfTxInf', 0, 'PmtId', 'UETR'];

    // Act
    const error = thrown(() => parseUetr(uetr, { path }));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path });
  });
});

describe('normalizeUetr', () => {
  it('should trim and lower-case', () => {
    // Arrange / Act / Assert
    expect(normalizeUetr(' EB6305C9-1F7F-49DE-AED0-16487C27B42D\n')).toBe(UETR);
    expect(normalizeUetr(UETR)).toBe(UETR);
  });

  it('should still reject a version 1 UUID or a wrong variant', () => {
    // Arrange
    const candidates = ['C232AB00-9414-11EC-B3C8-9F6BDECED846', 'EB6305C9-1F7F-49DE-CED0-16487C27B42D'];

    // Act
    const errors = candidates.map((uetr) => thrown(() => normalizeUetr(uetr, { path: ['UETR'] })));

    // Assert
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidIdentifierError);
      expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: ['UETR'] });
    }
  });
});

describe('createUetr', () => {
  it('should create a valid UETR from the platform CSPRNG by default', () => {
    // Arrange / Act
    const uetr = createUetr();

    // Assert
    expect(isValidUetr(uetr)).toBe(true);
  });

  it('should give the same UETR for the same seed', () => {
    // Arrange / Act
    const first = createUetr(createSeededRandom(42));
    const second = createUetr(createSeededRandom(42));

    // Assert
    expect(first).toBe(second);
    expect(isValidUetr(first)).toBe(true);
  });

  it('should give different UETRs for successive calls on one source', () => {
    // Arrange
    const random = createSeededRandom(7);

    // Act
    const uetrs = Array.from({ length: 100 }, () => createUetr(random));

    // Assert
    expect(new Set(uetrs).size).toBe(100);
  });

  it('should set the version and variant bits even when every random bit is 0 or 1', () => {
    // Arrange / Act
    const zeros = createUetr((length) => new Uint8Array(length));
    const ones = createUetr((length) => new Uint8Array(length).fill(0xff));

    // Assert
    expect(zeros).toBe('00000000-0000-4000-8000-000000000000');
    expect(ones).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('should throw ValidationError when the random source returns too few bytes', () => {
    // Arrange
    const short = (): Uint8Array => new Uint8Array(15);

    // Act
    const error = thrown(() => createUetr(short));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_INPUT });
  });
});

describe('properties', () => {
  it('should create a valid, reproducible UETR for every seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const uetr = createUetr(createSeededRandom(seed));
        expect(isValidUetr(uetr)).toBe(true);
        expect(createUetr(createSeededRandom(seed))).toBe(uetr);
      }),
    );
  });

  it('should keep all 122 random bits of the source and set only the 6 fixed ones', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const uetr = createUetr(() => bytes);
        const hex = uetr.replaceAll('-', '');
        const out = Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
        for (let i = 0; i < 16; i++) {
          if (i === 6) expect(out[i]).toBe(0x40 | (bytes[i]! & 0x0f));
          else if (i === 8) expect(out[i]).toBe(0x80 | (bytes[i]! & 0x3f));
          else expect(out[i]).toBe(bytes[i]);
        }
      }),
    );
  });

  it('should reject the upper-case form of every UETR and recover it with normalizeUetr', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const uetr = createUetr(createSeededRandom(seed));
        // A UETR without any letter (about one in a million) has no distinct upper-case form.
        fc.pre(/[a-f]/.test(uetr));
        expect(isValidUetr(uetr.toUpperCase())).toBe(false);
        expect(normalizeUetr(uetr.toUpperCase())).toBe(uetr);
      }),
    );
  });

  it('should accept exactly what the SWIFT pattern accepts', () => {
    // The ISO 20022 UUIDv4Identifier pattern, as an independent statement of the rule.
    const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const hexOrDash = fc.constantFrom(...'0123456789abcdefABCDEF-4489ab');
    const candidates = fc.oneof(
      fc.string({ unit: hexOrDash, minLength: 36, maxLength: 36 }),
      fc.uuid(),
      fc.uuid().map((uuid) => uuid.toUpperCase()),
      fc.integer().map((seed) => createUetr(createSeededRandom(seed))),
    );
    fc.assert(
      fc.property(candidates, (value) => {
        expect(isValidUetr(value)).toBe(pattern.test(value));
      }),
    );
  });
});
