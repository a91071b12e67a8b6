-- Chat and realtime, part 1 of 3 (decision 0020): what must exist before the
-- generated migration adds the one-thread-per-topic key and the block checks.

-- One thread per buyer, seller and topic (prompt, order) from now on: merge
-- duplicates an earlier version let in into the oldest one of each group.
DO $$
BEGIN
  CREATE TEMP TABLE chat_thread_merge ON COMMIT DROP AS
    SELECT id, first_value(id) OVER (
             PARTITION BY buyer_id, seller_id, prompt_id, order_id ORDER BY created_at, id
           ) AS keep
    FROM public.chat_threads;
  DELETE FROM chat_thread_merge WHERE id = keep;
  IF EXISTS (SELECT 1 FROM chat_thread_merge) THEN
    UPDATE public.chat_messages m SET thread_id = g.keep
      FROM chat_thread_merge g WHERE m.thread_id = g.id;
    UPDATE public.chat_threads k SET
        last_message_at = (SELECT max(m.created_at) FROM public.chat_messages m WHERE m.thread_id = k.id),
        buyer_last_read_at = greatest(k.buyer_last_read_at, d.buyer_read),
        seller_last_read_at = greatest(k.seller_last_read_at, d.seller_read)
      FROM (
        SELECT g.keep, max(t.buyer_last_read_at) AS buyer_read, max(t.seller_last_read_at) AS seller_read
        FROM chat_thread_merge g JOIN public.chat_threads t ON t.id = g.id
        GROUP BY g.keep
      ) d
      WHERE k.id = d.keep;
    DELETE FROM public.chat_threads t USING chat_thread_merge g WHERE t.id = g.id;
  END IF;
  DROP TABLE chat_thread_merge;
END
$$;
--> statement-breakpoint

-- Whether the signed-in user and another user have blocked each other, in
-- either direction. The chat policies ask it; SECURITY DEFINER because a
-- blocked user cannot read the blocker's user_blocks row. It only answers
-- about pairs that include the caller. plpgsql: the table arrives in the
-- next migration.
CREATE FUNCTION public.chat_blocked_with(p_other uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = ''
  AS $fn$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.user_blocks b
    WHERE (b.blocker_id = auth.uid() AND b.blocked_id = p_other)
       OR (b.blocker_id = p_other AND b.blocked_id = auth.uid())
  );
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.chat_blocked_with(uuid) FROM PUBLIC, anon;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.chat_blocked_with(uuid) TO authenticated, service_role;
