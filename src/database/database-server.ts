import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import { findRunningEmbedded, startEmbeddedPostgres, type RunningEmbeddedServer } from './embedded-postgres.js';

export interface DatabaseServer {
  /** Connection URL of the application database. */
  url: string;
  /** True when this process started the server (and stops it in close()). */
  embedded: boolean;
  close: () => Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = 'zhenglingtong';

export interface OpenDatabaseOptions {
  /**
   * When another process (a running `npm start`) owns the embedded server of the data folder:
   * true connects to it (the command-line tools), false refuses with a clear message (the
   * service itself: two services on one data folder would stop each other's database).
   */
  shareRunning?: boolean;
}

/**
 * The database named by DATABASE_URL, or the embedded PostgreSQL of DATA_DIR: the one already
 * running there (see `shareRunning`), or one started for this process (its application database
 * created on first start) and stopped by close().
 */
export async function openDatabase(config: AppConfig, options: OpenDatabaseOptions = {}): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, close: async () => undefined };
  }
  const running = findRunningEmbedded(config.dataDir);
  if (running) {
    if (!options.shareRunning) {
      throw new Error(`the embedded PostgreSQL of ${config.dataDir} is already running (pid ${running.pid}, port ${running.port}): is the service started already? Stop it, or set DATA_DIR to another folder`);
    }
    await waitUntilAnswering(running, config.dataDir);
    return { url: running.url(EMBEDDED_DATABASE_NAME), embedded: false, close: async () => undefined };
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

/** A server that is still starting (status "starting") gets up to 30 s to accept connections. */
async function waitUntilAnswering(running: RunningEmbeddedServer, dataDir: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: running.url('postgres'), connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`the embedded PostgreSQL of ${dataDir} (pid ${running.pid}, port ${running.port}, status ${running.status || 'unknown'}) does not answer: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
