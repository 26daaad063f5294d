// Checks the package as users get it: packs the tarball, then runs publint and
// @arethetypeswrong/cli on it, and checks that tsup's entries match package.json "exports".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const config = readFileSync(new URL('../tsup.config.ts', import.meta.url), 'utf8');
const entries = [...config.matchAll(/^\s*'?([\w/-]+)'?:\s*'src\/[^']+'/gm)].map((m) => m[1]);
const expected = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? 'index' : `${k.slice(2)}/index`));
const missing = expected.filter((e) => !entries.includes(e));
if (missing.length > 0) {
  console.error(`tsup entries missing for exports: ${missing.join(', ')}`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'deltran-pack-'));
try {
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { encoding: 'utf8' });
  const tarball = join(dir, out.trim().split('\n').pop());
  console.log(`packed ${tarball}`);
  execFileSync('npx', ['publint', '--strict', tarball], { stdio: 'inherit' });
  execFileSync('npx', ['attw', tarball, '--profile', 'node16'], { stdio: 'inherit' });
  console.log('package checks passed');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
