import {
  createPromptReportSchema,
  createReviewReportSchema,
  myReviewSchema,
  ownReviewSchema,
  problemSchema,
  replySchema,
  reportSchema,
  reviewListQuerySchema,
  reviewListSchema,
  reviewSchema,
  saveReviewSchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewService } from './service.js';

const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';
const PRIVATE = 'private, no-store';

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
};
const idParams = z.object({ id: z.uuid() });
const signedIn = { security: [{ bearerAuth: [] }] };

/** Reviews of prompts, sellers' replies, reports of reviews and prompts (decision 0018). */
export function reviewRoutes(reviews: ReviewService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/prompts/:id/reviews',
      {
        schema: {
          tags: ['reviews'],
          summary:
            "A prompt's published reviews (sort, cursor) with the rating summary; never template text",
          params: idParams,
          querystring: reviewListQuerySchema,
          response: { 200: reviewListSchema, ...errors },
        },
      },
      async (request, reply) => {
        const list = await reviews.list(request.claims, request.params.id, request.query);
        // Anonymous answers are the same for everyone; a signed-in one carries the viewer's flags.
        reply.header('cache-control', request.token ? PRIVATE : PUBLIC_CACHE);
        reply.header('vary', 'authorization');
        return list;
      },
    );

    app.get(
      '/api/prompts/:id/reviews/mine',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          tags: ['reviews'],
          summary:
            "The signed-in user's own review of a prompt in any status, and whether they may write one",
          params: idParams,
          response: { 200: myReviewSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', PRIVATE);
        return reviews.mine(request.account!, request.params.id);
      },
    );

    app.post(
      '/api/prompts/:id/reviews',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...signedIn,
          tags: ['reviews'],
          summary:
            'Review a prompt you own (201), or edit your review (200): it waits for the moderator again',
          params: idParams,
          body: saveReviewSchema,
          response: { 200: ownReviewSchema, 201: ownReviewSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { review, created } = await reviews.save(
          request.account!,
          request.params.id,
          request.body,
        );
        return reply
          .status(created ? 201 : 200)
          .header('cache-control', PRIVATE)
          .send(review);
      },
    );

    app.delete(
      '/api/reviews/:id',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...signedIn,
          tags: ['reviews'],
          summary: 'Delete your own review (and its earlier texts)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await reviews.remove(request.account!, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/reviews/:id/reply',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...signedIn,
          tags: ['reviews'],
          summary:
            'Reply to a published review of your prompt, once (409 the second time); the buyer is notified',
          params: idParams,
          body: replySchema,
          response: { 201: reviewSchema, ...errors },
        },
      },
      async (request, reply) => {
        const review = await reviews.reply(request.account!, request.params.id, request.body.body);
        return reply.status(201).header('cache-control', PRIVATE).send(review);
      },
    );

    app.post(
      '/api/reviews/:id/reports',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...signedIn,
          tags: ['reviews'],
          summary: 'Report a review (201); reporting it again returns your first report (200)',
          params: idParams,
          body: createReviewReportSchema,
          response: { 200: reportSchema, 201: reportSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { report, created } = await reviews.reportReview(
          request.account!,
          request.params.id,
          request.body,
        );
        return reply
          .status(created ? 201 : 200)
          .header('cache-control', PRIVATE)
          .send(report);
      },
    );

    app.post(
      '/api/prompts/:id/reports',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...signedIn,
          tags: ['reviews'],
          summary: 'Report a prompt (201); reporting it again returns your first report (200)',
          params: idParams,
          body: createPromptReportSchema,
          response: { 200: reportSchema, 201: reportSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { report, created } = await reviews.reportPrompt(
          request.account!,
          request.params.id,
          request.body,
        );
        return reply
          .status(created ? 201 : 200)
          .header('cache-control', PRIVATE)
          .send(report);
      },
    );
  };
}
