import type { PromptDetail } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from '@remix-run/react';
import { CatalogError } from '../components/catalog-error';
import { MessageSellerLink } from '../components/chat-parts';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice } from '../components/form-fields';
import { Rating } from '../components/rating';
import { ReviewsSection } from '../components/reviews';
import reviewStyles from '../components/reviews.css?url';
import { VariablesTable } from '../components/variables-table';
import { catalogHeaders } from '../lib/cache-headers';
import { countLabel, dateLabel, modelLabel, priceLabel, sellerPath } from '../lib/catalog';
import { libraryPath } from '../lib/orders';
import { searchHref } from '../lib/search-query';
import type { action, BuyActionData, FavoriteActionData, loader } from './p.$slug.server';

export { action, loader } from './p.$slug.server';
export const headers = catalogHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reviewStyles }];

function summary(text: string, max = 160) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) {
    return [
      { title: 'Prompt not found — PromptNX' },
      { name: 'description', content: 'This prompt does not exist or is no longer for sale.' },
    ];
  }
  const { prompt } = data;
  const title = `${prompt.title} — ${modelLabel(prompt.targetModel)} prompt — PromptNX`;
  const description = summary(prompt.description);
  return [
    { title },
    { name: 'description', content: description },
    { property: 'og:title', content: prompt.title },
    { property: 'og:description', content: description },
    { property: 'og:type', content: 'product' },
    ...(prompt.coverUrl
      ? [
          { property: 'og:image', content: prompt.coverUrl },
          { name: 'twitter:card', content: 'summary_large_image' },
        ]
      : [{ name: 'twitter:card', content: 'summary' }]),
    { tagName: 'link', rel: 'canonical', href: `/p/${encodeURIComponent(prompt.slug)}` },
    ...(prompt.status === 'published' ? [] : [{ name: 'robots', content: 'noindex' }]),
  ];
};

export function ErrorBoundary() {
  return (
    <CatalogError
      notFound={{
        title: 'Prompt not found',
        message: 'This prompt does not exist, or it is no longer for sale.',
      }}
    />
  );
}

const STATUS_LABELS: Record<PromptDetail['status'], string> = {
  draft: 'Draft',
  pending_review: 'In review',
  published: 'Published',
  rejected: 'Rejected',
  archived: 'Archived',
  hidden: 'Hidden by a moderator',
};

export default function PromptPage() {
  const { prompt, reviews, signedIn, buyKey } = useLoaderData<typeof loader>();
  const current =
    prompt.versions.find((v) => v.version === prompt.currentVersion) ?? prompt.versions[0];

  return (
    <article className="prompt-page" aria-labelledby="prompt-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li>
            <Link to={searchHref({ category: prompt.category.slug })}>{prompt.category.name}</Link>
          </li>
          <li aria-current="page">{prompt.title}</li>
        </ol>
      </nav>

      <header className="prompt-header">
        <h1 id="prompt-title">{prompt.title}</h1>
        <p className="prompt-facts">
          <Link to={searchHref({ model: prompt.targetModel })} className="pill">
            {modelLabel(prompt.targetModel)}
          </Link>
          <span>
            in{' '}
            <Link to={searchHref({ category: prompt.category.slug })}>{prompt.category.name}</Link>
          </span>
          <Rating average={prompt.rating.average} count={prompt.rating.count} />
          <span>{countLabel(prompt.salesCount, 'sale', 'sales')}</span>
        </p>
      </header>

      <div className="prompt-layout">
        <div className="prompt-main">
          <section aria-labelledby="about-title">
            <h2 id="about-title">About this prompt</h2>
            <p className="prompt-description">{prompt.description}</p>
            {prompt.tags.length > 0 ? (
              <ul className="chip-list" aria-label="Tags">
                {prompt.tags.map((tag) => (
                  <li key={tag}>
                    <Link to={searchHref({ q: tag })} className="chip chip-small">
                      #{tag}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>

          {prompt.assets.length > 0 ? <Gallery prompt={prompt} /> : null}

          {current && current.variables.length > 0 ? (
            <section aria-labelledby="variables-title">
              <h2 id="variables-title">What you fill in</h2>
              <p className="muted">
                The prompt asks for these values; the template itself is yours once you own it.
              </p>
              <VariablesTable variables={current.variables} />
            </section>
          ) : null}

          <section aria-labelledby="versions-title" data-testid="versions">
            <h2 id="versions-title">Versions</h2>
            {prompt.versions.length === 0 ? (
              <p>No published version yet.</p>
            ) : (
              <ol className="version-list">
                {prompt.versions.map((version) => (
                  <li key={version.id} className="version" data-testid="version">
                    <h3>
                      Version {version.version}
                      {version.version === prompt.currentVersion ? (
                        <span className="pill pill-accent">Current</span>
                      ) : null}
                    </h3>
                    {version.publishedAt ? (
                      <p className="muted">Published {dateLabel(version.publishedAt)}</p>
                    ) : null}
                    {version.changelog ? (
                      <p className="changelog" data-testid="changelog">
                        {version.changelog}
                      </p>
                    ) : null}
                    {version.testedModels.length > 0 ? (
                      <p className="muted">
                        Tested with {version.testedModels.map(modelLabel).join(', ')}
                      </p>
                    ) : null}
                    {version.variables.length > 0 && version.id !== current?.id ? (
                      <details>
                        <summary>Variables in version {version.version}</summary>
                        <VariablesTable variables={version.variables} />
                      </details>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <ReviewsSection prompt={prompt} section={reviews} signedIn={signedIn} />
        </div>

        <aside className="prompt-aside" aria-label="Buy and save">
          <ActionBox prompt={prompt} signedIn={signedIn} buyKey={buyKey} />
          <SellerCard prompt={prompt} />
          {prompt.viewer.isSeller ? null : (
            <MessageSellerLink promptId={prompt.id} sellerName={prompt.seller.displayName} />
          )}
        </aside>
      </div>
    </article>
  );
}

function Gallery({ prompt }: { prompt: PromptDetail }) {
  return (
    <section aria-labelledby="gallery-title">
      <h2 id="gallery-title">Examples</h2>
      <ul className="gallery">
        {prompt.assets.map((asset, index) => {
          const width = 320;
          const height = asset.width > 0 ? Math.round((width * asset.height) / asset.width) : width;
          return (
            <li key={asset.id}>
              <a href={asset.url} className="gallery-link">
                <img
                  src={asset.thumbnailUrl ?? asset.url}
                  alt={asset.altText || `Example ${index + 1} for ${prompt.title}`}
                  width={width}
                  height={height}
                  loading={index < 2 ? 'eager' : 'lazy'}
                  decoding="async"
                  data-testid="gallery-image"
                />
                <span className="visually-hidden"> (full size)</span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ActionBox({
  prompt,
  signedIn,
  buyKey,
}: {
  prompt: PromptDetail;
  signedIn: boolean;
  buyKey: string | null;
}) {
  const { viewer } = prompt;
  const [searchParams] = useSearchParams();
  const cancelled = searchParams.get('checkout') === 'cancelled';
  return (
    <section className="panel action-box" aria-labelledby="price-title" data-testid="action-box">
      <h2 id="price-title" className="price">
        {priceLabel(prompt.price)}
      </h2>
      {viewer.isSeller ? (
        <>
          <p>
            You sell this prompt. Status:{' '}
            <strong data-testid="prompt-status">{STATUS_LABELS[prompt.status]}</strong>
          </p>
          <Link to={`/sell/prompts/${encodeURIComponent(prompt.id)}`} className="button">
            Edit
          </Link>
        </>
      ) : viewer.owns ? (
        <p className="owned" data-testid="owned">
          <strong>You own this.</strong>{' '}
          <Link to={libraryPath(prompt.id)} data-testid="open-in-library">
            In your library
          </Link>
          {' · '}
          <a href="#your-review" data-testid="write-review">
            Your review
          </a>
        </p>
      ) : (
        <>
          {cancelled ? <Notice>Checkout cancelled: you were not charged.</Notice> : null}
          {signedIn && buyKey ? (
            <BuyForm prompt={prompt} buyKey={buyKey} />
          ) : (
            <SignInToBuy prompt={prompt} />
          )}
        </>
      )}
      {viewer.isSeller ? null : <FavoriteToggle prompt={prompt} signedIn={signedIn} />}
    </section>
  );
}

function buyLabel(prompt: PromptDetail) {
  return prompt.price.amount === 0 ? 'Get it free' : 'Buy';
}

/** Anonymous visitors (a shared, cached page without a CSRF token) sign in first. */
function SignInToBuy({ prompt }: { prompt: PromptDetail }) {
  const location = useLocation();
  const back = encodeURIComponent(location.pathname);
  return (
    <Link
      to={`/signin?redirectTo=${back}`}
      className="button button-wide buy-button"
      data-testid="buy"
    >
      <span>{buyLabel(prompt)}</span>
      <span className="button-note">Sign in to continue</span>
    </Link>
  );
}

function BuyForm({ prompt, buyKey }: { prompt: PromptDetail; buyKey: string }) {
  const result = useActionData<BuyActionData | FavoriteActionData>();
  const refused = result && 'intent' in result && result.intent === 'buy' ? result : null;
  const navigation = useNavigation();
  const buying = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'buy';
  const free = prompt.price.amount === 0;
  return (
    <Form method="post" className="buy-form" data-testid="buy-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="buy" />
      <input type="hidden" name="promptId" value={prompt.id} />
      <input type="hidden" name="idempotencyKey" value={buyKey} />
      <button
        type="submit"
        className="button button-wide buy-button"
        data-testid="buy"
        aria-disabled={buying || undefined}
        onClick={(event) => {
          // One order per click: a second click while the first is on its way does nothing
          // (the server would answer it with the same order anyway).
          if (buying) event.preventDefault();
        }}
      >
        <span>{buying ? (free ? 'Adding it…' : 'Opening checkout…') : buyLabel(prompt)}</span>
        <span className="button-note">
          {free ? 'Goes straight to your library' : 'Pay securely on the next page'}
        </span>
      </button>
      {refused ? (
        <div className="alert alert-error" role="alert" data-testid="buy-error">
          <p>{refused.formError}</p>
          {refused.owned ? (
            <p>
              <Link to={libraryPath(prompt.id)}>Open it in your library</Link>
            </p>
          ) : null}
        </div>
      ) : null}
    </Form>
  );
}

function FavoriteToggle({ prompt, signedIn }: { prompt: PromptDetail; signedIn: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const location = useLocation();
  if (!signedIn) {
    const back = encodeURIComponent(`${location.pathname}${location.search}`);
    return (
      <p>
        <Link to={`/signin?redirectTo=${back}`}>Sign in to save it to your favorites</Link>
      </p>
    );
  }
  // While the post is on its way, show what it will make true.
  const pending = fetcher.formData?.get('intent');
  const favorited = pending ? pending === 'favorite' : prompt.viewer.favorited;
  return (
    <fetcher.Form method="post" className="favorite-form">
      <CsrfInput />
      <input type="hidden" name="promptId" value={prompt.id} />
      <input type="hidden" name="intent" value={favorited ? 'unfavorite' : 'favorite'} />
      <button
        type="submit"
        className="button button-secondary button-wide"
        aria-pressed={favorited}
        data-testid="favorite-toggle"
      >
        {favorited ? '♥ In your favorites' : '♡ Add to favorites'}
      </button>
      <FormError>{fetcher.data?.formError}</FormError>
    </fetcher.Form>
  );
}

function SellerCard({ prompt }: { prompt: PromptDetail }) {
  const { seller, sellerStats } = prompt;
  return (
    <section className="panel seller-card" aria-labelledby="seller-title" data-testid="seller-card">
      <h2 id="seller-title" className="visually-hidden">
        Seller
      </h2>
      <div className="seller-card-head">
        {seller.avatarUrl ? (
          <img
            className="avatar avatar-small"
            src={seller.avatarUrl}
            alt=""
            width={56}
            height={56}
            loading="lazy"
          />
        ) : (
          <span className="avatar avatar-small avatar-empty" aria-hidden="true">
            {seller.displayName.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div>
          <p className="seller-card-name">
            <Link to={sellerPath(seller)}>{seller.displayName}</Link>
          </p>
          {seller.username ? <p className="muted">@{seller.username}</p> : null}
        </div>
      </div>
      <dl className="facts">
        <dt>Rating</dt>
        <dd>
          <Rating average={sellerStats.rating.average} count={sellerStats.rating.count} compact />
        </dd>
        <dt>Prompts</dt>
        <dd>{sellerStats.promptCount.toLocaleString('en-US')}</dd>
        <dt>Sales</dt>
        <dd>{sellerStats.salesCount.toLocaleString('en-US')}</dd>
      </dl>
    </section>
  );
}
