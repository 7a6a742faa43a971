import './ts-resolution.cjs';
import { dropDatabase, withAdmin } from './database.js';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (adminUrl && template) {
    const leftovers = await withAdmin(adminUrl, (client) =>
      client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template.replace('template', 't')}%`]),
    );
    for (const row of leftovers.rows) await dropDatabase(adminUrl, row.datname);
    await dropDatabase(adminUrl, template);
  }
  await globalThis.__testDatabaseStop?.();
}
