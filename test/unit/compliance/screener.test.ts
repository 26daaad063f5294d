import { readFileSync } from 'node:fs';
import { ComplianceReasonCodes, createScreener, loadOfacSdn, type Screener } from 'deltran/compliance';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCorpus } from '../../_helpers/corpus';
import { fixtureLists, payment } from './_fixtures';

const screener: Screener = createScreener(fixtureLists());

describe('createScreener', () => {
  it('should index every entry of every list', () => {
    // Assert
    expect(screener.entryCount).toBe(5 + 2 + 2);
    expect(screener.nameCount).toBeGreaterThan(screener.entryCount);
    expect(screener.thresholds).toEqual({ review: 0.79, reject: 0.95 });
  });

  it('should refuse thresholds outside (0, 1] or a reject threshold below the review threshold', () => {
    // Act / Assert
    expect(() => createScreener([], { thresholds: { review: 0 } })).toThrow(
      expect.objectContaining({ code: 'COMPLIANCE_INVALID_CONFIG', path: ['thresholds', 'review'] }),
    );
    expect(() => createScreener([], { thresholds: { review: 0.9, reject: 0.8 } })).toThrow(
      expect.objectContaining({ code: 'COMPLIANCE_INVALID_CONFIG' }),
    );
  });

  it('should refuse two lists that share entry ids', () => {
    // Arrange
    const [sdn] = fixtureLists();
    // Act / Assert
    expect(() => createScreener([sdn!, sdn!])).toThrow(
      expect.objectContaining({ code: 'COMPLIANCE_DUPLICATE_ENTRY' }),
    );
  });
});

describe('Screener.screen (one subject)', () => {
  it('should REVIEW a reordered, misspelt listed name, with the matched fields and a reason', () => {
    // Arrange
    const subject = { name: 'Rouslan Karamov' };
    // Act
    const result = screener.screen(subject);
    // Assert
    expect(result.decision).toBe('REVIEW');
    const [match] = result.subjects[0]!.matches;
    expect(match).toMatchObject({ entryId: 'OFAC-SDN:9002', list: 'OFAC SDN', identifierHit: false });
    expect(match!.fields[0]).toMatchObject({ field: 'name', value: 'Rouslan Karamov' });
    expect(result.reasons[0]).toMatchObject({
      code: ComplianceReasonCodes.SANCTIONS_NAME_MATCH,
      decision: 'REVIEW',
      path: ['name'],
    });
  });

  it('should REJECT a strong name match corroborated by the date of birth', () => {
    // Arrange
    const subject = { name: 'Ruslan Timurovich Karamov', dateOfBirth: '1971-03-14', kind: 'person' as const };
    // Act
    const result = screener.screen(subject);
    // Assert
    expect(result.decision).toBe('REJECT');
    expect(result.subjects[0]!.matches[0]!.fields).toContainEqual(
      expect.objectContaining({ field: 'dateOfBirth', listed: '1971-03-14' }),
    );
  });

  it('should lower the score of a namesake born decades apart', () => {
    // Arrange
    const name = 'Ruslan Timurovich Karamov';
    // Act
    const same = screener.screen({ name, kind: 'person' }).score;
    const other = screener.screen({ name, kind: 'person', dateOfBirth: '1999-01-01' }).score;
    // Assert
    expect(other).toBeLessThan(same);
  });

  it('should REJECT a listed BIC whatever the name, for every branch of a listed BIC8', () => {
    // Act
    const branch = screener.screen({ name: 'Harmless Name', bic: 'TSTBKPPY123' });
    // Assert
    expect(branch.decision).toBe('REJECT');
    expect(branch.score).toBe(1);
    expect(branch.reasons[0]).toMatchObject({
      code: ComplianceReasonCodes.SANCTIONS_IDENTIFIER_MATCH,
      path: ['bic'],
    });
  });

  it('should hit listed IBANs, LEIs and document numbers', () => {
    // Act / Assert
    expect(screener.screen({ iban: 'DE89370400440532013000' }).decision).toBe('REJECT');
    expect(screener.screen({ lei: '5493001KJTIIGC8Y1R12' }).decision).toBe('REJECT');
    expect(screener.screen({ otherIds: ['IMO 9876543'] }).decision).toBe('ALLOW'); // folded to IMO9876543 ≠ 9876543
    expect(screener.screen({ otherIds: ['9876543'] }).decision).toBe('REJECT');
    expect(screener.screen({ otherIds: ['oa-123456'] }).decision).toBe('REJECT');
  });

  it('should ALLOW an unrelated name', () => {
    // Act
    const result = screener.screen({ name: 'Anna Lindqvist', countries: ['SE'] });
    // Assert
    expect(result).toMatchObject({ decision: 'ALLOW', score: 0, reasons: [] });
  });

  it('should accept an ISO 20022 party, and REJECT an exact name corroborated by its country', () => {
    // Act
    const result = screener.screen({ name: 'Zephyr Trading L.L.C.', postalAddress: { country: 'AE' } });
    // Assert
    expect(result.decision).toBe('REJECT');
    expect(result.subjects[0]!.matches[0]!.fields).toContainEqual(
      expect.objectContaining({ field: 'country', listed: 'AE' }),
    );
  });

  it('should rank candidates with search whatever their score', () => {
    // Act
    const hits = screener.search({ name: 'Hamid' }, 3);
    // Assert
    expect(hits[0]!.entryId).toBe('UN:TSi.001');
    expect(hits.length).toBeLessThanOrEqual(3);
  });
});

describe('Screener.screen (payment)', () => {
  it('should screen every party and agent of a payment, in payment order', () => {
    // Arrange
    const p = payment({
      ultimateCreditor: { name: 'Northern Light Export Co.' },
      intermediaryAgents: [{ bic: 'TSTBKPPY' }],
    });
    // Act
    const result = screener.screen(p);
    // Assert
    expect(result.subjects.map((s) => s.role)).toEqual([
      'debtor',
      'creditor',
      'ultimateCreditor',
      'debtorAgent',
      'creditorAgent',
      'intermediaryAgent',
    ]);
    expect(result.decision).toBe('REJECT');
    expect(result.reasons.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        ['debtor', 'name'],
        ['ultimateCreditor', 'name'],
        ['intermediaryAgents', 0, 'bic'],
      ]),
    );
  });

  it('should ALLOW a clean payment', () => {
    // Arrange
    const p = payment({ debtor: { name: 'Erik Holm', account: { iban: 'GB82WEST12345698765432' } } });
    // Act / Assert
    expect(screener.screen(p).decision).toBe('ALLOW');
  });
});

describe('properties', () => {
  it('should always REJECT with score 1 when an identifier is listed, whatever the name', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(
          { bic: 'TSTBKPPY' },
          { bic: 'TSTBKPPY001' },
          { iban: 'DE89 3704 0044 0532 0130 00' },
          { lei: '5493001KJTIIGC8Y1R12' },
          { otherIds: ['1234567890'] },
        ),
        (name, id) => {
          const result = screener.screen({ name, ...id });
          expect(result.decision).toBe('REJECT');
          expect(result.score).toBe(1);
          expect(result.subjects[0]!.matches[0]!.identifierHit).toBe(true);
        },
      ),
    );
  });

  it('should score a listed name exactly as written at least as high as any variant', () => {
    const listed = [
      'KARAMOV, Ruslan Timurovich',
      'HAMID QASIR ZAMANI',
      'ZEPHYR TRADING LLC',
      'Marta Quellenberg',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...listed), fc.string({ maxLength: 20 }), (name, noise) => {
        const exact = screener.screen({ name }).score;
        expect(exact).toBe(1);
        expect(screener.screen({ name: `${name} ${noise}` }).score).toBeLessThanOrEqual(exact);
      }),
    );
  });

  it('should never throw on any subject', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            name: fc.string({ unit: 'binary' }),
            dateOfBirth: fc.string(),
            countries: fc.array(fc.string()),
            bic: fc.string(),
            iban: fc.string(),
            otherIds: fc.array(fc.string()),
          },
          { requiredKeys: [] },
        ),
        (subject) => {
          const result = screener.screen(subject);
          expect(['ALLOW', 'REVIEW', 'REJECT']).toContain(result.decision);
        },
      ),
    );
  });
});

describeCorpus('screening the 2024 SDN list (shared corpus)', (dir) => {
  let sdnScreener: Screener;
  let sdnText: string;
  beforeAll(() => {
    const bytes = readFileSync(`${dir}/data/sanctions/ofac_sdn_2024-05-03/sdn.csv`);
    sdnText = bytes.toString('latin1');
    sdnScreener = createScreener([loadOfacSdn({ sdn: bytes })]);
  });

  it('should catch every BIC listed in the SDN remarks, as BIC8, BIC11 and branch', () => {
    // Arrange
    const bics = [...sdnText.matchAll(/SWIFT\/BIC ([A-Z0-9]{8,11})/g)].map((m) => m[1]!);
    // Act
    const missed = bics.filter((bic) => {
      const probes = bic.length === 8 ? [bic, `${bic}XXX`, `${bic}ABC`] : [bic];
      return probes.some((probe) => sdnScreener.screen({ bic: probe }).decision !== 'REJECT');
    });
    // Assert
    expect(bics).toHaveLength(162);
    expect(missed).toEqual([]);
  });

  it('should find a listed bank by name and an individual by reordered name', () => {
    // Act / Assert
    expect(sdnScreener.screen({ name: 'Banco Nacional de Cuba' }).decision).not.toBe('ALLOW');
    expect(sdnScreener.screen({ name: 'Mousa Mohammed Abu Marzook' }).decision).not.toBe('ALLOW');
  });
});
