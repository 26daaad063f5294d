import { fromMinor, money } from 'deltran';
import {
  NETTING_MODES,
  type NettingResult,
  net,
  type Obligation,
  toNettingJson,
  verifyNetting,
} from 'deltran/netting';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkArbitrary, obligationsArbitrary, shuffled } from '../../arbitraries/obligations';

const A = 'BANKAAAA';
const B = 'BANKBBBB';
const C = 'BANKCCCC';

/** The three-bank cycle of the docs: A owes B 100, B owes C 80, C owes A 60 (EUR). */
const cycle: Obligation[] = [
  { id: '1', debtor: A, creditor: B, currency: 'EUR', amount: '100.00' },
  { id: '2', debtor: B, creditor: C, currency: 'EUR', amount: '80.00' },
  { id: '3', debtor: C, creditor: A, currency: 'EUR', amount: '60.00' },
];

function settledOf(result: NettingResult, currency: string): bigint {
  return result.stats.find((s) => s.currency === currency)!.settled.minor;
}

/** What each participant receives minus pays through the instructions, per currency. */
function instructionBalance(result: NettingResult): Map<string, bigint> {
  const balance = new Map<string, bigint>();
  for (const i of result.instructions) {
    const from = `${i.currency}/${i.from}`;
    const to = `${i.currency}/${i.to}`;
    balance.set(from, (balance.get(from) ?? 0n) - i.amount.minor);
    balance.set(to, (balance.get(to) ?? 0n) + i.amount.minor);
  }
  return balance;
}

/** Gross received minus gross paid, computed the obvious way. */
function grossPositions(obligations: readonly Obligation[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const o of obligations) {
    const minor = typeof o.amount === 'string' ? money(o.amount, o.currency as 'EUR').minor : o.amount.minor;
    const d = `${o.currency}/${o.debtor}`;
    const c = `${o.currency}/${o.creditor}`;
    out.set(d, (out.get(d) ?? 0n) - minor);
    out.set(c, (out.get(c) ?? 0n) + minor);
  }
  return out;
}

function asObligations(result: NettingResult): Obligation[] {
  return result.instructions.map((i, k) => ({
    id: `N${k}`,
    debtor: i.from,
    creditor: i.to,
    currency: i.currency,
    amount: i.amount,
  }));
}

describe('net', () => {
  it('should settle a three-bank cycle with the least liquidity in multilateral mode', () => {
    // Arrange: A −40, B +20, C +20
    // Act
    const result = net(cycle, { mode: 'multilateral' });
    // Assert
    expect(toNettingJson(result).netPositions).toEqual([
      { participant: A, currency: 'EUR', amount: '-40.00' },
      { participant: B, currency: 'EUR', amount: '20.00' },
      { participant: C, currency: 'EUR', amount: '20.00' },
    ]);
    expect(toNettingJson(result).instructions).toEqual([
      { from: A, to: B, currency: 'EUR', amount: '20.00' },
      { from: A, to: C, currency: 'EUR', amount: '20.00' },
    ]);
    const stats = toNettingJson(result).stats[0]!;
    expect(stats).toMatchObject({
      gross: '240.00',
      bilateral: '240.00',
      lowerBound: '40.00',
      settled: '40.00',
      savings: '200.00',
      instructionCount: 2,
      componentCount: 1,
      cyclicComponents: [[A, B, C]],
    });
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('should only shrink existing links in conservative mode', () => {
    // Arrange: the 60.00 cycle is removed from every link
    // Act
    const result = net(cycle, { mode: 'conservative' });
    // Assert
    expect(toNettingJson(result).instructions).toEqual([
      { from: A, to: B, currency: 'EUR', amount: '40.00' },
      { from: B, to: C, currency: 'EUR', amount: '20.00' },
    ]);
    expect(settledOf(result, 'EUR')).toBe(6000n);
    expect(result.certificates?.[0]?.potentials.map((p) => p.potential)).toHaveLength(3);
  });

  it('should route every position through the hub in hub mode', () => {
    // Arrange
    // Act
    const result = net(cycle, { mode: 'hub', hub: 'CCPXXXXX' });
    // Assert
    expect(result.hub).toBe('CCPXXXXX');
    expect(toNettingJson(result).instructions).toEqual([
      { from: A, to: 'CCPXXXXX', currency: 'EUR', amount: '40.00' },
      { from: 'CCPXXXXX', to: B, currency: 'EUR', amount: '20.00' },
      { from: 'CCPXXXXX', to: C, currency: 'EUR', amount: '20.00' },
    ]);
  });

  it('should let a hub that is a participant settle its own position inside itself', () => {
    // Arrange
    // Act
    const result = net(cycle, { mode: 'hub', hub: B });
    // Assert
    expect(toNettingJson(result).instructions).toEqual([
      { from: A, to: B, currency: 'EUR', amount: '40.00' },
      { from: B, to: C, currency: 'EUR', amount: '20.00' },
    ]);
  });

  it('should net each pair once in bilateral mode and pay every obligation in gross mode', () => {
    // Arrange
    const obligations: Obligation[] = [
      { id: '1', debtor: A, creditor: B, currency: 'JPY', amount: '1000' },
      { id: '2', debtor: B, creditor: A, currency: 'JPY', amount: '300' },
      { id: '3', debtor: A, creditor: B, currency: 'JPY', amount: '50' },
    ];
    // Act
    const bilateral = toNettingJson(net(obligations, { mode: 'bilateral' }));
    const gross = toNettingJson(net(obligations, { mode: 'gross' }));
    // Assert
    expect(bilateral.instructions).toEqual([{ from: A, to: B, currency: 'JPY', amount: '750' }]);
    expect(gross.instructions.map((i) => `${i.from}>${i.to}:${i.amount}`)).toEqual([
      `${A}>${B}:50`,
      `${A}>${B}:1000`,
      `${B}>${A}:300`,
    ]);
  });

  it('should net currencies separately and never mix them', () => {
    // Arrange
    const obligations: Obligation[] = [
      { id: '1', debtor: A, creditor: B, currency: 'USD', amount: fromMinor(500n, 'USD') },
      { id: '2', debtor: B, creditor: A, currency: 'EUR', amount: '5.00' },
    ];
    // Act
    const result = toNettingJson(net(obligations, { mode: 'multilateral' }));
    // Assert
    expect(result.stats.map((s) => s.currency)).toEqual(['EUR', 'USD']);
    expect(result.instructions).toEqual([
      { from: B, to: A, currency: 'EUR', amount: '5.00' },
      { from: A, to: B, currency: 'USD', amount: '5.00' },
    ]);
  });

  it('should return an empty result for no obligations', () => {
    // Arrange
    // Act
    const result = net([], { mode: 'conservative' });
    // Assert
    expect(result.netPositions).toEqual([]);
    expect(result.instructions).toEqual([]);
    expect(result.stats).toEqual([]);
    expect(verifyNetting([], result).valid).toBe(true);
  });

  it('should stay exact above 2^53 minor units', () => {
    // Arrange: 9,007,199,254,740,993 is not a double; A pays 2 more than it gets, B 2 more, C gets 4
    const big = 2n ** 53n + 1n;
    const obligations: Obligation[] = [
      { id: '1', debtor: A, creditor: B, currency: 'JPY', amount: fromMinor(big, 'JPY') },
      { id: '2', debtor: B, creditor: C, currency: 'JPY', amount: fromMinor(big + 2n, 'JPY') },
      { id: '3', debtor: C, creditor: A, currency: 'JPY', amount: '9007199254740991' },
    ];
    // Act
    const results = NETTING_MODES.map((mode) => net(obligations, { mode }));
    // Assert
    for (const result of results) expect(verifyNetting(obligations, result).issues).toEqual([]);
    expect(toNettingJson(results[2]!).stats[0]!.gross).toBe('27021597764222979');
    expect(toNettingJson(results[2]!).netPositions.map((p) => p.amount)).toEqual(['-2', '-2', '4']);
  });
});

describe('properties', () => {
  const modes = fc.constantFrom(...NETTING_MODES);
  const inputs = fc.oneof(
    obligationsArbitrary(),
    obligationsArbitrary({ huge: true }),
    networkArbitrary({ obligationsMax: 120 }),
  );

  it('should conserve: per participant and currency, net = gross received − gross paid, summing to zero', () => {
    fc.assert(
      fc.property(inputs, modes, (obligations, mode) => {
        // Arrange
        const expected = grossPositions(obligations);
        // Act
        const result = net(obligations, { mode });
        // Assert
        const actual = new Map(
          result.netPositions.map((p) => [`${p.currency}/${p.participant}`, p.amount.minor]),
        );
        expect(actual).toEqual(expected);
        for (const s of result.stats) {
          let sum = 0n;
          for (const p of result.netPositions) if (p.currency === s.currency) sum += p.amount.minor;
          expect(sum).toBe(0n);
        }
      }),
    );
  });

  it('should settle exactly the net positions with positive instructions between two parties', () => {
    fc.assert(
      fc.property(inputs, modes, (obligations, mode) => {
        // Arrange
        // Act
        const result = net(obligations, { mode });
        // Assert
        const balance = instructionBalance(result);
        for (const p of result.netPositions)
          expect(balance.get(`${p.currency}/${p.participant}`) ?? 0n).toBe(p.amount.minor);
        for (const [key, value] of balance) if (key.endsWith('/HUB')) expect(value).toBe(0n);
        for (const i of result.instructions) {
          expect(i.amount.minor).toBeGreaterThan(0n);
          expect(i.from).not.toBe(i.to);
          expect(i.amount.currency).toBe(i.currency);
        }
      }),
    );
  });

  it('should settle Σ net debits in at most n − 1 instructions per currency in multilateral mode', () => {
    fc.assert(
      fc.property(inputs, (obligations) => {
        // Arrange
        // Act
        const result = net(obligations, { mode: 'multilateral' });
        // Assert
        for (const s of result.stats) {
          expect(s.settled.minor).toBe(s.lowerBound.minor);
          expect(s.instructionCount).toBeLessThanOrEqual(Math.max(0, s.participantCount - 1));
        }
      }),
    );
  });

  it('should order the totals: multilateral = lower bound ≤ conservative ≤ bilateral ≤ gross', () => {
    fc.assert(
      fc.property(inputs, (obligations) => {
        // Arrange
        const [gross, bilateral, multilateral, , conservative] = NETTING_MODES.map((mode) =>
          net(obligations, { mode }),
        );
        // Act
        // Assert
        for (const s of gross!.stats) {
          const c = s.currency;
          expect(settledOf(multilateral!, c)).toBe(s.lowerBound.minor);
          expect(settledOf(multilateral!, c)).toBeLessThanOrEqual(settledOf(conservative!, c));
          expect(settledOf(conservative!, c)).toBeLessThanOrEqual(settledOf(bilateral!, c));
          expect(settledOf(bilateral!, c)).toBeLessThanOrEqual(settledOf(gross!, c));
          expect(settledOf(bilateral!, c)).toBe(s.bilateral.minor);
          expect(settledOf(gross!, c)).toBe(s.gross.minor);
        }
      }),
    );
  });

  it('should change nothing when netting an already netted result', () => {
    fc.assert(
      fc.property(inputs, modes, (obligations, mode) => {
        // Arrange
        const once = net(obligations, { mode });
        // Act
        const twice = net(asObligations(once), { mode });
        // Assert
        expect(toNettingJson(twice).instructions).toEqual(toNettingJson(once).instructions);
        const nonZero = (r: NettingResult) =>
          toNettingJson(r).netPositions.filter((p) => !/^-?0(\.0+)?$/.test(p.amount));
        expect(nonZero(twice)).toEqual(nonZero(once));
      }),
    );
  });

  it('should give byte-identical JSON for the same obligations in any order', () => {
    fc.assert(
      fc.property(inputs, modes, fc.integer(), (obligations, mode, seed) => {
        // Arrange
        const permuted = shuffled(obligations, seed);
        // Act
        const a = JSON.stringify(toNettingJson(net(obligations, { mode })));
        const b = JSON.stringify(toNettingJson(net(permuted, { mode })));
        // Assert
        expect(b).toBe(a);
      }),
    );
  });

  it('should pass its own independent verification in every mode', () => {
    fc.assert(
      fc.property(inputs, modes, (obligations, mode) => {
        // Arrange
        const result = net(obligations, { mode });
        // Act
        const check = verifyNetting(obligations, result);
        // Assert
        expect(check.issues).toEqual([]);
        expect(check.valid).toBe(true);
      }),
    );
  });

  it('should give different digests to different inputs or modes', () => {
    fc.assert(
      fc.property(obligationsArbitrary({ obligationsMin: 1 }), (obligations) => {
        // Arrange
        const first = obligations[0]!;
        const changed = [
          { ...first, amount: fromMinor(10n ** 9n + 7n, first.currency as 'EUR') },
          ...obligations.slice(1),
        ];
        // Act
        const digests = new Set([
          net(obligations, { mode: 'multilateral' }).digest,
          net(obligations, { mode: 'conservative' }).digest,
          net(changed, { mode: 'multilateral' }).digest,
        ]);
        // Assert
        expect(digests.size).toBe(3);
      }),
    );
  });
});
