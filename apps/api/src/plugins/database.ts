import { createDb, type DbClient } from '@promptnx/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    database: DbClient;
  }
}

export interface DatabasePluginOptions {
  url: string;
  poolMax: number;
  /** Named prepared statements (createDb's `prepare`). */
  prepare: boolean;
  /** Use this client instead of opening one (tests); it is not closed with the app. */
  client?: DbClient | undefined;
}

export const databasePlugin = fp(async (app: FastifyInstance, options: DatabasePluginOptions) => {
  const client =
    options.client ??
    createDb(options.url, {
      max: options.poolMax,
      applicationName: 'promptnx-api',
      prepare: options.prepare,
    });
  app.decorate('database', client);
  if (!options.client) app.addHook('onClose', () => client.close());
});
