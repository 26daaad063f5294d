import { money } from 'deltran';
import {
  type AmlEvent,
  ComplianceReasonCodes,
  createAmlRules,
  createMemoryAmlStore,
  debtorKey,
} from 'deltran/compliance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payment } from './_fixtures';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
let counter = 0;
/** A fresh UETR (v4 shape) per call, deterministic. */
function uetr(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}
const eur = (amount: string) => ({ currency: 'EUR', amount });

describe('createAmlRules', () => {
  it('should fire the amount threshold at the threshold, not one cent below', async () => {
    // Arrange
    const aml = createAmlRules({ amountThresholds: [money('10000.00', 'EUR')] });
    // Act
    const at = await aml.evaluate(payment({ amount: eur('10000.00') }), { atMs: T0 });
    const below = await aml.evaluate(payment({ amount: eur('9999.99') }), { atMs: T0 });
    const otherCurrency = await aml.evaluate(payment({ amount: { currency: 'USD', amount: '50000.00' } }), {
      atMs: T0,
    });
    // Assert
    expect(at.decision).toBe('REVIEW');
    expect(at.reasons[0]).toMatchObject({
      code: ComplianceReasonCodes.AML_AMOUNT_THRESHOLD,
      path: ['amount'],
    });
    expect(below.decision).toBe('ALLOW');
    expect(otherCurrency.decision).toBe('ALLOW');
  });

  it('should detect structuring: minCount payments just under the threshold inside the window', async () => {
    // Arrange
    const aml = createAmlRules({
      amountThresholds: [money('10000.00', 'EUR')],
      structuring: { windowMs: 24 * HOUR, minCount: 3, marginBasisPoints: 1000 },
    });
    const store = createMemoryAmlStore();
    const run = (amount: string, atMs: number) =>
      aml.evaluate(payment({ uetr: uetr(), amount: eur(amount) }), { atMs, store });
    // Act
    const first = await run('9500.00', T0);
    const second = await run('9000.00', T0 + HOUR);
    const third = await run('9999.99', T0 + 2 * HOUR);
    // Assert
    expect(first.decision).toBe('ALLOW');
    expect(second.decision).toBe('ALLOW');
    expect(third.reasons.map((r) => r.code)).toEqual([ComplianceReasonCodes.AML_STRUCTURING]);
  });

  it('should not count a payment below the margin, nor one that left the window', async () => {
    // Arrange
    const aml = createAmlRules({
      amountThresholds: [money('10000.00', 'EUR')],
      structuring: { windowMs: 24 * HOUR, minCount: 2, marginBasisPoints: 1000 },
    });
    const store = createMemoryAmlStore();
    await aml.evaluate(payment({ uetr: uetr(), amount: eur('8999.99') }), { atMs: T0, store });
    await aml.evaluate(payment({ uetr: uetr(), amount: eur('9000.00') }), { atMs: T0, store });
    // Act: the second payment is exactly 24 h old, so outside (t − window, t]
    const outside = await aml.evaluate(payment({ uetr: uetr(), amount: eur('9000.00') }), {
      atMs: T0 + 24 * HOUR,
      store,
    });
    const inside = await aml.evaluate(payment({ uetr: uetr(), amount: eur('9000.00') }), {
      atMs: T0 + 24 * HOUR - 1,
      store,
    });
    // Assert
    expect(outside.decision).toBe('ALLOW');
    expect(inside.reasons.map((r) => r.code)).toContain(ComplianceReasonCodes.AML_STRUCTURING);
  });

  it('should fire velocity on count above countMax and on sum above sumMax', async () => {
    // Arrange
    const aml = createAmlRules({
      velocity: { windowMs: HOUR, countMax: 2, sumMax: [money('3000.00', 'EUR')] },
    });
    const store = createMemoryAmlStore();
    const run = (amount: string, atMs: number) =>
      aml.evaluate(payment({ uetr: uetr(), amount: eur(amount) }), { atMs, store });
    // Act
    const one = await run('1000.00', T0);
    const two = await run('2000.00', T0 + 1);
    const three = await run('0.01', T0 + 2);
    // Assert
    expect(one.decision).toBe('ALLOW');
    expect(two.decision).toBe('ALLOW'); // count 2 = countMax, sum 3000.00 = sumMax
    expect(three.reasons.map((r) => r.code)).toEqual([
      ComplianceReasonCodes.AML_VELOCITY_COUNT,
      ComplianceReasonCodes.AML_VELOCITY_SUM,
    ]);
  });

  it('should not count the same UETR twice (at-least-once delivery)', async () => {
    // Arrange
    const aml = createAmlRules({ velocity: { windowMs: HOUR, countMax: 1 } });
    const store = createMemoryAmlStore();
    const p = payment({ uetr: uetr() });
    // Act
    await aml.evaluate(p, { atMs: T0, store });
    const replay = await aml.evaluate(p, { atMs: T0 + 5, store });
    // Assert
    expect(replay.decision).toBe('ALLOW');
  });

  it('should flag parties, accounts and agents in high-risk jurisdictions', async () => {
    // Arrange
    const aml = createAmlRules({ highRiskCountries: { countries: ['IR', 'FR'], decision: 'REJECT' } });
    // Act
    const result = await aml.evaluate(payment(), { atMs: T0 });
    // Assert
    expect(result.decision).toBe('REJECT');
    expect(result.reasons.map((r) => r.path)).toEqual([
      ['creditor', 'account', 'iban'],
      ['creditorAgent', 'bic'],
    ]);
  });

  it('should apply the travel rule to cross-border payments only', async () => {
    // Arrange
    const aml = createAmlRules({ travelRule: {} });
    const bare = { name: 'Anna Lindqvist' };
    // Act
    const complete = await aml.evaluate(payment(), { atMs: T0 });
    const missing = await aml.evaluate(payment({ debtor: bare }), { atMs: T0 });
    const domestic = await aml.evaluate(payment({ debtor: bare, creditorAgent: { bic: 'COBADEFF' } }), {
      atMs: T0,
    });
    // Assert
    expect(complete.decision).toBe('ALLOW');
    expect(missing.decision).toBe('REVIEW');
    expect(missing.reasons[0]!.message).toContain('debtor.account');
    expect(domestic.decision).toBe('ALLOW');
  });

  it('should refuse invalid configurations and a missing store', async () => {
    // Act / Assert
    expect(() => createAmlRules({ velocity: { windowMs: 0 } })).toThrow(
      expect.objectContaining({ code: 'COMPLIANCE_INVALID_CONFIG', path: ['velocity', 'windowMs'] }),
    );
    expect(() => createAmlRules({ highRiskCountries: { countries: ['XX'] } })).toThrow(
      expect.objectContaining({ code: 'COMPLIANCE_INVALID_CONFIG' }),
    );
    expect(() => createAmlRules({ structuring: { windowMs: HOUR } })).toThrow(
      expect.objectContaining({ path: ['structuring', 'thresholds'] }),
    );
    await expect(
      createAmlRules({ velocity: { windowMs: HOUR } }).evaluate(payment(), { atMs: T0 }),
    ).rejects.toMatchObject({
      code: 'COMPLIANCE_MISSING_STORE',
    });
  });

  it('should key debtors by account, then by name at the agent', () => {
    // Act / Assert
    expect(debtorKey(payment())).toBe('IBAN:DE89370400440532013000');
    expect(debtorKey(payment({ debtor: { name: 'Erik Holm' } }))).toBe('NAME:DEUTDEFF:ERIK HOLM');
  });

  describe('properties', () => {
    it('should fire the amount threshold exactly when amount ≥ threshold', async () => {
      const aml = createAmlRules({ amountThresholds: [money('1000.00', 'EUR')] });
      await fc.assert(
        fc.asyncProperty(fc.bigInt({ min: 1n, max: 1_000_000n }), async (cents) => {
          const amount = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
          const result = await aml.evaluate(payment({ amount: eur(amount) }), { atMs: T0 });
          expect(result.decision === 'REVIEW').toBe(cents >= 100_000n);
        }),
      );
    });

    it('should fire velocity exactly when the count in the window exceeds countMax', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 6 }),
          fc.array(fc.integer({ min: 0, max: 2 * HOUR }), { maxLength: 10 }),
          async (countMax, ages) => {
            const aml = createAmlRules({ velocity: { windowMs: HOUR, countMax } });
            const store = createMemoryAmlStore();
            const key = debtorKey(payment());
            const now = T0 + 10 * HOUR;
            for (const age of ages) {
              const event: AmlEvent = {
                uetr: uetr(),
                debtorKey: key,
                atMs: now - age,
                amount: money('1.00', 'EUR'),
              };
              store.record(event);
            }
            const result = await aml.evaluate(payment({ uetr: uetr() }), { atMs: now, store });
            const inWindow = ages.filter((age) => age < HOUR).length + 1;
            expect(result.reasons.some((r) => r.code === ComplianceReasonCodes.AML_VELOCITY_COUNT)).toBe(
              inWindow > countMax,
            );
          },
        ),
      );
    });
  });
});
