import { fromMinor } from 'deltran';
import {
  NETTING_MODES,
  NettingErrorCodes,
  type NettingInstruction,
  type NettingResult,
  net,
  type Obligation,
  verifyNetting,
} from 'deltran/netting';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { obligationsArbitrary } from '../../arbitraries/obligations';

const ob = (id: string, debtor: string, creditor: string, amount: string): Obligation => ({
  id,
  debtor,
  creditor,
  currency: 'EUR',
  amount,
});

/** A four-bank network with a cycle, a reciprocal pair and a tail. */
const obligations: Obligation[] = [
  ob('1', 'A', 'B', '100.00'),
  ob('2', 'B', 'C', '80.00'),
  ob('3', 'C', 'A', '60.00'),
  ob('4', 'B', 'A', '15.00'),
  ob('5', 'C', 'D', '30.00'),
];

function codes(result: NettingResult): string[] {
  return [...new Set(verifyNetting(obligations, result).issues.map((i) => i.code))];
}

function withInstructions(result: NettingResult, instructions: NettingInstruction[]): NettingResult {
  return { ...result, instructions };
}

describe('verifyNetting', () => {
  it('should accept every mode of a genuine run', () => {
    // Arrange
    // Act
    const checks = NETTING_MODES.map((mode) => verifyNetting(obligations, net(obligations, { mode })));
    // Assert
    for (const check of checks) expect(check).toEqual({ valid: true, issues: [] });
  });

  it('should catch an altered instruction amount', () => {
    // Arrange
    const result = net(obligations, { mode: 'multilateral' });
    const [first, ...rest] = result.instructions;
    // Act
    const tampered = withInstructions(result, [
      { ...first!, amount: fromMinor(first!.amount.minor + 1n, 'EUR') },
      ...rest,
    ]);
    // Assert
    expect(codes(tampered)).toEqual(
      expect.arrayContaining([
        NettingErrorCodes.INSTRUCTIONS_MISMATCH,
        NettingErrorCodes.MODE_VIOLATION,
        NettingErrorCodes.DIGEST_MISMATCH,
      ]),
    );
  });

  it('should catch an altered net position', () => {
    // Arrange
    const result = net(obligations, { mode: 'bilateral' });
    const netPositions = result.netPositions.map((p, i) =>
      i === 0 ? { ...p, amount: fromMinor(p.amount.minor + 5n, 'EUR') } : p,
    );
    // Act
    const found = codes({ ...result, netPositions });
    // Assert
    expect(found).toEqual(
      expect.arrayContaining([NettingErrorCodes.NET_POSITION_MISMATCH, NettingErrorCodes.UNBALANCED]),
    );
  });

  it('should catch a conservative instruction on a link that does not exist, and a cycle', () => {
    // Arrange: D → A does not exist; adding A → D, D → A keeps balances but creates both faults
    const result = net(obligations, { mode: 'conservative' });
    const extra: NettingInstruction[] = [
      { from: 'A', to: 'D', currency: 'EUR', amount: fromMinor(100n, 'EUR') },
      { from: 'D', to: 'A', currency: 'EUR', amount: fromMinor(100n, 'EUR') },
    ];
    // Act
    const found = codes(withInstructions(result, [...result.instructions, ...extra]));
    // Assert
    expect(found).toEqual(
      expect.arrayContaining([NettingErrorCodes.NOT_CONSERVATIVE, NettingErrorCodes.CYCLE]),
    );
  });

  it('should catch a feasible but suboptimal conservative solution through its certificate', () => {
    // Arrange: the bilateral instructions are conservative-feasible here, but not optimal
    const conservative = net(obligations, { mode: 'conservative' });
    const bilateral = net(obligations, { mode: 'bilateral' });
    // Act
    const found = codes({ ...conservative, instructions: bilateral.instructions, stats: conservative.stats });
    // Assert
    expect(found).toContain(NettingErrorCodes.NOT_OPTIMAL);
    expect(found).not.toContain(NettingErrorCodes.INSTRUCTIONS_MISMATCH);
  });

  it('should catch a wrong digest and wrong figures', () => {
    // Arrange
    const result = net(obligations, { mode: 'hub' });
    const stats = [{ ...result.stats[0]!, gross: fromMinor(1n, 'EUR') }];
    // Act
    const found = codes({ ...result, stats, digest: `sha256:${'0'.repeat(64)}` });
    // Assert
    expect(found).toEqual([NettingErrorCodes.STATS_MISMATCH, NettingErrorCodes.DIGEST_MISMATCH]);
  });

  it('should catch a result computed from other obligations', () => {
    // Arrange
    const other = obligations.map((o, i) => (i === 4 ? { ...o, amount: '31.00' } : o));
    // Act
    const check = verifyNetting(obligations, net(other, { mode: 'multilateral' }));
    // Assert
    expect(check.valid).toBe(false);
    expect(check.issues.map((i) => i.code)).toContain(NettingErrorCodes.NET_POSITION_MISMATCH);
  });
});

describe('properties', () => {
  it('should reject a result whose instructions lost one payment', () => {
    fc.assert(
      fc.property(
        obligationsArbitrary({ obligationsMin: 1 }),
        fc.constantFrom(...NETTING_MODES),
        fc.nat(),
        (input, mode, at) => {
          // Arrange
          const result = net(input, { mode });
          fc.pre(result.instructions.length > 0);
          const drop = at % result.instructions.length;
          // Act
          const check = verifyNetting(
            input,
            withInstructions(
              result,
              result.instructions.filter((_, i) => i !== drop),
            ),
          );
          // Assert
          expect(check.valid).toBe(false);
          expect(check.issues.map((i) => i.code)).toContain(NettingErrorCodes.INSTRUCTIONS_MISMATCH);
        },
      ),
    );
  });
});
