import { randomBytes } from 'node:crypto';
import type { INestApplication, LoggerService, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createDatabaseIfMissing } from '../../src/database/database-server.js';
import { databaseUrl, dropDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; locations?: unknown; extensions: { code: string; fields?: { field: string; message: string }[] } & Record<string, unknown> }[];
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  dataSource: DataSource;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error, returning `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123';

export interface TestAppOptions {
  extraModules?: Type[];
  env?: Record<string, string>;
  logger?: LoggerService;
  /** A database of the test's own (migrated at start); by default a clone of the template, dropped at close. */
  databaseUrl?: string;
}

/** The real application over HTTP on its own fresh database, cloned from the migrated template. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (!adminUrl || !template) throw new Error('test/support/global-setup.ts did not run');
  const name = `${template.replace('template', 't')}_${randomBytes(4).toString('hex')}`;
  if (!options.databaseUrl) await createDatabaseIfMissing(adminUrl, name, template);
  // Rate limits are raised for tests that make many requests; test/rate-limits.e2e-spec.ts sets its own.
  // The notifications worker's loop is off (its queries would count in query-count tests and its
  // rows in row-count checks): a test that wants notices drains NotificationWorker itself.
  const config = loadConfig({
    NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_PER_USER: '1000000', RATE_LIMIT_PER_IP: '1000000', LOGIN_RATE_LIMIT_PER_IP: '1000000',
    NOTIFICATIONS_INTERVAL_MS: '0',
    ...options.env,
  });
  const app = await createApp({ config, databaseUrl: options.databaseUrl ?? databaseUrl(adminUrl, name), extraModules: options.extraModules, logger: options.logger ?? ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}/graphql`;

  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  };

  return {
    app,
    url,
    config,
    dataSource: app.get(DataSource),
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
      const result = await gql<T>(query, variables, token);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async close() {
      await app.close();
      if (!options.databaseUrl) await dropDatabase(adminUrl, name);
    },
  };
}
