/**
 * npm run import:suppliers -- file.csv
 * Imports into DATABASE_URL, or the embedded database in DATA_DIR; prints the report as JSON.
 */
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../database/database-server.js';
import { dataSourceOptions } from '../../database/data-source-options.js';
import { SupplierImportService } from './supplier-import.service.js';
import { AppError } from '../../common/app-error.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run import:suppliers -- <file.csv>');
    process.exit(2);
  }
  const server = await openDatabase(loadConfig());
  const dataSource = new DataSource(dataSourceOptions(server.url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const report = await new SupplierImportService(dataSource).importCsv(null, readFileSync(file, 'utf8'));
    console.log(JSON.stringify(report, null, 2));
    if (report.rejected.length > 0) process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error);
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
    await server.close();
  }
}

void main();
