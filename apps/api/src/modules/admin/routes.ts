import { type Database, profiles } from '@promptnx/db';
import { adminUserListSchema, adminUserQuerySchema, problemSchema } from '@promptnx/schema';
import { and, desc, eq, ilike, or } from 'drizzle-orm';
import { authUsers } from 'drizzle-orm/supabase';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export function adminRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/users',
      {
        preHandler: app.requireAdmin,
        schema: {
          tags: ['admin'],
          summary:
            'Search users by e-mail, username or display name; filter by role or status (admins only)',
          security: [{ bearerAuth: [] }],
          querystring: adminUserQuerySchema,
          response: { 200: adminUserListSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request) => {
        const { q, role, status, limit } = request.query;
        const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
        const rows = await db
          .select({
            id: profiles.id,
            // A join, not a correlated subquery: in a single-table select Drizzle writes
            // the outer column unqualified, which then matched auth.users' own id.
            email: authUsers.email,
            username: profiles.username,
            displayName: profiles.displayName,
            role: profiles.role,
            status: profiles.status,
            createdAt: profiles.createdAt,
          })
          .from(profiles)
          .leftJoin(authUsers, eq(authUsers.id, profiles.id))
          .where(
            and(
              pattern
                ? or(
                    ilike(profiles.username, pattern),
                    ilike(profiles.displayName, pattern),
                    ilike(authUsers.email, pattern),
                  )
                : undefined,
              role ? eq(profiles.role, role) : undefined,
              status ? eq(profiles.status, status) : undefined,
            ),
          )
          .orderBy(desc(profiles.createdAt))
          .limit(limit);
        return {
          items: rows.map((r) => ({
            ...r,
            email: r.email ?? '',
            createdAt: r.createdAt.toISOString(),
          })),
        };
      },
    );
  };
}
