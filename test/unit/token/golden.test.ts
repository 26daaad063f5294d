/**
 * Golden digest of the ledger's observable behaviour over seeded random command streams: every result
 * (with its key order), error, read, journal record (body bytes and hashes) and verify report is
 * hashed, and the digest must equal the one the ledger gave before its per-payment fast paths
 * (docs/perf-notes/token.md, stop 13). A change to any byte of a journal body, any result field or
 * key order, any read or any error message changes the digest. The streams cover every command kind,
 * rejections, atomic aborts, replays, repeats within a batch, id conflicts, invalid input, breaks and
 * their resolution, texts that JSON must escape, amounts beyond 2^53, restarts from a snapshot, from
 * a store that hands objects back with their keys reordered (as PostgreSQL's jsonb does), and store
 * failures at every step of a transaction.
 */
import { createHash } from 'node:crypto';
import { type CurrencyCode, fromMinor, type Money } from 'deltran';
import {
  type BankEntry,
  type BankStatement,
  createMemoryLedgerStore,
  createTokenLedger,
  type LedgerCommand,
  type LedgerStore,
  type MintCommand,
  type RedeemCommand,
  type TokenLedger,
} from 'deltran/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faultyStore } from '../../contract/ledger-store.contract';

const CURRENCIES = ['USD', 'AED', 'JPY'] as const satisfies readonly CurrencyCode[];
const RESERVE: Record<string, string> = { USD: 'US-RESERVE', AED: 'AE-RESERVE', JPY: 'JP-RESERVE' };
// Texts JSON must escape (quote, backslash, control, lone surrogate) or keeps as they are (U+2028, astral).
const PARTICIPANTS = ['A', 'B', 'C', 'Q"uote\\', 'L\u2028\n', 'S\ud800x', 'E😀'];
const UETRS = Array.from({ length: 6 }, (_, i) => `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const E2ES = ['E2E-1', 'E2E-2', 'E2E-3', 'e"4\\', 'E\u0001\udfff5'];
const AMOUNTS = [1n, 50n, 100n, 250n, 1000n, 99_999n, 2n ** 60n + 7n];
const SERVICERS = ['SVC-1', 'SVC/2', 'SVC\\3'];

const nat = (max: number) => fc.nat({ max });

const commandSpec = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({ t: fc.constant('open' as const), p: nat(6), c: nat(2), limit: fc.option(nat(6)) }),
  },
  { weight: 10, arbitrary: fc.record({ t: fc.constant('limit' as const), p: nat(6), c: nat(2), a: nat(6) }) },
  {
    weight: 60,
    arbitrary: fc.record({
      t: fc.constant('mint' as const),
      p: nat(6),
      c: nat(2),
      a: nat(6),
      u: fc.option(nat(11)),
      e: fc.option(nat(9)),
      // Below 3: the mint of a credit booked before (its amount and references).
      mirror: nat(9),
      k: nat(50),
    }),
  },
  {
    weight: 30,
    arbitrary: fc.record({ t: fc.constant('transfer' as const), p: nat(6), q: nat(6), c: nat(2), a: nat(6) }),
  },
  {
    weight: 20,
    arbitrary: fc.record({
      t: fc.constant('settle' as const),
      list: fc.array(fc.record({ p: nat(6), q: nat(6), c: nat(2), a: nat(6), text: fc.boolean() }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
  },
  {
    weight: 20,
    arbitrary: fc.record({ t: fc.constant('hold' as const), p: nat(6), q: nat(6), c: nat(2), a: nat(6) }),
  },
  {
    weight: 20,
    arbitrary: fc.record({ t: fc.constant('postHold' as const), h: nat(20), a: fc.option(nat(6)) }),
  },
  { weight: 10, arbitrary: fc.record({ t: fc.constant('voidHold' as const), h: nat(20) }) },
  {
    weight: 40,
    arbitrary: fc.record({
      t: fc.constant('redeem' as const),
      p: nat(6),
      c: nat(2),
      a: nat(6),
      u: fc.option(nat(11)),
      e: fc.option(nat(9)),
      b: fc.option(nat(6)),
      // Below 5: the participant, currency and amount of a mint issued before.
      mirror: nat(9),
      k: nat(50),
    }),
  },
  { weight: 20, arbitrary: fc.record({ t: fc.constant('cancel' as const), h: nat(20) }) },
  {
    weight: 60,
    arbitrary: fc.record({
      t: fc.constant('entries' as const),
      list: fc.array(
        fc.record({
          debit: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
          // Below 8: the credit of a mint (or the debit of a redeem) issued before, as the bank books it.
          mirror: nat(9),
          k: nat(50),
          c: nat(2),
          a: nat(6),
          u: fc.option(nat(5)),
          e: fc.option(nat(4)),
          s: nat(2),
          n: nat(30),
          status: fc.integer({ min: 0, max: 19 }).map((n) => (n === 0 ? 'PDNG' : n === 1 ? 'INFO' : 'BOOK')),
          acct: nat(9),
          valueDate: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    }),
  },
  {
    weight: 20,
    arbitrary: fc.record({
      t: fc.constant('reconcile' as const),
      kind: fc.constantFrom('camt.052' as const, 'camt.053' as const),
      c: nat(2),
      sent: fc.array(nat(40), { maxLength: 4 }),
      extra: fc.option(nat(6)),
      closing: fc.option(fc.integer({ min: -2000, max: 5000 })),
      opening: fc.option(fc.integer({ min: -2000, max: 5000 })),
    }),
  },
  {
    weight: 20,
    arbitrary: fc.record({
      t: fc.constant('resolve' as const),
      b: nat(20),
      absorb: fc.boolean(),
    }),
  },
  { weight: 20, arbitrary: fc.record({ t: fc.constant('replay' as const), k: nat(200) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('conflict' as const), k: nat(200) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('invalid' as const), v: nat(5) }) },
);

const stepSpec = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      s: fc.constant('batch' as const),
      atomic: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
      commands: fc.array(commandSpec, { minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      s: fc.constant('restart' as const),
      mode: fc.constantFrom('snapshot' as const, 'reorder' as const, 'same' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('fault' as const), at: nat(6) }) },
);

/** JSON of anything the ledger returns, key order kept, bigints and undefined marked. */
function text(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v,
  );
}

/** Object values with their keys sorted as jsonb orders them (length first, then bytes). */
function jsonbOrder(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(jsonbOrder);
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = jsonbOrder((value as Record<string, unknown>)[key]);
  return out;
}

function reordering(inner: LedgerStore): LedgerStore {
  return {
    name: 'reordering',
    load: async () => {
      const state = await inner.load();
      return { ...state, objects: state.objects.map((o) => ({ ...o, value: jsonbOrder(o.value) as never })) };
    },
    readJournal: (after) => inner.readJournal(after),
    begin: () => inner.begin(),
    close: () => inner.close(),
  };
}

interface World {
  ledger: TokenLedger;
  inner: LedgerStore;
  faulty: ReturnType<typeof faultyStore> | undefined;
  /** Whether the ledger's store is wrapped (failures injected; the memory store's fast lane not taken). */
  readonly wrapped: boolean;
  readonly native: boolean;
  readonly issued: LedgerCommand[];
  readonly holds: string[];
  readonly payouts: string[];
  readonly entries: BankEntry[];
  next: number;
}

// GOLDEN_STATS=1 prints what the streams exercised (to keep them meaningful when changing them).
const STATS: Record<string, number> = {};
function count(r: {
  kind: string;
  status: string;
  code?: string;
  entries?: readonly { status: string; code?: string; matched?: { kind: string } }[];
}): void {
  const add = (key: string) => {
    STATS[key] = (STATS[key] ?? 0) + 1;
  };
  add(`${r.kind} ${r.status} ${r.code ?? ''}`);
  for (const o of r.entries ?? []) add(`  entry ${o.status} ${o.code ?? ''} ${o.matched?.kind ?? ''}`);
}
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

async function open(world: World, store: LedgerStore): Promise<void> {
  world.faulty = world.wrapped ? faultyStore(store) : undefined;
  world.ledger = await createTokenLedger({
    store: world.faulty ?? store,
    reserveAccounts: { USD: RESERVE.USD as string },
    ...(world.native ? { sha256: sha } : {}),
  });
}

const amountOf = (a: number, c: number): Money =>
  fromMinor(AMOUNTS[a] as bigint, CURRENCIES[c] as CurrencyCode);

function entryOf(s: EntrySpec): BankEntry {
  const currency = CURRENCIES[s.c] as CurrencyCode;
  return {
    // One in ten on another account: RESERVE_ACCOUNT_MISMATCH.
    accountId: s.acct === 0 ? 'OTHER-ACCOUNT' : (RESERVE[currency] as string),
    servicerReference: SERVICERS[s.s] as string,
    entryReference: s.n % 7 === 0 ? '' : `N${s.n}`,
    creditDebit: s.debit ? 'DBIT' : 'CRDT',
    status: s.status as BankEntry['status'],
    amount: amountOf(s.a, s.c),
    bookingDate: s.n % 5 === 0 ? '2026-12-02' : '2026-12-01',
    ...(s.valueDate ? { valueDate: '2026-12-01' } : {}),
    ...(s.u === null ? {} : { uetr: uetrOf(s.u, s.n) }),
    ...(s.e === null ? {} : { endToEndId: e2eOf(s.e, s.n) }),
  };
}

/** A reference from the shared pool (so that commands meet), else a fresh one. */
const uetrOf = (u: number, n: number): string =>
  UETRS[u] ?? `b0000000-0000-4000-9000-${String(n * 16 + u).padStart(12, '0')}`;
const e2eOf = (e: number, n: number): string => E2ES[e] ?? `E2E-F${n}-${e}`;

function mirrorCredit(world: World, spec: { mirror: number; k: number }): Partial<MintCommand> {
  if (spec.mirror >= 3) return {};
  const credits = world.entries.filter((e) => e.creditDebit === 'CRDT' && e.status === 'BOOK');
  const credit = credits[credits.length - 1 - (spec.k % Math.max(1, credits.length))];
  if (credit === undefined) return {};
  return {
    amount: credit.amount,
    ...(credit.uetr === undefined ? {} : { uetr: credit.uetr }),
    ...(credit.endToEndId === undefined ? {} : { endToEndId: credit.endToEndId }),
  };
}

function mirrorMint(world: World, spec: { mirror: number; k: number }): Partial<RedeemCommand> {
  if (spec.mirror >= 5) return {};
  // Who holds tokens: the participant of a mint, or the payee of a transfer, with its amount.
  const sources = world.issued.flatMap((c) =>
    c.kind === 'mint'
      ? [{ participant: c.participant, amount: c.amount }]
      : c.kind === 'transfer'
        ? [{ participant: c.to, amount: c.amount }]
        : [],
  );
  return sources[sources.length - 1 - (spec.k % Math.max(1, sources.length))] ?? {};
}

interface EntrySpec {
  debit: boolean;
  mirror?: number;
  k?: number;
  c: number;
  a: number;
  u: number | null;
  e: number | null;
  s: number;
  n: number;
  status: string;
  acct: number;
  valueDate: boolean;
}

function build(world: World, spec: CommandSpec): unknown {
  const id = `cmd-${world.next++}`;
  const p = (i: number) => PARTICIPANTS[i] as string;
  const cur = (i: number) => CURRENCIES[i] as CurrencyCode;
  switch (spec.t) {
    case 'open':
      return {
        kind: 'openAccount',
        id,
        participant: p(spec.p),
        currency: cur(spec.c),
        ...(spec.limit === null ? {} : { overdraftLimit: amountOf(spec.limit, spec.c) }),
      };
    case 'limit':
      return {
        kind: 'setOverdraftLimit',
        id,
        participant: p(spec.p),
        currency: cur(spec.c),
        limit: amountOf(spec.a, spec.c),
      };
    case 'mint':
      return {
        kind: 'mint',
        id,
        participant: p(spec.p),
        amount: amountOf(spec.a, spec.c),
        ...(spec.u === null && spec.e === null ? { uetr: UETRS[0] } : {}),
        ...(spec.u === null ? {} : { uetr: uetrOf(spec.u, world.next) }),
        ...(spec.e === null ? {} : { endToEndId: e2eOf(spec.e, world.next) }),
        ...mirrorCredit(world, spec),
      };
    case 'transfer':
      return {
        kind: 'transfer',
        id,
        from: p(spec.p),
        to: p(spec.q === spec.p ? (spec.q + 1) % 7 : spec.q),
        amount: amountOf(spec.a, spec.c),
      };
    case 'settle':
      return {
        kind: 'settleBatch',
        id,
        instructions: spec.list.map((i) => {
          const amount = amountOf(i.a, i.c);
          return {
            from: p(i.p),
            to: p(i.q === i.p ? (i.q + 1) % 7 : i.q),
            currency: cur(i.c),
            amount: i.text ? ((amount.minor % 1000n).toString() === '0' ? '10' : '1.5') : amount,
          };
        }),
      };
    case 'hold':
      return {
        kind: 'hold',
        id,
        from: p(spec.p),
        to: p(spec.q === spec.p ? (spec.q + 1) % 7 : spec.q),
        amount: amountOf(spec.a, spec.c),
      };
    case 'postHold': {
      const holdId = world.holds[spec.h % Math.max(1, world.holds.length)] ?? 'no-hold';
      return { kind: 'postHold', id, holdId, ...(spec.a === null ? {} : { amount: amountOf(spec.a, 0) }) };
    }
    case 'voidHold':
      return {
        kind: 'voidHold',
        id,
        holdId: world.holds[spec.h % Math.max(1, world.holds.length)] ?? 'no-hold',
      };
    case 'redeem':
      return {
        kind: 'redeem',
        id: spec.a % 3 === 0 ? `redeem:${id}#1` : `redeem:${id}`,
        participant: p(spec.p),
        amount: amountOf(spec.a, spec.c),
        ...(spec.u === null && spec.e === null ? { endToEndId: E2ES[0] } : {}),
        ...(spec.u === null ? {} : { uetr: uetrOf(spec.u, world.next) }),
        ...(spec.e === null ? {} : { endToEndId: e2eOf(spec.e, world.next) }),
        ...mirrorMint(world, spec),
        ...(spec.b === null ? {} : { beneficiary: p(spec.b) }),
      };
    case 'cancel':
      return {
        kind: 'cancelPayout',
        id,
        payoutId: world.payouts[spec.h % Math.max(1, world.payouts.length)] ?? 'none',
      };
    case 'entries': {
      const entries = spec.list.map((e) => {
        const entry = entryOf(e);
        if ((e.mirror ?? 9) >= 8) return entry;
        const kind = e.debit ? 'redeem' : 'mint';
        const sources = world.issued.filter((c) => c.kind === kind) as (LedgerCommand & {
          amount: Money;
          uetr?: string;
          endToEndId?: string;
        })[];
        const source = sources[sources.length - 1 - ((e.k ?? 0) % Math.max(1, sources.length))];
        if (source === undefined) return entry;
        const { uetr: _u, endToEndId: _e, ...rest } = entry;
        return {
          ...rest,
          accountId: RESERVE[source.amount.currency] as string,
          amount: source.amount,
          ...(source.uetr === undefined ? {} : { uetr: source.uetr }),
          ...(source.endToEndId === undefined ? {} : { endToEndId: source.endToEndId }),
        };
      });
      return { kind: 'recordBankEntries', id, entries };
    }
    case 'reconcile': {
      const currency = cur(spec.c);
      const sent = spec.sent
        .map((k) => world.entries[k % Math.max(1, world.entries.length)])
        .filter((e): e is BankEntry => e !== undefined && e.amount.currency === currency);
      const extra =
        spec.extra === null
          ? []
          : [
              entryOf({
                debit: false,
                c: spec.c,
                a: spec.extra,
                u: null,
                e: null,
                s: 0,
                n: 900 + world.next,
                status: 'BOOK',
                acct: 1,
                valueDate: false,
              }),
            ];
      const statement: BankStatement = {
        kind: spec.kind,
        statementId: `ST-${world.next}`,
        accountId: RESERVE[currency] as string,
        currency,
        ...(spec.opening === null
          ? {}
          : { openingBooked: { amount: fromMinor(BigInt(spec.opening), currency), date: '2026-12-01' } }),
        ...(spec.closing === null
          ? {}
          : { closingBooked: { amount: fromMinor(BigInt(spec.closing), currency), date: '2026-12-01' } }),
        entries: [...sent, ...extra],
      };
      return { kind: 'reconcile', id, statement };
    }
    case 'resolve': {
      const breaks = world.ledger.breaks({ status: 'all' });
      const target = breaks[spec.b % Math.max(1, breaks.length)];
      return {
        kind: 'resolveBreak',
        id,
        breakId: target?.id ?? 'no-break',
        action: spec.absorb ? 'absorb' : 'accept',
        note: 'n"ote',
      };
    }
    case 'replay':
      return world.issued[spec.k % Math.max(1, world.issued.length)] ?? { kind: 'voidHold', id, holdId: 'x' };
    case 'conflict': {
      const old = world.issued[spec.k % Math.max(1, world.issued.length)];
      return old === undefined
        ? { kind: 'voidHold', id, holdId: 'x' }
        : { kind: 'voidHold', id: old.id, holdId: 'other' };
    }
    case 'invalid':
      return [
        { kind: 'mint', id, participant: 'A', amount: fromMinor(0n, 'USD'), uetr: UETRS[0] },
        {
          kind: 'mint',
          id,
          participant: 'A',
          amount: fromMinor(5n, 'USD'),
          uetr: 'A0000000-0000-4000-8000-000000000000',
        },
        { kind: 'redeem', id, participant: '', amount: fromMinor(5n, 'USD') },
        {
          kind: 'recordBankEntries',
          id,
          entries: [
            {
              accountId: '',
              servicerReference: '',
              entryReference: '',
              creditDebit: 'X',
              status: 'BOOK',
              amount: fromMinor(-1n, 'USD'),
            },
          ],
        },
        { kind: 'teleport', id },
        { kind: 'transfer', id, from: 'A', to: 'A', amount: fromMinor(1n, 'USD') },
      ][spec.v];
  }
}

type CommandSpec = typeof commandSpec extends fc.Arbitrary<infer T> ? T : never;
type StepSpec = typeof stepSpec extends fc.Arbitrary<infer T> ? T : never;

function reads(ledger: TokenLedger, world: World): string {
  const out: unknown[] = [ledger.head(), ledger.currencies(), ledger.accounts()];
  for (const c of ledger.currencies())
    out.push(ledger.position(c), ledger.isMintingFrozen(c), ledger.accounts(c));
  for (const p of PARTICIPANTS) for (const c of CURRENCIES) out.push(ledger.balance(p, c));
  out.push(ledger.pendingMints(), ledger.payoutsInFlight(), ledger.payoutsByPrefix('redeem:'));
  out.push(
    ledger.breaks(),
    ledger.breaks({ status: 'all' }),
    ledger.breaks({ currency: 'USD', status: 'resolved' }),
  );
  for (const command of world.issued.slice(-12)) {
    out.push(ledger.getMint(command.id), ledger.getHold(command.id), ledger.getPayout(command.id));
    out.push(ledger.payoutsByPrefix(`redeem:${command.id}#`));
  }
  for (const e of world.entries.slice(-6))
    out.push(
      ledger.getBankEntry(`${e.servicerReference.replace(/[\\/]/g, (c) => `\\${c}`)}/${e.entryReference}`),
    );
  return text(out);
}

async function runStream(steps: readonly StepSpec[], native: boolean, wrapped: boolean): Promise<string> {
  const hash = createHash('sha256');
  const inner = createMemoryLedgerStore();
  const world = {
    native,
    wrapped,
    issued: [],
    holds: [],
    payouts: [],
    entries: [],
    next: 0,
    inner,
  } as unknown as World;
  await open(world, inner);
  // Accounts for every participant and currency but one (so "no account" still happens); overdraft
  // limits let transfers, holds and settlements pass, and give the payees tokens to redeem.
  const setup: LedgerCommand[] = [];
  for (const [p, participant] of PARTICIPANTS.entries())
    for (const currency of CURRENCIES) {
      if (p === 2 && currency === 'JPY') continue;
      setup.push({
        kind: 'openAccount',
        id: `open-${p}-${currency}`,
        participant,
        currency,
        ...(p < 5 ? { overdraftLimit: fromMinor(p === 0 ? 500n : 1_000_000n, currency) } : {}),
      });
    }
  hash.update(`setup ${text(await world.ledger.execute(setup))}\n`);
  world.issued.push(...setup);
  for (const step of steps) {
    if (step.s === 'restart') {
      if (step.mode === 'snapshot') {
        const snapshot = await world.ledger.exportSnapshot();
        world.inner = createMemoryLedgerStore({ snapshot });
      }
      await open(world, step.mode === 'reorder' ? reordering(world.inner) : world.inner);
      hash.update(`restart ${step.mode}\n${reads(world.ledger, world)}\n`);
      continue;
    }
    if (step.s === 'fault') {
      world.faulty?.arm({ at: step.at });
      continue;
    }
    // Commands are remembered as they are built: a later one of the same batch may mirror them.
    const commands: LedgerCommand[] = [];
    for (const spec of step.commands) {
      const command = build(world, spec) as LedgerCommand;
      commands.push(command);
      if (!world.issued.includes(command)) world.issued.push(command);
      if (command.kind === 'hold') world.holds.push(command.id);
      if (command.kind === 'redeem') world.payouts.push(command.id);
      if (command.kind === 'recordBankEntries' && Array.isArray(command.entries))
        world.entries.push(...command.entries);
    }
    try {
      const result = await world.ledger.execute(commands, { atomic: step.atomic });
      hash.update(`ok ${text(result)}\n`);
      if (process.env.GOLDEN_STATS) for (const r of result.results) count(r);
    } catch (error) {
      const e = error as {
        name?: string;
        code?: string;
        message?: string;
        issues?: unknown;
        path?: unknown;
        index?: unknown;
      };
      if (process.env.GOLDEN_STATS) STATS[`error ${e.code}`] = (STATS[`error ${e.code}`] ?? 0) + 1;
      hash.update(`error ${text([e.name, e.code, e.message, e.issues, e.path, e.index])}\n`);
    }
    hash.update(`${reads(world.ledger, world)}\n`);
  }
  const report = await world.ledger.verify();
  hash.update(`verify ${text(report)}\n`);
  const snapshot = await world.ledger.exportSnapshot();
  hash.update(`journal ${text(snapshot)}\n`);
  await world.ledger.close();
  return hash.digest('hex');
}

describe('token ledger golden digest', () => {
  it('should give the digest of the ledger before the fast paths over seeded random streams', async () => {
    const all = createHash('sha256');
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepSpec, { minLength: 1, maxLength: 50 }),
        fc.boolean(),
        async (steps, native) => {
          all.update(await runStream(steps, native, true));
          all.update(await runStream(steps, native, false));
          runs++;
        },
      ),
      { seed: 20261202, numRuns: 150 },
    );
    if (process.env.GOLDEN_STATS) process.stderr.write(`${JSON.stringify(STATS, null, 1)}\n`);
    expect(runs).toBe(150);
    expect(all.digest('hex').slice(0, 16)).toBe('1b4bf7e4d8dd4d37');
  });
});
