import type { LibraryItem, LibraryList } from '@promptnx/schema';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { browserUrl } from '../lib/me.server';
import { buyerPageFailure } from '../lib/orders.server';
import { requireUser } from '../lib/session.server';

/** A library row with addresses a browser may load. */
function presentItem(item: LibraryItem): LibraryItem {
  return {
    ...item,
    prompt: { ...item.prompt, coverUrl: browserUrl(item.prompt.coverUrl) },
    seller: { ...item.seller, avatarUrl: browserUrl(item.seller.avatarUrl) },
  };
}

/** GET /library: the prompts the signed-in user may use, newest first, a page at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined;
  let library: LibraryList;
  try {
    library = await createApiClient(request, user.accessToken).library.list(cursor);
  } catch (error) {
    return buyerPageFailure(
      error,
      request,
      session,
      'library',
      'Your library is unavailable right now',
    );
  }
  return data(
    {
      items: library.items.map(presentItem),
      nextCursor: library.nextCursor,
      cursor: cursor ?? null,
    },
    { headers },
  );
}
