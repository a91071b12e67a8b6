import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Notice } from '../components/form-fields';
import editorStyles from '../components/prompt-editor.css?url';
import { PromptStatusBadge } from '../components/prompt-status-badge';
import { privateHeaders } from '../lib/cache-headers';
import { countLabel, dateLabel, priceLabel, promptPath } from '../lib/catalog';
import { editorPath } from '../lib/seller-prompts';
import type { loader } from './sell_.prompts._index.server';

export { loader } from './sell_.prompts._index.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];

export const meta: MetaFunction = () => [
  { title: 'Your prompts — PromptNX' },
  {
    name: 'description',
    content: 'The prompts you sell on PromptNX: drafts, prompts in review and published ones.',
  },
  { name: 'robots', content: 'noindex' },
];

export default function SellerPromptsPage() {
  const { prompts, notice } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your prompts</h1>
          <p className="muted">
            Drafts stay private until you submit them; a moderator reviews every new version.
          </p>
          <p>
            <Link to="/sell/dashboard">Views, sales and revenue</Link> ·{' '}
            <Link to="/sell/payouts">Payouts</Link>
          </p>
        </div>
        <Link to="/sell/prompts/new" className="button">
          New prompt
        </Link>
      </div>
      <Notice>{notice}</Notice>

      {prompts.length === 0 ? (
        <div className="empty-state" data-testid="seller-prompts-empty">
          <p>You have no prompts yet.</p>
          <p>
            <Link to="/sell/prompts/new">Write your first prompt</Link>: a title, a price, then its
            template and example outputs.
          </p>
        </div>
      ) : (
        <ul className="seller-prompt-list" aria-label="Your prompts">
          {prompts.map((prompt) => (
            <li key={prompt.id} className="seller-prompt" data-testid="seller-prompt">
              {prompt.coverUrl ? (
                <img
                  className="seller-prompt-cover"
                  src={prompt.coverUrl}
                  alt=""
                  width={96}
                  height={72}
                  loading="lazy"
                />
              ) : (
                <span
                  className="seller-prompt-cover seller-prompt-cover-empty"
                  aria-hidden="true"
                />
              )}
              <div className="seller-prompt-body">
                <h2 className="seller-prompt-title">
                  <Link to={editorPath(prompt.id)}>{prompt.title}</Link>
                </h2>
                <p className="seller-prompt-meta">
                  <PromptStatusBadge status={prompt.status} />
                  <span>{priceLabel(prompt.price)}</span>
                  <span>{countLabel(prompt.versionCount, 'version', 'versions')}</span>
                  {prompt.pendingVersions > 0 && prompt.status !== 'pending_review' ? (
                    <span>
                      {countLabel(prompt.pendingVersions, 'version', 'versions')} in review
                    </span>
                  ) : null}
                  <span className="muted">Updated {dateLabel(prompt.updatedAt)}</span>
                </p>
                {prompt.status === 'rejected' && prompt.rejectionReason ? (
                  <p className="seller-prompt-reason" data-testid="rejection-reason">
                    Rejected: {prompt.rejectionReason}
                  </p>
                ) : null}
              </div>
              <p className="seller-prompt-actions">
                <Link to={editorPath(prompt.id)} className="button button-secondary button-compact">
                  Edit<span className="visually-hidden"> {prompt.title}</span>
                </Link>
                {prompt.status === 'published' ? (
                  <Link to={promptPath(prompt)}>
                    View<span className="visually-hidden"> the public page of {prompt.title}</span>
                  </Link>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
