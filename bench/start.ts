/**
 * `npm run bench:start` — how long a newcomer waits: writes bench/RESULTS-start.md.
 *
 * 1. Build: `node scripts/build.mjs` into an empty folder (what `npm install`'s prepare step
 *    does on a fresh clone) and again with nothing changed (what `npm start` does after it);
 *    for comparison, once, `tsc -p tsconfig.build.json` (the build before SWC).
 * 2. Start: `node dist/src/main.js` as `npm start` runs it (SEED_DEMO=true, embedded
 *    PostgreSQL, no DATABASE_URL), from spawning the process to the first answered GraphQL
 *    query (`{ __typename }`, POSTed every 50 ms): (a) on a fresh data folder (initdb,
 *    migrations, demo data), (b) again on the same folder; then `npm start` itself on a fresh
 *    folder (npm, the no-change build and (a) together).
 * Medians of 3 runs (`--runs N` to change). `--smoke`: one run of each, no tsc and no
 * `npm start`, nothing written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/common/paths.js';
import { freePort } from '../src/database/free-port.js';
import { commit, machine, median } from './stats.js';

const root = projectRoot();
const scratch = join(root, '.data', 'bench-start');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds that a command takes, from spawn to exit; throws if it fails. */
function timed(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const body = (await response.json()) as { data?: { __typename?: string } };
    return body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}

/**
 * Seconds from spawning the service to its first answered query; then stops it (SIGTERM to its
 * process group, which stops the embedded PostgreSQL too) and waits for it to exit.
 */
async function timeToFirstAnswer(command: string, args: string[], dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SEED_DEMO: 'true', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env, stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let seconds = Number.NaN;
  try {
    const deadline = Date.now() + 300_000;
    while (Number.isNaN(seconds)) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode} before answering`);
      if (Date.now() > deadline) throw new Error(`${command} ${args.join(' ')} did not answer within 300 s`);
      if (await answers(`http://127.0.0.1:${port}/graphql`)) seconds = (performance.now() - started) / 1000;
      else await sleep(50);
    }
  } finally {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
    await sleep(500);
  }
  return seconds;
}

const fmt = (values: number[]) => `${median(values).toFixed(2)} s`;
const all = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const runsArg = process.argv.indexOf('--runs');
  const runs = smoke ? 1 : runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;
  const log = (line: string) => console.log(`[bench:start] ${line}`);
  const load = loadavg()[0];
  rmSync(scratch, { recursive: true, force: true });

  const outDir = join(scratch, 'dist');
  const build = { fresh: [] as number[], unchanged: [] as number[] };
  for (let i = 0; i < runs; i++) {
    rmSync(outDir, { recursive: true, force: true });
    build.fresh.push(timed(process.execPath, ['scripts/build.mjs', '--out-dir', outDir]));
    build.unchanged.push(timed(process.execPath, ['scripts/build.mjs', '--out-dir', outDir]));
    log(`build: fresh ${build.fresh[i].toFixed(2)} s, no change ${build.unchanged[i].toFixed(2)} s`);
  }
  let tscSeconds: number | null = null;
  if (!smoke) {
    tscSeconds = timed(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(scratch, 'tsc')]);
    log(`tsc (the build before): ${tscSeconds.toFixed(2)} s`);
  }

  const start = { fresh: [] as number[], again: [] as number[], npmStart: [] as number[] };
  const main = join(root, 'dist/src/main.js');
  for (let i = 0; i < runs; i++) {
    const dataDir = join(scratch, `data-${i}`);
    start.fresh.push(await timeToFirstAnswer(process.execPath, [main], dataDir));
    start.again.push(await timeToFirstAnswer(process.execPath, [main], dataDir));
    log(`start: fresh data folder ${start.fresh[i].toFixed(2)} s, same folder again ${start.again[i].toFixed(2)} s`);
    if (!smoke) {
      start.npmStart.push(await timeToFirstAnswer('npm', ['start', '--silent'], join(scratch, `npm-${i}`)));
      log(`npm start, fresh data folder: ${start.npmStart[i].toFixed(2)} s`);
    }
  }
  rmSync(scratch, { recursive: true, force: true });

  const lines = [
    '# Start-up: from `npm install` to the first answer',
    '',
    `Reproduce: \`npm run bench:start\` (bench/start.ts). Machine: ${machine()}; load average when it began ${load.toFixed(1)}. Date: ${new Date().toISOString()}. Commit: ${commit()}.`,
    `Medians of ${runs} runs (every run in the last column). Start: from spawning the process to the first answered \`{ __typename }\` POST, embedded PostgreSQL 18, demo data (SEED_DEMO=true), DATABASE_URL unset.`,
    '',
    '| measure | median | runs (s) |',
    '|---|---:|---|',
    `| **build after a fresh install** (\`node scripts/build.mjs\`, empty dist/, SWC; what \`npm install\`'s prepare runs) | ${fmt(build.fresh)} | ${all(build.fresh)} |`,
    `| **build, nothing changed** (what \`npm start\` runs first) | ${fmt(build.unchanged)} | ${all(build.unchanged)} |`,
    ...(tscSeconds === null ? [] : [`| for comparison: \`tsc -p tsconfig.build.json\` (the build \`npm start\` ran before), once | ${tscSeconds.toFixed(2)} s | |`]),
    `| **(a) first start, fresh data folder** (\`node dist/src/main.js\`: initdb, migrations, demo data, search index) | ${fmt(start.fresh)} | ${all(start.fresh)} |`,
    `| **(b) second start, same data folder** | ${fmt(start.again)} | ${all(start.again)} |`,
    ...(start.npmStart.length ? [`| **\`npm start\` on a fresh clone after \`npm install\`** (npm + no-change build + (a)) | ${fmt(start.npmStart)} | ${all(start.npmStart)} |`] : []),
    '',
    'The machine is shared: other work running at the same time (see the load average) lengthens',
    'every figure, most of all initdb and the demo data load of a first start.',
    '',
  ];
  if (smoke) {
    console.log(lines.join('\n'));
  } else {
    writeFileSync(join(root, 'bench', 'RESULTS-start.md'), lines.join('\n'));
    log('wrote bench/RESULTS-start.md');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
