import { describeConnectionError } from '@promptnx/db';
import { readEnv } from './env.js';
import { HEARTBEAT_QUEUE } from './jobs/index.js';
import { createLogger } from './logger.js';
import { type RunningWorker, startWorker } from './worker.js';

const env = readEnv();
const logger = createLogger({ level: env.LOG_LEVEL, nodeEnv: env.NODE_ENV });

let worker: RunningWorker;
try {
  worker = await startWorker({
    databaseUrl: env.DATABASE_URL,
    logger,
    heartbeatCron: env.HEARTBEAT_CRON,
  });
} catch (error) {
  console.error(`worker: ${describeConnectionError(error, env.DATABASE_URL)}`);
  process.exit(1);
}

let stopping = false;
function onSignal(signal: NodeJS.Signals) {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting without waiting for running jobs');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'stopping worker: waiting for running jobs');
  worker.stop().then(
    () => {
      logger.info('worker stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'worker did not stop cleanly');
      process.exit(1);
    },
  );
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

logger.info({ heartbeatQueue: HEARTBEAT_QUEUE, heartbeatCron: env.HEARTBEAT_CRON }, 'worker ready');
