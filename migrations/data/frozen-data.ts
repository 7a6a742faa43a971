/**
 * Reads a data file a migration applies. The files in this folder are history: each was
 * written once, when its migration was, and is never edited (a later change to the data is a
 * new migration with a file of its own), so a fresh database gets what every older database
 * got. Read from the source tree, whether the migration runs from source or from dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function readMigrationData<T>(file: string): T {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return JSON.parse(readFileSync(join(dir, 'migrations', 'data', file), 'utf8')) as T;
}
