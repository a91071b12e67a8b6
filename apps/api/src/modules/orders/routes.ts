import {
  createOrderSchema,
  denyRefundSchema,
  idempotencyKeySchema,
  libraryListSchema,
  orderListSchema,
  orderSchema,
  problemSchema,
  promptContentSchema,
  purchaseStateSchema,
  refundListSchema,
  refundRequestSchema,
  refundSchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderService } from './service.js';

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const idParams = z.object({ id: z.uuid() });
const cursorQuery = z.object({ cursor: z.string().max(500).optional() });
const buyer = { security: [{ bearerAuth: [] }] };

/** Orders, the library and refund requests; every answer is private. */
export function orderRoutes(orders: OrderService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });

    app.post(
      '/api/orders',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...buyer,
          tags: ['orders'],
          summary:
            'Start a checkout for one or more prompts (Idempotency-Key: one order and one session per key)',
          body: createOrderSchema,
          headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }),
          response: {
            201: orderSchema,
            422: problemSchema,
            502: problemSchema,
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const order = await orders.create(
          request.account!,
          request.body.promptIds,
          request.headers['idempotency-key'] ?? null,
        );
        return reply.status(201).send(order);
      },
    );

    app.get(
      '/api/orders',
      {
        preHandler: app.requireUser,
        schema: {
          ...buyer,
          tags: ['orders'],
          summary: "The signed-in buyer's orders, newest first",
          querystring: cursorQuery,
          response: { 200: orderListSchema, ...errors },
        },
      },
      async (request) => orders.list(request.account!, request.query.cursor),
    );

    app.get(
      '/api/orders/:id',
      {
        preHandler: app.requireUser,
        schema: {
          ...buyer,
          tags: ['orders'],
          summary: 'One order (a pending one is checked with the payment provider first)',
          params: idParams,
          response: { 200: orderSchema, ...errors },
        },
      },
      async (request) => orders.get(request.account!, request.params.id),
    );

    app.post(
      '/api/orders/:id/refund-requests',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...buyer,
          tags: ['orders'],
          summary: 'Ask for a refund of some or all items, within the refund window',
          params: idParams,
          body: refundRequestSchema,
          response: { 201: refundSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await orders.requestRefund(request.account!, request.params.id, request.body)),
    );

    app.get(
      '/api/orders/:id/refunds',
      {
        preHandler: app.requireUser,
        schema: {
          ...buyer,
          tags: ['orders'],
          summary: "An order's refunds and refund requests",
          params: idParams,
          response: { 200: refundListSchema, ...errors },
        },
      },
      async (request) => ({ items: await orders.refundsOf(request.account!, request.params.id) }),
    );

    app.get(
      '/api/library',
      {
        preHandler: app.requireUser,
        schema: {
          ...buyer,
          tags: ['library'],
          summary: 'The prompts the signed-in user may use',
          querystring: cursorQuery,
          response: { 200: libraryListSchema, ...errors },
        },
      },
      async (request) => orders.library(request.account!, request.query.cursor),
    );

    app.get(
      '/api/prompts/:id/purchase-state',
      {
        preHandler: app.requireUser,
        schema: {
          ...buyer,
          tags: ['library'],
          summary: 'Whether the signed-in user owns, sells, is paying for, or may buy a prompt',
          params: idParams,
          response: { 200: purchaseStateSchema, ...errors },
        },
      },
      async (request) => orders.purchaseState(request.account!, request.params.id),
    );

    app.get(
      '/api/prompts/:id/content',
      {
        preHandler: app.requireUser,
        schema: {
          ...buyer,
          tags: ['library'],
          summary:
            'The template text of the versions the user may use (entitled buyers, the seller, admins)',
          params: idParams,
          response: { 200: promptContentSchema, ...errors },
        },
      },
      async (request) => orders.content(request.account!, request.params.id),
    );

    // Admins: refund requests and refunds.
    const admin = { security: [{ bearerAuth: [] }], tags: ['admin'] };
    app.get(
      '/api/admin/refunds',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Refunds waiting for a decision, being made, or failed',
          response: { 200: refundListSchema, ...errors },
        },
      },
      async () => ({ items: await orders.openRefunds() }),
    );

    app.post(
      '/api/admin/orders/:id/refunds',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Refund some or all items of an order now',
          params: idParams,
          body: refundRequestSchema,
          response: { 201: refundSchema, 502: problemSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await orders.adminRefund(request.account!, request.params.id, request.body)),
    );

    app.post(
      '/api/admin/refunds/:id/approve',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: "Approve a buyer's refund request: the refund is made at once",
          params: idParams,
          response: { 200: refundSchema, 502: problemSchema, ...errors },
        },
      },
      async (request) => orders.approveRefund(request.account!, request.params.id),
    );

    app.post(
      '/api/admin/refunds/:id/deny',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: "Turn a buyer's refund request down, with the reason they are sent",
          params: idParams,
          body: denyRefundSchema,
          response: { 200: refundSchema, ...errors },
        },
      },
      async (request) =>
        orders.denyRefund(request.account!, request.params.id, request.body.reason),
    );
  };
}
