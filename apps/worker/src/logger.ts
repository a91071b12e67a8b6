import { hostname } from 'node:os';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { WorkerEnv } from './env.js';

export type { Logger } from 'pino';

/** JSON lines on stdout (or the given stream, which tests use to read them back). */
export function createLogger(
  settings: { level: WorkerEnv['LOG_LEVEL']; nodeEnv?: WorkerEnv['NODE_ENV'] },
  destination?: DestinationStream,
): Logger {
  const options = {
    name: 'worker',
    level: settings.level,
    base: {
      service: 'promptnx-worker',
      env: settings.nodeEnv,
      pid: process.pid,
      hostname: hostname(),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
