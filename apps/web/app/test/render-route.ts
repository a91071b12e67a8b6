import { createRequire } from 'node:module';
import { Outlet } from '@remix-run/react';
import { type ComponentType, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

// Server-renders one route component the way the page would be, with the loader (and
// action) data given, inside a root route holding the CSRF token: the HTML a browser gets,
// minus Remix's document. Remix's hooks are react-router's, so react-router's static
// router serves them; it is taken from where @remix-run/react finds it (one copy).
const fromRemix = createRequire(createRequire(import.meta.url).resolve('@remix-run/react'));
interface StaticRouting {
  createStaticHandler(routes: unknown[]): {
    dataRoutes: unknown[];
    query(request: Request): Promise<Response | object>;
  };
  createStaticRouter(routes: unknown[], context: object): unknown;
  StaticRouterProvider: ComponentType<{ router: unknown; context: object; hydrate?: boolean }>;
}
const router = fromRemix('react-router-dom/server') as StaticRouting;

export interface RenderOptions {
  /** The page's address (path and query). */
  url: string;
  loaderData: unknown;
  actionData?: unknown;
  /** The root loader's data; a signed-in page carries a CSRF token. */
  rootData?: { csrfToken?: string | null; ENV?: Record<string, unknown> };
}

export async function renderRoute(Component: ComponentType, options: RenderOptions) {
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => options.rootData ?? { csrfToken: null },
      element: createElement(Outlet),
      children: [
        {
          id: 'page',
          path: '*',
          loader: () => options.loaderData,
          action: () => options.actionData ?? null,
          element: createElement(Component),
        },
      ],
    },
  ];
  const handler = router.createStaticHandler(routes);
  const request = new Request(`http://127.0.0.1:3000${options.url}`, {
    method: options.actionData === undefined ? 'GET' : 'POST',
    ...(options.actionData === undefined ? {} : { body: new URLSearchParams() }),
  });
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`the route answered ${context.status}`);
  const staticRouter = router.createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(
    createElement(router.StaticRouterProvider, { router: staticRouter, context, hydrate: false }),
  );
}
