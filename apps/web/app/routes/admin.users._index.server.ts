import type { AdminUser, AdminUserQuery } from '@promptnx/schema';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import {
  adminContext,
  adminPageFailure,
  filterProblem,
  rememberAdmin,
  urlFilters,
  withoutEmptyParams,
} from '../lib/admin.server';

export const USER_FILTERS = ['q', 'role', 'status'] as const;
export type UserFilters = Partial<Record<(typeof USER_FILTERS)[number], string>>;

/** GET /admin/users: search by e-mail, username or name; filter by role and status. */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await adminContext(request);
  withoutEmptyParams(request, context.headers);
  const filters: UserFilters = urlFilters(request, USER_FILTERS);
  let users: AdminUser[];
  let filterError: string | null = null;
  try {
    users = await context.api.admin.users({ ...filters, limit: 50 } as AdminUserQuery);
  } catch (error) {
    filterError = filterProblem(error);
    if (!filterError) return adminPageFailure(error, request, context, 'admin users');
    users = [];
  }
  return data({ filters, users, filterError }, { headers: await rememberAdmin(context) });
}
