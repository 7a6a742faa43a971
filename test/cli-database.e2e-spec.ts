/**
 * The command-line tools (built in dist/) while the service runs: with DATABASE_URL unset they
 * join the embedded server that owns the data folder (found through its postmaster.pid) instead
 * of starting a second one on it, and leave it running. A database they cannot reach is
 * reported in one line, without a stack trace, with exit code 1.
 *
 * The embedded server here is started as `npm start` starts it, on a data folder of its own.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import { createDatabaseIfMissing, EMBEDDED_DATABASE_NAME } from '../src/database/database-server.js';
import { freePort } from './support/database.js';

const run = promisify(execFile);
const dist = (path: string) => join(process.cwd(), 'dist', path);

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('command-line tools while the service runs', () => {
  const dataDir = join(process.cwd(), '.data', `cli-${process.pid}`);
  let server: EmbeddedDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
    await createDatabaseIfMissing(server.url('postgres'), EMBEDDED_DATABASE_NAME);
    // No DATABASE_URL; EMBEDDED_PG_PORT names another port, so the tools must read the running one's.
    env = { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates, verifies the audit log, exports and imports through the running server, and leave it running', async () => {
    const postmaster = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0];
    const migrated = await run(process.execPath, [dist('src/database/cli.js'), 'migration:run'], { env });
    expect(migrated.stdout).toMatch(/^applied /);
    const verified = await run(process.execPath, [dist('src/audit/verify-cli.js')], { env });
    expect(verified.stdout.trim()).toBe('audit chain intact: 0 events');
    const exported = await run(process.execPath, [dist('src/contracts/ocds/export-cli.js')], { env });
    expect(exported.stderr).toMatch(/No contract matches/);
    // A rejected row: the report on stdout, and exit code 1.
    const csv = join(dataDir, 'bad.csv');
    writeFileSync(csv, `${readFileSync(join(process.cwd(), 'seeds/suppliers-example.csv'), 'utf8').split('\n')[0]}\nnot-a-credit-code,某公司,,工厂,330106,CN,,,,CHIP.MCU,,,,,,,,,,\n`);
    const imported = await run(process.execPath, [dist('src/suppliers/import/import-cli.js'), csv], { env }).then(
      () => { throw new Error('the import succeeded'); },
      (error: { code: number; stdout: string }) => error,
    );
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 1, rejected: [expect.objectContaining({ line: 2 })] });

    expect(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]).toBe(postmaster);
    expect(await answers(server.url(EMBEDDED_DATABASE_NAME))).toBe(true);
  }, 120_000);

  it('says in one line that it cannot reach the database, with exit code 1', async () => {
    const url = `postgres://postgres:not-to-be-printed@127.0.0.1:${await freePort()}/nowhere`;
    for (const cli of ['src/audit/verify-cli.js', 'src/contracts/ocds/export-cli.js']) {
      const failure = await run(process.execPath, [dist(cli)], { env: { ...env, DATABASE_URL: url } }).then(
        () => { throw new Error(`${cli} succeeded`); },
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure.code).toBe(1);
      expect(failure.stdout).toBe('');
      expect(failure.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^(audit:verify|export:ocds): cannot connect to the database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/nowhere: connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
      ]);
    }
  }, 60_000);
});
