-- Chat and realtime, part 3 of 3 (decision 0020): triggers that keep threads
-- current and tell every API instance what changed, through NOTIFY on one
-- channel, promptnx_realtime. Payloads carry ids and positions only, never
-- message or notification text (NOTIFY payloads are limited to 8000 bytes and
-- anyone who can LISTEN on the database could read them).

-- The position of a message or a notification is the id of the transaction
-- that wrote it. Always the writer's own: a request cannot choose it.
CREATE FUNCTION public.stamp_xact_id() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  NEW.xact_id := pg_current_xact_id();
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER chat_messages_stamp_xact_id
  BEFORE INSERT ON public.chat_messages
  FOR EACH ROW EXECUTE FUNCTION public.stamp_xact_id();
--> statement-breakpoint
CREATE TRIGGER notifications_stamp_xact_id
  BEFORE INSERT ON public.notifications
  FOR EACH ROW EXECUTE FUNCTION public.stamp_xact_id();
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.stamp_xact_id() FROM PUBLIC, anon, authenticated;
--> statement-breakpoint

-- A new message moves its thread's last_message_at and is announced to both
-- participants. `x` is the oldest transaction still running when it was
-- written: every transaction before it has finished, so its events were
-- announced earlier (the resume cursor relies on it). SECURITY DEFINER: the
-- thread's last_message_at is not a column request roles may write.
CREATE FUNCTION public.chat_messages_announce() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = ''
  AS $fn$
DECLARE
  th record;
BEGIN
  UPDATE public.chat_threads
    SET last_message_at = greatest(coalesce(last_message_at, NEW.created_at), NEW.created_at)
    WHERE id = NEW.thread_id
    RETURNING buyer_id, seller_id INTO th;
  PERFORM pg_notify('promptnx_realtime', json_build_object(
    'k', 'message',
    'id', NEW.id,
    'th', NEW.thread_id,
    'u', json_build_array(th.buyer_id, th.seller_id),
    't', NEW.xact_id::text,
    'x', pg_snapshot_xmin(pg_current_snapshot())::text
  )::text);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER chat_messages_announce
  AFTER INSERT ON public.chat_messages
  FOR EACH ROW EXECUTE FUNCTION public.chat_messages_announce();
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.chat_messages_announce() FROM PUBLIC, anon, authenticated;
--> statement-breakpoint

-- A participant's read marker moved: both participants hear it (read receipts,
-- unread badges in other tabs). Not part of the resume cursor.
CREATE FUNCTION public.chat_threads_announce_read() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  IF NEW.buyer_last_read_at IS DISTINCT FROM OLD.buyer_last_read_at
     AND NEW.buyer_last_read_at IS NOT NULL THEN
    PERFORM pg_notify('promptnx_realtime', json_build_object(
      'k', 'read', 'th', NEW.id, 'r', NEW.buyer_id, 'at', NEW.buyer_last_read_at,
      'u', json_build_array(NEW.buyer_id, NEW.seller_id))::text);
  END IF;
  IF NEW.seller_last_read_at IS DISTINCT FROM OLD.seller_last_read_at
     AND NEW.seller_last_read_at IS NOT NULL THEN
    PERFORM pg_notify('promptnx_realtime', json_build_object(
      'k', 'read', 'th', NEW.id, 'r', NEW.seller_id, 'at', NEW.seller_last_read_at,
      'u', json_build_array(NEW.buyer_id, NEW.seller_id))::text);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER chat_threads_announce_read
  AFTER UPDATE OF buyer_last_read_at, seller_last_read_at ON public.chat_threads
  FOR EACH ROW EXECUTE FUNCTION public.chat_threads_announce_read();
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.chat_threads_announce_read() FROM PUBLIC, anon, authenticated;
--> statement-breakpoint

-- A new in-app notification is announced to its user.
CREATE FUNCTION public.notifications_announce() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  PERFORM pg_notify('promptnx_realtime', json_build_object(
    'k', 'notification',
    'id', NEW.id,
    'u', json_build_array(NEW.user_id),
    't', NEW.xact_id::text,
    'x', pg_snapshot_xmin(pg_current_snapshot())::text
  )::text);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER notifications_announce
  AFTER INSERT ON public.notifications
  FOR EACH ROW EXECUTE FUNCTION public.notifications_announce();
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.notifications_announce() FROM PUBLIC, anon, authenticated;
--> statement-breakpoint

-- Blocks are stamped like the other rows requests write.
CREATE TRIGGER user_blocks_stamp_times
  BEFORE INSERT ON public.user_blocks
  FOR EACH ROW EXECUTE FUNCTION public.stamp_request_row_times();
--> statement-breakpoint

-- Tickets are system rows; request roles get nothing, not even the defaults.
REVOKE ALL ON public.realtime_tickets FROM anon, authenticated;
