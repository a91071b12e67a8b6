import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '@promptnx/db';
import { sql } from 'drizzle-orm';

/** How long a ticket may wait before it opens a socket. */
export const TICKET_TTL_SECONDS = 60;

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

/**
 * A single-use ticket that opens one realtime socket as this user, for a
 * browser whose access token stays on the web server. Only its hash is kept;
 * the user's expired tickets are cleared on the way.
 */
export async function createTicket(
  db: DbOrTx,
  grant: { userId: string; sessionId: string | null; tokenExpiresAt: Date },
) {
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(
    Math.min(Date.now() + TICKET_TTL_SECONDS * 1000, grant.tokenExpiresAt.getTime()),
  );
  await db.execute(sql`
    delete from public.realtime_tickets where user_id = ${grant.userId} and expires_at < now()`);
  await db.execute(sql`
    insert into public.realtime_tickets (token_hash, user_id, session_id, token_expires_at, expires_at)
    values (${hash(ticket)}, ${grant.userId}, ${grant.sessionId}, ${grant.tokenExpiresAt.toISOString()},
            ${expiresAt.toISOString()})`);
  return { ticket, expiresAt };
}

/** Uses a ticket up: who it is for, or undefined when it is unknown, used or expired. */
export async function consumeTicket(db: DbOrTx, ticket: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return undefined;
  const [row] = await db.execute<{
    user_id: string;
    session_id: string | null;
    token_expires_at: string;
  }>(sql`
    delete from public.realtime_tickets
    where token_hash = ${hash(ticket)} and expires_at > now()
    returning user_id, session_id, token_expires_at`);
  if (!row) return undefined;
  return {
    userId: row.user_id,
    sessionId: row.session_id,
    tokenExpiresAt: new Date(row.token_expires_at),
  };
}
