import { money } from 'deltran';
import {
  createSettlementEngine,
  type FundingEvent,
  FundingEventJsonSchema,
  fundingEventFromJson,
  fundingEventToJson,
  SettlementErrorCodes,
  SettlementFormatError,
  SettlementResultJsonSchema,
  settlementResultFromJson,
  settlementResultToJson,
} from 'deltran/settlement';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camt054, clock, netInstruction, pacs002, recordingRail } from './_fixtures';

async function aResult() {
  const engine = createSettlementEngine({ rails: [recordingRail()], now: clock().now, timeoutMs: 1000 });
  const record = await engine.execute(netInstruction('AAAADEFFXXX', '-1234567.89', 'USD'));
  const outcome = engine.receive(
    pacs002({
      status: 'RJCT',
      uetr: record.uetr,
      reasons: [{ code: 'AM04', additionalInformation: ['no funds'] }],
    }),
  );
  return outcome.results[0]!;
}

describe('settlement JSON', () => {
  it('should write a result with its amount as a decimal string and read it back exactly', async () => {
    // Arrange
    const result = await aResult();

    // Act
    const json = settlementResultToJson(result);
    const text = JSON.stringify(json);
    const back = settlementResultFromJson(JSON.parse(text));

    // Assert
    expect(json.amount).toEqual({ currency: 'USD', amount: '1234567.89' });
    expect(text).not.toMatch(/"amount":\d/);
    expect(back).toEqual(result);
    expect(back.amount).toEqual(money('1234567.89', 'USD'));
  });

  it('should write funding events with decimal strings and read them back exactly', async () => {
    // Arrange
    const engine = createSettlementEngine({ rails: [recordingRail()], now: clock().now, timeoutMs: 1000 });
    const outcome = engine.receive(camt054({ amount: money('1000', 'JPY'), creditDebit: 'CRDT' }));
    const event: FundingEvent = outcome.funding[0]!;

    // Act
    const json = fundingEventToJson(event);
    const back = fundingEventFromJson(JSON.parse(JSON.stringify(json)));

    // Assert
    expect(json.entries[0]!.amount).toEqual({ currency: 'JPY', amount: '1000' });
    expect(back).toEqual(event);
    expect(outcome.unmatched.map((u) => u.reason)).toEqual(['NO_REFERENCE']);
  });

  it('should list every problem of invalid JSON', async () => {
    // Arrange
    const json = { ...settlementResultToJson(await aResult()), amount: 12.5, status: 'DONE' };

    // Act
    let error: SettlementFormatError | undefined;
    try {
      settlementResultFromJson(json);
    } catch (caught) {
      error = caught as SettlementFormatError;
    }

    // Assert
    expect(error).toBeInstanceOf(SettlementFormatError);
    expect(error!.code).toBe(SettlementErrorCodes.INVALID_JSON);
    expect(error!.issues.map((i) => i.path[0]).sort()).toEqual(['amount', 'status']);
    expect(() =>
      fundingEventFromJson({ messageId: 'M', entries: [{ amount: { currency: 'EUR', amount: '1.234' } }] }),
    ).toThrow(SettlementFormatError);
  });

  it('should refuse an amount with more digits than its currency has', () => {
    // Arrange
    const entry = {
      accountId: 'A',
      servicerReference: 'S',
      entryReference: 'E',
      creditDebit: 'CRDT',
      status: 'BOOK',
      amount: { currency: 'EUR', amount: '1.234' },
    };

    // Act / Assert
    expect(() => fundingEventFromJson({ messageId: 'M', entries: [entry] })).toThrow(
      expect.objectContaining({ code: SettlementErrorCodes.INVALID_JSON, path: ['entries', 0, 'amount'] }),
    );
  });
});

/** The JSON readers with zod alone: what they returned before their fast paths, the reference. */
function viaZod<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, value: unknown) {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true as const, data: parsed.data as T } : { ok: false as const };
}

/** Keys in order, deeply, and values, with bigints tagged: equal means the same object down to key order. */
function shape(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    typeof v === 'bigint' ? `${v}n` : v === undefined ? '<undef>' : v,
  );
}

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 3 }),
  fc.constantFrom(
    '',
    'x'.repeat(257),
    'EUR',
    'XXX',
    'JPY',
    '12.50',
    '1.234',
    '2026-04-13T12:00:00Z',
    '2026-04-13',
  ),
  fc.constantFrom('SETTLED', 'nope', 'retry', 'CRDT', 'PDNG', 2 ** 60, 1.5, -1, Number.NaN),
  fc.constant({ currency: 'EUR', amount: '1.00' }),
  fc.constant({ currency: 'EUR', amount: '1.00', extra: 1 }),
  fc.constant({ currency: 'EUR', amount: 1 }),
  fc.constant({ code: 'AM04', text: 'y'.repeat(1001) }),
  fc.constant({ code: 'AM04', text: undefined }),
  fc.constant({ kind: 'payment', uetr: 'u', extra: 1 }),
  fc.constant({ kind: 'netPosition', participant: 'P', currency: 'EUR', windowId: undefined }),
  fc.constant({ kind: 'netPosition', participant: 'P', currency: 'EUR', windowId: '' }),
  fc.constant([
    {
      accountId: 'A',
      servicerReference: '',
      entryReference: '',
      creditDebit: 'CRDT',
      status: 'BOOK',
      amount: { currency: 'EUR', amount: '1' },
    },
  ]),
  fc.constant([1]),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
);

/** Mutations of a valid object: a key dropped, set to undefined or to something else, or a key added. */
function mutated(base: Record<string, unknown>, keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(base),
    fc.constantFrom(...keys).map((k) => {
      const { [k]: _drop, ...rest } = base;
      return rest;
    }),
    fc.record({ k: fc.constantFrom(...keys, 'extra'), v: anyValue }).map(({ k, v }) => ({ ...base, [k]: v })),
  );
}

describe('settlement JSON fast paths', () => {
  const results = fc
    .record(
      {
        instructionId: fc.constantFrom('net:w-1:AAAADEFFXXX:EUR', 'x'),
        uetr: fc.constant('eb6305c9-1f7f-49de-aed0-16487c27b42d'),
        endToEndId: fc.constantFrom('E2E', 'NOTPROVIDED', 'e'.repeat(256)),
        messageId: fc.constant('DT0123456789ABCDEF-1'),
        rail: fc.constantFrom('simulated-bank', 'api'),
        status: fc.constantFrom('SETTLED', 'REJECTED', 'TIMED_OUT'),
        reason: fc.oneof(
          fc.record({ code: fc.constantFrom('AM04', 'TIMEOUT') }),
          fc.record({
            code: fc.constant('AC04'),
            text: fc.constantFrom('', 'Account closed', 'y'.repeat(1000)),
          }),
        ),
        from: fc.constant('AAAADEFFXXX'),
        to: fc.constant('CCPXGB2LXXX'),
        amount: fc.record({
          currency: fc.constantFrom('EUR', 'JPY', 'USD'),
          amount: fc.constantFrom('1234.56', '1000', '0.5', '-3.00', '1.234'),
        }),
        currency: fc.constantFrom('EUR', 'JPY'),
        attempts: fc.integer({ min: 0, max: 5 }),
        submittedAt: fc.constantFrom('2026-04-13T12:00:00Z', '2026-04-13T12:00:00.123+02:00'),
        completedAt: fc.constant('2026-04-13T12:05:00.000Z'),
        source: fc.oneof(
          fc.record(
            {
              kind: fc.constant('netPosition'),
              participant: fc.constant('AAAADEFFXXX'),
              currency: fc.constantFrom('EUR', 'CHF'),
              windowId: fc.constantFrom('w-1', 'w-2'),
            },
            { requiredKeys: ['kind', 'participant', 'currency'] },
          ),
          fc.record({
            kind: fc.constant('payment'),
            uetr: fc.constantFrom('u', 'eb6305c9-1f7f-49de-aed0-16487c27b42d'),
          }),
        ),
        cause: fc.constantFrom('pacs.002', 'camt.054', 'timeout'),
        confirmationId: fc.constantFrom('CONF-1', 'c'),
      },
      { requiredKeys: ['instructionId', 'uetr', 'endToEndId', 'messageId', 'rail', 'status', 'from', 'to'] },
    )
    .chain((base) => mutated(base, Object.keys(base)));

  it('should read a settlement result exactly as the schema alone does, or fail as it does', () => {
    fc.assert(
      fc.property(results, (json) => {
        const reference = viaZod(SettlementResultJsonSchema, json);
        let fast: unknown;
        let threw: unknown;
        try {
          fast = settlementResultFromJson(json);
        } catch (error) {
          threw = error;
        }
        if (!reference.ok) {
          expect(threw).toBeInstanceOf(SettlementFormatError);
          return;
        }
        let expected: unknown;
        try {
          const { amount, ...rest } = reference.data;
          expected = { ...rest, amount: money(amount.amount, amount.currency as 'EUR') };
        } catch {
          expect(threw).toBeInstanceOf(SettlementFormatError);
          return;
        }
        expect(threw).toBeUndefined();
        expect(shape(fast)).toBe(shape(expected));
        expect(fast).toEqual(expected);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  const entries = fc
    .record(
      {
        accountId: fc.constantFrom('DE89370400440532013000', 'RESERVE-EUR'),
        servicerReference: fc.constantFrom('', 'SIME123', 'z'.repeat(256)),
        entryReference: fc.constantFrom('', 'DT1-1'),
        creditDebit: fc.constantFrom('CRDT', 'DBIT'),
        status: fc.constantFrom('BOOK', 'PDNG', 'INFO'),
        amount: fc.record({
          currency: fc.constantFrom('EUR', 'JPY'),
          amount: fc.constantFrom('1000', '1.5', '1.234'),
        }),
        bookingDate: fc.constantFrom('2026-04-13', 'b'),
        valueDate: fc.constant('2026-04-13'),
        uetr: fc.constantFrom('eb6305c9-1f7f-49de-aed0-16487c27b42d', 'u'),
        endToEndId: fc.constant('E2E'),
      },
      {
        requiredKeys: ['accountId', 'servicerReference', 'entryReference', 'creditDebit', 'status', 'amount'],
      },
    )
    .chain((base) => mutated(base, Object.keys(base)));
  const events = fc
    .record({ messageId: fc.constantFrom('C054-1', 'm'), entries: fc.array(entries, { maxLength: 4 }) })
    .chain((base) => mutated(base, ['messageId', 'entries']));

  it('should read a funding event exactly as the schema alone does, or fail as it does', () => {
    fc.assert(
      fc.property(events, (json) => {
        const reference = viaZod(FundingEventJsonSchema, json);
        let fast: unknown;
        let threw: unknown;
        try {
          fast = fundingEventFromJson(json);
        } catch (error) {
          threw = error;
        }
        if (!reference.ok) {
          expect(threw).toBeInstanceOf(SettlementFormatError);
          return;
        }
        let expected: unknown;
        try {
          expected = {
            messageId: reference.data.messageId,
            entries: reference.data.entries.map((e) => ({
              ...e,
              amount: money(e.amount.amount, e.amount.currency as 'EUR'),
            })),
          };
        } catch {
          expect(threw).toBeInstanceOf(SettlementFormatError);
          return;
        }
        expect(threw).toBeUndefined();
        expect(shape(fast)).toBe(shape(expected));
        expect(fast).toEqual(expected);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
