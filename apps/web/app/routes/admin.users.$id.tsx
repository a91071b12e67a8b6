import type { MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuditTable, DecisionForm, HistoryPanel } from '../components/admin-parts';
import { Notice } from '../components/form-fields';
import { listUrl } from '../lib/admin';
import { privateHeaders } from '../lib/cache-headers';
import { dateTimeLabel } from '../lib/orders';
import type { action, loader } from './admin.users.$id.server';

export { action, loader } from './admin.users.$id.server';
export const headers = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.user.displayName || data.user.email} — PromptNX admin`
      : 'User — PromptNX admin',
  },
  { name: 'robots', content: 'noindex' },
];

export default function AdminUserPage() {
  const { user, self, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const suspended = user.status === 'suspended';
  const intent = suspended ? 'reinstate' : 'suspend';
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted">
            <Link to="/admin/users">Users</Link> ›
          </p>
          <h1>{user.displayName || user.username || user.email}</h1>
          <p>
            {user.email} · {user.role}
            {user.sellerStatus ? ` (seller account ${user.sellerStatus})` : ''} · joined{' '}
            {dateTimeLabel(user.createdAt)} ·{' '}
            <span className="pill" data-testid="user-status">
              {suspended ? 'Suspended' : 'Active'}
            </span>
          </p>
        </div>
      </div>
      {result ? null : <Notice>{notice}</Notice>}
      {suspended ? (
        <p className="alert alert-error">
          Suspended {dateTimeLabel(user.suspendedAt)}: {user.suspendedReason}
        </p>
      ) : null}
      <div className="admin-columns">
        <HistoryPanel
          title="Record"
          person={{
            id: user.id,
            displayName: user.displayName,
            username: user.username,
            status: user.status,
          }}
          history={user.history}
        />
        <section className="panel" aria-labelledby="links-title">
          <h2 id="links-title">Their things</h2>
          <ul>
            <li>
              <Link to={listUrl('/admin/reviews', { queue: 'all', buyerId: user.id })}>
                Reviews they wrote
              </Link>
            </li>
            <li>
              <Link to={listUrl('/admin/reviews', { queue: 'all', sellerId: user.id })}>
                Reviews of their prompts
              </Link>
            </li>
            <li>
              <Link to={listUrl('/admin/prompts', { queue: 'all', sellerId: user.id })}>
                Their prompts
              </Link>
            </li>
            <li>
              <Link to={listUrl('/admin/audit', { actorId: user.id })}>Decisions they made</Link>
            </li>
          </ul>
        </section>
      </div>
      {self ? (
        <p className="muted">This is your own account: another admin has to suspend it.</p>
      ) : (
        <div className="admin-decisions">
          <DecisionForm
            intent={intent}
            label={suspended ? 'Reinstate account' : 'Suspend account'}
            needsReason
            reasonLabel={suspended ? 'Why it is reinstated' : 'Why it is suspended'}
            secondary={!suspended}
            error={result?.formError}
            reasonError={result?.reasonError}
            reason={result?.reason}
            testId="suspension-form"
          />
          {suspended ? null : (
            <p className="muted">
              A suspended account can still sign in and use what it bought, but cannot post, sell,
              buy or change anything; its prompts leave the catalog and search at once and come back
              when it is reinstated.
            </p>
          )}
        </div>
      )}
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Decisions about this account</h2>
        <AuditTable
          entries={user.audit}
          caption="Decisions about this account"
          showEntity={false}
        />
      </section>
    </>
  );
}
