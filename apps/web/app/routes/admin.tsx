import type { LinksFunction } from '@remix-run/node';
import { isRouteErrorResponse, Link, NavLink, Outlet, useRouteError } from '@remix-run/react';
import adminStyles from '../components/admin.css?url';
import orderStyles from '../components/orders.css?url';
import { privateHeaders } from '../lib/cache-headers';

// The admin console's frame: its own navigation around each page. Every page's loader asks
// the API, which decides who is an admin; their errors end here, without the navigation.

export const headers = privateHeaders;
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: orderStyles },
  { rel: 'stylesheet', href: adminStyles },
];

const SECTIONS = [
  { to: '/admin', label: 'Overview', end: true },
  { to: '/admin/reviews', label: 'Reviews', end: false },
  { to: '/admin/prompts', label: 'Prompts', end: false },
  { to: '/admin/users', label: 'Users', end: false },
  { to: '/admin/audit', label: 'Audit log', end: false },
  { to: '/admin/refunds', label: 'Refunds', end: false },
];

export default function AdminLayout() {
  return (
    <>
      <nav className="admin-nav" aria-label="Admin console">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, message] =
    status === 403
      ? ['Admins only', 'Only admins can see this page.']
      : status === 404
        ? ['Not found', 'There is nothing here: it may have been deleted, or the link is wrong.']
        : [
            'Something went wrong',
            'The admin console is unavailable right now. Please try again in a few moments.',
          ];
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
