import type { PromptList, SellerPublic } from '@promptnx/schema';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { catalogData, catalogFailure, getViewer, presentList } from '../lib/catalog.server';
import { browserUrl } from '../lib/me.server';

export const SELLER_PAGE_SIZE = 24;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only http(s) links reach the page: a profile link is someone else's text. */
function safeLinks(links: SellerPublic['links']) {
  return links.flatMap((link) => {
    try {
      const url = new URL(link.url);
      return url.protocol === 'https:' || url.protocol === 'http:'
        ? [{ label: link.label || url.host, url: url.href }]
        : [];
    } catch {
      return [];
    }
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const api = createApiClient(request);
  const idOrUsername = params.idOrUsername ?? '';
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined;
  const listOf = (id: string) =>
    api.prompts.list({ seller: id, sort: 'newest', limit: SELLER_PAGE_SIZE, cursor });

  let seller: SellerPublic;
  let prompts: PromptList;
  try {
    if (UUID.test(idOrUsername)) {
      // An id is enough for both: ask at once.
      [seller, prompts] = await Promise.all([
        api.sellersPublic.get(idOrUsername),
        listOf(idOrUsername),
      ]);
    } else {
      seller = await api.sellersPublic.get(idOrUsername);
      prompts = await listOf(seller.id);
    }
  } catch (error) {
    return catalogFailure(error, request, 'seller page', viewer.session, { lookup: true });
  }
  return catalogData(
    {
      seller: {
        ...seller,
        avatarUrl: browserUrl(seller.avatarUrl),
        links: safeLinks(seller.links),
      },
      prompts: presentList(prompts),
      cursor: cursor ?? null,
    },
    viewer,
  );
}
