import type { AdminOverview } from '@promptnx/schema';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { adminContext, adminPageFailure, rememberAdmin } from '../lib/admin.server';

/** GET /admin: how much waits in each queue. */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await adminContext(request);
  let overview: AdminOverview;
  try {
    overview = await context.api.admin.overview();
  } catch (error) {
    return adminPageFailure(error, request, context, 'admin overview');
  }
  return data({ overview }, { headers: await rememberAdmin(context) });
}
