import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Requirement } from '../requirements/requirement.entity.js';
import { SupplierCertification } from '../suppliers/supplier-certification.entity.js';
import { Contract } from '../contracts/contract.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** What a document is attached to. */
export enum DocumentParentKind {
  REQUIREMENT = 'REQUIREMENT',
  CERTIFICATION = 'CERTIFICATION',
  CONTRACT = 'CONTRACT',
}

/**
 * A document's metadata; its bytes are in the document storage under `storageKey`. Attached to
 * exactly one parent: a requirement (drawings, specifications), a supplier certification
 * (certificate scans; removed with it) or a contract.
 */
@Entity('documents')
@Index('documents_requirement_idx', ['requirementId', 'createdAt'])
@Index('documents_certification_idx', ['certificationId', 'createdAt'])
@Index('documents_contract_idx', ['contractId', 'createdAt'])
@Index('documents_storage_key', ['storageKey'], { unique: true })
@Check('documents_one_parent_check', 'num_nonnulls(requirement_id, certification_id, contract_id) = 1')
@Check('documents_size_check', 'size_bytes > 0')
export class Document {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  requirementId: string | null;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id' })
  requirement?: Relation<Requirement>;

  @Column('uuid', { nullable: true })
  certificationId: string | null;

  @ManyToOne(() => SupplierCertification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'certification_id' })
  certification?: Relation<SupplierCertification>;

  @Column('uuid', { nullable: true })
  contractId: string | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Relation<Contract>;

  /** The uploader's organisation: only it may delete the document. */
  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('uuid')
  uploadedBy: string;

  @Column('text')
  fileName: string;

  /** Sniffed from the bytes (document-types.ts), never taken from the sender. */
  @Column('text')
  contentType: string;

  @Column('int')
  sizeBytes: number;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('text')
  storageKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export function parentOf(document: Pick<Document, 'requirementId' | 'certificationId' | 'contractId'>): { kind: DocumentParentKind; id: string } {
  if (document.requirementId) return { kind: DocumentParentKind.REQUIREMENT, id: document.requirementId };
  if (document.certificationId) return { kind: DocumentParentKind.CERTIFICATION, id: document.certificationId };
  if (document.contractId) return { kind: DocumentParentKind.CONTRACT, id: document.contractId };
  throw new Error('document without a parent');
}
