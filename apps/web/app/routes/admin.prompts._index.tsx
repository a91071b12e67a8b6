import { type AdminPromptQueueItem, formatMoney } from '@promptnx/schema';
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
  HIDDEN_CAUSE_LABELS,
  listUrl,
  PROMPT_QUEUE_LABELS,
  PROMPT_REPORT_REASONS,
  reasonLabel,
} from '../lib/admin';
import { privateHeaders } from '../lib/cache-headers';
import { dateTimeLabel } from '../lib/orders';
import { PROMPT_STATUS_LABELS } from '../lib/seller-prompts';
import type { action, loader } from './admin.prompts._index.server';

export { action, loader } from './admin.prompts._index.server';
export const headers = privateHeaders;

export const meta: MetaFunction = () => [
  { title: 'Prompts — PromptNX admin' },
  { name: 'robots', content: 'noindex' },
];

export default function AdminPromptsPage() {
  const { queue, filters, items, nextCursor, filterError, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const here = (changes: Record<string, string | undefined>) =>
    listUrl('/admin/prompts', { ...filters, ...changes });
  const titleOf = (id: string) => items.find((i) => i.id === id)?.title ?? id;
  const button = (intent: string, label: string, secondary = false) => (
    <button
      type="submit"
      name="intent"
      value={intent}
      className={secondary ? 'button button-secondary' : 'button'}
      disabled={busy}
    >
      {label}
    </button>
  );
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Prompts</h1>
          <p className="muted">
            Submitted versions wait here before buyers get them; reported prompts until someone
            decides. Open a prompt to read its template.
          </p>
        </div>
      </div>
      <QueueTabs
        label="Prompt queues"
        tabs={(['pending', 'reported', 'hidden', 'all'] as const).map((q) => ({
          href: here({ queue: q === 'pending' ? undefined : q }),
          label: PROMPT_QUEUE_LABELS[q],
          current: q === queue,
        }))}
      />
      <Form method="get" className="admin-filters" aria-label="Filters">
        {queue !== 'pending' ? <input type="hidden" name="queue" value={queue} /> : null}
        {queue === 'all' ? (
          <SelectField
            label="Status"
            name="status"
            defaultValue={filters.status ?? ''}
            placeholder="Any"
            options={Object.entries(PROMPT_STATUS_LABELS).map(([value, label]) => ({
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
          options={PROMPT_REPORT_REASONS.map((value) => ({ value, label: reasonLabel(value) }))}
        />
        <TextField label="From" name="from" type="date" defaultValue={filters.from ?? ''} />
        <TextField label="To" name="to" type="date" defaultValue={filters.to ?? ''} />
        <TextField label="Words" name="q" type="search" defaultValue={filters.q ?? ''} />
        <TextField label="Seller id" name="sellerId" defaultValue={filters.sellerId ?? ''} />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      <FormError>{filterError}</FormError>
      {result ? null : <Notice>{notice}</Notice>}
      {result?.bulk ? <BulkResults result={result.bulk} nameOf={titleOf} /> : null}
      {items.length === 0 ? (
        <div className="empty-state" data-testid="prompts-empty">
          <p>No prompts here.</p>
        </div>
      ) : (
        <Form method="post" noValidate aria-label="Decide on the ticked prompts">
          <CsrfInput />
          <div className="table-scroll">
            <table className="admin-table" data-testid="prompt-queue">
              <caption className="visually-hidden">{PROMPT_QUEUE_LABELS[queue]}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Tick</span>
                  </th>
                  <th scope="col">Prompt</th>
                  <th scope="col">Seller</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Flags · reports</th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <PromptRow key={item.id} item={item} />
                ))}
              </tbody>
            </table>
          </div>
          <FormError>{result?.formError}</FormError>
          <div className="admin-bulk">
            <TextAreaField
              label="Reason (needed to reject or hide)"
              name="reason"
              rows={2}
              maxLength={1000}
              defaultValue={result?.reason ?? ''}
              error={result?.reasonError ?? undefined}
            />
            {queue === 'pending' ? (
              <>
                {button('approve', 'Approve ticked')}
                {button('reject', 'Reject ticked', true)}
              </>
            ) : queue === 'hidden' ? (
              button('restore', 'Restore ticked')
            ) : (
              <>
                {button('hide', 'Hide ticked')}
                {queue === 'reported'
                  ? button('dismiss_reports', 'Keep ticked (dismiss reports)', true)
                  : null}
              </>
            )}
          </div>
        </Form>
      )}
      <NextPage href={nextCursor ? here({ cursor: nextCursor }) : null} />
    </>
  );
}

function PromptRow({ item }: { item: AdminPromptQueueItem }) {
  return (
    <tr data-testid="prompt-row" data-prompt-id={item.id}>
      <td>
        <input type="checkbox" name="ids" value={item.id} aria-label={`Tick: ${item.title}`} />
      </td>
      <td>
        <Link to={adminPromptPath(item.id)}>{item.title}</Link>
        <div className="muted">
          {PROMPT_STATUS_LABELS[item.status] ?? item.status} · {formatMoney(item.price)}
          {item.hiddenCause ? ` · ${HIDDEN_CAUSE_LABELS[item.hiddenCause]}` : ''}
        </div>
      </td>
      <td>
        <PersonLink person={item.seller} />
      </td>
      <td>
        {item.pendingVersions.length ? (
          `Version ${item.pendingVersions.join(', ')}`
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        {item.flags.length ? (
          <span className="pill" data-testid="flag-count">
            {item.flags.length} near-duplicate{item.flags.length === 1 ? '' : 's'} (
            {Math.round(Math.max(...item.flags.map((f) => f.similarity)) * 100)}%)
          </span>
        ) : null}{' '}
        {item.reports.open
          ? `${item.reports.open} open: ${item.reports.reasons.map(reasonLabel).join(', ')}`
          : item.flags.length
            ? null
            : '—'}
      </td>
      <td>{dateTimeLabel(item.queuedAt)}</td>
    </tr>
  );
}
