/**
 * The idempotent obligation engine: one obligation per UETR, however often the payment arrives.
 * @packageDocumentation
 */
import { type CanonicalPayment, canonicalPaymentToJson } from '../index';
import { paymentFingerprintOf } from './_internal/payment-fingerprint';
import { routeObligation } from './_internal/route-obligation';
import { ObligationConflictError, ObligationsErrorCodes } from './errors';
import type {
  CreateObligationOptions,
  ObligationEngine,
  ObligationEngineOptions,
  ObligationOutcome,
  ObligationRecord,
  ObligationStore,
  RoutedObligation,
} from './types';

/**
 * An in-memory {@link ObligationStore} (one per engine or host; nothing is global).
 * @returns an empty store
 * @public
 */
export function createMemoryObligationStore(): ObligationStore {
  const records = new Map<string, ObligationRecord>();
  return {
    get: (uetr) => records.get(uetr),
    putIfAbsent(record) {
      const existing = records.get(record.obligation.uetr);
      if (existing !== undefined) return existing;
      records.set(record.obligation.uetr, record);
      return undefined;
    },
  };
}

/**
 * Canonical JSON of a payment (sorted keys, decimal-string amounts): equal for equal payments. The same
 * string as `stableStringify(canonicalPaymentToJson(payment))`, written without sorting keys at run time
 * (stored fingerprints stay comparable).
 */
function fingerprint(payment: CanonicalPayment): string {
  return paymentFingerprintOf(canonicalPaymentToJson(payment));
}

/** The outcome of a UETR already stored: a replay when the content is the same, else a conflict. */
function replayOf(existing: ObligationRecord, payment: CanonicalPayment, print: string): ObligationOutcome {
  if (existing.paymentFingerprint !== print) {
    throw new ObligationConflictError(
      ObligationsErrorCodes.UETR_CONFLICT,
      `[deltran] ObligationEngine.process: UETR ${payment.uetr} was already processed with different content`,
      { path: ['uetr'] },
    );
  }
  return { obligation: existing.obligation, route: existing.route, duplicate: true };
}

/**
 * Builds the engine. `process` is idempotent on the UETR: the same payment again returns the
 * stored obligation with `duplicate: true`; the same UETR with any other content (amount, agents,
 * dates, parties …) is a conflict.
 *
 * @param options - the store (default in-memory) and the currency areas
 * @returns the engine
 * @example
 * ```ts
 * const engine = createObligationEngine({ store });
 * const first = await engine.process(payment, { decision }); // duplicate: false
 * const again = await engine.process(payment, { decision }); // duplicate: true, same obligation
 * ```
 * @public
 */
export function createObligationEngine(options: ObligationEngineOptions = {}): ObligationEngine {
  const store = options.store ?? createMemoryObligationStore();
  const engineAreas = options.currencyAreas;
  // The last fallback value date found to be YYYY-MM-DD: a host passes the same day again and again.
  let checkedValueDate: string | undefined;

  const route = (payment: CanonicalPayment, processOptions: ProcessOptions): RoutedObligation => {
    const valueDate = processOptions.valueDate;
    const routed = routeObligation(
      payment,
      processOptions.decision,
      valueDate,
      // The engine's areas when it has some, else whatever the call passed (as the options spread did).
      engineAreas ?? (processOptions as CreateObligationOptions).currencyAreas,
      checkedValueDate,
    );
    // routeObligation throws for a value date that is not YYYY-MM-DD: this one passed.
    if (valueDate !== undefined) checkedValueDate = valueDate;
    return routed;
  };

  return {
    async process(payment, processOptions = {}) {
      const print = fingerprint(payment);
      const existing = await store.get(payment.uetr);
      if (existing !== undefined) return replayOf(existing, payment, print);
      const routed = route(payment, processOptions);
      const record: ObligationRecord = {
        obligation: routed.obligation,
        route: routed.route,
        paymentFingerprint: print,
      };
      // Another worker may have stored the UETR between get and put: putIfAbsent decides.
      const raced = await store.putIfAbsent(record);
      if (raced !== undefined) return replayOf(raced, payment, print);
      return { obligation: routed.obligation, route: routed.route, duplicate: false };
    },
  };
}

type ProcessOptions = Omit<CreateObligationOptions, 'currencyAreas'>;
