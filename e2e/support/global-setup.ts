import type { FullConfig } from '@playwright/test';
import { startStack } from './stack';

// One stack for the run; tests reach it through E2E_BASE_URL / E2E_API_URL.
export default async function globalSetup(_config: FullConfig) {
  const stack = await startStack();
  process.env.E2E_BASE_URL = stack.webUrl;
  process.env.E2E_API_URL = stack.apiUrl;
  process.env.E2E_DATABASE_URL = stack.databaseUrl;
  return () => stack.stop();
}
