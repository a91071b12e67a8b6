CREATE TABLE "embedded_checkout_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"payment_intent_id" text,
	"success_url" text NOT NULL,
	"cancel_url" text NOT NULL,
	"customer_email" text,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embedded_checkout_sessions_orderId_unique" UNIQUE("order_id"),
	CONSTRAINT "embedded_checkout_sessions_paymentIntentId_unique" UNIQUE("payment_intent_id"),
	CONSTRAINT "embedded_checkout_sessions_id_format" CHECK ("embedded_checkout_sessions"."id" ~ '^cs_test_[A-Za-z0-9]+$'),
	CONSTRAINT "embedded_checkout_sessions_status_valid" CHECK ("embedded_checkout_sessions"."status" in ('open', 'complete', 'expired'))
);
--> statement-breakpoint
ALTER TABLE "embedded_checkout_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requested_by" uuid,
	"status" text NOT NULL,
	"item_ids" uuid[] NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"stripe_refund_id" text,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_stripeRefundId_unique" UNIQUE("stripe_refund_id"),
	CONSTRAINT "refunds_status_valid" CHECK ("refunds"."status" in ('requested', 'denied', 'processing', 'succeeded', 'failed')),
	CONSTRAINT "refunds_kind_valid" CHECK ("refunds"."kind" in ('buyer_request', 'admin')),
	CONSTRAINT "refunds_amount_non_negative" CHECK ("refunds"."amount" >= 0),
	CONSTRAINT "refunds_items_present" CHECK (cardinality("refunds"."item_ids") between 1 and 20),
	CONSTRAINT "refunds_reason_length" CHECK (char_length("refunds"."reason") between 1 and 1000),
	CONSTRAINT "refunds_currency_format" CHECK ("refunds"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "refunds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "embedded_checkout_sessions" ADD CONSTRAINT "embedded_checkout_sessions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_profiles_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_decided_by_profiles_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refunds_order_id_idx" ON "refunds" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "refunds_open_idx" ON "refunds" USING btree ("created_at") WHERE "refunds"."status" in ('requested', 'processing');--> statement-breakpoint
CREATE POLICY "buyers and admins read refunds" ON "refunds" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_admin()) or exists (select 1 from public.orders o where o.id = "refunds"."order_id" and o.buyer_id = (select auth.uid())));