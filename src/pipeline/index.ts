/**
 * `deltran/pipeline`: the 14 topics, the event envelope (CloudEvents 1.0) and the `Transport`
 * interface the adapters (`deltran/adapters/memory`, `…/nats`, `…/kafka`) implement.
 * @packageDocumentation
 */

export { BATCH_EVENT_TYPE, type EventBatch, isBatch, MAX_BATCH_EVENTS, unbatch } from './batch';
export {
  createPipeline,
  type Pipeline,
  type PipelineHealth,
  type PipelineOptions,
  type StageOption,
  type SubmitReceipt,
} from './create-pipeline';
export {
  createEnvelope,
  decodeEnvelope,
  ENVELOPE_CONTENT_TYPE,
  type Envelope,
  type EnvelopeInput,
  type EnvelopeOptions,
  encodeEnvelope,
  parseEnvelope,
  safeParseEnvelope,
} from './envelope';
export {
  FatalHandlerError,
  PipelineError,
  type PipelineErrorCode,
  PipelineErrorCodes,
  TransportError,
  type TransportErrorCode,
  TransportErrorCodes,
} from './errors';
export {
  createMemoryIdempotencyStore,
  type IdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './idempotency';
export {
  type CounterSnapshot,
  createMemoryMetrics,
  type GaugeSnapshot,
  type HistogramSnapshot,
  type HistogramSummary,
  isolateMetrics,
  type MemoryMetrics,
  type MemoryMetricsOptions,
  type MetricAttributes,
  type MetricAttributeValue,
  type MetricDefinition,
  type MetricKind,
  type MetricsSink,
  type MetricsSnapshot,
  noopMetrics,
  PIPELINE_METRICS,
  STAGE_OUTCOMES,
  type StageMessageAttributes,
  type StageOutcome,
} from './metrics';
export {
  createCallbackNotifier,
  createWebhookNotifier,
  NOTIFICATION_TYPES,
  type Notification,
  type NotificationDeadLetter,
  type NotificationType,
  type Notifier,
  type NotifyError,
  type NotifyResult,
  type SignWebhookPayloadOptions,
  signWebhookPayload,
  type VerifyWebhookSignatureOptions,
  verifyWebhookSignature,
  WEBHOOK_DEFAULTS,
  WEBHOOK_HEADERS,
  type WebhookNotifier,
  type WebhookNotifierOptions,
  type WebhookVerification,
} from './notifier';
export {
  agentId,
  type ClearingCompletedJson,
  type ComplianceRejectJson,
  type JsonOf,
  type LocalLiquidityRequestJson,
  moneyFromWire,
  moneyToWire,
  type NetPositionJson,
  type ObligationCreateJson,
  type ObligationJson,
  obligationToWire,
  paymentFromWire,
  paymentToWire,
  type ReasonJson,
  type RiskCheckJson,
  type RiskResultJson,
  type SettlementInstructionJson,
  type TokenMintedJson,
  type TopicPayloads,
} from './payloads';
export {
  type ClearingCurrencyReport,
  type ClearingReport,
  type ClearingReportInput,
  type ClearingReportLink,
  type ClearingReportPayment,
  type ClearingReportPosition,
  createClearingReport,
  createSettlementReport,
  REPORT_HTML_DEFAULTS,
  type ReportHtmlInput,
  type ReportHtmlOptions,
  renderReportHtml,
  SETTLEMENT_REPORT_STATUSES,
  type SettlementCurrencyTotals,
  type SettlementReport,
  type SettlementReportRow,
  type SettlementReportStatus,
  type SettlementReportTotal,
} from './reports';
export type {
  PipelineStage,
  StageContext,
  StageEventContext,
  StageEventFailure,
  StageHealthDetail,
  StagePublishOptions,
  StageSubscription,
} from './stage';
export {
  type ClearingJournal,
  type ClearingJournalRecord,
  type ClearingStageOptions,
  type ClosedWindow,
  createClearingStage,
  createMemoryClearingJournal,
} from './stages/clearing';
export {
  type ComplianceStageOptions,
  createComplianceStage,
  DUPLICATE_UETR_CONFLICT,
} from './stages/compliance';
export { createObligationsStage, type ObligationsStageOptions } from './stages/obligations';
export {
  createRiskAssessor,
  createRiskStage,
  NO_FX_EXPOSURE,
  type RiskStageOptions,
  type RiskVerdict,
} from './stages/risk';
export { createRoutingStage, type HeldInstruction, type RoutingStageOptions } from './stages/routing';
export {
  createSettlementStage,
  type SettlementStage,
  type SettlementStageOptions,
} from './stages/settlement';
export {
  createTokenStage,
  findPayout,
  payoutIdOf,
  settleIdOf,
  type TokenStageOptions,
  windowApplied,
} from './stages/token';
export {
  createTopicNames,
  DEAD_LETTER_EVENT_TYPE,
  DEAD_LETTER_TOPIC_NAME,
  DEFAULT_TOPIC_PREFIX,
  DEFAULT_TOPICS,
  eventTypeOf,
  TOPIC_KEYS,
  type TopicKey,
  type TopicNames,
  type TopicNamesOptions,
} from './topics';
export {
  type AdapterFactory,
  type Backoff,
  type BackoffOptions,
  checkTopicName,
  computeBackoffMs,
  type DeadLetter,
  type DeliveryContext,
  defaultClassifyError,
  describeError,
  type ErrorClass,
  type MessageHandler,
  type PublishOptions,
  type PublishReceipt,
  type ResolvedSubscribeOptions,
  resolveSubscribeOptions,
  SUBSCRIBE_DEFAULTS,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  type TransportFlags,
  type TransportHealth,
} from './transport';
