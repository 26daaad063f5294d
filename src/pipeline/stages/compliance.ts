/**
 * The compliance stage (`deltran.compliance.check` → `deltran.obligation.create` | `deltran.compliance.reject`):
 * sanctions, AML and KYC decide ALLOW / REVIEW / REJECT for every payment, once per UETR.
 * @packageDocumentation
 */

import type { ComplianceChecker, ComplianceDecision } from '../../compliance/index';
import { formatMoney } from '../../index';
import type { Envelope } from '../envelope';
import { paymentFromWire, paymentToWire, type ReasonJson } from '../payloads';
import type { PipelineStage, StageEventContext, StageHealthDetail, StageSubscription } from '../stage';
import { derivedId, requireOption } from './_shared';

/** Options of {@link createComplianceStage}. @public */
export interface ComplianceStageOptions {
  /** The checker (`createComplianceChecker` of `deltran/compliance`). */
  readonly checker: ComplianceChecker;
  /**
   * What a REVIEW does: `hold` publishes it on `deltran.compliance.reject` with decision `REVIEW` and
   * the payment goes no further (an analyst re-submits it once cleared); `allow` lets it through.
   * @defaultValue `'hold'`
   */
  readonly review?: 'hold' | 'allow';
  /** Subscription options of the stage's group. */
  readonly subscription?: StageSubscription;
}

interface Seen {
  /** The first submission's wire form (deep-frozen by `paymentToWire`, so it cannot change). */
  readonly wire: ReturnType<typeof paymentToWire>;
  /** Its fingerprint, computed only when the UETR comes again. */
  fingerprint: string | undefined;
  done: boolean;
}

/** The reason code of a UETR seen again with other content. @public */
export const DUPLICATE_UETR_CONFLICT = 'PIPELINE_DUPLICATE_UETR_CONFLICT';

/**
 * The compliance stage. Idempotent on the UETR: the same payment again is acknowledged without a second
 * decision; the same UETR with other content is rejected with {@link DUPLICATE_UETR_CONFLICT} and never
 * reaches the ledger.
 * @param options - the checker and the REVIEW policy
 * @returns the stage
 * @public
 */
export function createComplianceStage(options: ComplianceStageOptions): PipelineStage & {
  /** Decisions taken so far, by UETR (for reports). */
  decisions(): ReadonlyMap<string, ComplianceDecision>;
} {
  const checker = requireOption(options.checker, 'createComplianceStage', 'checker', 'a ComplianceChecker');
  const review = options.review ?? 'hold';
  const seen = new Map<string, Seen>();
  const decisions = new Map<string, ComplianceDecision>();
  const checking = new Map<string, Promise<ComplianceDecision>>();
  const counts = { ALLOW: 0, REVIEW: 0, REJECT: 0, duplicates: 0, conflicts: 0 };
  let lastAtMs = Number.NaN;
  let lastAt = '';

  async function handle(event: Envelope, context: StageEventContext): Promise<void> {
    const payment = paymentFromWire(event.data);
    const wire = paymentToWire(payment);
    const previous = seen.get(payment.uetr);
    // The fingerprints are compared only for a UETR seen before (rare): the same frozen wire object
    // is the same content, and a first submission needs no fingerprint at all.
    if (
      previous !== undefined &&
      previous.wire !== wire &&
      seenFingerprint(previous) !== fingerprintOf(wire)
    ) {
      counts.conflicts += 1;
      context.metrics.counter('deltran.compliance.decisions', 1, {
        decision: 'REJECT',
        reason: 'duplicate-uetr',
      });
      await context.publish(
        'complianceReject',
        {
          uetr: payment.uetr,
          endToEndId: payment.endToEndId,
          decision: 'REJECT',
          reasons: [
            {
              code: DUPLICATE_UETR_CONFLICT,
              decision: 'REJECT',
              message: `UETR ${payment.uetr} was already submitted with other content; this payment is refused and the first one stands`,
              path: ['uetr'],
            },
          ],
          at: new Date(context.now()).toISOString(),
          amount: { currency: payment.amount.currency, amount: formatMoney(payment.amount) },
        },
        { id: derivedId(context.topics.complianceReject, `conflict:${event.id}`), subject: payment.uetr },
      );
      return;
    }
    if (previous?.done === true) {
      counts.duplicates += 1;
      return;
    }
    const record = previous ?? { wire, fingerprint: undefined, done: false };
    seen.set(payment.uetr, record);
    // One check per UETR, even when two copies are handled at the same moment (a host checker may
    // have side effects): the second copy waits for the first one's decision.
    let pending = checking.get(payment.uetr);
    if (pending === undefined && !decisions.has(payment.uetr)) {
      pending = Promise.resolve(checker.check(payment, { atMs: context.now() }));
      checking.set(payment.uetr, pending);
      try {
        const decided = await pending;
        decisions.set(payment.uetr, decided);
        counts[decided.decision] += 1;
        context.metrics.counter('deltran.compliance.decisions', 1, { decision: decided.decision });
      } finally {
        checking.delete(payment.uetr);
      }
    }
    const decision = decisions.get(payment.uetr) ?? (await (pending as Promise<ComplianceDecision>));
    const reasons: ReasonJson[] = decision.reasons.map((r) => ({
      code: r.code,
      decision: r.decision,
      message: r.message,
      path: r.path,
    }));
    // Consecutive decisions mostly share their time: format it once per distinct instant.
    if (decision.atMs !== lastAtMs) {
      lastAt = new Date(decision.atMs).toISOString();
      lastAtMs = decision.atMs;
    }
    const at = lastAt;
    if (decision.decision === 'ALLOW' || (decision.decision === 'REVIEW' && review === 'allow')) {
      await context.publish(
        'obligationCreate',
        { payment: wire, decision: 'ALLOW', reasons, screenedAt: at },
        { id: derivedId(context.topics.obligationCreate, payment.uetr), subject: payment.uetr },
      );
    } else {
      await context.publish(
        'complianceReject',
        {
          uetr: payment.uetr,
          endToEndId: payment.endToEndId,
          decision: decision.decision === 'REVIEW' ? 'REVIEW' : 'REJECT',
          reasons,
          at,
          ...(payment.debtorAgent?.bic === undefined ? {} : { debtorAgent: payment.debtorAgent.bic }),
          ...(payment.creditorAgent?.bic === undefined ? {} : { creditorAgent: payment.creditorAgent.bic }),
          amount: { currency: payment.amount.currency, amount: formatMoney(payment.amount) },
        },
        { id: derivedId(context.topics.complianceReject, payment.uetr), subject: payment.uetr },
      );
    }
    record.done = true;
  }

  return {
    name: 'compliance',
    consumes: ['complianceCheck'],
    ...(options.subscription === undefined ? {} : { subscription: options.subscription }),
    handle,
    decisions: () => decisions,
    health: (): StageHealthDetail => ({ status: 'up', detail: { ...counts } }),
  };
}

/** The first submission's fingerprint, computed once. */
function seenFingerprint(record: Seen): string {
  if (record.fingerprint === undefined) record.fingerprint = fingerprintOf(record.wire);
  return record.fingerprint;
}

/**
 * What makes two submissions the same payment: everything but the message they came in (a resubmitted
 * pacs.008 has a new `MsgId` and creation time; its transaction is the same).
 */
function fingerprintOf(wire: ReturnType<typeof paymentToWire>): string {
  const { messageId: _m, creationDateTime: _c, source: _s, paymentInformationId: _p, ...transaction } = wire;
  return JSON.stringify(transaction);
}
