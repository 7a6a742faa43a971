import pg from 'pg';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// `date` columns stay 'YYYY-MM-DD' strings: no time-zone shift through JavaScript Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * Settings of every session the service opens. JIT compilation off: the planner turns it on for
 * any statement whose estimated cost passes `jit_above_cost`, and the bureau's levers query
 * (estimated at ~500k, running in ~60 ms) then spent 1.4 s compiling on a server built with
 * LLVM (PostgreSQL 15 from Debian); the statements here are short, and never gain from it.
 */
export const SESSION_OPTIONS = '-c jit=off';

export function dataSourceOptions(url: string, { extra, ...overrides }: Partial<PostgresDataSourceOptions> = {}): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    ...overrides,
    extra: { max: 20, options: SESSION_OPTIONS, ...(extra as Record<string, unknown> | undefined) },
  };
}
