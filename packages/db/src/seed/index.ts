import { count } from 'drizzle-orm';
import type { Database } from '../client.js';
import { categories } from '../schema/index.js';
import { demoCategories } from './categories.js';

export interface SeedResult {
  seeded: boolean;
  categories: number;
}

/**
 * Loads the demo catalog into an empty database. A database that already has
 * data is left alone, so `pnpm dev` can call this on every start.
 */
export async function seedDemoData(db: Database): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // One seeder at a time, even when two dev servers start together.
    await tx.execute('select pg_advisory_xact_lock(7355608)');
    const [existing] = await tx.select({ n: count() }).from(categories);
    if ((existing?.n ?? 0) > 0) return { seeded: false, categories: existing?.n ?? 0 };
    await tx.insert(categories).values(
      demoCategories.map(([slug, name, description], i) => ({
        slug,
        name,
        description,
        sortOrder: i,
      })),
    );
    return { seeded: true, categories: demoCategories.length };
  });
}
