import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';

/**
 * The error page of a catalog route: its own wording for "not found" (an unknown prompt or
 * seller), the usual one for an outage or a bug.
 */
export function CatalogError({ notFound }: { notFound: { title: string; message: string } }) {
  const error = useRouteError();
  let title = 'Something went wrong';
  let message = 'An unexpected error occurred. Please try again in a moment.';
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = notFound.title;
      message = notFound.message;
    } else if (error.status === 503) {
      title =
        typeof error.data === 'string' && error.data
          ? error.data
          : 'This page is unavailable right now';
      message = 'Please try again in a few moments.';
    }
  }
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/search">Browse prompts</Link> or go <Link to="/">back to the home page</Link>.
      </p>
    </section>
  );
}
