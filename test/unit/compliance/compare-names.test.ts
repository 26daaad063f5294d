import { compareNames } from 'deltran/compliance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('compareNames', () => {
  it('should score legal-form variants of a company as equal', () => {
    // Arrange / Act
    const score = compareNames('Siemens Aktiengesellschaft', 'SIEMENS AG', { kind: 'organization' });
    // Assert
    expect(score).toBe(1);
  });

  it('should ignore token order and the "LAST, First" convention', () => {
    // Arrange / Act / Assert
    expect(compareNames('PUTIN, Vladimir', 'Vladimir Putin', { kind: 'person' })).toBe(1);
  });

  it('should tolerate a dropped patronymic but not a substituted given name', () => {
    // Arrange / Act
    const dropped = compareNames('Vladimir Vladimirovich Putin', 'Vladimir Putin', { kind: 'person' });
    const substituted = compareNames('Daniel Tusk', 'Donald Tusk', { kind: 'person' });
    // Assert
    expect(dropped).toBeGreaterThan(0.79);
    expect(substituted).toBeLessThan(0.79);
  });

  it('should tolerate typos and transliteration variants', () => {
    // Arrange / Act / Assert
    expect(compareNames('Mohamed bin Salman', 'Mohammed bin Salman', { kind: 'person' })).toBeGreaterThan(
      0.9,
    );
    expect(compareNames('Wladimir Putin', 'Vladimir Putin', { kind: 'person' })).toBeGreaterThan(0.79);
    expect(compareNames('Emmanuel Macrone', 'Emmanuel Macron', { kind: 'person' })).toBeGreaterThan(0.9);
  });

  it('should handle joined and split words', () => {
    // Arrange / Act / Assert
    expect(compareNames('FridrichBuchenberg', 'Friedrich Buchenberg', { kind: 'person' })).toBeGreaterThan(
      0.79,
    );
  });

  it('should match across scripts', () => {
    // Arrange / Act / Assert
    expect(compareNames('Владимир Путин', 'Vladimir Putin', { kind: 'person' })).toBe(1);
  });

  it('should keep unrelated names apart', () => {
    // Arrange / Act / Assert
    expect(compareNames('Angela Merkel', 'Pol Pot', { kind: 'person' })).toBe(0);
    expect(compareNames('Volkswagen AG', 'Siemens AG', { kind: 'organization' })).toBeLessThan(0.5);
  });

  describe('properties', () => {
    const token = fc.stringMatching(/^[A-Z]{2,10}$/);
    const name = fc.array(token, { minLength: 1, maxLength: 5 });

    it('should score a name against itself 1, the highest score', () => {
      fc.assert(
        fc.property(name, name, (a, b) => {
          const self = compareNames(a.join(' '), a.join(' '));
          expect(self).toBe(1);
          expect(compareNames(a.join(' '), b.join(' '))).toBeLessThanOrEqual(self);
        }),
      );
    });

    it('should not depend on the order of tokens', () => {
      fc.assert(
        fc.property(
          name,
          name,
          fc.constantFrom('person', 'organization', 'unknown' as const),
          (a, b, kind) => {
            const shuffled = [...a].reverse();
            const rotated = [...b.slice(1), ...b.slice(0, 1)];
            const base = compareNames(a.join(' '), b.join(' '), { kind });
            expect(compareNames(shuffled.join(' '), b.join(' '), { kind })).toBeCloseTo(base, 12);
            expect(compareNames(a.join(' '), rotated.join(' '), { kind })).toBeCloseTo(base, 12);
          },
        ),
      );
    });

    it('should stay within [0, 1] and never throw on any strings', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
          const score = compareNames(a, b);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }),
      );
    });
  });
});
