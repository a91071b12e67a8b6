import { categories, type DbOrTx, prompts } from '@promptnx/db';
import { and, asc, count, eq } from 'drizzle-orm';

const publicColumns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
};

/** Categories in display order with how many published prompts each holds. */
export function listCategories(db: DbOrTx) {
  return db
    .select({ ...publicColumns, promptCount: count(prompts.id) })
    .from(categories)
    .leftJoin(prompts, and(eq(prompts.categoryId, categories.id), eq(prompts.status, 'published')))
    .groupBy(categories.id)
    .orderBy(asc(categories.sortOrder), asc(categories.name));
}

export async function findCategoryBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select(publicColumns).from(categories).where(eq(categories.slug, slug));
  return row;
}
