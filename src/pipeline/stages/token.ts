/**
 * The token stage: mints 1:1 against confirmed credits (`deltran.token.mint` + `deltran.funding.confirmed`
 * → `deltran.token.minted`), moves tokens by the netting result of each closed window
 * (`deltran.clearing.completed`), and restores the tokens of a settlement that failed
 * (`deltran.settlement.completed` with REJECTED or TIMED_OUT).
 * @packageDocumentation
 */
import { type CurrencyCode, formatMoney, type Money, money } from '../../index';
import { fundingEventFromJson, settlementResultFromJson } from '../../settlement/index';
import type { CommandResult, MintCommand, PayoutInstruction, TokenLedger } from '../../token/index';
import type { Envelope } from '../envelope';
import { agentId, type ClearingCompletedJson, paymentFromWire } from '../payloads';
import type {
  PipelineStage,
  StageContext,
  StageEventContext,
  StageEventFailure,
  StageSubscription,
} from '../stage';
import { createLock, derivedId, fatal, type LedgerTries, runLedgerCommand, tryId } from './_shared';

/** Options of {@link createTokenStage}. @public */
export interface TokenStageOptions {
  /** The ledger (`createTokenLedger` of `deltran/token`); share it with the settlement stage. */
  readonly ledger: TokenLedger;
  /** Serialises ledger writes with the settlement stage (`createPipeline` passes one lock to both). */
  readonly lock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * Windows whose netting result the ledger has applied; the settlement stage of the same process
   * pays a net credit out only once its window is in it (`createPipeline` passes one set to both).
   */
  readonly appliedWindows?: Set<string>;
  /** Subscription options of the stage's group. @defaultValue up to 20 attempts, backoff 50 ms doubling to 5 s */
  readonly subscription?: StageSubscription;
}

/**
 * The redeem command id the settlement stage uses first for an instruction (and the payout id it
 * creates); a redeem refused for lack of tokens is retried as `<id>#1`, `<id>#2` … (see {@link findPayout}).
 * @public
 */
export function payoutIdOf(instructionId: string): string {
  return `redeem:${instructionId}`;
}

/**
 * The ledger command id under which the token stage first applies the netting result of a window; a
 * refused try is retried as `<id>#1`, `<id>#2` … (see {@link windowApplied}).
 * @public
 */
export function settleIdOf(windowId: string): string {
  return `settle:${windowId}`;
}

/**
 * Whether the ledger applied the netting result of a window, by any try of its command: what a
 * process learns from the ledger itself after a restart, when its in-memory record of applied windows
 * is gone. Tries are spent in order, so the first id never committed ends the search.
 * @param ledger - the token ledger
 * @param windowId - the window
 * @returns true once a try of {@link settleIdOf} was applied
 * @public
 */
export function windowApplied(ledger: TokenLedger, windowId: string): boolean {
  const base = settleIdOf(windowId);
  for (let n = 0; n < 10_000; n += 1) {
    const result = ledger.commandResult(tryId(base, n));
    if (result === undefined) return false;
    if (result.status === 'applied') return true;
  }
  return false;
}

/**
 * The payout an instruction created, whichever try of its redeem succeeded.
 * @param ledger - the token ledger
 * @param base - {@link payoutIdOf} of the instruction
 * @param currency - the instruction's currency, when known: only payouts in it are scanned
 * @returns the payout, or undefined when no redeem of it was applied
 * @public
 */
export function findPayout(
  ledger: TokenLedger,
  base: string,
  currency?: CurrencyCode,
): PayoutInstruction | undefined {
  const direct = ledger.getPayout(base);
  if (direct !== undefined) return direct;
  const prefix = `${base}#`;
  // Every payout of a retry, from the ledger's index (not a scan of every payout in flight). At most
  // one try of a redeem is applied, so the answer is that one; should there be more, the same one as
  // ever: the lowest try `#1` … `#64` whatever its status, else the first one in flight in `currency`.
  const tries = ledger.payoutsByPrefix(prefix);
  let lowest: PayoutInstruction | undefined;
  let lowestTry = 65;
  for (const payout of tries) {
    const n = tryNumber(payout.id, prefix.length);
    if (n < lowestTry) {
      lowest = payout;
      lowestTry = n;
    }
  }
  if (lowest !== undefined) return lowest;
  return tries.find(
    (p) => p.status === 'in-flight' && (currency === undefined || p.amount.currency === currency),
  );
}

/** The try `n` (1 … 64) of an id `<base>#<n>` written as `tryId` writes it, else 65. */
function tryNumber(id: string, from: number): number {
  const digits = id.length - from;
  if (digits < 1 || digits > 2) return 65;
  const first = id.charCodeAt(from) - 48;
  if (first < 1 || first > 9) return 65;
  if (digits === 1) return first;
  const second = id.charCodeAt(from + 1) - 48;
  if (second < 0 || second > 9) return 65;
  const n = first * 10 + second;
  return n <= 64 ? n : 65;
}

/**
 * The token stage.
 * @param options - the ledger
 * @returns the stage
 * @public
 */
export function createTokenStage(
  options: TokenStageOptions,
): PipelineStage & { readonly ledger: TokenLedger } {
  const ledger = options.ledger;
  const lock = options.lock ?? createLock();
  const appliedWindows = options.appliedWindows;
  const tries = new Map<string, LedgerTries>();
  const counts = { mintRequests: 0, minted: 0, batches: 0, restored: 0 };

  // Accounts seen open (they never close): one set look-up per mint instead of a balance with seven
  // Money values. As many entries as the ledger has accounts.
  const open = new Set<string>();

  async function ensureAccount(participant: string, currency: CurrencyCode): Promise<void> {
    const key = `${currency} ${participant}`;
    if (open.has(key)) return;
    if (ledger.balance(participant, currency) !== undefined) {
      open.add(key);
      return;
    }
    const result = await ledger.openAccount({ id: `open:${participant}:${currency}`, participant, currency });
    if (result.status === 'rejected' && ledger.balance(participant, currency) === undefined)
      throw fatal(
        'token',
        `cannot open the ${currency} account of ${participant}: ${result.message ?? result.code}`,
      );
  }

  async function announce(mintIds: readonly string[], context: StageContext): Promise<void> {
    for (const id of mintIds) {
      const mint = ledger.getMint(id);
      if (mint?.status !== 'minted') continue;
      counts.minted += 1;
      await context.publish(
        'tokenMinted',
        {
          mintId: mint.id,
          participant: mint.participant,
          amount: moneyJson(mint.amount),
          ...(mint.uetr === undefined ? {} : { uetr: mint.uetr }),
          ...(mint.fundedBy === undefined ? {} : { fundedBy: mint.fundedBy }),
        },
        { id: derivedId(context.topics.tokenMinted, mint.id), subject: mint.uetr ?? mint.id },
      );
    }
  }

  /** The mint a `token.mint` event asks for, its payer's account opened. */
  async function mintCommandOf(event: Envelope): Promise<MintCommand> {
    const payment = paymentFromWire(event.data);
    const participant = agentId(payment.debtorAgent, 'debtorAgent');
    await ensureAccount(participant, payment.amount.currency);
    return {
      kind: 'mint',
      id: `mint:${payment.uetr}`,
      participant,
      amount: payment.amount,
      uetr: payment.uetr,
      endToEndId: payment.endToEndId,
    };
  }

  /** Counts a mint's result and notes it for `announce` when minted; a refusal without a mint is its failure. */
  function mintOutcome(
    command: MintCommand,
    result: CommandResult,
    minted: string[],
  ): StageEventFailure | undefined {
    if (!result.replayed) counts.mintRequests += 1;
    if (result.status === 'rejected' && result.mint === undefined)
      return { error: fatal('token', `mint of ${command.uetr} refused: ${result.message ?? result.code}`) };
    if (result.mint?.status === 'minted') minted.push(result.mint.id);
    return undefined;
  }

  async function onMint(event: Envelope, context: StageEventContext): Promise<void> {
    const command = await mintCommandOf(event);
    const result = (await ledger.execute([command])).results[0] as CommandResult;
    const minted: string[] = [];
    const failure = mintOutcome(command, result, minted);
    if (failure !== undefined) throw failure.error;
    await announce(minted, context);
  }

  /**
   * The mints of one delivered batch as one ledger batch (not atomic: each mint stands alone, as
   * `onMint` would apply it, in one journal record and store transaction). Anything unusual — a
   * payload that does not parse, an account that cannot be opened, a batch the ledger refuses as a
   * whole (an invalid command, an id reused with other content) — falls back to `onMint` per event,
   * so each event fails or succeeds exactly as it would alone.
   */
  async function onMints(
    events: readonly Envelope[],
    context: StageEventContext,
  ): Promise<readonly (StageEventFailure | undefined)[]> {
    let commands: MintCommand[];
    let results: readonly CommandResult[];
    try {
      commands = [];
      for (const event of events) commands.push(await mintCommandOf(event));
      results = (await ledger.execute(commands, { atomic: false })).results;
    } catch {
      return one(events, context);
    }
    const minted: string[] = [];
    const outcomes = results.map((result, i) => mintOutcome(commands[i]!, result, minted));
    await announce(minted, context);
    return outcomes;
  }

  /** Each event through `handle`, its failure kept as its outcome. */
  async function one(
    events: readonly Envelope[],
    context: StageEventContext,
  ): Promise<readonly (StageEventFailure | undefined)[]> {
    const outcomes: (StageEventFailure | undefined)[] = [];
    for (const event of events) {
      try {
        await handle(event, context);
        outcomes.push(undefined);
      } catch (error) {
        outcomes.push({ error });
      }
    }
    return outcomes;
  }

  async function handle(event: Envelope, context: StageEventContext): Promise<void> {
    switch (context.topic) {
      case 'tokenMint':
        return onMint(event, context);
      case 'fundingConfirmed':
        return onFunding(event, context);
      case 'clearingCompleted':
        return onClearing(event);
      case 'settlementCompleted':
        return onSettlement(event);
      default:
        return;
    }
  }

  async function onFunding(event: Envelope, context: StageEventContext): Promise<void> {
    const funding = fundingEventFromJson(event.data);
    const result = await ledger.recordBankEntries({
      id: `bank:${funding.messageId}`,
      entries: funding.entries,
    });
    const minted = [...(result.minted ?? [])];
    for (const entry of result.entries ?? [])
      if (entry.matched?.kind === 'mint') minted.push(entry.matched.id);
    await announce([...new Set(minted)], context);
  }

  async function onClearing(event: Envelope): Promise<void> {
    const data = event.data as ClearingCompletedJson;
    const instructions = data.result.instructions;
    if (instructions.length === 0) {
      appliedWindows?.add(data.windowId);
      return;
    }
    for (const i of instructions) {
      await ensureAccount(i.from, i.currency as CurrencyCode);
      await ensureAccount(i.to, i.currency as CurrencyCode);
    }
    const owed = new Map<string, { from: string; currency: CurrencyCode; minor: bigint }>();
    for (const i of instructions) {
      const key = `${i.currency} ${i.from}`;
      const entry = owed.get(key) ?? { from: i.from, currency: i.currency as CurrencyCode, minor: 0n };
      entry.minor += money(i.amount, i.currency as CurrencyCode).minor;
      owed.set(key, entry);
    }
    const ready = (): boolean =>
      [...owed.values()].every(({ from, currency, minor }) => {
        const account = ledger.balance(from, currency);
        return account !== undefined && account.balance.minor - account.held.minor >= minor;
      });
    const base = settleIdOf(data.windowId);
    // Most often a refusal means a mint still waiting for its credit: the tokens are not there yet. Retried.
    await lock(() =>
      runLedgerCommand(
        base,
        tries,
        (id) =>
          ledger.settleBatch({
            id,
            instructions: instructions.map((i) => ({
              from: i.from,
              to: i.to,
              currency: i.currency,
              amount: i.amount,
            })),
          }),
        ready,
        'token',
        `settling window ${data.windowId}`,
      ),
    );
    appliedWindows?.add(data.windowId);
    counts.batches += 1;
  }

  async function onSettlement(event: Envelope): Promise<void> {
    const settled = settlementResultFromJson(event.data);
    if (settled.status === 'SETTLED') return; // the camt.054 debit (funding.confirmed) confirms the payout
    await lock(async () => {
      const payout = findPayout(ledger, payoutIdOf(settled.instructionId));
      if (payout === undefined || payout.status !== 'in-flight') return; // never burned, or already restored
      const result = await ledger.cancelPayout({ id: `cancel:${payout.id}`, payoutId: payout.id });
      if (result.status === 'rejected')
        throw fatal(
          'token',
          `cannot restore the tokens of ${settled.instructionId}: ${result.message ?? result.code}`,
        );
      if (!result.replayed) counts.restored += 1;
    });
  }

  return {
    name: 'token',
    ledger,
    consumes: ['tokenMint', 'fundingConfirmed', 'clearingCompleted', 'settlementCompleted'],
    subscription: options.subscription ?? {
      maxAttempts: 20,
      backoff: { initialMs: 50, factor: 2, maxMs: 5_000 },
    },
    handle,
    handleBatch: (events, context) =>
      context.topic === 'tokenMint' ? onMints(events, context) : one(events, context),
    health() {
      const pending = ledger.pendingMints().length;
      const unbalanced = ledger.currencies().filter((c) => !ledger.position(c).balanced);
      return {
        status: unbalanced.length === 0 ? 'up' : 'degraded',
        detail: { ...counts, pendingMints: pending, unbalanced: unbalanced.join(',') },
      };
    },
  };
}

function moneyJson(amount: Money): { currency: string; amount: string } {
  return { currency: amount.currency, amount: formatMoney(amount) };
}
