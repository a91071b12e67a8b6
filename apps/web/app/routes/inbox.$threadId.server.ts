import { type ChatMessageList, type ChatThread, chatMessageBodySchema } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { threadPath } from '../lib/chat';
import { chatPageFailure, presentThread } from '../lib/chat.server';
import { assertCsrf } from '../lib/csrf.server';
import { formText } from '../lib/form-errors';
import { problemMessage } from '../lib/orders.server';
import { requireUser, signedOutRedirect } from '../lib/session.server';

const UNAVAILABLE = 'This conversation is unavailable right now';
const NOTICES: Record<string, string> = {
  blocked: 'You blocked this person. Neither of you can write to the other until you unblock them.',
  unblocked: 'You unblocked this person: you can write to each other again.',
};

function threadIdOf(params: { threadId?: string }): string {
  const parsed = z.uuid().safeParse(params.threadId);
  if (!parsed.success) throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
  return parsed.data;
}

/**
 * GET /inbox/:threadId: the conversation, newest 30 messages (`?before=` for older
 * ones), shown oldest first. Viewing it moves my read marker to the newest message.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const id = threadIdOf(params);
  const search = new URL(request.url).searchParams;
  const before = search.get('before') || undefined;
  const api = createApiClient(request, user.accessToken);
  let thread: ChatThread;
  let page: ChatMessageList;
  try {
    [thread, page] = await Promise.all([
      api.chat.thread(id),
      api.chat.messages(id, { ...(before ? { cursor: before } : {}), limit: 30 }),
    ]);
  } catch (error) {
    return chatPageFailure(error, request, session, 'conversation', UNAVAILABLE);
  }
  if (!before && thread.role !== 'admin' && thread.unreadCount > 0) {
    try {
      const read = await api.chat.markRead(id);
      thread = {
        ...thread,
        unreadCount: read.unreadCount,
        ...(thread.role === 'buyer' ? { buyerReadAt: read.readAt } : { sellerReadAt: read.readAt }),
      };
    } catch (error) {
      // The page still shows; the marker moves on the next visit.
      if (error instanceof ApiError && error.status === 401) {
        throw await signedOutRedirect(request, session);
      }
      console.warn(`[web] mark read: ${(error as Error).message}`);
    }
  }
  return data(
    {
      thread: presentThread(thread),
      messages: [...page.items].reverse(),
      olderCursor: page.nextCursor,
      before: before ?? null,
      me: user.id,
      notice: NOTICES[search.get('notice') ?? ''] ?? null,
    },
    { headers },
  );
}

export interface ThreadActionData {
  intent: string;
  formError: string | null;
  bodyError: string | null;
  body: string;
}

const intentSchema = z.enum(['send', 'read', 'block', 'unblock']);

/** POST /inbox/:threadId: send a message, mark read, block or unblock the other person. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const id = threadIdOf(params);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const intent = intentSchema.safeParse(formText(formData, 'intent'));
  const body = formText(formData, 'body');
  const refused = (status: number, answer: Partial<ThreadActionData>) =>
    data<ThreadActionData>(
      {
        intent: intent.success ? intent.data : 'unknown',
        formError: null,
        bodyError: null,
        body,
        ...answer,
      },
      { status, headers },
    );
  if (!intent.success) return refused(400, { formError: 'That did not work. Reload the page.' });
  const api = createApiClient(request, user.accessToken);
  try {
    switch (intent.data) {
      case 'send': {
        const checked = chatMessageBodySchema.safeParse(body);
        if (!checked.success) {
          return refused(400, {
            bodyError: body ? 'Keep it under 4,000 characters.' : 'Write a message first.',
          });
        }
        await api.chat.send(id, checked.data);
        throw redirect(threadPath(id), { status: 303, headers });
      }
      case 'read': {
        const messageId = z.uuid().safeParse(formText(formData, 'messageId'));
        const read = await api.chat.markRead(id, messageId.success ? messageId.data : undefined);
        return data({ intent: 'read', read }, { headers });
      }
      case 'block':
      case 'unblock': {
        const userId = z.uuid().safeParse(formText(formData, 'userId'));
        if (!userId.success)
          return refused(400, { formError: 'That did not work. Reload the page.' });
        if (intent.data === 'block') await api.chat.block(userId.data);
        else await api.chat.unblock(userId.data);
        throw redirect(
          `${threadPath(id)}?notice=${intent.data === 'block' ? 'blocked' : 'unblocked'}`,
          { status: 303, headers },
        );
      }
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof ApiError) {
      if (error.status === 401) throw await signedOutRedirect(request, session);
      if (error.code === 'VALIDATION_FAILED' && intent.data === 'send') {
        return refused(400, { bodyError: problemMessage(error) });
      }
      if (error.status < 500) return refused(error.status, { formError: problemMessage(error) });
    }
    if (isApiOutage(error)) {
      console.warn(`[web] conversation ${intent.data}: ${(error as Error).message}`);
      return refused(503, {
        formError:
          intent.data === 'send'
            ? 'Your message was not sent. Please try again in a moment.'
            : 'That did not work. Please try again in a moment.',
      });
    }
    throw error;
  }
}
