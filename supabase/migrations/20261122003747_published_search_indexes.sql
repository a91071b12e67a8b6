DROP INDEX "prompts_search_vector_idx";--> statement-breakpoint
DROP INDEX "prompts_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "prompts_published_search_idx" ON "prompts" USING gin ("search_vector") WHERE "prompts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "prompts_published_title_trgm_idx" ON "prompts" USING gin ("title" gin_trgm_ops) WHERE "prompts"."status" = 'published';