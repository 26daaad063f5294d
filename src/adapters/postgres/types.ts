/**
 * Options of the PostgreSQL ledger store, and the few shapes of the `pg` client it relies on. They
 * are structural, so the published types do not depend on `@types/pg`, and a compatible client (or a
 * test double) can be passed in.
 * @packageDocumentation
 */

/** What a query returns (the part of `pg.QueryResult` the store reads). @public */
export interface PgQueryResult {
  /** Result rows, column name to value. */
  readonly rows: Record<string, unknown>[];
  /** Rows inserted, updated or returned. */
  readonly rowCount: number | null;
}

/** A checked-out connection (`pg.PoolClient`). @public */
export interface PgClientLike {
  /** Runs a statement with positional parameters. */
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  /** Gives the connection back; with an error (or `true`), the pool destroys it instead. */
  release(destroy?: Error | boolean): void;
  /** Connection errors while checked out. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Removes an `error` listener. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** A connection pool (`pg.Pool`). @public */
export interface PgPoolLike {
  /** Checks out a connection. */
  connect(): Promise<PgClientLike>;
  /** Runs one statement on any connection. */
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  /** Closes every connection. */
  end(): Promise<void>;
  /** Errors of idle connections. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** The `pg` module, or what of it the store needs. @public */
export interface PgLibLike {
  /** `pg.Pool`. */
  readonly Pool: new (
    config: Record<string, unknown>,
  ) => PgPoolLike;
}

/** How the adapter reaches the database: a connection string, or a pool the host owns. @public */
export interface PostgresConnectionOptions {
  /** `postgres://user@host:5432/database`; required unless `pool` is given. */
  readonly connectionString?: string;
  /** A pool the host owns (and closes); the adapter never ends it. */
  readonly pool?: PgPoolLike;
  /** The `pg` module to use instead of importing it (STYLE.md §5.3). */
  readonly lib?: PgLibLike;
}

/** Options of `createPostgresLedgerStore`. @public */
export interface PostgresLedgerStoreOptions extends PostgresConnectionOptions {
  /**
   * The PostgreSQL schema (namespace) holding the ledger's tables; one ledger per schema.
   * @defaultValue `'deltran_token'`
   */
  readonly schema?: string;
  /**
   * Create or complete the tables on first use.
   * @defaultValue true
   */
  readonly migrate?: boolean;
  /**
   * `application_name` of the connections the store opens (visible in `pg_stat_activity`).
   * @defaultValue `'deltran-token'`
   */
  readonly applicationName?: string;
  /**
   * Size of the pool the store creates.
   * @defaultValue 4
   */
  readonly max?: number;
}
