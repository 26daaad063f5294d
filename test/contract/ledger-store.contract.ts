/**
 * The contract every token-ledger store driver passes (STYLE.md §5.6): the memory driver on every
 * `npm test`, PostgreSQL in test/integration/postgres.int.test.ts. Raw store semantics first
 * (transactions, conflicts, exact round trips), then the ledger on top of the store (restart,
 * idempotent replays across restarts, tamper detection) and failure injection between any two writes
 * of a batch.
 * @internal
 */
import { fromMinor, money } from 'deltran';
import {
  createTokenLedger,
  type JournalRecord,
  type LedgerCommand,
  type LedgerStore,
  type LedgerStoreTransaction,
  type StoredAccount,
  TokenErrorCodes,
  type TokenLedger,
} from 'deltran/token';
import { afterAll, describe, expect, it } from 'vitest';

/** How a driver's test plugs into the contract. */
export interface LedgerStoreContractOptions {
  /** Shown in the describe title. */
  readonly name: string;
  /** A new, empty store (its own schema, directory …). */
  create(): Promise<LedgerStore>;
  /**
   * A store over the same data, as a restarted process would open it (memory: the same object; a
   * database: a new connection). The old store is abandoned, as after a crash.
   */
  reopen(store: LedgerStore): Promise<LedgerStore>;
  /** Changes stored data behind the ledger's back, to prove `verify` notices. */
  readonly tamper?: {
    /** Rewrites the body of journal record `seq` (amount digits changed). */
    journal(store: LedgerStore, seq: number): Promise<void>;
    /** Changes one account's stored credits. */
    balance(store: LedgerStore, key: string): Promise<void>;
  };
  /** Releases everything the suite created (schemas, pools). */
  cleanup?(): Promise<void>;
}

/** Where a {@link faultyStore} fails: `k` counts the transaction's calls, begin = 0. */
export interface FaultPlan {
  /** Fail on call k of the next transaction: 0 begin, 1 appendJournal, 2 writeAccounts, 3 writeObjects, 4 writeCommands, 5 commit (before it runs), 6 after commit returned. */
  at: number;
  /** Instead of throwing, run this (for example: kill the connection) and let the call proceed. */
  action?: () => Promise<void>;
}

/** Calls a transaction makes in order; writes with nothing to write are skipped by the ledger. */
export const TRANSACTION_STEPS: readonly string[] = [
  'begin',
  'appendJournal',
  'writeAccounts',
  'writeObjects',
  'writeCommands',
  'commit',
  'after commit',
];

/**
 * Wraps a store so that the next transaction fails at one of its calls (or runs an action there):
 * failure injection "between any two writes of a batch".
 */
export function faultyStore(
  inner: LedgerStore,
): LedgerStore & { arm(plan: FaultPlan): void; readonly fired: boolean } {
  let plan: FaultPlan | undefined;
  let fired = false;
  const step = async (k: number): Promise<void> => {
    if (plan === undefined || plan.at !== k) return;
    const current = plan;
    plan = undefined;
    fired = true;
    if (current.action !== undefined) await current.action();
    else throw new Error(`injected failure at ${TRANSACTION_STEPS[k]}`);
  };
  return {
    name: `faulty(${inner.name})`,
    ...(inner.sha256 === undefined ? {} : { sha256: inner.sha256 }),
    load: () => inner.load(),
    readJournal: (after) => inner.readJournal(after),
    close: () => inner.close(),
    arm(next) {
      plan = next;
      fired = false;
    },
    get fired() {
      return fired;
    },
    async begin(): Promise<LedgerStoreTransaction> {
      await step(0);
      const tx = await inner.begin();
      return {
        appendJournal: async (record) => {
          await step(1);
          await tx.appendJournal(record);
        },
        writeAccounts: async (rows) => {
          await step(2);
          await tx.writeAccounts(rows);
        },
        writeObjects: async (rows) => {
          await step(3);
          await tx.writeObjects(rows);
        },
        writeCommands: async (rows) => {
          await step(4);
          await tx.writeCommands(rows);
        },
        commit: async () => {
          await step(5);
          await tx.commit();
          await step(6);
        },
        rollback: () => tx.rollback(),
      };
    },
  };
}

const USD = (text: string) => money(text, 'USD');
const UETR = [
  'eb6305c9-1f7f-49de-aed0-16487c27b42d',
  '7a3f8f62-0d45-4d6f-9d3a-5b2f0c6d8e41',
  'c2d4e6f8-1a3b-4c5d-8e9f-0a1b2c3d4e5f',
];

/** Accounts, a funded mint and a payout: a ledger with every kind of object. */
export const SETUP: readonly LedgerCommand[] = [
  { kind: 'openAccount', id: 'open-a', participant: 'BANKAAAA', currency: 'USD' },
  {
    kind: 'openAccount',
    id: 'open-b',
    participant: 'BANKBBBB',
    currency: 'USD',
    overdraftLimit: USD('50.00'),
  },
  { kind: 'mint', id: 'mint-1', participant: 'BANKAAAA', amount: USD('1000.00'), uetr: UETR[0] as string },
  {
    kind: 'recordBankEntries',
    id: 'feed-1',
    entries: [
      {
        accountId: 'US00RESERVE',
        servicerReference: 'SVC-1',
        entryReference: 'E-1',
        creditDebit: 'CRDT',
        status: 'BOOK',
        amount: USD('1000.00'),
        bookingDate: '2026-12-01',
        uetr: UETR[0] as string,
      },
    ],
  },
  { kind: 'transfer', id: 'pay-1', from: 'BANKAAAA', to: 'BANKBBBB', amount: USD('250.00') },
  { kind: 'redeem', id: 'redeem-1', participant: 'BANKBBBB', amount: USD('100.00'), uetr: UETR[1] as string },
];

/** A batch that writes journal, accounts, objects and commands (every write of a transaction). */
export const BATCH: readonly LedgerCommand[] = [
  { kind: 'transfer', id: 'batch-pay', from: 'BANKAAAA', to: 'BANKBBBB', amount: USD('10.00') },
  { kind: 'hold', id: 'batch-hold', from: 'BANKAAAA', to: 'BANKBBBB', amount: USD('20.00') },
  { kind: 'mint', id: 'batch-mint', participant: 'BANKBBBB', amount: USD('5.00'), uetr: UETR[2] as string },
];

/** What a ledger's state looks like, for equality checks. */
export function snapshotOf(ledger: TokenLedger): unknown {
  return {
    accounts: ledger.accounts(),
    mints: ledger.pendingMints(),
    payouts: ledger.payoutsInFlight(),
    breaks: ledger.breaks({ status: 'all' }),
    head: ledger.head(),
  };
}

const EMPTY_COMMANDS = { ids: [], fingerprints: [], results: [], seqs: [] };

function record(seq: number, prevHash: string, body: string): JournalRecord {
  return { seq, prevHash, hash: `${String(seq).padStart(2, '0')}${'a'.repeat(62)}`, body };
}

function account(key: string, seq: number, credits: bigint): StoredAccount {
  return {
    key,
    currency: 'USD',
    kind: 'token',
    participant: key.slice(5),
    overdraftLimit: 0n,
    bankAccountId: null,
    debitsPosted: 0n,
    creditsPosted: credits,
    debitsPending: 0n,
    creditsPending: 0n,
    seq,
  };
}

async function collect(iterable: AsyncIterable<JournalRecord>): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Registers the contract's tests for one driver. */
export function runLedgerStoreContract(options: LedgerStoreContractOptions): void {
  describe(`ledger store contract: ${options.name}`, () => {
    afterAll(async () => {
      await options.cleanup?.();
    });

    describe('the store', () => {
      it('should load an empty store as no head and empty tables', async () => {
        // Arrange
        const store = await options.create();
        // Act
        const state = await store.load();
        // Assert
        expect(state).toEqual({ accounts: [], objects: [], commands: EMPTY_COMMANDS });
        expect(await collect(store.readJournal())).toEqual([]);
      });

      it('should commit every write of a transaction together and read them back exactly', async () => {
        // Arrange
        const store = await options.create();
        const huge = 10n ** 38n - 1n;
        const body = '{"v":1,"text":"Zürich € 漢字 \\n \\u0000"}';
        // Act
        const tx = await store.begin();
        await tx.appendJournal(record(1, '0'.repeat(64), body));
        await tx.writeAccounts([
          account('xUSD/A', 1, huge),
          {
            ...account('USD/reserve', 1, 0n),
            kind: 'reserve',
            participant: null,
            bankAccountId: 'ACC-1',
            debitsPosted: -5n,
          },
        ]);
        await tx.writeObjects([
          {
            type: 'mint',
            key: 'm-1',
            value: { id: 'm-1', amountMinor: '12', nested: [1, 'x', null, true] },
            seq: 1,
          },
        ]);
        await tx.writeCommands({
          ids: ['cmd-1'],
          fingerprints: [2 ** 52 - 1],
          results: [['transfer', 0]],
          seqs: [1],
        });
        await tx.commit();
        const state = await store.load();
        // Assert
        expect(state.head).toEqual({ seq: 1, hash: record(1, '', '').hash });
        expect(state.accounts).toHaveLength(2);
        expect(state.accounts.find((a) => a.key === 'xUSD/A')).toEqual(account('xUSD/A', 1, huge));
        expect(state.accounts.find((a) => a.key === 'USD/reserve')).toMatchObject({
          debitsPosted: -5n,
          bankAccountId: 'ACC-1',
          participant: null,
        });
        expect(state.objects).toEqual([
          {
            type: 'mint',
            key: 'm-1',
            value: { id: 'm-1', amountMinor: '12', nested: [1, 'x', null, true] },
            seq: 1,
          },
        ]);
        expect(state.commands).toEqual({
          ids: ['cmd-1'],
          fingerprints: [2 ** 52 - 1],
          results: [['transfer', 0]],
          seqs: [1],
        });
        expect((await collect(store.readJournal()))[0]?.body).toBe(body);
      });

      it('should replace account rows and objects, and read the journal in seq order after a seq', async () => {
        // Arrange: more than 9 records, so that an ordering on seq as text would show (10 < 2)
        const store = await options.create();
        let prev = '0'.repeat(64);
        for (let seq = 1; seq <= 12; seq++) {
          const tx = await store.begin();
          const next = record(seq, prev, `{"seq":${seq}}`);
          await tx.appendJournal(next);
          await tx.writeAccounts([account('xUSD/A', seq, BigInt(seq))]);
          await tx.writeObjects([{ type: 'hold', key: 'h', value: { seq }, seq }]);
          await tx.writeCommands({
            ids: [`c${seq}`],
            fingerprints: [seq],
            results: [['hold', { status: 'applied', n: seq }]],
            seqs: [seq],
          });
          await tx.commit();
          prev = next.hash;
        }
        // Act
        const state = await store.load();
        const after1 = await collect(store.readJournal(1));
        // Assert
        expect(state.accounts).toEqual([account('xUSD/A', 12, 12n)]);
        expect(state.objects).toEqual([{ type: 'hold', key: 'h', value: { seq: 12 }, seq: 12 }]);
        expect(state.commands.ids).toHaveLength(12);
        const second = state.commands.ids.indexOf('c2');
        expect([
          state.commands.fingerprints[second],
          state.commands.results[second],
          state.commands.seqs[second],
        ]).toEqual([2, ['hold', { status: 'applied', n: 2 }], 2]);
        expect(after1.map((r) => r.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        expect(state.head?.seq).toBe(12);
      });

      it('should discard a rolled-back transaction and hide uncommitted writes', async () => {
        // Arrange
        const store = await options.create();
        const tx = await store.begin();
        await tx.appendJournal(record(1, '0'.repeat(64), '{}'));
        await tx.writeAccounts([account('xUSD/A', 1, 7n)]);
        // Act
        const during = await store.load();
        await tx.rollback();
        await tx.rollback();
        const after = await store.load();
        // Assert
        expect(during).toEqual({ accounts: [], objects: [], commands: EMPTY_COMMANDS });
        expect(after).toEqual({ accounts: [], objects: [], commands: EMPTY_COMMANDS });
      });

      it('should refuse a record that is not head + 1 with TOKEN_STORE_CONFLICT', async () => {
        // Arrange
        const store = await options.create();
        const tx = await store.begin();
        // Act
        const failure = (async () => {
          await tx.appendJournal(record(2, '0'.repeat(64), '{}'));
          await tx.commit();
        })();
        // Assert
        await expect(failure).rejects.toMatchObject({ code: TokenErrorCodes.STORE_CONFLICT });
        await tx.rollback();
        expect((await store.load()).head).toBeUndefined();
      });

      it('should let exactly one of two writers extend the same head', async () => {
        // Arrange
        const store = await options.create();
        const first = await store.begin();
        const second = await store.begin();
        const attempt = async (tx: LedgerStoreTransaction, tag: string) => {
          await tx.appendJournal(record(1, '0'.repeat(64), `{"by":"${tag}"}`));
          await tx.commit();
        };
        // Act: the first appends, then both try to commit
        const outcomes = await Promise.allSettled([attempt(first, 'first'), attempt(second, 'second')]);
        await first.rollback();
        await second.rollback();
        // Assert
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejectedOutcome = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(rejectedOutcome.reason).toMatchObject({ code: TokenErrorCodes.STORE_CONFLICT });
        expect(await collect(store.readJournal())).toHaveLength(1);
      });

      it('should make close idempotent, and refuse use after it', async () => {
        // Arrange
        const store = await options.create();
        await store.load();
        // Act
        await store.close();
        await store.close();
        // Assert
        await expect(store.load()).rejects.toMatchObject({ code: TokenErrorCodes.CLOSED });
      });
    });

    describe('a ledger on the store', () => {
      it('should restart from the store with the same balances, objects and results', async () => {
        // Arrange
        const store = await options.create();
        const ledger = await createTokenLedger({ store });
        await ledger.execute(SETUP);
        const before = snapshotOf(ledger);
        // Act: a new process opens the same data (the first one is abandoned, as in a crash)
        const restarted = await createTokenLedger({ store: await options.reopen(store) });
        const replay = await restarted.transfer({
          id: 'pay-1',
          from: 'BANKAAAA',
          to: 'BANKBBBB',
          amount: USD('250.00'),
        });
        // Assert
        expect(snapshotOf(restarted)).toEqual(before);
        expect(replay).toMatchObject({ status: 'applied', replayed: true });
        expect(restarted.balance('BANKBBBB', 'USD')?.balance).toEqual(USD('150.00'));
        expect(restarted.getPayout('redeem-1')).toMatchObject({ status: 'in-flight', amount: USD('100.00') });
        expect((await restarted.verify()).ok).toBe(true);
        expect(restarted.position('USD')).toMatchObject({ balanced: true, reserve: USD('1000.00') });
      });

      it('should refuse a reused id with another payload after a restart, changing nothing', async () => {
        // Arrange
        const store = await options.create();
        const ledger = await createTokenLedger({ store });
        await ledger.execute(SETUP);
        const restarted = await createTokenLedger({ store: await options.reopen(store) });
        const before = snapshotOf(restarted);
        // Act
        const attempt = restarted.transfer({
          id: 'pay-1',
          from: 'BANKAAAA',
          to: 'BANKBBBB',
          amount: USD('1.00'),
        });
        // Assert
        await expect(attempt).rejects.toMatchObject({ code: TokenErrorCodes.IDEMPOTENCY_CONFLICT });
        expect(snapshotOf(restarted)).toEqual(before);
      });

      it('should keep amounts exact at the edge of 18 digits', async () => {
        // Arrange
        const store = await options.create();
        const ledger = await createTokenLedger({ store });
        const big = fromMinor(999_999_999_999_999_999n, 'USD');
        await ledger.openAccount({ id: 'o', participant: 'A', currency: 'USD' });
        await ledger.mint({ id: 'm', participant: 'A', amount: big, endToEndId: 'E2E-BIG' });
        await ledger.recordBankEntries({
          id: 'f',
          entries: [
            {
              accountId: 'R',
              servicerReference: 'S',
              entryReference: '',
              creditDebit: 'CRDT',
              status: 'BOOK',
              amount: big,
              bookingDate: '2026-12-01',
              endToEndId: 'E2E-BIG',
            },
          ],
        });
        // Act
        const restarted = await createTokenLedger({ store: await options.reopen(store) });
        // Assert
        expect(restarted.balance('A', 'USD')?.balance).toEqual(big);
        expect((await restarted.verify()).ok).toBe(true);
      });

      it.skipIf(options.tamper === undefined)(
        'should detect a rewritten journal record and a changed balance',
        async () => {
          // Arrange
          const store = await options.create();
          const ledger = await createTokenLedger({ store });
          await ledger.execute(SETUP);
          // Act
          await options.tamper?.journal(store, 1);
          const journalReport = await ledger.verify();
          const reopenedJournal = createTokenLedger({ store: await options.reopen(store) });
          // Assert
          expect(journalReport.ok).toBe(false);
          expect(journalReport.problems.some((p) => p.path.join('/') === 'journal/1/hash')).toBe(true);
          await expect(reopenedJournal).rejects.toMatchObject({ code: TokenErrorCodes.JOURNAL_CORRUPT });

          // Arrange (balance)
          const second = await options.create();
          const other = await createTokenLedger({ store: second });
          await other.execute(SETUP);
          // Act
          await options.tamper?.balance(second, 'xUSD/BANKAAAA');
          const balanceReport = await other.verify();
          // Assert
          expect(balanceReport.ok).toBe(false);
          expect(
            balanceReport.problems.some((p) => p.path.join('/').startsWith('store/accounts/xUSD/BANKAAAA')),
          ).toBe(true);
        },
      );
    });

    describe('failure injected between any two writes of a batch', () => {
      for (let at = 0; at < TRANSACTION_STEPS.length; at++) {
        const committed = at === TRANSACTION_STEPS.length - 1;
        it(`should leave ${committed ? 'all-after' : 'all-before'} when ${TRANSACTION_STEPS[at]} fails`, async () => {
          // Arrange
          const inner = await options.create();
          const store = faultyStore(inner);
          const ledger = await createTokenLedger({ store });
          await ledger.execute(SETUP);
          const before = snapshotOf(ledger);
          // The state after the batch, from a twin ledger that runs it without failure.
          const twin = await createTokenLedger();
          await twin.execute(SETUP);
          await twin.execute(BATCH);
          const after = snapshotOf(twin);
          store.arm({ at });
          // Act
          const failure = ledger.execute(BATCH);
          // Assert: the caller sees a store error, the ledger's memory is still all-before
          await expect(failure).rejects.toMatchObject({ code: TokenErrorCodes.STORE_FAILED });
          expect(store.fired).toBe(true);
          expect(snapshotOf(ledger)).toEqual(before);
          // A restarted ledger sees exactly one of the two states
          const restarted = await createTokenLedger({ store: await options.reopen(inner) });
          expect(snapshotOf(restarted)).toEqual(committed ? after : before);
          expect((await restarted.verify()).ok).toBe(true);
          // Retrying the same batch applies it once (or replays it when it had committed)
          const retry = await ledger.execute(BATCH);
          expect(retry.status).toBe(committed ? 'replayed' : 'applied');
          expect(retry.results.every((r) => r.replayed === committed)).toBe(true);
          expect(snapshotOf(ledger)).toMatchObject({ accounts: (after as { accounts: unknown }).accounts });
          expect((await ledger.verify()).ok).toBe(true);
        });
      }
    });
  });
}
