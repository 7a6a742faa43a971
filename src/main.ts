import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { openDatabase } from './database/database-server.js';

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

/**
 * Nest's console logger, coloured only on a terminal: `npm start > file` (or a pipe) gets no
 * escape codes. NO_COLOR, read by Nest itself, turns colours off on a terminal too.
 */
function consoleLogger(): ConsoleLogger {
  return new ConsoleLogger({ logLevels: ['log', 'warn', 'error'], ...(process.stdout.isTTY ? {} : { colors: false }) });
}

/** Where to go, once the service answers: a short block of plain lines, last in the output. */
function whereToGo(host: string, port: number): string[] {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${shown}:${port}`;
  return [
    '',
    `整零通 is ready:`,
    `  Workspace         ${base}/`,
    `  GraphQL explorer  ${base}/graphql`,
    `  Bureau pages      ${base}/bureau`,
    '',
  ];
}

async function main(): Promise<void> {
  const config = readConfig();
  const consoleOutput = consoleLogger();
  Logger.overrideLogger(consoleOutput);
  const logger = new Logger('Main');
  // The application's modules load (seconds on a busy machine) while PostgreSQL starts in its
  // own process (initdb on first start); awaited below, where a failure to load still throws.
  const modules = Promise.all([import('./app.js'), import('../seeds/demo.js')]);
  modules.catch(() => undefined);
  const database = await openDatabase(config);
  const [{ createApp }, { seedDemoIfEmpty }] = await modules;
  if (database.embedded) logger.log(`Embedded PostgreSQL running with its data in ${config.dataDir}/pg`);
  const app = await createApp({ config, databaseUrl: database.url, logger: consoleOutput });
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
  const address = (app.getHttpServer() as Server).address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(whereToGo(config.host, port).join('\n') + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
