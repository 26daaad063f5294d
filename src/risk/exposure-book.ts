/**
 * Exposure limits per counterparty and currency: check and reserve.
 *
 * @packageDocumentation
 */
import { err, formatMoney, fromMinor, isCurrencyCode, type Money, ok, type Result } from '../index';
import { ExposureError, RiskErrorCodes } from './errors';
import type { ExposureBook, ExposureLimit, ExposureReservation, ExposureStatus } from './types';

/**
 * A new exposure book. Checks every limit (positive, at most one per counterparty and currency) and
 * every reservation (unique id, positive, in the currency of an existing limit).
 *
 * @param limits - the limits
 * @param reservations - reservations already held @defaultValue none
 * @returns the frozen book
 * @throws {@link ExposureError} (`RISK_INVALID_EXPOSURE`) listing every problem
 * @example
 * ```ts
 * const book = createExposureBook([{ counterparty: 'BANKDEFFXXX', limit: money('1000000.00', 'EUR') }]);
 * ```
 * @public
 */
export function createExposureBook(
  limits: readonly ExposureLimit[],
  reservations: readonly ExposureReservation[] = [],
): ExposureBook {
  const issues: { code: string; path: (string | number)[]; message: string }[] = [];
  const keys = new Set<string>();
  limits.forEach((entry, i) => {
    if (typeof entry?.counterparty !== 'string' || entry.counterparty === '') {
      issues.push({
        code: RiskErrorCodes.INVALID_EXPOSURE,
        path: ['limits', i, 'counterparty'],
        message: 'expected a non-empty counterparty',
      });
      return;
    }
    if (!isMoney(entry.limit) || entry.limit.minor <= 0n) {
      issues.push({
        code: RiskErrorCodes.INVALID_EXPOSURE,
        path: ['limits', i, 'limit'],
        message: 'expected a positive Money limit',
      });
      return;
    }
    const key = keyOf(entry.counterparty, entry.limit.currency);
    if (keys.has(key))
      issues.push({
        code: RiskErrorCodes.INVALID_EXPOSURE,
        path: ['limits', i],
        message: `expected one limit per counterparty and currency, got a second for ${entry.counterparty} ${entry.limit.currency}`,
      });
    keys.add(key);
  });
  const ids = new Set<string>();
  reservations.forEach((entry, i) => {
    if (typeof entry?.id !== 'string' || entry.id === '' || ids.has(entry.id)) {
      issues.push({
        code: RiskErrorCodes.INVALID_EXPOSURE,
        path: ['reservations', i, 'id'],
        message: 'expected a unique non-empty id',
      });
      return;
    }
    ids.add(entry.id);
    if (
      !isMoney(entry.amount) ||
      entry.amount.minor <= 0n ||
      !keys.has(keyOf(entry.counterparty, entry.amount.currency))
    ) {
      issues.push({
        code: RiskErrorCodes.INVALID_EXPOSURE,
        path: ['reservations', i],
        message: 'expected a positive amount in the currency of an existing limit for the counterparty',
      });
    }
  });
  if (issues.length > 0) {
    const first = issues[0] as (typeof issues)[number];
    throw new ExposureError(
      RiskErrorCodes.INVALID_EXPOSURE,
      `[deltran/risk] createExposureBook: ${first.path.join('/')}: ${first.message}`,
      { path: first.path, issues },
    );
  }
  return Object.freeze({
    limits: Object.freeze([...limits]),
    reservations: Object.freeze([...reservations]),
  });
}

/**
 * Where a counterparty's exposure would stand with `amount` more, without reserving it.
 *
 * @param book - the book
 * @param counterparty - the counterparty
 * @param amount - the amount to add (zero to read the current state); its currency selects the limit
 * @returns the status, or an {@link ExposureError} value `RISK_NO_LIMIT` when no limit is set
 * @public
 */
export function checkExposure(
  book: ExposureBook,
  counterparty: string,
  amount: Money,
): Result<ExposureStatus, ExposureError> {
  const limit = book.limits.find(
    (entry) => entry.counterparty === counterparty && entry.limit.currency === amount.currency,
  );
  if (limit === undefined) {
    return err(
      new ExposureError(
        RiskErrorCodes.NO_LIMIT,
        `[deltran/risk] checkExposure: no limit for ${counterparty} in ${amount.currency}; add one to the book`,
        { path: ['counterparty'] },
      ),
    );
  }
  let used = 0n;
  for (const r of book.reservations) {
    if (r.counterparty === counterparty && r.amount.currency === amount.currency) used += r.amount.minor;
  }
  const after = used + amount.minor;
  const currency = amount.currency;
  return ok({
    counterparty,
    currency,
    limit: limit.limit,
    used: fromMinor(used, currency),
    after: fromMinor(after, currency),
    headroom: fromMinor(limit.limit.minor - after, currency),
    allowed: after <= limit.limit.minor,
    utilisationScore: Number((after * 1_000_000n) / limit.limit.minor) / 1_000_000,
  });
}

/**
 * Reserves an amount against a limit. Idempotent: reserving an id already held with the same content
 * returns the same book.
 *
 * @param book - the book
 * @param reservation - id, counterparty, positive amount
 * @returns the new book and the status after the reservation, or an {@link ExposureError} value:
 *   `RISK_LIMIT_EXCEEDED` (the book is unchanged), `RISK_NO_LIMIT`, `RISK_RESERVATION_CONFLICT` (the id is
 *   held with other content), `RISK_INVALID_EXPOSURE` (a non-positive amount)
 * @example
 * ```ts
 * const r = reserveExposure(book, { id: 'si-1', counterparty: 'BANKDEFFXXX', amount: money('250000.00', 'EUR') });
 * if (r.ok) book = r.value.book;
 * ```
 * @public
 */
export function reserveExposure(
  book: ExposureBook,
  reservation: ExposureReservation,
): Result<{ readonly book: ExposureBook; readonly status: ExposureStatus }, ExposureError> {
  const existing = book.reservations.find((r) => r.id === reservation.id);
  if (existing !== undefined) {
    const same =
      existing.counterparty === reservation.counterparty &&
      existing.amount.currency === reservation.amount.currency &&
      existing.amount.minor === reservation.amount.minor;
    if (!same) {
      return err(
        new ExposureError(
          RiskErrorCodes.RESERVATION_CONFLICT,
          `[deltran/risk] reserveExposure: reservation ${reservation.id} is already held with another counterparty or amount`,
          { path: ['id'] },
        ),
      );
    }
    const status = checkExposure(book, reservation.counterparty, fromMinor(0n, reservation.amount.currency));
    return status.ok ? ok({ book, status: status.value }) : status;
  }
  if (!isMoney(reservation.amount) || reservation.amount.minor <= 0n) {
    return err(
      new ExposureError(
        RiskErrorCodes.INVALID_EXPOSURE,
        '[deltran/risk] reserveExposure: amount: expected a positive Money',
        { path: ['amount'] },
      ),
    );
  }
  const status = checkExposure(book, reservation.counterparty, reservation.amount);
  if (!status.ok) return status;
  if (!status.value.allowed) {
    return err(
      new ExposureError(
        RiskErrorCodes.LIMIT_EXCEEDED,
        `[deltran/risk] reserveExposure: ${reservation.counterparty}: ${formatMoney(reservation.amount)} ${reservation.amount.currency} would take the exposure to ${formatMoney(status.value.after)} over the limit of ${formatMoney(status.value.limit)}`,
        { path: ['amount'] },
      ),
    );
  }
  const next = Object.freeze({
    limits: book.limits,
    reservations: Object.freeze([...book.reservations, reservation]),
  });
  return ok({ book: next, status: status.value });
}

/**
 * Releases a reservation (when its settlement completes or is cancelled).
 *
 * @param book - the book
 * @param id - the reservation's id; an unknown id leaves the book as it is (idempotent)
 * @returns the new book
 * @public
 */
export function releaseExposure(book: ExposureBook, id: string): ExposureBook {
  if (!book.reservations.some((r) => r.id === id)) return book;
  return Object.freeze({
    limits: book.limits,
    reservations: Object.freeze(book.reservations.filter((r) => r.id !== id)),
  });
}

function keyOf(counterparty: string, currency: string): string {
  return `${counterparty}\u0000${currency}`;
}

function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Money).minor === 'bigint' &&
    isCurrencyCode((value as Money).currency)
  );
}
