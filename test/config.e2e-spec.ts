import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The real entry point, compiled (`npm run build` runs before the e2e suite). */
const MAIN = join(process.cwd(), 'dist/src/main.js');

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

describe('start-up configuration', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does)');
  });

  it.each([
    [{ PORT: 'eighty' }, 'Configuration error: PORT must be an integer from 0 to 65535 (got "eighty")'],
    [{ DATABASE_URL: 'mysql://127.0.0.1/x' }, 'Configuration error: DATABASE_URL must start with postgres:// or postgresql://'],
    [{ NODE_ENV: 'production' }, 'Configuration error: JWT_SECRET is required when NODE_ENV=production'],
    [{ SEARCH_BACKEND: 'meilisearch' }, 'Configuration error: MEILI_HOST is required when SEARCH_BACKEND=meilisearch'],
  ])('stops with one line naming the variable: %j', (env, line) => {
    const result = start(env);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(line);
  });

  it('refuses a production start (npm run start:prod) without a real signing key, even with NODE_ENV unset', () => {
    const result = spawnSync('npm', ['run', '--silent', 'start:prod'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe('Configuration error: JWT_SECRET is required when NODE_ENV=production');
  });
});
