import { findFreePort } from '@promptnx/db/embedded';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { resendTransport } from './resend.js';
import { startFakeResend } from './testing/index.js';
import type { OutboundMessage } from './transport.js';

const fake = await startFakeResend();
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const from = 'PromptNX <hello@promptnx.example>';
const transport = resendTransport({ apiKey: fake.apiKey, from, baseUrl: fake.url });
const message: OutboundMessage = {
  id: '00000000-0000-4000-8000-000000000001',
  to: 'ada@example.test',
  subject: 'Your PromptNX receipt PNX-1',
  text: 'Thank you.',
  html: '<p>Thank you.</p>',
  dedupeKey: 'order:receipt:PNX-1',
};

describe('resendTransport', () => {
  it('sends with the API key, the dedupe key as Idempotency-Key, and both bodies', async () => {
    const result = await transport.send(message);
    expect(result).toEqual({ ok: true, messageId: fake.delivered[0]!.id });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/emails', status: 200 });
    expect(request!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request!.headers['idempotency-key']).toBe('order:receipt:PNX-1');
    expect(request!.body).toMatchObject({
      from,
      to: 'ada@example.test',
      subject: 'Your PromptNX receipt PNX-1',
      html: '<p>Thank you.</p>',
      text: 'Thank you.',
    });
  });

  it('gets the first answer again for a repeated key, and nothing is sent twice', async () => {
    const first = await transport.send(message);
    const second = await transport.send(message);
    expect(second).toEqual(first);
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
  });

  it('reads a 429 as "slow down" with Resend’s retry-after', async () => {
    fake.failNext({ status: 429, retryAfter: 3 });
    expect(await transport.send(message)).toEqual({
      ok: false,
      retry: 'rate-limited',
      retryAfterMs: 3000,
      error: expect.stringMatching(/^resend 429 rate_limit_exceeded: /),
    });
  });

  it('retries server errors, bad credentials and no connection later', async () => {
    fake.failNext({ status: 500 });
    expect(await transport.send(message)).toMatchObject({
      ok: false,
      retry: 'later',
      error: 'resend 500 internal_server_error: An unexpected error occurred.',
    });
    const wrongKey = resendTransport({ apiKey: 're_wrong', from, baseUrl: fake.url });
    expect(await wrongKey.send(message)).toMatchObject({
      ok: false,
      retry: 'later',
      error: 'resend 403 invalid_api_key: API key is invalid',
    });
    const nowhere = resendTransport({
      apiKey: fake.apiKey,
      from,
      baseUrl: `http://127.0.0.1:${await findFreePort()}`,
    });
    expect(await nowhere.send(message)).toMatchObject({
      ok: false,
      retry: 'later',
      error: expect.stringMatching(/^resend unreachable application_error: /),
    });
    expect(fake.delivered).toEqual([]);
  });

  it('gives up waiting after the timeout; the retry sends nothing twice', async () => {
    const impatient = resendTransport({
      apiKey: fake.apiKey,
      from,
      baseUrl: fake.url,
      timeoutMs: 200,
    });
    const release = fake.holdAnswers();
    try {
      expect(await impatient.send(message)).toEqual({
        ok: false,
        retry: 'later',
        error: 'resend timed out after 200 ms',
      });
    } finally {
      release();
    }
    expect(await impatient.send(message)).toEqual({ ok: true, messageId: fake.delivered[0]!.id });
    expect(fake.delivered).toHaveLength(1);
  });

  it('never retries a message Resend refuses (bad address, same key with another body)', async () => {
    expect(await transport.send({ ...message, to: 'not an address' })).toMatchObject({
      ok: false,
      retry: 'never',
      error: 'resend 422 validation_error: Invalid `to` field.',
    });
    await transport.send(message);
    expect(await transport.send({ ...message, subject: 'Something else' })).toMatchObject({
      ok: false,
      retry: 'never',
      error: expect.stringMatching(/^resend 409 invalid_idempotent_request: /),
    });
    expect(fake.delivered).toHaveLength(1);
  });
});
