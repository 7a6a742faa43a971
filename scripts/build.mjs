/**
 * `npm run build`: compiles src/, seeds/, bench/ and migrations/ (what tsconfig.build.json
 * includes, without the *.spec.ts files) to dist/ with SWC, one file at a time, in about a
 * second. Type-checking is not done here: that is `npm run typecheck` (tsc --noEmit), run by CI.
 *
 * Incremental: dist/.build-manifest.json records, per source, its size, mtime and SHA-256; a
 * source is compiled again only when its content changed, and the output of a source that no
 * longer exists is removed. A change of this script, of the SWC version or of the options
 * (or a missing manifest) rebuilds everything into an emptied dist/.
 *
 * Assets: nothing is copied. The code reads its non-TypeScript files (the OCDS schema, region
 * centroids, dashboard pages) from the project's own folders through src/common/paths.ts,
 * never from dist/.
 *
 * Then the web workspace (scripts/build-web.mjs): the schema's SDL again when a file of src/
 * was compiled, and web/ (typed operations, type check, Vite bundle into web/dist/) only when
 * its sources, the schema or the lockfile changed.
 *
 * Options: --out-dir DIR (default dist; the start benchmark builds into a scratch folder),
 * --quiet (no line when nothing changed).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_FOLDERS = ['src', 'seeds', 'bench', 'migrations'];
const MANIFEST = '.build-manifest.json';

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Loaded only when something is to be compiled: loading the native binding takes most of a no-change build. */
async function loadSwc() {
  try {
    return await import('@swc/core');
  } catch {
    // `npm install --omit=dev` has no compiler: the prepare step says so instead of failing the install.
    if (process.env.npm_lifecycle_event === 'prepare') {
      console.error('build: @swc/core is not installed (dev dependencies omitted); skipped');
      process.exit(0);
    }
    console.error('build: @swc/core is not installed: run npm install');
    process.exit(1);
  }
}

function swcVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/@swc/core/package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** The options that jest.config.js uses too: legacy decorators with metadata, ES modules. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

const outDir = resolve(root, argValue('--out-dir') ?? 'dist');
const quiet = process.argv.includes('--quiet');
const started = performance.now();

const fingerprint = createHash('sha256')
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(swcVersion())
  .update(JSON.stringify(swcOptions))
  .digest('hex');

function sources() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
    }
  };
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(root, folder))) walk(join(root, folder));
  return found.map((path) => relative(root, path).split(sep).join('/')).sort();
}

function readManifest() {
  try {
    const manifest = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8'));
    return manifest.fingerprint === fingerprint ? manifest : null;
  } catch {
    return null;
  }
}

const outputsOf = (source) => {
  const js = join(outDir, source.replace(/\.ts$/, '.js'));
  return [js, `${js}.map`];
};

const previous = readManifest();
if (!previous) rmSync(outDir, { recursive: true, force: true });
const before = previous?.files ?? {};
const files = {};
const toCompile = [];
for (const source of sources()) {
  const stat = statSync(join(root, source));
  const old = before[source];
  const outputsThere = old && outputsOf(source).every((path) => existsSync(path));
  if (outputsThere && old.size === stat.size && old.mtimeMs === stat.mtimeMs) {
    files[source] = old;
    continue;
  }
  const code = readFileSync(join(root, source), 'utf8');
  const hash = createHash('sha256').update(code).digest('hex');
  if (outputsThere && old.hash === hash) {
    files[source] = { ...old, size: stat.size, mtimeMs: stat.mtimeMs };
    continue;
  }
  files[source] = { size: stat.size, mtimeMs: stat.mtimeMs, hash };
  toCompile.push({ source, code });
}

const removed = Object.keys(before).filter((source) => !(source in files));
for (const source of removed) for (const path of outputsOf(source)) rmSync(path, { force: true });

async function compile(swc, { source, code }) {
  const [js, map] = outputsOf(source);
  const name = js.slice(js.lastIndexOf(sep) + 1);
  const output = await swc.transform(code, {
    ...swcOptions,
    filename: join(root, source),
    sourceFileName: relative(dirname(js), join(root, source)).split(sep).join('/'),
  });
  mkdirSync(dirname(js), { recursive: true });
  writeFileSync(js, `${output.code}\n//# sourceMappingURL=${name}.map\n`);
  writeFileSync(map, output.map ?? '{}');
}

const failures = [];
const swc = toCompile.length > 0 ? await loadSwc() : null;
let next = 0;
const worker = async () => {
  while (next < toCompile.length) {
    const item = toCompile[next++];
    try {
      await compile(swc, item);
    } catch (error) {
      delete files[item.source];
      failures.push(`${item.source}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
};
await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) * 2 }, worker));

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, MANIFEST), JSON.stringify({ fingerprint, files }) + '\n');

const seconds = ((performance.now() - started) / 1000).toFixed(2);
if (failures.length > 0) {
  console.error(failures.join('\n'));
  console.error(`build: ${failures.length} file(s) failed to compile`);
  process.exit(1);
}
try {
  const { buildWeb } = await import('./build-web.mjs');
  const srcTouched = toCompile.some((item) => item.source.startsWith('src/')) || removed.some((source) => source.startsWith('src/'));
  await buildWeb({ root, outDir, schemaStale: srcTouched, quiet, scriptPath: join(root, 'scripts/build-web.mjs'), log: (line) => console.error(line) });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error('build: web/ failed');
  process.exit(1);
}

// On stderr, so that a CLI's own output on stdout (e.g. the OCDS export) stays clean.
if (!quiet || toCompile.length > 0 || removed.length > 0) {
  const total = Object.keys(files).length;
  console.error(`build: ${toCompile.length} compiled, ${total - toCompile.length} unchanged, ${removed.length} removed → ${relative(root, outDir) || '.'} (${seconds} s)`);
}
