/**
 * The obligation engine's payment fingerprint (`_internal/payment-fingerprint.ts`) against its reference,
 * `stableStringify(canonicalPaymentToJson(payment))`: stored fingerprints must stay byte-identical, so a
 * replay stored before this writer is still recognised.
 */
import {
  type CanonicalPayment,
  CanonicalPaymentJsonSchema,
  canonicalPaymentToJson,
  parseCanonicalPayment,
} from 'deltran';
import { createObligationEngine, type ObligationRecord } from 'deltran/obligations';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentFingerprintOf } from '../../../src/obligations/_internal/payment-fingerprint';
import { stableStringify } from '../../../src/obligations/_internal/stable-stringify';
import { canonicalPaymentJson } from '../../arbitraries/payment';
import { richPaymentJson, validPaymentJson } from '../core/payment-samples';

interface ZodNode {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly shape?: Record<string, ZodNode>;
      readonly innerType?: ZodNode;
      readonly element?: ZodNode;
      readonly in?: ZodNode;
    };
  };
}

/** Checks that each object of `value` has exactly the keys of its schema object, at every depth. */
function expectSchemaKeys(schema: ZodNode, value: unknown, path: string): void {
  const def = schema._zod.def;
  if (def.type === 'optional') expectSchemaKeys(def.innerType!, value, path);
  else if (def.type === 'pipe') expectSchemaKeys(def.in!, value, path);
  else if (def.type === 'array') {
    expect(Array.isArray(value) && value.length > 0, `${path} must hold an item`).toBe(true);
    for (const item of value as unknown[]) expectSchemaKeys(def.element!, item, `${path}[]`);
  } else if (def.type === 'object') {
    const record = value as Record<string, unknown>;
    expect(Object.keys(record).sort(), path).toEqual(Object.keys(def.shape!).sort());
    for (const key of Object.keys(def.shape!))
      expectSchemaKeys(def.shape![key]!, record[key], `${path}.${key}`);
  }
}

describe('payment fingerprint', () => {
  it('should write exactly stableStringify(canonicalPaymentToJson(payment))', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Arrange
        const encoded = canonicalPaymentToJson(parseCanonicalPayment(json));
        // Act / Assert
        expect(paymentFingerprintOf(encoded)).toBe(stableStringify(encoded));
      }),
      { numRuns: 300 },
    );
  });

  it('should know every key of the schema (a payment with every field, checked against the schema)', () => {
    fc.assert(
      fc.property(richPaymentJson(true), (json) => {
        // Arrange
        const encoded = canonicalPaymentToJson(parseCanonicalPayment(json));
        // Assert: the sample carries every schema key at every depth, and the writer writes them all
        expectSchemaKeys(CanonicalPaymentJsonSchema as unknown as ZodNode, encoded, 'payment');
        expect(paymentFingerprintOf(encoded)).toBe(stableStringify(encoded));
      }),
      { numRuns: 20 },
    );
  });

  it('should store the same fingerprint the engine stored before', async () => {
    // Arrange
    const records: ObligationRecord[] = [];
    const engine = createObligationEngine({
      store: {
        get: () => undefined,
        putIfAbsent: (record) => {
          records.push(record);
          return undefined;
        },
      },
    });
    const payments: CanonicalPayment[] = fc
      .sample(fc.oneof(canonicalPaymentJson(), richPaymentJson(true)), { numRuns: 50, seed: 3 })
      .map((json) => parseCanonicalPayment(json));
    // Act
    for (const payment of payments) await engine.process(payment, { valueDate: '2026-12-01' });
    // Assert
    expect(records.map((r) => r.paymentFingerprint)).toEqual(
      payments.map((p) => stableStringify(canonicalPaymentToJson(p))),
    );
  });
});
