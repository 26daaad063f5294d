/**
 * Payments, a stub compliance checker, envelopes and a fake stage context for the pipeline unit tests.
 * @internal
 */
import { type CanonicalPayment, type CanonicalPaymentJson, canonicalPaymentToJson, money } from 'deltran';
import type { ComplianceChecker, ComplianceDecision } from 'deltran/compliance';
import {
  createEnvelope,
  createMemoryMetrics,
  DEFAULT_TOPICS,
  type Envelope,
  eventTypeOf,
  type MemoryMetrics,
  type ObligationJson,
  type StageEventContext,
  type StagePublishOptions,
  type TopicKey,
  type TopicPayloads,
} from 'deltran/pipeline';

export const NOW_MS = Date.UTC(2026, 11, 1, 9, 0, 0);
export const UETR_A = '3f1c1f5e-8a3b-4c55-9d0e-2b7a3c4d5e61';
export const UETR_B = '6a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
export const UETR_C = '9b8a7c6d-5e4f-4321-a0b1-c2d3e4f5a6b7';

/** A cross-border EUR payment (GB → DE, outside the EUR area): cleared. */
export function crossBorderPayment(
  uetr = UETR_A,
  amount = '1250.00',
  endToEndId = 'E2E-X-1',
): CanonicalPayment {
  return {
    uetr,
    endToEndId,
    messageId: 'MSG-1',
    source: { type: 'pacs.008' },
    amount: money(amount, 'EUR'),
    settlementDate: '2026-12-01',
    chargeBearer: 'SHAR',
    debtor: { name: 'Ada Lovelace Ltd', account: { otherId: 'ACC-ADA' } },
    debtorAgent: { bic: 'THMSGB2LXXX' },
    creditor: { name: 'Rheinufer Handel GmbH', account: { otherId: 'ACC-RH' } },
    creditorAgent: { bic: 'RHEIDEFFXXX' },
    remittanceInformation: { unstructured: ['Invoice 1'] },
  };
}

/** A domestic EUR payment (DE → DE): routed locally, never cleared. */
export function localPayment(uetr = UETR_B, amount = '80.00'): CanonicalPayment {
  return {
    ...crossBorderPayment(uetr, amount, 'E2E-L-1'),
    debtorAgent: { bic: 'ELBEDEHHXXX' },
    creditorAgent: { bic: 'RHEIDEFFXXX' },
  };
}

export const wire = (payment: CanonicalPayment): CanonicalPaymentJson => canonicalPaymentToJson(payment);

/** A checker that decides by UETR (ALLOW by default) and counts its calls. */
export function stubChecker(
  decide: (payment: CanonicalPayment) => 'ALLOW' | 'REVIEW' | 'REJECT' = () => 'ALLOW',
): ComplianceChecker & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async check(payment, options): Promise<ComplianceDecision> {
      calls.push(payment.uetr);
      const decision = decide(payment);
      const reasons =
        decision === 'ALLOW'
          ? []
          : [
              {
                code: decision === 'REJECT' ? 'TEST_SANCTIONS_HIT' : 'TEST_NEEDS_REVIEW',
                decision,
                message: `${decision} for the test`,
                path: ['creditor', 'name'],
              },
            ];
      return {
        uetr: payment.uetr,
        decision,
        reasons,
        screening: { decision, score: decision === 'ALLOW' ? 0 : 0.97, subjects: [], reasons },
        atMs: options.atMs,
      };
    },
  };
}

/** An obligation as `deltran.clearing.submit` carries it (cross-border, in EUR unless told). */
export function obligation(
  id: string,
  debtor: string,
  creditor: string,
  amount: string,
  currency = 'EUR',
): ObligationJson {
  return {
    id,
    uetr: UETR_A,
    endToEndId: `E2E-${id}`,
    debtorAgent: debtor,
    creditorAgent: creditor,
    debtorAgentCountry: 'GB',
    creditorAgentCountry: 'DE',
    currency,
    amount,
    valueDate: '2026-12-01',
    crossBorder: true,
  };
}

/** The clearing stage's input event for an obligation, with its derived id. */
export const submitEvent = (o: ObligationJson): Envelope =>
  envelope('clearingSubmit', o, `${DEFAULT_TOPICS.clearingSubmit}:${o.id}`, o.uetr);

/** An envelope on a topic, as a transport would deliver it. */
export function envelope<K extends TopicKey>(
  key: K,
  data: TopicPayloads[K],
  id = `${DEFAULT_TOPICS[key]}:test:${Math.random().toString(16).slice(2)}`,
  subject?: string,
): Envelope {
  return createEnvelope(
    { type: eventTypeOf(key), source: '/test', id, data, ...(subject === undefined ? {} : { subject }) },
    { now: () => NOW_MS },
  ) as Envelope;
}

export interface Published {
  readonly key: TopicKey;
  // biome-ignore lint/suspicious/noExplicitAny: the payloads of every topic, read field by field in tests
  readonly data: any;
  readonly options: StagePublishOptions;
}

/** A stage context that records what the stage publishes (and can be told to fail a publish). */
export function fakeContext(
  topic: TopicKey,
  options: {
    readonly now?: () => number;
    readonly attempt?: number;
    readonly stage?: string;
    /** Share the record of another context. */
    readonly published?: Published[];
  } = {},
): StageEventContext & {
  readonly published: Published[];
  readonly metrics: MemoryMetrics;
  failNextPublish: boolean;
  of(key: TopicKey): Published[];
} {
  const published: Published[] = options.published ?? [];
  const context = {
    stage: options.stage ?? 'test',
    topics: DEFAULT_TOPICS,
    now: options.now ?? (() => NOW_MS),
    metrics: createMemoryMetrics(),
    topic,
    failNextPublish: false,
    delivery: {
      topic: DEFAULT_TOPICS[topic],
      group: 'test',
      attempt: options.attempt ?? 1,
      key: undefined,
      signal: new AbortController().signal,
      working: () => {},
    },
    published,
    of: (key: TopicKey) => published.filter((p) => p.key === key),
    async publish(key: TopicKey, data: unknown, publishOptions: StagePublishOptions): Promise<void> {
      if (context.failNextPublish) {
        context.failNextPublish = false;
        throw new Error('publish failed (test)');
      }
      // What travels is JSON: a payload that does not survive it is a bug of the stage.
      published.push({ key, data: JSON.parse(JSON.stringify(data)), options: publishOptions });
    },
  };
  return context as never;
}
