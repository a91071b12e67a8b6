import { formatMoney, type Refund } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from '@remix-run/react';
import { CsrfInput } from '../components/csrf-input';
import { Notice, TextAreaField } from '../components/form-fields';
import { RefundStatusBadge } from '../components/order-parts';
import orderStyles from '../components/orders.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { countLabel } from '../lib/catalog';
import { dateTimeLabel, receiptNumberOf } from '../lib/orders';
import type { action, DecisionActionData, loader } from './admin.refunds.server';

export { action, loader } from './admin.refunds.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: orderStyles }];

export const meta: MetaFunction = () => [
  { title: 'Refund requests — PromptNX admin' },
  { name: 'robots', content: 'noindex' },
];

export default function AdminRefundsPage() {
  const { refunds, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Refund requests</h1>
          <p className="muted">
            Buyers ask within the refund window; approving refunds the payment and takes the prompts
            out of their library.
          </p>
        </div>
      </div>
      {result ? null : <Notice>{notice}</Notice>}
      {refunds.length === 0 ? (
        <div className="empty-state" data-testid="refunds-empty">
          <p>No refund requests are waiting.</p>
        </div>
      ) : (
        <ul className="refund-list" aria-label="Refund requests">
          {refunds.map((refund) => (
            <RefundRequest
              key={refund.id}
              refund={refund}
              result={result?.refundId === refund.id ? result : null}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function RefundRequest({ refund, result }: { refund: Refund; result: DecisionActionData | null }) {
  const navigation = useNavigation();
  const busy =
    navigation.state === 'submitting' && navigation.formData?.get('refundId') === refund.id;
  return (
    <li className="refund panel" data-testid="refund-request">
      <h2 className="refund-title">
        {formatMoney(refund.amount)} · order{' '}
        <code title={refund.orderId}>{receiptNumberOf(refund.orderId)}</code>{' '}
        <RefundStatusBadge status={refund.status} />
      </h2>
      <p className="muted">
        Asked {dateTimeLabel(refund.createdAt)} ·{' '}
        {countLabel(refund.itemIds.length, 'prompt', 'prompts')}
      </p>
      <p className="prewrap" data-testid="refund-reason">
        {refund.reason}
      </p>
      {result?.formError ? (
        <div className="alert alert-error" role="alert">
          {result.formError}
        </div>
      ) : null}
      {refund.status === 'requested' ? (
        <div className="refund-decisions">
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="refundId" value={refund.id} />
            <button
              type="submit"
              name="intent"
              value="approve"
              className="button"
              disabled={busy}
              data-testid="approve-refund"
            >
              Approve
            </button>
          </Form>
          <Form method="post" className="form refund-deny" noValidate>
            <CsrfInput />
            <input type="hidden" name="refundId" value={refund.id} />
            <TextAreaField
              label="Reason to deny"
              name="reason"
              rows={2}
              maxLength={1000}
              defaultValue={result?.reason ?? ''}
              error={result?.reasonError ?? undefined}
            />
            <button
              type="submit"
              name="intent"
              value="deny"
              className="button button-secondary"
              disabled={busy}
              data-testid="deny-refund"
            >
              Deny
            </button>
          </Form>
        </div>
      ) : null}
    </li>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">{forbidden ? 'Admins only' : 'Something went wrong'}</h1>
      <p>
        {forbidden
          ? 'Only admins can see this page.'
          : 'Refund requests are unavailable right now. Please try again in a few moments.'}
      </p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
