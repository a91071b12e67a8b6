import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPublishedPrompt, createSeller, useTestDatabase } from '@promptnx/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeMeilisearch } from '../testing/index.js';

const database = await useTestDatabase();
const fake = await startFakeMeilisearch();
afterAll(() => fake.close());

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('./reindex.ts', import.meta.url));

// The command as `pnpm search:reindex` runs it: its own process, only these variables.
function run(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('pnpm search:reindex', () => {
  it('rebuilds the index and reports progress as plain lines when not on a terminal', async () => {
    const seller = await createSeller(database.db);
    for (let i = 0; i < 3; i += 1) await createPublishedPrompt(database.db, seller);

    const result = await run(
      {
        DATABASE_URL: database.url,
        MEILISEARCH_HOST: fake.url,
        MEILISEARCH_API_KEY: fake.apiKey!,
        MEILISEARCH_INDEX: 'catalog',
      },
      ['--batch-size', '2'],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^search:reindex: indexed 3 prompts into 'catalog' in [\d.]+ s/);
    // Intermediate counts are printed at most every 2 s, so their number varies.
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines[0]).toBe('search:reindex: preparing');
    expect(lines.slice(-3)).toEqual([
      'search:reindex: indexing 3/3 prompts',
      'search:reindex: swapping 3/3 prompts',
      'search:reindex: done 3/3 prompts',
    ]);
    for (const line of lines.slice(1, -3)) {
      expect(line).toMatch(/^search:reindex: indexing [0-3]\/3 prompts$/);
    }
    expect(fake.documents('catalog')).toHaveLength(3);
  });

  it('stops with one line naming the variable when MEILISEARCH_HOST is missing', async () => {
    const result = await run({ DATABASE_URL: database.url });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('search:reindex: MEILISEARCH_HOST is required');
  });

  it('says so in one line when the API key is refused', async () => {
    const result = await run({
      DATABASE_URL: database.url,
      MEILISEARCH_HOST: fake.url,
      MEILISEARCH_API_KEY: 'wrong-key',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(
      /^search:reindex: Meilisearch at http:\/\/127\.0\.0\.1:\d+: The provided API key is invalid\. Check MEILISEARCH_API_KEY$/,
    );
  });
});
