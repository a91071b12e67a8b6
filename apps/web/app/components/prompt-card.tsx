import type { PromptCard as PromptCardData } from '@promptnx/schema';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { modelLabel, priceLabel, promptPath } from '../lib/catalog';
import { Rating } from './rating';

/** The cover's box: every card reserves it, so nothing shifts while images arrive. */
export const COVER_WIDTH = 320;
export const COVER_HEIGHT = 240;

/**
 * A prompt in a list, the same everywhere (home, search, seller pages, favorites).
 * The title's link covers the whole card; `children` (e.g. a remove button) sit on top.
 */
export function PromptCard({
  prompt,
  headingLevel = 3,
  children,
}: {
  prompt: PromptCardData;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const model = modelLabel(prompt.targetModel);
  return (
    <article className="prompt-card" data-testid="prompt-card">
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
        <Heading className="prompt-card-title">
          <Link to={promptPath(prompt)} prefetch="intent" className="prompt-card-link">
            {prompt.title}
          </Link>
        </Heading>
        <p className="prompt-card-meta">
          <span className="pill">{model}</span>
          <span className="prompt-card-price" data-testid="prompt-card-price">
            {priceLabel(prompt.price)}
          </span>
        </p>
        <p className="prompt-card-rating">
          <Rating average={prompt.rating.average} count={prompt.rating.count} compact />
        </p>
        <p className="prompt-card-seller">by {prompt.seller.displayName}</p>
        {children ? <div className="prompt-card-actions">{children}</div> : null}
      </div>
    </article>
  );
}

/** Cards in a grid: a list, so screen readers announce how many there are. */
export function PromptGrid({
  prompts,
  headingLevel,
  label,
}: {
  prompts: PromptCardData[];
  headingLevel?: 2 | 3;
  label?: string;
}) {
  return (
    <ul className="prompt-grid" aria-label={label}>
      {prompts.map((prompt) => (
        <li key={prompt.id}>
          <PromptCard prompt={prompt} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
