import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { LoggerService, LogLevel, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { rateLimitMiddleware } from './access/rate-limit.middleware.js';
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
  // Bodies over 2 MB are refused (HTTP 413). A connection silent for longer than the request
  // timeout (a slow sender, or a request that takes too long) is answered 408 and closed.
  app.useBodyParser('json', { limit: '2mb' });
  // One set of counters for the API and the CSV exports.
  const rateLimit = rateLimitMiddleware(options.config);
  app.use('/graphql', rateLimit);
  app.use('/exports', rateLimit);
  const server = app.getHttpServer() as Server;
  server.setTimeout(options.config.requestTimeoutMs, (socket: Socket) => {
    if (socket.destroyed) return;
    const body = JSON.stringify({ errors: [{ message: 'Request timed out', extensions: { code: 'BAD_USER_INPUT' } }] });
    socket.end(`HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  await app.get(DataSource).runMigrations({ transaction: 'each' });
  return app;
}
