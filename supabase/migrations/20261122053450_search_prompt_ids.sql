-- Phase 1 of a catalog search in one statement (decisions 0010 and 0022):
-- which published prompts match, in which order, one page of ids. The API
-- used to run these steps from TypeScript, one round trip each, inside a
-- transaction of their own (begin, settings, one to four queries, commit);
-- the same steps here cost one round trip and no transaction.
--
-- Not SECURITY DEFINER and executable by nobody but the owner (default
-- privileges): the API calls it on its own connection, outside withUser, as
-- before, so the GIN indexes serve the match (under RLS the non-LEAKPROOF
-- `@@` cannot use them). It states `status = 'published'` itself, reads
-- nothing but prompts, never prompt_templates, and is STABLE, so PL/pgSQL
-- runs its statements read-only. Phase 2 still loads the cards under the
-- request's role. The settings below hold while it runs and are restored
-- when it returns: no sequential scans (with a LIMIT, a scan "until 500 rows
-- match" read 16,000 rows for "work") and no parallel workers (candidates are
-- the first matches in physical order, the same for every page).
--
-- docs/performance/catalog-search.md explains the tiers, caps and walks.

-- The filters of a search as SQL over `p` (public.prompts), for the
-- statements below, which pass them as $2-$6. Category, model, seller and
-- "free" are columns of the GIN indexes beside the words (btree_gin), so the
-- index intersects them with the match. A price range is written so that no
-- index serves it: in the GIN index it was a scan of every price in the range
-- (51 ms for 299-999).
CREATE OR REPLACE FUNCTION public.search_prompt_where(
  f_category uuid,
  f_model text,
  f_seller uuid,
  f_free boolean,
  f_min integer,
  f_max integer
) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $fn$
  SELECT concat_ws(' and ',
    'p.status = ''published''',
    CASE WHEN f_category IS NOT NULL THEN 'p.category_id = $2' END,
    CASE WHEN f_model IS NOT NULL THEN 'p.target_model = $3' END,
    CASE WHEN f_seller IS NOT NULL THEN 'p.seller_id = $4' END,
    CASE WHEN f_free THEN 'p.price_amount = 0' WHEN NOT f_free THEN 'p.price_amount <> 0' END,
    CASE WHEN f_min IS NOT NULL THEN 'p.price_amount + 0 >= $5' END,
    CASE WHEN f_max IS NOT NULL THEN 'p.price_amount + 0 <= $6' END)
$fn$;
--> statement-breakpoint

-- How many published prompts a search reads and how many of those match, as
-- the planner estimates them from the statistics (EXPLAIN plans and reads no
-- row; ~0.1 ms each). `reads`: the rows the GIN index yields for the words
-- and the filters it holds; `matches`: those within the price range too;
-- `published`: how many prompts are published (as of the last ANALYZE). The
-- range is estimated on its own, over the price column's histogram: as
-- written for the search (`price_amount + 0`, so no index serves it) the
-- planner would guess 0.5 % of rows for any range. VOLATILE only because
-- PL/pgSQL allows EXPLAIN in nothing else.
CREATE OR REPLACE FUNCTION public.search_prompt_estimate(
  tsq tsquery,
  f_category uuid,
  f_model text,
  f_seller uuid,
  f_free boolean,
  f_min integer,
  f_max integer,
  OUT reads numeric,
  OUT matches numeric,
  OUT published numeric
)
  LANGUAGE plpgsql VOLATILE
  AS $fn$
DECLARE
  plan json;
  in_range numeric;
BEGIN
  SELECT greatest(1, c.reltuples::numeric) INTO published
  FROM pg_catalog.pg_class c WHERE c.oid = 'public.prompts_published_newest_idx'::regclass;
  EXECUTE format('explain (format json) select 1 from public.prompts p where %s and p.search_vector @@ $1',
      public.search_prompt_where(f_category, f_model, f_seller, f_free, NULL, NULL))
    INTO plan
    USING tsq, f_category, f_model, f_seller;
  reads := greatest(1, (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric);
  matches := reads;
  IF f_min IS NOT NULL OR f_max IS NOT NULL THEN
    EXECUTE 'explain (format json) select 1 from public.prompts p where p.status = ''published''
               and p.price_amount >= coalesce($1, 0) and p.price_amount <= coalesce($2, 2147483647)'
      INTO plan
      USING f_min, f_max;
    in_range := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric;
    matches := greatest(1, reads * least(1, in_range / published));
  END IF;
END
$fn$;
--> statement-breakpoint

-- One page of a tsquery's matches under the filters: for relevance, title
-- matches first, then the others, each tier from its first `candidates`
-- matches (a tier at its cap ends the list); for another sort, from a walk
-- of the sort's index when that reads fewer rows than the matches (dense
-- words), else from the matches sorted, or past their cap a full walk.
-- `walk_first` forces the first walk's length (tests); NULL works it out.
-- `total` is how many candidates there are (every match below the cap), or
-- at least one when a walk filled the page.
CREATE OR REPLACE FUNCTION public.search_prompt_page(
  tsq tsquery,
  f_category uuid,
  f_model text,
  f_seller uuid,
  f_free boolean,
  f_min integer,
  f_max integer,
  sort text,
  page_offset integer,
  want integer,
  candidates integer,
  sorted_candidates integer,
  walk_first integer,
  OUT total integer,
  OUT ids uuid[]
)
  LANGUAGE plpgsql STABLE
  AS $fn$
DECLARE
  -- Parameters of every statement below: $1 the tsquery, $2-$6 the filters,
  -- $7 the cap, $8 how many, $9 from where, $10 the walk's length.
  w constant text := public.search_prompt_where(f_category, f_model, f_seller, f_free, f_min, f_max);
  sort_key text;
  all_match constant text := 'p.search_vector @@ $1';
  title_match constant text := 'to_tsvector(''english'', p.title) @@ $1';
  other_match constant text :=
    'p.search_vector @@ $1 and not (ts_filter(p.search_vector, ''{a}'') @@ $1)';
  -- The match is planned for all its rows (no LIMIT in `matches`), so the
  -- planner uses the GIN index and never walks a btree index testing each row
  -- (which it likes with a LIMIT: all 86,000 rows for "mood" among Llama
  -- prompts); the CTE is read lazily, so only the first $7 rows are fetched.
  page_sql constant text := $q$
    with matches as materialized (
      select p.id, %s as score, p.published_at, p.rating_avg, p.rating_count,
             p.sales_count, p.trending_score
      from public.prompts p
      where %s and %s
    ), m as (select * from matches limit $7)
    select (select count(*) from m)::int,
           array(select id from m order by %s limit $8 offset $9)$q$;
  -- The first $10 published prompts in the sort's order, filtered after: the
  -- filters inside made the planner sort every published prompt instead of
  -- walking the index (108 ms for a price range).
  walk_sql constant text := $q$
    select array(
      select id from (
        select p.id, p.status, p.search_vector, p.category_id, p.target_model, p.seller_id,
               p.price_amount, p.published_at, p.rating_avg, p.rating_count, p.sales_count,
               p.trending_score
        from public.prompts p
        where p.status = 'published'
        order by %1$s
        limit $10
      ) p
      where %2$s and %3$s
      order by %1$s
      limit $8 offset $9)$q$;
  sorted_sql constant text := $q$
    select array(select p.id from public.prompts p where %s and %s order by %s limit $8 offset $9)$q$;
  first_total integer;
  first_ids uuid[];
  walked uuid[];
  reads numeric;
  estimate numeric;
  published numeric;
  walk_length integer;
BEGIN
  sort_key := CASE sort
    WHEN 'relevance' THEN 'score desc, id'
    WHEN 'newest' THEN 'published_at desc, id'
    WHEN 'top-rated' THEN 'rating_avg desc, rating_count desc, id'
    WHEN 'best-selling' THEN 'sales_count desc, id'
    WHEN 'trending' THEN 'trending_score desc, id'
  END;
  IF sort_key IS NULL THEN
    RAISE EXCEPTION 'unknown sort: %', sort USING ERRCODE = '22023';
  END IF;

  IF sort = 'relevance' THEN
    -- Title matches come from the title's own GIN index, whose lists are a
    -- fraction of the whole vector's ("marketing": 720 titles, 5,136 prompts).
    EXECUTE format(page_sql, 'ts_rank(p.search_vector, $1)', w, title_match, sort_key)
      INTO first_total, first_ids
      USING tsq, f_category, f_model, f_seller, f_min, f_max, candidates, want, page_offset, walk_first;
    IF cardinality(first_ids) = want OR first_total >= candidates THEN
      total := first_total;
      ids := first_ids;
      RETURN;
    END IF;
    EXECUTE format(page_sql, 'ts_rank(p.search_vector, $1)', w, other_match, sort_key)
      INTO total, ids
      USING tsq, f_category, f_model, f_seller, f_min, f_max, candidates,
            want - cardinality(first_ids), greatest(0, page_offset - first_total), walk_first;
    total := first_total + total;
    ids := first_ids || ids;
    RETURN;
  END IF;

  -- Another sort: walk the sort's index, testing each row, or sort the
  -- matches by its keys, whichever reads fewer rows. Walking reads about
  -- (page_offset + want) * published / matches rows, sorting every match
  -- (from the GIN bitmap). How many match is the planner's estimate (EXPLAIN,
  -- ~0.1 ms, from the tsvector statistics); it decides the order of the
  -- attempts only, never the answer: a walk that ends short of the page
  -- falls back to the candidates, and candidates at their cap to a full walk.
  IF walk_first IS NULL THEN
    SELECT e.reads, e.matches, greatest(e.published, e.matches) INTO reads, estimate, published
    FROM public.search_prompt_estimate(tsq, f_category, f_model, f_seller, f_free, f_min, f_max) e;
    -- Twice the expected walk, so a walk a little longer than expected still
    -- ends with the page; walking is chosen when even that reads fewer rows
    -- than sorting the matches would.
    walk_length := ceil(2 * (page_offset + want) * published / estimate);
    IF walk_length >= reads THEN
      walk_length := 0;
    END IF;
  ELSE
    walk_length := walk_first;
  END IF;
  IF walk_length > 0 THEN
    EXECUTE format(walk_sql, sort_key, w, all_match)
      INTO walked
      USING tsq, f_category, f_model, f_seller, f_min, f_max, sorted_candidates, want, page_offset, walk_length;
    IF cardinality(walked) = want THEN
      total := page_offset + want;
      ids := walked;
      RETURN;
    END IF;
  END IF;
  EXECUTE format(page_sql, '0', w, all_match, sort_key)
    INTO total, ids
    USING tsq, f_category, f_model, f_seller, f_min, f_max, sorted_candidates, want, page_offset, walk_length;
  IF total >= sorted_candidates THEN
    EXECUTE format(sorted_sql, w, all_match, sort_key)
      INTO ids
      USING tsq, f_category, f_model, f_seller, f_min, f_max, sorted_candidates, want, page_offset, walk_length;
  END IF;
END
$fn$;
--> statement-breakpoint

-- A page of a search: `want` ids from `page_offset`, or NULL when the words
-- (`q`, for websearch_to_tsquery) are in no published prompt at all, filters
-- aside, and `typo` (the API's corrections, a to_tsquery text, or NULL) finds
-- nothing either; the API then catches up its word list and asks again.
CREATE OR REPLACE FUNCTION public.search_prompt_ids(
  q text,
  typo text,
  f_category uuid,
  f_model text,
  f_seller uuid,
  f_free boolean,
  f_min integer,
  f_max integer,
  sort text,
  page_offset integer,
  want integer,
  candidates integer DEFAULT 300,
  sorted_candidates integer DEFAULT 2000,
  walk_first integer DEFAULT NULL
) RETURNS uuid[]
  LANGUAGE plpgsql STABLE
  SET search_path = ''
  SET enable_seqscan = off
  SET max_parallel_workers_per_gather = 0
  AS $fn$
DECLARE
  tsq tsquery := websearch_to_tsquery('english', q);
  -- Whether the words are in any published prompt, filters aside. A
  -- statement of its own with a plan PL/pgSQL keeps (as a subquery of the
  -- page's, it tripled that one's planning time).
  found boolean;
  page record;
BEGIN
  -- With a correction at hand the API did not find a word in its word list,
  -- which holds titles and tags only: the description may still have it, so
  -- look first, and go straight to the correction if nothing does.
  IF typo IS NOT NULL THEN
    found := EXISTS (SELECT 1 FROM public.prompts p
                     WHERE p.status = 'published' AND p.search_vector @@ tsq);
  END IF;
  IF found IS DISTINCT FROM false THEN
    page := public.search_prompt_page(tsq, f_category, f_model, f_seller, f_free, f_min, f_max,
      sort, page_offset, want, candidates, sorted_candidates, walk_first);
    IF page.total > 0 THEN
      RETURN page.ids;
    END IF;
    -- Without filters, no candidate already means no match at all.
    IF found IS NULL AND (f_category IS NOT NULL OR f_model IS NOT NULL OR f_seller IS NOT NULL
        OR f_free IS NOT NULL OR f_min IS NOT NULL OR f_max IS NOT NULL) THEN
      found := EXISTS (SELECT 1 FROM public.prompts p
                       WHERE p.status = 'published' AND p.search_vector @@ tsq);
    END IF;
    IF found THEN
      RETURN page.ids;
    END IF;
  END IF;
  -- The words are in no published prompt: a typo, probably.
  IF typo IS NULL THEN
    RETURN NULL;
  END IF;
  page := public.search_prompt_page(to_tsquery('english', typo), f_category, f_model, f_seller,
    f_free, f_min, f_max, sort, page_offset, want, candidates, sorted_candidates, walk_first);
  RETURN CASE WHEN page.total > 0 THEN page.ids END;
END
$fn$;
