ALTER TABLE "prompts" ADD COLUMN "trending_score" real DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "prompts_published_trending_idx" ON "prompts" USING btree ("trending_score" desc,"id") WHERE "prompts"."status" = 'published';--> statement-breakpoint
-- Trending: paid sales in the last 14 days weigh most, then ratings, all
-- decaying with age since publication. One statement over published prompts;
-- the worker runs it on a schedule and it answers how many rows changed.
CREATE FUNCTION public.refresh_trending_scores() RETURNS integer
  LANGUAGE sql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
  WITH recent AS (
    SELECT prompt_id, count(*) AS sales
    FROM public.order_items
    WHERE status = 'paid' AND created_at > now() - interval '14 days'
    GROUP BY prompt_id
  ), scores AS (
    SELECT p.id,
      ((coalesce(r.sales, 0) * 3 + p.rating_count * 0.5 + p.rating_avg + 1)
        / power(greatest(extract(epoch FROM now() - coalesce(p.published_at, now())), 0) / 86400 + 2, 1.2))::real AS score
    FROM public.prompts p LEFT JOIN recent r ON r.prompt_id = p.id
    WHERE p.status = 'published'
  ), updated AS (
    UPDATE public.prompts p SET trending_score = s.score
    FROM scores s
    WHERE p.id = s.id AND p.trending_score IS DISTINCT FROM s.score
    RETURNING 1
  )
  SELECT count(*)::int FROM updated;
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.refresh_trending_scores() FROM PUBLIC, anon, authenticated;
