CREATE TABLE "realtime_tickets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"session_id" uuid,
	"token_expires_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "realtime_tickets_hash_format" CHECK ("realtime_tickets"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "realtime_tickets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "user_blocks" (
	"blocker_id" uuid NOT NULL,
	"blocked_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_blocks_blocker_id_blocked_id_pk" PRIMARY KEY("blocker_id","blocked_id"),
	CONSTRAINT "user_blocks_not_self" CHECK ("user_blocks"."blocker_id" <> "user_blocks"."blocked_id")
);
--> statement-breakpoint
ALTER TABLE "user_blocks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD COLUMN "xact_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "xact_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_tickets" ADD CONSTRAINT "realtime_tickets_user_id_profiles_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_blocks" ADD CONSTRAINT "user_blocks_blocker_id_profiles_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_blocks" ADD CONSTRAINT "user_blocks_blocked_id_profiles_id_fk" FOREIGN KEY ("blocked_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "realtime_tickets_user_id_idx" ON "realtime_tickets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "realtime_tickets_expires_at_idx" ON "realtime_tickets" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "user_blocks_blocked_id_idx" ON "user_blocks" USING btree ("blocked_id");--> statement-breakpoint
CREATE INDEX "chat_messages_thread_xact_idx" ON "chat_messages" USING btree ("thread_id","xact_id");--> statement-breakpoint
CREATE INDEX "notifications_user_xact_idx" ON "notifications" USING btree ("user_id","xact_id");--> statement-breakpoint
ALTER TABLE "chat_threads" ADD CONSTRAINT "chat_threads_topic_key" UNIQUE NULLS NOT DISTINCT("buyer_id","seller_id","prompt_id","order_id");--> statement-breakpoint
CREATE POLICY "blockers and admins read blocks" ON "user_blocks" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("user_blocks"."blocker_id" = (select auth.uid()) or (select public.is_admin()));--> statement-breakpoint
CREATE POLICY "users block others" ON "user_blocks" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("user_blocks"."blocker_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blockers unblock" ON "user_blocks" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("user_blocks"."blocker_id" = (select auth.uid()));--> statement-breakpoint
ALTER POLICY "participants write to unblocked threads" ON "chat_messages" TO authenticated WITH CHECK ("chat_messages"."sender_id" = (select auth.uid()) and exists (select 1 from public.chat_threads th where th.id = "chat_messages"."thread_id" and (select auth.uid()) in (th.buyer_id, th.seller_id) and th.blocked_by is null and not public.chat_blocked_with(case when th.buyer_id = (select auth.uid()) then th.seller_id else th.buyer_id end)));--> statement-breakpoint
ALTER POLICY "buyers start threads with sellers" ON "chat_threads" TO authenticated WITH CHECK ("chat_threads"."buyer_id" = (select auth.uid()) and "chat_threads"."blocked_by" is null and "chat_threads"."last_message_at" is null and not public.chat_blocked_with("chat_threads"."seller_id") and exists (select 1 from public.profiles s where s.id = "chat_threads"."seller_id" and s.role in ('seller', 'admin') and s.status = 'active') and ("chat_threads"."prompt_id" is null or exists (select 1 from public.prompts p where p.id = "chat_threads"."prompt_id" and p.seller_id = "chat_threads"."seller_id")) and ("chat_threads"."order_id" is null or exists (select 1 from public.orders o join public.order_items i on i.order_id = o.id where o.id = "chat_threads"."order_id" and o.buyer_id = (select auth.uid()) and i.seller_id = "chat_threads"."seller_id")));