import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * One entry per published subpath, key for key with package.json "exports" (STYLE.md §2.2).
 * scripts/check-package.mjs fails the build when the two drift apart.
 */
export const entry: Record<string, string> = {
  index: 'src/index.ts',
  'adapters/kafka/index': 'src/adapters/kafka/index.ts',
  'adapters/memory/index': 'src/adapters/memory/index.ts',
  'adapters/nats/index': 'src/adapters/nats/index.ts',
  'adapters/opentelemetry/index': 'src/adapters/opentelemetry/index.ts',
  'adapters/postgres/index': 'src/adapters/postgres/index.ts',
  'compliance/index': 'src/compliance/index.ts',
  'iso20022/index': 'src/iso20022/index.ts',
  'netting/index': 'src/netting/index.ts',
  'obligations/index': 'src/obligations/index.ts',
  'pipeline/index': 'src/pipeline/index.ts',
  'risk/index': 'src/risk/index.ts',
  'settlement/index': 'src/settlement/index.ts',
  'routing/index': 'src/routing/index.ts',
  'token/index': 'src/token/index.ts',
  'cli/bin': 'src/cli/bin.ts',
};

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  // Declarations are emitted with isolatedDeclarations on, as `npm run lint` checks them.
  dts: { compilerOptions: { isolatedDeclarations: true } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
  outDir: 'dist',
  define: { __DELTRAN_VERSION__: JSON.stringify(version) },
});
