#!/usr/bin/env node
// Runs every test runner of the workspace through turbo (vitest in each
// package, Playwright in e2e/), then prints one line: `N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });

const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'lint',
    'lint:root',
    'typecheck',
    'test',
    '--continue',
    '--concurrency=2',
    '--output-logs=full',
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', PROMPTNX_TEST_RESULTS: resultsDir },
  },
);

// Each package that has a test script must leave a results file; one that
// crashed before reporting counts as a failure rather than as zero tests.
const packages = ['packages', 'apps']
  .flatMap((group) => readdirSync(path.join(root, group)).map((name) => path.join(group, name)))
  .concat(['e2e'])
  .filter((dir) => existsSync(path.join(root, dir, 'package.json')))
  .map((dir) => ({
    dir,
    pkg: JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => pkg.scripts?.test);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const { dir, pkg } of packages) {
  const short = pkg.name.replace('@promptnx/', '');
  const file = path.join(resultsDir, short === 'e2e' ? 'playwright.json' : `vitest-${short}.json`);
  if (!existsSync(file)) {
    missing.push(dir);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (short === 'e2e') {
    passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
    failed += report.stats?.unexpected ?? 0;
    skipped += report.stats?.skipped ?? 0;
  } else {
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A file that failed to load has no tests but is still a failure.
    failed += (report.testResults ?? []).filter(
      (r) => r.status === 'failed' && r.assertionResults?.length === 0,
    ).length;
  }
}
if (missing.length)
  console.log(`no test results from: ${missing.join(', ')} (counted as failures)`);
if (turbo.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || turbo.status !== 0 ? 1 : 0);
