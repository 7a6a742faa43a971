/**
 * The web workspace's build (web/), called by scripts/build.mjs after the server's code:
 *
 * 1. the schema: `dist/src/workspace/schema-cli.js` writes the GraphQL schema (SDL) to
 *    web/src/gql/schema.graphql, from the code-first decorators, without a database — only
 *    when a file of src/ was compiled (or the file is missing);
 * 2. typed operations: every web/src/**\/*.graphql file is validated against the schema (an
 *    operation that does not match fails the build here, naming file and line); GraphQL Code
 *    Generator writes the types of all operations to web/src/gql/graphql.ts and each file's
 *    typed documents beside it (x.graphql → x.generated.ts, so a page's chunk holds only its
 *    own operations);
 * 3. the type check: `tsc --noEmit -p web/tsconfig.json` (a page using a field the operation
 *    does not select fails here);
 * 4. the bundle: `vite build` into web/dist/, then the JavaScript each route loads, gzipped,
 *    checked against the budget (web/dist/.sizes.json; bench/RESULTS-web.md).
 *
 * Steps 2–4 run only when an input changed: web/dist/.web-build.json records the SHA-256 of
 * the schema, every file under web/ (but web/dist/ and the generated files), this script and
 * the lockfile. web/src/gql/ and web/src/**\/*.generated.ts are generated and git-ignored.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);

/** Gzipped JavaScript a route may load before it is interactive (issue 17). */
export const ROUTE_BUDGET_BYTES = 300 * 1024;

const GENERATED = 'web/src/gql/graphql.ts';
const SCHEMA = 'web/src/gql/schema.graphql';
const STAMP = 'web/dist/.web-build.json';
const SIZES = 'web/dist/.sizes.json';

function walk(root, dir, found, skip) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (skip(path)) continue;
    if (entry.isDirectory()) walk(root, path, found, skip);
    else found.push(path);
  }
  return found;
}

function webInputs(root) {
  return walk(root, 'web', [], (path) => path === 'web/dist' || path === GENERATED || path.endsWith('.generated.ts') || path === 'web/node_modules').sort();
}

function inputsHash(root, scriptPath) {
  const hash = createHash('sha256');
  for (const path of [...webInputs(root), 'package-lock.json']) {
    hash.update(path).update('\0');
    if (existsSync(join(root, path))) hash.update(readFileSync(join(root, path)));
  }
  hash.update(readFileSync(scriptPath));
  return hash.digest('hex');
}

async function loadDevTools() {
  try {
    const [core, operations, typedDocumentNode, graphql, vite] = await Promise.all([
      import('@graphql-codegen/core'),
      import('@graphql-codegen/typescript-operations'),
      import('@graphql-codegen/typed-document-node'),
      import('graphql'),
      import('vite'),
    ]);
    return { core, operations, typedDocumentNode, graphql, vite };
  } catch {
    return null;
  }
}

/** Types and typed documents for every operation in web/src/**\/*.graphql. */
async function codegen(root, tools) {
  const { graphql } = tools;
  const schema = graphql.buildSchema(readFileSync(join(root, SCHEMA), 'utf8'));
  const files = walk(root, 'web/src', [], (path) => path === 'web/src/gql').filter((path) => path.endsWith('.graphql'));
  const documents = files.map((location) => {
    const source = new graphql.Source(readFileSync(join(root, location), 'utf8'), location);
    return { location, document: graphql.parse(source) };
  });
  // Each file against the schema first, so that an error names its file and line. Fragments
  // may be used across files: a file's unknown fragments are judged with all of them.
  const allFragments = documents.flatMap(({ document }) => document.definitions.filter((d) => d.kind === graphql.Kind.FRAGMENT_DEFINITION));
  const problems = [];
  for (const { location, document } of documents) {
    const own = new Set(document.definitions.map((d) => d.name?.value));
    const withFragments = { ...document, definitions: [...document.definitions, ...allFragments.filter((f) => !own.has(f.name.value))] };
    for (const error of graphql.validate(schema, withFragments)) {
      const at = error.locations?.[0];
      if (error.message.includes('is never used')) continue;
      problems.push(`${location}${at ? `:${at.line}:${at.column}` : ''}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`web/: GraphQL operations that do not match the schema:\n${[...new Set(problems)].join('\n')}`);
  const config = {
    scalars: { Decimal: 'string', Date: 'string', DateTime: 'string', JSON: 'unknown' },
    enumsAsTypes: true,
    avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
    useTypeImports: true,
    skipTypename: true,
    dedupeFragments: true,
  };
  const schemaDocument = graphql.parse(graphql.printSchema(schema));
  // The types of every operation, in one module with no runtime code.
  const types = await tools.core.codegen({
    filename: GENERATED,
    schema: schemaDocument,
    schemaAst: schema,
    documents,
    config,
    plugins: [{ typescriptOperations: {} }],
    pluginMap: { typescriptOperations: tools.operations },
  });
  mkdirSync(join(root, 'web/src/gql'), { recursive: true });
  writeFileSync(join(root, GENERATED), `/* Generated by scripts/build-web.mjs from ${SCHEMA} and the .graphql files under web/src/: do not edit. */\n${types}`);
  // The documents of each .graphql file in a module beside it (x.graphql → x.generated.ts), so
  // that a page's chunk carries its own operations only.
  for (const { location, document } of documents) {
    const own = new Set(document.definitions.map((d) => d.name?.value));
    const withFragments = { ...document, definitions: [...document.definitions, ...allFragments.filter((f) => !own.has(f.name.value))] };
    const out = location.replace(/\.graphql$/, '.generated.ts');
    const typesPath = relative(dirname(join(root, out)), join(root, GENERATED)).split(sep).join('/').replace(/\.ts$/, '');
    const code = await tools.core.codegen({
      filename: out,
      schema: schemaDocument,
      schemaAst: schema,
      documents: [{ location, document: withFragments }],
      config: { ...config, importOperationTypesFrom: 'Types' },
      skipDocumentsValidation: true,
      plugins: [{ typedDocumentNode: {} }],
      pluginMap: { typedDocumentNode: tools.typedDocumentNode },
    });
    const header = `/* Generated by scripts/build-web.mjs from ${location.split('/').pop()}: do not edit. */\nimport type * as Types from '${typesPath.startsWith('.') ? typesPath : `./${typesPath}`}';\n`;
    writeFileSync(join(root, out), header + code);
  }
  // A generated module whose .graphql file is gone goes too.
  for (const path of walk(root, 'web/src', [], (p) => p === 'web/src/gql').filter((p) => p.endsWith('.generated.ts'))) {
    if (!existsSync(join(root, path.replace(/\.generated\.ts$/, '.graphql')))) rmSync(join(root, path));
  }
  return files.length;
}

/** Per route (a lazily loaded page), the gzipped JavaScript it needs: the entry's static imports, the page's, and theirs. */
function routeSizes(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'web/dist/.vite/manifest.json'), 'utf8'));
  const gz = new Map();
  const size = (file) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(root, 'web/dist', file)), { level: 9 }).length);
    return gz.get(file);
  };
  const closure = (key, seen = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) closure(imported, seen);
    return seen;
  };
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const entry = closure(entryKey);
  const routes = {};
  routes['(entry)'] = [...entry].reduce((sum, file) => sum + size(file), 0);
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry || !key.startsWith('src/pages/')) continue;
    const files = closure(key, new Set(entry));
    routes[key] = [...files].reduce((sum, file) => sum + size(file), 0);
  }
  return routes;
}

/**
 * Builds web/ when its inputs changed. `schemaStale`: a file of src/ was compiled, so the SDL
 * is written again first (its content decides whether the web build is due).
 */
export async function buildWeb({ root, outDir, schemaStale, quiet, scriptPath, log }) {
  const started = performance.now();
  const schemaPath = join(root, SCHEMA);
  if (schemaStale || !existsSync(schemaPath)) {
    await run(process.execPath, [join(outDir, 'src/workspace/schema-cli.js'), schemaPath], { cwd: root });
  }
  const hash = inputsHash(root, scriptPath);
  let previous = null;
  try {
    previous = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    previous = null;
  }
  if (previous?.hash === hash && existsSync(join(root, 'web/dist/index.html')) && existsSync(join(root, GENERATED))) {
    if (!quiet) log('build: web/ unchanged');
    return;
  }
  const tools = await loadDevTools();
  if (!tools) {
    // `npm install --omit=dev`: no Vite, no codegen. The service says the workspace is not built.
    log('build: vite or the GraphQL codegen is not installed (dev dependencies omitted); web/ not built');
    return;
  }
  const operations = await codegen(root, tools);
  try {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(root, 'web/tsconfig.json')], { cwd: root });
  } catch (error) {
    throw new Error(`web/ does not type-check:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  await tools.vite.build({ configFile: join(root, 'web/vite.config.ts'), root: join(root, 'web'), logLevel: 'warn' });
  const routes = routeSizes(root);
  writeFileSync(join(root, SIZES), JSON.stringify({ budgetBytes: ROUTE_BUDGET_BYTES, routes }, null, 2) + '\n');
  const over = Object.entries(routes).filter(([, bytes]) => bytes > ROUTE_BUDGET_BYTES);
  if (over.length > 0) {
    throw new Error(`web/: JavaScript over the ${ROUTE_BUDGET_BYTES / 1024} KB gzip budget per route: ${over.map(([route, bytes]) => `${route} ${(bytes / 1024).toFixed(1)} KB`).join(', ')}`);
  }
  writeFileSync(join(root, STAMP), JSON.stringify({ hash }) + '\n');
  const largest = Math.max(...Object.values(routes));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`build: web/ built (${operations} operation files, largest route ${(largest / 1024).toFixed(1)} KB gzip) → web/dist (${seconds} s)`);
}
