import { money } from 'deltran';
import {
  createSettlementEngine,
  type FundingEvent,
  fundingEventFromJson,
  fundingEventToJson,
  SettlementErrorCodes,
  SettlementFormatError,
  settlementResultFromJson,
  settlementResultToJson,
} from 'deltran/settlement';
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
