import type { NotificationList } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { formText } from '../lib/form-errors';
import { notificationHref } from '../lib/notifications';
import { buyerPageFailure, problemMessage } from '../lib/orders.server';
import { safeRedirect } from '../lib/safe-redirect';
import { requireUser, signedOutRedirect } from '../lib/session.server';

const NOTICES: Record<string, string> = {
  'all-read': 'All notifications are marked read.',
};

/** GET /notifications: the signed-in user's notifications, newest first; `?unread=1` filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const cursor = params.get('cursor') || undefined;
  const unreadOnly = params.get('unread') === '1';
  let list: NotificationList;
  try {
    list = await createApiClient(request, user.accessToken).notifications.list({
      ...(unreadOnly ? { unread: true } : {}),
      ...(cursor ? { cursor } : {}),
    });
  } catch (error) {
    return buyerPageFailure(
      error,
      request,
      session,
      'notifications',
      'Your notifications are unavailable right now',
    );
  }
  return data(
    {
      items: list.items.map((n) => ({ ...n, href: notificationHref(n.path) })),
      nextCursor: list.nextCursor,
      cursor: cursor ?? null,
      unreadOnly,
      notice: NOTICES[params.get('notice') ?? ''] ?? null,
    },
    { headers },
  );
}

export interface NotificationActionData {
  notificationId: string | null;
  formError: string;
}

const actionForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read-all') }),
  z.object({ intent: z.enum(['open', 'read']), notificationId: z.uuid() }),
]);

/**
 * POST /notifications: `open` marks one read and goes where it leads, `read`
 * marks one read and comes back, `read-all` marks them all. Plain forms: they
 * work without JavaScript.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = actionForm.safeParse({
    intent: formText(formData, 'intent'),
    notificationId: formText(formData, 'notificationId'),
  });
  const refused = (status: number, formError: string) =>
    data<NotificationActionData>(
      {
        notificationId:
          parsed.success && 'notificationId' in parsed.data ? parsed.data.notificationId : null,
        formError,
      },
      { status, headers },
    );
  if (!parsed.success) return refused(400, 'That did not work. Reload the page and try again.');
  // Back to the list as it was (its filter and page), never anywhere else.
  const back = safeRedirect(formText(formData, 'back'), '/notifications');
  const backTo = back.startsWith('/notifications') ? back : '/notifications';
  const api = createApiClient(request, user.accessToken);
  try {
    if (parsed.data.intent === 'read-all') {
      await api.notifications.markAllRead();
      const url = new URL(backTo, 'http://x');
      url.searchParams.delete('cursor');
      url.searchParams.set('notice', 'all-read');
      throw redirect(`${url.pathname}${url.search}`, { status: 303, headers });
    }
    const notification = await api.notifications.markRead(parsed.data.notificationId);
    const target =
      parsed.data.intent === 'open' ? (notificationHref(notification.path) ?? backTo) : backTo;
    throw redirect(target, { status: 303, headers });
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof ApiError && error.status === 401) {
      throw await signedOutRedirect(request, session);
    }
    if (isApiOutage(error)) {
      console.warn(`[web] notifications: ${(error as Error).message}`);
      return refused(503, 'That did not work. Please try again in a moment.');
    }
    if (error instanceof ApiError && error.status === 404) {
      return refused(404, 'This notification is not there any more.');
    }
    if (error instanceof ApiError) return refused(error.status, problemMessage(error));
    throw error;
  }
}
