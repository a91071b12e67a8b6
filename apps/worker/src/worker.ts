import { createDb } from '@promptnx/db';
import { connectMeilisearch, type MeilisearchConfig } from '@promptnx/search';
import type PgBoss from 'pg-boss';
import { startBoss } from './boss.js';
import {
  type EmailDeliveryOptions,
  type EmailSettings,
  type RunningEmailDelivery,
  startEmailDelivery,
} from './email-delivery.js';
import {
  type JobDefinition,
  listJobs,
  type NotificationEmailSettings,
  type PaymentsSettings,
  registerJobs,
} from './jobs/index.js';
import type { Logger } from './logger.js';
import { type RunningSearchSync, startSearchSync } from './search-sync.js';

/** Which search engine the deployment uses; with Meilisearch the worker keeps it in sync. */
export type SearchSettings =
  | { engine: 'postgres' }
  | {
      engine: 'meilisearch';
      meilisearch: MeilisearchConfig;
      /** Outbox poll interval (a NOTIFY drains at once); default 1 s. */
      intervalMs?: number;
      batchSize?: number;
    };

export interface StartWorkerOptions {
  databaseUrl: string;
  logger: Logger;
  heartbeatCron: string;
  /** Replaces the registry's job list (tests use this). */
  jobs?: readonly JobDefinition[];
  /** How often an idle queue is polled; pg-boss defaults to 2 s. */
  pollingIntervalSeconds?: number;
  /** How long stop() lets running jobs finish before failing them; default 20 s. */
  stopTimeoutMs?: number;
  /** Search engine; Postgres (nothing to sync) when omitted. */
  search?: SearchSettings;
  /** Payments for the reconciliation job; embedded with the default rules when omitted. */
  payments?: PaymentsSettings;
  /** Links in notification e-mails and the chat e-mail delay; from `payments` when omitted. */
  notificationEmails?: NotificationEmailSettings;
  /** E-mail delivery; capture (nothing leaves the database) when omitted. */
  email?: EmailSettings & Pick<EmailDeliveryOptions, 'intervalMs' | 'delivery' | 'transport'>;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Stops taking jobs, waits for running ones, closes both pools. Safe to call twice. */
  stop(): Promise<void>;
}

export const DEFAULT_STOP_TIMEOUT_MS = 20_000;

/** Connects to the database, starts pg-boss and a worker for every registered job. */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { databaseUrl, logger } = options;
  const client = createDb(databaseUrl, { max: 5, applicationName: 'promptnx-worker' });
  let boss: PgBoss | undefined;
  let searchSync: RunningSearchSync | undefined;
  let emailDelivery: RunningEmailDelivery | undefined;
  const search = options.search ?? { engine: 'postgres' };
  try {
    // Fail on a bad DATABASE_URL here, with the driver's error code, before pg-boss retries.
    await client.sql`select 1`;
    boss = await startBoss({ databaseUrl, logger });
    const jobs =
      options.jobs ??
      listJobs({
        heartbeatCron: options.heartbeatCron,
        searchEngine: search.engine,
        ...(options.payments ? { payments: options.payments } : {}),
        ...(options.notificationEmails ? { notificationEmails: options.notificationEmails } : {}),
      });
    await registerJobs(
      boss,
      jobs,
      { db: client.db, sql: client.sql, logger },
      { pollingIntervalSeconds: options.pollingIntervalSeconds },
    );
    if (search.engine === 'meilisearch') {
      searchSync = await startSearchSync({
        sql: client.sql,
        connection: connectMeilisearch(search.meilisearch),
        logger,
        intervalMs: search.intervalMs ?? 1000,
        batchSize: search.batchSize ?? 500,
      });
    }
    const { intervalMs, delivery, transport, ...emailSettings } = options.email ?? {
      mode: 'capture',
    };
    emailDelivery = await startEmailDelivery({
      sql: client.sql,
      logger,
      settings: emailSettings,
      intervalMs,
      delivery,
      transport,
    });
  } catch (error) {
    await emailDelivery?.stop().catch(() => {});
    await searchSync?.stop().catch(() => {});
    await boss?.stop({ graceful: false }).catch(() => {});
    await client.close().catch(() => {});
    throw error;
  }

  const started = boss;
  const startedSync = searchSync;
  const startedEmail = emailDelivery;
  let stopping: Promise<void> | undefined;
  return {
    boss: started,
    stop() {
      stopping ??= (async () => {
        try {
          await startedEmail.stop();
          await startedSync?.stop();
          await started.stop({
            graceful: true,
            timeout: options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
          });
        } finally {
          await client.close();
        }
      })();
      return stopping;
    },
  };
}
