import { type Database, type JwtClaims, withUser } from '@promptnx/db';
import { AppError } from '../../lib/errors.js';
import { findCategoryBySlug, listCategories } from './queries.js';

// Catalog reads run as the request's role, so RLS guards them too.
export function getCategories(db: Database, claims: JwtClaims) {
  return withUser(db, claims, (tx) => listCategories(tx));
}

export async function getCategory(db: Database, claims: JwtClaims, slug: string) {
  const category = await withUser(db, claims, (tx) => findCategoryBySlug(tx, slug));
  if (!category) throw new AppError('NOT_FOUND', `category '${slug}' was not found`);
  return category;
}
