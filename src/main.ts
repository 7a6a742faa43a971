import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { openDatabase } from './database/database-server.js';
import { createApp } from './app.js';
import { seedDemoIfEmpty } from '../seeds/demo.js';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = new Logger('Main');
  const database = await openDatabase(config);
  if (database.embedded) logger.log(`Embedded PostgreSQL running with its data in ${config.dataDir}/pg`);
  const app = await createApp({ config, databaseUrl: database.url });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (config.seedDemo) {
    const logins = await seedDemoIfEmpty(app);
    if (logins) {
      logger.log('Demo data loaded (names are illustrative; no real trading relationship is claimed). Logins:');
      for (const login of logins) logger.log(`  ${login.role.padEnd(15)} ${login.email} / ${login.password}  (${login.organization})`);
    } else {
      logger.log('Demo data already present; logins as printed on first start (see README)');
    }
  }
  await app.listen(config.port, config.host);
  logger.log(`GraphQL at http://${config.host}:${config.port}/graphql`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
