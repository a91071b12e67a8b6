import { createDb } from '../client.js';
import { runMigrations } from '../migrate.js';
import { seedDemoData } from '../seed/index.js';
import { runWithDatabase } from './run.js';

await runWithDatabase('db:seed', async (url) => {
  await runMigrations(url);
  const client = createDb(url, { max: 2 });
  try {
    const result = await seedDemoData(client.db);
    console.log(
      result.seeded
        ? `db:seed: demo data loaded (${result.categories} categories)`
        : 'db:seed: the database already has data; nothing to do',
    );
  } finally {
    await client.close();
  }
});
