-- Rules the table definitions cannot say: triggers, counters, immutability,
-- column-level grants and the sign-up hook.

-- ── Grants ────────────────────────────────────────────────────────────────
-- anon only ever reads; RLS decides which rows.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM anon;
--> statement-breakpoint
REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM authenticated;
--> statement-breakpoint

-- Mass assignment stops at the database: request roles may write only the
-- columns a user may set. Role, status, counters, Stripe fields, moderation
-- results and the like are written by system code.
REVOKE SELECT, UPDATE ON public.profiles FROM anon, authenticated;
--> statement-breakpoint
GRANT SELECT (id, username, display_name, bio, avatar_path, links, role, status, created_at, updated_at)
  ON public.profiles TO anon, authenticated;
--> statement-breakpoint
GRANT UPDATE (username, display_name, bio, avatar_path, links) ON public.profiles TO authenticated;
--> statement-breakpoint

REVOKE INSERT, UPDATE ON public.prompts FROM authenticated;
--> statement-breakpoint
GRANT INSERT (id, seller_id, category_id, slug, title, description, target_model, tags, price_amount, currency)
  ON public.prompts TO authenticated;
--> statement-breakpoint
GRANT UPDATE (category_id, slug, title, description, target_model, tags, price_amount, currency)
  ON public.prompts TO authenticated;
--> statement-breakpoint

REVOKE INSERT, UPDATE ON public.prompt_versions FROM authenticated;
--> statement-breakpoint
GRANT INSERT (id, prompt_id, version, variables, tested_models, changelog) ON public.prompt_versions TO authenticated;
--> statement-breakpoint
GRANT UPDATE (variables, tested_models, changelog) ON public.prompt_versions TO authenticated;
--> statement-breakpoint

REVOKE UPDATE ON public.prompt_templates FROM authenticated;
--> statement-breakpoint
GRANT UPDATE (template, instructions, model_params) ON public.prompt_templates TO authenticated;
--> statement-breakpoint

REVOKE UPDATE ON public.prompt_assets FROM authenticated;
--> statement-breakpoint
GRANT UPDATE (position, alt_text, kind) ON public.prompt_assets TO authenticated;
--> statement-breakpoint

REVOKE INSERT, UPDATE ON public.reviews FROM authenticated;
--> statement-breakpoint
GRANT INSERT (id, prompt_id, buyer_id, version_id, model_used, rating, body) ON public.reviews TO authenticated;
--> statement-breakpoint
GRANT UPDATE (rating, body, model_used) ON public.reviews TO authenticated;
--> statement-breakpoint

REVOKE INSERT ON public.review_reports FROM authenticated;
--> statement-breakpoint
GRANT INSERT (id, review_id, reporter_id, reason, details) ON public.review_reports TO authenticated;
--> statement-breakpoint

REVOKE INSERT, UPDATE ON public.chat_threads FROM authenticated;
--> statement-breakpoint
GRANT INSERT (id, buyer_id, seller_id, prompt_id, order_id, subject) ON public.chat_threads TO authenticated;
--> statement-breakpoint
GRANT UPDATE (buyer_last_read_at, seller_last_read_at) ON public.chat_threads TO authenticated;
--> statement-breakpoint

REVOKE INSERT ON public.chat_messages FROM authenticated;
--> statement-breakpoint
GRANT INSERT (id, thread_id, sender_id, body) ON public.chat_messages TO authenticated;
--> statement-breakpoint

REVOKE UPDATE ON public.notifications FROM authenticated;
--> statement-breakpoint
GRANT UPDATE (read_at) ON public.notifications TO authenticated;
--> statement-breakpoint

-- ── Keys drizzle cannot declare (a cycle between prompts and versions) ────
ALTER TABLE public.prompts
  ADD CONSTRAINT prompts_current_version_id_fk FOREIGN KEY (current_version_id)
  REFERENCES public.prompt_versions (id) ON DELETE SET NULL;
--> statement-breakpoint
CREATE INDEX prompts_current_version_id_idx ON public.prompts (current_version_id);
--> statement-breakpoint

-- ── updated_at ────────────────────────────────────────────────────────────
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['profiles', 'seller_profiles', 'prompts', 'prompt_versions',
    'prompt_templates', 'orders', 'order_items', 'entitlements', 'payouts', 'reviews',
    'chat_threads'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE UPDATE ON public.%I FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()',
      t || '_set_updated_at', t);
  END LOOP;
END
$$;
--> statement-breakpoint

-- ── A profile for every new auth.users row ────────────────────────────────
CREATE FUNCTION public.handle_new_user() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
DECLARE
  wanted text := lower(NEW.raw_user_meta_data ->> 'username');
BEGIN
  INSERT INTO public.profiles (id, username, display_name)
  VALUES (
    NEW.id,
    CASE
      WHEN wanted ~ '^[a-z0-9_]{3,30}$'
        AND NOT EXISTS (SELECT 1 FROM public.profiles WHERE username = wanted)
      THEN wanted
    END,
    left(coalesce(
      nullif(NEW.raw_user_meta_data ->> 'display_name', ''),
      nullif(NEW.raw_user_meta_data ->> 'full_name', ''),
      split_part(coalesce(NEW.email, ''), '@', 1)
    ), 80)
  )
  ON CONFLICT (id) DO NOTHING;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER on_auth_user_created
  AFTER INSERT ON auth.users
  FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
--> statement-breakpoint

-- ── Search vector: title, tags and description; never the template ────────
CREATE FUNCTION public.prompts_set_search_vector() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english'::regconfig, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, array_to_string(NEW.tags, ' ')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER prompts_search_vector
  BEFORE INSERT OR UPDATE OF title, tags, description ON public.prompts
  FOR EACH ROW EXECUTE FUNCTION public.prompts_set_search_vector();
--> statement-breakpoint

-- ── Published versions never change ───────────────────────────────────────
CREATE FUNCTION public.refuse_published_version_change() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published prompt version % is immutable; publish a new version instead', OLD.id
      USING ERRCODE = 'P0001', HINT = 'PROMPT_VERSION_IMMUTABLE';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER prompt_versions_immutable
  BEFORE UPDATE OR DELETE ON public.prompt_versions
  FOR EACH ROW EXECUTE FUNCTION public.refuse_published_version_change();
--> statement-breakpoint

CREATE FUNCTION public.refuse_published_template_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM public.prompt_versions WHERE id = OLD.version_id AND status = 'published') THEN
    RAISE EXCEPTION 'the template of published prompt version % is immutable', OLD.version_id
      USING ERRCODE = 'P0001', HINT = 'PROMPT_VERSION_IMMUTABLE';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER prompt_templates_immutable
  BEFORE UPDATE OR DELETE ON public.prompt_templates
  FOR EACH ROW EXECUTE FUNCTION public.refuse_published_template_change();
--> statement-breakpoint

-- ── Rating and sales counters follow reviews and order items ──────────────
CREATE FUNCTION public.refresh_prompt_rating(p_prompt_id uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
  UPDATE public.prompts p
  SET rating_count = s.n, rating_avg = round(coalesce(s.avg, 0), 2)
  FROM (
    SELECT count(*)::int AS n, avg(rating)::numeric AS avg
    FROM public.reviews WHERE prompt_id = p_prompt_id AND status = 'published'
  ) s
  WHERE p.id = p_prompt_id AND (p.rating_count, p.rating_avg) IS DISTINCT FROM (s.n, round(coalesce(s.avg, 0), 2));
$fn$;
--> statement-breakpoint
CREATE FUNCTION public.reviews_refresh_rating() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM public.refresh_prompt_rating(OLD.prompt_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.prompt_id <> OLD.prompt_id) THEN
    PERFORM public.refresh_prompt_rating(NEW.prompt_id);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER reviews_rating
  AFTER INSERT OR DELETE OR UPDATE OF status, rating, prompt_id ON public.reviews
  FOR EACH ROW EXECUTE FUNCTION public.reviews_refresh_rating();
--> statement-breakpoint

CREATE FUNCTION public.refresh_prompt_sales(p_prompt_id uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
  UPDATE public.prompts p
  SET sales_count = s.n
  FROM (SELECT count(*)::int AS n FROM public.order_items WHERE prompt_id = p_prompt_id AND status = 'paid') s
  WHERE p.id = p_prompt_id AND p.sales_count <> s.n;
$fn$;
--> statement-breakpoint
CREATE FUNCTION public.order_items_refresh_sales() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM public.refresh_prompt_sales(OLD.prompt_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.prompt_id <> OLD.prompt_id) THEN
    PERFORM public.refresh_prompt_sales(NEW.prompt_id);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER order_items_sales
  AFTER INSERT OR DELETE OR UPDATE OF status, prompt_id ON public.order_items
  FOR EACH ROW EXECUTE FUNCTION public.order_items_refresh_sales();
--> statement-breakpoint

-- ── The audit log is append-only ──────────────────────────────────────────
CREATE FUNCTION public.refuse_audit_log_change() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only' USING ERRCODE = 'P0001';
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER audit_logs_append_only
  BEFORE UPDATE OR DELETE ON public.audit_logs
  FOR EACH ROW EXECUTE FUNCTION public.refuse_audit_log_change();
--> statement-breakpoint

-- ── Counters bumped atomically (rate limits, quotas) ──────────────────────
-- One statement: insert the window or add to it, and say whether it is still
-- within the limit. System code calls it; request roles cannot.
CREATE FUNCTION public.bump_usage_counter(
  p_user_id uuid, p_bucket text, p_window_seconds integer, p_limit integer
) RETURNS TABLE (count integer, allowed boolean)
  LANGUAGE sql
  SET search_path = ''
  AS $fn$
  INSERT INTO public.usage_counters AS u (user_id, bucket, window_start, count)
  VALUES (
    p_user_id, p_bucket,
    to_timestamp(floor(extract(epoch FROM now()) / p_window_seconds) * p_window_seconds),
    1
  )
  ON CONFLICT (user_id, bucket, window_start) DO UPDATE SET count = u.count + 1
  RETURNING u.count, u.count <= p_limit;
$fn$;
--> statement-breakpoint

-- Trigger functions run as triggers, never as calls: nobody needs EXECUTE.
REVOKE ALL ON FUNCTION public.handle_new_user(), public.prompts_set_search_vector(),
  public.refuse_published_version_change(), public.refuse_published_template_change(),
  public.reviews_refresh_rating(), public.order_items_refresh_sales(),
  public.refuse_audit_log_change(), public.set_updated_at()
  FROM PUBLIC, anon, authenticated;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.refresh_prompt_rating(uuid), public.refresh_prompt_sales(uuid),
  public.bump_usage_counter(uuid, text, integer, integer)
  FROM PUBLIC, anon, authenticated;
