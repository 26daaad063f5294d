/** Every program in examples/ runs to completion (STYLE.md §9.6); `npm run lint` type-checks them. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const programs = readdirSync(`${root}examples`).filter((name) => name.endsWith('.ts'));

describe('examples/', () => {
  it.each(programs)('should run %s without error', (name) => {
    // Act
    const output = execFileSync(process.execPath, ['--import', 'tsx', `examples/${name}`], {
      cwd: root,
      encoding: 'utf8',
    });
    // Assert
    expect(output.length).toBeGreaterThan(0);
  });

  it('should have at least one example program', () => {
    expect(programs.length).toBeGreaterThan(0);
  });
});
