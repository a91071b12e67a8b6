import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@promptnx/db/testing';
import { queueEmail } from '@promptnx/emails';
import { mailboxSchema, problemSchema } from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';

const database = await useTestDatabase();
const app = await buildTestApp(database);
const production = await buildTestApp(database, {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'a-production-jwt-secret-of-at-least-32-chars',
  STORAGE_SIGNING_SECRET: 'a-production-storage-secret-of-32-chars!',
  PAYMENTS_MODE: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_never_called_in_this_test',
  STRIPE_WEBHOOK_SECRET: 'whsec_never_called_in_this_test',
});

/** Captures a mail the way the auth server does. */
async function captureMail(to: string, template: 'confirm_signup' | 'recovery' = 'confirm_signup') {
  const url = `http://localhost:3000/auth/confirm?token_hash=${randomUUID()}&type=signup`;
  await queueEmail(database.sql, {
    userId: null,
    to,
    template,
    data: { url },
    dedupeKey: `test:${randomUUID()}`,
  });
  return url;
}

describe('GET /api/dev/mailbox', () => {
  it('lists captured mail, newest first, never cached', async () => {
    const to = `mailbox-${randomUUID().slice(0, 8)}@example.test`;
    const firstUrl = await captureMail(to, 'confirm_signup');
    await captureMail(to, 'recovery');
    const res = await app.inject('/api/dev/mailbox');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { items } = mailboxSchema.parse(res.json());
    const mine = items.filter((m) => m.to === to);
    expect(mine.map((m) => m.template)).toEqual(['recovery', 'confirm_signup']);
    expect(mine[1]).toMatchObject({
      subject: 'Confirm your PromptNX account',
      text: expect.stringContaining(firstUrl),
      html: expect.stringContaining('<a href='),
    });
  });

  it('filters by recipient (any case); an address with no mail lists nothing', async () => {
    const alice = `alice-${randomUUID().slice(0, 8)}@example.test`;
    const bob = `bob-${randomUUID().slice(0, 8)}@example.test`;
    await captureMail(alice);
    await captureMail(bob);
    await captureMail(bob);
    const forBob = await app.inject(`/api/dev/mailbox?to=${encodeURIComponent(bob.toUpperCase())}`);
    const { items } = mailboxSchema.parse(forBob.json());
    expect(items).toHaveLength(2);
    expect(items.every((m) => m.to === bob)).toBe(true);
    const nobody = await app.inject('/api/dev/mailbox?to=nobody%40example.test');
    expect(nobody.json()).toEqual({ items: [] });
  });

  it('shows what the auth server sends on sign-up', async () => {
    const email = `signup-${randomUUID().slice(0, 8)}@example.test`;
    const signUp = await app.inject({
      method: 'POST',
      url: '/auth/v1/signup',
      payload: { email, password: 'long enough password' },
    });
    expect(signUp.statusCode).toBe(200);
    const res = await app.inject(`/api/dev/mailbox?to=${encodeURIComponent(email)}`);
    const [mail] = mailboxSchema.parse(res.json()).items;
    expect(mail).toMatchObject({ to: email, template: 'confirm_signup' });
    expect(mail!.text).toMatch(
      /http:\/\/localhost:3000\/auth\/confirm\?token_hash=[\w-]+&type=signup/,
    );
  });

  it('does not exist in production', async () => {
    await captureMail(`prod-${randomUUID().slice(0, 8)}@example.test`);
    const res = await production.inject('/api/dev/mailbox');
    expect(res.statusCode).toBe(404);
    expect(problemSchema.parse(res.json()).code).toBe('ROUTE_NOT_FOUND');
    expect(res.body).not.toContain('example.test');
    const doc = (await production.inject('/openapi.json')).json();
    expect(doc.paths['/api/dev/mailbox']).toBeUndefined();
  });
});
