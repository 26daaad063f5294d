import type { ComplianceDecision } from 'deltran/compliance';
import {
  agentCountry,
  classifyCrossBorder,
  createMemoryObligationStore,
  createObligation,
  createObligationEngine,
  DEFAULT_CURRENCY_AREAS,
  ObligationConflictError,
  ObligationsErrorCodes,
  obligationId,
} from 'deltran/obligations';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payment } from '../compliance/_fixtures';

function allow(uetr: string): ComplianceDecision {
  return {
    uetr,
    decision: 'ALLOW',
    reasons: [],
    screening: { decision: 'ALLOW', score: 0, subjects: [], reasons: [] },
    atMs: 0,
  };
}

describe('createObligation', () => {
  it('should build the obligation of an allowed payment with a deterministic id', () => {
    // Arrange
    const p = payment({ amount: { currency: 'USD', amount: '1250.00' } });
    // Act
    const { obligation, route } = createObligation(p, { decision: allow(p.uetr) });
    // Assert
    expect(obligation).toMatchObject({
      id: `obl:${p.uetr}`,
      uetr: p.uetr,
      endToEndId: 'E2E-TEST-1',
      debtorAgentCountry: 'DE',
      creditorAgentCountry: 'FR',
      valueDate: '2026-03-02',
      crossBorder: true,
    });
    expect(obligation.amount).toEqual(p.amount);
    expect(route.steps).toEqual(['token.mint', 'clearing']);
    expect(obligationId(p.uetr)).toBe(obligation.id);
  });

  it('should route a euro payment inside the euro area locally, unless areas are disabled', () => {
    // Arrange
    const p = payment();
    // Act
    const inArea = createObligation(p);
    const strict = createObligation(p, { currencyAreas: [] });
    // Assert
    expect(inArea.route).toEqual({
      steps: ['token.mint', 'local'],
      reason: 'domestic within the euro area (DE → FR, EUR)',
    });
    expect(strict.route.steps).toEqual(['token.mint', 'clearing']);
  });

  it('should route a domestic payment locally whatever the currency', () => {
    // Arrange
    const p = payment({ creditorAgent: { bic: 'COBADEFF' }, amount: { currency: 'USD', amount: '5.00' } });
    // Act / Assert
    expect(createObligation(p).route.steps).toEqual(['token.mint', 'local']);
  });

  it('should use the IBAN country where an agent has no BIC, then the agent country', () => {
    // Arrange
    const p = payment({ creditorAgent: { clearingMemberId: '30004' } });
    // Act / Assert
    expect(classifyCrossBorder(p)).toMatchObject({ creditorAgentCountry: 'FR' });
    expect(agentCountry({ country: 'SE' })).toBe('SE');
    expect(agentCountry({ bic: 'HSBCGB2L' }, 'DE89370400440532013000')).toBe('GB');
  });

  it('should refuse payments that are not allowed, have no value date or no agent country', () => {
    // Arrange
    const p = payment();
    const review = { ...allow(p.uetr), decision: 'REVIEW' as const };
    // Act / Assert
    expect(() => createObligation(p, { decision: review })).toThrow(
      expect.objectContaining({ code: ObligationsErrorCodes.NOT_ALLOWED }),
    );
    expect(() => createObligation(p, { decision: allow('other') })).toThrow(
      expect.objectContaining({ code: 'OBLIGATIONS_NOT_ALLOWED' }),
    );
    expect(() => createObligation(payment({ settlementDate: undefined }))).toThrow(
      expect.objectContaining({ code: ObligationsErrorCodes.MISSING_VALUE_DATE }),
    );
    expect(
      createObligation(payment({ settlementDate: undefined }), { valueDate: '2026-03-03' }).obligation
        .valueDate,
    ).toBe('2026-03-03');
    expect(() => createObligation(payment({ creditorAgent: {}, creditor: { name: 'X' } }))).toThrow(
      expect.objectContaining({ code: ObligationsErrorCodes.UNKNOWN_AGENT_COUNTRY, path: ['creditorAgent'] }),
    );
  });
});

describe('createObligationEngine', () => {
  it('should create one obligation per UETR and return it again on a replay', async () => {
    // Arrange
    const engine = createObligationEngine();
    const p = payment();
    // Act
    const first = await engine.process(p);
    const again = await engine.process(payment());
    // Assert
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ ...first, duplicate: true });
  });

  it('should raise a conflict for the same UETR with different content', async () => {
    // Arrange
    const engine = createObligationEngine();
    await engine.process(payment());
    // Act
    const conflict = engine.process(payment({ amount: { currency: 'EUR', amount: '1250.01' } }));
    // Assert
    await expect(conflict).rejects.toBeInstanceOf(ObligationConflictError);
    await expect(
      engine.process(payment({ amount: { currency: 'EUR', amount: '1250.01' } })),
    ).rejects.toMatchObject({
      code: ObligationsErrorCodes.UETR_CONFLICT,
    });
  });

  it('should let the store decide a race between two workers', async () => {
    // Arrange: a store whose get never sees the other worker's record
    const inner = createMemoryObligationStore();
    const store = { get: () => undefined, putIfAbsent: inner.putIfAbsent };
    const engine = createObligationEngine({ store });
    // Act
    const [a, b] = await Promise.all([engine.process(payment()), engine.process(payment())]);
    // Assert
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.obligation).toEqual(b.obligation);
  });

  describe('properties', () => {
    const bics = ['DEUTDEFF', 'COBADEFF', 'BNPAFRPP', 'CHASUS33', 'HSBCGB2L', 'UNCRITMM', 'BSCHESMM'];
    const currencies = ['EUR', 'USD', 'GBP'];

    it('should always mint first, then clear exactly the cross-border obligations', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...bics),
          fc.constantFrom(...bics),
          fc.constantFrom(...currencies),
          (from, to, currency) => {
            const p = payment({
              debtorAgent: { bic: from },
              creditorAgent: { bic: to },
              amount: { currency, amount: '10.00' },
            });
            const { obligation, route } = createObligation(p);
            const a = from.slice(4, 6);
            const b = to.slice(4, 6);
            const euroArea = DEFAULT_CURRENCY_AREAS[0]!.countries;
            const expected = a !== b && !(currency === 'EUR' && euroArea.includes(a) && euroArea.includes(b));
            expect(route.steps[0]).toBe('token.mint');
            expect(obligation.crossBorder).toBe(expected);
            expect(route.steps[1]).toBe(expected ? 'clearing' : 'local');
          },
        ),
      );
    });

    it('should be idempotent: any number of replays yields one obligation', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.uuid({ version: 4 }), async (times, uuid) => {
          const engine = createObligationEngine();
          const p = payment({ uetr: uuid });
          const outcomes = [];
          for (let i = 0; i < times; i++) outcomes.push(await engine.process(p));
          expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
          expect(new Set(outcomes.map((o) => o.obligation.id))).toEqual(new Set([`obl:${uuid}`]));
        }),
      );
    });
  });
});
