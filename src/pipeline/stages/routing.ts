/**
 * The routing stage: chooses the corridor and bank for each net credit position
 * (`deltran.liquidity.select`) and each local payment (`deltran.liquidity.select.local`), asks risk
 * (`deltran.risk.check`), and on the answer (`deltran.risk.result`) releases the instruction
 * (`deltran.settlement.execute`) or holds it.
 * @packageDocumentation
 */
import {
  type Registry,
  type RouteOptions,
  routeLocalPayment,
  routeNetPositions,
  type SettlementInstruction,
} from '../../routing/index';
import type { Envelope } from '../envelope';
import {
  expectObject,
  type LocalLiquidityRequestJson,
  moneyFromWire,
  moneyToWire,
  type NetPositionJson,
  type RiskResultJson,
} from '../payloads';
import type { PipelineStage, StageEventContext, StageSubscription } from '../stage';
import { derivedId, fatal, requireOption } from './_shared';

/** Options of {@link createRoutingStage}. @public */
export interface RoutingStageOptions {
  /** Banks, corridors and rates (`createRegistry` of `deltran/routing`). */
  readonly registry: Registry | (() => Registry);
  /** BIC of the settlement account net positions are paid out of (CCP / settlement agent). */
  readonly settlementBic: string;
  /** The currency exposures are measured in; an instruction in it carries no FX risk. @defaultValue `'USD'` */
  readonly riskQuote?: string;
  /** Route options other than `now` (weights, rate age, multi-hop …). */
  readonly routeOptions?: Omit<RouteOptions, 'now'>;
  /** Subscription options of the stage's group. */
  readonly subscription?: StageSubscription;
}

/** An instruction risk said to hold, waiting for the host. @public */
export interface HeldInstruction {
  /** The instruction. */
  readonly instruction: SettlementInstruction;
  /** Risk's verdict. */
  readonly verdict: RiskResultJson;
}

/**
 * The routing stage. Stateless across instances: the instruction travels inside `risk.check` and comes
 * back in `risk.result`, so any instance of the group can finish what another began. Net debit
 * positions need no payment: the debtor's prefunded tokens moved to the creditors when the token stage
 * applied the window (`settleBatch`); only net credits are paid out in real money.
 * @param options - registry, settlement account, risk currency
 * @returns the stage
 * @public
 */
export function createRoutingStage(options: RoutingStageOptions): PipelineStage & {
  /** Instructions held by risk, by instruction id. */
  held(): ReadonlyMap<string, HeldInstruction>;
  /** Instructions that found no route, with why. */
  unrouted(): readonly { readonly reference: string; readonly reason: string }[];
} {
  const registryOption = requireOption(
    options.registry,
    'createRoutingStage',
    'registry',
    'a routing Registry',
  );
  const settlementBic = requireOption(options.settlementBic, 'createRoutingStage', 'settlementBic', 'a BIC');
  const registry = typeof registryOption === 'function' ? registryOption : () => registryOption;
  const riskQuote = options.riskQuote ?? 'USD';
  const held = new Map<string, HeldInstruction>();
  const unrouted: { reference: string; reason: string }[] = [];
  const counts = { routed: 0, debitsOnLedger: 0, held: 0, released: 0, noRoute: 0 };

  async function askRisk(instruction: SettlementInstruction, context: StageEventContext): Promise<void> {
    await context.publish(
      'riskCheck',
      {
        id: `risk:${instruction.id}`,
        counterparty: instruction.toBic,
        amount: moneyToWire(instruction.amount),
        quote: riskQuote,
        instruction: moneyToWire(instruction),
      },
      { id: derivedId(context.topics.riskCheck, instruction.id), subject: subjectOf(instruction) },
    );
  }

  async function onNetPosition(data: NetPositionJson, context: StageEventContext): Promise<void> {
    if (data.amount.startsWith('-')) {
      counts.debitsOnLedger += 1;
      return;
    }
    const batch = routeNetPositions(
      [
        {
          participant: data.participant,
          currency: data.currency,
          amount: data.amount,
          windowId: data.windowId,
        },
      ],
      registry(),
      { ...options.routeOptions, now: context.now(), settlementBic },
    );
    for (const miss of batch.unrouted) {
      counts.noRoute += 1;
      const reason =
        miss.excluded.map((e) => `${e.bank}: ${e.reason}`).join('; ') || 'no bank serves the currency';
      unrouted.push({ reference: `${data.windowId}:${data.participant}`, reason });
      throw fatal(
        'routing',
        `no route for the net credit of ${data.participant} in window ${data.windowId}: ${reason}`,
      );
    }
    for (const instruction of batch.instructions) {
      counts.routed += 1;
      await askRisk(instruction, context);
    }
  }

  async function onLocal(data: LocalLiquidityRequestJson, context: StageEventContext): Promise<void> {
    const routed = routeLocalPayment(
      {
        uetr: data.uetr,
        debtorBic: data.debtorBic,
        creditorBic: data.creditorBic,
        amount: data.amount,
        currency: data.currency,
      },
      registry(),
      { ...options.routeOptions, now: context.now() },
    );
    if (!routed.ok) {
      counts.noRoute += 1;
      unrouted.push({ reference: data.uetr, reason: routed.error.message });
      throw fatal('routing', `no local route for ${data.uetr}: ${routed.error.message}`, routed.error);
    }
    counts.routed += 1;
    await askRisk(routed.value, context);
  }

  async function onRiskResult(data: RiskResultJson, context: StageEventContext): Promise<void> {
    const instruction = moneyFromWire<SettlementInstruction>(data.instruction);
    if (data.action === 'HOLD') {
      if (!held.has(instruction.id)) counts.held += 1;
      held.set(instruction.id, { instruction, verdict: data });
      return;
    }
    counts.released += 1;
    await context.publish('settlementExecute', moneyToWire(instruction), {
      id: derivedId(context.topics.settlementExecute, instruction.id),
      subject: subjectOf(instruction),
    });
  }

  return {
    name: 'routing',
    consumes: ['liquiditySelect', 'liquiditySelectLocal', 'riskResult'],
    ...(options.subscription === undefined ? {} : { subscription: options.subscription }),
    async handle(event: Envelope, context: StageEventContext) {
      const data = expectObject(event.data, context.topic);
      if (context.topic === 'liquiditySelect')
        return onNetPosition(data as unknown as NetPositionJson, context);
      if (context.topic === 'liquiditySelectLocal')
        return onLocal(data as unknown as LocalLiquidityRequestJson, context);
      if (context.topic === 'riskResult') return onRiskResult(data as unknown as RiskResultJson, context);
    },
    held: () => held,
    unrouted: () => unrouted,
    health: () => ({ status: 'up', detail: { ...counts, heldNow: held.size } }),
  };
}

function subjectOf(instruction: SettlementInstruction): string {
  return instruction.source.kind === 'payment'
    ? instruction.source.uetr
    : (instruction.source.windowId ?? instruction.id);
}
