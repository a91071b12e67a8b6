import { findFreePort } from '@promptnx/db/embedded';
import { useTestDatabase } from '@promptnx/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOSS_SCHEMA } from './boss.js';
import { HEARTBEAT_QUEUE, type HeartbeatOutput, type JobDefinition } from './jobs/index.js';
import { captureLogs } from './testing/capture-logs.js';
import { waitFor } from './testing/wait-for.js';
import { type RunningWorker, startWorker } from './worker.js';

const database = await useTestDatabase();

async function jobState(queue: string, id: string) {
  const rows = await database.sql<{ state: string; output: unknown }[]>`
    select state, output from ${database.sql(BOSS_SCHEMA)}.job where name = ${queue} and id = ${id}`;
  return rows[0];
}

describe('worker with the registered jobs', () => {
  const { logger, lines } = captureLogs();
  let worker: RunningWorker;

  beforeAll(async () => {
    worker = await startWorker({
      databaseUrl: database.url,
      logger,
      heartbeatCron: '*/5 * * * *',
      pollingIntervalSeconds: 0.5,
    });
  });
  afterAll(() => worker?.stop());

  it('runs a heartbeat sent by hand: checks the database and logs its latency', async () => {
    const id = await worker.boss.send(HEARTBEAT_QUEUE, {});
    expect(id).toEqual(expect.any(String));
    const job = await waitFor('the heartbeat to complete', async () => {
      const found = await worker.boss.getJobById<object>(HEARTBEAT_QUEUE, id!);
      return found?.state === 'completed' || found?.state === 'failed' ? found : undefined;
    });
    expect(job.state).toBe('completed');
    const output = job.output as HeartbeatOutput;
    expect(output.latencyMs).toBeGreaterThanOrEqual(0);

    const line = lines.find((l) => l.msg === 'heartbeat' && l.jobId === id);
    expect(line).toMatchObject({
      level: 30,
      queue: HEARTBEAT_QUEUE,
      database: 'ok',
      latencyMs: output.latencyMs,
      service: 'promptnx-worker',
    });
    // The job row lives in the pgboss schema of the application database.
    expect(await jobState(HEARTBEAT_QUEUE, id!)).toMatchObject({ state: 'completed' });
  });

  it('registers the heartbeat schedule with the configured cron line', async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: HEARTBEAT_QUEUE, cron: '*/5 * * * *' }),
    );
  });

  it('starting again on the same database re-registers without errors', async () => {
    const again = await startWorker({
      databaseUrl: database.url,
      logger,
      heartbeatCron: '*/10 * * * *',
    });
    await again.stop();
    const schedules = await worker.boss.getSchedules();
    expect(schedules.filter((s) => s.name === HEARTBEAT_QUEUE)).toEqual([
      expect.objectContaining({ cron: '*/10 * * * *' }),
    ]);
  });
});

describe('job registry and shutdown', () => {
  const { logger, lines } = captureLogs();
  let worker: RunningWorker;
  let release: () => void = () => {};
  let markStarted: () => void = () => {};
  const slowStarted = new Promise<void>((resolve) => {
    markStarted = resolve;
  });

  const slow: JobDefinition<{ label: string }> = {
    name: 'test-slow',
    async handler(job) {
      markStarted();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { label: job.data.label };
    },
  };
  const broken: JobDefinition = {
    name: 'test-broken',
    queue: { retryLimit: 0 },
    async handler() {
      throw new Error('payload rejected');
    },
  };

  beforeAll(async () => {
    worker = await startWorker({
      databaseUrl: database.url,
      logger,
      heartbeatCron: '* * * * *',
      jobs: [slow, broken],
      pollingIntervalSeconds: 0.5,
      stopTimeoutMs: 10_000,
    });
  });
  afterAll(() => worker?.stop());

  it('marks a throwing job failed and logs the error with its queue and id', async () => {
    const id = (await worker.boss.send(broken.name, {}))!;
    await waitFor('the job to fail', async () =>
      (await jobState(broken.name, id))?.state === 'failed' ? true : undefined,
    );
    expect(lines.find((l) => l.msg === 'job failed' && l.jobId === id)).toMatchObject({
      level: 50,
      queue: broken.name,
      err: expect.objectContaining({ message: 'payload rejected' }),
    });
  });

  it('leaves jobs without cron unscheduled', async () => {
    const names = (await worker.boss.getSchedules()).map((s) => s.name);
    expect(names).not.toContain(slow.name);
    expect(names).not.toContain(broken.name);
  });

  it('stop() waits for the running job to finish, and a second stop() is harmless', async () => {
    const id = (await worker.boss.send(slow.name, { label: 'finish me' }))!;
    await slowStarted;

    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(stopped).toBe(false);

    release();
    await stopping;
    await worker.stop();
    await expect(worker.stop()).resolves.toBeUndefined();

    const row = await waitFor('the job to be completed', async () => {
      const found = await jobState(slow.name, id);
      return found?.state === 'completed' ? found : undefined;
    });
    expect(row.output).toEqual({ label: 'finish me' });
  });
});

describe('startWorker with an unreachable database', () => {
  it('rejects with the driver error so main can describe it', async () => {
    const port = await findFreePort();
    const { logger } = captureLogs();
    await expect(
      startWorker({
        databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/nothing`,
        logger,
        heartbeatCron: '* * * * *',
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
