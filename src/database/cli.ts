/**
 * Migration commands on the compiled app (see package.json):
 *   migration:run       apply pending migrations
 *   migration:revert    undo the last one
 *   migration:generate  write migrations/<timestamp>-<Name>.ts with the SQL that brings the
 *                       schema in line with the entities (prints "No changes" when in sync;
 *                       --check exits 1 if there are changes)
 * The database is DATABASE_URL, or the embedded one in DATA_DIR.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { dataSourceOptions } from './data-source-options.js';
import { runCli, withDatabase } from './with-database.js';
import { pendingSchemaChanges } from './schema-check.js';
import { projectRoot } from '../common/paths.js';

async function main(): Promise<number | void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'migration:run' && command !== 'migration:revert' && command !== 'migration:generate') {
    console.error('usage: cli.js migration:run | migration:revert | migration:generate [Name] [--check]');
    return 2;
  }
  return withDatabase(loadConfig(), async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      return await migrationCommand(dataSource, command, rest);
    } finally {
      await dataSource.destroy();
    }
  });
}

async function migrationCommand(dataSource: DataSource, command: string, rest: string[]): Promise<number> {
  switch (command) {
    case 'migration:run': {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'No pending migrations');
      return 0;
    }
    case 'migration:revert':
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
      return 0;
    default: {
      const check = rest.includes('--check');
      const name = rest.find((arg) => !arg.startsWith('--')) ?? 'Change';
      const changes = await pendingSchemaChanges(dataSource);
      if (changes.up.length === 0) {
        console.log('No changes in database schema were found');
        return 0;
      }
      if (check) {
        console.log(changes.up.join(';\n'));
        return 1;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const file = join(projectRoot(), 'migrations', `${timestamp}-${name}.ts`);
      writeFileSync(file, migrationSource(className, changes.up, changes.down));
      console.log(`wrote ${file}; add ${className} to migrations/index.ts`);
      return 0;
    }
  }
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const literal = (q: string) => (/[`\\]|\$\{/.test(q) ? JSON.stringify(q) : `\`${q}\``);
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${literal(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

runCli('migration', main);
