import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from '@remix-run/react';
import { type FormEvent, type ReactNode, useId } from 'react';
import { TextField } from '../components/form-fields';
import { PromptGrid } from '../components/prompt-card';
import { catalogHeaders } from '../lib/cache-headers';
import { isTargetModel, MODEL_LABELS, MODELS, SORT_LABELS } from '../lib/catalog';
import { searchHref } from '../lib/search-query';
import type { loader } from './search.server';

export { loader } from './search.server';
export const headers = catalogHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const q = data?.values.q;
  const title = q ? `“${q}” — Search prompts — PromptNX` : 'Browse prompts — PromptNX';
  const description = q
    ? `AI prompts matching “${q}” on PromptNX, the open prompt marketplace.`
    : 'Browse AI prompts for ChatGPT, Claude, Gemini, Midjourney, Stable Diffusion and more: filter by model, category and price.';
  return [
    { title },
    { name: 'description', content: description },
    // Filtered and paged lists are many addresses for one list.
    ...(data?.cursor ? [{ name: 'robots', content: 'noindex, follow' }] : []),
  ];
};

function SelectField({
  label,
  name,
  defaultValue,
  error,
  children,
}: {
  label: string;
  name: string;
  defaultValue: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default function SearchPage() {
  const { values, errors, formError, categories, results, cursor } = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/search';
  const hasErrors = Object.keys(errors).length > 0 || formError !== null;

  // With JavaScript, empty fields stay out of the address; without, the browser sends them all.
  function submitFilled(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim() !== '') params.append(key, value.trim());
    }
    submit(params, { method: 'get', action: '/search' });
  }

  const heading = values.q ? `Results for “${values.q}”` : 'Browse prompts';
  const modelName = isTargetModel(values.model) ? MODEL_LABELS[values.model] : null;

  return (
    <div className="search-page">
      <h1>{heading}</h1>
      <div className="search-layout">
        <Form
          // A new address (a link, back/forward) shows its own values in the fields.
          key={location.search}
          method="get"
          action="/search"
          className="form search-form"
          role="search"
          aria-label="Search and filter prompts"
          onSubmit={submitFilled}
        >
          <TextField
            label="Search"
            name="q"
            type="search"
            maxLength={200}
            defaultValue={values.q}
            error={errors.q}
          />
          <SelectField
            label="Category"
            name="category"
            defaultValue={values.category}
            error={errors.category}
          >
            <option value="">All categories</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Model" name="model" defaultValue={values.model} error={errors.model}>
            <option value="">Any model</option>
            {MODELS.map((model) => (
              <option key={model.value} value={model.value}>
                {model.label}
              </option>
            ))}
          </SelectField>
          <fieldset className="price-fieldset">
            <legend>Price in US dollars</legend>
            <div className="price-row">
              <TextField
                label="Minimum"
                name="minPrice"
                inputMode="decimal"
                placeholder="0"
                size={6}
                defaultValue={values.minPrice}
                error={errors.minPrice}
              />
              <TextField
                label="Maximum"
                name="maxPrice"
                inputMode="decimal"
                placeholder="Any"
                size={6}
                defaultValue={values.maxPrice}
                error={errors.maxPrice}
              />
            </div>
            <div className="check-field">
              <input
                id="search-free"
                type="checkbox"
                name="free"
                value="true"
                defaultChecked={values.free}
              />
              <label htmlFor="search-free">Free only</label>
            </div>
          </fieldset>
          <SelectField label="Sort by" name="sort" defaultValue={values.sort} error={errors.sort}>
            <option value="">Recommended</option>
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {searching ? 'Searching…' : 'Search'}
          </button>
          {location.search ? <Link to="/search">Clear all filters</Link> : null}
        </Form>

        <section className="search-results" aria-labelledby="results-title" aria-busy={searching}>
          <h2 id="results-title" className="visually-hidden">
            Results
          </h2>
          {hasErrors ? (
            <div className="alert alert-error" role="alert" data-testid="search-error">
              <p>{formError ?? 'Some filters need a fix: see the messages beside them.'}</p>
              {Object.entries(errors)
                .filter(([field]) => field !== 'cursor')
                .map(([field, message]) => (
                  <p key={field}>
                    {fieldLabel(field)}: {message}
                  </p>
                ))}
            </div>
          ) : null}
          {results === null ? null : results.items.length === 0 ? (
            <div className="empty-state" data-testid="search-empty">
              <h3>No prompts found</h3>
              <p>
                {cursor
                  ? 'There are no more results.'
                  : 'Nothing matches these filters. Try fewer words, another model, or a wider price range.'}
              </p>
              <p>
                <Link to="/search">Browse all prompts</Link>
              </p>
            </div>
          ) : (
            <>
              <p className="results-summary" role="status">
                {cursor ? 'More ' : 'Showing '}
                {results.items.length} {results.items.length === 1 ? 'prompt' : 'prompts'}
                {modelName ? ` for ${modelName}` : ''}
                {values.free ? ', free only' : ''}
              </p>
              <PromptGrid prompts={results.items} />
              <nav className="pager" aria-label="More results">
                {cursor ? <Link to={searchHref(values)}>Back to the first page</Link> : null}
                {results.nextCursor ? (
                  <Link
                    to={searchHref(values, { cursor: results.nextCursor })}
                    className="button button-secondary"
                    data-testid="load-more"
                  >
                    Load more
                  </Link>
                ) : null}
              </nav>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

const FIELD_LABELS: Record<string, string> = {
  q: 'Search',
  category: 'Category',
  model: 'Model',
  minPrice: 'Minimum price',
  maxPrice: 'Maximum price',
  free: 'Free only',
  sort: 'Sort by',
};

function fieldLabel(field: string) {
  return FIELD_LABELS[field] ?? field;
}
