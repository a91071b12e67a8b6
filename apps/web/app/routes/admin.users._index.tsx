import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { FormError, SelectField, TextField } from '../components/form-fields';
import { adminUserPath } from '../lib/admin';
import { privateHeaders } from '../lib/cache-headers';
import { dateTimeLabel } from '../lib/orders';
import type { loader } from './admin.users._index.server';

export { loader } from './admin.users._index.server';
export const headers = privateHeaders;

export const meta: MetaFunction = () => [
  { title: 'Users — PromptNX admin' },
  { name: 'robots', content: 'noindex' },
];

export default function AdminUsersPage() {
  const { filters, users, filterError } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p className="muted">Find an account to see its record, or to suspend or reinstate it.</p>
        </div>
      </div>
      <Form method="get" className="admin-filters" role="search" aria-label="Find users">
        <TextField
          label="E-mail, username or name"
          name="q"
          type="search"
          defaultValue={filters.q ?? ''}
        />
        <SelectField
          label="Role"
          name="role"
          defaultValue={filters.role ?? ''}
          placeholder="Any"
          options={['buyer', 'seller', 'admin'].map((value) => ({ value, label: value }))}
        />
        <SelectField
          label="Status"
          name="status"
          defaultValue={filters.status ?? ''}
          placeholder="Any"
          options={['active', 'suspended'].map((value) => ({ value, label: value }))}
        />
        <button type="submit" className="button button-secondary">
          Search
        </button>
      </Form>
      <FormError>{filterError}</FormError>
      {users.length === 0 ? (
        <div className="empty-state" data-testid="users-empty">
          <p>Nobody matches.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="admin-table" data-testid="user-list">
            <caption className="visually-hidden">Users, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-testid="user-row">
                  <td>
                    <Link to={adminUserPath(user.id)}>
                      {user.displayName || user.username || user.email}
                    </Link>
                    {user.username ? <div className="muted">@{user.username}</div> : null}
                  </td>
                  <td>{user.email}</td>
                  <td>{user.role}</td>
                  <td>
                    {user.status === 'suspended' ? (
                      <span className="pill">Suspended</span>
                    ) : (
                      'active'
                    )}
                  </td>
                  <td>{dateTimeLabel(user.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
