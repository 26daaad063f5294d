/**
 * `deltran/token`: a 1:1-backed token ledger (xUSD, xAED, xILS … for any ISO 4217 currency) on an
 * exact double-entry book. Tokens are minted only against booked camt.054 credits, burned into payout
 * in flight on redeem, reconciled against camt.054 / camt.052 / camt.053, and every batch is written
 * to an append-only, hash-chained journal through a store (in memory by default, PostgreSQL in
 * `deltran/adapters/postgres`).
 *
 * @packageDocumentation
 */
export { fromCamt052, fromCamt053, fromCamt054 } from './camt';
export {
  TokenClosedError,
  TokenConflictError,
  TokenError,
  type TokenErrorCode,
  TokenErrorCodes,
  TokenJournalError,
  type TokenRejectionCode,
  TokenRejectionCodes,
  TokenSnapshotError,
  TokenStoreError,
  TokenValidationError,
} from './errors';
export { type CommandInput, createTokenLedger, type TokenLedger, type TokenLedgerOptions } from './ledger';
export { createMemoryLedgerStore, MEMORY_STORE_NAME, type MemoryLedgerStoreOptions } from './memory-store';
export { parseLedgerSnapshot } from './snapshot';
export type {
  JournalRecord,
  JsonValue,
  LedgerSnapshot,
  LedgerStore,
  LedgerStoreState,
  LedgerStoreTransaction,
  StoredAccount,
  StoredCommands,
  StoredObject,
  StoredObjectType,
} from './store';
export { tokenCode } from './token-code';
export type {
  AccountBalance,
  AccountKind,
  BankBalance,
  BankEntry,
  BankEntryOutcome,
  BankEntryStatus,
  BankStatement,
  BatchResult,
  BreakKind,
  CancelPayoutCommand,
  CommandKind,
  CommandResult,
  CommandStatus,
  CreditDebit,
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
  SettlementInstruction,
  TokenCode,
  TransferCommand,
  VerifyReport,
  VoidHoldCommand,
} from './types';
