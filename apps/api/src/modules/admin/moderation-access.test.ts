import { randomUUID } from 'node:crypto';
import { createUser, useTestDatabase } from '@promptnx/db/testing';
import { problemSchema } from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();
const app = await buildTestApp(database, authEnv);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every /api/admin/* operation the app serves, read from its OpenAPI
 * document: a route added tomorrow is in this list without anyone editing
 * the test. Path parameters become a random uuid.
 */
function adminOperations(): { method: string; url: string }[] {
  const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const operations: { method: string; url: string }[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!path.startsWith('/api/admin/')) continue;
    for (const method of METHODS) {
      if (item[method]) {
        operations.push({
          method: method.toUpperCase(),
          url: path.replace(/\{[^}]+\}/g, randomUUID()),
        });
      }
    }
  }
  return operations;
}

describe('every admin route', () => {
  const operations = adminOperations();

  it('is found in the OpenAPI document (the queues, decisions, audit log, users, refunds)', () => {
    const urls = operations.map((o) => `${o.method} ${o.url.replace(/[0-9a-f-]{36}/g, ':id')}`);
    for (const expected of [
      'GET /api/admin/overview',
      'GET /api/admin/reviews',
      'GET /api/admin/reviews/:id',
      'POST /api/admin/reviews/:id/hide',
      'POST /api/admin/reviews/bulk',
      'GET /api/admin/prompts',
      'GET /api/admin/prompts/:id',
      'POST /api/admin/prompts/:id/approve',
      'POST /api/admin/prompts/:id/hide',
      'POST /api/admin/prompts/bulk',
      'POST /api/admin/review-reports/:id/resolve',
      'POST /api/admin/prompt-reports/:id/dismiss',
      'GET /api/admin/audit-log',
      'GET /api/admin/users',
      'GET /api/admin/users/:id',
      'POST /api/admin/users/:id/suspend',
      'POST /api/admin/users/:id/reinstate',
      'GET /api/admin/refunds',
    ]) {
      expect(urls).toContain(expected);
    }
  });

  it("is 403 ADMIN_REQUIRED for a buyer's and a seller's token, before any input is read", async () => {
    const buyer = await signIn(database, await createUser(database.db));
    const seller = await signIn(database, await createUser(database.db, { role: 'seller' }));
    for (const { headers } of [buyer, seller]) {
      for (const { method, url } of operations) {
        // No body, ids that exist nowhere: a guard that ran after validation would say 400 or 404.
        const res = await app.inject({ method: method as 'GET', url, headers });
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
        expect(problemSchema.parse(res.json()).code).toBe('ADMIN_REQUIRED');
      }
    }
  });

  it('is 401 without a token, and with a suspended admin’s token 403', async () => {
    for (const { method, url } of operations) {
      const res = await app.inject({ method: method as 'GET', url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(problemSchema.parse(res.json()).code).toBe('UNAUTHENTICATED');
    }
    const suspended = await createUser(database.db, { role: 'admin' });
    const { headers } = await signIn(database, suspended);
    await database.sql`update profiles set status = 'suspended' where id = ${suspended.id}`;
    for (const { method, url } of operations) {
      const res = await app.inject({ method: method as 'GET', url, headers });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(problemSchema.parse(res.json()).code).toBe('ACCOUNT_SUSPENDED');
    }
  });

  it('lets an admin through to validation and the handlers', async () => {
    const { headers } = await signIn(database, await createUser(database.db, { role: 'admin' }));
    const res = await app.inject({ url: '/api/admin/reviews/not-a-uuid', headers });
    expect(res.statusCode).toBe(400);
    expect(problemSchema.parse(res.json()).errors?.[0]?.field).toBe('params.id');
    expect((await app.inject({ url: '/api/admin/overview', headers })).statusCode).toBe(200);
  });
});
