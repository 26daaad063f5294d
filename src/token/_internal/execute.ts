/**
 * Running a batch: idempotency first (replays and conflicts, before anything runs), then each new
 * command through its handler, then the journal record and store rows of what changed. The caller
 * writes them in one store transaction and calls `finish` (commit to memory) or `undo`.
 * @internal
 */
import { TokenConflictError, TokenRejectionCodes } from '../errors';
import type { JournalRecord, JsonValue, StoredAccount, StoredCommands, StoredObject } from '../store';
import type { CommandKind, CommandResult, LedgerCommand } from '../types';
import { Batch, type ReserveBindings } from './batch';
import * as handlers from './handlers';
import { BODY_VERSION, chainHash, KIND_CODES } from './journal';
import { isDeleted } from './overlay-map';
import { reconcile } from './reconcile-command';
import { encodeRec, OBJECT_TYPES } from './records';
import { decodeResult, encodeResult, rejected } from './results';
import { type Account, type LedgerState, RUNNING } from './state';
import type { Prepared } from './validate';

/** What a batch produced, ready to be written. @internal */
export interface BatchPlan {
  readonly status: 'applied' | 'aborted' | 'replayed';
  readonly results: readonly CommandResult[];
  /** Absent when every command was a replay (nothing to write). */
  readonly write?: {
    readonly record: JournalRecord;
    readonly accounts: readonly StoredAccount[];
    readonly objects: readonly StoredObject[];
    readonly commands: StoredCommands;
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

/** @internal */
export function planBatch(state: LedgerState, prepared: Prepared, options: PlanOptions): BatchPlan {
  const commands = prepared.commands;
  const fingerprints = prepared.fingerprints;
  const count = commands.length;
  const results: CommandResult[] = new Array(count);
  const index = state.commands;
  const start = index.size;
  // For each command new in this batch, its slot; -1 for replays and repeats.
  const slotOf = new Int32Array(count).fill(-1);
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
      const [kind, encoded] = index.results[slot] as readonly JsonValue[];
      results[i] = decodeResult(command.id, kind as CommandKind, encoded as JsonValue);
    }
  }
  const added = positions.length;
  if (added === 0) {
    repeats(results, commands, index, positions, start);
    return { status: 'replayed', results, finish: noop, undo: noop };
  }

  const seq = state.head.seq + 1;
  const batch = new Batch(options.batchNo, state, options.bindings, added);
  const flat = batch.flat;
  let aborted = -1;
  try {
    for (let i = 0; i < count; i++) {
      const slot = slotOf[i] as number;
      if (slot < 0) continue;
      const command = commands[i] as LedgerCommand;
      const kind = command.kind;
      batch.commandId = command.id;
      // The header goes first; its result and posting count are filled in once the command ran.
      const header = batch.size;
      batch.write(command.id);
      batch.write(KIND_CODES[kind]);
      batch.write(fingerprints[i] as number);
      batch.write(0);
      batch.write(0);
      let result = run(batch, command, prepared, i);
      if (batch.minted.length > 0) {
        result = { ...result, minted: batch.minted };
        batch.minted = [];
      }
      results[i] = result;
      if (options.atomic && result.status === 'rejected') {
        aborted = i;
        break;
      }
      const stored = storedResult(kind, result);
      index.results[slot] = stored;
      flat[header + 3] = (stored as readonly JsonValue[])[1] as JsonValue;
      flat[header + 4] = (batch.size - header - 5) >> 2;
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
      const stored = storedResult(command.kind, results[i] as CommandResult);
      index.results[slotOf[i] as number] = stored;
      batch.write(command.id);
      batch.write(KIND_CODES[command.kind]);
      batch.write(fingerprints[i] as number);
      batch.write((stored as readonly JsonValue[])[1] as JsonValue);
      batch.write(0);
    }
  }
  if (added < count) repeats(results, commands, index, positions, start);

  const refs = batch.refs;
  const metaRows: unknown[][] = [];
  const refKeys: string[] = new Array(refs.length);
  const accounts: StoredAccount[] = new Array(refs.length);
  for (let i = 0; i < refs.length; i++) {
    const account = refs[i] as Account;
    refKeys[i] = account.key;
    if (account.metaDirty) {
      metaRows.push([
        account.key,
        account.currency,
        account.kind,
        account.participant,
        account.limit.toString(),
        account.bankAccountId,
      ]);
    }
    accounts[i] = account.toStored(false, seq);
  }
  const objectRows: unknown[][] = [];
  const objects: StoredObject[] = [];
  for (const type of OBJECT_TYPES) {
    const map = state.objectMap(type);
    if (!map.dirty) continue;
    for (const [key, rec] of map.staged()) {
      if (isDeleted(rec)) continue;
      const value = encodeRec(rec);
      objectRows.push([type, key, value]);
      objects.push({ type, key, value, seq });
    }
  }
  const seqs: number[] = new Array(added).fill(seq);
  const storedCommands: StoredCommands = {
    ids: index.ids.slice(start),
    fingerprints: index.fingerprints.slice(start),
    results: index.results.slice(start),
    seqs,
  };
  flat.length = batch.size;
  const body = JSON.stringify({
    v: BODY_VERSION,
    seq,
    accounts: metaRows,
    refs: refKeys,
    commands: flat,
    objects: objectRows,
  });
  const prevHash = state.head.hash;
  const record: JournalRecord = { seq, prevHash, hash: chainHash(options.sha256, prevHash, body), body };
  return new Plan(
    aborted >= 0 ? 'aborted' : 'applied',
    results,
    { record, accounts, objects, commands: storedCommands },
    state,
    batch,
    start,
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

  constructor(
    status: 'applied' | 'aborted',
    results: readonly CommandResult[],
    write: NonNullable<BatchPlan['write']>,
    state: LedgerState,
    batch: Batch,
    start: number,
  ) {
    this.status = status;
    this.results = results;
    this.write = write;
    this.state = state;
    this.batch = batch;
    this.start = start;
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
    const end = this.start + this.write.commands.ids.length;
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
    results[i] = { ...(results[positions[slot - start] as number] as CommandResult), replayed: true };
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
