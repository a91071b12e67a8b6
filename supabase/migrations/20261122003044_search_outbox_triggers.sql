-- Search outbox (docs/decisions/0011-search-outbox.md). Every change that can
-- alter a prompt's search document writes a row to public.search_outbox in the
-- same transaction, whoever makes it (an API request, an admin action, a
-- trigger, the trending refresh), and wakes the worker with NOTIFY. Only
-- prompts that are or were published matter: the index holds published ones.
--
-- Statement-level triggers with transition tables: one INSERT ... SELECT per
-- statement, so the trending refresh (an UPDATE of every published prompt)
-- costs one extra statement, not one function call per row. A trigger with
-- transition tables takes a single event and no column list, hence one
-- trigger per event and the comparisons inside.

-- The request roles hold nothing on the outbox; RLS is on with no policies.
REVOKE ALL ON TABLE public.search_outbox FROM PUBLIC, anon, authenticated;
--> statement-breakpoint
REVOKE ALL ON SEQUENCE public.search_outbox_id_seq FROM PUBLIC, anon, authenticated;
--> statement-breakpoint

CREATE FUNCTION public.search_outbox_prompts_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
DECLARE
  queued integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.search_outbox (prompt_id)
    SELECT n.id FROM new_rows n WHERE n.status = 'published';
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.search_outbox (prompt_id)
    SELECT o.id FROM old_rows o WHERE o.status = 'published';
  ELSE
    -- The columns the search document is built from (see packages/search).
    INSERT INTO public.search_outbox (prompt_id)
    SELECT n.id
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.status = 'published' OR n.status = 'published')
      AND (o.status, o.title, o.description, o.tags, o.category_id, o.target_model,
           o.price_amount, o.currency, o.rating_avg, o.rating_count, o.sales_count,
           o.trending_score, o.published_at, o.seller_id)
        IS DISTINCT FROM
          (n.status, n.title, n.description, n.tags, n.category_id, n.target_model,
           n.price_amount, n.currency, n.rating_avg, n.rating_count, n.sales_count,
           n.trending_score, n.published_at, n.seller_id);
  END IF;
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM pg_notify('search_outbox', '');
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER prompts_search_outbox_insert
  AFTER INSERT ON public.prompts
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.search_outbox_prompts_changed();
--> statement-breakpoint
CREATE TRIGGER prompts_search_outbox_update
  AFTER UPDATE ON public.prompts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.search_outbox_prompts_changed();
--> statement-breakpoint
CREATE TRIGGER prompts_search_outbox_delete
  AFTER DELETE ON public.prompts
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.search_outbox_prompts_changed();
--> statement-breakpoint

-- A seller's display name is searchable, and a suspended seller's prompts
-- leave the index: both reach every published prompt of theirs.
CREATE FUNCTION public.search_outbox_sellers_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
DECLARE
  queued integer;
BEGIN
  INSERT INTO public.search_outbox (prompt_id)
  SELECT p.id
  FROM new_rows n
  JOIN old_rows o ON o.id = n.id
  JOIN public.prompts p ON p.seller_id = n.id AND p.status = 'published'
  WHERE (o.display_name, o.status) IS DISTINCT FROM (n.display_name, n.status);
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM pg_notify('search_outbox', '');
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER profiles_search_outbox_update
  AFTER UPDATE ON public.profiles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.search_outbox_sellers_changed();
--> statement-breakpoint

-- A category's name is searchable and its slug is a filter.
CREATE FUNCTION public.search_outbox_categories_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
DECLARE
  queued integer;
BEGIN
  INSERT INTO public.search_outbox (prompt_id)
  SELECT p.id
  FROM new_rows n
  JOIN old_rows o ON o.id = n.id
  JOIN public.prompts p ON p.category_id = n.id AND p.status = 'published'
  WHERE (o.slug, o.name) IS DISTINCT FROM (n.slug, n.name);
  GET DIAGNOSTICS queued = ROW_COUNT;
  IF queued > 0 THEN
    PERFORM pg_notify('search_outbox', '');
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER categories_search_outbox_update
  AFTER UPDATE ON public.categories
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.search_outbox_categories_changed();
--> statement-breakpoint

-- Trigger functions run as triggers, never as calls: nobody needs EXECUTE.
REVOKE ALL ON FUNCTION public.search_outbox_prompts_changed(),
  public.search_outbox_sellers_changed(), public.search_outbox_categories_changed()
  FROM PUBLIC, anon, authenticated;
