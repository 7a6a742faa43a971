import type { DataSource } from 'typeorm';
import { DocumentSync } from './document-sync.js';
import { SearchDocumentsRepository, type DocumentTargets } from './search-documents.repository.js';
import { lockDocuments } from './search-indexer.js';
import type { SearchIndex, SearchIndexName } from './search-index.port.js';
import type { SearchSettings } from './search-settings.js';

export interface ReindexReport {
  suppliers: number;
  requirements: number;
  /** Documents in the index with nothing behind them in the database, now removed. */
  removed: number;
}

const BATCH = 500;

function targets(index: SearchIndexName, ids: string[]): DocumentTargets {
  return index === 'suppliers' ? { suppliers: new Set(ids), requirements: new Set() } : { suppliers: new Set(), requirements: new Set(ids) };
}

/**
 * Rebuilds every document from the database (`npm run reindex`): settings first, then each
 * supplier and requirement in batches, each batch under the indexer's per-document locks so
 * that a worker running at the same time cannot overwrite a newer document with an older
 * one; finally documents the database no longer backs are removed (after checking once more,
 * so that a document created meanwhile survives).
 */
export async function reindexAll(dataSource: DataSource, index: SearchIndex, settings: SearchSettings, log: (line: string) => void = () => undefined): Promise<ReindexReport> {
  await settings.ensureApplied(true);
  const repository = new SearchDocumentsRepository(dataSource);
  const sync = new DocumentSync(repository, index, settings);
  const report: ReindexReport = { suppliers: 0, requirements: 0, removed: 0 };
  for (const name of ['suppliers', 'requirements'] as const) {
    const seen = new Set<string>();
    for (let after: string | null = null; ; ) {
      const ids = await repository.idsAfter(name, after, BATCH);
      if (ids.length === 0) break;
      await dataSource.transaction(async (manager) => {
        const batch = targets(name, ids);
        await lockDocuments(manager, batch);
        await sync.sync(batch, manager);
      });
      ids.forEach((id) => seen.add(id));
      after = ids[ids.length - 1];
      report[name] += ids.length;
      log(`${name}: ${report[name]} indexed`);
    }
    const unbacked = (await index.allIds(name)).filter((id) => !seen.has(id));
    for (let i = 0; i < unbacked.length; i += BATCH) {
      const result = await dataSource.transaction(async (manager) => {
        const batch = targets(name, unbacked.slice(i, i + BATCH));
        await lockDocuments(manager, batch);
        return sync.sync(batch, manager);
      });
      report.removed += result.deleted;
    }
  }
  return report;
}
