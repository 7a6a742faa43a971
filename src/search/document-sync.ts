import type { EntityManager } from 'typeorm';
import type { SearchIndex } from './search-index.port.js';
import type { DocumentTargets, SearchDocumentsRepository } from './search-documents.repository.js';
import type { SearchSettings } from './search-settings.js';

export interface SyncReport {
  upserted: number;
  deleted: number;
}

/**
 * Rebuilds the named documents from the database and writes them to the index: upserts what
 * exists, deletes what no longer does (or is no longer a supplier). Idempotent, so a retried
 * outbox row or an overlapping reindex does no harm.
 */
export class DocumentSync {
  constructor(
    private readonly repository: SearchDocumentsRepository,
    private readonly index: SearchIndex,
    private readonly settings: SearchSettings,
  ) {}

  async sync(targets: DocumentTargets, manager?: EntityManager): Promise<SyncReport> {
    if (targets.suppliers.size === 0 && targets.requirements.size === 0) return { upserted: 0, deleted: 0 };
    await this.settings.ensureApplied();
    const categories = await this.repository.categories(manager);
    const suppliers = await this.repository.suppliers([...targets.suppliers], manager, categories);
    const requirements = await this.repository.requirements([...targets.requirements], manager, categories);
    if (suppliers.documents.length) await this.index.upsert('suppliers', suppliers.documents);
    if (suppliers.missing.length) await this.index.delete('suppliers', suppliers.missing);
    if (requirements.documents.length) await this.index.upsert('requirements', requirements.documents);
    if (requirements.missing.length) await this.index.delete('requirements', requirements.missing);
    return {
      upserted: suppliers.documents.length + requirements.documents.length,
      deleted: suppliers.missing.length + requirements.missing.length,
    };
  }
}
