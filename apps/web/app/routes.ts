import { flatRoutes } from '@remix-run/fs-routes';
import type { RouteConfig } from '@remix-run/route-config';

// Server modules and tests may sit beside the route they serve without becoming routes.
export default flatRoutes({
  ignoredRouteFiles: ['**/.*', '**/*.server.{ts,tsx}', '**/*.test.{ts,tsx}'],
}) satisfies RouteConfig;
