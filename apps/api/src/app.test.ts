import { createUser, useTestDatabase } from '@promptnx/db/testing';
import { problemSchema } from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from './app.js';
import { loadEnv } from './env.js';
import { buildTestApp } from './test/build-test-app.js';
import { authEnv, signIn } from './test/tokens.js';

const database = await useTestDatabase();
const app = await buildTestApp(database);
const limited = await buildTestApp(database, { RATE_LIMIT_MAX: '3' });
const perUser = await buildTestApp(database, { ...authEnv, RATE_LIMIT_MAX: '3' });

describe('health', () => {
  it('GET /health answers without touching the database', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', version: '0.1.0' });
  });

  it('GET /ready checks the database', async () => {
    const res = await app.inject('/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });
  });

  it('GET /ready answers 503 when the database is unreachable', async () => {
    const down = await buildApp({
      env: loadEnv({
        DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/none',
        LOG_LEVEL: 'silent',
      }),
      logger: false,
    });
    const res = await down.inject('/ready');
    await down.close();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: { ok: false } },
    });
  });
});

describe('errors are problem+json', () => {
  it('unknown routes give 404 ROUTE_NOT_FOUND', async () => {
    const res = await app.inject('/api/nothing-here?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = problemSchema.parse(res.json());
    expect(body).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      status: 404,
      instance: '/api/nothing-here',
    });
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('invalid input gives 400 VALIDATION_FAILED naming the field', async () => {
    const res = await app.inject('/api/categories/Not%20A%20Slug');
    expect(res.statusCode).toBe(400);
    const body = problemSchema.parse(res.json());
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors?.[0]?.field).toBe('params.slug');
    expect(body.detail).toContain('params.slug');
  });

  // A scratch app with routes that fail on purpose, on the same plugins.
  async function buildScratchApp() {
    const scratch = await buildApp({
      env: loadEnv({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      database,
      logger: false,
    });
    scratch.get('/boom', async () => {
      throw new Error('secret internal detail');
    });
    scratch.post(
      '/echo',
      { schema: { body: z.object({ title: z.string().min(1), price: z.number().int() }) } },
      async (request) => request.body,
    );
    return scratch;
  }

  it('unexpected failures give 500 without internals', async () => {
    const scratch = await buildScratchApp();
    const res = await scratch.inject('/boom');
    await scratch.close();
    expect(res.statusCode).toBe(500);
    const body = problemSchema.parse(res.json());
    expect(body.code).toBe('INTERNAL');
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toContain('at ');
  });

  it('bodies: invalid fields 400 naming each, bad JSON 400, wrong type 415', async () => {
    const scratch = await buildScratchApp();
    const invalid = await scratch.inject({
      method: 'POST',
      url: '/echo',
      payload: { title: '', price: 1.5 },
    });
    const badJson = await scratch.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    const wrongType = await scratch.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'text/xml' },
      payload: '<title/>',
    });
    await scratch.close();
    expect(invalid.statusCode).toBe(400);
    const fields = problemSchema.parse(invalid.json()).errors?.map((e) => e.field);
    expect(fields).toEqual(['title', 'price']);
    expect(badJson.statusCode).toBe(400);
    expect(problemSchema.parse(badJson.json()).code).toBe('BAD_REQUEST');
    expect(wrongType.statusCode).toBe(415);
    expect(problemSchema.parse(wrongType.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('cross-cutting', () => {
  it('sets a request id, or keeps a well-formed incoming one', async () => {
    const fresh = await app.inject('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.inject({ url: '/health', headers: { 'x-request-id': 'web-req-12345' } });
    expect(kept.headers['x-request-id']).toBe('web-req-12345');
    const replaced = await app.inject({ url: '/health', headers: { 'x-request-id': 'bad\nid' } });
    expect(replaced.headers['x-request-id']).not.toBe('bad\nid');
  });

  it('sends security headers (helmet)', async () => {
    const res = await app.inject('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('allows the storefront origin and no other (CORS)', async () => {
    const ok = await app.inject({
      url: '/api/categories',
      headers: { origin: 'http://localhost:3000' },
    });
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const other = await app.inject({
      url: '/api/categories',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rate-limits with 429 problem+json', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.inject('/api/categories')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await limited.inject('/api/categories');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemSchema.parse(res.json()).code).toBe('RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('counts each signed-in user on their own, and anonymous callers by address', async () => {
    const codes = async (headers: Record<string, string>) => {
      const out: number[] = [];
      for (let i = 0; i < 4; i++) {
        out.push((await perUser.inject({ url: '/api/categories', headers })).statusCode);
      }
      return out;
    };
    const a = await signIn(database, await createUser(database.db));
    const b = await signIn(database, await createUser(database.db));
    // All from one address (the storefront's server), yet each user has the whole allowance.
    expect(await codes(a.headers)).toEqual([200, 200, 200, 429]);
    expect(await codes(b.headers)).toEqual([200, 200, 200, 429]);
    expect(await codes({})).toEqual([200, 200, 200, 429]);
  });

  it('serves OpenAPI 3.1 generated from the route schemas', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/api/categories', '/api/categories/{slug}']),
    );
    expect(doc.paths['/openapi.json']).toBeUndefined();
  });
});
