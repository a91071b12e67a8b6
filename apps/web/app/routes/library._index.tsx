import type { LibraryItem } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import orderStyles from '../components/orders.css?url';
import { COVER_HEIGHT, COVER_WIDTH } from '../components/prompt-card';
import { privateHeaders } from '../lib/cache-headers';
import { dateLabel, modelLabel } from '../lib/catalog';
import { libraryPath } from '../lib/orders';
import type { loader } from './library._index.server';

export { loader } from './library._index.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: orderStyles }];

export const meta: MetaFunction = () => [
  { title: 'Your library — PromptNX' },
  { name: 'description', content: 'The prompts you own on PromptNX.' },
  { name: 'robots', content: 'noindex' },
];

const SOURCE_LABELS: Record<LibraryItem['source'], string> = {
  purchase: 'Bought',
  free: 'Added',
  grant: 'Given to you',
};

export default function LibraryPage() {
  const { items, nextCursor, cursor } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your library</h1>
          <p className="muted">
            The prompts you own: open one to fill in its variables and copy it.
          </p>
        </div>
        <Link to="/account/orders" className="button button-secondary">
          Orders and receipts
        </Link>
      </div>

      {items.length === 0 ? (
        <div className="empty-state" data-testid="library-empty">
          <p>
            {cursor
              ? 'There are no more prompts in your library.'
              : 'Your library is empty. Prompts you buy or get for free appear here.'}
          </p>
          <p>
            <Link to="/search">Browse prompts</Link>
          </p>
        </div>
      ) : (
        <ul className="prompt-grid" aria-label="Your prompts">
          {items.map((item) => (
            <li key={item.prompt.id}>
              <LibraryCard item={item} />
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label="More of your library">
        {cursor ? <Link to="/library">Back to the first page</Link> : null}
        {nextCursor ? (
          <Link
            to={`/library?cursor=${encodeURIComponent(nextCursor)}`}
            className="button button-secondary"
            data-testid="load-more"
          >
            Load more
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function LibraryCard({ item }: { item: LibraryItem }) {
  const { prompt, seller } = item;
  const model = modelLabel(prompt.targetModel);
  return (
    <article className="prompt-card" data-testid="library-item">
      {prompt.coverUrl ? (
        <img
          className="prompt-card-cover"
          src={prompt.coverUrl}
          alt=""
          width={COVER_WIDTH}
          height={COVER_HEIGHT}
          loading="lazy"
          decoding="async"
        />
      ) : (
        <div className="prompt-card-cover prompt-card-cover-empty" aria-hidden="true">
          {model}
        </div>
      )}
      <div className="prompt-card-body">
        <h2 className="prompt-card-title">
          <Link to={libraryPath(prompt.id)} className="prompt-card-link">
            {prompt.title}
          </Link>
        </h2>
        <p className="prompt-card-meta">
          <span className="pill">{model}</span>
          {item.latestVersion !== null ? (
            <span data-testid="library-item-version">Version {item.latestVersion}</span>
          ) : null}
        </p>
        <p className="prompt-card-seller">by {seller.displayName}</p>
        <p className="muted library-item-meta">
          {SOURCE_LABELS[item.source]} {dateLabel(item.grantedAt)}
          {prompt.status !== 'published' ? ' · no longer for sale, still yours' : ''}
        </p>
      </div>
    </article>
  );
}
