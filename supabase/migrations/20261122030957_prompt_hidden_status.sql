ALTER TABLE "prompts" DROP CONSTRAINT "prompts_status_valid";--> statement-breakpoint
ALTER TABLE "prompts" ADD COLUMN "hidden_cause" text;--> statement-breakpoint
ALTER TABLE "prompts" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_hidden_cause_valid" CHECK (("prompts"."status" = 'hidden') = ("prompts"."hidden_cause" is not null and "prompts"."hidden_cause" in ('moderation', 'seller_suspended')));--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_status_valid" CHECK ("prompts"."status" in ('draft', 'pending_review', 'published', 'rejected', 'archived', 'hidden'));