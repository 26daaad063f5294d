/**
 * CPU time per payment of `checker.check` (the demo checker) and `engine.process` (a default engine)
 * on the demo world's payments, after a warm-up, in one process: the old implementations (kept in
 * test/unit/{compliance,obligations}/_reference) and the current ones, interleaved round by round so
 * that the load of a shared machine hits both alike.
 *
 *   npx tsx scripts/perf-check-and-obligations.mts            # N=20000 ROUNDS=6
 *   N=5000 ROUNDS=10 npx tsx scripts/perf-check-and-obligations.mts
 *
 * Rows: `checker first pass` is one checker's first pass over the day in a fresh process (JIT warm-up
 * and every name seen for the first time); `checker fresh` a new checker in a warm process (names
 * repeat within the day); `checker steady` a checker that has seen the day before; `engine demo` a new
 * engine per pass over the demo payments; `engine decoded` the same with each payment decoded from its
 * JSON just before `process`, as the pipeline hands it over (the decode alone is shown as `decode`).
 */

import { createDemoWorld } from '../src/cli/_internal/demo-world';
import {
  type ComplianceChecker,
  createAmlRules,
  createComplianceChecker,
  createKycRegistry,
  createScreener,
  loadJsonList,
  type Participant,
} from '../src/compliance/index';
import { type CanonicalPayment, canonicalPaymentToJson, parseCanonicalPayment } from '../src/index';
import { createObligationEngine, type ObligationEngine } from '../src/obligations/index';
import { createAmlRules as oldAml } from '../test/unit/compliance/_reference/create-aml-rules';
import { createComplianceChecker as oldChecker } from '../test/unit/compliance/_reference/create-compliance-checker';
import { createKycRegistry as oldKyc } from '../test/unit/compliance/_reference/create-kyc-registry';
import { createScreener as oldScreener } from '../test/unit/compliance/_reference/create-screener';
import { createObligationEngine as oldEngine } from '../test/unit/obligations/_reference/engine';

const N = Number(process.env.N ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const startMs = Date.UTC(2026, 11, 1);
const world = createDemoWorld({ seed: 20261201, payments: N, startMs });
const payments = world.payments;
const wires = payments.map((p) => JSON.stringify(canonicalPaymentToJson(p)));
// world.createChecker()'s participants: every bank of the day, the ORIO… one suspended.
const participants: Participant[] = [
  ...new Set(payments.flatMap((p) => [p.debtorAgent.bic ?? '', p.creditorAgent.bic ?? ''])),
].map((bic) => ({ bic, status: bic.startsWith('ORIO') ? 'suspended' : 'active' }));

function checker(old: boolean): ComplianceChecker {
  const aml = { highRiskCountries: { countries: ['KP', 'IR'], decision: 'REJECT' as const }, travelRule: {} };
  const lists = [loadJsonList(world.sanctionsList)];
  return old
    ? oldChecker({ screener: oldScreener(lists), kyc: oldKyc(participants), aml: oldAml(aml) })
    : createComplianceChecker({
        screener: createScreener(lists),
        kyc: createKycRegistry(participants),
        aml: createAmlRules(aml),
      });
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** µs of CPU per payment of one pass. */
async function timed(run: (p: CanonicalPayment, i: number) => unknown, decode = false): Promise<number> {
  const t = cpuMs();
  for (let i = 0; i < N; i++) {
    const p = decode ? parseCanonicalPayment(JSON.parse(wires[i]!)) : payments[i]!;
    await run(p, i);
  }
  return ((cpuMs() - t) * 1000) / N;
}

const checkPass = (c: ComplianceChecker) => timed((p, i) => c.check(p, { atMs: startMs + i }));
const enginePass = (e: ObligationEngine, decode = false) =>
  timed((p) => e.process(p, { valueDate: '2026-12-01' }), decode);

const rows = new Map<string, number[]>();
const add = (row: string, us: number) => rows.set(row, [...(rows.get(row) ?? []), us]);
const warm = { old: checker(true), new: checker(false) };
// The first pass of each, old first: old pays the process's JIT warm-up of the shared code.
add('checker first pass  old', await checkPass(warm.old));
add('checker first pass  new', await checkPass(warm.new));
for (let r = 0; r < ROUNDS; r++) {
  for (const v of ['old', 'new'] as const) {
    add(`checker fresh       ${v}`, await checkPass(checker(v === 'old')));
    add(`checker steady      ${v}`, await checkPass(warm[v]));
    add(`engine demo         ${v}`, await enginePass(v === 'old' ? oldEngine() : createObligationEngine()));
    add(
      `engine decoded      ${v}`,
      await enginePass(v === 'old' ? oldEngine() : createObligationEngine(), true),
    );
  }
  add('decode (reference)     ', await timed(() => undefined, true));
}
for (const [row, values] of rows) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  console.log(`${row}  best ${sorted[0]!.toFixed(2)}  median ${median.toFixed(2)} µs/payment`);
}
