import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { RESOLVER_NAME_METADATA } from '@nestjs/graphql/dist/graphql.constants.js';
import { lexicographicSortSchema, printSchema } from 'graphql';
import type { DynamicModule, Type } from '@nestjs/common';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/config.js';

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | undefined;

/**
 * Every class decorated with @Resolver that the application's modules provide, found by
 * walking the module tree from AppModule.forRoot (the modules the running service loads outside
 * production; the explorer adds no resolver). `@Resolver()` without a type records its name
 * as undefined: the metadata's presence is what marks a resolver.
 */
async function resolverClasses(): Promise<Type[]> {
  const found = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = async (ref: ModuleRef): Promise<void> => {
    const module = await ref;
    if (!module || seen.has(module)) return;
    seen.add(module);
    const dynamic = typeof module === 'object' && 'module' in module ? module : undefined;
    const moduleClass = dynamic ? dynamic.module : (module as Type);
    const providers = [...((Reflect.getMetadata('providers', moduleClass) as unknown[] | undefined) ?? []), ...(dynamic?.providers ?? [])];
    for (const provider of providers) {
      if (typeof provider === 'function' && Reflect.hasOwnMetadata(RESOLVER_NAME_METADATA, provider)) found.add(provider as Type);
    }
    const imports = [...((Reflect.getMetadata('imports', moduleClass) as ModuleRef[] | undefined) ?? []), ...((dynamic?.imports as ModuleRef[] | undefined) ?? [])];
    for (const imported of imports) await visit(imported);
  };
  const config = loadConfig({ NODE_ENV: 'development' });
  await visit(AppModule.forRoot({ config, databaseUrl: 'postgres://unused/unused' }));
  return [...found];
}

/**
 * The GraphQL schema in SDL, built from the code-first decorators alone: no database, no HTTP
 * server. The web workspace's operations are checked against it at build time
 * (scripts/build.mjs); test/workspace.e2e-spec.ts checks that it equals the running service's.
 */
export async function schemaSdl(): Promise<string> {
  const resolvers = await resolverClasses();
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(resolvers);
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
