import {
  CONFIGURABLE_NOTIFICATION_TYPES,
  type Database,
  NOTIFICATION_EMAIL_DEFAULTS,
  NOTIFICATION_TYPES,
  type NotificationType,
  notificationPath,
  type Transaction,
  withUser,
} from '@promptnx/db';
import type {
  Notification,
  NotificationList,
  NotificationPreferences,
  UnsubscribeState,
  UpdateNotificationPreferences,
} from '@promptnx/schema';
import { sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import { type Account, accountClaims } from '../../plugins/authenticate.js';
import { decodeCursor, encodeCursor } from '../catalog/cursor.js';

type Row = {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  data: Record<string, unknown> | string;
  read_at: string | null;
  /** As Postgres wrote it, microseconds and all: the cursor keeps it exactly. */
  created_at: string;
};

const columns = sql`id, type, title, body, data, read_at, created_at`;
const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

function toNotification(row: Row): Notification {
  // Drizzle's pool keeps json as text.
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    data,
    path: notificationPath(row.type, data),
    readAt: iso(row.read_at),
    createdAt: iso(row.created_at)!,
  };
}

const CURSOR_KIND = 'notifications';
// A timestamp as Postgres prints one (the cursor is ours, but anyone can forge one).
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

function readCursor(text: string): { t: string; id: string } {
  const cursor = decodeCursor(text);
  const t = cursor && 'k' in cursor ? cursor.k[0] : undefined;
  if (!cursor || cursor.s !== CURSOR_KIND || !('id' in cursor) || typeof t !== 'string') {
    throw badCursor();
  }
  if (!PG_TIMESTAMP.test(t)) throw badCursor();
  return { t, id: cursor.id };
}

const badCursor = () =>
  new AppError('VALIDATION_FAILED', 'invalid query.cursor', [
    { field: 'query.cursor', message: 'is not a cursor this API gave out' },
  ]);

export interface ListOptions {
  unread?: boolean | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * The signed-in user's notifications, their e-mail preferences, and the
 * one-click unsubscribe. Reads and writes of a user's own rows run as that
 * user (RLS checks them again); the unsubscribe has no session, so it is
 * system code that finds the user by the token alone.
 */
export function createNotificationService(db: Database) {
  const asUser = <T>(account: Account, work: (tx: Transaction) => Promise<T>) =>
    withUser(db, accountClaims(account), work);

  async function preferencesOf(account: Account): Promise<NotificationPreferences> {
    const rows = await asUser(account, (tx) =>
      tx.execute<{ type: NotificationType; email: boolean }>(sql`
        select type, email from public.notification_preferences where user_id = ${account.id}`),
    );
    const chosen = new Map(rows.map((r) => [r.type, r.email]));
    return {
      items: NOTIFICATION_TYPES.map((type) => {
        const configurable = CONFIGURABLE_NOTIFICATION_TYPES.includes(type);
        return {
          type,
          inApp: true as const,
          email: configurable
            ? (chosen.get(type) ?? NOTIFICATION_EMAIL_DEFAULTS[type])
            : NOTIFICATION_EMAIL_DEFAULTS[type],
          emailConfigurable: configurable,
          emailDefault: NOTIFICATION_EMAIL_DEFAULTS[type],
        };
      }),
    };
  }

  async function tokenState(token: string) {
    const [row] = await db.execute<{
      user_id: string;
      type: NotificationType;
      choice: boolean | null;
    }>(sql`
      select t.user_id, t.type, p.email as choice
      from public.notification_unsubscribe_tokens t
      left join public.notification_preferences p on p.user_id = t.user_id and p.type = t.type
      where t.token = ${token}`);
    if (!row) {
      throw new AppError('NOT_FOUND', 'this unsubscribe link is not valid', [
        { field: 'token', message: 'is not a token we sent' },
      ]);
    }
    return { ...row, email: row.choice ?? NOTIFICATION_EMAIL_DEFAULTS[row.type] };
  }

  return {
    async list(account: Account, options: ListOptions = {}): Promise<NotificationList> {
      const limit = options.limit ?? 20;
      const after = options.cursor ? readCursor(options.cursor) : undefined;
      const rows = await asUser(account, (tx) =>
        tx.execute<Row>(sql`
          select ${columns} from public.notifications
          where user_id = ${account.id}
          ${options.unread ? sql`and read_at is null` : sql``}
          ${after ? sql`and (created_at, id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
          order by created_at desc, id desc
          limit ${limit + 1}`),
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toNotification),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({ s: CURSOR_KIND, k: [last.created_at], id: last.id })
            : null,
      };
    },

    async unreadCount(account: Account): Promise<number> {
      const [row] = await asUser(account, (tx) =>
        tx.execute<{ n: number }>(sql`
          select count(*)::int as n from public.notifications
          where user_id = ${account.id} and read_at is null`),
      );
      return row?.n ?? 0;
    },

    /** Marks one notification read (again: the first time stays); 404 for anyone else's. */
    async markRead(account: Account, id: string): Promise<Notification> {
      const [row] = await asUser(account, (tx) =>
        tx.execute<Row>(sql`
          update public.notifications set read_at = coalesce(read_at, now())
          where id = ${id} and user_id = ${account.id}
          returning ${columns}`),
      );
      if (!row) throw notFound(`notification ${id}`);
      return toNotification(row);
    },

    async markAllRead(account: Account): Promise<number> {
      const rows = await asUser(account, (tx) =>
        tx.execute(sql`
          update public.notifications set read_at = now()
          where user_id = ${account.id} and read_at is null
          returning id`),
      );
      return rows.length;
    },

    preferences: preferencesOf,

    async updatePreferences(
      account: Account,
      input: UpdateNotificationPreferences,
    ): Promise<NotificationPreferences> {
      const choices = Object.entries(input.email).filter(
        (entry): entry is [NotificationType, boolean] => typeof entry[1] === 'boolean',
      );
      if (choices.length > 0) {
        await asUser(account, (tx) =>
          tx.execute(sql`
            insert into public.notification_preferences (user_id, type, email)
            values ${sql.join(
              choices.map(([type, email]) => sql`(${account.id}, ${type}, ${email})`),
              sql`, `,
            )}
            on conflict (user_id, type) do update set email = excluded.email
            where notification_preferences.email is distinct from excluded.email`),
        );
      }
      return preferencesOf(account);
    },

    /** What a token is for, for the confirm page; 404 for a token we never sent. */
    async unsubscribeState(token: string): Promise<UnsubscribeState> {
      const row = await tokenState(token);
      return { type: row.type, email: row.email };
    },

    /**
     * Turns the token's type off for its user (RFC 8058 one-click: no session,
     * the token is the authority). Repeating it changes nothing.
     */
    async unsubscribe(token: string): Promise<UnsubscribeState> {
      const row = await tokenState(token);
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into public.notification_preferences (user_id, type, email)
          values (${row.user_id}, ${row.type}, false)
          on conflict (user_id, type) do update set email = false
          where notification_preferences.email`);
        await tx.execute(sql`
          update public.notification_unsubscribe_tokens set used_at = now() where token = ${token}`);
      });
      return { type: row.type, email: false };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
