import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the `deltran` package itself (found by walking up from this file), so the CLI finds
 * its bundled examples both from the sources (`tsx src/cli/bin.ts`) and from `dist/`.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'deltran') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('deltran: cannot find the package root (package.json)');
    dir = parent;
  }
}
