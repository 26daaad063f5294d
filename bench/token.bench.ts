/**
 * Token ledger benchmarks (issue 5, STYLE.md §7): transfers per second in batches in memory (with the
 * portable SHA-256 and with node:crypto's), the same on PostgreSQL, and settleBatch of netting
 * results of 100K obligations (gross: 100K instructions; bilateral; multilateral).
 *
 * Inputs are generated once, before timing (§7.2): transfer batches with fresh command ids (a replay
 * would take the idempotent fast path and measure nothing), netting results from the shared seeded
 * obligation generator. Each ledger is checked once before timing (§7.3): a batch applies, the books
 * balance, the journal verifies. The memory ledger carries a history of HISTORY transfers before
 * timing, so the idempotency index is the size of a ledger that has been running for a while.
 *
 *   npm run bench -- token
 *   TOKEN_BENCH_PG=postgres://postgres@127.0.0.1:5432/test npm run bench -- token   (the default URL)
 *   TOKEN_BENCH_PG=off npm run bench -- token                                       (skip PostgreSQL)
 */
import { createHash } from 'node:crypto';
import { Socket } from 'node:net';
import { Bench } from 'tinybench';
import { createPostgresLedgerStore } from '../src/adapters/postgres/index';
import { type CurrencyCode, fromMinor, money } from '../src/index';
import { type NettingInstruction, net } from '../src/netting/index';
import { createTokenLedger, type LedgerCommand, type TokenLedger } from '../src/token/index';
import { generateNetwork } from '../test/arbitraries/obligations';
import { BENCH_SEED, type Extra, report } from './_lib';

/** TigerBeetle's batch size. */
const BATCH = 8_190;
const PARTICIPANTS = 1_000;
/** Transfers already in the memory ledger before timing. */
const HISTORY = 40 * BATCH;
const MEMORY_ITERATIONS = 40;
const PG_ITERATIONS = 8;
const SETTLE_OBLIGATIONS = 100_000;
const SETTLE_ITERATIONS = 15;
const PG_URL = process.env.TOKEN_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET = { memory: '≥ 500,000 transfers/s', postgres: '≥ 10,000 transfers/s', settle: '≤ 100 ms' };

const nativeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A deterministic stream of transfer batches between PARTICIPANTS, with fresh ids (`<prefix>-<n>`, ~10 characters). */
function transferBatches(prefix: string, count: number, seed: number): LedgerCommand[][] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state;
  };
  const names = Array.from({ length: PARTICIPANTS }, (_, i) => `BANK${String(i).padStart(4, '0')}`);
  const out: LedgerCommand[][] = [];
  let n = 0;
  for (let b = 0; b < count; b++) {
    const batch: LedgerCommand[] = new Array(BATCH);
    for (let i = 0; i < BATCH; i++, n++) {
      const from = next() % PARTICIPANTS;
      const to = (from + 1 + (next() % (PARTICIPANTS - 1))) % PARTICIPANTS;
      batch[i] = {
        kind: 'transfer',
        id: `${prefix}-${n}`,
        from: names[from] as string,
        to: names[to] as string,
        amount: fromMinor(BigInt(1 + (next() % 100_000)), 'USD'),
      };
    }
    out.push(batch);
  }
  return out;
}

/** Opens every participant with a wide overdraft (transfers never bounce) and funds BANK0000. */
async function populate(
  ledger: TokenLedger,
  participants: Iterable<string>,
  currencies: readonly CurrencyCode[],
): Promise<void> {
  const open: LedgerCommand[] = [];
  for (const currency of currencies) {
    for (const participant of participants) {
      open.push({
        kind: 'openAccount',
        id: `open-${currency}-${participant}`,
        participant,
        currency,
        overdraftLimit: money('1000000000000', currency),
      });
    }
  }
  const result = await ledger.execute(open);
  if (result.status !== 'applied') throw new Error('bench setup: opening accounts failed');
}

async function check(ledger: TokenLedger, label: string): Promise<void> {
  const report = await ledger.verify();
  if (!report.ok) throw new Error(`${label}: journal does not verify: ${report.problems[0]?.message}`);
  for (const currency of ledger.currencies()) {
    if (!ledger.position(currency).balanced) throw new Error(`${label}: ${currency} books do not balance`);
  }
}

function reachable(url: string): Promise<boolean> {
  if (url === 'off') return Promise.resolve(false);
  const { hostname, port } = new URL(url);
  return new Promise((resolveReachable) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolveReachable(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || 5432), hostname || '127.0.0.1', () => done(true));
  });
}

const names = Array.from({ length: PARTICIPANTS }, (_, i) => `BANK${String(i).padStart(4, '0')}`);
const extras: Record<string, Extra> = {};

/**
 * CPU time per task (process.cpuUsage: this process's threads, GC helpers included). On a shared
 * machine wall-clock medians swing with other people's load; CPU time per item swings much less.
 */
const cpu = new Map<string, { micros: number; runs: number; items: number }>();
function timed(name: string, items: number, run: () => Promise<unknown>): () => Promise<void> {
  const entry = { micros: 0, runs: 0, items };
  cpu.set(name, entry);
  return async () => {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    entry.micros += used.user + used.system;
    entry.runs++;
  };
}
function withCpu(names: readonly string[]): void {
  for (const name of names) {
    const entry = cpu.get(name);
    const extra = extras[name];
    if (entry === undefined || extra === undefined || entry.runs === 0) continue;
    const perSecond = Math.round((entry.items * entry.runs * 1e6) / entry.micros);
    extras[name] = {
      ...extra,
      note: `${extra.note ?? ''}; CPU-time rate ${perSecond.toLocaleString('en')}/s`,
    };
  }
}

// ── in memory ────────────────────────────────────────────────────────────────────────────────
const memory = new Bench({ time: 0, iterations: MEMORY_ITERATIONS, warmupTime: 0, warmupIterations: 3 });
for (const [label, tag, sha256] of [
  ['portable SHA-256', 'p', undefined],
  ['node:crypto SHA-256', 'n', nativeSha256],
] as const) {
  const ledger = await createTokenLedger(sha256 === undefined ? {} : { sha256 });
  await populate(ledger, names, ['USD']);
  for (const batch of transferBatches(`h${tag}`, HISTORY / BATCH, BENCH_SEED)) await ledger.execute(batch);
  const batches = transferBatches(`r${tag}`, MEMORY_ITERATIONS + 8, BENCH_SEED + 1);
  const first = await ledger.execute(batches[0] as LedgerCommand[]);
  if (first.status !== 'applied') throw new Error('bench check: a transfer batch was rejected');
  await check(ledger, label);
  let next = 1;
  const name = `memory: ${BATCH} transfers/batch, ${label}`;
  memory.add(
    name,
    timed(name, BATCH, async () => {
      // More calls than batches generated would be a tinybench change: fail loudly rather than replay.
      const batch = batches[next++];
      if (batch === undefined) throw new Error('bench: ran out of pre-generated batches');
      await ledger.execute(batch);
    }),
  );
  extras[name] = {
    itemsPerRun: BATCH,
    note: `target ${TARGET.memory}; history ${HISTORY.toLocaleString('en')} transfers`,
  };
}
await memory.run();
withCpu(memory.tasks.map((t) => t.name));
report('token-memory', memory, extras);

// ── settleBatch of netting results ───────────────────────────────────────────────────────────
const obligations = generateNetwork({
  obligations: SETTLE_OBLIGATIONS,
  participants: PARTICIPANTS,
  seed: BENCH_SEED,
});
const settle = new Bench({ time: 0, iterations: SETTLE_ITERATIONS, warmupTime: 0, warmupIterations: 2 });
for (const mode of ['gross', 'bilateral', 'multilateral'] as const) {
  const result = net(obligations, { mode });
  const instructions: readonly NettingInstruction[] = result.instructions;
  const ledger = await createTokenLedger();
  const participants = new Set<string>();
  const currencies = new Set<CurrencyCode>();
  for (const instruction of instructions) {
    participants.add(instruction.from);
    participants.add(instruction.to);
    currencies.add(instruction.currency);
  }
  await populate(ledger, participants, [...currencies]);
  const firstSettle = await ledger.settleBatch({ id: `${mode}-check`, instructions });
  if (firstSettle.status !== 'applied')
    throw new Error(`bench check: settleBatch (${mode}) was rejected: ${firstSettle.message}`);
  await check(ledger, `settle ${mode}`);
  let iteration = 0;
  const name = `settleBatch: ${mode} netting of ${SETTLE_OBLIGATIONS / 1000}K obligations (${instructions.length.toLocaleString('en')} instructions)`;
  settle.add(
    name,
    timed(name, instructions.length, () =>
      ledger.settleBatch({ id: `${mode}-${iteration++}`, instructions }),
    ),
  );
  extras[name] = {
    itemsPerRun: instructions.length,
    note: `target ${TARGET.settle} (the issue's figure is for 100K instructions)`,
  };
}
await settle.run();
withCpu(settle.tasks.map((t) => t.name));
report('token-settle', settle, extras);

// ── PostgreSQL ──────────────────────────────────────────────────────────────────────────────
if (await reachable(PG_URL)) {
  const schema = `token_bench_${process.pid}`;
  const store = createPostgresLedgerStore({ connectionString: PG_URL, schema });
  const ledger = await createTokenLedger({ store });
  await populate(ledger, names, ['USD']);
  const batches = transferBatches('pg', PG_ITERATIONS + 6, BENCH_SEED + 2);
  const first = await ledger.execute(batches[0] as LedgerCommand[]);
  if (first.status !== 'applied') throw new Error('bench check: a PostgreSQL transfer batch was rejected');
  await check(ledger, 'postgres');
  let next = 1;
  const postgres = new Bench({ time: 0, iterations: PG_ITERATIONS, warmupTime: 0, warmupIterations: 1 });
  const name = `postgres: ${BATCH} transfers/batch, one transaction each`;
  postgres.add(
    name,
    timed(name, BATCH, async () => {
      const batch = batches[next++];
      if (batch === undefined) throw new Error('bench: ran out of pre-generated batches');
      await ledger.execute(batch);
    }),
  );
  extras[name] = { itemsPerRun: BATCH, note: `target ${TARGET.postgres}` };
  await postgres.run();
  withCpu([name]);
  report('token-postgres', postgres, extras);
  await check(ledger, 'postgres after');
  await ledger.close();
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
} else {
  console.log(`\n## token-postgres\nskipped: PostgreSQL not reachable at ${PG_URL}`);
}
