import type { Database } from '@promptnx/db';
import {
  findEmbeddedSession,
  handleStripeEvent,
  payEmbeddedSession,
  verifyStripeEvent,
  type WebhookDeps,
  WebhookSignatureError,
} from '@promptnx/payments';
import { formatMoney, problemSchema } from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';

/**
 * POST /api/webhooks/stripe: the raw body, the signature checked with Stripe's
 * tolerance, then exactly-once handling by event id. A bad signature is a 400
 * that changes nothing; a failure while handling is a 500, so Stripe retries.
 */
export function stripeWebhookRoutes(
  deps: WebhookDeps & { webhookSecret: string },
): FastifyPluginAsyncZod {
  return async (app) => {
    // The signature covers the exact bytes: keep them, parse nothing.
    app.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    app.post(
      '/api/webhooks/stripe',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['webhooks'],
          summary: 'Stripe events (signature checked; each event handled once)',
          response: {
            200: z.object({ received: z.literal(true), outcome: z.string() }),
            400: problemSchema,
          },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers['stripe-signature'];
        let event: ReturnType<typeof verifyStripeEvent>;
        try {
          event = verifyStripeEvent(
            raw,
            typeof signature === 'string' ? signature : undefined,
            deps.webhookSecret,
          );
        } catch (error) {
          if (error instanceof WebhookSignatureError) {
            throw new AppError(
              'BAD_REQUEST',
              `the Stripe signature does not hold: ${error.message}`,
            );
          }
          throw error;
        }
        const outcome = await handleStripeEvent(deps, event);
        request.log.info({ eventId: event.id, type: event.type, outcome }, 'stripe event');
        return { received: true as const, outcome };
      },
    );
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Embedded mode's stand-in for Stripe Checkout: a page that shows the order
 * and a Pay button. Paying marks the session paid and delivers a signed
 * `checkout.session.completed` event to the real webhook endpoint; the order
 * is fulfilled there, exactly as with Stripe.
 */
export function testCheckoutRoutes(options: {
  db: Database;
  webhookSecret: string;
  webOrigin: string;
}): FastifyPluginAsyncZod {
  return async (app) => {
    const params = z.object({ id: z.string().regex(/^cs_test_[A-Za-z0-9]+$/) });
    // The Pay button posts an empty form; nothing in it is read.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, {}),
    );
    const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${options.webOrigin}; base-uri 'none'; frame-ancestors 'none'`;

    app.get('/test-checkout/:id', { schema: { hide: true, params } }, async (request, reply) => {
      const found = await findEmbeddedSession(options.db, request.params.id);
      if (!found) throw new AppError('NOT_FOUND', 'this checkout session does not exist');
      const { session, items } = found;
      const list = (typeof items === 'string' ? JSON.parse(items) : items) as {
        title: string;
        amount: number;
      }[];
      const total = formatMoney({ amount: session.amount, currency: session.currency });
      const open = session.status === 'open' && session.expiresAt.getTime() > Date.now();
      const rows = list
        .map(
          (i) =>
            `<tr><td>${escapeHtml(i.title)}</td><td class="amount">${escapeHtml(formatMoney({ amount: i.amount, currency: session.currency }))}</td></tr>`,
        )
        .join('');
      const body = open
        ? `<form method="post" action="/test-checkout/${session.id}/pay"><button type="submit" data-testid="pay">Pay ${escapeHtml(total)}</button></form>
             <p><a href="${escapeHtml(session.cancelUrl)}">Cancel and go back</a></p>`
        : session.status === 'complete'
          ? `<p>This session is paid.</p><p><a href="${escapeHtml(session.successUrl)}">Continue</a></p>`
          : `<p>This session has expired.</p><p><a href="${escapeHtml(session.cancelUrl)}">Go back</a></p>`;
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', csp);
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Test checkout · PromptNX</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}table{width:100%;border-collapse:collapse;margin:1rem 0}td{padding:.5rem 0;border-bottom:1px solid #ddd}.amount{text-align:right}.total td{font-weight:700;border:0}.note{background:#fff7e0;border:1px solid #f0d48a;padding:.75rem;border-radius:6px;font-size:.9rem}button{background:#4338ca;color:#fff;border:0;border-radius:6px;padding:.75rem 1.25rem;font-size:1rem;cursor:pointer}</style></head>
<body><h1>Test checkout</h1><p class="note">Embedded mode: no card is charged. Paying sends the same signed event Stripe would send to PromptNX’s webhook.</p>
<table>${rows}<tr class="total"><td>Total</td><td class="amount" data-testid="total">${escapeHtml(total)}</td></tr></table>${body}</body></html>`;
    });

    app.post(
      '/test-checkout/:id/pay',
      { schema: { hide: true, params } },
      async (request, reply) => {
        const paid = await payEmbeddedSession(options.db, request.params.id, {
          webhookSecret: options.webhookSecret,
        });
        if (!paid)
          throw new AppError(
            'CONFLICT',
            'this checkout session cannot be paid (expired or unknown)',
          );
        // Delivered to the webhook endpoint itself, through the whole HTTP pipeline.
        const delivery = await app.inject({
          method: 'POST',
          url: '/api/webhooks/stripe',
          headers: { 'content-type': 'application/json', 'stripe-signature': paid.signature },
          payload: paid.payload,
        });
        if (delivery.statusCode !== 200) {
          // The reconciliation job finds the paid session and fulfils the order.
          request.log.warn(
            { status: delivery.statusCode },
            'test checkout webhook delivery failed',
          );
        }
        return reply.redirect(paid.successUrl, 303);
      },
    );
  };
}
