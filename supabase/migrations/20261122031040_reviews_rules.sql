-- Reviews (decision 0018): edit history, back to moderation on edit, the
-- prompt's rating in step with published reviews, the seller told when a
-- review is published, and reports that nobody can backdate.

-- ── The rating counts published reviews, and waits its turn ─────────────────
-- The prompt row is locked first, so two reviews of one prompt published at
-- the same time are counted one after the other: the count below is a new
-- statement (a new snapshot in READ COMMITTED) that sees the other's commit.
CREATE OR REPLACE FUNCTION public.refresh_prompt_rating(p_prompt_id uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
DECLARE
  n integer;
  a numeric;
BEGIN
  PERFORM 1 FROM public.prompts WHERE id = p_prompt_id FOR UPDATE;
  SELECT count(*)::int, round(coalesce(avg(rating), 0), 2) INTO n, a
  FROM public.reviews WHERE prompt_id = p_prompt_id AND status = 'published';
  UPDATE public.prompts
  SET rating_count = n, rating_avg = a
  WHERE id = p_prompt_id AND (rating_count, rating_avg) IS DISTINCT FROM (n, a);
END
$fn$;
--> statement-breakpoint

-- The old trigger fired on UPDATE OF status, rating, prompt_id: a column list
-- sees only the SET list of the statement, not what a BEFORE trigger changes,
-- so an edit of the body alone (which the trigger below turns into pending)
-- left a withdrawn review in the rating. These compare old and new instead,
-- and skip reviews that were never published (no lock on the prompt for them).
DROP TRIGGER reviews_rating ON public.reviews;
--> statement-breakpoint
CREATE TRIGGER reviews_rating_insert
  AFTER INSERT ON public.reviews
  FOR EACH ROW WHEN (NEW.status = 'published')
  EXECUTE FUNCTION public.reviews_refresh_rating();
--> statement-breakpoint
CREATE TRIGGER reviews_rating_delete
  AFTER DELETE ON public.reviews
  FOR EACH ROW WHEN (OLD.status = 'published')
  EXECUTE FUNCTION public.reviews_refresh_rating();
--> statement-breakpoint
CREATE TRIGGER reviews_rating_update
  AFTER UPDATE ON public.reviews
  FOR EACH ROW WHEN (
    (OLD.status = 'published' OR NEW.status = 'published')
    AND (OLD.status IS DISTINCT FROM NEW.status
      OR OLD.rating IS DISTINCT FROM NEW.rating
      OR OLD.prompt_id IS DISTINCT FROM NEW.prompt_id))
  EXECUTE FUNCTION public.reviews_refresh_rating();
--> statement-breakpoint

-- ── An edit by the buyer goes back to the moderator ────────────────────────
-- SECURITY INVOKER on purpose: current_user is the request's role here. The
-- buyer's column grants cover rating, body and model_used only; this sets the
-- status a request could not. System code editing a review keeps its status.
CREATE FUNCTION public.reviews_mark_edited() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  IF (NEW.rating, NEW.body, NEW.model_used) IS DISTINCT FROM (OLD.rating, OLD.body, OLD.model_used) THEN
    NEW.edited_at := now();
    IF current_user IN ('anon', 'authenticated') THEN
      NEW.status := 'pending';
      NEW.moderation_reason := NULL;
    END IF;
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER reviews_mark_edited
  BEFORE UPDATE ON public.reviews
  FOR EACH ROW EXECUTE FUNCTION public.reviews_mark_edited();
--> statement-breakpoint

-- ── The text an edit replaced is kept ──────────────────────────────────────
CREATE FUNCTION public.reviews_keep_revision() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  INSERT INTO public.review_revisions (review_id, rating, body, model_used, status, written_at)
  VALUES (OLD.id, OLD.rating, OLD.body, OLD.model_used, OLD.status,
          coalesce(OLD.edited_at, OLD.created_at));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER reviews_keep_revision
  AFTER UPDATE ON public.reviews
  FOR EACH ROW WHEN (
    (NEW.rating, NEW.body, NEW.model_used) IS DISTINCT FROM (OLD.rating, OLD.body, OLD.model_used))
  EXECUTE FUNCTION public.reviews_keep_revision();
--> statement-breakpoint

-- ── The seller hears about a published review ──────────────────────────────
-- Whoever publishes (the moderation console, a script) sets status from
-- pending or rejected to published; this writes the seller's notification in
-- the same transaction. Restoring a hidden review does not notify again.
CREATE FUNCTION public.reviews_notify_seller() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
DECLARE
  p record;
BEGIN
  SELECT id, seller_id, slug, title INTO p FROM public.prompts WHERE id = NEW.prompt_id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO public.notifications (user_id, type, title, body, data)
  VALUES (
    p.seller_id,
    'review',
    left(format(CASE WHEN NEW.edited_at IS NULL THEN 'New %s-star review of “%s”'
                     ELSE 'Updated %s-star review of “%s”' END, NEW.rating, p.title), 200),
    left(NEW.body, 280),
    jsonb_build_object('promptId', p.id, 'slug', p.slug, 'reviewId', NEW.id, 'rating', NEW.rating)
  );
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER reviews_notify_seller
  AFTER UPDATE ON public.reviews
  FOR EACH ROW WHEN (NEW.status = 'published' AND OLD.status IN ('pending', 'rejected'))
  EXECUTE FUNCTION public.reviews_notify_seller();
--> statement-breakpoint

-- ── Privileges ─────────────────────────────────────────────────────────────
-- History is written by the trigger only; reports are written by their
-- reporter and closed by system code.
REVOKE INSERT, UPDATE, DELETE ON public.review_revisions FROM authenticated;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON public.prompt_reports FROM authenticated;
--> statement-breakpoint
CREATE TRIGGER prompt_reports_stamp_times
  BEFORE INSERT ON public.prompt_reports
  FOR EACH ROW EXECUTE FUNCTION public.stamp_request_row_times();
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.reviews_mark_edited(), public.reviews_keep_revision(),
  public.reviews_notify_seller()
  FROM PUBLIC, anon, authenticated;
