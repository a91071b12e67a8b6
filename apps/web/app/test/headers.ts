import type { HeadersFunction } from '@remix-run/node';

/** The Cache-Control a route's headers() gives its page (no error, nothing from loaders). */
export function cacheControlOf(route: { headers?: HeadersFunction }) {
  if (typeof route.headers !== 'function') return null;
  const headers = new Headers(
    route.headers({
      loaderHeaders: new Headers(),
      parentHeaders: new Headers(),
      actionHeaders: new Headers(),
      errorHeaders: undefined,
    }),
  );
  return headers.get('Cache-Control');
}
