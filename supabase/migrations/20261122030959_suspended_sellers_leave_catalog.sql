-- A suspended seller's prompts leave the catalog and search at once, and come
-- back when the seller is reinstated (docs/decisions/0019-moderation.md).
--
-- Every catalog read (listing, search phases 1 and 2, detail through RLS,
-- seller pages, category counts, checkout) and the search index select
-- `status = 'published'`, and the partial indexes are built on it. So instead
-- of teaching each of them the seller's status, the prompts themselves move to
-- 'hidden' (hidden_cause 'seller_suspended') while the seller is suspended.
-- The status change fires the prompts' search-outbox trigger, which takes them
-- out of Meilisearch too. Buyers keep what they bought ("users read the
-- prompts they bought" covers any status but published).

-- Whoever suspends or reinstates a profile (the admin API, a script), the
-- seller's prompts follow. Prompts a moderator hid stay hidden.
CREATE FUNCTION public.profiles_status_moves_prompts() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  IF NEW.status = 'suspended' THEN
    UPDATE public.prompts
    SET status = 'hidden', hidden_cause = 'seller_suspended', hidden_at = now()
    WHERE seller_id = NEW.id AND status = 'published';
  ELSIF NEW.status = 'active' THEN
    UPDATE public.prompts
    SET status = 'published', hidden_cause = NULL, hidden_at = NULL
    WHERE seller_id = NEW.id AND status = 'hidden' AND hidden_cause = 'seller_suspended';
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER profiles_status_moves_prompts
  AFTER UPDATE OF status ON public.profiles
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION public.profiles_status_moves_prompts();
--> statement-breakpoint

-- Nothing publishes a prompt of a suspended seller (an approval while they are
-- suspended parks it as hidden until reinstatement), and a prompt that leaves
-- 'hidden' forgets why it was hidden.
CREATE FUNCTION public.prompts_hold_for_suspended_seller() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  IF NEW.status = 'published' AND EXISTS (
    SELECT 1 FROM public.profiles s WHERE s.id = NEW.seller_id AND s.status = 'suspended'
  ) THEN
    NEW.status := 'hidden';
    NEW.hidden_cause := 'seller_suspended';
    NEW.hidden_at := now();
  ELSIF NEW.status <> 'hidden' THEN
    NEW.hidden_cause := NULL;
    NEW.hidden_at := NULL;
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER prompts_hold_for_suspended_seller
  BEFORE INSERT OR UPDATE OF status, seller_id ON public.prompts
  FOR EACH ROW EXECUTE FUNCTION public.prompts_hold_for_suspended_seller();
--> statement-breakpoint

-- Trigger functions run as triggers, never as calls: nobody needs EXECUTE.
REVOKE ALL ON FUNCTION public.profiles_status_moves_prompts(),
  public.prompts_hold_for_suspended_seller()
  FROM PUBLIC, anon, authenticated;
