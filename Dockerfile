# syntax=docker/dockerfile:1
#
# One image for all three apps: the API, the worker and the web server.
# docker-compose.yml picks which one a container runs. Docker is optional:
# `npm start` runs PromptNX without it, and no test needs it.
#
#   docker build -t promptnx .
#   docker run --rm -e DATABASE_URL=postgres://… -p 4000:4000 promptnx                       # API
#   docker run --rm -e DATABASE_URL=postgres://… promptnx node apps/worker/dist/main.js      # worker
#   docker run --rm -w /app/apps/web -e API_URL=http://… -p 3000:3000 promptnx \
#     node_modules/.bin/remix-serve build/server/index.js                                     # web

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
# pnpm at exactly the version of `packageManager` in the root package.json:
# pnpm fails when it has to switch versions, and turbo reads that field.
ARG PNPM_VERSION=10.34.9
ENV TURBO_TELEMETRY_DISABLED=1
RUN npm install --global --no-fund --no-audit --no-update-notifier "pnpm@${PNPM_VERSION}"
WORKDIR /app

# ---------------------------------------------------------------------------
FROM base AS build
# The whole workspace (.dockerignore keeps out node_modules, build output,
# .data and .env). The db package runs its migrations from this source.
COPY . .
# The store lives in a BuildKit cache so rebuilds reuse downloaded packages;
# pnpm copies from it into node_modules (a cache mount cannot be hard-linked).
RUN --mount=type=cache,id=promptnx-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store
# turbo: apps/api → dist/server.js, apps/worker → dist/main.js (tsup),
# apps/web → build/ (remix vite:build).
RUN pnpm build

# ---------------------------------------------------------------------------
FROM base AS runtime
# Trade-off: the runtime keeps the full workspace with its devDependencies.
# The one-shot `migrate` service runs `pnpm --filter @promptnx/db migrate`,
# which is `tsx src/cli/migrate.ts` over the TypeScript source, and the web
# server starts through remix-serve from the workspace's node_modules. A
# production-only image (pnpm deploy --prod per app, migrations bundled) would
# be several hundred MB smaller; simplicity wins here. The pnpm store is left
# behind in the build stage's cache.
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000 4000
# The API by default; compose overrides the command for the worker, the web
# server and migrations.
CMD ["node", "apps/api/dist/server.js"]
