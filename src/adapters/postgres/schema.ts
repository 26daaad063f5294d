/**
 * The PostgreSQL schema of the ledger store, and its migration. One schema (namespace) per ledger;
 * the journal is append-only, enforced by a trigger, and every amount is `numeric(40,0)` minor units.
 * @internal
 */

/** The schema version this driver writes. @internal */
export const SCHEMA_VERSION = 1;

/** Quotes a validated schema name. @internal */
export function quoted(schema: string): string {
  return `"${schema}"`;
}

/** The statements that create (or complete) schema version 1; every one is idempotent. @internal */
export function migrationStatements(schema: string): string[] {
  const s = quoted(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.meta (key text PRIMARY KEY, value text NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.journal (
       seq bigint PRIMARY KEY CHECK (seq > 0),
       prev_hash text NOT NULL,
       hash text NOT NULL,
       body text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE IF NOT EXISTS ${s}.accounts (
       key text PRIMARY KEY,
       currency char(3) NOT NULL,
       kind text NOT NULL CHECK (kind IN ('reserve', 'unallocated', 'token', 'payout')),
       participant text,
       overdraft_limit numeric(40,0) NOT NULL,
       bank_account_id text,
       debits_posted numeric(40,0) NOT NULL,
       credits_posted numeric(40,0) NOT NULL,
       debits_pending numeric(40,0) NOT NULL,
       credits_pending numeric(40,0) NOT NULL,
       seq bigint NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.objects (
       type text NOT NULL,
       key text NOT NULL,
       value jsonb NOT NULL,
       seq bigint NOT NULL,
       PRIMARY KEY (type, key))`,
    `CREATE TABLE IF NOT EXISTS ${s}.commands (
       id text PRIMARY KEY,
       fingerprint bigint NOT NULL,
       result jsonb NOT NULL,
       seq bigint NOT NULL)`,
    `CREATE OR REPLACE FUNCTION ${s}.journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'the deltran token journal is append-only'; END $$`,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE t.tgname = 'journal_append_only' AND n.nspname = '${schema}') THEN
         CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.journal
           FOR EACH STATEMENT EXECUTE FUNCTION ${s}.journal_is_append_only();
       END IF;
     END $$`,
    `INSERT INTO ${s}.meta (key, value) VALUES ('schema_version', '${SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING`,
  ];
}
