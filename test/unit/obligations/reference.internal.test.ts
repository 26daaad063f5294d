/**
 * The obligation engine after stop 13 (fingerprint writer, createObligation, classifyCrossBorder, the
 * engine's value date check) against the code before it, kept in _reference/: the same fingerprints,
 * obligations, routes, duplicates, conflicts and errors, on the demo day's 20,000 payments and on seeded
 * generated inputs, valid, unusual and invalid.
 */
import { type CanonicalPayment, canonicalPaymentToJson, parseCanonicalPayment } from 'deltran';
import type { ComplianceDecision } from 'deltran/compliance';
import {
  type CurrencyArea,
  classifyCrossBorder,
  createObligation,
  createObligationEngine,
  DEFAULT_CURRENCY_AREAS,
  type ObligationEngine,
  type ObligationRecord,
  type ObligationStore,
} from 'deltran/obligations';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDemoWorld } from '../../../src/cli/_internal/demo-world';
import { paymentFingerprintOf, quote } from '../../../src/obligations/_internal/payment-fingerprint';
import { stableStringify } from '../../../src/obligations/_internal/stable-stringify';
import { mutate, mutation, pathsOf, richPaymentJson, validPaymentJson } from '../core/payment-samples';
import * as reference from './_reference/engine';
import { paymentFingerprintOf as referenceFingerprintOf } from './_reference/payment-fingerprint';

/** What a call gave: its value, or its error (class, code, message, path). */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return thrown(error);
  }
}

async function outcomeAsync(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (error) {
    return thrown(error);
  }
}

function thrown(error: unknown): unknown {
  const e = error as { name?: string; code?: string; message?: string; path?: unknown };
  return {
    error: { class: error?.constructor?.name, name: e.name, code: e.code, message: e.message, path: e.path },
  };
}

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const nastyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: anyCodeUnit, minLength: 1, maxLength }),
    fc.string({
      unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '😀', 'a'),
      minLength: 1,
      maxLength,
    }),
  );

/** A generated payment with its free text replaced by strings that need every kind of escape. */
const nastyPaymentJson = fc
  .tuple(validPaymentJson, nastyText(35), nastyText(35), nastyText(70), nastyText(35), nastyText(140))
  .map(([json, e2e, msg, street, other, text]) => {
    const j = json as unknown as Record<string, Record<string, unknown>>;
    const debtor = { ...j.debtor, name: text, postalAddress: { streetName: street, townName: other } };
    const creditor = { ...j.creditor, account: { otherId: other } };
    return { ...j, endToEndId: e2e, messageId: msg, debtor, creditor } as unknown;
  });

const world = createDemoWorld({ seed: 20261201, payments: 20_000, startMs: Date.UTC(2026, 11, 1) });

function recordingStore(records: ObligationRecord[]): ObligationStore {
  const byUetr = new Map<string, ObligationRecord>();
  return {
    get: (uetr) => byUetr.get(uetr),
    putIfAbsent(record) {
      records.push(record);
      const existing = byUetr.get(record.obligation.uetr);
      if (existing !== undefined) return existing;
      byUetr.set(record.obligation.uetr, record);
      return undefined;
    },
  };
}

describe('payment fingerprint writer against the writer before stop 13', () => {
  it('should quote every string exactly as JSON.stringify does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: anyCodeUnit }), fc.string({ unit: 'binary' }), fc.string()),
        (text) => {
          expect(quote(text)).toBe(JSON.stringify(text));
        },
      ),
      { seed: 1301, numRuns: 3000 },
    );
  });

  it('should write the same fingerprint for generated payments, texts with escapes included', () => {
    fc.assert(
      fc.property(fc.oneof(validPaymentJson, richPaymentJson(true), nastyPaymentJson), (json) => {
        const encoded = canonicalPaymentToJson(parseCanonicalPayment(json));
        const written = paymentFingerprintOf(encoded);
        expect(written).toBe(referenceFingerprintOf(encoded));
        expect(written).toBe(stableStringify(encoded));
      }),
      { seed: 1302, numRuns: 600 },
    );
  });

  it('should write the same fingerprint for unusual payments the schema still accepts (zod path)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        validPaymentJson.chain((json) =>
          fc.tuple(fc.constant(json), fc.constantFrom(...pathsOf(json)), mutation),
        ),
        ([json, path, change]) => {
          const input = mutate(parseCanonicalPayment(json), path, change) as CanonicalPayment;
          let encoded: ReturnType<typeof canonicalPaymentToJson>;
          try {
            encoded = canonicalPaymentToJson(input);
          } catch {
            return;
          }
          accepted++;
          expect(paymentFingerprintOf(encoded)).toBe(referenceFingerprintOf(encoded));
        },
      ),
      { seed: 1303, numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('should write the same fingerprint for every payment of the demo day', () => {
    for (const p of world.payments) {
      const encoded = canonicalPaymentToJson(p);
      expect(paymentFingerprintOf(encoded)).toBe(referenceFingerprintOf(encoded));
    }
  });
});

describe('obligation engine against the engine before stop 13', () => {
  it('should give the same outcomes, records, replays and conflicts over the demo day', async () => {
    // Arrange: both engines record what they store
    const newRecords: ObligationRecord[] = [];
    const oldRecords: ObligationRecord[] = [];
    const engines: [ObligationEngine, ObligationEngine][] = [
      [
        createObligationEngine({ store: recordingStore(newRecords) }),
        reference.createObligationEngine({ store: recordingStore(oldRecords) }),
      ],
      [createObligationEngine(), reference.createObligationEngine()],
      [
        createObligationEngine({ currencyAreas: [] }),
        reference.createObligationEngine({ currencyAreas: [] }),
      ],
    ];
    const changed = (p: CanonicalPayment, i: number): CanonicalPayment =>
      i % 3 === 0
        ? { ...p, amount: { ...p.amount, minor: p.amount.minor + 1n } }
        : i % 3 === 1
          ? { ...p, debtor: { ...p.debtor, name: `${p.debtor.name ?? ''}.` } }
          : { ...p };
    for (const [fresh, old] of engines) {
      // Act / Assert: first submissions, then every 7th again (the same content), then changed content
      for (const p of world.payments) {
        expect(await fresh.process(p, { valueDate: '2026-12-01' })).toEqual(
          await old.process(p, { valueDate: '2026-12-01' }),
        );
      }
      for (let i = 0; i < world.payments.length; i += 7) {
        const p = world.payments[i]!;
        const a = await outcomeAsync(() => fresh.process(p));
        expect(a).toEqual(await outcomeAsync(() => old.process(p)));
        expect((a as { value: { duplicate: boolean } }).value.duplicate).toBe(true);
        const q = changed(p, i);
        expect(await outcomeAsync(() => fresh.process(q))).toEqual(await outcomeAsync(() => old.process(q)));
      }
    }
    expect(newRecords.map((r) => r.paymentFingerprint)).toEqual(oldRecords.map((r) => r.paymentFingerprint));
    expect(newRecords).toEqual(oldRecords);
  });

  it('should throw or answer the same over sequences of value dates, decisions and stores', async () => {
    const allow = (uetr: string, decision: ComplianceDecision['decision'] = 'ALLOW'): ComplianceDecision => ({
      uetr,
      decision,
      reasons: [],
      screening: { decision, score: 0, subjects: [], reasons: [] },
      atMs: 0,
    });
    const step = fc.record({
      payment: fc.nat({ max: 40 }),
      dated: fc.boolean(),
      valueDate: fc.option(
        fc.constantFrom('2026-12-01', '2026-12-02', '2026-02-30', '2026-13-01', '20261201', ''),
        {
          nil: undefined,
        },
      ),
      decision: fc.constantFrom('none', 'ALLOW', 'REVIEW', 'other-uetr'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        async (steps, areas) => {
          const options = areas ? { currencyAreas: [] as CurrencyArea[] } : {};
          const fresh = createObligationEngine(options);
          const old = reference.createObligationEngine(options);
          for (const s of steps) {
            const base = world.payments[s.payment]!;
            // Without a settlement date, the fallback value date is used (and checked).
            const clean: CanonicalPayment = s.dated
              ? base
              : (Object.fromEntries(
                  Object.entries(base).filter(([k]) => k !== 'settlementDate'),
                ) as unknown as CanonicalPayment);
            const decision =
              s.decision === 'none'
                ? undefined
                : s.decision === 'other-uetr'
                  ? allow(world.payments[s.payment + 1]!.uetr)
                  : allow(clean.uetr, s.decision as ComplianceDecision['decision']);
            const processOptions = {
              ...(s.valueDate === undefined ? {} : { valueDate: s.valueDate }),
              ...(decision === undefined ? {} : { decision }),
            };
            expect(await outcomeAsync(() => fresh.process(clean, processOptions))).toEqual(
              await outcomeAsync(() => old.process(clean, processOptions)),
            );
          }
        },
      ),
      { seed: 1304, numRuns: 200 },
    );
  });

  it('should answer as before with an asynchronous store', async () => {
    const asyncStore = (): ObligationStore => {
      const byUetr = new Map<string, ObligationRecord>();
      return {
        get: async (uetr) => byUetr.get(uetr),
        putIfAbsent: async (record) => {
          const existing = byUetr.get(record.obligation.uetr);
          if (existing !== undefined) return existing;
          byUetr.set(record.obligation.uetr, record);
          return undefined;
        },
      };
    };
    const fresh = createObligationEngine({ store: asyncStore() });
    const old = reference.createObligationEngine({ store: asyncStore() });
    for (const p of [...world.payments.slice(0, 200), ...world.payments.slice(0, 50)]) {
      // Two at once for the same UETR: putIfAbsent decides the second one
      const a = await Promise.all([fresh.process(p, { valueDate: '2026-12-01' }), fresh.process(p)]);
      const b = await Promise.all([old.process(p, { valueDate: '2026-12-01' }), old.process(p)]);
      expect(a).toEqual(b);
    }
  });
});

describe('createObligation and classifyCrossBorder against the code before stop 13', () => {
  const agents = fc.record(
    {
      bic: fc.constantFrom('DEUTDEFF', 'BNPAFRPP', 'CHASUS33', 'BOFAPRSJ', 'ECOCCIAB', 'BADBIC', 'deutdeff'),
      country: fc.constantFrom('DE', 'FR', 'US', 'PR', 'CI', 'SN', 'Germany', ''),
    },
    { requiredKeys: [] },
  );
  const iban = fc.option(
    fc.constantFrom(
      'DE89370400440532013000',
      'FR1420041010050500013M02606',
      'DE89 3704 0044 0532 0130 00',
      'DE00BAD',
    ),
    {
      nil: undefined,
    },
  );
  const areas = fc.option(
    fc.oneof(
      fc.constant(DEFAULT_CURRENCY_AREAS),
      fc.constant([] as CurrencyArea[]),
      fc.constant([
        { name: 'first', currency: 'USD', countries: ['US', 'FR'] },
        { name: 'second', currency: 'USD', countries: ['US', 'FR', 'DE'] },
      ] as CurrencyArea[]),
    ),
    { nil: undefined },
  );

  it('should classify, route and fail the same way for any agents, accounts, dates and areas', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200 }),
        agents,
        agents,
        iban,
        iban,
        fc.constantFrom('EUR', 'USD', 'XOF'),
        areas,
        fc.option(fc.constantFrom('2026-12-01', '2026-1-1', 'x'), { nil: undefined }),
        fc.boolean(),
        (
          i,
          debtorAgent,
          creditorAgent,
          debtorIban,
          creditorIban,
          currency,
          currencyAreas,
          valueDate,
          dated,
        ) => {
          const base = world.payments[i]!;
          const p = {
            ...base,
            ...(dated ? {} : { settlementDate: undefined }),
            amount: { ...base.amount, currency },
            debtorAgent,
            creditorAgent,
            debtor: { ...base.debtor, account: debtorIban === undefined ? {} : { iban: debtorIban } },
            creditor: { ...base.creditor, account: creditorIban === undefined ? {} : { iban: creditorIban } },
          } as CanonicalPayment;
          expect(outcome(() => classifyCrossBorder(p, currencyAreas))).toEqual(
            outcome(() => reference.classifyCrossBorder(p, currencyAreas)),
          );
          const options = {
            ...(currencyAreas === undefined ? {} : { currencyAreas }),
            ...(valueDate === undefined ? {} : { valueDate }),
          };
          expect(outcome(() => createObligation(p, options))).toEqual(
            outcome(() => reference.createObligation(p, options)),
          );
        },
      ),
      { seed: 1305, numRuns: 1500 },
    );
  });
});
