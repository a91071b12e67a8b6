import {
  PROMPT_REPORT_REASONS,
  type PromptDetail,
  REPLY_BODY_MAX,
  REPORT_DETAILS_MAX,
  REVIEW_BODY_MAX,
  REVIEW_REPORT_REASONS,
  REVIEW_SORTS,
  type Review,
  type ReviewSummary,
} from '@promptnx/schema';
import { Form, Link, useActionData, useLocation, useNavigation } from '@remix-run/react';
import { type ReactNode, useId } from 'react';
import { countLabel, dateLabel, MODELS, modelLabel, ratingLabel } from '../lib/catalog';
import {
  PROMPT_REPORT_LABELS,
  RATING_LABELS,
  REVIEW_REPORT_LABELS,
  REVIEW_SORT_LABELS,
  REVIEW_STATUS_LABELS,
  reviewAnchor,
  reviewsHref,
} from '../lib/reviews';
import type { ReviewActionData, ReviewSection } from '../lib/reviews.server';
import { CsrfInput } from './csrf-input';
import { FormError, GroupError, Notice, SelectField, TextAreaField } from './form-fields';

// The review section of a prompt page (decision 0018). Review and reply bodies are shown
// from `bodyHtml`, which the API renders through its sanitizer; `body` (the Markdown as
// typed) is only ever put back into a textarea, as text.

/** The action's answer when it belongs to this form (same intent, same review). */
function useFormResult(intent: ReviewActionData['intent'], reviewId: string | null = null) {
  const result = useActionData<ReviewActionData>();
  if (!result || typeof result !== 'object' || !('intent' in result)) return null;
  if (result.intent !== intent || result.reviewId !== reviewId) return null;
  return result;
}

function Stars({ rating }: { rating: number }) {
  return (
    <span className="rating">
      <span className="rating-stars" aria-hidden="true">
        {'★'.repeat(rating)}
        <span className="rating-stars-off">{'★'.repeat(5 - rating)}</span>
      </span>
      <span className="visually-hidden">
        {rating} {rating === 1 ? 'star' : 'stars'} out of 5
      </span>
    </span>
  );
}

/** Sanitized HTML from the API (rehype-sanitize: no raw HTML, scripts, handlers or javascript: links). */
function Markdown({ html, className }: { html: string; className: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: bodyHtml comes from the API's sanitizer (renderMarkdown), never from the raw body
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function RatingHistogram({ summary }: { summary: ReviewSummary }) {
  const stars = [5, 4, 3, 2, 1];
  return (
    <div className="review-summary">
      <p className="review-average">
        <span className="review-average-value">{ratingLabel(summary.average)}</span>
        <span className="muted"> out of 5 · {countLabel(summary.count, 'review', 'reviews')}</span>
      </p>
      <ul className="rating-bars" aria-label="Reviews per star">
        {stars.map((star) => {
          const n = summary.distribution[star - 1] ?? 0;
          const share = summary.count > 0 ? Math.round((n / summary.count) * 100) : 0;
          return (
            <li key={star}>
              <span className="rating-bar-label">
                {star} {star === 1 ? 'star' : 'stars'}
              </span>
              <span className="rating-bar" aria-hidden="true">
                <span className="rating-bar-fill" style={{ width: `${share}%` }} />
              </span>
              <span className="rating-bar-count">
                {n.toLocaleString('en-US')}
                <span className="visually-hidden"> reviews, {share}%</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One review as everyone sees it; `children` holds what the viewer may do with it. */
export function ReviewCard({
  review,
  children,
  headingLevel = 3,
}: {
  review: Review;
  children?: ReactNode;
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const titleId = `${reviewAnchor(review.id)}-title`;
  return (
    <article
      className="review"
      id={reviewAnchor(review.id)}
      aria-labelledby={titleId}
      data-testid="review"
    >
      <header className="review-head">
        <Heading id={titleId} className="review-author">
          {review.author.displayName || review.author.username || 'A buyer'}
        </Heading>
        <Stars rating={review.rating} />
        <p className="review-meta muted">
          <time dateTime={review.createdAt}>{dateLabel(review.createdAt)}</time>
          {review.editedAt ? ' · edited' : ''}
          {review.verifiedPurchase ? (
            <>
              {' · '}
              <span className="pill pill-accent">Verified purchase</span>
            </>
          ) : null}
          {review.version ? ` · version ${review.version}` : ''}
          {review.modelUsed ? ` · used with ${modelLabel(review.modelUsed)}` : ''}
        </p>
      </header>
      <Markdown html={review.bodyHtml} className="review-body" />
      {review.reply ? (
        <section className="review-reply" aria-label="The seller’s reply" data-testid="reply">
          <p className="review-reply-head">
            <strong>Reply from the seller</strong>{' '}
            <time className="muted" dateTime={review.reply.repliedAt}>
              {dateLabel(review.reply.repliedAt)}
            </time>
          </p>
          <Markdown html={review.reply.bodyHtml} className="review-body" />
        </section>
      ) : null}
      {children}
    </article>
  );
}

function SortNav({ path, current }: { path: string; current: ReviewSection['sort'] }) {
  return (
    <nav aria-label="Sort reviews" className="review-sorts">
      <span className="muted">Sort:</span>
      <ul>
        {REVIEW_SORTS.map((sort) => (
          <li key={sort}>
            <Link
              to={reviewsHref(path, { sort })}
              aria-current={sort === current ? 'true' : undefined}
              className={sort === current ? 'chip chip-small chip-active' : 'chip chip-small'}
              preventScrollReset
            >
              {REVIEW_SORT_LABELS[sort]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Reviews, the summary, the owner's own review and every review form of a prompt page. */
export function ReviewsSection({
  prompt,
  section,
  signedIn,
}: {
  prompt: PromptDetail;
  section: ReviewSection;
  signedIn: boolean;
}) {
  const location = useLocation();
  const path = location.pathname;
  const summary = section.list?.summary ?? prompt.reviewSummary;
  const back = encodeURIComponent(`${path}${location.search}`);
  const owner = prompt.viewer.owns && !prompt.viewer.isSeller;
  return (
    <section aria-labelledby="reviews-title" id="reviews" data-testid="reviews">
      <h2 id="reviews-title">Reviews</h2>
      <Notice>{section.notice}</Notice>
      <div data-testid="review-summary">
        {summary.count === 0 ? <p>No reviews yet.</p> : <RatingHistogram summary={summary} />}
      </div>

      {owner && section.mine ? <OwnReview prompt={prompt} mine={section.mine} /> : null}

      {section.list === null ? (
        <p className="alert alert-error" role="status">
          Reviews are unavailable right now. Please try again in a moment.
        </p>
      ) : section.list.items.length > 0 ? (
        <>
          <SortNav path={path} current={section.sort} />
          <ol className="review-list" data-testid="review-list">
            {section.list.items.map((review) => (
              <li key={review.id}>
                <ReviewCard review={review}>
                  <ReviewActions review={review} signedIn={signedIn} back={back} />
                </ReviewCard>
              </li>
            ))}
          </ol>
          <nav aria-label="More reviews" className="pagination">
            {section.cursor ? (
              <Link to={reviewsHref(path, { sort: section.sort })} preventScrollReset>
                First page
              </Link>
            ) : null}
            {section.list.nextCursor ? (
              <Link
                to={reviewsHref(path, { sort: section.sort, cursor: section.list.nextCursor })}
                rel="next"
                className="button button-secondary"
                data-testid="more-reviews"
                preventScrollReset
              >
                More reviews
              </Link>
            ) : null}
          </nav>
        </>
      ) : summary.count > 0 ? (
        <p>
          <Link to={reviewsHref(path, { sort: section.sort })}>Back to the first reviews</Link>
        </p>
      ) : null}

      {prompt.viewer.isSeller ? null : (
        <PromptReport prompt={prompt} signedIn={signedIn} back={back} />
      )}
    </section>
  );
}

/** Reply (the seller) and report (anyone else signed in) under one review. */
function ReviewActions({
  review,
  signedIn,
  back,
}: {
  review: Review;
  signedIn: boolean;
  back: string;
}) {
  if (!signedIn) {
    return (
      <p className="review-actions">
        <Link to={`/signin?redirectTo=${back}`} className="muted">
          Sign in to report this review
        </Link>
      </p>
    );
  }
  if (review.viewer.isAuthor) return null;
  return (
    <div className="review-actions">
      {review.viewer.canReply ? <ReplyForm review={review} /> : null}
      {review.viewer.reported ? (
        <p className="muted" data-testid="reported">
          You reported this review.
        </p>
      ) : (
        <ReportReviewForm review={review} />
      )}
    </div>
  );
}

function ReplyForm({ review }: { review: Review }) {
  const result = useFormResult('reply', review.id);
  return (
    <details className="review-form-details" open={result ? true : undefined}>
      <summary>Reply</summary>
      <Form method="post" className="form" data-testid="reply-form" preventScrollReset>
        <CsrfInput />
        <input type="hidden" name="intent" value="reply" />
        <input type="hidden" name="reviewId" value={review.id} />
        <FormError>{result?.formError}</FormError>
        <TextAreaField
          label="Your reply"
          name="body"
          rows={4}
          maxLength={REPLY_BODY_MAX}
          required
          defaultValue={result?.values.body ?? ''}
          error={result?.fieldErrors.body}
          hint="Shown under the review for everyone. One reply per review; Markdown works."
        />
        <p className="form-actions">
          <button type="submit" className="button">
            Publish reply
          </button>
        </p>
      </Form>
    </details>
  );
}

function ReasonField({
  name,
  reasons,
  error,
  value,
}: {
  name: string;
  reasons: { value: string; label: string }[];
  error: string | undefined;
  value: string;
}) {
  return (
    <SelectField
      label="Reason"
      name={name}
      options={reasons}
      placeholder="Choose a reason"
      required
      defaultValue={value}
      error={error}
    />
  );
}

/** A report form in a disclosure: a reason, optional details, Send report. */
function ReportForm({
  id,
  summary,
  intent,
  target,
  reasons,
  detailsLabel,
  result,
}: {
  id?: string;
  summary: string;
  intent: 'report-review' | 'report-prompt';
  /** The hidden field naming what is reported. */
  target: { name: 'reviewId' | 'promptId'; value: string };
  reasons: { value: string; label: string }[];
  detailsLabel: string;
  result: ReturnType<typeof useFormResult>;
}) {
  return (
    <details id={id} className="review-form-details" open={result ? true : undefined}>
      <summary>{summary}</summary>
      <Form method="post" className="form" data-testid={`${intent}-form`} preventScrollReset>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name={target.name} value={target.value} />
        <FormError>{result?.formError}</FormError>
        <ReasonField
          name="reason"
          reasons={reasons}
          error={result?.fieldErrors.reason}
          value={result?.values.reason ?? ''}
        />
        <TextAreaField
          label={detailsLabel}
          name="details"
          rows={3}
          maxLength={REPORT_DETAILS_MAX}
          defaultValue={result?.values.details ?? ''}
          error={result?.fieldErrors.details}
        />
        <p className="form-actions">
          <button type="submit" className="button button-secondary">
            Send report
          </button>
        </p>
      </Form>
    </details>
  );
}

function ReportReviewForm({ review }: { review: Review }) {
  const result = useFormResult('report-review', review.id);
  return (
    <ReportForm
      summary="Report"
      intent="report-review"
      target={{ name: 'reviewId', value: review.id }}
      reasons={REVIEW_REPORT_REASONS.map((value) => ({
        value,
        label: REVIEW_REPORT_LABELS[value],
      }))}
      detailsLabel="Details (optional)"
      result={result}
    />
  );
}

function PromptReport({
  prompt,
  signedIn,
  back,
}: {
  prompt: PromptDetail;
  signedIn: boolean;
  back: string;
}) {
  const result = useFormResult('report-prompt');
  if (!signedIn) {
    return (
      <p id="report-prompt" className="muted">
        <Link to={`/signin?redirectTo=${back}`}>Sign in to report this prompt</Link>
      </p>
    );
  }
  return (
    <ReportForm
      id="report-prompt"
      summary="Report this prompt"
      intent="report-prompt"
      target={{ name: 'promptId', value: prompt.id }}
      reasons={PROMPT_REPORT_REASONS.map((value) => ({
        value,
        label: PROMPT_REPORT_LABELS[value],
      }))}
      detailsLabel="What is wrong? (optional)"
      result={result}
    />
  );
}

/** The owner's review: its status, the form to write or edit it, and Delete. */
function OwnReview({
  prompt,
  mine,
}: {
  prompt: PromptDetail;
  mine: NonNullable<ReviewSection['mine']>;
}) {
  const review = mine.review;
  const deleting = useFormResult('delete-review', review?.id ?? null);
  if (!review && !mine.canReview) return null;
  return (
    <section
      id="your-review"
      className="panel own-review"
      aria-labelledby="your-review-title"
      data-testid="own-review"
    >
      <h3 id="your-review-title">{review ? 'Your review' : 'Write a review'}</h3>
      {review ? (
        <>
          <p data-testid="own-review-status">
            Status: <strong>{REVIEW_STATUS_LABELS[review.status]}</strong>
            {review.moderationReason ? ` — ${review.moderationReason}` : ''}
          </p>
          {review.status === 'published' ? (
            <p className="muted">Editing it sends it back to a moderator before it shows again.</p>
          ) : null}
          <ReviewCard review={review} headingLevel={4} />
        </>
      ) : (
        <p className="muted">
          Tell other buyers how it worked for you. A moderator reads every review before it is
          published.
        </p>
      )}
      {mine.canReview ? (
        review ? (
          <details className="review-form-details">
            <summary>Edit your review</summary>
            <ReviewForm prompt={prompt} review={review} />
          </details>
        ) : (
          <ReviewForm prompt={prompt} review={null} />
        )
      ) : null}
      {review ? (
        <Form method="post" className="inline-form" preventScrollReset>
          <CsrfInput />
          <input type="hidden" name="intent" value="delete-review" />
          <input type="hidden" name="reviewId" value={review.id} />
          <FormError>{deleting?.formError}</FormError>
          <button type="submit" className="button button-secondary" data-testid="delete-review">
            Delete your review
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function ReviewForm({ prompt, review }: { prompt: PromptDetail; review: Review | null }) {
  const result = useFormResult('review');
  const navigation = useNavigation();
  const saving = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'review';
  const ratingId = useId();
  const values = result?.values;
  const rating = Number(values?.rating ?? review?.rating ?? 0);
  const ratingError = result?.fieldErrors.rating;
  return (
    <Form method="post" className="form review-form" data-testid="review-form" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="promptId" value={prompt.id} />
      <FormError>{result?.formError}</FormError>
      <fieldset
        className="rating-input"
        aria-describedby={ratingError ? `${ratingId}-error` : undefined}
        aria-invalid={ratingError ? true : undefined}
      >
        <legend>Your rating</legend>
        {[5, 4, 3, 2, 1].map((n) => (
          <label key={n} className="rating-choice">
            <input type="radio" name="rating" value={n} defaultChecked={rating === n} required />
            <span className="rating-stars" aria-hidden="true">
              {'★'.repeat(n)}
              <span className="rating-stars-off">{'★'.repeat(5 - n)}</span>
            </span>{' '}
            {n} {n === 1 ? 'star' : 'stars'} — {RATING_LABELS[n]}
          </label>
        ))}
        <GroupError id={`${ratingId}-error`}>{ratingError}</GroupError>
      </fieldset>
      <TextAreaField
        label="Your review"
        name="body"
        rows={6}
        minLength={10}
        maxLength={REVIEW_BODY_MAX}
        required
        defaultValue={values?.body ?? review?.body ?? ''}
        error={result?.fieldErrors.body}
        hint="What did you use it for, and how well did it work? 10 to 5,000 characters; Markdown works (**bold**, lists, links)."
      />
      <SelectField
        label="Model you used it with"
        name="modelUsed"
        options={MODELS}
        placeholder="Not saying"
        defaultValue={values?.modelUsed ?? review?.modelUsed ?? prompt.targetModel}
        error={result?.fieldErrors.modelUsed}
      />
      <p className="form-actions">
        <button type="submit" className="button" data-testid="save-review">
          {saving ? 'Saving…' : review ? 'Update your review' : 'Post your review'}
        </button>
      </p>
    </Form>
  );
}
