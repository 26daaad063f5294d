import fc from 'fast-check';
import { afterEach, beforeEach, vi } from 'vitest';

// The seed is chosen once per run in vitest.config.ts and handed to every worker.
const seed = Number(process.env.DELTRAN_SEED);
fc.configureGlobal({ seed, numRuns: 200 });

// Library code never logs (STYLE.md §6.6): any console call during a test fails it.
const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let calls: string[] = [];
beforeEach(() => {
  calls = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}(${args.map(String).join(' ')})`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) {
    throw new Error(`Unexpected console output during the test:\n${calls.join('\n')}`);
  }
});
