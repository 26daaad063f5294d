/**
 * The obligations stage (`deltran.obligation.create` → `deltran.token.mint`, then
 * `deltran.clearing.submit` for a cross-border payment or `deltran.liquidity.select.local` for a
 * domestic one).
 * @packageDocumentation
 */
import { formatMoney } from '../../index';
import {
  createObligationEngine,
  ObligationConflictError,
  type ObligationEngine,
} from '../../obligations/index';
import type { Envelope } from '../envelope';
import { agentId, obligationToWire, paymentFromWire, paymentToWire } from '../payloads';
import type { PipelineStage, StageEventContext, StageSubscription } from '../stage';
import { derivedId, fatal, isoDate } from './_shared';

/** Options of {@link createObligationsStage}. @public */
export interface ObligationsStageOptions {
  /** The engine; a new in-memory one by default. */
  readonly engine?: ObligationEngine;
  /** Subscription options of the stage's group. */
  readonly subscription?: StageSubscription;
}

/**
 * The obligations stage: one obligation per UETR (the engine is idempotent on it), a mint request
 * always first, then the route. A UETR seen with other content is a conflict: dead-lettered, never
 * minted.
 * @param options - the engine
 * @returns the stage
 * @public
 */
export function createObligationsStage(options: ObligationsStageOptions = {}): PipelineStage {
  const engine = options.engine ?? createObligationEngine();
  const counts = { obligations: 0, clearing: 0, local: 0, replays: 0 };

  async function handle(event: Envelope, context: StageEventContext): Promise<void> {
    const payment = paymentFromWire(event.data);
    let outcome: Awaited<ReturnType<ObligationEngine['process']>>;
    try {
      outcome = await engine.process(payment, { valueDate: isoDate(context.now()) });
    } catch (error) {
      if (error instanceof ObligationConflictError) throw fatal('obligations', error.message, error);
      throw error;
    }
    if (outcome.duplicate) counts.replays += 1;
    else counts.obligations += 1;
    const { obligation, route } = outcome;
    // Always the mint first: the token ledger must know the payment before it is cleared or settled.
    await context.publish('tokenMint', paymentToWire(payment), {
      id: derivedId(context.topics.tokenMint, payment.uetr),
      subject: payment.uetr,
    });
    if (route.steps[1] === 'clearing') {
      if (!outcome.duplicate) counts.clearing += 1;
      await context.publish('clearingSubmit', obligationToWire(obligation), {
        id: derivedId(context.topics.clearingSubmit, obligation.id),
        subject: payment.uetr,
        key: obligation.amount.currency,
      });
    } else {
      if (!outcome.duplicate) counts.local += 1;
      await context.publish(
        'liquiditySelectLocal',
        {
          uetr: obligation.uetr,
          endToEndId: obligation.endToEndId,
          debtorBic: agentId(obligation.debtorAgent, 'debtorAgent'),
          creditorBic: agentId(obligation.creditorAgent, 'creditorAgent'),
          currency: obligation.amount.currency,
          amount: formatMoney(obligation.amount),
          valueDate: obligation.valueDate,
        },
        { id: derivedId(context.topics.liquiditySelectLocal, obligation.uetr), subject: obligation.uetr },
      );
    }
  }

  return {
    name: 'obligations',
    consumes: ['obligationCreate'],
    ...(options.subscription === undefined ? {} : { subscription: options.subscription }),
    handle,
    health: () => ({ status: 'up', detail: { ...counts } }),
  };
}
