import type { Database } from '@promptnx/db';
import {
  adminOptionalReasonSchema,
  adminOverviewSchema,
  adminPromptBulkSchema,
  adminPromptDetailSchema,
  adminPromptQueueQuerySchema,
  adminPromptQueueSchema,
  adminReasonSchema,
  adminReportSchema,
  adminReviewBulkSchema,
  adminReviewDetailSchema,
  adminReviewListSchema,
  adminReviewQueueQuerySchema,
  adminUserDetailSchema,
  auditLogQuerySchema,
  auditLogSchema,
  bulkResultSchema,
  problemSchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { createPromptModeration } from '../editor/moderation.js';
import type { EditorService } from '../editor/service.js';
import { listAuditLog } from './moderation-audit.js';
import { runBulk } from './moderation-bulk.js';
import type { Actor } from './moderation-common.js';
import {
  dismissPromptReports,
  hidePrompt,
  listPromptQueue,
  promptDetail,
  restorePrompt,
} from './moderation-prompts.js';
import { decideReport, type ReportDecision, type ReportKind } from './moderation-reports.js';
import { decideReview, listReviewQueue, reviewDetail } from './moderation-reviews.js';
import { overview, reinstateUser, suspendUser, userDetail } from './moderation-users.js';

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const idParams = z.object({ id: z.uuid() });
const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
/** A body that may be left out, or carry an optional reason. */
const optionalReason = adminOptionalReasonSchema.nullish();

export interface ModerationDeps {
  db: Database;
  editor: EditorService;
  prompts: ReturnType<typeof createPromptModeration>;
}

/**
 * The moderation console's API (decision 0019): queues with their context,
 * decisions (one transaction each, audited, the affected user notified),
 * bulk actions, suspensions and the audit log. Admins only: requireAdmin
 * runs here and again, before validation, from the admin guard.
 */
export function moderationRoutes({ db, editor, prompts }: ModerationDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      // People's records, reports and templates: never cached anywhere.
      reply.header('cache-control', 'private, no-store');
    });
    const actorOf = (request: { account: { id: string } | null; ip: string }): Actor => ({
      id: request.account!.id,
      ip: request.ip || null,
    });

    app.get(
      '/api/admin/overview',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'How much waits in each moderation queue',
          response: { 200: adminOverviewSchema, ...errors },
        },
      },
      async () => overview(db),
    );

    // ── Reviews ────────────────────────────────────────────────────────────

    app.get(
      '/api/admin/reviews',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Reviews waiting for a decision, reported ones, or all, with filters',
          querystring: adminReviewQueueQuerySchema,
          response: { 200: adminReviewListSchema, ...errors },
        },
      },
      async (request) => listReviewQueue(db, request.query),
    );

    app.get(
      '/api/admin/reviews/:id',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: "A review with its purchase, both people's records, reports and decisions",
          params: idParams,
          response: { 200: adminReviewDetailSchema, ...errors },
        },
      },
      async (request) => reviewDetail(db, request.params.id),
    );

    const reviewDecisions = [
      ['approve', 'Publish a pending review', optionalReason],
      ['reject', 'Reject a pending review, with the reason the buyer is told', adminReasonSchema],
      [
        'hide',
        'Hide a published review (its reports are resolved), with the reason',
        adminReasonSchema,
      ],
      ['restore', 'Publish a hidden or rejected review again', optionalReason],
      ['dismiss-reports', 'Keep a reported review: dismiss its open reports', optionalReason],
    ] as const;
    for (const [path, summary, body] of reviewDecisions) {
      app.post(
        `/api/admin/reviews/:id/${path}`,
        {
          preHandler: app.requireAdmin,
          schema: {
            ...admin,
            summary,
            params: idParams,
            body,
            response: { 200: adminReviewDetailSchema, ...errors },
          },
        },
        async (request) => {
          const action = path === 'dismiss-reports' ? 'dismiss_reports' : path;
          await decideReview(db, actorOf(request), request.params.id, action, request.body?.reason);
          return reviewDetail(db, request.params.id);
        },
      );
    }

    app.post(
      '/api/admin/reviews/bulk',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary:
            'One decision for up to 100 reviews; each is its own transaction, audited, with its own result',
          body: adminReviewBulkSchema,
          response: { 200: bulkResultSchema, ...errors },
        },
      },
      async (request) => {
        const { action, ids, reason } = request.body;
        const actor = actorOf(request);
        return runBulk(request.log, ids, (id) => decideReview(db, actor, id, action, reason));
      },
    );

    // ── Prompts ────────────────────────────────────────────────────────────

    app.get(
      '/api/admin/prompts',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary:
            'Prompts waiting for review (with near-duplicate flags), reported, hidden, or all; no templates',
          querystring: adminPromptQueueQuerySchema,
          response: { 200: adminPromptQueueSchema, ...errors },
        },
      },
      async (request) => listPromptQueue(db, request.query),
    );

    app.get(
      '/api/admin/prompts/:id',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary:
            'A prompt with every version and template, its flags, reports, seller record and decisions',
          params: idParams,
          response: { 200: adminPromptDetailSchema, ...errors },
        },
      },
      async (request) => promptDetail(db, request.params.id, editor.readAsSystem),
    );

    app.post(
      '/api/admin/prompts/:id/hide',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Take a published prompt out of the catalog and search at once, with a reason',
          params: idParams,
          body: adminReasonSchema,
          response: { 200: adminPromptDetailSchema, ...errors },
        },
      },
      async (request) => {
        await hidePrompt(db, actorOf(request), request.params.id, request.body.reason);
        return promptDetail(db, request.params.id, editor.readAsSystem);
      },
    );

    app.post(
      '/api/admin/prompts/:id/restore',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Put a prompt a moderator hid back in the catalog',
          params: idParams,
          body: optionalReason,
          response: { 200: adminPromptDetailSchema, ...errors },
        },
      },
      async (request) => {
        await restorePrompt(db, actorOf(request), request.params.id, request.body?.reason);
        return promptDetail(db, request.params.id, editor.readAsSystem);
      },
    );

    app.post(
      '/api/admin/prompts/:id/dismiss-reports',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Keep a reported prompt: dismiss its open reports',
          params: idParams,
          body: optionalReason,
          response: { 200: adminPromptDetailSchema, ...errors },
        },
      },
      async (request) => {
        await dismissPromptReports(db, actorOf(request), request.params.id, request.body?.reason);
        return promptDetail(db, request.params.id, editor.readAsSystem);
      },
    );

    app.post(
      '/api/admin/prompts/bulk',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary:
            'One decision for up to 100 prompts; each is its own transaction, audited, with its own result',
          body: adminPromptBulkSchema,
          response: { 200: bulkResultSchema, ...errors },
        },
      },
      async (request) => {
        const { action, ids, reason } = request.body;
        const actor = actorOf(request);
        const account = request.account!;
        return runBulk(request.log, ids, async (id) => {
          switch (action) {
            case 'approve':
              return prompts.approve(account, id, actor.ip);
            case 'reject':
              return prompts.reject(account, id, reason!, actor.ip);
            case 'hide':
              return hidePrompt(db, actor, id, reason!);
            case 'restore':
              return restorePrompt(db, actor, id, reason);
            case 'dismiss_reports':
              return dismissPromptReports(db, actor, id, reason);
          }
        });
      },
    );

    // ── Reports ────────────────────────────────────────────────────────────

    for (const kind of ['review', 'prompt'] as ReportKind[]) {
      for (const decision of ['resolve', 'dismiss'] as ReportDecision[]) {
        app.post(
          `/api/admin/${kind}-reports/:id/${decision}`,
          {
            preHandler: app.requireAdmin,
            schema: {
              ...admin,
              summary: `${decision === 'resolve' ? 'Resolve' : 'Dismiss'} one report of a ${kind}`,
              params: idParams,
              body: optionalReason,
              response: { 200: adminReportSchema, ...errors },
            },
          },
          async (request) =>
            decideReport(
              db,
              actorOf(request),
              kind,
              request.params.id,
              decision,
              request.body?.reason,
            ),
        );
      }
    }

    // ── Audit log and users ────────────────────────────────────────────────

    app.get(
      '/api/admin/audit-log',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Every decision, newest first: who, when, what, before and after',
          querystring: auditLogQuerySchema,
          response: { 200: auditLogSchema, ...errors },
        },
      },
      async (request) => listAuditLog(db, request.query),
    );

    app.get(
      '/api/admin/users/:id',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: "A user's account, record and the decisions about it",
          params: idParams,
          response: { 200: adminUserDetailSchema, ...errors },
        },
      },
      async (request) => userDetail(db, request.params.id),
    );

    app.post(
      '/api/admin/users/:id/suspend',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary:
            'Suspend an account with a reason: no writes, and its prompts leave the catalog and search',
          params: idParams,
          body: adminReasonSchema,
          response: { 200: adminUserDetailSchema, ...errors },
        },
      },
      async (request) => suspendUser(db, actorOf(request), request.params.id, request.body.reason),
    );

    app.post(
      '/api/admin/users/:id/reinstate',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Lift a suspension with a reason; the prompts it hid come back',
          params: idParams,
          body: adminReasonSchema,
          response: { 200: adminUserDetailSchema, ...errors },
        },
      },
      async (request) =>
        reinstateUser(db, actorOf(request), request.params.id, request.body.reason),
    );
  };
}
