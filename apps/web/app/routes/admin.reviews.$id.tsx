import { formatMoney } from '@promptnx/schema';
import type { MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import {
  AuditTable,
  DecisionForm,
  HistoryPanel,
  PersonLink,
  ReportList,
} from '../components/admin-parts';
import { FormError, Notice } from '../components/form-fields';
import { adminPromptPath, REVIEW_STATUS_LABELS, reasonLabel } from '../lib/admin';
import { privateHeaders } from '../lib/cache-headers';
import { modelLabel } from '../lib/catalog';
import { dateTimeLabel, receiptNumberOf } from '../lib/orders';
import type { action, loader } from './admin.reviews.$id.server';

export { action, loader } from './admin.reviews.$id.server';
export const headers = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Review of “${data.review.prompt.title}” — PromptNX admin`
      : 'Review — PromptNX admin',
  },
  { name: 'robots', content: 'noindex' },
];

export default function AdminReviewPage() {
  const { review, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const forIntent = (intent: string) =>
    result?.intent === intent
      ? { error: result.formError, reasonError: result.reasonError, reason: result.reason }
      : {};
  const { purchase } = review;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted">
            <Link to="/admin/reviews">Reviews</Link> ›
          </p>
          <h1>
            Review of <Link to={adminPromptPath(review.prompt.id)}>“{review.prompt.title}”</Link>
          </h1>
          <p>
            <span className="pill" data-testid="review-status">
              {REVIEW_STATUS_LABELS[review.status] ?? review.status}
            </span>{' '}
            {'★'.repeat(review.rating)}
            <span className="visually-hidden"> {review.rating} out of 5</span> · by{' '}
            <PersonLink person={review.buyer} /> · written {dateTimeLabel(review.createdAt)}
            {review.editedAt ? `, edited ${dateTimeLabel(review.editedAt)}` : ''}
            {review.modelUsed ? ` · used with ${modelLabel(review.modelUsed)}` : ''}
          </p>
        </div>
      </div>
      {result ? null : <Notice>{notice}</Notice>}
      {result && !result.intent ? <FormError>{result.formError}</FormError> : null}
      {review.moderationReason ? (
        <p className="alert alert-error">Moderator’s reason: {review.moderationReason}</p>
      ) : null}
      <section className="panel" aria-labelledby="review-text">
        <h2 id="review-text">What the buyer wrote</h2>
        {review.body ? (
          <div
            className="admin-review-body"
            data-testid="review-body"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the API renders Markdown through rehype-sanitize (no raw HTML)
            dangerouslySetInnerHTML={{ __html: review.bodyHtml }}
          />
        ) : (
          <p className="muted">A rating without text.</p>
        )}
        {review.sellerReply ? (
          <>
            <h3>The seller’s reply</h3>
            <p className="prewrap">{review.sellerReply}</p>
          </>
        ) : null}
      </section>

      <h2>Decide</h2>
      <div className="admin-decisions">
        {review.status === 'pending' ? (
          <>
            <DecisionForm
              intent="approve"
              label="Approve and publish"
              needsReason={false}
              {...forIntent('approve')}
              testId="approve-form"
            />
            <DecisionForm
              intent="reject"
              label="Reject"
              needsReason
              reasonLabel="Why it is rejected"
              secondary
              {...forIntent('reject')}
              testId="reject-form"
            />
          </>
        ) : null}
        {review.status === 'published' ? (
          <DecisionForm
            intent="hide"
            label="Hide review"
            needsReason
            reasonLabel="Why it is hidden"
            {...forIntent('hide')}
            testId="hide-form"
          />
        ) : null}
        {review.status === 'hidden' || review.status === 'rejected' ? (
          <DecisionForm
            intent="restore"
            label="Publish again"
            needsReason="optional"
            {...forIntent('restore')}
            testId="restore-form"
          />
        ) : null}
        {review.reports.open > 0 ? (
          <DecisionForm
            intent="dismiss-reports"
            label="Keep it: dismiss the reports"
            needsReason="optional"
            secondary
            {...forIntent('dismiss-reports')}
            testId="dismiss-form"
          />
        ) : null}
      </div>

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">
          Reports ({review.reports.open} open
          {review.reports.reasons.length
            ? `: ${review.reports.reasons.map(reasonLabel).join(', ')}`
            : ''}
          )
        </h2>
        {result?.intent?.startsWith('report-') ? <FormError>{result.formError}</FormError> : null}
        <ReportList reports={review.reportList} />
      </section>

      <div className="admin-columns">
        <section className="panel" aria-labelledby="purchase-title">
          <h2 id="purchase-title">What they bought</h2>
          <dl className="facts">
            <dt>Order</dt>
            <dd>
              {purchase.orderId ? (
                <>
                  <code title={purchase.orderId}>{receiptNumberOf(purchase.orderId)}</code> (
                  {purchase.orderStatus}; item {purchase.itemStatus})
                </>
              ) : (
                'No order (free or granted)'
              )}
            </dd>
            <dt>Paid</dt>
            <dd>
              {purchase.price ? formatMoney(purchase.price) : '—'}
              {purchase.paidAt ? ` on ${dateTimeLabel(purchase.paidAt)}` : ''}
            </dd>
            <dt>Access</dt>
            <dd>
              {purchase.entitlement
                ? `${purchase.entitlement.status} (${purchase.entitlement.source}, since ${dateTimeLabel(purchase.entitlement.grantedAt)})`
                : 'None'}
            </dd>
            <dt>Version</dt>
            <dd>
              {purchase.versionBought ? `bought version ${purchase.versionBought}` : 'unknown'}
              {purchase.currentVersion ? `; current is ${purchase.currentVersion}` : ''}
            </dd>
          </dl>
        </section>
        <HistoryPanel title="The buyer" person={review.buyer} history={review.buyerHistory} />
        <HistoryPanel title="The seller" person={review.seller} history={review.sellerHistory} />
      </div>

      {review.revisions.length ? (
        <section aria-labelledby="revisions-title">
          <h2 id="revisions-title">Earlier versions of this review</h2>
          <ol className="stack">
            {review.revisions.map((revision) => (
              <li key={revision.replacedAt} className="panel">
                <p className="muted">
                  {'★'.repeat(revision.rating)} · written {dateTimeLabel(revision.writtenAt)} ·
                  replaced {dateTimeLabel(revision.replacedAt)} · was {revision.status}
                </p>
                <p className="prewrap">{revision.body}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Decisions so far</h2>
        <AuditTable
          entries={review.audit}
          caption="Decisions about this review"
          showEntity={false}
        />
      </section>
    </>
  );
}
