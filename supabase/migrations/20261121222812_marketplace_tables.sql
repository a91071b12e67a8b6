CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_messages_body_length" CHECK (char_length("chat_messages"."body") between 1 and 4000)
);
--> statement-breakpoint
ALTER TABLE "chat_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "chat_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"buyer_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"prompt_id" uuid,
	"order_id" uuid,
	"subject" text DEFAULT '' NOT NULL,
	"last_message_at" timestamp with time zone,
	"buyer_last_read_at" timestamp with time zone,
	"seller_last_read_at" timestamp with time zone,
	"blocked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_threads_two_people" CHECK ("chat_threads"."buyer_id" <> "chat_threads"."seller_id"),
	CONSTRAINT "chat_threads_subject_length" CHECK (char_length("chat_threads"."subject") <= 200),
	CONSTRAINT "chat_threads_blocked_by_participant" CHECK ("chat_threads"."blocked_by" is null or "chat_threads"."blocked_by" in ("chat_threads"."buyer_id", "chat_threads"."seller_id"))
);
--> statement-breakpoint
ALTER TABLE "chat_threads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_type_valid" CHECK ("notifications"."type" in ('message', 'sale', 'purchase', 'review', 'review_reply', 'payout', 'moderation', 'system')),
	CONSTRAINT "notifications_title_length" CHECK (char_length("notifications"."title") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "entitlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"prompt_id" uuid NOT NULL,
	"order_item_id" uuid,
	"source" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entitlements_user_prompt_key" UNIQUE("user_id","prompt_id"),
	CONSTRAINT "entitlements_source_valid" CHECK ("entitlements"."source" in ('purchase', 'free', 'grant')),
	CONSTRAINT "entitlements_status_valid" CHECK ("entitlements"."status" in ('active', 'revoked')),
	CONSTRAINT "entitlements_purchase_has_item" CHECK ("entitlements"."source" <> 'purchase' or "entitlements"."order_item_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "entitlements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"prompt_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"price_amount" integer NOT NULL,
	"platform_fee_amount" integer NOT NULL,
	"seller_earnings_amount" integer NOT NULL,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_items_order_prompt_key" UNIQUE("order_id","prompt_id"),
	CONSTRAINT "order_items_status_valid" CHECK ("order_items"."status" in ('pending', 'paid', 'refunded', 'failed')),
	CONSTRAINT "order_items_currency_format" CHECK ("order_items"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "order_items_amounts_non_negative" CHECK ("order_items"."price_amount" >= 0 and "order_items"."platform_fee_amount" >= 0 and "order_items"."seller_earnings_amount" >= 0),
	CONSTRAINT "order_items_split_adds_up" CHECK ("order_items"."platform_fee_amount" + "order_items"."seller_earnings_amount" = "order_items"."price_amount")
);
--> statement-breakpoint
ALTER TABLE "order_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"buyer_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"subtotal_amount" integer NOT NULL,
	"platform_fee_amount" integer NOT NULL,
	"total_amount" integer NOT NULL,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"idempotency_key" text,
	"stripe_checkout_session_id" text,
	"stripe_payment_intent_id" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_stripeCheckoutSessionId_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "orders_stripePaymentIntentId_unique" UNIQUE("stripe_payment_intent_id"),
	CONSTRAINT "orders_buyer_idempotency_key" UNIQUE("buyer_id","idempotency_key"),
	CONSTRAINT "orders_status_valid" CHECK ("orders"."status" in ('pending', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded')),
	CONSTRAINT "orders_currency_format" CHECK ("orders"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "orders_amounts_non_negative" CHECK ("orders"."subtotal_amount" >= 0 and "orders"."platform_fee_amount" >= 0 and "orders"."total_amount" >= 0 and "orders"."refunded_amount" >= 0),
	CONSTRAINT "orders_fee_within_subtotal" CHECK ("orders"."platform_fee_amount" <= "orders"."subtotal_amount"),
	CONSTRAINT "orders_refund_within_total" CHECK ("orders"."refunded_amount" <= "orders"."total_amount")
);
--> statement-breakpoint
ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"livemode" boolean DEFAULT false NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "stripe_events_id_format" CHECK ("stripe_events"."id" ~ '^evt_[A-Za-z0-9_]+$')
);
--> statement-breakpoint
ALTER TABLE "stripe_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"order_item_id" uuid,
	"payout_id" uuid,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"memo" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_order_item_kind_key" UNIQUE("order_item_id","kind"),
	CONSTRAINT "ledger_entries_payout_kind_key" UNIQUE("payout_id","kind"),
	CONSTRAINT "ledger_entries_amount_positive" CHECK ("ledger_entries"."amount" > 0),
	CONSTRAINT "ledger_entries_currency_format" CHECK ("ledger_entries"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "ledger_entries_kind_valid" CHECK ("ledger_entries"."kind" in ('sale', 'refund', 'payout', 'payout_reversal', 'adjustment')),
	CONSTRAINT "ledger_entries_direction_valid" CHECK ("ledger_entries"."direction" in ('credit', 'debit')),
	CONSTRAINT "ledger_entries_kind_direction" CHECK (("ledger_entries"."kind" in ('sale', 'payout_reversal') and "ledger_entries"."direction" = 'credit') or ("ledger_entries"."kind" in ('refund', 'payout') and "ledger_entries"."direction" = 'debit') or "ledger_entries"."kind" = 'adjustment'),
	CONSTRAINT "ledger_entries_references" CHECK (("ledger_entries"."kind" not in ('sale', 'refund') or "ledger_entries"."order_item_id" is not null) and ("ledger_entries"."kind" not in ('payout', 'payout_reversal') or "ledger_entries"."payout_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"stripe_transfer_id" text,
	"failure_reason" text,
	"scheduled_for" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "payouts_stripeTransferId_unique" UNIQUE("stripe_transfer_id"),
	CONSTRAINT "payouts_amount_positive" CHECK ("payouts"."amount" > 0),
	CONSTRAINT "payouts_currency_format" CHECK ("payouts"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "payouts_status_valid" CHECK ("payouts"."status" in ('pending', 'processing', 'paid', 'failed', 'canceled'))
);
--> statement-breakpoint
ALTER TABLE "payouts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text,
	"display_name" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"avatar_path" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"role" text DEFAULT 'buyer' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"suspended_reason" text,
	"suspended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_username_unique" UNIQUE("username"),
	CONSTRAINT "profiles_role_valid" CHECK ("profiles"."role" in ('buyer', 'seller', 'admin')),
	CONSTRAINT "profiles_status_valid" CHECK ("profiles"."status" in ('active', 'suspended')),
	CONSTRAINT "profiles_username_format" CHECK ("profiles"."username" ~ '^[a-z0-9_]{3,30}$'),
	CONSTRAINT "profiles_display_name_length" CHECK (char_length("profiles"."display_name") <= 80),
	CONSTRAINT "profiles_bio_length" CHECK (char_length("profiles"."bio") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "seller_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"headline" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'onboarding' NOT NULL,
	"stripe_account_id" text,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"country" text,
	"default_currency" text DEFAULT 'usd' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_profiles_stripeAccountId_unique" UNIQUE("stripe_account_id"),
	CONSTRAINT "seller_profiles_status_valid" CHECK ("seller_profiles"."status" in ('onboarding', 'active', 'restricted', 'suspended')),
	CONSTRAINT "seller_profiles_currency_format" CHECK ("seller_profiles"."default_currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "seller_profiles_headline_length" CHECK (char_length("seller_profiles"."headline") <= 160)
);
--> statement-breakpoint
ALTER TABLE "seller_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "favorites" (
	"user_id" uuid NOT NULL,
	"prompt_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favorites_user_id_prompt_id_pk" PRIMARY KEY("user_id","prompt_id")
);
--> statement-breakpoint
ALTER TABLE "favorites" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "prompt_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prompt_id" uuid NOT NULL,
	"version_id" uuid,
	"kind" text DEFAULT 'example' NOT NULL,
	"storage_path" text NOT NULL,
	"thumbnail_path" text,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"alt_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_assets_kind_valid" CHECK ("prompt_assets"."kind" in ('example', 'cover')),
	CONSTRAINT "prompt_assets_mime_valid" CHECK ("prompt_assets"."mime_type" in ('image/png', 'image/jpeg', 'image/webp')),
	CONSTRAINT "prompt_assets_size_positive" CHECK ("prompt_assets"."size_bytes" > 0 and "prompt_assets"."size_bytes" <= 10485760),
	CONSTRAINT "prompt_assets_dimensions" CHECK ("prompt_assets"."width" between 1 and 8192 and "prompt_assets"."height" between 1 and 8192),
	CONSTRAINT "prompt_assets_position" CHECK ("prompt_assets"."position" >= 0)
);
--> statement-breakpoint
ALTER TABLE "prompt_assets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "prompt_templates" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"prompt_id" uuid NOT NULL,
	"template" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"model_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_templates_template_length" CHECK (char_length("prompt_templates"."template") between 1 and 20000),
	CONSTRAINT "prompt_templates_instructions_length" CHECK (char_length("prompt_templates"."instructions") <= 10000)
);
--> statement-breakpoint
ALTER TABLE "prompt_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "prompt_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prompt_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tested_models" text[] DEFAULT '{}'::text[] NOT NULL,
	"changelog" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_versions_prompt_version_key" UNIQUE("prompt_id","version"),
	CONSTRAINT "prompt_versions_version_positive" CHECK ("prompt_versions"."version" >= 1),
	CONSTRAINT "prompt_versions_status_valid" CHECK ("prompt_versions"."status" in ('draft', 'published')),
	CONSTRAINT "prompt_versions_changelog_length" CHECK (char_length("prompt_versions"."changelog") <= 5000),
	CONSTRAINT "prompt_versions_published_at" CHECK (("prompt_versions"."status" = 'published') = ("prompt_versions"."published_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "prompt_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seller_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"target_model" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"price_amount" integer DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"rejection_reason" text,
	"current_version_id" uuid,
	"published_at" timestamp with time zone,
	"rating_avg" numeric(3, 2) DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"sales_count" integer DEFAULT 0 NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"search_vector" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompts_slug_unique" UNIQUE("slug"),
	CONSTRAINT "prompts_slug_format" CHECK ("prompts"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "prompts_title_length" CHECK (char_length("prompts"."title") between 3 and 120),
	CONSTRAINT "prompts_description_length" CHECK (char_length("prompts"."description") <= 5000),
	CONSTRAINT "prompts_tags_count" CHECK (cardinality("prompts"."tags") <= 10),
	CONSTRAINT "prompts_price_non_negative" CHECK ("prompts"."price_amount" >= 0 and "prompts"."price_amount" <= 100000000),
	CONSTRAINT "prompts_currency_format" CHECK ("prompts"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "prompts_target_model_valid" CHECK ("prompts"."target_model" in ('chatgpt', 'claude', 'gemini', 'llama', 'midjourney', 'dall-e', 'stable-diffusion', 'flux', 'other')),
	CONSTRAINT "prompts_status_valid" CHECK ("prompts"."status" in ('draft', 'pending_review', 'published', 'rejected', 'archived')),
	CONSTRAINT "prompts_rating_range" CHECK ("prompts"."rating_avg" between 0 and 5),
	CONSTRAINT "prompts_counters_non_negative" CHECK ("prompts"."rating_count" >= 0 and "prompts"."sales_count" >= 0 and "prompts"."view_count" >= 0),
	CONSTRAINT "prompts_published_has_version" CHECK ("prompts"."status" <> 'published' or ("prompts"."current_version_id" is not null and "prompts"."published_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "prompts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_reports_review_reporter_key" UNIQUE("review_id","reporter_id"),
	CONSTRAINT "review_reports_reason_valid" CHECK ("review_reports"."reason" in ('spam', 'offensive', 'off_topic', 'fake', 'other')),
	CONSTRAINT "review_reports_status_valid" CHECK ("review_reports"."status" in ('open', 'resolved', 'dismissed')),
	CONSTRAINT "review_reports_details_length" CHECK (char_length("review_reports"."details") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "review_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prompt_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL,
	"version_id" uuid,
	"model_used" text,
	"rating" smallint NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"moderation_reason" text,
	"seller_reply" text,
	"seller_replied_at" timestamp with time zone,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_prompt_buyer_key" UNIQUE("prompt_id","buyer_id"),
	CONSTRAINT "reviews_rating_range" CHECK ("reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_body_length" CHECK (char_length("reviews"."body") <= 5000),
	CONSTRAINT "reviews_reply_length" CHECK (char_length("reviews"."seller_reply") <= 5000),
	CONSTRAINT "reviews_status_valid" CHECK ("reviews"."status" in ('pending', 'published', 'rejected', 'hidden'))
);
--> statement-breakpoint
ALTER TABLE "reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"ip" "inet",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_logs_action_format" CHECK ("audit_logs"."action" ~ '^[a-z_]+(\.[a-z_]+)*$')
);
--> statement-breakpoint
ALTER TABLE "audit_logs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"user_id" uuid NOT NULL,
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_counters_user_id_bucket_window_start_pk" PRIMARY KEY("user_id","bucket","window_start"),
	CONSTRAINT "usage_counters_count_non_negative" CHECK ("usage_counters"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "usage_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_thread_id_chat_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."chat_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_sender_id_profiles_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_threads" ADD CONSTRAINT "chat_threads_buyer_id_profiles_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_threads" ADD CONSTRAINT "chat_threads_seller_id_profiles_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_threads" ADD CONSTRAINT "chat_threads_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_threads" ADD CONSTRAINT "chat_threads_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_threads" ADD CONSTRAINT "chat_threads_blocked_by_profiles_id_fk" FOREIGN KEY ("blocked_by") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_version_id_prompt_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_seller_id_profiles_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_buyer_id_profiles_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_seller_id_profiles_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_seller_id_profiles_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_id_users_id_fk" FOREIGN KEY ("id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_profiles" ADD CONSTRAINT "seller_profiles_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorites" ADD CONSTRAINT "favorites_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorites" ADD CONSTRAINT "favorites_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_assets" ADD CONSTRAINT "prompt_assets_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_assets" ADD CONSTRAINT "prompt_assets_version_id_prompt_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_templates" ADD CONSTRAINT "prompt_templates_version_id_prompt_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_templates" ADD CONSTRAINT "prompt_templates_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_versions" ADD CONSTRAINT "prompt_versions_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_seller_id_profiles_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_reporter_id_profiles_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_buyer_id_profiles_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_version_id_prompt_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_id_profiles_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_messages_thread_idx" ON "chat_messages" USING btree ("thread_id","created_at","id");--> statement-breakpoint
CREATE INDEX "chat_messages_sender_id_idx" ON "chat_messages" USING btree ("sender_id");--> statement-breakpoint
CREATE INDEX "chat_threads_buyer_idx" ON "chat_threads" USING btree ("buyer_id","last_message_at");--> statement-breakpoint
CREATE INDEX "chat_threads_seller_idx" ON "chat_threads" USING btree ("seller_id","last_message_at");--> statement-breakpoint
CREATE INDEX "chat_threads_prompt_id_idx" ON "chat_threads" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "chat_threads_order_id_idx" ON "chat_threads" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "entitlements_prompt_id_idx" ON "entitlements" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "entitlements_order_item_id_idx" ON "entitlements" USING btree ("order_item_id");--> statement-breakpoint
CREATE INDEX "order_items_prompt_id_idx" ON "order_items" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "order_items_seller_id_idx" ON "order_items" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "order_items_version_id_idx" ON "order_items" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "orders_buyer_id_idx" ON "orders" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "stripe_events_unprocessed_idx" ON "stripe_events" USING btree ("received_at") WHERE "stripe_events"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "ledger_entries_seller_id_idx" ON "ledger_entries" USING btree ("seller_id","available_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_payout_id_idx" ON "ledger_entries" USING btree ("payout_id");--> statement-breakpoint
CREATE INDEX "payouts_seller_id_idx" ON "payouts" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("status","scheduled_for");--> statement-breakpoint
CREATE INDEX "favorites_prompt_id_idx" ON "favorites" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "prompt_assets_prompt_id_idx" ON "prompt_assets" USING btree ("prompt_id","position");--> statement-breakpoint
CREATE INDEX "prompt_assets_version_id_idx" ON "prompt_assets" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "prompt_templates_prompt_id_idx" ON "prompt_templates" USING btree ("prompt_id");--> statement-breakpoint
CREATE INDEX "prompt_templates_template_trgm_idx" ON "prompt_templates" USING gin ("template" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "prompts_seller_id_idx" ON "prompts" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "prompts_category_id_idx" ON "prompts" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "prompts_published_newest_idx" ON "prompts" USING btree ("published_at" desc,"id") WHERE "prompts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "prompts_published_category_idx" ON "prompts" USING btree ("category_id","published_at" desc,"id") WHERE "prompts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "prompts_published_model_idx" ON "prompts" USING btree ("target_model","published_at" desc,"id") WHERE "prompts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "prompts_published_price_idx" ON "prompts" USING btree ("price_amount","id") WHERE "prompts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "prompts_published_rating_idx" ON "prompts" USING btree ("rating_avg" desc,"rating_count" desc,"id") WHERE "prompts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "prompts_published_sales_idx" ON "prompts" USING btree ("sales_count" desc,"id") WHERE "prompts"."status" = 'published';--> statement-breakpoint
CREATE INDEX "prompts_search_vector_idx" ON "prompts" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "prompts_title_trgm_idx" ON "prompts" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "prompts_status_idx" ON "prompts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "review_reports_reporter_id_idx" ON "review_reports" USING btree ("reporter_id");--> statement-breakpoint
CREATE INDEX "review_reports_open_idx" ON "review_reports" USING btree ("review_id") WHERE "review_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "reviews_prompt_published_idx" ON "reviews" USING btree ("prompt_id","created_at") WHERE "reviews"."status" = 'published';--> statement-breakpoint
CREATE INDEX "reviews_buyer_id_idx" ON "reviews" USING btree ("buyer_id");--> statement-breakpoint
CREATE INDEX "reviews_status_idx" ON "reviews" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_entity_idx" ON "audit_logs" USING btree ("entity_type","entity_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_actor_idx" ON "audit_logs" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "usage_counters_window_idx" ON "usage_counters" USING btree ("window_start");--> statement-breakpoint
CREATE POLICY "participants and admins read messages" ON "chat_messages" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.chat_threads th where th.id = "chat_messages"."thread_id"));--> statement-breakpoint
CREATE POLICY "participants write to unblocked threads" ON "chat_messages" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("chat_messages"."sender_id" = (select auth.uid()) and exists (select 1 from public.chat_threads th where th.id = "chat_messages"."thread_id" and (select auth.uid()) in (th.buyer_id, th.seller_id) and th.blocked_by is null));--> statement-breakpoint
CREATE POLICY "participants and admins read threads" ON "chat_threads" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("chat_threads"."buyer_id" = (select auth.uid()) or "chat_threads"."seller_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "buyers start threads with sellers" ON "chat_threads" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("chat_threads"."buyer_id" = (select auth.uid()) and "chat_threads"."blocked_by" is null);--> statement-breakpoint
CREATE POLICY "participants update their thread" ON "chat_threads" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("chat_threads"."buyer_id" = (select auth.uid()) or "chat_threads"."seller_id" = (select auth.uid())) WITH CHECK ("chat_threads"."buyer_id" = (select auth.uid()) or "chat_threads"."seller_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "users and admins read notifications" ON "notifications" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("notifications"."user_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users mark their notifications read" ON "notifications" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("notifications"."user_id" = (select auth.uid())) WITH CHECK ("notifications"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "users delete their notifications" ON "notifications" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("notifications"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "owners, sellers and admins read entitlements" ON "entitlements" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("entitlements"."user_id" = (select auth.uid()) or (select public.is_admin()) or (select public.is_prompt_seller("entitlements"."prompt_id")));--> statement-breakpoint
CREATE POLICY "buyers, sellers and admins read order items" ON "order_items" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("order_items"."seller_id" = (select auth.uid()) or (select public.is_admin()) or exists (select 1 from public.orders o where o.id = "order_items"."order_id" and o.buyer_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "buyers and admins read orders" ON "orders" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("orders"."buyer_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "admins read stripe events" ON "stripe_events" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_admin()));--> statement-breakpoint
CREATE POLICY "sellers and admins read ledger entries" ON "ledger_entries" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("ledger_entries"."seller_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "sellers and admins read payouts" ON "payouts" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("payouts"."seller_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "anyone reads public profiles" ON "profiles" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "users update their own profile" ON "profiles" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("profiles"."id" = (select auth.uid())) WITH CHECK ("profiles"."id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "sellers and admins read seller profiles" ON "seller_profiles" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("seller_profiles"."user_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users and admins read favorites" ON "favorites" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("favorites"."user_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users add their own favorites" ON "favorites" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("favorites"."user_id" = (select auth.uid()) and exists (select 1 from public.prompts p where p.id = "favorites"."prompt_id"));--> statement-breakpoint
CREATE POLICY "users remove their own favorites" ON "favorites" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("favorites"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "anyone reads assets of prompts they can see" ON "prompt_assets" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (exists (select 1 from public.prompts p where p.id = "prompt_assets"."prompt_id"));--> statement-breakpoint
CREATE POLICY "sellers add assets to their prompts" ON "prompt_assets" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ((select public.is_prompt_seller("prompt_assets"."prompt_id")));--> statement-breakpoint
CREATE POLICY "sellers edit assets of their prompts" ON "prompt_assets" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ((select public.is_prompt_seller("prompt_assets"."prompt_id"))) WITH CHECK ((select public.is_prompt_seller("prompt_assets"."prompt_id")));--> statement-breakpoint
CREATE POLICY "sellers delete assets of their prompts" ON "prompt_assets" AS PERMISSIVE FOR DELETE TO "authenticated" USING ((select public.is_prompt_seller("prompt_assets"."prompt_id")));--> statement-breakpoint
CREATE POLICY "sellers, admins and entitled buyers read templates" ON "prompt_templates" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_prompt_seller("prompt_templates"."prompt_id")) or (select public.is_admin()) or (select public.is_entitled("prompt_templates"."prompt_id")));--> statement-breakpoint
CREATE POLICY "sellers write templates of their draft versions" ON "prompt_templates" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ((select public.is_prompt_seller("prompt_templates"."prompt_id")) and exists (select 1 from public.prompt_versions v where v.id = "prompt_templates"."version_id" and v.prompt_id = "prompt_templates"."prompt_id" and v.status = 'draft'));--> statement-breakpoint
CREATE POLICY "sellers edit templates of their draft versions" ON "prompt_templates" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ((select public.is_prompt_seller("prompt_templates"."prompt_id"))) WITH CHECK ((select public.is_prompt_seller("prompt_templates"."prompt_id")));--> statement-breakpoint
CREATE POLICY "sellers delete templates of their draft versions" ON "prompt_templates" AS PERMISSIVE FOR DELETE TO "authenticated" USING ((select public.is_prompt_seller("prompt_templates"."prompt_id")));--> statement-breakpoint
CREATE POLICY "anyone reads published versions of published prompts" ON "prompt_versions" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("prompt_versions"."status" = 'published' and exists (select 1 from public.prompts p where p.id = "prompt_versions"."prompt_id" and p.status = 'published'));--> statement-breakpoint
CREATE POLICY "sellers and admins read every version of their prompts" ON "prompt_versions" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_prompt_seller("prompt_versions"."prompt_id")) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "sellers add draft versions to their prompts" ON "prompt_versions" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("prompt_versions"."status" = 'draft' and (select public.is_prompt_seller("prompt_versions"."prompt_id")));--> statement-breakpoint
CREATE POLICY "sellers edit their draft versions" ON "prompt_versions" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("prompt_versions"."status" = 'draft' and (select public.is_prompt_seller("prompt_versions"."prompt_id"))) WITH CHECK ("prompt_versions"."status" = 'draft' and (select public.is_prompt_seller("prompt_versions"."prompt_id")));--> statement-breakpoint
CREATE POLICY "sellers delete their draft versions" ON "prompt_versions" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("prompt_versions"."status" = 'draft' and (select public.is_prompt_seller("prompt_versions"."prompt_id")));--> statement-breakpoint
CREATE POLICY "anyone reads published prompts" ON "prompts" AS PERMISSIVE FOR SELECT TO "anon" USING ("prompts"."status" = 'published');--> statement-breakpoint
CREATE POLICY "users read published prompts, their own, or all as admin" ON "prompts" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("prompts"."status" = 'published' or "prompts"."seller_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "sellers create their own draft prompts" ON "prompts" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("prompts"."seller_id" = (select auth.uid()) and "prompts"."status" = 'draft' and (select public.is_seller()));--> statement-breakpoint
CREATE POLICY "sellers edit their own prompts" ON "prompts" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("prompts"."seller_id" = (select auth.uid())) WITH CHECK ("prompts"."seller_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "sellers delete their own drafts" ON "prompts" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("prompts"."seller_id" = (select auth.uid()) and "prompts"."status" = 'draft');--> statement-breakpoint
CREATE POLICY "reporters and admins read reports" ON "review_reports" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("review_reports"."reporter_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users report reviews they can see" ON "review_reports" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("review_reports"."reporter_id" = (select auth.uid()) and "review_reports"."status" = 'open' and exists (select 1 from public.reviews r where r.id = "review_reports"."review_id"));--> statement-breakpoint
CREATE POLICY "anyone reads published reviews" ON "reviews" AS PERMISSIVE FOR SELECT TO "anon" USING ("reviews"."status" = 'published');--> statement-breakpoint
CREATE POLICY "users read published reviews, their own, and all as admin" ON "reviews" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("reviews"."status" = 'published' or "reviews"."buyer_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "entitled buyers review prompts they do not sell" ON "reviews" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("reviews"."buyer_id" = (select auth.uid()) and "reviews"."status" = 'pending' and (select public.is_entitled("reviews"."prompt_id")) and not (select public.is_prompt_seller("reviews"."prompt_id")));--> statement-breakpoint
CREATE POLICY "buyers edit their own reviews" ON "reviews" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("reviews"."buyer_id" = (select auth.uid())) WITH CHECK ("reviews"."buyer_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "buyers delete their own reviews" ON "reviews" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("reviews"."buyer_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "admins read the audit log" ON "audit_logs" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users and admins read usage counters" ON "usage_counters" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("usage_counters"."user_id" = (select auth.uid()) or (select public.is_admin()));