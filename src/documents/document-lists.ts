import { In, type DataSource } from 'typeorm';
import type { Principal } from '../access/role.js';
import { SupplierCertification } from '../suppliers/supplier-certification.entity.js';
import { Document, DocumentParentKind, parentOf } from './document.entity.js';
import type { DocumentModel } from './document.models.js';
import { canReadCertificationDocuments } from './document-access.js';

export const PARENT_COLUMN = {
  [DocumentParentKind.REQUIREMENT]: 'requirementId',
  [DocumentParentKind.CERTIFICATION]: 'certificationId',
  [DocumentParentKind.CONTRACT]: 'contractId',
} as const;

/**
 * For the nested fields: each parent's documents, oldest first, as the reader may see them. The
 * requirement and contract parents are already readable (their loaders apply their rules); a
 * certification is public, so its scans are filtered here (canReadCertificationDocuments).
 * At most two queries per kind of parent, whatever the number of parents.
 */
export async function documentsOf(dataSource: DataSource, actor: Principal | undefined, kind: DocumentParentKind, parentIds: readonly string[]): Promise<DocumentModel[][]> {
  if (!actor || parentIds.length === 0) return parentIds.map(() => []);
  let ids = [...parentIds];
  if (kind === DocumentParentKind.CERTIFICATION) {
    const certifications = await dataSource.getRepository(SupplierCertification).find({ select: { id: true, organizationId: true }, where: { id: In(ids) } });
    const readable = new Set(certifications.filter((c) => canReadCertificationDocuments(actor, c)).map((c) => c.id));
    ids = ids.filter((id) => readable.has(id));
  }
  if (ids.length === 0) return parentIds.map(() => []);
  const column = PARENT_COLUMN[kind];
  const rows = await dataSource.getRepository(Document).find({ where: { [column]: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
  return parentIds.map((id) => rows.filter((r) => r[column] === id).map(documentModel));
}

export function documentModel(d: Document): DocumentModel {
  const parent = parentOf(d);
  return {
    id: d.id,
    parentKind: parent.kind,
    parentId: parent.id,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    organizationId: d.organizationId,
    createdAt: d.createdAt,
    downloadPath: `/documents/${d.id}`,
  };
}
