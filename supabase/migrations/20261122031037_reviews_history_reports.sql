CREATE TABLE "prompt_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prompt_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_reports_prompt_reporter_key" UNIQUE("prompt_id","reporter_id"),
	CONSTRAINT "prompt_reports_reason_valid" CHECK ("prompt_reports"."reason" in ('spam', 'offensive', 'misleading', 'copyright', 'illegal', 'other')),
	CONSTRAINT "prompt_reports_status_valid" CHECK ("prompt_reports"."status" in ('open', 'resolved', 'dismissed')),
	CONSTRAINT "prompt_reports_details_length" CHECK (char_length("prompt_reports"."details") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "prompt_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"rating" smallint NOT NULL,
	"body" text NOT NULL,
	"model_used" text,
	"status" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_revisions_status_valid" CHECK ("review_revisions"."status" in ('pending', 'published', 'rejected', 'hidden'))
);
--> statement-breakpoint
ALTER TABLE "review_revisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "review_reports" ADD COLUMN "resolved_by" uuid;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "order_item_id" uuid;--> statement-breakpoint
ALTER TABLE "prompt_reports" ADD CONSTRAINT "prompt_reports_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_reports" ADD CONSTRAINT "prompt_reports_reporter_id_profiles_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_reports" ADD CONSTRAINT "prompt_reports_resolved_by_profiles_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_revisions" ADD CONSTRAINT "review_revisions_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prompt_reports_reporter_id_idx" ON "prompt_reports" USING btree ("reporter_id");--> statement-breakpoint
CREATE INDEX "prompt_reports_open_idx" ON "prompt_reports" USING btree ("prompt_id") WHERE "prompt_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "review_revisions_review_id_idx" ON "review_revisions" USING btree ("review_id","created_at");--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_resolved_by_profiles_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviews_prompt_published_rating_idx" ON "reviews" USING btree ("prompt_id","rating","created_at") WHERE "reviews"."status" = 'published';--> statement-breakpoint
CREATE INDEX "reviews_order_item_id_idx" ON "reviews" USING btree ("order_item_id");--> statement-breakpoint
-- Reviews written before model_used was checked (the demo seed wrote version names such
-- as 'gpt-4o') take their prompt's target model, so the check below holds for old rows.
UPDATE "reviews" r SET "model_used" = p."target_model" FROM "prompts" p
  WHERE p."id" = r."prompt_id" AND r."model_used" IS NOT NULL
    AND r."model_used" NOT IN ('chatgpt', 'claude', 'gemini', 'llama', 'midjourney', 'dall-e', 'stable-diffusion', 'flux', 'other');--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_model_used_valid" CHECK ("reviews"."model_used" in ('chatgpt', 'claude', 'gemini', 'llama', 'midjourney', 'dall-e', 'stable-diffusion', 'flux', 'other'));--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reply_has_time" CHECK (("reviews"."seller_reply" is null) = ("reviews"."seller_replied_at" is null));--> statement-breakpoint
CREATE POLICY "reporters and admins read prompt reports" ON "prompt_reports" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("prompt_reports"."reporter_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users report prompts they can see and do not sell" ON "prompt_reports" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("prompt_reports"."reporter_id" = (select auth.uid()) and "prompt_reports"."status" = 'open' and "prompt_reports"."resolved_at" is null and "prompt_reports"."resolved_by" is null and exists (select 1 from public.prompts p where p.id = "prompt_reports"."prompt_id" and p.seller_id <> (select auth.uid())));--> statement-breakpoint
CREATE POLICY "buyers and admins read the history of reviews" ON "review_revisions" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_admin()) or exists (select 1 from public.reviews r where r.id = "review_revisions"."review_id" and r.buyer_id = (select auth.uid())));--> statement-breakpoint
ALTER POLICY "users report reviews they can see" ON "review_reports" TO authenticated WITH CHECK ("review_reports"."reporter_id" = (select auth.uid()) and "review_reports"."status" = 'open' and "review_reports"."resolved_at" is null and "review_reports"."resolved_by" is null and exists (select 1 from public.reviews r where r.id = "review_reports"."review_id" and r.buyer_id <> (select auth.uid())));--> statement-breakpoint
ALTER POLICY "entitled buyers review prompts they do not sell" ON "reviews" TO authenticated WITH CHECK ("reviews"."buyer_id" = (select auth.uid()) and "reviews"."status" = 'pending' and "reviews"."moderation_reason" is null and "reviews"."seller_reply" is null and "reviews"."seller_replied_at" is null and "reviews"."edited_at" is null and ("reviews"."version_id" is null or exists (select 1 from public.prompt_versions v where v.id = "reviews"."version_id" and v.prompt_id = "reviews"."prompt_id")) and ("reviews"."order_item_id" is null or exists (select 1 from public.order_items i join public.orders o on o.id = i.order_id where i.id = "reviews"."order_item_id" and i.prompt_id = "reviews"."prompt_id" and o.buyer_id = (select auth.uid()))) and (select public.is_entitled("reviews"."prompt_id")) and not (select public.is_prompt_seller("reviews"."prompt_id")));