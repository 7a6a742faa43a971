/** npm run audit:verify — checks the audit log's hash chain; exit 1 when it is broken. */
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { runCli, withDatabase } from '../database/with-database.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { verifyAuditChain } from './audit-chain.js';

async function main(): Promise<number> {
  return withDatabase(loadConfig(), async (url) => {
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      const report = await verifyAuditChain(dataSource);
      if (report.ok) {
        console.log(`audit chain intact: ${report.rows} events`);
        return 0;
      }
      console.error(`audit chain BROKEN (${report.rows} events):\n${report.problems.join('\n')}`);
      return 1;
    } finally {
      await dataSource.destroy();
    }
  });
}

runCli('audit:verify', main);
