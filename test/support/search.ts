import type { TestApp } from './app.js';
import { SearchIndexer } from '../../src/search/search-indexer.js';

/** Brings the search index up to date with every write so far (the outbox drained). */
export async function drainSearchIndex(t: TestApp): Promise<void> {
  await t.app.get(SearchIndexer).drain();
}
