import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { LoggerService, LogLevel, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { rateLimitMiddleware } from './access/rate-limit.middleware.js';
import { AccessTokens } from './access/tokens.js';
import { documentGuardMiddleware } from './common/graphql-document-guard.js';
import { enforceRequestDeadline } from './common/request-deadline.js';
import type { AppConfig } from './config/config.js';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  extraModules?: Type[];
  logger?: LogLevel[] | false | LoggerService;
}

/** Builds the application on a database, applying pending migrations first. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  // Bodies over 2 MB are refused (HTTP 413). A request not received whole within the request
  // timeout (a silent or a trickling sender) is answered 408 and its connection closed.
  app.useBodyParser('json', { limit: '2mb' });
  // One set of counters for the API and the CSV exports.
  const rateLimit = rateLimitMiddleware(options.config, app.get(AccessTokens));
  // Then the document's size in tokens, fields and list items, before Apollo validates it.
  app.use('/graphql', rateLimit, documentGuardMiddleware());
  app.use('/exports', rateLimit);
  const server = app.getHttpServer() as Server;
  enforceRequestDeadline(server, options.config.requestTimeoutMs);
  await app.get(DataSource).runMigrations({ transaction: 'each' });
  return app;
}
