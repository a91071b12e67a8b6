ALTER POLICY "sellers add assets to their prompts" ON "prompt_assets" TO authenticated WITH CHECK ((select public.is_prompt_seller("prompt_assets"."prompt_id")) and starts_with("prompt_assets"."storage_path", (select auth.uid())::text || '/') and ("prompt_assets"."thumbnail_path" is null or starts_with("prompt_assets"."thumbnail_path", (select auth.uid())::text || '/')) and ("prompt_assets"."version_id" is null or exists (select 1 from public.prompt_versions v where v.id = "prompt_assets"."version_id" and v.prompt_id = "prompt_assets"."prompt_id")));--> statement-breakpoint
ALTER POLICY "sellers edit assets of their prompts" ON "prompt_assets" TO authenticated USING ((select public.is_prompt_seller("prompt_assets"."prompt_id"))) WITH CHECK ((select public.is_prompt_seller("prompt_assets"."prompt_id")) and starts_with("prompt_assets"."storage_path", (select auth.uid())::text || '/') and ("prompt_assets"."thumbnail_path" is null or starts_with("prompt_assets"."thumbnail_path", (select auth.uid())::text || '/')) and ("prompt_assets"."version_id" is null or exists (select 1 from public.prompt_versions v where v.id = "prompt_assets"."version_id" and v.prompt_id = "prompt_assets"."prompt_id")));--> statement-breakpoint
ALTER POLICY "entitled buyers review prompts they do not sell" ON "reviews" TO authenticated WITH CHECK ("reviews"."buyer_id" = (select auth.uid()) and "reviews"."status" = 'pending' and "reviews"."moderation_reason" is null and "reviews"."seller_reply" is null and "reviews"."seller_replied_at" is null and "reviews"."edited_at" is null and ("reviews"."version_id" is null or exists (select 1 from public.prompt_versions v where v.id = "reviews"."version_id" and v.prompt_id = "reviews"."prompt_id")) and (select public.is_entitled("reviews"."prompt_id")) and not (select public.is_prompt_seller("reviews"."prompt_id")));--> statement-breakpoint
-- A suspended seller no longer counts as the seller of their prompts: they
-- cannot edit listings, versions, templates or assets until reinstated.
CREATE OR REPLACE FUNCTION public.is_prompt_seller(p_prompt_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.prompts p
    JOIN public.profiles u ON u.id = p.seller_id
    WHERE p.id = p_prompt_id AND p.seller_id = auth.uid() AND u.status = 'active'
  );
END
$fn$;
--> statement-breakpoint

-- Request roles insert no rows with sequences (every key they write is a
-- uuid), so they need none: reading audit_logs_id_seq would tell how many
-- audit events exist.
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM anon, authenticated;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM anon, authenticated;
