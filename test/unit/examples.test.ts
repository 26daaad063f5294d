/**
 * Every program in examples/ runs to completion (STYLE.md §9.6); `npm run lint` type-checks them.
 * Files starting with `_` are modules the examples share, not programs. The NATS example runs against
 * NATS_URL (default nats://127.0.0.1:4222) and skips, exit 0, when no server answers — unless
 * DELTRAN_REQUIRE_SERVICES=1, where a skip fails. The Kafka example skips without KAFKA_BROKERS.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const programs = readdirSync(`${root}examples`).filter(
  (name) => name.endsWith('.ts') && !name.startsWith('_'),
);

/** What each pipeline example must print (in this order) when it ran the whole flow. */
const expected: Readonly<Record<string, readonly string[]>> = {
  'international.ts': [
    'compliance ALLOW',
    'token minted',
    'clearing completed',
    'net position',
    'settlement instr.',
    'settlement SETTLED',
    'balanced=true',
  ],
  'local.ts': ['compliance ALLOW', 'local bank chosen', 'settlement SETTLED', 'balanced=true'],
  'custom-stage.ts': ['house rule EXECUTE_NOW', 'house rule HOLD', 'settled 1, rejected 0'],
  'nats.ts': ['clearing completed', 'settlement SETTLED', 'done: 2 settled, 0 rejected'],
  'kafka.ts': ['clearing completed', 'settlement SETTLED', 'done: 2 settled, 0 rejected'],
  'nats-two-processes.ts': [
    'two compliance processes',
    'submitted 200 payments, then 50 of them again',
    'work shared: process A decided',
    'exactly once: 200 of 200 payments reached obligation.create, 200 of them once',
  ],
};
/** What it must print somewhere (not causally ordered with the rest). */
const alsoPrints: Readonly<Record<string, readonly string[]>> = {
  'international.ts': ['compliance REJECT  INV-1004: COMPLIANCE_SANCTIONS_NAME_MATCH'],
  'local.ts': ['token minted'],
};
const mayBeSkipped = new Set(['nats.ts', 'nats-two-processes.ts', 'kafka.ts']);
const needsNats = new Set(['nats.ts', 'nats-two-processes.ts']);

describe('examples/', () => {
  it.each(programs)('should run %s without error', (name) => {
    // Act
    const output = execFileSync(process.execPath, ['--import', 'tsx', `examples/${name}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 50_000, // an example that hangs (an open timer or connection) fails instead
    });
    // Assert
    expect(output.length).toBeGreaterThan(0);
    if (mayBeSkipped.has(name) && output.startsWith('skipped:')) {
      const required = needsNats.has(name) && process.env.DELTRAN_REQUIRE_SERVICES === '1';
      expect(required, `${name} skipped although DELTRAN_REQUIRE_SERVICES=1: ${output}`).toBe(false);
      return;
    }
    let from = 0;
    for (const text of expected[name] ?? []) {
      const at = output.indexOf(text, from);
      expect(at, `${name} should print "${text}" after offset ${from}:\n${output}`).toBeGreaterThanOrEqual(0);
      from = at;
    }
    for (const text of alsoPrints[name] ?? []) expect(output).toContain(text);
    if (name === 'nats-two-processes.ts') {
      // Both processes of the group did part of the work.
      const [, a, b] = /process A decided (\d+) payments, process B (\d+)/.exec(output) ?? [];
      expect(Number(a)).toBeGreaterThan(0);
      expect(Number(b)).toBeGreaterThan(0);
    }
    expect(output).not.toContain('dead letter');
  });

  it('should have at least one example program', () => {
    expect(programs.length).toBeGreaterThan(0);
  });
});
