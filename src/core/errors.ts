/**
 * The error model shared by every DelTran module (STYLE.md §4).
 *
 * Every error the SDK throws is a {@link DeltranError}: a stable `code` (public API — codes are added,
 * never renamed or reused), an optional ISO-style element `path`, the list of every `issues` found,
 * and the underlying `cause`. Modules subclass it in their own `errors.ts` with their own code table.
 *
 * @packageDocumentation
 */

/** One problem found in an input: a stable code, where it is, and what was expected. @public */
export interface Issue {
  /** Stable, UPPER_SNAKE code prefixed by its domain (for example `CORE_INVALID_AMOUNT`). */
  readonly code: string;
  /** Where the problem is: object keys or ISO 20022 element names, and array indexes. */
  readonly path: readonly (string | number)[];
  /** Human-readable sentence: what was wrong and what was expected. */
  readonly message: string;
}

/** Options accepted by every {@link DeltranError} constructor. @public */
export interface DeltranErrorOptions {
  /** Where the failure is (see {@link Issue.path}). */
  readonly path?: readonly (string | number)[];
  /** Every problem found; defaults to a single issue built from the error itself. */
  readonly issues?: readonly Issue[];
  /** The underlying error, if any (for example a ZodError or a parser exception). */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by DelTran. Match on `code` or `instanceof`, never on the message.
 * @public
 */
export class DeltranError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  /** Where the failure is, as in {@link Issue.path}; empty when it concerns the whole input. */
  readonly path: readonly (string | number)[];
  /** Every problem found, not just the first (STYLE.md §4.4). */
  readonly issues: readonly Issue[];

  constructor(code: string, message: string, options: DeltranErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.path = options.path ?? [];
    this.issues = options.issues ?? [{ code, path: this.path, message }];
  }
}

/** Renders a path as `CdtTrfTxInf[2]/IntrBkSttlmAmt`. @public */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `/${part}`;
  }
  return out;
}

/** Codes of the core module. Public API: add, never rename or reuse. @public */
export const CoreErrorCodes = {
  /** An amount string is not a strict decimal, or has more fraction digits than its currency allows. */
  INVALID_AMOUNT: 'CORE_INVALID_AMOUNT',
  /** More than 18 digits in total (the ISO 20022 `ActiveCurrencyAndAmount` limit). */
  AMOUNT_TOO_LARGE: 'CORE_AMOUNT_TOO_LARGE',
  /** A currency code that is not an active ISO 4217 code. */
  UNKNOWN_CURRENCY: 'CORE_UNKNOWN_CURRENCY',
  /** Two amounts of different currencies were combined. */
  CURRENCY_MISMATCH: 'CORE_CURRENCY_MISMATCH',
  /** Allocation ratios that are empty, negative or all zero. */
  INVALID_RATIOS: 'CORE_INVALID_RATIOS',
  /** An identifier (BIC, IBAN, LEI, UETR, country) failed its validation. */
  INVALID_IDENTIFIER: 'CORE_INVALID_IDENTIFIER',
  /** A value does not match a DelTran schema (for example CanonicalPayment). */
  INVALID_INPUT: 'CORE_INVALID_INPUT',
  /** An internal invariant was broken: a bug in DelTran, please report it. */
  INVARIANT: 'CORE_INVARIANT',
} as const;

/** Union of the core error codes. @public */
export type CoreErrorCode = (typeof CoreErrorCodes)[keyof typeof CoreErrorCodes];

/** An amount that cannot be represented exactly in its currency. @public */
export class InvalidAmountError extends DeltranError {}

/** A currency code that is not an active ISO 4217 code. @public */
export class UnknownCurrencyError extends DeltranError {}

/** Two amounts of different currencies were combined (STYLE.md §3.4). @public */
export class CurrencyMismatchError extends DeltranError {}

/** An identifier that failed its check (BIC, IBAN, LEI, UETR, country code). @public */
export class InvalidIdentifierError extends DeltranError {}

/** A value that does not match a DelTran schema; `issues` lists every problem. @public */
export class ValidationError extends DeltranError {}

/** A broken internal invariant: always a bug in DelTran. @public */
export class InvariantError extends DeltranError {}

/** Allocation ratios that are empty, negative, non-finite or all zero (`CORE_INVALID_RATIOS`). @public */
export class InvalidRatiosError extends DeltranError {}
