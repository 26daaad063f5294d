/**
 * The idempotent obligation engine: one obligation per UETR, however often the payment arrives.
 * @packageDocumentation
 */
import { type CanonicalPayment, canonicalPaymentToJson } from '../index';
import { stableStringify } from './_internal/stable-stringify';
import { createObligation } from './create-obligation';
import { ObligationConflictError, ObligationsErrorCodes } from './errors';
import type { ObligationEngine, ObligationEngineOptions, ObligationRecord, ObligationStore } from './types';

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

/** Canonical JSON of a payment (sorted keys, decimal-string amounts): equal for equal payments. */
function fingerprint(payment: CanonicalPayment): string {
  return stableStringify(canonicalPaymentToJson(payment));
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
  return {
    async process(payment, processOptions = {}) {
      const print = fingerprint(payment);
      const check = (existing: ObligationRecord) => {
        if (existing.paymentFingerprint !== print) {
          throw new ObligationConflictError(
            ObligationsErrorCodes.UETR_CONFLICT,
            `[deltran] ObligationEngine.process: UETR ${payment.uetr} was already processed with different content`,
            { path: ['uetr'] },
          );
        }
        return { obligation: existing.obligation, route: existing.route, duplicate: true };
      };
      const existing = await store.get(payment.uetr);
      if (existing !== undefined) return check(existing);
      const routed = createObligation(payment, {
        ...processOptions,
        ...(options.currencyAreas === undefined ? {} : { currencyAreas: options.currencyAreas }),
      });
      const record: ObligationRecord = { ...routed, paymentFingerprint: print };
      // Another worker may have stored the UETR between get and put: putIfAbsent decides.
      const raced = await store.putIfAbsent(record);
      if (raced !== undefined) return check(raced);
      return { ...routed, duplicate: false };
    },
  };
}
