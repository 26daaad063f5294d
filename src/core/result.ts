/**
 * A `Result` for expected outcomes that are values, not exceptions (STYLE.md §2.6, §4.5): every
 * `parseX` that throws has a `safeParseX` returning one of these.
 * @packageDocumentation
 */
import type { DeltranError } from './errors';

/** Success branch of a {@link Result}. @public */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** Failure branch of a {@link Result}. @public */
export interface Err<E = DeltranError> {
  readonly ok: false;
  readonly error: E;
}

/** Either a value or an error, discriminated on `ok`. @public */
export type Result<T, E = DeltranError> = Ok<T> | Err<E>;

/** Wraps a value in a successful {@link Result}. @public */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Wraps an error in a failed {@link Result}. @public */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
