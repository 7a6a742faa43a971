import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { RequirementsModule } from '../requirements/requirements.module.js';
import { DocumentStorage } from './storage/document-storage.js';
import { FilesystemDocumentStorage } from './storage/filesystem-storage.js';
import { S3DocumentStorage } from './storage/s3-storage.js';
import { DocumentsService } from './documents.service.js';
import { DocumentsController } from './documents.controller.js';
import { CertificationDocumentsResolver, ContractDocumentsResolver, DocumentsResolver, RequirementDocumentsResolver } from './documents.resolver.js';

/** The storage adapter DOCUMENT_STORAGE names: files under DATA_DIR (the default), or an S3-compatible store. */
export function documentStorageFor(config: AppConfig): DocumentStorage {
  return config.documentStorage === 's3' && config.s3 ? new S3DocumentStorage(config.s3) : new FilesystemDocumentStorage(join(config.dataDir, 'documents', 'objects'));
}

@Module({
  imports: [RequirementsModule],
  controllers: [DocumentsController],
  providers: [
    { provide: DocumentStorage, inject: [APP_CONFIG], useFactory: documentStorageFor },
    DocumentsService, DocumentsResolver, RequirementDocumentsResolver, CertificationDocumentsResolver, ContractDocumentsResolver,
  ],
  exports: [DocumentStorage],
})
export class DocumentsModule {}
