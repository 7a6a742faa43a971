/**
 * Once per `jest` run: a PostgreSQL server (DATABASE_URL's, or an embedded one started
 * here) and a template database migrated to the current schema. Each test file clones the
 * template into a database of its own (test/support/app.ts).
 */
import './ts-resolution.cjs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { createDatabaseIfMissing } from '../../src/database/database-server.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { adminUrlOf, databaseUrl, dropDatabase, freePort } from './database.js';

declare global {
  var __testDatabaseStop: (() => Promise<void>) | undefined;
}

export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = adminUrlOf(process.env.DATABASE_URL);
  } else {
    const dataDir = join(process.cwd(), '.data', `test-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    adminUrl = server.url('postgres');
    globalThis.__testDatabaseStop = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const template = `zlt_template_${process.pid}`;
  await dropDatabase(adminUrl, template);
  await createDatabaseIfMissing(adminUrl, template);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(adminUrl, template)));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE = template;
}
