import { readFileSync } from 'node:fs';
import {
  ComplianceErrorCodes,
  InvalidListError,
  loadJsonList,
  loadOfacSdn,
  loadUnList,
} from 'deltran/compliance';
import { describe, expect, it } from 'vitest';
import { describeCorpus } from '../../_helpers/corpus';
import { fixture, fixtureLists } from './_fixtures';

describe('loadOfacSdn', () => {
  it('should read names, types, programmes and the remarks (aliases, DOB, nationality, BIC)', () => {
    // Arrange / Act
    const [sdn] = fixtureLists();
    const bank = sdn!.entries.find((e) => e.id === 'OFAC-SDN:9001')!;
    const person = sdn!.entries.find((e) => e.id === 'OFAC-SDN:9002')!;
    // Assert
    expect(sdn!.entries).toHaveLength(5);
    expect(bank.kind).toBe('organization');
    expect(bank.identifiers.filter((i) => i.type === 'BIC').map((i) => i.value)).toEqual([
      'TSTBKPPY',
      'TSTBKPPY001',
    ]);
    expect(bank.names.map((n) => n.name)).toContain('NORTHLAND TEST BANK');
    expect(person.kind).toBe('person');
    expect(person.datesOfBirth).toEqual(['1971-03-14']);
    expect(person.countries).toEqual(['RU']);
    expect(person.identifiers).toContainEqual({ type: 'passport', value: '7712345678', country: 'RU' });
    expect(person.programs).toEqual(['RUSSIA-EO14024']);
  });

  it('should join alt, add and comments on ent_num and report orphan rows as issues', () => {
    // Arrange / Act
    const [sdn] = fixtureLists();
    const person = sdn!.entries.find((e) => e.id === 'OFAC-SDN:9002')!;
    const company = sdn!.entries.find((e) => e.id === 'OFAC-SDN:9004')!;
    const vessel = sdn!.entries.find((e) => e.id === 'OFAC-SDN:9003')!;
    const yemeni = sdn!.entries.find((e) => e.id === 'OFAC-SDN:9005')!;
    // Assert
    expect(person.names).toContainEqual({ name: 'CARAMOV, Rouslan', type: 'aka' });
    expect(company.names).toContainEqual({ name: 'ZEPHYR GENERAL TRADING FZE', type: 'fka' });
    expect(company.countries).toEqual(['AE']);
    expect(vessel.kind).toBe('organization');
    expect(vessel.countries).toEqual(['MT', 'IR']);
    expect(vessel.identifiers).toContainEqual({ type: 'IMO', value: '9876543' });
    expect(yemeni.countries).toEqual(['YE', 'SA']);
    expect(yemeni.datesOfBirth).toEqual(['1968', '1969']);
    expect(sdn!.issues).toEqual([
      expect.objectContaining({ path: ['alt', 2], code: ComplianceErrorCodes.INVALID_LIST }),
    ]);
  });

  it('should throw COMPLIANCE_INVALID_LIST when sdn has no SDN row', () => {
    // Arrange
    const load = () => loadOfacSdn({ sdn: 'a,b\nc,d\n' });
    // Act / Assert
    expect(load).toThrow(InvalidListError);
    expect(load).toThrow(expect.objectContaining({ code: ComplianceErrorCodes.INVALID_LIST }));
  });
});

describe('loadUnList', () => {
  it('should read individuals and entities with aliases, dates, documents and countries', () => {
    // Arrange / Act
    const list = loadUnList(fixture('un.xml'));
    const [person, entity] = list.entries;
    // Assert
    expect(person).toMatchObject({
      id: 'UN:TSi.001',
      kind: 'person',
      countries: ['AF', 'PK'],
      datesOfBirth: ['1962-05-01', '1963', '1964'],
      identifiers: [{ type: 'passport', value: 'OA123456', country: 'AF' }],
    });
    expect(person!.names).toContainEqual({ name: 'MULLAH HAMID', type: 'weak-aka' });
    expect(person!.names).toContainEqual({ name: 'حامد قاصر', type: 'original-script' });
    expect(entity).toMatchObject({ id: 'UN:TSe.001', kind: 'organization', countries: ['KP'] });
    expect(list.issues).toHaveLength(1);
  });

  it('should throw COMPLIANCE_INVALID_LIST for another XML document', () => {
    // Arrange / Act / Assert
    expect(() => loadUnList('<Document/>')).toThrow(
      expect.objectContaining({ code: 'COMPLIANCE_INVALID_LIST' }),
    );
  });
});

describe('loadJsonList', () => {
  it('should read the internal list format', () => {
    // Arrange / Act
    const list = loadJsonList(fixture('internal-list.json'));
    // Assert
    expect(list.name).toBe('Test bank internal watch list');
    expect(list.entries[0]).toMatchObject({
      id: 'internal:W-1',
      kind: 'person',
      names: [
        { name: 'Marta Quellenberg', type: 'primary' },
        { name: 'M. Quellenberg', type: 'aka' },
      ],
    });
    expect(list.entries[1]!.kind).toBe('organization');
  });

  it('should list every problem with its path', () => {
    // Arrange
    const bad = {
      entries: [
        { id: 'x', names: [] },
        { id: 'y', names: ['ok'], countries: ['Atlantis'] },
      ],
    };
    // Act
    let error: InvalidListError | undefined;
    try {
      loadJsonList(bad);
    } catch (e) {
      error = e as InvalidListError;
    }
    // Assert
    expect(error?.code).toBe('COMPLIANCE_INVALID_LIST');
    expect(error?.issues.map((i) => i.path)).toEqual([
      ['entries', 0, 'names'],
      ['entries', 1, 'countries', 0],
    ]);
  });

  it('should reject duplicate ids', () => {
    // Arrange / Act / Assert
    expect(() =>
      loadJsonList({
        entries: [
          { id: 'a', names: ['A'] },
          { id: 'a', names: ['B'] },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'COMPLIANCE_DUPLICATE_ENTRY', path: ['entries', 1, 'id'] }));
  });
});

describeCorpus('official lists (shared corpus)', (dir) => {
  const sanctions = `${dir}/data/sanctions`;

  it('should load the whole 2024-05-03 SDN list with every SWIFT/BIC of the remarks', () => {
    // Arrange
    const sdnText = readFileSync(`${sanctions}/ofac_sdn_2024-05-03/sdn.csv`, 'latin1');
    const bicsInRemarks = [...sdnText.matchAll(/SWIFT\/BIC ([A-Z0-9]{8,11})/g)].length;
    // Act
    const list = loadOfacSdn({ sdn: readFileSync(`${sanctions}/ofac_sdn_2024-05-03/sdn.csv`) });
    const bics = list.entries.flatMap((e) => e.identifiers.filter((i) => i.type === 'BIC'));
    // Assert
    expect(list.entries).toHaveLength(14_965);
    expect(list.issues).toEqual([]);
    expect(list.entries.filter((e) => e.kind === 'person')).toHaveLength(6_854);
    expect(bics).toHaveLength(bicsInRemarks);
    expect(bicsInRemarks).toBe(162);
  });

  it('should join the complete 2021 set on ent_num without orphans', () => {
    // Arrange
    const read = (f: string) => readFileSync(`${sanctions}/ofac_sdn_2021-07-07_complete/${f}`);
    // Act
    const list = loadOfacSdn({
      sdn: read('sdn.csv'),
      alt: read('alt.csv'),
      add: read('add.csv'),
      comments: read('sdn_comments.csv'),
    });
    const names = list.entries.reduce((n, e) => n + e.names.length, 0);
    // Assert
    expect(list.entries).toHaveLength(8_976);
    expect(list.issues).toEqual([]);
    expect(names).toBeGreaterThanOrEqual(8_976 + 11_910);
  });

  it('should load the UN consolidated list of 2026-02', () => {
    // Act
    const list = loadUnList(readFileSync(`${sanctions}/un/UN_consolidated_2026-02-27.xml`));
    // Assert
    expect(list.entries.filter((e) => e.kind === 'person')).toHaveLength(730);
    expect(list.entries.filter((e) => e.kind === 'organization')).toHaveLength(273);
    expect(list.issues).toEqual([]);
  });
});
