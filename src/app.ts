import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { LogLevel, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  extraModules?: Type[];
  logger?: LogLevel[] | false;
}

/** Builds the application on a database, applying pending migrations first. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '2mb' });
  await app.get(DataSource).runMigrations({ transaction: 'each' });
  return app;
}
