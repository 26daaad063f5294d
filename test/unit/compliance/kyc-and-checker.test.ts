import { money } from 'deltran';
import {
  ComplianceReasonCodes,
  createAmlRules,
  createComplianceChecker,
  createKycRegistry,
  createMemoryAmlStore,
  createScreener,
  toComplianceRejection,
} from 'deltran/compliance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureLists, payment } from './_fixtures';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

describe('createKycRegistry', () => {
  const kyc = createKycRegistry([
    { bic: 'DEUTDEFF', status: 'active', name: 'Test Bank DE' },
    { bic: 'BNPAFRPP', status: 'active' },
    { bic: 'BNPAFRPP123', status: 'suspended' },
    { bic: 'COBADEFFXXX', status: 'closed' },
  ]);

  it('should ALLOW a payment between active participants, branches included', () => {
    // Act / Assert
    expect(kyc.check(payment()).decision).toBe('ALLOW');
    expect(kyc.check(payment({ debtorAgent: { bic: 'DEUTDEFF500' } })).decision).toBe('ALLOW');
    expect(kyc.lookup('DEUTDEFFXXX')?.name).toBe('Test Bank DE');
  });

  it('should REJECT unknown, suspended and closed agents, and agents without a BIC', () => {
    // Act
    const unknown = kyc.check(payment({ creditorAgent: { bic: 'CHASUS33' } }));
    const suspended = kyc.check(payment({ creditorAgent: { bic: 'BNPAFRPP123' } }));
    const closed = kyc.check(payment({ debtorAgent: { bic: 'COBADEFF' } }));
    const noBic = kyc.check(payment({ debtorAgent: { clearingMemberId: '12345678' } }));
    // Assert
    expect(unknown.reasons).toEqual([
      expect.objectContaining({
        code: ComplianceReasonCodes.KYC_UNKNOWN_AGENT,
        decision: 'REJECT',
        path: ['creditorAgent', 'bic'],
      }),
    ]);
    expect(suspended.reasons[0]!.code).toBe(ComplianceReasonCodes.KYC_INACTIVE_AGENT);
    expect(closed.reasons[0]!.code).toBe(ComplianceReasonCodes.KYC_INACTIVE_AGENT);
    expect(noBic.reasons[0]!.code).toBe(ComplianceReasonCodes.KYC_MISSING_AGENT_BIC);
  });

  it('should check intermediaries only when asked', () => {
    // Arrange
    const all = createKycRegistry(
      [
        { bic: 'DEUTDEFF', status: 'active' },
        { bic: 'BNPAFRPP', status: 'active' },
      ],
      { agents: 'all' },
    );
    const p = payment({ intermediaryAgents: [{ bic: 'CHASUS33' }] });
    // Act / Assert
    expect(kyc.check(p).decision).toBe('ALLOW');
    expect(all.check(p).reasons[0]!.path).toEqual(['intermediaryAgents', 0, 'bic']);
  });

  it('should refuse invalid and duplicate BICs', () => {
    // Act / Assert
    expect(() => createKycRegistry([{ bic: 'deutdeff', status: 'active' }])).toThrow(
      expect.objectContaining({ code: 'COMPLIANCE_INVALID_CONFIG' }),
    );
    expect(() =>
      createKycRegistry([
        { bic: 'DEUTDEFF', status: 'active' },
        { bic: 'DEUTDEFFXXX', status: 'active' },
      ]),
    ).toThrow(expect.objectContaining({ path: ['participants', 1, 'bic'] }));
  });

  describe('properties', () => {
    it('should REJECT exactly when a checked agent is not an active participant', () => {
      const bics = ['DEUTDEFF', 'BNPAFRPP', 'CHASUS33', 'HSBCGB2L'];
      fc.assert(
        fc.property(
          fc.constantFrom(...bics),
          fc.constantFrom(...bics),
          fc.subarray(bics),
          fc.constantFrom('active', 'suspended', 'closed' as const),
          (from, to, registered, status) => {
            const registry = createKycRegistry(registered.map((bic) => ({ bic, status })));
            const ok = [from, to].every((b) => registered.includes(b)) && status === 'active';
            const result = registry.check(
              payment({ debtorAgent: { bic: from }, creditorAgent: { bic: to } }),
            );
            expect(result.decision).toBe(ok ? 'ALLOW' : 'REJECT');
          },
        ),
      );
    });
  });
});

describe('createComplianceChecker', () => {
  const screener = createScreener(fixtureLists());
  const kyc = createKycRegistry([
    { bic: 'DEUTDEFF', status: 'active' },
    { bic: 'BNPAFRPP', status: 'active' },
  ]);
  const aml = createAmlRules({
    amountThresholds: [money('10000.00', 'EUR')],
    velocity: { windowMs: 3_600_000, countMax: 10 },
  });

  it('should combine screening, KYC and AML into the most severe decision', async () => {
    // Arrange
    const checker = createComplianceChecker({ screener, kyc, aml });
    const store = createMemoryAmlStore();
    const debtor = { name: 'Ruslan Karamov', account: { iban: 'GB82WEST12345698765432' } };
    const p = payment({ debtor, amount: { currency: 'EUR', amount: '20000.00' } });
    // Act
    const decision = await checker.check(p, { atMs: T0, store });
    // Assert: debtor "Ruslan Karamov" is a REVIEW name match, the amount a REVIEW threshold
    expect(decision.decision).toBe('REVIEW');
    expect(decision.reasons.map((r) => r.code)).toEqual([
      ComplianceReasonCodes.SANCTIONS_NAME_MATCH,
      ComplianceReasonCodes.AML_AMOUNT_THRESHOLD,
    ]);
    expect(decision.kyc?.decision).toBe('ALLOW');
    expect(decision.atMs).toBe(T0);
  });

  it('should produce the rejection payload for a REJECT only', async () => {
    // Arrange
    const checker = createComplianceChecker({ screener, kyc });
    const p = payment({ creditorAgent: { bic: 'CHASUS33' }, debtor: { name: 'Erik Holm' } });
    // Act
    const decision = await checker.check(p, { atMs: T0 });
    const rejection = toComplianceRejection(p, decision);
    // Assert
    expect(rejection).toMatchObject({ uetr: p.uetr, endToEndId: 'E2E-TEST-1', decision: 'REJECT', atMs: T0 });
    expect(rejection!.reasons.map((r) => r.code)).toEqual([ComplianceReasonCodes.KYC_UNKNOWN_AGENT]);
    expect(toComplianceRejection(p, { ...decision, decision: 'REVIEW' })).toBeUndefined();
  });
});
