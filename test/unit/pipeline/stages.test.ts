/**
 * Each built-in stage alone (issue 8): a fake StageEventContext records what it publishes, so these
 * tests pin the topics, event ids, subjects and payloads of every stage, its idempotency on the
 * business key, and which failures are retried and which are dead-lettered.
 */
import { type CanonicalPayment, formatMoney, type Money, money } from 'deltran';
import {
  type ClearingJournalRecord,
  createClearingStage,
  createComplianceStage,
  createMemoryClearingJournal,
  createObligationsStage,
  createRiskStage,
  createRoutingStage,
  createSettlementStage,
  createTokenStage,
  DEFAULT_TOPICS,
  DUPLICATE_UETR_CONFLICT,
  defaultClassifyError,
  FatalHandlerError,
  findPayout,
  moneyToWire,
  NO_FX_EXPOSURE,
  type ObligationJson,
  PipelineError,
  PipelineErrorCodes,
  payoutIdOf,
  type RiskVerdict,
  settleIdOf,
  windowApplied,
} from 'deltran/pipeline';
import { routeNetPositions, type SettlementInstruction } from 'deltran/routing';
import {
  createSettlementEngine,
  fundingEventToJson,
  type SettlementEngine,
  type SettlementResult,
  settlementResultToJson,
} from 'deltran/settlement';
import { createTokenLedger, type TokenLedger } from 'deltran/token';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CCP, camt054, pacs002, recordingRail, registry } from '../settlement/_fixtures';
import {
  crossBorderPayment,
  envelope,
  fakeContext,
  localPayment,
  NOW_MS,
  obligation,
  stubChecker,
  submitEvent,
  UETR_A,
  UETR_B,
  UETR_C,
  wire,
} from './_stage-fixtures';

const T = DEFAULT_TOPICS;

function complianceEvent(payment: CanonicalPayment, id?: string) {
  return envelope('complianceCheck', wire(payment), id, payment.uetr);
}

function obligationCreateEvent(payment: CanonicalPayment) {
  return envelope(
    'obligationCreate',
    { payment: wire(payment), decision: 'ALLOW', reasons: [], screenedAt: new Date(NOW_MS).toISOString() },
    `${T.obligationCreate}:${payment.uetr}`,
    payment.uetr,
  );
}

describe('createComplianceStage', () => {
  it('should publish an ALLOW on obligation.create under an id derived from the UETR', async () => {
    // Arrange
    const checker = stubChecker();
    const stage = createComplianceStage({ checker });
    const context = fakeContext('complianceCheck');
    // Act
    await stage.handle(complianceEvent(crossBorderPayment()), context);
    // Assert
    expect(context.published.map((p) => p.key)).toEqual(['obligationCreate']);
    const [out] = context.published;
    expect(out!.options).toEqual({ id: `${T.obligationCreate}:${UETR_A}`, subject: UETR_A });
    expect(out!.data.decision).toBe('ALLOW');
    expect(out!.data.payment.uetr).toBe(UETR_A);
    expect(out!.data.payment.amount).toEqual({ currency: 'EUR', amount: '1250.00' });
    expect(out!.data.screenedAt).toBe(new Date(NOW_MS).toISOString());
    expect(checker.calls).toEqual([UETR_A]);
    expect(stage.decisions().get(UETR_A)?.decision).toBe('ALLOW');
  });

  it('should publish a REJECT on compliance.reject with every reason, and nothing on obligation.create', async () => {
    // Arrange
    const stage = createComplianceStage({ checker: stubChecker(() => 'REJECT') });
    const context = fakeContext('complianceCheck');
    // Act
    await stage.handle(complianceEvent(crossBorderPayment()), context);
    // Assert
    expect(context.of('obligationCreate')).toEqual([]);
    const [reject] = context.of('complianceReject');
    expect(reject!.options).toEqual({ id: `${T.complianceReject}:${UETR_A}`, subject: UETR_A });
    expect(reject!.data).toEqual({
      uetr: UETR_A,
      endToEndId: 'E2E-X-1',
      decision: 'REJECT',
      reasons: [
        {
          code: 'TEST_SANCTIONS_HIT',
          decision: 'REJECT',
          message: 'REJECT for the test',
          path: ['creditor', 'name'],
        },
      ],
      at: new Date(NOW_MS).toISOString(),
      debtorAgent: 'THMSGB2LXXX',
      creditorAgent: 'RHEIDEFFXXX',
      amount: { currency: 'EUR', amount: '1250.00' },
    });
    expect(stage.health!().detail).toMatchObject({ ALLOW: 0, REVIEW: 0, REJECT: 1 });
  });

  it('should hold a REVIEW by default and let it through with review: allow', async () => {
    // Arrange
    const hold = createComplianceStage({ checker: stubChecker(() => 'REVIEW') });
    const allow = createComplianceStage({ checker: stubChecker(() => 'REVIEW'), review: 'allow' });
    const held = fakeContext('complianceCheck');
    const passed = fakeContext('complianceCheck');
    // Act
    await hold.handle(complianceEvent(crossBorderPayment()), held);
    await allow.handle(complianceEvent(crossBorderPayment()), passed);
    // Assert
    expect(held.published.map((p) => [p.key, p.data.decision])).toEqual([['complianceReject', 'REVIEW']]);
    expect(held.published[0]!.data.reasons[0].code).toBe('TEST_NEEDS_REVIEW');
    expect(passed.published.map((p) => [p.key, p.data.decision])).toEqual([['obligationCreate', 'ALLOW']]);
    expect(passed.published[0]!.data.reasons[0].code).toBe('TEST_NEEDS_REVIEW');
  });

  it('should acknowledge the same payment again (even in another message) without a second decision or publish', async () => {
    // Arrange
    const checker = stubChecker();
    const stage = createComplianceStage({ checker });
    const context = fakeContext('complianceCheck');
    const payment = crossBorderPayment();
    await stage.handle(complianceEvent(payment, 'first'), context);
    // Act: a resubmitted pacs.008 has a new MsgId and creation time; its transaction is the same
    await stage.handle(
      complianceEvent(
        { ...payment, messageId: 'MSG-RESENT', creationDateTime: '2026-12-01T10:00:00Z' },
        'second',
      ),
      context,
    );
    await stage.handle(complianceEvent(payment, 'third'), context);
    // Assert
    expect(context.published).toHaveLength(1);
    expect(checker.calls).toEqual([UETR_A]);
    expect(stage.health!().detail).toMatchObject({ ALLOW: 1, duplicates: 2, conflicts: 0 });
  });

  it('should refuse the same UETR with other content with DUPLICATE_UETR_CONFLICT, once per event, and keep the first', async () => {
    // Arrange
    const checker = stubChecker();
    const stage = createComplianceStage({ checker });
    const context = fakeContext('complianceCheck');
    await stage.handle(complianceEvent(crossBorderPayment(UETR_A, '1250.00'), 'first'), context);
    // Act
    await stage.handle(complianceEvent(crossBorderPayment(UETR_A, '1250.01'), 'other'), context);
    // Assert
    expect(context.published.map((p) => p.key)).toEqual(['obligationCreate', 'complianceReject']);
    const reject = context.published[1]!;
    expect(reject.options).toEqual({ id: `${T.complianceReject}:conflict:other`, subject: UETR_A });
    expect(reject.data.decision).toBe('REJECT');
    expect(reject.data.reasons).toEqual([
      expect.objectContaining({ code: DUPLICATE_UETR_CONFLICT, decision: 'REJECT', path: ['uetr'] }),
    ]);
    expect(reject.data.amount).toEqual({ currency: 'EUR', amount: '1250.01' });
    expect(checker.calls).toEqual([UETR_A]);
    expect(stage.decisions().size).toBe(1);
    expect(stage.health!().detail).toMatchObject({ conflicts: 1 });
  });

  it('should publish on redelivery after a failed publish, without deciding again', async () => {
    // Arrange
    const checker = stubChecker();
    const stage = createComplianceStage({ checker });
    const context = fakeContext('complianceCheck');
    const event = complianceEvent(crossBorderPayment());
    context.failNextPublish = true;
    // Act
    await expect(stage.handle(event, context)).rejects.toThrow('publish failed');
    expect(context.published).toEqual([]);
    await stage.handle(event, context);
    // Assert
    expect(context.published.map((p) => p.options.id)).toEqual([`${T.obligationCreate}:${UETR_A}`]);
    expect(checker.calls).toEqual([UETR_A]);
    expect(stage.health!().detail).toMatchObject({ ALLOW: 1 });
  });

  it('should count one decision when two deliveries of one payment run at once', async () => {
    // Arrange
    const stage = createComplianceStage({ checker: stubChecker() });
    const context = fakeContext('complianceCheck');
    const payment = crossBorderPayment();
    // Act
    await Promise.all([
      stage.handle(complianceEvent(payment, 'a'), context),
      stage.handle(complianceEvent(payment, 'b'), context),
    ]);
    // Assert: whatever ran, only one obligation id ever leaves the stage
    expect(new Set(context.published.map((p) => p.options.id))).toEqual(
      new Set([`${T.obligationCreate}:${UETR_A}`]),
    );
    expect(stage.health!().detail).toMatchObject({ ALLOW: 1, REJECT: 0 });
  });

  it('should refuse to be built without a checker', () => {
    // Act / Assert
    expect(() => createComplianceStage({} as never)).toThrow(
      expect.objectContaining({ code: PipelineErrorCodes.INVALID_OPTIONS, path: ['checker'] }),
    );
  });
});

describe('createObligationsStage', () => {
  it('should request the mint first, then submit a cross-border obligation to clearing keyed by currency', async () => {
    // Arrange
    const stage = createObligationsStage();
    const context = fakeContext('obligationCreate');
    // Act
    await stage.handle(obligationCreateEvent(crossBorderPayment()), context);
    // Assert
    expect(context.published.map((p) => p.key)).toEqual(['tokenMint', 'clearingSubmit']);
    const [mint, submit] = context.published;
    expect(mint!.options).toEqual({ id: `${T.tokenMint}:${UETR_A}`, subject: UETR_A });
    expect(mint!.data.uetr).toBe(UETR_A);
    expect(submit!.options).toEqual({
      id: `${T.clearingSubmit}:${submit!.data.id}`,
      subject: UETR_A,
      key: 'EUR',
    });
    expect(submit!.data).toMatchObject({
      uetr: UETR_A,
      debtorAgent: 'THMSGB2LXXX',
      creditorAgent: 'RHEIDEFFXXX',
      debtorAgentCountry: 'GB',
      creditorAgentCountry: 'DE',
      currency: 'EUR',
      amount: '1250.00',
      valueDate: '2026-12-01',
      crossBorder: true,
    });
  });

  it('should request the mint first, then a local bank for a domestic payment (no clearing)', async () => {
    // Arrange
    const stage = createObligationsStage();
    const context = fakeContext('obligationCreate');
    // Act
    await stage.handle(obligationCreateEvent(localPayment()), context);
    // Assert
    expect(context.published.map((p) => p.key)).toEqual(['tokenMint', 'liquiditySelectLocal']);
    expect(context.published[1]!.options).toEqual({
      id: `${T.liquiditySelectLocal}:${UETR_B}`,
      subject: UETR_B,
    });
    expect(context.published[1]!.data).toEqual({
      uetr: UETR_B,
      endToEndId: 'E2E-L-1',
      debtorBic: 'ELBEDEHHXXX',
      creditorBic: 'RHEIDEFFXXX',
      currency: 'EUR',
      amount: '80.00',
      valueDate: '2026-12-01',
    });
    expect(stage.health!().detail).toMatchObject({ obligations: 1, clearing: 0, local: 1 });
  });

  it('should republish the same ids on a redelivery and count one obligation', async () => {
    // Arrange
    const stage = createObligationsStage();
    const context = fakeContext('obligationCreate');
    const event = obligationCreateEvent(crossBorderPayment());
    // Act
    await stage.handle(event, context);
    await stage.handle(event, context);
    // Assert
    const ids = context.published.map((p) => p.options.id);
    expect(ids.slice(0, 2)).toEqual(ids.slice(2));
    expect(stage.health!().detail).toMatchObject({ obligations: 1, clearing: 1, replays: 1 });
  });

  it('should dead-letter a UETR seen with other content, publishing nothing for it', async () => {
    // Arrange
    const stage = createObligationsStage();
    const context = fakeContext('obligationCreate');
    await stage.handle(obligationCreateEvent(crossBorderPayment(UETR_A, '10.00')), context);
    context.published.length = 0;
    // Act
    const failure = await Promise.resolve(
      stage.handle(obligationCreateEvent(crossBorderPayment(UETR_A, '11.00')), context),
    ).catch((e: unknown) => e);
    // Assert
    expect(failure).toBeInstanceOf(FatalHandlerError);
    expect(defaultClassifyError(failure)).toBe('fatal');
    expect(context.published).toEqual([]);
  });
});

describe('createClearingStage', () => {
  it('should close a window by count and publish its result and only the non-zero net positions', async () => {
    // Arrange
    const stage = createClearingStage({ obligationsMax: 2 });
    const context = fakeContext('clearingSubmit');
    // Act
    await stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00')), context);
    expect(context.published).toEqual([]);
    await stage.handle(submitEvent(obligation('o2', 'BBBBDEFFXXX', 'CCCCFRPPXXX', '100.00')), context);
    // Assert
    expect(context.published.map((p) => p.key)).toEqual([
      'clearingCompleted',
      'liquiditySelect',
      'liquiditySelect',
    ]);
    const [completed, ...positions] = context.published;
    expect(completed!.options).toEqual({
      id: `${T.clearingCompleted}:window:EUR:1`,
      subject: 'window:EUR:1',
      key: 'EUR',
    });
    expect(completed!.data).toMatchObject({ windowId: 'window:EUR:1', currency: 'EUR', reason: 'count' });
    expect(completed!.data.obligations.map((o: { id: string }) => o.id)).toEqual(['o1', 'o2']);
    expect(completed!.data.result.digest).toMatch(/^sha256:/);
    // B is net zero: it needs no payment.
    expect(positions.map((p) => [p.data.participant, p.data.amount]).sort()).toEqual([
      ['AAAAGB2LXXX', '-100.00'],
      ['CCCCFRPPXXX', '100.00'],
    ]);
    for (const p of positions) {
      expect(p.options.id).toBe(`${T.liquiditySelect}:window:EUR:1:${p.data.participant}`);
      expect(p.options.subject).toBe('window:EUR:1');
    }
    expect(stage.closedWindows().map((w) => [w.id, w.reason, w.obligations.length])).toEqual([
      ['window:EUR:1', 'count', 2],
    ]);
  });

  it('should close a window by the time passed to tick', async () => {
    // Arrange
    let now = NOW_MS;
    const stage = createClearingStage({ windowMs: 60_000 });
    const context = fakeContext('clearingSubmit', { now: () => now });
    await stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '5.00')), context);
    // Act
    await stage.tick!(NOW_MS + 30_000, context);
    const before = context.published.length;
    now = NOW_MS + 60_001;
    await stage.tick!(NOW_MS + 60_001, context);
    // Assert
    expect(before).toBe(0);
    expect(context.of('clearingCompleted').map((p) => p.data.reason)).toEqual(['time']);
    expect(context.of('liquiditySelect')).toHaveLength(2);
    expect(stage.health!().detail).toMatchObject({ openWindows: 0, held: 0, windows: 1 });
  });

  it('should put an obligation arriving after the time limit into a fresh window', async () => {
    // Arrange
    let now = NOW_MS;
    const stage = createClearingStage({ windowMs: 60_000 });
    const context = fakeContext('clearingSubmit', { now: () => now });
    await stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '5.00')), context);
    // Act
    now = NOW_MS + 120_000;
    await stage.handle(submitEvent(obligation('o2', 'BBBBDEFFXXX', 'AAAAGB2LXXX', '7.00')), context);
    await stage.flush!(now, context);
    // Assert
    expect(stage.closedWindows().map((w) => [w.id, w.obligations.map((o) => o.id)])).toEqual([
      ['window:EUR:1', ['o1']],
      ['window:EUR:2', ['o2']],
    ]);
  });

  it('should not net a redelivered obligation again after its window closed', async () => {
    // Arrange
    const stage = createClearingStage({ obligationsMax: 2 });
    const context = fakeContext('clearingSubmit');
    const first = submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00'));
    await stage.handle(first, context);
    await stage.handle(submitEvent(obligation('o2', 'BBBBDEFFXXX', 'CCCCFRPPXXX', '40.00')), context);
    const published = context.published.length;
    // Act
    await stage.handle(first, context);
    await stage.flush!(NOW_MS, context);
    // Assert
    expect(context.published).toHaveLength(published);
    expect(stage.closedWindows()).toHaveLength(1);
    expect(stage.health!().detail).toMatchObject({ obligations: 2, openWindows: 0, held: 0 });
  });

  it('should publish a closed window on the next event when the publish failed, once', async () => {
    // Arrange
    const stage = createClearingStage({ obligationsMax: 1 });
    const context = fakeContext('clearingSubmit');
    const event = submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00'));
    context.failNextPublish = true;
    // Act
    await expect(stage.handle(event, context)).rejects.toThrow('publish failed');
    await stage.handle(event, context);
    // Assert
    expect(context.published.map((p) => p.options.id)).toEqual([
      `${T.clearingCompleted}:window:EUR:1`,
      `${T.liquiditySelect}:window:EUR:1:AAAAGB2LXXX`,
      `${T.liquiditySelect}:window:EUR:1:BBBBDEFFXXX`,
    ]);
    expect(stage.closedWindows()).toHaveLength(1);
  });

  it('should publish a closed window once when handlers run at the same time (concurrency > 1)', async () => {
    // Arrange: every publish waits until released, so the second handler runs while the first publishes
    const stage = createClearingStage({ obligationsMax: 2 });
    const context = fakeContext('clearingSubmit');
    const record = context.publish.bind(context);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    (context as { publish: typeof context.publish }).publish = async (key, data, options) => {
      await gate;
      return record(key, data, options);
    };
    await stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00')), context);
    // Act: the window closes on o2; a redelivered o1 is handled while o2's handler publishes
    const closing = stage.handle(
      submitEvent(obligation('o2', 'BBBBDEFFXXX', 'CCCCFRPPXXX', '100.00')),
      context,
    );
    const again = stage.handle(
      submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00')),
      context,
    );
    release();
    await Promise.all([closing, again]);
    // Assert
    expect(context.published.map((p) => p.options.id)).toEqual([
      `${T.clearingCompleted}:window:EUR:1`,
      `${T.liquiditySelect}:window:EUR:1:AAAAGB2LXXX`,
      `${T.liquiditySelect}:window:EUR:1:CCCCFRPPXXX`,
    ]);
    expect(stage.closedWindows()).toHaveLength(1);
  });

  it('should only clear the currencies it owns', async () => {
    // Arrange
    const stage = createClearingStage({ currencies: ['USD'], obligationsMax: 1 });
    const context = fakeContext('clearingSubmit');
    // Act
    await stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00', 'EUR')), context);
    await stage.flush!(NOW_MS, context);
    await stage.handle(submitEvent(obligation('o2', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '3.00', 'USD')), context);
    // Assert
    expect(context.of('clearingCompleted').map((p) => p.data.windowId)).toEqual(['window:USD:1']);
    expect(stage.health!().detail).toMatchObject({ skipped: 1, obligations: 1 });
  });

  it('should close every open window at flush, and none that is empty', async () => {
    // Arrange
    const stage = createClearingStage({ idPrefix: 'day1' });
    const context = fakeContext('clearingSubmit');
    await stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '1.00', 'EUR')), context);
    await stage.handle(submitEvent(obligation('o2', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '2', 'JPY')), context);
    // Act
    await stage.flush!(NOW_MS + 1, context);
    await stage.flush!(NOW_MS + 2, context);
    // Assert
    expect(
      context
        .of('clearingCompleted')
        .map((p) => [p.data.windowId, p.data.reason])
        .sort(),
    ).toEqual([
      ['day1:EUR:1', 'manual'],
      ['day1:JPY:1', 'manual'],
    ]);
    expect(context.of('clearingCompleted')[0]!.data.closedAt).toBe(new Date(NOW_MS + 1).toISOString());
  });

  // A restart (crash, deploy) of a clearing stage with a journal: what its open windows held was
  // acknowledged to the broker and never comes again; the journal brings it back.
  it('should resume its windows from the journal after a restart and net exactly as without one', async () => {
    // Arrange: a stage that never restarts, and one that restarts after five obligations
    const all = [
      obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00'),
      obligation('o2', 'BBBBDEFFXXX', 'CCCCFRPPXXX', '70.00'),
      obligation('o3', 'CCCCFRPPXXX', 'AAAAGB2LXXX', '30.00'),
      obligation('o4', 'AAAAGB2LXXX', 'CCCCFRPPXXX', '12.00'),
      obligation('o5', 'BBBBDEFFXXX', 'AAAAGB2LXXX', '9.00'),
      obligation('o6', 'CCCCFRPPXXX', 'BBBBDEFFXXX', '4.00'),
    ];
    const steady = createClearingStage({ obligationsMax: 3 });
    const steadyContext = fakeContext('clearingSubmit');
    for (const o of all) await steady.handle(submitEvent(o), steadyContext);
    await steady.flush!(NOW_MS + 1, steadyContext);
    const journal = createMemoryClearingJournal();
    const before = createClearingStage({ obligationsMax: 3, journal });
    const context = fakeContext('clearingSubmit');
    await before.start!(context);
    for (const o of all.slice(0, 5)) await before.handle(submitEvent(o), context);
    // Act: a new stage on the same journal; o2 comes again (its window is closed), then o6
    const after = createClearingStage({ obligationsMax: 3, journal });
    await after.start!(context);
    const resumed = after.health!().detail;
    await after.handle(submitEvent(all[1]!), context);
    await after.handle(submitEvent(all[5]!), context);
    await after.flush!(NOW_MS + 1, context);
    // Assert
    expect(resumed).toMatchObject({ obligations: 5, windows: 1, openWindows: 1, held: 2 });
    const completed = context.of('clearingCompleted');
    expect(completed.map((p) => p.data)).toEqual(steadyContext.of('clearingCompleted').map((p) => p.data));
    expect(completed.map((p) => p.data.obligations.map((o: { id: string }) => o.id))).toEqual([
      ['o1', 'o2', 'o3'],
      ['o4', 'o5', 'o6'],
    ]);
    expect(after.closedWindows().map((w) => w.id)).toEqual(['window:EUR:1', 'window:EUR:2']);
    // o2 again changed nothing, and o6 closed window 2 by count: the flush closed nothing.
    expect(journal.records.map((r) => r.kind)).toEqual([
      'add',
      'add',
      'add',
      'published',
      'add',
      'add',
      'add',
      'published',
    ]);
  });

  it('should journal a close by time, so a restarted stage does not reopen the window', async () => {
    // Arrange
    const journal = createMemoryClearingJournal();
    const before = createClearingStage({ windowMs: 60_000, journal });
    const context = fakeContext('clearingSubmit');
    await before.start!(context);
    await before.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '5.00')), context);
    await before.tick!(NOW_MS + 30_000, context); // nothing closes: nothing journaled
    await before.tick!(NOW_MS + 60_000, context);
    // Act
    const after = createClearingStage({ windowMs: 60_000, journal });
    await after.start!(context);
    await after.handle(submitEvent(obligation('o2', 'BBBBDEFFXXX', 'AAAAGB2LXXX', '2.00')), context);
    await after.flush!(NOW_MS + 1_000, context);
    // Assert
    expect(journal.records.map((r) => r.kind)).toEqual([
      'add',
      'tick',
      'published',
      'add',
      'flush',
      'published',
    ]);
    expect(context.of('clearingCompleted').map((p) => [p.data.windowId, p.data.reason])).toEqual([
      ['window:EUR:1', 'time'],
      ['window:EUR:2', 'manual'],
    ]);
  });

  it('should apply nothing when the journal refuses an append, then take the redelivery once', async () => {
    // Arrange: a journal whose next append fails, after the record became durable or not
    for (const durable of [false, true]) {
      const inner = createMemoryClearingJournal();
      let failNext = false;
      const journal = {
        load: () => inner.load(),
        append(record: ClearingJournalRecord) {
          if (failNext) {
            failNext = false;
            if (durable) inner.append(record);
            throw new Error('journal unavailable (test)');
          }
          inner.append(record);
        },
      };
      const stage = createClearingStage({ obligationsMax: 2, journal });
      const context = fakeContext('clearingSubmit');
      await stage.start!(context);
      await stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '100.00')), context);
      const second = submitEvent(obligation('o2', 'BBBBDEFFXXX', 'CCCCFRPPXXX', '100.00'));
      failNext = true;
      // Act
      const failure = await Promise.resolve(stage.handle(second, context)).catch((e: unknown) => e);
      const afterFailure = { ...stage.health!().detail, published: context.published.length };
      await stage.handle(second, context);
      // Assert
      expect(String(failure)).toMatch(/journal unavailable/);
      // Not durable: the window still holds o1 alone and nothing was published.
      // Durable: the journal says o2 is in, so the window is closed (and goes out on the next call).
      expect(afterFailure).toMatchObject(
        durable ? { obligations: 2, held: 0, published: 0 } : { obligations: 1, held: 1, published: 0 },
      );
      expect(inner.records.filter((r) => r.kind === 'add')).toHaveLength(2);
      expect(context.of('clearingCompleted').map((p) => p.data.obligations.length)).toEqual([2]);
    }
  });

  it('should publish the same windows whatever restarts happen between its calls (property)', async () => {
    const banks = ['AAAAGB2LXXX', 'BBBBDEFFXXX', 'CCCCFRPPXXX', 'DDDDUS33XXX'];
    type Step =
      | { readonly op: 'add'; readonly o: number; readonly dt: number }
      | { readonly op: 'tick' | 'flush'; readonly dt: number }
      | { readonly op: 'restart' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({ op: fc.constant('add' as const), o: fc.nat(24), dt: fc.nat(20_000) }),
      },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('tick' as const), dt: fc.nat(90_000) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('flush' as const), dt: fc.nat(5_000) }) },
      { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
    );
    const obligationOf = (i: number): ObligationJson => {
      const debtor = banks[i % 4]!;
      const creditor = banks[(i * 7 + 1) % 4] === debtor ? banks[(i + 1) % 4]! : banks[(i * 7 + 1) % 4]!;
      return obligation(`o${i}`, debtor, creditor, `${(i % 9) + 1}.${i % 10}0`, i % 3 === 0 ? 'USD' : 'EUR');
    };
    const run = async (steps: readonly Step[], journaled: boolean): Promise<unknown[]> => {
      let now = NOW_MS;
      const context = fakeContext('clearingSubmit', { now: () => now });
      const journal = createMemoryClearingJournal();
      const make = () =>
        createClearingStage({ obligationsMax: 3, windowMs: 60_000, ...(journaled ? { journal } : {}) });
      let stage = make();
      await stage.start!(context);
      for (const s of steps) {
        if (s.op === 'restart') {
          if (!journaled) continue;
          stage = make();
          await stage.start!(context);
          continue;
        }
        now += s.dt;
        if (s.op === 'add') await stage.handle(submitEvent(obligationOf(s.o)), context);
        else if (s.op === 'tick') await stage.tick!(now, context);
        else await stage.flush!(now, context);
      }
      await stage.flush!(now + 1, context);
      return context.published.map((p) => [p.key, p.options.id, p.data]);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        expect(await run(steps, true)).toEqual(await run(steps, false));
      }),
      { numRuns: 150 },
    );
  });

  it('should dead-letter an obligation that cannot be netted', async () => {
    // Arrange
    const stage = createClearingStage();
    const context = fakeContext('clearingSubmit');
    // Act
    const failure = await Promise.resolve(
      stage.handle(submitEvent(obligation('o1', 'AAAAGB2LXXX', 'BBBBDEFFXXX', '1.001')), context),
    ).catch((e: unknown) => e);
    // Assert
    expect(failure).toBeInstanceOf(FatalHandlerError);
  });
});

function routing(riskQuote?: string) {
  return createRoutingStage({
    registry: registry(),
    settlementBic: CCP,
    ...(riskQuote === undefined ? {} : { riskQuote }),
    routeOptions: {},
  });
}

describe('createRoutingStage', () => {
  it('should pay no net debit (the tokens already moved on the ledger)', async () => {
    // Arrange
    const stage = routing();
    const context = fakeContext('liquiditySelect');
    // Act
    await stage.handle(
      envelope('liquiditySelect', {
        windowId: 'w-1',
        participant: 'AAAADEFFXXX',
        currency: 'EUR',
        amount: '-10.00',
      }),
      context,
    );
    // Assert
    expect(context.published).toEqual([]);
    expect(stage.health!().detail).toMatchObject({ debitsOnLedger: 1, routed: 0 });
  });

  it('should ask risk about a net credit, carrying the instruction', async () => {
    // Arrange
    const stage = routing();
    const context = fakeContext('liquiditySelect');
    // Act
    await stage.handle(
      envelope('liquiditySelect', {
        windowId: 'w-1',
        participant: 'AAAADEFFXXX',
        currency: 'EUR',
        amount: '150.00',
      }),
      context,
    );
    // Assert
    const [check] = context.published;
    expect(check!.key).toBe('riskCheck');
    const instruction = check!.data.instruction;
    expect(instruction.source).toMatchObject({
      kind: 'netPosition',
      participant: 'AAAADEFFXXX',
      windowId: 'w-1',
    });
    expect(instruction.amount).toEqual({ currency: 'EUR', amount: '150.00' });
    expect(check!.options).toEqual({ id: `${T.riskCheck}:${instruction.id}`, subject: 'w-1' });
    expect(check!.data).toMatchObject({
      id: `risk:${instruction.id}`,
      counterparty: instruction.toBic,
      amount: { currency: 'EUR', amount: '150.00' },
      quote: 'USD',
    });
  });

  it('should route a local payment to a local bank and ask risk', async () => {
    // Arrange
    const stage = routing();
    const context = fakeContext('liquiditySelectLocal');
    // Act
    await stage.handle(
      envelope('liquiditySelectLocal', {
        uetr: UETR_B,
        endToEndId: 'E2E-L-1',
        debtorBic: 'AAAADEFFXXX',
        creditorBic: 'BBBBDEFFXXX',
        currency: 'EUR',
        amount: '80.00',
        valueDate: '2026-12-01',
      }),
      context,
    );
    // Assert
    const [check] = context.published;
    expect(check!.data.instruction.source).toMatchObject({ kind: 'payment', uetr: UETR_B });
    expect(check!.options.subject).toBe(UETR_B);
  });

  it('should release an instruction on EXECUTE_NOW and hold it on HOLD', async () => {
    // Arrange
    const stage = routing();
    const context = fakeContext('liquiditySelect');
    await stage.handle(
      envelope('liquiditySelect', {
        windowId: 'w-1',
        participant: 'AAAADEFFXXX',
        currency: 'EUR',
        amount: '150.00',
      }),
      context,
    );
    const instruction = context.published[0]!.data.instruction;
    const result = (action: 'EXECUTE_NOW' | 'HOLD') =>
      envelope('riskResult', {
        requestId: `risk:${instruction.id}`,
        action,
        score: 10,
        reasons: [],
        instruction,
      });
    const released = fakeContext('riskResult');
    const held = fakeContext('riskResult');
    // Act
    await stage.handle(result('EXECUTE_NOW'), released);
    await stage.handle(result('HOLD'), held);
    // Assert
    expect(released.published).toHaveLength(1);
    expect(released.published[0]!.key).toBe('settlementExecute');
    expect(released.published[0]!.options).toEqual({
      id: `${T.settlementExecute}:${instruction.id}`,
      subject: 'w-1',
    });
    expect(released.published[0]!.data).toEqual(instruction);
    expect(held.published).toEqual([]);
    expect([...stage.held().keys()]).toEqual([instruction.id]);
    expect(stage.held().get(instruction.id)?.verdict.action).toBe('HOLD');
  });

  it('should dead-letter a net credit no bank can pay, and remember why', async () => {
    // Arrange
    const stage = routing();
    const context = fakeContext('liquiditySelect');
    // Act
    const failure = await Promise.resolve(
      stage.handle(
        envelope('liquiditySelect', {
          windowId: 'w-9',
          participant: 'AAAADEFFXXX',
          currency: 'GBP',
          amount: '1.00',
        }),
        context,
      ),
    ).catch((e: unknown) => e);
    // Assert
    expect(failure).toBeInstanceOf(FatalHandlerError);
    expect(stage.unrouted().map((u) => u.reference)).toEqual(['w-9:AAAADEFFXXX']);
    expect(context.published).toEqual([]);
  });
});

function riskCheckData(amount: Money, quote = 'USD') {
  const instruction = netCredit('AAAADEFFXXX', formatMoney(amount), amount.currency as 'EUR' | 'USD');
  return {
    id: `risk:${instruction.id}`,
    counterparty: instruction.toBic,
    amount: moneyToWire(amount),
    quote,
    instruction: moneyToWire(instruction),
  };
}

function netCredit(participant: string, amount: string, currency: 'EUR' | 'USD' = 'EUR', windowId = 'w-1') {
  const batch = routeNetPositions([{ participant, currency, amount, windowId }], registry(), {
    now: NOW_MS,
    settlementBic: CCP,
  });
  return batch.instructions[0]!;
}

describe('createRiskStage', () => {
  it('should execute an instruction in the quote currency at once without calling the assessor', async () => {
    // Arrange
    const assess = vi.fn((): RiskVerdict => ({ action: 'HOLD', score: 99, reasons: [] }));
    const stage = createRiskStage({ assess });
    const context = fakeContext('riskCheck');
    const data = riskCheckData(money('25.00', 'USD'));
    // Act
    await stage.handle(envelope('riskCheck', data, 'e1', 'w-1'), context);
    // Assert
    expect(assess).not.toHaveBeenCalled();
    const [out] = context.published;
    expect(out!.options).toEqual({ id: `${T.riskResult}:${data.id}`, subject: 'w-1' });
    expect(out!.data).toEqual({
      requestId: data.id,
      action: 'EXECUTE_NOW',
      score: 0,
      reasons: [{ code: NO_FX_EXPOSURE, message: expect.any(String) }],
      instruction: data.instruction,
    });
  });

  it('should ask the assessor about another currency and echo the instruction with its verdict', async () => {
    // Arrange
    const assess = vi.fn(
      (): RiskVerdict => ({
        action: 'HOLD',
        score: 91,
        reasons: [{ code: 'SCORE_AT_HOLD', message: 'hold' }],
      }),
    );
    const stage = createRiskStage({ assess });
    const context = fakeContext('riskCheck');
    const data = riskCheckData(money('25.00', 'EUR'));
    // Act
    await stage.handle(envelope('riskCheck', data), context);
    // Assert
    expect(assess).toHaveBeenCalledWith({
      id: data.id,
      counterparty: data.counterparty,
      amount: money('25.00', 'EUR'),
      quote: 'USD',
    });
    expect(context.published[0]!.data).toMatchObject({
      action: 'HOLD',
      score: 91,
      instruction: data.instruction,
    });
    expect(stage.health!().detail).toMatchObject({ HOLD: 1, EXECUTE_NOW: 0 });
  });
});

const RESERVE = 'RESERVE-EUR';

async function ledgerWithTokens(holdings: Readonly<Record<string, string>>): Promise<TokenLedger> {
  const ledger = await createTokenLedger({ reserveAccounts: { EUR: RESERVE } });
  let n = 0;
  for (const [participant, amount] of Object.entries(holdings)) {
    n += 1;
    const uetr = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await ledger.openAccount({ id: `open:${participant}:EUR`, participant, currency: 'EUR' });
    await ledger.mint({ id: `seed-mint:${n}`, participant, amount: money(amount, 'EUR'), uetr });
    await ledger.recordBankEntries({ id: `seed-bank:${n}`, entries: [credit(`SEED-${n}`, amount, uetr)] });
  }
  return ledger;
}

function credit(reference: string, amount: string, uetr: string) {
  return {
    accountId: RESERVE,
    servicerReference: reference,
    entryReference: 'E1',
    creditDebit: 'CRDT' as const,
    status: 'BOOK' as const,
    amount: money(amount, 'EUR'),
    bookingDate: '2026-12-01',
    uetr,
  };
}

function clearingCompleted(
  windowId: string,
  instructions: readonly { from: string; to: string; amount: string }[],
) {
  return envelope('clearingCompleted', {
    windowId,
    currency: 'EUR',
    reason: 'count',
    closedAt: new Date(NOW_MS).toISOString(),
    obligations: [],
    result: {
      instructions: instructions.map((i) => ({ ...i, currency: 'EUR' })),
    },
  } as never);
}

describe('createTokenStage', () => {
  it('should keep a mint pending until its credit is confirmed, then announce token.minted once', async () => {
    // Arrange
    const ledger = await createTokenLedger({ reserveAccounts: { EUR: RESERVE } });
    const stage = createTokenStage({ ledger });
    const payment = crossBorderPayment(UETR_C, '300.00');
    const mintContext = fakeContext('tokenMint');
    // Act
    await stage.handle(envelope('tokenMint', wire(payment)), mintContext);
    const pendingBefore = ledger.getMint(`mint:${UETR_C}`)?.status;
    const fundingContext = fakeContext('fundingConfirmed', { published: mintContext.published });
    const funding = envelope(
      'fundingConfirmed',
      fundingEventToJson({ messageId: 'CAMT-1', entries: [credit('FUND-1', '300.00', UETR_C)] }),
    );
    await stage.handle(funding, fundingContext);
    await stage.handle(funding, fundingContext);
    await stage.handle(envelope('tokenMint', wire(payment)), mintContext);
    // Assert
    expect(pendingBefore).toBe('pending');
    expect(stage.health!().detail).toMatchObject({ mintRequests: 1 });
    const minted = mintContext.of('tokenMinted');
    expect(minted.length).toBeGreaterThan(0);
    expect(new Set(minted.map((m) => m.options.id))).toEqual(new Set([`${T.tokenMinted}:mint:${UETR_C}`]));
    expect(minted[0]!.data).toMatchObject({
      mintId: `mint:${UETR_C}`,
      participant: 'THMSGB2LXXX',
      amount: { currency: 'EUR', amount: '300.00' },
      uetr: UETR_C,
    });
    expect(ledger.balance('THMSGB2LXXX', 'EUR')?.balance).toEqual(money('300.00', 'EUR'));
    expect(ledger.position('EUR').tokenSupply).toEqual(money('300.00', 'EUR'));
  });

  it('should retry a window the payer cannot cover yet, then apply it once under a new try id', async () => {
    // Arrange
    const ledger = await ledgerWithTokens({ AAAAGB2LXXX: '40.00' });
    const stage = createTokenStage({ ledger });
    const context = fakeContext('clearingCompleted');
    const event = clearingCompleted('w-7', [{ from: 'AAAAGB2LXXX', to: 'BBBBDEFFXXX', amount: '100.00' }]);
    // Act: refused (only 40 of 100 there) → retryable
    const failure = await Promise.resolve(stage.handle(event, context)).catch((e: unknown) => e);
    const again = await Promise.resolve(stage.handle(event, context)).catch((e: unknown) => e);
    // the payer's remaining tokens arrive, the broker redelivers
    await ledger.mint({
      id: 'late-mint',
      participant: 'AAAAGB2LXXX',
      amount: money('60.00', 'EUR'),
      uetr: UETR_C,
    });
    await ledger.recordBankEntries({ id: 'late-bank', entries: [credit('LATE', '60.00', UETR_C)] });
    await stage.handle(event, context);
    await stage.handle(event, context);
    // Assert
    expect(failure).toBeInstanceOf(PipelineError);
    expect((failure as PipelineError).code).toBe(PipelineErrorCodes.NOT_READY);
    expect(defaultClassifyError(failure)).toBe('retry');
    expect((again as PipelineError).code).toBe(PipelineErrorCodes.NOT_READY);
    expect(ledger.balance('AAAAGB2LXXX', 'EUR')?.balance).toEqual(money('0.00', 'EUR'));
    expect(ledger.balance('BBBBDEFFXXX', 'EUR')?.balance).toEqual(money('100.00', 'EUR'));
    // The first id was spent on the refusal; the batch went through under the next one, once.
    const replayFirst = await ledger.settleBatch({
      id: 'settle:w-7',
      instructions: [{ from: 'AAAAGB2LXXX', to: 'BBBBDEFFXXX', currency: 'EUR', amount: '100.00' }],
    });
    expect(replayFirst).toMatchObject({ status: 'rejected', replayed: true });
    const replaySecond = await ledger.settleBatch({
      id: 'settle:w-7#1',
      instructions: [{ from: 'AAAAGB2LXXX', to: 'BBBBDEFFXXX', currency: 'EUR', amount: '100.00' }],
    });
    expect(replaySecond).toMatchObject({ status: 'applied', replayed: true });
    expect(ledger.position('EUR').balanced).toBe(true);
  });

  it('should restore the tokens of a REJECTED settlement once, and leave a SETTLED one alone', async () => {
    // Arrange
    const ledger = await ledgerWithTokens({ AAAADEFFXXX: '500.00', BBBBDEFFXXX: '70.00' });
    const stage = createTokenStage({ ledger });
    const { engine } = engineWithRail();
    const rejected = netCredit('AAAADEFFXXX', '200.00');
    const settled = netCredit('BBBBDEFFXXX', '70.00');
    for (const i of [rejected, settled])
      await ledger.redeem({
        id: payoutIdOf(i.id),
        participant: i.source.kind === 'netPosition' ? i.source.participant : '',
        amount: i.amount,
        uetr: engine.uetrOf(i),
      });
    const rj = await engine.execute(rejected);
    const ok = await engine.execute(settled);
    const rjResult = engine.receive(pacs002({ status: 'RJCT', uetr: rj.uetr, reasons: [{ code: 'AC04' }] }))
      .results[0]!;
    const okResult = engine.receive(pacs002({ status: 'ACSC', uetr: ok.uetr })).results[0]!;
    const context = fakeContext('settlementCompleted');
    const event = (r: typeof rjResult) => envelope('settlementCompleted', settlementResultToJson(r));
    // Act
    await stage.handle(event(rjResult), context);
    await stage.handle(event(rjResult), context);
    await stage.handle(event(okResult), context);
    // Assert
    expect(rjResult.status).toBe('REJECTED');
    expect(findPayout(ledger, payoutIdOf(rejected.id))?.status).toBe('cancelled');
    expect(ledger.balance('AAAADEFFXXX', 'EUR')?.balance).toEqual(money('500.00', 'EUR'));
    expect(findPayout(ledger, payoutIdOf(settled.id))?.status).toBe('in-flight');
    expect(stage.health!().detail).toMatchObject({ restored: 1 });
    expect(context.published).toEqual([]);
  });

  it('should restore the tokens of a TIMED_OUT settlement once', async () => {
    // Arrange: the bank never answers; the engine times the instruction out on a later tick
    const ledger = await ledgerWithTokens({ AAAADEFFXXX: '200.00' });
    const stage = createTokenStage({ ledger });
    const { engine } = engineWithRail();
    const instruction = netCredit('AAAADEFFXXX', '200.00');
    await ledger.redeem({
      id: payoutIdOf(instruction.id),
      participant: 'AAAADEFFXXX',
      amount: instruction.amount,
      uetr: engine.uetrOf(instruction),
    });
    await engine.execute(instruction);
    let timedOut: SettlementResult | undefined;
    for (let minutes = 1; minutes <= 240 && timedOut === undefined; minutes += 1)
      timedOut = (await engine.tick(NOW_MS + minutes * 60_000)).results.find((r) => r.status === 'TIMED_OUT');
    const inFlight = findPayout(ledger, payoutIdOf(instruction.id))?.status;
    const context = fakeContext('settlementCompleted');
    const event = envelope('settlementCompleted', settlementResultToJson(timedOut!));
    // Act
    await stage.handle(event, context);
    await stage.handle(event, context);
    // Assert
    expect(timedOut?.instructionId).toBe(instruction.id);
    expect(inFlight).toBe('in-flight');
    expect(findPayout(ledger, payoutIdOf(instruction.id))?.status).toBe('cancelled');
    expect(ledger.balance('AAAADEFFXXX', 'EUR')?.balance).toEqual(money('200.00', 'EUR'));
    expect(ledger.position('EUR').payoutInFlight.minor).toBe(0n);
    expect(stage.health!().detail).toMatchObject({ restored: 1 });
  });
});

function engineWithRail(answer?: Parameters<typeof recordingRail>[1]) {
  const rail = recordingRail('test-rail', answer);
  const engine: SettlementEngine = createSettlementEngine({
    rails: [rail],
    now: () => NOW_MS,
    timeoutMs: 60_000,
  });
  return { rail, engine };
}

const executeEvent = (i: SettlementInstruction) =>
  envelope('settlementExecute', moneyToWire(i), `${T.settlementExecute}:${i.id}`, 'w-1');

describe('createSettlementStage', () => {
  it('should burn the payer tokens into payout in flight before it submits the instruction', async () => {
    // Arrange
    const ledger = await ledgerWithTokens({ AAAADEFFXXX: '150.00' });
    const instruction = netCredit('AAAADEFFXXX', '150.00');
    const seen: (string | undefined)[] = [];
    const { rail, engine } = engineWithRail(() => {
      seen.push(findPayout(ledger, payoutIdOf(instruction.id))?.status);
      return { accepted: true };
    });
    const stage = createSettlementStage({ engine, ledger });
    const context = fakeContext('settlementExecute');
    // Act
    await stage.handle(executeEvent(instruction), context);
    await stage.handle(executeEvent(instruction), context);
    // Assert
    expect(seen).toEqual(['in-flight']);
    expect(rail.requests).toHaveLength(1);
    expect(ledger.balance('AAAADEFFXXX', 'EUR')?.balance).toEqual(money('0.00', 'EUR'));
    expect(ledger.position('EUR').payoutInFlight).toEqual(money('150.00', 'EUR'));
    expect(findPayout(ledger, payoutIdOf(instruction.id))?.uetr).toBe(engine.uetrOf(instruction));
    expect(engine.get(instruction.id)?.status).toBe('SUBMITTED');
    expect(context.published).toEqual([]);
  });

  it('should retry while the tokens are missing, submitting nothing, then go through under the next redeem id', async () => {
    // Arrange
    const ledger = await ledgerWithTokens({ AAAADEFFXXX: '10.00' });
    const instruction = netCredit('AAAADEFFXXX', '150.00');
    const { rail, engine } = engineWithRail();
    const stage = createSettlementStage({ engine, ledger });
    const context = fakeContext('settlementExecute');
    // Act
    const failure = await Promise.resolve(stage.handle(executeEvent(instruction), context)).catch(
      (e: unknown) => e,
    );
    const requestsWhileShort = rail.requests.length;
    await ledger.mint({
      id: 'late',
      participant: 'AAAADEFFXXX',
      amount: money('140.00', 'EUR'),
      uetr: UETR_C,
    });
    await ledger.recordBankEntries({ id: 'late-bank', entries: [credit('LATE', '140.00', UETR_C)] });
    await stage.handle(executeEvent(instruction), context);
    // Assert
    expect((failure as PipelineError).code).toBe(PipelineErrorCodes.NOT_READY);
    expect(defaultClassifyError(failure)).toBe('retry');
    expect(requestsWhileShort).toBe(0);
    expect(rail.requests).toHaveLength(1);
    expect(findPayout(ledger, payoutIdOf(instruction.id))?.id).toBe(`${payoutIdOf(instruction.id)}#1`);
    expect(ledger.balance('AAAADEFFXXX', 'EUR')?.balance).toEqual(money('0.00', 'EUR'));
  });

  it('should pay a net credit whose window the ledger applied before a restart (the applied set is gone)', async () => {
    // Arrange: the payer holds the tokens; the window's first try was refused, its second applied.
    const ledger = await ledgerWithTokens({ CCCCDEFFXXX: '150.00' });
    await ledger.openAccount({ id: 'open:AAAADEFFXXX:EUR', participant: 'AAAADEFFXXX', currency: 'EUR' });
    const instruction = netCredit('AAAADEFFXXX', '150.00', 'EUR', 'w-9');
    const { rail, engine } = engineWithRail();
    // As after a restart: this process has not seen any window applied.
    const stage = createSettlementStage({ engine, ledger, appliedWindows: new Set() });
    const context = fakeContext('settlementExecute');
    const before = await Promise.resolve(stage.handle(executeEvent(instruction), context)).catch(
      (e: unknown) => e,
    );
    const refused = await ledger.settleBatch({
      id: settleIdOf('w-9'),
      instructions: [{ from: 'AAAADEFFXXX', to: 'CCCCDEFFXXX', currency: 'EUR', amount: '999.00' }],
    });
    const notYet = windowApplied(ledger, 'w-9');
    await ledger.settleBatch({
      id: `${settleIdOf('w-9')}#1`,
      instructions: [{ from: 'CCCCDEFFXXX', to: 'AAAADEFFXXX', currency: 'EUR', amount: '150.00' }],
    });
    // Act
    await stage.handle(executeEvent(instruction), context);
    // Assert
    expect((before as PipelineError).code).toBe(PipelineErrorCodes.NOT_READY);
    expect(refused.status).toBe('rejected');
    expect(notYet).toBe(false);
    expect(windowApplied(ledger, 'w-9')).toBe(true);
    expect(windowApplied(ledger, 'w-10')).toBe(false);
    expect(rail.requests).toHaveLength(1);
    expect(findPayout(ledger, payoutIdOf(instruction.id))?.status).toBe('in-flight');
  });

  it('should publish the results and funding events of the confirmations it receives', async () => {
    // Arrange
    const ledger = await ledgerWithTokens({ AAAADEFFXXX: '150.00' });
    const instruction = netCredit('AAAADEFFXXX', '150.00');
    const { engine } = engineWithRail();
    const stage = createSettlementStage({ engine, ledger });
    const context = fakeContext('settlementExecute');
    await expect(stage.receive(pacs002({ status: 'ACSC', uetr: UETR_C }))).rejects.toThrow(/start/);
    await stage.start!(context);
    await stage.handle(executeEvent(instruction), context);
    const uetr = engine.get(instruction.id)!.uetr;
    // Act
    const accepted = await stage.receive(pacs002({ status: 'ACSP', uetr }));
    const settledNow = await stage.receive(pacs002({ status: 'ACSC', uetr }));
    const debit = await stage.receive(
      camt054({ amount: money('150.00', 'EUR'), uetr, creditDebit: 'DBIT', id: 'C054-DBIT-1' }),
    );
    // Assert
    expect(accepted).toEqual({ results: 0, funding: 0, unmatched: 0 });
    expect(settledNow).toEqual({ results: 1, funding: 0, unmatched: 0 });
    expect(debit.funding).toBe(1);
    const results = context.of('settlementCompleted');
    expect(results).toHaveLength(1);
    expect(results[0]!.options).toEqual({ id: `${T.settlementCompleted}:${instruction.id}`, subject: uetr });
    expect(results[0]!.data).toMatchObject({ instructionId: instruction.id, status: 'SETTLED' });
    const funding = context.of('fundingConfirmed');
    expect(funding.map((f) => f.options)).toEqual([
      { id: `${T.fundingConfirmed}:C054-DBIT-1`, subject: 'C054-DBIT-1' },
    ]);
    expect(funding[0]!.data.entries[0]).toMatchObject({ creditDebit: 'DBIT', uetr });
    expect(stage.results().map((r) => r.status)).toEqual(['SETTLED']);
    expect(stage.health!().detail).toMatchObject({ executed: 1, settled: 1, funding: 1, open: 0 });
  });

  it('should publish the result of an instruction the rail refused at once', async () => {
    // Arrange
    const { engine } = engineWithRail(() => ({
      accepted: false,
      reason: { code: 'AC01', text: 'no account' },
    }));
    const stage = createSettlementStage({ engine });
    const context = fakeContext('settlementExecute');
    const instruction = netCredit('AAAADEFFXXX', '9.00');
    // Act
    await stage.handle(executeEvent(instruction), context);
    // Assert
    expect(context.of('settlementCompleted').map((p) => p.data.status)).toEqual(['REJECTED']);
    expect(stage.results()).toHaveLength(1);
  });

  // The engine records a result (and marks its confirmation seen) before the stage publishes it, and a
  // confirmation arrives outside any delivery: nothing would bring a failed publish back.
  it.each(['the same pacs.002 again', 'a tick', 'a flush', 'the next instruction'] as const)(
    'should keep a result whose publish failed and publish it once on %s',
    async (next) => {
      // Arrange
      const { engine } = engineWithRail();
      const stage = createSettlementStage({ engine });
      const context = fakeContext('settlementExecute');
      await stage.start!(context);
      const instruction = netCredit('AAAADEFFXXX', '150.00');
      await stage.handle(executeEvent(instruction), context);
      const rejection = pacs002({ status: 'RJCT', uetr: engine.get(instruction.id)!.uetr });
      context.failNextPublish = true;
      const failure = await stage.receive(rejection).catch((e: unknown) => e);
      const kept = stage.health!().detail;
      // Act
      if (next === 'the same pacs.002 again') await stage.receive(rejection);
      else if (next === 'a tick') await stage.tick!(NOW_MS, context);
      else if (next === 'a flush') await stage.flush!(NOW_MS, context);
      else await stage.handle(executeEvent(netCredit('BBBBDEFFXXX', '1.00')), context);
      await stage.tick!(NOW_MS, context);
      // Assert
      expect(String(failure)).toMatch(/publish failed/);
      expect(kept).toMatchObject({ unpublished: 1, rejected: 0 });
      expect(engine.get(instruction.id)?.status).toBe('REJECTED');
      const results = context.of('settlementCompleted');
      expect(results.map((r) => [r.options.id, r.data.status])).toEqual([
        [`${T.settlementCompleted}:${instruction.id}`, 'REJECTED'],
      ]);
      expect(stage.results().map((r) => r.instructionId)).toEqual([instruction.id]);
      expect(stage.health!().detail).toMatchObject({ unpublished: 0, rejected: 1 });
    },
  );

  it('should keep a funding event whose publish failed, and apply no new confirmation while one is kept', async () => {
    // Arrange
    const ledger = await ledgerWithTokens({ AAAADEFFXXX: '150.00', BBBBDEFFXXX: '5.00' });
    const first = netCredit('AAAADEFFXXX', '150.00');
    const second = netCredit('BBBBDEFFXXX', '5.00');
    const { engine } = engineWithRail();
    const stage = createSettlementStage({ engine, ledger });
    const context = fakeContext('settlementExecute');
    await stage.start!(context);
    await stage.handle(executeEvent(first), context);
    await stage.handle(executeEvent(second), context);
    const uetr = engine.get(first.id)!.uetr;
    await stage.receive(pacs002({ status: 'ACSC', uetr }));
    context.failNextPublish = true;
    const lost = await stage
      .receive(camt054({ amount: money('150.00', 'EUR'), uetr, creditDebit: 'DBIT', id: 'C054-DBIT-1' }))
      .catch((e: unknown) => e);
    // Act: the kept event's publish fails again, so the next confirmation is not applied at all
    context.failNextPublish = true;
    const other = pacs002({ status: 'ACSC', uetr: engine.get(second.id)!.uetr });
    const held = await stage.receive(other).catch((e: unknown) => e);
    const statusWhileHeld = engine.get(second.id)?.status;
    const settled = await stage.receive(other);
    // Assert
    expect(String(lost)).toMatch(/publish failed/);
    expect(String(held)).toMatch(/publish failed/);
    expect(statusWhileHeld).toBe('SUBMITTED');
    expect(settled).toEqual({ results: 1, funding: 0, unmatched: 0 });
    expect(context.of('fundingConfirmed').map((f) => f.options.id)).toEqual([
      `${T.fundingConfirmed}:C054-DBIT-1`,
    ]);
    expect(context.of('settlementCompleted').map((r) => r.data.instructionId)).toEqual([first.id, second.id]);
    expect(stage.health!().detail).toMatchObject({ unpublished: 0, funding: 1, settled: 2 });
  });
});
