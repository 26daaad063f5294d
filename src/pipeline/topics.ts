/**
 * The 14 topics of the payment flow (ARCHITECTURE.md), under a configurable prefix (`deltran.` by
 * default), plus the dead-letter topic every transport uses for messages it gave up on.
 *
 * A topic name is also a NATS subject and a Kafka topic, so names are restricted to what both accept:
 * words of `[A-Za-z0-9_-]` joined by dots.
 *
 * @packageDocumentation
 */
import { PipelineError, PipelineErrorCodes } from './errors';

/**
 * The 14 topics by their key: the camelCase key names the topic in code, the value is the name
 * without prefix. Order follows the payment flow.
 * @public
 */
export const TOPIC_KEYS: {
  readonly complianceCheck: 'compliance.check';
  readonly obligationCreate: 'obligation.create';
  readonly complianceReject: 'compliance.reject';
  readonly tokenMint: 'token.mint';
  readonly clearingSubmit: 'clearing.submit';
  readonly liquiditySelectLocal: 'liquidity.select.local';
  readonly liquiditySelect: 'liquidity.select';
  readonly clearingCompleted: 'clearing.completed';
  readonly riskCheck: 'risk.check';
  readonly riskResult: 'risk.result';
  readonly settlementExecute: 'settlement.execute';
  readonly settlementCompleted: 'settlement.completed';
  readonly fundingConfirmed: 'funding.confirmed';
  readonly tokenMinted: 'token.minted';
} = Object.freeze({
  /** gateway → compliance: CanonicalPayment. */
  complianceCheck: 'compliance.check',
  /** compliance → obligations: CanonicalPayment with its screening decision. */
  obligationCreate: 'obligation.create',
  /** compliance → notification: ComplianceRejection. */
  complianceReject: 'compliance.reject',
  /** obligations → token: CanonicalPayment (always first). */
  tokenMint: 'token.mint',
  /** obligations → clearing: Obligation (international). */
  clearingSubmit: 'clearing.submit',
  /** obligations → routing: LocalLiquidityRequest (local). */
  liquiditySelectLocal: 'liquidity.select.local',
  /** clearing → routing: NetPosition. */
  liquiditySelect: 'liquidity.select',
  /** clearing → reporting/analytics: ClearingResult. */
  clearingCompleted: 'clearing.completed',
  /** routing → risk: RiskCheckRequest. */
  riskCheck: 'risk.check',
  /** risk → routing: RiskAssessment. */
  riskResult: 'risk.result',
  /** routing → settlement: SettlementInstruction. */
  settlementExecute: 'settlement.execute',
  /** settlement → notification/reporting: SettlementResult. */
  settlementCompleted: 'settlement.completed',
  /** settlement → token: FundingEvent. */
  fundingConfirmed: 'funding.confirmed',
  /** token → analytics: TokenMintEvent. */
  tokenMinted: 'token.minted',
} as const);

/** The key of one of the 14 topics, for example `'complianceCheck'`. @public */
export type TopicKey = keyof typeof TOPIC_KEYS;

/** The default prefix of every topic name. @public */
export const DEFAULT_TOPIC_PREFIX = 'deltran.';

/** Name (without prefix) of the topic that receives dead letters. @public */
export const DEAD_LETTER_TOPIC_NAME = 'dead-letter';

/**
 * The full topic names of one deployment: the 14 topics and `deadLetter`, each with the prefix.
 * @public
 */
export type TopicNames = { readonly [K in TopicKey]: string } & {
  /** Where transports put messages they gave up on (see `DeadLetter`). */
  readonly deadLetter: string;
  /** The prefix every name starts with (`deltran.` by default). */
  readonly prefix: string;
};

/** Options of {@link createTopicNames}. @public */
export interface TopicNamesOptions {
  /**
   * Prepended to every name: dot-terminated words of `[A-Za-z0-9_-]`, or `''`.
   * @defaultValue `'deltran.'`
   */
  readonly prefix?: string;
}

const PREFIX = /^(?:[A-Za-z0-9_-]+\.)*$/;

/**
 * Builds the topic names of a deployment.
 *
 * @param options - `prefix`, `deltran.` by default (for example `bank1.deltran.` to share a broker)
 * @returns the 14 topic names, `deadLetter` and `prefix`, frozen
 * @throws {@link PipelineError} (`PIPELINE_INVALID_TOPIC_PREFIX`) when the prefix is not dot-terminated
 * words of `[A-Za-z0-9_-]`
 * @example
 * ```ts
 * createTopicNames().complianceCheck; // 'deltran.compliance.check'
 * createTopicNames({ prefix: 'eu.deltran.' }).deadLetter; // 'eu.deltran.dead-letter'
 * ```
 * @public
 */
export function createTopicNames(options: TopicNamesOptions = {}): TopicNames {
  const prefix = options.prefix ?? DEFAULT_TOPIC_PREFIX;
  if (!PREFIX.test(prefix)) {
    throw new PipelineError(
      PipelineErrorCodes.INVALID_TOPIC_PREFIX,
      `[deltran] createTopicNames: expected a prefix of dot-terminated words of [A-Za-z0-9_-] (like "deltran."), got ${JSON.stringify(prefix)}`,
      { path: ['prefix'] },
    );
  }
  const names: Record<string, string> = { prefix, deadLetter: `${prefix}${DEAD_LETTER_TOPIC_NAME}` };
  for (const key of Object.keys(TOPIC_KEYS) as TopicKey[]) names[key] = `${prefix}${TOPIC_KEYS[key]}`;
  return Object.freeze(names) as TopicNames;
}

/** The topic names with the default prefix `deltran.`. @public */
export const DEFAULT_TOPICS: TopicNames = createTopicNames();

/**
 * The CloudEvents `type` of the events of a topic: `deltran.<name>`, whatever the deployment's prefix,
 * so consumers can recognise an event without knowing where it was routed.
 *
 * @param key - the topic key, for example `'tokenMint'`
 * @returns for example `'deltran.token.mint'`
 * @public
 */
export function eventTypeOf(key: TopicKey): string {
  return `deltran.${TOPIC_KEYS[key]}`;
}

/** The CloudEvents `type` of a dead letter. @public */
export const DEAD_LETTER_EVENT_TYPE = 'deltran.dead-letter';
