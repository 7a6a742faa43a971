import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { SearchIndex } from './search-index.port.js';
import { PostgresSearchIndex } from './postgres/postgres-search-index.js';
import { DEFAULT_MEILI_OPTIONS, MeilisearchSearchIndex } from './meilisearch/meilisearch-search-index.js';
import { SearchDocumentsRepository } from './search-documents.repository.js';
import { SearchSettings } from './search-settings.js';
import { DocumentSync } from './document-sync.js';
import { SearchIndexer } from './search-indexer.js';
import { SearchService } from './search.service.js';
import { SearchResolver, SupplierSearchHitResolver } from './search.resolver.js';
import { searchOptionsOf, type SearchOptions } from './search.options.js';

export const SEARCH_OPTIONS = Symbol('SEARCH_OPTIONS');

/** The adapter SEARCH_BACKEND names: nothing else in the application knows which one runs. */
export function createSearchIndex(config: AppConfig, options: SearchOptions, dataSource: DataSource): SearchIndex {
  if (config.searchBackend === 'meilisearch') {
    if (!config.meiliHost) throw new Error('MEILI_HOST is required when SEARCH_BACKEND=meilisearch');
    return new MeilisearchSearchIndex({ ...DEFAULT_MEILI_OPTIONS, host: config.meiliHost, apiKey: config.meiliApiKey, indexPrefix: options.meiliIndexPrefix });
  }
  return new PostgresSearchIndex(dataSource);
}

/**
 * Search: the SearchIndex port and its adapter, the outbox worker (started with the app,
 * stopped before the database closes), the GraphQL queries and synonym administration.
 * Other features inject `SearchIndex` (e.g. `relevance('suppliers', text, ids)` for matching).
 */
@Module({
  imports: [AuditModule, OutboxModule],
  providers: [
    { provide: SEARCH_OPTIONS, useFactory: searchOptionsOf, inject: [APP_CONFIG] },
    { provide: SearchIndex, useFactory: createSearchIndex, inject: [APP_CONFIG, SEARCH_OPTIONS, DataSource] },
    { provide: SearchDocumentsRepository, useFactory: (ds: DataSource) => new SearchDocumentsRepository(ds), inject: [DataSource] },
    { provide: SearchSettings, useFactory: (ds: DataSource, index: SearchIndex) => new SearchSettings(ds, index), inject: [DataSource, SearchIndex] },
    {
      provide: DocumentSync,
      useFactory: (repository: SearchDocumentsRepository, index: SearchIndex, settings: SearchSettings) => new DocumentSync(repository, index, settings),
      inject: [SearchDocumentsRepository, SearchIndex, SearchSettings],
    },
    {
      provide: SearchIndexer,
      useFactory: (ds: DataSource, repository: SearchDocumentsRepository, sync: DocumentSync, outbox: OutboxService, options: SearchOptions) =>
        new SearchIndexer(ds, repository, sync, outbox, options.indexer),
      inject: [DataSource, SearchDocumentsRepository, DocumentSync, OutboxService, SEARCH_OPTIONS],
    },
    {
      provide: SearchService,
      useFactory: (ds: DataSource, index: SearchIndex, settings: SearchSettings, audit: AuditService) => new SearchService(ds, index, settings, audit),
      inject: [DataSource, SearchIndex, SearchSettings, AuditService],
    },
    SearchResolver,
    SupplierSearchHitResolver,
  ],
  exports: [SearchIndex, SearchService, SearchIndexer, SearchSettings],
})
export class SearchModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(SearchSettings) private readonly settings: SearchSettings,
    @Inject(SearchIndexer) private readonly indexer: SearchIndexer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.settings.startUp();
    this.indexer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.indexer.stop();
  }
}
