import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConsoleLogger, Logger, type LoggerService, type LogLevel, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { rateLimitMiddleware } from './access/rate-limit.middleware.js';
import { RateLimits } from './access/rate-limits.js';
import { AccessTokens } from './access/tokens.js';
import { documentGuardMiddleware } from './common/graphql-document-guard.js';
import { enforceRequestDeadline } from './common/request-deadline.js';
import { workspaceMiddleware } from './workspace/workspace.middleware.js';
import type { AppConfig } from './config/config.js';

/** The largest JSON body (a GraphQL request) the service reads. */
export const GRAPHQL_BODY_LIMIT = '256kb';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  extraModules?: Type[];
  logger?: LogLevel[] | false | LoggerService;
}

/**
 * Nest's console logger at the given levels, coloured only on a terminal: output to a file or a
 * pipe (`npm start > log`, CI, the tests) carries no escape codes. NO_COLOR, read by Nest itself,
 * turns colours off on a terminal too. A logger passed in is used as it is.
 */
export function appLogger(logger: LogLevel[] | false | LoggerService): false | LoggerService {
  if (logger === false || !Array.isArray(logger)) return logger;
  const colored = Boolean(process.stdout.isTTY);
  // The static Logger (used before and beside the app) follows the same rule.
  if (!colored) Logger.overrideLogger(new ConsoleLogger({ logLevels: logger, colors: false }));
  return new ConsoleLogger({ logLevels: logger, ...(colored ? {} : { colors: false }) });
}

/** Builds the application on a database, applying pending migrations first. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: appLogger(options.logger ?? ['log', 'warn', 'error']),
    bodyParser: false,
  });
  // JSON bodies (GraphQL requests; no other route takes JSON) over 256 KB are refused (HTTP
  // 413): ample for any real query and its variables. Whole CSV files go to the upload routes
  // (POST /imports/…: text/csv, streamed, 20 MB, src/common/csv-upload.ts), which no body parser
  // reads. A request not received whole within the request timeout (a silent or a trickling
  // sender) is answered 408 and its connection closed.
  app.useBodyParser('json', { limit: GRAPHQL_BODY_LIMIT });
  // One set of counters for the API and the CSV exports, shared through PostgreSQL by every
  // process on the database.
  const rateLimit = rateLimitMiddleware(options.config, app.get(RateLimits), app.get(AccessTokens));
  // Then the document's size in tokens, fields and list items, before Apollo validates it.
  app.use('/graphql', rateLimit, documentGuardMiddleware());
  app.use('/exports', rateLimit);
  app.use('/imports', rateLimit);
  // The web workspace at / (src/workspace/): its page for a browser's client routes, its
  // hashed assets under /assets/; every other request passes on.
  app.use(workspaceMiddleware());
  const server = app.getHttpServer() as Server;
  enforceRequestDeadline(server, options.config.requestTimeoutMs);
  await app.get(DataSource).runMigrations({ transaction: 'each' });
  return app;
}
