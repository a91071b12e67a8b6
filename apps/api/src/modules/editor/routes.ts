import {
  ASSET_MAX_BYTES,
  createPromptSchema,
  createVersionSchema,
  editorAssetSchema,
  editorPromptSchema,
  problemSchema,
  rejectPromptSchema,
  sellerPromptListSchema,
  updateAssetSchema,
  updatePromptSchema,
  updateVersionSchema,
  uploadAssetQuerySchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { createPromptModeration } from './moderation.js';
import { flagNearDuplicates } from './moderation.js';
import type { EditorService } from './service.js';

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const promptParams = z.object({ id: z.uuid() });
const versionParams = promptParams.extend({ versionId: z.uuid() });
const assetParams = promptParams.extend({ assetId: z.uuid() });
const seller = { tags: ['editor'], security: [{ bearerAuth: [] }] };

/** The seller's prompt editor: drafts, versions, example outputs, submission. */
export function editorRoutes(editor: EditorService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      // Template text travels in these answers: never store them anywhere.
      reply.header('cache-control', 'private, no-store');
    });

    app.get(
      '/api/me/prompts',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: "The seller's own prompts in every status",
          response: { 200: sellerPromptListSchema, ...errors },
        },
      },
      async (request) => ({ items: await editor.mine(request.account!) }),
    );

    app.post(
      '/api/prompts',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Create a draft prompt',
          body: createPromptSchema,
          response: { 201: editorPromptSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await editor.create(request.account!, request.body)),
    );

    app.get(
      '/api/prompts/:id/edit',
      {
        preHandler: app.requireUser,
        schema: {
          ...seller,
          summary: 'A prompt with every version and its template (its seller and admins)',
          params: promptParams,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request) => editor.get(request.account!, request.params.id),
    );

    app.patch(
      '/api/prompts/:id',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Edit the listing: title, description, category, model, tags, price',
          params: promptParams,
          body: updatePromptSchema,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request) => editor.update(request.account!, request.params.id, request.body),
    );

    app.delete(
      '/api/prompts/:id',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Delete a draft prompt',
          params: promptParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await editor.remove(request.account!, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/prompts/:id/versions',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Add a draft version (template, variables, instructions, parameters, changelog)',
          params: promptParams,
          body: createVersionSchema,
          response: { 201: editorPromptSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await editor.addVersion(request.account!, request.params.id, request.body)),
    );

    app.patch(
      '/api/prompts/:id/versions/:versionId',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Edit a draft version (a published version never changes)',
          params: versionParams,
          body: updateVersionSchema,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request) =>
        editor.updateVersion(
          request.account!,
          request.params.id,
          request.params.versionId,
          request.body,
        ),
    );

    app.delete(
      '/api/prompts/:id/versions/:versionId',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Delete a draft version',
          params: versionParams,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request) =>
        editor.removeVersion(request.account!, request.params.id, request.params.versionId),
    );

    // The image arrives as the raw request body; its bytes decide what it is.
    app.register(async (scope) => {
      const upload = scope.withTypeProvider<ZodTypeProvider>();
      upload.addContentTypeParser(
        ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'],
        { parseAs: 'buffer', bodyLimit: ASSET_MAX_BYTES },
        (_request, body, done) => done(null, body),
      );
      upload.post(
        '/api/prompts/:id/assets',
        {
          preHandler: app.requireSeller,
          bodyLimit: ASSET_MAX_BYTES,
          schema: {
            ...seller,
            summary:
              'Upload an example output (PNG, JPEG or WebP by its bytes; up to 10 MB, 40 MP, 8192 px a side)',
            params: promptParams,
            querystring: uploadAssetQuerySchema,
            response: {
              201: editorAssetSchema,
              413: problemSchema,
              415: problemSchema,
              ...errors,
            },
          },
        },
        async (request, reply) => {
          const body = request.body;
          const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
          const asset = await editor.uploadAsset(
            request.account!,
            request.params.id,
            bytes,
            request.query,
          );
          return reply.status(201).send(asset);
        },
      );
    });

    app.patch(
      '/api/prompts/:id/assets/:assetId',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Edit an example output: alt text, position, the version it shows',
          params: assetParams,
          body: updateAssetSchema,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request) =>
        editor.updateAsset(
          request.account!,
          request.params.id,
          request.params.assetId,
          request.body,
        ),
    );

    app.delete(
      '/api/prompts/:id/assets/:assetId',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Delete an example output and its files',
          params: assetParams,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request) =>
        editor.removeAsset(request.account!, request.params.id, request.params.assetId),
    );

    app.post(
      '/api/prompts/:id/submit',
      {
        preHandler: app.requireSeller,
        schema: {
          ...seller,
          summary: 'Send the draft versions to the moderator',
          params: promptParams,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request) => editor.submit(request.account!, request.params.id, flagNearDuplicates),
    );
  };
}

/** Admin decisions on submitted prompts (the moderation console builds on these). */
export function promptModerationRoutes(
  editor: EditorService,
  moderation: ReturnType<typeof createPromptModeration>,
): FastifyPluginAsyncZod {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    // The queues (GET /api/admin/prompts and the item view) are the admin
    // module's (modules/admin/moderation-routes.ts).
    app.post(
      '/api/admin/prompts/:id/approve',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Publish every version waiting for review (and the prompt, when new)',
          params: promptParams,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request, reply) => {
        await moderation.approve(request.account!, request.params.id, request.ip);
        reply.header('cache-control', 'private, no-store');
        return editor.readAsSystem(request.params.id);
      },
    );

    app.post(
      '/api/admin/prompts/:id/reject',
      {
        preHandler: app.requireAdmin,
        schema: {
          ...admin,
          summary: 'Send the versions waiting for review back to the seller, with a reason',
          params: promptParams,
          body: rejectPromptSchema,
          response: { 200: editorPromptSchema, ...errors },
        },
      },
      async (request, reply) => {
        await moderation.reject(
          request.account!,
          request.params.id,
          request.body.reason,
          request.ip,
        );
        reply.header('cache-control', 'private, no-store');
        return editor.readAsSystem(request.params.id);
      },
    );
  };
}
