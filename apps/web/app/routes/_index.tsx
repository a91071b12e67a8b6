import type { PromptCard } from '@promptnx/schema';
import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { PromptGrid } from '../components/prompt-card';
import { catalogHeaders } from '../lib/cache-headers';
import { countLabel, MODELS } from '../lib/catalog';
import { searchHref } from '../lib/search-query';
import type { loader } from './_index.server';

export { loader } from './_index.server';
export const headers = catalogHeaders;

const title = 'PromptNX — the open prompt marketplace';
const description =
  'Buy and sell AI prompts for ChatGPT, Claude, Gemini, Midjourney and Stable Diffusion.';

export const meta: MetaFunction = () => [
  { title },
  { name: 'description', content: description },
  { property: 'og:title', content: title },
  { property: 'og:description', content: description },
  { property: 'og:type', content: 'website' },
];

function PromptSection({
  id,
  heading,
  prompts,
  moreHref,
}: {
  id: string;
  heading: string;
  prompts: PromptCard[];
  moreHref: string;
}) {
  return (
    <section className="home-section" aria-labelledby={id} data-testid={id}>
      <div className="section-head">
        <h2 id={id}>{heading}</h2>
        <Link to={moreHref}>
          See all<span className="visually-hidden"> {heading.toLowerCase()} prompts</span>
        </Link>
      </div>
      {prompts.length === 0 ? <p>Nothing here yet.</p> : <PromptGrid prompts={prompts} />}
    </section>
  );
}

export default function HomePage() {
  const { categories, trending, newest, topRated } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">PromptNX — the open prompt marketplace</h1>
        <p className="lead">
          Find tested prompts for ChatGPT, Claude, Gemini, Midjourney and Stable Diffusion, or sell
          the ones you have perfected.
        </p>
        <Form method="get" action="/search" className="hero-search" role="search">
          <label htmlFor="hero-q" className="visually-hidden">
            Search prompts
          </label>
          <input id="hero-q" name="q" type="search" placeholder="Search prompts" maxLength={200} />
          <button type="submit" className="button">
            Search
          </button>
        </Form>
      </section>

      <PromptSection
        id="trending"
        heading="Trending"
        prompts={trending}
        moreHref={searchHref({ sort: 'trending' })}
      />
      <PromptSection
        id="new"
        heading="New"
        prompts={newest}
        moreHref={searchHref({ sort: 'newest' })}
      />
      <PromptSection
        id="top-rated"
        heading="Top rated"
        prompts={topRated}
        moreHref={searchHref({ sort: 'top-rated' })}
      />

      <section className="home-section" aria-labelledby="models-title">
        <h2 id="models-title">Browse by model</h2>
        <ul className="chip-list">
          {MODELS.map((model) => (
            <li key={model.value}>
              <Link to={searchHref({ model: model.value })} className="chip">
                {model.label}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="home-section" aria-labelledby="categories-title">
        <h2 id="categories-title">Browse by category</h2>
        {categories.length === 0 ? (
          <p>No categories yet.</p>
        ) : (
          <ul className="card-grid">
            {categories.map((category) => (
              <li key={category.id}>
                <Link
                  to={searchHref({ category: category.slug })}
                  className="card"
                  data-testid="category-card"
                >
                  <h3 className="card-title">{category.name}</h3>
                  {category.description ? <p>{category.description}</p> : null}
                  <p className="card-count">
                    {countLabel(category.promptCount, 'prompt', 'prompts')}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
