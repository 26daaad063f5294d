import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, isCountryCode, parseCountryCode } from '../../../src/core/country';
import { CoreErrorCodes, InvalidIdentifierError } from '../../../src/core/errors';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('isCountryCode', () => {
  it('should accept officially assigned ISO 3166-1 alpha-2 codes', () => {
    // Arrange
    const codes = ['DE', 'US', 'CH', 'AE', 'IL', 'SS', 'CW', 'BQ', 'SX', 'AQ', 'TF'];

    // Act
    const results = codes.map(isCountryCode);

    // Assert
    expect(results).toEqual(codes.map(() => true));
  });

  it('should accept XK, the user-assigned code SWIFT uses for Kosovo', () => {
    // Arrange / Act / Assert
    expect(isCountryCode('XK')).toBe(true);
  });

  it('should reject lower case, other lengths and codes that are not officially assigned', () => {
    // Arrange: UK and EU are "exceptionally reserved", AN was deleted in 2010, XX and ZZ are user-assigned
    const codes = ['de', 'De', 'D', 'DEU', '', ' DE', 'UK', 'EU', 'AN', 'XX', 'ZZ', 'QM', '12', 'D1'];

    // Act
    const results = codes.map(isCountryCode);

    // Assert
    expect(results).toEqual(codes.map(() => false));
  });

  it('should list 249 assigned codes plus XK, sorted and frozen', () => {
    // Arrange / Act
    const codes = COUNTRY_CODES;

    // Assert
    expect(codes).toHaveLength(250);
    expect(new Set(codes).size).toBe(250);
    expect([...codes].sort()).toEqual(codes);
    expect(codes).toContain('XK');
    expect(Object.isFrozen(codes)).toBe(true);
  });
});

describe('COUNTRY_CODES', () => {
  it('should agree with isCountryCode on every pair of upper-case letters', () => {
    // Arrange
    const pairs = [...LETTERS].flatMap((first) => [...LETTERS].map((second) => first + second));

    // Act
    const accepted = pairs.filter(isCountryCode);

    // Assert
    expect(accepted).toEqual(COUNTRY_CODES);
  });
});

describe('parseCountryCode', () => {
  it('should return a valid code unchanged', () => {
    // Arrange / Act / Assert
    expect(parseCountryCode('FR')).toBe('FR');
  });

  it('should throw InvalidIdentifierError with the given path', () => {
    // Arrange
    const path = ['Dbtr', 'PstlAdr', 'Ctry'];

    // Act
    const error = thrown(() => parseCountryCode('FX', { path }));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path });
  });

  it('should report an empty path when none is given', () => {
    // Arrange / Act
    const error = thrown(() => parseCountryCode('de'));

    // Assert
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: [] });
  });
});

describe('properties', () => {
  it('should reject the lower-case form of every accepted code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTRY_CODES), (code) => {
        expect(isCountryCode(code.toLowerCase())).toBe(false);
      }),
    );
  });

  it('should reject every string that is not two characters long', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => s.length !== 2),
        (value) => {
          expect(isCountryCode(value)).toBe(false);
        },
      ),
    );
  });
});
