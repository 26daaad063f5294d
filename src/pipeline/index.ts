/**
 * `deltran/pipeline`: the 14 topics, the event envelope (CloudEvents 1.0) and the `Transport`
 * interface the adapters (`deltran/adapters/memory`, `…/nats`, `…/kafka`) implement.
 * @packageDocumentation
 */
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
