import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

export interface PackageTestOptions {
  /** Start one embedded Postgres for the run; files call useTestDatabase(). */
  database?: boolean;
}

/**
 * The vitest config every package shares. With PROMPTNX_TEST_RESULTS set,
 * results also go to a JSON file there so scripts/test-all.mjs can add them up.
 */
export function packageTestConfig(packageName: string, options: PackageTestOptions = {}) {
  const resultsDir = process.env.PROMPTNX_TEST_RESULTS;
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'app/**/*.test.ts'],
      globalSetup: options.database
        ? [path.join(repoRoot, 'packages/db/src/testing/global-setup.ts')]
        : [],
      setupFiles: [path.join(repoRoot, 'vitest.setup.ts')],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: resultsDir
        ? ['default', ['json', { outputFile: path.join(resultsDir, `vitest-${packageName}.json`) }]]
        : ['default'],
    },
  });
}
