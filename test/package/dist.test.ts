/**
 * Tests what is published (STYLE.md §2.4): every subpath of package.json "exports" is imported from
 * the built dist/ with Node's own resolver (package self-reference), once as ESM and once as CJS, and
 * a consumer file is type-checked against the emitted .d.ts with moduleResolution node16.
 * Needs `npm run build` first; skipped with a reason when dist/ is absent, required when
 * DELTRAN_REQUIRE_DIST=1 (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown> };
const subpaths = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'deltran' : `deltran/${key.slice(2)}`));
const built = existsSync(`${root}dist/index.js`);
const required = process.env.DELTRAN_REQUIRE_DIST === '1';

function exportNames(kind: 'esm' | 'cjs', specifier: string): string[] {
  const program =
    kind === 'esm'
      ? `const m = await import(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(m).filter((k) => k !== 'module.exports').sort()));`
      : `const m = require(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(m).sort()));`;
  const args =
    kind === 'esm' ? ['--input-type=module', '-e', program] : ['--input-type=commonjs', '-e', program];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' })) as string[];
}

if (!built && !required) {
  process.stderr.write('[deltran] skipping "published package": dist/ not built (run npm run build)\n');
}

describe.skipIf(!built && !required)('published package (dist/)', () => {
  it('should be built', () => {
    expect(built, 'dist/index.js missing: run npm run build').toBe(true);
  });

  for (const specifier of subpaths) {
    it(`should import ${specifier} as ESM and CJS with the same exports`, () => {
      // Act
      const esm = exportNames('esm', specifier);
      const cjs = exportNames('cjs', specifier);
      // Assert
      expect(esm.length).toBeGreaterThan(0);
      expect(cjs).toEqual(esm);
    });
  }

  it('should compute exact money through the built ESM and CJS entries', () => {
    // Arrange
    const program = (load: string) =>
      `${load}; const { money, add, formatMoney } = m; process.stdout.write(formatMoney(add(money('0.10', 'USD'), money('0.20', 'USD'))));`;
    // Act
    const esm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', program("const m = await import('deltran')")],
      { cwd: root, encoding: 'utf8' },
    );
    const cjs = execFileSync(
      process.execPath,
      ['--input-type=commonjs', '-e', program("const m = require('deltran')")],
      { cwd: root, encoding: 'utf8' },
    );
    // Assert
    expect(esm).toBe('0.30');
    expect(cjs).toBe('0.30');
  });

  it('should type-check a consumer against the emitted .d.ts (node16 resolution)', () => {
    // Act: throws with the compiler's output when the declarations are broken
    const run = () =>
      execFileSync(
        process.execPath,
        [`${root}node_modules/typescript/bin/tsc`, '-p', 'test/package/consumer'],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
    // Assert
    expect(run).not.toThrow();
  });
});
