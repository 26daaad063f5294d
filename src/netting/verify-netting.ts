/**
 * `verifyNetting`: an independent re-check of a netting result.
 *
 * @packageDocumentation
 */
import { type CurrencyCode, type Issue, type Money, money } from '../index';
import { ByteWriter, DIGEST_MAGIC } from './_internal/digest';
import { ingest } from './_internal/ingest';
import { ISSUES_MAX } from './_internal/messages';
import { NettingErrorCodes } from './errors';
import { NETTING_MODES } from './netting-modes';
import { stronglyConnectedComponents } from './strongly-connected-components';
import type { NettingMode, NettingResult, Obligation } from './types';

/** The outcome of {@link verifyNetting}: a value, not an exception (STYLE.md §4.5). @public */
export interface NettingVerification {
  /** True when no issue was found. */
  readonly valid: boolean;
  /** Every problem found (up to 100), each with a `NETTING_*` code and a path into the result. */
  readonly issues: readonly Issue[];
}

/** One currency, recomputed from the obligations with maps and bigints only. */
interface Ledger {
  readonly currency: CurrencyCode;
  /** Participants in code-unit order. */
  readonly names: string[];
  readonly index: Map<string, number>;
  /** Gross amount per link, keyed `from * n + to`. */
  readonly links: Map<number, bigint>;
  readonly nets: bigint[];
  obligationCount: number;
}

/**
 * Re-checks a result against the obligations it claims to net, without trusting any of the engine's
 * intermediate data: it recomputes gross and net positions with maps and bigints, and checks that
 * - per currency the positions sum to zero and equal gross received minus gross paid;
 * - the instructions are positive payments between two parties that settle exactly those positions;
 * - the mode's promise holds: gross pays every obligation, bilateral at most one payment per pair,
 *   multilateral Σ net debits in at most n − 1 payments from debtors to creditors, hub one payment per
 *   participant with the hub, conservative only existing links within their amount, without a cycle,
 *   with a valid optimality certificate (so the total is the least possible);
 * - every statistic, and the digest, match what the obligations and the instructions give.
 *
 * @param obligations - the obligations that were netted
 * @param result - the result to check, as returned by `net`
 * @returns `{ valid, issues }`
 * @throws {@link InvalidObligationError} when the obligations themselves are invalid (as `net` would)
 * @example
 * ```ts
 * const result = net(obligations, { mode: 'conservative' });
 * const check = verifyNetting(obligations, result);
 * if (!check.valid) report(check.issues);
 * ```
 * @public
 */
export function verifyNetting(
  obligations: readonly Obligation[],
  result: NettingResult,
): NettingVerification {
  ingest(obligations, 'verifyNetting'); // same validation as net(): bad input is an error, not an issue
  const issues: Issue[] = [];
  const add = (code: string, path: (string | number)[], message: string): void => {
    if (issues.length < ISSUES_MAX)
      issues.push({ code, path, message: `[deltran] verifyNetting: ${message}` });
  };
  const mode = result.mode;
  if (!NETTING_MODES.includes(mode)) {
    add(NettingErrorCodes.MODE_VIOLATION, ['mode'], `unknown mode ${JSON.stringify(mode)}`);
    return { valid: false, issues };
  }
  const hub = mode === 'hub' ? result.hub : undefined;
  if (mode === 'hub' && (typeof hub !== 'string' || hub.length === 0)) {
    add(NettingErrorCodes.MODE_VIOLATION, ['hub'], 'a hub result must name its hub');
    return { valid: false, issues };
  }

  const ledgers = buildLedgers(obligations);
  const byCurrency = new Map(ledgers.map((l) => [l.currency as string, l]));

  // Net positions.
  const seen = new Map<string, Set<string>>();
  result.netPositions.forEach((position, i) => {
    const ledger = byCurrency.get(position.currency);
    const k = ledger?.index.get(position.participant);
    if (ledger === undefined || k === undefined) {
      add(
        NettingErrorCodes.NET_POSITION_MISMATCH,
        ['netPositions', i],
        `${position.participant} has no obligations in ${position.currency}`,
      );
      return;
    }
    if (!sameCurrency(position.amount, ledger.currency) || position.amount.minor !== ledger.nets[k]) {
      add(
        NettingErrorCodes.NET_POSITION_MISMATCH,
        ['netPositions', i, 'amount'],
        `${position.participant} ${ledger.currency}: expected ${ledger.nets[k]} minor units (received − paid), got ${position.amount.minor}`,
      );
    }
    const set = seen.get(ledger.currency) ?? new Set<string>();
    if (set.has(position.participant)) {
      add(
        NettingErrorCodes.NET_POSITION_MISMATCH,
        ['netPositions', i],
        `${position.participant} ${ledger.currency} is listed twice`,
      );
    }
    set.add(position.participant);
    seen.set(ledger.currency, set);
  });
  for (const ledger of ledgers) {
    const set = seen.get(ledger.currency);
    for (const name of ledger.names) {
      if (set?.has(name) !== true) {
        add(
          NettingErrorCodes.NET_POSITION_MISMATCH,
          ['netPositions'],
          `${name} ${ledger.currency} has no net position`,
        );
      }
    }
    let sum = 0n;
    for (const p of result.netPositions) if (p.currency === ledger.currency) sum += p.amount.minor;
    if (sum !== 0n)
      add(
        NettingErrorCodes.UNBALANCED,
        ['netPositions'],
        `${ledger.currency} positions sum to ${sum}, not zero`,
      );
  }

  // Instructions, grouped per currency with their result index.
  const perCurrency = new Map<string, { i: number; from: string; to: string; amount: bigint }[]>();
  result.instructions.forEach((instruction, i) => {
    const ledger = byCurrency.get(instruction.currency);
    if (ledger === undefined) {
      add(
        NettingErrorCodes.INVALID_INSTRUCTION,
        ['instructions', i],
        `no obligation is in ${instruction.currency}`,
      );
      return;
    }
    const a = instruction.amount;
    if (!sameCurrency(a, ledger.currency) || a.minor <= 0n || instruction.from === instruction.to) {
      add(
        NettingErrorCodes.INVALID_INSTRUCTION,
        ['instructions', i],
        'expected a positive payment between two parties in the instruction currency',
      );
      return;
    }
    const list = perCurrency.get(ledger.currency) ?? [];
    list.push({ i, from: instruction.from, to: instruction.to, amount: a.minor });
    perCurrency.set(ledger.currency, list);
  });

  const writer = new ByteWriter();
  writer.string(DIGEST_MAGIC);
  writer.string(mode);
  writer.string(hub ?? '');
  writer.uint(ledgers.length);
  const statsByCurrency = new Map(result.stats.map((s) => [s.currency as string, s]));
  if (result.stats.length !== ledgers.length) {
    add(
      NettingErrorCodes.STATS_MISMATCH,
      ['stats'],
      `expected figures for ${ledgers.length} currencies, got ${result.stats.length}`,
    );
  }
  for (const ledger of ledgers) {
    const list = perCurrency.get(ledger.currency) ?? [];
    const settled = checkInstructions(ledger, list, mode, hub, add);
    const potentials = mode === 'conservative' ? checkCertificate(ledger, list, result, add) : undefined;
    checkStats(ledger, statsByCurrency.get(ledger.currency), settled, list.length, add);
    writeLedger(writer, ledger, list, hub, potentials);
  }
  if (writer.digest() !== result.digest) {
    add(
      NettingErrorCodes.DIGEST_MISMATCH,
      ['digest'],
      'the digest does not match the obligations and the result',
    );
  }
  return { valid: issues.length === 0, issues };
}

type Add = (code: string, path: (string | number)[], message: string) => void;

function sameCurrency(amount: Money, currency: string): boolean {
  return (
    typeof amount === 'object' &&
    amount !== null &&
    amount.currency === currency &&
    typeof amount.minor === 'bigint'
  );
}

function buildLedgers(obligations: readonly Obligation[]): Ledger[] {
  const raw = new Map<
    string,
    { names: Set<string>; pairs: Map<string, Map<string, bigint>>; count: number }
  >();
  for (const o of obligations) {
    const minor =
      typeof o.amount === 'string' ? money(o.amount, o.currency as CurrencyCode).minor : o.amount.minor;
    let entry = raw.get(o.currency);
    if (entry === undefined) {
      entry = { names: new Set(), pairs: new Map(), count: 0 };
      raw.set(o.currency, entry);
    }
    entry.count++;
    entry.names.add(o.debtor);
    entry.names.add(o.creditor);
    let row = entry.pairs.get(o.debtor);
    if (row === undefined) {
      row = new Map();
      entry.pairs.set(o.debtor, row);
    }
    row.set(o.creditor, (row.get(o.creditor) ?? 0n) + minor);
  }
  const ledgers: Ledger[] = [];
  for (const currency of [...raw.keys()].sort()) {
    const entry = raw.get(currency)!;
    const names = [...entry.names].sort();
    const index = new Map(names.map((name, k) => [name, k]));
    const n = names.length;
    const links = new Map<number, bigint>();
    const nets = new Array<bigint>(n).fill(0n);
    for (const [debtor, row] of entry.pairs) {
      const u = index.get(debtor)!;
      for (const [creditor, amount] of row) {
        const v = index.get(creditor)!;
        links.set(u * n + v, amount);
        nets[u] = nets[u]! - amount;
        nets[v] = nets[v]! + amount;
      }
    }
    ledgers.push({
      currency: currency as CurrencyCode,
      names,
      index,
      links,
      nets,
      obligationCount: entry.count,
    });
  }
  return ledgers;
}

/** Checks the instructions of one currency; returns their total. */
function checkInstructions(
  ledger: Ledger,
  list: readonly { i: number; from: string; to: string; amount: bigint }[],
  mode: NettingMode,
  hub: string | undefined,
  add: Add,
): bigint {
  const { currency, index, nets, names, links } = ledger;
  const n = names.length;
  const balance = new Map<string, bigint>();
  let settled = 0n;
  for (const x of list) {
    settled += x.amount;
    balance.set(x.from, (balance.get(x.from) ?? 0n) - x.amount);
    balance.set(x.to, (balance.get(x.to) ?? 0n) + x.amount);
    const known = (name: string) => index.has(name) || (mode === 'hub' && name === hub);
    if (!known(x.from) || !known(x.to)) {
      add(
        NettingErrorCodes.INVALID_INSTRUCTION,
        ['instructions', x.i],
        `${x.from} → ${x.to} names a party with no ${currency} obligations`,
      );
    }
  }
  for (const [name, value] of balance) {
    const k = index.get(name);
    const expected = k === undefined ? 0n : nets[k]!;
    if (value !== expected) {
      add(
        NettingErrorCodes.INSTRUCTIONS_MISMATCH,
        ['instructions'],
        `${name} ${currency}: instructions move ${value}, the net position is ${expected}`,
      );
    }
  }
  for (let k = 0; k < n; k++) {
    if (nets[k] !== 0n && !balance.has(names[k]!)) {
      add(
        NettingErrorCodes.INSTRUCTIONS_MISMATCH,
        ['instructions'],
        `${names[k]} ${currency}: its position ${nets[k]} is not settled`,
      );
    }
  }
  let lowerBound = 0n;
  for (const x of nets) if (x < 0n) lowerBound -= x;
  const violation = (message: string) =>
    add(NettingErrorCodes.MODE_VIOLATION, ['instructions'], `${currency} ${mode}: ${message}`);
  const key = (from: string, to: string) => index.get(from)! * n + index.get(to)!;
  switch (mode) {
    case 'gross': {
      let expected = 0;
      for (const _ of links) expected++;
      const paid = new Map<number, bigint>();
      for (const x of list)
        if (index.has(x.from) && index.has(x.to))
          paid.set(key(x.from, x.to), (paid.get(key(x.from, x.to)) ?? 0n) + x.amount);
      if (list.length !== ledger.obligationCount)
        violation(`expected one instruction per obligation (${ledger.obligationCount}), got ${list.length}`);
      for (const [link, amount] of links)
        if (paid.get(link) !== amount) violation('a link is not paid in full');
      if (paid.size !== expected) violation('an instruction is not on a link');
      break;
    }
    case 'bilateral': {
      const pairs = new Set<string>();
      for (const x of list) {
        if (!index.has(x.from) || !index.has(x.to)) continue;
        const pair = x.from < x.to ? `${x.from}\u0000${x.to}` : `${x.to}\u0000${x.from}`;
        if (pairs.has(pair)) violation(`${x.from} and ${x.to} have more than one instruction`);
        pairs.add(pair);
        const owed = (links.get(key(x.from, x.to)) ?? 0n) - (links.get(key(x.to, x.from)) ?? 0n);
        if (owed !== x.amount) violation(`${x.from} → ${x.to} should be ${owed}, is ${x.amount}`);
      }
      break;
    }
    case 'multilateral': {
      if (settled !== lowerBound) violation(`settles ${settled}, not the Σ net debits ${lowerBound}`);
      if (list.length > Math.max(0, n - 1)) violation(`${list.length} instructions for ${n} participants`);
      for (const x of list) {
        const from = index.get(x.from);
        const to = index.get(x.to);
        if (from === undefined || to === undefined) continue;
        if (nets[from]! >= 0n || nets[to]! <= 0n)
          violation(`${x.from} → ${x.to} is not from a net debtor to a net creditor`);
      }
      break;
    }
    case 'hub': {
      const counted = new Set<string>();
      for (const x of list) {
        if ((x.from === hub) === (x.to === hub)) violation(`${x.from} → ${x.to} does not go through the hub`);
        const party = x.from === hub ? x.to : x.from;
        if (counted.has(party)) violation(`${party} has more than one instruction`);
        counted.add(party);
      }
      break;
    }
    case 'conservative': {
      const used = new Set<number>();
      for (const x of list) {
        if (!index.has(x.from) || !index.has(x.to)) continue;
        const link = key(x.from, x.to);
        const gross = links.get(link);
        if (gross === undefined || x.amount > gross) {
          add(
            NettingErrorCodes.NOT_CONSERVATIVE,
            ['instructions', x.i],
            `${x.from} → ${x.to} pays ${x.amount} on a link of ${gross ?? 0n}`,
          );
        }
        if (used.has(link))
          add(NettingErrorCodes.NOT_CONSERVATIVE, ['instructions', x.i], `${x.from} → ${x.to} appears twice`);
        used.add(link);
      }
      if (hasCycle(ledger, list))
        add(NettingErrorCodes.CYCLE, ['instructions'], `${currency} instructions contain a cycle`);
      break;
    }
  }
  return settled;
}

function hasCycle(ledger: Ledger, list: readonly { from: string; to: string }[]): boolean {
  const sources: number[] = [];
  const targets: number[] = [];
  for (const x of list) {
    const u = ledger.index.get(x.from);
    const v = ledger.index.get(x.to);
    if (u === undefined || v === undefined) continue;
    sources.push(u);
    targets.push(v);
  }
  const scc = stronglyConnectedComponents({ nodeCount: ledger.names.length, sources, targets });
  return scc.count < ledger.names.length;
}

/** Checks the LP-duality certificate; returns the potentials for the digest. */
function checkCertificate(
  ledger: Ledger,
  list: readonly { from: string; to: string; amount: bigint }[],
  result: NettingResult,
  add: Add,
): number[] | undefined {
  const certificate = result.certificates?.find((c) => c.currency === ledger.currency);
  const { names, index, links } = ledger;
  const n = names.length;
  if (certificate === undefined || certificate.potentials.length !== n) {
    add(
      NettingErrorCodes.NOT_OPTIMAL,
      ['certificates'],
      `${ledger.currency} has no certificate with one potential per participant`,
    );
    return undefined;
  }
  const pi: number[] = [];
  for (let k = 0; k < n; k++) {
    const entry = certificate.potentials[k]!;
    if (entry.participant !== names[k] || !Number.isSafeInteger(entry.potential) || entry.potential < 0) {
      add(
        NettingErrorCodes.NOT_OPTIMAL,
        ['certificates'],
        `${ledger.currency} potential ${k} is not a non-negative integer for ${names[k]}`,
      );
      return undefined;
    }
    pi.push(entry.potential);
  }
  const flow = new Map<number, bigint>();
  for (const x of list) {
    const u = index.get(x.from);
    const v = index.get(x.to);
    if (u !== undefined && v !== undefined) flow.set(u * n + v, x.amount);
  }
  for (const [link, gross] of links) {
    const u = Math.floor(link / n);
    const v = link % n;
    const f = flow.get(link) ?? 0n;
    const reduced = 1 + pi[u]! - pi[v]!;
    if ((f < gross && reduced < 0) || (f > 0n && reduced > 0)) {
      add(
        NettingErrorCodes.NOT_OPTIMAL,
        ['certificates'],
        `${ledger.currency} ${names[u]} → ${names[v]}: the certificate fails (reduced cost ${reduced}, paid ${f} of ${gross})`,
      );
    }
  }
  return pi;
}

function checkStats(
  ledger: Ledger,
  stats: NettingResult['stats'][number] | undefined,
  settled: bigint,
  instructionCount: number,
  add: Add,
): void {
  const { currency, names, links, nets } = ledger;
  if (stats === undefined) {
    add(NettingErrorCodes.STATS_MISMATCH, ['stats'], `${currency} has no figures`);
    return;
  }
  const n = names.length;
  let gross = 0n;
  let bilateral = 0n;
  const sources: number[] = [];
  const targets: number[] = [];
  for (const [link, amount] of links) {
    const u = Math.floor(link / n);
    const v = link % n;
    sources.push(u);
    targets.push(v);
    gross += amount;
    if (u < v) {
      const back = links.get(v * n + u) ?? 0n;
      bilateral += amount > back ? amount - back : back - amount;
    } else if (!links.has(v * n + u)) {
      bilateral += amount;
    }
  }
  let lowerBound = 0n;
  for (const x of nets) if (x < 0n) lowerBound -= x;
  const scc = stronglyConnectedComponents({ nodeCount: n, sources, targets });
  const groups = new Map<number, string[]>();
  for (let k = 0; k < n; k++) {
    const c = scc.componentOf[k]!;
    groups.set(c, [...(groups.get(c) ?? []), names[k]!]);
  }
  const cyclic = [...groups.values()].filter((g) => g.length > 1).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const expected: Record<string, bigint | number | string> = {
    obligationCount: ledger.obligationCount,
    participantCount: n,
    gross,
    bilateral,
    lowerBound,
    settled,
    savings: gross - settled,
    instructionCount,
    componentCount: scc.count,
    cyclicComponents: JSON.stringify(cyclic),
  };
  const actual: Record<string, bigint | number | string> = {
    obligationCount: stats.obligationCount,
    participantCount: stats.participantCount,
    gross: stats.gross.minor,
    bilateral: stats.bilateral.minor,
    lowerBound: stats.lowerBound.minor,
    settled: stats.settled.minor,
    savings: stats.savings.minor,
    instructionCount: stats.instructionCount,
    componentCount: stats.componentCount,
    cyclicComponents: JSON.stringify(stats.cyclicComponents),
  };
  for (const field of Object.keys(expected)) {
    if (expected[field] !== actual[field]) {
      add(
        NettingErrorCodes.STATS_MISMATCH,
        ['stats', currency, field],
        `${currency} ${field}: expected ${String(expected[field])}, got ${String(actual[field])}`,
      );
    }
  }
}

function writeLedger(
  writer: ByteWriter,
  ledger: Ledger,
  list: readonly { from: string; to: string; amount: bigint }[],
  hub: string | undefined,
  potentials: readonly number[] | undefined,
): void {
  const { names, index, links, nets } = ledger;
  writer.string(ledger.currency);
  writer.uint(names.length);
  for (const name of names) writer.string(name);
  // Canonical link order: by (lower endpoint, higher endpoint), the lower endpoint's payment first.
  const n = names.length;
  const order = (link: number): [number, number, number] => {
    const u = Math.floor(link / n);
    const v = link % n;
    return u < v ? [u, v, 0] : [v, u, 1];
  };
  const keys = [...links.keys()].sort((a, b) => {
    const x = order(a);
    const y = order(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  writer.uint(keys.length);
  for (const link of keys) {
    writer.uint(Math.floor(link / names.length));
    writer.uint(link % names.length);
    writer.big(links.get(link)!);
  }
  for (const x of nets) writer.signed(x);
  writer.uint(list.length);
  const keyOf = (name: string) => (name === hub && !index.has(name) ? 0 : (index.get(name) ?? -1) + 1);
  for (const x of list) {
    writer.uint(keyOf(x.from));
    writer.uint(keyOf(x.to));
    writer.big(x.amount);
  }
  writer.uint(potentials === undefined ? 0 : potentials.length);
  if (potentials !== undefined) for (const x of potentials) writer.uint(x);
}
