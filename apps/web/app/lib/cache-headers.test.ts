import { describe, expect, it } from 'vitest';
import { catalogHeaders, isCatalogPath, PRIVATE_NO_STORE, PUBLIC_CACHE } from './cache-headers';

function headersOf(options: {
  loader?: HeadersInit;
  parent?: HeadersInit;
  error?: HeadersInit;
}): Headers {
  const result = catalogHeaders({
    loaderHeaders: new Headers(options.loader),
    parentHeaders: new Headers(options.parent),
    actionHeaders: new Headers(),
    errorHeaders: options.error ? new Headers(options.error) : undefined,
  });
  return new Headers(result);
}

describe('catalogHeaders', () => {
  it('caches in public what the loader allows, varying on the cookie', () => {
    const headers = headersOf({ loader: { 'Cache-Control': PUBLIC_CACHE } });
    expect(headers.get('Cache-Control')).toBe(PUBLIC_CACHE);
    expect(headers.get('Vary')).toBe('Cookie');
  });

  it('never caches a response that sets a cookie, from the loader or the root', () => {
    const fromLoader = headersOf({
      loader: { 'Cache-Control': PUBLIC_CACHE, 'Set-Cookie': '__session=x' },
    });
    expect(fromLoader.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
    const fromRoot = headersOf({
      loader: { 'Cache-Control': PUBLIC_CACHE },
      parent: { 'Set-Cookie': '__session=y' },
    });
    expect(fromRoot.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
    expect(fromRoot.get('Vary')).toBeNull();
  });

  it('keeps signed-in pages private', () => {
    const headers = headersOf({ loader: { 'Cache-Control': PRIVATE_NO_STORE } });
    expect(headers.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
  });

  it('stores no error page, and keeps the Retry-After of an outage', () => {
    const headers = headersOf({ error: { 'Retry-After': '30' } });
    expect(headers.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
    expect(headers.get('Retry-After')).toBe('30');
  });
});

describe('isCatalogPath', () => {
  it.each(['/', '/search', '/p/code-review', '/sellers/demo_seller'])('%s is', (path) => {
    expect(isCatalogPath(path)).toBe(true);
  });
  it.each(['/signin', '/account', '/account/favorites', '/p/x/y', '/sell', '/searching'])(
    '%s is not',
    (path) => {
      expect(isCatalogPath(path)).toBe(false);
    },
  );
});
