import { describeConnectionError } from '@promptnx/db';
import { buildApp } from './app.js';
import { EnvError, loadEnv } from './env.js';
import { checkDatabase } from './modules/health/service.js';

// Only listens and shuts down; everything else is in app.ts.
function fail(message: string): never {
  console.error(`api: ${message}`);
  process.exit(1);
}

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}

const app = await buildApp({ env });

const database = await checkDatabase(app.database.sql, 5000);
if (!database.ok) {
  await app.close();
  fail(describeConnectionError(database.error, env.DATABASE_URL));
}

try {
  await app.listen({ host: env.API_HOST, port: env.API_PORT });
} catch (error) {
  await app.close();
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    fail(
      `port ${env.API_PORT} on ${env.API_HOST} is already in use; stop that process or set API_PORT`,
    );
  }
  if (e.code === 'EACCES') fail(`no permission to listen on port ${env.API_PORT}; set API_PORT`);
  fail(e.message);
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1); // a second signal: stop waiting
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      () => process.exit(1),
    );
  });
}
