ALTER TABLE "outbound_emails" DROP CONSTRAINT "outbound_emails_status_valid";--> statement-breakpoint
DROP INDEX "outbound_emails_queued_idx";--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD COLUMN "scrubbed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outbound_emails_unscrubbed_idx" ON "outbound_emails" USING btree ("created_at") WHERE "outbound_emails"."scrubbed_at" is null and "outbound_emails"."template" in ('confirm_signup', 'recovery', 'email_change');--> statement-breakpoint
CREATE INDEX "outbound_emails_queued_idx" ON "outbound_emails" USING btree ("next_attempt_at") WHERE "outbound_emails"."status" = 'queued';--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_attempts_valid" CHECK ("outbound_emails"."attempts" >= 0);--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_status_valid" CHECK ("outbound_emails"."status" in ('queued', 'sent', 'captured', 'failed'));