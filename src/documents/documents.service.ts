import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fileTypeFromBuffer } from 'file-type';
import type { DataSource, EntityManager } from 'typeorm';
import { Document, DocumentParentKind, parentOf } from './document.entity.js';
import type { DocumentModel } from './document.models.js';
import { ALLOWED_DOCUMENT_TYPES, SNIFF_BYTES, documentFileName, documentTypeOf, FILE_NAME_MAX } from './document-types.js';
import { attachRefusal, canReadCertificationDocuments } from './document-access.js';
import { PARENT_COLUMN, documentModel } from './document-lists.js';
import { headOf, spool } from './document-upload.js';
import { DocumentStorage } from './storage/document-storage.js';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../access/role.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { AuditService } from '../audit/audit.service.js';
import { Requirement } from '../requirements/requirement.entity.js';
import { RequirementsService } from '../requirements/requirements.service.js';
import { SupplierCertification } from '../suppliers/supplier-certification.entity.js';
import { Contract } from '../contracts/contract.entity.js';
import { canReadContract } from '../contracts/contract-access.js';

/** The most documents one parent object carries. */
export const MAX_DOCUMENTS_PER_PARENT = 100;

/**
 * Documents on requirements, certifications and contracts (the rules in document-access.ts).
 *
 * An upload is checked against its parent before a byte is read, then streamed to a spool file
 * (hashed and counted on the way, refused past the size limit), sniffed, and stored: the row is
 * inserted and the bytes put in the storage inside one transaction, so a failure at any step
 * leaves neither a row nor stored bytes (stored bytes whose commit failed are deleted again;
 * the spool file is always removed).
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');
  private readonly spoolDir: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DocumentStorage) private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly requirements: RequirementsService,
    private readonly audit: AuditService,
  ) {
    this.spoolDir = join(config.dataDir, 'documents', 'incoming');
  }

  get maxBytes(): number {
    return this.config.documentMaxBytes;
  }

  /** Before the body is read: NOT_FOUND for a parent the caller may not read, FORBIDDEN or CONFLICT when it may not attach. */
  async checkAttach(actor: Principal, kind: DocumentParentKind, parentId: string, sentName: string | undefined): Promise<string> {
    if (typeof sentName !== 'string' || sentName.trim() === '') throw AppError.badInput('name', 'the file name is required (?name=…)');
    if (sentName.length > FILE_NAME_MAX) throw AppError.badInput('name', `must be at most ${FILE_NAME_MAX} characters`);
    await this.parentForAttach(this.dataSource.manager, actor, kind, parentId);
    return sentName;
  }

  async upload(actor: Principal, kind: DocumentParentKind, parentId: string, sentName: string, body: AsyncIterable<Buffer>): Promise<DocumentModel> {
    const spooled = await spool(body, this.spoolDir);
    try {
      if (spooled.size === 0) throw AppError.badInput('body', 'the document is empty');
      const head = await headOf(spooled.path, SNIFF_BYTES);
      const detected = await fileTypeFromBuffer(head);
      const type = documentTypeOf(head, detected?.mime);
      if (!type) {
        throw new HttpException(`Not an allowed document type (${detected ? `the bytes are ${detected.mime}` : 'the bytes are of no known type'}); allowed: ${ALLOWED_DOCUMENT_TYPES.join(', ')}`, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
      }
      const fileName = documentFileName(sentName, type);
      if (fileName === null) throw AppError.badInput('name', `must be a file name of 1–${FILE_NAME_MAX} characters without control characters`);
      const storageKey = randomBytes(24).toString('base64url');
      let stored = false;
      try {
        const document = await this.dataSource.transaction(async (manager) => {
          await this.parentForAttach(manager, actor, kind, parentId, true);
          // One upload at a time per parent past this point, so that two cannot both pass the count.
          await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`documents:${parentId}`]);
          const count = await manager.countBy(Document, { [PARENT_COLUMN[kind]]: parentId });
          if (count >= MAX_DOCUMENTS_PER_PARENT) throw AppError.conflict(`This ${kind.toLowerCase()} already carries ${MAX_DOCUMENTS_PER_PARENT} documents: delete one first`);
          const row = manager.create(Document, {
            requirementId: null, certificationId: null, contractId: null, [PARENT_COLUMN[kind]]: parentId,
            organizationId: actor.organizationId, uploadedBy: actor.userId,
            fileName, contentType: type.mime, sizeBytes: spooled.size, sha256: spooled.sha256, storageKey,
          });
          await manager.save(row);
          await this.audit.record(manager, actor, { action: 'document.attach', entityType: 'Document', entityId: row.id, after: { ...row, storageKey: undefined } });
          await this.storage.put(storageKey, { ...spooled, contentType: type.mime });
          stored = true;
          return row;
        });
        return documentModel(document);
      } catch (error) {
        if (stored) await this.storage.delete(storageKey).catch((e: unknown) => this.logger.error(`could not remove ${storageKey} after a failed upload: ${String(e)}`));
        throw error;
      }
    } finally {
      await rm(spooled.path, { force: true });
    }
  }

  /** A document the caller may read (its parent's rule) and its bytes; NOT_FOUND otherwise. */
  async open(actor: Principal, id: string): Promise<{ document: Document; bytes: Readable }> {
    const document = await this.dataSource.getRepository(Document).findOneBy({ id });
    if (!document || !(await this.mayReadParent(actor, parentOf(document)))) throw AppError.notFound('Document');
    return { document, bytes: await this.storage.get(document.storageKey) };
  }

  /** Deleted by its uploader's organisation while it may still attach to the parent; the bytes go after the commit. */
  async delete(actor: Principal, id: string): Promise<boolean> {
    const document = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(Document, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !(await this.mayReadParent(actor, parentOf(row)))) throw AppError.notFound('Document');
      if (row.organizationId !== actor.organizationId) throw AppError.forbidden('Only the organisation that attached a document deletes it');
      const parent = parentOf(row);
      await this.parentForAttach(manager, actor, parent.kind, parent.id, true);
      await manager.delete(Document, { id: row.id });
      await this.audit.record(manager, actor, { action: 'document.delete', entityType: 'Document', entityId: row.id, before: { ...row, storageKey: undefined } });
      return row;
    });
    await this.storage.delete(document.storageKey).catch((e: unknown) => this.logger.error(`could not remove the bytes of deleted document ${document.id}: ${String(e)}`));
    return true;
  }

  private async mayReadParent(actor: Principal, parent: { kind: DocumentParentKind; id: string }): Promise<boolean> {
    switch (parent.kind) {
      case DocumentParentKind.REQUIREMENT:
        return this.requirements.get(actor, parent.id).then(() => true, (error: unknown) => {
          if (error instanceof AppError) return false;
          throw error;
        });
      case DocumentParentKind.CERTIFICATION: {
        const certification = await this.dataSource.getRepository(SupplierCertification).findOneBy({ id: parent.id });
        return certification !== null && canReadCertificationDocuments(actor, certification);
      }
      case DocumentParentKind.CONTRACT: {
        const contract = await this.dataSource.getRepository(Contract).findOneBy({ id: parent.id });
        return contract !== null && canReadContract(actor, contract);
      }
    }
  }

  /** The parent, when the caller may attach to it: NOT_FOUND if it may not even read it, else FORBIDDEN or CONFLICT with the reason. */
  private async parentForAttach(manager: EntityManager, actor: Principal, kind: DocumentParentKind, id: string, lock = false): Promise<void> {
    if (!(await this.mayReadParent(actor, { kind, id }))) throw AppError.notFound(kind === DocumentParentKind.REQUIREMENT ? 'Requirement' : kind === DocumentParentKind.CERTIFICATION ? 'Certification' : 'Contract');
    const mode = lock ? { lock: { mode: 'pessimistic_read' as const } } : {};
    let refusal: string | null;
    switch (kind) {
      case DocumentParentKind.REQUIREMENT: {
        const r = await manager.findOneOrFail(Requirement, { where: { id }, ...mode });
        refusal = attachRefusal(actor, { kind, organizationId: r.organizationId, status: r.status });
        if (refusal && r.organizationId === actor.organizationId) throw AppError.conflict(refusal);
        break;
      }
      case DocumentParentKind.CERTIFICATION: {
        const c = await manager.findOneOrFail(SupplierCertification, { where: { id }, ...mode });
        refusal = attachRefusal(actor, { kind, organizationId: c.organizationId });
        break;
      }
      case DocumentParentKind.CONTRACT: {
        const c = await manager.findOneOrFail(Contract, { where: { id }, ...mode });
        refusal = attachRefusal(actor, { kind, buyerOrganizationId: c.buyerOrganizationId, supplierOrganizationId: c.supplierOrganizationId });
        break;
      }
    }
    if (refusal) throw AppError.forbidden(refusal);
  }
}
