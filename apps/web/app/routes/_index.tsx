import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { loader } from './_index.server';

export { loader } from './_index.server';

const title = 'PromptNX — the open prompt marketplace';
const description =
  'Buy and sell AI prompts for ChatGPT, Claude, Gemini, Midjourney and Stable Diffusion.';

export const meta: MetaFunction = () => [
  { title },
  { name: 'description', content: description },
  { property: 'og:title', content: title },
  { property: 'og:description', content: description },
];

export default function HomePage() {
  const { categories } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">PromptNX — the open prompt marketplace</h1>
        <p className="lead">
          Find tested prompts for ChatGPT, Claude, Gemini, Midjourney and Stable Diffusion, or sell
          the ones you have perfected.
        </p>
      </section>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">Browse by category</h2>
        {categories.length === 0 ? (
          <p>No categories yet.</p>
        ) : (
          <ul className="card-grid">
            {categories.map((category) => (
              <li key={category.id}>
                <Link
                  to={`/search?category=${encodeURIComponent(category.slug)}`}
                  className="card"
                  data-testid="category-card"
                >
                  <h3 className="card-title">{category.name}</h3>
                  {category.description ? <p>{category.description}</p> : null}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
