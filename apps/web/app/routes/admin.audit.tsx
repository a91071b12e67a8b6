import type { MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { AuditTable, NextPage } from '../components/admin-parts';
import { FormError, SelectField, TextField } from '../components/form-fields';
import { listUrl } from '../lib/admin';
import { privateHeaders } from '../lib/cache-headers';
import type { loader } from './admin.audit.server';

export { loader } from './admin.audit.server';
export const headers = privateHeaders;

export const meta: MetaFunction = () => [
  { title: 'Audit log — PromptNX admin' },
  { name: 'robots', content: 'noindex' },
];

const ENTITY_TYPES = ['review', 'prompt', 'user', 'order', 'review_report', 'prompt_report'];

export default function AdminAuditPage() {
  const { filters, items, nextCursor, filterError } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="muted">
            Every decision: who made it, when, from where, about what, why, and what changed.
            Nothing here can be edited or deleted.
          </p>
        </div>
      </div>
      <Form method="get" className="admin-filters" aria-label="Filters">
        <TextField
          label="Action"
          name="action"
          defaultValue={filters.action ?? ''}
          placeholder="review.hidden or review.*"
        />
        <SelectField
          label="About"
          name="entityType"
          defaultValue={filters.entityType ?? ''}
          placeholder="Anything"
          options={ENTITY_TYPES.map((value) => ({ value, label: value.replace('_', ' ') }))}
        />
        <TextField label="Its id" name="entityId" defaultValue={filters.entityId ?? ''} />
        <TextField label="Admin (user id)" name="actorId" defaultValue={filters.actorId ?? ''} />
        <TextField label="From" name="from" type="date" defaultValue={filters.from ?? ''} />
        <TextField label="To" name="to" type="date" defaultValue={filters.to ?? ''} />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </Form>
      <FormError>{filterError}</FormError>
      <AuditTable entries={items} caption="Audit log, newest first" />
      <NextPage
        href={nextCursor ? listUrl('/admin/audit', { ...filters, cursor: nextCursor }) : null}
      >
        Older entries
      </NextPage>
    </>
  );
}
