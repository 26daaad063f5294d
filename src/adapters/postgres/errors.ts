/**
 * Errors of the PostgreSQL ledger store. Failures while a batch is written reach the ledger, which
 * reports them as `TOKEN_STORE_FAILED` / `TOKEN_STORE_CONFLICT` (`TokenStoreError`); these are the
 * driver's own: a missing client library, bad options, a schema from a newer version.
 * @packageDocumentation
 */
import { DeltranError } from '../../index';

/** Codes of {@link PostgresStoreError}. Public API: added, never renamed or reused. @public */
export const PostgresStoreErrorCodes = {
  /** The optional peer dependency `pg` is not installed (and no `lib` or `pool` was given). */
  MISSING_DEPENDENCY: 'ADAPTER_POSTGRES_MISSING_DEPENDENCY',
  /** The options are invalid (bad schema name, neither a connection string nor a pool …). */
  INVALID_OPTIONS: 'ADAPTER_POSTGRES_INVALID_OPTIONS',
  /** The database schema was written by a newer version of this driver. */
  SCHEMA_VERSION: 'ADAPTER_POSTGRES_SCHEMA_VERSION',
} as const;

/** Union of {@link PostgresStoreErrorCodes}. @public */
export type PostgresStoreErrorCode = (typeof PostgresStoreErrorCodes)[keyof typeof PostgresStoreErrorCodes];

/** An error of the PostgreSQL ledger store's own (see {@link PostgresStoreErrorCodes}). @public */
export class PostgresStoreError extends DeltranError {}
