const LOOPBACK = ['localhost', '127.0.0.1'];

/** The origins a list of URLs stands for (scheme, host and port), each once. */
export function originsOf(urls: string[]): string[] {
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

/**
 * Outside production, a loopback origin also stands for its twin: a developer who opens
 * the storefront at http://127.0.0.1:3000 instead of http://localhost:3000 is the same
 * person on the same machine, and was refused the realtime socket (and CORS) for it.
 */
export function browserOrigins(urls: string[], production: boolean): string[] {
  const origins = originsOf(urls);
  if (production) return origins;
  const twins = origins.flatMap((origin) => {
    const url = new URL(origin);
    if (!LOOPBACK.includes(url.hostname)) return [];
    return LOOPBACK.filter((host) => host !== url.hostname).map((host) => {
      url.hostname = host;
      return url.origin;
    });
  });
  return [...new Set([...origins, ...twins])];
}
