import type {
  AdminPerson,
  AdminReport,
  AdminUserHistory,
  AuditEntry,
  BulkResult,
} from '@promptnx/schema';
import { Form, Link, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { adminUserPath, ageLabel, auditDiff, auditEntityPath, reasonLabel } from '../lib/admin';
import { dateTimeLabel } from '../lib/orders';
import { CsrfInput } from './csrf-input';
import { TextAreaField } from './form-fields';

/** Tabs that are links (the queue is in the URL), the current one marked. */
export function QueueTabs({
  label,
  tabs,
}: {
  label: string;
  tabs: { href: string; label: string; current: boolean; count?: number | undefined }[];
}) {
  return (
    <nav aria-label={label}>
      <ul className="admin-tabs">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link to={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.label}
              {tab.count !== undefined ? ` (${tab.count})` : ''}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Someone, linked to their account page, with their status when suspended. */
export function PersonLink({ person }: { person: AdminPerson }) {
  return (
    <>
      <Link to={adminUserPath(person.id)}>
        {person.displayName || person.username || person.id}
      </Link>
      {person.status === 'suspended' ? (
        <>
          {' '}
          <span className="pill">Suspended</span>
        </>
      ) : null}
    </>
  );
}

/** A user's record, as a moderator weighs a decision. */
export function HistoryPanel({
  title,
  person,
  history,
}: {
  title: string;
  person: AdminPerson;
  history: AdminUserHistory;
}) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <p>
        <PersonLink person={person} /> · {history.role} · account {ageLabel(history.accountAgeDays)}{' '}
        old
      </p>
      {history.status === 'suspended' && history.suspendedReason ? (
        <p className="muted">Suspended: {history.suspendedReason}</p>
      ) : null}
      <dl className="facts">
        <dt>Reviews written</dt>
        <dd>
          {history.reviews.written} ({history.reviews.published} published,{' '}
          {history.reviews.pending} waiting, {history.reviews.rejected} rejected,{' '}
          {history.reviews.hidden} hidden)
        </dd>
        <dt>Reports against them</dt>
        <dd>
          {history.reportsAgainst.total} ({history.reportsAgainst.open} open)
        </dd>
        <dt>Reports they filed</dt>
        <dd>{history.reportsFiled}</dd>
        <dt>Orders</dt>
        <dd>{history.orders}</dd>
        <dt>Refunds</dt>
        <dd>
          {history.refunds.asBuyer} as buyer, {history.refunds.asSeller} of their sales
        </dd>
        <dt>Prompts</dt>
        <dd>
          {history.prompts.total} ({history.prompts.published} published, {history.prompts.hidden}{' '}
          hidden) · {history.sales} sales
        </dd>
      </dl>
    </section>
  );
}

/** The reason field and the button of one decision. */
export function DecisionForm({
  intent,
  label,
  needsReason,
  reasonLabel: fieldLabel = 'Reason',
  hidden = {},
  error,
  reasonError,
  reason,
  secondary = false,
  testId,
}: {
  intent: string;
  label: string;
  needsReason: boolean | 'optional';
  reasonLabel?: string;
  hidden?: Record<string, string>;
  error?: string | null | undefined;
  reasonError?: string | null | undefined;
  reason?: string | undefined;
  secondary?: boolean;
  testId?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  return (
    <Form method="post" className="form panel" noValidate data-testid={testId}>
      <CsrfInput />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      {needsReason ? (
        <TextAreaField
          label={needsReason === 'optional' ? `${fieldLabel} (optional)` : fieldLabel}
          name="reason"
          rows={2}
          maxLength={1000}
          required={needsReason === true}
          defaultValue={reason ?? ''}
          error={reasonError ?? undefined}
          hint={needsReason === true ? 'The user is told this.' : undefined}
        />
      ) : null}
      <button
        type="submit"
        name="intent"
        value={intent}
        className={secondary ? 'button button-secondary' : 'button'}
        disabled={busy}
      >
        {label}
      </button>
    </Form>
  );
}

/** The reports of a review or a prompt, each with its own resolve/dismiss buttons while open. */
export function ReportList({ reports }: { reports: AdminReport[] }) {
  if (reports.length === 0) return <p className="muted">Nobody reported it.</p>;
  return (
    <div className="table-scroll">
      <table className="admin-table" data-testid="report-list">
        <caption className="visually-hidden">Reports</caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Details</th>
            <th scope="col">Reporter</th>
            <th scope="col">When</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.id}>
              <td>{reasonLabel(report.reason)}</td>
              <td>{report.details || '—'}</td>
              <td>
                <PersonLink person={report.reporter} />
              </td>
              <td>{dateTimeLabel(report.createdAt)}</td>
              <td>
                {report.status === 'open' ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="reportId" value={report.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="report-resolve"
                      className="button button-small"
                    >
                      Resolve
                    </button>{' '}
                    <button
                      type="submit"
                      name="intent"
                      value="report-dismiss"
                      className="button button-small button-secondary"
                    >
                      Dismiss
                    </button>
                  </Form>
                ) : (
                  report.status
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Before → after of one audit row, changed keys marked. */
export function AuditDiff({ entry }: { entry: Pick<AuditEntry, 'before' | 'after'> }) {
  const changes = auditDiff(entry);
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="admin-diff">
      {changes.map((change) => (
        <li key={change.key} className={change.changed ? undefined : 'unchanged'}>
          <code>{change.key}</code>:{' '}
          {change.changed ? (
            <>
              <span className="visually-hidden">was </span>
              <del>{change.before}</del> <span aria-hidden="true">→</span>
              <span className="visually-hidden">, now </span> <ins>{change.after}</ins>
            </>
          ) : (
            change.after
          )}
        </li>
      ))}
    </ul>
  );
}

/** Audit rows as a table: who, when, what, about what, why, before and after. */
export function AuditTable({
  entries,
  caption,
  showEntity = true,
}: {
  entries: AuditEntry[];
  caption: string;
  showEntity?: boolean;
}) {
  if (entries.length === 0) return <p className="muted">No decisions yet.</p>;
  return (
    <div className="table-scroll">
      <table className="admin-table" data-testid="audit-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            {showEntity ? <th scope="col">About</th> : null}
            <th scope="col">Reason</th>
            <th scope="col">Before → after</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const path = auditEntityPath(entry);
            return (
              <tr key={entry.id} data-testid="audit-row">
                <td>
                  {dateTimeLabel(entry.createdAt)}
                  {entry.ip ? <div className="muted">{entry.ip}</div> : null}
                </td>
                <td>
                  {entry.actor ? (
                    <Link to={adminUserPath(entry.actor.id)}>
                      {entry.actor.displayName || entry.actor.email || entry.actor.id}
                    </Link>
                  ) : (
                    'system'
                  )}
                </td>
                <td>
                  <code>{entry.action}</code>
                </td>
                {showEntity ? (
                  <td>
                    {entry.entityType}{' '}
                    {path ? (
                      <Link to={path}>
                        <code>{entry.entityId.slice(0, 8)}</code>
                      </Link>
                    ) : (
                      <code>{entry.entityId.slice(0, 8)}</code>
                    )}
                  </td>
                ) : null}
                <td>{entry.reason ?? '—'}</td>
                <td>
                  <AuditDiff entry={entry} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What a bulk action did, item by item. */
export function BulkResults({
  result,
  nameOf,
}: {
  result: BulkResult;
  nameOf: (id: string) => string;
}) {
  return (
    <div
      className={result.failed ? 'alert alert-error' : 'alert alert-success'}
      role={result.failed ? 'alert' : 'status'}
      data-testid="bulk-results"
    >
      <p>
        {result.succeeded} done{result.failed ? `, ${result.failed} not done` : ''}.
      </p>
      {result.failed ? (
        <ul>
          {result.results
            .filter((r) => !r.ok)
            .map((r) => (
              <li key={r.id}>
                {nameOf(r.id)}: {r.error?.detail}
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "Next page" of a list, when there is one. */
export function NextPage({ href, children }: { href: string | null; children?: ReactNode }) {
  if (!href) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <Link to={href} rel="next">
        {children ?? 'Next page'}
      </Link>
    </nav>
  );
}
