import type { AdminReviewItem } from '@promptnx/schema';
import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BulkResults, NextPage, PersonLink, QueueTabs } from '../components/admin-parts';
import { CsrfInput } from '../components/csrf-input';
import {
  FormError,
  Notice,
  SelectField,
  TextAreaField,
  TextField,
} from '../components/form-fields';
import {
  adminPromptPath,
  adminReviewPath,
  excerpt,
  listUrl,
  REVIEW_QUEUE_LABELS,
  REVIEW_REPORT_REASONS,
  REVIEW_STATUS_LABELS,
  reasonLabel,
} from '../lib/admin';
import { privateHeaders } from '../lib/cache-headers';
import { dateTimeLabel } from '../lib/orders';
import type { action, loader } from './admin.reviews._index.server';

export { action, loader } from './admin.reviews._index.server';
export const headers = privateHeaders;

export const meta: MetaFunction = () => [
  { title: 'Reviews — PromptNX admin' },
  { name: 'robots', content: 'noindex' },
];

export default function AdminReviewsPage() {
  const { queue, filters, items, nextCursor, filterError, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const here = (changes: Record<string, string | undefined>) =>
    listUrl('/admin/reviews', { ...filters, ...changes });
  const titleOf = (id: string) => {
    const item = items.find((i) => i.id === id);
    return item ? `Review of “${item.prompt.title}” by ${item.buyer.displayName}` : id;
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Reviews</h1>
          <p className="muted">
            New and edited reviews wait here before they are published; reported ones until someone
            decides.
          </p>
        </div>
      </div>
      <QueueTabs
        label="Review queues"
        tabs={(['pending', 'reported', 'all'] as const).map((q) => ({
          href: here({ queue: q === 'pending' ? undefined : q }),
          label: REVIEW_QUEUE_LABELS[q],
          current: q === queue,
        }))}
      />
      <Form method="get" className="admin-filters" aria-label="Filters">
        {queue !== 'pending' ? <input type="hidden" name="queue" value={queue} /> : null}
        {queue !== 'pending' ? (
          <SelectField
            label="Status"
            name="status"
            defaultValue={filters.status ?? ''}
            placeholder="Any"
            options={Object.entries(REVIEW_STATUS_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
          />
        ) : null}
        <SelectField
          label="Report reason"
          name="reason"
          defaultValue={filters.reason ?? ''}
          placeholder="Any"
          options={REVIEW_REPORT_REASONS.map((value) => ({ value, label: reasonLabel(value) }))}
        />
        <TextField label="From" name="from" type="date" defaultValue={filters.from ?? ''} />
        <TextField label="To" name="to" type="date" defaultValue={filters.to ?? ''} />
        <TextField label="Words" name="q" type="search" defaultValue={filters.q ?? ''} />
        <TextField label="Buyer id" name="buyerId" defaultValue={filters.buyerId ?? ''} />
        <TextField label="Seller id" name="sellerId" defaultValue={filters.sellerId ?? ''} />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      <FormError>{filterError}</FormError>
      {result ? null : <Notice>{notice}</Notice>}
      {result?.bulk ? <BulkResults result={result.bulk} nameOf={titleOf} /> : null}
      {items.length === 0 ? (
        <div className="empty-state" data-testid="reviews-empty">
          <p>No reviews here.</p>
        </div>
      ) : (
        <Form method="post" noValidate aria-label="Decide on the ticked reviews">
          <CsrfInput />
          <div className="table-scroll">
            <table className="admin-table" data-testid="review-queue">
              <caption className="visually-hidden">{REVIEW_QUEUE_LABELS[queue]}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Tick</span>
                  </th>
                  <th scope="col">Review</th>
                  <th scope="col">Prompt</th>
                  <th scope="col">Buyer · seller</th>
                  <th scope="col">Reports</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <ReviewRow key={item.id} item={item} />
                ))}
              </tbody>
            </table>
          </div>
          <FormError>{result?.formError}</FormError>
          <div className="admin-bulk">
            <TextAreaField
              label="Reason (needed to hide or reject)"
              name="reason"
              rows={2}
              maxLength={1000}
              defaultValue={result?.reason ?? ''}
              error={result?.reasonError ?? undefined}
            />
            {queue === 'pending' ? (
              <>
                <button
                  type="submit"
                  name="intent"
                  value="approve"
                  className="button"
                  disabled={busy}
                >
                  Approve ticked
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="reject"
                  className="button button-secondary"
                  disabled={busy}
                >
                  Reject ticked
                </button>
              </>
            ) : (
              <>
                <button type="submit" name="intent" value="hide" className="button" disabled={busy}>
                  Hide ticked
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="approve"
                  className="button button-secondary"
                  disabled={busy}
                >
                  Approve ticked
                </button>
                {queue === 'reported' ? (
                  <button
                    type="submit"
                    name="intent"
                    value="dismiss_reports"
                    className="button button-secondary"
                    disabled={busy}
                  >
                    Keep ticked (dismiss reports)
                  </button>
                ) : null}
              </>
            )}
          </div>
        </Form>
      )}
      <NextPage href={nextCursor ? here({ cursor: nextCursor }) : null} />
    </>
  );
}

function ReviewRow({ item }: { item: AdminReviewItem }) {
  const label = `Review of “${item.prompt.title}” by ${item.buyer.displayName || 'a buyer'}`;
  return (
    <tr data-testid="review-row" data-review-id={item.id}>
      <td>
        <input type="checkbox" name="ids" value={item.id} aria-label={`Tick: ${label}`} />
      </td>
      <td>
        <Link to={adminReviewPath(item.id)} aria-label={`Open: ${label}`}>
          {'★'.repeat(item.rating)}
          <span className="visually-hidden"> {item.rating} out of 5</span>
        </Link>{' '}
        <span className="pill">{REVIEW_STATUS_LABELS[item.status] ?? item.status}</span>
        <p>{excerpt(item.body) || <span className="muted">No text</span>}</p>
      </td>
      <td>
        <Link to={adminPromptPath(item.prompt.id)}>{item.prompt.title}</Link>
      </td>
      <td>
        <PersonLink person={item.buyer} />
        <br />
        <PersonLink person={item.seller} />
      </td>
      <td>
        {item.reports.open
          ? `${item.reports.open} open: ${item.reports.reasons.map(reasonLabel).join(', ')}`
          : '—'}
      </td>
      <td>{dateTimeLabel(item.queuedAt)}</td>
    </tr>
  );
}
