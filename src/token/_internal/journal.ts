/**
 * The journal: the canonical body of a batch, its hash chain, and the replay that turns a journal
 * back into the state it adds up to (to open a store written from a snapshot, and to verify one).
 *
 * Body format 1 (JSON): `{ v: 1, seq, accounts, refs, commands, objects }` where
 * - `accounts`: `[key, currency, kind, participant | null, overdraftLimit, bankAccountId | null]` for
 *   every account the batch opened or whose description changed;
 * - `refs`: the keys of every account the batch touched, which postings point into by index;
 * - `commands`: one flat list; per command `id, kind code, fingerprint, result, n` and then its n postings
 *   as `op, debitRef, creditRef, amount` (op 0 post, 1 hold, 2 release; amount a number while safe);
 * - `objects`: `[type, key, value]`, the latest version of each object the batch changed.
 * @internal
 */
import { type CurrencyCode, type Issue, isCurrencyCode } from '../../index';
import { TokenErrorCodes } from '../errors';
import type {
  JournalRecord,
  JsonValue,
  LedgerStoreState,
  StoredAccount,
  StoredCommands,
  StoredObject,
  StoredObjectType,
} from '../store';
import type { AccountKind, CommandKind } from '../types';
import { E2E_REF, UETR_REF } from './overlay-map';
import { decodeRec, type EntryRec, encodeRec, OBJECT_TYPES } from './records';
import { sha256Hex, sha256Hex2 } from './sha256';
import { Account, GENESIS_HASH, LedgerState, OP_HOLD, OP_POST, OP_RELEASE } from './state';

/** The body format this version writes and reads. @internal */
export const BODY_VERSION = 1;

/**
 * Command kinds in the body, by code (a transfer batch writes the kind of thousands of commands):
 * append only, never reorder.
 * @internal
 */
export const KINDS: readonly CommandKind[] = [
  'openAccount',
  'setOverdraftLimit',
  'mint',
  'transfer',
  'settleBatch',
  'hold',
  'postHold',
  'voidHold',
  'redeem',
  'cancelPayout',
  'recordBankEntries',
  'reconcile',
  'resolveBreak',
];

/** The inverse of {@link KINDS}. @internal */
export const KIND_CODES: Readonly<Record<CommandKind, number>> = Object.fromEntries(
  KINDS.map((kind, code) => [kind, code]),
) as Record<CommandKind, number>;

/**
 * `hash = SHA-256(prevHash + "\n" + body)`. With the portable SHA-256 the two parts are hashed
 * without joining them (the same digest, one copy of the body fewer).
 * @internal
 */
export function chainHash(sha256: (text: string) => string, prevHash: string, body: string): string {
  return sha256 === sha256Hex ? sha256Hex2(`${prevHash}\n`, body) : sha256(`${prevHash}\n${body}`);
}

interface Row {
  key: string;
  currency: string;
  kind: AccountKind;
  participant: string | null;
  overdraftLimit: bigint;
  bankAccountId: string | null;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
  seq: number;
}

const ACCOUNT_KINDS: ReadonlySet<string> = new Set(['reserve', 'unallocated', 'token', 'payout']);
const TYPES: ReadonlySet<string> = new Set(OBJECT_TYPES);

/** Replays journal records one by one into tables, collecting every problem. @internal */
export class JournalReplay {
  readonly accounts: Map<string, Row> = new Map();
  readonly objects: Map<string, StoredObject> = new Map();
  readonly commands: { ids: string[]; fingerprints: number[]; results: JsonValue[]; seqs: number[] } = {
    ids: [],
    fingerprints: [],
    results: [],
    seqs: [],
  };
  readonly problems: Issue[] = [];
  head: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  records = 0;
  private readonly sha256: ((text: string) => string) | undefined;

  /** With `sha256`, the hash chain is checked too. */
  constructor(sha256?: (text: string) => string) {
    this.sha256 = sha256;
  }

  private fail(path: readonly (string | number)[], message: string): void {
    if (this.problems.length < 100)
      this.problems.push({ code: TokenErrorCodes.JOURNAL_CORRUPT, path, message });
  }

  apply(record: JournalRecord): void {
    this.records++;
    const path = ['journal', record.seq];
    if (record.seq !== this.head.seq + 1)
      this.fail(path, `expected record ${this.head.seq + 1}, got ${record.seq}`);
    if (record.prevHash !== this.head.hash)
      this.fail([...path, 'prevHash'], `expected prevHash ${this.head.hash}, got ${record.prevHash}`);
    if (this.sha256 !== undefined) {
      const hash = chainHash(this.sha256, record.prevHash, record.body);
      if (hash !== record.hash)
        this.fail(
          [...path, 'hash'],
          `the body hashes to ${hash}, the record says ${record.hash}: the record was altered`,
        );
    }
    this.head = { seq: record.seq, hash: record.hash };
    this.applyRecord(record);
  }

  /**
   * Adds what a record's body does to the tables, without checking its place in the chain (a store
   * materializing the tables of the records it was given).
   */
  applyRecord(record: JournalRecord): void {
    const path = ['journal', record.seq];
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(record.body) as Record<string, unknown>;
    } catch {
      this.fail([...path, 'body'], 'the body is not JSON');
      return;
    }
    if (body === null || typeof body !== 'object' || body.v !== BODY_VERSION || body.seq !== record.seq) {
      this.fail([...path, 'body'], `expected a version ${BODY_VERSION} body for record ${record.seq}`);
      return;
    }
    try {
      this.applyBody(body, record.seq);
    } catch (error) {
      this.fail([...path, 'body'], `the body is malformed: ${(error as Error).message}`);
    }
  }

  private applyBody(body: Record<string, unknown>, seq: number): void {
    for (const meta of body.accounts as unknown[][]) {
      const [key, currency, kind, participant, limit, bank] = meta as [
        string,
        string,
        string,
        string | null,
        string,
        string | null,
      ];
      if (typeof key !== 'string' || !isCurrencyCode(currency) || !ACCOUNT_KINDS.has(kind))
        throw new Error(`bad account ${String(key)}`);
      const row = this.accounts.get(key) ?? {
        key,
        currency,
        kind: kind as AccountKind,
        participant,
        overdraftLimit: 0n,
        bankAccountId: null,
        debitsPosted: 0n,
        creditsPosted: 0n,
        debitsPending: 0n,
        creditsPending: 0n,
        seq,
      };
      row.overdraftLimit = BigInt(limit);
      row.bankAccountId = bank;
      this.accounts.set(key, row);
    }
    const refs = (body.refs as string[]).map((key) => {
      const row = this.accounts.get(key);
      if (row === undefined) throw new Error(`posting to unknown account ${key}`);
      row.seq = seq;
      return row;
    });
    const flat = body.commands as unknown[];
    let i = 0;
    while (i < flat.length) {
      const id = flat[i];
      const kind = KINDS[flat[i + 1] as number];
      const fingerprint = flat[i + 2];
      const result = flat[i + 3] as JsonValue;
      const postings = flat[i + 4];
      if (
        typeof id !== 'string' ||
        kind === undefined ||
        typeof fingerprint !== 'number' ||
        typeof postings !== 'number'
      ) {
        throw new Error(`bad command at ${i}`);
      }
      i += 5;
      for (let p = 0; p < postings; p++, i += 4) {
        const debit = refs[flat[i + 1] as number];
        const credit = refs[flat[i + 2] as number];
        if (debit === undefined || credit === undefined) throw new Error(`bad posting ref in ${id}`);
        if (debit.currency !== credit.currency) throw new Error(`posting across currencies in ${id}`);
        const amount = BigInt(flat[i + 3] as number | string);
        const op = flat[i];
        if (op === OP_POST) {
          debit.debitsPosted += amount;
          credit.creditsPosted += amount;
        } else if (op === OP_HOLD) {
          debit.debitsPending += amount;
          credit.creditsPending += amount;
        } else if (op === OP_RELEASE) {
          debit.debitsPending -= amount;
          credit.creditsPending -= amount;
        } else {
          throw new Error(`unknown posting op ${String(op)} in ${id}`);
        }
      }
      this.commands.ids.push(id);
      this.commands.fingerprints.push(fingerprint);
      this.commands.results.push([kind, result]);
      this.commands.seqs.push(seq);
    }
    for (const object of body.objects as unknown[][]) {
      const [type, key, value] = object as [StoredObjectType, string, JsonValue];
      if (!TYPES.has(type) || typeof key !== 'string') throw new Error(`bad object ${String(type)}`);
      this.objects.set(`${type}\u0000${key}`, { type, key, value, seq });
    }
  }

  /** Inserts or replaces an account row, as a store's `writeAccounts` does. */
  putAccount(row: StoredAccount): void {
    this.accounts.set(row.key, { ...row });
  }

  /** Inserts or replaces an object, as a store's `writeObjects` does. */
  putObject(object: StoredObject): void {
    this.objects.set(`${object.type}\u0000${object.key}`, object);
  }

  /** Appends command results, as a store's `writeCommands` does. */
  putCommands(rows: StoredCommands): void {
    const commands = this.commands;
    for (let i = 0; i < rows.ids.length; i++) {
      commands.ids.push(rows.ids[i] as string);
      commands.fingerprints.push(rows.fingerprints[i] as number);
      commands.results.push(rows.results[i] as JsonValue);
      commands.seqs.push(rows.seqs[i] as number);
    }
  }

  /** The tables as new arrays (later records do not change them); `head` is the caller's. */
  copyTables(head: { readonly seq: number; readonly hash: string } | undefined): LedgerStoreState {
    const { ids, fingerprints, results, seqs } = this.commands;
    return {
      ...(head === undefined ? {} : { head }),
      accounts: [...this.accounts.values()].map((row) => ({ ...row })),
      objects: [...this.objects.values()],
      commands: {
        ids: ids.slice(),
        fingerprints: fingerprints.slice(),
        results: results.slice(),
        seqs: seqs.slice(),
      },
    };
  }

  tables(): LedgerStoreState {
    return {
      ...(this.head.seq === 0 ? {} : { head: this.head }),
      accounts: [...this.accounts.values()].map((row) => ({ ...row })),
      objects: [...this.objects.values()],
      commands: this.commands,
    };
  }
}

/**
 * A stored command result is `[kind, result]`: the kind is kept with it because the result's JSON
 * form leaves it out (the bare applied result is `0`).
 * @internal
 */
export function commandKindOf(result: JsonValue): CommandKind {
  return (result as readonly JsonValue[])[0] as CommandKind;
}

/** Builds the in-memory state from a store's tables. @internal */
export function stateFromTables(tables: LedgerStoreState): LedgerState {
  const state = new LedgerState();
  for (const row of tables.accounts) {
    const account = new Account(row.key, row.currency as CurrencyCode, row.kind, row.participant);
    account.debitsPosted = account.cDebitsPosted = row.debitsPosted;
    account.creditsPosted = account.cCreditsPosted = row.creditsPosted;
    account.debitsPending = account.cDebitsPending = row.debitsPending;
    account.creditsPending = account.cCreditsPending = row.creditsPending;
    account.limit = account.cLimit = row.overdraftLimit;
    account.bankAccountId = account.cBankAccountId = row.bankAccountId;
    account.seq = row.seq;
    state.accounts.committed.set(row.key, account);
    state.indexToken(account);
  }
  const funding: EntryRec[] = [];
  const held: EntryRec[] = [];
  for (const object of tables.objects) {
    switch (object.type) {
      case 'mint': {
        const rec = decodeRec('mint', object.value);
        state.mints.committed.set(rec.id, rec);
        if (rec.status === 'pending') {
          if (rec.uetr !== undefined) state.mintByRef.committedSet(rec.currency, UETR_REF, rec.uetr, rec.id);
          if (rec.endToEndId !== undefined)
            state.mintByRef.committedSet(rec.currency, E2E_REF, rec.endToEndId, rec.id);
        }
        break;
      }
      case 'hold': {
        const rec = decodeRec('hold', object.value);
        state.holds.committed.set(rec.id, rec);
        break;
      }
      case 'payout': {
        const rec = decodeRec('payout', object.value);
        if (!state.payouts.committed.has(rec.id)) state.indexPayout(rec.id);
        state.payouts.committed.set(rec.id, rec);
        if (rec.status === 'in-flight') {
          if (rec.uetr !== undefined)
            state.payoutByRef.committedSet(rec.currency, UETR_REF, rec.uetr, rec.id);
          if (rec.endToEndId !== undefined)
            state.payoutByRef.committedSet(rec.currency, E2E_REF, rec.endToEndId, rec.id);
        }
        break;
      }
      case 'entry': {
        const rec = decodeRec('entry', object.value);
        state.entries.committed.set(rec.key, rec);
        state.entryCount = Math.max(state.entryCount, rec.order + 1);
        if (rec.creditDebit === 'CRDT' && rec.claimedBy === undefined) funding.push(rec);
        if (rec.state === 'held') held.push(rec);
        break;
      }
      case 'break': {
        const rec = decodeRec('break', object.value);
        state.breaks.committed.set(rec.id, rec);
        if (rec.status === 'open')
          state.openBreaks.committed.set(
            rec.currency,
            (state.openBreaks.committed.get(rec.currency) ?? 0) + 1,
          );
        break;
      }
    }
  }
  // Minted mints keep their references taken: a second mint for the same payment is refused.
  for (const rec of state.mints.committed.values()) {
    if (rec.status !== 'minted') continue;
    if (rec.uetr !== undefined) state.mintByRef.committedSet(rec.currency, UETR_REF, rec.uetr, rec.id);
    if (rec.endToEndId !== undefined)
      state.mintByRef.committedSet(rec.currency, E2E_REF, rec.endToEndId, rec.id);
  }
  const byOrder = (a: EntryRec, b: EntryRec) => a.order - b.order;
  for (const [list, index] of [
    [funding.sort(byOrder), state.fundingByRef],
    [held.sort(byOrder), state.heldByRef],
  ] as const) {
    for (const rec of list) {
      for (const [kind, ref] of [
        [UETR_REF, rec.uetr],
        [E2E_REF, rec.endToEndId],
      ] as const) {
        if (ref !== undefined)
          index.committedSet(rec.currency, kind, ref, [
            ...(index.committedGet(rec.currency, kind, ref) ?? []),
            rec.key,
          ]);
      }
    }
  }
  const { ids, fingerprints, results, seqs } = tables.commands;
  for (let i = 0; i < ids.length; i++) {
    state.commands.add(
      ids[i] as string,
      fingerprints[i] as number,
      results[i] as JsonValue,
      seqs[i] as number,
    );
  }
  if (tables.head !== undefined) state.head = { ...tables.head };
  return state;
}

/** The committed state as tables, to compare with the store's. @internal */
export function tablesFromState(state: LedgerState): LedgerStoreState {
  const objects: StoredObject[] = [];
  for (const type of OBJECT_TYPES) {
    for (const [key, rec] of state.objectMap(type).committed)
      objects.push({ type, key, value: encodeRec(rec), seq: 0 });
  }
  return {
    ...(state.head.seq === 0 ? {} : { head: state.head }),
    accounts: [...state.accounts.committed.values()].map((account) => account.toStored(true)),
    objects,
    commands: state.commands.columns(),
  };
}

/** Every difference between two sets of tables. `withSeq` also compares the seq columns. @internal */
export function compareTables(
  expected: LedgerStoreState,
  actual: LedgerStoreState,
  label: string,
  withSeq: boolean,
): Issue[] {
  const problems: Issue[] = [];
  const fail = (path: (string | number)[], message: string) => {
    if (problems.length < 100)
      problems.push({ code: TokenErrorCodes.JOURNAL_CORRUPT, path: [label, ...path], message });
  };
  if (
    (expected.head?.seq ?? 0) !== (actual.head?.seq ?? 0) ||
    (expected.head?.hash ?? GENESIS_HASH) !== (actual.head?.hash ?? GENESIS_HASH)
  ) {
    fail(
      ['head'],
      `expected head ${expected.head?.seq ?? 0} ${expected.head?.hash ?? ''}, got ${actual.head?.seq ?? 0} ${actual.head?.hash ?? ''}`,
    );
  }
  const accounts = new Map(actual.accounts.map((row) => [row.key, row]));
  for (const row of expected.accounts) {
    const other = accounts.get(row.key);
    accounts.delete(row.key);
    if (other === undefined) {
      fail(['accounts', row.key], 'missing');
      continue;
    }
    for (const field of ACCOUNT_FIELDS) {
      if (field === 'seq' && !withSeq) continue;
      if (row[field] !== other[field])
        fail(['accounts', row.key, field], `expected ${String(row[field])}, got ${String(other[field])}`);
    }
  }
  for (const key of accounts.keys()) fail(['accounts', key], 'not in the journal');
  const objects = new Map(actual.objects.map((object) => [`${object.type}\u0000${object.key}`, object]));
  for (const object of expected.objects) {
    const id = `${object.type}\u0000${object.key}`;
    const other = objects.get(id);
    objects.delete(id);
    if (other === undefined) fail(['objects', object.type, object.key], 'missing');
    else if (
      canonicalJson(object.value) !== canonicalJson(other.value) ||
      (withSeq && object.seq !== other.seq)
    ) {
      fail(
        ['objects', object.type, object.key],
        `expected ${canonicalJson(object.value)}, got ${canonicalJson(other.value)}`,
      );
    }
  }
  for (const object of objects.values()) fail(['objects', object.type, object.key], 'not in the journal');
  const commands = new Map<string, number>();
  for (let i = 0; i < actual.commands.ids.length; i++) commands.set(actual.commands.ids[i] as string, i);
  const want = expected.commands;
  const got = actual.commands;
  for (let i = 0; i < want.ids.length; i++) {
    const id = want.ids[i] as string;
    const j = commands.get(id);
    commands.delete(id);
    if (j === undefined) fail(['commands', id], 'missing');
    else if (
      got.fingerprints[j] !== want.fingerprints[i] ||
      got.seqs[j] !== want.seqs[i] ||
      !sameJson(got.results[j] as JsonValue, want.results[i] as JsonValue)
    ) {
      fail(['commands', id], 'differs from the journal');
    }
  }
  for (const id of commands.keys()) fail(['commands', id], 'not in the journal');
  return problems;
}

const ACCOUNT_FIELDS = [
  'currency',
  'kind',
  'participant',
  'overdraftLimit',
  'bankAccountId',
  'debitsPosted',
  'creditsPosted',
  'debitsPending',
  'creditsPending',
  'seq',
] as const satisfies readonly (keyof StoredAccount)[];

/** Compares two JSON values; results are mostly the shared `[kind, 0]`, compared without writing. */
function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (
    Array.isArray(a) &&
    Array.isArray(b) &&
    a.length === 2 &&
    b.length === 2 &&
    a[0] === b[0] &&
    a[1] === b[1]
  )
    return true;
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, for comparing values whatever their key order. @internal */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, JsonValue>;
  return `{${Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key] as JsonValue)}`)
    .join(',')}}`;
}
