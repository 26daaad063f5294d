import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bicCountry, isValidBic, normalizeBic, parseBic, toBic8, toBic11 } from '../../../src/core/bic';
import { COUNTRY_CODES, isCountryCode } from '../../../src/core/country';
import { CoreErrorCodes, InvalidIdentifierError } from '../../../src/core/errors';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC = `${LETTERS}0123456789`;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const chars = (alphabet: string, length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });

// Valid by construction: any institution and location characters, an assigned country, optional branch.
const validBic: fc.Arbitrary<string> = fc
  .tuple(
    chars(ALPHANUMERIC, 4),
    fc.constantFrom(...COUNTRY_CODES),
    chars(ALPHANUMERIC, 2),
    fc.option(chars(ALPHANUMERIC, 3)),
  )
  .map(([institution, country, location, branch]) => institution + country + location + (branch ?? ''));

describe('isValidBic', () => {
  it.each([
    ['DEUTDEFF', 'Deutsche Bank, Frankfurt'],
    ['DEUTDEFF500', 'Deutsche Bank, branch 500'],
    ['BOFAUS3N', 'Bank of America'],
    ['CHASUS33', 'JPMorgan Chase'],
    ['NBADAEAA', 'First Abu Dhabi Bank'],
    ['LUMIILIT', 'Bank Leumi'],
    ['DEUTDEFFXXX', 'primary-office branch code'],
    ['RBKOXKPR', 'a Kosovo (XK) BIC'],
    ['1234DEFF', 'numeric institution code, allowed since ISO 9362:2014'],
  ])('should accept %s (%s)', (bic) => {
    // Arrange / Act / Assert
    expect(isValidBic(bic)).toBe(true);
  });

  it.each([
    ['DEUTZZFF', 'ZZ is not an ISO 3166 country'],
    ['DEUTUKFF', 'UK is reserved, the code is GB'],
    ['DEUTDEFF5', '9 characters'],
    ['DEUTDEFF50', '10 characters'],
    ['DEUTDEFF5000', '12 characters'],
    ['DEUTDEF', '7 characters'],
    ['', 'empty'],
    ['deutdeff', 'lower case'],
    ['DeutDEFF', 'mixed case'],
    ['DEUT DEFF', 'a space'],
    ['DEUTDEFF ', 'a trailing space'],
    ['DEUT-EFF', 'a symbol'],
    ['DEUTDEF@', 'a symbol in the location'],
    ['DEUTD1FF', 'a digit in the country'],
    ['DEUTDEFFÄBC', 'a non-ASCII letter'],
  ])('should reject %j (%s)', (bic) => {
    // Arrange / Act / Assert
    expect(isValidBic(bic)).toBe(false);
  });
});

describe('parseBic', () => {
  it('should split an 11-character BIC into its parts', () => {
    // Arrange / Act
    const parts = parseBic('DEUTDEFF500');

    // Assert
    expect(parts).toEqual({
      bic: 'DEUTDEFF500',
      institution: 'DEUT',
      country: 'DE',
      location: 'FF',
      branch: '500',
    });
  });

  it('should leave the branch undefined for an 8-character BIC', () => {
    // Arrange / Act
    const parts = parseBic('CHASUS33');

    // Assert
    expect(parts).toEqual({
      bic: 'CHASUS33',
      institution: 'CHAS',
      country: 'US',
      location: '33',
      branch: undefined,
    });
  });

  it('should throw InvalidIdentifierError with the given path', () => {
    // Arrange
    const path = ['InstgAgt', 'FinInstnId', 'BICFI'];

    // Act
    const errors = ['DEUTZZFF', 'DEUTDEFF5', 'deutdeff'].map((bic) => thrown(() => parseBic(bic, { path })));

    // Assert
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidIdentifierError);
      expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path });
    }
  });
});

describe('normalizeBic', () => {
  it('should trim, remove inner spaces and upper-case', () => {
    // Arrange / Act / Assert
    expect(normalizeBic(' deut de ff 500 ')).toBe('DEUTDEFF500');
    expect(normalizeBic('chas us 33')).toBe('CHASUS33');
    expect(normalizeBic('BOFAUS3N')).toBe('BOFAUS3N');
  });

  it('should reject text that only looks like a BIC after Unicode upper-casing', () => {
    // Arrange: "ﬀ" (U+FB00) upper-cases to "FF" with String#toUpperCase
    const ligature = 'deutdeﬀ';

    // Act
    const error = thrown(() => normalizeBic(ligature, { path: ['BICFI'] }));

    // Assert
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: ['BICFI'] });
  });

  it('should throw when the cleaned value is still not a BIC', () => {
    // Arrange / Act
    const error = thrown(() => normalizeBic('deut zz ff'));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: [] });
  });
});

describe('toBic11 / toBic8 / bicCountry', () => {
  it('should pad an 8-character BIC with the primary-office code XXX', () => {
    // Arrange / Act / Assert
    expect(toBic11('DEUTDEFF')).toBe('DEUTDEFFXXX');
    expect(toBic11('DEUTDEFF500')).toBe('DEUTDEFF500');
  });

  it('should drop the branch code', () => {
    // Arrange / Act / Assert
    expect(toBic8('DEUTDEFFXXX')).toBe('DEUTDEFF');
    expect(toBic8('DEUTDEFF500')).toBe('DEUTDEFF');
    expect(toBic8('LUMIILIT')).toBe('LUMIILIT');
  });

  it('should return the country of the BIC', () => {
    // Arrange / Act / Assert
    expect(bicCountry('NBADAEAA')).toBe('AE');
    expect(bicCountry('LUMIILIT')).toBe('IL');
    expect(bicCountry('DEUTDEFF500')).toBe('DE');
  });

  it('should throw InvalidIdentifierError for an invalid BIC', () => {
    // Arrange
    const calls = [() => toBic11('DEUTZZFF'), () => toBic8('deutdeff'), () => bicCountry('DEUTDEFF5')];

    // Act
    const errors = calls.map(thrown);

    // Assert
    for (const error of errors) {
      expect(error).toBeInstanceOf(InvalidIdentifierError);
      expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: [] });
    }
  });
});

describe('properties', () => {
  it('should accept every BIC built from an assigned country', () => {
    fc.assert(
      fc.property(validBic, (bic) => {
        expect(isValidBic(bic)).toBe(true);
      }),
    );
  });

  it('should give back the BIC when its parts are joined', () => {
    fc.assert(
      fc.property(validBic, (bic) => {
        const { institution, country, location, branch } = parseBic(bic);
        expect(institution + country + location + (branch ?? '')).toBe(bic);
        expect(bicCountry(bic)).toBe(country);
      }),
    );
  });

  it('should make toBic11 idempotent and agree with toBic8', () => {
    fc.assert(
      fc.property(validBic, (bic) => {
        const bic11 = toBic11(bic);
        expect(bic11).toHaveLength(11);
        expect(toBic11(bic11)).toBe(bic11);
        expect(toBic8(bic11)).toBe(toBic8(bic));
      }),
    );
  });

  it('should reject any BIC whose country is not assigned', () => {
    const unassigned = chars(LETTERS, 2).filter((pair) => !isCountryCode(pair));
    fc.assert(
      fc.property(validBic, unassigned, (bic, pair) => {
        expect(isValidBic(bic.slice(0, 4) + pair + bic.slice(6))).toBe(false);
      }),
    );
  });

  it('should reject the lower-case form and recover it with normalizeBic', () => {
    fc.assert(
      fc.property(validBic, fc.nat({ max: 11 }), (bic, cut) => {
        // The country is always letters, so lower-casing always changes the string.
        const messy = ` ${bic.slice(0, cut).toLowerCase()} ${bic.slice(cut).toLowerCase()} `;
        expect(isValidBic(bic.toLowerCase())).toBe(false);
        expect(normalizeBic(messy)).toBe(bic);
      }),
    );
  });

  it('should reject every string whose length is neither 8 nor 11', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: fc.constantFrom(...ALPHANUMERIC), maxLength: 20 })
          .filter((s) => s.length !== 8 && s.length !== 11),
        (value) => {
          expect(isValidBic(value)).toBe(false);
        },
      ),
    );
  });
});
