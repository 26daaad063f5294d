import { type CanonicalPayment, money } from 'deltran';
import {
  ComplianceConfigError,
  createAmlRules,
  createComplianceChecker,
  createKycRegistry,
  createScreener,
  DEFAULT_SCREENING_CACHE_SIZE,
  loadJsonList,
  type ScreeningSubject,
} from 'deltran/compliance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureLists, payment } from './_fixtures';

// The screener's cache of name scoring results must never change a result: with the cache on (and
// small enough to evict all the time), every result equals the one of a screener without it.

const lists = fixtureLists();
const listedNames = lists.flatMap((l) => l.entries.flatMap((e) => e.names.map((n) => n.name))).slice(0, 40);

/** A listed name, a typo of one, or a made-up name; kinds, dates of birth, countries, identifiers. */
const nameArb = fc.oneof(
  fc.constantFrom(...listedNames),
  fc
    .tuple(fc.constantFrom(...listedNames), fc.nat(), fc.constantFrom('x', '', ' ', 'Q'))
    .map(([name, at, c]) => {
      const i = at % (name.length + 1);
      return `${name.slice(0, i)}${c}${name.slice(i + 1)}`;
    }),
  fc.constantFrom('Anna Lindqvist', 'Ruslan Karamov', 'Acme Trading GmbH', 'Jean Dupont', ''),
);
const subjectArb: fc.Arbitrary<ScreeningSubject> = fc.record(
  {
    name: nameArb,
    kind: fc.constantFrom('person', 'organization', 'vessel', 'unknown' as const),
    dateOfBirth: fc.constantFrom('1961-04-12', '1970', '1985-01-01', 'not a date'),
    countries: fc.array(fc.constantFrom('RU', 'IR', 'DE', 'KP', 'Russia', 'xx', 'US'), { maxLength: 3 }),
    bic: fc.constantFrom('DEUTDEFF', 'TSTBKPPY', 'TSTBKPPY001', 'BNPAFRPP'),
    iban: fc.constantFrom('DE89370400440532013000', 'FR1420041010050500013M02606'),
    otherIds: fc.array(fc.constantFrom('1234567890', 'ABC'), { maxLength: 1 }),
  },
  { requiredKeys: [] },
);

/** A stream with repeats: indexes into a small pool of subjects. */
const streamArb = fc
  .array(subjectArb, { minLength: 1, maxLength: 12 })
  .chain((pool) =>
    fc.tuple(fc.constant(pool), fc.array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 40 })),
  );

describe('screening cache', () => {
  const off = createScreener(lists, { cacheSize: 0 });

  it('should give the same results with the cache on as off, over a stream with repeats', () => {
    const onDefault = createScreener(lists);
    const onTiny = createScreener(lists, { cacheSize: 3 });
    fc.assert(
      fc.property(streamArb, ([pool, picks]) => {
        for (const k of picks) {
          const subject = pool[k]!;
          const expected = off.screen(subject);
          expect(onDefault.screen(subject)).toEqual(expected);
          expect(onTiny.screen(subject)).toEqual(expected);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('should give the same payment results and checker decisions with the cache on as off', async () => {
    const kyc = createKycRegistry([
      { bic: 'DEUTDEFF', status: 'active' },
      { bic: 'BNPAFRPP', status: 'suspended' },
    ]);
    const aml = () =>
      createAmlRules({
        amountThresholds: [money('1000.00', 'EUR')],
        highRiskCountries: { countries: ['KP', 'IR', 'RU'], decision: 'REJECT' },
        travelRule: {},
      });
    const checkerOff = createComplianceChecker({ screener: off, kyc, aml: aml() });
    const screenerOn = createScreener(lists, { cacheSize: 2 });
    const checkerOn = createComplianceChecker({ screener: screenerOn, kyc, aml: aml() });
    const partyArb = fc.record(
      {
        name: nameArb.filter((n) => n.trim().length > 0),
        postalAddress: fc.record({ country: fc.constantFrom('RU', 'DE', 'IR', 'FR') }),
        countryOfResidence: fc.constantFrom('KP', 'DE'),
      },
      { requiredKeys: ['name'] },
    );
    const paymentsArb = fc
      .array(fc.tuple(partyArb, partyArb), { minLength: 1, maxLength: 6 })
      .chain((pool) =>
        fc.tuple(
          fc.constant(pool),
          fc.array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 20 }),
        ),
      );
    await fc.assert(
      fc.asyncProperty(paymentsArb, async ([pool, picks]) => {
        for (const k of picks) {
          const [debtor, creditor] = pool[k]!;
          const p: CanonicalPayment = payment({
            debtor: { ...debtor, account: { iban: 'DE89370400440532013000' } },
            creditor: { ...creditor, account: { iban: 'FR1420041010050500013M02606' } },
          });
          expect(screenerOn.screen(p)).toEqual(off.screen(p));
          const expected = await checkerOff.check(p, { atMs: 1 });
          expect(await checkerOn.check(p, { atMs: 1 })).toEqual(expected);
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('should never show a result of another list: the cache belongs to one screener', () => {
    const name = 'Viktor Aleksandrovich Morozkin';
    const listed = createScreener([
      loadJsonList({ name: 'a', entries: [{ id: 'A-1', kind: 'person', names: [name] }] }),
    ]);
    const other = createScreener([
      loadJsonList({ name: 'b', entries: [{ id: 'B-1', kind: 'person', names: ['Someone Else Entirely'] }] }),
    ]);
    expect(listed.screen({ name }).decision).toBe('REVIEW');
    expect(listed.screen({ name }).decision).toBe('REVIEW');
    expect(other.screen({ name }).decision).toBe('ALLOW');
    expect(listed.screen({ name }).subjects[0]!.matches[0]!.entryId).toBe('internal:A-1');
  });

  it('should return fresh result objects for a repeated subject', () => {
    const screener = createScreener(lists);
    const a = screener.screen({ name: listedNames[0]! });
    const b = screener.screen({ name: listedNames[0]! });
    expect(b).toEqual(a);
    expect(b.subjects[0]!.matches).not.toBe(a.subjects[0]!.matches);
  });

  it('should default to 10,000 names and refuse a size that is not a non-negative integer', () => {
    expect(DEFAULT_SCREENING_CACHE_SIZE).toBe(10_000);
    for (const cacheSize of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      let error: unknown;
      try {
        createScreener(lists, { cacheSize });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ComplianceConfigError);
      expect((error as ComplianceConfigError).code).toBe('COMPLIANCE_INVALID_CONFIG');
      expect((error as ComplianceConfigError).path).toEqual(['cacheSize']);
    }
  });
});
