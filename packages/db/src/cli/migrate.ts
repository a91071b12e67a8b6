import { runMigrations } from '../migrate.js';
import { runWithDatabase } from './run.js';

await runWithDatabase('db:migrate', async (url) => {
  await runMigrations(url);
  console.log('db:migrate: migrations applied');
});
