import type { AuditLog, AuditLogQuery } from '@promptnx/schema';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import {
  adminContext,
  adminPageFailure,
  filterProblem,
  rememberAdmin,
  urlFilters,
  withoutEmptyParams,
} from '../lib/admin.server';

export const AUDIT_FILTERS = ['actorId', 'entityType', 'entityId', 'action', 'from', 'to'] as const;
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>;

/** GET /admin/audit: every decision, newest first, with the filters of the URL. */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await adminContext(request);
  withoutEmptyParams(request, context.headers);
  const filters: AuditFilters = urlFilters(request, AUDIT_FILTERS);
  const cursor = new URL(request.url).searchParams.get('cursor') ?? undefined;
  let log: AuditLog;
  let filterError: string | null = null;
  try {
    log = await context.api.admin.auditLog({ ...filters, cursor, limit: 50 } as AuditLogQuery);
  } catch (error) {
    filterError = filterProblem(error);
    if (!filterError) return adminPageFailure(error, request, context, 'admin audit log');
    log = { items: [], nextCursor: null };
  }
  return data(
    { filters, items: log.items, nextCursor: log.nextCursor, filterError },
    { headers: await rememberAdmin(context) },
  );
}
