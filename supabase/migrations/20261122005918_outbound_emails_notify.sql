-- E-mail outbox (docs/decisions/0014-email-outbox.md). A committed insert into
-- public.outbound_emails wakes the worker's sender with NOTIFY, so a receipt
-- or a sign-up link leaves within a moment instead of at the next poll.
-- Statement-level with a transition table: one notification per statement,
-- none when ON CONFLICT (dedupe_key) DO NOTHING inserted nothing. NOTIFY is
-- delivered at commit, and not at all on rollback.
CREATE FUNCTION public.outbound_emails_notify() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows) THEN
    PERFORM pg_notify('outbound_emails', '');
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER outbound_emails_notify
  AFTER INSERT ON public.outbound_emails
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.outbound_emails_notify();
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.outbound_emails_notify() FROM PUBLIC, anon, authenticated;
