/** npm run audit:verify — checks the audit log's hash chain; exit 1 when it is broken. */
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../database/database-server.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { verifyAuditChain } from './audit-chain.js';

async function main(): Promise<void> {
  const server = await openDatabase(loadConfig());
  const dataSource = new DataSource(dataSourceOptions(server.url));
  await dataSource.initialize();
  try {
    const report = await verifyAuditChain(dataSource);
    if (report.ok) console.log(`audit chain intact: ${report.rows} events`);
    else {
      console.error(`audit chain BROKEN (${report.rows} events):\n${report.problems.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
