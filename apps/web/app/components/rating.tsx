import { countLabel, ratingLabel } from '../lib/catalog';

/** Stars for people who see them, a sentence for people who listen. */
export function Rating({
  average,
  count,
  compact = false,
}: {
  average: number;
  count: number;
  compact?: boolean;
}) {
  if (count === 0) return <span className="rating rating-none">No ratings yet</span>;
  const rounded = Math.round(average);
  return (
    <span className="rating">
      <span className="rating-stars" aria-hidden="true">
        {'★'.repeat(rounded)}
        <span className="rating-stars-off">{'★'.repeat(5 - rounded)}</span>
      </span>{' '}
      <span className="visually-hidden">Rated </span>
      <span className="rating-value">{ratingLabel(average)}</span>
      <span className="visually-hidden"> out of 5</span>{' '}
      <span className="rating-count">
        {compact
          ? `(${count.toLocaleString('en-US')})`
          : `(${countLabel(count, 'rating', 'ratings')})`}
        {compact ? <span className="visually-hidden"> ratings</span> : null}
      </span>
    </span>
  );
}
