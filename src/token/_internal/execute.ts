/**
 * Running a batch: idempotency first (replays and conflicts, before anything runs), then each new
 * command through its handler, then the journal record (and, for a store that takes them, the rows)
 * of what changed. The caller writes them in one store transaction, or hands the record to a store
 * that derives its tables from the journal, and calls `finish` (commit to memory) or `undo`.
 * @internal
 */
import { TokenConflictError, TokenRejectionCodes } from '../errors';
import type { JournalRecord, JsonValue, StoredAccount, StoredCommands, StoredObject } from '../store';
import type { CommandKind, CommandResult, LedgerCommand } from '../types';
import { Batch, type ReserveBindings } from './batch';
import * as handlers from './handlers';
import { BODY_VERSION, KIND_CODES } from './journal';
import { jsonNullable, jsonNumber, jsonString, recordText } from './json';
import { isDeleted } from './overlay-map';
import { reconcile } from './reconcile-command';
import { copyOf, type Draft, encodeRec, OBJECT_TYPES } from './records';
import { decodeResult, encodeResult, encodeResultText, rejected } from './results';
import { type Account, type LedgerState, ResultText, RUNNING } from './state';
import type { Prepared } from './validate';

/** What a batch produced, ready to be written. @internal */
export interface BatchPlan {
  readonly status: 'applied' | 'aborted' | 'replayed';
  readonly results: readonly CommandResult[];
  /** Absent when every command was a replay (nothing to write). */
  readonly write?: {
    readonly record: JournalRecord;
    /** The store rows of the batch; absent when the store derives its tables from the journal. */
    readonly rows?: {
      readonly accounts: readonly StoredAccount[];
      readonly objects: readonly StoredObject[];
      readonly commands: StoredCommands;
    };
  };
  /** Makes the batch visible in memory (after the store committed). */
  finish(): void;
  /** Drops the batch from memory (the store did not commit). */
  undo(): void;
}

/** @internal */
export interface PlanOptions {
  readonly atomic: boolean;
  readonly bindings: ReserveBindings;
  readonly batchNo: number;
  readonly sha256: (text: string) => string;
  /**
   * Whether the store takes the batch's rows (accounts, objects, results); when it derives them from
   * the journal (the memory store), only the record is built, and stored results are kept as slices of
   * its body.
   */
  readonly rows: boolean;
}

function run(batch: Batch, command: LedgerCommand, prepared: Prepared, position: number): CommandResult {
  switch (command.kind) {
    case 'transfer':
      return handlers.transfer(batch, command);
    case 'settleBatch':
      return handlers.settleBatch(batch, command.id, prepared.instructions.get(position) ?? NO_INSTRUCTIONS);
    case 'openAccount':
      return handlers.openAccount(batch, command);
    case 'setOverdraftLimit':
      return handlers.setOverdraftLimit(batch, command);
    case 'mint':
      return handlers.mint(batch, command);
    case 'hold':
      return handlers.hold(batch, command);
    case 'postHold':
      return handlers.postHold(batch, command);
    case 'voidHold':
      return handlers.voidHold(batch, command);
    case 'redeem':
      return handlers.redeem(batch, command);
    case 'cancelPayout':
      return handlers.cancelPayout(batch, command);
    case 'recordBankEntries':
      return handlers.recordBankEntries(batch, command);
    case 'reconcile':
      return reconcile(batch, command);
    case 'resolveBreak':
      return handlers.resolveBreak(batch, command);
  }
}

const NO_INSTRUCTIONS = { from: [], to: [], currency: [], minor: [] };

// The stored form of a bare applied result, shared: most of a transfer batch.
const BARE: Partial<Record<CommandKind, JsonValue>> = {};
function storedResult(kind: CommandKind, result: CommandResult): JsonValue {
  const encoded = encodeResult(result);
  if (encoded !== 0) return [kind, encoded];
  let bare = BARE[kind];
  if (bare === undefined) {
    bare = Object.freeze([kind, 0]) as JsonValue;
    BARE[kind] = bare;
  }
  return bare;
}

const TYPE_TEXT: Readonly<Record<string, string>> = Object.fromEntries(
  OBJECT_TYPES.map((type) => [type, jsonString(type)]),
);

/**
 * The journal's command list as it is written: per command its header (`id, kind, fingerprint,
 * result, n`) and n postings, as JSON text, with where each result's text starts in it.
 */
class CommandsText {
  text = '';
  /** Per journaled command, in order: the slot it answers, its kind, and its result's text and offset. */
  readonly slots: number[] = [];
  readonly kinds: CommandKind[] = [];
  readonly results: string[] = [];
  readonly offsets: number[] = [];

  /** Appends a command whose postings are `flat[from, to)`. */
  add(
    slot: number,
    id: string,
    kind: CommandKind,
    fingerprint: number,
    result: string,
    flat: readonly unknown[],
    from: number,
    to: number,
  ): void {
    const head = `${this.text === '' ? '' : ','}${jsonString(id)},${KIND_CODES[kind]},${jsonNumber(fingerprint)},`;
    this.slots.push(slot);
    this.kinds.push(kind);
    this.results.push(result);
    this.offsets.push(this.text.length + head.length);
    let piece = `${head}${result},${(to - from) >> 2}`;
    for (let i = from; i < to; i += 4) {
      const amount = flat[i + 3] as number | string;
      piece += `,${flat[i] as number},${flat[i + 1] as number},${flat[i + 2] as number},${typeof amount === 'number' ? jsonNumber(amount) : jsonString(amount)}`;
    }
    this.text += piece;
  }

  clear(): void {
    this.text = '';
    this.slots.length = 0;
    this.kinds.length = 0;
    this.results.length = 0;
    this.offsets.length = 0;
  }
}

/** @internal */
export function planBatch(state: LedgerState, prepared: Prepared, options: PlanOptions): BatchPlan {
  const commands = prepared.commands;
  const fingerprints = prepared.fingerprints;
  const count = commands.length;
  const results: CommandResult[] = new Array(count);
  const index = state.commands;
  const start = index.size;
  // For each command new in this batch, its slot; -1 for replays and repeats.
  const slotOf: number[] = new Array(count).fill(-1);
  // For each new slot (slot - start), the batch position of its command.
  const positions: number[] = [];
  for (let i = 0; i < count; i++) {
    const command = commands[i] as LedgerCommand;
    const fingerprint = fingerprints[i] as number;
    const slot = index.claim(command.id, fingerprint, 0, RUNNING);
    if (slot < 0) {
      slotOf[i] = -1 - slot;
      positions.push(i);
    } else if (index.fingerprints[slot] !== fingerprint) {
      index.truncate(start);
      throw conflict(command.id, i);
    } else if (index.seqs[slot] !== RUNNING) {
      const [kind, encoded] = index.result(slot) as readonly JsonValue[];
      results[i] = decodeResult(command.id, kind as CommandKind, encoded as JsonValue);
    }
  }
  const added = positions.length;
  if (added === 0) {
    repeats(results, commands, index, positions, start);
    return { status: 'replayed', results, finish: noop, undo: noop };
  }

  const rows = options.rows;
  const seq = state.head.seq + 1;
  const batch = new Batch(options.batchNo, state, options.bindings, added);
  const flat = batch.flat;
  const journaled = new CommandsText();
  let aborted = -1;
  try {
    for (let i = 0; i < count; i++) {
      const slot = slotOf[i] as number;
      if (slot < 0) continue;
      const command = commands[i] as LedgerCommand;
      const kind = command.kind;
      batch.commandId = command.id;
      const from = batch.size;
      let result = run(batch, command, prepared, i);
      let resultText = batch.resultText;
      batch.resultText = undefined;
      if (batch.minted.length > 0) {
        const withMinted: Draft<CommandResult> = copyOf(result);
        withMinted.minted = batch.minted;
        result = withMinted;
        batch.minted = [];
        resultText = undefined;
      }
      results[i] = result;
      if (options.atomic && result.status === 'rejected') {
        aborted = i;
        break;
      }
      if (rows) index.results[slot] = storedResult(kind, result);
      journaled.add(
        slot,
        command.id,
        kind,
        fingerprints[i] as number,
        resultText ?? encodeResultText(result),
        flat,
        from,
        batch.size,
      );
    }
  } catch (error) {
    undoState(state, batch);
    index.truncate(start);
    throw error;
  }

  if (aborted >= 0) {
    // All or nothing: drop everything the batch did, keep (and record) why.
    undoState(state, batch);
    batch.refs.length = 0;
    batch.newEntries = 0;
    batch.size = 0;
    journaled.clear();
    const cause = (commands[aborted] as LedgerCommand).id;
    for (const i of positions) {
      const command = commands[i] as LedgerCommand;
      if (i !== aborted) {
        results[i] = rejected(
          command.id,
          command.kind,
          TokenRejectionCodes.BATCH_ABORTED,
          `not applied: command ${aborted} ("${cause}") of the atomic batch was rejected`,
        );
      }
      const result = results[i] as CommandResult;
      const slot = slotOf[i] as number;
      if (rows) index.results[slot] = storedResult(command.kind, result);
      journaled.add(
        slot,
        command.id,
        command.kind,
        fingerprints[i] as number,
        encodeResultText(result),
        flat,
        0,
        0,
      );
    }
  }
  if (added < count) repeats(results, commands, index, positions, start);

  // The body is JSON.stringify({ v, seq, accounts, refs, commands, objects }) (format 1), joined here
  // from the texts of its parts (json.ts): the same bytes, without building the objects.
  const refs = batch.refs;
  let metaText = '';
  let refsText = '';
  const accounts: StoredAccount[] = rows ? new Array(refs.length) : [];
  for (let i = 0; i < refs.length; i++) {
    const account = refs[i] as Account;
    const key = account.keyText();
    refsText += i === 0 ? key : `,${key}`;
    if (account.metaDirty) {
      const row = `[${key},${jsonString(account.currency)},${jsonString(account.kind)},${jsonNullable(account.participant)},${jsonString(account.limit.toString())},${jsonNullable(account.bankAccountId)}]`;
      metaText += metaText === '' ? row : `,${row}`;
    }
    if (rows) accounts[i] = account.toStored(false, seq);
  }
  let objectsText = '';
  const objects: StoredObject[] = [];
  for (const type of OBJECT_TYPES) {
    const map = state.objectMap(type);
    if (!map.dirty) continue;
    for (const [key, rec] of map.staged()) {
      if (isDeleted(rec)) continue;
      const row = `[${TYPE_TEXT[type]},${jsonString(key)},${batch.recordText(rec) ?? recordText(rec)}]`;
      objectsText += objectsText === '' ? row : `,${row}`;
      if (rows) objects.push({ type, key, value: encodeRec(rec), seq });
    }
  }
  const prevHash = state.head.hash;
  const head = `${prevHash}\n{"v":${BODY_VERSION},"seq":${seq},"accounts":[${metaText}],"refs":[${refsText}],"commands":[`;
  // Hashed as one text (the chain's prevHash + "\n" + body), which also leaves it flat: the body
  // and the result texts below are slices of it, not ropes of the pieces.
  const full = `${head}${journaled.text}],"objects":[${objectsText}]}`;
  const hash = options.sha256(full);
  const body = full.slice(prevHash.length + 1);
  const record: JournalRecord = { seq, prevHash, hash, body };
  if (!rows) {
    const base = head.length;
    const { slots, kinds, results: texts, offsets } = journaled;
    for (let k = 0; k < slots.length; k++) {
      const at = base + (offsets[k] as number);
      const text = texts[k] as string;
      index.results[slots[k] as number] = new ResultText(
        kinds[k] as CommandKind,
        text.length < 16 ? text : full.slice(at, at + text.length),
      );
    }
  }
  return new Plan(
    aborted >= 0 ? 'aborted' : 'applied',
    results,
    rows
      ? {
          record,
          rows: {
            accounts,
            objects,
            commands: {
              ids: index.ids.slice(start),
              fingerprints: index.fingerprints.slice(start),
              results: index.results.slice(start) as JsonValue[],
              seqs: new Array(added).fill(seq),
            },
          },
        }
      : { record },
    state,
    batch,
    start,
    added,
  );
}

/** A batch that wrote something: {@link BatchPlan.finish} commits it to memory, `undo` drops it. */
class Plan implements BatchPlan {
  readonly status: 'applied' | 'aborted';
  readonly results: readonly CommandResult[];
  readonly write: NonNullable<BatchPlan['write']>;
  private readonly state: LedgerState;
  private readonly batch: Batch;
  private readonly start: number;
  private readonly added: number;

  constructor(
    status: 'applied' | 'aborted',
    results: readonly CommandResult[],
    write: NonNullable<BatchPlan['write']>,
    state: LedgerState,
    batch: Batch,
    start: number,
    added: number,
  ) {
    this.status = status;
    this.results = results;
    this.write = write;
    this.state = state;
    this.batch = batch;
    this.start = start;
    this.added = added;
  }

  finish(): void {
    const state = this.state;
    const record = this.write.record;
    const seq = record.seq;
    for (const account of this.batch.refs) {
      account.cDebitsPosted = account.debitsPosted;
      account.cCreditsPosted = account.creditsPosted;
      account.cDebitsPending = account.debitsPending;
      account.cCreditsPending = account.creditsPending;
      account.cLimit = account.limit;
      account.cBankAccountId = account.bankAccountId;
      account.metaDirty = false;
      account.seq = seq;
    }
    if (state.accounts.dirty) {
      for (const [, account] of state.accounts.staged()) if (!isDeleted(account)) state.indexToken(account);
    }
    if (state.payouts.dirty) {
      const committed = state.payouts.committed;
      for (const [id] of state.payouts.staged()) if (!committed.has(id)) state.indexPayout(id);
    }
    for (const overlay of state.overlays()) overlay.commit();
    const seqs = state.commands.seqs;
    const end = this.start + this.added;
    for (let slot = this.start; slot < end; slot++) seqs[slot] = seq;
    state.entryCount += this.batch.newEntries;
    state.head = { seq, hash: record.hash };
  }

  undo(): void {
    undoState(this.state, this.batch);
    this.state.commands.truncate(this.start);
  }
}

/** Copies the committed balances of what the batch touched back over the working ones. */
function undoState(state: LedgerState, batch: Batch): void {
  for (const account of batch.refs) {
    account.debitsPosted = account.cDebitsPosted;
    account.creditsPosted = account.cCreditsPosted;
    account.debitsPending = account.cDebitsPending;
    account.creditsPending = account.cCreditsPending;
    account.limit = account.cLimit;
    account.bankAccountId = account.cBankAccountId;
    account.metaDirty = false;
    account.mark = 0;
  }
  for (const overlay of state.overlays()) overlay.discard();
}

/** The results of commands repeated within the batch: their first occurrence's, as replays. */
function repeats(
  results: CommandResult[],
  commands: readonly LedgerCommand[],
  index: LedgerState['commands'],
  positions: readonly number[],
  start: number,
): void {
  for (let i = 0; i < commands.length; i++) {
    if (results[i] !== undefined) continue;
    const slot = index.slot((commands[i] as LedgerCommand).id) as number;
    const replay: Draft<CommandResult> = copyOf(results[positions[slot - start] as number] as CommandResult);
    replay.replayed = true;
    results[i] = replay;
  }
}

function conflict(id: string, index: number): TokenConflictError {
  return new TokenConflictError(
    id,
    `[deltran] token: command ${index} reuses the id "${id}" with a different payload; a replay must carry the same payload, a new command a new id`,
    index,
  );
}

function noop(): void {}
