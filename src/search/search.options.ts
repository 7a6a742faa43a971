/**
 * Settings of the search module, taken from the validated configuration (src/config: the
 * backend, the Meilisearch server and index prefix, the outbox worker's pace and batch).
 */
import type { AppConfig } from '../config/config.js';
import { DEFAULT_INDEXER_OPTIONS, type IndexerOptions } from './search-indexer.js';

export interface SearchOptions {
  indexer: IndexerOptions;
  meiliIndexPrefix: string;
}

export function searchOptionsOf(config: AppConfig): SearchOptions {
  return {
    indexer: { ...DEFAULT_INDEXER_OPTIONS, intervalMs: config.searchIndexerIntervalMs, batchSize: config.searchIndexerBatch },
    meiliIndexPrefix: config.meiliIndexPrefix,
  };
}
