-- Privileges of the request roles (anon, authenticated) that the earlier
-- migrations left different between plain PostgreSQL and Supabase, or wrong.

-- pg_trgm was created after the bootstrap stopped granting EXECUTE on new
-- functions to PUBLIC, so its operators and functions (%, similarity(),
-- word_similarity()) refused anon and authenticated, and the catalog's
-- typo-tolerant search, which runs as them, failed with "permission denied".
-- They are plain functions over their arguments: nothing to guard.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure
    FROM pg_proc p
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid
    WHERE e.extname = 'pg_trgm'
  LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO anon, authenticated', f);
  END LOOP;
END
$$;
--> statement-breakpoint

-- On Supabase the migration role's default privileges in public grant ALL on
-- new tables, sequences and functions to anon and authenticated; the bootstrap
-- took back only part of that. Without this, a table added by a later
-- migration gives anon INSERT, UPDATE and DELETE, every sequence can be
-- setval()'d by anon, and a new function (say a SECURITY DEFINER one meant for
-- system code) is executable by authenticated, all only on Supabase, where
-- the tests do not run. On plain PostgreSQL these change nothing.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE INSERT, UPDATE, DELETE ON TABLES FROM anon;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE UPDATE ON SEQUENCES FROM anon, authenticated;
--> statement-breakpoint
REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA public FROM anon, authenticated;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM authenticated;
--> statement-breakpoint

-- PostgreSQL 17 added MAINTAIN (VACUUM, ANALYZE, REINDEX, LOCK TABLE), which
-- Supabase's "grant all" hands to anon and authenticated as well; the word
-- does not parse before 17, hence the dynamic SQL.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE MAINTAIN ON TABLES FROM anon, authenticated';
    EXECUTE 'REVOKE MAINTAIN ON ALL TABLES IN SCHEMA public FROM anon, authenticated';
  END IF;
END
$$;
--> statement-breakpoint

-- Either participant may update a chat thread (column grants allow only the
-- two read markers), but each moves only their own: a seller must not mark
-- the buyer's messages read. RLS cannot compare old and new rows; this can.
-- System code (not a request role) is not limited.
CREATE FUNCTION public.chat_threads_guard_read_markers() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  IF current_user IN ('anon', 'authenticated') AND (
    (NEW.buyer_last_read_at IS DISTINCT FROM OLD.buyer_last_read_at
      AND NEW.buyer_id IS DISTINCT FROM auth.uid())
    OR (NEW.seller_last_read_at IS DISTINCT FROM OLD.seller_last_read_at
      AND NEW.seller_id IS DISTINCT FROM auth.uid())
  ) THEN
    RAISE EXCEPTION 'a chat participant moves only their own read marker'
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER chat_threads_read_markers
  BEFORE UPDATE OF buyer_last_read_at, seller_last_read_at ON public.chat_threads
  FOR EACH ROW EXECUTE FUNCTION public.chat_threads_guard_read_markers();
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.chat_threads_guard_read_markers() FROM PUBLIC, anon, authenticated;
