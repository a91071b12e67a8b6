CREATE TABLE "prompt_view_days" (
	"prompt_id" uuid NOT NULL,
	"day" date NOT NULL,
	"seller_id" uuid NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "prompt_view_days_prompt_id_day_pk" PRIMARY KEY("prompt_id","day"),
	CONSTRAINT "prompt_view_days_views_non_negative" CHECK ("prompt_view_days"."views" >= 0)
);
--> statement-breakpoint
ALTER TABLE "prompt_view_days" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "prompt_view_days" ADD CONSTRAINT "prompt_view_days_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_view_days" ADD CONSTRAINT "prompt_view_days_seller_id_profiles_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prompt_view_days_seller_day_idx" ON "prompt_view_days" USING btree ("seller_id","day");--> statement-breakpoint
CREATE POLICY "sellers and admins read prompt views" ON "prompt_view_days" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("prompt_view_days"."seller_id" = (select auth.uid()) or (select public.is_admin()));