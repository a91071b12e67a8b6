import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL here; applying it is `pnpm db:migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: '../../supabase/migrations',
  casing: 'snake_case',
  migrations: { prefix: 'supabase' },
  entities: { roles: { provider: 'supabase' } },
  schemaFilter: ['public'],
});
