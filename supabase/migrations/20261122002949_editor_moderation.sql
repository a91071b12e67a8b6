CREATE TABLE "moderation_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prompt_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"similar_prompt_id" uuid,
	"similarity" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "moderation_flags_kind_valid" CHECK ("moderation_flags"."kind" in ('near_duplicate')),
	CONSTRAINT "moderation_flags_similarity_range" CHECK ("moderation_flags"."similarity" is null or "moderation_flags"."similarity" between 0 and 1)
);
--> statement-breakpoint
ALTER TABLE "moderation_flags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "prompt_versions" DROP CONSTRAINT "prompt_versions_status_valid";--> statement-breakpoint
ALTER TABLE "moderation_flags" ADD CONSTRAINT "moderation_flags_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_flags" ADD CONSTRAINT "moderation_flags_version_id_prompt_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_flags" ADD CONSTRAINT "moderation_flags_similar_prompt_id_prompts_id_fk" FOREIGN KEY ("similar_prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moderation_flags_prompt_id_idx" ON "moderation_flags" USING btree ("prompt_id","created_at");--> statement-breakpoint
CREATE INDEX "moderation_flags_version_id_idx" ON "moderation_flags" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "moderation_flags_similar_prompt_id_idx" ON "moderation_flags" USING btree ("similar_prompt_id");--> statement-breakpoint
ALTER TABLE "prompt_versions" ADD CONSTRAINT "prompt_versions_status_valid" CHECK ("prompt_versions"."status" in ('draft', 'pending_review', 'published'));--> statement-breakpoint
CREATE POLICY "admins read moderation flags" ON "moderation_flags" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_admin()));--> statement-breakpoint
ALTER POLICY "sellers edit templates of their draft versions" ON "prompt_templates" TO authenticated USING ((select public.is_prompt_seller("prompt_templates"."prompt_id")) and exists (select 1 from public.prompt_versions v where v.id = "prompt_templates"."version_id" and v.status = 'draft')) WITH CHECK ((select public.is_prompt_seller("prompt_templates"."prompt_id")) and exists (select 1 from public.prompt_versions v where v.id = "prompt_templates"."version_id" and v.status = 'draft'));--> statement-breakpoint
ALTER POLICY "sellers delete templates of their draft versions" ON "prompt_templates" TO authenticated USING ((select public.is_prompt_seller("prompt_templates"."prompt_id")) and exists (select 1 from public.prompt_versions v where v.id = "prompt_templates"."version_id" and v.status = 'draft'));