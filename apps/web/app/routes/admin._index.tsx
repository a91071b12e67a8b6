import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { privateHeaders } from '../lib/cache-headers';
import type { loader } from './admin._index.server';

export { loader } from './admin._index.server';
export const headers = privateHeaders;

export const meta: MetaFunction = () => [
  { title: 'Admin — PromptNX' },
  { name: 'robots', content: 'noindex' },
];

export default function AdminOverviewPage() {
  const { overview } = useLoaderData<typeof loader>();
  const counts = [
    {
      to: '/admin/reviews',
      label: 'Reviews waiting',
      n: overview.reviews.pending,
      id: 'reviews-pending',
    },
    {
      to: '/admin/reviews?queue=reported',
      label: 'Reported reviews',
      n: overview.reviews.reported,
      id: 'reviews-reported',
    },
    {
      to: '/admin/prompts',
      label: 'Prompts waiting',
      n: overview.prompts.pending,
      id: 'prompts-pending',
    },
    {
      to: '/admin/prompts?queue=reported',
      label: 'Reported prompts',
      n: overview.prompts.reported,
      id: 'prompts-reported',
    },
    {
      to: '/admin/prompts?queue=hidden',
      label: 'Hidden prompts',
      n: overview.prompts.hidden,
      id: 'prompts-hidden',
    },
    {
      to: '/admin/refunds',
      label: 'Refund requests',
      n: overview.refunds.requested,
      id: 'refunds',
    },
    {
      to: '/admin/users?status=suspended',
      label: 'Suspended accounts',
      n: overview.users.suspended,
      id: 'users-suspended',
    },
  ];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Admin console</h1>
          <p className="muted">
            What waits for a decision. Every decision is written to the{' '}
            <Link to="/admin/audit">audit log</Link>, and the person it concerns is told.
          </p>
        </div>
      </div>
      <ul className="admin-counts" aria-label="Queues">
        {counts.map((count) => (
          <li key={count.id}>
            <Link to={count.to} className="admin-count" data-testid={`count-${count.id}`}>
              <strong>{count.n.toLocaleString('en-US')}</strong>
              {count.label}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
