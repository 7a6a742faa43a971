/**
 * The benchmarks' configuration, validated by src/config like the service's: the environment
 * they run in (DATABASE_URL, EMBEDDED_PG_PORT, BENCH_DATA_DIR …) under the settings every
 * benchmark fixes. Built as an env object and passed to `loadConfig`; nothing mutates
 * `process.env`.
 */
import { loadConfig, type AppConfig } from '../src/config/config.js';

const FIXED: Record<string, string> = {
  NODE_ENV: 'production',
  JWT_SECRET: 'benchmark-secret-that-is-long-enough-0123456789',
  RATE_LIMIT_PER_USER: '10000000',
  RATE_LIMIT_PER_IP: '10000000',
  LOGIN_RATE_LIMIT_PER_IP: '100000',
  // The benchmarks measure the PostgreSQL adapter.
  SEARCH_BACKEND: 'postgres',
  // No indexer loop during the measures: the index is rebuilt once, explicitly.
  SEARCH_INDEXER_INTERVAL_MS: '0',
};

/** `defaults` apply where the environment sets nothing (e.g. a benchmark's own embedded port). */
export function benchConfig(defaults: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...defaults, ...process.env, ...FIXED });
}
