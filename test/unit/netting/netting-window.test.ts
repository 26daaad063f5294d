import {
  createNettingWindow,
  InvalidObligationError,
  InvalidWindowSnapshotError,
  NettingErrorCodes,
  NettingWindowConflictError,
  net,
  type Obligation,
  restoreNettingWindow,
  toNettingJson,
} from 'deltran/netting';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { obligationsArbitrary } from '../../arbitraries/obligations';

const ob = (id: string, amount = '10.00'): Obligation => ({
  id,
  debtor: 'A',
  creditor: 'B',
  currency: 'EUR',
  amount,
});
const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);

describe('createNettingWindow', () => {
  it('should accumulate obligations and net them on close', () => {
    // Arrange
    const window = createNettingWindow({ id: 'W1', mode: 'multilateral' });
    // Act
    window.add(ob('1'));
    window.add({ id: '2', debtor: 'B', creditor: 'A', currency: 'EUR', amount: '4.00' });
    const result = window.close(T0);
    // Assert
    expect(window.state).toBe('closed');
    expect(window.closeReason).toBe('manual');
    expect(toNettingJson(result).instructions).toEqual([
      { from: 'A', to: 'B', currency: 'EUR', amount: '6.00' },
    ]);
    expect(window.close()).toBe(result);
  });

  it('should be idempotent by id and reject the same id with other content', () => {
    // Arrange
    const window = createNettingWindow({ id: 'W1', mode: 'gross' });
    window.add(ob('1'));
    // Act
    const again = window.add(ob('1'));
    const conflict = () => window.add(ob('1', '11.00'));
    // Assert
    expect(again.status).toBe('duplicate');
    expect(window.size).toBe(1);
    expect(conflict).toThrow(NettingWindowConflictError);
  });

  it('should let an obligation be cancelled before close, and keep it cancelled on redelivery', () => {
    // Arrange
    const window = createNettingWindow({ id: 'W1', mode: 'gross' });
    window.add(ob('1'));
    window.add(ob('2'));
    // Act
    const cancelled = window.cancel('1');
    const redelivered = window.add(ob('1'));
    const twice = window.cancel('1');
    const unknown = window.cancel('9');
    // Assert
    expect([cancelled.status, redelivered.status, twice.status, unknown.status]).toEqual([
      'cancelled',
      'cancelled',
      'already-cancelled',
      'not-found',
    ]);
    expect(window.close().instructions).toHaveLength(1);
    expect(window.cancel('2').status).toBe('closed');
  });

  it('should close by count', () => {
    // Arrange
    const window = createNettingWindow({ id: 'W1', mode: 'bilateral', obligationsMax: 2 });
    // Act
    const first = window.add(ob('1'));
    const second = window.add(ob('2'));
    const late = window.add(ob('3'));
    // Assert
    expect([first.state, second.state]).toEqual(['open', 'closed']);
    expect(late.status).toBe('closed');
    expect(window.closeReason).toBe('count');
    expect(window.result()?.stats[0]?.obligationCount).toBe(2);
  });

  it('should close at the time passed in, never reading a clock', () => {
    // Arrange
    const window = createNettingWindow({ id: 'W1', mode: 'hub', hub: 'CCP', closeAtMs: T0 + 60_000 });
    // Act
    const before = window.add(ob('1'), T0);
    const ticked = window.tick(T0 + 59_999);
    const after = window.add(ob('2'), T0 + 60_000);
    // Assert
    expect(before.status).toBe('added');
    expect(ticked).toBe('open');
    expect(after.status).toBe('closed');
    expect(window.closeReason).toBe('time');
    expect(window.result()?.hub).toBe('CCP');
  });

  it('should validate obligations as net() does, with the field as path', () => {
    // Arrange
    const window = createNettingWindow({ id: 'W1', mode: 'gross' });
    // Act
    let error: unknown;
    try {
      window.add({ ...ob('1'), amount: '-1.00' });
    } catch (e) {
      error = e;
    }
    // Assert
    expect(error).toBeInstanceOf(InvalidObligationError);
    expect((error as InvalidObligationError).code).toBe(NettingErrorCodes.NON_POSITIVE_AMOUNT);
    expect((error as InvalidObligationError).path).toEqual(['amount']);
  });

  it('should restore from a snapshot and reject a broken one', () => {
    // Arrange
    const window = createNettingWindow({ id: 'W1', mode: 'conservative', obligationsMax: 10 });
    window.add(ob('1'));
    window.add(ob('2'));
    window.cancel('2');
    const snapshot = JSON.parse(JSON.stringify(window.snapshot()));
    // Act
    const restored = restoreNettingWindow(snapshot);
    const broken = () =>
      restoreNettingWindow({ ...snapshot, obligations: [{ ...snapshot.obligations[0], amount: 5 }] });
    // Assert
    expect(restored.snapshot()).toEqual(window.snapshot());
    expect(restored.add(ob('2')).status).toBe('cancelled');
    expect(broken).toThrow(InvalidWindowSnapshotError);
  });
});

describe('properties', () => {
  it('should net exactly the held obligations, whatever was added, redelivered or cancelled', () => {
    fc.assert(
      fc.property(
        obligationsArbitrary({ obligationsMax: 20 }),
        fc.array(fc.tuple(fc.constantFrom('add', 'redeliver', 'cancel'), fc.nat()), { maxLength: 40 }),
        (pool, steps) => {
          // Arrange: a plain model of what the window should hold
          const window = createNettingWindow({ id: 'W', mode: 'multilateral' });
          const model = new Map<string, Obligation>();
          const cancelled = new Set<string>();
          // Act
          for (const [kind, at] of steps) {
            if (pool.length === 0) break;
            const o = pool[at % pool.length]!;
            if (kind === 'cancel') {
              window.cancel(o.id);
              if (model.delete(o.id)) cancelled.add(o.id);
            } else {
              window.add(o);
              if (!cancelled.has(o.id)) model.set(o.id, o);
            }
            expect(window.size).toBe(model.size);
          }
          const snapshotRoundTrip = restoreNettingWindow(JSON.parse(JSON.stringify(window.snapshot())));
          // Assert
          const expected = JSON.stringify(toNettingJson(net([...model.values()], { mode: 'multilateral' })));
          expect(JSON.stringify(toNettingJson(window.close()))).toBe(expected);
          expect(JSON.stringify(toNettingJson(snapshotRoundTrip.close()))).toBe(expected);
        },
      ),
    );
  });
});
