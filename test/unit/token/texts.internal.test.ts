/**
 * White-box test of the journal texts handlers write for the records and results they build (they
 * know the key order): each must be exactly what the generic writers give (`recordText`,
 * `encodeResultText`, themselves proven equal to `JSON.stringify` of the JSON form), over seeded random
 * commands in random states: funded or not, frozen or not, texts that need escaping, amounts beyond
 * 2^53.
 */
import { type CurrencyCode, fromMinor } from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Batch } from '../../../src/token/_internal/batch';
import * as handlers from '../../../src/token/_internal/handlers';
import { recordText } from '../../../src/token/_internal/json';
import { encodeResultText } from '../../../src/token/_internal/results';
import { LedgerState } from '../../../src/token/_internal/state';
import type { BankEntry, CommandResult, LedgerCommand } from '../../../src/token/types';

const PARTICIPANTS = ['A', 'B', 'Q"uote\\', 'L\u2028\n', 'S\ud800x'];
const UETRS = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'];
const E2ES = ['E1', 'e"2', 'E\u0001\udfff3'];
const AMOUNTS = [1n, 250n, 99_999n, 2n ** 60n + 7n];
const CURRENCIES: readonly CurrencyCode[] = ['USD', 'JPY'];

const step = fc.oneof(
  fc.record({
    t: fc.constant('mint' as const),
    p: fc.nat(4),
    c: fc.nat(1),
    a: fc.nat(3),
    u: fc.option(fc.nat(1)),
    e: fc.option(fc.nat(2)),
    id: fc.nat(5),
  }),
  fc.record({
    t: fc.constant('entry' as const),
    debit: fc.boolean(),
    c: fc.nat(1),
    a: fc.nat(3),
    u: fc.option(fc.nat(1)),
    e: fc.option(fc.nat(2)),
    n: fc.nat(50),
  }),
  fc.record({
    t: fc.constant('redeem' as const),
    p: fc.nat(4),
    c: fc.nat(1),
    a: fc.nat(3),
    u: fc.option(fc.nat(1)),
    e: fc.option(fc.nat(2)),
    b: fc.option(fc.nat(4)),
    id: fc.nat(5),
  }),
  fc.record({ t: fc.constant('commit' as const) }),
);

function entry(s: {
  debit: boolean;
  c: number;
  a: number;
  u: number | null;
  e: number | null;
  n: number;
}): BankEntry {
  const currency = CURRENCIES[s.c] as CurrencyCode;
  return {
    accountId: `R-${currency}`,
    servicerReference: 'S',
    entryReference: `N${s.n}`,
    creditDebit: s.debit ? 'DBIT' : 'CRDT',
    status: 'BOOK',
    amount: fromMinor(AMOUNTS[s.a] as bigint, currency),
    bookingDate: '2026-12-01',
    ...(s.u === null ? {} : { uetr: UETRS[s.u] as string }),
    ...(s.e === null ? {} : { endToEndId: E2ES[s.e] as string }),
  };
}

/** Checks every text the batch's handlers wrote so far against the generic writers. */
function check(batch: Batch, result: CommandResult): void {
  if (batch.resultText !== undefined) expect(batch.resultText).toBe(encodeResultText(result));
  batch.resultText = undefined;
  for (const [rec, text] of batch.rememberedTexts()) expect(text).toBe(recordText(rec));
}

describe('handler-written journal texts', () => {
  it('should equal the generic writers for every record and result a handler writes (seeded)', () => {
    let checked = 0;
    let redeemed = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const state = new LedgerState();
        let no = 1;
        let batch = new Batch(no, state, {}, 8);
        // Every participant holds tokens (booked in as a bank credit would), so redeems pass.
        for (const participant of PARTICIPANTS)
          for (const currency of CURRENCIES) {
            const token = batch.openToken(currency, participant, 0n);
            const books = batch.books(currency);
            batch.post(books.reserve, books.unallocated, 2n ** 62n);
            batch.post(books.unallocated, token, 2n ** 62n);
          }
        for (const s of steps) {
          if (s.t === 'commit') {
            for (const overlay of state.overlays()) overlay.commit();
            batch = new Batch(++no, state, {}, 8);
            continue;
          }
          let command: LedgerCommand;
          if (s.t === 'mint') {
            const currency = CURRENCIES[s.c] as CurrencyCode;
            command = {
              kind: 'mint',
              id: `mint-${s.id}"\\`,
              participant: PARTICIPANTS[s.p] as string,
              amount: fromMinor(AMOUNTS[s.a] as bigint, currency),
              ...(s.u === null && s.e === null ? { uetr: UETRS[0] as string } : {}),
              ...(s.u === null ? {} : { uetr: UETRS[s.u] as string }),
              ...(s.e === null ? {} : { endToEndId: E2ES[s.e] as string }),
            };
            batch.commandId = command.id;
            check(batch, handlers.mint(batch, command));
            checked++;
          } else if (s.t === 'redeem') {
            const currency = CURRENCIES[s.c] as CurrencyCode;
            command = {
              kind: 'redeem',
              id: `redeem-${s.id}#1`,
              participant: PARTICIPANTS[s.p] as string,
              amount: fromMinor(AMOUNTS[s.a] as bigint, currency),
              ...(s.u === null && s.e === null ? { uetr: UETRS[0] as string } : {}),
              ...(s.u === null ? {} : { uetr: UETRS[s.u] as string }),
              ...(s.e === null ? {} : { endToEndId: E2ES[s.e] as string }),
              ...(s.b === null ? {} : { beneficiary: PARTICIPANTS[s.b] as string }),
            };
            batch.commandId = command.id;
            const result = handlers.redeem(batch, command);
            if (result.status === 'applied') redeemed++;
            check(batch, result);
          } else {
            command = { kind: 'recordBankEntries', id: `feed-${s.n}`, entries: [entry(s)] };
            batch.commandId = command.id;
            check(batch, handlers.recordBankEntries(batch, command));
          }
        }
      }),
      { seed: 1305, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
    expect(redeemed).toBeGreaterThan(20);
  });
});
