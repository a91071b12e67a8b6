import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CatalogError } from '../components/catalog-error';
import { PromptGrid } from '../components/prompt-card';
import { Rating } from '../components/rating';
import { catalogHeaders } from '../lib/cache-headers';
import { countLabel, dateLabel, sellerPath } from '../lib/catalog';
import type { loader } from './sellers.$idOrUsername.server';

export { loader } from './sellers.$idOrUsername.server';
export const headers = catalogHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) {
    return [
      { title: 'Seller not found — PromptNX' },
      { name: 'description', content: 'This seller does not exist on PromptNX.' },
    ];
  }
  const { seller } = data;
  const title = `${seller.displayName} — prompts on PromptNX`;
  const bio = seller.bio.replace(/\s+/g, ' ').trim();
  const description =
    bio.length > 0
      ? bio.length > 160
        ? `${bio.slice(0, 159).trimEnd()}…`
        : bio
      : `${countLabel(seller.promptCount, 'prompt', 'prompts')} by ${seller.displayName} on PromptNX.`;
  return [
    { title },
    { name: 'description', content: description },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:type', content: 'profile' },
    ...(seller.avatarUrl ? [{ property: 'og:image', content: seller.avatarUrl }] : []),
    ...(seller.username ? [{ property: 'profile:username', content: seller.username }] : []),
    { tagName: 'link', rel: 'canonical', href: sellerPath(seller) },
    ...(data.cursor ? [{ name: 'robots', content: 'noindex, follow' }] : []),
  ];
};

export function ErrorBoundary() {
  return (
    <CatalogError
      notFound={{ title: 'Seller not found', message: 'There is no seller at this address.' }}
    />
  );
}

export default function SellerPage() {
  const { seller, prompts, cursor } = useLoaderData<typeof loader>();
  const here = sellerPath(seller);
  return (
    <>
      <section
        className="seller-profile"
        aria-labelledby="seller-name"
        data-testid="seller-profile"
      >
        {seller.avatarUrl ? (
          <img
            className="avatar"
            src={seller.avatarUrl}
            alt={`${seller.displayName}’s profile`}
            width={128}
            height={128}
          />
        ) : (
          <span className="avatar avatar-empty" aria-hidden="true">
            {seller.displayName.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div>
          <h1 id="seller-name">{seller.displayName}</h1>
          {seller.username ? <p className="muted">@{seller.username}</p> : null}
          {seller.bio ? <p className="seller-bio">{seller.bio}</p> : null}
          <dl className="facts facts-inline">
            <dt>Rating</dt>
            <dd>
              <Rating average={seller.rating.average} count={seller.rating.count} />
            </dd>
            <dt>Prompts</dt>
            <dd>{seller.promptCount.toLocaleString('en-US')}</dd>
            <dt>Sales</dt>
            <dd>{seller.salesCount.toLocaleString('en-US')}</dd>
            <dt>Joined</dt>
            <dd>{dateLabel(seller.joinedAt)}</dd>
          </dl>
          {seller.links.length > 0 ? (
            <ul className="chip-list" aria-label="Links">
              {seller.links.map((link) => (
                <li key={link.url}>
                  <a href={link.url} className="chip chip-small" rel="nofollow noopener ugc">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="seller-prompts-title" className="home-section">
        <h2 id="seller-prompts-title">Prompts by {seller.displayName}</h2>
        {prompts.items.length === 0 ? (
          <p>{cursor ? 'There are no more prompts.' : 'No published prompts yet.'}</p>
        ) : (
          <PromptGrid prompts={prompts.items} />
        )}
        <nav className="pager" aria-label="More prompts">
          {cursor ? <Link to={here}>Back to the first page</Link> : null}
          {prompts.nextCursor ? (
            <Link
              to={`${here}?cursor=${encodeURIComponent(prompts.nextCursor)}`}
              className="button button-secondary"
              data-testid="load-more"
            >
              Load more
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
