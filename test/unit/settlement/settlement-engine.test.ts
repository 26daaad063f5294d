import { money } from 'deltran';
import { buildPacs002, buildPacs008 } from 'deltran/iso20022';
import {
  createIso20022Rail,
  createSettlementEngine,
  InvalidSettlementInputError,
  type RailAck,
  SettlementConflictError,
  type SettlementEngine,
  SettlementErrorCodes,
  SettlementFormatError,
  SettlementReasonCodes,
} from 'deltran/settlement';
import { describe, expect, it } from 'vitest';
import {
  camt054,
  clock,
  customerPayment,
  NOW_MS,
  netInstruction,
  pacs002,
  paymentInstruction,
  recordingRail,
  UETR,
  UETR_2,
} from './_fixtures';

function setup(
  options: {
    answer?: Parameters<typeof recordingRail>[1];
    maxAttempts?: number;
    timeoutMs?: number;
    acceptedTimeoutMs?: number;
    backoff?: { initialMs?: number; multiplier?: number; maxMs?: number } | ((attempt: number) => number);
  } = {},
) {
  const time = clock();
  const rail = recordingRail('test-rail', options.answer);
  const engine = createSettlementEngine({
    rails: [rail],
    now: time.now,
    timeoutMs: options.timeoutMs ?? 1000,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.acceptedTimeoutMs !== undefined ? { acceptedTimeoutMs: options.acceptedTimeoutMs } : {}),
    ...(options.backoff !== undefined ? { backoff: options.backoff } : {}),
  });
  return { time, rail, engine };
}

const statuses = (engine: SettlementEngine, id: string) => engine.get(id)!.history.map((h) => h.to);

describe('settlement engine: execute', () => {
  it('should record the instruction PENDING, then SUBMITTED once the rail acks', async () => {
    // Arrange
    const { engine, rail } = setup();
    const instruction = netInstruction('AAAADEFFXXX', '-2500.00');

    // Act
    const record = await engine.execute(instruction);

    // Assert
    expect(record.status).toBe('SUBMITTED');
    expect(record.history.map((h) => [h.from, h.to, h.cause])).toEqual([
      [null, 'PENDING', 'execute'],
      ['PENDING', 'SUBMITTED', 'submitted'],
    ]);
    expect(record.history[0]!.at).toBe('2026-04-13T12:00:00.000Z');
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]!.messageId).toMatch(/^DT[0-9A-Z]{16}-1$/);
    expect(record.dueAtMs).toBe(NOW_MS + 1000 + 1000);
    expect(rail.requests).toHaveLength(1);
    expect(Object.isFrozen(record)).toBe(true);
  });

  it('should be idempotent: the same instruction twice is one submission and the same record', async () => {
    // Arrange
    const { engine, rail } = setup();
    const instruction = netInstruction('AAAADEFFXXX', '-2500.00');
    const copy = netInstruction('AAAADEFFXXX', '-2500.00');

    // Act: concurrently, then again later
    const [a, b] = await Promise.all([engine.execute(instruction), engine.execute(copy)]);
    const c = await engine.execute(instruction);

    // Assert
    expect(rail.requests).toHaveLength(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(engine.list()).toHaveLength(1);
  });

  it('should refuse the same id with different content, and a second instruction on the same UETR', async () => {
    // Arrange
    const { engine } = setup();
    const instruction = paymentInstruction(UETR, '250.00');
    await engine.execute(instruction);
    const changed = { ...instruction, amount: money('251.00', 'EUR') };
    const sameUetr = { ...paymentInstruction(UETR, '250.00'), id: 'si:other' };

    // Act / Assert
    await expect(engine.execute(changed)).rejects.toBeInstanceOf(SettlementConflictError);
    await expect(engine.execute(changed)).rejects.toMatchObject({ code: SettlementErrorCodes.CONFLICT });
    await expect(engine.execute(sameUetr)).rejects.toMatchObject({
      code: SettlementErrorCodes.DUPLICATE_UETR,
    });
  });

  it('should refuse a malformed instruction or a payment with another UETR', async () => {
    // Arrange
    const { engine } = setup();
    const instruction = paymentInstruction();

    // Act / Assert
    await expect(engine.execute({ ...instruction, id: '' })).rejects.toMatchObject({
      code: SettlementErrorCodes.INVALID_INSTRUCTION,
    });
    await expect(engine.execute({ ...instruction, amount: money('0.00', 'EUR') })).rejects.toBeInstanceOf(
      InvalidSettlementInputError,
    );
    await expect(
      engine.execute(instruction, { payment: { ...customerPayment(), uetr: UETR_2 } }),
    ).rejects.toMatchObject({ code: SettlementErrorCodes.INVALID_INSTRUCTION });
  });

  it('should end REJECTED when the rail refuses, with the result on the record', async () => {
    // Arrange
    const { engine } = setup({
      answer: () => ({ accepted: false, reason: { code: 'RR04', text: 'regulatory' } }),
    });

    // Act
    const record = await engine.execute(paymentInstruction());

    // Assert
    expect(record.status).toBe('REJECTED');
    expect(statuses(engine, record.id)).toEqual(['PENDING', 'REJECTED']);
    expect(record.result).toMatchObject({
      status: 'REJECTED',
      reason: { code: 'RR04', text: 'regulatory' },
      cause: 'rail',
      attempts: 1,
      submittedAt: '2026-04-13T12:00:00.000Z',
    });
  });

  it('should end REJECTED with SETTLEMENT_BUILD_FAILED when the message cannot be built', async () => {
    // Arrange: a BIC the builder refuses
    const time = clock();
    const rail = createIso20022Rail({ send: () => undefined });
    const engine = createSettlementEngine({ rails: [rail], now: time.now, timeoutMs: 1000 });
    const instruction = { ...netInstruction('AAAADEFFXXX', '-5.00'), fromBic: 'NOT A BIC' };

    // Act
    const record = await engine.execute(instruction);

    // Assert
    expect(record.status).toBe('REJECTED');
    expect(record.reason?.code).toBe(SettlementReasonCodes.BUILD_FAILED);
    expect(record.result?.cause).toBe('build');
  });

  it('should stay PENDING when the rail throws, and retry on tick after the backoff', async () => {
    // Arrange
    let fail = true;
    const { engine, rail, time } = setup({
      answer: (): RailAck => {
        if (fail) throw new Error('connection refused');
        return { accepted: true };
      },
      backoff: { initialMs: 500 },
    });
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-5.00'));
    expect(record.status).toBe('PENDING');
    expect(record.attempts[0]!.error).toEqual({ message: 'connection refused' });
    expect(record.dueAtMs).toBe(NOW_MS + 500);

    // Act
    fail = false;
    time.advance(499);
    const early = await engine.tick();
    time.advance(1);
    const due = await engine.tick();

    // Assert
    expect(early.retried).toEqual([]);
    expect(due.retried.map((r) => r.status)).toEqual(['SUBMITTED']);
    expect(rail.requests.map((r) => [r.attempt, r.uetr])).toEqual([
      [1, record.uetr],
      [2, record.uetr],
    ]);
    expect(statuses(engine, record.id)).toEqual(['PENDING', 'PENDING', 'SUBMITTED']);
  });
});

describe('settlement engine: confirmations', () => {
  it('should go SUBMITTED → ACCEPTED → SETTLED on pacs.002 ACSP then ACSC, with one result', async () => {
    // Arrange
    const { engine } = setup();
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-2500.00'));

    // Act
    const accepted = engine.receive(pacs002({ status: 'ACSP', uetr: record.uetr }));
    const settled = engine.receive(pacs002({ status: 'ACSC', uetr: record.uetr, id: 'P-FINAL' }));

    // Assert
    expect(accepted.changes).toEqual([{ instructionId: record.id, from: 'SUBMITTED', to: 'ACCEPTED' }]);
    expect(accepted.results).toEqual([]);
    expect(settled.results).toHaveLength(1);
    expect(settled.results[0]).toMatchObject({
      instructionId: record.id,
      status: 'SETTLED',
      from: 'AAAADEFFXXX',
      to: 'CCPXGB2LXXX',
      currency: 'EUR',
      messageId: record.attempts[0]!.messageId,
      cause: 'pacs.002',
      confirmationId: 'P-FINAL',
      source: { kind: 'netPosition', participant: 'AAAADEFFXXX', currency: 'EUR', windowId: 'w-1' },
    });
    const final = engine.get(record.id)!;
    expect(final.status).toBe('SETTLED');
    expect(final.bankStatus).toBe('ACSP');
    expect(final.dueAtMs).toBeUndefined();
    expect(final.result).toBe(settled.results[0]);
    expect(final.history.map((h) => h.statusCode)).toEqual([undefined, undefined, 'ACSP', 'ACSC']);
  });

  it.each([['ACCP'], ['ACSP'], ['PDNG'], ['ACTC']])('should treat %s as ACCEPTED', async (code) => {
    // Arrange
    const { engine } = setup();
    const record = await engine.execute(paymentInstruction());

    // Act
    const outcome = engine.receive(pacs002({ status: code, uetr: UETR }));

    // Assert
    expect(outcome.changes.map((c) => c.to)).toEqual(['ACCEPTED']);
    expect(engine.get(record.id)!.bankStatus).toBe(code);
  });

  it('should go to REJECTED on RJCT with its reason code and text', async () => {
    // Arrange
    const { engine } = setup();
    const record = await engine.execute(paymentInstruction());

    // Act
    const outcome = engine.receive(
      pacs002({
        status: 'RJCT',
        uetr: UETR,
        reasons: [{ code: 'AC04', additionalInformation: ['Closed', 'account'] }],
      }),
    );
    const noReason = setup();
    const other = await noReason.engine.execute(paymentInstruction());
    const bare = noReason.engine.receive(pacs002({ status: 'RJCT', uetr: UETR }));

    // Assert
    expect(outcome.results[0]).toMatchObject({
      status: 'REJECTED',
      reason: { code: 'AC04', text: 'Closed account' },
    });
    expect(engine.get(record.id)!.reason).toEqual({ code: 'AC04', text: 'Closed account' });
    expect(bare.results[0]!.reason).toEqual({ code: 'NARR' });
    expect(other.status).toBe('SUBMITTED');
  });

  it('should settle on a booked camt.054 entry, and accept on a pending one', async () => {
    // Arrange
    const { engine } = setup();
    const a = await engine.execute(paymentInstruction(UETR, '250.00'));
    const b = await engine.execute(paymentInstruction(UETR_2, '10.00'));

    // Act
    const booked = engine.receive(camt054({ amount: money('250.00', 'EUR'), uetr: UETR }));
    const pending = engine.receive(camt054({ amount: money('10.00', 'EUR'), uetr: UETR_2, status: 'PDNG' }));

    // Assert
    expect(booked.results).toMatchObject([{ instructionId: a.id, status: 'SETTLED', cause: 'camt.054' }]);
    expect(booked.funding[0]!.entries[0]).toMatchObject({ uetr: UETR, status: 'BOOK', creditDebit: 'DBIT' });
    expect(pending.changes).toEqual([{ instructionId: b.id, from: 'SUBMITTED', to: 'ACCEPTED' }]);
    expect(pending.funding[0]!.entries[0]!.status).toBe('PDNG');
  });

  it('should match by UETR, by original message id, and by a unique EndToEndId', async () => {
    // Arrange
    const { engine } = setup();
    const byUetr = await engine.execute(netInstruction('AAAADEFFXXX', '-1.00'));
    const byMessage = await engine.execute(netInstruction('BBBBFRPPXXX', '-2.00'));
    const byEndToEnd = await engine.execute(netInstruction('CCCCGB2LXXX', '-3.00'));

    // Act
    const r1 = engine.receive(pacs002({ status: 'ACSC', uetr: byUetr.uetr }));
    const r2 = engine.receive(pacs002({ status: 'ACSC', messageId: byMessage.attempts[0]!.messageId }));
    const r3 = engine.receive(pacs002({ status: 'ACSC', endToEndId: byEndToEnd.endToEndId }));

    // Assert
    expect(r1.results.map((r) => r.instructionId)).toEqual([byUetr.id]);
    expect(r2.results.map((r) => r.instructionId)).toEqual([byMessage.id]);
    expect(r3.results.map((r) => r.instructionId)).toEqual([byEndToEnd.id]);
    expect(engine.find({ messageId: byMessage.attempts[0]!.messageId })?.id).toBe(byMessage.id);
    expect(engine.find({ uetr: 'ffffffff-ffff-4fff-bfff-ffffffffffff' })).toBeUndefined();
  });

  it('should report what matches nothing, names nothing, or names two submissions', async () => {
    // Arrange
    const { engine } = setup();
    const a = await engine.execute(paymentInstruction(UETR), { payment: customerPayment(UETR) });
    await engine.execute(paymentInstruction(UETR_2), { payment: customerPayment(UETR_2) });

    // Act
    const none = engine.receive(pacs002({ status: 'ACSC', uetr: 'ffffffff-ffff-4fff-bfff-ffffffffffff' }));
    const bare = engine.receive(pacs002({ status: 'ACSC' }));
    const shared = engine.receive(pacs002({ status: 'ACSC', endToEndId: 'E2E-ALICE-0001' }));
    const inconsistent = engine.receive(
      pacs002({
        status: 'ACSC',
        uetr: UETR,
        messageId: engine.find({ uetr: UETR_2 })!.attempts[0]!.messageId,
      }),
    );
    const wrongAmount = engine.receive(
      pacs002({ status: 'ACSC', uetr: UETR, amount: money('249.99', 'EUR') }),
    );
    const unknown = engine.receive(pacs002({ status: 'XXXX', uetr: UETR }));

    // Assert
    expect(none.unmatched.map((u) => u.reason)).toEqual(['NO_SUBMISSION']);
    expect(bare.unmatched.map((u) => u.reason)).toEqual(['NO_REFERENCE']);
    expect(shared.unmatched.map((u) => u.reason)).toEqual(['AMBIGUOUS']);
    expect(inconsistent.unmatched).toMatchObject([
      { reason: 'INCONSISTENT_REFERENCES', instructionId: a.id },
    ]);
    expect(wrongAmount.unmatched.map((u) => u.reason)).toEqual(['AMOUNT_MISMATCH']);
    expect(unknown.unmatched).toMatchObject([{ reason: 'UNKNOWN_STATUS', status: 'XXXX', index: 0 }]);
    expect(engine.get(a.id)!.status).toBe('SUBMITTED');
  });

  it('should change nothing and emit nothing for a duplicated confirmation', async () => {
    // Arrange
    const { engine } = setup();
    const record = await engine.execute(paymentInstruction());
    const acsc = pacs002({ status: 'ACSC', uetr: UETR, id: 'P-1' });
    const camt = camt054({ amount: money('250.00', 'EUR'), uetr: UETR, id: 'C-1' });
    const first = [engine.receive(acsc), engine.receive(camt)];
    const before = engine.get(record.id);

    // Act: the same messages, and the same statuses under new message ids
    const again = [engine.receive(acsc), engine.receive(camt)];
    const restated = [
      engine.receive(pacs002({ status: 'ACSC', uetr: UETR })),
      engine.receive(pacs002({ status: 'ACSP', uetr: UETR })),
      engine.receive(
        camt054({ amount: money('250.00', 'EUR'), uetr: UETR, id: 'C-2', servicerReference: 'ASR-C-1' }),
      ),
    ];

    // Assert
    expect(first.flatMap((o) => o.results)).toHaveLength(1);
    expect(first[1]!.funding).toHaveLength(1);
    expect(again.map((o) => o.duplicate)).toEqual([true, true]);
    for (const o of [...again, ...restated]) {
      expect(o.results).toEqual([]);
      expect(o.changes).toEqual([]);
      expect(o.unmatched).toEqual([]);
    }
    // C-2 books an entry that is not C-1's (its NtryRef differs), so it is new funding
    expect(restated[2]!.funding).toHaveLength(1);
    expect(engine.get(record.id)).toBe(before);
  });

  it('should report a final status contradicting the one reached, and one after a timeout', async () => {
    // Arrange
    const { engine, time } = setup({ maxAttempts: 1 });
    const settled = await engine.execute(paymentInstruction(UETR));
    const late = await engine.execute(paymentInstruction(UETR_2, '10.00'));
    engine.receive(pacs002({ status: 'ACSC', uetr: UETR }));
    time.advance(1000);
    await engine.tick();

    // Act
    const conflicting = engine.receive(pacs002({ status: 'RJCT', uetr: UETR, reasons: [{ code: 'AM04' }] }));
    const afterTimeout = engine.receive(pacs002({ status: 'ACSC', uetr: UETR_2 }));

    // Assert
    expect(conflicting.unmatched).toMatchObject([
      { reason: 'CONFLICTING_STATUS', instructionId: settled.id },
    ]);
    expect(conflicting.results).toEqual([]);
    expect(afterTimeout.unmatched).toMatchObject([{ reason: 'AFTER_TIMEOUT', instructionId: late.id }]);
    expect(engine.get(settled.id)!.status).toBe('SETTLED');
    expect(engine.get(late.id)!.status).toBe('TIMED_OUT');
  });

  it('should apply a group status when the pacs.002 has no transactions', async () => {
    // Arrange
    const { engine } = setup();
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-1.00'));
    const xml = buildPacs002({
      messageId: 'GRP-1',
      creationDateTime: '2026-04-13T12:01:00Z',
      originalGroups: [
        {
          originalMessageId: record.attempts[0]!.messageId,
          originalMessageNameId: 'pacs.009.001.08',
          groupStatus: 'RJCT',
          reasons: [{ code: 'FF01' }],
        },
      ],
      transactions: [],
    });

    // Act
    const outcome = engine.receive(xml);

    // Assert
    expect(outcome.results).toMatchObject([
      { instructionId: record.id, status: 'REJECTED', reason: { code: 'FF01' } },
    ]);
  });

  it('should move a confirmation that overtakes the ack through SUBMITTED first', async () => {
    // Arrange: the rail answers only when released
    let release: (ack: RailAck) => void = () => undefined;
    const { engine } = setup({ answer: () => new Promise<RailAck>((resolve) => (release = resolve)) });
    const pending = engine.execute(paymentInstruction());
    await Promise.resolve();

    // Act
    const outcome = engine.receive(pacs002({ status: 'ACSC', uetr: UETR }));
    release({ accepted: true });
    const record = await pending;

    // Assert
    expect(outcome.changes.map((c) => c.to)).toEqual(['SUBMITTED', 'SETTLED']);
    expect(record.status).toBe('SETTLED');
    expect(record.attempts[0]!.ack).toEqual({ accepted: true });
  });

  it('should take host status updates like pacs.002 transactions', async () => {
    // Arrange
    const { engine } = setup();
    const record = await engine.execute(paymentInstruction());

    // Act
    const accepted = engine.receiveStatus({ id: 'cb-1', uetr: UETR, status: 'ACCP' });
    const rejected = engine.receiveStatus({
      id: 'cb-2',
      messageId: record.attempts[0]!.messageId,
      status: 'RJCT',
    });
    const duplicate = engine.receiveStatus({ id: 'cb-2', uetr: UETR, status: 'RJCT' });

    // Assert
    expect(accepted.changes.map((c) => c.to)).toEqual(['ACCEPTED']);
    expect(rejected.results).toMatchObject([
      { status: 'REJECTED', reason: { code: 'NARR' }, cause: 'status' },
    ]);
    expect(duplicate.duplicate).toBe(true);
  });

  it('should refuse unreadable text, and pass over messages that are no confirmations', async () => {
    // Arrange
    const { engine } = setup();
    const pacs008 = buildPacs008([{ ...customerPayment(), messageId: 'IN-1' }]);

    // Act
    const other = engine.receive(pacs008);

    // Assert
    expect(() => engine.receive('<not-iso/>')).toThrow(SettlementFormatError);
    try {
      engine.receive('garbage');
    } catch (error) {
      expect((error as SettlementFormatError).code).toBe(SettlementErrorCodes.INVALID_MESSAGE);
    }
    expect(other.unmatched).toMatchObject([{ reason: 'UNSUPPORTED_MESSAGE', messageType: 'pacs.008' }]);
  });
});

describe('settlement engine: timeouts and retries', () => {
  it('should retry after timeoutMs + backoff with a new message id and the same UETR, then time out', async () => {
    // Arrange: timeout 1000, backoff 100 · 3^(n−1): attempt 2 at +1100, attempt 3 at +1100+1300, out at +3400
    const { engine, rail, time } = setup({ maxAttempts: 3, backoff: { initialMs: 100, multiplier: 3 } });
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-5.00'));

    // Act
    const ticks: { at: number; retried: number; results: string[] }[] = [];
    for (const at of [1000, 1099, 1100, 2399, 2400, 3399, 3400, 9999]) {
      time.set(NOW_MS + at);
      const t = await engine.tick();
      ticks.push({ at, retried: t.retried.length, results: t.results.map((r) => r.status) });
    }

    // Assert
    expect(ticks).toEqual([
      { at: 1000, retried: 0, results: [] },
      { at: 1099, retried: 0, results: [] },
      { at: 1100, retried: 1, results: [] },
      { at: 2399, retried: 0, results: [] },
      { at: 2400, retried: 1, results: [] },
      { at: 3399, retried: 0, results: [] },
      { at: 3400, retried: 0, results: ['TIMED_OUT'] },
      { at: 9999, retried: 0, results: [] },
    ]);
    const ids = rail.requests.map((r) => r.messageId);
    expect(new Set(ids).size).toBe(3);
    expect(rail.requests.map((r) => r.uetr)).toEqual([record.uetr, record.uetr, record.uetr]);
    expect(rail.requests.map((r) => r.endToEndId)).toEqual(Array(3).fill(record.endToEndId));
    const final = engine.get(record.id)!;
    expect(final.history.map((h) => `${h.to}:${h.cause}`)).toEqual([
      'PENDING:execute',
      'SUBMITTED:submitted',
      'SUBMITTED:retry',
      'SUBMITTED:retry',
      'TIMED_OUT:timeout',
    ]);
    expect(final.result).toMatchObject({
      status: 'TIMED_OUT',
      attempts: 3,
      messageId: ids[2],
      reason: { code: SettlementReasonCodes.TIMEOUT },
      completedAt: new Date(NOW_MS + 3400).toISOString(),
    });
  });

  it('should settle on a confirmation of an earlier attempt, but ignore its stale rejection', async () => {
    // Arrange
    const { engine, time } = setup({ maxAttempts: 3, backoff: () => 0 });
    const record = await engine.execute(netInstruction('AAAADEFFXXX', '-5.00'));
    time.advance(1000);
    await engine.tick();
    const [first, second] = engine.get(record.id)!.attempts;

    // Act
    const stale = engine.receive(pacs002({ status: 'RJCT', messageId: first!.messageId }));
    const settled = engine.receive(pacs002({ status: 'ACSC', messageId: first!.messageId }));

    // Assert
    expect(second!.attempt).toBe(2);
    expect(stale.unmatched.map((u) => u.reason)).toEqual(['STALE_ATTEMPT']);
    expect(settled.results).toMatchObject([{ status: 'SETTLED', attempts: 2, messageId: second!.messageId }]);
  });

  it('should not resubmit an ACCEPTED settlement, and time it out after acceptedTimeoutMs', async () => {
    // Arrange
    const { engine, rail, time } = setup({ acceptedTimeoutMs: 5000 });
    const record = await engine.execute(paymentInstruction());
    time.advance(10);
    engine.receive(pacs002({ status: 'PDNG', uetr: UETR }));

    // Act
    time.advance(4999);
    const before = await engine.tick();
    time.advance(1);
    const after = await engine.tick();

    // Assert
    expect(before.results).toEqual([]);
    expect(rail.requests).toHaveLength(1);
    expect(after.results).toMatchObject([{ instructionId: record.id, status: 'TIMED_OUT' }]);
    expect(after.changes).toEqual([{ instructionId: record.id, from: 'ACCEPTED', to: 'TIMED_OUT' }]);
  });

  it('should take the time from tick(nowMs) when given', async () => {
    // Arrange
    const { engine } = setup({ maxAttempts: 1 });
    await engine.execute(paymentInstruction());

    // Act
    const early = await engine.tick(NOW_MS + 999);
    const late = await engine.tick(NOW_MS + 1000);

    // Assert
    expect(early.results).toEqual([]);
    expect(late.results.map((r) => r.completedAt)).toEqual([new Date(NOW_MS + 1000).toISOString()]);
  });
});

describe('settlement engine: options, listing and snapshots', () => {
  it('should refuse bad options', () => {
    // Arrange
    const rail = recordingRail();
    const ok = { rails: [rail], now: () => 0, timeoutMs: 1 };

    // Act / Assert
    for (const bad of [
      { ...ok, rails: [] },
      { ...ok, rails: [rail, rail] },
      { ...ok, now: 5 },
      { ...ok, timeoutMs: 0 },
      { ...ok, maxAttempts: 0 },
      { ...ok, backoff: { multiplier: 0.5 } },
    ]) {
      expect(() => createSettlementEngine(bad as never)).toThrow(InvalidSettlementInputError);
    }
  });

  it('should list records by status and give each UETR', async () => {
    // Arrange
    const { engine } = setup();
    const net = netInstruction('AAAADEFFXXX', '-5.00');
    const expected = engine.uetrOf(net);
    await engine.execute(net);
    await engine.execute(paymentInstruction());
    engine.receive(pacs002({ status: 'ACSC', uetr: UETR }));

    // Act / Assert
    expect(engine.get(net.id)!.uetr).toBe(expected);
    expect(engine.uetrOf(paymentInstruction())).toBe(UETR);
    expect(engine.list().map((r) => r.status)).toEqual(['SUBMITTED', 'SETTLED']);
    expect(engine.list({ status: 'SETTLED' })).toHaveLength(1);
    expect(engine.list({ status: ['PENDING', 'SUBMITTED'] })).toHaveLength(1);
  });

  it('should restore from a JSON snapshot and carry on where it stopped', async () => {
    // Arrange
    const { engine, rail, time } = setup();
    const net = await engine.execute(netInstruction('AAAADEFFXXX', '-5.00'));
    await engine.execute(paymentInstruction(), { payment: customerPayment() });
    engine.receive(pacs002({ status: 'ACSC', uetr: UETR, id: 'P-SNAP' }));
    const text = JSON.stringify(engine.snapshot());

    // Act
    const restored = createSettlementEngine({
      rails: [rail],
      now: time.now,
      timeoutMs: 1000,
      snapshot: JSON.parse(text),
    });
    const duplicate = restored.receive(pacs002({ status: 'ACSC', uetr: UETR, id: 'P-SNAP' }));
    const settled = restored.receive(pacs002({ status: 'ACSC', uetr: net.uetr }));
    const replay = await restored.execute(netInstruction('AAAADEFFXXX', '-5.00'));

    // Assert
    expect(text).not.toMatch(/"minor"/);
    expect(restored.list().map((r) => r.id)).toEqual(engine.list().map((r) => r.id));
    expect(restored.get(net.id)!.instruction.amount).toEqual(money('5.00', 'EUR'));
    expect(duplicate.duplicate).toBe(true);
    expect(settled.results.map((r) => r.instructionId)).toEqual([net.id]);
    expect(replay.status).toBe('SETTLED');
    expect(() =>
      createSettlementEngine({ rails: [rail], now: time.now, timeoutMs: 1, snapshot: {} as never }),
    ).toThrow(SettlementFormatError);
  });
});

describe('settlement engine: amounts', () => {
  it('should match the amount received of a cross-currency route, and a credit on the receiving side', async () => {
    // Arrange: an instruction whose amount received differs from the amount sent
    const { engine } = setup();
    const base = paymentInstruction(UETR, '100.00');
    const instruction = { ...base, amountReceived: money('108.00', 'USD'), currency: 'USD' as const };
    const record = await engine.execute(instruction);

    // Act
    const received = engine.receive(
      camt054({
        amount: money('108.00', 'USD'),
        uetr: UETR,
        creditDebit: 'CRDT',
        endToEndId: record.endToEndId,
      }),
    );

    // Assert
    expect(received.results).toMatchObject([{ status: 'SETTLED', currency: 'USD', cause: 'camt.054' }]);
    expect(received.results[0]!.amount).toEqual(money('100.00', 'EUR'));
  });
});

describe('settlement engine: restoring a submission in flight', () => {
  it('should make an attempt that was in flight at the snapshot due one timeout after it was sent', async () => {
    // Arrange: the rail never answers
    const time = clock();
    const hanging = recordingRail('test-rail', () => new Promise<RailAck>(() => undefined));
    const engine = createSettlementEngine({ rails: [hanging], now: time.now, timeoutMs: 1000 });
    void engine.execute(paymentInstruction());
    await Promise.resolve();
    const snapshot = JSON.parse(JSON.stringify(engine.snapshot()));
    const rail = recordingRail();

    // Act
    const restored = createSettlementEngine({ rails: [rail], now: time.now, timeoutMs: 1000, snapshot });
    const early = await restored.tick(NOW_MS + 999);
    const due = await restored.tick(NOW_MS + 1000);

    // Assert
    expect(restored.list()[0]!.status).toBe('SUBMITTED');
    expect(early.retried).toEqual([]);
    expect(due.retried.map((r) => r.attempts.length)).toEqual([2]);
    expect(rail.requests.map((r) => r.attempt)).toEqual([2]);
  });
});
