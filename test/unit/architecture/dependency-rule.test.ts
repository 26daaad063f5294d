/**
 * Enforces the dependency rule of ARCHITECTURE.md by scanning every import in src/** (STYLE.md §1.3,
 * as unstorage's driver-dependencies test does):
 * - `core` imports nothing of ours outside core;
 * - a module reaches another module only through that module's public `index.ts`
 *   (core's public entry is the package root `src/index.ts`, or `src/core/index.ts`);
 * - layers run one way: core ← domains ← pipeline ← adapters ← cli, and domains never form a cycle;
 * - core and domains are pure: no `node:` built-ins, no transport/store clients, no clocks or
 *   unseeded randomness (time and randomness are passed in).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../../../src/', import.meta.url));
const DOMAINS = new Set([
  'iso20022',
  'compliance',
  'obligations',
  'token',
  'netting',
  'routing',
  'risk',
  'settlement',
]);
/** Which layers a layer may import (besides itself). */
const LAYER_MAY_IMPORT: Record<string, readonly string[]> = {
  core: [],
  domain: ['core', 'domain'],
  pipeline: ['core', 'domain'],
  adapters: ['core', 'domain', 'pipeline'],
  cli: ['core', 'domain', 'pipeline', 'adapters'],
};
const OPTIONAL_CLIENTS = /^(@nats-io\/|kafkajs|@confluentinc\/|pg$|pg-|@opentelemetry\/)/;

interface ImportSite {
  readonly file: string;
  readonly specifier: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.(ts|mts|cts)$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string, text: string): ImportSite[] {
  const sites: ImportSite[] = [];
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) sites.push({ file, specifier: match[1]! });
  }
  const seen = new Set<string>();
  return sites.filter((site) => !seen.has(site.specifier) && seen.add(site.specifier));
}

/** The module a source file belongs to: `root` (src/index.ts), `core`, a domain, pipeline, … */
function moduleOf(file: string): string {
  const rel = relative(srcDir, file).split(sep);
  if (rel.length === 1) return rel[0] === 'index.ts' ? 'core' : 'root-other';
  if (rel[0] === 'adapters') return 'adapters';
  return rel[0]!;
}

function layerOf(module: string): string {
  if (DOMAINS.has(module)) return 'domain';
  return module;
}

function resolveTarget(site: ImportSite, files: ReadonlyMap<string, string>): string | undefined {
  if (!site.specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(site.file), site.specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (files.has(candidate)) return candidate;
  }
  return `${base}.ts`;
}

function isPublicEntry(target: string, module: string): boolean {
  const rel = relative(srcDir, target).split(sep).join('/');
  if (module === 'core') return rel === 'index.ts' || rel === 'core/index.ts';
  if (module === 'adapters') return /^adapters\/[^/]+(\/index)?\.ts$/.test(rel);
  return rel === `${module}/index.ts`;
}

/** Returns every violation of the rule in the given files, as readable strings. */
function violations(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const domainEdges = new Map<string, Set<string>>();
  for (const [file, text] of files) {
    const from = moduleOf(file);
    const fromLayer = layerOf(from);
    const name = relative(srcDir, file);
    for (const site of importsOf(file, text)) {
      const target = resolveTarget(site, files);
      if (target === undefined) {
        const spec = site.specifier;
        const pure = fromLayer === 'core' || fromLayer === 'domain';
        if (pure && spec.startsWith('node:'))
          problems.push(`${name}: pure module imports built-in "${spec}"`);
        if (fromLayer !== 'adapters' && fromLayer !== 'cli' && OPTIONAL_CLIENTS.test(spec))
          problems.push(`${name}: optional client "${spec}" may only be loaded by an adapter`);
        continue;
      }
      if (!target.startsWith(srcDir)) {
        problems.push(`${name}: imports "${site.specifier}" from outside src/`);
        continue;
      }
      const to = moduleOf(target);
      if (to === from) continue;
      if (from === 'core' && relative(srcDir, file) === 'index.ts') continue; // the root re-exports core
      const toLayer = layerOf(to);
      if (!(LAYER_MAY_IMPORT[fromLayer] ?? []).includes(toLayer)) {
        problems.push(`${name}: layer "${fromLayer}" may not import "${to}" ("${site.specifier}")`);
        continue;
      }
      if (!isPublicEntry(target, to)) {
        problems.push(`${name}: imports internals of "${to}" ("${site.specifier}"); use its index.ts`);
      }
      if (fromLayer === 'domain' && toLayer === 'domain') {
        if (!domainEdges.has(from)) domainEdges.set(from, new Set());
        domainEdges.get(from)!.add(to);
      }
    }
    if (fromLayer === 'core' || fromLayer === 'domain') {
      if (/\bDate\.now\(|new Date\(\)|\bMath\.random\(|performance\.now\(/.test(text))
        problems.push(`${name}: pure module reads a clock or unseeded randomness; pass time/random in`);
    }
  }
  // No cycles between domains.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, trail: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      problems.push(`domain import cycle: ${[...trail, node].join(' → ')}`);
      return;
    }
    state.set(node, 'visiting');
    for (const next of domainEdges.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of domainEdges.keys()) visit(node, []);
  return problems;
}

function readSources(): Map<string, string> {
  return new Map(walk(srcDir).map((file) => [file, readFileSync(file, 'utf8')]));
}

describe('dependency rule (ARCHITECTURE.md)', () => {
  it('should hold for every import in src/**', () => {
    // Arrange
    const files = readSources();
    // Act
    const problems = violations(files);
    // Assert
    expect(files.size).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('should report each kind of violation in a synthetic tree', () => {
    // Arrange: the real tree plus fake files that break every rule once
    const files = readSources();
    const at = (path: string) => join(srcDir, ...path.split('/'));
    files.set(at('netting/_fake-a.ts'), "import { money } from '../core/money';\nimport 'node:fs';\n");
    files.set(at('netting/_fake-b.ts'), "import { x } from '../pipeline/index';\nconst t = Date.now();\n");
    files.set(at('core/_fake-c.ts'), "export { y } from '../netting/index';\n");
    files.set(at('routing/index.ts'), "export { a } from '../risk/index';\n");
    files.set(at('risk/index.ts'), "export { b } from '../routing/index';\n");
    files.set(at('token/_fake-d.ts'), "const pg = await import('pg');\n");
    // Act
    const problems = violations(files).join('\n');
    // Assert
    expect(problems).toContain('netting/_fake-a.ts: imports internals of "core"');
    expect(problems).toContain('netting/_fake-a.ts: pure module imports built-in "node:fs"');
    expect(problems).toContain('netting/_fake-b.ts: layer "domain" may not import "pipeline"');
    expect(problems).toContain('netting/_fake-b.ts: pure module reads a clock');
    expect(problems).toContain('core/_fake-c.ts: layer "core" may not import "netting"');
    expect(problems).toMatch(/domain import cycle: (routing → risk → routing|risk → routing → risk)/);
    expect(problems).toContain('token/_fake-d.ts: optional client "pg" may only be loaded by an adapter');
  });
});
