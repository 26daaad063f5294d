/**
 * Ledger snapshots: the journal as JSON, to move a ledger between stores or check it offline
 * (`deltran reconcile --ledger snapshot.json`).
 *
 * @packageDocumentation
 */
import { TokenErrorCodes, TokenSnapshotError } from './errors';
import type { JournalRecord, LedgerSnapshot } from './store';

const HASH = /^[0-9a-f]{64}$/;

/**
 * Checks that a value (typically `JSON.parse` of a file) is a {@link LedgerSnapshot}. Only the shape
 * is checked here; the hash chain and what the journal adds up to are checked when a ledger opens it.
 *
 * @param value - the parsed JSON
 * @returns the snapshot
 * @throws {@link TokenSnapshotError} (`TOKEN_INVALID_SNAPSHOT`) naming the first bad field
 * @example
 * ```ts
 * const snapshot = parseLedgerSnapshot(JSON.parse(readFileSync('ledger.json', 'utf8')));
 * const ledger = await createTokenLedger({ store: createMemoryLedgerStore({ snapshot }) });
 * ```
 * @public
 */
export function parseLedgerSnapshot(value: unknown): LedgerSnapshot {
  const fail = (path: readonly (string | number)[], message: string): never => {
    throw new TokenSnapshotError(
      TokenErrorCodes.INVALID_SNAPSHOT,
      `[deltran] token: snapshot ${path.join('.')}: ${message}`,
      { path },
    );
  };
  if (value === null || typeof value !== 'object') return fail([], 'expected an object');
  const snapshot = value as Record<string, unknown>;
  if (snapshot.format !== 'deltran.token.snapshot') fail(['format'], 'expected "deltran.token.snapshot"');
  if (snapshot.version !== 1) fail(['version'], `expected version 1, got ${String(snapshot.version)}`);
  const head = snapshot.head as { seq?: unknown; hash?: unknown } | null;
  if (
    head === null ||
    typeof head !== 'object' ||
    !Number.isSafeInteger(head.seq) ||
    typeof head.hash !== 'string' ||
    !HASH.test(head.hash)
  ) {
    fail(['head'], 'expected { seq, hash }');
  }
  if (!Array.isArray(snapshot.journal)) return fail(['journal'], 'expected an array of records');
  const journal: JournalRecord[] = [];
  snapshot.journal.forEach((item: unknown, index: number) => {
    const record = item as Record<string, unknown> | null;
    if (
      record === null ||
      typeof record !== 'object' ||
      !Number.isSafeInteger(record.seq) ||
      typeof record.prevHash !== 'string' ||
      typeof record.hash !== 'string' ||
      typeof record.body !== 'string'
    ) {
      fail(['journal', index], 'expected { seq, prevHash, hash, body }');
    } else {
      journal.push({
        seq: record.seq as number,
        prevHash: record.prevHash,
        hash: record.hash,
        body: record.body,
      });
    }
  });
  const last = journal[journal.length - 1];
  const headSeq = (head as { seq: number }).seq;
  if ((last?.seq ?? 0) !== headSeq)
    fail(['head', 'seq'], `expected ${last?.seq ?? 0}, the last record's seq`);
  return {
    format: 'deltran.token.snapshot',
    version: 1,
    head: { seq: headSeq, hash: (head as { hash: string }).hash },
    journal,
  };
}
