import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One property seed for the whole run, printed so any failure can be replayed with
// DELTRAN_SEED=<seed> npm test (STYLE.md §6.5). CI must pass one explicitly.
const seedFromEnv = process.env.DELTRAN_SEED;
if (seedFromEnv === undefined && process.env.CI) {
  throw new Error('DELTRAN_SEED must be set when CI is set, so property runs are reproducible');
}
const seed = seedFromEnv ?? String(randomInt(0, 2 ** 31 - 1));
if (!/^-?\d+$/.test(seed)) throw new Error(`DELTRAN_SEED must be an integer, got "${seed}"`);
process.stdout.write(`[deltran] fast-check seed: ${seed} (replay with DELTRAN_SEED=${seed})\n`);

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the public subpaths; the alias points them at the sources (STYLE.md §6.1).
    alias: [
      { find: /^deltran$/, replacement: src('index.ts') },
      { find: /^deltran\/(.*)$/, replacement: src('$1/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    env: { DELTRAN_SEED: seed },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      // Type errors in src/ are npm run lint's job (tsc --noEmit); here only the type tests count.
      ignoreSourceErrors: true,
    },
  },
});
