-- Supabase Storage: the media bucket and its policies (docs/decisions/0012-supabase-storage.md).
-- On plain PostgreSQL there is no storage schema and this does nothing; on Supabase it
-- creates or updates the bucket and (re)creates the policies, so it can run again.
DO $$
BEGIN
  IF to_regclass('storage.buckets') IS NULL OR to_regclass('storage.objects') IS NULL THEN
    RETURN;
  END IF;

  -- Public read: the storage API serves /object/public/promptnx-media/... without RLS.
  -- Limits match prompt_assets (10 MB, PNG/JPEG/WebP); the API checks the bytes before it writes.
  INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  VALUES ('promptnx-media', 'promptnx-media', true, 10485760,
          ARRAY['image/png', 'image/jpeg', 'image/webp'])
  ON CONFLICT (id) DO UPDATE
    SET public = excluded.public,
        file_size_limit = excluded.file_size_limit,
        allowed_mime_types = excluded.allowed_mime_types;

  -- The API writes with the service role (no RLS). These are for signed-in users' own
  -- tokens: only their own folder, `{uid}/...`. No policy for anon and no bucket-wide
  -- SELECT: public URLs need none, and one would let anyone list every object name.
  -- Creating policies needs ownership of storage.objects, which some Supabase platform
  -- versions no longer give the migration role: then the policies are skipped with a
  -- warning, leaving users with no direct access at all (the safe side).
  BEGIN
    EXECUTE 'DROP POLICY IF EXISTS "users upload media into their own folder" ON storage.objects';
    EXECUTE 'DROP POLICY IF EXISTS "users see media in their own folder" ON storage.objects';
    EXECUTE 'DROP POLICY IF EXISTS "users replace media in their own folder" ON storage.objects';
    EXECUTE 'DROP POLICY IF EXISTS "users delete media in their own folder" ON storage.objects';
    EXECUTE $sql$
      CREATE POLICY "users upload media into their own folder" ON storage.objects
        FOR INSERT TO authenticated
        WITH CHECK (bucket_id = 'promptnx-media'
          AND (storage.foldername(name))[1] = (select auth.uid())::text)
    $sql$;
    EXECUTE $sql$
      CREATE POLICY "users see media in their own folder" ON storage.objects
        FOR SELECT TO authenticated
        USING (bucket_id = 'promptnx-media'
          AND (storage.foldername(name))[1] = (select auth.uid())::text)
    $sql$;
    EXECUTE $sql$
      CREATE POLICY "users replace media in their own folder" ON storage.objects
        FOR UPDATE TO authenticated
        USING (bucket_id = 'promptnx-media'
          AND (storage.foldername(name))[1] = (select auth.uid())::text)
        WITH CHECK (bucket_id = 'promptnx-media'
          AND (storage.foldername(name))[1] = (select auth.uid())::text)
    $sql$;
    EXECUTE $sql$
      CREATE POLICY "users delete media in their own folder" ON storage.objects
        FOR DELETE TO authenticated
        USING (bucket_id = 'promptnx-media'
          AND (storage.foldername(name))[1] = (select auth.uid())::text)
    $sql$;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'promptnx: % is not allowed to create policies on storage.objects (%); the bucket promptnx-media is set up, its per-user folder policies are not (see docs/operations.md)',
      current_user, SQLERRM;
  END;
END $$;
