import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCountryCode } from '../../../src/core/country';
import { CoreErrorCodes, InvalidIdentifierError } from '../../../src/core/errors';
import {
  formatIban,
  IBAN_COUNTRY_CODES,
  ibanCountry,
  ibanSpec,
  isElectronicIban,
  isValidIban,
  normalizeIban,
  parseIban,
} from '../../../src/core/iban';

// The "IBAN electronic format example" of every country in the SWIFT IBAN Registry, Release 102 (June 2026),
// copied from the registry. Each was checked with an independent BigInt MOD 97-10 computation before it
// was written here.
const REGISTRY_EXAMPLES: readonly (readonly [country: string, iban: string])[] = [
  ['AD', 'AD1200012030200359100100'],
  ['AE', 'AE070331234567890123456'],
  ['AL', 'AL47212110090000000235698741'],
  ['AT', 'AT611904300234573201'],
  ['AZ', 'AZ21NABZ00000000137010001944'],
  ['BA', 'BA391290079401028494'],
  ['BE', 'BE68539007547034'],
  ['BG', 'BG80BNBG96611020345678'],
  ['BH', 'BH67BMAG00001299123456'],
  ['BI', 'BI4210000100010000332045181'],
  ['BR', 'BR1800360305000010009795493C1'],
  ['BY', 'BY13NBRB3600900000002Z00AB00'],
  ['CH', 'CH9300762011623852957'],
  ['CR', 'CR05015202001026284066'],
  ['CY', 'CY17002001280000001200527600'],
  ['CZ', 'CZ6508000000192000145399'],
  ['DE', 'DE89370400440532013000'],
  ['DJ', 'DJ2100010000000154000100186'],
  ['DK', 'DK5000400440116243'],
  ['DO', 'DO28BAGR00000001212453611324'],
  ['EE', 'EE382200221020145685'],
  ['EG', 'EG380019000500000000263180002'],
  ['ES', 'ES9121000418450200051332'],
  ['FI', 'FI2112345600000785'],
  ['FK', 'FK88SC123456789012'],
  ['FO', 'FO6264600001631634'],
  ['FR', 'FR1420041010050500013M02606'],
  ['GB', 'GB29NWBK60161331926819'],
  ['GE', 'GE29NB0000000101904917'],
  ['GI', 'GI75NWBK000000007099453'],
  ['GL', 'GL8964710001000206'],
  ['GR', 'GR1601101250000000012300695'],
  ['GT', 'GT82TRAJ01020000001210029690'],
  ['HN', 'HN88CABF00000000000250005469'],
  ['HR', 'HR1210010051863000160'],
  ['HU', 'HU42117730161111101800000000'],
  ['IE', 'IE29AIBK93115212345678'],
  ['IL', 'IL620108000000099999999'],
  ['IQ', 'IQ98NBIQ850123456789012'],
  ['IS', 'IS140159260076545510730339'],
  ['IT', 'IT60X0542811101000000123456'],
  ['JO', 'JO94CBJO0010000000000131000302'],
  ['KW', 'KW81CBKU0000000000001234560101'],
  ['KZ', 'KZ86125KZT5004100100'],
  ['LB', 'LB62099900000001001901229114'],
  ['LC', 'LC55HEMM000100010012001200023015'],
  ['LI', 'LI21088100002324013AA'],
  ['LT', 'LT121000011101001000'],
  ['LU', 'LU280019400644750000'],
  ['LV', 'LV80BANK0000435195001'],
  ['LY', 'LY83002048000020100120361'],
  ['MC', 'MC5811222000010123456789030'],
  ['MD', 'MD24AG000225100013104168'],
  ['ME', 'ME25505000012345678951'],
  ['MK', 'MK07250120000058984'],
  ['MN', 'MN121234123456789123'],
  ['MR', 'MR1300020001010000123456753'],
  ['MT', 'MT84MALT011000012345MTLCAST001S'],
  ['MU', 'MU17BOMM0101101030300200000MUR'],
  ['NI', 'NI45BAPR00000013000003558124'],
  ['NL', 'NL91ABNA0417164300'],
  ['NO', 'NO9386011117947'],
  ['OM', 'OM810180000001299123456'],
  ['PK', 'PK36SCBL0000001123456702'],
  ['PL', 'PL61109010140000071219812874'],
  ['PS', 'PS92PALS000000000400123456702'],
  ['PT', 'PT50000201231234567890154'],
  ['QA', 'QA58DOHB00001234567890ABCDEFG'],
  ['RO', 'RO49AAAA1B31007593840000'],
  ['RS', 'RS35260005601001611379'],
  ['RU', 'RU0304452522540817810538091310419'],
  ['SA', 'SA0380000000608010167519'],
  ['SC', 'SC18SSCB11010000000000001497USD'],
  ['SD', 'SD2129010501234001'],
  ['SE', 'SE4550000000058398257466'],
  ['SI', 'SI56263300012039086'],
  ['SK', 'SK3112000000198742637541'],
  ['SM', 'SM86U0322509800000000270100'],
  ['SO', 'SO211000001001000100141'],
  ['ST', 'ST23000100010051845310146'],
  ['SV', 'SV62CENR00000000000000700025'],
  ['TL', 'TL380080012345678910157'],
  ['TN', 'TN5910006035183598478831'],
  ['TR', 'TR330006100519786457841326'],
  ['UA', 'UA213223130000026007233566001'],
  ['VA', 'VA59001123000012345678'],
  ['VG', 'VG96VPVG0000012345678901'],
  ['XK', 'XK051212012345678906'],
  ['YE', 'YE15CBYE0001018861234567891234'],
];

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

// Independent oracle for generated IBANs: BigInt arithmetic on the whole ISO 13616 number, a different
// method from the chunked remainder in src/core/iban.ts.
function numeric(text: string): bigint {
  return BigInt([...text].map((c) => Number.parseInt(c, 36).toString()).join(''));
}
function withCheckDigits(country: string, bban: string): string {
  const check = 98n - (numeric(`${bban}${country}00`) % 97n);
  return `${country}${check.toString().padStart(2, '0')}${bban}`;
}

// The print form written out independently: a space after every 4 characters.
function printForm(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

function swap(text: string, i: number, j: number): string {
  const chars = [...text];
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  return chars.join('');
}

const chars = (alphabet: string, length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length });
const n = (length: number): fc.Arbitrary<string> => chars(DIGITS, length);
const a = (length: number): fc.Arbitrary<string> => chars(LETTERS, length);
const c = (length: number): fc.Arbitrary<string> => chars(ALPHANUMERIC, length);
const bban = (country: string, ...fields: fc.Arbitrary<string>[]): fc.Arbitrary<string> =>
  fc.tuple(...fields).map((parts) => withCheckDigits(country, parts.join('')));

// Valid by construction: BBANs written from the registry structures of a few countries (with letters in
// a, c and mixed positions), check digits from the BigInt oracle.
const generatedIban: fc.Arbitrary<string> = fc.oneof(
  bban('DE', n(8), n(10)), // 8!n10!n
  bban('GB', a(4), n(6), n(8)), // 4!a6!n8!n
  bban('NL', a(4), n(10)), // 4!a10!n
  bban('FR', n(5), n(5), c(11), n(2)), // 5!n5!n11!c2!n
  bban('CH', n(5), c(12)), // 5!n12!c
  bban('MT', a(4), n(5), c(18)), // 4!a5!n18!c
  bban('NO', n(4), n(6), n(1)), // 4!n6!n1!n
  bban('LC', a(4), c(24)), // 4!a24!c
  bban('RU', n(9), n(5), c(15)), // 9!n5!n15!c
  bban('SC', a(4), n(2), n(2), n(16), a(3)), // 4!a2!n2!n16!n3!a
  bban('BR', n(8), n(5), n(10), a(1), c(1)), // 8!n5!n10!n1!a1!c
);
const anyValidIban: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...REGISTRY_EXAMPLES.map(([, iban]) => iban)),
  generatedIban,
);
const digitPositions = (iban: string): number[] =>
  [...iban].flatMap((ch, i) => (i >= 2 && ch >= '0' && ch <= '9' ? [i] : []));

describe('isValidIban', () => {
  it.each(REGISTRY_EXAMPLES)('should accept the registry example for %s', (_country, iban) => {
    // Arrange / Act / Assert
    expect(isValidIban(iban)).toBe(true);
  });

  it('should accept the print form of every registry example', () => {
    // Arrange
    const printed = REGISTRY_EXAMPLES.map(([, iban]) => printForm(iban));

    // Act
    const rejected = printed.filter((iban) => !isValidIban(iban));

    // Assert
    expect(rejected).toEqual([]);
  });

  it('should accept print forms written by hand', () => {
    // Arrange / Act / Assert
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('GB29 NWBK 6016 1331 9268 19')).toBe(true);
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
    expect(isValidIban('NO93 8601 1117 947')).toBe(true);
  });

  it.each([
    ['de89370400440532013000', 'lower case'],
    ['De89370400440532013000', 'lower case in the country'],
    ['FR1420041010050500013m02606', 'lower case in a c field'],
    ['DE89370400440532013001', 'one digit changed'],
    ['DE89370400440532103000', 'two adjacent digits transposed'],
    ['DE98370400440532013000', 'check digits transposed'],
    ['DE8937040044053201300', 'too short for DE (21)'],
    ['DE893704004405320130000', 'too long for DE (23)'],
    ['DE89', 'country and check digits only'],
    ['', 'empty'],
    ['US64SVBKUS6S3300958879', 'US has no IBAN'],
    ['ZZ89370400440532013000', 'ZZ is not a country'],
    ['AA110011123Z5678', 'IIBAN prefix, not in the registry'],
    ['12DE370400440532013000', 'digits where the country goes'],
    ['DEXX370400440532013000', 'letters where the check digits go'],
    [
      'GB01NWBK60161331926838',
      'check digits 01: passes MOD 97-10 (alias of 98) but ISO 13616 never issues it',
    ],
    ['DE01370400440532000034', 'check digits 01 for DE98370400440532000034'],
    ['GB99NWBK60161331926819', 'check digits 99'],
    ['DE0537040044053201300A', 'letter in a numeric BBAN field, although MOD 97-10 passes'],
    ['GB42NWB160161331926819', 'digit in the 4!a bank code, although MOD 97-10 passes'],
    ['DE89-3704-0044-0532-0130-00', 'hyphens'],
    ['DE89370400440532013000\n', 'trailing newline'],
    ['DE89 37040044 0532 0130 00', 'irregular print groups'],
    ['DE89  3704 0044 0532 0130 00', 'double space'],
    ['DE89 3704 0044 0532 0130 00 ', 'trailing space'],
    [' DE89 3704 0044 0532 0130 00', 'leading space'],
    ['DE893704 0044 0532 0130 00', 'print form missing its first space'],
    ['DE89 3704 0044 0532_0130 00', 'print form with a symbol for a separator'],
    ['DE89 3704 0044 053210130 00', 'print form with a digit for a separator'],
    ['BI42 10000 10001 00003320451 81', "the registry's own print example for BI, not in groups of 4"],
    ['SV 62 CENR 00000000000000700025', "the registry's own print example for SV"],
  ])('should reject %j (%s)', (iban) => {
    // Arrange / Act / Assert
    expect(isValidIban(iban)).toBe(false);
  });

  it('should confirm that the check-digit near-misses above really pass MOD 97-10 on their own', () => {
    // Arrange: the oracle's view, so the rejections above are due to the range and BBAN rules
    const passMod97 = ['GB01NWBK60161331926838', 'DE0537040044053201300A', 'GB42NWB160161331926819'];

    // Act
    const remainders = passMod97.map((iban) => numeric(iban.slice(4) + iban.slice(0, 4)) % 97n);

    // Assert
    expect(remainders).toEqual([1n, 1n, 1n]);
    expect(isValidIban('GB98NWBK60161331926838')).toBe(true);
    expect(isValidIban('DE98370400440532000034')).toBe(true);
  });

  it('should document the limit of MOD 97-10: an adjacent letter/digit swap can go undetected', () => {
    // Arrange: "1B" and "B1" both read as 111 (B = 11), so the check digits cannot tell them apart,
    // and both fit CH's 12!c account field.
    const original = 'CH5000762011623851B57';
    const swapped = 'CH500076201162385B157';

    // Act / Assert
    expect(isValidIban(original)).toBe(true);
    expect(isValidIban(swapped)).toBe(true);
  });
});

describe('isElectronicIban', () => {
  it('should accept the electronic form only', () => {
    // Arrange / Act / Assert
    expect(isElectronicIban('DE89370400440532013000')).toBe(true);
    expect(isElectronicIban('DE89 3704 0044 0532 0130 00')).toBe(false);
    expect(isElectronicIban('DE88370400440532013000')).toBe(false);
    expect(isElectronicIban('de89370400440532013000')).toBe(false);
  });
});

describe('IBAN_COUNTRY_CODES / ibanSpec', () => {
  it('should cover exactly the 89 countries of the registry examples', () => {
    // Arrange
    const examples = REGISTRY_EXAMPLES.map(([country]) => country);

    // Act / Assert
    expect(IBAN_COUNTRY_CODES).toEqual([...examples].sort());
    expect(IBAN_COUNTRY_CODES).toHaveLength(89);
    expect(Object.isFrozen(IBAN_COUNTRY_CODES)).toBe(true);
  });

  it('should only list ISO 3166 country codes (XK included)', () => {
    // Arrange / Act
    const unknown = IBAN_COUNTRY_CODES.filter((country) => !isCountryCode(country));

    // Assert
    expect(unknown).toEqual([]);
  });

  it('should agree with the length of every registry example', () => {
    // Arrange / Act
    const mismatched = REGISTRY_EXAMPLES.filter(
      ([country, iban]) => ibanSpec(country)?.length !== iban.length,
    );

    // Assert
    expect(mismatched).toEqual([]);
  });

  it.each([
    ['DE', 22],
    ['FK', 18],
    ['OM', 23],
    ['YE', 30],
    ['DJ', 27],
    ['SO', 23],
    ['NI', 28],
    ['RU', 33],
    ['SD', 18],
    ['LY', 25],
    ['BI', 27],
    ['MN', 20],
    ['IQ', 23],
    ['HN', 28],
    ['NO', 15],
    ['LC', 32],
  ] as const)('should give %s an IBAN length of %i', (country, length) => {
    // Arrange / Act / Assert
    expect(ibanSpec(country)?.length).toBe(length);
  });

  it('should return the BBAN structure in registry notation', () => {
    // Arrange / Act / Assert
    expect(ibanSpec('DE')).toEqual({ country: 'DE', length: 22, bbanStructure: '8!n10!n' });
    expect(ibanSpec('GB')).toEqual({ country: 'GB', length: 22, bbanStructure: '4!a6!n8!n' });
  });

  it('should return undefined for countries without an IBAN and for malformed codes', () => {
    // Arrange / Act / Assert
    expect(ibanSpec('US')).toBeUndefined();
    expect(ibanSpec('GF')).toBeUndefined(); // French Guiana uses the FR prefix
    expect(ibanSpec('de')).toBeUndefined();
    expect(ibanSpec('DEU')).toBeUndefined();
    expect(ibanSpec('')).toBeUndefined();
  });
});

describe('parseIban', () => {
  it('should split an IBAN in print form into its electronic parts', () => {
    // Arrange / Act
    const parts = parseIban('DE89 3704 0044 0532 0130 00');

    // Assert
    expect(parts).toEqual({
      iban: 'DE89370400440532013000',
      country: 'DE',
      checkDigits: '89',
      bban: '370400440532013000',
    });
  });

  it('should explain a wrong length with the expected length', () => {
    // Arrange / Act
    const error = thrown(() => parseIban('DE8937040044053201300', { path: ['CdtrAcct', 'Id', 'IBAN'] }));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect((error as InvalidIdentifierError).message).toMatchInlineSnapshot(
      `"[deltran] parseIban: CdtrAcct/Id/IBAN: expected 22 characters for DE, got 21"`,
    );
  });

  it.each([
    ['de89370400440532013000', 'lower case'],
    ['US64SVBKUS6S3300958879', 'unknown country'],
    ['DE893704004405320130000', 'wrong length'],
    ['DE0537040044053201300A', 'BBAN structure'],
    ['DE88370400440532013000', 'check digits'],
    ['DEXX370400440532013000', 'check digits not digits'],
    ['GB01NWBK60161331926838', 'check digits out of range'],
    ['DE89 37040044 0532 0130 00', 'spacing'],
  ])('should throw InvalidIdentifierError with the path for %j (%s)', (iban) => {
    // Arrange
    const path = ['CdtTrfTxInf', 0, 'DbtrAcct', 'Id', 'IBAN'];

    // Act
    const error = thrown(() => parseIban(iban, { path }));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path });
  });

  it('should keep the account number out of the error message', () => {
    // Arrange: a valid account with a wrong check digit, so every check up to the last one passes
    const iban = 'DE88370400440532013000';

    // Act
    const error = thrown(() => parseIban(iban)) as InvalidIdentifierError;

    // Assert
    expect(error.message).not.toContain('370400440532013000');
    expect(error.message).not.toContain('0532013000');
  });
});

describe('normalizeIban', () => {
  it('should remove whitespace and upper-case', () => {
    // Arrange / Act / Assert
    expect(normalizeIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(normalizeIban(' fr14 2004 1010 0505 0001 3m02 606 ')).toBe('FR1420041010050500013M02606');
    expect(normalizeIban('GB29\tNWBK\u00a06016 1331 9268 19\n')).toBe('GB29NWBK60161331926819');
  });

  it("should accept the registry's irregular print examples", () => {
    // Arrange / Act / Assert
    expect(normalizeIban('BI42 10000 10001 00003320451 81')).toBe('BI4210000100010000332045181');
    expect(normalizeIban('LY83 002 048 000020100120361')).toBe('LY83002048000020100120361');
    expect(normalizeIban('SV 62 CENR 00000000000000700025')).toBe('SV62CENR00000000000000700025');
  });

  it('should reject text that only becomes an IBAN after Unicode upper-casing', () => {
    // Arrange: dotless "ı" (U+0131) upper-cases to "I" with String#toUpperCase
    const dotless = 'ie29 aıbk 9311 5212 3456 78';

    // Act
    const error = thrown(() => normalizeIban(dotless, { path: ['IBAN'] }));

    // Assert
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: ['IBAN'] });
    expect(normalizeIban('ie29 aibk 9311 5212 3456 78')).toBe('IE29AIBK93115212345678');
  });

  it('should throw when the cleaned value is not a valid IBAN', () => {
    // Arrange / Act
    const error = thrown(() => normalizeIban('de88 3704 0044 0532 0130 00'));

    // Assert
    expect(error).toBeInstanceOf(InvalidIdentifierError);
    expect(error).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER, path: [] });
  });
});

describe('formatIban / ibanCountry', () => {
  it('should write the print form', () => {
    // Arrange / Act / Assert
    expect(formatIban('NL91ABNA0417164300')).toBe('NL91 ABNA 0417 1643 00');
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('NO9386011117947')).toBe('NO93 8601 1117 947');
    expect(formatIban('NO93 8601 1117 947')).toBe('NO93 8601 1117 947');
  });

  it('should return the country of the IBAN', () => {
    // Arrange / Act / Assert
    expect(ibanCountry('CH9300762011623852957')).toBe('CH');
    expect(ibanCountry('XK05 1212 0123 4567 8906')).toBe('XK');
  });

  it('should throw InvalidIdentifierError for an invalid IBAN', () => {
    // Arrange
    const calls = [() => formatIban('nl91abna0417164300'), () => ibanCountry('NL92ABNA0417164300')];

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
  it('should accept every generated IBAN, in electronic and print form', () => {
    fc.assert(
      fc.property(generatedIban, (iban) => {
        expect(isValidIban(iban)).toBe(true);
        expect(isElectronicIban(iban)).toBe(true);
        expect(isValidIban(printForm(iban))).toBe(true);
        expect(isElectronicIban(printForm(iban))).toBe(false);
        expect(formatIban(iban)).toBe(printForm(iban));
      }),
    );
  });

  it('should give back the electronic form from parts, print form and messy input', () => {
    fc.assert(
      fc.property(anyValidIban, fc.nat(), (iban, cut) => {
        const { country, checkDigits, bban } = parseIban(printForm(iban));
        const at = cut % (iban.length + 1);
        const messy = ` ${iban.slice(0, at).toLowerCase()} \t${iban.slice(at).toLowerCase()} `;
        expect(country + checkDigits + bban).toBe(iban);
        expect(normalizeIban(messy)).toBe(iban);
        expect(ibanCountry(iban)).toBe(country);
      }),
    );
  });

  it('should reject any IBAN with one digit changed (MOD 97-10 detects every single substitution)', () => {
    const withChange = anyValidIban.chain((iban) =>
      fc.tuple(fc.constant(iban), fc.constantFrom(...digitPositions(iban)), fc.integer({ min: 1, max: 9 })),
    );
    fc.assert(
      fc.property(withChange, ([iban, position, delta]) => {
        const digit = (Number(iban[position]) + delta) % 10;
        const changed = iban.slice(0, position) + digit + iban.slice(position + 1);
        expect(isValidIban(changed)).toBe(false);
      }),
    );
  });

  it('should reject any IBAN with two different digits swapped, adjacent or not', () => {
    // Swapping digits x and y at expanded positions p < q changes the number by (x - y)(10^q - 10^p); 97 is
    // prime and 10 has order 96 modulo 97, so this is never a multiple of 97 for any IBAN length.
    const withSwap = anyValidIban
      .map((iban) => ({ iban, positions: digitPositions(iban) }))
      .chain(({ iban, positions }) =>
        fc.tuple(fc.constant(iban), fc.constantFrom(...positions), fc.constantFrom(...positions)),
      )
      .filter(([iban, i, j]) => iban[i] !== iban[j]);
    fc.assert(
      fc.property(withSwap, ([iban, i, j]) => {
        expect(isValidIban(swap(iban, i, j))).toBe(false);
      }),
    );
  });

  it('should reject any IBAN with two adjacent different digits transposed', () => {
    const withTransposition = anyValidIban
      .chain((iban) => fc.tuple(fc.constant(iban), fc.integer({ min: 2, max: iban.length - 2 })))
      .filter(([iban, i]) => /[0-9]/.test(iban[i]!) && /[0-9]/.test(iban[i + 1]!) && iban[i] !== iban[i + 1]);
    fc.assert(
      fc.property(withTransposition, ([iban, i]) => {
        expect(isValidIban(swap(iban, i, i + 1))).toBe(false);
      }),
    );
  });

  it('should reject any IBAN with a character removed or added', () => {
    fc.assert(
      fc.property(anyValidIban, fc.nat(), fc.constantFrom(...ALPHANUMERIC), (iban, cut, extra) => {
        const at = cut % iban.length;
        expect(isValidIban(iban.slice(0, at) + iban.slice(at + 1))).toBe(false);
        expect(isValidIban(iban.slice(0, at) + extra + iban.slice(at))).toBe(false);
      }),
    );
  });

  it('should reject any IBAN with one letter in lower case', () => {
    const withLetter = anyValidIban.chain((iban) =>
      fc.tuple(
        fc.constant(iban),
        fc.constantFrom(...[...iban].flatMap((ch, i) => (ch >= 'A' && ch <= 'Z' ? [i] : []))),
      ),
    );
    fc.assert(
      fc.property(withLetter, ([iban, i]) => {
        expect(isValidIban(iban.slice(0, i) + iban[i]!.toLowerCase() + iban.slice(i + 1))).toBe(false);
      }),
    );
  });

  it('should agree between isValidIban and parseIban on any string', () => {
    const candidates = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...ALPHANUMERIC, ' '), maxLength: 40 }),
      anyValidIban,
      anyValidIban.map(printForm),
    );
    fc.assert(
      fc.property(candidates, (value) => {
        if (isValidIban(value)) {
          expect(parseIban(value).iban).toBe(value.replaceAll(' ', ''));
        } else {
          expect(thrown(() => parseIban(value))).toMatchObject({ code: CoreErrorCodes.INVALID_IDENTIFIER });
        }
      }),
    );
  });
});
