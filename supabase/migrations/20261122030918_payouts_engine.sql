CREATE TABLE "embedded_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"payout_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"destination" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embedded_transfers_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "embedded_transfers_id_format" CHECK ("embedded_transfers"."id" ~ '^tr_local_[A-Za-z0-9]+$'),
	CONSTRAINT "embedded_transfers_amount_positive" CHECK ("embedded_transfers"."amount" > 0),
	CONSTRAINT "embedded_transfers_currency_format" CHECK ("embedded_transfers"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "embedded_transfers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "embedded_transfers" ADD CONSTRAINT "embedded_transfers_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embedded_transfers" ADD CONSTRAINT "embedded_transfers_seller_id_profiles_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "embedded_transfers_payout_id_idx" ON "embedded_transfers" USING btree ("payout_id");--> statement-breakpoint
CREATE INDEX "embedded_transfers_seller_id_idx" ON "embedded_transfers" USING btree ("seller_id","created_at");--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_attempts_non_negative" CHECK ("payouts"."attempts" >= 0);--> statement-breakpoint
CREATE POLICY "sellers and admins read embedded transfers" ON "embedded_transfers" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("embedded_transfers"."seller_id" = (select auth.uid()) or (select public.is_admin()));