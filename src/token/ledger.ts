/**
 * `createTokenLedger`: the 1:1-backed token ledger (xUSD, xAED, xILS … for any ISO 4217 currency) on an
 * exact double-entry book, persisted through a {@link LedgerStore}.
 *
 * @packageDocumentation
 */
import { type CurrencyCode, fromMinor, isCurrencyCode, type Money } from '../index';
import { type BatchPlan, planBatch } from './_internal/execute';
import { compareTables, JournalReplay, stateFromTables, tablesFromState } from './_internal/journal';
import { previewStatement } from './_internal/reconcile-command';
import { recordCommit } from './_internal/record-store';
import type { EntryRec } from './_internal/records';
import { breakRecord, decodeResult, holdRecord, mintRecord, payoutInstruction } from './_internal/results';
import { sha256Hex } from './_internal/sha256';
import { type Account, type LedgerState, RUNNING, systemKey, tokenKey } from './_internal/state';
import { prepareBatch, validateStatement } from './_internal/validate';
import {
  TokenClosedError,
  TokenErrorCodes,
  TokenJournalError,
  TokenStoreError,
  TokenValidationError,
} from './errors';
import { createMemoryLedgerStore } from './memory-store';
import type { JsonValue, LedgerSnapshot, LedgerStore } from './store';
import type {
  AccountBalance,
  BankEntry,
  BankStatement,
  BatchResult,
  CancelPayoutCommand,
  CommandKind,
  CommandResult,
  CurrencyPosition,
  ExecuteOptions,
  HoldCommand,
  HoldRecord,
  LedgerCommand,
  MintCommand,
  MintRecord,
  OpenAccountCommand,
  PayoutInstruction,
  PostHoldCommand,
  ReconcileCommand,
  ReconciliationBreak,
  ReconciliationReport,
  RecordBankEntriesCommand,
  RedeemCommand,
  ResolveBreakCommand,
  SetOverdraftLimitCommand,
  SettleBatchCommand,
  TokenCode,
  TransferCommand,
  VerifyReport,
  VoidHoldCommand,
} from './types';

/** Options of {@link createTokenLedger}. @public */
export interface TokenLedgerOptions {
  /**
   * Where the journal and the balances live.
   * @defaultValue a new `createMemoryLedgerStore()`
   */
  readonly store?: LedgerStore;
  /**
   * SHA-256 of the UTF-8 text, as 64 lower-case hex digits, for the journal's hash chain. The default
   * is the store's native one when it offers one (`store.sha256`), else a portable implementation in
   * plain TypeScript; all give the same digests, so a journal verifies with any of them.
   */
  readonly sha256?: (text: string) => string;
  /**
   * The bank reserve account of each currency (`Acct/Id`). A currency not listed binds to the account
   * of its first booked entry. Entries and statements for another account are rejected.
   */
  readonly reserveAccounts?: Readonly<Partial<Record<CurrencyCode, string>>>;
  /**
   * Replay the whole journal when opening (and when reloading after a store failure), check its hash
   * chain, and compare what it adds up to with the stored balances. Costs one pass over history.
   * @defaultValue true
   */
  readonly verifyOnOpen?: boolean;
}

/** A command without its `kind`, for the single-command helpers. @public */
export type CommandInput<C extends LedgerCommand> = Omit<C, 'kind'>;

/**
 * The token ledger. Commands run one batch at a time, in call order; each batch is written in one
 * store transaction before any of it becomes visible to the read methods, which see committed state
 * only.
 * @public
 */
export interface TokenLedger {
  /**
   * Runs a batch of commands: all or nothing by default (`atomic`), in one store transaction.
   * @param commands - the commands, in order
   * @param options - `atomic`
   * @returns one result per command; rejections are results, not exceptions
   * @throws {@link TokenValidationError} (`TOKEN_INVALID_INPUT`) listing every malformed field
   * @throws {@link TokenConflictError} (`TOKEN_IDEMPOTENCY_CONFLICT`) when an id is reused with another payload
   * @throws {@link TokenStoreError} (`TOKEN_STORE_FAILED`, `TOKEN_STORE_CONFLICT`) when the store fails
   */
  execute(commands: readonly LedgerCommand[], options?: ExecuteOptions): Promise<BatchResult>;
  /** Opens a token account (see {@link OpenAccountCommand}). Throws as {@link TokenLedger.execute}. */
  openAccount(input: CommandInput<OpenAccountCommand>): Promise<CommandResult>;
  /** Changes an overdraft limit (see {@link SetOverdraftLimitCommand}). */
  setOverdraftLimit(input: CommandInput<SetOverdraftLimitCommand>): Promise<CommandResult>;
  /** Mints against a booked credit, or waits for it (see {@link MintCommand}). */
  mint(input: CommandInput<MintCommand>): Promise<CommandResult>;
  /** Moves tokens (see {@link TransferCommand}). */
  transfer(input: CommandInput<TransferCommand>): Promise<CommandResult>;
  /** Applies a netting result atomically (see {@link SettleBatchCommand}). */
  settleBatch(input: CommandInput<SettleBatchCommand>): Promise<CommandResult>;
  /** Reserves tokens (see {@link HoldCommand}). */
  hold(input: CommandInput<HoldCommand>): Promise<CommandResult>;
  /** Posts a hold, fully or partly (see {@link PostHoldCommand}). */
  postHold(input: CommandInput<PostHoldCommand>): Promise<CommandResult>;
  /** Releases a hold (see {@link VoidHoldCommand}). */
  voidHold(input: CommandInput<VoidHoldCommand>): Promise<CommandResult>;
  /** Burns tokens into payout in flight; the result carries the payout instruction (see {@link RedeemCommand}). */
  redeem(input: CommandInput<RedeemCommand>): Promise<CommandResult>;
  /** Returns a failed payout's tokens (see {@link CancelPayoutCommand}). */
  cancelPayout(input: CommandInput<CancelPayoutCommand>): Promise<CommandResult>;
  /** Records camt.054 entries: the real-time reconciliation (see {@link RecordBankEntriesCommand}). */
  recordBankEntries(input: CommandInput<RecordBankEntriesCommand>): Promise<CommandResult>;
  /** Reconciles a camt.053 / camt.052 statement and records its breaks (see {@link ReconcileCommand}). */
  reconcile(input: CommandInput<ReconcileCommand>): Promise<CommandResult>;
  /** Resolves a break (see {@link ResolveBreakCommand}). */
  resolveBreak(input: CommandInput<ResolveBreakCommand>): Promise<CommandResult>;

  /**
   * Reconciles a statement without recording anything: the breaks it would find, with the stored
   * status of those found before.
   * @throws {@link TokenValidationError} for a malformed statement
   */
  checkStatement(statement: BankStatement): ReconciliationReport;
  /** A participant's token account, or `undefined` when none is open. */
  balance(participant: string, currency: CurrencyCode): AccountBalance | undefined;
  /** Every account (of one currency when given), system accounts first, then participants by name. */
  accounts(currency?: CurrencyCode): AccountBalance[];
  /** The books of a currency with the backing invariant checked. */
  position(currency: CurrencyCode): CurrencyPosition;
  /** Currencies with books, in code order. */
  currencies(): CurrencyCode[];
  /** A mint by the id of its command. */
  getMint(id: string): MintRecord | undefined;
  /** Mints still waiting for their credit (of one currency when given). */
  pendingMints(currency?: CurrencyCode): MintRecord[];
  /** A hold by the id of its command. */
  getHold(id: string): HoldRecord | undefined;
  /** A payout by the id of its redeem command. */
  getPayout(id: string): PayoutInstruction | undefined;
  /**
   * The result of a command this ledger committed, applied or refused, as a replay of it returns it
   * (`replayed: true`); undefined when no command with this id was ever committed. Lets a process
   * that restarted learn what an earlier one did (the pipeline's settlement stage asks whether a
   * netting window was applied) without re-sending the command.
   */
  commandResult(id: string): CommandResult | undefined;
  /** Payouts whose bank debit is not confirmed yet. */
  payoutsInFlight(currency?: CurrencyCode): PayoutInstruction[];
  /**
   * Payouts (any status) whose id starts with `prefix`, in the order they were created, as
   * {@link TokenLedger.payoutsInFlight} lists them. An index look-up when `prefix` ends with `#`, the
   * separator of a retried redeem's id (`<id>#<n>`); any other prefix scans every payout.
   */
  payoutsByPrefix(prefix: string): PayoutInstruction[];
  /** A recorded booked bank entry by its key (`<servicerReference>/<entryReference>`). */
  getBankEntry(
    key: string,
  ): (BankEntry & { readonly key: string; readonly state: 'posted' | 'held' | 'absorbed' }) | undefined;
  /** Breaks, open ones by default (`'all'` for every break). */
  breaks(filter?: {
    readonly currency?: CurrencyCode;
    readonly status?: 'open' | 'resolved' | 'all';
  }): ReconciliationBreak[];
  /** Whether minting in a currency is frozen by an open break. */
  isMintingFrozen(currency: CurrencyCode): boolean;
  /** The journal head: the last batch's sequence number and hash (0 and 64 zeros when empty). */
  head(): { readonly seq: number; readonly hash: string };
  /**
   * Replays the store's journal: checks the hash chain, recomputes every balance, object and command
   * result, and compares them with the store's tables and with this ledger's memory.
   */
  verify(): Promise<VerifyReport>;
  /** The whole journal as JSON-ready data (see {@link LedgerSnapshot}). */
  exportSnapshot(): Promise<LedgerSnapshot>;
  /** Waits for running batches, then closes the store. Idempotent. */
  close(): Promise<void>;
}

const ZERO_HASH = '0'.repeat(64);

/**
 * Opens a token ledger on a store (a new in-memory one by default), replaying and checking its journal
 * unless `verifyOnOpen` is `false`.
 *
 * @param options - store, hash function, reserve accounts, verification
 * @returns the ledger
 * @throws {@link TokenJournalError} (`TOKEN_JOURNAL_CORRUPT`) when the journal's chain is broken or the
 *   stored state differs from it; `issues` lists what differs
 * @throws {@link TokenStoreError} (`TOKEN_STORE_FAILED`) when the store cannot be read
 * @throws {@link TokenValidationError} (`TOKEN_INVALID_INPUT`) for bad options
 * @example
 * ```ts
 * const ledger = await createTokenLedger();
 * await ledger.openAccount({ id: 'open-a', participant: 'BANKAAAA', currency: 'USD' });
 * await ledger.mint({ id: 'mint-1', participant: 'BANKAAAA', amount: money('100.00', 'USD'), uetr });
 * await ledger.recordBankEntries({ id: 'camt054-1', entries: fromCamt054(parsed) }); // mints now
 * ```
 * @public
 */
export async function createTokenLedger(options: TokenLedgerOptions = {}): Promise<TokenLedger> {
  const bindings = options.reserveAccounts ?? {};
  for (const [currency, account] of Object.entries(bindings)) {
    if (!isCurrencyCode(currency) || typeof account !== 'string' || account === '') {
      throw new TokenValidationError(
        TokenErrorCodes.INVALID_INPUT,
        `[deltran] token: reserveAccounts: expected ISO 4217 codes mapped to bank account ids, got ${currency}`,
        { path: ['reserveAccounts', currency] },
      );
    }
  }
  const store = options.store ?? createMemoryLedgerStore();
  const sha256 = options.sha256 ?? store.sha256 ?? sha256Hex;
  const verifyOnOpen = options.verifyOnOpen !== false;
  // A store that derives its tables from its journal (the memory store) takes a batch as its record
  // alone, synchronously; any other store gets the transaction with every row.
  const commitRecord = recordCommit(store);
  let state: LedgerState = await load();
  let stale = false;
  let closed = false;
  let batchNo = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<LedgerState> {
    let tables: Awaited<ReturnType<LedgerStore['load']>>;
    try {
      tables = await store.load();
    } catch (error) {
      throw storeError(error, 'reading the store');
    }
    const loaded = stateFromTables(tables);
    if (verifyOnOpen) {
      const report = await replayAndCompare(loaded);
      if (!report.ok) {
        throw new TokenJournalError(
          TokenErrorCodes.JOURNAL_CORRUPT,
          `[deltran] token: the ${store.name} store does not match its journal (${report.problems.length} problem(s), first: ${report.problems[0]?.message ?? ''})`,
          { issues: report.problems },
        );
      }
    }
    for (const [currency, account] of Object.entries(bindings)) {
      const reserve = loaded.accounts.committed.get(systemKey(currency, 'reserve'));
      if (reserve !== undefined && reserve.cBankAccountId !== null && reserve.cBankAccountId !== account) {
        throw new TokenValidationError(
          TokenErrorCodes.INVALID_INPUT,
          `[deltran] token: reserveAccounts.${currency} is "${account}", but the ledger's ${currency} reserve mirrors "${reserve.cBankAccountId}"`,
          { path: ['reserveAccounts', currency] },
        );
      }
    }
    return loaded;
  }

  async function replayAndCompare(current: LedgerState | undefined): Promise<VerifyReport> {
    const replay = new JournalReplay(sha256);
    let stored: Awaited<ReturnType<LedgerStore['load']>>;
    try {
      for await (const record of store.readJournal()) replay.apply(record);
      stored = await store.load();
    } catch (error) {
      throw storeError(error, 'reading the journal');
    }
    const problems = [...replay.problems];
    const replayed = replay.tables();
    problems.push(...compareTables(replayed, stored, 'store', true));
    if (current !== undefined)
      problems.push(...compareTables(stored, tablesFromState(current), 'memory', false));
    return { ok: problems.length === 0, records: replay.records, head: replay.head, problems };
  }

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  async function execute(
    commands: readonly LedgerCommand[],
    executeOptions: ExecuteOptions = {},
  ): Promise<BatchResult> {
    return enqueue(async () => {
      if (closed) throw closedError();
      // Validated when its turn comes, not when called: what runs is exactly what was checked.
      const { prepared, issues } = prepareBatch(commands);
      if (issues.length > 0) {
        throw new TokenValidationError(
          TokenErrorCodes.INVALID_INPUT,
          `[deltran] token: ${issues.length} problem(s) in the batch, first at ${issues[0]?.path.join('.')}: ${issues[0]?.message}`,
          { path: issues[0]?.path ?? [], issues },
        );
      }
      if (stale) {
        state = await load();
        stale = false;
      }
      const plan = planBatch(state, prepared, {
        atomic: executeOptions.atomic !== false,
        bindings,
        batchNo: ++batchNo,
        sha256,
        rows: commitRecord === undefined,
      });
      const data = plan.write;
      if (data === undefined) return { status: plan.status, results: plan.results };
      if (commitRecord === undefined) await write(plan);
      else {
        try {
          commitRecord(data.record);
        } catch (error) {
          plan.undo();
          stale = true;
          throw storeError(error, `writing batch ${data.record.seq}`);
        }
      }
      plan.finish();
      return { status: plan.status, seq: data.record.seq, results: plan.results };
    });
  }

  async function write(plan: BatchPlan): Promise<void> {
    const data = plan.write;
    const rows = data?.rows;
    if (data === undefined || rows === undefined) return;
    let transaction: Awaited<ReturnType<LedgerStore['begin']>> | undefined;
    try {
      transaction = await store.begin();
      await transaction.appendJournal(data.record);
      if (rows.accounts.length > 0) await transaction.writeAccounts(rows.accounts);
      if (rows.objects.length > 0) await transaction.writeObjects(rows.objects);
      await transaction.writeCommands(rows.commands);
      await transaction.commit();
    } catch (error) {
      plan.undo();
      // Whether the commit happened is unknown (an acknowledgement can be lost): read the store again
      // before the next batch, so a committed batch is seen as applied and its replay returns its result.
      stale = true;
      if (transaction !== undefined) await transaction.rollback().catch(() => undefined);
      throw storeError(error, `writing batch ${data.record.seq}`);
    }
  }

  const one =
    <C extends LedgerCommand>(kind: C['kind']) =>
    async (input: CommandInput<C>): Promise<CommandResult> => {
      // `{ ...input, kind }`, built the way V8 copies fast (a spread followed by a field is slow); the
      // key order of a command is never observed.
      const command: Record<string, unknown> = { kind, ...input };
      command.kind = kind;
      const result = await execute([command as unknown as LedgerCommand]);
      return result.results[0] as CommandResult;
    };

  const balanceOf = (account: Account): AccountBalance => accountBalance(account);

  const ledger: TokenLedger = {
    execute,
    openAccount: one<OpenAccountCommand>('openAccount'),
    setOverdraftLimit: one<SetOverdraftLimitCommand>('setOverdraftLimit'),
    mint: one<MintCommand>('mint'),
    transfer: one<TransferCommand>('transfer'),
    settleBatch: one<SettleBatchCommand>('settleBatch'),
    hold: one<HoldCommand>('hold'),
    postHold: one<PostHoldCommand>('postHold'),
    voidHold: one<VoidHoldCommand>('voidHold'),
    redeem: one<RedeemCommand>('redeem'),
    cancelPayout: one<CancelPayoutCommand>('cancelPayout'),
    recordBankEntries: one<RecordBankEntriesCommand>('recordBankEntries'),
    reconcile: one<ReconcileCommand>('reconcile'),
    resolveBreak: one<ResolveBreakCommand>('resolveBreak'),
    checkStatement(statement) {
      const issues = validateStatement(statement);
      if (issues.length > 0) {
        throw new TokenValidationError(
          TokenErrorCodes.INVALID_INPUT,
          `[deltran] token: checkStatement: ${issues[0]?.message}`,
          {
            path: issues[0]?.path ?? [],
            issues,
          },
        );
      }
      return previewStatement(state, statement);
    },
    balance(participant, currency) {
      const account = state.accounts.committed.get(tokenKey(currency, participant));
      return account === undefined ? undefined : balanceOf(account);
    },
    accounts(currency) {
      const list = [...state.accounts.committed.values()].filter(
        (a) => currency === undefined || a.currency === currency,
      );
      list.sort(compareAccounts);
      return list.map(balanceOf);
    },
    position(currency) {
      return positionOf(state, currency);
    },
    currencies() {
      const out: CurrencyCode[] = [];
      for (const account of state.accounts.committed.values())
        if (account.kind === 'reserve') out.push(account.currency);
      return out.sort();
    },
    getMint(id) {
      const rec = state.mints.committed.get(id);
      return rec === undefined ? undefined : mintRecord(rec);
    },
    pendingMints(currency) {
      const out: MintRecord[] = [];
      for (const rec of state.mints.committed.values()) {
        if (rec.status === 'pending' && (currency === undefined || rec.currency === currency))
          out.push(mintRecord(rec));
      }
      return out;
    },
    getHold(id) {
      const rec = state.holds.committed.get(id);
      return rec === undefined ? undefined : holdRecord(rec);
    },
    getPayout(id) {
      const rec = state.payouts.committed.get(id);
      return rec === undefined ? undefined : payoutInstruction(rec);
    },
    commandResult(id) {
      const index = state.commands;
      const slot = index.slot(id);
      if (slot === undefined || index.seqs[slot] === RUNNING) return undefined;
      const [kind, encoded] = index.result(slot) as readonly JsonValue[];
      return decodeResult(id, kind as CommandKind, encoded as JsonValue);
    },
    payoutsInFlight(currency) {
      const out: PayoutInstruction[] = [];
      for (const rec of state.payouts.committed.values()) {
        if (rec.status === 'in-flight' && (currency === undefined || rec.currency === currency))
          out.push(payoutInstruction(rec));
      }
      return out;
    },
    payoutsByPrefix(prefix) {
      const out: PayoutInstruction[] = [];
      if (prefix.endsWith('#')) {
        for (const id of state.payoutsByTry.get(prefix) ?? []) {
          const rec = state.payouts.committed.get(id);
          if (rec !== undefined) out.push(payoutInstruction(rec));
        }
        return out;
      }
      for (const rec of state.payouts.committed.values())
        if (rec.id.startsWith(prefix)) out.push(payoutInstruction(rec));
      return out;
    },
    getBankEntry(key) {
      const rec = state.entries.committed.get(key);
      return rec === undefined ? undefined : bankEntryOf(rec);
    },
    breaks(filter = {}) {
      const status = filter.status ?? 'open';
      const out: ReconciliationBreak[] = [];
      for (const rec of state.breaks.committed.values()) {
        if (filter.currency !== undefined && rec.currency !== filter.currency) continue;
        if (status !== 'all' && rec.status !== status) continue;
        out.push(breakRecord(rec));
      }
      return out;
    },
    isMintingFrozen(currency) {
      return (state.openBreaks.committed.get(currency) ?? 0) > 0;
    },
    head() {
      return { ...state.head };
    },
    verify() {
      return enqueue(async () => {
        if (closed) throw closedError();
        return replayAndCompare(state);
      });
    },
    exportSnapshot() {
      return enqueue(async () => {
        if (closed) throw closedError();
        const journal = [];
        try {
          for await (const record of store.readJournal()) journal.push(record);
        } catch (error) {
          throw storeError(error, 'reading the journal');
        }
        const last = journal[journal.length - 1];
        return {
          format: 'deltran.token.snapshot' as const,
          version: 1 as const,
          head: last === undefined ? { seq: 0, hash: ZERO_HASH } : { seq: last.seq, hash: last.hash },
          journal,
        };
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await store.close();
    },
  };
  return ledger;
}

function closedError(): TokenClosedError {
  return new TokenClosedError(
    TokenErrorCodes.CLOSED,
    '[deltran] token: the ledger is closed; open a new one with createTokenLedger',
  );
}

function storeError(error: unknown, doing: string): TokenStoreError {
  if (error instanceof TokenStoreError) return error;
  return new TokenStoreError(
    TokenErrorCodes.STORE_FAILED,
    `[deltran] token: the store failed ${doing}: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

const KIND_ORDER = { reserve: 0, unallocated: 1, payout: 2, token: 3 } as const;

function compareAccounts(a: Account, b: Account): number {
  if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function accountBalance(account: Account): AccountBalance {
  const currency = account.currency;
  const m = (minor: bigint): Money => fromMinor(minor, currency);
  const balance =
    account.kind === 'reserve'
      ? account.cDebitsPosted - account.cCreditsPosted
      : account.cCreditsPosted - account.cDebitsPosted;
  return {
    key: account.key,
    kind: account.kind,
    currency,
    token: `x${currency}` as TokenCode,
    ...(account.participant === null ? {} : { participant: account.participant }),
    balance: m(balance),
    held: m(account.cDebitsPending),
    incoming: m(account.cCreditsPending),
    available: m(balance - account.cDebitsPending),
    overdraftLimit: m(account.cLimit),
    debits: m(account.cDebitsPosted),
    credits: m(account.cCreditsPosted),
    ...(account.cBankAccountId === null ? {} : { bankAccountId: account.cBankAccountId }),
  };
}

function positionOf(state: LedgerState, currency: CurrencyCode): CurrencyPosition {
  let reserve = 0n;
  let unallocated = 0n;
  let payout = 0n;
  let supply = 0n;
  let debits = 0n;
  let credits = 0n;
  let bankAccountId: string | null = null;
  for (const account of state.accounts.committed.values()) {
    if (account.currency !== currency) continue;
    debits += account.cDebitsPosted;
    credits += account.cCreditsPosted;
    const credit = account.cCreditsPosted - account.cDebitsPosted;
    if (account.kind === 'reserve') {
      reserve = -credit;
      bankAccountId = account.cBankAccountId;
    } else if (account.kind === 'unallocated') unallocated = credit;
    else if (account.kind === 'payout') payout = credit;
    else supply += credit;
  }
  const m = (minor: bigint): Money => fromMinor(minor, currency);
  return {
    currency,
    token: `x${currency}` as TokenCode,
    reserve: m(reserve),
    unallocated: m(unallocated),
    payoutInFlight: m(payout),
    tokenSupply: m(supply),
    totalDebits: m(debits),
    totalCredits: m(credits),
    balanced: debits === credits && reserve === supply + unallocated + payout,
    openBreaks: state.openBreaks.committed.get(currency) ?? 0,
    ...(bankAccountId === null ? {} : { reserveAccountId: bankAccountId }),
  };
}

function bankEntryOf(
  rec: EntryRec,
): BankEntry & { readonly key: string; readonly state: 'posted' | 'held' | 'absorbed' } {
  return {
    key: rec.key,
    state: rec.state,
    accountId: rec.accountId,
    servicerReference: rec.servicerReference,
    entryReference: rec.entryReference,
    creditDebit: rec.creditDebit,
    status: 'BOOK',
    amount: fromMinor(rec.amountMinor, rec.currency),
    bookingDate: rec.bookingDate,
    ...(rec.valueDate === undefined ? {} : { valueDate: rec.valueDate }),
    ...(rec.uetr === undefined ? {} : { uetr: rec.uetr }),
    ...(rec.endToEndId === undefined ? {} : { endToEndId: rec.endToEndId }),
  };
}
