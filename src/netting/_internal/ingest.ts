/**
 * Validation at the public edge (STYLE.md §1.6) and the columnar form every algorithm works on:
 * interned participant indexes in `Int32Array`s, amounts in a `Float64Array` while they are exact.
 * @internal
 */

import {
  type CurrencyCode,
  currencyExponent,
  DeltranError,
  type Issue,
  isCurrencyCode,
  money,
} from '../../index';
import { InvalidObligationError, NettingErrorCodes } from '../errors';
import type { Obligation } from '../types';
import { findDuplicateIds } from './id-table';
import { describe, ISSUES_MAX, NAME_LENGTH_MAX, obligationLabel, prefix } from './messages';
import { parseAmountFast } from './parse-amount';

/** Obligations in columns, indexes into `participants` and `currencies`. @internal */
export interface Columns {
  readonly count: number;
  readonly debtor: Int32Array;
  readonly creditor: Int32Array;
  /** Index into `currencies` (there are fewer than 256 active ISO 4217 codes). */
  readonly currency: Uint8Array;
  /** Minor units; exact unless the obligation's currency is not {@link Columns.exact}. */
  readonly amount: Float64Array;
  /** Exact minor units of amounts above `Number.MAX_SAFE_INTEGER`, by obligation index. */
  readonly large: ReadonlyMap<number, bigint>;
  /** Participant names, in order of first appearance. */
  readonly participants: readonly string[];
  /** Currency codes, in order of first appearance. */
  readonly currencies: readonly CurrencyCode[];
  /**
   * Per currency: true when its gross total is at most `Number.MAX_SAFE_INTEGER` minor units, so that
   * every sum, difference and net position of its amounts is an exact integer in a double.
   */
  readonly exact: readonly boolean[];
  /** Per currency: the number of obligations. */
  readonly currencyCounts: readonly number[];
}

/** One obligation, checked, with its amount in exact minor units. @internal */
export interface CheckedObligation {
  readonly id: string;
  readonly debtor: string;
  readonly creditor: string;
  readonly currency: CurrencyCode;
  readonly minor: bigint;
}

interface Collector {
  readonly where: string;
  /** One obligation on its own (a window's `add`): paths are `[field]`, not `[index, field]`. */
  readonly single: boolean;
  readonly issues: Issue[];
  firstIndex: number;
  firstId: string | undefined;
}

function report(
  collector: Collector,
  index: number,
  id: unknown,
  code: string,
  field: string,
  text: string,
): void {
  if (collector.issues.length >= ISSUES_MAX) return;
  const path = collector.single ? [field] : [index, field];
  if (collector.issues.length === 0) {
    collector.firstIndex = index;
    collector.firstId = typeof id === 'string' ? id : undefined;
  }
  collector.issues.push({
    code,
    path,
    message: `${prefix(collector.where, path)}${obligationLabel(id, index)}: ${text}`,
  });
}

function throwIfIssues(collector: Collector): void {
  const { issues } = collector;
  if (issues.length === 0) return;
  const first = issues[0]!;
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new InvalidObligationError(first.code, `${first.message}${more}`, {
    path: first.path,
    issues,
    index: collector.firstIndex,
    ...(collector.firstId === undefined ? {} : { obligationId: collector.firstId }),
  });
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= NAME_LENGTH_MAX;
}

function nameProblem(value: unknown, field: string): string {
  if (typeof value !== 'string') return `expected ${field} to be a string, got ${describe(value)}`;
  if (value.length === 0) return `expected ${field} to be a non-empty string`;
  return `expected ${field} of at most ${NAME_LENGTH_MAX} characters, got ${value.length}`;
}

/**
 * Reads one amount. Returns the minor units, or undefined after reporting the problem.
 */
function readAmount(
  collector: Collector,
  index: number,
  id: unknown,
  raw: unknown,
  currency: CurrencyCode,
  exponent: number,
): bigint | number | undefined {
  if (typeof raw === 'string') {
    const fast = parseAmountFast(raw, exponent);
    if (fast > 0) return fast;
    if (fast === 0) {
      report(
        collector,
        index,
        id,
        NettingErrorCodes.NON_POSITIVE_AMOUNT,
        'amount',
        `expected a positive amount, got ${describe(raw)}`,
      );
      return undefined;
    }
    let minor: bigint;
    try {
      minor = money(raw, currency).minor;
    } catch (error) {
      const reason =
        error instanceof DeltranError ? error.message.replace(/^\[deltran\] money: /, '') : String(error);
      report(collector, index, id, NettingErrorCodes.INVALID_AMOUNT, 'amount', reason);
      return undefined;
    }
    if (minor <= 0n) {
      report(
        collector,
        index,
        id,
        NettingErrorCodes.NON_POSITIVE_AMOUNT,
        'amount',
        `expected a positive amount, got ${describe(raw)}`,
      );
      return undefined;
    }
    return minor;
  }
  if (typeof raw === 'object' && raw !== null && typeof (raw as { minor?: unknown }).minor === 'bigint') {
    const m = raw as { minor: bigint; currency?: unknown };
    if (m.currency !== currency) {
      report(
        collector,
        index,
        id,
        NettingErrorCodes.CURRENCY_MISMATCH,
        'amount',
        `expected an amount in ${currency}, the obligation's currency, got one in ${describe(m.currency)}`,
      );
      return undefined;
    }
    if (m.minor <= 0n) {
      report(
        collector,
        index,
        id,
        NettingErrorCodes.NON_POSITIVE_AMOUNT,
        'amount',
        `expected a positive amount, got ${m.minor} minor units`,
      );
      return undefined;
    }
    return m.minor;
  }
  report(
    collector,
    index,
    id,
    NettingErrorCodes.INVALID_AMOUNT,
    'amount',
    `expected a decimal string such as "10.50" or a Money, got ${describe(raw)}`,
  );
  return undefined;
}

/**
 * Validates every obligation and returns them in columns.
 * @param where - the public function, for messages (`net`, `verifyNetting`)
 * @throws InvalidObligationError listing every problem (up to 100)
 * @internal
 */
export function ingest(obligations: readonly Obligation[], where: string, single = false): Columns {
  const collector: Collector = { where, single, issues: [], firstIndex: -1, firstId: undefined };
  if (!Array.isArray(obligations)) {
    throw new InvalidObligationError(
      NettingErrorCodes.INVALID_OBLIGATION,
      `${prefix(where, [])}expected an array of obligations, got ${describe(obligations)}`,
    );
  }
  const count = obligations.length;
  const debtor = new Int32Array(count);
  const creditor = new Int32Array(count);
  const currency = new Uint8Array(count);
  const amount = new Float64Array(count);
  const large = new Map<number, bigint>();
  const participantIndex = new Map<string, number>();
  const participants: string[] = [];
  const currencyIndex = new Map<string, number>();
  const currencies: CurrencyCode[] = [];
  const exponents: number[] = [];
  const grossApprox: number[] = [];
  const hasLarge: boolean[] = [];
  const currencyCounts: number[] = [];
  const duplicates = findDuplicateIds(obligations, isName);

  for (let i = 0; i < count; i++) {
    const o = obligations[i] as Partial<Record<keyof Obligation, unknown>> | null | undefined;
    if (typeof o !== 'object' || o === null) {
      report(
        collector,
        i,
        undefined,
        NettingErrorCodes.INVALID_OBLIGATION,
        'id',
        `expected an object, got ${describe(o)}`,
      );
      continue;
    }
    const { id, debtor: d, creditor: c, currency: ccy, amount: raw } = o;
    let valid = true;
    if (!isName(id)) {
      report(collector, i, id, NettingErrorCodes.INVALID_OBLIGATION, 'id', nameProblem(id, 'id'));
      valid = false;
    } else {
      const first = duplicates.size === 0 ? undefined : duplicates.get(i);
      if (first !== undefined) {
        report(
          collector,
          i,
          id,
          NettingErrorCodes.DUPLICATE_ID,
          'id',
          `the id is already used by the obligation at index ${first}; ids must be unique`,
        );
        valid = false;
      }
    }
    if (!isName(d)) {
      report(collector, i, id, NettingErrorCodes.INVALID_OBLIGATION, 'debtor', nameProblem(d, 'debtor'));
      valid = false;
    }
    if (!isName(c)) {
      report(collector, i, id, NettingErrorCodes.INVALID_OBLIGATION, 'creditor', nameProblem(c, 'creditor'));
      valid = false;
    } else if (c === d) {
      report(
        collector,
        i,
        id,
        NettingErrorCodes.SELF_OBLIGATION,
        'creditor',
        `debtor and creditor are both ${describe(c)}; an obligation is between two participants`,
      );
      valid = false;
    }
    let k = typeof ccy === 'string' ? currencyIndex.get(ccy) : undefined;
    if (k === undefined) {
      if (isCurrencyCode(ccy)) {
        k = currencies.length;
        currencyIndex.set(ccy, k);
        currencies.push(ccy);
        exponents.push(currencyExponent(ccy));
        grossApprox.push(0);
        hasLarge.push(false);
        currencyCounts.push(0);
      } else {
        report(
          collector,
          i,
          id,
          NettingErrorCodes.UNKNOWN_CURRENCY,
          'currency',
          `expected an active ISO 4217 currency code such as "EUR", got ${describe(ccy)}`,
        );
        continue;
      }
    }
    // Fast paths first: a Money or a short decimal string that is exact in a double.
    let exactValue = -1;
    if (typeof raw === 'string') {
      exactValue = parseAmountFast(raw, exponents[k]!);
    } else if (typeof raw === 'object' && raw !== null) {
      const minor = (raw as { minor?: unknown }).minor;
      if (typeof minor === 'bigint' && (raw as { currency?: unknown }).currency === ccy) {
        // Number() rounds to nearest, so x ≤ 2^53 − 1 exactly when minor is, and x > 0 when minor is:
        // two double compares instead of two bigint ones.
        const x = Number(minor);
        if (x > 0 && x <= Number.MAX_SAFE_INTEGER) exactValue = x;
      }
    }
    if (exactValue <= 0) {
      const value = readAmount(collector, i, id, raw, currencies[k]!, exponents[k]!);
      if (value === undefined) continue;
      if (typeof value === 'number') {
        exactValue = value;
      } else if (value <= MAX_SAFE_BIG) {
        exactValue = Number(value);
      } else {
        exactValue = Number(value);
        large.set(i, value);
        hasLarge[k] = true;
      }
    }
    if (!valid || collector.issues.length > 0) continue; // no columns are needed once the input is known bad
    amount[i] = exactValue;
    grossApprox[k]! += exactValue;
    currencyCounts[k]!++;
    currency[i] = k;
    let di = participantIndex.get(d as string);
    if (di === undefined) {
      di = participants.length;
      participantIndex.set(d as string, di);
      participants.push(d as string);
    }
    let ci = participantIndex.get(c as string);
    if (ci === undefined) {
      ci = participants.length;
      participantIndex.set(c as string, ci);
      participants.push(c as string);
    }
    debtor[i] = di;
    creditor[i] = ci;
  }
  throwIfIssues(collector);
  // A float sum of positive integers is exact while the true sum stays ≤ 2^53 − 1, and rounds to ≥ 2^53
  // once it does not; so this comparison tells exactly when the double path is safe (docs/netting.md).
  const exact = grossApprox.map((g, k) => g <= Number.MAX_SAFE_INTEGER && !hasLarge[k]);
  return {
    count,
    debtor,
    creditor,
    currency,
    amount,
    large,
    participants,
    currencies,
    exact,
    currencyCounts,
  };
}

/**
 * Validates one obligation (for netting windows).
 * @throws InvalidObligationError
 * @internal
 */
export function checkObligation(obligation: Obligation, where: string): CheckedObligation {
  const columns = ingest([obligation], where, true);
  const o = obligation;
  const minor = columns.large.get(0) ?? BigInt(columns.amount[0]!);
  return { id: o.id, debtor: o.debtor, creditor: o.creditor, currency: columns.currencies[0]!, minor };
}
