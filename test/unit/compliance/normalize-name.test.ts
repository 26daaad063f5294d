import { normalizeName } from 'deltran/compliance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('normalizeName', () => {
  it('should transliterate Cyrillic and fold case and spaces', () => {
    // Arrange
    const name = 'Владимир  Путин';
    // Act
    const normalized = normalizeName(name);
    // Assert
    expect(normalized).toBe('VLADIMIR PUTIN');
  });

  it('should strip diacritics and join apostrophes', () => {
    // Arrange / Act / Assert
    expect(normalizeName('Recep Tayyip Erdoğan')).toBe('RECEP TAYYIP ERDOGAN');
    expect(normalizeName("Al Qa'ida")).toBe('AL QAIDA');
    expect(normalizeName("O'Brien")).toBe('OBRIEN');
  });

  it('should drop the dots of acronyms and turn other punctuation into spaces', () => {
    // Arrange / Act / Assert
    expect(normalizeName('A.B.C. Company, Ltd.')).toBe('ABC COMPANY LTD');
    expect(normalizeName('Jean-Marie Le Pen')).toBe('JEAN MARIE LE PEN');
  });

  it('should write numbers as digits', () => {
    // Arrange / Act / Assert
    expect(normalizeName('Brigade Forty-Four')).toBe('BRIGADE 44');
    expect(normalizeName('Three Percenters')).toBe('3 PERCENTERS');
    expect(normalizeName('3rd Battalion')).toBe('3 BATTALION');
  });

  it('should read digits inside words as letters', () => {
    // Arrange / Act / Assert
    expect(normalizeName('Ig0r Sech1n')).toBe('IGOR SECHIN');
  });

  it('should transliterate Arabic, Greek and CJK scripts to Latin letters', () => {
    // Arrange / Act
    const arabic = normalizeName('محمد علي');
    const greek = normalizeName('Νικόλαος');
    const chinese = normalizeName('王伟');
    // Assert
    expect(arabic).toMatch(/^[A-Z]+ [A-Z]+$/);
    expect(greek).toBe('NIKOLAOS');
    expect(chinese).toBe('WANG WEI');
  });

  it('should return an empty string for a name without letters or digits', () => {
    // Arrange / Act / Assert
    expect(normalizeName(' - , . ')).toBe('');
  });

  describe('properties', () => {
    it('should be idempotent', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (name) => {
          const once = normalizeName(name);
          expect(normalizeName(once)).toBe(once);
        }),
      );
    });

    it('should be idempotent on name-like strings with punctuation and numbers', () => {
      const part = fc.oneof(
        fc.constantFrom(
          'AL',
          'BIN',
          'S.A.',
          'LTD',
          'Forty',
          'Four',
          'III',
          '3rd',
          "O'",
          '&',
          '-',
          'Ig0r',
          'Ёж',
          'محمد',
        ),
        fc.string({ minLength: 1, maxLength: 8 }),
      );
      fc.assert(
        fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
          const once = normalizeName(parts.join(' '));
          expect(normalizeName(once)).toBe(once);
        }),
      );
    });

    it('should never throw and only produce upper-case ASCII tokens', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (name) => {
          const normalized = normalizeName(name);
          expect(normalized).toMatch(/^([A-Z0-9]+( [A-Z0-9]+)*)?$/);
        }),
      );
    });
  });
});
