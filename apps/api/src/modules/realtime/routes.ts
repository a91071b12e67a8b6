import websocket from '@fastify/websocket';
import {
  problemSchema,
  REALTIME_BEARER_PREFIX,
  REALTIME_CLOSE,
  REALTIME_PATH,
  REALTIME_PROTOCOL,
  REALTIME_TICKET_PREFIX,
  realtimeTicketSchema,
} from '@promptnx/schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { type AccessClaims, InvalidTokenError } from '../auth/tokens.js';
import { decodePosition } from './cursor.js';
import type { RealtimeHub } from './hub.js';
import { consumeTicket, createTicket } from './tickets.js';

export interface RealtimeRouteOptions {
  hub: RealtimeHub;
  verify: (token: string) => Promise<AccessClaims>;
  /** Browser origins that may open a socket (the storefront, CORS origins, the API itself). */
  allowedOrigins: string[];
  /** The API as browsers reach it: the ticket answer names the socket URL from it. */
  publicUrl: string;
}

function offeredProtocols(request: FastifyRequest): string[] {
  const header = request.headers['sec-websocket-protocol'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

function unauthenticated(reply: FastifyReply, detail: string) {
  reply.header('www-authenticate', 'Bearer error="invalid_token"');
  return new AppError('UNAUTHENTICATED', detail);
}

/**
 * GET /api/realtime (WebSocket) and POST /api/realtime/tickets. The socket is
 * authenticated before the upgrade (decision 0020): a bad Origin is a 403, a
 * missing or bad credential a 401, and no socket is opened.
 */
export function realtimeRoutes(options: RealtimeRouteOptions): FastifyPluginAsyncZod {
  const { hub, verify } = options;
  const allowed = new Set(options.allowedOrigins);
  const socketUrl = new URL(REALTIME_PATH, options.publicUrl);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  /** When each authenticated upgrade's credential expires, and its session. */
  const credentials = new WeakMap<
    FastifyRequest,
    { sessionId: string | null; expiresAt: number | null; ended?: string }
  >();

  return async (app) => {
    await app.register(websocket, {
      options: {
        maxPayload: 4096,
        // Answer with our protocol, never echo the credential back.
        handleProtocols: (protocols) =>
          protocols.has(REALTIME_PROTOCOL) ? REALTIME_PROTOCOL : false,
      },
      preClose(done) {
        void hub.stop().finally(() => {
          for (const client of this.websocketServer.clients) {
            client.close(REALTIME_CLOSE.RESTART, 'server restarting');
          }
          this.websocketServer.close();
          done();
        });
      },
    });

    async function authenticateSocket(request: FastifyRequest, reply: FastifyReply) {
      const origin = request.headers.origin;
      // Browsers always send Origin; other clients (servers, the bench) may not, and
      // still need a credential. Cross-site pages are refused.
      if (origin !== undefined && !allowed.has(origin)) {
        throw new AppError('FORBIDDEN', `pages on ${origin} may not open this socket`);
      }
      const offered = offeredProtocols(request);
      if (offered.length > 0 && !offered.includes(REALTIME_PROTOCOL)) {
        throw new AppError(
          'BAD_REQUEST',
          `offer the ${REALTIME_PROTOCOL} subprotocol, then the credential`,
        );
      }
      const credential = offered.find(
        (p) => p.startsWith(REALTIME_BEARER_PREFIX) || p.startsWith(REALTIME_TICKET_PREFIX),
      );
      let expiresAt: number | null = null;
      if (credential?.startsWith(REALTIME_BEARER_PREFIX)) {
        let claims: AccessClaims;
        try {
          claims = await verify(credential.slice(REALTIME_BEARER_PREFIX.length));
        } catch (error) {
          throw unauthenticated(
            reply,
            error instanceof InvalidTokenError
              ? error.message
              : 'the access token could not be verified',
          );
        }
        if (claims.role !== 'authenticated') {
          throw unauthenticated(reply, `a '${claims.role}' token cannot open this socket`);
        }
        request.token = claims;
      } else if (credential?.startsWith(REALTIME_TICKET_PREFIX)) {
        const grant = await consumeTicket(
          app.database.db,
          credential.slice(REALTIME_TICKET_PREFIX.length),
        );
        if (!grant) throw unauthenticated(reply, 'the ticket is unknown, used or expired');
        request.token = {
          sub: grant.userId,
          role: 'authenticated',
          ...(grant.sessionId ? { session_id: grant.sessionId } : {}),
          exp: Math.floor(grant.tokenExpiresAt.getTime() / 1000),
        };
      } else if (!request.token) {
        throw unauthenticated(
          reply,
          `sign in first: offer the subprotocols ${REALTIME_PROTOCOL} and ${REALTIME_BEARER_PREFIX}<access token> (or ${REALTIME_TICKET_PREFIX}<ticket>)`,
        );
      }
      const token = request.token!;
      if (typeof token.exp === 'number') expiresAt = token.exp * 1000;
      // The same checks as every request: the account exists, the session is open.
      try {
        await app.requireUser(request, reply);
      } catch (error) {
        // A valid ticket whose session ended since it was given out (the user signed out
        // while the page was connecting): the socket opens and is closed at once with
        // 4401, which tells the page's client to ask for a new ticket (and stop when it
        // gets none), rather than an HTTP 401 that browsers log as an error.
        const viaTicket = credential?.startsWith(REALTIME_TICKET_PREFIX) ?? false;
        if (!(viaTicket && error instanceof AppError && error.code === 'UNAUTHENTICATED')) {
          throw error;
        }
        credentials.set(request, { sessionId: null, expiresAt: null, ended: error.message });
        return;
      }
      credentials.set(request, { sessionId: token.session_id ?? null, expiresAt });
    }

    app.get(
      REALTIME_PATH,
      {
        websocket: true,
        preValidation: authenticateSocket,
        schema: {
          querystring: z.object({
            /** The cursor of the last event seen: resume after it. */
            since: z.string().max(4000).optional(),
          }),
        },
      },
      (socket, request) => {
        const { since } = request.query as { since?: string };
        const credential = credentials.get(request)!;
        if (credential.ended) {
          socket.close(REALTIME_CLOSE.UNAUTHENTICATED, credential.ended.slice(0, 120));
          return;
        }
        const account = request.account!;
        let position: ReturnType<typeof decodePosition>;
        if (since) {
          position = decodePosition(since);
          if (!position) {
            socket.close(REALTIME_CLOSE.BAD_CURSOR, 'not a cursor this server gave out');
            return;
          }
          if (position.userId !== account.id) {
            socket.close(REALTIME_CLOSE.FORBIDDEN, 'this cursor belongs to someone else');
            return;
          }
        }
        void hub.attach(socket, account, credential, position);
      },
    );

    app.post(
      '/api/realtime/tickets',
      {
        preHandler: app.requireUser,
        schema: {
          security: [{ bearerAuth: [] }],
          tags: ['realtime'],
          summary:
            'A single-use ticket (valid 60 s) that opens the realtime socket as me: for browsers whose token stays on a server',
          response: {
            201: realtimeTicketSchema,
            401: problemSchema,
            403: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const token = request.token!;
        const { ticket, expiresAt } = await createTicket(app.database.db, {
          userId: request.account!.id,
          sessionId: token.session_id ?? null,
          tokenExpiresAt: new Date(
            (typeof token.exp === 'number' ? token.exp : Date.now() / 1000 + 3600) * 1000,
          ),
        });
        reply.header('cache-control', 'private, no-store');
        return reply
          .status(201)
          .send({ ticket, expiresAt: expiresAt.toISOString(), url: socketUrl.toString() });
      },
    );
  };
}
