/**
 * `npm run reindex`: rebuilds the search index (the backend SEARCH_BACKEND names) from the
 * database given by DATABASE_URL, or the embedded one in DATA_DIR. Safe while the service runs.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { runCli, withDatabase } from '../database/with-database.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { searchOptionsOf } from './search.options.js';
import { createSearchIndex } from './search.module.js';
import { SearchSettings } from './search-settings.js';
import { reindexAll } from './reindex.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const options = searchOptionsOf(config);
  await withDatabase(config, async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 4 } }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const index = createSearchIndex(config, options, dataSource);
      const started = Date.now();
      const report = await reindexAll(dataSource, index, new SearchSettings(dataSource, index), (line) => console.log(line));
      console.log(
        `reindexed ${report.suppliers} supplier(s) and ${report.requirements} requirement(s) into ${index.backend}; removed ${report.removed} stale document(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await dataSource.destroy();
    }
  });
}

runCli('reindex', main);
