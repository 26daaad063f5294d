import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreErrorCodes, InvalidIdentifierError } from '../../../src/core/errors';
import { isValidLei, normalizeLei, parseLei } from '../../../src/core/lei';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALPHANUMERIC = LETTERS + DIGITS;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

// Independent oracle: BigInt arithmetic on the whole number, not the chunked remainder under test.
function numeric(text: string): bigint {
  return BigInt([...text].map((c) => Number.parseInt(c, 36).toString()).join(''));
}
function withCheckDigits(base: string): string {
  return base + (98n - (numeric(`${base}00`) % 97n)).toString().padStart(2, '0');
}

function swap(text: string, i: number, j: number): string {
  const chars = [...text];
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  return chars.join('');
}

// Published LEIs; each was checked with the BigInt oracle before it was written here.
const PUBLISHED: readonly (readonly [lei: string, holder: string])[] = [
  ['506700GE1G29325QX363', 'Global Legal Entity Identifier Foundation (GLEIF)'],
  ['7LTWFZYICNSX8D621K86', 'Deutsche Bank AG'],
  ['8I5DZWZKVSZI1NUHU748', 'JPMorgan Chase & Co.'],
  ['784F5XWPLTWKTBV3E584', 'The Goldman Sachs Group, Inc.'],
  ['R0MUWSFPU8MPRO8K5P83', 'BNP Paribas'],
  ['MLU0ZO3ML4LN2LL2TL39', 'HSBC Holdings plc'],
  ['213800LBQA1Y9L22JB70', 'Barclays PLC'],
  ['6SHGI4ZSSLCXXQSBB395', 'Citigroup Inc.'],
  ['549300DTUYXVMJXZNY75', 'European Central Bank'],
  ['HWUPKR0MPOU8FGXBT394', 'Apple Inc.'],
  ['INR2EJN1ERAN0W5ZP974', 'Microsoft Corporation'],
];

const generatedLei: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength: 18, maxLength: 18 })
  .map(withCheckDigits);
const anyValidLei: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PUBLISHED.map(([lei]) => lei)),
  generatedLei,
);
const digitPositions = (lei: string): number[] =>
  [...lei].flatMap((ch, i) => (DIGITS.includes(ch) ? [i] : []));

describe('isValidLei', () => {
  it.each(PUBLISHED)('should accept %s (%s)', (lei) => {
    // Arrange / Act / Assert
    expect(isValidLei(lei)).toBe(true);
  });

  it.each([
    ['506700GE1G29325QX364', 'last check digit changed'],
    ['506700GE1G29325QX336', 'check digits transposed'],
    ['506700GE1G92325QX363', 'two digits transposed'],
    ['506700GE1G29325QX36', '19 characters'],
    ['506700GE1G29325QX3630', '21 characters'],
    ['', 'empty'],
    ['506700ge1g29325qx363', 'lower case'],
    ['506700GE1G29325QX3A3', 'a letter in the check digits'],
    ['506700GE1G29325-X363', 'a symbol'],
    ['506700GE1G29325QX 63', 'a space'],
    ['5493001KJTIIGC8Y2601', 'check digits 01: passes MOD 97-10 (alias of 98) but ISO 17442 never issues it'],
    ['5493001KJTIIGC8Y2699', 'check digits 99'],
  ])('should reject %j (%s)', (lei) => {
    // Arrange / Act / Assert
    expect(isValidLei(lei)).toBe(false);
  });

  it('should confirm that the 01 near-miss really passes MOD 97-10 on its own', () => {
    // Arrange / Act / Assert: the rejection above comes from the 02..98 rule, not from the checksum
    expect(numeric('5493001KJTIIGC8Y2601') % 97n).toBe(1n);
    expect(isValidLei('5493001KJTIIGC8Y2698')).toBe(true);
  });
});

describe('parseLei', () => {
  it('should split an LEI into its ISO 17442 parts', () => {
    // Arrange / Act
    const parts = parseLei('506700GE1G29325QX363');

    // Assert
    expect(parts).toEqual({
      lei: '506700GE1G29325QX363',
      louPrefix: '5067',
      entityCode: '00GE1G29325QX3',
      checkDigits: '63',
    });
  });

  it.each([
    ['506700GE1G29325QX364', 'check digits'],
    ['506700GE1G29325QX36', 'length'],
    ['506700ge1g29325qx363', 'lower case'],
    ['5493001KJTIIGC8Y2601', 'check digits out of range'],
  ])('should throw InvalidIdentifierError with the path for %j (%s)', (lei) => {
    // Arrange
    const path = ['Dbtr', 'Id', 'OrgId', 'LEI'];

    // Act
    const error = thrown(() => parseLei(lei, { path }));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path });
  });
});

describe('normalizeLei', () => {
  it('should remove spaces and upper-case', () => {
    // Arrange / Act / Assert
    expect(normalizeLei(' 506700ge1g29325qx363 ')).toBe('506700GE1G29325QX363');
    expect(normalizeLei('5067 00GE 1G29 325Q X363')).toBe('506700GE1G29325QX363');
  });

  it('should throw when the cleaned value is not a valid LEI', () => {
    // Arrange / Act
    const error = thrown(() => normalizeLei('506700ge1g29325qx364'));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: [] });
  });
});

describe('properties', () => {
  it('should accept every LEI whose check digits the oracle computed', () => {
    fc.assert(
      fc.property(generatedLei, (lei) => {
        expect(isValidLei(lei)).toBe(true);
        expect(parseLei(lei).lei).toBe(lei);
      }),
    );
  });

  it('should reject any LEI with one digit changed', () => {
    const withChange = anyValidLei.chain((lei) =>
      fc.tuple(fc.constant(lei), fc.constantFrom(...digitPositions(lei)), fc.integer({ min: 1, max: 9 })),
    );
    fc.assert(
      fc.property(withChange, ([lei, position, delta]) => {
        const digit = (Number(lei[position]) + delta) % 10;
        expect(isValidLei(lei.slice(0, position) + digit + lei.slice(position + 1))).toBe(false);
      }),
    );
  });

  it('should reject any LEI with two different digits swapped', () => {
    // As for IBANs: 10 has order 96 modulo 97 and an LEI expands to at most 38 digits.
    const withSwap = anyValidLei
      .chain((lei) =>
        fc.tuple(
          fc.constant(lei),
          fc.constantFrom(...digitPositions(lei)),
          fc.constantFrom(...digitPositions(lei)),
        ),
      )
      .filter(([lei, i, j]) => lei[i] !== lei[j]);
    fc.assert(
      fc.property(withSwap, ([lei, i, j]) => {
        expect(isValidLei(swap(lei, i, j))).toBe(false);
      }),
    );
  });

  it('should reject the lower-case form when the LEI has a letter, and recover it with normalizeLei', () => {
    fc.assert(
      fc.property(
        anyValidLei.filter((lei) => /[A-Z]/.test(lei)),
        (lei) => {
          expect(isValidLei(lei.toLowerCase())).toBe(false);
          expect(normalizeLei(lei.toLowerCase())).toBe(lei);
        },
      ),
    );
  });

  it('should reject every string that is not 20 characters long', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), maxLength: 30 }).filter((s) => s.length !== 20),
        (value) => {
          expect(isValidLei(value)).toBe(false);
        },
      ),
    );
  });
});
