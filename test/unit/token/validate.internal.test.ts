/**
 * Differential test of batch validation (src/token/_internal/validate.ts) against its reference copy
 * from before the fast paths (test/unit/token/_reference/validate-v0.ts): for seeded random batches of
 * valid and nearly valid commands (every field of a bank entry, mint and redeem right or wrong in
 * every way the checks look at), the issues (paths, messages), the fingerprints and the parsed
 * settlement instructions must be identical.
 */
import { type CurrencyCode, fromMinor } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareBatch } from '../../../src/token/_internal/validate';
import type { LedgerCommand } from '../../../src/token/types';
import { prepareBatch as referencePrepareBatch } from './_reference/validate-v0';

/** A field: right, or wrong in one of the ways given. */
const field = <T>(right: fc.Arbitrary<T>, ...wrong: unknown[]) =>
  fc.oneof(
    { weight: 6, arbitrary: right as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.constantFrom(...wrong) },
  );

const currency = fc.constantFrom<CurrencyCode>('USD', 'JPY', 'EUR');
const amount = fc
  .tuple(fc.bigInt({ min: -2n, max: 2n ** 60n }), currency)
  .map(([minor, c]) => fromMinor(minor, c));
const uetr = fc.constantFrom(
  'a0000000-0000-4000-8000-000000000001',
  'b1234567-89ab-4cde-9f01-23456789abcd',
  'A0000000-0000-4000-8000-000000000001',
  'a0000000-0000-5000-8000-000000000001',
  'a0000000-0000-4000-c000-000000000001',
  'a0000000-0000-4000-8000-00000000001',
);
const text = fc.oneof(fc.constantFrom('A', 'BANKUS33', 'Q"\\', 'E2E-1'), fc.string({ maxLength: 6 }));

const entry = fc.record(
  {
    accountId: field(text, '', 3, null),
    servicerReference: field(text, '', 7),
    entryReference: field(text, '', undefined),
    creditDebit: field(fc.constantFrom('CRDT', 'DBIT'), 'CREDIT', undefined),
    status: field(fc.constantFrom('BOOK', 'BOOK', 'PDNG', 'INFO'), 'FUTR', undefined),
    amount: field(amount, { minor: 5, currency: 'USD' }, { minor: 5n, currency: 'XXX' }, null, '5'),
    bookingDate: field(fc.constantFrom('2026-12-01', '2026-12-01T10:00:00Z'), '1/12/2026', 20261201),
    valueDate: field(fc.constantFrom('2026-12-01'), 5),
    uetr: field(uetr, 7, ''),
    endToEndId: field(text, '', 9),
  },
  { requiredKeys: ['servicerReference', 'creditDebit', 'amount'] },
);

const command = fc.oneof(
  fc.record({
    kind: fc.constant('recordBankEntries'),
    id: field(text, ''),
    entries: field(fc.array(entry, { maxLength: 4 }), 'x'),
  }),
  fc.record(
    {
      kind: fc.constantFrom('mint', 'redeem'),
      id: field(text, ''),
      participant: field(text, '', 4),
      amount: field(amount, null, { minor: 1, currency: 'USD' }),
      uetr: field(uetr, 3),
      endToEndId: field(text, '', 3),
      beneficiary: field(text, '', 3),
    },
    { requiredKeys: ['kind', 'id', 'amount'] },
  ),
  fc.record({
    kind: fc.constant('transfer'),
    id: text,
    from: field(text, ''),
    to: field(text, ''),
    amount: field(amount, null),
  }),
  fc.record({
    kind: fc.constant('reconcile'),
    id: text,
    statement: fc.record(
      {
        kind: field(fc.constantFrom('camt.053', 'camt.052'), 'camt.054'),
        accountId: field(text, ''),
        currency: field(currency, 'XXX'),
        entries: field(fc.array(entry, { maxLength: 3 }), null),
        openingBooked: fc.record({ amount, date: fc.constantFrom('2026-12-01', 'x') }),
        closingBooked: fc.record({ amount, date: fc.constantFrom('2026-12-01') }),
      },
      { requiredKeys: ['kind', 'accountId', 'currency', 'entries'] },
    ),
  }),
);

describe('batch validation', () => {
  it('should give the issues, fingerprints and instructions of the reference validation (seeded)', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 5 }), (commands) => {
        const batch = commands as unknown as LedgerCommand[];
        const got = prepareBatch(batch);
        const want = referencePrepareBatch(batch);
        expect(got.issues).toEqual(want.issues);
        expect([...got.prepared.fingerprints]).toEqual([...want.prepared.fingerprints]);
        expect([...got.prepared.instructions]).toEqual([...want.prepared.instructions]);
        if (got.issues.length === 0) valid++;
      }),
      { seed: 1306, numRuns: 3000 },
    );
    expect(valid).toBeGreaterThan(100);
  });
});
