import type postgres from 'postgres';

/**
 * What the index holds for one prompt: public listing fields only. Built from
 * prompts, categories and profiles; prompt_templates (the product) is never
 * read here, so template text cannot reach the index.
 */
export interface PromptDocument {
  id: string;
  title: string;
  description: string;
  tags: string[];
  categorySlug: string;
  categoryName: string;
  targetModel: string;
  /** Minor units (cents). */
  priceAmount: number;
  currency: string;
  sellerId: string;
  sellerDisplayName: string;
  /** Epoch milliseconds (Meilisearch sorts numbers, not dates). */
  publishedAt: number;
  ratingAvg: number;
  ratingCount: number;
  salesCount: number;
  trendingScore: number;
}

// A prompt is searchable while it is published and its seller is not
// suspended; everything else leaves the index.
const SELECT_DOCUMENTS = `
  select p.id, p.title, p.description, p.tags,
         c.slug as "categorySlug", c.name as "categoryName",
         p.target_model as "targetModel", p.price_amount as "priceAmount", p.currency,
         p.seller_id as "sellerId", s.display_name as "sellerDisplayName",
         (extract(epoch from p.published_at) * 1000)::float8 as "publishedAt",
         p.rating_avg::float8 as "ratingAvg", p.rating_count as "ratingCount",
         p.sales_count as "salesCount", p.trending_score::float8 as "trendingScore"
  from public.prompts p
  join public.categories c on c.id = p.category_id
  join public.profiles s on s.id = p.seller_id
  where p.status = 'published' and s.status = 'active'`;

/** The documents of those prompts that are searchable now; the others are absent. */
export async function loadPromptDocuments(
  sql: postgres.TransactionSql,
  promptIds: readonly string[],
): Promise<PromptDocument[]> {
  if (promptIds.length === 0) return [];
  return sql.unsafe<PromptDocument[]>(`${SELECT_DOCUMENTS} and p.id = any($1::uuid[])`, [
    [...promptIds],
  ]);
}

/** How many prompts are searchable now. */
export async function countSearchablePrompts(sql: postgres.TransactionSql): Promise<number> {
  const [row] = await sql.unsafe<{ n: number }[]>(
    `select count(*)::int as n from (${SELECT_DOCUMENTS}) d`,
  );
  return row?.n ?? 0;
}

/** Every searchable prompt's document, in batches, read through a cursor. */
export function streamPromptDocuments(
  sql: postgres.TransactionSql,
  batchSize: number,
): AsyncIterable<PromptDocument[]> {
  return sql.unsafe<PromptDocument[]>(`${SELECT_DOCUMENTS} order by p.id`).cursor(batchSize);
}
