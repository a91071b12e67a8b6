CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"email" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_type_pk" PRIMARY KEY("user_id","type"),
	CONSTRAINT "notification_preferences_type_valid" CHECK ("notification_preferences"."type" in ('message', 'sale', 'purchase', 'review', 'review_reply', 'payout', 'moderation', 'system'))
);
--> statement-breakpoint
ALTER TABLE "notification_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_unsubscribe_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "notification_unsubscribe_tokens_user_type_key" UNIQUE("user_id","type"),
	CONSTRAINT "notification_unsubscribe_tokens_type_valid" CHECK ("notification_unsubscribe_tokens"."type" in ('message', 'sale', 'purchase', 'review', 'review_reply', 'payout', 'moderation', 'system')),
	CONSTRAINT "notification_unsubscribe_tokens_format" CHECK ("notification_unsubscribe_tokens"."token" ~ '^[A-Za-z0-9_-]{32,64}$')
);
--> statement-breakpoint
ALTER TABLE "notification_unsubscribe_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_unsubscribe_tokens" ADD CONSTRAINT "notification_unsubscribe_tokens_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_email_pending_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."email_status" = 'pending';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_email_status_valid" CHECK ("notifications"."email_status" in ('pending', 'queued', 'skipped', 'failed'));--> statement-breakpoint
CREATE POLICY "users and admins read notification preferences" ON "notification_preferences" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("notification_preferences"."user_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users set their notification preferences" ON "notification_preferences" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("notification_preferences"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "users change their notification preferences" ON "notification_preferences" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("notification_preferences"."user_id" = (select auth.uid())) WITH CHECK ("notification_preferences"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "users reset their notification preferences" ON "notification_preferences" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("notification_preferences"."user_id" = (select auth.uid()));