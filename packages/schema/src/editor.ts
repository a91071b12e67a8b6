import { z } from 'zod';
import { promptAssetSchema, promptVariableSchema, targetModelSchema } from './catalog.js';
import { slugSchema } from './categories.js';
import { currencySchema, moneySchema } from './money.js';

// The seller's side of a prompt: drafts, versions with their template, example
// outputs, submission for review. Everything here is for the prompt's seller
// (and admins); template text appears only in these answers.

export const PROMPT_STATUSES = [
  'draft',
  'pending_review',
  'published',
  'rejected',
  'archived',
  /** Taken out of the catalog by a moderator, or while the seller is suspended. */
  'hidden',
] as const;
export const VERSION_STATUSES = ['draft', 'pending_review', 'published'] as const;

export const VARIABLE_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** `[subject]`-style placeholders: a lowercase name in square brackets. */
export const PLACEHOLDER = /\[([a-z][a-z0-9_]{0,39})\]/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(30)
  .regex(/^[a-z0-9][a-z0-9 +#.-]*$/, 'letters, digits, spaces and + # . -');

const priceInputSchema = z.object({
  amount: z.number().int().min(0).max(100_000_000),
  currency: currencySchema.default('usd'),
});

/** POST /api/prompts: a new draft. */
export const createPromptSchema = z.strictObject({
  title: z.string().trim().min(3).max(120),
  description: z.string().trim().max(5000).default(''),
  category: slugSchema,
  targetModel: targetModelSchema,
  tags: z.array(tag).max(10).default([]),
  price: priceInputSchema,
});

/** PATCH /api/prompts/:id: any of the listing fields; status is not one of them. */
export const updatePromptSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(120),
    description: z.string().trim().max(5000),
    category: slugSchema,
    targetModel: targetModelSchema,
    tags: z.array(tag).max(10),
    price: priceInputSchema,
  })
  .partial();

export const variableInputSchema = promptVariableSchema
  .extend({
    name: z
      .string()
      .regex(VARIABLE_NAME, 'lowercase letters, digits and _, starting with a letter'),
    description: z.string().trim().max(300).default(''),
    example: z.string().trim().max(500).default(''),
    options: z.array(z.string().trim().min(1).max(100)).min(2).max(30).optional(),
  })
  .strict();

const modelParamsSchema = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/),
    z.union([z.string().max(200), z.number(), z.boolean()]),
  )
  .refine((params) => Object.keys(params).length <= 20, 'at most 20 parameters');

const versionFields = {
  /** The product: the text buyers unlock. `[name]` placeholders must be declared in `variables`. */
  template: z.string().min(1).max(20000),
  instructions: z.string().max(10000).default(''),
  variables: z.array(variableInputSchema).max(30).default([]),
  modelParams: modelParamsSchema.default({}),
  testedModels: z.array(targetModelSchema).max(9).default([]),
  changelog: z.string().trim().max(5000).default(''),
};

/** POST /api/prompts/:id/versions: a new draft version. */
export const createVersionSchema = z.strictObject(versionFields);

/** PATCH /api/prompts/:id/versions/:versionId: drafts only. */
export const updateVersionSchema = z
  .strictObject({
    template: versionFields.template,
    instructions: z.string().max(10000),
    variables: z.array(variableInputSchema).max(30),
    modelParams: modelParamsSchema,
    testedModels: z.array(targetModelSchema).max(9),
    changelog: z.string().trim().max(5000),
  })
  .partial();

/** A version as its seller sees it, template included. */
export const editorVersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  status: z.enum(VERSION_STATUSES),
  template: z.string(),
  instructions: z.string(),
  variables: z.array(promptVariableSchema),
  modelParams: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  testedModels: z.array(z.string()),
  changelog: z.string(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const editorAssetSchema = promptAssetSchema.extend({
  versionId: z.uuid().nullable(),
  position: z.number().int().nonnegative(),
  mimeType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  sizeBytes: z.number().int().positive(),
});

/** GET /api/prompts/:id/edit: everything the editor shows. */
export const editorPromptSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.object({ slug: z.string(), name: z.string() }),
  targetModel: targetModelSchema,
  tags: z.array(z.string()),
  price: moneySchema,
  status: z.enum(PROMPT_STATUSES),
  /** Why the last submission was rejected, when it was. */
  rejectionReason: z.string().nullable(),
  currentVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  versions: z.array(editorVersionSchema),
  assets: z.array(editorAssetSchema),
  /** What the seller may do next, so pages need not repeat the rules. */
  can: z.object({
    edit: z.boolean(),
    addVersion: z.boolean(),
    submit: z.boolean(),
    delete: z.boolean(),
  }),
});

/** GET /api/me/prompts: the seller's own prompts, every status. */
export const sellerPromptSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(PROMPT_STATUSES),
  price: moneySchema,
  rejectionReason: z.string().nullable(),
  versionCount: z.number().int().nonnegative(),
  currentVersion: z.number().int().nullable(),
  /** Versions waiting for the moderator. */
  pendingVersions: z.number().int().nonnegative(),
  coverUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export const sellerPromptListSchema = z.object({ items: z.array(sellerPromptSummarySchema) });

/** PATCH /api/prompts/:id/assets/:assetId. */
export const updateAssetSchema = z
  .strictObject({
    altText: z.string().trim().max(300),
    position: z.number().int().min(0).max(100),
    versionId: z.uuid().nullable(),
  })
  .partial();

/** Query of POST /api/prompts/:id/assets (the image itself is the raw body). */
export const uploadAssetQuerySchema = z.object({
  versionId: z.uuid().optional(),
  altText: z.string().trim().max(300).default(''),
});

export const ASSET_MAX_BYTES = 10 * 1024 * 1024;
export const ASSET_MAX_PIXELS = 40_000_000;
export const ASSET_MAX_SIDE = 8192;
export const ASSETS_PER_PROMPT = 12;

/** POST /api/admin/prompts/:id/reject. */
export const rejectPromptSchema = z.strictObject({
  reason: z.string().trim().min(3).max(1000),
});

export const moderationFlagSchema = z.object({
  kind: z.literal('near_duplicate'),
  versionId: z.uuid(),
  similarPrompt: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
  /** Trigram similarity of the two templates, 0–1. */
  similarity: z.number(),
  createdAt: z.string(),
});

/** GET /api/admin/prompts: prompts and versions waiting for review, with their flags. */
export const moderationQueueItemSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(PROMPT_STATUSES),
  seller: z.object({ id: z.uuid(), displayName: z.string(), username: z.string().nullable() }),
  pendingVersions: z.array(z.number().int()),
  flags: z.array(moderationFlagSchema),
  submittedAt: z.string(),
});
export const moderationQueueSchema = z.object({ items: z.array(moderationQueueItemSchema) });

export type CreatePrompt = z.input<typeof createPromptSchema>;
export type UpdatePrompt = z.input<typeof updatePromptSchema>;
export type CreateVersion = z.input<typeof createVersionSchema>;
export type UpdateVersion = z.input<typeof updateVersionSchema>;
export type VariableInput = z.input<typeof variableInputSchema>;
export type EditorPrompt = z.infer<typeof editorPromptSchema>;
export type EditorVersion = z.infer<typeof editorVersionSchema>;
export type EditorAsset = z.infer<typeof editorAssetSchema>;
export type SellerPromptSummary = z.infer<typeof sellerPromptSummarySchema>;
export type UpdateAsset = z.input<typeof updateAssetSchema>;
export type ModerationQueueItem = z.infer<typeof moderationQueueItemSchema>;
