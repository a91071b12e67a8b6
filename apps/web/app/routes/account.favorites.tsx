import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice } from '../components/form-fields';
import { PromptCard } from '../components/prompt-card';
import { privateHeaders } from '../lib/cache-headers';
import type { action, loader } from './account.favorites.server';

export { action, loader } from './account.favorites.server';
export const headers = privateHeaders;

export const meta: MetaFunction = () => [
  { title: 'Your favorites — PromptNX' },
  { name: 'description', content: 'The prompts you saved on PromptNX.' },
  { name: 'robots', content: 'noindex' },
];

export default function FavoritesPage() {
  const { favorites, cursor, removed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const removing = navigation.state === 'submitting' ? navigation.formData?.get('promptId') : null;

  return (
    <>
      <h1>Your favorites</h1>
      <FormError>{result?.formError}</FormError>
      {removed && !result ? <Notice>Removed from your favorites.</Notice> : null}
      {favorites.items.length === 0 ? (
        <div className="empty-state" data-testid="favorites-empty">
          <p>
            {cursor
              ? 'There are no more favorites.'
              : 'You have no favorites yet. Save prompts you like with “Add to favorites” on their page.'}
          </p>
          <p>
            <Link to="/search">Browse prompts</Link>
          </p>
        </div>
      ) : (
        <ul className="prompt-grid">
          {favorites.items.map((prompt) => (
            <li key={prompt.id}>
              <PromptCard prompt={prompt} headingLevel={2}>
                <Form method="post" preventScrollReset>
                  <CsrfInput />
                  <input type="hidden" name="promptId" value={prompt.id} />
                  {cursor ? <input type="hidden" name="cursor" value={cursor} /> : null}
                  <button
                    type="submit"
                    className="button button-secondary button-small-secondary"
                    disabled={removing === prompt.id}
                  >
                    {removing === prompt.id ? 'Removing…' : 'Remove'}
                    <span className="visually-hidden"> {prompt.title} from your favorites</span>
                  </button>
                </Form>
              </PromptCard>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label="More favorites">
        {cursor ? <Link to="/account/favorites">Back to the first page</Link> : null}
        {favorites.nextCursor ? (
          <Link
            to={`/account/favorites?cursor=${encodeURIComponent(favorites.nextCursor)}`}
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
