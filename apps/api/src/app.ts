import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { type DbClient, defaultStorageRoot } from '@promptnx/db';
import { createEmbeddedPayments, createStripePayments } from '@promptnx/payments';
import { createMeilisearchEngine } from '@promptnx/search';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Env } from './env.js';
import { browserOrigins } from './lib/origins.js';
import { adminGuardPlugin } from './modules/admin/moderation-guard.js';
import { moderationRoutes } from './modules/admin/moderation-routes.js';
import { adminRoutes } from './modules/admin/routes.js';
import { embeddedAuthRoutes } from './modules/auth/routes.js';
import { createAuthService } from './modules/auth/service.js';
import { createTokenVerifier } from './modules/auth/tokens.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { createCatalogService } from './modules/catalog/service.js';
import { chatRoutes } from './modules/chat/routes.js';
import { createChatService } from './modules/chat/service.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { createDashboardService } from './modules/dashboard/service.js';
import { devRoutes } from './modules/dev/routes.js';
import { createPromptModeration } from './modules/editor/moderation.js';
import { editorRoutes, promptModerationRoutes } from './modules/editor/routes.js';
import { createEditorService } from './modules/editor/service.js';
import { favoriteRoutes } from './modules/favorites/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { createNotificationService } from './modules/notifications/service.js';
import { orderRoutes } from './modules/orders/routes.js';
import { createOrderService } from './modules/orders/service.js';
import { stripeWebhookRoutes, testCheckoutRoutes } from './modules/orders/webhook-routes.js';
import {
  type ConnectPayments,
  createEmbeddedConnect,
  createStripeClient,
  createStripeConnect,
} from './modules/payments/connect.js';
import { payoutRoutes } from './modules/payouts/routes.js';
import { createPayoutService } from './modules/payouts/service.js';
import { profileRoutes } from './modules/profiles/routes.js';
import { createProfileService } from './modules/profiles/service.js';
import { createRealtimeHub } from './modules/realtime/hub.js';
import { realtimeRoutes } from './modules/realtime/routes.js';
import { reviewRoutes } from './modules/reviews/routes.js';
import { createReviewService } from './modules/reviews/service.js';
import { sellerRoutes } from './modules/sellers/routes.js';
import { createSellerService } from './modules/sellers/service.js';
import { LocalStorage, type Storage } from './modules/storage/local-storage.js';
import { fileRoutes } from './modules/storage/routes.js';
import { SupabaseStorage } from './modules/storage/supabase-storage.js';
import { authenticatePlugin } from './plugins/authenticate.js';
import { databasePlugin } from './plugins/database.js';
import { errorHandlerPlugin } from './plugins/errors.js';
import { openapiPlugin } from './plugins/openapi.js';

export interface BuildAppOptions {
  env: Env;
  /** Share an existing database client (tests); otherwise one is opened from env. */
  database?: DbClient;
  logger?: FastifyServerOptions['logger'];
  /** Replace the payments adapter (tests). */
  connect?: ConnectPayments;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Builds the API: external plugins, then app plugins, then the domain modules. */
export async function buildApp({ env, database, logger, connect }: BuildAppOptions) {
  const app = Fastify({
    logger: logger ?? {
      level: env.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // Keep a caller's request id when it looks like one, so logs line up across services.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: env.NODE_ENV === 'production',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandlerPlugin);
  await app.register(helmet, { global: true });
  const production = env.NODE_ENV === 'production';
  await app.register(cors, {
    origin: browserOrigins(env.CORS_ORIGINS, production),
    credentials: true,
    exposedHeaders: ['x-request-id'],
  });
  await app.register(rateLimit, {
    max: env.RATE_LIMIT_MAX,
    timeWindow: '1 minute',
    // Per signed-in user, else per address: the storefront calls the API from its server for
    // every visitor, so per address alone made all signed-in visitors share one allowance.
    // Authentication (an app-wide onRequest hook) has verified the token before this
    // route-level hook runs; a bad token never gets here. Anonymous storefront visitors
    // still share the storefront server's address.
    keyGenerator: (request) =>
      request.token?.sub ? `user:${request.token.sub}` : `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `rate limit of ${context.max} requests per ${context.after} exceeded; retry later`,
    }),
  });
  await app.register(openapiPlugin, { publicUrl: env.API_PUBLIC_URL });
  await app.register(databasePlugin, {
    url: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    prepare: env.DATABASE_PREPARE,
    client: database,
  });

  // Embedded mode issues and checks its own tokens; Supabase mode checks Supabase's.
  const authIssuer =
    env.AUTH_MODE === 'embedded' ? `${env.API_PUBLIC_URL}/auth/v1` : `${env.SUPABASE_URL}/auth/v1`;
  const verify = createTokenVerifier({
    jwtSecret: env.AUTH_JWT_SECRET,
    jwksUrl:
      env.AUTH_MODE === 'supabase'
        ? `${env.SUPABASE_URL}/auth/v1/.well-known/jwks.json`
        : undefined,
    audience: 'authenticated',
    issuer: authIssuer,
  });
  await app.register(authenticatePlugin, { verify });
  // Every /api/admin/* route registered from here on is for admins, checked before validation.
  await app.register(adminGuardPlugin);

  // Local disk (served by /files/*) or Supabase Storage; env.ts refuses a half-configured mode.
  const localStorage =
    env.STORAGE_MODE === 'local'
      ? new LocalStorage(
          env.PROMPTNX_STORAGE_DIR ? path.resolve(env.PROMPTNX_STORAGE_DIR) : defaultStorageRoot,
          env.STORAGE_SIGNING_SECRET,
          env.API_PUBLIC_URL,
        )
      : undefined;
  const storage: Storage =
    localStorage ??
    new SupabaseStorage({
      url: env.SUPABASE_URL!,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY!,
      bucket: env.STORAGE_BUCKET,
    });
  const payments =
    connect ??
    (env.PAYMENTS_MODE === 'stripe' && env.STRIPE_SECRET_KEY
      ? createStripeConnect(createStripeClient(env.STRIPE_SECRET_KEY, env.STRIPE_API_BASE))
      : createEmbeddedConnect());
  const db = app.database.db;

  await app.register(healthRoutes);
  // Postgres full-text search unless Meilisearch is configured (env.ts refuses half of it).
  const searchEngine =
    env.SEARCH_ENGINE === 'meilisearch' && env.MEILISEARCH_HOST
      ? createMeilisearchEngine({
          host: env.MEILISEARCH_HOST,
          apiKey: env.MEILISEARCH_API_KEY,
          indexUid: env.MEILISEARCH_INDEX,
        })
      : undefined;
  const catalog = createCatalogService(db, storage, { engine: searchEngine });
  await app.register(catalogRoutes(catalog));
  await app.register(favoriteRoutes(db, catalog));
  if (localStorage) await app.register(fileRoutes(localStorage));
  await app.register(profileRoutes(createProfileService(db, storage)));
  await app.register(notificationRoutes(createNotificationService(db)));
  await app.register(reviewRoutes(createReviewService(db, storage)));
  await app.register(sellerRoutes(createSellerService(db, payments, env.AUTH_SITE_URL)));
  await app.register(adminRoutes(db));
  // Orders: Stripe Checkout, or the embedded test checkout; one webhook path for both.
  const stripe =
    env.PAYMENTS_MODE === 'stripe' && env.STRIPE_SECRET_KEY
      ? createStripeClient(env.STRIPE_SECRET_KEY, env.STRIPE_API_BASE)
      : undefined;
  const checkout = stripe
    ? createStripePayments(stripe)
    : createEmbeddedPayments(db, { publicUrl: env.API_PUBLIC_URL });
  const money = {
    db,
    rules: {
      feeBps: env.PLATFORM_FEE_BPS,
      holdSeconds: env.EARNINGS_HOLD_SECONDS,
      refundWindowDays: env.REFUND_WINDOW_DAYS,
    },
    urls: { web: env.AUTH_SITE_URL },
  };
  await app.register(orderRoutes(createOrderService({ ...money, provider: checkout, storage })));
  await app.register(stripeWebhookRoutes({ ...money, webhookSecret: env.STRIPE_WEBHOOK_SECRET }));
  // Seller money, read-only: the dashboard, payouts and the view counter (decision 0017).
  const payoutDisplay = {
    payout: {
      minimumAmount: env.PAYOUT_MINIMUM,
      intervalSeconds: env.PAYOUT_INTERVAL_SECONDS,
    },
    holdSeconds: env.EARNINGS_HOLD_SECONDS,
  };
  await app.register(payoutRoutes(createPayoutService(db, payoutDisplay)));
  await app.register(dashboardRoutes(createDashboardService({ db, rules: payoutDisplay })));
  if (checkout.mode === 'embedded') {
    await app.register(
      testCheckoutRoutes({
        db,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        webOrigin: new URL(env.AUTH_SITE_URL).origin,
      }),
    );
  }
  const editor = createEditorService(db, storage);
  await app.register(editorRoutes(editor));
  const promptModeration = createPromptModeration(db);
  await app.register(promptModerationRoutes(editor, promptModeration));
  await app.register(moderationRoutes({ db, editor, prompts: promptModeration }));
  // Chat, and the realtime socket that pushes messages and notifications (decision 0020).
  const chat = createChatService({ db, storage });
  await app.register(chatRoutes(chat));
  await app.register(
    realtimeRoutes({
      hub: createRealtimeHub({
        db,
        databaseUrl: env.DATABASE_URL,
        log: app.log,
        threadAccess: (account, threadId) => chat.assertCanRead(account, threadId),
      }),
      verify,
      allowedOrigins: browserOrigins(
        [...env.CORS_ORIGINS, env.AUTH_SITE_URL, env.API_PUBLIC_URL],
        production,
      ),
      publicUrl: env.API_PUBLIC_URL,
    }),
  );
  if (env.AUTH_MODE === 'embedded') {
    await app.register(embeddedAuthRoutes, {
      prefix: '/auth/v1',
      service: createAuthService(app.database.sql, {
        // Always set in embedded mode (env.ts falls back to the development secret).
        jwtSecret: env.AUTH_JWT_SECRET!,
        issuer: authIssuer,
        accessTokenTtl: env.AUTH_ACCESS_TOKEN_TTL,
        confirmEmail: env.AUTH_CONFIRM_EMAIL,
        siteUrl: env.AUTH_SITE_URL,
      }),
      verify,
      rateLimitMax: env.AUTH_RATE_LIMIT_MAX,
      confirmEmail: env.AUTH_CONFIRM_EMAIL,
    });
  }
  if (env.NODE_ENV !== 'production') await app.register(devRoutes(db));

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
