import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download browsers on these machines: it drives the system
// Chromium (scripts/bootstrap.mjs installs it), with flags for a closed network.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsDir = process.env.PROMPTNX_TEST_RESULTS;

export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: path.join(import.meta.dirname ?? '.', 'test-results'),
  reporter: resultsDir
    ? [['list'], ['json', { outputFile: path.join(resultsDir, 'playwright.json') }]]
    : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
