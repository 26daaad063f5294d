/**
 * `npm run bench`: runs every bench/<domain>.bench.ts (or the ones named on the command line) one
 * after the other in its own process, so one suite's garbage never slows the next.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const file of files) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}${file}`], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`bench ${file} failed with exit code ${run.status}`);
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
