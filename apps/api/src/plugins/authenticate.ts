import { anonClaims, type JwtClaims } from '@promptnx/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.js';
import { type AccessClaims, InvalidTokenError } from '../modules/auth/tokens.js';

/** The signed-in user's account as the database says (never as the token says). */
export interface Account {
  id: string;
  email: string;
  role: 'buyer' | 'seller' | 'admin';
  status: 'active' | 'suspended';
  suspendedReason: string | null;
}

/** The claims `withUser` runs an account's own reads and writes with. */
export const accountClaims = (account: Pick<Account, 'id'>): JwtClaims => ({
  role: 'authenticated',
  sub: account.id,
});

declare module 'fastify' {
  interface FastifyRequest {
    /** Database claims for withUser: anon, or the verified user. */
    claims: JwtClaims;
    /** The verified access token's claims, when one was sent. */
    token: AccessClaims | null;
    /** Loaded by requireUser. */
    account: Account | null;
  }
  interface FastifyInstance {
    /** preHandler: a signed-in user with an open session and a profile. */
    requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler: requireUser, and not suspended. */
    requireActiveUser(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler: an active seller (or admin). */
    requireSeller(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler: an active admin. */
    requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

/**
 * A 401 with the challenge RFC 6750 asks for: the scheme alone when no token
 * came, and why when one came and was refused.
 */
function unauthenticated(
  reply: FastifyReply,
  detail: string,
  error?: 'invalid_request' | 'invalid_token',
): AppError {
  reply.header('www-authenticate', error ? `Bearer error="${error}"` : 'Bearer');
  return new AppError('UNAUTHENTICATED', detail);
}

export interface AuthenticateOptions {
  verify: (token: string) => Promise<AccessClaims>;
}

/**
 * Reads `Authorization: Bearer <Supabase access token>` on every request. A
 * bad token is a 401 whatever the route; no token is an anonymous request.
 * Roles and suspension come from the database, loaded by the guards.
 */
export const authenticatePlugin = fp(async (app: FastifyInstance, options: AuthenticateOptions) => {
  app.decorateRequest('claims', null as unknown as JwtClaims);
  app.decorateRequest('token', null);
  app.decorateRequest('account', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.claims = anonClaims;
    // The embedded auth server reads its own tokens, with GoTrue's errors.
    if (request.url.startsWith('/auth/v1/')) return;
    const header = request.headers.authorization;
    if (!header) return;
    const match = header.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) {
      throw unauthenticated(
        reply,
        'the Authorization header must be "Bearer <access token>"',
        'invalid_request',
      );
    }
    let claims: AccessClaims;
    try {
      claims = await options.verify(match[1]);
    } catch (error) {
      throw unauthenticated(
        reply,
        error instanceof InvalidTokenError
          ? error.message
          : 'the access token could not be verified',
        'invalid_token',
      );
    }
    // Supabase's anon key is itself a token with role anon: an anonymous request.
    if (claims.role === 'anon') return;
    if (claims.role !== 'authenticated') {
      throw unauthenticated(
        reply,
        `a '${claims.role}' token cannot call this API`,
        'invalid_token',
      );
    }
    request.token = claims;
    request.claims = {
      role: 'authenticated',
      sub: claims.sub,
      ...(claims.email ? { email: claims.email } : {}),
      ...(claims.session_id ? { session_id: claims.session_id } : {}),
    };
  });

  async function loadAccount(request: FastifyRequest, reply: FastifyReply): Promise<Account> {
    if (request.account) return request.account;
    const token = request.token;
    if (!token) throw unauthenticated(reply, 'sign in first: this needs an access token');
    const sql = app.database.sql;
    const [row] = await sql<
      {
        role: Account['role'] | null;
        status: Account['status'] | null;
        suspended_reason: string | null;
        email: string | null;
        session_open: boolean;
      }[]
    >`
      select p.role, p.status, p.suspended_reason, u.email,
             (${token.session_id ?? null}::uuid is null
               or exists (select 1 from auth.sessions s where s.id = ${token.session_id ?? null}::uuid)) as session_open
      from auth.users u left join public.profiles p on p.id = u.id
      where u.id = ${token.sub} and u.deleted_at is null`;
    if (!row) throw unauthenticated(reply, 'the account no longer exists', 'invalid_token');
    if (!row.session_open) {
      throw unauthenticated(reply, 'the session has ended; sign in again', 'invalid_token');
    }
    let { role, status } = row;
    if (!role || !status) {
      // A user created before the sign-up trigger existed (Supabase): make the profile now.
      await sql`insert into public.profiles (id) values (${token.sub}) on conflict (id) do nothing`;
      role = 'buyer';
      status = 'active';
    }
    request.account = {
      id: token.sub,
      email: row.email ?? token.email ?? '',
      role,
      status,
      suspendedReason: row.suspended_reason,
    };
    return request.account;
  }

  function assertActive(account: Account) {
    if (account.status === 'suspended') {
      throw new AppError(
        'ACCOUNT_SUSPENDED',
        `this account is suspended${account.suspendedReason ? `: ${account.suspendedReason}` : ''}`,
      );
    }
  }

  app.decorate('requireUser', async (request: FastifyRequest, reply: FastifyReply) => {
    await loadAccount(request, reply);
  });
  app.decorate('requireActiveUser', async (request: FastifyRequest, reply: FastifyReply) => {
    assertActive(await loadAccount(request, reply));
  });
  app.decorate('requireSeller', async (request: FastifyRequest, reply: FastifyReply) => {
    const account = await loadAccount(request, reply);
    assertActive(account);
    if (account.role !== 'seller' && account.role !== 'admin') {
      throw new AppError('SELLER_REQUIRED', 'only sellers can do this; become a seller first');
    }
  });
  app.decorate('requireAdmin', async (request: FastifyRequest, reply: FastifyReply) => {
    const account = await loadAccount(request, reply);
    assertActive(account);
    if (account.role !== 'admin') throw new AppError('ADMIN_REQUIRED', 'only admins can do this');
  });
});
