CREATE TABLE "outbound_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"to_address" text NOT NULL,
	"template" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"provider" text,
	"provider_message_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbound_emails_dedupeKey_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "outbound_emails_status_valid" CHECK ("outbound_emails"."status" in ('queued', 'sent', 'failed')),
	CONSTRAINT "outbound_emails_to_format" CHECK ("outbound_emails"."to_address" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
ALTER TABLE "outbound_emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_emails_user_idx" ON "outbound_emails" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "outbound_emails_queued_idx" ON "outbound_emails" USING btree ("created_at") WHERE "outbound_emails"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "outbound_emails_created_at_idx" ON "outbound_emails" USING btree ("created_at");--> statement-breakpoint
CREATE POLICY "admins read outbound e-mail" ON "outbound_emails" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_admin()));