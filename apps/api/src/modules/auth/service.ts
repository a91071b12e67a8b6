import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DbClient } from '@promptnx/db';
import { queueEmail } from '@promptnx/emails';
import type { AuthUser, Session } from '@promptnx/schema';
import type { TransactionSql } from 'postgres';
import { authErrors, GoTrueError } from './errors.js';
import { checkPassword, hashPassword } from './passwords.js';
import { type AccessClaims, signAccessToken } from './tokens.js';

/** A pool or a transaction: postgres.js runs tagged queries on either. */
type Sql = DbClient['sql'] | TransactionSql;

export interface AuthConfig {
  jwtSecret: string;
  issuer: string;
  accessTokenTtl: number;
  confirmEmail: boolean;
  siteUrl: string;
}

export interface ClientMeta {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | null;
  updated_at: Date | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_anonymous: boolean;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
}

const HOUR = 3600 * 1000;
const LINK_LIFETIME = { signup: 24 * HOUR, recovery: HOUR, email_change: 24 * HOUR } as const;
/** A refresh token used again this soon after rotation (two tabs at once) is not treated as theft. */
const REUSE_INTERVAL_MS = 10_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// Drizzle's postgres.js pool returns timestamps and json as text; rows read
// here are turned into real values once, as they arrive.
const asDate = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const asJson = (v: unknown) =>
  (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;

function normalizeUser(row: UserRow): UserRow {
  return {
    ...row,
    email_confirmed_at: asDate(row.email_confirmed_at),
    last_sign_in_at: asDate(row.last_sign_in_at),
    created_at: asDate(row.created_at),
    updated_at: asDate(row.updated_at),
    banned_until: asDate(row.banned_until),
    deleted_at: asDate(row.deleted_at),
    confirmation_sent_at: asDate(row.confirmation_sent_at),
    recovery_sent_at: asDate(row.recovery_sent_at),
    email_change_sent_at: asDate(row.email_change_sent_at),
    raw_app_meta_data: asJson(row.raw_app_meta_data),
    raw_user_meta_data: asJson(row.raw_user_meta_data),
  };
}
// The pool comes from Drizzle, which hands json values to Postgres untouched:
// JSON is sent as text and cast, never as an object.
const DEFAULT_APP_METADATA = { provider: 'email', providers: ['email'] };

/** A user as Supabase Auth shows it. */
export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    aud: row.aud ?? 'authenticated',
    role: row.role ?? 'authenticated',
    email: row.email,
    email_confirmed_at: iso(row.email_confirmed_at),
    confirmed_at: iso(row.email_confirmed_at),
    last_sign_in_at: iso(row.last_sign_in_at),
    app_metadata: row.raw_app_meta_data ?? DEFAULT_APP_METADATA,
    user_metadata: row.raw_user_meta_data ?? {},
    created_at: iso(row.created_at) ?? new Date(0).toISOString(),
    updated_at: iso(row.updated_at) ?? undefined,
    is_anonymous: row.is_anonymous,
  };
}

/**
 * The embedded Supabase-Auth-compatible server: sign-up with e-mail
 * confirmation, password and refresh-token grants, user read/update,
 * logout, recovery. Passwords are bcrypt hashes in auth.users; links and
 * refresh tokens are stored only as SHA-256 hashes.
 */
export function createAuthService(sql: DbClient['sql'], config: AuthConfig) {
  const userColumns = sql`id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at, banned_until, deleted_at,
    is_anonymous, confirmation_sent_at, recovery_sent_at, email_change, email_change_sent_at`;

  async function findByEmail(tx: Sql, email: string) {
    const [row] = await tx<UserRow[]>`
      select ${userColumns} from auth.users
      where lower(email) = ${email.toLowerCase()} and deleted_at is null and is_anonymous = false`;
    return row && normalizeUser(row);
  }

  async function findById(tx: Sql, id: string) {
    const [row] = await tx<UserRow[]>`
      select ${userColumns} from auth.users where id = ${id} and deleted_at is null`;
    return row && normalizeUser(row);
  }

  /** A link back to the storefront carrying a one-time token; redirect_to must stay on the site. */
  function linkFor(type: string, token: string, redirectTo: string | undefined) {
    const site = new URL(config.siteUrl);
    let target = new URL('/auth/confirm', site);
    if (redirectTo) {
      try {
        const wanted = new URL(redirectTo, site);
        if (wanted.origin === site.origin) target = wanted;
      } catch {
        // not a URL: keep the default
      }
    }
    target.searchParams.set('token_hash', token);
    target.searchParams.set('type', type);
    return target.toString();
  }

  async function issueSession(
    tx: Sql,
    user: UserRow,
    meta: ClientMeta,
    method: string,
    existing?: { sessionId: string; parent: string },
  ): Promise<Session> {
    const sessionId = existing?.sessionId ?? randomUUID();
    if (!existing) {
      await tx`
        insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
        values (${sessionId}, ${user.id}, now(), now(), 'aal1', ${meta.userAgent ?? null}, ${meta.ip ?? null})`;
    }
    const refreshToken = randomBytes(24).toString('base64url');
    await tx`
      insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
      values (${sha256(refreshToken)}, ${user.id}, false, now(), now(), ${existing?.parent ?? null}, ${sessionId})`;
    await tx`update auth.sessions set refreshed_at = now(), updated_at = now() where id = ${sessionId}`;

    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: 'authenticated',
      iss: config.issuer,
      sub: user.id,
      email: user.email,
      phone: '',
      app_metadata: user.raw_app_meta_data ?? DEFAULT_APP_METADATA,
      user_metadata: user.raw_user_meta_data ?? {},
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method, timestamp: now }],
      session_id: sessionId,
      is_anonymous: false,
    } satisfies AccessClaims & { aud: string; iss: string };
    const accessToken = await signAccessToken(config.jwtSecret, claims, config.accessTokenTtl);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: config.accessTokenTtl,
      expires_at: now + config.accessTokenTtl,
      refresh_token: refreshToken,
      user: toAuthUser(user),
    };
  }

  async function sendConfirmation(tx: Sql, user: UserRow, redirectTo?: string) {
    const token = newSecret();
    await tx`
      update auth.users set confirmation_token = ${sha256(token)}, confirmation_sent_at = now()
      where id = ${user.id}`;
    await queueEmail(tx, {
      userId: user.id,
      to: user.email,
      template: 'confirm_signup',
      data: { url: linkFor('signup', token, redirectTo) },
      dedupeKey: `auth:confirm:${sha256(token)}`,
    });
  }

  return {
    async signUp(input: {
      email: string;
      password: string;
      data?: Record<string, unknown> | undefined;
      redirectTo?: string | undefined;
    }): Promise<Session | AuthUser> {
      const passwordHash = await hashPassword(input.password);
      return sql.begin(async (tx) => {
        const existing = await findByEmail(tx, input.email);
        if (existing) {
          if (existing.email_confirmed_at || !config.confirmEmail) throw authErrors.userExists();
          // Not confirmed yet: send the link again, change nothing else.
          await sendConfirmation(tx, existing, input.redirectTo);
          return toAuthUser(existing);
        }
        const id = randomUUID();
        const [user] = await tx<UserRow[]>`
          insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
            email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
          values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated',
            ${input.email.toLowerCase()}, ${passwordHash},
            ${config.confirmEmail ? null : sql`now()`},
            ${JSON.stringify(DEFAULT_APP_METADATA)}::jsonb, ${JSON.stringify(input.data ?? {})}::jsonb,
            now(), now(), false)
          returning ${userColumns}`;
        if (!user) throw new Error('sign-up insert returned nothing');
        Object.assign(user, normalizeUser(user));
        if (config.confirmEmail) {
          await sendConfirmation(tx, user, input.redirectTo);
          return toAuthUser(user);
        }
        return issueSession(tx, user, {}, 'password');
      }) as Promise<Session | AuthUser>;
    },

    async signInWithPassword(email: string, password: string, meta: ClientMeta): Promise<Session> {
      const user = await findByEmail(sql, email);
      const ok = await checkPassword(password, user?.encrypted_password);
      if (!user || !ok) throw authErrors.invalidCredentials();
      if (config.confirmEmail && !user.email_confirmed_at) throw authErrors.emailNotConfirmed();
      if (user.banned_until && user.banned_until > new Date()) throw authErrors.userBanned();
      return sql.begin(async (tx) => {
        const [signedIn] = await tx<UserRow[]>`
          update auth.users set last_sign_in_at = now() where id = ${user.id} returning ${userColumns}`;
        return issueSession(tx, signedIn ? normalizeUser(signedIn) : user, meta, 'password');
      }) as Promise<Session>;
    },

    /** Rotates a refresh token: the old one is revoked, a new one issued in the same session. */
    async refresh(refreshToken: string, meta: ClientMeta): Promise<Session> {
      const hash = sha256(refreshToken);
      const outcome = await sql.begin(async (tx) => {
        const [token] = await tx<
          { id: string; user_id: string; revoked: boolean; updated_at: Date; session_id: string }[]
        >`
          select t.id, t.user_id, t.revoked, t.updated_at, t.session_id
          from auth.refresh_tokens t join auth.sessions s on s.id = t.session_id
          where t.token = ${hash}
          for update of t`;
        if (!token) throw authErrors.refreshNotFound();
        if (token.revoked) {
          if (Date.now() - (asDate(token.updated_at)?.getTime() ?? 0) > REUSE_INTERVAL_MS) {
            // An old token used again: treat the session as stolen and end it
            // (committed, so the error below does not undo it).
            await tx`delete from auth.sessions where id = ${token.session_id}`;
            return { reused: true as const };
          }
        } else {
          await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${token.id}`;
        }
        const user = await findById(tx, token.user_id);
        if (!user) throw authErrors.refreshNotFound();
        if (user.banned_until && user.banned_until > new Date()) throw authErrors.userBanned();
        const session = await issueSession(tx, user, meta, 'token_refresh', {
          sessionId: token.session_id,
          parent: hash,
        });
        return { session };
      });
      if ('reused' in outcome) throw authErrors.refreshReused();
      return outcome.session;
    },

    /** The user behind a verified access token, if its session is still open. */
    async getUser(claims: AccessClaims): Promise<AuthUser> {
      await assertSession(claims);
      const user = await findById(sql, claims.sub);
      if (!user) throw authErrors.userNotFound();
      return toAuthUser(user);
    },

    async updateUser(
      claims: AccessClaims,
      changes: {
        email?: string | undefined;
        password?: string | undefined;
        data?: Record<string, unknown> | undefined;
      },
      redirectTo?: string,
    ): Promise<AuthUser> {
      await assertSession(claims);
      const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
      return sql.begin(async (tx) => {
        const user = await findById(tx, claims.sub);
        if (!user) throw authErrors.userNotFound();
        if (changes.password && (await checkPassword(changes.password, user.encrypted_password))) {
          throw authErrors.samePassword();
        }
        if (passwordHash) {
          // As GoTrue does: a new password voids pending e-mail links and signs
          // out every other session (the old password may be why it changed).
          await tx`
            update auth.users
            set encrypted_password = ${passwordHash}, confirmation_token = '', recovery_token = '',
                email_change_token_new = '', updated_at = now()
            where id = ${user.id}`;
          await tx`
            delete from auth.sessions
            where user_id = ${user.id}
              and (${claims.session_id ?? null}::uuid is null or id <> ${claims.session_id ?? null}::uuid)`;
        }
        if (changes.data) {
          await tx`
            update auth.users
            set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || ${JSON.stringify(changes.data)}::jsonb,
                updated_at = now()
            where id = ${user.id}`;
        }
        const newEmail = changes.email?.toLowerCase();
        if (newEmail && newEmail !== user.email.toLowerCase()) {
          if (await findByEmail(tx, newEmail)) throw authErrors.emailExists();
          const token = newSecret();
          await tx`
            update auth.users set email_change = ${newEmail}, email_change_token_new = ${sha256(token)},
              email_change_sent_at = now(), updated_at = now()
            where id = ${user.id}`;
          await queueEmail(tx, {
            userId: user.id,
            to: newEmail,
            template: 'email_change',
            data: { url: linkFor('email_change', token, redirectTo), email: newEmail },
            dedupeKey: `auth:email_change:${sha256(token)}`,
          });
        }
        const updated = await findById(tx, user.id);
        return toAuthUser(updated ?? user);
      }) as Promise<AuthUser>;
    },

    async logout(claims: AccessClaims, scope: 'global' | 'local' | 'others') {
      if (scope === 'global') {
        await sql`delete from auth.sessions where user_id = ${claims.sub}`;
      } else if (claims.session_id) {
        if (scope === 'local') await sql`delete from auth.sessions where id = ${claims.session_id}`;
        else
          await sql`delete from auth.sessions where user_id = ${claims.sub} and id <> ${claims.session_id}`;
      }
    },

    /** Sends a reset link when the address has an account; says nothing either way. */
    async recover(email: string, redirectTo?: string) {
      await sql.begin(async (tx) => {
        const user = await findByEmail(tx, email);
        if (!user) return;
        if (user.recovery_sent_at && Date.now() - user.recovery_sent_at.getTime() < 60_000) return;
        const token = newSecret();
        await tx`
          update auth.users set recovery_token = ${sha256(token)}, recovery_sent_at = now() where id = ${user.id}`;
        await queueEmail(tx, {
          userId: user.id,
          to: user.email,
          template: 'recovery',
          data: { url: linkFor('recovery', token, redirectTo) },
          dedupeKey: `auth:recovery:${sha256(token)}`,
        });
      });
    },

    /** Follows an e-mail link: confirms, or opens a session for a password reset. */
    async verify(
      type: 'signup' | 'recovery' | 'email' | 'email_change',
      tokenHash: string,
      meta: ClientMeta,
    ): Promise<Session> {
      const hash = sha256(tokenHash);
      return sql.begin(async (tx) => {
        let user: UserRow | undefined;
        if (type === 'signup' || type === 'email') {
          [user] = await tx<UserRow[]>`
            update auth.users
            set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '', updated_at = now()
            where confirmation_token = ${hash}
              and confirmation_sent_at > now() - ${`${LINK_LIFETIME.signup / 1000} seconds`}::interval
            returning ${userColumns}`;
        } else if (type === 'recovery') {
          [user] = await tx<UserRow[]>`
            update auth.users
            set recovery_token = '', email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
            where recovery_token = ${hash}
              and recovery_sent_at > now() - ${`${LINK_LIFETIME.recovery / 1000} seconds`}::interval
            returning ${userColumns}`;
        } else {
          [user] = await tx<UserRow[]>`
            update auth.users
            set email = email_change, email_change = '', email_change_token_new = '', updated_at = now()
            where email_change_token_new = ${hash} and email_change <> ''
              and email_change_sent_at > now() - ${`${LINK_LIFETIME.email_change / 1000} seconds`}::interval
            returning ${userColumns}`;
        }
        if (!user) throw authErrors.otpExpired();
        const [signedIn] = await tx<UserRow[]>`
          update auth.users set last_sign_in_at = now() where id = ${user.id} returning ${userColumns}`;
        return issueSession(tx, normalizeUser(signedIn ?? user), meta, 'otp');
      }) as Promise<Session>;
    },
  };

  async function assertSession(claims: AccessClaims) {
    if (!claims.session_id) return;
    const [open] = await sql`select 1 from auth.sessions where id = ${claims.session_id}`;
    if (!open) throw authErrors.sessionNotFound();
  }
}

export type AuthService = ReturnType<typeof createAuthService>;
export { GoTrueError };
