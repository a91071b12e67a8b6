import { type Database, outboundEmails } from '@promptnx/db';
import { mailboxSchema } from '@promptnx/schema';
import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * The dev mailbox: e-mails captured in embedded mode. Registered only outside
 * production, since it shows sign-up and password-reset links to anyone.
 */
export function devRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dev/mailbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'E-mails captured in embedded mode (development only)',
          querystring: z.object({ to: z.string().max(255).optional() }),
          response: { 200: mailboxSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const rows = await db
          .select()
          .from(outboundEmails)
          .where(
            request.query.to
              ? eq(outboundEmails.toAddress, request.query.to.toLowerCase())
              : undefined,
          )
          .orderBy(desc(outboundEmails.createdAt))
          .limit(100);
        return {
          items: rows.map((r) => ({
            id: r.id,
            to: r.toAddress,
            template: r.template,
            subject: r.subject,
            text: r.text,
            html: r.html,
            createdAt: r.createdAt.toISOString(),
          })),
        };
      },
    );
  };
}
