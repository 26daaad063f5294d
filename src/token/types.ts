/**
 * Public types of `deltran/token`: the bank feed the ledger reads, the commands it executes, their
 * results, and what it lets a host read back.
 *
 * The ledger knows nothing of XML. A bank feed is a list of {@link BankEntry} (one camt.054 `Ntry`
 * each) and a statement is a {@link BankStatement} (a camt.053 `Stmt` or a camt.052 `Rpt`);
 * `fromCamt054`, `fromCamt053` and `fromCamt052` build them from what `deltran/iso20022` parses.
 *
 * @packageDocumentation
 */
import type { CurrencyCode, Money } from '../index';
import type { TokenRejectionCode } from './errors';

/** The token of a currency: `x` and its ISO 4217 code (`xUSD`, `xAED`, `xILS`). @public */
export type TokenCode = `x${CurrencyCode}`;

/**
 * The four kinds of account a currency has:
 * - `reserve`: mirrors the bank reserve account; moves only on booked bank entries (debit-normal);
 * - `unallocated`: confirmed funds not yet minted (credit-normal);
 * - `token`: one per participant, holding its tokens (credit-normal);
 * - `payout`: "payout in flight", burned tokens whose bank debit is not confirmed yet (credit-normal).
 *
 * For every currency, reserve = Σ token balances + unallocated + payout in flight.
 * @public
 */
export type AccountKind = 'reserve' | 'unallocated' | 'token' | 'payout';

/** ISO 20022 `CreditDebitCode` of a bank entry (`Ntry/CdtDbtInd`). @public */
export type CreditDebit = 'CRDT' | 'DBIT';

/** ISO 20022 entry status (`Ntry/Sts/Cd`, ExternalEntryStatus1Code): booked, pending, information. @public */
export type BankEntryStatus = 'BOOK' | 'PDNG' | 'INFO';

/**
 * One entry on the bank reserve account, as a camt.054 notification (or a camt.052/053 statement)
 * reports it. Only booked entries move the ledger.
 * @public
 */
export interface BankEntry {
  /** The bank account: `Ntfctn/Acct/Id/IBAN` or `Acct/Id/Othr/Id`. */
  readonly accountId: string;
  /**
   * `Ntry/AcctSvcrRef`: the bank's own reference of the entry. With {@link BankEntry.entryReference}
   * it identifies the entry: each (servicer reference, entry reference) counts once, ever. At least one
   * of the two is non-empty.
   */
  readonly servicerReference: string;
  /** `Ntry/NtryRef`; the empty string when the bank sends none. */
  readonly entryReference: string;
  /** `Ntry/CdtDbtInd`: `CRDT` (money arrived) or `DBIT` (money left). */
  readonly creditDebit: CreditDebit;
  /** `Ntry/Sts/Cd`. */
  readonly status: BankEntryStatus;
  /** `Ntry/Amt`, positive. */
  readonly amount: Money;
  /** `Ntry/BookgDt/Dt` (YYYY-MM-DD) or `BookgDt/DtTm`; required for a booked entry. */
  readonly bookingDate?: string;
  /** `Ntry/ValDt/Dt` or `ValDt/DtTm`. */
  readonly valueDate?: string;
  /** `NtryDtls/TxDtls/Refs/UETR` of the single transaction behind the entry. */
  readonly uetr?: string;
  /** `NtryDtls/TxDtls/Refs/EndToEndId` of the single transaction behind the entry. */
  readonly endToEndId?: string;
}

/** A balance of a statement (`Stmt/Bal`), signed: a `DBIT` balance is negative. @public */
export interface BankBalance {
  /** `Bal/Amt`, negative when `Bal/CdtDbtInd` is `DBIT`. */
  readonly amount: Money;
  /** `Bal/Dt/Dt` or `Bal/Dt/DtTm`. */
  readonly date: string;
}

/**
 * A statement of the reserve account: an end-of-day camt.053 `Stmt` or an intraday camt.052 `Rpt`.
 * @public
 */
export interface BankStatement {
  /** Which message it came from: decides end-of-day or intraday rules. */
  readonly kind: 'camt.052' | 'camt.053';
  /** `Stmt/Id` or `Rpt/Id`. */
  readonly statementId?: string;
  /** `Acct/Id/IBAN` or `Acct/Id/Othr/Id`. */
  readonly accountId: string;
  /** `Acct/Ccy`, or the currency of the balances. */
  readonly currency: CurrencyCode;
  /** `FrToDt`: the period the statement covers (dates or date-times, as written). */
  readonly period?: { readonly from: string; readonly to: string };
  /** Opening booked balance (`OPBD`; for camt.052 also `PRCD`); required for camt.053. */
  readonly openingBooked?: BankBalance;
  /** Closing booked balance (`CLBD`; for camt.052 also `ITBD`); required for camt.053. */
  readonly closingBooked?: BankBalance;
  /** `Ntry`, in order; only booked entries are reconciled. */
  readonly entries: readonly BankEntry[];
}

/**
 * One settlement instruction of a netting result (`deltran/netting`'s `NettingInstruction` has this
 * shape): `from` pays `amount` to `to` in tokens of `currency`.
 * @public
 */
export interface SettlementInstruction {
  /** The paying participant. */
  readonly from: string;
  /** The receiving participant. */
  readonly to: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Positive amount: a {@link Money} in `currency` or a decimal string such as `"10.50"`. */
  readonly amount: Money | string;
}

interface CommandBase {
  /**
   * The command's idempotency key. A replay with the same payload returns the first result; the same
   * id with another payload throws `TOKEN_IDEMPOTENCY_CONFLICT` and changes nothing.
   */
  readonly id: string;
}

/** Opens a participant's token account in one currency. @public */
export interface OpenAccountCommand extends CommandBase {
  readonly kind: 'openAccount';
  /** The participant, usually a BIC. */
  readonly participant: string;
  /** ISO 4217 code of the fiat behind the token. */
  readonly currency: CurrencyCode;
  /** How far below zero the balance may go; zero (no overdraft) when absent. */
  readonly overdraftLimit?: Money;
}

/** Changes the overdraft limit of a token account. @public */
export interface SetOverdraftLimitCommand extends CommandBase {
  readonly kind: 'setOverdraftLimit';
  /** The participant. */
  readonly participant: string;
  /** The account's currency. */
  readonly currency: CurrencyCode;
  /** The new limit, zero or more, in `currency`. */
  readonly limit: Money;
}

/**
 * Mints tokens against a booked camt.054 credit matched by UETR (preferred) or EndToEndId. Without its
 * credit yet, the mint waits as pending and completes when the credit is recorded.
 * @public
 */
export interface MintCommand extends CommandBase {
  readonly kind: 'mint';
  /** Who receives the tokens. */
  readonly participant: string;
  /** How much, positive; must equal the booked credit. */
  readonly amount: Money;
  /** The UETR of the funding payment (`PmtId/UETR`). At least one of `uetr` and `endToEndId`. */
  readonly uetr?: string;
  /** The EndToEndId of the funding payment (`PmtId/EndToEndId`). */
  readonly endToEndId?: string;
}

/** Moves tokens between two participants. @public */
export interface TransferCommand extends CommandBase {
  readonly kind: 'transfer';
  /** The payer. */
  readonly from: string;
  /** The payee. */
  readonly to: string;
  /** Positive amount; its currency names the token. */
  readonly amount: Money;
}

/**
 * Applies a whole netting result atomically: every instruction or none. Funds are checked on each
 * account's net effect, since no intermediate state is ever visible.
 * @public
 */
export interface SettleBatchCommand extends CommandBase {
  readonly kind: 'settleBatch';
  /** The instructions, in any currencies. */
  readonly instructions: readonly SettlementInstruction[];
}

/** Reserves tokens on the payer's account for a later `postHold` or `voidHold` (the hold id is `id`). @public */
export interface HoldCommand extends CommandBase {
  readonly kind: 'hold';
  /** The payer whose tokens are held. */
  readonly from: string;
  /** The payee when the hold is posted. */
  readonly to: string;
  /** Positive amount. */
  readonly amount: Money;
}

/** Posts a hold, fully or partly; the remainder is released. A hold resolves at most once. @public */
export interface PostHoldCommand extends CommandBase {
  readonly kind: 'postHold';
  /** The id of the `hold` command. */
  readonly holdId: string;
  /** How much to post, at most the held amount; the whole hold when absent. Zero posts nothing. */
  readonly amount?: Money;
}

/** Releases a hold. A hold resolves at most once. @public */
export interface VoidHoldCommand extends CommandBase {
  readonly kind: 'voidHold';
  /** The id of the `hold` command. */
  readonly holdId: string;
}

/**
 * Burns tokens into payout in flight and returns the payout instruction for the bank; the camt.054
 * debit with the same UETR or EndToEndId confirms it.
 * @public
 */
export interface RedeemCommand extends CommandBase {
  readonly kind: 'redeem';
  /** Whose tokens are burned. */
  readonly participant: string;
  /** Positive amount. */
  readonly amount: Money;
  /** The UETR the payout will carry. At least one of `uetr` and `endToEndId`. */
  readonly uetr?: string;
  /** The EndToEndId the payout will carry. */
  readonly endToEndId?: string;
  /** Free text naming the beneficiary account, copied into the instruction. */
  readonly beneficiary?: string;
}

/** Cancels a payout whose bank transfer failed: the tokens go back to the participant. @public */
export interface CancelPayoutCommand extends CommandBase {
  readonly kind: 'cancelPayout';
  /** The id of the `redeem` command. */
  readonly payoutId: string;
}

/**
 * Records bank entries (a camt.054 feed): the real-time reconciliation. Each booked entry counts once,
 * ever, whatever the command id; replaying a feed changes nothing.
 * @public
 */
export interface RecordBankEntriesCommand extends CommandBase {
  readonly kind: 'recordBankEntries';
  /** The entries, in any order. */
  readonly entries: readonly BankEntry[];
}

/**
 * Reconciles a statement against the ledger and records the breaks it finds. Never changes a balance;
 * an unexplained break freezes minting in the statement's currency until it is resolved.
 * @public
 */
export interface ReconcileCommand extends CommandBase {
  readonly kind: 'reconcile';
  /** The camt.053 or camt.052 statement. */
  readonly statement: BankStatement;
}

/**
 * Resolves a reconciliation break. `accept` records the explanation and changes no balance. `absorb`
 * applies only to a held bank debit (a `missing-in-ledger` break of a camt.054 debit nothing
 * explains): it books the debit against `unallocated`, so the reserve mirrors the bank again.
 * @public
 */
export interface ResolveBreakCommand extends CommandBase {
  readonly kind: 'resolveBreak';
  /** The break's id. */
  readonly breakId: string;
  /** What to do. */
  readonly action: 'accept' | 'absorb';
  /** Why: who checked what. */
  readonly note: string;
}

/** Every command the ledger executes, discriminated on `kind`. @public */
export type LedgerCommand =
  | OpenAccountCommand
  | SetOverdraftLimitCommand
  | MintCommand
  | TransferCommand
  | SettleBatchCommand
  | HoldCommand
  | PostHoldCommand
  | VoidHoldCommand
  | RedeemCommand
  | CancelPayoutCommand
  | RecordBankEntriesCommand
  | ReconcileCommand
  | ResolveBreakCommand;

/** The `kind` of a {@link LedgerCommand}. @public */
export type CommandKind = LedgerCommand['kind'];

/** What a command did: applied, applied but waiting (a pending mint), or rejected. @public */
export type CommandStatus = 'applied' | 'pending' | 'rejected';

/** A mint and where it stands. @public */
export interface MintRecord {
  /** The mint command's id. */
  readonly id: string;
  /** Who receives the tokens. */
  readonly participant: string;
  /** The amount. */
  readonly amount: Money;
  /** The funding payment's UETR. */
  readonly uetr?: string;
  /** The funding payment's EndToEndId. */
  readonly endToEndId?: string;
  /** `pending` until its credit is booked, `minted`, or `rejected` (funding of another amount). */
  readonly status: 'pending' | 'minted' | 'rejected';
  /** Why it waits or was rejected. */
  readonly code?: TokenRejectionCode;
  /** The bank entry key (`servicerReference` / `entryReference`) of the credit that funded it. */
  readonly fundedBy?: string;
}

/** A hold and where it stands. @public */
export interface HoldRecord {
  /** The hold command's id. */
  readonly id: string;
  /** The payer. */
  readonly from: string;
  /** The payee. */
  readonly to: string;
  /** The amount reserved. */
  readonly amount: Money;
  /** `reserved`, then `posted` or `voided` (once). */
  readonly status: 'reserved' | 'posted' | 'voided';
  /** How much was posted (status `posted`). */
  readonly postedAmount?: Money;
}

/** A payout: what the bank must pay, produced by `redeem`, confirmed by a camt.054 debit. @public */
export interface PayoutInstruction {
  /** The redeem command's id. */
  readonly id: string;
  /** Whose tokens were burned. */
  readonly participant: string;
  /** The amount to pay out of the reserve account. */
  readonly amount: Money;
  /** The reserve bank account to debit, when the ledger knows it. */
  readonly reserveAccountId?: string;
  /** The UETR the payment must carry. */
  readonly uetr?: string;
  /** The EndToEndId the payment must carry. */
  readonly endToEndId?: string;
  /** The beneficiary, as given to `redeem`. */
  readonly beneficiary?: string;
  /** `in-flight` until the bank debit is booked (`confirmed`) or the payout is `cancelled`. */
  readonly status: 'in-flight' | 'confirmed' | 'cancelled';
  /** The bank entry key of the debit that confirmed it. */
  readonly confirmedBy?: string;
}

/**
 * What happened to one bank entry:
 * - `posted`: it moved the reserve (a credit always does; a debit when it confirmed a payout);
 * - `held`: a booked debit nothing explains yet (or of the wrong amount): not posted, a break is open;
 * - `duplicate`: this entry was already recorded, identically: nothing changed;
 * - `conflict`: an entry with the same references but other content was recorded: a break is open;
 * - `ignored`: not booked (`PDNG`, `INFO`): nothing changed;
 * - `rejected`: on another bank account than the currency's reserve account.
 * @public
 */
export interface BankEntryOutcome {
  /** The entry key: `<servicerReference>/<entryReference>` (a `/` or `\\` inside one is escaped with `\\`). */
  readonly key: string;
  /** See above. */
  readonly status: 'posted' | 'held' | 'duplicate' | 'conflict' | 'ignored' | 'rejected';
  /** Why it was rejected. */
  readonly code?: TokenRejectionCode;
  /** The mint this credit funded, or the payout this debit confirmed. */
  readonly matched?: { readonly kind: 'mint' | 'payout'; readonly id: string };
  /** The break opened for it. */
  readonly breakId?: string;
}

/**
 * The kinds of reconciliation break:
 * - `missing-in-ledger`: the bank booked an entry the ledger has not (or cannot explain);
 * - `missing-in-statement`: the ledger has a booked entry the end-of-day statement does not list;
 * - `amount-mismatch`: the same references with another amount or direction, or a credit of another
 *   amount than the mint it funds;
 * - `balance-mismatch`: the statement's closing booked balance differs from the ledger's reserve;
 * - `statement-unbalanced`: opening + entries ≠ closing in the statement itself.
 * @public
 */
export type BreakKind =
  | 'missing-in-ledger'
  | 'missing-in-statement'
  | 'amount-mismatch'
  | 'balance-mismatch'
  | 'statement-unbalanced';

/** A reconciliation break. While any break of a currency is open, minting in it is frozen. @public */
export interface ReconciliationBreak {
  /** Deterministic id: the same discrepancy found twice is the same break. */
  readonly id: string;
  /** What kind of discrepancy. */
  readonly kind: BreakKind;
  /** The currency. */
  readonly currency: CurrencyCode;
  /** Where it was found: a camt.054 entry (`realtime`), a camt.052 or a camt.053. */
  readonly source: 'realtime' | 'camt.052' | 'camt.053';
  /** The bank entry key, for entry breaks. */
  readonly entryKey?: string;
  /** The bank account. */
  readonly accountId?: string;
  /** What the ledger has (its amount, or its reserve), signed. */
  readonly ledgerAmount?: Money;
  /** What the bank reports, signed. */
  readonly bankAmount?: Money;
  /** A sentence saying what is wrong. */
  readonly message: string;
  /** `open` freezes minting in the currency; `resolved` does not. */
  readonly status: 'open' | 'resolved';
  /** How it was resolved: by a command (`accept`, `absorb`) or by a later match (`matched`). */
  readonly resolution?: {
    readonly action: 'accept' | 'absorb' | 'matched';
    readonly note: string;
    readonly commandId: string;
  };
  /** The id of the command that found it. */
  readonly detectedBy: string;
}

/** The result of reconciling one statement. @public */
export interface ReconciliationReport {
  /** The statement kind. */
  readonly kind: 'camt.052' | 'camt.053';
  /** The statement's currency. */
  readonly currency: CurrencyCode;
  /** The statement's account. */
  readonly accountId: string;
  /** `clean` when no break was found, `breaks` otherwise, `rejected` for another account. */
  readonly status: 'clean' | 'breaks' | 'rejected';
  /** Why it was rejected. */
  readonly code?: TokenRejectionCode;
  /** Every break found, with its current status (a break found before keeps its id and status). */
  readonly breaks: readonly ReconciliationBreak[];
  /** Booked statement entries found in the ledger, identical. */
  readonly matchedEntries: number;
  /** Booked statement entries. */
  readonly statementEntries: number;
  /** Opening + booked entries, as the statement adds up (when it has an opening balance). */
  readonly computedClosing?: Money;
  /** The statement's closing booked balance. */
  readonly statementClosing?: Money;
  /** The ledger's reserve at the statement's cut-off. */
  readonly ledgerReserve?: Money;
}

/** The result of one command. @public */
export interface CommandResult {
  /** The command id. */
  readonly id: string;
  /** The command kind. */
  readonly kind: CommandKind;
  /** What happened. */
  readonly status: CommandStatus;
  /** Why it was rejected or is pending. */
  readonly code?: TokenRejectionCode;
  /** A sentence for the rejection. */
  readonly message?: string;
  /** `true` when this is the stored result of an earlier execution of the same command. */
  readonly replayed: boolean;
  /** `mint`: the mint's state right after the command. */
  readonly mint?: MintRecord;
  /** `redeem` (and `cancelPayout`): the payout instruction. */
  readonly payout?: PayoutInstruction;
  /** `hold`, `postHold`, `voidHold`: the hold's state right after the command. */
  readonly hold?: HoldRecord;
  /** `recordBankEntries`: one outcome per entry, in order. */
  readonly entries?: readonly BankEntryOutcome[];
  /** `reconcile`: the report. */
  readonly report?: ReconciliationReport;
  /** Mints completed as a side effect (a credit arrived, or a break was resolved). */
  readonly minted?: readonly string[];
}

/** Options of `execute`. @public */
export interface ExecuteOptions {
  /**
   * All or nothing (the default): when one command is rejected, none is applied and the others are
   * rejected with `TOKEN_BATCH_ABORTED`. With `false`, each command stands alone, and the batch is still
   * written in one store transaction.
   * @defaultValue true
   */
  readonly atomic?: boolean;
}

/** The result of a batch. @public */
export interface BatchResult {
  /** `applied` when every new command was applied, `aborted` when an atomic batch was rejected. */
  readonly status: 'applied' | 'aborted' | 'replayed';
  /** The journal sequence number the batch was written at; absent when every command was a replay. */
  readonly seq?: number;
  /** One result per command, in order. */
  readonly results: readonly CommandResult[];
}

/** The balance of one account. @public */
export interface AccountBalance {
  /** Stable key: `USD/reserve`, `USD/unallocated`, `USD/payout`, `xUSD/<participant>`. */
  readonly key: string;
  /** The account kind. */
  readonly kind: AccountKind;
  /** The fiat currency. */
  readonly currency: CurrencyCode;
  /** The token code (`xUSD`). */
  readonly token: TokenCode;
  /** The participant, for a token account. */
  readonly participant?: string;
  /** Posted balance in its normal direction (credit − debit; debit − credit for `reserve`). */
  readonly balance: Money;
  /** Held for pending debits (holds). */
  readonly held: Money;
  /** Pending incoming credits (holds to this account). */
  readonly incoming: Money;
  /** `balance − held`: what can be spent before the overdraft. */
  readonly available: Money;
  /** How far below zero the balance may go. */
  readonly overdraftLimit: Money;
  /** Sum of posted debits. */
  readonly debits: Money;
  /** Sum of posted credits. */
  readonly credits: Money;
  /** The bank account a reserve mirrors. */
  readonly bankAccountId?: string;
}

/** The books of one currency, with the backing invariant checked. @public */
export interface CurrencyPosition {
  /** The fiat currency. */
  readonly currency: CurrencyCode;
  /** The token code. */
  readonly token: TokenCode;
  /** The reserve (what the bank holds, as booked). */
  readonly reserve: Money;
  /** Confirmed funds not minted. */
  readonly unallocated: Money;
  /** Burned tokens whose bank debit is not confirmed. */
  readonly payoutInFlight: Money;
  /** Σ token balances (the token supply). */
  readonly tokenSupply: Money;
  /** Σ posted debits over every account of the currency. */
  readonly totalDebits: Money;
  /** Σ posted credits over every account of the currency. */
  readonly totalCredits: Money;
  /** `reserve = tokenSupply + unallocated + payoutInFlight` and debits = credits. */
  readonly balanced: boolean;
  /** Open breaks: minting is frozen while there is one. */
  readonly openBreaks: number;
  /** The bank account the reserve mirrors, once known. */
  readonly reserveAccountId?: string;
}

/** The result of `verify`: the journal replayed and compared with the stored and in-memory state. @public */
export interface VerifyReport {
  /** `true` when no problem was found. */
  readonly ok: boolean;
  /** Journal records read. */
  readonly records: number;
  /** The head of the chain (sequence number and hash); seq 0 for an empty journal. */
  readonly head: { readonly seq: number; readonly hash: string };
  /** Every problem found (`TOKEN_JOURNAL_CORRUPT` issues with a path). */
  readonly problems: readonly {
    readonly code: string;
    readonly path: readonly (string | number)[];
    readonly message: string;
  }[];
}
