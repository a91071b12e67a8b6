-- Notification e-mails and preferences (docs/decisions/0021-notifications.md).

-- Notifications written before the worker turned them into e-mails are history:
-- nobody should get a mail about them now. Only rows created from here on wait
-- for the notification-emails job.
UPDATE public.notifications SET email_status = 'skipped' WHERE email_status = 'pending';
--> statement-breakpoint

-- A user changes only the e-mail switch of a preference row; the times are the
-- triggers' (a request never chooses its own).
REVOKE UPDATE ON public.notification_preferences FROM anon, authenticated;
--> statement-breakpoint
GRANT UPDATE (email) ON public.notification_preferences TO authenticated;
--> statement-breakpoint
REVOKE INSERT, DELETE ON public.notification_preferences FROM anon;
--> statement-breakpoint
CREATE TRIGGER notification_preferences_set_updated_at BEFORE UPDATE ON public.notification_preferences
  FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
--> statement-breakpoint
CREATE TRIGGER notification_preferences_stamp_times BEFORE INSERT ON public.notification_preferences
  FOR EACH ROW EXECUTE FUNCTION public.stamp_request_row_times();
--> statement-breakpoint

-- Unsubscribe tokens are secrets read and written by system code only.
REVOKE ALL ON public.notification_unsubscribe_tokens FROM anon, authenticated;
