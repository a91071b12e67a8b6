ALTER POLICY "buyers start threads with sellers" ON "chat_threads" TO authenticated WITH CHECK ("chat_threads"."buyer_id" = (select auth.uid()) and "chat_threads"."blocked_by" is null and "chat_threads"."last_message_at" is null and exists (select 1 from public.profiles s where s.id = "chat_threads"."seller_id" and s.role in ('seller', 'admin') and s.status = 'active') and ("chat_threads"."prompt_id" is null or exists (select 1 from public.prompts p where p.id = "chat_threads"."prompt_id" and p.seller_id = "chat_threads"."seller_id")) and ("chat_threads"."order_id" is null or exists (select 1 from public.orders o join public.order_items i on i.order_id = o.id where o.id = "chat_threads"."order_id" and o.buyer_id = (select auth.uid()) and i.seller_id = "chat_threads"."seller_id")));--> statement-breakpoint
ALTER POLICY "sellers create their own draft prompts" ON "prompts" TO authenticated WITH CHECK ("prompts"."seller_id" = (select auth.uid()) and "prompts"."status" = 'draft' and (select public.is_seller()) and "prompts"."rating_avg" = 0 and "prompts"."rating_count" = 0 and "prompts"."sales_count" = 0 and "prompts"."view_count" = 0 and "prompts"."current_version_id" is null and "prompts"."published_at" is null and "prompts"."rejection_reason" is null);--> statement-breakpoint
ALTER POLICY "users report reviews they can see" ON "review_reports" TO authenticated WITH CHECK ("review_reports"."reporter_id" = (select auth.uid()) and "review_reports"."status" = 'open' and "review_reports"."resolved_at" is null and exists (select 1 from public.reviews r where r.id = "review_reports"."review_id"));--> statement-breakpoint
ALTER POLICY "entitled buyers review prompts they do not sell" ON "reviews" TO authenticated WITH CHECK ("reviews"."buyer_id" = (select auth.uid()) and "reviews"."status" = 'pending' and "reviews"."moderation_reason" is null and "reviews"."seller_reply" is null and "reviews"."seller_replied_at" is null and "reviews"."edited_at" is null and (select public.is_entitled("reviews"."prompt_id")) and not (select public.is_prompt_seller("reviews"."prompt_id")));--> statement-breakpoint
-- Drizzle's insert() names every column of the table (DEFAULT for the ones not
-- given), and PostgreSQL checks INSERT privilege on each named column, so
-- column-level INSERT grants made every insert by a request role fail. Request
-- roles get table-level INSERT back; the policies above now require the
-- system-owned columns to be at their defaults, and the trigger below stamps
-- the times, so a request still cannot set what only system code may.
GRANT INSERT ON public.prompts, public.prompt_versions, public.reviews, public.review_reports,
  public.chat_threads, public.chat_messages TO authenticated;
--> statement-breakpoint

-- A request never chooses its own timestamps (they order cursors and feeds).
CREATE FUNCTION public.stamp_request_row_times() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  IF current_user IN ('anon', 'authenticated') THEN
    NEW := jsonb_populate_record(NEW, jsonb_build_object('created_at', now(), 'updated_at', now()));
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['prompts', 'prompt_versions', 'prompt_templates', 'prompt_assets',
    'favorites', 'reviews', 'review_reports', 'chat_threads', 'chat_messages'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE INSERT ON public.%I FOR EACH ROW EXECUTE FUNCTION public.stamp_request_row_times()',
      t || '_stamp_times', t);
  END LOOP;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.stamp_request_row_times() FROM PUBLIC, anon, authenticated;
