import type { HeadersFunction } from '@remix-run/node';

// Caching of the public catalog pages (/, /search, /p/:slug, /sellers/:idOrUsername).
// A page is shared-cacheable only when it is the same for every anonymous visitor: nobody
// is signed in, no cookie is being set, and (see root.server.ts) the page carries no
// session's CSRF token.

export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';
export const PRIVATE_NO_STORE = 'private, no-store';

/** The pages whose anonymous HTML is the same for everybody. */
export function isCatalogPath(pathname: string): boolean {
  return (
    pathname === '/' ||
    pathname === '/search' ||
    /^\/p\/[^/]+\/?$/.test(pathname) ||
    /^\/sellers\/[^/]+\/?$/.test(pathname)
  );
}

/** What a catalog loader asks for: public for anonymous visitors, never for signed-in ones. */
export function catalogCacheControl(signedIn: boolean): string {
  return signedIn ? PRIVATE_NO_STORE : PUBLIC_CACHE;
}

/**
 * The headers() of every catalog route. The loader states what it wants in its own
 * Cache-Control; any Set-Cookie on the response (a refreshed session from this loader, a
 * new cookie from the root loader) turns it into `private, no-store`, and so does an error.
 */
export const catalogHeaders: HeadersFunction = ({ loaderHeaders, parentHeaders, errorHeaders }) => {
  const headers = new Headers();
  if (errorHeaders) {
    const retryAfter = errorHeaders.get('Retry-After');
    if (retryAfter) headers.set('Retry-After', retryAfter);
    headers.set('Cache-Control', PRIVATE_NO_STORE);
    return headers;
  }
  const wanted = loaderHeaders.get('Cache-Control');
  const setsCookie = loaderHeaders.has('Set-Cookie') || parentHeaders.has('Set-Cookie');
  if (wanted === PUBLIC_CACHE && !setsCookie) {
    headers.set('Cache-Control', PUBLIC_CACHE);
    // The signed-in page differs: a cache must not hand the anonymous one to a session.
    headers.set('Vary', 'Cookie');
  } else {
    headers.set('Cache-Control', PRIVATE_NO_STORE);
  }
  return headers;
};

/** The headers() of a signed-in page: never stored anywhere. */
export const privateHeaders: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers({ 'Cache-Control': PRIVATE_NO_STORE });
  const retryAfter = errorHeaders?.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
