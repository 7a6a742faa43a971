import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseServer {
  /** Connection URL of the application database. */
  url: string;
  /** True when this process started the server (and stops it in close()). */
  embedded: boolean;
  close: () => Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = 'zhenglingtong';

/**
 * The database named by DATABASE_URL, or an embedded PostgreSQL started for this process
 * (its application database created on first start).
 */
export async function openDatabase(config: AppConfig): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, close: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, persistent: true });
  await createDatabaseIfMissing(server.url('postgres'), EMBEDDED_DATABASE_NAME);
  return { url: server.url(EMBEDDED_DATABASE_NAME), embedded: true, close: server.stop };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const from = template ? ` TEMPLATE "${template}"` : ' TEMPLATE template0';
      await client.query(`CREATE DATABASE "${name}"${from} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    }
  } finally {
    await client.end();
  }
}
