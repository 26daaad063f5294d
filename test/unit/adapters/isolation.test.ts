/**
 * STYLE.md §5.3: importing `deltran/adapters/memory` must never load NATS or Kafka. Checked twice: on
 * the source graph (no file reachable from the memory entry imports a broker client), and at run time
 * in a fresh Node process whose resolve hook fails on any broker client.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const BROKER_CLIENT = /^(@nats-io\/|@platformatic\/kafka|kafkajs)/;

function reachable(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (graph.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map(
      (m) => m[1]!,
    );
    graph.set(file, specs);
    for (const spec of specs) {
      if (!spec.startsWith('.')) continue;
      const base = resolve(dirname(file), spec);
      for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
        try {
          readFileSync(candidate);
          stack.push(candidate);
          break;
        } catch {}
      }
    }
  }
  return graph;
}

describe('adapter isolation', () => {
  it('should reach no broker client from the memory entry (source graph)', () => {
    // Act
    const graph = reachable(resolve(root, 'src/adapters/memory/index.ts'));
    const offenders = [...graph].flatMap(([file, specs]) =>
      specs.filter((s) => BROKER_CLIENT.test(s)).map((s) => `${file}: ${s}`),
    );
    // Assert
    expect(graph.size).toBeGreaterThan(3);
    expect(offenders).toEqual([]);
  });

  it('should load no broker client when the memory adapter is imported and used (run time)', () => {
    // Arrange: a resolve hook that throws on any broker client
    const hook = `export async function resolve(specifier, context, next) {
      if (${BROKER_CLIENT}.test(specifier)) throw new Error('loaded broker client ' + specifier);
      return next(specifier, context);
    }`;
    const script = `
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      const { createMemoryTransport } = await import(${JSON.stringify(resolve(root, 'src/adapters/memory/index.ts'))});
      const { createEnvelope } = await import(${JSON.stringify(resolve(root, 'src/pipeline/index.ts'))});
      const t = createMemoryTransport();
      let got = 0;
      await t.subscribe({ topics: ['deltran.x'], group: 'g' }, () => { got++; });
      await t.publish('deltran.x', createEnvelope({ type: 'deltran.x', data: 1 }, { now: () => 0 }));
      await new Promise((r) => setTimeout(r, 20));
      await t.close();
      process.stdout.write(String(got));
    `;
    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    // Assert
    expect(run.stderr).not.toContain('loaded broker client');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('1');
  });

  it('should prove the hook works: the nats entry does load its client', () => {
    const hook = `export async function resolve(specifier, context, next) {
      if (${BROKER_CLIENT}.test(specifier)) throw new Error('loaded broker client ' + specifier);
      return next(specifier, context);
    }`;
    const script = `
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      const { createNatsTransport } = await import(${JSON.stringify(resolve(root, 'src/adapters/nats/index.ts'))});
      const { createEnvelope } = await import(${JSON.stringify(resolve(root, 'src/pipeline/index.ts'))});
      const t = createNatsTransport({ servers: 'nats://127.0.0.1:1' });
      const error = await t.publish('deltran.x', createEnvelope({ type: 'x', data: 1 }, { now: () => 0 })).catch((e) => e);
      process.stdout.write(String(error?.cause?.message ?? error?.message));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    // Importing the nats entry loads nothing yet (lazy); the first publish tries, and the hook stops it.
    expect(run.stdout).toContain('loaded broker client @nats-io/');
  });
});
