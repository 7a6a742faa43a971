/**
 * `node dist/src/workspace/schema-cli.js OUT`: writes the GraphQL schema (SDL, sorted) to OUT,
 * only when it changed (so that the web build, keyed on the file's content, stays cached).
 * Run by scripts/build.mjs after compiling src/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { schemaSdl } from './schema-sdl.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: schema-cli.js OUT');
  process.exit(2);
}
const sdl = await schemaSdl();
if (!existsSync(out) || readFileSync(out, 'utf8') !== sdl) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, sdl);
}
process.exit(0);
