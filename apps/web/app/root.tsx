import type { HeadersFunction, LinksFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { CsrfInput } from './components/csrf-input';
import { NotificationBell } from './components/notification-bell';
import type { PublicEnv } from './env.server';
import { isCatalogPath } from './lib/cache-headers';
import type { loader } from './root.server';
import appStyles from './styles/app.css?url';

export { loader } from './root.server';

declare global {
  interface Window {
    ENV: PublicEnv;
  }
}

// An error page rendered here keeps the Retry-After of the response a loader threw (a 503).
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};

// Anonymous catalog pages get no CSRF token (root.server.ts): leaving one for a page with
// forms loads the root data again, and with it the token.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) =>
  defaultShouldRevalidate ||
  (isCatalogPath(currentUrl.pathname) && !isCatalogPath(nextUrl.pathname));

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'stylesheet', href: appStyles },
];

// `<` is escaped so a value can never close the script element it is written into.
function serialiseForScript(value: unknown) {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function Layout({ children }: { children: ReactNode }) {
  // Absent when the root loader itself failed; the page still renders.
  const data = useRouteLoaderData<typeof loader>('root');
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container site-header-inner">
            <Link to="/" className="wordmark" aria-label="PromptNX home">
              Prompt<span>NX</span>
            </Link>
            <nav aria-label="Main" className="site-nav">
              <ul className="nav-list">
                <li>
                  <Link to="/search">Browse</Link>
                </li>
                {data?.user ? (
                  <>
                    <li>
                      <Link to="/library">Library</Link>
                    </li>
                    <li>
                      <Link to="/account/favorites">Favorites</Link>
                    </li>
                    <li>
                      <Link to="/inbox">Inbox</Link>
                    </li>
                  </>
                ) : null}
                <li>
                  <Link to="/sell">Sell</Link>
                </li>
                {data?.user && data.sellerLinks ? (
                  <>
                    <li>
                      <Link to="/sell/dashboard">Dashboard</Link>
                    </li>
                    <li>
                      <Link to="/sell/payouts">Payouts</Link>
                    </li>
                  </>
                ) : null}
                {data?.user && data.adminLinks ? (
                  <li>
                    <Link to="/admin" data-testid="admin-link">
                      Admin
                    </Link>
                  </li>
                ) : null}
              </ul>
              {data?.user ? (
                <ul className="nav-list nav-account">
                  <li className="nav-user" data-testid="signed-in-as">
                    {data.user.displayName || data.user.email}
                  </li>
                  <li>
                    <NotificationBell initialCount={data.unreadNotifications} />
                  </li>
                  <li>
                    <Link to="/account">Account</Link>
                  </li>
                  <li>
                    <Form method="post" action="/signout" className="inline-form">
                      <CsrfInput />
                      <button type="submit" className="button-link">
                        Sign out
                      </button>
                    </Form>
                  </li>
                </ul>
              ) : data ? (
                <ul className="nav-list nav-account">
                  <li>
                    <Link to="/signin">Sign in</Link>
                  </li>
                  <li>
                    <Link to="/signup" className="button button-small">
                      Sign up
                    </Link>
                  </li>
                </ul>
              ) : null}
            </nav>
          </div>
        </header>
        <main id="main" className="container">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>PromptNX — an open-source prompt marketplace.</p>
          </div>
        </footer>
        <ScrollRestoration />
        {data?.ENV ? (
          <script
            // biome-ignore lint/security/noDangerouslySetInnerHtml: only the public env, escaped above
            dangerouslySetInnerHTML={{ __html: `window.ENV = ${serialiseForScript(data.ENV)};` }}
          />
        ) : null}
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();

  let title = 'Something went wrong';
  let message = 'An unexpected error occurred. Please try again in a moment.';
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = 'Page not found';
      message = 'We could not find the page you were looking for.';
    } else if (error.status === 403) {
      title = 'That did not work';
      message =
        typeof error.data === 'string' && error.data
          ? error.data
          : 'You are not allowed to do that.';
    } else if (error.status === 503) {
      title =
        typeof error.data === 'string' && error.data
          ? error.data
          : 'This page is unavailable right now';
      message = 'Please try again in a few moments.';
    }
  }

  // Stack traces help while developing; production builds never render them.
  const stack = import.meta.env.DEV && error instanceof Error ? error.stack : undefined;

  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
      {stack ? <pre className="error-stack">{stack}</pre> : null}
    </section>
  );
}
