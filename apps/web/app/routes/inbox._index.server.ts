import type { ChatThreadList } from '@promptnx/schema';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { chatPageFailure, presentThread } from '../lib/chat.server';
import { requireUser } from '../lib/session.server';

/** GET /inbox: my conversations, latest activity first, a page at a time, with unread counts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined;
  let list: ChatThreadList;
  try {
    list = await createApiClient(request, user.accessToken).chat.threads(cursor);
  } catch (error) {
    return chatPageFailure(error, request, session, 'inbox', 'Your inbox is unavailable right now');
  }
  return data(
    { threads: list.items.map(presentThread), nextCursor: list.nextCursor, cursor: cursor ?? null },
    { headers },
  );
}
