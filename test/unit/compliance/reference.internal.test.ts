/**
 * The compliance checker after stop 13 (screening cache without map churn, per-BIC memos in the
 * screener and the KYC registry, AML country flags, decision ordering without a keyed table) against
 * the code before it, kept in _reference/: the same decisions, reasons (codes, messages, paths, order),
 * subjects and matches, on the demo day's 20,000 payments and on seeded generated inputs.
 */
import { type Agent, type CanonicalPayment, money, type Party } from 'deltran';
import {
  type AmlRulesConfig,
  type ComplianceChecker,
  createAmlRules,
  createComplianceChecker,
  createKycRegistry,
  createMemoryAmlStore,
  createScreener,
  loadJsonList,
  type Participant,
  type SanctionsList,
  type ScreeningSubject,
} from 'deltran/compliance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDemoWorld } from '../../../src/cli/_internal/demo-world';
import { worst } from '../../../src/compliance/_internal/decision';
import { fixtureLists } from './_fixtures';
import { createAmlRules as referenceAml } from './_reference/create-aml-rules';
import { createComplianceChecker as referenceChecker } from './_reference/create-compliance-checker';
import { createKycRegistry as referenceKyc } from './_reference/create-kyc-registry';
import { createScreener as referenceScreener } from './_reference/create-screener';
import { worst as referenceWorst } from './_reference/decision';

const startMs = Date.UTC(2026, 11, 1);
const world = createDemoWorld({ seed: 20261201, payments: 20_000, startMs });
// The demo checker's participants: every bank of the day, the ORIO… one suspended (as demo-world does).
const demoParticipants: Participant[] = [
  ...new Set(world.payments.flatMap((p) => [p.debtorAgent.bic!, p.creditorAgent.bic!])),
].map((bic) => ({ bic, status: bic.startsWith('ORIO') ? 'suspended' : 'active' }));
const demoAml: AmlRulesConfig = {
  highRiskCountries: { countries: ['KP', 'IR'], decision: 'REJECT' },
  travelRule: {},
};

function checkers(
  lists: readonly SanctionsList[],
  participants: readonly Participant[],
  aml: AmlRulesConfig,
  cacheSize?: number,
): [ComplianceChecker, ComplianceChecker] {
  const options = cacheSize === undefined ? {} : { cacheSize };
  return [
    createComplianceChecker({
      screener: createScreener(lists, options),
      kyc: createKycRegistry(participants),
      aml: createAmlRules(aml),
    }),
    referenceChecker({
      screener: referenceScreener(lists, options),
      kyc: referenceKyc(participants),
      aml: referenceAml(aml),
    }),
  ];
}

/** What a call gave: its value, or its error (class, code, message, path). */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string; path?: unknown };
    return { error: { class: error?.constructor?.name, code: e.code, message: e.message, path: e.path } };
  }
}

describe('compliance checker against the checker before stop 13', () => {
  it('should decide every payment of the demo day the same, first seen and seen again', async () => {
    const [fresh, old] = checkers([loadJsonList(world.sanctionsList)], demoParticipants, demoAml);
    // The demo's own checker is built the same way (its registry from all the day's banks).
    const demo = world.createChecker();
    let notAllowed = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < world.payments.length; i++) {
        const p = world.payments[i]!;
        const expected = await old.check(p, { atMs: startMs + i });
        expect(await fresh.check(p, { atMs: startMs + i })).toEqual(expected);
        expect(await demo.check(p, { atMs: startMs + i })).toEqual(expected);
        if (pass === 0 && expected.decision !== 'ALLOW') notAllowed++;
      }
    }
    // The day has sanctioned parties, suspended banks and high-risk countries: the check saw them.
    expect(notAllowed).toBeGreaterThan(10);
  });

  it('should decide the same with a screening cache that evicts all the time, and with none', async () => {
    for (const cacheSize of [0, 1, 3]) {
      const [fresh, old] = checkers(
        [loadJsonList(world.sanctionsList)],
        demoParticipants,
        demoAml,
        cacheSize,
      );
      for (let i = 0; i < 4000; i++) {
        // Names come back soon and late: the cache hits its newest, oldest and middle names.
        const p = world.payments[(i * 7) % 600]!;
        expect(await fresh.check(p, { atMs: startMs + i })).toEqual(
          await old.check(p, { atMs: startMs + i }),
        );
      }
    }
  });
});

// Generated payments: agents and parties from pools with listed, high-risk, invalid and unusual values.
const lists = fixtureLists();
const listedNames = lists.flatMap((l) => l.entries.flatMap((e) => e.names.map((n) => n.name))).slice(0, 30);
const BICS = [
  'DEUTDEFF',
  'DEUTDEFF500',
  'DEUTDEFFXXX',
  'BNPAFRPP',
  'TSTBKPPY',
  'TSTBKPPY001',
  'PUECKPPYXXX',
  'BMJIIRTH',
  'BMJIIRTHXXX',
  'CHASUS33',
  'DEUTZZFF',
  'deutdeff',
  'BAD',
  'KPKPKPKP',
];
const IBANS = [
  'DE89370400440532013000',
  'FR1420041010050500013M02606',
  'IR062960000000100324200001',
  'KP00BAD',
];
const bic = fc.constantFrom(...BICS);
const country = fc.constantFrom('DE', 'FR', 'KP', 'IR', 'RU', 'US', 'Russia', 'xx');
const agent: fc.Arbitrary<Agent> = fc.record(
  {
    bic,
    country,
    name: fc.constantFrom(...listedNames, 'Deutsche Bank'),
    lei: fc.constantFrom('5493001KJTIIGC8Y1R12'),
  },
  { requiredKeys: [] },
);
const party: fc.Arbitrary<Party> = fc.record(
  {
    name: fc.oneof(
      fc.constantFrom(...listedNames),
      fc.constantFrom('Anna Lindqvist', 'Acme Trading GmbH', ''),
    ),
    postalAddress: fc.record(
      { country, townName: fc.constantFrom('Berlin', 'Pyongyang') },
      { requiredKeys: [] },
    ),
    countryOfResidence: country,
    account: fc.oneof(
      fc.record({ iban: fc.constantFrom(...IBANS) }),
      fc.record({ otherId: fc.constantFrom('ACC1', 'ACC2') }),
      fc.constant({}),
    ),
    bic,
    lei: fc.constantFrom('5493001KJTIIGC8Y1R12', '213800LBQA1Y9L22JB70'),
    otherIds: fc.array(fc.constantFrom('1234567890', 'ABC', 'P1234567'), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const paymentArb: fc.Arbitrary<CanonicalPayment> = fc
  .record(
    {
      base: fc.nat({ max: 999 }),
      debtor: party,
      creditor: party,
      ultimateDebtor: fc.option(party, { nil: undefined }),
      ultimateCreditor: fc.option(party, { nil: undefined }),
      debtorAgent: agent,
      creditorAgent: agent,
      instructingAgent: fc.option(agent, { nil: undefined }),
      instructedAgent: fc.option(agent, { nil: undefined }),
      intermediaryAgents: fc.option(fc.array(agent, { maxLength: 3 }), { nil: undefined }),
      amount: fc.constantFrom('10.00', '9999.99', '10000.00', '250000.00'),
    },
    { requiredKeys: ['base', 'debtor', 'creditor', 'debtorAgent', 'creditorAgent', 'amount'] },
  )
  .map(({ base, amount, ...parts }) => {
    const out: Record<string, unknown> = { ...world.payments[base]!, amount: money(amount, 'EUR') };
    for (const [k, v] of Object.entries(parts)) if (v !== undefined) out[k] = v;
    return out as unknown as CanonicalPayment;
  });
/** A stream with repeats: indexes into a small pool. */
const streamOf = <T>(arb: fc.Arbitrary<T>) =>
  fc
    .array(arb, { minLength: 1, maxLength: 10 })
    .chain((pool) =>
      fc.tuple(
        fc.constant(pool),
        fc.array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 30 }),
      ),
    );

describe('compliance parts against the code before stop 13, on generated inputs', () => {
  const participants: Participant[] = [
    { bic: 'DEUTDEFF', status: 'active' },
    { bic: 'DEUTDEFF500', status: 'suspended' },
    { bic: 'BNPAFRPP', status: 'closed' },
    { bic: 'CHASUS33XXX', status: 'active' },
    { bic: 'TSTBKPPY', status: 'active' },
  ];

  it('should check generated payments the same (screening, KYC of all agents, every AML rule)', async () => {
    const config: AmlRulesConfig = {
      amountThresholds: [money('10000.00', 'EUR')],
      structuring: { windowMs: 3_600_000, minCount: 2 },
      velocity: { windowMs: 3_600_000, countMax: 3, sumMax: [money('30000.00', 'EUR')] },
      highRiskCountries: { countries: ['KP', 'IR', 'RU'], decision: 'REVIEW' },
      travelRule: { decision: 'REJECT' },
    };
    await fc.assert(
      fc.asyncProperty(
        streamOf(paymentArb),
        fc.constantFrom(undefined, 2),
        async ([pool, picks], cacheSize) => {
          const options = cacheSize === undefined ? {} : { cacheSize };
          const make = (fresh: boolean) =>
            (fresh ? createComplianceChecker : referenceChecker)({
              screener: (fresh ? createScreener : referenceScreener)(lists, {
                ...options,
                screenAgentNames: true,
              }),
              kyc: (fresh ? createKycRegistry : referenceKyc)(participants, { agents: 'all' }),
              aml: (fresh ? createAmlRules : referenceAml)(config),
            });
          const fresh = make(true);
          const old = make(false);
          const freshStore = createMemoryAmlStore();
          const oldStore = createMemoryAmlStore();
          for (let i = 0; i < picks.length; i++) {
            const p = pool[picks[i]!]!;
            expect(await outcome(() => fresh.check(p, { atMs: i * 60_000, store: freshStore }))).toEqual(
              await outcome(() => old.check(p, { atMs: i * 60_000, store: oldStore })),
            );
          }
        },
      ),
      { seed: 1311, numRuns: 150 },
    );
  });

  it('should screen generated subjects the same, identifiers and listed names included', () => {
    const subject: fc.Arbitrary<ScreeningSubject> = fc.record(
      {
        name: fc.constantFrom(...listedNames, 'Anna Lindqvist', ''),
        kind: fc.constantFrom('person', 'organization', 'vessel', 'unknown' as const),
        dateOfBirth: fc.constantFrom('1961-04-12', '1970', 'not a date'),
        countries: fc.array(country, { maxLength: 2 }),
        bic,
        iban: fc.constantFrom(...IBANS, 'DE89 3704 0044 0532 0130 00'),
        lei: fc.constantFrom('5493001KJTIIGC8Y1R12', '213800LBQA1Y9L22JB70'),
        otherIds: fc.array(fc.constantFrom('1234567890', 'ABC', 'P1234567'), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(streamOf(subject), fc.constantFrom(undefined, 0, 1, 2), ([pool, picks], cacheSize) => {
        const options = cacheSize === undefined ? {} : { cacheSize };
        const fresh = createScreener(lists, options);
        const old = referenceScreener(lists, options);
        for (const k of picks) {
          expect(fresh.screen(pool[k]!)).toEqual(old.screen(pool[k]!));
          expect(fresh.search(pool[k]!, 3)).toEqual(old.search(pool[k]!, 3));
        }
      }),
      { seed: 1312, numRuns: 200 },
    );
  });

  it('should look up the same participants, past the size of the look-up memo', () => {
    const fresh = createKycRegistry(participants);
    const old = referenceKyc(participants);
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const many: string[] = [];
    for (let i = 0; i < 6000; i++) many.push(`${letters[i % 26]}${letters[((i / 26) % 26) | 0]}XXDEFF`);
    const all = [...BICS, 'DEUTDEFF501', 'CHASUS33', 'CHASUS33XXX', 'CHASUS33NYC', ...many];
    for (let round = 0; round < 2; round++) {
      for (const b of all) expect(fresh.lookup(b)).toBe(old.lookup(b));
    }
  });

  it('should order decisions the same, unknown values included', () => {
    const values = [
      'ALLOW',
      'REVIEW',
      'REJECT',
      'allow',
      '',
      'toString',
      '__proto__',
      'constructor',
    ] as const;
    for (const a of values) {
      for (const b of values) {
        expect(worst(a as 'ALLOW', b as 'ALLOW')).toBe(referenceWorst(a as 'ALLOW', b as 'ALLOW'));
      }
    }
  });
});
