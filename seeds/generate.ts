/**
 * `npm run seed -- --scale demo|large --seed 42 [--reset] [--reference-date 2026-11-01] [--keep-indexes]`
 *
 * Generates the Zhejiang-like market deterministically (same seed and reference date → the
 * same rows, ids included) into the database of DATABASE_URL, or the embedded one in
 * DATA_DIR (port EMBEDDED_PG_PORT), migrating it first. Prints rows/s and seconds per table.
 * At demo scale the search index is rebuilt at the end; at large scale an outbox row per
 * supplier and requirement lets the running service's indexer fill it (or `npm run reindex`).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config.js';
import { runCli, withDatabase } from '../src/database/with-database.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { searchOptionsOf } from '../src/search/search.options.js';
import { createSearchIndex } from '../src/search/search.module.js';
import { SearchSettings } from '../src/search/search-settings.js';
import { reindexAll } from '../src/search/reindex.js';
import { SCALES } from './market-rows.js';
import { seedMarket } from './seed-market.js';
import { formatReport, parseArgs } from './generate-args.js';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  await withDatabase(config, async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url, { extra: { max: 4 } }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const demo = args.scale === 'demo';
      const report = await seedMarket(dataSource, {
        scale: SCALES[args.scale], seed: args.seed, reset: args.reset, referenceDate: args.referenceDate,
        deferIndexes: args.keepIndexes ? false : undefined, enqueueForSearch: !demo,
        log: (line) => console.log(line),
      });
      console.log('');
      for (const line of formatReport(report)) console.log(line);
      console.log('');
      console.log(`Logins (password ${report.logins[0]?.password}; names are illustrative, no real trading relationship is claimed):`);
      for (const login of report.logins) console.log(`  ${login.role.padEnd(15)} ${login.email}  (${login.organization})`);
      console.log(`  and ${report.generatedBuyerEmails.length} generated OEM buyers: ${report.generatedBuyerEmails[0] ?? ''} … (same password)`);
      if (demo) {
        const index = createSearchIndex(config, searchOptionsOf(config), dataSource);
        try {
          const result = await reindexAll(dataSource, index, new SearchSettings(dataSource, index));
          console.log(`search index (${index.backend}) rebuilt: ${result.suppliers} suppliers, ${result.requirements} requirements`);
        } catch (error) {
          console.warn(`search index not rebuilt (${error instanceof Error ? error.message : String(error)}): run npm run reindex`);
        }
      } else {
        console.log('search: an outbox row per supplier and requirement is queued for the indexer; `npm run reindex` rebuilds the index at once');
      }
    } finally {
      await dataSource.destroy();
    }
  });
}

runCli('seed', main);
