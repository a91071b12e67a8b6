import { z } from 'zod';
import { categorySchema, slugSchema } from './categories.js';
import { moneySchema } from './money.js';

// The public catalog. Nothing here ever carries template text: the product
// is read only through the library (entitled buyers, the seller, admins).

export const TARGET_MODELS = [
  'chatgpt',
  'claude',
  'gemini',
  'llama',
  'midjourney',
  'dall-e',
  'stable-diffusion',
  'flux',
  'other',
] as const;
export const targetModelSchema = z.enum(TARGET_MODELS);

export const PROMPT_SORTS = [
  'relevance',
  'newest',
  'top-rated',
  'best-selling',
  'trending',
] as const;

const cents = z.coerce.number().int().min(0).max(100_000_000);
const booleanParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** GET /api/prompts query: filters, sort, cursor. */
export const promptListQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional(),
    category: slugSchema.optional(),
    model: targetModelSchema.optional(),
    minPrice: cents.optional(),
    maxPrice: cents.optional(),
    free: booleanParam.optional(),
    seller: z.uuid().optional(),
    sort: z.enum(PROMPT_SORTS).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(60).default(24),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    path: ['maxPrice'],
    message: 'must not be below minPrice',
  });

export const sellerCardSchema = z.object({
  id: z.uuid(),
  username: z.string().nullable(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});

export const ratingSchema = z.object({
  average: z.number().min(0).max(5),
  count: z.number().int().nonnegative(),
});

/** A prompt in a list: what a card shows. */
export const promptCardSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  category: categorySchema.pick({ slug: true, name: true }),
  targetModel: targetModelSchema,
  tags: z.array(z.string()),
  price: moneySchema,
  rating: ratingSchema,
  salesCount: z.number().int().nonnegative(),
  seller: sellerCardSchema,
  /** Thumbnail of the first example output, when there is one (a signed URL). */
  coverUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const promptListSchema = z.object({
  items: z.array(promptCardSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const promptVariableSchema = z.object({
  name: z.string(),
  type: z.enum(['text', 'long_text', 'number', 'choice']),
  description: z.string(),
  example: z.string(),
  options: z.array(z.string()).optional(),
});

/** A published version as everyone may see it: never the template. */
export const publicVersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  changelog: z.string(),
  variables: z.array(promptVariableSchema),
  testedModels: z.array(z.string()),
  publishedAt: z.string().nullable(),
});

export const promptAssetSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['example', 'cover']),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  altText: z.string(),
});

export const promptDetailSchema = promptCardSchema.extend({
  status: z.enum(['draft', 'pending_review', 'published', 'rejected', 'archived', 'hidden']),
  assets: z.array(promptAssetSchema),
  versions: z.array(publicVersionSchema),
  currentVersion: z.number().int().nullable(),
  reviewSummary: ratingSchema.extend({
    /** Published reviews per star, index 0 = one star. */
    distribution: z.array(z.number().int().nonnegative()).length(5),
  }),
  sellerStats: z.object({
    rating: ratingSchema,
    promptCount: z.number().int(),
    salesCount: z.number().int(),
  }),
  /** What the person asking may do with it. */
  viewer: z.object({
    owns: z.boolean(),
    isSeller: z.boolean(),
    favorited: z.boolean(),
  }),
});

export const categoryWithCountSchema = categorySchema.extend({
  promptCount: z.number().int().nonnegative(),
});
export const categoryCountListSchema = z.object({ items: z.array(categoryWithCountSchema) });

export const sellerPublicSchema = sellerCardSchema.extend({
  bio: z.string(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  joinedAt: z.string(),
  rating: ratingSchema,
  promptCount: z.number().int().nonnegative(),
  salesCount: z.number().int().nonnegative(),
});

/** What a caller passes to list prompts (the query string, typed). */
export interface PromptListQuery {
  q?: string | undefined;
  category?: string | undefined;
  model?: (typeof TARGET_MODELS)[number] | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  free?: boolean | undefined;
  seller?: string | undefined;
  sort?: (typeof PROMPT_SORTS)[number] | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}
export type PromptCard = z.infer<typeof promptCardSchema>;
export type PromptList = z.infer<typeof promptListSchema>;
export type PromptDetail = z.infer<typeof promptDetailSchema>;
export type CategoryWithCount = z.infer<typeof categoryWithCountSchema>;
export type SellerPublic = z.infer<typeof sellerPublicSchema>;
