import {
  type AdminOverview,
  type AdminPromptBulk,
  type AdminPromptDetail,
  type AdminPromptQueue,
  type AdminPromptQueueQuery,
  type AdminReport,
  type AdminReviewBulk,
  type AdminReviewDetail,
  type AdminReviewList,
  type AdminReviewQueueQuery,
  type AdminUser,
  type AdminUserDetail,
  type AdminUserQuery,
  type AuditLog,
  type AuditLogQuery,
  type AuthUser,
  adminOverviewSchema,
  adminPromptDetailSchema,
  adminPromptQueueSchema,
  adminReportSchema,
  adminReviewDetailSchema,
  adminReviewListSchema,
  adminUserDetailSchema,
  adminUserListSchema,
  auditLogSchema,
  authErrorSchema,
  authUserSchema,
  type BulkResult,
  bulkResultSchema,
  type CategoryWithCount,
  type CreateOrder,
  type CreatePrompt,
  type CreatePromptReport,
  type CreateReviewReport,
  type CreateVersion,
  categoryCountListSchema,
  type DashboardQuery,
  type EditorAsset,
  type EditorPrompt,
  editorAssetSchema,
  editorPromptSchema,
  type Health,
  healthSchema,
  type LibraryList,
  libraryListSchema,
  type MailboxMessage,
  type Me,
  type ModerationQueueItem,
  type MyReview,
  mailboxSchema,
  meSchema,
  moderationQueueSchema,
  myReviewSchema,
  type Notification,
  type NotificationList,
  type NotificationListQuery,
  type NotificationPreferences,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationSchema,
  type Onboarding,
  type Order,
  type OrderList,
  type OwnReview,
  onboardingSchema,
  orderListSchema,
  orderSchema,
  ownReviewSchema,
  type PayoutList,
  type PayoutListQuery,
  type Problem,
  type PromptContent,
  type PromptDetail,
  type PromptList,
  type PromptListQuery,
  type PromptViewResult,
  type PurchaseState,
  payoutListSchema,
  problemSchema,
  promptContentSchema,
  promptDetailSchema,
  promptListSchema,
  promptViewResultSchema,
  purchaseStateSchema,
  type Readiness,
  type Refund,
  type RefundRequest,
  type Report,
  type Review,
  type ReviewList,
  type ReviewListQuery,
  readAllResultSchema,
  readinessSchema,
  refundListSchema,
  refundSchema,
  reportSchema,
  reviewListSchema,
  reviewSchema,
  type SaveReview,
  type SellerDashboard,
  type SellerPromptSummary,
  type SellerPublic,
  type Session,
  sellerDashboardSchema,
  sellerPromptListSchema,
  sellerPublicSchema,
  sessionSchema,
  signUpResponseSchema,
  type UnsubscribeState,
  type UpdateAsset,
  type UpdateMe,
  type UpdateNotificationPreferences,
  type UpdatePrompt,
  type UpdateVersion,
  unreadCountSchema,
  unsubscribeStateSchema,
} from '@promptnx/schema';
import { z } from 'zod';
import { createChatApi, createRealtimeApi } from './chat.js';

export interface ClientOptions {
  /** Where the API lives, e.g. http://localhost:4000. */
  baseUrl: string;
  /** Bearer token of the signed-in user, if any. */
  accessToken?: string | undefined;
  /**
   * Where the Supabase-Auth-compatible API lives (Supabase: the project URL;
   * embedded: the PromptNX API). Defaults to baseUrl.
   */
  authUrl?: string | undefined;
  /** The project's anon key, sent as `apikey` to the auth API. */
  apiKey?: string | undefined;
  /** Defaults to the global fetch (Node 20+ and browsers). */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. x-request-id from the web server). */
  headers?: Record<string, string>;
  /** Aborts a request after this many milliseconds; defaults to 10 000. */
  timeoutMs?: number;
}

/** An error answer from the API, carrying its problem+json body. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }
  get code() {
    return this.problem.code;
  }
}

/** An error answer from the auth API (GoTrue's { code, error_code, msg }). */
export class AuthApiError extends Error {
  override name = 'AuthApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The API could not be reached or answered with something that is not our API. */
export class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}

export type PromptnxClient = ReturnType<typeof createClient>;

const enc = encodeURIComponent;

function toQuery(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A typed client for the PromptNX API; every answer is checked against its zod schema. */
export function createClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;

  async function send(
    url: string,
    method: string,
    headers: Record<string, string>,
    body?: BodyInit,
  ) {
    try {
      return await doFetch(url, {
        method,
        headers,
        body: body ?? null,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ApiUnavailableError(`the API at ${new URL(url).origin} cannot be reached`, {
        cause: error,
      });
    }
  }

  async function readJson(response: Response, what: string): Promise<unknown> {
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiUnavailableError(`the API answered ${what} with something other than JSON`);
    }
  }

  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    extra: {
      token?: string | undefined;
      raw?: { body: BodyInit; contentType: string };
      headers?: Record<string, string>;
    } = {},
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...options.headers,
      ...extra.headers,
    };
    const token = extra.token ?? options.accessToken;
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (extra.raw) {
      headers['content-type'] = extra.raw.contentType;
      payload = extra.raw.body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await send(`${base}${path}`, method, headers, payload);
    const json = await readJson(response, `${method} ${path}`);
    if (!response.ok) {
      const problem = problemSchema.safeParse(json);
      if (problem.success) throw new ApiError(response.status, problem.data);
      throw new ApiUnavailableError(`the API answered ${method} ${path} with ${response.status}`);
    }
    return schema.parse(json);
  }

  const authBase = `${(options.authUrl ?? options.baseUrl).replace(/\/+$/, '')}/auth/v1`;

  // The Supabase Auth API: GoTrue errors become AuthApiError.
  async function authRequest<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    token?: string,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.apiKey) headers.apikey = options.apiKey;
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await send(
      `${authBase}${path}`,
      method,
      headers,
      body === undefined ? undefined : JSON.stringify(body),
    );
    const json =
      response.status === 204 ? undefined : await readJson(response, `${method} ${path}`);
    if (!response.ok) {
      const error = authErrorSchema.safeParse(json);
      if (error.success)
        throw new AuthApiError(response.status, error.data.error_code, error.data.msg);
      throw new ApiUnavailableError(
        `the auth API answered ${method} ${path} with ${response.status}`,
      );
    }
    return schema.parse(json);
  }

  const nothing = z.unknown();

  return {
    health: (): Promise<Health> => request('GET', '/health', healthSchema),
    ready: (): Promise<Readiness> => request('GET', '/ready', readinessSchema),
    categories: {
      /** Every category in display order, with its number of published prompts. */
      list: async (): Promise<{ items: CategoryWithCount[] }> =>
        request('GET', '/api/categories', categoryCountListSchema),
    },
    prompts: {
      /** The public catalog: filters, sort and cursor pagination. Never template text. */
      list: (query: PromptListQuery = {}): Promise<PromptList> =>
        request('GET', `/api/prompts${toQuery({ ...query })}`, promptListSchema),
      /** One prompt by id or slug, with what the asker may do with it. */
      get: (idOrSlug: string): Promise<PromptDetail> =>
        request('GET', `/api/prompts/${encodeURIComponent(idOrSlug)}`, promptDetailSchema),
      /**
       * Counts one view of a published prompt page (by id or slug) for its seller's
       * dashboard; not counted when the caller is the prompt's seller or an admin.
       */
      recordView: (idOrSlug: string): Promise<PromptViewResult> =>
        request('POST', `/api/prompts/${enc(idOrSlug)}/views`, promptViewResultSchema),
    },
    orders: {
      /**
       * Starts a checkout for one or more prompts. Pass the same idempotency key
       * for a retry or a double click: one order, one checkout session.
       * Free prompts are granted at once (the order comes back paid).
       */
      create: (input: CreateOrder, idempotencyKey?: string): Promise<Order> =>
        request('POST', '/api/orders', orderSchema, input, {
          ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
        }),
      list: (cursor?: string): Promise<OrderList> =>
        request('GET', `/api/orders${toQuery({ cursor })}`, orderListSchema),
      /** One of the buyer's orders; a pending one is checked with the payment provider first. */
      get: (orderId: string): Promise<Order> =>
        request('GET', `/api/orders/${enc(orderId)}`, orderSchema),
      /** Asks for a refund within the refund window; an admin decides. */
      requestRefund: (orderId: string, input: RefundRequest): Promise<Refund> =>
        request('POST', `/api/orders/${enc(orderId)}/refund-requests`, refundSchema, input),
      refunds: async (orderId: string): Promise<Refund[]> =>
        (await request('GET', `/api/orders/${enc(orderId)}/refunds`, refundListSchema)).items,
    },
    library: {
      /** The prompts the signed-in user may use, newest first. */
      list: (cursor?: string): Promise<LibraryList> =>
        request('GET', `/api/library${toQuery({ cursor })}`, libraryListSchema),
      purchaseState: (promptId: string): Promise<PurchaseState> =>
        request('GET', `/api/prompts/${enc(promptId)}/purchase-state`, purchaseStateSchema),
      /** The template text of every version the user may use (403 when not entitled). */
      content: (promptId: string): Promise<PromptContent> =>
        request('GET', `/api/prompts/${enc(promptId)}/content`, promptContentSchema),
    },
    /** The seller's side: drafts, versions (with their template), example outputs, review. */
    editor: {
      /** The signed-in seller's prompts in every status. */
      mine: async (): Promise<SellerPromptSummary[]> =>
        (await request('GET', '/api/me/prompts', sellerPromptListSchema)).items,
      create: (input: CreatePrompt): Promise<EditorPrompt> =>
        request('POST', '/api/prompts', editorPromptSchema, input),
      get: (promptId: string): Promise<EditorPrompt> =>
        request('GET', `/api/prompts/${enc(promptId)}/edit`, editorPromptSchema),
      update: (promptId: string, changes: UpdatePrompt): Promise<EditorPrompt> =>
        request('PATCH', `/api/prompts/${enc(promptId)}`, editorPromptSchema, changes),
      /** Drafts only. */
      async remove(promptId: string) {
        await request('DELETE', `/api/prompts/${enc(promptId)}`, nothing);
      },
      addVersion: (promptId: string, input: CreateVersion): Promise<EditorPrompt> =>
        request('POST', `/api/prompts/${enc(promptId)}/versions`, editorPromptSchema, input),
      /** Draft versions only: a published version never changes. */
      updateVersion: (
        promptId: string,
        versionId: string,
        changes: UpdateVersion,
      ): Promise<EditorPrompt> =>
        request(
          'PATCH',
          `/api/prompts/${enc(promptId)}/versions/${enc(versionId)}`,
          editorPromptSchema,
          changes,
        ),
      removeVersion: (promptId: string, versionId: string): Promise<EditorPrompt> =>
        request(
          'DELETE',
          `/api/prompts/${enc(promptId)}/versions/${enc(versionId)}`,
          editorPromptSchema,
        ),
      /** An example output (PNG, JPEG or WebP; its bytes decide, not its name). */
      uploadAsset: (
        promptId: string,
        image: Blob | Uint8Array,
        contentType: string,
        options: { versionId?: string; altText?: string } = {},
      ): Promise<EditorAsset> =>
        request(
          'POST',
          `/api/prompts/${enc(promptId)}/assets${toQuery({ ...options })}`,
          editorAssetSchema,
          undefined,
          { raw: { body: image as BodyInit, contentType } },
        ),
      updateAsset: (
        promptId: string,
        assetId: string,
        changes: UpdateAsset,
      ): Promise<EditorPrompt> =>
        request(
          'PATCH',
          `/api/prompts/${enc(promptId)}/assets/${enc(assetId)}`,
          editorPromptSchema,
          changes,
        ),
      removeAsset: (promptId: string, assetId: string): Promise<EditorPrompt> =>
        request(
          'DELETE',
          `/api/prompts/${enc(promptId)}/assets/${enc(assetId)}`,
          editorPromptSchema,
        ),
      /** Sends the draft versions to the moderator. */
      submit: (promptId: string): Promise<EditorPrompt> =>
        request('POST', `/api/prompts/${enc(promptId)}/submit`, editorPromptSchema),
    },
    sellersPublic: {
      /** A seller's public profile by id or username; their prompts via prompts.list({ seller }). */
      get: (idOrUsername: string): Promise<SellerPublic> =>
        request('GET', `/api/sellers/${encodeURIComponent(idOrUsername)}`, sellerPublicSchema),
    },
    /** Verified reviews, seller replies and reports (bodies come as sanitized `bodyHtml` too). */
    reviews: {
      /** A prompt's published reviews (newest, highest, lowest; cursor) and its rating summary. */
      list: (promptId: string, query: ReviewListQuery = {}): Promise<ReviewList> =>
        request(
          'GET',
          `/api/prompts/${enc(promptId)}/reviews${toQuery({ ...query })}`,
          reviewListSchema,
        ),
      /** The signed-in user's own review in any status, and whether they may write one. */
      mine: (promptId: string): Promise<MyReview> =>
        request('GET', `/api/prompts/${enc(promptId)}/reviews/mine`, myReviewSchema),
      /** Writes the buyer's review, or edits it (it goes back to the moderator). */
      save: (promptId: string, input: SaveReview): Promise<OwnReview> =>
        request('POST', `/api/prompts/${enc(promptId)}/reviews`, ownReviewSchema, input),
      async remove(reviewId: string) {
        await request('DELETE', `/api/reviews/${enc(reviewId)}`, nothing);
      },
      /** The seller's one reply (ALREADY_REPLIED the second time). */
      reply: (reviewId: string, body: string): Promise<Review> =>
        request('POST', `/api/reviews/${enc(reviewId)}/reply`, reviewSchema, { body }),
      /** Reports a review; again returns the first report. */
      report: (reviewId: string, input: CreateReviewReport): Promise<Report> =>
        request('POST', `/api/reviews/${enc(reviewId)}/reports`, reportSchema, input),
      /** Reports a prompt; again returns the first report. */
      reportPrompt: (promptId: string, input: CreatePromptReport): Promise<Report> =>
        request('POST', `/api/prompts/${enc(promptId)}/reports`, reportSchema, input),
    },
    /** Buyer–seller chat; live updates come through createRealtimeClient. */
    chat: createChatApi(request),
    realtime: createRealtimeApi(request),
    favorites: {
      list: (cursor?: string): Promise<PromptList> =>
        request('GET', `/api/me/favorites${toQuery({ cursor })}`, promptListSchema),
      async add(promptId: string) {
        await request('PUT', `/api/me/favorites/${encodeURIComponent(promptId)}`, z.unknown());
      },
      async remove(promptId: string) {
        await request('DELETE', `/api/me/favorites/${encodeURIComponent(promptId)}`, z.unknown());
      },
    },
    auth: {
      /** A session when e-mail confirmation is off; otherwise the user, and a mail to confirm. */
      async signUp(input: {
        email: string;
        password: string;
        data?: Record<string, unknown>;
        redirectTo?: string;
      }): Promise<{ user: AuthUser; session: Session | null }> {
        const query = input.redirectTo
          ? `?redirect_to=${encodeURIComponent(input.redirectTo)}`
          : '';
        const answer = await authRequest('POST', `/signup${query}`, signUpResponseSchema, {
          email: input.email,
          password: input.password,
          data: input.data ?? {},
        });
        return 'access_token' in answer
          ? { user: answer.user, session: answer }
          : { user: answer, session: null };
      },
      signInWithPassword: (input: { email: string; password: string }): Promise<Session> =>
        authRequest('POST', '/token?grant_type=password', sessionSchema, input),
      refresh: (refreshToken: string): Promise<Session> =>
        authRequest('POST', '/token?grant_type=refresh_token', sessionSchema, {
          refresh_token: refreshToken,
        }),
      getUser: (accessToken: string): Promise<AuthUser> =>
        authRequest('GET', '/user', authUserSchema, undefined, accessToken),
      updateUser: (
        accessToken: string,
        changes: { email?: string; password?: string; data?: Record<string, unknown> },
      ): Promise<AuthUser> => authRequest('PUT', '/user', authUserSchema, changes, accessToken),
      async signOut(accessToken: string, scope: 'global' | 'local' | 'others' = 'local') {
        await authRequest('POST', `/logout?scope=${scope}`, nothing, undefined, accessToken);
      },
      async recover(input: { email: string; redirectTo?: string }) {
        const query = input.redirectTo
          ? `?redirect_to=${encodeURIComponent(input.redirectTo)}`
          : '';
        await authRequest('POST', `/recover${query}`, nothing, { email: input.email });
      },
      /** Confirms a sign-up or a password-reset link; answers with a session. */
      verify: (input: {
        type: 'signup' | 'recovery' | 'email' | 'email_change';
        tokenHash: string;
      }) =>
        authRequest('POST', '/verify', sessionSchema, {
          type: input.type,
          token_hash: input.tokenHash,
        }),
    },
    me: {
      get: (): Promise<Me> => request('GET', '/api/me', meSchema),
      sync: (): Promise<Me> => request('POST', '/api/profiles/sync', meSchema),
      update: (changes: UpdateMe): Promise<Me> => request('PATCH', '/api/me', meSchema, changes),
      uploadAvatar: (image: Blob | Uint8Array, contentType: string): Promise<Me> =>
        request('PUT', '/api/me/avatar', meSchema, undefined, {
          raw: { body: image as BodyInit, contentType },
        }),
    },
    /** The signed-in user's in-app notifications (the bell) and their e-mail preferences. */
    notifications: {
      /** Newest first; `unread: true` for the unread ones only. */
      list: (query: NotificationListQuery = {}): Promise<NotificationList> =>
        request('GET', `/api/notifications${toQuery({ ...query })}`, notificationListSchema),
      unreadCount: async (): Promise<number> =>
        (await request('GET', '/api/notifications/unread-count', unreadCountSchema)).count,
      markRead: (notificationId: string): Promise<Notification> =>
        request('POST', `/api/notifications/${enc(notificationId)}/read`, notificationSchema),
      /** Answers how many were unread. */
      markAllRead: async (): Promise<number> =>
        (await request('POST', '/api/notifications/read-all', readAllResultSchema)).updated,
      preferences: (): Promise<NotificationPreferences> =>
        request('GET', '/api/me/notification-preferences', notificationPreferencesSchema),
      /** E-mail on or off per type; types left out keep their setting. */
      updatePreferences: (input: UpdateNotificationPreferences): Promise<NotificationPreferences> =>
        request('PUT', '/api/me/notification-preferences', notificationPreferencesSchema, input),
      /** What an e-mail's unsubscribe link is for (no session needed). */
      unsubscribeState: (token: string): Promise<UnsubscribeState> =>
        request('GET', `/api/unsubscribe${toQuery({ token })}`, unsubscribeStateSchema),
      /** Turns that type's e-mail off (the one-click unsubscribe; no session needed). */
      unsubscribe: (token: string): Promise<UnsubscribeState> =>
        request('POST', '/api/unsubscribe', unsubscribeStateSchema, { token }),
    },
    dev: {
      /** E-mails captured in embedded mode (404 when the API runs with a real e-mail provider). */
      mailbox: async (to?: string): Promise<MailboxMessage[]> =>
        (
          await request(
            'GET',
            `/api/dev/mailbox${to ? `?to=${encodeURIComponent(to)}` : ''}`,
            mailboxSchema,
          )
        ).items,
    },
    admin: {
      /** Refund requests waiting for a decision, newest first. */
      refundRequests: async (): Promise<Refund[]> =>
        (await request('GET', '/api/admin/refunds', refundListSchema)).items,
      /** Refunds an order (all paid items, or some) at once. */
      refundOrder: (orderId: string, input: RefundRequest): Promise<Refund> =>
        request('POST', `/api/admin/orders/${enc(orderId)}/refunds`, refundSchema, input),
      approveRefund: (refundId: string): Promise<Refund> =>
        request('POST', `/api/admin/refunds/${enc(refundId)}/approve`, refundSchema),
      denyRefund: (refundId: string, reason: string): Promise<Refund> =>
        request('POST', `/api/admin/refunds/${enc(refundId)}/deny`, refundSchema, { reason }),
      /** Prompts with versions waiting for review, with near-duplicate flags. */
      promptQueue: async (): Promise<ModerationQueueItem[]> =>
        (await request('GET', '/api/admin/prompts', moderationQueueSchema)).items,
      /** How much waits in each moderation queue. */
      overview: (): Promise<AdminOverview> =>
        request('GET', '/api/admin/overview', adminOverviewSchema),
      /** A page of a prompt queue (pending, reported, hidden, all), filtered; never templates. */
      prompts: (query: AdminPromptQueueQuery = {}): Promise<AdminPromptQueue> =>
        request('GET', `/api/admin/prompts${toQuery({ ...query })}`, adminPromptQueueSchema),
      /** The item view: every version with its template, flags, reports, the seller's record. */
      prompt: (promptId: string): Promise<AdminPromptDetail> =>
        request('GET', `/api/admin/prompts/${enc(promptId)}`, adminPromptDetailSchema),
      /** Hide (reason required), restore, or keep a reported prompt (dismiss its reports). */
      decidePrompt: (
        promptId: string,
        decision: 'hide' | 'restore' | 'dismiss-reports',
        reason?: string,
      ): Promise<AdminPromptDetail> =>
        request(
          'POST',
          `/api/admin/prompts/${enc(promptId)}/${decision}`,
          adminPromptDetailSchema,
          reason ? { reason } : {},
        ),
      bulkPrompts: (input: AdminPromptBulk): Promise<BulkResult> =>
        request('POST', '/api/admin/prompts/bulk', bulkResultSchema, input),
      /** A page of a review queue (pending, reported, all), filtered. */
      reviews: (query: AdminReviewQueueQuery = {}): Promise<AdminReviewList> =>
        request('GET', `/api/admin/reviews${toQuery({ ...query })}`, adminReviewListSchema),
      /** A review with its purchase, both people's records, the reports and decisions. */
      review: (reviewId: string): Promise<AdminReviewDetail> =>
        request('GET', `/api/admin/reviews/${enc(reviewId)}`, adminReviewDetailSchema),
      /** Approve, reject or hide (reason required), restore, or dismiss the reports. */
      decideReview: (
        reviewId: string,
        decision: 'approve' | 'reject' | 'hide' | 'restore' | 'dismiss-reports',
        reason?: string,
      ): Promise<AdminReviewDetail> =>
        request(
          'POST',
          `/api/admin/reviews/${enc(reviewId)}/${decision}`,
          adminReviewDetailSchema,
          reason ? { reason } : {},
        ),
      bulkReviews: (input: AdminReviewBulk): Promise<BulkResult> =>
        request('POST', '/api/admin/reviews/bulk', bulkResultSchema, input),
      /** Resolve or dismiss one report of a review or a prompt. */
      decideReport: (
        kind: 'review' | 'prompt',
        reportId: string,
        decision: 'resolve' | 'dismiss',
        reason?: string,
      ): Promise<AdminReport> =>
        request(
          'POST',
          `/api/admin/${kind}-reports/${enc(reportId)}/${decision}`,
          adminReportSchema,
          reason ? { reason } : {},
        ),
      /** Every decision, newest first, filtered. */
      auditLog: (query: AuditLogQuery = {}): Promise<AuditLog> =>
        request('GET', `/api/admin/audit-log${toQuery({ ...query })}`, auditLogSchema),
      /** Users by e-mail, username or name; by role or status. */
      users: async (query: AdminUserQuery = {}): Promise<AdminUser[]> =>
        (await request('GET', `/api/admin/users${toQuery({ ...query })}`, adminUserListSchema))
          .items,
      user: (userId: string): Promise<AdminUserDetail> =>
        request('GET', `/api/admin/users/${enc(userId)}`, adminUserDetailSchema),
      /** Suspend or reinstate an account; the reason is required and the user is told. */
      setSuspension: (
        userId: string,
        decision: 'suspend' | 'reinstate',
        reason: string,
      ): Promise<AdminUserDetail> =>
        request('POST', `/api/admin/users/${enc(userId)}/${decision}`, adminUserDetailSchema, {
          reason,
        }),
      /** Publishes every version waiting for review (and the prompt, if new). */
      approvePrompt: (promptId: string): Promise<EditorPrompt> =>
        request('POST', `/api/admin/prompts/${enc(promptId)}/approve`, editorPromptSchema),
      rejectPrompt: (promptId: string, reason: string): Promise<EditorPrompt> =>
        request('POST', `/api/admin/prompts/${enc(promptId)}/reject`, editorPromptSchema, {
          reason,
        }),
    },
    sellers: {
      startOnboarding: (): Promise<Onboarding> =>
        request('POST', '/api/sellers/onboarding', onboardingSchema),
      onboardingStatus: (): Promise<Onboarding> =>
        request('GET', '/api/sellers/onboarding', onboardingSchema),
      /** A seller's dashboard (the seller themself or an admin), with a day, week or month series. */
      dashboard: (sellerId: string, query: DashboardQuery = {}): Promise<SellerDashboard> =>
        request(
          'GET',
          `/api/sellers/${enc(sellerId)}/dashboard${toQuery({ ...query })}`,
          sellerDashboardSchema,
        ),
    },
    payouts: {
      /** The signed-in seller's payouts, newest first, and their balance summary (admins: sellerId). */
      list: (query: PayoutListQuery = {}): Promise<PayoutList> =>
        request('GET', `/api/payouts${toQuery({ ...query })}`, payoutListSchema),
    },
  };
}

export * from './realtime.js';
