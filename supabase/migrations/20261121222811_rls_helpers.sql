-- Helpers the RLS policies call. SECURITY DEFINER so a policy on one table can
-- look at another without recursing through that table's own policies; each
-- pins search_path, reads only, and is executable by `authenticated` only
-- (never anon). plpgsql so they can be created before the tables they read.

CREATE FUNCTION public.is_admin() RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.profiles
    WHERE id = auth.uid() AND role = 'admin' AND status = 'active'
  );
END
$fn$;
--> statement-breakpoint

CREATE FUNCTION public.is_seller() RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.profiles
    WHERE id = auth.uid() AND role IN ('seller', 'admin') AND status = 'active'
  );
END
$fn$;
--> statement-breakpoint

CREATE FUNCTION public.is_prompt_seller(p_prompt_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.prompts
    WHERE id = p_prompt_id AND seller_id = auth.uid()
  );
END
$fn$;
--> statement-breakpoint

CREATE FUNCTION public.is_entitled(p_prompt_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.entitlements
    WHERE prompt_id = p_prompt_id AND user_id = auth.uid() AND status = 'active'
  );
END
$fn$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION public.is_admin(), public.is_seller(),
  public.is_prompt_seller(uuid), public.is_entitled(uuid) FROM PUBLIC, anon;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.is_admin(), public.is_seller(),
  public.is_prompt_seller(uuid), public.is_entitled(uuid) TO authenticated, service_role;
