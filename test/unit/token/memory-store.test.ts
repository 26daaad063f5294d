/**
 * The in-memory ledger store against the store contract (STYLE.md §5.7: the memory driver runs the
 * contract on every `npm test`).
 */
import { createMemoryLedgerStore, type JournalRecord, type LedgerStore } from 'deltran/token';
import { runLedgerStoreContract } from '../../contract/ledger-store.contract';

interface Tampering {
  journal?: number;
  balance?: string;
}

/** A memory store whose reads can be altered, standing in for someone editing the data at rest. */
function tamperable(): LedgerStore & { tampering: Tampering } {
  const inner = createMemoryLedgerStore();
  const tampering: Tampering = {};
  return {
    tampering,
    name: inner.name,
    begin: () => inner.begin(),
    close: () => inner.close(),
    async load() {
      const state = await inner.load();
      const key = tampering.balance;
      if (key === undefined) return state;
      return {
        ...state,
        accounts: state.accounts.map((a) =>
          a.key === key ? { ...a, creditsPosted: a.creditsPosted + 1n } : a,
        ),
      };
    },
    async *readJournal(after?: number): AsyncIterable<JournalRecord> {
      for await (const record of inner.readJournal(after)) {
        // Changes one digit of an amount: the body still parses, only its hash gives it away.
        yield record.seq === tampering.journal
          ? { ...record, body: record.body.replace(/100000/, '900000') }
          : record;
      }
    },
  };
}

runLedgerStoreContract({
  name: 'memory',
  create: async () => tamperable(),
  reopen: async (store) => store,
  tamper: {
    journal: async (store, seq) => {
      (store as ReturnType<typeof tamperable>).tampering.journal = seq;
    },
    balance: async (store, key) => {
      (store as ReturnType<typeof tamperable>).tampering.balance = key;
    },
  },
});
