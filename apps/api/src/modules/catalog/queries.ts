import { categories, type DbOrTx } from '@promptnx/db';
import { asc, eq } from 'drizzle-orm';

const publicColumns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
};

export function listCategories(db: DbOrTx) {
  return db
    .select(publicColumns)
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.name));
}

export async function findCategoryBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select(publicColumns).from(categories).where(eq(categories.slug, slug));
  return row;
}
