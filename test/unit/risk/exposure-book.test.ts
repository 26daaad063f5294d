import { formatMoney, fromMinor, money } from 'deltran';
import {
  checkExposure,
  createExposureBook,
  ExposureError,
  RiskErrorCodes,
  releaseExposure,
  reserveExposure,
} from 'deltran/risk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const BANK = 'DEUTDEFFXXX';

describe('exposure book', () => {
  it('should reserve within the limit and report the headroom', () => {
    // Arrange
    const book = createExposureBook([{ counterparty: BANK, limit: money('1000000.00', 'EUR') }]);

    // Act
    const result = reserveExposure(book, {
      id: 'si-1',
      counterparty: BANK,
      amount: money('250000.00', 'EUR'),
    });

    // Assert
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(formatMoney(result.value.status.headroom)).toBe('750000.00');
    expect(result.value.status.utilisationScore).toBe(0.25);
    expect(result.value.book.reservations).toHaveLength(1);
    expect(book.reservations).toHaveLength(0);
  });

  it('should refuse a reservation over the limit as a value, leaving the book unchanged', () => {
    // Arrange
    const book = createExposureBook(
      [{ counterparty: BANK, limit: money('100.00', 'EUR') }],
      [{ id: 'a', counterparty: BANK, amount: money('60.00', 'EUR') }],
    );

    // Act
    const result = reserveExposure(book, { id: 'b', counterparty: BANK, amount: money('40.01', 'EUR') });

    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ExposureError);
    expect(result.error.code).toBe(RiskErrorCodes.LIMIT_EXCEEDED);
    expect(book.reservations).toHaveLength(1);
  });

  it('should be idempotent on the reservation id and refuse a conflicting reuse', () => {
    // Arrange
    const book = createExposureBook([{ counterparty: BANK, limit: money('100.00', 'EUR') }]);
    const first = reserveExposure(book, { id: 'a', counterparty: BANK, amount: money('60.00', 'EUR') });
    if (!first.ok) throw first.error;

    // Act
    const again = reserveExposure(first.value.book, {
      id: 'a',
      counterparty: BANK,
      amount: money('60.00', 'EUR'),
    });
    const conflict = reserveExposure(first.value.book, {
      id: 'a',
      counterparty: BANK,
      amount: money('61.00', 'EUR'),
    });

    // Assert
    expect(again.ok && again.value.book).toBe(first.value.book);
    expect(conflict.ok ? undefined : conflict.error.code).toBe(RiskErrorCodes.RESERVATION_CONFLICT);
  });

  it('should report a missing limit as a value and release idempotently', () => {
    // Arrange
    const book = createExposureBook(
      [{ counterparty: BANK, limit: money('100.00', 'EUR') }],
      [{ id: 'a', counterparty: BANK, amount: money('60.00', 'EUR') }],
    );

    // Act
    const usd = checkExposure(book, BANK, money('1.00', 'USD'));
    const released = releaseExposure(book, 'a');

    // Assert
    expect(usd.ok ? undefined : usd.error.code).toBe(RiskErrorCodes.NO_LIMIT);
    expect(released.reservations).toHaveLength(0);
    expect(releaseExposure(released, 'a')).toBe(released);
  });

  it('should list every problem of a malformed book', () => {
    // Arrange
    const limits = [
      { counterparty: BANK, limit: money('100.00', 'EUR') },
      { counterparty: BANK, limit: money('5.00', 'EUR') },
      { counterparty: '', limit: money('5.00', 'EUR') },
    ];

    // Act
    const act = (): unknown =>
      createExposureBook(limits, [{ id: 'x', counterparty: BANK, amount: money('1.00', 'USD') }]);

    // Assert
    expect(act).toThrow(
      expect.objectContaining({ code: RiskErrorCodes.INVALID_EXPOSURE, issues: expect.any(Array) }),
    );
    try {
      act();
    } catch (error) {
      expect((error as ExposureError).issues).toHaveLength(3);
    }
  });

  describe('properties', () => {
    it('should never hold more than the limit, whatever the sequence of reserves and releases', () => {
      fc.assert(
        fc.property(
          fc.bigInt({ min: 1n, max: 10_000_000n }),
          fc.array(
            fc.oneof(
              fc.record({ reserve: fc.bigInt({ min: 1n, max: 5_000_000n }) }),
              fc.record({ release: fc.nat(20) }),
            ),
            { maxLength: 40 },
          ),
          (limit, commands) => {
            // Arrange
            let book = createExposureBook([{ counterparty: BANK, limit: fromMinor(limit, 'EUR') }]);
            let model = new Map<string, bigint>();

            // Act
            commands.forEach((command, i) => {
              if ('reserve' in command) {
                const result = reserveExposure(book, {
                  id: `r${i}`,
                  counterparty: BANK,
                  amount: fromMinor(command.reserve, 'EUR'),
                });
                const held = [...model.values()].reduce((a, b) => a + b, 0n);
                expect(result.ok).toBe(held + command.reserve <= limit);
                if (result.ok) {
                  book = result.value.book;
                  model = new Map(model).set(`r${i}`, command.reserve);
                }
              } else {
                book = releaseExposure(book, `r${command.release}`);
                model.delete(`r${command.release}`);
              }
            });

            // Assert
            const status = checkExposure(book, BANK, fromMinor(0n, 'EUR'));
            if (!status.ok) throw status.error;
            expect(status.value.used.minor).toBe([...model.values()].reduce((a, b) => a + b, 0n));
            expect(status.value.used.minor).toBeLessThanOrEqual(limit);
          },
        ),
      );
    });
  });
});
