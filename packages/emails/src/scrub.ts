import { SECRET_LINK_TEMPLATES } from '@promptnx/db';
import type { Sql } from './sql.js';

export { SECRET_LINK_TEMPLATES };

/** What replaces the body of a sign-up, recovery or address-change e-mail. */
export const SCRUB_NOTES = {
  /** Resend has it; the stored copy no longer needs the link. */
  delivered: '(link removed after delivery)',
  /** Never delivered (refused, or out of attempts): the link goes too. */
  undelivered: '(link removed: the e-mail could not be delivered)',
  /** 24 hours old: every such link has expired (the longest lives 24 hours). */
  expired: '(link removed after 24 hours: it has expired)',
} as const;

export type ScrubReason = keyof typeof SCRUB_NOTES;

/** Rows this old lose their link, whatever became of them. */
export const SCRUB_AFTER_SECONDS = 24 * 3600;

export const isSecretLinkTemplate = (template: string) =>
  (SECRET_LINK_TEMPLATES as readonly string[]).includes(template);

// Written out (fixed names, not input) so the planner can use the partial index
// outbound_emails_unscrubbed_idx, whose predicate is this same list.
const SECRET_LINK_TEMPLATE_LIST = SECRET_LINK_TEMPLATES.map((t) => `'${t}'`).join(', ');

/** The HTML body a scrubbed e-mail keeps. */
export const scrubbedHtml = (reason: ScrubReason) =>
  `<!DOCTYPE html><html lang="en"><body><p>${SCRUB_NOTES[reason]}</p></body></html>`;

/**
 * Removes the secret link from sign-up, recovery and address-change e-mails
 * older than `olderThanSeconds` (24 h): in capture mode the dev mailbox shows
 * them until then; in Resend mode the sender has scrubbed delivered ones
 * already and this catches the rest. One still queued by then is failed: its
 * link has expired, so sending it would only confuse.
 */
export async function scrubExpiredLinks(
  sql: Sql,
  olderThanSeconds = SCRUB_AFTER_SECONDS,
): Promise<{ scrubbed: number; expiredUnsent: number }> {
  const rows = await sql<{ wasQueued: boolean }[]>`
    update public.outbound_emails o set
      text = ${SCRUB_NOTES.expired},
      html = ${scrubbedHtml('expired')},
      data = o.data - 'url',
      scrubbed_at = now(),
      status = case when o.status = 'queued' then 'failed' else o.status end,
      error = case when o.status = 'queued' then 'link expired before delivery' else o.error end
    from (
      select id, status from public.outbound_emails
      where scrubbed_at is null
        and template in (${sql.unsafe(SECRET_LINK_TEMPLATE_LIST)})
        and created_at < now() - make_interval(secs => ${olderThanSeconds})
      for update skip locked
    ) old
    where o.id = old.id
    returning old.status = 'queued' as "wasQueued"`;
  return { scrubbed: rows.length, expiredUnsent: rows.filter((r) => r.wasQueued).length };
}
