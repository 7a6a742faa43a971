/**
 * npm run import:suppliers -- file.csv
 * Imports into DATABASE_URL, or the embedded database in DATA_DIR; prints the report as JSON.
 */
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config.js';
import { runCli, withDatabase } from '../../database/with-database.js';
import { dataSourceOptions } from '../../database/data-source-options.js';
import { SupplierImportService } from './supplier-import.service.js';

async function main(): Promise<number | void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run import:suppliers -- <file.csv>');
    return 2;
  }
  const csv = readFileSync(file, 'utf8');
  return withDatabase(loadConfig(), async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const report = await new SupplierImportService(dataSource).importCsv(null, csv);
      console.log(JSON.stringify(report, null, 2));
      return report.rejected.length > 0 ? 1 : 0;
    } finally {
      await dataSource.destroy();
    }
  });
}

runCli('import:suppliers', main);
