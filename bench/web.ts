/**
 * `npm run bench:web` — the web workspace's budgets: writes bench/RESULTS-web.md.
 *
 * 1. JavaScript per route, gzipped (level 9), as the build measured it (web/dist/.sizes.json,
 *    scripts/build-web.mjs): for each page, the entry's static imports, the page's and theirs.
 * 2. First screen interactive on localhost with an empty cache: `node dist/src/main.js` on a
 *    fresh data folder with the demo data; then, N times, a new browser context (empty cache,
 *    no storage) in the Chromium of @sparticuz/chromium: (a) open `/` until the sign-in button
 *    can be clicked; (b) sign in as the demo buyer until the requirements list has answered.
 *    Median and p95 of N runs (`--runs N`, default 15).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import { projectRoot } from '../src/common/paths.js';
import { freePort } from '../src/database/free-port.js';
import { commit, machine, median, percentile } from './stats.js';

const root = projectRoot();
const scratch = join(root, '.data', 'bench-web');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    return ((await response.json()) as { data?: { __typename?: string } }).data?.__typename === 'Query';
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 15;
  const log = (line: string) => console.log(`[bench:web] ${line}`);
  const load = loadavg()[0];
  const sizes = JSON.parse(readFileSync(join(root, 'web/dist/.sizes.json'), 'utf8')) as { budgetBytes: number; routes: Record<string, number> };

  rmSync(scratch, { recursive: true, force: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SEED_DEMO: 'true', DATA_DIR: scratch, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], { cwd: root, env, stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const signInTimes: number[] = [];
  const buyerTimes: number[] = [];
  try {
    const deadline = Date.now() + 300_000;
    while (!(await answers(`${origin}/graphql`))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('the service did not start');
      await sleep(100);
    }
    const browser = await playwright.launch({ executablePath: await chromium.executablePath(), headless: true, args: ['--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    try {
      for (let i = 0; i < runs + 1; i++) {
        // A new context: empty HTTP cache, no localStorage. The first round warms the service only.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        let started = performance.now();
        await page.goto(`${origin}/`);
        await page.locator('#login-submit:not([disabled])').waitFor();
        const signIn = performance.now() - started;
        await page.locator('#login_email').fill('buyer@yongwan.example');
        await page.locator('#login_password').fill('demo-password-2026');
        started = performance.now();
        await page.locator('#login-submit').click();
        // Its rows, or its empty state: either way the list has answered.
        await page.locator('[data-testid="requirements-table"] tbody tr').first().waitFor();
        const buyer = performance.now() - started;
        await context.close();
        if (i === 0) continue;
        signInTimes.push(signIn);
        buyerTimes.push(buyer);
        log(`run ${i}: sign-in page ${signIn.toFixed(0)} ms, buyer's list ${buyer.toFixed(0)} ms`);
      }
    } finally {
      await browser.close();
    }
  } finally {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
    rmSync(scratch, { recursive: true, force: true });
  }

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const routeRows = Object.entries(sizes.routes)
    .sort((a, b) => b[1] - a[1])
    .map(([route, bytes]) => `| \`${route.replace(/^src\//, 'web/src/')}\` | ${kb(bytes)} | ${(100 * bytes / sizes.budgetBytes).toFixed(0)} % |`);
  const timeRow = (name: string, samples: number[]) => `| ${name} | ${median(samples).toFixed(0)} ms | ${percentile(samples, 95).toFixed(0)} ms | ${(median(samples) / 2000).toFixed(2)} |`;
  const lines = [
    '# Web workspace: JavaScript per route and the first screen',
    '',
    `Reproduce: \`npm run build && npm run bench:web\` (bench/web.ts; the sizes come from the build, scripts/build-web.mjs). Machine: ${machine()}; load average when it began ${load.toFixed(1)}. Date: ${new Date().toISOString()}. Commit: ${commit()}.`,
    '',
    '## JavaScript per route (budget 300 KB gzip; the build fails above it)',
    '',
    'Gzip level 9 of every script a route loads before it can be used: the entry (React, Ant Design\'s core, react-intl, urql, the layout and menu) and its static imports, plus the page\'s chunk and its static imports. A page loads lazily; `(entry)` is what the sign-in page and the layout need.',
    '',
    '| route (page) | JavaScript, gzip | of budget |',
    '|---|---:|---:|',
    ...routeRows,
    '',
    '## First screen interactive, empty cache, localhost (budget 2 s)',
    '',
    `Each of ${runs} runs in a new browser context (no cache, no storage), after one warm-up run; Chromium from @sparticuz/chromium, headless, 1280 × 900; the service as \`npm start\` runs it, demo data.`,
    '',
    '| measure | median | p95 | median ÷ 2 s |',
    '|---|---:|---:|---:|',
    timeRow('open `/` until the sign-in button can be clicked', signInTimes),
    timeRow('sign in as buyer@yongwan.example until the requirements list has answered', buyerTimes),
    '',
    'The machine is shared: other work running at the same time (see the load average) lengthens every figure.',
    '',
  ];
  writeFileSync(join(root, 'bench', 'RESULTS-web.md'), lines.join('\n'));
  log('wrote bench/RESULTS-web.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
