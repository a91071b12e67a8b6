import type { LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { catalogData, catalogFailure, getViewer, presentCard } from '../lib/catalog.server';

export { CATALOG_UNAVAILABLE } from '../lib/catalog.server';

/** Cards in each home section. */
export const SECTION_SIZE = 8;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  // The lists are the same for everyone: asked anonymously, all at once.
  const api = createApiClient(request);
  try {
    const [categories, trending, newest, topRated] = await Promise.all([
      api.categories.list(),
      api.prompts.list({ sort: 'trending', limit: SECTION_SIZE }),
      api.prompts.list({ sort: 'newest', limit: SECTION_SIZE }),
      api.prompts.list({ sort: 'top-rated', limit: SECTION_SIZE }),
    ]);
    return catalogData(
      {
        categories: categories.items,
        trending: trending.items.map(presentCard),
        newest: newest.items.map(presentCard),
        topRated: topRated.items.map(presentCard),
      },
      viewer,
    );
  } catch (error) {
    return catalogFailure(error, request, 'home', viewer.session);
  }
}
