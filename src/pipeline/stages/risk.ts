/**
 * The risk stage (`deltran.risk.check` → `deltran.risk.result`): scores the FX exposure a settlement
 * instruction creates and says whether to execute now, wait, hedge or hold.
 * @packageDocumentation
 */
import type { Money } from '../../index';
import {
  createRiskEngine,
  type RiskAction,
  type RiskCheckRequest,
  type RiskContext,
  type RiskEngineOptions,
  RiskError,
  type RiskReason,
} from '../../risk/index';
import type { Envelope } from '../envelope';
import { expectObject, moneyFromWire, type ReasonJson, type RiskCheckJson } from '../payloads';
import type { PipelineStage, StageEventContext, StageSubscription } from '../stage';
import { derivedId, requireOption } from './_shared';

/** A risk verdict: what to do, a 0–100 score and why. @public */
export interface RiskVerdict {
  /** The action. */
  readonly action: RiskAction;
  /** 0 (none) to 100. */
  readonly score: number;
  /** Why. */
  readonly reasons: readonly ReasonJson[];
}

/** Options of {@link createRiskStage}. @public */
export interface RiskStageOptions {
  /**
   * Scores one request (a different currency from the quote). Use {@link createRiskAssessor} to build it
   * on `assessRisk` of `deltran/risk`, or plug the bank's own engine.
   */
  readonly assess: (request: RiskCheckRequest) => RiskVerdict | Promise<RiskVerdict>;
  /** Subscription options of the stage's group. */
  readonly subscription?: StageSubscription;
}

/** The reason code of an instruction in the currency exposures are measured in. @public */
export const NO_FX_EXPOSURE = 'RISK_NO_FX_EXPOSURE';

/**
 * Builds an assessor on `assessRisk` (`deltran/risk`): volatility, VaR, exposure limits and pegs. The
 * assessor owns a risk engine (`createRiskEngine`), so each rate history's model is measured once and
 * reused while the same history comes back; the verdicts are those of `assessRisk`.
 * @param context - the risk context for a request (rate history of the pair, exposure book, `now` …)
 * @param options - the engine's bounds (`maxHistories`, 64 by default)
 * @returns the assessor
 * @public
 */
export function createRiskAssessor(
  context: (request: RiskCheckRequest) => RiskContext,
  options?: RiskEngineOptions,
): (request: RiskCheckRequest) => RiskVerdict {
  const engine = createRiskEngine(options);
  return (request) => {
    const assessment = engine.assess(request, context(request));
    return {
      action: assessment.action,
      score: assessment.score,
      reasons: assessment.reasons.map((code) => ({ code, message: riskReasonText(code, assessment.score) })),
    };
  };
}

/**
 * The risk stage. Deterministic for a given request and context, so a redelivery gives the same answer
 * under the same event id.
 * @param options - the assessor
 * @returns the stage
 * @public
 */
export function createRiskStage(options: RiskStageOptions): PipelineStage {
  const assess = requireOption(
    options.assess,
    'createRiskStage',
    'assess',
    'a function scoring a RiskCheckRequest',
  );
  const counts: Record<string, number> = { EXECUTE_NOW: 0, WAIT_FOR_WINDOW: 0, HEDGE: 0, HOLD: 0, noFx: 0 };

  async function handle(event: Envelope, context: StageEventContext): Promise<void> {
    const data = expectObject(event.data, 'riskCheck') as unknown as RiskCheckJson;
    const amount = moneyFromWire<Money>(data.amount);
    let verdict: RiskVerdict;
    if (amount.currency === data.quote) {
      counts.noFx = (counts.noFx ?? 0) + 1;
      verdict = {
        action: 'EXECUTE_NOW',
        score: 0,
        reasons: [
          {
            code: NO_FX_EXPOSURE,
            message: `the amount is in ${data.quote}, the currency exposures are measured in`,
          },
        ],
      };
    } else {
      try {
        verdict = await assess({ id: data.id, counterparty: data.counterparty, amount, quote: data.quote });
      } catch (error) {
        // A risk error no redelivery can cure (no or too little rate history, bad options): the
        // instruction is held with the reason, visible to the host, instead of dead-lettered.
        if (!(error instanceof RiskError)) throw error;
        counts.errors = (counts.errors ?? 0) + 1;
        verdict = { action: 'HOLD', score: 100, reasons: [{ code: error.code, message: error.message }] };
      }
    }
    counts[verdict.action] = (counts[verdict.action] ?? 0) + 1;
    await context.publish(
      'riskResult',
      {
        requestId: data.id,
        action: verdict.action,
        score: verdict.score,
        reasons: verdict.reasons,
        instruction: data.instruction,
      },
      {
        id: derivedId(context.topics.riskResult, data.id),
        ...(event.subject === undefined ? {} : { subject: event.subject }),
      },
    );
  }

  return {
    name: 'risk',
    consumes: ['riskCheck'],
    ...(options.subscription === undefined ? {} : { subscription: options.subscription }),
    handle,
    health: () => ({ status: 'up', detail: { ...counts } }),
  };
}

const RISK_REASON_TEXT: Readonly<Record<RiskReason, string>> = {
  SCORE_BELOW_WAIT: 'score below the wait threshold',
  SCORE_AT_WAIT_NO_BETTER_WINDOW: 'score at the wait threshold but no quieter window ahead',
  QUIETER_WINDOW_AHEAD: 'a quieter execution window is ahead',
  SCORE_AT_HEDGE: 'score at the hedge threshold',
  SCORE_AT_HOLD: 'score at the hold threshold',
  EXPOSURE_LIMIT_EXCEEDED: 'the counterparty exposure limit would be exceeded',
  NO_EXPOSURE_LIMIT: 'no exposure limit is set for the counterparty',
  DEPEG: 'the pegged rate is off its peg',
  PEG_FLOOR_APPLIED: 'the peg floor was applied to the volatility',
  STALE_HISTORY: 'the rate history is stale',
};

function riskReasonText(code: RiskReason, score: number): string {
  return `${RISK_REASON_TEXT[code] ?? code} (score ${score})`;
}
