import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormError } from '../components/form-fields';
import { ListingForm } from '../components/listing-form';
import editorStyles from '../components/prompt-editor.css?url';
import { privateHeaders } from '../lib/cache-headers';
import type { ListingValues } from '../lib/prompt-form';
import type { action, loader } from './sell_.prompts.new.server';

export { action, loader } from './sell_.prompts.new.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];

export const meta: MetaFunction = () => [
  { title: 'New prompt — PromptNX' },
  {
    name: 'description',
    content: 'Start a prompt to sell: its title, description, category, model, tags and price.',
  },
  { name: 'robots', content: 'noindex' },
];

const EMPTY: ListingValues = {
  title: '',
  description: '',
  category: '',
  targetModel: '',
  tags: '',
  pricing: 'paid',
  price: '',
};

export default function NewPromptPage() {
  const { categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/sell">Sell</Link>
          </li>
          <li>
            <Link to="/sell/prompts">Your prompts</Link>
          </li>
          <li aria-current="page">New prompt</li>
        </ol>
      </nav>
      <section className="panel editor-narrow" aria-labelledby="new-title">
        <h1 id="new-title">New prompt</h1>
        <p className="muted">
          Start with the listing. Next you add the template in a version, and example outputs;
          nothing is public until a moderator approves it.
        </p>
        <FormError>{result?.formError}</FormError>
        <ListingForm
          values={result?.values ?? EMPTY}
          errors={result?.errors ?? {}}
          categories={categories}
          submitLabel="Create draft"
          busy={busy}
        />
      </section>
    </>
  );
}
