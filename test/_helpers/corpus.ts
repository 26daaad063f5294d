/**
 * Access to the shared public corpus (ISO 20022 samples, sanctions lists, ECB rates), which is never
 * copied into this repo. Read through DELTRAN_CORPUS_DIR (default ../shared beside the repo root).
 * Absent corpus → the suite is skipped with a printed reason, unless DELTRAN_REQUIRE_CORPUS=1, in
 * which case the suite fails.
 * @internal
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The corpus directory when it exists, else undefined. */
export function corpusDir(): string | undefined {
  const dir = resolve(repoRoot, process.env.DELTRAN_CORPUS_DIR ?? '../shared');
  return existsSync(join(dir, 'iso20022')) || existsSync(join(dir, 'data')) ? dir : undefined;
}

/** Absolute path of a file or folder inside the corpus (throws when the corpus is absent). */
export function corpusPath(...parts: string[]): string {
  const dir = corpusDir();
  if (dir === undefined) throw new Error('corpus not found: set DELTRAN_CORPUS_DIR');
  return join(dir, ...parts);
}

/** True when tests must fail instead of skipping because the corpus is missing. */
export const corpusRequired: boolean = process.env.DELTRAN_REQUIRE_CORPUS === '1';

/**
 * `describe` for a suite that needs the corpus: runs when it is present; otherwise prints why it is
 * skipped, or fails when DELTRAN_REQUIRE_CORPUS=1.
 */
export function describeCorpus(name: string, fn: (dir: string) => void): void {
  const dir = corpusDir();
  if (dir !== undefined) {
    describe(name, () => fn(dir));
    return;
  }
  const reason = `corpus not found at ${resolve(repoRoot, process.env.DELTRAN_CORPUS_DIR ?? '../shared')} (set DELTRAN_CORPUS_DIR)`;
  if (corpusRequired) {
    describe(name, () => {
      it('requires the shared corpus (DELTRAN_REQUIRE_CORPUS=1)', () => {
        throw new Error(reason);
      });
    });
    return;
  }
  process.stderr.write(`[deltran] skipping "${name}": ${reason}\n`);
  describe.skip(name, () => fn(''));
}
