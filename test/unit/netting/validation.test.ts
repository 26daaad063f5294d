import { fromMinor } from 'deltran';
import {
  InvalidNettingOptionsError,
  InvalidObligationError,
  NettingErrorCodes,
  net,
  type Obligation,
} from 'deltran/netting';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { obligationsArbitrary } from '../../arbitraries/obligations';

const good: Obligation = {
  id: 'OBL-1',
  debtor: 'BANKAAAA',
  creditor: 'BANKBBBB',
  currency: 'EUR',
  amount: '10.00',
};

function caught(run: () => unknown): InvalidObligationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidObligationError);
    return error as InvalidObligationError;
  }
  throw new Error('expected an InvalidObligationError');
}

describe('net input validation', () => {
  it.each([
    ['a negative amount', { amount: '-5.00' }, NettingErrorCodes.NON_POSITIVE_AMOUNT, 'amount'],
    ['a zero amount', { amount: '0.00' }, NettingErrorCodes.NON_POSITIVE_AMOUNT, 'amount'],
    ['a zero Money', { amount: fromMinor(0n, 'EUR') }, NettingErrorCodes.NON_POSITIVE_AMOUNT, 'amount'],
    ['a self-obligation', { creditor: 'BANKAAAA' }, NettingErrorCodes.SELF_OBLIGATION, 'creditor'],
    ['an unknown currency', { currency: 'XYZ' }, NettingErrorCodes.UNKNOWN_CURRENCY, 'currency'],
    ['a lower-case currency', { currency: 'eur' }, NettingErrorCodes.UNKNOWN_CURRENCY, 'currency'],
    ['too many decimals for the currency', { amount: '10.125' }, NettingErrorCodes.INVALID_AMOUNT, 'amount'],
    ['decimals on JPY', { currency: 'JPY', amount: '10.5' }, NettingErrorCodes.INVALID_AMOUNT, 'amount'],
    ['an amount that is not a decimal', { amount: '1e3' }, NettingErrorCodes.INVALID_AMOUNT, 'amount'],
    ['a number amount', { amount: 10 as unknown as string }, NettingErrorCodes.INVALID_AMOUNT, 'amount'],
    [
      'a Money in another currency',
      { amount: fromMinor(1000n, 'USD') },
      NettingErrorCodes.CURRENCY_MISMATCH,
      'amount',
    ],
    ['an empty debtor', { debtor: '' }, NettingErrorCodes.INVALID_OBLIGATION, 'debtor'],
    ['a missing id', { id: undefined as unknown as string }, NettingErrorCodes.INVALID_OBLIGATION, 'id'],
  ] as const)('should reject %s with a typed error naming the obligation', (_name, change, code, field) => {
    // Arrange
    const bad = { ...good, ...change } as Obligation;
    // Act
    const error = caught(() =>
      net([good, { ...bad, id: bad.id === undefined ? bad.id : 'OBL-2' }], { mode: 'multilateral' }),
    );
    // Assert
    expect(error.code).toBe(code);
    expect(error.path).toEqual([1, field]);
    expect(error.index).toBe(1);
    if (field !== 'id') {
      expect(error.obligationId).toBe('OBL-2');
      expect(error.message).toContain('"OBL-2"');
    }
  });

  it('should reject a duplicate id, naming both places', () => {
    // Arrange
    // Act
    const error = caught(() => net([good, { ...good, amount: '20.00' }], { mode: 'gross' }));
    // Assert
    expect(error.code).toBe(NettingErrorCodes.DUPLICATE_ID);
    expect(error.path).toEqual([1, 'id']);
    expect(error.message).toMatchInlineSnapshot(
      `"[deltran] net: [1]/id: obligation "OBL-1": the id is already used by the obligation at index 0; ids must be unique"`,
    );
  });

  it('should list every problem, not just the first', () => {
    // Arrange
    const obligations = [
      { ...good, amount: '0.00' },
      { ...good, id: 'OBL-2', currency: 'XXY' },
      { ...good, id: 'OBL-3', creditor: 'BANKAAAA' },
    ];
    // Act
    const error = caught(() => net(obligations, { mode: 'hub' }));
    // Assert
    expect(error.issues.map((i) => i.code)).toEqual([
      NettingErrorCodes.NON_POSITIVE_AMOUNT,
      NettingErrorCodes.UNKNOWN_CURRENCY,
      NettingErrorCodes.SELF_OBLIGATION,
    ]);
    expect(error.message).toMatchInlineSnapshot(
      `"[deltran] net: [0]/amount: obligation "OBL-1": expected a positive amount, got "0.00" (and 2 more problems)"`,
    );
  });

  it('should reject unknown modes and a hub outside hub mode', () => {
    // Arrange
    // Act
    const unknown = () => net([good], { mode: 'trilateral' as 'gross' });
    const misplaced = () => net([good], { mode: 'multilateral', hub: 'X' });
    // Assert
    expect(unknown).toThrow(InvalidNettingOptionsError);
    expect(misplaced).toThrow(InvalidNettingOptionsError);
  });

  it('should accept an amount as Money and as any strict decimal of the currency', () => {
    // Arrange
    const obligations: Obligation[] = [
      { ...good, amount: '007.5' },
      { ...good, id: 'OBL-2', amount: fromMinor(250n, 'EUR') },
      { ...good, id: 'OBL-3', amount: '123456789012345678' },
    ];
    // Act
    const result = net(obligations, { mode: 'gross' });
    // Assert
    expect(result.stats[0]!.gross.minor).toBe(750n + 250n + 12345678901234567800n);
  });
});

describe('properties', () => {
  it('should reject any one corrupted obligation in a valid list, at its index', () => {
    type Corruption = (o: Obligation, all: readonly Obligation[]) => Obligation;
    const corruptions: readonly [Corruption, string][] = [
      [(o) => ({ ...o, amount: '0' }), NettingErrorCodes.NON_POSITIVE_AMOUNT],
      [(o) => ({ ...o, amount: '-1' }), NettingErrorCodes.NON_POSITIVE_AMOUNT],
      [(o) => ({ ...o, currency: 'ABC' }), NettingErrorCodes.UNKNOWN_CURRENCY],
      [(o) => ({ ...o, amount: '1.0001' }), NettingErrorCodes.INVALID_AMOUNT],
      [(o) => ({ ...o, creditor: o.debtor }), NettingErrorCodes.SELF_OBLIGATION],
      [(o, all) => ({ ...o, id: all[0]!.id }), NettingErrorCodes.DUPLICATE_ID],
    ];
    fc.assert(
      fc.property(
        obligationsArbitrary({ obligationsMin: 2 }),
        fc.nat(),
        fc.constantFrom(...corruptions),
        (obligations, at, [corrupt, code]) => {
          // Arrange: never the first one, which the duplicate corruption copies its id from
          const index = 1 + (at % (obligations.length - 1));
          const input = obligations.map((o, i) => (i === index ? corrupt(o, obligations) : o));
          // Act
          const error = caught(() => net(input, { mode: 'multilateral' }));
          // Assert
          expect(error.code).toBe(code);
          expect(error.index).toBe(index);
          expect(error.obligationId).toBe(input[index]!.id);
          expect(error.issues).toHaveLength(1);
        },
      ),
    );
  });
});
