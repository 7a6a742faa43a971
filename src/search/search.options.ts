/**
 * Settings of the search module beyond src/config (which chooses the backend and names the
 * Meilisearch server): read from the environment, validated like the rest of the config.
 *
 *   SEARCH_INDEXER_INTERVAL_MS  pause between outbox-worker runs (default 1000; 0 = no loop)
 *   SEARCH_INDEXER_BATCH        outbox rows per transaction (default 100)
 *   MEILI_INDEX_PREFIX          prefix of the Meilisearch index names (default zlt_)
 */
import { ConfigError } from '../config/config.js';
import { DEFAULT_INDEXER_OPTIONS, type IndexerOptions } from './search-indexer.js';
import { DEFAULT_MEILI_OPTIONS } from './meilisearch/meilisearch-search-index.js';

export interface SearchOptions {
  indexer: IndexerOptions;
  meiliIndexPrefix: string;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

export function loadSearchOptions(env: Env = process.env): SearchOptions {
  const prefix = env.MEILI_INDEX_PREFIX?.trim() || DEFAULT_MEILI_OPTIONS.indexPrefix;
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) throw new ConfigError('MEILI_INDEX_PREFIX', `may hold only letters, digits, - and _ (got "${prefix}")`);
  return {
    indexer: {
      ...DEFAULT_INDEXER_OPTIONS,
      intervalMs: integer(env, 'SEARCH_INDEXER_INTERVAL_MS', DEFAULT_INDEXER_OPTIONS.intervalMs, 0, 3_600_000),
      batchSize: integer(env, 'SEARCH_INDEXER_BATCH', DEFAULT_INDEXER_OPTIONS.batchSize, 1, 1000),
    },
    meiliIndexPrefix: prefix,
  };
}
