/**
 * The settlement stage (`deltran.settlement.execute` → rail → confirmations →
 * `deltran.settlement.completed` + `deltran.funding.confirmed`): burns the payer's tokens into payout in
 * flight, submits the instruction on a rail, and tracks its pacs.002 / camt.054 confirmations.
 * @packageDocumentation
 */
import { formatMoney } from '../../index';
import type { ParsedMessage } from '../../iso20022/index';
import type { SettlementInstruction } from '../../routing/index';
import {
  type FundingEvent,
  fundingEventToJson,
  type ReceiveResult,
  type SettlementEngine,
  type SettlementResult,
  settlementResultToJson,
} from '../../settlement/index';
import type { TokenLedger } from '../../token/index';
import type { Envelope } from '../envelope';
import { expectObject, moneyFromWire, type SettlementInstructionJson } from '../payloads';
import type { PipelineStage, StageContext, StageEventContext, StageSubscription } from '../stage';
import {
  createLock,
  derivedId,
  type LedgerTries,
  notReady,
  requireOption,
  runLedgerCommand,
} from './_shared';
import { findPayout, payoutIdOf, windowApplied } from './token';

/** Options of {@link createSettlementStage}. @public */
export interface SettlementStageOptions {
  /** The engine (`createSettlementEngine` of `deltran/settlement`) with its rails. */
  readonly engine: SettlementEngine;
  /**
   * The token ledger (the token stage's): the payer's tokens are redeemed into payout in flight before
   * the instruction is submitted, and restored by the token stage if it fails. Without it, no tokens move.
   */
  readonly ledger?: TokenLedger;
  /**
   * The UETR the engine gives an instruction (its `uetr` option): the redeem carries it so the bank's
   * camt.054 debit confirms the payout. Default: `engine.uetrOf` (the payment's UETR, or the one derived for a net position).
   */
  readonly uetrOf?: (instruction: SettlementInstruction) => string;
  /** Serialises ledger writes with the token stage (`createPipeline` passes one lock to both). */
  readonly lock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * Windows the token stage has applied on the ledger. When given, a net credit is paid out only after
   * its window is applied: paying it earlier could burn tokens its owner still needs for a debit in
   * another window of the same currency, and two windows could then wait on each other.
   */
  readonly appliedWindows?: ReadonlySet<string>;
  /** Subscription options of the stage's group. @defaultValue up to 20 attempts, backoff 50 ms doubling to 5 s */
  readonly subscription?: StageSubscription;
}

/** The settlement stage: a pipeline stage that also takes confirmations. @public */
export interface SettlementStage extends PipelineStage {
  /** The engine. */
  readonly engine: SettlementEngine;
  /**
   * Applies a pacs.002 / camt.054 and publishes the results and funding events it produced. What could
   * not be published is kept (`health().detail.unpublished`) and goes out first on the next receive,
   * tick, flush or instruction handled; the publish error is thrown. While something is kept and still
   * cannot be published, a new message is not applied at all (the error is thrown first), so sending a
   * refused message again is always safe.
   */
  receive(message: string | ParsedMessage): Promise<{ results: number; funding: number; unmatched: number }>;
  /** Every terminal result published so far. */
  results(): readonly SettlementResult[];
}

/**
 * The settlement stage. Idempotent on the instruction id (the engine's and the ledger's command ids).
 * @param options - engine, ledger
 * @returns the stage
 * @public
 */
export function createSettlementStage(options: SettlementStageOptions): SettlementStage {
  const engine = requireOption(options.engine, 'createSettlementStage', 'engine', 'a SettlementEngine');
  const ledger = options.ledger;
  const uetrOf = options.uetrOf ?? ((instruction: SettlementInstruction) => engine.uetrOf(instruction));
  const lock = options.lock ?? createLock();
  const tries = new Map<string, LedgerTries>();
  const published: SettlementResult[] = [];
  const seenResults = new Set<string>();
  const counts = { executed: 0, settled: 0, rejected: 0, timedOut: 0, funding: 0, unmatched: 0 };
  let stageContext: StageContext | undefined;

  // What the engine decided but is not published yet, in order, by event id. The engine records a
  // result (and marks its confirmation seen) before the stage publishes it, and confirmations and ticks
  // run outside any delivery, so nothing would redeliver them: a result whose publish failed stays here
  // and goes out first on the next receive, tick, flush or handled instruction.
  const unpublished = new Map<
    string,
    { readonly result: SettlementResult } | { readonly funding: FundingEvent }
  >();
  const publishing = createLock();

  async function publishOutcome(
    outcome: { readonly results: readonly SettlementResult[]; readonly funding?: readonly FundingEvent[] },
    context: StageContext,
  ): Promise<void> {
    for (const result of outcome.results)
      unpublished.set(derivedId(context.topics.settlementCompleted, result.instructionId), { result });
    for (const funding of outcome.funding ?? [])
      unpublished.set(derivedId(context.topics.fundingConfirmed, funding.messageId), { funding });
    await publishUnpublished(context);
  }

  function publishUnpublished(context: StageContext): Promise<void> {
    if (unpublished.size === 0) return Promise.resolve();
    return publishing(async () => {
      for (const [id, item] of unpublished) {
        if ('result' in item) {
          const result = item.result;
          await context.publish('settlementCompleted', settlementResultToJson(result), {
            id,
            subject: result.uetr,
          });
          unpublished.delete(id);
          context.metrics.counter('deltran.settlement.results', 1, { status: result.status });
          if (!seenResults.has(result.instructionId)) {
            seenResults.add(result.instructionId);
            published.push(result);
            if (result.status === 'SETTLED') counts.settled += 1;
            else if (result.status === 'REJECTED') counts.rejected += 1;
            else counts.timedOut += 1;
          }
        } else {
          await context.publish('fundingConfirmed', fundingEventToJson(item.funding), {
            id,
            subject: item.funding.messageId,
          });
          unpublished.delete(id);
          counts.funding += 1;
        }
      }
    });
  }

  // A window this process has not seen applied may have been applied before a restart: the ledger
  // knows (the applied set is in memory only).
  const appliedBefore = new Set<string>();
  function appliedOnLedger(l: TokenLedger, windowId: string): boolean {
    if (appliedBefore.has(windowId)) return true;
    if (!windowApplied(l, windowId)) return false;
    appliedBefore.add(windowId);
    return true;
  }

  async function handle(event: Envelope, context: StageEventContext): Promise<void> {
    await publishUnpublished(context);
    const data = expectObject(event.data, 'settlementExecute') as unknown as SettlementInstructionJson;
    const instruction = moneyFromWire<SettlementInstruction>(data);
    const windowId = instruction.source.kind === 'netPosition' ? instruction.source.windowId : undefined;
    if (
      ledger !== undefined &&
      options.appliedWindows !== undefined &&
      windowId !== undefined &&
      !options.appliedWindows.has(windowId) &&
      engine.get(instruction.id) === undefined &&
      !appliedOnLedger(ledger, windowId)
    )
      throw notReady(
        'settlement',
        `window ${windowId} is not applied on the ledger yet; ${instruction.id} waits`,
      );
    if (ledger !== undefined && engine.get(instruction.id) === undefined) {
      const participant =
        instruction.source.kind === 'netPosition' ? instruction.source.participant : instruction.fromBic;
      const currency = instruction.amount.currency;
      const uetr = uetrOf(instruction);
      const base = payoutIdOf(instruction.id);
      await lock(async () => {
        if (findPayout(ledger, base, currency) !== undefined) return;
        await runLedgerCommand(
          base,
          tries,
          (id) => ledger.redeem({ id, participant, amount: instruction.amount, uetr }),
          () => {
            const account = ledger.balance(participant, currency);
            return (
              account !== undefined && account.balance.minor - account.held.minor >= instruction.amount.minor
            );
          },
          'settlement',
          `burning ${formatMoney(instruction.amount)} x${currency} of ${participant} for ${instruction.id}`,
        );
      });
    }
    const record = await engine.execute(instruction);
    counts.executed += 1;
    if (record.result !== undefined) await publishOutcome({ results: [record.result] }, context);
  }

  return {
    name: 'settlement',
    engine,
    consumes: ['settlementExecute'],
    subscription: options.subscription ?? {
      maxAttempts: 20,
      backoff: { initialMs: 50, factor: 2, maxMs: 5_000 },
    },
    start(context) {
      stageContext = context;
    },
    handle,
    async receive(message) {
      const context = stageContext;
      if (context === undefined) throw notReady('settlement', 'receive: call pipeline.start() first');
      await publishUnpublished(context);
      const outcome: ReceiveResult = engine.receive(message);
      counts.unmatched += outcome.unmatched.length;
      await publishOutcome(outcome, context);
      return {
        results: outcome.results.length,
        funding: outcome.funding.length,
        unmatched: outcome.unmatched.length,
      };
    },
    async tick(nowMs, context) {
      await publishUnpublished(context);
      const outcome = await engine.tick(nowMs);
      await publishOutcome(outcome, context);
    },
    async flush(_nowMs, context) {
      await publishUnpublished(context);
    },
    results: () => published,
    health: () => ({
      status: 'up',
      detail: {
        ...counts,
        unpublished: unpublished.size,
        open: engine.list({ status: ['PENDING', 'SUBMITTED', 'ACCEPTED'] }).length,
      },
    }),
  };
}
