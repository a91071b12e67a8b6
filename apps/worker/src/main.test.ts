import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@promptnx/db/embedded';
import { useTestDatabase } from '@promptnx/db/testing';
import { findEmail, queueSampleEmail, startFakeResend } from '@promptnx/emails/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './testing/wait-for.js';

const database = await useTestDatabase();
const appDir = fileURLToPath(new URL('..', import.meta.url));
const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

// The worker as it really starts: its own process, only the given variables.
function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
    cwd: appDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => (chunk: Buffer) => {
    into.push(...chunk.toString().split('\n').filter(Boolean));
  };
  child.stdout?.on('data', collect(stdout));
  child.stderr?.on('data', collect(stderr));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exit };
}

const messages = (lines: string[]) =>
  lines.flatMap((line) => {
    try {
      return [(JSON.parse(line) as { msg: string }).msg];
    } catch {
      return [];
    }
  });

describe('main', () => {
  it('stops with one line naming the variable when DATABASE_URL is missing', async () => {
    const run = runMain({ NODE_ENV: 'test' });
    expect(await run.exit).toBe(1);
    expect(run.stderr).toEqual(['worker: DATABASE_URL is required']);
  });

  it('stops with one line when SEARCH_ENGINE=meilisearch has no MEILISEARCH_HOST', async () => {
    const run = runMain({ DATABASE_URL: database.url, SEARCH_ENGINE: 'meilisearch' });
    expect(await run.exit).toBe(1);
    expect(run.stderr).toEqual([
      'worker: MEILISEARCH_HOST is required when SEARCH_ENGINE=meilisearch',
    ]);
  });

  it('stops with one line naming what EMAIL_MODE=resend is missing', async () => {
    const run = runMain({ DATABASE_URL: database.url, EMAIL_MODE: 'resend' });
    expect(await run.exit).toBe(1);
    expect(run.stderr).toEqual([
      'worker: RESEND_API_KEY is required when EMAIL_MODE=resend; EMAIL_FROM is required when EMAIL_MODE=resend',
    ]);
    const noFrom = runMain({
      DATABASE_URL: database.url,
      EMAIL_MODE: 'resend',
      RESEND_API_KEY: 're_123',
    });
    expect(await noFrom.exit).toBe(1);
    expect(noFrom.stderr).toEqual(['worker: EMAIL_FROM is required when EMAIL_MODE=resend']);
  });

  it('stops with one line, password hidden, when the database cannot be reached', async () => {
    const port = await findFreePort();
    const run = runMain({ DATABASE_URL: `postgres://app:s3cret@127.0.0.1:${port}/promptnx` });
    expect(await run.exit).toBe(1);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(/^worker: nothing accepts connections at .*127\.0\.0\.1/);
    expect(run.stderr[0]).not.toContain('s3cret');
  });

  it('logs "worker ready", then on SIGTERM stops gracefully and exits 0', async () => {
    const run = runMain({ DATABASE_URL: database.url, NODE_ENV: 'test', LOG_LEVEL: 'info' });
    try {
      await waitFor('worker ready', () =>
        messages(run.stdout).includes('worker ready') ? true : undefined,
      );
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
    expect(messages(run.stdout)).toEqual(
      expect.arrayContaining([
        'worker ready',
        'stopping worker: waiting for running jobs',
        'worker stopped',
      ]),
    );
    expect(run.stderr).toEqual([]);
  });

  it('killed after Resend took an e-mail but before recording it, sends it once in all', async () => {
    const fake = await startFakeResend();
    afterAll(() => fake.close());
    const env = {
      DATABASE_URL: database.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      EMAIL_MODE: 'resend',
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      EMAIL_FROM: 'PromptNX <hello@promptnx.example>',
    };
    const receipt = await queueSampleEmail(database.db, 'order_receipt');
    // Resend accepts the e-mail, but its answer never reaches the first worker.
    const release = fake.holdAnswers();
    const first = runMain(env);
    try {
      await waitFor('Resend to receive the e-mail', () =>
        fake.delivered.length === 1 ? true : undefined,
      );
      first.child.kill('SIGKILL');
      await first.exit;
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
      release();
    }
    expect((await findEmail(database.db, receipt.dedupeKey))?.status).toBe('queued');

    const second = runMain(env);
    try {
      await waitFor('the e-mail to be marked sent', async () =>
        (await findEmail(database.db, receipt.dedupeKey))?.status === 'sent' ? true : undefined,
      );
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
    // Two requests with the same idempotency key, one e-mail.
    expect(fake.requests.map((r) => r.headers['idempotency-key'])).toEqual([
      receipt.dedupeKey,
      receipt.dedupeKey,
    ]);
    expect(fake.delivered).toHaveLength(1);
    expect((await findEmail(database.db, receipt.dedupeKey))?.providerMessageId).toBe(
      fake.delivered[0]!.id,
    );
  });
});
