/**
 * Model-based test of the token ledger (STYLE.md §6.3, as fast-check's CounterCommands): random
 * sequences of mints, bank credits and debits, transfers, settlements, holds, redeems, breaks,
 * replays, restarts and crashes between any two writes of a batch, checking the invariants
 * after every step. The model is the bank: what it booked on the reserve account, and nothing of the
 * ledger's own rules, so the checks do not re-implement the code under test (STYLE.md §6.4).
 */
import { type CurrencyCode, formatMoney, fromMinor } from 'deltran';
import {
  type BankEntry,
  type BankStatement,
  createMemoryLedgerStore,
  createTokenLedger,
  type LedgerCommand,
  type LedgerStore,
  type TokenLedger,
} from 'deltran/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultyStore, snapshotOf } from '../../contract/ledger-store.contract';

const CURRENCIES = ['USD', 'AED'] as const satisfies readonly CurrencyCode[];
const PARTICIPANTS = ['A', 'B', 'C'] as const;
const RESERVE: Record<string, string> = { USD: 'US-RESERVE', AED: 'AE-RESERVE' };
/** Payment references mints and credits draw from, so that they meet. */
const UETRS = Array.from({ length: 6 }, (_, i) => `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

interface Model {
  /** Every booked entry the bank sent, in order (replays of it excluded). */
  readonly feed: BankEntry[];
  /** The bank's booked balance per currency: Σ credits − Σ debits of distinct entries. */
  readonly bank: Record<string, bigint>;
  /** Payouts the ledger asked the bank to make: id, reference, amount, whether the bank paid. */
  readonly payouts: { id: string; currency: CurrencyCode; uetr: string; minor: bigint; paid: boolean }[];
  readonly holds: string[];
  /** Every batch run so far (to replay). */
  readonly batches: LedgerCommand[][];
  next: number;
}

interface Real {
  ledger: TokenLedger;
  readonly store: ReturnType<typeof faultyStore>;
  readonly inner: LedgerStore;
}

const fresh = (model: Model, prefix: string): string => `${prefix}-${model.next++}`;

function booked(
  model: Model,
  fields: Pick<BankEntry, 'creditDebit' | 'amount'> & Partial<BankEntry>,
): BankEntry {
  const n = model.next++;
  return {
    accountId: RESERVE[fields.amount.currency] as string,
    servicerReference: `SVC${n}`,
    entryReference: `N${n}`,
    status: 'BOOK',
    bookingDate: '2026-12-01',
    ...fields,
  };
}

async function send(model: Model, real: Real, entries: BankEntry[]): Promise<void> {
  const result = await run(model, real, [{ kind: 'recordBankEntries', id: fresh(model, 'feed'), entries }]);
  entries.forEach((entry, i) => {
    expect(result[0]?.entries?.[i]?.status).not.toBe('duplicate');
    model.feed.push(entry);
    const signed = entry.creditDebit === 'CRDT' ? entry.amount.minor : -entry.amount.minor;
    model.bank[entry.amount.currency] = (model.bank[entry.amount.currency] ?? 0n) + signed;
  });
}

async function run(model: Model, real: Real, batch: LedgerCommand[]) {
  const result = await real.ledger.execute(batch, { atomic: false });
  model.batches.push(batch);
  return result.results;
}

/** The invariants, checked after every step. */
async function checkInvariants(model: Model, real: Real): Promise<void> {
  const ledger = real.ledger;
  const report = await ledger.verify();
  expect(report.problems).toEqual([]);
  const mintedFrom = new Set<string>();
  for (const currency of ledger.currencies()) {
    const position = ledger.position(currency);
    // reserve = Σ token balances + unallocated + payout in flight; debits = credits
    expect(position.balanced).toBe(true);
    expect(position.totalDebits).toEqual(position.totalCredits);
    // token supply ≤ confirmed reserve; system accounts never negative
    expect(position.tokenSupply.minor).toBeLessThanOrEqual(position.reserve.minor);
    expect(position.unallocated.minor).toBeGreaterThanOrEqual(0n);
    expect(position.payoutInFlight.minor).toBeGreaterThanOrEqual(0n);
    expect(position.reserve.minor).toBeGreaterThanOrEqual(0n);
    // the reserve moves only on booked entries: it is the sum of the posted ones
    let posted = 0n;
    let credits = 0n;
    for (const entry of model.feed) {
      if (entry.amount.currency !== currency) continue;
      const rec = ledger.getBankEntry(`${entry.servicerReference}/${entry.entryReference}`);
      expect(rec).toBeDefined();
      if (entry.creditDebit === 'CRDT') credits += entry.amount.minor;
      if (rec?.state !== 'held')
        posted += entry.creditDebit === 'CRDT' ? entry.amount.minor : -entry.amount.minor;
    }
    expect(position.reserve.minor).toBe(posted);
    // no mint without a booked credit, never more than it, each credit funding one mint at most
    let minted = 0n;
    for (const account of ledger.accounts(currency)) {
      expect(account.balance.minor - account.held.minor).toBeGreaterThanOrEqual(
        -account.overdraftLimit.minor,
      );
    }
    for (const batch of model.batches) {
      for (const command of batch) {
        if (command.kind !== 'mint' || command.amount.currency !== currency) continue;
        const mint = ledger.getMint(command.id);
        if (mint?.status !== 'minted') continue;
        const funding = ledger.getBankEntry(mint.fundedBy as string);
        expect(funding).toMatchObject({ creditDebit: 'CRDT', amount: mint.amount });
        expect(mintedFrom.has(mint.fundedBy as string)).toBe(false);
        mintedFrom.add(mint.fundedBy as string);
        minted += mint.amount.minor;
      }
    }
    expect(minted).toBeLessThanOrEqual(credits);
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;

const amount = fc.bigInt({ min: 1n, max: 5_000n });
/** Funding amounts come from a short list, so that mints and credits agree often (and disagree sometimes). */
const funding = fc.constantFrom(100n, 500n, 2_500n);
const currency = fc.constantFrom(...CURRENCIES);
const participant = fc.constantFrom(...PARTICIPANTS);
const pick = fc.nat({ max: 1000 });

class Credit implements Cmd {
  constructor(
    readonly currency: CurrencyCode,
    readonly minor: bigint,
    readonly uetr: number | null,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const entry = booked(model, {
      creditDebit: 'CRDT',
      amount: fromMinor(this.minor, this.currency),
      ...(this.uetr === null ? {} : { uetr: UETRS[this.uetr] as string }),
    });
    await send(model, real, [entry]);
    await checkInvariants(model, real);
  }
  toString = () => `Credit(${this.currency} ${this.minor} ${this.uetr})`;
}

class Mint implements Cmd {
  constructor(
    readonly participant: string,
    readonly currency: CurrencyCode,
    readonly minor: bigint,
    readonly uetr: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const [result] = await run(model, real, [
      {
        kind: 'mint',
        id: fresh(model, 'mint'),
        participant: this.participant,
        amount: fromMinor(this.minor, this.currency),
        uetr: UETRS[this.uetr] as string,
      },
    ]);
    expect(['applied', 'pending', 'rejected']).toContain(result?.status);
    await checkInvariants(model, real);
  }
  toString = () => `Mint(${this.participant} ${this.currency} ${this.minor} u${this.uetr})`;
}

class FundedMint implements Cmd {
  constructor(
    readonly participant: string,
    readonly currency: CurrencyCode,
    readonly minor: bigint,
    readonly creditFirst: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    // A mint and its booked credit, in either order, with a reference of their own.
    const uetr = `c0000000-0000-4000-8000-${String(model.next).padStart(12, '0')}`;
    const id = fresh(model, 'mint');
    const mint = async () =>
      run(model, real, [
        {
          kind: 'mint',
          id,
          participant: this.participant,
          amount: fromMinor(this.minor, this.currency),
          uetr,
        },
      ]);
    const credit = () =>
      send(model, real, [
        booked(model, { creditDebit: 'CRDT', amount: fromMinor(this.minor, this.currency), uetr }),
      ]);
    if (this.creditFirst) await credit();
    await mint();
    if (!this.creditFirst) await credit();
    const frozen = real.ledger.isMintingFrozen(this.currency);
    expect(real.ledger.getMint(id)?.status).toBe(frozen ? 'pending' : 'minted');
    await checkInvariants(model, real);
  }
  toString = () =>
    `FundedMint(${this.participant} ${this.currency} ${this.minor} ${this.creditFirst ? 'credit first' : 'mint first'})`;
}

class Transfer implements Cmd {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly currency: CurrencyCode,
    readonly minor: bigint,
  ) {}
  check = () => this.from !== this.to;
  async run(model: Model, real: Real) {
    const before = real.ledger.balance(this.from, this.currency);
    const [result] = await run(model, real, [
      {
        kind: 'transfer',
        id: fresh(model, 'pay'),
        from: this.from,
        to: this.to,
        amount: fromMinor(this.minor, this.currency),
      },
    ]);
    const room = (before?.available.minor ?? 0n) + (before?.overdraftLimit.minor ?? 0n);
    expect(result?.status).toBe(room >= this.minor ? 'applied' : 'rejected');
    await checkInvariants(model, real);
  }
  toString = () => `Transfer(${this.from}→${this.to} ${this.currency} ${this.minor})`;
}

class Settle implements Cmd {
  constructor(
    readonly legs: readonly { from: string; to: string; currency: CurrencyCode; minor: bigint }[],
  ) {}
  check = () => this.legs.every((l) => l.from !== l.to);
  async run(model: Model, real: Real) {
    const before = real.ledger.accounts();
    const [result] = await run(model, real, [
      {
        kind: 'settleBatch',
        id: fresh(model, 'window'),
        // Netting results carry Money; JSON ones decimal strings: both are accepted.
        instructions: this.legs.map((l) => {
          const value = fromMinor(l.minor, l.currency);
          return {
            from: l.from,
            to: l.to,
            currency: l.currency,
            amount: l.minor % 2n === 0n ? value : formatMoney(value),
          };
        }),
      },
    ]);
    if (result?.status === 'rejected') expect(real.ledger.accounts()).toEqual(before);
    await checkInvariants(model, real);
  }
  toString = () => `Settle(${this.legs.length})`;
}

class Hold implements Cmd {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly currency: CurrencyCode,
    readonly minor: bigint,
  ) {}
  check = () => this.from !== this.to;
  async run(model: Model, real: Real) {
    const id = fresh(model, 'hold');
    const [result] = await run(model, real, [
      { kind: 'hold', id, from: this.from, to: this.to, amount: fromMinor(this.minor, this.currency) },
    ]);
    if (result?.status === 'applied') model.holds.push(id);
    await checkInvariants(model, real);
  }
  toString = () => `Hold(${this.from}→${this.to} ${this.currency} ${this.minor})`;
}

class Resolve implements Cmd {
  constructor(
    readonly which: number,
    readonly post: boolean,
    readonly part: number,
  ) {}
  check = (model: Readonly<Model>) => model.holds.length > 0;
  async run(model: Model, real: Real) {
    const holdId = model.holds[this.which % model.holds.length] as string;
    const hold = real.ledger.getHold(holdId);
    const part =
      hold === undefined
        ? undefined
        : fromMinor((hold.amount.minor * BigInt(this.part)) / 4n, hold.amount.currency);
    const command: LedgerCommand = this.post
      ? {
          kind: 'postHold',
          id: fresh(model, 'post'),
          holdId,
          ...(part === undefined ? {} : { amount: part }),
        }
      : { kind: 'voidHold', id: fresh(model, 'void'), holdId };
    const [result] = await run(model, real, [command]);
    // A hold resolves at most once.
    expect(result?.status).toBe(hold?.status === 'reserved' ? 'applied' : 'rejected');
    await checkInvariants(model, real);
  }
  toString = () => `${this.post ? 'Post' : 'Void'}Hold(#${this.which} ${this.part}/4)`;
}

class Redeem implements Cmd {
  constructor(
    readonly participant: string,
    readonly currency: CurrencyCode,
    readonly part: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    // Redeem a share of what the participant holds (one minor unit when it holds nothing).
    const held = real.ledger.balance(this.participant, this.currency)?.available.minor ?? 0n;
    const minor = held > 0n ? (held * BigInt(this.part) + 3n) / 4n : 1n;
    const uetr = `b0000000-0000-4000-8000-${String(model.next).padStart(12, '0')}`;
    const id = fresh(model, 'redeem');
    const [result] = await run(model, real, [
      { kind: 'redeem', id, participant: this.participant, amount: fromMinor(minor, this.currency), uetr },
    ]);
    if (held <= 0n) expect(result?.status).toBe('rejected');
    if (result?.status === 'applied')
      model.payouts.push({ id, currency: this.currency, uetr, minor, paid: false });
    await checkInvariants(model, real);
  }
  toString = () => `Redeem(${this.participant} ${this.currency} ${this.part}/4)`;
}

class BankPays implements Cmd {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.payouts.some((p) => !p.paid);
  async run(model: Model, real: Real) {
    const open = model.payouts.filter((p) => !p.paid);
    const payout = open[this.which % open.length] as Model['payouts'][number];
    payout.paid = true;
    await send(model, real, [
      booked(model, {
        creditDebit: 'DBIT',
        amount: fromMinor(payout.minor, payout.currency),
        uetr: payout.uetr,
      }),
    ]);
    expect(real.ledger.getPayout(payout.id)?.status).toBe('confirmed');
    await checkInvariants(model, real);
  }
  toString = () => `BankPays(#${this.which})`;
}

class StrayDebit implements Cmd {
  constructor(
    readonly currency: CurrencyCode,
    readonly minor: bigint,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    await send(model, real, [
      booked(model, {
        creditDebit: 'DBIT',
        amount: fromMinor(this.minor, this.currency),
        endToEndId: `FEE${model.next}`,
      }),
    ]);
    expect(real.ledger.isMintingFrozen(this.currency)).toBe(true);
    await checkInvariants(model, real);
  }
  toString = () => `StrayDebit(${this.currency} ${this.minor})`;
}

class ResolveBreak implements Cmd {
  constructor(
    readonly which: number,
    readonly absorb: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const open = real.ledger.breaks();
    if (open.length === 0) return;
    const target = open[this.which % open.length] as (typeof open)[number];
    await run(model, real, [
      {
        kind: 'resolveBreak',
        id: fresh(model, 'fix'),
        breakId: target.id,
        action: this.absorb ? 'absorb' : 'accept',
        note: 'model',
      },
    ]);
    await checkInvariants(model, real);
  }
  toString = () => `ResolveBreak(#${this.which} ${this.absorb ? 'absorb' : 'accept'})`;
}

class ReplayFeed implements Cmd {
  constructor(readonly length: number) {}
  check = (model: Readonly<Model>) => model.feed.length > 0;
  async run(model: Model, real: Real) {
    // Replaying any prefix of the bank feed changes nothing.
    const before = snapshotOf(real.ledger);
    const prefix = model.feed.slice(0, 1 + (this.length % model.feed.length));
    const result = await real.ledger.execute([
      { kind: 'recordBankEntries', id: fresh(model, 'replay'), entries: prefix },
    ]);
    expect(result.results[0]?.entries?.every((e) => e.status === 'duplicate')).toBe(true);
    expect({ ...(snapshotOf(real.ledger) as object), head: null }).toEqual({
      ...(before as object),
      head: null,
    });
    await checkInvariants(model, real);
  }
  toString = () => `ReplayFeed(${this.length})`;
}

class ReplayBatch implements Cmd {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.batches.length > 0;
  async run(model: Model, real: Real) {
    const batch = model.batches[this.which % model.batches.length] as LedgerCommand[];
    const before = snapshotOf(real.ledger);
    const result = await real.ledger.execute(batch, { atomic: false });
    expect(result.status).toBe('replayed');
    expect(snapshotOf(real.ledger)).toEqual(before);
  }
  toString = () => `ReplayBatch(#${this.which})`;
}

class Restart implements Cmd {
  check = () => true;
  async run(_model: Model, real: Real) {
    const before = snapshotOf(real.ledger);
    real.ledger = await createTokenLedger({ store: real.store });
    expect(snapshotOf(real.ledger)).toEqual(before);
  }
  toString = () => 'Restart';
}

class Crash implements Cmd {
  constructor(
    readonly at: number,
    readonly from: string,
    readonly to: string,
    readonly minor: bigint,
  ) {}
  check = () => this.from !== this.to;
  async run(model: Model, real: Real) {
    // A failure between any two writes of a batch leaves all-before (or all-after, once committed).
    const credit = booked(model, {
      creditDebit: 'CRDT',
      amount: fromMinor(this.minor, 'USD'),
      uetr: UETRS[0] as string,
    });
    const batch: LedgerCommand[] = [
      { kind: 'recordBankEntries', id: fresh(model, 'crash-feed'), entries: [credit] },
      {
        kind: 'transfer',
        id: fresh(model, 'crash-pay'),
        from: this.from,
        to: this.to,
        amount: fromMinor(this.minor, 'USD'),
      },
    ];
    const before = snapshotOf(real.ledger);
    real.store.arm({ at: this.at });
    await expect(real.ledger.execute(batch, { atomic: false })).rejects.toThrow();
    expect(snapshotOf(real.ledger)).toEqual(before);
    const retry = await real.ledger.execute(batch, { atomic: false });
    expect(retry.results.every((r) => r.replayed === (this.at === 6))).toBe(true);
    model.batches.push(batch);
    model.feed.push(credit);
    model.bank.USD = (model.bank.USD ?? 0n) + this.minor;
    await checkInvariants(model, real);
  }
  toString = () => `Crash(at ${this.at}, ${this.from}→${this.to} ${this.minor})`;
}

class Reconcile implements Cmd {
  constructor(readonly currency: CurrencyCode) {}
  check = () => true;
  async run(model: Model, real: Real) {
    // Reconciliation never changes balances.
    const entries = model.feed.filter((e) => e.amount.currency === this.currency);
    const statement: BankStatement = {
      kind: 'camt.053',
      accountId: RESERVE[this.currency] as string,
      currency: this.currency,
      openingBooked: { amount: fromMinor(0n, this.currency), date: '2026-12-01' },
      closingBooked: {
        amount: fromMinor(model.bank[this.currency] ?? 0n, this.currency),
        date: '2026-12-01',
      },
      entries,
    };
    const before = real.ledger.accounts();
    const [result] = await run(model, real, [{ kind: 'reconcile', id: fresh(model, 'eod'), statement }]);
    expect(real.ledger.accounts()).toEqual(before);
    const held = entries.filter(
      (e) => real.ledger.getBankEntry(`${e.servicerReference}/${e.entryReference}`)?.state === 'held',
    );
    // A ledger that mirrors every booked entry reconciles clean; a held debit shows as a break.
    if (held.length === 0) expect(result?.report?.status).toBe('clean');
    else expect(result?.report?.breaks.length).toBeGreaterThan(0);
    await checkInvariants(model, real);
  }
  toString = () => `Reconcile(${this.currency})`;
}

const fundedMint = fc
  .tuple(participant, currency, amount, fc.boolean())
  .map(([p, c, a, f]) => new FundedMint(p, c, a, f));
const commands = [
  fundedMint,
  fundedMint,
  fc
    .tuple(currency, funding, fc.option(fc.nat({ max: UETRS.length - 1 }), { nil: null }))
    .map(([c, a, u]) => new Credit(c, a, u)),
  fc
    .tuple(participant, currency, funding, fc.nat({ max: UETRS.length - 1 }))
    .map(([p, c, a, u]) => new Mint(p, c, a, u)),
  fc.tuple(participant, participant, currency, amount).map(([f, t, c, a]) => new Transfer(f, t, c, a)),
  fc
    .array(fc.record({ from: participant, to: participant, currency, minor: amount }), {
      minLength: 1,
      maxLength: 6,
    })
    .map((legs) => new Settle(legs)),
  fc.tuple(participant, participant, currency, amount).map(([f, t, c, a]) => new Hold(f, t, c, a)),
  fc.tuple(pick, fc.boolean(), fc.integer({ min: 0, max: 4 })).map(([w, p, part]) => new Resolve(w, p, part)),
  fc
    .tuple(participant, currency, fc.integer({ min: 1, max: 4 }))
    .map(([p, c, part]) => new Redeem(p, c, part)),
  pick.map((w) => new BankPays(w)),
  fc.tuple(currency, fc.bigInt({ min: 1n, max: 50n })).map(([c, a]) => new StrayDebit(c, a)),
  fc.tuple(pick, fc.boolean()).map(([w, a]) => new ResolveBreak(w, a)),
  pick.map((n) => new ReplayFeed(n)),
  pick.map((w) => new ReplayBatch(w)),
  fc.constant(new Restart()),
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), participant, participant, amount)
    .map(([at, f, t, a]) => new Crash(at, f, t, a)),
  currency.map((c) => new Reconcile(c)),
];

describe('token ledger model', () => {
  it('should keep every invariant after every step of random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'large' }), async (cmds) => {
        const inner = createMemoryLedgerStore();
        const store = faultyStore(inner);
        const ledger = await createTokenLedger({ store });
        const open: LedgerCommand[] = [];
        for (const c of CURRENCIES) {
          for (const p of PARTICIPANTS) {
            open.push({
              kind: 'openAccount',
              id: `open-${c}-${p}`,
              participant: p,
              currency: c,
              // C may go into overdraft: balances never go negative unless a limit says so.
              ...(p === 'C' ? { overdraftLimit: fromMinor(2_000n, c) } : {}),
            });
          }
        }
        const model: Model = { feed: [], bank: {}, payouts: [], holds: [], batches: [open], next: 0 };
        await ledger.execute(open);
        await fc.asyncModelRun(() => ({ model, real: { ledger, store, inner } }), cmds);
      }),
      { numRuns: 60 },
    );
  });
});
